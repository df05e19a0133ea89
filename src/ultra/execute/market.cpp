// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "market.hpp"

#include <algorithm>

namespace ultra::execute {
namespace {

/// EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR: at most 1/8 up or down per block.
constexpr uint64_t kChangeDenominator = 8;

uint256 clamp_fee(const uint256& fee, const ExecuteConfig& config) noexcept
{
    return std::min(std::max(fee, config.base_fee_floor), kMaxExecuteBaseFee);
}

/// A 32-byte slot value as a uint64, saturating.
uint64_t saturating_u64(const Bytes32& v) noexcept
{
    const uint256 x = from_bytes32(v);
    return x > uint256{~uint64_t{0}} ? ~uint64_t{0} : static_cast<uint64_t>(x);
}

}  // namespace

uint256 next_execute_base_fee(const uint256& parent_fee,
                              uint64_t parent_gas_used,
                              const ExecuteConfig& config) noexcept
{
    const uint256 fee = std::min(parent_fee, kMaxExecuteBaseFee);
    const uint64_t target = config.cumulative_gas_target;
    if (target == 0 || parent_gas_used == target) return clamp_fee(fee, config);
    if (parent_gas_used > target) {
        const uint256 delta = fee * (parent_gas_used - target) / target / kChangeDenominator;
        return clamp_fee(fee + std::max(delta, uint256{1}), config);
    }
    const uint256 delta = fee * (target - parent_gas_used) / target / kChangeDenominator;
    return clamp_fee(fee - delta, config);
}

Result<ExecuteFigures, state::StateError> read_execute_figures(const state::StateView& state,
                                                               const ExecuteConfig& config)
{
    ULTRA_TRY(const Bytes32 fee, state.storage(config.address, kBaseFeeSlot));
    ULTRA_TRY(const Bytes32 used, state.storage(config.address, kGasUsedSlot));
    return ExecuteFigures{from_bytes32(fee), saturating_u64(used)};
}

uint256 execute_base_fee_after(const ExecuteFigures& parent, const ExecuteConfig& config) noexcept
{
    if (parent.base_fee == 0) return clamp_fee(config.base_fee_floor, config);
    return next_execute_base_fee(parent.base_fee, parent.gas_used, config);
}

}  // namespace ultra::execute
