// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/state/state_diff.hpp>
#include <ultra/state/state_view.hpp>
#include <unordered_map>

namespace ultra::state {

/// An account of an InMemoryState, with its code and storage.
struct InMemoryAccount
{
    uint64_t nonce = 0;                  ///< nonce
    uint256 balance;                     ///< balance in wei
    Bytes code;                          ///< code (empty for none)
    Hash256 code_hash = kEmptyHash;      ///< keccak256(code), kept in step by the setters
    std::map<Bytes32, Bytes32> storage;  ///< non-zero slots only, sorted

    /// The account's scalar fields.
    [[nodiscard]] AccountInfo info() const noexcept { return {nonce, balance, code_hash}; }
};

/// A whole state in memory: the pre-state of fixture tests and the state of the dev node. It
/// knows every account, so it never returns kMissingData except for code it was never given.
/// Accounts are kept in address order, so iteration is deterministic.
class InMemoryState final : public StateView
{
public:
    InMemoryState() = default;

    // --- StateView ---------------------------------------------------------------------------

    /// The account at `addr`, or std::nullopt.
    [[nodiscard]] Result<std::optional<AccountInfo>, StateError> account(
        const Address& addr) const override;
    /// The slot's value, zero when absent.
    [[nodiscard]] Result<Bytes32, StateError> storage(const Address& addr,
                                                      const Bytes32& key) const override;
    /// The code with that hash (from any account, present or past); kMissingData if never seen.
    [[nodiscard]] Result<Bytes, StateError> code(const Hash256& code_hash) const override;
    /// Whether the account has a non-zero slot.
    [[nodiscard]] Result<bool, StateError> has_storage(const Address& addr) const override;

    // --- Building and changing -----------------------------------------------------------------

    /// Creates or replaces the account at `addr` (its code hash is recomputed from its code and
    /// zero slots are dropped). Returns the stored account.
    InMemoryAccount& set_account(const Address& addr, InMemoryAccount account);

    /// Sets a slot of an existing account; zero erases it. Precondition: the account exists.
    void set_storage(const Address& addr, const Bytes32& key, const Bytes32& value);

    /// Removes an account with its storage; returns whether it existed.
    bool erase(const Address& addr);

    /// Applies a diff: deletions first, then the modified accounts (StateDiff's contract).
    void apply(const StateDiff& diff);

    // --- Inspection ------------------------------------------------------------------------------

    /// The account at `addr`, or nullptr. Valid until the account is changed or erased.
    [[nodiscard]] const InMemoryAccount* find(const Address& addr) const noexcept;

    /// All accounts, in address order.
    [[nodiscard]] const std::map<Address, InMemoryAccount>& accounts() const noexcept
    {
        return accounts_;
    }

    /// The state root: the secure trie of keccak256(address) -> RLP [nonce, balance,
    /// storage_root, code_hash] (Yellow Paper §4.1, Appendix D).
    [[nodiscard]] Hash256 state_root() const;

    /// The root of an account's storage: the secure trie of keccak256(slot) -> RLP(minimal
    /// big-endian value); kEmptyRoot without storage.
    [[nodiscard]] static Hash256 storage_root(const InMemoryAccount& account);

private:
    std::map<Address, InMemoryAccount> accounts_;
    std::unordered_map<Hash256, Bytes, FixedBytesHash> codes_;  // lookups only
};

}  // namespace ultra::state
