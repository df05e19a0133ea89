// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// The BLS12-381 field tower: Fp (381-bit prime), Fp2 = Fp[u]/(u²+1), Fp6 = Fp2[v]/(v³−(u+1)),
// Fp12 = Fp6[w]/(w²−v). Fp elements live in Montgomery form (a·2^384 mod p) on six 64-bit limbs
// and are always fully reduced, so equality is limb equality. Nothing here is constant-time:
// the EVM precompiles handle public data only. See docs/bls12_381.md.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace ultra::crypto::bls12_381 {

/// Unsigned 128-bit integer (GCC/Clang extension) for 64×64-bit limb products.
__extension__ using uint128 = unsigned __int128;

/// The base field modulus p, little-endian 64-bit limbs.
inline constexpr std::array<uint64_t, 6> kModulus = {
    0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
    0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a,
};

/// −p⁻¹ mod 2^64, the Montgomery reduction constant.
inline constexpr uint64_t kModulusInv = 0x89f3fffcfffcfffd;

/// An element of Fp in Montgomery form, fully reduced (< p). Value type; zero-initialised is 0.
struct Fp
{
    std::array<uint64_t, 6> v{};  ///< little-endian limbs of a·2^384 mod p

    friend constexpr bool operator==(const Fp&, const Fp&) = default;
};

namespace detail {

/// Branch-free select: `mask` all ones picks a, zero picks b.
constexpr Fp select(uint64_t mask,
                    const std::array<uint64_t, 6>& a,
                    const std::array<uint64_t, 6>& b) noexcept
{
    Fp r;
    for (size_t i = 0; i < 6; ++i) r.v[i] = (a[i] & mask) | (b[i] & ~mask);
    return r;
}

#if defined(__x86_64__)
/// (a + b) mod p: an adc chain, the sum parked in the result, then t − p computed in place and
/// the parked sum taken back with cmovc when the subtraction borrows (9 registers).
inline Fp fp_add_x86(const Fp& a, const Fp& b) noexcept
{
    Fp r;
    uint64_t r0 = a.v[0], r1 = a.v[1], r2 = a.v[2], r3 = a.v[3], r4 = a.v[4], r5 = a.v[5];
    asm("addq (%[b]), %[r0]\n\t"
        "adcq 8(%[b]), %[r1]\n\t"
        "adcq 16(%[b]), %[r2]\n\t"
        "adcq 24(%[b]), %[r3]\n\t"
        "adcq 32(%[b]), %[r4]\n\t"
        "adcq 40(%[b]), %[r5]\n\t"
        "movq %[r0], (%[o])\n\t"
        "movq %[r1], 8(%[o])\n\t"
        "movq %[r2], 16(%[o])\n\t"
        "movq %[r3], 24(%[o])\n\t"
        "movq %[r4], 32(%[o])\n\t"
        "movq %[r5], 40(%[o])\n\t"
        "subq (%[p]), %[r0]\n\t"
        "sbbq 8(%[p]), %[r1]\n\t"
        "sbbq 16(%[p]), %[r2]\n\t"
        "sbbq 24(%[p]), %[r3]\n\t"
        "sbbq 32(%[p]), %[r4]\n\t"
        "sbbq 40(%[p]), %[r5]\n\t"
        "cmovcq (%[o]), %[r0]\n\t"
        "cmovcq 8(%[o]), %[r1]\n\t"
        "cmovcq 16(%[o]), %[r2]\n\t"
        "cmovcq 24(%[o]), %[r3]\n\t"
        "cmovcq 32(%[o]), %[r4]\n\t"
        "cmovcq 40(%[o]), %[r5]"
        : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "+&r"(r4),
          [r5] "+&r"(r5), [om] "=m"(r.v)
        : [b] "r"(b.v.data()), [o] "r"(r.v.data()), [p] "r"(kModulus.data()), [bm] "m"(b.v)
        : "cc");
    return Fp{{r0, r1, r2, r3, r4, r5}};
}

/// (a − b) mod p: an sbb chain, the difference parked in the result, the borrow kept as a
/// mask, then d + p computed in place and the parked difference taken back with cmovz when
/// there was no borrow (10 registers).
inline Fp fp_sub_x86(const Fp& a, const Fp& b) noexcept
{
    Fp r;
    uint64_t r0 = a.v[0], r1 = a.v[1], r2 = a.v[2], r3 = a.v[3], r4 = a.v[4], r5 = a.v[5];
    uint64_t mask;
    asm("subq (%[b]), %[r0]\n\t"
        "sbbq 8(%[b]), %[r1]\n\t"
        "sbbq 16(%[b]), %[r2]\n\t"
        "sbbq 24(%[b]), %[r3]\n\t"
        "sbbq 32(%[b]), %[r4]\n\t"
        "sbbq 40(%[b]), %[r5]\n\t"
        "sbbq %[m], %[m]\n\t"
        "movq %[r0], (%[o])\n\t"
        "movq %[r1], 8(%[o])\n\t"
        "movq %[r2], 16(%[o])\n\t"
        "movq %[r3], 24(%[o])\n\t"
        "movq %[r4], 32(%[o])\n\t"
        "movq %[r5], 40(%[o])\n\t"
        "addq (%[p]), %[r0]\n\t"
        "adcq 8(%[p]), %[r1]\n\t"
        "adcq 16(%[p]), %[r2]\n\t"
        "adcq 24(%[p]), %[r3]\n\t"
        "adcq 32(%[p]), %[r4]\n\t"
        "adcq 40(%[p]), %[r5]\n\t"
        "testq %[m], %[m]\n\t"
        "cmovzq (%[o]), %[r0]\n\t"
        "cmovzq 8(%[o]), %[r1]\n\t"
        "cmovzq 16(%[o]), %[r2]\n\t"
        "cmovzq 24(%[o]), %[r3]\n\t"
        "cmovzq 32(%[o]), %[r4]\n\t"
        "cmovzq 40(%[o]), %[r5]"
        : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "+&r"(r4),
          [r5] "+&r"(r5), [m] "=&r"(mask), [om] "=m"(r.v)
        : [b] "r"(b.v.data()), [o] "r"(r.v.data()), [p] "r"(kModulus.data()), [bm] "m"(b.v)
        : "cc");
    return Fp{{r0, r1, r2, r3, r4, r5}};
}
#endif

/// t − p if that does not borrow, else t (t < 2p).
constexpr Fp reduce_once(const std::array<uint64_t, 6>& t) noexcept
{
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long d[6];
        unsigned char b = 0;
        for (size_t i = 0; i < 6; ++i) b = _subborrow_u64(b, t[i], kModulus[i], &d[i]);
        const uint64_t mask = 0 - static_cast<uint64_t>(b);  // all ones: keep t
        Fp r;
        for (size_t i = 0; i < 6; ++i) r.v[i] = d[i] ^ ((t[i] ^ d[i]) & mask);
        return r;
    }
#endif
    std::array<uint64_t, 6> d{};
    uint64_t borrow = 0;
    for (size_t i = 0; i < 6; ++i) {
        const uint128 s = static_cast<uint128>(t[i]) - kModulus[i] - borrow;
        d[i] = static_cast<uint64_t>(s);
        borrow = static_cast<uint64_t>(s >> 64) & 1;
    }
    return select(0 - borrow, t, d);
}

/// a + b on 6 limbs where a, b < p; result < p.
constexpr Fp fp_add(const Fp& a, const Fp& b) noexcept
{
    std::array<uint64_t, 6> t{};
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) return fp_add_x86(a, b);
#endif
    uint64_t carry = 0;
    for (size_t i = 0; i < 6; ++i) {
        const uint128 s = static_cast<uint128>(a.v[i]) + b.v[i] + carry;
        t[i] = static_cast<uint64_t>(s);
        carry = static_cast<uint64_t>(s >> 64);
    }
    // p < 2^381, so a + b < 2^382 never carries out of six limbs.
    return reduce_once(t);
}

/// a − b mod p.
constexpr Fp fp_sub(const Fp& a, const Fp& b) noexcept
{
    std::array<uint64_t, 6> t{};
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) return fp_sub_x86(a, b);
#endif
    uint64_t borrow = 0;
    for (size_t i = 0; i < 6; ++i) {
        const uint128 s = static_cast<uint128>(a.v[i]) - b.v[i] - borrow;
        t[i] = static_cast<uint64_t>(s);
        borrow = static_cast<uint64_t>(s >> 64) & 1;
    }
    // Add p back when the subtraction borrowed (mask = all ones).
    const uint64_t mask = 0 - borrow;
    uint64_t carry = 0;
    for (size_t i = 0; i < 6; ++i) {
        const uint128 s = static_cast<uint128>(t[i]) + (kModulus[i] & mask) + carry;
        t[i] = static_cast<uint64_t>(s);
        carry = static_cast<uint64_t>(s >> 64);
    }
    return Fp{t};
}

/// Montgomery product a·b·2^-384 mod p (CIOS). p's top limb is below 2^62, so the running sum
/// fits in six limbs without an extra carry word (the "no-carry" variant).
constexpr Fp fp_mont_mul(const Fp& a, const Fp& b) noexcept
{
    std::array<uint64_t, 6> t{};
    for (size_t i = 0; i < 6; ++i) {
        const uint64_t bi = b.v[i];
        uint128 acc = static_cast<uint128>(a.v[0]) * bi + t[0];
        uint64_t hi_a = static_cast<uint64_t>(acc >> 64);
        const uint64_t t0 = static_cast<uint64_t>(acc);
        const uint64_t m = t0 * kModulusInv;
        uint128 red = static_cast<uint128>(m) * kModulus[0] + t0;
        uint64_t hi_r = static_cast<uint64_t>(red >> 64);
        for (size_t j = 1; j < 6; ++j) {
            acc = static_cast<uint128>(a.v[j]) * bi + t[j] + hi_a;
            hi_a = static_cast<uint64_t>(acc >> 64);
            red = static_cast<uint128>(m) * kModulus[j] + static_cast<uint64_t>(acc) + hi_r;
            hi_r = static_cast<uint64_t>(red >> 64);
            t[j - 1] = static_cast<uint64_t>(red);
        }
        t[5] = hi_a + hi_r;
    }
    return reduce_once(t);
}

#if defined(__x86_64__)
/// The same product with BMI2/ADX instructions (mulx, adcx, adox); only called when the CPU
/// has them (checked once at start-up).
Fp fp_mont_mul_adx(const Fp& a, const Fp& b) noexcept;
/// Squaring with BMI2/ADX.
Fp fp_mont_sqr_adx(const Fp& a) noexcept;
/// True when the CPU supports BMI2 and ADX (cached).
extern const bool kHasAdx;
#endif

/// 2^768 mod p: converts canonical limbs into Montgomery form by one Montgomery product.
inline constexpr Fp kR2{{0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5,
                         0x67eb88a9939d83c0, 0x9a793e85b519952d, 0x11988fe592cae3aa}};

/// Never defined: calling it from a consteval function is a compile error, which is how
/// malformed compile-time constants are rejected (the pure core has no exceptions).
void constant_evaluation_failed(const char* why) noexcept;

/// Parses one hex digit; aborts constant evaluation on anything else.
consteval uint64_t hex_digit(char c)
{
    if (c >= '0' && c <= '9') return static_cast<uint64_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint64_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<uint64_t>(c - 'A' + 10);
    constant_evaluation_failed("invalid hex digit");
    return 0;
}

}  // namespace detail

/// a + b.
[[nodiscard]] constexpr Fp operator+(const Fp& a, const Fp& b) noexcept
{
    return detail::fp_add(a, b);
}
/// a − b.
[[nodiscard]] constexpr Fp operator-(const Fp& a, const Fp& b) noexcept
{
    return detail::fp_sub(a, b);
}
/// −a.
[[nodiscard]] constexpr Fp operator-(const Fp& a) noexcept
{
    return detail::fp_sub(Fp{}, a);
}
/// a · b.
[[nodiscard]] inline constexpr Fp operator*(const Fp& a, const Fp& b) noexcept
{
#if defined(__x86_64__)
    if (!std::is_constant_evaluated() && detail::kHasAdx) return detail::fp_mont_mul_adx(a, b);
#endif
    return detail::fp_mont_mul(a, b);
}
/// a².
[[nodiscard]] inline Fp square(const Fp& a) noexcept
{
#if defined(__x86_64__)
    if (detail::kHasAdx) return detail::fp_mont_sqr_adx(a);
#endif
    return detail::fp_mont_mul(a, a);
}
/// 2a.
[[nodiscard]] constexpr Fp dbl(const Fp& a) noexcept
{
    return detail::fp_add(a, a);
}
/// a ← a + b.
inline Fp& operator+=(Fp& a, const Fp& b) noexcept
{
    return a = a + b;
}
/// a ← a − b.
inline Fp& operator-=(Fp& a, const Fp& b) noexcept
{
    return a = a - b;
}
/// a ← a · b.
inline Fp& operator*=(Fp& a, const Fp& b) noexcept
{
    return a = a * b;
}

/// Converts canonical little-endian limbs (< p) into an Fp.
[[nodiscard]] constexpr Fp fp_from_canonical(const std::array<uint64_t, 6>& limbs) noexcept
{
    return detail::fp_mont_mul(Fp{limbs}, detail::kR2);
}

/// The canonical little-endian limbs (in [0, p)) of `a`.
[[nodiscard]] constexpr std::array<uint64_t, 6> fp_to_canonical(const Fp& a) noexcept
{
    return detail::fp_mont_mul(a, Fp{{1, 0, 0, 0, 0, 0}}).v;
}

/// Compile-time Fp constant from a big-endian hex literal ("0x..." up to 96 digits, < p).
consteval Fp fp_hex(std::string_view hex)
{
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
    if (hex.empty() || hex.size() > 96) detail::constant_evaluation_failed("bad Fp hex length");
    std::array<uint64_t, 6> limbs{};
    for (size_t i = 0; i < hex.size(); ++i) {
        const size_t bit = 4 * (hex.size() - 1 - i);
        limbs[bit / 64] |= detail::hex_digit(hex[i]) << (bit % 64);
    }
    for (int i = 5; i >= 0; --i) {
        if (limbs[static_cast<size_t>(i)] < kModulus[static_cast<size_t>(i)]) break;
        if (limbs[static_cast<size_t>(i)] > kModulus[static_cast<size_t>(i)] || i == 0)
            detail::constant_evaluation_failed("Fp constant >= p");
    }
    return fp_from_canonical(limbs);
}

/// The element 1.
inline constexpr Fp kFpOne = fp_from_canonical({1, 0, 0, 0, 0, 0});

/// The small integer `n` as an Fp.
[[nodiscard]] constexpr Fp fp_from_u64(uint64_t n) noexcept
{
    return fp_from_canonical({n, 0, 0, 0, 0, 0});
}

/// True for the element 0.
[[nodiscard]] constexpr bool is_zero(const Fp& a) noexcept
{
    return (a.v[0] | a.v[1] | a.v[2] | a.v[3] | a.v[4] | a.v[5]) == 0;
}

/// a^e for a little-endian multi-limb exponent.
[[nodiscard]] Fp pow(const Fp& a, std::span<const uint64_t> exponent) noexcept;
/// a⁻¹; the inverse of 0 is 0 (RFC 9380 inv0). Variable time (extended GCD).
[[nodiscard]] Fp inverse(const Fp& a) noexcept;
/// a^(p−2), the Fermat inverse (reference for the tests).
[[nodiscard]] Fp inverse_fermat(const Fp& a) noexcept;
/// True when a is a square in Fp (0 counts as a square).
[[nodiscard]] bool is_square(const Fp& a) noexcept;
/// A square root of `a` (either one), or nullopt when a is not a square.
[[nodiscard]] std::optional<Fp> sqrt(const Fp& a) noexcept;
/// RFC 9380 sgn0 for Fp: the parity of the canonical value.
[[nodiscard]] bool sgn0(const Fp& a) noexcept;
/// ZCash serialisation's sign: the canonical value is greater than (p−1)/2.
[[nodiscard]] bool is_lexicographically_largest(const Fp& a) noexcept;
/// Parses 48 big-endian bytes; nullopt when the value is ≥ p.
[[nodiscard]] std::optional<Fp> fp_from_bytes(std::span<const uint8_t, 48> in) noexcept;
/// Writes the canonical value as 48 big-endian bytes.
void fp_to_bytes(const Fp& a, std::span<uint8_t, 48> out) noexcept;

// ---------------------------------------------------------------------------------------------
// Fp2 = Fp[u]/(u² + 1)

/// c0 + c1·u with u² = −1.
struct Fp2
{
    Fp c0;  ///< real part
    Fp c1;  ///< coefficient of u

    friend constexpr bool operator==(const Fp2&, const Fp2&) = default;
};

/// The element 1 of Fp2.
inline constexpr Fp2 kFp2One{kFpOne, Fp{}};

/// Compile-time Fp2 constant from two big-endian hex literals (c0, c1).
consteval Fp2 fp2_hex(std::string_view c0, std::string_view c1)
{
    return Fp2{fp_hex(c0), fp_hex(c1)};
}

/// a + b.
[[nodiscard]] inline Fp2 operator+(const Fp2& a, const Fp2& b) noexcept
{
    return {a.c0 + b.c0, a.c1 + b.c1};
}
/// a − b.
[[nodiscard]] inline Fp2 operator-(const Fp2& a, const Fp2& b) noexcept
{
    return {a.c0 - b.c0, a.c1 - b.c1};
}
/// −a.
[[nodiscard]] inline Fp2 operator-(const Fp2& a) noexcept
{
    return {-a.c0, -a.c1};
}
namespace detail {
/// Karatsuba product with three full Montgomery products (the portable path).
inline Fp2 fp2_mul_plain(const Fp2& a, const Fp2& b) noexcept
{
    const Fp t0 = a.c0 * b.c0;
    const Fp t1 = a.c1 * b.c1;
    return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}
#if defined(__x86_64__)
/// Karatsuba product with lazy reduction (three 768-bit products, two reductions); BMI2/ADX.
Fp2 fp2_mul_lazy_adx(const Fp2& a, const Fp2& b) noexcept;
#endif
}  // namespace detail

/// Karatsuba product: 3 Fp multiplications (with ADX: 3 wide products, 2 reductions).
[[nodiscard]] inline Fp2 operator*(const Fp2& a, const Fp2& b) noexcept
{
#if defined(__x86_64__)
    if (detail::kHasAdx) return detail::fp2_mul_lazy_adx(a, b);
#endif
    return detail::fp2_mul_plain(a, b);
}
/// a·s for s in Fp.
[[nodiscard]] inline Fp2 operator*(const Fp2& a, const Fp& s) noexcept
{
    return {a.c0 * s, a.c1 * s};
}
/// a²: (c0+c1)(c0−c1) + 2c0c1·u, 2 Fp multiplications.
[[nodiscard]] inline Fp2 square(const Fp2& a) noexcept
{
    const Fp t = a.c0 * a.c1;
    return {(a.c0 + a.c1) * (a.c0 - a.c1), dbl(t)};
}
/// 2a.
[[nodiscard]] inline Fp2 dbl(const Fp2& a) noexcept
{
    return {dbl(a.c0), dbl(a.c1)};
}
/// a·(u + 1), the multiplication by the Fp6 non-residue ξ.
[[nodiscard]] inline Fp2 mul_by_xi(const Fp2& a) noexcept
{
    return {a.c0 - a.c1, a.c0 + a.c1};
}
/// The conjugate c0 − c1·u, which is also the Frobenius a^p.
[[nodiscard]] inline Fp2 conjugate(const Fp2& a) noexcept
{
    return {a.c0, -a.c1};
}
/// a ← a + b.
inline Fp2& operator+=(Fp2& a, const Fp2& b) noexcept
{
    return a = a + b;
}
/// a ← a − b.
inline Fp2& operator-=(Fp2& a, const Fp2& b) noexcept
{
    return a = a - b;
}
/// a ← a · b.
inline Fp2& operator*=(Fp2& a, const Fp2& b) noexcept
{
    return a = a * b;
}
/// True for 0.
[[nodiscard]] inline bool is_zero(const Fp2& a) noexcept
{
    return is_zero(a.c0) && is_zero(a.c1);
}
/// a⁻¹ (0 ↦ 0).
[[nodiscard]] Fp2 inverse(const Fp2& a) noexcept;
/// a^e for a little-endian multi-limb exponent.
[[nodiscard]] Fp2 pow(const Fp2& a, std::span<const uint64_t> exponent) noexcept;
/// True when a is a square in Fp2 (its norm is a square in Fp).
[[nodiscard]] bool is_square(const Fp2& a) noexcept;
/// A square root of `a`, or nullopt when a is not a square.
[[nodiscard]] std::optional<Fp2> sqrt(const Fp2& a) noexcept;
/// RFC 9380 sgn0 for Fp2 (sgn0_m_eq_2).
[[nodiscard]] bool sgn0(const Fp2& a) noexcept;
/// ZCash serialisation's sign for Fp2: compares c1, or c0 when c1 is zero.
[[nodiscard]] bool is_lexicographically_largest(const Fp2& a) noexcept;

// ---------------------------------------------------------------------------------------------
// Fp6 = Fp2[v]/(v³ − ξ), ξ = u + 1

/// c0 + c1·v + c2·v².
struct Fp6
{
    Fp2 c0;  ///< coefficient of 1
    Fp2 c1;  ///< coefficient of v
    Fp2 c2;  ///< coefficient of v²

    friend constexpr bool operator==(const Fp6&, const Fp6&) = default;
};

/// The element 1 of Fp6.
inline constexpr Fp6 kFp6One{kFp2One, Fp2{}, Fp2{}};

/// a + b.
[[nodiscard]] Fp6 operator+(const Fp6& a, const Fp6& b) noexcept;
/// a − b.
[[nodiscard]] Fp6 operator-(const Fp6& a, const Fp6& b) noexcept;
/// −a.
[[nodiscard]] Fp6 operator-(const Fp6& a) noexcept;
/// Karatsuba-style product: 6 Fp2 multiplications.
[[nodiscard]] Fp6 operator*(const Fp6& a, const Fp6& b) noexcept;
/// a² (Chung–Hasan SQR2).
[[nodiscard]] Fp6 square(const Fp6& a) noexcept;
/// a·v.
[[nodiscard]] Fp6 mul_by_v(const Fp6& a) noexcept;
/// a·(b0 + b1·v): 5 Fp2 multiplications.
[[nodiscard]] Fp6 mul_by_01(const Fp6& a, const Fp2& b0, const Fp2& b1) noexcept;
/// a·(b1·v): 3 Fp2 multiplications.
[[nodiscard]] Fp6 mul_by_1(const Fp6& a, const Fp2& b1) noexcept;
/// a⁻¹ (0 ↦ 0).
[[nodiscard]] Fp6 inverse(const Fp6& a) noexcept;
/// True for 0.
[[nodiscard]] bool is_zero(const Fp6& a) noexcept;

// ---------------------------------------------------------------------------------------------
// Fp12 = Fp6[w]/(w² − v)

/// c0 + c1·w.
struct Fp12
{
    Fp6 c0;  ///< coefficient of 1 (holds w⁰, w², w⁴)
    Fp6 c1;  ///< coefficient of w (holds w¹, w³, w⁵)

    friend constexpr bool operator==(const Fp12&, const Fp12&) = default;
};

/// The element 1 of Fp12.
inline constexpr Fp12 kFp12One{kFp6One, Fp6{}};

/// a · b (Karatsuba over Fp6: 3 Fp6 products).
[[nodiscard]] Fp12 operator*(const Fp12& a, const Fp12& b) noexcept;
/// a² (complex squaring: 2 Fp6 multiplications).
[[nodiscard]] Fp12 square(const Fp12& a) noexcept;
/// a·(l0 + l1·v + l4·v·w), the sparse shape of a Miller-loop line on the M-twist
/// (coefficients of w⁰, w², w³).
[[nodiscard]] Fp12 mul_by_014(const Fp12& a, const Fp2& l0, const Fp2& l1, const Fp2& l4) noexcept;
/// The conjugate c0 − c1·w = a^(p⁶); the inverse for elements of the cyclotomic subgroup.
[[nodiscard]] Fp12 conjugate(const Fp12& a) noexcept;
/// a⁻¹ (0 ↦ 0).
[[nodiscard]] Fp12 inverse(const Fp12& a) noexcept;
/// a^p.
[[nodiscard]] Fp12 frobenius(const Fp12& a) noexcept;
/// a^(p²).
[[nodiscard]] Fp12 frobenius2(const Fp12& a) noexcept;
/// a² for a in the cyclotomic subgroup (a^(p⁶+1)(p²+1)... = 1): Granger–Scott squaring.
[[nodiscard]] Fp12 cyclotomic_square(const Fp12& a) noexcept;
/// a^e for a little-endian multi-limb exponent (generic square-and-multiply).
[[nodiscard]] Fp12 pow(const Fp12& a, std::span<const uint64_t> exponent) noexcept;

/// Frobenius coefficients, exposed so that tests can recompute them: w^(p^k) = γ_k,1·w, and the
/// coefficient of w^i in a^(p^k) picks up γ_k,i = ξ^(i(p^k−1)/6).
struct FrobeniusConstants
{
    std::array<Fp2, 6> p1;  ///< γ_1,i = ξ^(i(p−1)/6), i = 0..5
    std::array<Fp, 6> p2;   ///< γ_2,i = ξ^(i(p²−1)/6), i = 0..5 (they lie in Fp)
};
/// The hard-coded Frobenius constants.
[[nodiscard]] const FrobeniusConstants& frobenius_constants() noexcept;

}  // namespace ultra::crypto::bls12_381
