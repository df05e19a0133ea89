// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::execution {

/// The block a transaction executes in, as the EVM and transaction validation see it
/// (execution-specs BlockEnvironment).
struct BlockEnv
{
    uint64_t number = 0;
    uint64_t timestamp = 0;
    uint64_t gas_limit = 0;
    Address coinbase;
    /// Before Paris: the block difficulty (DIFFICULTY). From Paris: unused.
    uint256 difficulty;
    /// From Paris: the beacon chain's RANDAO mix (PREVRANDAO, EIP-4399).
    Bytes32 prev_randao;
    uint256 base_fee;       ///< EIP-1559 (London); zero before.
    uint256 blob_base_fee;  ///< EIP-4844 (Cancun): derived from the excess blob gas.
    /// EIP-4844: the most blob gas a block may hold (blob schedule max × 2^17); 0 before Cancun.
    uint64_t max_blob_gas_per_block = 0;
    uint64_t chain_id = 1;  ///< EIP-155 / CHAINID
};

/// EIP-4844 blob gas per blob.
inline constexpr uint64_t kGasPerBlob = uint64_t{1} << 17;

/// fake_exponential(factor, numerator, denominator) of EIP-4844: factor · e^(numerator /
/// denominator) by its Taylor series, in integers. Precondition: denominator > 0.
[[nodiscard]] uint256 fake_exponential(const uint256& factor,
                                       const uint256& numerator,
                                       const uint256& denominator) noexcept;

/// The blob base fee for `excess_blob_gas` (EIP-4844; the update fraction is the blob
/// schedule's: Cancun 3338477, Prague 5007716, Osaka and BPO forks per their schedule).
[[nodiscard]] uint256 blob_base_fee(uint64_t excess_blob_gas, uint64_t update_fraction) noexcept;

}  // namespace ultra::execution
