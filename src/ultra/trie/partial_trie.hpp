// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <vector>

#include "errors.hpp"
#include "node.hpp"
#include "proof.hpp"

namespace ultra::trie {

/// Whether nodes fetched from a NodeSource are re-hashed before use.
enum class HashCheck : uint8_t
{
    /// Re-hash every fetched node and compare with the reference that led to it (any source).
    kVerify,
    /// Trust the source to key every node by its own keccak256: only for sources that hash
    /// what they store, such as NodeSet (whose insert() computes the key).
    kTrusted,
};

/// get(source, root, key) with the choice of re-hashing fetched nodes: with HashCheck::kTrusted
/// over a NodeSet, a read costs no hashing at all. Same answers and errors otherwise.
[[nodiscard]] ProofResult get(const NodeSource& nodes,
                              const Hash256& root,
                              BytesView key,
                              HashCheck check);

/// A Merkle-Patricia trie revealed from nodes known by hash: the sparse trie of stateless
/// execution (GUIDE §3.4, reth's sparse trie). It starts as one *stub* (the root hash) and
/// reveals nodes from its NodeSource only when an operation must look inside them; subtrees
/// nobody touches stay stubs, whose reference is their hash, so root_hash() after k updates
/// hashes O(k * depth) nodes whatever the size of the trie.
///
/// Semantics are MerklePatriciaTrie's (execution-specs trie_set()): keys are byte strings of
/// any length, values are non-empty, putting an empty value erases; deletion restores the
/// canonical shape (a branch left with one entry collapses into a leaf, an extension or its
/// child, extensions merge), so the root depends only on the key/value set and equals the root
/// MerklePatriciaTrie gives for the same final contents.
///
/// The missing-node rule (GUIDE rule 4): an operation that must enter a node the source does
/// not have fails with ProofError::kMissingNode; it never guesses. That includes the subtle case
/// of deletion: when a branch is left with a single child that is a stub, the child must be
/// revealed (its kind decides the collapse), so the source must hold it even though no key of
/// the operation leads there.
///
/// Errors are atomic: a failed get(), put() or erase() leaves the contents unchanged (it may
/// have revealed nodes, which changes nothing observable). Other errors: kHashMismatch (with
/// HashCheck::kVerify, a node that does not hash to its reference) and kMalformedNode (a node
/// decode_node() rejects, a node shorter than 32 bytes referenced by hash, an extension not
/// leading to a branch, a branch with fewer than two entries).
///
/// Limitations:
/// - Recursion depth is the depth of the trie (at most twice the longest key length + 1).
/// - Node storage only grows (replaced nodes are not reused): a PartialTrie is meant to live for
///   one block's worth of updates.
/// - Not thread-safe for writes; const methods may run concurrently. Copies are independent
///   tries sharing the source.
class PartialTrie
{
public:
    /// A fully revealed empty trie with no source (an in-memory trie).
    PartialTrie() = default;

    /// The trie whose root hash is `root`, revealed on demand from `source`, which must outlive
    /// this trie and not change while it is used. kEmptyRoot gives the empty trie.
    PartialTrie(const NodeSource& source,
                const Hash256& root,
                HashCheck check = HashCheck::kVerify);

    /// The value of `key`, nullopt when the nodes prove it absent, or why neither could be
    /// established. Const: walks through stubs without revealing them.
    [[nodiscard]] ProofResult get(BytesView key) const;

    /// Sets `key` to `value`; an empty value erases the key (execution-specs trie_set()).
    /// Reveals the nodes on the key's path.
    [[nodiscard]] Result<void, ProofError> put(BytesView key, BytesView value);

    /// Removes `key`; returns whether it was present. Reveals the nodes on the key's path and,
    /// when a branch collapses, its remaining child.
    [[nodiscard]] Result<bool, ProofError> erase(BytesView key);

    /// The root hash (execution-specs root()): kEmptyRoot when empty. Re-hashes only nodes
    /// changed since the last call; stubs and unchanged revealed nodes keep their hash.
    [[nodiscard]] Hash256 root_hash();

    /// Reveals every node the source has, recursively from the root: afterwards reads walk
    /// decoded nodes only (a witness-backed view calls this once, so that its reads decode
    /// nothing). Nodes the source lacks, or that fail the checks, stay stubs (a read or an update
    /// reaching them reports why, as without this call). Never fails; changes no contents.
    void reveal_all();

    /// The values of the revealed leaves and branches reachable from the root, in no particular
    /// order; the views are valid until the trie changes.
    [[nodiscard]] std::vector<BytesView> revealed_values() const;

    /// A key and its value in the revealed part of the trie (see revealed_entries()).
    struct Entry
    {
        Bytes key;        ///< the full key, packed (high nibble first)
        BytesView value;  ///< the value; valid until the trie changes
    };

    /// The keys and values of the revealed leaves and branches reachable from the root whose
    /// full path has an even number of nibbles (a key of whole bytes), in no particular order:
    /// for each, get(key) gives that value without fetching anything. (revealed_values() also
    /// lists the values at odd paths, which no key reaches.)
    [[nodiscard]] std::vector<Entry> revealed_entries() const;

    /// Appends the RLP of every revealed node that its parent references by hash (and of the
    /// root node, which is always hashed), in depth-first order: the node set of a fully
    /// revealed trie, e.g. one built from empty with put(). Stubs contribute nothing: their
    /// content is unknown. Calls root_hash() first.
    void collect_nodes(std::vector<Bytes>& out);

    /// Appends the RLP of every node created or changed since this trie was constructed that is
    /// still reachable from the root and that its parent references by hash (or is the root,
    /// which is always hashed): what a node database holding the pre-state must add so that it
    /// holds the post-state too. Nodes revealed and left unchanged, stubs and embedded nodes
    /// contribute nothing; a node changed back to its old contents may be listed although the
    /// database already has it. Depth-first, parents before children. Calls root_hash() first.
    /// Empty for an unchanged trie, and for a trie emptied entirely (kEmptyRoot needs no node).
    void collect_new_nodes(std::vector<Bytes>& out);

    /// Number of nodes revealed from the source so far (hashed ones; embedded nodes are part of
    /// their parent).
    [[nodiscard]] size_t revealed_count() const noexcept { return revealed_count_; }

private:
    /// A node, or a stub: a child known only by its hash (kStubBit set, the rest an index into
    /// stubs_), or kNone. Stubs are not nodes: a revealed branch costs one row of 16 ids and
    /// the hashes of its unrevealed children, and revealing a stub makes a node whose id
    /// replaces the stub in its parent's slot.
    using NodeId = uint32_t;
    static constexpr NodeId kNone = 0xffffffff;
    static constexpr NodeId kStubBit = 0x80000000;

    enum class Kind : uint8_t
    {
        kLeaf,
        kExtension,
        kBranch,
    };

    /// Bytes in bytes_, by offset (offsets survive the buffer's growth). Bytes once written
    /// never change, so slices may share them (a shortened path is a narrower slice).
    struct Slice
    {
        uint32_t offset = 0;
        uint32_t size = 0;
    };

    /// A revealed node. Trivially copyable and 56 bytes: a trie is four flat arrays, built,
    /// copied and freed without a per-node allocation.
    struct Node
    {
        NodeReference ref;        // cached reference, empty = dirty
        Kind kind = Kind::kLeaf;  // leaf, extension or branch
        bool fresh = false;       // ref computed by this trie (created or changed)
        Slice path;               // leaf, extension: the remaining path, a nibble per byte
        Slice value;              // leaf value; branch value (size 0: none)
        uint32_t link = kNone;    // extension: the child; branch: its row of rows_
    };

    /// A branch's children.
    using Row = std::array<NodeId, 16>;

    [[nodiscard]] static constexpr bool is_stub(NodeId id) noexcept
    {
        return id != kNone && (id & kStubBit) != 0;
    }

    // Nodes and bytes. Ids and offsets stay valid as the arrays grow; references into them do
    // not, so no Node&, Row& or view of bytes_ is held across a call that may add to them.
    NodeId new_node(Kind kind);
    NodeId new_stub(const Hash256& hash);
    NodeId new_leaf(Slice path, Slice value);
    NodeId new_extension(Slice path, NodeId child);
    NodeId new_branch(const Row& children, Slice value);
    [[nodiscard]] bool owns(BytesView bytes) const noexcept;
    Slice store(BytesView bytes);
    Slice store_nibbles(const PackedPath& path);
    Slice store_key_nibbles(BytesView key, size_t begin, size_t end);
    Slice concat(Slice head, Slice tail);
    Slice prepend(uint8_t nibble, Slice tail);
    [[nodiscard]] NibblesView path_of(NodeId id) const noexcept;
    [[nodiscard]] BytesView value_of(NodeId id) const noexcept;
    [[nodiscard]] const Hash256& stub_hash(NodeId id) const noexcept;
    [[nodiscard]] NodeReference reference_of(NodeId id) const noexcept;
    [[nodiscard]] Row& row(NodeId id) noexcept { return rows_[nodes_[id].link]; }
    [[nodiscard]] const Row& row(NodeId id) const noexcept { return rows_[nodes_[id].link]; }

    Result<NodeId, ProofError> reveal(NodeId id, bool must_be_branch = false);
    Result<void, ProofError> reveal_extension_child(NodeId id);
    Result<NodeId, ProofError> build(const NodeView& decoded);
    Result<NodeId, ProofError> from_reference(BytesView reference);

    Result<NodeId, ProofError> insert(NodeId id,
                                      BytesView key,
                                      size_t depth,
                                      BytesView value,
                                      bool& changed);
    Result<NodeId, ProofError> remove(NodeId id, BytesView key, size_t depth, bool& changed);
    NodeId collapse_branch(NodeId id);
    NodeId merge_into_extension(NodeId ext, NodeId child);

    void compute_reference(NodeId id);
    void encode(Bytes& out, NodeId id) const;
    void collect(NodeId id, bool is_root, std::vector<Bytes>& out) const;
    void collect_new(NodeId id, bool is_root, std::vector<Bytes>& out) const;
    void collect_entries(NodeId id, Nibbles& prefix, std::vector<Entry>& out) const;

    const NodeSource* source_ = nullptr;
    HashCheck check_ = HashCheck::kVerify;
    std::vector<Node> nodes_;
    std::vector<Row> rows_;       // the children of the branches
    std::vector<Hash256> stubs_;  // the hashes of the stubs
    Bytes bytes_;                 // paths and values
    Bytes scratch_;               // root_hash()'s encoding buffer
    NodeId root_ = kNone;
    size_t revealed_count_ = 0;
};

}  // namespace ultra::trie
