// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <ultra/core/assert.hpp>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(ULTRA_FP256_NO_ASM)
#include <cpuid.h>
/// Whether the x86-64 mulx/adcx/adox assembly path of Fp256 is compiled (it is still chosen at
/// run time, only on CPUs that report BMI2 and ADX). Define ULTRA_FP256_NO_ASM to test the
/// portable path alone.
#define ULTRA_FP256_X86_ASM 1
#else
#define ULTRA_FP256_X86_ASM 0
#endif

namespace ultra::crypto {

/// A 256-bit unsigned integer as four 64-bit limbs, least significant limb first.
using U256Limbs = std::array<uint64_t, 4>;
/// A 512-bit unsigned integer (a double-width product) as eight limbs, least significant first.
using U512Limbs = std::array<uint64_t, 8>;

namespace fp256_detail {

__extension__ using uint128 = unsigned __int128;
__extension__ using int128 = __int128;

/// a + b + carry; `carry` (0 or 1) is updated. On x86-64 the intrinsic makes GCC emit one adc
/// chain (its code for the 128-bit emulation below is several times slower).
constexpr uint64_t add_carry(uint64_t a, uint64_t b, uint64_t& carry) noexcept
{
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long r = 0;
        carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &r);
        return r;
    }
#endif
    const uint128 s = uint128{a} + b + carry;
    carry = static_cast<uint64_t>(s >> 64);
    return static_cast<uint64_t>(s);
}

/// a - b - borrow; `borrow` (0 or 1) is updated.
constexpr uint64_t sub_borrow(uint64_t a, uint64_t b, uint64_t& borrow) noexcept
{
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long r = 0;
        borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &r);
        return r;
    }
#endif
    const uint128 d = uint128{a} - b - borrow;
    borrow = static_cast<uint64_t>(d >> 64) & 1;
    return static_cast<uint64_t>(d);
}

#if ULTRA_FP256_X86_ASM
/// cpuid leaf 7: BMI2 (mulx) is EBX bit 8, ADX (adcx/adox) is EBX bit 19.
inline bool detect_bmi2_adx() noexcept
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
    return (ebx & (1u << 8)) != 0 && (ebx & (1u << 19)) != 0;
}

/// The CPU capability, read once at start-up and never written again (a constant of the
/// machine, not mutable state).
inline const bool kHasBmi2Adx = detect_bmi2_adx();
#endif

/// a < b as 256-bit integers.
constexpr bool less(const U256Limbs& a, const U256Limbs& b) noexcept
{
    for (int i = 3; i >= 0; --i) {
        const auto k = static_cast<size_t>(i);
        if (a[k] != b[k]) return a[k] < b[k];
    }
    return false;
}

/// a - b (mod 2^256); `borrow` is set when a < b.
constexpr U256Limbs sub(const U256Limbs& a, const U256Limbs& b, uint64_t& borrow) noexcept
{
    borrow = 0;
    U256Limbs r{};
    for (size_t i = 0; i < 4; ++i) r[i] = sub_borrow(a[i], b[i], borrow);
    return r;
}

/// a + b (mod 2^256); `carry` is set on overflow.
constexpr U256Limbs add(const U256Limbs& a, const U256Limbs& b, uint64_t& carry) noexcept
{
    carry = 0;
    U256Limbs r{};
    for (size_t i = 0; i < 4; ++i) r[i] = add_carry(a[i], b[i], carry);
    return r;
}

/// -m^-1 mod 2^64 for an odd m (Newton iteration: each step doubles the correct low bits).
constexpr uint64_t neg_inverse_mod_2_64(uint64_t m) noexcept
{
    uint64_t x = m;  // m * m == 1 (mod 8): three correct bits
    for (int i = 0; i < 5; ++i) x *= 2 - m * x;
    return ~x + 1;
}

/// 2^k mod m for a modulus m < 2^255, by k modular doublings (compile-time helper).
constexpr U256Limbs pow2_mod(const U256Limbs& m, unsigned k) noexcept
{
    U256Limbs x{1, 0, 0, 0};
    for (unsigned i = 0; i < k; ++i) {
        uint64_t carry = 0;
        U256Limbs d = add(x, x, carry);
        if (!less(d, m)) {
            uint64_t borrow = 0;
            d = sub(d, m, borrow);
        }
        x = d;
    }
    return x;
}

/// Number of significant bits of a 256-bit integer.
constexpr unsigned bit_width(const U256Limbs& a) noexcept
{
    for (int i = 3; i >= 0; --i) {
        const auto k = static_cast<size_t>(i);
        if (a[k] != 0)
            return 64 * static_cast<unsigned>(i) + static_cast<unsigned>(std::bit_width(a[k]));
    }
    return 0;
}

/// Bit `i` of a 256-bit integer.
constexpr bool test_bit(const U256Limbs& a, unsigned i) noexcept
{
    return ((a[i / 64] >> (i % 64)) & 1) != 0;
}

}  // namespace fp256_detail

/// A prime field GF(m) for an odd modulus m < 2^254, in Montgomery form (x·2^256 mod m) on four
/// 64-bit limbs. `Params` provides `static constexpr U256Limbs kModulus`.
///
/// Every value is kept fully reduced in [0, m), so equality is limb equality. Multiplication is
/// CIOS Montgomery multiplication; because m < 2^254 the top limb leaves the two spare bits that
/// let the interleaved reduction skip the extra carry word (the "no-carry" CIOS variant). None of
/// this is constant time: the EVM precompiles only ever handle public data.
///
/// All operations are constexpr, so constants (Frobenius coefficients, ...) are derived by the
/// compiler from the modulus instead of being typed in.
template <typename Params>
class Fp256
{
public:
    /// The modulus m.
    static constexpr U256Limbs kModulus = Params::kModulus;
    static_assert((kModulus[0] & 1) == 1, "the modulus must be odd");
    static_assert(kModulus[3] < (uint64_t{1} << 62), "the modulus must be below 2^254");

    /// -m^-1 mod 2^64, the Montgomery reduction factor.
    static constexpr uint64_t kInv = fp256_detail::neg_inverse_mod_2_64(kModulus[0]);
    /// 2^256 mod m: the Montgomery form of 1.
    static constexpr U256Limbs kR = fp256_detail::pow2_mod(kModulus, 256);
    /// 2^512 mod m: converts a plain integer into Montgomery form by one multiplication.
    static constexpr U256Limbs kR2 = fp256_detail::pow2_mod(kModulus, 512);
    /// 2^768 mod m: turns the plain inverse of a Montgomery value back into Montgomery form.
    static constexpr U256Limbs kR3 = fp256_detail::pow2_mod(kModulus, 768);

    /// Zero.
    constexpr Fp256() noexcept = default;

    /// The element x mod m, from a plain (non-Montgomery) integer. Precondition: x < m.
    static constexpr Fp256 from_limbs(const U256Limbs& x) noexcept
    {
        return from_montgomery(mont_mul(x, kR2));
    }

    /// The element whose Montgomery representation is `x` (no conversion). Precondition: x < m.
    static constexpr Fp256 from_montgomery(const U256Limbs& x) noexcept
    {
        Fp256 r;
        r.v_ = x;
        return r;
    }

    /// A small constant.
    static constexpr Fp256 from_u64(uint64_t x) noexcept { return from_limbs({x, 0, 0, 0}); }

    /// Parses a 32-byte big-endian integer; std::nullopt if it is not below the modulus.
    static constexpr std::optional<Fp256> from_be_bytes(const uint8_t* bytes32) noexcept
    {
        const U256Limbs x = limbs_from_be_bytes(bytes32);
        if (!fp256_detail::less(x, kModulus)) return std::nullopt;
        return from_limbs(x);
    }

    /// Reads 32 big-endian bytes as a 256-bit integer (no range check).
    static constexpr U256Limbs limbs_from_be_bytes(const uint8_t* bytes32) noexcept
    {
        U256Limbs x{};
        for (size_t i = 0; i < 32; ++i) x[3 - i / 8] = (x[3 - i / 8] << 8) | bytes32[i];
        return x;
    }

    /// Writes the canonical value as 32 big-endian bytes.
    constexpr void to_be_bytes(uint8_t* out32) const noexcept
    {
        const U256Limbs x = to_limbs();
        for (size_t i = 0; i < 32; ++i)
            out32[i] = static_cast<uint8_t>(x[3 - i / 8] >> (8 * (7 - i % 8)));
    }

    /// The canonical (plain, non-Montgomery) value in [0, m).
    constexpr U256Limbs to_limbs() const noexcept { return mont_mul(v_, {1, 0, 0, 0}); }

    /// The Montgomery representation x·2^256 mod m.
    constexpr const U256Limbs& montgomery() const noexcept { return v_; }

    /// The additive and multiplicative identities.
    /// @{
    static constexpr Fp256 zero() noexcept { return {}; }
    static constexpr Fp256 one() noexcept { return from_montgomery(kR); }
    /// @}

    /// Tests against 0 and 1 (values are canonical, so these are limb comparisons).
    /// @{
    constexpr bool is_zero() const noexcept { return (v_[0] | v_[1] | v_[2] | v_[3]) == 0; }
    constexpr bool is_one() const noexcept { return v_ == kR; }
    /// @}

    /// Equality of field elements.
    friend constexpr bool operator==(const Fp256&, const Fp256&) noexcept = default;

    /// Field addition, subtraction, negation and multiplication (results fully reduced).
    /// @{
    friend constexpr Fp256 operator+(const Fp256& a, const Fp256& b) noexcept
    {
        // a + b < 2m < 2^255: no carry out of the top limb.
        using fp256_detail::add_carry;
        using fp256_detail::sub_borrow;
        uint64_t c = 0;
        const uint64_t s0 = add_carry(a.v_[0], b.v_[0], c);
        const uint64_t s1 = add_carry(a.v_[1], b.v_[1], c);
        const uint64_t s2 = add_carry(a.v_[2], b.v_[2], c);
        const uint64_t s3 = add_carry(a.v_[3], b.v_[3], c);
        c = 0;
        const uint64_t d0 = sub_borrow(s0, kModulus[0], c);
        const uint64_t d1 = sub_borrow(s1, kModulus[1], c);
        const uint64_t d2 = sub_borrow(s2, kModulus[2], c);
        const uint64_t d3 = sub_borrow(s3, kModulus[3], c);
        return from_montgomery(c ? U256Limbs{s0, s1, s2, s3} : U256Limbs{d0, d1, d2, d3});
    }

    friend constexpr Fp256 operator-(const Fp256& a, const Fp256& b) noexcept
    {
        using fp256_detail::add_carry;
        using fp256_detail::sub_borrow;
        uint64_t c = 0;
        const uint64_t d0 = sub_borrow(a.v_[0], b.v_[0], c);
        const uint64_t d1 = sub_borrow(a.v_[1], b.v_[1], c);
        const uint64_t d2 = sub_borrow(a.v_[2], b.v_[2], c);
        const uint64_t d3 = sub_borrow(a.v_[3], b.v_[3], c);
        // On a borrow the result is d + m.
        const uint64_t borrow = c;
        c = 0;
        const uint64_t r0 = add_carry(d0, kModulus[0], c);
        const uint64_t r1 = add_carry(d1, kModulus[1], c);
        const uint64_t r2 = add_carry(d2, kModulus[2], c);
        const uint64_t r3 = add_carry(d3, kModulus[3], c);
        return from_montgomery(borrow ? U256Limbs{r0, r1, r2, r3} : U256Limbs{d0, d1, d2, d3});
    }

    constexpr Fp256 operator-() const noexcept { return zero() - *this; }

    friend constexpr Fp256 operator*(const Fp256& a, const Fp256& b) noexcept
    {
        return from_montgomery(mont_mul(a.v_, b.v_));
    }

    constexpr Fp256& operator+=(const Fp256& b) noexcept { return *this = *this + b; }
    constexpr Fp256& operator-=(const Fp256& b) noexcept { return *this = *this - b; }
    constexpr Fp256& operator*=(const Fp256& b) noexcept { return *this = *this * b; }
    /// @}

    /// 2·a.
    constexpr Fp256 dbl() const noexcept { return *this + *this; }

    /// a / 2.
    constexpr Fp256 half() const noexcept
    {
        U256Limbs x = v_;
        if (x[0] & 1) {
            // x + m is even and below 2^255.
            uint64_t carry = 0;
            x = fp256_detail::add(x, kModulus, carry);
        }
        return from_montgomery({(x[0] >> 1) | (x[1] << 63), (x[1] >> 1) | (x[2] << 63),
                                (x[2] >> 1) | (x[3] << 63), x[3] >> 1});
    }

    /// a².
    constexpr Fp256 square() const noexcept { return from_montgomery(mont_mul(v_, v_)); }

    /// a^e for a plain 256-bit exponent (left-to-right, 4-bit fixed window; variable time).
    constexpr Fp256 pow(const U256Limbs& e) const noexcept
    {
        std::array<Fp256, 16> table{};
        table[0] = one();
        for (size_t i = 1; i < 16; ++i) table[i] = table[i - 1] * *this;
        Fp256 r = one();
        const unsigned nbits = fp256_detail::bit_width(e);
        const unsigned top = (nbits + 3) / 4;
        for (unsigned w = top; w-- > 0;) {
            for (int s = 0; s < 4; ++s) r = r.square();
            const auto nibble = static_cast<size_t>((e[w / 16] >> (4 * (w % 16))) & 0xf);
            if (nibble != 0) r *= table[nibble];
        }
        return r;
    }

    /// a^-1 by Fermat's little theorem (a^(m-2)); 0 for 0. Slower than inverse(); kept as an
    /// independent check and for compile-time use.
    constexpr Fp256 inverse_fermat() const noexcept
    {
        uint64_t borrow = 0;
        return pow(fp256_detail::sub(kModulus, {2, 0, 0, 0}, borrow));
    }

    /// a^-1 (0 for 0), by the Bernstein–Yang "safegcd" divstep algorithm in its variable-time
    /// form (see docs/bn254.md). At compile time it falls back to inverse_fermat().
    constexpr Fp256 inverse() const noexcept
    {
        if (std::is_constant_evaluated()) return inverse_fermat();
        if (is_zero()) return {};
        // The divsteps invert the representation x = a·R as an integer: x^-1 = a^-1·R^-1, and one
        // Montgomery multiplication by R^3 gives a^-1·R.
        return from_montgomery(mont_mul(safegcd_inverse(v_), kR3));
    }

    /// Square root for m ≡ 3 (mod 4): a^((m+1)/4) when a is a square, else std::nullopt.
    constexpr std::optional<Fp256> sqrt() const noexcept
    {
        static_assert((kModulus[0] & 3) == 3, "sqrt() needs m = 3 (mod 4)");
        const Fp256 r = pow(kSqrtExponent);
        if (r.square() != *this) return std::nullopt;
        return r;
    }

    /// Legendre-style test: true when a is a non-zero square or zero.
    constexpr bool is_square() const noexcept { return is_zero() || pow(kHalfExponent).is_one(); }

    /// Montgomery multiplication: a·b·2^-256 mod m, fully reduced.
    ///
    /// CIOS, one row per limb of b: t += a·b_i, then t = (t + m·q)/2^64 with q = t_0·kInv. Each
    /// row forms its four 128-bit products first and adds their halves in two carry chains.
    /// Preconditions: a < 2m and a·b < m·2^256 (so unreduced sums of two reduced values are
    /// accepted, e.g. a, b < 2m). Then t stays below 3m + 1 < 2^256 between rows, so no extra
    /// carry word is needed (m < 2^254), and the result a·b/2^256 + m·Q/2^256 < 2m needs one
    /// conditional subtraction.
    static constexpr U256Limbs mont_mul(const U256Limbs& a, const U256Limbs& b) noexcept
    {
#if ULTRA_FP256_X86_ASM
        if (!std::is_constant_evaluated() && fp256_detail::kHasBmi2Adx) return mont_mul_adx(a, b);
#endif
        return mont_mul_portable(a, b);
    }

    /// mont_mul() in portable C++ (also the compile-time path).
    static constexpr U256Limbs mont_mul_portable(const U256Limbs& a, const U256Limbs& b) noexcept
    {
        using fp256_detail::add_carry;
        using fp256_detail::uint128;
        uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (size_t i = 0; i < 4; ++i) {
            const uint64_t bi = b[i];
            const uint128 p0 = uint128{a[0]} * bi;
            const uint128 p1 = uint128{a[1]} * bi;
            const uint128 p2 = uint128{a[2]} * bi;
            const uint128 p3 = uint128{a[3]} * bi;
            // (l0..l3, h) = t + a·b_i
            uint64_t c = 0;
            uint64_t l0 = add_carry(t0, static_cast<uint64_t>(p0), c);
            uint64_t l1 = add_carry(t1, static_cast<uint64_t>(p1), c);
            uint64_t l2 = add_carry(t2, static_cast<uint64_t>(p2), c);
            uint64_t l3 = add_carry(t3, static_cast<uint64_t>(p3), c);
            uint64_t h = static_cast<uint64_t>(p3 >> 64) + c;
            c = 0;
            l1 = add_carry(l1, static_cast<uint64_t>(p0 >> 64), c);
            l2 = add_carry(l2, static_cast<uint64_t>(p1 >> 64), c);
            l3 = add_carry(l3, static_cast<uint64_t>(p2 >> 64), c);
            h += c;
            // (t0..t3) = (l + m·q) / 2^64
            const uint64_t q = l0 * kInv;
            const uint128 m0 = uint128{q} * kModulus[0];
            const uint128 m1 = uint128{q} * kModulus[1];
            const uint128 m2 = uint128{q} * kModulus[2];
            const uint128 m3 = uint128{q} * kModulus[3];
            c = 0;
            (void)add_carry(l0, static_cast<uint64_t>(m0), c);  // the low word becomes 0
            l1 = add_carry(l1, static_cast<uint64_t>(m1), c);
            l2 = add_carry(l2, static_cast<uint64_t>(m2), c);
            l3 = add_carry(l3, static_cast<uint64_t>(m3), c);
            h += c;
            c = 0;
            t0 = add_carry(l1, static_cast<uint64_t>(m0 >> 64), c);
            t1 = add_carry(l2, static_cast<uint64_t>(m1 >> 64), c);
            t2 = add_carry(l3, static_cast<uint64_t>(m2 >> 64), c);
            t3 = h + static_cast<uint64_t>(m3 >> 64) + c;
        }
        uint64_t borrow = 0;
        const uint64_t d0 = fp256_detail::sub_borrow(t0, kModulus[0], borrow);
        const uint64_t d1 = fp256_detail::sub_borrow(t1, kModulus[1], borrow);
        const uint64_t d2 = fp256_detail::sub_borrow(t2, kModulus[2], borrow);
        const uint64_t d3 = fp256_detail::sub_borrow(t3, kModulus[3], borrow);
        return borrow ? U256Limbs{t0, t1, t2, t3} : U256Limbs{d0, d1, d2, d3};
    }

    /// The full 512-bit product a·b of two 256-bit integers (no reduction), for lazy reduction:
    /// sums of such products are reduced once by mont_reduce().
    static constexpr U512Limbs mul_wide(const U256Limbs& a, const U256Limbs& b) noexcept
    {
#if ULTRA_FP256_X86_ASM
        if (!std::is_constant_evaluated() && fp256_detail::kHasBmi2Adx) return mul_wide_adx(a, b);
#endif
        return mul_wide_portable(a, b);
    }

    /// mul_wide() in portable C++.
    static constexpr U512Limbs mul_wide_portable(const U256Limbs& a, const U256Limbs& b) noexcept
    {
        using fp256_detail::uint128;
        U512Limbs t{};
        for (size_t i = 0; i < 4; ++i) {
            uint64_t hi = 0;
            for (size_t j = 0; j < 4; ++j) {
                // (2^64 - 1)² + 2·(2^64 - 1) < 2^128: no overflow.
                const uint128 p = uint128{a[j]} * b[i] + t[i + j] + hi;
                t[i + j] = static_cast<uint64_t>(p);
                hi = static_cast<uint64_t>(p >> 64);
            }
            t[i + 4] = hi;
        }
        return t;
    }

    /// Montgomery reduction t·2^-256 mod m of a 512-bit t < m·2^256, fully reduced.
    ///
    /// REDC of the low half alone gives U = (t_low + q·m)/2^256 ≤ m; since q depends only on
    /// t_low, the result is U + t_high < 2m, corrected by one subtraction.
    static constexpr U256Limbs mont_reduce(const U512Limbs& t) noexcept
    {
#if ULTRA_FP256_X86_ASM
        if (!std::is_constant_evaluated() && fp256_detail::kHasBmi2Adx) return mont_reduce_adx(t);
#endif
        return mont_reduce_portable(t);
    }

    /// mont_reduce() in portable C++.
    static constexpr U256Limbs mont_reduce_portable(const U512Limbs& t) noexcept
    {
        using fp256_detail::uint128;
        uint64_t r[5] = {t[0], t[1], t[2], t[3], 0};
        for (size_t i = 0; i < 4; ++i) {
            const uint64_t q = r[0] * kInv;
            uint64_t hi = 0;
            for (size_t j = 0; j < 4; ++j) {
                const uint128 p = uint128{q} * kModulus[j] + r[j] + hi;
                r[j] = static_cast<uint64_t>(p);
                hi = static_cast<uint64_t>(p >> 64);
            }
            r[4] += hi;
            // Shift one limb down (r[0] is now zero).
            r[0] = r[1];
            r[1] = r[2];
            r[2] = r[3];
            r[3] = r[4];
            r[4] = 0;
        }
        return add_high_and_reduce({r[0], r[1], r[2], r[3]}, t);
    }

    /// Plain a + b without reduction: below 2m for a, b < m. Such a sum is a valid operand of
    /// mul_wide() and of mont_mul() (see their preconditions).
    static constexpr U256Limbs add_unreduced(const U256Limbs& a, const U256Limbs& b) noexcept
    {
        uint64_t c = 0;
        return fp256_detail::add(a, b, c);
    }

#if ULTRA_FP256_X86_ASM
    // clang-format off
    // One row of the schoolbook product: (T0..T4) += a·b_i, with T4 written by the last mulx.
#define ULTRA_FP256_MUL_ROW(T0, T1, T2, T3, T4, BI) \
    "movq " BI ", %%rdx\n\t"                       \
    "xorl %%eax, %%eax\n\t"                        \
    "mulxq 0(%[a]), %%r14, %%r15\n\t"              \
    "adcxq %%r14, %[" T0 "]\n\t"                   \
    "adoxq %%r15, %[" T1 "]\n\t"                   \
    "mulxq 8(%[a]), %%r14, %%r15\n\t"              \
    "adcxq %%r14, %[" T1 "]\n\t"                   \
    "adoxq %%r15, %[" T2 "]\n\t"                   \
    "mulxq 16(%[a]), %%r14, %%r15\n\t"             \
    "adcxq %%r14, %[" T2 "]\n\t"                   \
    "adoxq %%r15, %[" T3 "]\n\t"                   \
    "mulxq 24(%[a]), %%r14, %[" T4 "]\n\t"         \
    "adcxq %%r14, %[" T3 "]\n\t"                   \
    "adoxq %%rax, %[" T4 "]\n\t"                   \
    "adcxq %%rax, %[" T4 "]\n\t"
    // One Montgomery reduction row: q = T0·kInv, (T0..T4) += m·q, which zeroes T0.
#define ULTRA_FP256_RED_ROW(T0, T1, T2, T3, T4) \
    "movq %[" T0 "], %%rdx\n\t"                \
    "imulq %[inv], %%rdx\n\t"                  \
    "xorl %%eax, %%eax\n\t"                    \
    "mulxq 0(%[m]), %%r14, %%r15\n\t"          \
    "adcxq %%r14, %[" T0 "]\n\t"               \
    "adoxq %%r15, %[" T1 "]\n\t"               \
    "mulxq 8(%[m]), %%r14, %%r15\n\t"          \
    "adcxq %%r14, %[" T1 "]\n\t"               \
    "adoxq %%r15, %[" T2 "]\n\t"               \
    "mulxq 16(%[m]), %%r14, %%r15\n\t"         \
    "adcxq %%r14, %[" T2 "]\n\t"               \
    "adoxq %%r15, %[" T3 "]\n\t"               \
    "mulxq 24(%[m]), %%r14, %%r15\n\t"         \
    "adcxq %%r14, %[" T3 "]\n\t"               \
    "adoxq %%r15, %[" T4 "]\n\t"               \
    "adcxq %%rax, %[" T4 "]\n\t"
    // clang-format on

    /// mont_mul() with mulx and the two independent carry chains of adcx (CF) and adox (OF):
    /// each row is a product row then a reduction row; the five accumulator registers rotate so
    /// that the next row's T0 is this row's T1. Precondition: fp256_detail::kHasBmi2Adx.
    static U256Limbs mont_mul_adx(const U256Limbs& a, const U256Limbs& b) noexcept
    {
        uint64_t r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0;
        // clang-format off
        asm(ULTRA_FP256_MUL_ROW("r0", "r1", "r2", "r3", "r4", "0(%[b])")
            ULTRA_FP256_RED_ROW("r0", "r1", "r2", "r3", "r4")
            ULTRA_FP256_MUL_ROW("r1", "r2", "r3", "r4", "r0", "8(%[b])")
            ULTRA_FP256_RED_ROW("r1", "r2", "r3", "r4", "r0")
            ULTRA_FP256_MUL_ROW("r2", "r3", "r4", "r0", "r1", "16(%[b])")
            ULTRA_FP256_RED_ROW("r2", "r3", "r4", "r0", "r1")
            ULTRA_FP256_MUL_ROW("r3", "r4", "r0", "r1", "r2", "24(%[b])")
            ULTRA_FP256_RED_ROW("r3", "r4", "r0", "r1", "r2")
            : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "+&r"(r4)
            : [a] "r"(a.data()), [b] "r"(b.data()), [m] "r"(kModulus.data()), [inv] "m"(kInv)
            : "rax", "rdx", "r14", "r15", "cc", "memory");
        // clang-format on
        // The result (< 2m) is (r4, r0, r1, r2).
        return subtract_modulus_if_ge({r4, r0, r1, r2});
    }

    /// mul_wide() with mulx/adcx/adox; each finished low limb is stored as its row ends.
    static U512Limbs mul_wide_adx(const U256Limbs& a, const U256Limbs& b) noexcept
    {
        U512Limbs t;
        uint64_t r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0;
        // clang-format off
        asm(ULTRA_FP256_MUL_ROW("r0", "r1", "r2", "r3", "r4", "0(%[b])")
            "movq %[r0], 0(%[t])\n\t"
            ULTRA_FP256_MUL_ROW("r1", "r2", "r3", "r4", "r0", "8(%[b])")
            "movq %[r1], 8(%[t])\n\t"
            ULTRA_FP256_MUL_ROW("r2", "r3", "r4", "r0", "r1", "16(%[b])")
            "movq %[r2], 16(%[t])\n\t"
            ULTRA_FP256_MUL_ROW("r3", "r4", "r0", "r1", "r2", "24(%[b])")
            "movq %[r3], 24(%[t])\n\t"
            : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "+&r"(r4)
            : [a] "r"(a.data()), [b] "r"(b.data()), [t] "r"(t.data())
            : "rax", "rdx", "r14", "r15", "cc", "memory");
        // clang-format on
        t[4] = r4;
        t[5] = r0;
        t[6] = r1;
        t[7] = r2;
        return t;
    }

    /// mont_reduce() with mulx/adcx/adox.
    static U256Limbs mont_reduce_adx(const U512Limbs& t) noexcept
    {
        uint64_t r0 = t[0], r1 = t[1], r2 = t[2], r3 = t[3], r4 = 0;
        // Each row leaves its T0 zero, which is the next row's fresh T4.
        // clang-format off
        asm(ULTRA_FP256_RED_ROW("r0", "r1", "r2", "r3", "r4")
            ULTRA_FP256_RED_ROW("r1", "r2", "r3", "r4", "r0")
            ULTRA_FP256_RED_ROW("r2", "r3", "r4", "r0", "r1")
            ULTRA_FP256_RED_ROW("r3", "r4", "r0", "r1", "r2")
            : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "+&r"(r4)
            : [m] "r"(kModulus.data()), [inv] "m"(kInv)
            : "rax", "rdx", "r14", "r15", "cc");
        // clang-format on
        return add_high_and_reduce({r4, r0, r1, r2}, t);
    }
#undef ULTRA_FP256_MUL_ROW
#undef ULTRA_FP256_RED_ROW
#endif

private:
    /// x - m if x ≥ m, else x (for x < 2m).
    static constexpr U256Limbs subtract_modulus_if_ge(const U256Limbs& x) noexcept
    {
        uint64_t borrow = 0;
        const uint64_t d0 = fp256_detail::sub_borrow(x[0], kModulus[0], borrow);
        const uint64_t d1 = fp256_detail::sub_borrow(x[1], kModulus[1], borrow);
        const uint64_t d2 = fp256_detail::sub_borrow(x[2], kModulus[2], borrow);
        const uint64_t d3 = fp256_detail::sub_borrow(x[3], kModulus[3], borrow);
        return borrow ? x : U256Limbs{d0, d1, d2, d3};
    }

    /// (u + t_high) mod m for u ≤ m and t_high < m.
    static constexpr U256Limbs add_high_and_reduce(const U256Limbs& u, const U512Limbs& t) noexcept
    {
        uint64_t c = 0;
        const uint64_t s0 = fp256_detail::add_carry(u[0], t[4], c);
        const uint64_t s1 = fp256_detail::add_carry(u[1], t[5], c);
        const uint64_t s2 = fp256_detail::add_carry(u[2], t[6], c);
        const uint64_t s3 = fp256_detail::add_carry(u[3], t[7], c);
        return subtract_modulus_if_ge({s0, s1, s2, s3});
    }

    static constexpr U256Limbs shift_right_2_plus_1(const U256Limbs& m) noexcept
    {
        // (m + 1) / 4 for odd m ≡ 3 (mod 4): m + 1 does not overflow since m < 2^254.
        uint64_t carry = 0;
        const U256Limbs s = fp256_detail::add(m, {1, 0, 0, 0}, carry);
        return {(s[0] >> 2) | (s[1] << 62), (s[1] >> 2) | (s[2] << 62), (s[2] >> 2) | (s[3] << 62),
                s[3] >> 2};
    }
    static constexpr U256Limbs half_minus(const U256Limbs& m) noexcept
    {
        // (m - 1) / 2 for odd m.
        return {(m[0] >> 1) | (m[1] << 63), (m[1] >> 1) | (m[2] << 63), (m[2] >> 1) | (m[3] << 63),
                m[3] >> 1};
    }
    static constexpr U256Limbs kSqrtExponent = shift_right_2_plus_1(kModulus);
    static constexpr U256Limbs kHalfExponent = half_minus(kModulus);

    // ---- safegcd (Bernstein–Yang) inversion on signed 62-bit limbs ----

    static constexpr uint64_t kM62 = (uint64_t{1} << 62) - 1;

    /// A signed integer as 5 limbs of 62 bits; limbs 0..3 are in [0, 2^62), limb 4 is signed.
    struct S62
    {
        std::array<int64_t, 5> v;
    };

    /// The 2x2 transition matrix of 62 divsteps, scaled by 2^62.
    struct Matrix
    {
        int64_t u, v, q, r;
    };

    static constexpr S62 to_s62(const U256Limbs& a) noexcept
    {
        return {{static_cast<int64_t>(a[0] & kM62),
                 static_cast<int64_t>(((a[0] >> 62) | (a[1] << 2)) & kM62),
                 static_cast<int64_t>(((a[1] >> 60) | (a[2] << 4)) & kM62),
                 static_cast<int64_t>(((a[2] >> 58) | (a[3] << 6)) & kM62),
                 static_cast<int64_t>(a[3] >> 56)}};
    }

    static constexpr S62 kModulus62 = to_s62(kModulus);

    /// m^-1 mod 2^62.
    static constexpr uint64_t kModulusInv62 = (~kInv + 1) & kM62;

    /// 62 divsteps on the low 64 bits of f (odd) and g, batching runs of even g with a count of
    /// trailing zeros and cancelling up to 6 low bits of g per addition of f. Returns the updated
    /// delta; `t` receives the transition matrix.
    static int64_t divsteps_62(int64_t delta, uint64_t f, uint64_t g, Matrix& t) noexcept
    {
        // Invariant after k steps: 2^k·(f, g) = [[u, v], [q, r]]·(f0, g0) on the low bits.
        uint64_t u = 1, v = 0, q = 0, r = 1;
        int i = 62;
        for (;;) {
            // A sentinel bit stops the count at the steps left.
            const int zeros = std::countr_zero(g | (~uint64_t{0} << i));
            // Each trailing zero of g is one divstep that halves g (and doubles the f row).
            g >>= zeros;
            u <<= zeros;
            v <<= zeros;
            delta += zeros;
            i -= zeros;
            if (i == 0) break;
            // g is odd. With delta > 0 the divstep swaps: (f, g) <- (g, -f), then adds f to g.
            if (delta > 0) {
                delta = -delta;
                const uint64_t f_old = f, u_old = u, v_old = v;
                f = g;
                g = ~f_old + 1;
                u = q;
                v = r;
                q = ~u_old + 1;
                r = ~v_old + 1;
            }
            // Now delta <= 0 and the next divsteps (up to 1 - delta of them, while no swap can
            // occur) each add f to g when g is odd and halve g. Together they add w·f with
            // w = -g/f mod 2^k, clearing the low k bits of g; the halvings follow above.
            int k = 1 - static_cast<int>(delta);
            if (k > i) k = i;
            if (k > 6) k = 6;
            const uint64_t mask = (uint64_t{1} << k) - 1;
            // f·(2 - f²) is f^-1 mod 64 for odd f.
            const uint64_t w = (g * f * (f * f - 2)) & mask;
            g += f * w;
            q += u * w;
            r += v * w;
        }
        t = {static_cast<int64_t>(u), static_cast<int64_t>(v), static_cast<int64_t>(q),
             static_cast<int64_t>(r)};
        return delta;
    }

    /// (f, g) <- (u·f + v·g, q·f + r·g) / 2^62 (exact).
    static void update_fg(S62& f, S62& g, const Matrix& t) noexcept
    {
        using fp256_detail::int128;
        int128 cf = int128{t.u} * f.v[0] + int128{t.v} * g.v[0];
        int128 cg = int128{t.q} * f.v[0] + int128{t.r} * g.v[0];
        cf >>= 62;
        cg >>= 62;
        for (size_t k = 1; k < 5; ++k) {
            cf += int128{t.u} * f.v[k] + int128{t.v} * g.v[k];
            cg += int128{t.q} * f.v[k] + int128{t.r} * g.v[k];
            f.v[k - 1] = static_cast<int64_t>(static_cast<uint64_t>(cf) & kM62);
            g.v[k - 1] = static_cast<int64_t>(static_cast<uint64_t>(cg) & kM62);
            cf >>= 62;
            cg >>= 62;
        }
        f.v[4] = static_cast<int64_t>(cf);
        g.v[4] = static_cast<int64_t>(cg);
    }

    /// (d, e) <- (u·d + v·e, q·d + r·e) / 2^62 mod m, adding the multiple of m that makes the
    /// division exact. With md, me in [0, 2^62) each call grows |d|, |e| by at most m.
    static void update_de(S62& d, S62& e, const Matrix& t) noexcept
    {
        using fp256_detail::int128;
        const uint64_t low_d = static_cast<uint64_t>(t.u) * static_cast<uint64_t>(d.v[0]) +
                               static_cast<uint64_t>(t.v) * static_cast<uint64_t>(e.v[0]);
        const uint64_t low_e = static_cast<uint64_t>(t.q) * static_cast<uint64_t>(d.v[0]) +
                               static_cast<uint64_t>(t.r) * static_cast<uint64_t>(e.v[0]);
        const auto md = static_cast<int64_t>((~(low_d * kModulusInv62) + 1) & kM62);
        const auto me = static_cast<int64_t>((~(low_e * kModulusInv62) + 1) & kM62);
        int128 cd = int128{t.u} * d.v[0] + int128{t.v} * e.v[0] + int128{md} * kModulus62.v[0];
        int128 ce = int128{t.q} * d.v[0] + int128{t.r} * e.v[0] + int128{me} * kModulus62.v[0];
        cd >>= 62;
        ce >>= 62;
        for (size_t k = 1; k < 5; ++k) {
            cd += int128{t.u} * d.v[k] + int128{t.v} * e.v[k] + int128{md} * kModulus62.v[k];
            ce += int128{t.q} * d.v[k] + int128{t.r} * e.v[k] + int128{me} * kModulus62.v[k];
            d.v[k - 1] = static_cast<int64_t>(static_cast<uint64_t>(cd) & kM62);
            e.v[k - 1] = static_cast<int64_t>(static_cast<uint64_t>(ce) & kM62);
            cd >>= 62;
            ce >>= 62;
        }
        d.v[4] = static_cast<int64_t>(cd);
        e.v[4] = static_cast<int64_t>(ce);
    }

    /// x^-1 mod m for a plain integer 0 < x < m.
    static U256Limbs safegcd_inverse(const U256Limbs& x) noexcept
    {
        // Invariants: f = d·x and g = e·x (mod m); f stays odd. When g reaches 0, f = ±1.
        S62 f = kModulus62;
        S62 g = to_s62(x);
        S62 d{{0, 0, 0, 0, 0}};
        S62 e{{1, 0, 0, 0, 0}};
        int64_t delta = 1;
        for (int batch = 0;; ++batch) {
            // 12 batches of 62 divsteps always suffice below 2^254 (Bernstein–Yang bound: 735).
            ULTRA_ASSERT(batch < 14);
            Matrix t{};
            const uint64_t f_lo =
                static_cast<uint64_t>(f.v[0]) | (static_cast<uint64_t>(f.v[1]) << 62);
            const uint64_t g_lo =
                static_cast<uint64_t>(g.v[0]) | (static_cast<uint64_t>(g.v[1]) << 62);
            delta = divsteps_62(delta, f_lo, g_lo, t);
            update_de(d, e, t);
            update_fg(f, g, t);
            if ((g.v[0] | g.v[1] | g.v[2] | g.v[3] | g.v[4]) == 0) break;
        }
        // f = ±1: the inverse is ±d, with |d| < 16m (each of the at most 12 batches for a 254-bit
        // modulus grows |d| by at most m). Fold in the sign, then reduce into [0, m).
        auto [w, hi] = split(d);
        if (f.v[4] < 0) negate(w, hi);
        if (hi < 0) add_shifted_modulus(w, hi, 4);
        for (int k = 4; k >= 0; --k) subtract_shifted_modulus_if_ge(w, hi, k);
        return w;
    }

    /// A 5×62-bit value as 256 low bits and a signed high word.
    struct Split
    {
        U256Limbs low;
        int64_t high;
    };

    /// Converts 5 signed 62-bit limbs into 256 low bits and a signed high word.
    static constexpr Split split(const S62& d) noexcept
    {
        const auto l0 = static_cast<uint64_t>(d.v[0]);
        const auto l1 = static_cast<uint64_t>(d.v[1]);
        const auto l2 = static_cast<uint64_t>(d.v[2]);
        const auto l3 = static_cast<uint64_t>(d.v[3]);
        const auto l4 = static_cast<uint64_t>(d.v[4]);
        U256Limbs w{l0 | (l1 << 62), (l1 >> 2) | (l2 << 60), (l2 >> 4) | (l3 << 58),
                    (l3 >> 6) | (l4 << 56)};
        // Bits 256 and up: l4 >> 8, sign-extended.
        const int64_t high = d.v[4] >> 8;
        return {w, high};
    }

    static constexpr void negate(U256Limbs& w, int64_t& hi) noexcept
    {
        uint64_t borrow = 0;
        w = fp256_detail::sub({0, 0, 0, 0}, w, borrow);
        hi = -hi - static_cast<int64_t>(borrow);
    }

    static constexpr U256Limbs shifted_modulus(int k, uint64_t& top) noexcept
    {
        const auto s = static_cast<unsigned>(k);
        if (s == 0) {
            top = 0;
            return kModulus;
        }
        top = kModulus[3] >> (64 - s);
        return {kModulus[0] << s, (kModulus[1] << s) | (kModulus[0] >> (64 - s)),
                (kModulus[2] << s) | (kModulus[1] >> (64 - s)),
                (kModulus[3] << s) | (kModulus[2] >> (64 - s))};
    }

    static constexpr void add_shifted_modulus(U256Limbs& w, int64_t& hi, int k) noexcept
    {
        uint64_t top = 0;
        const U256Limbs m = shifted_modulus(k, top);
        uint64_t carry = 0;
        w = fp256_detail::add(w, m, carry);
        hi += static_cast<int64_t>(top + carry);
    }

    static constexpr void subtract_shifted_modulus_if_ge(U256Limbs& w, int64_t& hi, int k) noexcept
    {
        uint64_t top = 0;
        const U256Limbs m = shifted_modulus(k, top);
        uint64_t borrow = 0;
        const U256Limbs d = fp256_detail::sub(w, m, borrow);
        const int64_t h = hi - static_cast<int64_t>(top) - static_cast<int64_t>(borrow);
        if (h >= 0) {
            w = d;
            hi = h;
        }
    }

    U256Limbs v_{};
};

}  // namespace ultra::crypto
