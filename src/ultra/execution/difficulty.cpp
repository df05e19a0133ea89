// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "difficulty.hpp"

namespace ultra::execution {

namespace {
__extension__ using int128 = __int128;

/// ⌊a / b⌋ rounded towards minus infinity (Python's //), b > 0.
constexpr int128 floor_div(int128 a, int128 b) noexcept
{
    const int128 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
}  // namespace

uint64_t difficulty_bomb_delay(const ChainConfig& config, Revision rev, uint64_t number) noexcept
{
    const auto reached = [number](const std::optional<uint64_t>& block) {
        return block.has_value() && number >= *block;
    };
    if (reached(config.gray_glacier_block)) return 11'400'000;   // EIP-5133
    if (reached(config.arrow_glacier_block)) return 10'700'000;  // EIP-4345
    if (rev >= Revision::kLondon) return 9'700'000;              // EIP-3554
    if (reached(config.muir_glacier_block)) return 9'000'000;    // EIP-2384
    if (rev >= Revision::kConstantinople) return 5'000'000;      // EIP-1234
    if (rev >= Revision::kByzantium) return 3'000'000;           // EIP-649
    return 0;
}

uint256 calculate_difficulty(Revision rev,
                             uint64_t bomb_delay,
                             uint64_t number,
                             uint64_t timestamp,
                             const uint256& parent_difficulty,
                             uint64_t parent_timestamp,
                             bool parent_has_ommers) noexcept
{
    const int128 dt = int128{timestamp} - int128{parent_timestamp};
    int128 factor = 0;  // the signed multiple of ⌊P_Hd / 2048⌋ to add
    if (rev >= Revision::kByzantium) {
        // EIP-100: target the rate including ommers.
        factor = (parent_has_ommers ? 2 : 1) - floor_div(dt, 9);
    } else if (rev >= Revision::kHomestead) {
        factor = 1 - floor_div(dt, 10);  // EIP-2
    } else {
        factor = dt < 13 ? 1 : -1;  // Frontier
    }
    if (factor < -99) factor = -99;

    const uint256 step = parent_difficulty / kDifficultyBoundDivisor;
    uint256 difficulty = parent_difficulty;
    if (factor >= 0) {
        difficulty += step * static_cast<uint64_t>(factor);
        if (difficulty < parent_difficulty) difficulty = ~uint256{};  // beyond 2^256: saturate
    } else {
        const uint256 decrease = step * static_cast<uint64_t>(-factor);
        difficulty = decrease > difficulty ? uint256{0} : difficulty - decrease;
    }
    if (difficulty < kMinimumDifficulty) difficulty = kMinimumDifficulty;

    // The bomb (Yellow Paper ε), delayed from Byzantium by bomb_delay blocks.
    const uint64_t fake_number = number >= bomb_delay ? number - bomb_delay : 0;
    const uint64_t periods = fake_number / kBombPeriod;
    if (periods >= 2) {
        const uint64_t exponent = periods - 2;
        if (exponent >= 256) return ~uint256{};
        const uint256 bomb = uint256{1} << exponent;
        const uint256 sum = difficulty + bomb;
        difficulty = sum < difficulty ? ~uint256{} : sum;
    }
    return difficulty;
}

uint256 calculate_difficulty(const ChainConfig& config,
                             Revision rev,
                             const BlockHeader& header,
                             const BlockHeader& parent) noexcept
{
    return calculate_difficulty(rev, difficulty_bomb_delay(config, rev, header.number),
                                header.number, header.timestamp, parent.difficulty,
                                parent.timestamp, parent.ommers_hash != kEmptyOmmersHash);
}

}  // namespace ultra::execution
