// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The interpreter's register-only shifts against the reference uint256 shifts (which are
// checked against GMP in the core tests), on random values and every shift amount.
#include <random>
#include <ultra/evm/instructions.hpp>

#include "evm_test_helpers.hpp"
#include "utils/fixtures.hpp"

using namespace ultra;
using namespace ultra::evm;

TEST(evm_shift, matches_reference)
{
    std::mt19937_64 rng{7};
    const uint64_t iterations = ultra::test::scaled(200);
    for (uint64_t i = 0; i < iterations; ++i) {
        const uint256 x{rng(), rng(), rng(), rng()};
        for (uint64_t n = 0; n < 256; ++n) {
            ASSERT_EQ(instr::shift_right(x, n), x >> n) << n;
            ASSERT_EQ(instr::shift_left(x, n), x << n) << n;
        }
    }
}

TEST(evm_shift, sign_extend_matches_reference)
{
    std::mt19937_64 rng{11};
    const uint64_t iterations = ultra::test::scaled(500);
    for (uint64_t i = 0; i < iterations; ++i) {
        uint256 x{rng(), rng(), rng(), rng()};
        if (i % 2 == 0) x = ~x;  // both signs for every byte position on average
        for (uint64_t b = 0; b < 31; ++b)
            ASSERT_EQ(instr::sign_extend(b, x), signextend(b, x)) << b;
    }
}
