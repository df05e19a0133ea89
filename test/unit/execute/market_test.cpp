// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The execute-gas market: the EIP-1559 update rule toward the cumulative target, worked out by
// hand in the comments (integer division truncates), the floor, the cap; the L1 gas formula.

#include <gtest/gtest.h>

#include <ultra/core/hex.hpp>
#include <ultra/execute/market.hpp>
#include <ultra/execute/precompile.hpp>
#include <ultra/state/in_memory_state.hpp>

namespace ultra::execute {
namespace {

using namespace ultra::literals;

TEST(ExecuteMarket, DevnetDefaults)
{
    const ExecuteConfig c;
    EXPECT_EQ(c.address, "0x0000000000000000000000000000000000000101"_addr);
    EXPECT_EQ(c.gas_cost, 100'000u);
    EXPECT_EQ(c.gas_per_byte, 16u);
    EXPECT_EQ(c.cumulative_gas_limit, 60'000'000u);
    EXPECT_EQ(c.cumulative_gas_target, 30'000'000u);
    EXPECT_EQ(c.base_fee_floor, uint256{1});
    EXPECT_EQ(c.query_gas_cost, 100u);
    EXPECT_FALSE(ChainConfig{}.execute.has_value());
}

TEST(ExecuteMarket, SequenceAboveAndBelowTarget)
{
    const ExecuteConfig c;  // T = 30M
    uint256 fee = 1000;
    // 60M = 2T: 1000 + 1000·30M/30M/8 = 1000 + 125.
    fee = next_execute_base_fee(fee, 60'000'000, c);
    EXPECT_EQ(fee, uint256{1125});
    // 60M again: 1125·30M/30M = 1125, /8 = 140 (140.625 truncated).
    fee = next_execute_base_fee(fee, 60'000'000, c);
    EXPECT_EQ(fee, uint256{1265});
    // 45M: 1265·15M = 18,975,000,000; /30M = 632 (632.5); /8 = 79 → 1344.
    fee = next_execute_base_fee(fee, 45'000'000, c);
    EXPECT_EQ(fee, uint256{1344});
    // Exactly at target: unchanged.
    fee = next_execute_base_fee(fee, 30'000'000, c);
    EXPECT_EQ(fee, uint256{1344});
    // Empty block: 1344·30M/30M/8 = 168 → 1176 (−12.5 %).
    fee = next_execute_base_fee(fee, 0, c);
    EXPECT_EQ(fee, uint256{1176});
    // 15M: 1176·15M/30M = 588, /8 = 73 (73.5) → 1103.
    fee = next_execute_base_fee(fee, 15'000'000, c);
    EXPECT_EQ(fee, uint256{1103});
}

TEST(ExecuteMarket, AboveTargetRaisesByAtLeastOne)
{
    const ExecuteConfig c;
    // 1·1/30M/8 = 0, raised to 1.
    EXPECT_EQ(next_execute_base_fee(1, 30'000'001, c), uint256{2});
    // 7·(60M−30M)/30M/8 = 0 (7/8), raised to 1.
    EXPECT_EQ(next_execute_base_fee(7, 60'000'000, c), uint256{8});
}

TEST(ExecuteMarket, Floor)
{
    ExecuteConfig c;  // floor 1
    // 1 − 1·30M/30M/8 = 1 − 0.
    EXPECT_EQ(next_execute_base_fee(1, 0, c), uint256{1});
    // 8 − 8/8 = 7.
    EXPECT_EQ(next_execute_base_fee(8, 0, c), uint256{7});
    c.base_fee_floor = 100;
    // 105 − 105/8 = 105 − 13 = 92, below the floor: 100.
    EXPECT_EQ(next_execute_base_fee(105, 0, c), uint256{100});
    // A zero parent fee (EXECUTE never written): the floor.
    EXPECT_EQ(execute_base_fee_after(ExecuteFigures{0, 0}, c), uint256{100});
    EXPECT_EQ(execute_base_fee_after(ExecuteFigures{0, 60'000'000}, c), uint256{100});
    // A written one follows the rule: 800 + 800/8.
    EXPECT_EQ(execute_base_fee_after(ExecuteFigures{800, 60'000'000}, c), uint256{900});
}

TEST(ExecuteMarket, Cap)
{
    const ExecuteConfig c;
    const uint256 cap = kMaxExecuteBaseFee;
    EXPECT_EQ(cap + 1, uint256{1} << 128);
    // Rising at the cap stays at the cap.
    EXPECT_EQ(next_execute_base_fee(cap, 60'000'000, c), cap);
    // The largest gas used cannot overflow: (2^128−1)·(2^64−1−30M) < 2^192.
    EXPECT_EQ(next_execute_base_fee(cap, ~uint64_t{0}, c), cap);
    // A parent fee above the cap is first capped: (2^128−1) − (2^128−1)/8
    // = (2^128−1) − (2^125−1) = 2^128 − 2^125 = 7·2^125.
    EXPECT_EQ(next_execute_base_fee(uint256{1} << 200, 0, c), uint256{7} << 125);
}

TEST(ExecuteMarket, ZeroTargetLeavesTheFee)
{
    ExecuteConfig c;
    c.cumulative_gas_target = 0;
    EXPECT_EQ(next_execute_base_fee(500, 1'000'000, c), uint256{500});
}

TEST(ExecuteMarket, L1GasFormula)
{
    const ExecuteConfig c;
    EXPECT_EQ(execute_gas_cost(0, c), 100u);        // the query
    EXPECT_EQ(execute_gas_cost(1, c), 100'016u);    // 100,000 + 16
    EXPECT_EQ(execute_gas_cost(224, c), 103'584u);  // 100,000 + 16·224
    EXPECT_EQ(execute_gas_cost(1u << 24, c), 100'000u + (16u << 24));
    ExecuteConfig huge;
    huge.gas_per_byte = uint64_t{1} << 63;
    EXPECT_EQ(execute_gas_cost(4, huge), ~uint64_t{0});  // saturates
}

TEST(ExecuteMarket, FiguresLiveInTheExecuteAccount)
{
    const ExecuteConfig c;
    state::InMemoryState s;
    EXPECT_EQ(read_execute_figures(s, c).value(), (ExecuteFigures{0, 0}));
    state::InMemoryAccount a;
    a.nonce = 1;
    a.storage[Bytes32{}] = to_bytes32(uint256{1234});
    a.storage["0x0000000000000000000000000000000000000000000000000000000000000001"_b32] =
        to_bytes32(uint256{5000});
    s.set_account(c.address, a);
    EXPECT_EQ(read_execute_figures(s, c).value(), (ExecuteFigures{1234, 5000}));
}

}  // namespace
}  // namespace ultra::execute
