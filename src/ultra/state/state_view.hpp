// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/state/account.hpp>

namespace ultra::state {

/// Read-only access to a state (the pre-state of a block or a transaction): the in-memory state,
/// the node's store, or an execution witness implement it.
///
/// The missing-data rule: every reader either answers from data it can vouch for or returns an
/// error. A view that cannot tell whether an account or a slot exists (a witness without the
/// proof of its absence) returns StateError::kMissingData; it never answers "absent" or zero by
/// default. Answers for absent things are real answers: account() gives std::nullopt for an
/// account proven absent, storage() zero for a slot proven absent.
///
/// Implementations must be safe to call concurrently from several threads when no one mutates
/// them (const methods of a value that does not change).
class StateView
{
public:
    virtual ~StateView() = default;

    /// The account at `addr`, or std::nullopt when no account exists there.
    [[nodiscard]] virtual Result<std::optional<AccountInfo>, StateError> account(
        const Address& addr) const = 0;

    /// The value of storage slot `key` of `addr`: zero for an absent slot or an absent account.
    [[nodiscard]] virtual Result<Bytes32, StateError> storage(const Address& addr,
                                                              const Bytes32& key) const = 0;

    /// The code whose keccak256 is `code_hash`; empty bytes for kEmptyHash. An unknown hash is
    /// kMissingData (code is content-addressed: there is no "absent" code).
    [[nodiscard]] virtual Result<Bytes, StateError> code(const Hash256& code_hash) const = 0;

    /// Whether `addr` has at least one non-zero storage slot (storage root != empty root): the
    /// EIP-7610 collision check of CREATE/CREATE2. False for an absent account.
    [[nodiscard]] virtual Result<bool, StateError> has_storage(const Address& addr) const = 0;
};

/// The hashes of recent blocks, for BLOCKHASH (Yellow Paper §9.4.4: the 256 most recent
/// ancestors) and EIP-2935. A separate interface from StateView because the data comes from the
/// chain (headers), not from the state trie.
class BlockHashes
{
public:
    virtual ~BlockHashes() = default;

    /// The hash of the canonical block `number`. The caller only asks for numbers the rules
    /// allow; a number the implementation does not hold is kMissingData, never a zero hash.
    [[nodiscard]] virtual Result<Hash256, StateError> block_hash(uint64_t number) const = 0;
};

}  // namespace ultra::state
