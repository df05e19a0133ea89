// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// MODEXP edge cases beyond the geth vectors: gas per revision (EIP-198, EIP-2565, EIP-7883) with
// expected values computed by hand from the EIPs' formulas, huge declared lengths, EIP-7823
// bounds, zero moduli, short inputs, and random small operands against a 64-bit oracle.
#include <gtest/gtest.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/precompiles/common.hpp>
#include <ultra/precompiles/modexp.hpp>
#include <utils/fixtures.hpp>

namespace {
using namespace ultra;
using namespace ultra::precompiles;
using namespace ultra::literals;

__extension__ using uint128 = unsigned __int128;

/// A 32-byte big-endian length word holding `v`.
Bytes word(uint128 v)
{
    Bytes w(32, 0);
    for (size_t i = 0; i < 16; ++i) w[31 - i] = static_cast<uint8_t>(v >> (8 * i));
    return w;
}

/// A length word with only bit `bit` set (bit < 256).
Bytes pow2_word(unsigned bit)
{
    Bytes w(32, 0);
    w[31 - bit / 8] = static_cast<uint8_t>(1u << (bit % 8));
    return w;
}

Bytes header(uint128 base_len, uint128 exp_len, uint128 mod_len)
{
    return word(base_len) + word(exp_len) + word(mod_len);
}

/// header + `base_len` bytes 0x01, `exp_len` bytes (exp value in the last byte), mod bytes.
Bytes small_input(size_t base_len, size_t exp_len, uint8_t exp_last, size_t mod_len)
{
    Bytes in = header(base_len, exp_len, mod_len) + Bytes(base_len, 0x01) + Bytes(exp_len, 0);
    if (exp_len > 0) in[96 + base_len + exp_len - 1] = exp_last;
    return in + Bytes(mod_len, 0xff);
}

constexpr Revision kRevs[] = {Revision::kByzantium, Revision::kBerlin, Revision::kOsaka};

TEST(ModexpGas, EmptyInput)
{
    EXPECT_EQ(modexp_gas({}, Revision::kByzantium), 0u);
    EXPECT_EQ(modexp_gas({}, Revision::kIstanbul), 0u);
    EXPECT_EQ(modexp_gas({}, Revision::kBerlin), 200u);  // EIP-2565 minimum
    EXPECT_EQ(modexp_gas({}, Revision::kOsaka), 500u);   // EIP-7883 minimum
}

TEST(ModexpGas, Eip198ComplexityPieces)
{
    // x = 65: 65²/4 + 96·65 − 3072 = 4224; iter 1 (exponent 2) → 4224 / 20.
    EXPECT_EQ(modexp_gas(small_input(65, 1, 2, 65), Revision::kByzantium), 211u);
    // x = 1024: 1024²/4 + 96·1024 − 3072 = 357376 → / 20.
    EXPECT_EQ(modexp_gas(small_input(1024, 1, 2, 1024), Revision::kByzantium), 17868u);
    // x = 1025: 1025²/16 + 480·1025 − 199680 = 357984 → / 20.
    EXPECT_EQ(modexp_gas(small_input(1025, 1, 2, 1025), Revision::kByzantium), 17899u);
    EXPECT_EQ(modexp_gas(small_input(1024, 1, 2, 1024), Revision::kBerlin), 5461u);
    EXPECT_EQ(modexp_gas(small_input(1025, 1, 2, 1025), Revision::kBerlin), 5547u);
    EXPECT_EQ(modexp_gas(small_input(1024, 1, 2, 1024), Revision::kOsaka), 32768u);
    EXPECT_EQ(modexp_gas(small_input(1025, 1, 2, 1025), Revision::kOsaka), 33282u);
    EXPECT_EQ(modexp_gas(small_input(65, 1, 2, 65), Revision::kBerlin), 200u);
    EXPECT_EQ(modexp_gas(small_input(65, 1, 2, 65), Revision::kOsaka), 500u);
}

TEST(ModexpGas, LongExponentHead)
{
    // 33-byte exponent whose first 32 bytes are 0x00..01: iter = 8·1 + 0 (16·1 in Osaka).
    Bytes in = small_input(64, 33, 0, 64);
    in[96 + 64 + 31] = 0x01;
    EXPECT_EQ(modexp_gas(in, Revision::kByzantium), 1638u);
    EXPECT_EQ(modexp_gas(in, Revision::kBerlin), 200u);
    EXPECT_EQ(modexp_gas(in, Revision::kOsaka), 2048u);

    // 40-byte exponent with a zero head: the head contributes 0, not −1.
    const Bytes zero_head = small_input(64, 40, 0, 64);
    EXPECT_EQ(modexp_gas(zero_head, Revision::kByzantium), 13107u);
    EXPECT_EQ(modexp_gas(zero_head, Revision::kBerlin), 1365u);
    EXPECT_EQ(modexp_gas(zero_head, Revision::kOsaka), 16384u);

    // 32-byte exponent 2^256 − 1: iter 255.
    Bytes max_head = small_input(64, 32, 0xff, 64);
    for (size_t i = 0; i < 32; ++i) max_head[96 + 64 + i] = 0xff;
    EXPECT_EQ(modexp_gas(max_head, Revision::kByzantium), 52224u);
    EXPECT_EQ(modexp_gas(max_head, Revision::kBerlin), 5440u);
    EXPECT_EQ(modexp_gas(max_head, Revision::kOsaka), 32640u);
}

TEST(ModexpGas, ExponentHeadPastTheInput)
{
    // The exponent's head is read where it would start (96 + base_len); missing bytes are zero.
    const Bytes in = header(64, 1, 64);                     // no operand bytes at all
    EXPECT_EQ(modexp_gas(in, Revision::kByzantium), 204u);  // 64² · 1 / 20
}

TEST(ModexpGas, HugeLengthsSaturate)
{
    const Bytes max_word(32, 0xff);
    for (Revision rev : kRevs) {
        SCOPED_TRACE(to_string(rev));
        EXPECT_EQ(modexp_gas(max_word + word(1) + word(1), rev), kGasInfinite);  // base 2^256−1
        EXPECT_EQ(modexp_gas(word(1) + word(1) + max_word, rev), kGasInfinite);  // mod 2^256−1
        EXPECT_EQ(modexp_gas(pow2_word(64) + word(1) + word(1), rev), kGasInfinite);
        EXPECT_EQ(modexp_gas(word(1) + pow2_word(255) + word(1), rev), kGasInfinite);
        EXPECT_EQ(modexp_gas(word(1) + pow2_word(70) + word(1), rev), kGasInfinite);
    }
    // A 2^64-byte exponent with 1-byte base and modulus: exactly ⌊8·(2^64 − 32) / 20⌋ in
    // Byzantium (below UINT64_MAX), beyond UINT64_MAX afterwards.
    const Bytes e64 = word(1) + pow2_word(64) + word(1);
    EXPECT_EQ(modexp_gas(e64, Revision::kByzantium), 7378697629483820633u);
    EXPECT_EQ(modexp_gas(e64, Revision::kBerlin), kGasInfinite);
    EXPECT_EQ(modexp_gas(e64, Revision::kOsaka), kGasInfinite);
}

TEST(ModexpGas, HugeExponentWithZeroBaseAndModulusIsCheapBeforeOsaka)
{
    // The classic corner: base = mod = 0 bytes, exponent length 2^255. The multiplication
    // complexity is 0, so only the revision's minimum is charged; the output is empty and
    // nothing of the declared length may be allocated.
    const Bytes in = word(0) + pow2_word(255) + word(0);
    EXPECT_EQ(modexp_gas(in, Revision::kByzantium), 0u);
    EXPECT_EQ(modexp_gas(in, Revision::kBerlin), 200u);
    EXPECT_EQ(modexp_gas(in, Revision::kOsaka), kGasInfinite);  // complexity 16 × huge

    const auto byz = modexp_execute(in, Revision::kByzantium);
    ASSERT_TRUE(byz.has_value());
    EXPECT_TRUE(byz->empty());
    const auto berlin = modexp_execute(in, Revision::kPrague);
    ASSERT_TRUE(berlin.has_value());
    EXPECT_TRUE(berlin->empty());
    EXPECT_FALSE(modexp_execute(in, Revision::kOsaka).has_value());  // EIP-7823
}

TEST(ModexpExecute, HugeExponentLengthWithModulusPastTheInput)
{
    // mod_len 1, exp_len 2^200: the modulus lies beyond any input, so it is zero → one 0x00.
    const Bytes in = word(1) + pow2_word(200) + word(1) + "02ff"_hex;
    const auto r = modexp_execute(in, Revision::kBerlin);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(to_hex(*r), "00");
}

TEST(ModexpExecute, Eip7823Bounds)
{
    // 1024 is allowed in Osaka, 1025 is not (for each of the three lengths); before Osaka
    // 1025 is fine.
    const Bytes ok = small_input(1024, 1024, 3, 1024);
    EXPECT_TRUE(modexp_execute(ok, Revision::kOsaka).has_value());
    EXPECT_EQ(modexp_execute(ok, Revision::kOsaka)->size(), 1024u);

    const Bytes big_base = small_input(1025, 1, 3, 1);
    const Bytes big_exp = small_input(1, 1025, 3, 1);
    const Bytes big_mod = small_input(1, 1, 3, 1025);
    for (const Bytes* in : {&big_base, &big_exp, &big_mod}) {
        EXPECT_FALSE(modexp_execute(*in, Revision::kOsaka).has_value());
        EXPECT_TRUE(modexp_execute(*in, Revision::kPrague).has_value());
    }
    // A length far above the bound fails too, whatever the modulus length.
    EXPECT_FALSE(modexp_execute(word(0) + word(0) + pow2_word(100), Revision::kOsaka).has_value());
}

TEST(ModexpExecute, ZeroModulus)
{
    // mod_len 2 with a zero modulus: two zero bytes (and no SIGFPE).
    const Bytes in = header(1, 1, 2) + "0303"_hex + "0000"_hex;
    for (Revision rev : kRevs) {
        const auto r = modexp_execute(in, rev);
        ASSERT_TRUE(r.has_value());
        EXPECT_EQ(to_hex(*r), "0000");
    }
    // mod_len 0: empty output even with a base and an exponent.
    const auto empty = modexp_execute(header(1, 1, 0) + "0303"_hex, Revision::kBerlin);
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->empty());
}

TEST(ModexpExecute, ShortInputIsZeroPadded)
{
    // Modulus declared as 2 bytes, only its first byte (0x05) given: modulus 0x0500 = 1280.
    const auto r = modexp_execute(header(1, 1, 2) + "020305"_hex, Revision::kBerlin);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(to_hex(*r), "0008");  // 2^3 mod 1280

    // Only the header: base = exp = mod = 0 → zero modulus → zeros.
    const auto z = modexp_execute(header(4, 4, 3), Revision::kByzantium);
    ASSERT_TRUE(z.has_value());
    EXPECT_EQ(to_hex(*z), "000000");

    // A truncated header reads as zero lengths.
    const auto t = modexp_execute("0000"_hex, Revision::kByzantium);
    ASSERT_TRUE(t.has_value());
    EXPECT_TRUE(t->empty());
}

TEST(ModexpExecute, ExtraInputIsIgnored)
{
    const auto r = modexp_execute(header(1, 1, 1) + "030207"_hex + "ffffff"_hex, Revision::kOsaka);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(to_hex(*r), "02");  // 3^2 mod 7
}

TEST(ModexpExecute, ZeroExponentAndUnitModulus)
{
    auto run = [](const Bytes& in) { return to_hex(*modexp_execute(in, Revision::kBerlin)); };
    EXPECT_EQ(run(header(1, 1, 1) + "050007"_hex), "01");               // 5^0 mod 7
    EXPECT_EQ(run(header(1, 1, 1) + "000007"_hex), "01");               // 0^0 mod 7
    EXPECT_EQ(run(header(1, 1, 1) + "050001"_hex), "00");               // 5^0 mod 1
    EXPECT_EQ(run(header(1, 0, 1) + "0507"_hex), "01");                 // empty exponent = 0
    EXPECT_EQ(run(header(0, 1, 1) + "0307"_hex), "00");                 // empty base = 0; 0^3 mod 7
    EXPECT_EQ(run(header(1, 1, 2) + "030500"_hex + "64"_hex), "002b");  // 3^5 mod 100 = 43
}

/// base^exp mod mod with 128-bit intermediates: an oracle independent of GMP for small operands.
uint64_t powmod64(uint64_t base, uint64_t exp, uint64_t mod)
{
    if (mod == 1) return 0;
    uint128 result = 1;
    uint128 b = base % mod;
    while (exp != 0) {
        if (exp & 1) result = result * b % mod;
        b = b * b % mod;
        exp >>= 1;
    }
    return static_cast<uint64_t>(result);
}

Bytes be_bytes(uint64_t v, size_t len)
{
    Bytes out(len, 0);
    for (size_t i = 0; i < len && i < 8; ++i) out[len - 1 - i] = static_cast<uint8_t>(v >> (8 * i));
    return out;
}

TEST(ModexpExecute, RandomSmallOperandsMatchOracle)
{
    std::mt19937_64 rng{20260101};
    const uint64_t n = test::scaled(2000);
    for (uint64_t iter = 0; iter < n; ++iter) {
        // Lengths 0..10 bytes (values fit in 64 bits thanks to leading zero bytes).
        const size_t bl = rng() % 11, el = rng() % 11, ml = rng() % 11;
        auto value = [&](size_t len) {
            const size_t bytes = std::min<size_t>(len, 8);
            return bytes == 0 ? 0 : (bytes == 8 ? rng() : rng() % (uint64_t{1} << (8 * bytes)));
        };
        const uint64_t b = value(bl), e = value(el), m = value(ml);
        const Bytes in = header(bl, el, ml) + be_bytes(b, bl) + be_bytes(e, el) + be_bytes(m, ml);
        const Bytes expected = ml == 0 ? Bytes{} : be_bytes(m == 0 ? 0 : powmod64(b, e, m), ml);
        for (Revision rev : kRevs) {
            const auto r = modexp_execute(in, rev);
            ASSERT_TRUE(r.has_value());
            ASSERT_EQ(to_hex(*r), to_hex(expected))
                << b << "^" << e << " mod " << m << " (" << bl << "," << el << "," << ml << ")";
        }
    }
}

TEST(GasMath, Saturation)
{
    EXPECT_EQ(saturating_add(kGasInfinite, 1), kGasInfinite);
    EXPECT_EQ(saturating_add(kGasInfinite - 1, 1), kGasInfinite);
    EXPECT_EQ(saturating_add(1, 2), 3u);
    EXPECT_EQ(saturating_mul(uint64_t{1} << 32, uint64_t{1} << 32), kGasInfinite);
    EXPECT_EQ(saturating_mul(uint64_t{1} << 31, uint64_t{1} << 32), uint64_t{1} << 63);
    EXPECT_EQ(num_words(0), 0u);
    EXPECT_EQ(num_words(1), 1u);
    EXPECT_EQ(num_words(32), 1u);
    EXPECT_EQ(num_words(33), 2u);
    EXPECT_EQ(num_words(SIZE_MAX), SIZE_MAX / 32 + 1);
    EXPECT_EQ(linear_cost(SIZE_MAX, 600, 120), kGasInfinite);
    EXPECT_EQ(linear_cost(SIZE_MAX, 15, 3), 15 + 3 * (SIZE_MAX / 32 + 1));
}

}  // namespace
