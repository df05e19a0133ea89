// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/uint256.hpp>
#include <utility>
#include <vector>

namespace ultra::state {

/// The new values of one account that exists after the change.
struct AccountDiff
{
    Address address;                 ///< the account
    uint64_t nonce = 0;              ///< its nonce after the change
    uint256 balance;                 ///< its balance after the change
    Hash256 code_hash = kEmptyHash;  ///< its code hash after the change
    /// The new code when the code hash changed, or when the account was deleted first (see
    /// StateDiff) and has code again. std::nullopt: keep the code the account had.
    std::optional<Bytes> code;
    /// Slots whose value changed, sorted by key; a zero value deletes the slot.
    std::vector<std::pair<Bytes32, Bytes32>> storage;

    friend bool operator==(const AccountDiff&, const AccountDiff&) = default;
};

/// The effect of executing transactions on a StateView: a value that the caller applies to its
/// state (InMemoryState::apply(), the node's store, or the stateless post-state root).
///
/// Apply in two steps: first remove every account in `deleted_accounts` with all its storage,
/// then write every entry of `modified_accounts` (creating the account when absent). An address
/// may be in both lists: the account was deleted (SELFDESTRUCT, or its storage discarded by a
/// contract creation) and exists again afterwards with only the storage listed in its entry.
/// Both lists are sorted by address, so that a diff is deterministic and can be compared.
struct StateDiff
{
    std::vector<AccountDiff> modified_accounts;  ///< sorted by address
    std::vector<Address> deleted_accounts;       ///< sorted by address

    friend bool operator==(const StateDiff&, const StateDiff&) = default;
};

}  // namespace ultra::state
