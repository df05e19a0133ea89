// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/state/account.hpp>
#include <ultra/trie/errors.hpp>
#include <ultra/trie/proof.hpp>
#include <vector>

namespace ultra::storage {

/// The proof of one storage slot (EIP-1186 storageProof item).
struct StorageProof
{
    Bytes32 key;               ///< the slot, as asked (not hashed)
    Bytes32 value;             ///< its value, zero when absent
    std::vector<Bytes> proof;  ///< the storage-trie nodes on keccak256(key)'s path, root first

    friend bool operator==(const StorageProof&, const StorageProof&) = default;
};

/// What eth_getProof (EIP-1186) returns for an account and some of its slots: the proofs and
/// the values they prove. Each proof is the RLP of every node on the key's path that its parent
/// references by hash, root first (empty for an empty trie): what trie::verify_proof() checks
/// against the state root (account proof, key keccak256(address)) and against the account's
/// storage root (storage proofs, key keccak256(slot)).
struct AccountProof
{
    Address address;                               ///< the account asked for
    std::optional<state::DecodedAccount> account;  ///< std::nullopt: proven absent
    std::vector<Bytes> account_proof;              ///< the account-trie nodes
    std::vector<StorageProof> storage_proofs;      ///< one per slot asked for, in that order

    friend bool operator==(const AccountProof&, const AccountProof&) = default;
};

/// Builds the proofs of `address` and of `slots` in the state of root `state_root` whose nodes
/// `nodes` serves, by recording the nodes a read of each key fetches (every fetched node is
/// re-hashed against its reference). For an absent account, or one without storage, the storage
/// proofs are empty and the values zero (the empty storage trie proves every slot absent).
/// Errors: kMissingNode when a node on a path is not served; kHashMismatch, kMalformedNode for a
/// damaged node (an undecodable account or storage leaf is kMalformedNode).
[[nodiscard]] Result<AccountProof, trie::ProofError> make_proof(const trie::NodeSource& nodes,
                                                                const Hash256& state_root,
                                                                const Address& address,
                                                                std::span<const Bytes32> slots);

}  // namespace ultra::storage
