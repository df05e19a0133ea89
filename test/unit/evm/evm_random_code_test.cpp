// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Robustness: random bytecode under every revision must end with a sane outcome and never
// touch memory it does not own (the sanitizer job runs this with ASan/UBSan).
#include <random>

#include "evm_test_helpers.hpp"
#include "utils/fixtures.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;

TEST_F(EvmTest, random_code_invariants)
{
    std::mt19937_64 rng{2026};
    // Bias towards opcodes that create interesting states: small pushes (valid jump targets,
    // small offsets), jumps, memory and calls.
    const uint8_t favourites[] = {
        OP_PUSH1,   OP_PUSH1,          OP_PUSH2,        OP_JUMPDEST,  OP_JUMP,   OP_JUMPI,
        OP_MSTORE,  OP_MLOAD,          OP_DUP1,         OP_SWAP1,     OP_CALL,   OP_RETURN,
        OP_REVERT,  OP_RETURNDATACOPY, OP_CALLDATACOPY, OP_KECCAK256, OP_SSTORE, OP_SLOAD,
        OP_CREATE2, OP_LOG1,           OP_MCOPY,        OP_EXP};
    host.on_call = [&rng](const Message& m) {
        CallResult r;
        r.status = (rng() & 1) != 0 ? StatusCode::kSuccess : StatusCode::kRevert;
        r.gas_left = static_cast<int64_t>(rng() % static_cast<uint64_t>(m.gas + 1));
        r.output = Bytes(rng() % 70, 0xab);
        return r;
    };
    input = Bytes(40, 0x11);
    const uint64_t iterations = ultra::test::scaled(3000);
    for (uint64_t i = 0; i < iterations; ++i) {
        Bytes code(1 + rng() % 120, 0);
        for (auto& b : code) {
            const auto pick = rng() % 4;
            b = pick == 0 ? favourites[rng() % std::size(favourites)]
                          : static_cast<uint8_t>(pick == 1 ? rng() % 8 : rng());
        }
        rev = static_cast<Revision>(rng() % kNumRevisions);
        msg.is_static = (rng() % 8) == 0;
        const int64_t gas = static_cast<int64_t>(rng() % 200'000);
        execute(gas, code);
        ASSERT_GE(result.gas_left, 0);
        ASSERT_LE(result.gas_left, gas);
        if (is_exceptional(result.status)) {
            ASSERT_EQ(result.gas_left, 0);
            ASSERT_TRUE(result.output.empty());
        }
        if (result.status != StatusCode::kSuccess) {
            ASSERT_EQ(result.gas_refund, 0);
        }
        ASSERT_NE(result.status, StatusCode::kInternalError);
    }
}
