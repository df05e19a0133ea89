// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "partial_trie.hpp"

#include <algorithm>
#include <cstring>
#include <ultra/core/assert.hpp>
#include <ultra/core/keccak.hpp>
#include <utility>

#include "key_path.hpp"

namespace ultra::trie {
namespace {
using detail::absent;
using detail::is_rest;
using detail::key_starts_with;
using detail::present;

// Length of the common prefix of `path` and the nibbles of `key` from `depth` on.
size_t common_with_key(NibblesView path, BytesView key, size_t depth) noexcept
{
    const size_t limit = std::min(path.size(), 2 * key.size() - depth);
    size_t n = 0;
    while (n < limit && path[n] == nibble_at(key, depth + n)) ++n;
    return n;
}

// Fetches the node `hash` from `source`, checking what HashCheck asks for. A node shorter than
// 32 bytes must be embedded in its parent, so only the root may be fetched that short.
Result<BytesView, ProofError> fetch(const NodeSource& source,
                                    HashCheck check,
                                    const Hash256& hash,
                                    bool is_root)
{
    const auto rlp = source.find(hash);
    if (!rlp) return unexpected(ProofError::kMissingNode);
    if (check == HashCheck::kVerify && keccak256(*rlp) != hash)
        return unexpected(ProofError::kHashMismatch);
    if (!is_root && rlp->size() < kHashReferenceThreshold)
        return unexpected(ProofError::kMalformedNode);
    return *rlp;
}

// Reads `key` from the node `hash` of `source`, reached at nibble `depth` (after an extension
// when `after_extension`). The walk of proof.cpp, starting anywhere in the trie. Embedded nodes
// are views into the node holding them, valid because nothing is fetched meanwhile.
ProofResult walk(const NodeSource& source,
                 HashCheck check,
                 const Hash256& hash,
                 BytesView key,
                 size_t depth,
                 bool after_extension,
                 bool is_root)
{
    ULTRA_TRY(BytesView rlp, fetch(source, check, hash, is_root));
    const size_t key_size = 2 * key.size();
    while (true) {
        auto decoded = decode_node_view(rlp);
        if (!decoded) return unexpected(ProofError::kMalformedNode);
        const NodeView& node = *decoded;
        // An extension always leads to a branch in a canonical trie.
        if (after_extension && node.kind != NodeKind::kBranch)
            return unexpected(ProofError::kMalformedNode);
        BytesView next;
        switch (node.kind) {
            case NodeKind::kLeaf:
                return is_rest(node.path, key, depth) ? present(node.value) : absent();
            case NodeKind::kExtension:
                if (!key_starts_with(node.path, key, depth)) return absent();
                depth += node.path.size();
                next = node.child;
                after_extension = true;
                break;
            case NodeKind::kBranch:
                if (key_size == depth) return node.value.empty() ? absent() : present(node.value);
                next = node.children[nibble_at(key, depth)];
                if (next.empty()) return absent();
                ++depth;
                after_extension = false;
                break;
        }
        if (next.size() == 32) {
            ULTRA_TRY(rlp, fetch(source, check, Hash256::from_view(next), false));
        } else {
            rlp = next;
        }
    }
}

constexpr std::array<uint32_t, 16> kNoChildren = [] {
    std::array<uint32_t, 16> a{};
    a.fill(0xffffffff);
    return a;
}();

// Offsets into a trie's bytes are 32-bit.
constexpr size_t kMaxBytes = 0xffffffff;

}  // namespace

ProofResult get(const NodeSource& nodes, const Hash256& root, BytesView key, HashCheck check)
{
    if (root == kEmptyRoot) return absent();
    return walk(nodes, check, root, key, 0, false, true);
}

PartialTrie::PartialTrie(const NodeSource& source, const Hash256& root, HashCheck check)
    : source_{&source}, check_{check}
{
    if (root == kEmptyRoot) return;
    root_ = new_stub(root);
}

// ---------------------------------------------------------------------------------------------
// Nodes and bytes
// ---------------------------------------------------------------------------------------------

PartialTrie::NodeId PartialTrie::new_node(Kind kind)
{
    ULTRA_ASSERT(nodes_.size() < kStubBit);
    const auto id = static_cast<NodeId>(nodes_.size());
    nodes_.emplace_back().kind = kind;
    return id;
}

PartialTrie::NodeId PartialTrie::new_stub(const Hash256& hash)
{
    ULTRA_ASSERT(stubs_.size() < kStubBit - 1);
    const auto index = static_cast<NodeId>(stubs_.size());
    stubs_.push_back(hash);
    return kStubBit | index;
}

PartialTrie::NodeId PartialTrie::new_leaf(Slice path, Slice value)
{
    const NodeId id = new_node(Kind::kLeaf);
    nodes_[id].path = path;
    nodes_[id].value = value;
    return id;
}

PartialTrie::NodeId PartialTrie::new_extension(Slice path, NodeId child)
{
    const NodeId id = new_node(Kind::kExtension);
    nodes_[id].path = path;
    nodes_[id].link = child;
    return id;
}

PartialTrie::NodeId PartialTrie::new_branch(const Row& children, Slice value)
{
    ULTRA_ASSERT(rows_.size() < kNone);
    const auto r = static_cast<uint32_t>(rows_.size());
    rows_.push_back(children);
    const NodeId id = new_node(Kind::kBranch);
    nodes_[id].link = r;
    nodes_[id].value = value;
    return id;
}

// Whether `bytes` views this trie's own bytes (which move when bytes_ grows).
bool PartialTrie::owns(BytesView bytes) const noexcept
{
    if (bytes.empty()) return false;
    const auto base = reinterpret_cast<uintptr_t>(bytes_.data());
    const auto p = reinterpret_cast<uintptr_t>(bytes.data());
    return p >= base && p - base < bytes_.size();
}

// A slice holding a copy of `bytes`, which are not this trie's (put() makes sure).
PartialTrie::Slice PartialTrie::store(BytesView bytes)
{
    if (bytes.empty()) return {};
    ULTRA_ASSERT(!owns(bytes));
    ULTRA_ASSERT(bytes.size() <= kMaxBytes - bytes_.size());
    const auto offset = static_cast<uint32_t>(bytes_.size());
    bytes_.append(bytes);
    return {offset, static_cast<uint32_t>(bytes.size())};
}

PartialTrie::Slice PartialTrie::store_nibbles(const PackedPath& path)
{
    ULTRA_ASSERT(path.size() <= kMaxBytes - bytes_.size());
    const auto offset = static_cast<uint32_t>(bytes_.size());
    bytes_.resize(bytes_.size() + path.size());
    path.unpack_to(bytes_.data() + offset);  // `path` views a node from the source
    return {offset, static_cast<uint32_t>(path.size())};
}

PartialTrie::Slice PartialTrie::store_key_nibbles(BytesView key, size_t begin, size_t end)
{
    ULTRA_ASSERT(begin <= end && end - begin <= kMaxBytes - bytes_.size());
    const auto offset = static_cast<uint32_t>(bytes_.size());
    bytes_.resize(bytes_.size() + (end - begin));
    uint8_t* out = bytes_.data() + offset;  // `key` is not ours (put() makes sure)
    for (size_t i = begin; i < end; ++i) *out++ = nibble_at(key, i);
    return {offset, static_cast<uint32_t>(end - begin)};
}

PartialTrie::Slice PartialTrie::concat(Slice head, Slice tail)
{
    ULTRA_ASSERT(size_t{head.size} + tail.size <= kMaxBytes - bytes_.size());
    const auto offset = static_cast<uint32_t>(bytes_.size());
    bytes_.resize(bytes_.size() + head.size + tail.size);  // may move: copy by offset
    uint8_t* out = bytes_.data() + offset;
    if (head.size > 0) std::memcpy(out, bytes_.data() + head.offset, head.size);
    if (tail.size > 0) std::memcpy(out + head.size, bytes_.data() + tail.offset, tail.size);
    return {offset, head.size + tail.size};
}

PartialTrie::Slice PartialTrie::prepend(uint8_t nibble, Slice tail)
{
    ULTRA_ASSERT(size_t{tail.size} + 1 <= kMaxBytes - bytes_.size());
    const auto offset = static_cast<uint32_t>(bytes_.size());
    bytes_.resize(bytes_.size() + 1 + tail.size);  // may move: copy by offset
    bytes_[offset] = nibble;
    if (tail.size > 0)
        std::memcpy(bytes_.data() + offset + 1, bytes_.data() + tail.offset, tail.size);
    return {offset, tail.size + 1};
}

NibblesView PartialTrie::path_of(NodeId id) const noexcept
{
    const Slice s = nodes_[id].path;
    return s.size == 0 ? NibblesView{} : NibblesView{bytes_.data() + s.offset, s.size};
}

BytesView PartialTrie::value_of(NodeId id) const noexcept
{
    const Slice s = nodes_[id].value;
    return s.size == 0 ? BytesView{} : BytesView{bytes_.data() + s.offset, s.size};
}

const Hash256& PartialTrie::stub_hash(NodeId id) const noexcept
{
    ULTRA_ASSERT(is_stub(id));
    return stubs_[id & ~kStubBit];
}

// How a parent refers to the child `id` (a node whose reference is computed, or a stub).
NodeReference PartialTrie::reference_of(NodeId id) const noexcept
{
    if (id == kNone) return {};
    return is_stub(id) ? NodeReference::from_hash(stub_hash(id)) : nodes_[id].ref;
}

// ---------------------------------------------------------------------------------------------
// Revealing
// ---------------------------------------------------------------------------------------------

// The node a child reference stands for: none, a stub for a hash, or the embedded node
// decoded into a new node (embedded nodes are complete: they need no source).
Result<PartialTrie::NodeId, ProofError> PartialTrie::from_reference(BytesView reference)
{
    if (reference.empty()) return kNone;
    if (reference.size() == 32) return new_stub(Hash256::from_view(reference));
    auto decoded = decode_node_view(reference);
    if (!decoded) return unexpected(ProofError::kMalformedNode);
    ULTRA_TRY(const NodeId id, build(*decoded));
    nodes_[id].ref = NodeReference::from_view(reference);
    return id;
}

// A new node holding `decoded`, its children converted with from_reference(), its reference
// left to the caller. Rejects the non-canonical shapes a single node can show.
Result<PartialTrie::NodeId, ProofError> PartialTrie::build(const NodeView& decoded)
{
    switch (decoded.kind) {
        case NodeKind::kLeaf: {
            const Slice path = store_nibbles(decoded.path);
            return new_leaf(path, store(decoded.value));
        }
        case NodeKind::kExtension: {
            ULTRA_TRY(const NodeId child, from_reference(decoded.child));
            // An extension leads to a branch; a stub child is checked when revealed.
            if (!is_stub(child) && nodes_[child].kind != Kind::kBranch)
                return unexpected(ProofError::kMalformedNode);
            return new_extension(store_nibbles(decoded.path), child);
        }
        case NodeKind::kBranch: {
            Row children = kNoChildren;
            size_t entries = decoded.value.empty() ? 0 : 1;
            for (size_t i = 0; i < 16; ++i) {
                const BytesView reference = decoded.children[i];
                if (reference.empty()) continue;
                ++entries;
                if (reference.size() == 32) {
                    children[i] = new_stub(Hash256::from_view(reference));
                } else {
                    ULTRA_TRY(children[i], from_reference(reference));
                }
            }
            // A branch with fewer than two entries is never part of a canonical trie.
            if (entries < 2) return unexpected(ProofError::kMalformedNode);
            return new_branch(children, store(decoded.value));
        }
    }
    return unexpected(ProofError::kMalformedNode);
}

// The node the stub `id` stands for, made from the source (a node is returned as is); when
// `must_be_branch` (the child of an extension), anything else is kMalformedNode. The caller puts
// the id returned in the stub's place (same contents: harmless even if its operation fails).
Result<PartialTrie::NodeId, ProofError> PartialTrie::reveal(NodeId id, bool must_be_branch)
{
    if (!is_stub(id)) return id;
    ULTRA_ASSERT(source_ != nullptr);  // stubs come only from a source
    const Hash256 hash = stub_hash(id);
    ULTRA_TRY(const BytesView rlp, fetch(*source_, check_, hash, id == root_));
    auto decoded = decode_node_view(rlp);
    if (!decoded) return unexpected(ProofError::kMalformedNode);
    if (must_be_branch && decoded->kind != NodeKind::kBranch)
        return unexpected(ProofError::kMalformedNode);
    ULTRA_TRY(const NodeId revealed, build(*decoded));
    // The node is unchanged: keep its reference so that root_hash() does not re-hash it. Only a
    // root can be shorter than 32 bytes; its canonical reference is then the RLP itself.
    nodes_[revealed].ref = rlp.size() >= kHashReferenceThreshold ? NodeReference::from_hash(hash)
                                                                 : NodeReference::from_rlp(rlp);
    ++revealed_count_;
    return revealed;
}

// Reveals the child of the extension `id` in place; it must be a branch.
Result<void, ProofError> PartialTrie::reveal_extension_child(NodeId id)
{
    ULTRA_TRY(const NodeId child, reveal(nodes_[id].link, true));
    nodes_[id].link = child;
    if (nodes_[child].kind != Kind::kBranch) return unexpected(ProofError::kMalformedNode);
    return {};
}

void PartialTrie::reveal_all()
{
    if (root_ == kNone) return;
    // Depth first: a node or stub, the node whose slot holds it (kNone: root_) and which slot
    // (0..15 of a branch; 16: an extension's child).
    struct Item
    {
        NodeId id;
        NodeId parent;
        uint8_t slot;
    };
    constexpr uint8_t kExtensionSlot = 16;
    std::vector<Item> stack{{root_, kNone, 0}};
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        NodeId id = item.id;
        if (is_stub(id)) {
            const bool after_extension = item.slot == kExtensionSlot;
            auto revealed = reveal(id, after_extension);
            if (!revealed) continue;  // stays a stub: reads will say why
            id = *revealed;
            if (item.parent == kNone) {
                root_ = id;
            } else if (after_extension) {
                nodes_[item.parent].link = id;
            } else {
                row(item.parent)[item.slot] = id;
            }
        }
        const Node& n = nodes_[id];
        if (n.kind == Kind::kExtension) {
            stack.push_back({n.link, id, kExtensionSlot});
        } else if (n.kind == Kind::kBranch) {
            const Row& children = rows_[n.link];
            for (uint8_t i = 0; i < 16; ++i)
                if (children[i] != kNone) stack.push_back({children[i], id, i});
        }
    }
}

std::vector<BytesView> PartialTrie::revealed_values() const
{
    std::vector<BytesView> out;
    if (root_ == kNone) return out;
    std::vector<NodeId> stack{root_};
    while (!stack.empty()) {
        const NodeId id = stack.back();
        stack.pop_back();
        if (is_stub(id)) continue;
        const Node& n = nodes_[id];
        switch (n.kind) {
            case Kind::kLeaf: out.push_back(value_of(id)); break;
            case Kind::kExtension: stack.push_back(n.link); break;
            case Kind::kBranch:
                if (n.value.size != 0) out.push_back(value_of(id));
                for (const NodeId c : rows_[n.link])
                    if (c != kNone) stack.push_back(c);
                break;
        }
    }
    return out;
}

std::vector<PartialTrie::Entry> PartialTrie::revealed_entries() const
{
    std::vector<Entry> out;
    if (root_ == kNone) return out;
    Nibbles prefix;
    collect_entries(root_, prefix, out);
    return out;
}

// Appends the entries under `id`, whose path from the root is `prefix` (restored on return).
void PartialTrie::collect_entries(NodeId id, Nibbles& prefix, std::vector<Entry>& out) const
{
    if (is_stub(id)) return;
    const Node& n = nodes_[id];
    const size_t depth = prefix.size();
    const auto add = [&out](NibblesView path, BytesView value) {
        if (path.size() % 2 != 0) return;
        out.push_back({pack_nibbles(path), value});
    };
    switch (n.kind) {
        case Kind::kLeaf:
            prefix.append(path_of(id));
            add(prefix, value_of(id));
            break;
        case Kind::kExtension:
            prefix.append(path_of(id));
            collect_entries(n.link, prefix, out);
            break;
        case Kind::kBranch:
            if (n.value.size != 0) add(prefix, value_of(id));
            for (uint8_t i = 0; i < 16; ++i) {
                const NodeId c = rows_[n.link][i];
                if (c == kNone) continue;
                prefix.push_back(i);
                collect_entries(c, prefix, out);
                prefix.pop_back();
            }
            break;
    }
    prefix.resize(depth);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

ProofResult PartialTrie::get(BytesView key) const
{
    const size_t key_size = 2 * key.size();
    NodeId id = root_;
    size_t depth = 0;
    bool after_extension = false;
    while (true) {
        if (id == kNone) return absent();
        if (is_stub(id)) {
            return walk(*source_, check_, stub_hash(id), key, depth, after_extension, id == root_);
        }
        const Node& n = nodes_[id];
        switch (n.kind) {
            case Kind::kLeaf:
                return is_rest(path_of(id), key, depth) ? present(value_of(id)) : absent();
            case Kind::kExtension: {
                const NibblesView path = path_of(id);
                if (!key_starts_with(path, key, depth)) return absent();
                depth += path.size();
                id = n.link;
                after_extension = true;
                break;
            }
            case Kind::kBranch:
                if (depth == key_size) return n.value.size == 0 ? absent() : present(value_of(id));
                id = rows_[n.link][nibble_at(key, depth)];
                ++depth;
                after_extension = false;
                break;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Updating
// ---------------------------------------------------------------------------------------------

Result<void, ProofError> PartialTrie::put(BytesView key, BytesView value)
{
    if (value.empty()) {
        ULTRA_TRY_VOID(erase(key));
        return {};
    }
    // A key or value viewing this trie's own bytes (a value it gave) would move with them as
    // the update adds bytes: hold copies.
    if (owns(key) || owns(value)) {
        const Bytes key_copy{key};
        const Bytes value_copy{value};
        return put(key_copy, value_copy);
    }
    bool changed = false;
    ULTRA_TRY(root_, insert(root_, key, 0, value, changed));
    return {};
}

Result<bool, ProofError> PartialTrie::erase(BytesView key)
{
    if (owns(key)) {  // revealing nodes on the way may move it
        const Bytes copy{key};
        return erase(copy);
    }
    bool changed = false;
    ULTRA_TRY(root_, remove(root_, key, 0, changed));
    return changed;
}

// Returns the node that replaces `id` once (key, value) is in it: `id` itself (revealed, when
// it was a stub) if nothing changed. Every error comes from a reveal made before anything at or
// above the failing level changes, so errors are atomic. `changed` is set when anything
// changed; only then are references on the way up cleared.
Result<PartialTrie::NodeId, ProofError> PartialTrie::insert(NodeId id,
                                                            BytesView key,
                                                            size_t depth,
                                                            BytesView value,
                                                            bool& changed)
{
    const size_t key_size = 2 * key.size();
    if (id == kNone) {
        changed = true;
        const Slice path = store_key_nibbles(key, depth, key_size);
        return new_leaf(path, store(value));
    }
    ULTRA_TRY(id, reveal(id));
    switch (nodes_[id].kind) {
        case Kind::kLeaf: {
            const NibblesView path = path_of(id);
            const size_t path_size = path.size();
            const size_t common = common_with_key(path, key, depth);
            const size_t split = depth + common;
            if (common == path_size && split == key_size) {
                if (value_of(id) == value) return id;
                const Slice stored = store(value);
                nodes_[id].value = stored;
                nodes_[id].ref.clear();
                changed = true;
                return id;
            }
            // Split: a branch where the two keys diverge (or where one of them ends), under an
            // extension for their common part.
            Row children = kNoChildren;
            Slice branch_value;
            if (common == path_size) {
                branch_value = nodes_[id].value;
            } else {
                const uint8_t nibble = path[common];
                Node& n = nodes_[id];
                n.path.offset += static_cast<uint32_t>(common + 1);
                n.path.size -= static_cast<uint32_t>(common + 1);
                n.ref.clear();
                children[nibble] = id;
            }
            if (split == key_size) {
                branch_value = store(value);
            } else {
                const Slice rest = store_key_nibbles(key, split + 1, key_size);
                children[nibble_at(key, split)] = new_leaf(rest, store(value));
            }
            const NodeId b = new_branch(children, branch_value);
            changed = true;
            if (common == 0) return b;
            return new_extension(store_key_nibbles(key, depth, split), b);
        }
        case Kind::kExtension: {
            const NibblesView path = path_of(id);
            const size_t path_size = path.size();
            const size_t common = common_with_key(path, key, depth);
            if (common == path_size) {
                ULTRA_TRY_VOID(reveal_extension_child(id));
                ULTRA_TRY(const NodeId child,
                          insert(nodes_[id].link, key, depth + common, value, changed));
                nodes_[id].link = child;
                if (changed) nodes_[id].ref.clear();
                return id;
            }
            // Split the extension at `common`: [head] -> branch -> [tail] -> old child. The
            // old child may stay a stub: it is moved, not looked into.
            const uint8_t nibble = path[common];
            const Slice head{nodes_[id].path.offset, static_cast<uint32_t>(common)};
            NodeId under = id;
            if (common + 1 == path_size) {
                under = nodes_[id].link;
            } else {
                Node& n = nodes_[id];
                n.path.offset += static_cast<uint32_t>(common + 1);
                n.path.size -= static_cast<uint32_t>(common + 1);
                n.ref.clear();
            }
            Row children = kNoChildren;
            children[nibble] = under;
            Slice branch_value;
            if (depth + common == key_size) {
                branch_value = store(value);
            } else {
                const Slice rest = store_key_nibbles(key, depth + common + 1, key_size);
                children[nibble_at(key, depth + common)] = new_leaf(rest, store(value));
            }
            const NodeId b = new_branch(children, branch_value);
            changed = true;
            if (common == 0) return b;
            return new_extension(head, b);
        }
        case Kind::kBranch: {
            if (depth == key_size) {
                if (value_of(id) == value) return id;
                const Slice stored = store(value);
                nodes_[id].value = stored;
                nodes_[id].ref.clear();
                changed = true;
                return id;
            }
            const uint8_t nibble = nibble_at(key, depth);
            ULTRA_TRY(const NodeId child, insert(row(id)[nibble], key, depth + 1, value, changed));
            row(id)[nibble] = child;
            if (changed) nodes_[id].ref.clear();
            return id;
        }
    }
    ULTRA_ASSERT(false);
    return kNone;
}

// Returns the node that replaces `id` once `key` is removed from it, restoring the canonical
// shape (`id` itself, revealed, if nothing changed). Only the branch that directly holds the key
// (as a child leaf or as its value) loses an entry; every branch above keeps its entry count.
// So the one reveal a deletion needs beyond the key's path (the remaining child of a collapsing
// branch) is made at that branch before anything changes, and errors stay atomic.
Result<PartialTrie::NodeId, ProofError> PartialTrie::remove(NodeId id,
                                                            BytesView key,
                                                            size_t depth,
                                                            bool& changed)
{
    if (id == kNone) return id;
    ULTRA_TRY(id, reveal(id));
    switch (nodes_[id].kind) {
        case Kind::kLeaf:
            // A leaf that is the root (a leaf under a branch is handled by the branch).
            if (!is_rest(path_of(id), key, depth)) return id;
            changed = true;
            return kNone;
        case Kind::kExtension: {
            if (!key_starts_with(path_of(id), key, depth)) return id;
            ULTRA_TRY_VOID(reveal_extension_child(id));
            ULTRA_TRY(const NodeId child,
                      remove(nodes_[id].link, key, depth + nodes_[id].path.size, changed));
            if (!changed) return id;
            return merge_into_extension(id, child);
        }
        case Kind::kBranch: {
            size_t children = 0;
            for (const NodeId c : row(id))
                if (c != kNone) ++children;
            const bool has_value = nodes_[id].value.size != 0;
            if (depth == 2 * key.size()) {
                if (!has_value) return id;
                if (children == 1) {
                    for (size_t i = 0; i < 16; ++i) {
                        if (row(id)[i] == kNone) continue;
                        ULTRA_TRY(const NodeId c, reveal(row(id)[i]));
                        row(id)[i] = c;
                    }
                }
                nodes_[id].value = {};
                nodes_[id].ref.clear();
                changed = true;
                return collapse_branch(id);
            }
            const uint8_t nibble = nibble_at(key, depth);
            if (row(id)[nibble] == kNone) return id;
            ULTRA_TRY(const NodeId child, reveal(row(id)[nibble]));
            row(id)[nibble] = child;
            if (nodes_[child].kind == Kind::kLeaf) {
                if (!is_rest(path_of(child), key, depth + 1)) return id;
                // The branch loses an entry. Left with one child, it collapses into it: the
                // child must be revealed (its kind decides the shape), before any change.
                if (children == 2 && !has_value) {
                    for (size_t i = 0; i < 16; ++i) {
                        if (i == nibble || row(id)[i] == kNone) continue;
                        ULTRA_TRY(const NodeId c, reveal(row(id)[i]));
                        row(id)[i] = c;
                    }
                }
                row(id)[nibble] = kNone;
                nodes_[id].ref.clear();
                changed = true;
                return collapse_branch(id);
            }
            ULTRA_TRY(const NodeId replaced, remove(child, key, depth + 1, changed));
            if (!changed) return id;
            // A branch keeps at least one entry and an extension leads to a branch: a child
            // that is not a leaf never disappears.
            ULTRA_ASSERT(replaced != kNone);
            row(id)[nibble] = replaced;
            nodes_[id].ref.clear();
            return id;
        }
    }
    ULTRA_ASSERT(false);
    return kNone;
}

// The canonical replacement of the branch `id`, which has just lost one entry: itself while it
// has two entries or more; else a leaf for a lone value, or its only child with the child's
// nibble prepended (a leaf or an extension absorbs it; a branch gets a one-nibble extension).
// Precondition: a lone child is revealed.
PartialTrie::NodeId PartialTrie::collapse_branch(NodeId id)
{
    size_t children = 0;
    size_t last = 0;
    for (size_t i = 0; i < 16; ++i) {
        if (row(id)[i] != kNone) {
            ++children;
            last = i;
        }
    }
    const bool has_value = nodes_[id].value.size != 0;
    if (children + (has_value ? 1 : 0) >= 2) return id;
    if (children == 0) {
        if (!has_value) return kNone;
        return new_leaf({}, nodes_[id].value);
    }
    const NodeId child = row(id)[last];
    ULTRA_ASSERT(!is_stub(child));  // the caller revealed the lone child
    const auto nibble = static_cast<uint8_t>(last);
    switch (nodes_[child].kind) {
        case Kind::kLeaf:
        case Kind::kExtension: {
            const Slice path = prepend(nibble, nodes_[child].path);
            nodes_[child].path = path;
            nodes_[child].ref.clear();
            return child;
        }
        case Kind::kBranch: {
            const Slice path = store_key_nibbles(BytesView{&nibble, 1}, 1, 2);
            return new_extension(path, child);
        }
    }
    ULTRA_ASSERT(false);
    return kNone;
}

// The canonical replacement of the extension `ext` whose child became `child` (a leaf or an
// extension absorbs the extension's path; a branch stays under it).
PartialTrie::NodeId PartialTrie::merge_into_extension(NodeId ext, NodeId child)
{
    // remove() never returns a stub for a changed subtree.
    ULTRA_ASSERT(child != kNone && !is_stub(child));
    switch (nodes_[child].kind) {
        case Kind::kLeaf:
        case Kind::kExtension: {
            const Slice path = concat(nodes_[ext].path, nodes_[child].path);
            nodes_[child].path = path;
            nodes_[child].ref.clear();
            return child;
        }
        case Kind::kBranch:
            nodes_[ext].link = child;
            nodes_[ext].ref.clear();
            return ext;
    }
    ULTRA_ASSERT(false);
    return kNone;
}

// ---------------------------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------------------------

Hash256 PartialTrie::root_hash()
{
    if (root_ == kNone) return kEmptyRoot;
    if (is_stub(root_)) return stub_hash(root_);
    compute_reference(root_);
    return nodes_[root_].ref.root_hash();
}

// Computes the reference of the node `id` (children first) when dirty.
void PartialTrie::compute_reference(NodeId id)
{
    if (!nodes_[id].ref.empty()) return;
    const Node& n = nodes_[id];
    if (n.kind == Kind::kExtension) {
        if (!is_stub(n.link)) compute_reference(n.link);
    } else if (n.kind == Kind::kBranch) {
        for (const NodeId c : rows_[n.link])
            if (c != kNone && !is_stub(c)) compute_reference(c);
    }
    // Children are done with scratch_ before their parent uses it.
    scratch_.clear();
    encode(scratch_, id);
    Node& done = nodes_[id];
    done.ref = NodeReference::from_rlp(scratch_);
    done.fresh = true;
}

// Appends the RLP of the revealed node `id`. Precondition: its children's references are set.
void PartialTrie::encode(Bytes& out, NodeId id) const
{
    const Node& n = nodes_[id];
    switch (n.kind) {
        case Kind::kLeaf: encode_leaf(out, path_of(id), value_of(id)); return;
        case Kind::kExtension: encode_extension(out, path_of(id), reference_of(n.link)); return;
        case Kind::kBranch: {
            std::array<NodeReference, 16> refs;
            const Row& children = rows_[n.link];
            for (size_t i = 0; i < 16; ++i) refs[i] = reference_of(children[i]);
            encode_branch(out, refs, value_of(id));
            return;
        }
    }
    ULTRA_ASSERT(false);
}

void PartialTrie::collect_nodes(std::vector<Bytes>& out)
{
    if (root_ == kNone) return;
    (void)root_hash();  // sets every reference
    collect(root_, true, out);
}

void PartialTrie::collect(NodeId id, bool is_root, std::vector<Bytes>& out) const
{
    if (is_stub(id)) return;  // its content is unknown
    const Node& n = nodes_[id];
    if (is_root || n.ref.is_hash()) {
        Bytes rlp;
        encode(rlp, id);
        out.push_back(std::move(rlp));
    }
    if (n.kind == Kind::kExtension) {
        collect(n.link, false, out);
    } else if (n.kind == Kind::kBranch) {
        for (const NodeId c : rows_[n.link])
            if (c != kNone) collect(c, false, out);
    }
}

void PartialTrie::collect_new_nodes(std::vector<Bytes>& out)
{
    if (root_ == kNone) return;
    (void)root_hash();  // sets every reference, marking the recomputed ones fresh
    collect_new(root_, true, out);
}

// A node that is not fresh kept the reference it was revealed (or decoded) with, so nothing
// below it changed either: a change clears the references of every node above it.
void PartialTrie::collect_new(NodeId id, bool is_root, std::vector<Bytes>& out) const
{
    if (is_stub(id)) return;
    const Node& n = nodes_[id];
    if (!n.fresh) return;
    if (is_root || n.ref.is_hash()) {
        Bytes rlp;
        encode(rlp, id);
        out.push_back(std::move(rlp));
    }
    if (n.kind == Kind::kExtension) {
        collect_new(n.link, false, out);
    } else if (n.kind == Kind::kBranch) {
        for (const NodeId c : rows_[n.link])
            if (c != kNone) collect_new(c, false, out);
    }
}

}  // namespace ultra::trie
