// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <unordered_map>

#include "errors.hpp"

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
