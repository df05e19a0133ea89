// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <unordered_map>
#include <vector>

#include "errors.hpp"
#include "hash_index.hpp"

/// Merkle proofs and reads through nodes known only by hash (proofs, witnesses, databases).
namespace ultra::trie {

/// The answer of a proof or of a read through a NodeSource: the value, nullopt for a proven
/// absence, or why neither could be established.
using ProofResult = Result<std::optional<Bytes>, ProofError>;

/// Where trie nodes come from when the trie is not in memory: the seam between the trie
/// algorithms and a stateless witness's node set, a proof or the node database. A node is its
/// RLP, keyed by keccak256 of that RLP.
class NodeSource
{
public:
    virtual ~NodeSource() = default;

    /// The RLP of the node whose keccak256 is `hash`, or nullopt when this source does not have
    /// it. The view must stay valid until the next call to find() on this source.
    /// Implementations need not check that the bytes hash to `hash`: readers re-hash.
    [[nodiscard]] virtual std::optional<BytesView> find(const Hash256& hash) const = 0;
};

/// An in-memory NodeSource: a set of nodes keyed by their keccak256 (a witness's `state` list,
/// or the union of several proofs).
class NodeSet final : public NodeSource
{
public:
    /// Adds the node with RLP `rlp` (hashing it); adding a node twice keeps one copy.
    void insert(BytesView rlp);

    /// See NodeSource::find(). Views stay valid until the set is modified.
    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override;

    /// Number of distinct nodes.
    [[nodiscard]] size_t size() const noexcept { return nodes_.size(); }

private:
    std::unordered_map<Hash256, Bytes> nodes_;
};

/// A NodeSource over nodes held elsewhere (a decoded witness's list): each node is hashed once
/// on insert and kept as a view, so nothing is copied. The bytes must outlive the set and not
/// change. An open-addressing index behind a presence bitmap of 32 bits per node: revealing a
/// witness's tries asks for every sibling hash on the proven paths, most of which the witness
/// does not hold, and the bitmap (small enough for the L1/L2 cache) answers ~97 % of those.
class NodeViewSet final : public NodeSource
{
public:
    /// Makes room for `n` nodes.
    void reserve(size_t n);

    /// Adds the node with RLP `rlp` (hashing it) as a view; adding a node twice keeps one.
    void insert(BytesView rlp);

    /// See NodeSource::find(). Views are the inserted ones.
    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override;

    /// Number of distinct nodes.
    [[nodiscard]] size_t size() const noexcept { return index_.size(); }

private:
    void rebuild_filter(size_t bits);
    [[nodiscard]] size_t filter_bit(const Hash256& hash) const noexcept;

    HashIndex<BytesView> index_;
    std::vector<uint64_t> filter_;  // bit filter_bit(h) is set for every hash h in index_
    std::vector<Hash256> keys_;     // the hashes, to rebuild the filter when it grows
};

/// Reads `key` in the trie of root `root` whose nodes are served by `nodes` (how a stateless
/// client reads the pre-state from a witness). Every node fetched is re-hashed and must match
/// the reference that led to it. kMissingNode when a node on the key's path is not in `nodes`:
/// a read that cannot be proven is an error, never an absence. kEmptyRoot reads as absent.
[[nodiscard]] ProofResult get(const NodeSource& nodes, const Hash256& root, BytesView key);

/// Verifies the Merkle proof `proof` of `key` against `root` (the format
/// MerklePatriciaTrie::prove() and eth_getProof (EIP-1186) produce: the RLP of each node on the
/// key's path that is referenced by hash, root first). Returns the value for an inclusion proof,
/// nullopt for an exclusion proof, or:
/// - kMissingNode: the proof ends before the key's position is reached;
/// - kHashMismatch: a proof node does not hash to the reference its parent (or `root`) gives;
/// - kMalformedNode: a node fails decode_node(), an extension does not lead to a branch, or a
///   node shorter than 32 bytes is referenced by hash (it must be embedded);
/// - kExtraNodes: nodes are left after the key's position (an empty proof for kEmptyRoot).
/// Total on arbitrary input: never crashes, never reads out of bounds.
[[nodiscard]] ProofResult verify_proof(const Hash256& root,
                                       BytesView key,
                                       std::span<const Bytes> proof);

}  // namespace ultra::trie
