// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/evm/host.hpp>
#include <ultra/execution/block_env.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/state/state.hpp>

namespace ultra::execute {

/// The L1 gas of an EXECUTE call with `input_size` input bytes: config.query_gas_cost for an
/// empty input, else config.gas_cost + config.gas_per_byte × input_size (saturating at
/// 2^64 - 1).
[[nodiscard]] uint64_t execute_gas_cost(uint64_t input_size, const ExecuteConfig& config) noexcept;

/// Ethereum's precompiles plus EXECUTE at config.execute->address, from every revision, with
/// the execute-gas market (docs/execute.md). A call to EXECUTE:
/// 1. charges execute_gas_cost() L1 gas before any work (too little gas: out of gas);
/// 2. empty input: returns abi.encode(uint256 executeBaseFee) of the block (any value sent is
///    returned to the caller);
/// 3. otherwise fails (an exceptional halt: all gas consumed, the caller's frame reverted) in
///    a static context (EIP-214: it writes state) or when not a plain CALL (DELEGATECALL and
///    CALLCODE would make the caller's account EXECUTE's);
/// 4. an input whose ABI does not decode: returns the invalid output and the value;
/// 5. if the block's running Σ gasUsed plus this gasUsed passes the cumulative limit: fails;
/// 6. if the value sent is below gasUsed × executeBaseFee: returns the invalid output and the
///    value, counts and burns nothing;
/// 7. counts gasUsed in the block's total, burns gasUsed × executeBaseFee from what the EXECUTE
///    account received, returns the rest to the caller, then verify() decides: the output of
///    the valid block, or the invalid (all-zero) output. The fee is burned either way.
///
/// Per-block state: begin_block() computes the block's execute base fee from the EXECUTE
/// account's storage (slot 0: the parent block's fee, slot 1: its Σ gasUsed) and zeroes the
/// running total; end_block() writes the block's fee and total there (system writes: no
/// transaction can revert them) and gives the account nonce 1 so that EIP-161 never deletes
/// it. The running total lives in this object, not in the journaled state: a call counts even
/// when its caller later reverts (else reverting would buy L2 verification without moving the
/// market). Hence an instance belongs to one chain and one executing thread, and sees the
/// blocks of that chain one at a time, through apply_body(); use a copy for simulations
/// (eth_call) so that they do not count in the block being built.
///
/// The nested L2 block runs with `l2_precompiles` (by default Ethereum's): pass another
/// ExecutePrecompiles, never this one, to let the L2 carry EXECUTE (rollups of rollups).
class ExecutePrecompiles : public execution::StandardPrecompiles
{
public:
    /// EXECUTE on the L1 chain `l1_config` (copied), whose `execute` must be set (asserted).
    /// `l2_precompiles`, when given, must outlive this object and every copy of it. A copy starts
    /// with the original's per-block figures and counts on its own from then on.
    explicit ExecutePrecompiles(const ChainConfig& l1_config,
                                const execution::PrecompileSet* l2_precompiles = nullptr);

    /// Ethereum's precompiles of `rev`, and EXECUTE's address.
    [[nodiscard]] bool is_precompile(const Address& addr, Revision rev) const noexcept override;

    /// Ethereum's precompiles of `rev` and EXECUTE's address, in increasing order.
    void for_each(Revision rev,
                  void (*fn)(const Address&, void*),
                  void* ctx) const noexcept override;

    /// EXECUTE as the class comment says; Ethereum's precompiles as StandardPrecompiles.
    [[nodiscard]] evm::CallResult run(const evm::Message& msg,
                                      Revision rev,
                                      state::State& state) const noexcept override;

    /// Reads the parent block's figures from the EXECUTE account and sets this block's execute
    /// base fee (execute_base_fee_after()); zeroes the running total.
    void begin_block(state::State& state,
                     const execution::BlockEnv& env,
                     Revision rev) const noexcept override;

    /// Writes this block's execute base fee and Σ gasUsed to the EXECUTE account (nonce 1 when
    /// it had 0) and closes the system write (State::finalize_transaction()).
    void end_block(state::State& state,
                   const execution::BlockEnv& env,
                   Revision rev) const noexcept override;

    /// The execute base fee of the current block (set by begin_block(); the floor before any).
    [[nodiscard]] const uint256& base_fee() const noexcept { return base_fee_; }

    /// Σ gasUsed of the EXECUTE calls counted since begin_block().
    [[nodiscard]] uint64_t block_gas_used() const noexcept { return block_gas_used_; }

    /// Sets the current block's figures directly (a node resuming mid-block, or a simulation
    /// on top of a block being built). Precondition: fee within the floor and the cap.
    void set_block_figures(const uint256& base_fee, uint64_t block_gas_used) noexcept;

    /// The EXECUTE settings.
    [[nodiscard]] const ExecuteConfig& config() const noexcept { return *l1_config_.execute; }

private:
    /// The precompiles the nested L2 block runs with.
    [[nodiscard]] const execution::PrecompileSet& l2_precompiles() const noexcept;

    /// Runs EXECUTE (msg.code_address is the EXECUTE address).
    [[nodiscard]] evm::CallResult run_execute(const evm::Message& msg,
                                              Revision rev,
                                              state::State& state) const noexcept;

    ChainConfig l1_config_;
    const execution::PrecompileSet* l2_custom_ = nullptr;
    execution::StandardPrecompiles l2_standard_;
    mutable uint256 base_fee_;
    mutable uint64_t block_gas_used_ = 0;
};

}  // namespace ultra::execute
