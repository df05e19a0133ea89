// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "assert.hpp"
#include "bytes.hpp"

/// Inline x86-64 assembly for the carry chains of +, - and < (GCC 12 does not turn portable
/// carry code into a clean add/adc chain). Constant evaluation always uses the portable code.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ULTRA_UINT256_X86_ASM 1
#else
#define ULTRA_UINT256_X86_ASM 0
#endif

/// 256-bit unsigned integers with the EVM's wrapping semantics.
///
/// Every operation is modulo 2^256, never allocates and never fails: division and remainder by
/// zero give zero (Yellow Paper, DIV/MOD/SDIV/SMOD/ADDMOD/MULMOD). Signed operations (slt, sgt,
/// sdiv, smod, sar, signextend) read the same bits as two's complement. See docs/uint256.md for
/// the algorithms and how they are tested against GMP.
namespace ultra {

/// Unsigned 128-bit integer (a GCC/Clang extension), used for 64x64->128 products.
__extension__ using uint128 = unsigned __int128;

/// A 256-bit unsigned integer: four 64-bit words, least significant first. 32 bytes, trivially
/// copyable; `w` is public so that hot loops may touch the words directly.
struct uint256
{
    uint64_t w[4];  ///< Little-endian words: w[0] is the least significant.

    /// Zero.
    constexpr uint256() noexcept : w{0, 0, 0, 0} {}

    /// Zero-extends a 64-bit value (implicit, so that `x + 1` and `x == 0` read naturally).
    constexpr uint256(uint64_t v) noexcept : w{v, 0, 0, 0} {}

    /// From four words, least significant first.
    constexpr uint256(uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3) noexcept
        : w{w0, w1, w2, w3}
    {}

    /// True unless zero.
    constexpr explicit operator bool() const noexcept { return (w[0] | w[1] | w[2] | w[3]) != 0; }

    /// The low word converted to Int, truncating (callers check the range first when it matters).
    template <std::integral Int>
    constexpr explicit operator Int() const noexcept
    {
        return static_cast<Int>(w[0]);
    }

    /// Word i (0 = least significant); precondition i < 4.
    constexpr uint64_t& operator[](size_t i) noexcept { return w[i]; }
    /// Word i (0 = least significant); precondition i < 4.
    constexpr const uint64_t& operator[](size_t i) const noexcept { return w[i]; }
};

/// A 512-bit unsigned integer, least significant word first: the exact product of two uint256.
struct uint512
{
    uint64_t w[8];  ///< Little-endian words: w[0] is the least significant.
};

/// Quotient and remainder of an unsigned division.
struct DivResult
{
    uint256 quot;  ///< floor(a / b)
    uint256 rem;   ///< a - quot * b
};

namespace detail {

/// x + y + carry_in; the carry out is stored in `carry`.
constexpr uint64_t addc(uint64_t x, uint64_t y, bool& carry) noexcept
{
    uint64_t s = 0;
    uint64_t t = 0;
    const bool c1 = __builtin_add_overflow(x, y, &s);
    const bool c2 = __builtin_add_overflow(s, uint64_t{carry}, &t);
    carry = c1 || c2;
    return t;
}

/// x - y - borrow_in; the borrow out is stored in `borrow`.
constexpr uint64_t subb(uint64_t x, uint64_t y, bool& borrow) noexcept
{
    uint64_t d = 0;
    uint64_t t = 0;
    const bool b1 = __builtin_sub_overflow(x, y, &d);
    const bool b2 = __builtin_sub_overflow(d, uint64_t{borrow}, &t);
    borrow = b1 || b2;
    return t;
}

/// Number of leading zero bits of a 64-bit word, 64 for zero.
constexpr unsigned clz64(uint64_t x) noexcept
{
    return x == 0 ? 64u : static_cast<unsigned>(__builtin_clzll(x));
}

/// Byte-swaps a 64-bit word (big-endian <-> little-endian).
constexpr uint64_t bswap64(uint64_t x) noexcept
{
    return __builtin_bswap64(x);
}

/// Value of a hex digit, or -1.
constexpr int hex_digit(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/// Equality of all 256 bits.
constexpr bool operator==(const uint256& a, const uint256& b) noexcept
{
    return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0;
}

/// Unsigned less-than (the borrow of a - b).
constexpr bool operator<(const uint256& a, const uint256& b) noexcept
{
#if ULTRA_UINT256_X86_ASM
    if (!std::is_constant_evaluated()) {
        bool lt;
        uint64_t t1 = a[1];
        uint64_t t2 = a[2];
        uint64_t t3 = a[3];
        __asm__(
            "cmpq %5, %4\n\t"
            "sbbq %6, %1\n\t"
            "sbbq %7, %2\n\t"
            "sbbq %8, %3"
            : "=@ccc"(lt), "+r"(t1), "+r"(t2), "+r"(t3)
            : "r"(a[0]), "rme"(b[0]), "rme"(b[1]), "rme"(b[2]), "rme"(b[3])
            : "cc");
        return lt;
    }
#endif
    bool borrow = false;
    detail::subb(a[0], b[0], borrow);
    detail::subb(a[1], b[1], borrow);
    detail::subb(a[2], b[2], borrow);
    detail::subb(a[3], b[3], borrow);
    return borrow;
}

/// Unsigned greater-than.
constexpr bool operator>(const uint256& a, const uint256& b) noexcept
{
    return b < a;
}

/// Unsigned less-or-equal.
constexpr bool operator<=(const uint256& a, const uint256& b) noexcept
{
    return !(b < a);
}

/// Unsigned greater-or-equal.
constexpr bool operator>=(const uint256& a, const uint256& b) noexcept
{
    return !(a < b);
}

/// Signed (two's complement) less-than: EVM SLT.
constexpr bool slt(const uint256& a, const uint256& b) noexcept
{
    const bool a_neg = (a[3] >> 63) != 0;
    const bool b_neg = (b[3] >> 63) != 0;
    return a_neg != b_neg ? a_neg : a < b;
}

/// Signed (two's complement) greater-than: EVM SGT.
constexpr bool sgt(const uint256& a, const uint256& b) noexcept
{
    return slt(b, a);
}

// ---------------------------------------------------------------------------------------------
// Bitwise
// ---------------------------------------------------------------------------------------------

/// Bitwise AND.
constexpr uint256 operator&(const uint256& a, const uint256& b) noexcept
{
    return {a[0] & b[0], a[1] & b[1], a[2] & b[2], a[3] & b[3]};
}

/// Bitwise OR.
constexpr uint256 operator|(const uint256& a, const uint256& b) noexcept
{
    return {a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]};
}

/// Bitwise XOR.
constexpr uint256 operator^(const uint256& a, const uint256& b) noexcept
{
    return {a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]};
}

/// Bitwise NOT.
constexpr uint256 operator~(const uint256& a) noexcept
{
    return {~a[0], ~a[1], ~a[2], ~a[3]};
}

/// Logical left shift; shifts of 256 or more give 0 (EVM SHL, EIP-145). Branch-free apart from
/// the range check: shift amounts are data in the EVM, so branches on them mispredict.
constexpr uint256 operator<<(const uint256& x, uint64_t n) noexcept
{
    if (n >= 256) return {};
    const unsigned ws = static_cast<unsigned>(n / 64);
    const unsigned bs = static_cast<unsigned>(n % 64);
    // Shift within words (the (v >> 1) >> (63 - bs) form avoids a shift by 64 when bs == 0),
    // then select whole words.
    const uint64_t t0 = x[0] << bs;
    const uint64_t t1 = (x[1] << bs) | ((x[0] >> 1) >> (63 - bs));
    const uint64_t t2 = (x[2] << bs) | ((x[1] >> 1) >> (63 - bs));
    const uint64_t t3 = (x[3] << bs) | ((x[2] >> 1) >> (63 - bs));
    return {ws == 0 ? t0 : 0,
            ws == 0   ? t1
            : ws == 1 ? t0
                      : 0,
            ws == 0   ? t2
            : ws == 1 ? t1
            : ws == 2 ? t0
                      : 0,
            ws == 0   ? t3
            : ws == 1 ? t2
            : ws == 2 ? t1
                      : t0};
}

/// Logical right shift; shifts of 256 or more give 0 (EVM SHR, EIP-145). Branch-free apart from
/// the range check.
constexpr uint256 operator>>(const uint256& x, uint64_t n) noexcept
{
    if (n >= 256) return {};
    const unsigned ws = static_cast<unsigned>(n / 64);
    const unsigned bs = static_cast<unsigned>(n % 64);
    const uint64_t t0 = (x[0] >> bs) | ((x[1] << 1) << (63 - bs));
    const uint64_t t1 = (x[1] >> bs) | ((x[2] << 1) << (63 - bs));
    const uint64_t t2 = (x[2] >> bs) | ((x[3] << 1) << (63 - bs));
    const uint64_t t3 = x[3] >> bs;
    return {ws == 0   ? t0
            : ws == 1 ? t1
            : ws == 2 ? t2
                      : t3,
            ws == 0   ? t1
            : ws == 1 ? t2
            : ws == 2 ? t3
                      : 0,
            ws == 0   ? t2
            : ws == 1 ? t3
                      : 0,
            ws == 0 ? t3 : 0};
}

/// Left shift by a 256-bit amount; amounts of 256 or more give 0.
constexpr uint256 operator<<(const uint256& x, const uint256& n) noexcept
{
    if ((n[1] | n[2] | n[3]) != 0) return {};
    return x << n[0];
}

/// Logical right shift by a 256-bit amount; amounts of 256 or more give 0.
constexpr uint256 operator>>(const uint256& x, const uint256& n) noexcept
{
    if ((n[1] | n[2] | n[3]) != 0) return {};
    return x >> n[0];
}

// ---------------------------------------------------------------------------------------------
// Additive and multiplicative arithmetic (mod 2^256)
// ---------------------------------------------------------------------------------------------

/// Wrapping addition.
constexpr uint256 operator+(const uint256& a, const uint256& b) noexcept
{
#if ULTRA_UINT256_X86_ASM
    if (!std::is_constant_evaluated()) {
        uint64_t r0 = a[0];
        uint64_t r1 = a[1];
        uint64_t r2 = a[2];
        uint64_t r3 = a[3];
        __asm__(
            "addq %4, %0\n\t"
            "adcq %5, %1\n\t"
            "adcq %6, %2\n\t"
            "adcq %7, %3"
            : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
            : "rme"(b[0]), "rme"(b[1]), "rme"(b[2]), "rme"(b[3])
            : "cc");
        return {r0, r1, r2, r3};
    }
#endif
    bool c = false;
    const uint64_t r0 = detail::addc(a[0], b[0], c);
    const uint64_t r1 = detail::addc(a[1], b[1], c);
    const uint64_t r2 = detail::addc(a[2], b[2], c);
    const uint64_t r3 = a[3] + b[3] + c;
    return {r0, r1, r2, r3};
}

/// Wrapping subtraction.
constexpr uint256 operator-(const uint256& a, const uint256& b) noexcept
{
#if ULTRA_UINT256_X86_ASM
    if (!std::is_constant_evaluated()) {
        uint64_t r0 = a[0];
        uint64_t r1 = a[1];
        uint64_t r2 = a[2];
        uint64_t r3 = a[3];
        __asm__(
            "subq %4, %0\n\t"
            "sbbq %5, %1\n\t"
            "sbbq %6, %2\n\t"
            "sbbq %7, %3"
            : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
            : "rme"(b[0]), "rme"(b[1]), "rme"(b[2]), "rme"(b[3])
            : "cc");
        return {r0, r1, r2, r3};
    }
#endif
    bool c = false;
    const uint64_t r0 = detail::subb(a[0], b[0], c);
    const uint64_t r1 = detail::subb(a[1], b[1], c);
    const uint64_t r2 = detail::subb(a[2], b[2], c);
    const uint64_t r3 = a[3] - b[3] - c;
    return {r0, r1, r2, r3};
}

/// Two's complement negation (0 - a).
constexpr uint256 operator-(const uint256& a) noexcept
{
    return uint256{} - a;
}

/// Wrapping multiplication: the low 256 bits of the product. A truncated 4x4 schoolbook summed
/// column by column: 6 full 64x64->128 products for the low three words, 4 low halves for the
/// top word.
constexpr uint256 operator*(const uint256& x, const uint256& y) noexcept
{
    // Column 0.
    const uint128 c0 = uint128{x[0]} * y[0];
    // Column 1: x0*y1 + hi(c0) cannot overflow 128 bits; the second product can.
    const uint128 s1 = uint128{x[0]} * y[1] + static_cast<uint64_t>(c0 >> 64);
    const uint128 c1 = s1 + uint128{x[1]} * y[0];
    const uint64_t c1_carry = c1 < s1 ? 1 : 0;
    // Column 2, wrapping at 128 bits: the excess belongs to column 4.
    uint128 c2 = (uint128{c1_carry} << 64) | static_cast<uint64_t>(c1 >> 64);
    c2 += uint128{x[0]} * y[2];
    c2 += uint128{x[1]} * y[1];
    c2 += uint128{x[2]} * y[0];
    // Column 3: low halves only.
    const uint64_t c3 =
        static_cast<uint64_t>(c2 >> 64) + x[0] * y[3] + x[1] * y[2] + x[2] * y[1] + x[3] * y[0];
    return {static_cast<uint64_t>(c0), static_cast<uint64_t>(c1), static_cast<uint64_t>(c2), c3};
}

/// The exact 512-bit product.
constexpr uint512 umul(const uint256& x, const uint256& y) noexcept
{
    uint512 p{};
    for (size_t j = 0; j < 4; ++j) {
        uint64_t k = 0;
        for (size_t i = 0; i < 4; ++i) {
            const uint128 t = uint128{x[i]} * y[j] + p.w[i + j] + k;
            p.w[i + j] = static_cast<uint64_t>(t);
            k = static_cast<uint64_t>(t >> 64);
        }
        p.w[j + 4] = k;
    }
    return p;
}

namespace detail {
/// floor((2^128 - 1) / d) - 2^64, the reciprocal used by 2-by-1 division (Möller & Granlund,
/// "Improved division by invariant integers", 2011, Algorithm 2). Precondition: d >= 2^63.
/// Exposed for tests.
[[nodiscard]] uint64_t reciprocal_2by1(uint64_t d) noexcept;

/// floor((2^192 - 1) / d) - 2^64 for the two-word divisor d = d1:d0, the reciprocal used by
/// 3-by-2 division (ibid., Algorithm 6). Precondition: d1 >= 2^63. Exposed for tests.
[[nodiscard]] uint64_t reciprocal_3by2(uint64_t d1, uint64_t d0) noexcept;
}  // namespace detail

/// Unsigned quotient and remainder. Precondition: b != 0 (asserted).
[[nodiscard]] DivResult udivrem(const uint256& a, const uint256& b) noexcept;

/// Unsigned division; x / 0 == 0 (EVM DIV).
inline uint256 operator/(const uint256& a, const uint256& b) noexcept
{
    if ((a[1] | a[2] | a[3] | b[1] | b[2] | b[3]) == 0) return b[0] != 0 ? a[0] / b[0] : 0;
    if (!b) return {};
    return udivrem(a, b).quot;
}

/// Unsigned remainder; x % 0 == 0 (EVM MOD).
inline uint256 operator%(const uint256& a, const uint256& b) noexcept
{
    if ((a[1] | a[2] | a[3] | b[1] | b[2] | b[3]) == 0) return b[0] != 0 ? a[0] % b[0] : 0;
    if (!b) return {};
    return udivrem(a, b).rem;
}

// ---------------------------------------------------------------------------------------------
// Compound assignment, increment, decrement
// ---------------------------------------------------------------------------------------------

/// a = a + b.
constexpr uint256& operator+=(uint256& a, const uint256& b) noexcept
{
    return a = a + b;
}
/// a = a - b.
constexpr uint256& operator-=(uint256& a, const uint256& b) noexcept
{
    return a = a - b;
}
/// a = a * b.
constexpr uint256& operator*=(uint256& a, const uint256& b) noexcept
{
    return a = a * b;
}
/// a = a / b (0 when b == 0).
inline uint256& operator/=(uint256& a, const uint256& b) noexcept
{
    return a = a / b;
}
/// a = a % b (0 when b == 0).
inline uint256& operator%=(uint256& a, const uint256& b) noexcept
{
    return a = a % b;
}
/// a = a & b.
constexpr uint256& operator&=(uint256& a, const uint256& b) noexcept
{
    return a = a & b;
}
/// a = a | b.
constexpr uint256& operator|=(uint256& a, const uint256& b) noexcept
{
    return a = a | b;
}
/// a = a ^ b.
constexpr uint256& operator^=(uint256& a, const uint256& b) noexcept
{
    return a = a ^ b;
}
/// a = a << n.
constexpr uint256& operator<<=(uint256& a, uint64_t n) noexcept
{
    return a = a << n;
}
/// a = a >> n.
constexpr uint256& operator>>=(uint256& a, uint64_t n) noexcept
{
    return a = a >> n;
}
/// a = a << n (256-bit amount).
constexpr uint256& operator<<=(uint256& a, const uint256& n) noexcept
{
    return a = a << n;
}
/// a = a >> n (256-bit amount).
constexpr uint256& operator>>=(uint256& a, const uint256& n) noexcept
{
    return a = a >> n;
}
/// Pre-increment (wrapping).
constexpr uint256& operator++(uint256& a) noexcept
{
    return a = a + 1;
}
/// Pre-decrement (wrapping).
constexpr uint256& operator--(uint256& a) noexcept
{
    return a = a - 1;
}
/// Post-increment (wrapping).
constexpr uint256 operator++(uint256& a, int) noexcept
{
    const uint256 old = a;
    a = a + 1;
    return old;
}
/// Post-decrement (wrapping).
constexpr uint256 operator--(uint256& a, int) noexcept
{
    const uint256 old = a;
    a = a - 1;
    return old;
}

// ---------------------------------------------------------------------------------------------
// EVM operations
// ---------------------------------------------------------------------------------------------

/// Signed division (EVM SDIV): truncates toward zero; b == 0 gives 0 and
/// sdiv(-2^255, -1) == -2^255 (the overflow wraps).
[[nodiscard]] uint256 sdiv(const uint256& a, const uint256& b) noexcept;

/// Signed remainder (EVM SMOD): the sign of the result is the sign of a; b == 0 gives 0.
[[nodiscard]] uint256 smod(const uint256& a, const uint256& b) noexcept;

/// (a + b) mod m computed without losing the carry of a + b (EVM ADDMOD); m == 0 gives 0.
[[nodiscard]] uint256 addmod(const uint256& a, const uint256& b, const uint256& m) noexcept;

/// (a * b) mod m over the exact 512-bit product (EVM MULMOD); m == 0 gives 0.
[[nodiscard]] uint256 mulmod(const uint256& a, const uint256& b, const uint256& m) noexcept;

/// base^exponent mod 2^256 by square-and-multiply (EVM EXP); 0^0 == 1.
[[nodiscard]] uint256 exp(const uint256& base, const uint256& exponent) noexcept;

/// EVM SIGNEXTEND: extends the sign bit of byte `b` (0 = least significant byte) of x over the
/// higher bytes; b >= 31 returns x unchanged.
constexpr uint256 signextend(const uint256& b, const uint256& x) noexcept
{
    if ((b[1] | b[2] | b[3]) != 0 || b[0] >= 31) return x;
    const size_t e = static_cast<size_t>(b[0]);
    const size_t word = e / 8;
    const unsigned sign_pos = static_cast<unsigned>(e % 8) * 8 + 7;
    const uint64_t fill = 0 - ((x[word] >> sign_pos) & 1);  // all ones if negative
    const uint64_t keep = (uint64_t{2} << sign_pos) - 1;    // sign_pos 63 wraps to all ones
    uint256 r = x;
    r[word] = (x[word] & keep) | (fill & ~keep);
    for (size_t i = word + 1; i < 4; ++i) r[i] = fill;
    return r;
}

/// EVM SAR (EIP-145): arithmetic right shift; shifts of 256 or more give 0 or all ones.
constexpr uint256 sar(const uint256& x, const uint256& shift) noexcept
{
    // For negative x, x >>arith n == ~(~x >>logical n).
    if ((x[3] >> 63) == 0) return x >> shift;
    return ~(~x >> shift);
}

/// EVM BYTE: byte i of x counting from the most significant (i = 0); i >= 32 gives 0.
constexpr uint256 byte_at(const uint256& i, const uint256& x) noexcept
{
    if ((i[1] | i[2] | i[3]) != 0 || i[0] >= 32) return {};
    const unsigned lsb_index = 31 - static_cast<unsigned>(i[0]);
    return (x[lsb_index / 8] >> (lsb_index % 8 * 8)) & 0xff;
}

/// Number of leading zero bits, 256 for zero (EIP-7939 CLZ).
constexpr unsigned clz(const uint256& x) noexcept
{
    if (x[3] != 0) return detail::clz64(x[3]);
    if (x[2] != 0) return 64 + detail::clz64(x[2]);
    if (x[1] != 0) return 128 + detail::clz64(x[1]);
    return 192 + detail::clz64(x[0]);
}

/// Number of bytes needed to represent x, 0 for zero (the EXP gas cost, EIP-160).
constexpr unsigned count_significant_bytes(const uint256& x) noexcept
{
    return (256 - clz(x) + 7) / 8;
}

// ---------------------------------------------------------------------------------------------
// Bytes and strings
// ---------------------------------------------------------------------------------------------

/// Loads 32 big-endian bytes (the EVM's stack and memory word order).
inline uint256 load_be(const uint8_t* p32) noexcept
{
    uint256 r;
    for (size_t i = 0; i < 4; ++i) {
        uint64_t v;
        std::memcpy(&v, p32 + 8 * (3 - i), 8);
        r[i] = detail::bswap64(v);
    }
    return r;
}

/// Loads up to 32 big-endian bytes, right-aligned (shorter input has implicit leading zeros).
/// Precondition: b.size() <= 32 (asserted).
inline uint256 load_be(BytesView b) noexcept
{
    ULTRA_ASSERT(b.size() <= 32);
    uint8_t buf[32] = {};
    if (!b.empty()) std::memcpy(buf + 32 - b.size(), b.data(), b.size());
    return load_be(buf);
}

/// Stores x as 32 big-endian bytes.
inline void store_be(uint8_t* out32, const uint256& x) noexcept
{
    for (size_t i = 0; i < 4; ++i) {
        const uint64_t v = detail::bswap64(x[i]);
        std::memcpy(out32 + 8 * (3 - i), &v, 8);
    }
}

/// x as a big-endian 32-byte value (storage slots, hashes).
inline Bytes32 to_bytes32(const uint256& x) noexcept
{
    Bytes32 r;
    store_be(r.data(), x);
    return r;
}

/// A big-endian 32-byte value as a number.
inline uint256 from_bytes32(const Bytes32& b) noexcept
{
    return load_be(b.data());
}

/// Parses "0x"/"0X" followed by 1 to 64 hex digits, or 1 or more decimal digits (leading zeros
/// allowed). Signs, spaces, empty input, other characters and values >= 2^256 give nullopt.
constexpr std::optional<uint256> parse_uint256(std::string_view s) noexcept
{
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        if (s.empty() || s.size() > 64) return std::nullopt;
        uint256 r;
        for (size_t i = 0; i < s.size(); ++i) {
            const int d = detail::hex_digit(s[s.size() - 1 - i]);
            if (d < 0) return std::nullopt;
            r[i / 16] |= uint64_t(d) << (i % 16 * 4);
        }
        return r;
    }
    if (s.empty()) return std::nullopt;
    uint256 r;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        // r = r * 10 + digit, rejecting a carry out of the top word.
        uint64_t k = static_cast<uint64_t>(c - '0');
        for (size_t i = 0; i < 4; ++i) {
            const uint128 t = uint128{r[i]} * 10 + k;
            r[i] = static_cast<uint64_t>(t);
            k = static_cast<uint64_t>(t >> 64);
        }
        if (k != 0) return std::nullopt;
    }
    return r;
}

/// "0x" followed by the minimal lower-case hex digits; "0x0" for zero.
[[nodiscard]] std::string to_hex_string(const uint256& x);

/// Decimal digits, no leading zeros; "0" for zero.
[[nodiscard]] std::string to_string(const uint256& x);

namespace literals {
/// Compile-time literal: `123_u256`, `0xff_u256`, digit separators allowed (`1'000_u256`).
/// A literal that does not fit in 256 bits does not compile.
consteval uint256 operator""_u256(const char* s)
{
    char buf[160] = {};
    size_t n = 0;
    for (; *s != '\0'; ++s) {
        if (*s == '\'') continue;
        ULTRA_ASSERT(n < sizeof(buf));
        buf[n++] = *s;
    }
    const auto v = parse_uint256(std::string_view{buf, n});
    ULTRA_ASSERT(v.has_value());
    return *v;
}
}  // namespace literals

}  // namespace ultra
