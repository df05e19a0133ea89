// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/state/state_view.hpp>

namespace ultra::execute {

/// The highest execute base fee: 2^128 - 1 wei. With gasUsed < 2^64, gasUsed × fee stays below
/// 2^192 and fee × (used - target) below 2^192: no product of the market overflows 256 bits.
inline constexpr uint256 kMaxExecuteBaseFee{~uint64_t{0}, ~uint64_t{0}, 0, 0};

/// The EXECUTE account's storage slot holding the execute base fee of the block that wrote it.
inline constexpr Bytes32 kBaseFeeSlot{};

/// The EXECUTE account's storage slot holding the Σ gasUsed of the EXECUTE calls of the block
/// that wrote it.
inline constexpr Bytes32 kGasUsedSlot = [] {
    Bytes32 s;
    s[31] = 1;
    return s;
}();

/// The execute base fee of a block whose parent had `parent_fee` and whose EXECUTE calls
/// claimed `parent_gas_used` in total: EIP-1559's update rule with the cumulative target T
/// (docs/execute.md):
/// - used == T: fee;
/// - used >  T: fee + max(fee × (used - T) / T / 8, 1);
/// - used <  T: fee - fee × (T - used) / T / 8;
/// then at least config.base_fee_floor and at most kMaxExecuteBaseFee (divisions truncate; the
/// parent fee is first capped at kMaxExecuteBaseFee). A config with T == 0 leaves the fee
/// unchanged (within floor and cap).
[[nodiscard]] uint256 next_execute_base_fee(const uint256& parent_fee,
                                            uint64_t parent_gas_used,
                                            const ExecuteConfig& config) noexcept;

/// The execute-gas figures of one block, as its end stored them in the EXECUTE account.
struct ExecuteFigures
{
    uint256 base_fee;       ///< the execute base fee the block's calls paid per gas
    uint64_t gas_used = 0;  ///< Σ gasUsed of the block's EXECUTE calls

    friend bool operator==(const ExecuteFigures&, const ExecuteFigures&) = default;
};

/// The figures of the block whose post-state is `state` (for JSON-RPC block objects): slots
/// kBaseFeeSlot and kGasUsedSlot of config.address (zero before any block wrote them). A
/// gas-used slot above 2^64 - 1 (never written by EXECUTE) reads as 2^64 - 1.
[[nodiscard]] Result<ExecuteFigures, state::StateError> read_execute_figures(
    const state::StateView& state,
    const ExecuteConfig& config);

/// The execute base fee of the block after one whose figures are `parent`: the floor when the
/// parent's fee is zero (the EXECUTE account was never written), else next_execute_base_fee().
[[nodiscard]] uint256 execute_base_fee_after(const ExecuteFigures& parent,
                                             const ExecuteConfig& config) noexcept;

}  // namespace ultra::execute
