// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/evm/host.hpp>
#include <ultra/state/state.hpp>

#include "block_env.hpp"

namespace ultra::execution {

/// The precompiled contracts a chain has: injected into block and transaction execution
/// (GUIDE.md rule 8, revm's PrecompileProvider), so that the L1 node can add EXECUTE without
/// this library knowing it. Implementations must be usable re-entrantly (an EXECUTE call runs
/// a nested block on the same thread, with its own precompile set) and keep no per-call mutable
/// state outside `state`. Per-block figures that no transaction may revert (EXECUTE's running
/// gas total) may live in the instance, between begin_block() and end_block(): such an instance
/// belongs to one chain and one executing thread.
class PrecompileSet
{
public:
    virtual ~PrecompileSet() = default;

    /// Whether `addr` is a precompile at `rev` (EIP-2929 warms them all at transaction start).
    [[nodiscard]] virtual bool is_precompile(const Address& addr, Revision rev) const noexcept = 0;

    /// Calls every precompile address active at `rev`, in increasing order, with `fn(addr)`.
    virtual void for_each(Revision rev,
                          void (*fn)(const Address&, void*),
                          void* ctx) const noexcept = 0;

    /// Called by apply_body() at the start of every block, before the system calls: a stateful
    /// precompile reads its per-block figures from `state` (EXECUTE's execute-gas market,
    /// docs/execute.md). A read the state cannot answer is recorded by `state` (State::error()).
    /// Ethereum's precompiles have none.
    virtual void begin_block(state::State& state, const BlockEnv& env, Revision rev) const noexcept
    {
        (void)state, (void)env, (void)rev;
    }

    /// Called by apply_body() at the end of every block, after the withdrawals, requests and
    /// rewards: a stateful precompile writes its per-block figures to `state` (system writes,
    /// not reverted by any transaction). Ethereum's precompiles have none.
    virtual void end_block(state::State& state, const BlockEnv& env, Revision rev) const noexcept
    {
        (void)state, (void)env, (void)rev;
    }

    /// Runs the precompile at msg.code_address (precondition: is_precompile). Value has already
    /// been transferred; `state` is the transaction's overlay, for stateful precompiles. An
    /// exceptional halt returns gas_left = 0 and an empty output.
    [[nodiscard]] virtual evm::CallResult run(const evm::Message& msg,
                                              Revision rev,
                                              state::State& state) const noexcept = 0;
};

/// The Ethereum precompiles of each revision (ultra::precompiles' table): 0x01..0x11 and 0x100.
class StandardPrecompiles : public PrecompileSet
{
public:
    [[nodiscard]] bool is_precompile(const Address& addr, Revision rev) const noexcept override;
    void for_each(Revision rev,
                  void (*fn)(const Address&, void*),
                  void* ctx) const noexcept override;
    [[nodiscard]] evm::CallResult run(const evm::Message& msg,
                                      Revision rev,
                                      state::State& state) const noexcept override;
};

}  // namespace ultra::execution
