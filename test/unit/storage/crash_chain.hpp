// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <random>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/storage/chain_store.hpp>

#include "helpers.hpp"

namespace ultra::storage::test {

/// The chain of the crash test, shared by the writer process and the test that checks what the
/// writer left: the genesis state and the diff of every block are a function of the seed alone,
/// so the checker can recompute the state after any block.
class CrashChain
{
public:
    /// The chain of `seed`, at its genesis.
    explicit CrashChain(uint64_t seed)
        : rng_{seed}, state_{random_state(rng_, 30, 4)}, genesis_{make_genesis(state_)}
    {}

    /// The genesis block.
    [[nodiscard]] const Block& genesis() const noexcept { return genesis_; }

    /// The chain's identity.
    [[nodiscard]] ChainIdentity id() const { return {31337, header_hash(genesis_.header)}; }

    /// The state after the blocks generated so far.
    [[nodiscard]] const state::InMemoryState& state() const noexcept { return state_; }

    /// The diff of the next block; state() moves past it.
    state::StateDiff next_diff()
    {
        state::StateDiff diff = random_diff(rng_, state_);
        state_.apply(diff);
        return diff;
    }

private:
    std::mt19937_64 rng_;
    state::InMemoryState state_;
    Block genesis_;
};

}  // namespace ultra::storage::test
