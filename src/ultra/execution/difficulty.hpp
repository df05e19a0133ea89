// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::execution {

/// Proof-of-work difficulty (Yellow Paper §4.3.4 eq. 46-50 and the EIPs that changed it). From
/// Paris the difficulty is 0 (EIP-3675) and nothing here applies.

/// D_0: the smallest difficulty a pre-merge block may have.
inline constexpr uint64_t kMinimumDifficulty = 131'072;
/// The quotient of the parent difficulty each adjustment step moves by (x = ⌊P_Hd / 2048⌋).
inline constexpr uint64_t kDifficultyBoundDivisor = 2048;
/// The difficulty bomb doubles every this many blocks (ε = 2^(⌊H'_i / 100000⌋ - 2)).
inline constexpr uint64_t kBombPeriod = 100'000;

/// The number of blocks the difficulty bomb is delayed by for block `number` of revision `rev`
/// on `config`: 0 before Byzantium, 3M (EIP-649), 5M from Constantinople (EIP-1234), 9M from
/// Muir Glacier (EIP-2384), 9.7M from London (EIP-3554), 10.7M from Arrow Glacier (EIP-4345),
/// 11.4M from Gray Glacier (EIP-5133).
[[nodiscard]] uint64_t difficulty_bomb_delay(const ChainConfig& config,
                                             Revision rev,
                                             uint64_t number) noexcept;

/// The difficulty a block of revision `rev` (pre-Paris) must have, from its number and
/// timestamp and its parent's difficulty, timestamp and whether the parent has ommers:
/// - Frontier: P_Hd ± ⌊P_Hd/2048⌋ (+ if the block comes less than 13 s after its parent);
/// - Homestead (EIP-2): P_Hd + ⌊P_Hd/2048⌋ · max(1 - ⌊Δt/10⌋, -99);
/// - Byzantium (EIP-100): P_Hd + ⌊P_Hd/2048⌋ · max((2 if the parent has ommers else 1) -
///   ⌊Δt/9⌋, -99);
/// raised to at least kMinimumDifficulty, then plus the bomb 2^(⌊fake_number/100000⌋ - 2) when
/// that exponent is >= 0, with fake_number = max(number - bomb_delay, 0) (the order of
/// go-ethereum, whose output the fixtures record). A bomb beyond 2^255 saturates to 2^256 - 1.
[[nodiscard]] uint256 calculate_difficulty(Revision rev,
                                           uint64_t bomb_delay,
                                           uint64_t number,
                                           uint64_t timestamp,
                                           const uint256& parent_difficulty,
                                           uint64_t parent_timestamp,
                                           bool parent_has_ommers) noexcept;

/// The difficulty `header` must have on `config` given its `parent`, `rev` being the header's
/// revision (pre-Paris): calculate_difficulty() with the configured bomb delay.
[[nodiscard]] uint256 calculate_difficulty(const ChainConfig& config,
                                           Revision rev,
                                           const BlockHeader& header,
                                           const BlockHeader& parent) noexcept;

}  // namespace ultra::execution
