// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "partial_trie.hpp"

#include <algorithm>
#include <ultra/core/assert.hpp>
#include <ultra/core/keccak.hpp>
#include <utility>

#include "key_path.hpp"

namespace ultra::trie {
namespace {
using detail::absent;
using detail::key_starts_with;
using detail::present;

// Whether the nibbles of `key` from `depth` on are exactly `path`.
bool is_rest(NibblesView path, BytesView key, size_t depth) noexcept
{
    return 2 * key.size() - depth == path.size() && key_starts_with(path, key, depth);
}

// The nibbles [begin, end) of the packed `key`.
Nibbles key_nibbles(BytesView key, size_t begin, size_t end)
{
    Nibbles out(end - begin, 0);
    for (size_t i = begin; i < end; ++i) out[i - begin] = nibble_at(key, i);
    return out;
}

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
        auto decoded = decode_node(rlp);
        if (!decoded) return unexpected(ProofError::kMalformedNode);
        const DecodedNode& node = *decoded;
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
    root_ = new_node(Kind::kStub);
    nodes_[root_].ref = NodeReference::from_hash(root);
}

PartialTrie::NodeId PartialTrie::new_node(Kind kind)
{
    ULTRA_ASSERT(nodes_.size() < kNone);
    const auto id = static_cast<NodeId>(nodes_.size());
    Node& n = nodes_.emplace_back();
    n.kind = kind;
    n.children = kNoChildren;
    return id;
}

PartialTrie::NodeId PartialTrie::new_leaf(NibblesView path, BytesView value)
{
    const NodeId id = new_node(Kind::kLeaf);
    nodes_[id].path.assign(path);
    nodes_[id].value.assign(value);
    return id;
}

PartialTrie::NodeId PartialTrie::new_extension(NibblesView path, NodeId child)
{
    const NodeId id = new_node(Kind::kExtension);
    nodes_[id].path.assign(path);
    nodes_[id].children[0] = child;
    return id;
}

// ---------------------------------------------------------------------------------------------
// Revealing
// ---------------------------------------------------------------------------------------------

// The node a child reference stands for: none, a new stub for a hash, or the embedded node
// decoded into a new node (embedded nodes are complete: they need no source).
Result<PartialTrie::NodeId, ProofError> PartialTrie::from_reference(BytesView reference)
{
    if (reference.empty()) return kNone;
    if (reference.size() == 32) {
        const NodeId id = new_node(Kind::kStub);
        nodes_[id].ref = NodeReference::from_hash(Hash256::from_view(reference));
        return id;
    }
    auto decoded = decode_node(reference);
    if (!decoded) return unexpected(ProofError::kMalformedNode);
    ULTRA_TRY(const NodeId id, from_decoded(*decoded));
    nodes_[id].ref = NodeReference::from_view(reference);
    return id;
}

// A new node holding `decoded`, its children converted with from_reference(). Rejects the
// non-canonical shapes a single node can show.
Result<PartialTrie::NodeId, ProofError> PartialTrie::from_decoded(const DecodedNode& decoded)
{
    switch (decoded.kind) {
        case NodeKind::kLeaf: return new_leaf(decoded.path, decoded.value);
        case NodeKind::kExtension: {
            ULTRA_TRY(const NodeId child, from_reference(decoded.child));
            // An extension leads to a branch; a stub child is checked when revealed.
            if (nodes_[child].kind != Kind::kStub && nodes_[child].kind != Kind::kBranch)
                return unexpected(ProofError::kMalformedNode);
            return new_extension(decoded.path, child);
        }
        case NodeKind::kBranch: {
            std::array<NodeId, 16> children = kNoChildren;
            size_t entries = decoded.value.empty() ? 0 : 1;
            for (size_t i = 0; i < 16; ++i) {
                ULTRA_TRY(children[i], from_reference(decoded.children[i]));
                if (children[i] != kNone) ++entries;
            }
            // A branch with fewer than two entries is never part of a canonical trie.
            if (entries < 2) return unexpected(ProofError::kMalformedNode);
            const NodeId id = new_node(Kind::kBranch);
            nodes_[id].children = children;
            nodes_[id].value.assign(decoded.value);
            return id;
        }
    }
    return unexpected(ProofError::kMalformedNode);
}

// Turns the stub `id` into the node its hash stands for, in place (parents keep the id); when
// `must_be_branch` (the child of an extension), anything else is kMalformedNode. On error the
// stub stays a stub.
Result<void, ProofError> PartialTrie::reveal(NodeId id, bool must_be_branch)
{
    if (nodes_[id].kind != Kind::kStub) return {};
    ULTRA_ASSERT(source_ != nullptr);  // stubs come only from a source
    const Hash256 hash = nodes_[id].ref.hash();
    ULTRA_TRY(const BytesView rlp, fetch(*source_, check_, hash, id == root_));
    auto decoded = decode_node(rlp);
    if (!decoded) return unexpected(ProofError::kMalformedNode);
    if (must_be_branch && decoded->kind != NodeKind::kBranch)
        return unexpected(ProofError::kMalformedNode);
    ULTRA_TRY(const NodeId built, from_decoded(*decoded));
    Node& n = nodes_[id];
    n = std::move(nodes_[built]);
    // The node is unchanged: keep its reference so that root_hash() does not re-hash it. Only a
    // root can be shorter than 32 bytes; its canonical reference is then the RLP itself.
    n.ref = rlp.size() >= kHashReferenceThreshold ? NodeReference::from_hash(hash)
                                                  : NodeReference::from_rlp(rlp);
    ++revealed_count_;
    return {};
}

// Reveals the child of the extension `id`, which must be a branch.
Result<void, ProofError> PartialTrie::reveal_extension_child(NodeId id)
{
    const NodeId child = nodes_[id].children[0];
    ULTRA_TRY_VOID(reveal(child, true));
    if (nodes_[child].kind != Kind::kBranch) return unexpected(ProofError::kMalformedNode);
    return {};
}

void PartialTrie::reveal_all()
{
    if (root_ == kNone) return;
    // (node, whether its parent is an extension), depth first.
    std::vector<std::pair<NodeId, bool>> stack{{root_, false}};
    while (!stack.empty()) {
        const auto [id, after_extension] = stack.back();
        stack.pop_back();
        if (!reveal(id, after_extension)) continue;  // stays a stub: reads will say why
        const Node& n = nodes_[id];
        if (n.kind == Kind::kExtension) {
            stack.emplace_back(n.children[0], true);
        } else if (n.kind == Kind::kBranch) {
            for (const NodeId c : n.children)
                if (c != kNone) stack.emplace_back(c, false);
        }
    }
}

std::vector<BytesView> PartialTrie::revealed_values() const
{
    std::vector<BytesView> out;
    if (root_ == kNone) return out;
    std::vector<NodeId> stack{root_};
    while (!stack.empty()) {
        const Node& n = nodes_[stack.back()];
        stack.pop_back();
        switch (n.kind) {
            case Kind::kStub: break;
            case Kind::kLeaf: out.emplace_back(n.value); break;
            case Kind::kExtension: stack.push_back(n.children[0]); break;
            case Kind::kBranch:
                if (!n.value.empty()) out.emplace_back(n.value);
                for (const NodeId c : n.children)
                    if (c != kNone) stack.push_back(c);
                break;
        }
    }
    return out;
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
        const Node& n = nodes_[id];
        switch (n.kind) {
            case Kind::kStub:
                return walk(*source_, check_, n.ref.hash(), key, depth, after_extension,
                            id == root_);
            case Kind::kLeaf: return is_rest(n.path, key, depth) ? present(n.value) : absent();
            case Kind::kExtension:
                if (!key_starts_with(n.path, key, depth)) return absent();
                depth += n.path.size();
                id = n.children[0];
                after_extension = true;
                break;
            case Kind::kBranch:
                if (depth == key_size) return n.value.empty() ? absent() : present(n.value);
                id = n.children[nibble_at(key, depth)];
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
    bool changed = false;
    ULTRA_TRY(root_, insert(root_, key, 0, value, changed));
    return {};
}

Result<bool, ProofError> PartialTrie::erase(BytesView key)
{
    bool changed = false;
    ULTRA_TRY(root_, remove(root_, key, 0, changed));
    return changed;
}

// Returns the node that replaces `id` once (key, value) is in it. Every error comes from a
// reveal made before anything at or above the failing level changes, so errors are atomic.
// `changed` is set when anything changed; only then are references on the way up cleared.
Result<PartialTrie::NodeId, ProofError> PartialTrie::insert(NodeId id,
                                                            BytesView key,
                                                            size_t depth,
                                                            BytesView value,
                                                            bool& changed)
{
    const size_t key_size = 2 * key.size();
    if (id == kNone) {
        changed = true;
        return new_leaf(key_nibbles(key, depth, key_size), value);
    }
    ULTRA_TRY_VOID(reveal(id));
    Node& n = nodes_[id];  // a deque: stays valid while nodes are added
    switch (n.kind) {
        case Kind::kLeaf: {
            const size_t common = common_with_key(n.path, key, depth);
            const size_t split = depth + common;
            if (common == n.path.size() && split == key_size) {
                if (n.value == value) return id;
                n.value.assign(value);
                n.ref.clear();
                changed = true;
                return id;
            }
            // Split: a branch where the two keys diverge (or where one of them ends), under an
            // extension for their common part.
            const NodeId b = new_node(Kind::kBranch);
            if (common == n.path.size()) {
                nodes_[b].value = std::move(n.value);
            } else {
                const uint8_t nibble = n.path[common];
                n.path.erase(0, common + 1);
                n.ref.clear();
                nodes_[b].children[nibble] = id;
            }
            if (split == key_size) {
                nodes_[b].value.assign(value);
            } else {
                nodes_[b].children[nibble_at(key, split)] =
                    new_leaf(key_nibbles(key, split + 1, key_size), value);
            }
            changed = true;
            if (common == 0) return b;
            return new_extension(key_nibbles(key, depth, split), b);
        }
        case Kind::kExtension: {
            const size_t common = common_with_key(n.path, key, depth);
            if (common == n.path.size()) {
                ULTRA_TRY_VOID(reveal_extension_child(id));
                ULTRA_TRY(const NodeId child,
                          insert(n.children[0], key, depth + common, value, changed));
                if (changed) {
                    n.children[0] = child;
                    n.ref.clear();
                }
                return id;
            }
            // Split the extension at `common`: [head] -> branch -> [tail] -> old child. The
            // old child may stay a stub: it is moved, not looked into.
            const Nibbles head = n.path.substr(0, common);
            const uint8_t nibble = n.path[common];
            NodeId under = id;
            if (common + 1 == n.path.size()) {
                under = n.children[0];
            } else {
                n.path.erase(0, common + 1);
                n.ref.clear();
            }
            const NodeId b = new_node(Kind::kBranch);
            nodes_[b].children[nibble] = under;
            if (depth + common == key_size) {
                nodes_[b].value.assign(value);
            } else {
                nodes_[b].children[nibble_at(key, depth + common)] =
                    new_leaf(key_nibbles(key, depth + common + 1, key_size), value);
            }
            changed = true;
            if (common == 0) return b;
            return new_extension(head, b);
        }
        case Kind::kBranch: {
            if (depth == key_size) {
                if (n.value == value) return id;
                n.value.assign(value);
                n.ref.clear();
                changed = true;
                return id;
            }
            const uint8_t nibble = nibble_at(key, depth);
            ULTRA_TRY(const NodeId child,
                      insert(n.children[nibble], key, depth + 1, value, changed));
            if (changed) {
                n.children[nibble] = child;
                n.ref.clear();
            }
            return id;
        }
        case Kind::kStub: break;
    }
    ULTRA_ASSERT(false);  // revealed above
    return kNone;
}

// Returns the node that replaces `id` once `key` is removed from it, restoring the canonical
// shape. Only the branch that directly holds the key (as a child leaf or as its value) loses an
// entry; every branch above keeps its entry count. So the one reveal a deletion needs beyond
// the key's path (the remaining child of a collapsing branch) is made at that branch before
// anything changes, and errors stay atomic.
Result<PartialTrie::NodeId, ProofError> PartialTrie::remove(NodeId id,
                                                            BytesView key,
                                                            size_t depth,
                                                            bool& changed)
{
    if (id == kNone) return id;
    ULTRA_TRY_VOID(reveal(id));
    Node& n = nodes_[id];
    switch (n.kind) {
        case Kind::kLeaf:
            // A leaf that is the root (a leaf under a branch is handled by the branch).
            if (!is_rest(n.path, key, depth)) return id;
            changed = true;
            return kNone;
        case Kind::kExtension: {
            if (!key_starts_with(n.path, key, depth)) return id;
            ULTRA_TRY_VOID(reveal_extension_child(id));
            ULTRA_TRY(const NodeId child,
                      remove(n.children[0], key, depth + n.path.size(), changed));
            if (!changed) return id;
            return merge_into_extension(id, child);
        }
        case Kind::kBranch: {
            size_t children = 0;
            for (const NodeId c : n.children)
                if (c != kNone) ++children;
            const bool has_value = !n.value.empty();
            if (depth == 2 * key.size()) {
                if (!has_value) return id;
                if (children == 1) {
                    for (const NodeId c : n.children) {
                        if (c != kNone) ULTRA_TRY_VOID(reveal(c));
                    }
                }
                n.value.clear();
                n.ref.clear();
                changed = true;
                return collapse_branch(id);
            }
            const uint8_t nibble = nibble_at(key, depth);
            const NodeId child = n.children[nibble];
            if (child == kNone) return id;
            ULTRA_TRY_VOID(reveal(child));
            if (nodes_[child].kind == Kind::kLeaf) {
                if (!is_rest(nodes_[child].path, key, depth + 1)) return id;
                // The branch loses an entry. Left with one child, it collapses into it: the
                // child must be revealed (its kind decides the shape), before any change.
                if (children == 2 && !has_value) {
                    for (size_t i = 0; i < 16; ++i) {
                        if (i != nibble && n.children[i] != kNone)
                            ULTRA_TRY_VOID(reveal(n.children[i]));
                    }
                }
                n.children[nibble] = kNone;
                n.ref.clear();
                changed = true;
                return collapse_branch(id);
            }
            ULTRA_TRY(const NodeId replaced, remove(child, key, depth + 1, changed));
            if (!changed) return id;
            // A branch keeps at least one entry and an extension leads to a branch: a child
            // that is not a leaf never disappears.
            ULTRA_ASSERT(replaced != kNone);
            n.children[nibble] = replaced;
            n.ref.clear();
            return id;
        }
        case Kind::kStub: break;
    }
    ULTRA_ASSERT(false);  // revealed above
    return kNone;
}

// The canonical replacement of the branch `id`, which has just lost one entry: itself while it
// has two entries or more; else a leaf for a lone value, or its only child with the child's
// nibble prepended (a leaf or an extension absorbs it; a branch gets a one-nibble extension).
// Precondition: a lone child is revealed.
PartialTrie::NodeId PartialTrie::collapse_branch(NodeId id)
{
    Node& b = nodes_[id];
    size_t children = 0;
    size_t last = 0;
    for (size_t i = 0; i < 16; ++i) {
        if (b.children[i] != kNone) {
            ++children;
            last = i;
        }
    }
    const bool has_value = !b.value.empty();
    if (children + (has_value ? 1 : 0) >= 2) return id;
    if (children == 0) {
        if (!has_value) return kNone;
        return new_leaf({}, b.value);
    }
    const NodeId child = b.children[last];
    const auto nibble = static_cast<uint8_t>(last);
    Node& c = nodes_[child];
    switch (c.kind) {
        case Kind::kLeaf:
        case Kind::kExtension:
            c.path.insert(c.path.begin(), nibble);
            c.ref.clear();
            return child;
        case Kind::kBranch: return new_extension(NibblesView{&nibble, 1}, child);
        case Kind::kStub: break;
    }
    ULTRA_ASSERT(false);  // the caller revealed the lone child
    return kNone;
}

// The canonical replacement of the extension `ext` whose child became `child` (a leaf or an
// extension absorbs the extension's path; a branch stays under it).
PartialTrie::NodeId PartialTrie::merge_into_extension(NodeId ext, NodeId child)
{
    ULTRA_ASSERT(child != kNone);
    Node& e = nodes_[ext];
    Node& c = nodes_[child];
    switch (c.kind) {
        case Kind::kLeaf:
        case Kind::kExtension:
            c.path.insert(0, e.path);
            c.ref.clear();
            return child;
        case Kind::kBranch:
            e.children[0] = child;
            e.ref.clear();
            return ext;
        case Kind::kStub: break;
    }
    ULTRA_ASSERT(false);  // remove() never returns a stub for a changed subtree
    return kNone;
}

// ---------------------------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------------------------

Hash256 PartialTrie::root_hash()
{
    if (root_ == kNone) return kEmptyRoot;
    return reference(root_).root_hash();
}

// The reference of `id`, computing it (children first) when dirty.
const NodeReference& PartialTrie::reference(NodeId id)
{
    Node& n = nodes_[id];
    if (!n.ref.empty()) return n.ref;
    if (n.kind == Kind::kExtension) {
        reference(n.children[0]);
    } else if (n.kind == Kind::kBranch) {
        for (const NodeId c : n.children)
            if (c != kNone) reference(c);
    }
    Bytes rlp;
    encode(rlp, id);
    n.ref = NodeReference::from_rlp(rlp);
    n.fresh = true;
    return n.ref;
}

// Appends the RLP of the revealed node `id`. Precondition: its children's references are set.
void PartialTrie::encode(Bytes& out, NodeId id) const
{
    const Node& n = nodes_[id];
    switch (n.kind) {
        case Kind::kLeaf: encode_leaf(out, n.path, n.value); return;
        case Kind::kExtension: encode_extension(out, n.path, nodes_[n.children[0]].ref); return;
        case Kind::kBranch: {
            std::array<NodeReference, 16> refs;
            for (size_t i = 0; i < 16; ++i)
                if (n.children[i] != kNone) refs[i] = nodes_[n.children[i]].ref;
            encode_branch(out, refs, n.value);
            return;
        }
        case Kind::kStub: break;
    }
    ULTRA_ASSERT(false);  // a stub's reference is never dirty
}

void PartialTrie::collect_nodes(std::vector<Bytes>& out)
{
    if (root_ == kNone) return;
    (void)root_hash();  // sets every reference
    collect(root_, true, out);
}

void PartialTrie::collect(NodeId id, bool is_root, std::vector<Bytes>& out) const
{
    const Node& n = nodes_[id];
    if (n.kind == Kind::kStub) return;
    if (is_root || n.ref.is_hash()) {
        Bytes rlp;
        encode(rlp, id);
        out.push_back(std::move(rlp));
    }
    if (n.kind == Kind::kExtension) {
        collect(n.children[0], false, out);
    } else if (n.kind == Kind::kBranch) {
        for (const NodeId c : n.children)
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
    const Node& n = nodes_[id];
    if (!n.fresh) return;
    if (is_root || n.ref.is_hash()) {
        Bytes rlp;
        encode(rlp, id);
        out.push_back(std::move(rlp));
    }
    if (n.kind == Kind::kExtension) {
        collect_new(n.children[0], false, out);
    } else if (n.kind == Kind::kBranch) {
        for (const NodeId c : n.children)
            if (c != kNone) collect_new(c, false, out);
    }
}

}  // namespace ultra::trie
