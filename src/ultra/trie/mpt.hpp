// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <vector>

#include "node.hpp"
#include "node_pool.hpp"

namespace ultra::trie {

/// An in-memory Merkle-Patricia trie (Yellow Paper, Appendix D; execution-specs trie.py) with
/// incremental root hashing: every node caches its reference (hash or embedded RLP), and an
/// update only invalidates the caches on the path from the root to the changed key, so
/// root_hash() after k updates re-hashes O(k * depth) nodes, not the whole trie.
///
/// Semantics follow the spec's trie_set(): putting an empty value erases the key. Deletion
/// restores the canonical shape exactly (a branch left with one entry becomes a leaf or merges
/// into an extension, adjacent extensions merge), so the root depends only on the key/value set,
/// never on the order of operations.
///
/// Storage: nodes live in three index-addressed pools (leaves, extensions, branches) with free
/// lists; children are 32-bit ids, not pointers; nodes never move. A leaf (56 bytes) stores its
/// full key and value in one heap block (its path is the key from the leaf's depth on), so
/// splitting or collapsing above a leaf never rewrites it. About 180 bytes per entry for 32-byte
/// keys and values (see docs/trie.md).
///
/// Limitations:
/// - Keys are byte strings; every key of the trie must be a whole number of bytes (true of all
///   Ethereum tries). Keys of different lengths, including a key that is a prefix of another,
///   are supported (they give branch values).
/// - Recursion depth is the depth of the trie (at most twice the longest key length + 1).
/// - Not thread-safe; root_hash() and prove() update caches, so they are non-const.
/// - A partial trie (subtrees known only by hash, revealed from a witness) is not implemented;
///   docs/trie.md describes how it plugs in as a fourth node kind.
class MerklePatriciaTrie
{
public:
    /// A key/value pair viewed inside the trie; valid until the trie is next modified.
    struct Entry
    {
        BytesView key;    ///< the key
        BytesView value;  ///< its value (non-empty)
    };

    /// An empty trie (root kEmptyRoot).
    MerklePatriciaTrie() = default;

    /// Sets `key` to `value`; an empty value erases the key (execution-specs trie_set()).
    /// `key` and `value` may be views into this trie (from get(), next(), ...).
    void put(BytesView key, BytesView value);

    /// Removes `key`; returns whether it was present.
    bool erase(BytesView key);

    /// The value of `key`, or nullopt when absent. The view is valid until the next change.
    [[nodiscard]] std::optional<BytesView> get(BytesView key) const noexcept;

    /// Whether `key` is present.
    [[nodiscard]] bool contains(BytesView key) const noexcept { return get(key).has_value(); }

    /// Number of keys.
    [[nodiscard]] size_t size() const noexcept { return size_; }

    /// True when the trie holds no key.
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    /// Removes every key and releases the node pools.
    void clear() noexcept;

    /// The root hash (execution-specs root()): keccak256 of the root node's RLP, kEmptyRoot when
    /// empty. Re-hashes only nodes changed since the last call.
    [[nodiscard]] Hash256 root_hash();

    /// The Merkle proof for `key`: the RLP of every node on the key's path that is referenced by
    /// hash, root first (embedded nodes are inside their parent). Proves the value when the key
    /// is present and the absence otherwise; check it with verify_proof(). The empty trie has an
    /// empty proof.
    [[nodiscard]] std::vector<Bytes> prove(BytesView key);

    /// The smallest key strictly greater than `key` (byte-wise lexicographic order), if any.
    [[nodiscard]] std::optional<Entry> next(BytesView key) const noexcept;

    /// The largest key strictly smaller than `key`, if any.
    [[nodiscard]] std::optional<Entry> prev(BytesView key) const noexcept;

    /// The smallest key, if any.
    [[nodiscard]] std::optional<Entry> first() const noexcept;

    /// Calls `f(key, value)` (BytesView, BytesView) for every entry in ascending key order.
    /// `f` must not modify the trie.
    template <typename F>
    void for_each(F&& f) const
    {
        if (root_ != kNone) visit(root_, f);
    }

    /// Approximate heap memory held by the trie, in bytes (pools, keys, values, paths).
    [[nodiscard]] size_t memory_usage() const noexcept;

private:
    // A node id: the kind in the top two bits, the pool index below. kNone is the empty trie /
    // empty slot. Kind 3 is reserved for a future "hashed" stub of a partial trie.
    using NodeId = uint32_t;
    static constexpr NodeId kNone = 0xffffffff;
    static constexpr uint32_t kLeafTag = 0;
    static constexpr uint32_t kExtensionTag = 1;
    static constexpr uint32_t kBranchTag = 2;
    static constexpr uint32_t kIndexMask = 0x3fffffff;

    static constexpr uint32_t tag(NodeId id) noexcept { return id >> 30; }
    static constexpr uint32_t index(NodeId id) noexcept { return id & kIndexMask; }
    static constexpr NodeId make_id(uint32_t kind, uint32_t i) noexcept { return (kind << 30) | i; }

    // A key and its value in one heap block (the key, then the value). Empty = no entry: values
    // are never empty. 16 bytes; the block never moves while the entry lives, so views of it
    // survive the entry being moved between nodes.
    class Stored
    {
    public:
        Stored() = default;
        Stored(const Stored& other);
        Stored& operator=(const Stored& other);
        Stored(Stored&&) noexcept = default;
        Stored& operator=(Stored&&) noexcept = default;
        ~Stored() = default;

        [[nodiscard]] bool empty() const noexcept { return data_ == nullptr; }
        [[nodiscard]] BytesView key() const noexcept { return {data_.get(), key_size_}; }
        [[nodiscard]] BytesView value() const noexcept
        {
            return {data_.get() + key_size_, value_size_};
        }
        [[nodiscard]] size_t size() const noexcept { return size_t{key_size_} + value_size_; }
        // Sets key and value, reusing the block when the total size is unchanged (the views
        // may point into this entry).
        void assign(BytesView key, BytesView value);
        void reset() noexcept;

    private:
        std::unique_ptr<uint8_t[]> data_;
        uint32_t key_size_ = 0;
        uint32_t value_size_ = 0;
    };
    struct Leaf
    {
        Stored entry;
        NodeReference ref;  // cached reference; empty = dirty
    };
    struct Extension
    {
        Nibbles path;
        NodeId child = kNone;
        NodeReference ref;
    };
    struct Branch
    {
        std::array<NodeId, 16> children;
        Stored entry;  // the branch value, with its key (the path to the branch)
        NodeReference ref;
        Branch() noexcept { children.fill(kNone); }
    };

    NodeId new_leaf(BytesView key, BytesView value);
    NodeId new_leaf(Stored&& entry);
    NodeId new_extension(NibblesView path, NodeId child);
    NodeId new_branch();
    void free_node(NodeId id) noexcept;
    NodeReference& ref_of(NodeId id) noexcept;
    const NodeReference& ref_of(NodeId id) const noexcept;

    NodeId insert(NodeId id, BytesView key, size_t depth, BytesView value, bool& changed);
    NodeId remove(NodeId id, BytesView key, size_t depth, bool& changed);
    NodeId normalize_branch(NodeId id);
    const NodeReference& reference(NodeId id, size_t depth);
    void encode_node(Bytes& out, NodeId id, size_t depth) const;

    std::optional<Entry> leftmost(NodeId id) const noexcept;
    std::optional<Entry> rightmost(NodeId id) const noexcept;
    std::optional<Entry> first_greater(NodeId id, BytesView key, size_t depth) const noexcept;
    std::optional<Entry> last_less(NodeId id, BytesView key, size_t depth) const noexcept;

    template <typename F>
    void visit(NodeId id, F& f) const
    {
        switch (tag(id)) {
            case kLeafTag: {
                const Stored& e = leaves_[index(id)].entry;
                f(e.key(), e.value());
                return;
            }
            case kExtensionTag: visit(extensions_[index(id)].child, f); return;
            default: {
                const Branch& b = branches_[index(id)];
                if (!b.entry.empty()) f(b.entry.key(), b.entry.value());
                for (const NodeId c : b.children)
                    if (c != kNone) visit(c, f);
                return;
            }
        }
    }

    detail::NodePool<Leaf> leaves_;
    detail::NodePool<Extension> extensions_;
    detail::NodePool<Branch> branches_;
    NodeId root_ = kNone;
    size_t size_ = 0;
    Bytes scratch_;  // encoding buffer reused by root_hash()
};

/// A trie keyed by keccak256(key): the "secure" trie of the state (keys: addresses) and of the
/// storage (keys: slots) (Yellow Paper, Appendix D; execution-specs Trie(secured=True)).
/// Iteration order is that of the hashed keys, so next/prev are on trie() only.
class SecureTrie
{
public:
    /// Sets keccak256(key) to `value`; an empty value erases.
    void put(BytesView key, BytesView value) { trie_.put(keccak256(key), value); }

    /// Removes the key; returns whether it was present.
    bool erase(BytesView key) { return trie_.erase(keccak256(key)); }

    /// The value of the key, or nullopt. Valid until the next change.
    [[nodiscard]] std::optional<BytesView> get(BytesView key) const noexcept
    {
        return trie_.get(keccak256(key));
    }

    /// Number of keys.
    [[nodiscard]] size_t size() const noexcept { return trie_.size(); }

    /// The root hash (see MerklePatriciaTrie::root_hash()).
    [[nodiscard]] Hash256 root_hash() { return trie_.root_hash(); }

    /// The proof of the key; verify it with verify_proof(root, keccak256(key), proof).
    [[nodiscard]] std::vector<Bytes> prove(BytesView key) { return trie_.prove(keccak256(key)); }

    /// The underlying trie, keyed by the hashed keys.
    [[nodiscard]] const MerklePatriciaTrie& trie() const noexcept { return trie_; }

private:
    MerklePatriciaTrie trie_;
};

}  // namespace ultra::trie
