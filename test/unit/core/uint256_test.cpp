// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// uint256: hand-checked edge cases, then a differential test of every operation against GMP over
// seeded random operands drawn from several distributions (see OperandGen).
#include <gmp.h>
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <ultra/core/hex.hpp>
#include <ultra/core/uint256.hpp>
#include <utils/fixtures.hpp>

using namespace ultra;
using namespace ultra::literals;

namespace ultra {
/// Prints a uint256 in gtest failure messages.
inline void PrintTo(const uint256& x, std::ostream* os)
{
    *os << to_hex_string(x);
}
}  // namespace ultra

namespace {

constexpr uint64_t kOnes = ~uint64_t{0};
constexpr uint256 kMax{kOnes, kOnes, kOnes, kOnes};
constexpr uint256 k2Pow255{0, 0, 0, uint64_t{1} << 63};
constexpr uint256 k2Pow64{0, 1, 0, 0};
constexpr uint256 kMaxMinus1{kOnes - 1, kOnes, kOnes, kOnes};
constexpr uint256 k2Pow255Minus1{kOnes, kOnes, kOnes, kOnes >> 1};

/// -n in two's complement, built word by word (no uint256 arithmetic). Precondition: n >= 1.
constexpr uint256 neg(uint64_t n)
{
    return {0 - n, kOnes, kOnes, kOnes};
}

// ---------------------------------------------------------------------------------------------
// Compile-time properties
// ---------------------------------------------------------------------------------------------

static_assert(sizeof(uint256) == 32);
static_assert(std::is_trivially_copyable_v<uint256>);
static_assert(std::is_standard_layout_v<uint256>);
static_assert(uint256{} == 0);
static_assert(kMax + 1 == 0);
static_assert(uint256{kOnes} + 1 == k2Pow64);
static_assert(0 - uint256{1} == kMax);
static_assert(kMax * kMax == 1);
static_assert((uint256{1} << 255) == k2Pow255);
static_assert((k2Pow255 >> 255) == 1);
static_assert(0xff_u256 == 255);
static_assert(1'000'000_u256 == 1000000);
static_assert(0x10000000000000000_u256 == k2Pow64);
static_assert(18446744073709551616_u256 == k2Pow64);
static_assert(115792089237316195423570985008687907853269984665640564039457584007913129639935_u256 ==
              kMax);
static_assert(0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff_u256 == kMax);
static_assert(clz(uint256{}) == 256 && clz(kMax) == 0 && clz(uint256{1}) == 255);
static_assert(parse_uint256("0x1f") == uint256{31});
static_assert(!parse_uint256("0x"));

// ---------------------------------------------------------------------------------------------
// Edge cases (expected values worked out by hand)
// ---------------------------------------------------------------------------------------------

TEST(uint256, construction_and_conversion)
{
    const uint256 x{1, 2, 3, 4};
    EXPECT_EQ(x[0], 1u);
    EXPECT_EQ(x[3], 4u);
    EXPECT_EQ(x.w[2], 3u);
    EXPECT_TRUE(static_cast<bool>(x));
    EXPECT_FALSE(static_cast<bool>(uint256{}));
    EXPECT_EQ(static_cast<uint8_t>(uint256{0x1ff}), 0xff);
    EXPECT_EQ(static_cast<uint64_t>(uint256{5, 6, 7, 8}), 5u);
    EXPECT_EQ(static_cast<int64_t>(kMax), -1);
    uint256 y;
    y[1] = 9;
    EXPECT_EQ(y, (uint256{0, 9, 0, 0}));
}

TEST(uint256, add_sub_carry_chains)
{
    EXPECT_EQ(kMax + 1, 0);
    EXPECT_EQ(uint256{kOnes} + 1, k2Pow64);
    EXPECT_EQ((uint256{kOnes, kOnes, kOnes, 0}) + 1, (uint256{0, 0, 0, 1}));
    EXPECT_EQ(uint256{} - 1, kMax);
    EXPECT_EQ(k2Pow64 - 1, uint256{kOnes});
    EXPECT_EQ((uint256{0, 0, 0, 1}) - 1, (uint256{kOnes, kOnes, kOnes, 0}));
    EXPECT_EQ(-uint256{1}, kMax);
    EXPECT_EQ(-uint256{7}, neg(7));
    EXPECT_EQ(kMax - 1, kMaxMinus1);
    EXPECT_EQ(k2Pow255 - 1, k2Pow255Minus1);
    EXPECT_EQ(-k2Pow255, k2Pow255);
    EXPECT_EQ(-uint256{}, 0);
    uint256 z = kMax;
    EXPECT_EQ(z++, kMax);
    EXPECT_EQ(z, 0);
    EXPECT_EQ(--z, kMax);
    EXPECT_EQ(z--, kMax);
    EXPECT_EQ(z, kMaxMinus1);
    z += 3;
    EXPECT_EQ(z, 1);
    z -= 2;
    EXPECT_EQ(z, kMax);
}

TEST(uint256, mul)
{
    EXPECT_EQ(kMax * kMax, 1);
    EXPECT_EQ(kMax * 2, kMaxMinus1);
    EXPECT_EQ((uint256{1} << 128) * (uint256{1} << 128), 0);
    EXPECT_EQ((uint256{1} << 128) * (uint256{1} << 127), k2Pow255);
    // (2^64 - 1)^2 = 2^128 - 2^65 + 1
    EXPECT_EQ(uint256{kOnes} * uint256{kOnes}, (uint256{1, kOnes - 1, 0, 0}));
    const uint512 p = umul(kMax, kMax);  // (2^256 - 1)^2 = 2^512 - 2^257 + 1
    const std::array<uint64_t, 8> expected{1, 0, 0, 0, kOnes - 1, kOnes, kOnes, kOnes};
    for (size_t i = 0; i < 8; ++i) EXPECT_EQ(p.w[i], expected[i]) << i;
    uint256 x = 7;
    x *= 6;
    EXPECT_EQ(x, 42);
}

TEST(uint256, div_mod)
{
    EXPECT_EQ(kMax / 0, 0);
    EXPECT_EQ(kMax % 0, 0);
    EXPECT_EQ(uint256{5} / 0, 0);
    EXPECT_EQ(uint256{5} % 0, 0);
    EXPECT_EQ(uint256{} / 7, 0);
    EXPECT_EQ(kMax / 1, kMax);
    EXPECT_EQ(kMax % 1, 0);
    EXPECT_EQ(kMax / kMax, 1);
    EXPECT_EQ(kMax % kMax, 0);
    EXPECT_EQ(kMaxMinus1 / kMax, 0);
    EXPECT_EQ(kMaxMinus1 % kMax, kMaxMinus1);
    // 2^256 - 1 = (2^64 - 1)(2^192 + 2^128 + 2^64 + 1)
    EXPECT_EQ(kMax / kOnes, (uint256{1, 1, 1, 1}));
    EXPECT_EQ(kMax % kOnes, 0);
    EXPECT_EQ(kMax / (uint256{1, 1, 1, 1}), kOnes);
    EXPECT_EQ(kMax / k2Pow255, 1);
    EXPECT_EQ(kMax % k2Pow255, k2Pow255Minus1);
    EXPECT_EQ(kMax / 10,
              11579208923731619542357098500868790785326998466564056403945758400791312963993_u256);
    EXPECT_EQ(kMax % 10, 5);
    EXPECT_EQ(kMax / 3, 0x5555555555555555555555555555555555555555555555555555555555555555_u256);
    const auto [q, r] = udivrem(uint256{100}, uint256{7});
    EXPECT_EQ(q, 14);
    EXPECT_EQ(r, 2);
    uint256 x = 100;
    x /= 9;
    EXPECT_EQ(x, 11);
    x %= 4;
    EXPECT_EQ(x, 3);
}

TEST(uint256, signed_div_mod)
{
    const uint256 minus7 = neg(7);
    EXPECT_EQ(sdiv(k2Pow255, kMax), k2Pow255);  // -2^255 / -1 overflows back to -2^255
    EXPECT_EQ(smod(k2Pow255, kMax), 0);
    EXPECT_EQ(sdiv(minus7, 2), neg(3));
    EXPECT_EQ(smod(minus7, 2), kMax);
    EXPECT_EQ(sdiv(7, neg(2)), neg(3));
    EXPECT_EQ(smod(7, neg(2)), 1);
    EXPECT_EQ(sdiv(minus7, neg(2)), 3);
    EXPECT_EQ(smod(minus7, neg(2)), kMax);
    EXPECT_EQ(sdiv(minus7, 0), 0);
    EXPECT_EQ(smod(minus7, 0), 0);
    EXPECT_EQ(sdiv(k2Pow255, 0), 0);
    EXPECT_EQ(sdiv(k2Pow255, 2), uint256(0, 0, 0, uint64_t{3} << 62));  // -2^254
}

TEST(uint256, addmod_mulmod)
{
    EXPECT_EQ(addmod(1, 2, 0), 0);
    EXPECT_EQ(mulmod(3, 4, 0), 0);
    EXPECT_EQ(addmod(kMax, kMax, kMax), 0);
    EXPECT_EQ(addmod(kMax, 1, 2), 0);     // 2^256 is even
    EXPECT_EQ(addmod(kMax, 2, 10), 7);    // 2^256 = 6 (mod 10)
    EXPECT_EQ(addmod(kMax, kMax, 7), 2);  // 2^256 = 2 (mod 7), so 2 * (2^256 - 1) = 2
    EXPECT_EQ(addmod(kMaxMinus1, 5, kMax), 4);
    EXPECT_EQ(mulmod(kMax, kMax, 12), 9);  // 2^256 = 4 (mod 12), so 2^256 - 1 = 3
    EXPECT_EQ(mulmod(k2Pow255, 2, kMax), 1);
    EXPECT_EQ(mulmod(kMax, kMax, kMax), 0);
    EXPECT_EQ(mulmod(kMaxMinus1, kMaxMinus1, kMax), 1);
    EXPECT_EQ(mulmod(5, 6, 7), 2);
    EXPECT_EQ(mulmod(kOnes, kOnes, kOnes - 1), 1);
}

TEST(uint256, exp)
{
    EXPECT_EQ(exp(0, 0), 1);
    EXPECT_EQ(exp(0, 1), 0);
    EXPECT_EQ(exp(0, kMax), 0);
    EXPECT_EQ(exp(kMax, 0), 1);
    EXPECT_EQ(exp(3, 5), 243);
    EXPECT_EQ(exp(2, 255), k2Pow255);
    EXPECT_EQ(exp(2, 256), 0);
    EXPECT_EQ(exp(2, kMax), 0);
    EXPECT_EQ(exp(kMax, 2), 1);
    EXPECT_EQ(exp(kMax, 3), kMax);
    EXPECT_EQ(exp(kMax, kMax), kMax);
    EXPECT_EQ(exp(4, 128), 0);
    EXPECT_EQ(exp(4, 127), uint256(0, 0, 0, uint64_t{1} << 62));
    EXPECT_EQ(exp(10, 77),
              100000000000000000000000000000000000000000000000000000000000000000000000000000_u256);
    // 10^78 mod 2^256, from Python.
    EXPECT_EQ(exp(10, 78), 0xa2dbf142dfcc7ab6e3569326c7843372a9f4d2505e3a40000000000000000000_u256);
}

TEST(uint256, compare)
{
    EXPECT_TRUE(uint256{1} < uint256{2});
    EXPECT_TRUE(uint256{kOnes} < k2Pow64);
    EXPECT_FALSE(k2Pow64 < uint256{kOnes});
    EXPECT_TRUE((uint256{kOnes, kOnes, kOnes, 0}) < (uint256{0, 0, 0, 1}));
    EXPECT_TRUE(kMax > k2Pow255);
    EXPECT_TRUE(kMax >= kMax);
    EXPECT_TRUE(kMax <= kMax);
    EXPECT_FALSE(kMax < kMax);
    EXPECT_TRUE(uint256(1, 2, 3, 4) != uint256(1, 2, 3, 5));
    EXPECT_TRUE(slt(kMax, 0));  // -1 < 0
    EXPECT_FALSE(slt(0, kMax));
    EXPECT_TRUE(sgt(0, kMax));
    EXPECT_TRUE(slt(k2Pow255, k2Pow255Minus1));  // min < max
    EXPECT_TRUE(slt(k2Pow255, kMax));
    EXPECT_FALSE(slt(kMax, kMax));
    EXPECT_TRUE(slt(neg(5), neg(4)));
}

TEST(uint256, shifts)
{
    const uint256 x{0x0123456789abcdef, 0xfedcba9876543210, 0x1111111111111111, 0x8000000000000001};
    EXPECT_EQ(x << 0, x);
    EXPECT_EQ(x >> 0, x);
    EXPECT_EQ(x << 64, (uint256{0, 0x0123456789abcdef, 0xfedcba9876543210, 0x1111111111111111}));
    EXPECT_EQ(x >> 64, (uint256{0xfedcba9876543210, 0x1111111111111111, 0x8000000000000001, 0}));
    EXPECT_EQ(x << 4, (uint256{0x123456789abcdef0, 0xedcba98765432100, 0x111111111111111f,
                               0x0000000000000011}));
    EXPECT_EQ(x >> 4, (uint256{0x00123456789abcde, 0x1fedcba987654321, 0x1111111111111111,
                               0x0800000000000000}));
    EXPECT_EQ(x >> 255, 1);
    EXPECT_EQ(x >> 256, 0);
    EXPECT_EQ(x << 255, k2Pow255);
    EXPECT_EQ(x << 256, 0);
    EXPECT_EQ(x << 257, 0);
    EXPECT_EQ(x >> uint256(0, 1, 0, 0), 0);
    EXPECT_EQ(x << uint256(3, 0, 0, 1), 0);
    EXPECT_EQ(x << uint256{63}, (uint256{0x8000000000000000, 0x0091a2b3c4d5e6f7, 0xff6e5d4c3b2a1908,
                                         0x8888888888888888}));
    EXPECT_EQ(kMax >> 1, k2Pow255Minus1);
    uint256 y = 1;
    y <<= 100;
    y >>= uint256{99};
    EXPECT_EQ(y, 2);
}

TEST(uint256, sar)
{
    EXPECT_EQ(sar(k2Pow255, 255), kMax);
    EXPECT_EQ(sar(k2Pow255, 256), kMax);
    EXPECT_EQ(sar(k2Pow255, kMax), kMax);
    EXPECT_EQ(sar(k2Pow255, 1), (uint256(0, 0, 0, uint64_t{3} << 62)));
    EXPECT_EQ(sar(k2Pow255Minus1, 254), 1);
    EXPECT_EQ(sar(k2Pow255Minus1, 255), 0);
    EXPECT_EQ(sar(k2Pow255Minus1, 256), 0);
    EXPECT_EQ(sar(kMax, uint256(0, 0, 0, 1)), kMax);
    EXPECT_EQ(sar(neg(16), 2), neg(4));
    EXPECT_EQ(sar(neg(17), 2), neg(5));  // rounds toward minus infinity
    EXPECT_EQ(sar(uint256{16}, 0), 16);
}

TEST(uint256, signextend)
{
    EXPECT_EQ(signextend(0, 0xff), kMax);
    EXPECT_EQ(signextend(0, 0x7f), 0x7f);
    EXPECT_EQ(signextend(0, 0x17f), 0x7f);
    EXPECT_EQ(signextend(1, 0x8000), neg(0x8000));
    EXPECT_EQ(signextend(7, uint256(0x8000000000000000, 5, 6, 7)),
              (uint256{0x8000000000000000, kOnes, kOnes, kOnes}));
    EXPECT_EQ(signextend(7, uint256(0x7000000000000000, 5, 6, 7)), 0x7000000000000000);
    EXPECT_EQ(signextend(8, uint256(0, 0x80, 6, 7)), (uint256{0, kOnes - 0x7f, kOnes, kOnes}));
    const uint256 x{1, 2, 3, 0x0080000000000000};  // byte 30 = 0x80
    EXPECT_EQ(signextend(30, x), (uint256{1, 2, 3, 0xff80000000000000}));
    EXPECT_EQ(signextend(30, x & ~(uint256{1} << 247)), (uint256{1, 2, 3, 0}));
    EXPECT_EQ(signextend(30, uint256(1, 2, 3, 0x7f7f000000000000)),
              (uint256{1, 2, 3, 0x007f000000000000}));
    EXPECT_EQ(signextend(31, x), x);
    EXPECT_EQ(signextend(32, x), x);
    EXPECT_EQ(signextend(kMax, x), x);
    EXPECT_EQ(signextend(uint256(0, 1, 0, 0), 0xff), 0xff);
}

TEST(uint256, byte_at)
{
    const uint256 x = 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20_u256;
    for (uint64_t i = 0; i < 32; ++i) EXPECT_EQ(byte_at(i, x), i + 1) << i;
    EXPECT_EQ(byte_at(32, x), 0);
    EXPECT_EQ(byte_at(255, x), 0);
    EXPECT_EQ(byte_at(256, x), 0);
    EXPECT_EQ(byte_at(kMax, x), 0);
    EXPECT_EQ(byte_at(uint256(0, 1, 0, 0), x), 0);
    EXPECT_EQ(byte_at(0, kMax), 0xff);
}

TEST(uint256, clz_of_every_single_bit)
{
    EXPECT_EQ(clz(uint256{}), 256u);
    EXPECT_EQ(count_significant_bytes(uint256{}), 0u);
    for (unsigned i = 0; i < 256; ++i) {
        const uint256 bit = uint256{1} << i;
        EXPECT_EQ(clz(bit), 255 - i) << i;
        EXPECT_EQ(clz(bit | 1), 255 - i) << i;
        EXPECT_EQ(clz(bit * 2 - 1), 255 - i) << i;  // all bits 0..i
        EXPECT_EQ(count_significant_bytes(bit), i / 8 + 1) << i;
    }
    EXPECT_EQ(count_significant_bytes(kMax), 32u);
    EXPECT_EQ(count_significant_bytes(0xff), 1u);
    EXPECT_EQ(count_significant_bytes(0x100), 2u);
}

TEST(uint256, big_endian_bytes)
{
    const auto bytes = "0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"_b32;
    const uint256 x = load_be(bytes.data());
    EXPECT_EQ(x, (uint256{0x191a1b1c1d1e1f20, 0x1112131415161718, 0x090a0b0c0d0e0f10,
                          0x0102030405060708}));
    EXPECT_EQ(from_bytes32(bytes), x);
    EXPECT_EQ(to_bytes32(x), bytes);
    uint8_t out[32];
    store_be(out, x);
    EXPECT_EQ(std::memcmp(out, bytes.data(), 32), 0);
    EXPECT_EQ(load_be("0x0102"_hex), 0x0102);
    EXPECT_EQ(load_be(BytesView{}), 0);
    EXPECT_EQ(
        load_be(bytes.view().substr(0, 31)),
        (uint256{0x18191a1b1c1d1e1f, 0x1011121314151617, 0x08090a0b0c0d0e0f, 0x0001020304050607}));
    EXPECT_EQ(load_be(bytes.view()), x);
}

TEST(uint256, strings)
{
    EXPECT_EQ(to_string(uint256{}), "0");
    EXPECT_EQ(to_string(uint256{1}), "1");
    EXPECT_EQ(to_string(10'000'000'000'000'000'000_u256), "10000000000000000000");
    EXPECT_EQ(to_string(kMax),
              "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    EXPECT_EQ(to_hex_string(uint256{}), "0x0");
    EXPECT_EQ(to_hex_string(uint256{255}), "0xff");
    EXPECT_EQ(to_hex_string(k2Pow64), "0x10000000000000000");
    EXPECT_EQ(to_hex_string(kMax), "0x" + std::string(64, 'f'));

    EXPECT_EQ(parse_uint256("0"), 0);
    EXPECT_EQ(parse_uint256("0x0"), 0);
    EXPECT_EQ(parse_uint256("0X1F"), 31);
    EXPECT_EQ(parse_uint256("0xAbC"), 0xabc);
    EXPECT_EQ(parse_uint256("000123"), 123);
    EXPECT_EQ(parse_uint256("0x" + std::string(64, 'f')), kMax);
    EXPECT_EQ(parse_uint256("0x" + std::string(63, '0') + "1"), 1);
    EXPECT_EQ(parse_uint256(std::string(100, '0') + "7"), 7);
    EXPECT_EQ(parse_uint256(
                  "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
              kMax);
    EXPECT_FALSE(parse_uint256(
        "115792089237316195423570985008687907853269984665640564039457584007913129639936"));
    EXPECT_FALSE(parse_uint256(
        "999999999999999999999999999999999999999999999999999999999999999999999999999999"));
    EXPECT_FALSE(parse_uint256("0x1" + std::string(64, '0')));
    EXPECT_FALSE(parse_uint256(""));
    EXPECT_FALSE(parse_uint256("0x"));
    EXPECT_FALSE(parse_uint256("x1"));
    EXPECT_FALSE(parse_uint256("12a"));
    EXPECT_FALSE(parse_uint256("0xg"));
    EXPECT_FALSE(parse_uint256("-1"));
    EXPECT_FALSE(parse_uint256("+1"));
    EXPECT_FALSE(parse_uint256(" 1"));
    EXPECT_FALSE(parse_uint256("1 "));
    EXPECT_FALSE(parse_uint256("0x-1"));
}

// ---------------------------------------------------------------------------------------------
// Division internals: the reciprocals against their definitions
// ---------------------------------------------------------------------------------------------

TEST(uint256, reciprocal_2by1)
{
    std::mt19937_64 rng{0x2b1};
    const uint64_t n = test::scaled(1'000'000);
    for (uint64_t i = 0; i < n + 4; ++i) {
        uint64_t d = rng() | (uint64_t{1} << 63);
        if (i % 4 == 1) d &= ~((uint64_t{1} << (rng() % 63)) - 1);  // many trailing zeros
        if (i == n) d = uint64_t{1} << 63;
        if (i == n + 1) d = kOnes;
        if (i == n + 2) d = (uint64_t{1} << 63) + 1;
        if (i == n + 3) d = kOnes - 1;
        const auto expected = static_cast<uint64_t>(~uint128{0} / d);  // floor((2^128-1)/d) - 2^64
        ASSERT_EQ(detail::reciprocal_2by1(d), expected) << std::hex << d;
    }
}

TEST(uint256, reciprocal_3by2)
{
    std::mt19937_64 rng{0x3b2};
    mpz_t num, den, q;
    mpz_init(num);
    mpz_init(den);
    mpz_init(q);
    mpz_ui_pow_ui(num, 2, 192);
    mpz_sub_ui(num, num, 1);
    const uint64_t n = test::scaled(1'000'000);
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t d[2] = {rng(), rng() | (uint64_t{1} << 63)};
        switch (i % 8) {
            case 0: d[0] = 0; break;
            case 1: d[0] = kOnes; break;
            case 2: d[1] = kOnes; break;
            case 3: d[1] = uint64_t{1} << 63; break;
            default: break;
        }
        mpz_import(den, 2, -1, 8, 0, 0, d);
        mpz_fdiv_q(q, num, den);
        mpz_clrbit(q, 64);  // minus 2^64
        ASSERT_EQ(mpz_sizeinbase(q, 2) <= 64, true);
        const uint64_t expected = mpz_getlimbn(q, 0);
        ASSERT_EQ(detail::reciprocal_3by2(d[1], d[0]), expected) << std::hex << d[1] << ':' << d[0];
    }
    mpz_clear(num);
    mpz_clear(den);
    mpz_clear(q);
}

// ---------------------------------------------------------------------------------------------
// Differential testing against GMP
// ---------------------------------------------------------------------------------------------

/// Seeded random operands from a mix of distributions chosen to reach every code path:
/// uniform words, 1-4 significant words (division fast paths and normalisation), values next to
/// powers of two, words of all ones / all zeros / a single bit, small and "small negative"
/// values, and pairs where the dividend is built from the divisor (the rare branches of
/// Knuth's algorithm D).
class OperandGen
{
public:
    explicit OperandGen(uint64_t seed) : rng_{seed} {}

    uint64_t word() { return rng_(); }
    uint64_t below(uint64_t n) { return rng_() % n; }

    uint256 operand()
    {
        switch (below(10)) {
            case 0:
            case 1: return uniform();
            case 2: {  // 1..4 significant words
                uint256 x = uniform();
                const size_t words = 1 + below(4);
                for (size_t i = words; i < 4; ++i) x[i] = 0;
                return x;
            }
            case 3: {  // 2^k + delta, delta in [-3, 3]
                const uint256 p = uint256{1} << below(256);
                return p + below(7) - 3;
            }
            case 4: {  // special words
                uint256 x;
                for (size_t i = 0; i < 4; ++i) x[i] = special_word();
                return x;
            }
            case 5: return uniform() >> below(257);  // random bit length
            case 6: return below(4);                 // 0..3
            case 7: return -uint256{below(4) + 1};   // -1..-4
            case 8: {  // random bit length, then some low words cleared
                uint256 x = uniform() >> below(256);
                for (size_t i = 0; i < 4; ++i)
                    if (below(3) == 0) x[i] = 0;
                return x;
            }
            default: {  // top word all ones or a single high bit, the rest random
                uint256 x = uniform();
                x[3] = below(2) ? kOnes : uint64_t{1} << 63;
                return x;
            }
        }
    }

    /// A (dividend, divisor)-like pair: mostly independent operands, sometimes related.
    std::pair<uint256, uint256> pair()
    {
        uint256 b = operand();
        switch (below(16)) {
            case 0: return {b, b};
            case 1: return {b + below(3), b};
            case 2: {
                // The partial remainder's top two words equal the divisor's: the "qhat = 2^64 - 1"
                // branch of algorithm D. a = (b - eps) * 2^(64 s) + random low words.
                if (clz(b) < 64) b = b >> (64 + below(64));
                const size_t bwords = (256 - clz(b) + 63) / 64;
                const size_t s = bwords < 4 ? 1 + below(4 - bwords) : 0;
                uint256 a = (b - below(3) - 1) << (64 * s);
                for (size_t i = 0; i < s; ++i) a[i] = word();
                return {a, b};
            }
            case 3: {  // a = b * q + r with a small q
                const uint256 q = below(1000);
                return {b * q + (b ? word() % b : 0), b};
            }
            default: return {operand(), b};
        }
    }

    /// A shift, byte or sign-extension index: mostly small, sometimes huge.
    uint256 index()
    {
        switch (below(8)) {
            case 0: return operand();
            case 1: {
                static constexpr uint64_t kEdges[] = {0,   1,   7,   8,   30,  31,  32,
                                                      63,  64,  65,  127, 128, 191, 192,
                                                      254, 255, 256, 257, 512};
                return kEdges[below(std::size(kEdges))];
            }
            default: return below(300);
        }
    }

private:
    uint256 uniform() { return {rng_(), rng_(), rng_(), rng_()}; }

    uint64_t special_word()
    {
        static constexpr uint64_t kWords[] = {0,
                                              1,
                                              2,
                                              kOnes,
                                              kOnes - 1,
                                              uint64_t{1} << 63,
                                              (uint64_t{1} << 63) - 1,
                                              (uint64_t{1} << 63) + 1,
                                              0xffffffff,
                                              0x100000000};
        return below(4) == 0 ? rng_() : kWords[below(std::size(kWords))];
    }

    std::mt19937_64 rng_;
};

/// An mpz_t with RAII.
class Mpz
{
public:
    Mpz() { mpz_init2(v_, 1024); }
    ~Mpz() { mpz_clear(v_); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    operator mpz_ptr() { return v_; }

private:
    mpz_t v_;
};

/// The GMP side of the comparison: scratch integers reused across iterations.
class GmpFixture : public ::testing::Test
{
protected:
    GmpFixture()
    {
        mpz_ui_pow_ui(two256_, 2, 256);
        mpz_ui_pow_ui(two255_, 2, 255);
    }

    static void set(mpz_ptr z, const uint256& x) { mpz_import(z, 4, -1, 8, 0, 0, x.w); }

    /// x as a two's complement signed integer.
    void set_signed(mpz_ptr z, const uint256& x)
    {
        set(z, x);
        if (mpz_cmp(z, two255_) >= 0) mpz_sub(z, z, two256_);
    }

    /// z mod 2^256 as a uint256.
    static uint256 get(mpz_ptr z)
    {
        mpz_fdiv_r_2exp(z, z, 256);
        uint256 r;
        size_t count = 0;
        mpz_export(r.w, &count, -1, 8, 0, 0, z);
        return r;
    }

    /// Runs `check(gen)` test::scaled(1'000'000) times; check returns false on a mismatch.
    template <typename Check>
    void run(uint64_t seed, Check&& check)
    {
        OperandGen gen{seed};
        const uint64_t n = test::scaled(1'000'000);
        uint64_t failures = 0;
        for (uint64_t i = 0; i < n; ++i) {
            if (!check(gen) && ++failures >= 10) break;
        }
        EXPECT_EQ(failures, 0u);
    }

    /// Reports a binary-operation mismatch.
    static bool report(const char* op,
                       const uint256& a,
                       const uint256& b,
                       const uint256& got,
                       const uint256& expected)
    {
        if (got == expected) return true;
        ADD_FAILURE() << op << "(" << to_hex_string(a) << ", " << to_hex_string(b)
                      << ") = " << to_hex_string(got) << ", GMP says " << to_hex_string(expected);
        return false;
    }

    Mpz two256_, two255_, a_, b_, m_, r_, t_;
};

TEST_F(GmpFixture, add)
{
    run(1, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set(a_, a);
        set(b_, b);
        mpz_add(r_, a_, b_);
        return report("add", a, b, a + b, get(r_));
    });
}

TEST_F(GmpFixture, sub)
{
    run(2, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set(a_, a);
        set(b_, b);
        mpz_sub(r_, a_, b_);
        return report("sub", a, b, a - b, get(r_));
    });
}

TEST_F(GmpFixture, mul)
{
    run(3, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set(a_, a);
        set(b_, b);
        mpz_mul(r_, a_, b_);
        // The full product too, before get() reduces r_.
        const uint512 p = umul(a, b);
        mpz_import(t_, 8, -1, 8, 0, 0, p.w);
        if (mpz_cmp(t_, r_) != 0) {
            ADD_FAILURE() << "umul(" << to_hex_string(a) << ", " << to_hex_string(b) << ")";
            return false;
        }
        return report("mul", a, b, a * b, get(r_));
    });
}

TEST_F(GmpFixture, div)
{
    run(4, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set(a_, a);
        set(b_, b);
        if (b)
            mpz_fdiv_q(r_, a_, b_);
        else
            mpz_set_ui(r_, 0);
        return report("div", a, b, a / b, get(r_));
    });
}

TEST_F(GmpFixture, mod)
{
    run(5, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set(a_, a);
        set(b_, b);
        if (b)
            mpz_fdiv_r(r_, a_, b_);
        else
            mpz_set_ui(r_, 0);
        return report("mod", a, b, a % b, get(r_));
    });
}

TEST_F(GmpFixture, udivrem)
{
    run(6, [&](OperandGen& g) {
        auto [a, b] = g.pair();
        if (!b) b = 1;
        set(a_, a);
        set(b_, b);
        mpz_fdiv_qr(r_, m_, a_, b_);
        const DivResult d = udivrem(a, b);
        return report("udivrem.quot", a, b, d.quot, get(r_)) &&
               report("udivrem.rem", a, b, d.rem, get(m_));
    });
}

TEST_F(GmpFixture, sdiv)
{
    run(7, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set_signed(a_, a);
        set_signed(b_, b);
        if (b)
            mpz_tdiv_q(r_, a_, b_);  // truncation toward zero
        else
            mpz_set_ui(r_, 0);
        return report("sdiv", a, b, sdiv(a, b), get(r_));
    });
}

TEST_F(GmpFixture, smod)
{
    run(8, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set_signed(a_, a);
        set_signed(b_, b);
        if (b)
            mpz_tdiv_r(r_, a_, b_);  // sign of the dividend
        else
            mpz_set_ui(r_, 0);
        return report("smod", a, b, smod(a, b), get(r_));
    });
}

TEST_F(GmpFixture, addmod)
{
    run(9, [&](OperandGen& g) {
        const auto [a, m] = g.pair();
        const uint256 b = g.below(4) == 0 ? m - g.below(3) : g.operand();
        set(a_, a);
        set(b_, b);
        set(m_, m);
        mpz_add(r_, a_, b_);
        if (m)
            mpz_fdiv_r(r_, r_, m_);
        else
            mpz_set_ui(r_, 0);
        const uint256 got = addmod(a, b, m);
        const uint256 expected = get(r_);
        if (got == expected) return true;
        ADD_FAILURE() << "addmod(" << to_hex_string(a) << ", " << to_hex_string(b) << ", "
                      << to_hex_string(m) << ") = " << to_hex_string(got);
        return false;
    });
}

TEST_F(GmpFixture, mulmod)
{
    run(10, [&](OperandGen& g) {
        auto [a, m] = g.pair();
        uint256 b = g.operand();
        if (g.below(8) == 0) b = uint256{1} << (64 * g.below(4));  // keep a's relation to m
        set(a_, a);
        set(b_, b);
        set(m_, m);
        mpz_mul(r_, a_, b_);
        if (m)
            mpz_fdiv_r(r_, r_, m_);
        else
            mpz_set_ui(r_, 0);
        const uint256 got = mulmod(a, b, m);
        const uint256 expected = get(r_);
        if (got == expected) return true;
        ADD_FAILURE() << "mulmod(" << to_hex_string(a) << ", " << to_hex_string(b) << ", "
                      << to_hex_string(m) << ") = " << to_hex_string(got);
        return false;
    });
}

TEST_F(GmpFixture, exp)
{
    run(11, [&](OperandGen& g) {
        const uint256 base = g.below(8) == 0 ? uint256{g.below(4)} : g.operand();
        const uint256 e = g.below(2) == 0 ? g.index() : g.operand();
        set(a_, base);
        set(b_, e);
        mpz_powm(r_, a_, b_, two256_);
        return report("exp", base, e, exp(base, e), get(r_));
    });
}

TEST_F(GmpFixture, signextend)
{
    run(12, [&](OperandGen& g) {
        const uint256 b = g.below(2) ? uint256{g.below(34)} : g.index();
        const uint256 x = g.operand();
        set(r_, x);
        if (b < 31) {
            const auto bits = static_cast<mp_bitcnt_t>(8 * (b[0] + 1));
            mpz_fdiv_r_2exp(r_, r_, bits);
            if (mpz_tstbit(r_, bits - 1)) {
                mpz_ui_pow_ui(m_, 2, bits);
                mpz_sub(r_, r_, m_);
            }
        }
        return report("signextend", b, x, signextend(b, x), get(r_));
    });
}

TEST_F(GmpFixture, shl)
{
    run(13, [&](OperandGen& g) {
        const uint256 x = g.operand();
        const uint256 s = g.index();
        set(r_, x);
        if (s < 256)
            mpz_mul_2exp(r_, r_, s[0]);
        else
            mpz_set_ui(r_, 0);
        const uint256 expected = get(r_);
        return report("shl", x, s, x << s, expected) &&
               (s >= 256 || report("shl64", x, s, x << s[0], expected));
    });
}

TEST_F(GmpFixture, shr)
{
    run(14, [&](OperandGen& g) {
        const uint256 x = g.operand();
        const uint256 s = g.index();
        set(r_, x);
        mpz_fdiv_q_2exp(r_, r_, s < 256 ? s[0] : 256);
        const uint256 expected = get(r_);
        return report("shr", x, s, x >> s, expected) &&
               (s >= 256 || report("shr64", x, s, x >> s[0], expected));
    });
}

TEST_F(GmpFixture, sar)
{
    run(15, [&](OperandGen& g) {
        const uint256 x = g.operand();
        const uint256 s = g.index();
        set_signed(r_, x);
        mpz_fdiv_q_2exp(r_, r_, s < 256 ? s[0] : 256);  // floor: an arithmetic shift
        return report("sar", x, s, sar(x, s), get(r_));
    });
}

TEST_F(GmpFixture, byte)
{
    run(16, [&](OperandGen& g) {
        const uint256 i = g.below(2) ? uint256{g.below(40)} : g.index();
        const uint256 x = g.operand();
        set(r_, x);
        if (i < 32) {
            mpz_fdiv_q_2exp(r_, r_, 8 * (31 - i[0]));
            mpz_fdiv_r_2exp(r_, r_, 8);
        } else {
            mpz_set_ui(r_, 0);
        }
        return report("byte", i, x, byte_at(i, x), get(r_));
    });
}

TEST_F(GmpFixture, comparisons)
{
    run(17, [&](OperandGen& g) {
        const auto [a, b] = g.pair();
        set(a_, a);
        set(b_, b);
        const int c = mpz_cmp(a_, b_);
        set_signed(a_, a);
        set_signed(b_, b);
        const int sc = mpz_cmp(a_, b_);
        const bool ok = (a < b) == (c < 0) && (a > b) == (c > 0) && (a <= b) == (c <= 0) &&
                        (a >= b) == (c >= 0) && (a == b) == (c == 0) && (a != b) == (c != 0) &&
                        slt(a, b) == (sc < 0) && sgt(a, b) == (sc > 0);
        if (!ok) ADD_FAILURE() << "compare(" << to_hex_string(a) << ", " << to_hex_string(b) << ")";
        return ok;
    });
}

TEST_F(GmpFixture, clz)
{
    run(18, [&](OperandGen& g) {
        const uint256 x = g.operand();
        set(r_, x);
        const unsigned bits = mpz_size(r_) == 0 ? 0 : static_cast<unsigned>(mpz_sizeinbase(r_, 2));
        const bool ok = clz(x) == 256 - bits && count_significant_bytes(x) == (bits + 7) / 8;
        if (!ok) ADD_FAILURE() << "clz(" << to_hex_string(x) << ") = " << clz(x);
        return ok;
    });
}

TEST_F(GmpFixture, bytes_round_trip)
{
    run(19, [&](OperandGen& g) {
        const uint256 x = g.operand();
        set(r_, x);
        uint8_t expected[32] = {};
        size_t count = 0;
        uint8_t tmp[32];
        mpz_export(tmp, &count, 1, 1, 1, 0, r_);
        std::memcpy(expected + 32 - count, tmp, count);
        uint8_t out[32];
        store_be(out, x);
        const size_t skip = 32 - count;
        const bool ok = std::memcmp(out, expected, 32) == 0 && load_be(out) == x &&
                        load_be(BytesView{out + skip, count}) == x &&
                        from_bytes32(to_bytes32(x)) == x;
        if (!ok) ADD_FAILURE() << "bytes(" << to_hex_string(x) << ")";
        return ok;
    });
}

TEST_F(GmpFixture, strings_round_trip)
{
    char buf[100];
    run(20, [&](OperandGen& g) {
        const uint256 x = g.operand();
        set(r_, x);
        const std::string dec = to_string(x);
        const std::string hex = to_hex_string(x);
        bool ok = dec == mpz_get_str(buf, 10, r_) && hex.substr(2) == mpz_get_str(buf, 16, r_) &&
                  hex.starts_with("0x") && parse_uint256(dec) == x && parse_uint256(hex) == x;
        if (!ok) ADD_FAILURE() << "strings(" << hex << ") dec " << dec;
        return ok;
    });
}

}  // namespace
