// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <set>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state_diff.hpp>
#include <ultra/state/state_view.hpp>
#include <utility>

#include "errors.hpp"
#include "witness.hpp"

namespace ultra::stateless {

/// A StateView over a full in-memory state that records what is read through it, and then
/// produces the execution witness of those reads (reth's TrieWitness, go-ethereum's
/// stateless.Witness recording): the stateful side of stateless execution. Execute the block
/// against it, take the block's StateDiff, and make_witness(diff) gives the witness from which
/// WitnessStateView and compute_post_state_root() reproduce the execution and the post-state
/// root (GUIDE rule 12's equivalence).
///
/// Recorded: every account read (account(), has_storage(), and storage() of any slot), every
/// slot read of an account that exists, every non-empty code read. Reads are forwarded to the
/// state unchanged, errors included.
///
/// Not thread-safe (reads record into the view), unlike the StateView contract asks: use one per
/// executing thread. The state must outlive the view and not change while it is used.
class RecordingStateView final : public state::StateView
{
public:
    /// Records reads of `state`.
    explicit RecordingStateView(const state::InMemoryState& state) noexcept : state_{state} {}

    // --- StateView (forwarded and recorded) ----------------------------------------------------

    /// The state's answer; records the account.
    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override;
    /// The state's answer; records the account and the slot.
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override;
    /// The state's answer; records the code when found and not empty.
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override;
    /// The state's answer; records the account.
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override;

    // --- The witness ---------------------------------------------------------------------------

    /// The witness of the recorded reads and of the post-state root of each of `diffs` over the
    /// state (one diff per block; several for the intermediate roots of pre-Byzantium receipts,
    /// each a diff from the same state). Its `state` holds exactly the trie nodes that the
    /// stateless side fetches, found by running the same reads and the same
    /// compute_post_state_root() over the state's full node set and recording every node used:
    /// the proofs of the accounts and slots read (inclusion or exclusion), of the keys the diffs
    /// write or delete, and the remaining child of every branch a deletion collapses. Its
    /// `codes` are the codes read, `keys` the addresses then the slot keys read or written
    /// (each sorted); `headers` are left to the caller. Nodes and codes are sorted by keccak256,
    /// so the witness is deterministic.
    ///
    /// Cost: builds the state's whole account trie, and the storage tries of the accounts
    /// whose slots are read or written (linear in the size of the state, as
    /// InMemoryState::state_root()). Errors: those of compute_post_state_root() (e.g.
    /// kCodeHashMismatch for an inconsistent diff).
    [[nodiscard]] Result<ExecutionWitness, StatelessError> make_witness(
        std::span<const state::StateDiff> diffs) const;

    /// make_witness() for one diff.
    [[nodiscard]] Result<ExecutionWitness, StatelessError> make_witness(
        const state::StateDiff& diff) const;

    // --- Inspection ----------------------------------------------------------------------------

    /// The accounts read, in address order.
    [[nodiscard]] const std::set<Address>& accounts_read() const noexcept { return accounts_; }
    /// The slots read, in (address, key) order.
    [[nodiscard]] const std::set<std::pair<Address, Bytes32>>& slots_read() const noexcept
    {
        return slots_;
    }
    /// The hashes of the (non-empty) codes read, in order.
    [[nodiscard]] const std::set<Hash256>& codes_read() const noexcept { return codes_; }

private:
    const state::InMemoryState& state_;
    mutable std::set<Address> accounts_;
    mutable std::set<std::pair<Address, Bytes32>> slots_;
    mutable std::set<Hash256> codes_;
};

}  // namespace ultra::stateless
