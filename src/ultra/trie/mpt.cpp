// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "mpt.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <ultra/core/assert.hpp>
#include <ultra/core/rlp/encode.hpp>

namespace ultra::trie {
namespace {

// Bytes the allocator uses for an allocation of `n` bytes (glibc: 8 bytes of header, 16-byte
// granularity, 32 at least), approximately; 0 for no allocation.
size_t heap_bytes(size_t n) noexcept
{
    if (n == 0) return 0;
    return std::max<size_t>(32, (n + 8 + 15) / 16 * 16);
}

// Whether the nibbles of `key` from `depth` on start with `path`.
bool path_matches(NibblesView path, BytesView key, size_t depth) noexcept
{
    if (2 * key.size() - depth < path.size()) return false;
    for (size_t i = 0; i < path.size(); ++i)
        if (path[i] != nibble_at(key, depth + i)) return false;
    return true;
}

// Heap bytes held by a byte string beyond its inline (small-string) buffer, approximately.
size_t heap_bytes(const Bytes& b) noexcept
{
    constexpr size_t kInlineCapacity = 15;
    return b.capacity() > kInlineCapacity ? heap_bytes(b.capacity() + 1) : 0;
}

}  // namespace

MerklePatriciaTrie::Stored::Stored(const Stored& other)
{
    if (!other.empty()) assign(other.key(), other.value());
}

MerklePatriciaTrie::Stored& MerklePatriciaTrie::Stored::operator=(const Stored& other)
{
    if (this == &other) return *this;
    if (other.empty())
        reset();
    else
        assign(other.key(), other.value());
    return *this;
}

void MerklePatriciaTrie::Stored::assign(BytesView key, BytesView value)
{
    ULTRA_ASSERT(key.size() <= UINT32_MAX && value.size() <= UINT32_MAX);
    const size_t total = key.size() + value.size();
    // The views may point into this very block (a key or value read from the trie): then, or
    // when the size changes, write into a fresh block and free the old one afterwards.
    const std::less<const uint8_t*> before;
    const uint8_t* begin = data_.get();
    const uint8_t* end = begin + size();
    auto overlaps = [&](BytesView v) {
        return !v.empty() && before(v.data(), end) && before(begin, v.data() + v.size());
    };
    const bool in_place = data_ != nullptr && size() == total && !overlaps(key) && !overlaps(value);
    std::unique_ptr<uint8_t[]> fresh;
    uint8_t* out = data_.get();
    if (!in_place) {
        fresh = std::make_unique_for_overwrite<uint8_t[]>(total);
        out = fresh.get();
    }
    if (!key.empty()) std::memcpy(out, key.data(), key.size());
    if (!value.empty()) std::memcpy(out + key.size(), value.data(), value.size());
    if (!in_place) data_ = std::move(fresh);
    key_size_ = static_cast<uint32_t>(key.size());
    value_size_ = static_cast<uint32_t>(value.size());
}

void MerklePatriciaTrie::Stored::reset() noexcept
{
    data_.reset();
    key_size_ = 0;
    value_size_ = 0;
}

MerklePatriciaTrie::NodeId MerklePatriciaTrie::new_leaf(BytesView key, BytesView value)
{
    Stored entry;
    entry.assign(key, value);
    return new_leaf(std::move(entry));
}

MerklePatriciaTrie::NodeId MerklePatriciaTrie::new_leaf(Stored&& entry)
{
    const uint32_t i = leaves_.allocate();
    Leaf& leaf = leaves_[i];
    leaf.entry = std::move(entry);
    leaf.ref.clear();
    return make_id(kLeafTag, i);
}

MerklePatriciaTrie::NodeId MerklePatriciaTrie::new_extension(NibblesView path, NodeId child)
{
    const uint32_t i = extensions_.allocate();
    Extension& e = extensions_[i];
    e.path.assign(path);
    e.child = child;
    e.ref.clear();
    return make_id(kExtensionTag, i);
}

MerklePatriciaTrie::NodeId MerklePatriciaTrie::new_branch()
{
    // Released branches are reset by free_node(), fresh ones are default-constructed.
    return make_id(kBranchTag, branches_.allocate());
}

void MerklePatriciaTrie::free_node(NodeId id) noexcept
{
    const uint32_t i = index(id);
    switch (tag(id)) {
        case kLeafTag:
            leaves_[i].entry.reset();
            leaves_.release(i);
            return;
        case kExtensionTag:
            extensions_[i].path = Nibbles{};
            extensions_.release(i);
            return;
        default: {
            Branch& b = branches_[i];
            b.children.fill(kNone);
            b.entry.reset();
            b.ref.clear();
            branches_.release(i);
            return;
        }
    }
}

NodeReference& MerklePatriciaTrie::ref_of(NodeId id) noexcept
{
    switch (tag(id)) {
        case kLeafTag: return leaves_[index(id)].ref;
        case kExtensionTag: return extensions_[index(id)].ref;
        default: return branches_[index(id)].ref;
    }
}

const NodeReference& MerklePatriciaTrie::ref_of(NodeId id) const noexcept
{
    switch (tag(id)) {
        case kLeafTag: return leaves_[index(id)].ref;
        case kExtensionTag: return extensions_[index(id)].ref;
        default: return branches_[index(id)].ref;
    }
}

void MerklePatriciaTrie::put(BytesView key, BytesView value)
{
    if (value.empty()) {
        erase(key);
        return;
    }
    bool changed = false;
    root_ = insert(root_, key, 0, value, changed);
}

bool MerklePatriciaTrie::erase(BytesView key)
{
    bool changed = false;
    root_ = remove(root_, key, 0, changed);
    return changed;
}

// Returns the id of the subtree that replaces `id` once (key, value) is in it. `changed` is set
// when anything changed; only then are caches on the way up invalidated.
MerklePatriciaTrie::NodeId MerklePatriciaTrie::insert(NodeId id,
                                                      BytesView key,
                                                      size_t depth,
                                                      BytesView value,
                                                      bool& changed)
{
    const size_t key_nibbles = 2 * key.size();
    if (id == kNone) {
        changed = true;
        ++size_;
        return new_leaf(key, value);
    }
    switch (tag(id)) {
        case kLeafTag: {
            const uint32_t li = index(id);
            const BytesView leaf_key = leaves_[li].entry.key();
            if (leaf_key == key) {
                Leaf& leaf = leaves_[li];
                if (leaf.entry.value() == value) return id;
                leaf.entry.assign(key, value);
                leaf.ref.clear();
                changed = true;
                return id;
            }
            // Split: a branch where the two keys diverge (or where one of them ends), under an
            // extension for their common part.
            const size_t common = common_prefix_length_packed(leaf_key, key, depth);
            const size_t split = depth + common;
            const NodeId b = new_branch();
            if (2 * leaf_key.size() == split) {
                branches_[index(b)].entry = std::move(leaves_[li].entry);
                free_node(id);
            } else {
                branches_[index(b)].children[nibble_at(leaf_key, split)] = id;
                leaves_[li].ref.clear();  // the leaf is deeper now: its path is shorter
            }
            if (key_nibbles == split) {
                branches_[index(b)].entry.assign(key, value);
            } else {
                const NodeId leaf = new_leaf(key, value);
                branches_[index(b)].children[nibble_at(key, split)] = leaf;
            }
            ++size_;
            changed = true;
            if (common == 0) return b;
            Nibbles path(common, 0);
            for (size_t i = 0; i < common; ++i) path[i] = nibble_at(key, depth + i);
            return new_extension(path, b);
        }
        case kExtensionTag: {
            const uint32_t ei = index(id);
            const Nibbles& path = extensions_[ei].path;
            const size_t limit = std::min(path.size(), key_nibbles - depth);
            size_t common = 0;
            while (common < limit && path[common] == nibble_at(key, depth + common)) ++common;
            if (common == path.size()) {
                const NodeId child =
                    insert(extensions_[ei].child, key, depth + common, value, changed);
                if (changed) {
                    Extension& e = extensions_[ei];
                    e.child = child;
                    e.ref.clear();
                }
                return id;
            }
            // Split the extension at `common`: [head] -> branch -> [tail] -> old child.
            const Nibbles head = path.substr(0, common);
            const uint8_t ext_nibble = path[common];
            Nibbles tail = path.substr(common + 1);
            const NodeId old_child = extensions_[ei].child;
            NodeId under = id;
            if (tail.empty()) {
                under = old_child;
                free_node(id);
            } else {
                Extension& e = extensions_[ei];
                e.path = std::move(tail);
                e.ref.clear();
            }
            const NodeId b = new_branch();
            branches_[index(b)].children[ext_nibble] = under;
            if (key_nibbles == depth + common) {
                branches_[index(b)].entry.assign(key, value);
            } else {
                const NodeId leaf = new_leaf(key, value);
                branches_[index(b)].children[nibble_at(key, depth + common)] = leaf;
            }
            ++size_;
            changed = true;
            if (common == 0) return b;
            return new_extension(head, b);
        }
        default: {
            const uint32_t bi = index(id);
            if (key_nibbles == depth) {
                Branch& br = branches_[bi];
                if (!br.entry.empty() && br.entry.value() == value) return id;
                if (br.entry.empty()) ++size_;
                br.entry.assign(key, value);
                br.ref.clear();
                changed = true;
                return id;
            }
            const uint8_t n = nibble_at(key, depth);
            const NodeId child = insert(branches_[bi].children[n], key, depth + 1, value, changed);
            if (changed) {
                Branch& br = branches_[bi];
                br.children[n] = child;
                br.ref.clear();
            }
            return id;
        }
    }
}

// Returns the id of the subtree that replaces `id` once `key` is removed from it, restoring the
// canonical shape (execution-specs trie.py: a branch with a single entry left is replaced by a
// leaf or an extension, and extensions merge with what they lead to).
MerklePatriciaTrie::NodeId MerklePatriciaTrie::remove(NodeId id,
                                                      BytesView key,
                                                      size_t depth,
                                                      bool& changed)
{
    if (id == kNone) return id;
    switch (tag(id)) {
        case kLeafTag:
            if (leaves_[index(id)].entry.key() != key) return id;
            free_node(id);
            --size_;
            changed = true;
            return kNone;
        case kExtensionTag: {
            const uint32_t ei = index(id);
            const size_t path_size = extensions_[ei].path.size();
            if (!path_matches(extensions_[ei].path, key, depth)) return id;
            const NodeId child = remove(extensions_[ei].child, key, depth + path_size, changed);
            if (!changed) return id;
            if (child == kNone) {
                // Not reachable in a canonical trie (a branch never empties at once); kept total.
                free_node(id);
                return kNone;
            }
            switch (tag(child)) {
                case kLeafTag:
                    // The leaf absorbs the extension's path (its key already holds it).
                    free_node(id);
                    leaves_[index(child)].ref.clear();
                    return child;
                case kExtensionTag: {
                    Extension& e = extensions_[ei];
                    const Extension& c = extensions_[index(child)];
                    e.path.append(c.path);
                    e.child = c.child;
                    e.ref.clear();
                    free_node(child);
                    return id;
                }
                default: {
                    Extension& e = extensions_[ei];
                    e.child = child;
                    e.ref.clear();
                    return id;
                }
            }
        }
        default: {
            const uint32_t bi = index(id);
            if (2 * key.size() == depth) {
                Branch& br = branches_[bi];
                if (br.entry.empty()) return id;
                br.entry.reset();
                --size_;
                changed = true;
            } else {
                const uint8_t n = nibble_at(key, depth);
                const NodeId child = remove(branches_[bi].children[n], key, depth + 1, changed);
                if (!changed) return id;
                branches_[bi].children[n] = child;
            }
            branches_[bi].ref.clear();
            return normalize_branch(id);
        }
    }
}

// A branch with fewer than two entries (children + value) is not canonical: replace it.
MerklePatriciaTrie::NodeId MerklePatriciaTrie::normalize_branch(NodeId id)
{
    Branch& br = branches_[index(id)];
    size_t count = 0;
    size_t last = 0;
    for (size_t i = 0; i < 16; ++i) {
        if (br.children[i] != kNone) {
            ++count;
            last = i;
        }
    }
    const bool has_value = !br.entry.empty();
    if (count + (has_value ? 1 : 0) >= 2) return id;
    if (count == 0) {
        if (!has_value) {
            free_node(id);
            return kNone;
        }
        // Only the value is left: it becomes a leaf (its stored key is the path to here).
        Stored entry = std::move(br.entry);
        free_node(id);
        return new_leaf(std::move(entry));
    }
    const NodeId child = br.children[last];
    const auto nibble = static_cast<uint8_t>(last);
    free_node(id);
    switch (tag(child)) {
        case kLeafTag: leaves_[index(child)].ref.clear(); return child;
        case kExtensionTag: {
            Extension& e = extensions_[index(child)];
            e.path.insert(e.path.begin(), nibble);
            e.ref.clear();
            return child;
        }
        default: return new_extension(NibblesView{&nibble, 1}, child);
    }
}

std::optional<BytesView> MerklePatriciaTrie::get(BytesView key) const noexcept
{
    const size_t key_nibbles = 2 * key.size();
    NodeId id = root_;
    size_t depth = 0;
    while (id != kNone) {
        switch (tag(id)) {
            case kLeafTag: {
                const Stored& e = leaves_[index(id)].entry;
                if (e.key() != key) return std::nullopt;
                return e.value();
            }
            case kExtensionTag: {
                const Extension& e = extensions_[index(id)];
                if (!path_matches(e.path, key, depth)) return std::nullopt;
                depth += e.path.size();
                id = e.child;
                break;
            }
            default: {
                const Branch& b = branches_[index(id)];
                if (key_nibbles == depth) {
                    if (b.entry.empty()) return std::nullopt;
                    return b.entry.value();
                }
                id = b.children[nibble_at(key, depth)];
                ++depth;
                break;
            }
        }
    }
    return std::nullopt;
}

void MerklePatriciaTrie::clear() noexcept
{
    leaves_.clear();
    extensions_.clear();
    branches_.clear();
    root_ = kNone;
    size_ = 0;
    scratch_ = Bytes{};
}

void MerklePatriciaTrie::encode_node(Bytes& out, NodeId id, size_t depth) const
{
    switch (tag(id)) {
        case kLeafTag: {
            const Stored& e = leaves_[index(id)].entry;
            encode_leaf_packed(out, e.key(), depth, e.value());
            return;
        }
        case kExtensionTag: {
            const Extension& e = extensions_[index(id)];
            encode_extension(out, e.path, ref_of(e.child));
            return;
        }
        default: {
            // As encode_branch(), reading the children's cached references in place.
            const Branch& b = branches_[index(id)];
            const BytesView value = b.entry.empty() ? BytesView{} : b.entry.value();
            size_t payload = rlp_string_length(value);
            for (const NodeId c : b.children)
                payload += c == kNone ? 1 : ref_of(c).encoded_length();
            rlp::encode_header(out, true, payload);
            for (const NodeId c : b.children) {
                if (c == kNone)
                    out.push_back(0x80);
                else
                    ref_of(c).append_to(out);
            }
            rlp::encode(out, value);
            return;
        }
    }
}

// The reference of node `id` at `depth`, computing the dirty ones below first. No node is
// allocated while hashing, so references into the pools stay valid.
const NodeReference& MerklePatriciaTrie::reference(NodeId id, size_t depth)
{
    NodeReference& r = ref_of(id);
    if (!r.empty()) return r;
    switch (tag(id)) {
        case kLeafTag: break;
        case kExtensionTag: {
            const Extension& e = extensions_[index(id)];
            (void)reference(e.child, depth + e.path.size());
            break;
        }
        default: {
            const Branch& b = branches_[index(id)];
            for (const NodeId c : b.children)
                if (c != kNone) (void)reference(c, depth + 1);
            break;
        }
    }
    scratch_.clear();
    encode_node(scratch_, id, depth);
    r = NodeReference::from_rlp(scratch_);
    return r;
}

Hash256 MerklePatriciaTrie::root_hash()
{
    if (root_ == kNone) return kEmptyRoot;
    return reference(root_, 0).root_hash();
}

std::vector<Bytes> MerklePatriciaTrie::prove(BytesView key)
{
    std::vector<Bytes> proof;
    if (root_ == kNone) return proof;
    (void)root_hash();
    const size_t key_nibbles = 2 * key.size();
    NodeId id = root_;
    size_t depth = 0;
    while (id != kNone) {
        if (id == root_ || ref_of(id).is_hash()) {
            Bytes rlp;
            encode_node(rlp, id, depth);
            proof.push_back(std::move(rlp));
        }
        switch (tag(id)) {
            case kLeafTag: id = kNone; break;
            case kExtensionTag: {
                const Extension& e = extensions_[index(id)];
                if (!path_matches(e.path, key, depth)) {
                    id = kNone;
                    break;
                }
                depth += e.path.size();
                id = e.child;
                break;
            }
            default: {
                const Branch& b = branches_[index(id)];
                if (key_nibbles == depth) {
                    id = kNone;
                    break;
                }
                id = b.children[nibble_at(key, depth)];
                ++depth;
                break;
            }
        }
    }
    return proof;
}

std::optional<MerklePatriciaTrie::Entry> MerklePatriciaTrie::leftmost(NodeId id) const noexcept
{
    while (true) {
        switch (tag(id)) {
            case kLeafTag: {
                const Stored& e = leaves_[index(id)].entry;
                return Entry{e.key(), e.value()};
            }
            case kExtensionTag: id = extensions_[index(id)].child; break;
            default: {
                const Branch& b = branches_[index(id)];
                if (!b.entry.empty()) return Entry{b.entry.key(), b.entry.value()};
                NodeId next = kNone;
                for (const NodeId c : b.children) {
                    if (c != kNone) {
                        next = c;
                        break;
                    }
                }
                if (next == kNone) return std::nullopt;
                id = next;
                break;
            }
        }
    }
}

std::optional<MerklePatriciaTrie::Entry> MerklePatriciaTrie::rightmost(NodeId id) const noexcept
{
    while (true) {
        switch (tag(id)) {
            case kLeafTag: {
                const Stored& e = leaves_[index(id)].entry;
                return Entry{e.key(), e.value()};
            }
            case kExtensionTag: id = extensions_[index(id)].child; break;
            default: {
                const Branch& b = branches_[index(id)];
                NodeId next = kNone;
                for (size_t i = 16; i-- > 0;) {
                    if (b.children[i] != kNone) {
                        next = b.children[i];
                        break;
                    }
                }
                if (next == kNone) {
                    if (b.entry.empty()) return std::nullopt;
                    return Entry{b.entry.key(), b.entry.value()};
                }
                id = next;
                break;
            }
        }
    }
}

// Invariant: every key below `id` starts with the first `depth` nibbles of `key`.
std::optional<MerklePatriciaTrie::Entry>
MerklePatriciaTrie::first_greater(NodeId id, BytesView key, size_t depth) const noexcept
{
    const size_t key_nibbles = 2 * key.size();
    switch (tag(id)) {
        case kLeafTag: {
            const Stored& e = leaves_[index(id)].entry;
            if (e.key() > key) return Entry{e.key(), e.value()};
            return std::nullopt;
        }
        case kExtensionTag: {
            const Extension& e = extensions_[index(id)];
            for (size_t i = 0; i < e.path.size(); ++i) {
                // Below, every key extends `key` (so is greater) or differs from it here.
                if (depth + i == key_nibbles) return leftmost(e.child);
                const uint8_t k = nibble_at(key, depth + i);
                if (k < e.path[i]) return leftmost(e.child);
                if (k > e.path[i]) return std::nullopt;
            }
            return first_greater(e.child, key, depth + e.path.size());
        }
        default: {
            const Branch& b = branches_[index(id)];
            size_t from = 0;
            if (key_nibbles != depth) {
                // The branch value (if any) is a proper prefix of `key`, hence smaller.
                const uint8_t n = nibble_at(key, depth);
                if (b.children[n] != kNone) {
                    auto r = first_greater(b.children[n], key, depth + 1);
                    if (r) return r;
                }
                from = size_t{n} + 1;
            }
            for (size_t i = from; i < 16; ++i)
                if (b.children[i] != kNone) return leftmost(b.children[i]);
            return std::nullopt;
        }
    }
}

// Invariant: as first_greater().
std::optional<MerklePatriciaTrie::Entry> MerklePatriciaTrie::last_less(NodeId id,
                                                                       BytesView key,
                                                                       size_t depth) const noexcept
{
    const size_t key_nibbles = 2 * key.size();
    switch (tag(id)) {
        case kLeafTag: {
            const Stored& e = leaves_[index(id)].entry;
            if (e.key() < key) return Entry{e.key(), e.value()};
            return std::nullopt;
        }
        case kExtensionTag: {
            const Extension& e = extensions_[index(id)];
            for (size_t i = 0; i < e.path.size(); ++i) {
                if (depth + i == key_nibbles) return std::nullopt;
                const uint8_t k = nibble_at(key, depth + i);
                if (k > e.path[i]) return rightmost(e.child);
                if (k < e.path[i]) return std::nullopt;
            }
            return last_less(e.child, key, depth + e.path.size());
        }
        default: {
            const Branch& b = branches_[index(id)];
            // Every key below equals or extends `key`: none is smaller.
            if (key_nibbles == depth) return std::nullopt;
            const uint8_t n = nibble_at(key, depth);
            if (b.children[n] != kNone) {
                auto r = last_less(b.children[n], key, depth + 1);
                if (r) return r;
            }
            for (size_t i = n; i-- > 0;)
                if (b.children[i] != kNone) return rightmost(b.children[i]);
            if (!b.entry.empty()) return Entry{b.entry.key(), b.entry.value()};
            return std::nullopt;
        }
    }
}

std::optional<MerklePatriciaTrie::Entry> MerklePatriciaTrie::next(BytesView key) const noexcept
{
    if (root_ == kNone) return std::nullopt;
    return first_greater(root_, key, 0);
}

std::optional<MerklePatriciaTrie::Entry> MerklePatriciaTrie::prev(BytesView key) const noexcept
{
    if (root_ == kNone) return std::nullopt;
    return last_less(root_, key, 0);
}

std::optional<MerklePatriciaTrie::Entry> MerklePatriciaTrie::first() const noexcept
{
    if (root_ == kNone) return std::nullopt;
    return leftmost(root_);
}

size_t MerklePatriciaTrie::memory_usage() const noexcept
{
    size_t m = leaves_.memory_usage() + extensions_.memory_usage() + branches_.memory_usage();
    // Live and released slots alike: released ones hold no heap memory.
    for (uint32_t i = 0; i < leaves_.high_water(); ++i) m += heap_bytes(leaves_[i].entry.size());
    for (uint32_t i = 0; i < extensions_.high_water(); ++i) m += heap_bytes(extensions_[i].path);
    for (uint32_t i = 0; i < branches_.high_water(); ++i)
        m += heap_bytes(branches_[i].entry.size());
    return m;
}

}  // namespace ultra::trie
