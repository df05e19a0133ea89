// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>
#include <ultra/core/result.hpp>

using namespace ultra;

namespace {
enum class Err
{
    kBad,
    kWorse
};

Result<int, Err> parse_digit(char c)
{
    if (c < '0' || c > '9') return unexpected(Err::kBad);
    return c - '0';
}

Result<int, Err> sum_two(char a, char b)
{
    ULTRA_TRY(const int x, parse_digit(a));
    ULTRA_TRY(const int y, parse_digit(b));
    return x + y;
}

Result<void, Err> check(bool ok)
{
    if (!ok) return unexpected(Err::kWorse);
    return {};
}

Result<void, Err> check_twice(bool a, bool b)
{
    ULTRA_TRY_VOID(check(a));
    ULTRA_TRY_VOID(check(b));
    return {};
}
}  // namespace

TEST(result, value_and_error)
{
    auto ok = parse_digit('7');
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, 7);
    auto bad = parse_digit('x');
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), Err::kBad);
    EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(result, try_propagates_first_error)
{
    EXPECT_EQ(*sum_two('2', '3'), 5);
    EXPECT_EQ(sum_two('2', 'z').error(), Err::kBad);
    EXPECT_TRUE(check_twice(true, true));
    EXPECT_EQ(check_twice(true, false).error(), Err::kWorse);
}

TEST(result, holds_non_trivial_values)
{
    Result<std::string, Err> r{std::string(100, 'q')};
    EXPECT_EQ(r->size(), 100u);
    std::string moved = std::move(r).value();
    EXPECT_EQ(moved.size(), 100u);
}
