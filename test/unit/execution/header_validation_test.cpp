// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Header validation, ommer validation, rewards and difficulty (execution/header_validation.hpp,
// execution/difficulty.hpp). Every expected value is worked out by hand in the comments; the
// official fixtures are run by test/spec/difficulty_fixtures_test.cpp.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/difficulty.hpp>
#include <ultra/execution/header_validation.hpp>
#include <vector>

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::execution;

ChainConfig network(std::string_view name)
{
    auto c = chain_config_for_network(name);
    EXPECT_TRUE(c.has_value()) << name;
    return c.value_or(ChainConfig{});
}

BlockError error_of(const Result<void, BlockError>& r)
{
    EXPECT_FALSE(r.has_value());
    return r.has_value() ? BlockError::kRlpInvalid : r.error();
}

constexpr uint64_t kGwei = 1'000'000'000;

// ---------------------------------------------------------------------------------------------
// EIP-1559 base fee
// ---------------------------------------------------------------------------------------------

TEST(BaseFee, AtTargetUnchanged)
{
    EXPECT_EQ(calculate_base_fee(30'000'000, 15'000'000, kGwei), uint256{kGwei});
}

TEST(BaseFee, FullBlocksRaiseByAnEighth)
{
    // 1 gwei -> +1/8 per full block: 1.125, 1.265625, 1.423828125 gwei.
    uint256 fee = kGwei;
    const uint64_t expected[] = {1'125'000'000, 1'265'625'000, 1'423'828'125};
    for (const uint64_t want : expected) {
        fee = calculate_base_fee(30'000'000, 30'000'000, fee);
        EXPECT_EQ(fee, uint256{want});
    }
}

TEST(BaseFee, EmptyBlocksLowerByAnEighth)
{
    // 1 gwei -> 875000000 -> 765625000 (875000000 - 109375000).
    uint256 fee = calculate_base_fee(30'000'000, 0, kGwei);
    EXPECT_EQ(fee, uint256{875'000'000});
    fee = calculate_base_fee(30'000'000, 0, fee);
    EXPECT_EQ(fee, uint256{765'625'000});
}

TEST(BaseFee, PartialBlocks)
{
    // 20M of a 15M target: 1e9 * 5M / 15M / 8 = 333333333 / 8 = 41666666.
    EXPECT_EQ(calculate_base_fee(30'000'000, 20'000'000, kGwei), uint256{1'041'666'666});
    // 10M: 1e9 * 5M / 15M / 8 = 41666666 down.
    EXPECT_EQ(calculate_base_fee(30'000'000, 10'000'000, kGwei), uint256{958'333'334});
}

TEST(BaseFee, SmallFees)
{
    // Above target the increase is at least 1: 7 * 1 / 15M / 8 = 0 -> 1.
    EXPECT_EQ(calculate_base_fee(30'000'000, 15'000'001, 7), uint256{8});
    // Below target the decrease may round to 0: 7 * 15M / 15M / 8 = 0.
    EXPECT_EQ(calculate_base_fee(30'000'000, 0, 7), uint256{7});
    // 8 drops by 1 on an empty block.
    EXPECT_EQ(calculate_base_fee(30'000'000, 0, 8), uint256{7});
}

// ---------------------------------------------------------------------------------------------
// EIP-4844 / EIP-7918 excess blob gas
// ---------------------------------------------------------------------------------------------

constexpr BlobParams kCancunBlobs{3, 6, 3338477};
constexpr BlobParams kPragueBlobs{6, 9, 5007716};
constexpr uint64_t kBlob = 131'072;

TEST(ExcessBlobGas, CancunSequence)
{
    // Blocks with 6, 6, 0, 3, 0 blobs from excess 0 (target 3 blobs):
    // 0 -> 3 -> 6 -> 3 -> 3 -> 0 blobs of excess.
    uint64_t excess = 0;
    const uint64_t used_blobs[] = {6, 6, 0, 3, 0};
    const uint64_t expected_blobs[] = {3, 6, 3, 3, 0};
    for (size_t i = 0; i < 5; ++i) {
        excess = calculate_excess_blob_gas(excess, used_blobs[i] * kBlob, 7, kCancunBlobs, false);
        EXPECT_EQ(excess, expected_blobs[i] * kBlob) << i;
    }
}

TEST(ExcessBlobGas, BelowTargetIsZero)
{
    EXPECT_EQ(calculate_excess_blob_gas(kBlob, kBlob, 7, kCancunBlobs, false), 0u);
    EXPECT_EQ(calculate_excess_blob_gas(0, 5 * kBlob, 7, kPragueBlobs, false), 0u);
    // Exactly at the target: 0 as well.
    EXPECT_EQ(calculate_excess_blob_gas(0, 6 * kBlob, 7, kPragueBlobs, false), 0u);
}

TEST(ExcessBlobGas, PragueTarget)
{
    // 9 blobs on a target of 6: 3 blobs of excess.
    EXPECT_EQ(calculate_excess_blob_gas(0, 9 * kBlob, 7, kPragueBlobs, false), 3 * kBlob);
}

TEST(ExcessBlobGas, Eip7918ReservePrice)
{
    // Excess 0: blob base fee 1, so 2^17 * 1 = 131072 is the blob price. The reserve is
    // 8192 * parent base fee: 16 gives 131072 (not above: normal rule), 17 gives 139264.
    // Parent used 6 blobs on Prague's target 6: normal rule -> 0; reserve rule -> 6 blobs *
    // (9 - 6) / 9 = 2 blobs.
    EXPECT_EQ(calculate_excess_blob_gas(0, 6 * kBlob, 16, kPragueBlobs, true), 0u);
    EXPECT_EQ(calculate_excess_blob_gas(0, 6 * kBlob, 17, kPragueBlobs, true), 2 * kBlob);
    // Without EIP-7918 the base fee does not matter.
    EXPECT_EQ(calculate_excess_blob_gas(0, 6 * kBlob, 17, kPragueBlobs, false), 0u);
    // Below the target the excess is 0 under either rule.
    EXPECT_EQ(calculate_excess_blob_gas(0, 5 * kBlob, kGwei, kPragueBlobs, true), 0u);
    // Reserve rule with excess: 10 blobs of excess and 9 used, base fee 1 gwei:
    // 10 + 9 * 3 / 9 = 13 blobs.
    EXPECT_EQ(calculate_excess_blob_gas(10 * kBlob, 9 * kBlob, kGwei, kPragueBlobs, true),
              13 * kBlob);
}

// ---------------------------------------------------------------------------------------------
// Difficulty
// ---------------------------------------------------------------------------------------------

constexpr uint64_t kParentDifficulty = 2'048'000;  // adjustment step 1000

TEST(Difficulty, Frontier)
{
    // Less than 13 s: +1000; 13 s or more: -1000.
    EXPECT_EQ(calculate_difficulty(Revision::kFrontier, 0, 1, 112, kParentDifficulty, 100, false),
              uint256{2'049'000});
    EXPECT_EQ(calculate_difficulty(Revision::kFrontier, 0, 1, 113, kParentDifficulty, 100, false),
              uint256{2'047'000});
}

TEST(Difficulty, Homestead)
{
    // EIP-2: factor 1 - ⌊Δt / 10⌋: Δt 9 -> +1, Δt 10..19 -> 0, Δt 25 -> -1, Δt 5000 -> -99.
    const auto d = [](uint64_t dt) {
        return calculate_difficulty(Revision::kHomestead, 0, 1, 100 + dt, kParentDifficulty, 100,
                                    false);
    };
    EXPECT_EQ(d(9), uint256{2'049'000});
    EXPECT_EQ(d(10), uint256{2'048'000});
    EXPECT_EQ(d(19), uint256{2'048'000});
    EXPECT_EQ(d(25), uint256{2'047'000});
    EXPECT_EQ(d(5000), uint256{2'048'000 - 99'000});
}

TEST(Difficulty, ByzantiumCountsParentOmmers)
{
    // EIP-100: factor (2 if the parent has ommers else 1) - ⌊Δt / 9⌋.
    EXPECT_EQ(calculate_difficulty(Revision::kByzantium, 0, 1, 105, kParentDifficulty, 100, false),
              uint256{2'049'000});
    EXPECT_EQ(calculate_difficulty(Revision::kByzantium, 0, 1, 105, kParentDifficulty, 100, true),
              uint256{2'050'000});
    EXPECT_EQ(calculate_difficulty(Revision::kByzantium, 0, 1, 118, kParentDifficulty, 100, false),
              uint256{2'047'000});
}

TEST(Difficulty, MinimumAndBomb)
{
    // Never below 131072.
    EXPECT_EQ(calculate_difficulty(Revision::kHomestead, 0, 1, 200, 131'072, 100, false),
              uint256{131'072});
    // Bomb 2^(⌊200000 / 100000⌋ - 2) = 1 at block 200000, 2^3 at block 500000.
    EXPECT_EQ(
        calculate_difficulty(Revision::kHomestead, 0, 200'000, 110, kParentDifficulty, 100, false),
        uint256{2'048'001});
    EXPECT_EQ(
        calculate_difficulty(Revision::kHomestead, 0, 500'000, 110, kParentDifficulty, 100, false),
        uint256{2'048'008});
    // Byzantium: the fake block number is 3,200,000 - 3,000,000 = 200,000: +1.
    EXPECT_EQ(calculate_difficulty(Revision::kByzantium, 3'000'000, 3'200'000, 109,
                                   kParentDifficulty, 100, false),
              uint256{2'048'001});
    // Before the delay runs out there is no bomb.
    EXPECT_EQ(calculate_difficulty(Revision::kByzantium, 3'000'000, 2'000'000, 109,
                                   kParentDifficulty, 100, false),
              uint256{2'048'000});
}

TEST(Difficulty, BombDelays)
{
    const auto delay = [](std::string_view net, uint64_t number) {
        const ChainConfig c = network(net);
        return difficulty_bomb_delay(c, c.revision_at(number, 0), number);
    };
    EXPECT_EQ(delay("Homestead", 5), 0u);
    EXPECT_EQ(delay("Byzantium", 5), 3'000'000u);       // EIP-649
    EXPECT_EQ(delay("Constantinople", 5), 5'000'000u);  // EIP-1234
    EXPECT_EQ(delay("Istanbul", 5), 5'000'000u);        // no Muir Glacier
    EXPECT_EQ(delay("MuirGlacier", 5), 9'000'000u);     // EIP-2384
    EXPECT_EQ(delay("Berlin", 5), 9'000'000u);          // Berlin networks include Muir Glacier
    EXPECT_EQ(delay("London", 5), 9'700'000u);          // EIP-3554
    EXPECT_EQ(delay("ArrowGlacier", 5), 10'700'000u);   // EIP-4345
    EXPECT_EQ(delay("GrayGlacier", 5), 11'400'000u);    // EIP-5133
    EXPECT_EQ(delay("BerlinToLondonAt5", 4), 9'000'000u);
    EXPECT_EQ(delay("BerlinToLondonAt5", 5), 9'700'000u);
}

// ---------------------------------------------------------------------------------------------
// validate_header: one rule at a time
// ---------------------------------------------------------------------------------------------

/// A London-network parent at block 10: 30M gas limit, half full, 1 gwei base fee.
BlockHeader london_parent()
{
    BlockHeader p;
    p.ommers_hash = kEmptyOmmersHash;
    p.number = 10;
    p.timestamp = 1000;
    p.gas_limit = 30'000'000;
    p.gas_used = 15'000'000;
    p.difficulty = kParentDifficulty;
    p.base_fee_per_gas = kGwei;
    return p;
}

/// A valid child of london_parent(): Δt 9 with no parent ommers gives factor 1 - 1 = 0, so the
/// difficulty stays 2048000; the gas target was met, so the base fee stays 1 gwei.
BlockHeader london_child(const BlockHeader& parent)
{
    BlockHeader h;
    h.parent_hash = header_hash(parent);
    h.ommers_hash = kEmptyOmmersHash;
    h.number = 11;
    h.timestamp = 1009;
    h.gas_limit = 30'000'000;
    h.gas_used = 0;
    h.difficulty = kParentDifficulty;
    h.base_fee_per_gas = kGwei;
    return h;
}

TEST(ValidateHeader, ValidLondonHeader)
{
    const ChainConfig c = network("London");
    const BlockHeader p = london_parent();
    EXPECT_TRUE(validate_header(c, london_child(p), p).has_value());
}

TEST(ValidateHeader, ParentHashNumberTimestamp)
{
    const ChainConfig c = network("London");
    const BlockHeader p = london_parent();
    BlockHeader h = london_child(p);
    h.parent_hash[0] ^= 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kUnknownParent);

    h = london_child(p);
    h.number = 12;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidNumber);

    h = london_child(p);
    h.timestamp = 1000;  // equal to the parent's
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kTimestampNotAfterParent);
    h.timestamp = 999;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kTimestampNotAfterParent);
}

TEST(ValidateHeader, ExtraData)
{
    const ChainConfig c = network("London");
    const BlockHeader p = london_parent();
    BlockHeader h = london_child(p);
    h.extra_data = Bytes(32, 0xab);
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.extra_data = Bytes(33, 0xab);
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kExtraDataTooLong);
}

TEST(ValidateHeader, GasUsedAndGasLimit)
{
    const ChainConfig c = network("London");
    BlockHeader p = london_parent();
    BlockHeader h = london_child(p);
    h.gas_used = h.gas_limit + 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kGasUsedAboveLimit);

    // Bound: 30,000,000 / 1024 = 29296; a change of 29295 is allowed, 29296 is not.
    h = london_child(p);
    h.gas_limit = 30'000'000 + 29'295;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.gas_limit = 30'000'000 + 29'296;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kGasLimitOutOfBounds);
    h.gas_limit = 30'000'000 - 29'295;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.gas_limit = 30'000'000 - 29'296;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kGasLimitOutOfBounds);
}

TEST(CheckGasLimit, Floors)
{
    // 5000 is the minimum: from 5000, 4999 is within the bound (5000/1024 = 4) but too low.
    EXPECT_TRUE(check_gas_limit(5000, 5000).has_value());
    EXPECT_EQ(error_of(check_gas_limit(4999, 5000)), BlockError::kGasLimitTooLow);
    // Above 2^63 - 1 is invalid whatever the parent.
    EXPECT_TRUE(check_gas_limit(kMaxGasLimit, kMaxGasLimit).has_value());
    EXPECT_EQ(error_of(check_gas_limit(kMaxGasLimit + 1, kMaxGasLimit)),
              BlockError::kGasLimitTooHigh);
}

TEST(ValidateHeader, BaseFee)
{
    const ChainConfig c = network("London");
    const BlockHeader p = london_parent();
    BlockHeader h = london_child(p);
    h.base_fee_per_gas = kGwei + 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidBaseFee);
    h.base_fee_per_gas.reset();
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kMissingBaseFee);

    // A full parent: 1 gwei + 1/8.
    BlockHeader full = p;
    full.gas_used = 30'000'000;
    h = london_child(full);
    h.base_fee_per_gas = 1'125'000'000;
    EXPECT_TRUE(validate_header(c, h, full).has_value());
}

TEST(ValidateHeader, LondonForkBlock)
{
    // BerlinToLondonAt5: block 5 is the first London block.
    const ChainConfig c = network("BerlinToLondonAt5");
    BlockHeader p;
    p.ommers_hash = kEmptyOmmersHash;
    p.number = 4;
    p.timestamp = 100;
    p.gas_limit = 15'000'000;
    p.gas_used = 15'000'000;
    p.difficulty = kParentDifficulty;
    BlockHeader h;
    h.parent_hash = header_hash(p);
    h.ommers_hash = kEmptyOmmersHash;
    h.number = 5;
    h.timestamp = 109;
    h.difficulty = kParentDifficulty;  // London: factor 1 - 1 = 0
    // EIP-1559: the parent's limit counts double, so 30M is no change; the base fee is 1 gwei
    // whatever the parent's gas used.
    h.gas_limit = 30'000'000;
    h.base_fee_per_gas = kGwei;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.base_fee_per_gas = kGwei - 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidBaseFee);
    // Keeping the parent's 15M is a change of 15M against 30M / 1024.
    h.base_fee_per_gas = kGwei;
    h.gas_limit = 15'000'000;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kGasLimitOutOfBounds);
    // Before the fork, a base fee is not allowed.
    BlockHeader berlin = h;
    berlin.number = 4;
    EXPECT_EQ(error_of(validate_header(c, berlin, p)), BlockError::kUnexpectedBaseFee);
}

TEST(ValidateHeader, Difficulty)
{
    const ChainConfig c = network("London");
    const BlockHeader p = london_parent();
    BlockHeader h = london_child(p);
    h.difficulty = kParentDifficulty + 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidDifficulty);
    // Δt 8: factor 1 - 0 = 1 -> +1000.
    h = london_child(p);
    h.timestamp = 1008;
    h.difficulty = kParentDifficulty + 1000;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    // With ommers in the parent: factor 2 - ⌊9/9⌋ = 1 -> +1000 at Δt 9.
    BlockHeader p_ommers = p;
    p_ommers.ommers_hash[0] ^= 1;
    h = london_child(p_ommers);
    h.difficulty = kParentDifficulty + 1000;
    EXPECT_TRUE(validate_header(c, h, p_ommers).has_value());
}

TEST(ValidateHeader, ParisRules)
{
    const ChainConfig c = network("Paris");
    BlockHeader p = london_parent();
    p.difficulty = 0;
    BlockHeader h = london_child(p);
    h.difficulty = 0;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.difficulty = 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kNonZeroDifficulty);
    h.difficulty = 0;
    h.nonce[7] = 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kNonZeroNonce);
    h.nonce = BlockNonce{};
    h.ommers_hash[0] ^= 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kNonEmptyOmmersHash);
}

TEST(ValidateHeader, TotalDifficultyMerge)
{
    // ArrowGlacierToParisAtDiffC0000: the Merge applies once the parent's total difficulty
    // reaches 0xC0000.
    const ChainConfig c = network("ArrowGlacierToParisAtDiffC0000");
    const BlockHeader p = london_parent();
    BlockHeader pow = london_child(p);
    BlockHeader pos = pow;
    pos.difficulty = 0;
    EXPECT_TRUE(validate_header(c, pow, p, uint256{0xBFFFF}).has_value());
    EXPECT_EQ(error_of(validate_header(c, pos, p, uint256{0xBFFFF})),
              BlockError::kInvalidDifficulty);
    EXPECT_TRUE(validate_header(c, pos, p, uint256{0xC0000}).has_value());
    EXPECT_EQ(error_of(validate_header(c, pow, p, uint256{0xC0000})),
              BlockError::kNonZeroDifficulty);
}

TEST(ValidateHeader, DaoExtraData)
{
    const ChainConfig c = network("HomesteadToDaoAt5");
    BlockHeader p;
    p.ommers_hash = kEmptyOmmersHash;
    p.number = 4;
    p.timestamp = 100;
    p.gas_limit = 3'141'592;
    p.difficulty = kParentDifficulty;
    BlockHeader h;
    h.parent_hash = header_hash(p);
    h.ommers_hash = kEmptyOmmersHash;
    h.number = 5;
    h.timestamp = 110;  // Homestead: factor 1 - 1 = 0
    h.gas_limit = 3'141'592;
    h.difficulty = kParentDifficulty;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidDaoExtraData);
    h.extra_data = to_bytes_view("dao-hard-fork");
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.extra_data = to_bytes_view("dao-hard-fork!");
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidDaoExtraData);
    // Block 15 is past the 10-block window.
    p.number = 14;
    h.parent_hash = header_hash(p);
    h.number = 15;
    h.extra_data.clear();
    EXPECT_TRUE(validate_header(c, h, p).has_value());
}

/// A Cancun parent and child: Δt 12, no blobs, no excess; 8 gwei base fee at target.
struct CancunPair
{
    BlockHeader parent;
    BlockHeader child;
};

CancunPair cancun_pair()
{
    CancunPair pair;
    BlockHeader& p = pair.parent;
    p.ommers_hash = kEmptyOmmersHash;
    p.number = 10;
    p.timestamp = 1000;
    p.gas_limit = 30'000'000;
    p.gas_used = 15'000'000;
    p.base_fee_per_gas = 8 * kGwei;
    p.withdrawals_root = Hash256{};
    p.blob_gas_used = 0;
    p.excess_blob_gas = 0;
    p.parent_beacon_block_root = Hash256{};
    BlockHeader& h = pair.child;
    h = p;
    h.parent_hash = header_hash(p);
    h.number = 11;
    h.timestamp = 1012;
    h.gas_used = 0;
    return pair;
}

TEST(ValidateHeader, BlobGas)
{
    const ChainConfig c = network("Cancun");
    auto [p, h] = cancun_pair();
    EXPECT_TRUE(validate_header(c, h, p).has_value());

    // Parent with 6 blobs: the child's excess is 3 blobs.
    p.blob_gas_used = 6 * kBlob;
    h.parent_hash = header_hash(p);
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidExcessBlobGas);
    h.excess_blob_gas = 3 * kBlob;
    EXPECT_TRUE(validate_header(c, h, p).has_value());

    // Blob gas used: multiples of 2^17, at most 6 blobs in Cancun.
    h.blob_gas_used = 6 * kBlob;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.blob_gas_used = 6 * kBlob - 1;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kBlobGasUsedNotMultiple);
    h.blob_gas_used = 7 * kBlob;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kBlobGasUsedAboveLimit);
    // Prague allows 9.
    const ChainConfig prague = network("Prague");
    auto [pp, ph] = cancun_pair();
    pp.requests_hash = Hash256{};
    ph = pp;
    ph.parent_hash = header_hash(pp);
    ph.number = 11;
    ph.timestamp = 1012;
    ph.gas_used = 0;
    ph.blob_gas_used = 9 * kBlob;
    EXPECT_TRUE(validate_header(prague, ph, pp).has_value());
    ph.blob_gas_used = 10 * kBlob;
    EXPECT_EQ(error_of(validate_header(prague, ph, pp)), BlockError::kBlobGasUsedAboveLimit);
}

TEST(ValidateHeader, ExcessBlobGasAtTheCancunForkBlock)
{
    // ShanghaiToCancunAtTime15k: the parent has no blob fields; they count as zero.
    const ChainConfig c = network("ShanghaiToCancunAtTime15k");
    auto [p, h] = cancun_pair();
    p.timestamp = 14'999;
    p.blob_gas_used.reset();
    p.excess_blob_gas.reset();
    p.parent_beacon_block_root.reset();
    h.parent_hash = header_hash(p);
    h.timestamp = 15'000;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.excess_blob_gas = kBlob;
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidExcessBlobGas);
}

TEST(ValidateHeader, OsakaReservePriceUsesTheChildSchedule)
{
    // Osaka: parent used 6 blobs (the target) with an 8 gwei base fee and no excess: the reserve
    // price (8192 * 8 gwei) exceeds 2^17 * 1 wei, so the excess becomes 6 * 3 / 9 = 2 blobs.
    const ChainConfig c = network("Osaka");
    auto [p, h] = cancun_pair();
    p.requests_hash = Hash256{};
    p.blob_gas_used = 6 * kBlob;
    h = p;
    h.parent_hash = header_hash(p);
    h.number = 11;
    h.timestamp = 1012;
    h.gas_used = 0;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 2 * kBlob;
    EXPECT_TRUE(validate_header(c, h, p).has_value());
    h.excess_blob_gas = 0;  // the pre-Osaka value
    EXPECT_EQ(error_of(validate_header(c, h, p)), BlockError::kInvalidExcessBlobGas);
    EXPECT_EQ(calculate_excess_blob_gas(c, h, p), 2 * kBlob);
}

TEST(ValidateHeader, FieldPresence)
{
    // Shanghai: withdrawals root, no blob fields.
    const ChainConfig shanghai = network("Shanghai");
    auto [p, h] = cancun_pair();
    for (BlockHeader* x : {&p, &h}) {
        x->blob_gas_used.reset();
        x->excess_blob_gas.reset();
        x->parent_beacon_block_root.reset();
    }
    h.parent_hash = header_hash(p);
    EXPECT_TRUE(validate_header(shanghai, h, p).has_value());
    BlockHeader bad = h;
    bad.withdrawals_root.reset();
    EXPECT_EQ(error_of(validate_header(shanghai, bad, p)), BlockError::kMissingWithdrawalsRoot);
    bad = h;
    bad.blob_gas_used = 0;
    bad.excess_blob_gas = 0;
    EXPECT_EQ(error_of(validate_header(shanghai, bad, p)), BlockError::kUnexpectedBlobGasFields);
    // Paris: no withdrawals root.
    EXPECT_EQ(error_of(validate_header(network("Paris"), h, p)),
              BlockError::kUnexpectedWithdrawalsRoot);

    // Cancun needs blob fields and the beacon root; Prague the requests hash.
    const ChainConfig cancun = network("Cancun");
    auto [cp, ch] = cancun_pair();
    bad = ch;
    bad.excess_blob_gas.reset();
    EXPECT_EQ(error_of(validate_header(cancun, bad, cp)), BlockError::kMissingBlobGasFields);
    bad = ch;
    bad.parent_beacon_block_root.reset();
    EXPECT_EQ(error_of(validate_header(cancun, bad, cp)), BlockError::kMissingParentBeaconRoot);
    EXPECT_EQ(error_of(validate_header(network("Prague"), ch, cp)),
              BlockError::kMissingRequestsHash);
    bad = ch;
    bad.requests_hash = Hash256{};
    EXPECT_EQ(error_of(validate_header(cancun, bad, cp)), BlockError::kUnexpectedRequestsHash);
    bad = ch;
    bad.blob_gas_used.reset();
    bad.excess_blob_gas.reset();
    EXPECT_EQ(error_of(validate_header(network("Shanghai"), bad, cp)),
              BlockError::kUnexpectedParentBeaconRoot);
}

TEST(ValidateBlockShape, WithdrawalsAndSize)
{
    Block b;
    EXPECT_TRUE(validate_block_shape(Revision::kParis, b, 1000).has_value());
    EXPECT_EQ(error_of(validate_block_shape(Revision::kShanghai, b, 1000)),
              BlockError::kMissingWithdrawals);
    b.withdrawals.emplace();
    EXPECT_TRUE(validate_block_shape(Revision::kShanghai, b, 1000).has_value());
    EXPECT_EQ(error_of(validate_block_shape(Revision::kParis, b, 1000)),
              BlockError::kUnexpectedWithdrawals);
    // EIP-7934 from Osaka: 8 MiB is allowed, one byte more is not.
    EXPECT_TRUE(validate_block_shape(Revision::kOsaka, b, 8'388'608).has_value());
    EXPECT_EQ(error_of(validate_block_shape(Revision::kOsaka, b, 8'388'609)),
              BlockError::kBlockTooLarge);
    EXPECT_TRUE(validate_block_shape(Revision::kPrague, b, 8'388'609).has_value());
}

// ---------------------------------------------------------------------------------------------
// Ommers
// ---------------------------------------------------------------------------------------------

/// A Homestead chain with a constant difficulty: Δt = 10 gives the factor 1 - 1 = 0, and the
/// difficulty 131072 is the minimum.
struct Chain
{
    ChainConfig config = network("Homestead");
    std::vector<Block> blocks;  // blocks[i] has number i

    Chain()
    {
        Block genesis;
        genesis.header.ommers_hash = kEmptyOmmersHash;
        genesis.header.gas_limit = 3'141'592;
        genesis.header.difficulty = 131'072;
        blocks.push_back(genesis);
        for (int i = 0; i < 7; ++i)
            blocks.push_back(Block{child_of(blocks.back().header, 0), {}, {}, {}});
    }

    /// A valid child header of `parent`; `tag` goes into the extra data to make siblings differ.
    static BlockHeader child_of(const BlockHeader& parent, uint8_t tag)
    {
        BlockHeader h;
        h.parent_hash = header_hash(parent);
        h.ommers_hash = kEmptyOmmersHash;
        h.number = parent.number + 1;
        h.timestamp = parent.timestamp + 10;
        h.gas_limit = parent.gas_limit;
        h.difficulty = 131'072;
        if (tag != 0) h.extra_data = Bytes{tag};
        return h;
    }

    /// The ancestors of a block whose parent is blocks[parent]: newest first, up to 7.
    std::vector<OmmerAncestor> ancestors(size_t parent) const
    {
        std::vector<OmmerAncestor> out;
        for (size_t i = parent + 1; i-- > 0 && out.size() < 7;)
            out.push_back({header_hash(blocks[i].header), &blocks[i].header, blocks[i].ommers});
        return out;
    }

    /// A new block on top of blocks.back() with these ommers (ommers hash set).
    Block next(std::vector<BlockHeader> ommers) const
    {
        Block b{child_of(blocks.back().header, 0), {}, std::move(ommers), {}};
        b.header.ommers_hash = ommers_hash(b.ommers);
        return b;
    }

    Result<void, BlockError> check(const Block& b) const
    {
        const auto a = ancestors(blocks.size() - 1);
        return validate_ommers(config, b, a);
    }
};

TEST(ValidateOmmers, ValidOmmers)
{
    Chain chain;  // blocks 0..7; the next block is 8
    // Siblings of blocks 7 and 2 (children of 6 and 1): ages 1 and 6.
    const BlockHeader u1 = Chain::child_of(chain.blocks[6].header, 1);
    const BlockHeader u2 = Chain::child_of(chain.blocks[1].header, 2);
    EXPECT_TRUE(chain.check(chain.next({u1, u2})).has_value());
    EXPECT_TRUE(chain.check(chain.next({})).has_value());
}

TEST(ValidateOmmers, Rules)
{
    Chain chain;
    const BlockHeader u = Chain::child_of(chain.blocks[6].header, 1);

    Block b = chain.next({u});
    b.header.ommers_hash = kEmptyOmmersHash;
    EXPECT_EQ(error_of(chain.check(b)), BlockError::kInvalidOmmersHash);

    const BlockHeader u2 = Chain::child_of(chain.blocks[5].header, 2);
    const BlockHeader u3 = Chain::child_of(chain.blocks[4].header, 3);
    EXPECT_EQ(error_of(chain.check(chain.next({u, u2, u3}))), BlockError::kTooManyOmmers);
    EXPECT_EQ(error_of(chain.check(chain.next({u, u}))), BlockError::kDuplicateOmmer);

    // An ancestor as ommer.
    EXPECT_EQ(error_of(chain.check(chain.next({chain.blocks[5].header}))),
              BlockError::kOmmerIsAncestor);

    // An ommer block 7 already included.
    Chain included;
    const BlockHeader sibling_of_6 = Chain::child_of(included.blocks[5].header, 9);
    included.blocks[7].ommers = {sibling_of_6};
    included.blocks[7].header.ommers_hash = ommers_hash(included.blocks[7].ommers);
    EXPECT_EQ(error_of(included.check(included.next({sibling_of_6}))),
              BlockError::kOmmerAlreadyIncluded);

    // Age 7: a child of genesis (number 1) under block 8.
    const BlockHeader old = Chain::child_of(chain.blocks[0].header, 4);
    EXPECT_EQ(error_of(chain.check(chain.next({old}))), BlockError::kInvalidOmmerAge);

    // A parent that is not an ancestor.
    BlockHeader orphan = u;
    orphan.parent_hash[0] ^= 1;
    EXPECT_EQ(error_of(chain.check(chain.next({orphan}))), BlockError::kOmmerParentNotAncestor);

    // The block's own parent as the ommer's parent (a brother; its number is forged to 7 so
    // that the age rule passes).
    BlockHeader brother = Chain::child_of(chain.blocks[7].header, 5);
    brother.number = 7;
    EXPECT_EQ(error_of(chain.check(chain.next({brother}))), BlockError::kOmmerIsSibling);

    // An ommer header that fails validation against its parent (difficulty off by one).
    BlockHeader bad = u;
    bad.difficulty = 131'073;
    EXPECT_EQ(error_of(chain.check(chain.next({bad}))), BlockError::kInvalidOmmerHeader);
}

// ---------------------------------------------------------------------------------------------
// Rewards
// ---------------------------------------------------------------------------------------------

TEST(Rewards, PerRevision)
{
    const uint256 eth = uint256{1'000'000'000'000'000'000};
    EXPECT_EQ(block_reward(Revision::kFrontier), 5 * eth);
    EXPECT_EQ(block_reward(Revision::kSpuriousDragon), 5 * eth);
    EXPECT_EQ(block_reward(Revision::kByzantium), 3 * eth);
    EXPECT_EQ(block_reward(Revision::kPetersburg), 2 * eth);
    EXPECT_EQ(block_reward(Revision::kLondon), 2 * eth);
    EXPECT_EQ(block_reward(Revision::kParis), 0);
}

TEST(Rewards, OmmerAndNephew)
{
    // 5 ETH: age 1 -> 7/8 = 4.375 ETH, age 6 -> 2/8 = 1.25 ETH; nephew 5/32 = 0.15625 ETH.
    EXPECT_EQ(ommer_reward(Revision::kFrontier, 10, 9), uint256{4'375'000'000'000'000'000});
    EXPECT_EQ(ommer_reward(Revision::kFrontier, 10, 4), uint256{1'250'000'000'000'000'000});
    EXPECT_EQ(nephew_reward(Revision::kFrontier), uint256{156'250'000'000'000'000});
    // 2 ETH: age 2 -> 6/8 = 1.5 ETH; nephew 0.0625 ETH.
    EXPECT_EQ(ommer_reward(Revision::kConstantinople, 10, 8), uint256{1'500'000'000'000'000'000});
    EXPECT_EQ(nephew_reward(Revision::kConstantinople), uint256{62'500'000'000'000'000});
}

TEST(BlockErrorNames, AreDistinctPerRule)
{
    EXPECT_EQ(to_string(BlockError::kInvalidGasUsed), "INVALID_GAS_USED");
    EXPECT_EQ(to_string(BlockError::kInvalidExcessBlobGas), "INCORRECT_EXCESS_BLOB_GAS");
    std::set<std::string_view> names;
    for (int e = 0; e <= static_cast<int>(BlockError::kInvalidRequestsHash); ++e)
        names.insert(to_string(static_cast<BlockError>(e)));
    // kBlobGasUsedNotMultiple and kInvalidBlobGasUsed share the EEST name.
    EXPECT_EQ(names.size(), static_cast<size_t>(BlockError::kInvalidRequestsHash));
    EXPECT_FALSE(names.contains("UNKNOWN_BLOCK_ERROR"));
}

}  // namespace
