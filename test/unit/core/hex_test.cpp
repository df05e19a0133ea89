// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/core/hex.hpp>

using namespace ultra;
using namespace ultra::literals;

TEST(hex, round_trip)
{
    const Bytes b{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(b), "0001abff");
    EXPECT_EQ(to_0x_hex(b), "0x0001abff");
    EXPECT_EQ(from_hex("0x0001ABff"), b);
    EXPECT_EQ(from_hex("0001abff"), b);
    EXPECT_EQ(from_hex(""), Bytes{});
    EXPECT_EQ(from_hex("0x"), Bytes{});
}

TEST(hex, rejects_malformed)
{
    EXPECT_FALSE(from_hex("0x0"));
    EXPECT_FALSE(from_hex("0xzz"));
    EXPECT_FALSE(from_hex("0x 1"));
    EXPECT_FALSE(fixed_from_hex<20>("0x00"));
}

TEST(hex, literals)
{
    EXPECT_EQ("0xdead"_hex, (Bytes{0xde, 0xad}));
    const auto a = "0x000000000000000000000000000000000000dEaD"_addr;
    EXPECT_EQ(a[18], 0xde);
    EXPECT_EQ(a[19], 0xad);
    const auto h = "0x0000000000000000000000000000000000000000000000000000000000000001"_b32;
    EXPECT_FALSE(h.is_zero());
    EXPECT_TRUE(Bytes32{}.is_zero());
}
