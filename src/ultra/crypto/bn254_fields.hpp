// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <ultra/crypto/fp256.hpp>

/// The BN254 (alt_bn128) curve of EIP-196/197: fields, groups and the optimal ate pairing.
/// See docs/bn254.md for the representation choices and the sources of the formulas.
namespace ultra::crypto::bn254 {

/// The BN parameter u (x₀): p and r are polynomials in u.
inline constexpr uint64_t kU = 4965661367192848881;

/// Parameters of the base field: p = 36u⁴ + 36u³ + 24u² + 6u + 1.
struct FpParams
{
    /// p = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47.
    static constexpr U256Limbs kModulus{0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d,
                                        0x30644e72e131a029};
};

/// Parameters of the scalar field: r = 36u⁴ + 36u³ + 18u² + 6u + 1, the prime order of G1 and G2.
struct FrParams
{
    /// r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001.
    static constexpr U256Limbs kModulus{0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d,
                                        0x30644e72e131a029};
};

/// The base field F_p.
using Fp = Fp256<FpParams>;
/// The scalar field F_r (exponents of the groups).
using Fr = Fp256<FrParams>;

namespace detail {

/// a - b on 512-bit integers; `borrow` is set when a < b (then the result wraps).
constexpr U512Limbs sub_512(const U512Limbs& a, const U512Limbs& b, uint64_t& borrow) noexcept
{
    borrow = 0;
    U512Limbs r{};
    for (size_t i = 0; i < 8; ++i) r[i] = fp256_detail::sub_borrow(a[i], b[i], borrow);
    return r;
}

/// a + p·2^256 (mod 2^512): makes a wrapped negative difference of products non-negative.
constexpr U512Limbs add_modulus_high(const U512Limbs& a) noexcept
{
    U512Limbs r = a;
    uint64_t carry = 0;
    for (size_t i = 0; i < 4; ++i)
        r[4 + i] = fp256_detail::add_carry(a[4 + i], FpParams::kModulus[i], carry);
    return r;
}

}  // namespace detail

/// F_p² = F_p[i]/(i² + 1); an element is c0 + c1·i.
struct Fp2
{
    Fp c0;  ///< the real part
    Fp c1;  ///< the coefficient of i

    /// 0 and 1.
    /// @{
    static constexpr Fp2 zero() noexcept { return {}; }
    static constexpr Fp2 one() noexcept { return {Fp::one(), Fp::zero()}; }
    /// @}

    /// Whether the element is 0.
    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }
    /// Equality of field elements.
    friend constexpr bool operator==(const Fp2&, const Fp2&) noexcept = default;

    /// Component-wise addition, subtraction and negation.
    /// @{
    friend constexpr Fp2 operator+(const Fp2& a, const Fp2& b) noexcept
    {
        return {a.c0 + b.c0, a.c1 + b.c1};
    }
    friend constexpr Fp2 operator-(const Fp2& a, const Fp2& b) noexcept
    {
        return {a.c0 - b.c0, a.c1 - b.c1};
    }
    constexpr Fp2 operator-() const noexcept { return {-c0, -c1}; }
    /// @}

    /// Karatsuba with lazy reduction: three 512-bit products, two Montgomery reductions.
    /// c0 = a0·b0 - a1·b1 (+ p·2^256 when negative) and c1 = (a0 + a1)(b0 + b1) - a0·b0 - a1·b1
    /// are both below p·2^256, the bound mont_reduce() needs; the sums a0 + a1 < 2p are not
    /// reduced.
    friend constexpr Fp2 operator*(const Fp2& a, const Fp2& b) noexcept
    {
        const U256Limbs& a0 = a.c0.montgomery();
        const U256Limbs& a1 = a.c1.montgomery();
        const U256Limbs& b0 = b.c0.montgomery();
        const U256Limbs& b1 = b.c1.montgomery();
        const U512Limbs t0 = Fp::mul_wide(a0, b0);
        const U512Limbs t1 = Fp::mul_wide(a1, b1);
        const U512Limbs t2 = Fp::mul_wide(Fp::add_unreduced(a0, a1), Fp::add_unreduced(b0, b1));
        uint64_t borrow = 0;
        U512Limbs c0 = detail::sub_512(t0, t1, borrow);
        if (borrow) c0 = detail::add_modulus_high(c0);
        const U512Limbs c1 = detail::sub_512(detail::sub_512(t2, t0, borrow), t1, borrow);
        return {Fp::from_montgomery(Fp::mont_reduce(c0)), Fp::from_montgomery(Fp::mont_reduce(c1))};
    }
    /// Multiplication by a base-field element.
    friend constexpr Fp2 operator*(const Fp2& a, const Fp& b) noexcept
    {
        return {a.c0 * b, a.c1 * b};
    }

    /// Compound assignment.
    /// @{
    constexpr Fp2& operator+=(const Fp2& b) noexcept { return *this = *this + b; }
    constexpr Fp2& operator-=(const Fp2& b) noexcept { return *this = *this - b; }
    constexpr Fp2& operator*=(const Fp2& b) noexcept { return *this = *this * b; }
    /// @}

    /// (c0 + c1·i)² = (c0 + c1)(c0 - c1) + 2·c0·c1·i: two multiplications, whose operands
    /// (c0 + c1, c0 + p - c1, 2·c0, all below 2p) are not reduced.
    constexpr Fp2 square() const noexcept
    {
        const U256Limbs& a0 = c0.montgomery();
        const U256Limbs& a1 = c1.montgomery();
        const U256Limbs diff = Fp::add_unreduced(a0, (-c1).montgomery());
        return {Fp::from_montgomery(Fp::mont_mul(Fp::add_unreduced(a0, a1), diff)),
                Fp::from_montgomery(Fp::mont_mul(Fp::add_unreduced(a0, a0), a1))};
    }

    /// 2·a and a/2.
    /// @{
    constexpr Fp2 dbl() const noexcept { return {c0.dbl(), c1.dbl()}; }
    constexpr Fp2 half() const noexcept { return {c0.half(), c1.half()}; }
    /// @}

    /// The conjugate c0 - c1·i, which is also the Frobenius map a ↦ a^p.
    constexpr Fp2 conj() const noexcept { return {c0, -c1}; }

    /// Multiplication by ξ = 9 + i, the non-residue of the sextic twist: additions only.
    constexpr Fp2 mul_by_xi() const noexcept
    {
        const Fp a8 = c0.dbl().dbl().dbl();
        const Fp b8 = c1.dbl().dbl().dbl();
        return {a8 + c0 - c1, b8 + c1 + c0};
    }

    /// a^-1 = conj(a) / (c0² + c1²); 0 for 0.
    constexpr Fp2 inverse() const noexcept
    {
        const Fp n = (c0.square() + c1.square()).inverse();
        return {c0 * n, -(c1 * n)};
    }

    /// a^e for a plain 256-bit exponent (square-and-multiply; used for constants and tests).
    constexpr Fp2 pow(const U256Limbs& e) const noexcept
    {
        Fp2 r = one();
        for (unsigned i = fp256_detail::bit_width(e); i-- > 0;) {
            r = r.square();
            if (fp256_detail::test_bit(e, i)) r *= *this;
        }
        return r;
    }

    /// A square root when one exists (p ≡ 3 mod 4: Adj–Rodríguez-Henríquez, Algorithm 9).
    std::optional<Fp2> sqrt() const noexcept;
};

/// F_p⁶ = F_p²[v]/(v³ - ξ); an element is c0 + c1·v + c2·v².
struct Fp6
{
    Fp2 c0;  ///< the coefficient of 1
    Fp2 c1;  ///< the coefficient of v
    Fp2 c2;  ///< the coefficient of v²

    /// 0 and 1.
    /// @{
    static constexpr Fp6 zero() noexcept { return {}; }
    static constexpr Fp6 one() noexcept { return {Fp2::one(), {}, {}}; }
    /// @}
    /// Whether the element is 0.
    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
    /// Equality of field elements.
    friend constexpr bool operator==(const Fp6&, const Fp6&) noexcept = default;

    /// Component-wise addition, subtraction and negation.
    /// @{
    friend constexpr Fp6 operator+(const Fp6& a, const Fp6& b) noexcept
    {
        return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
    }
    friend constexpr Fp6 operator-(const Fp6& a, const Fp6& b) noexcept
    {
        return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
    }
    constexpr Fp6 operator-() const noexcept { return {-c0, -c1, -c2}; }
    /// @}

    /// Karatsuba-style product: six F_p² multiplications.
    friend Fp6 operator*(const Fp6& a, const Fp6& b) noexcept;
    /// Multiplication by an F_p² scalar.
    friend constexpr Fp6 operator*(const Fp6& a, const Fp2& b) noexcept
    {
        return {a.c0 * b, a.c1 * b, a.c2 * b};
    }

    /// Chung–Hasan SQR2: two multiplications and three squarings in F_p².
    Fp6 square() const noexcept;

    /// Multiplication by v: (c0, c1, c2) ↦ (ξ·c2, c0, c1).
    constexpr Fp6 mul_by_v() const noexcept { return {c2.mul_by_xi(), c0, c1}; }

    /// Multiplication by the sparse element b0 + b1·v (five F_p² multiplications).
    Fp6 mul_by_01(const Fp2& b0, const Fp2& b1) const noexcept;

    /// a^-1; 0 for 0.
    Fp6 inverse() const noexcept;
};

/// F_p¹² = F_p⁶[w]/(w² - v); an element is c0 + c1·w. As a vector space over F_p² its basis is
/// 1, w, w², w³, w⁴, w⁵ with w² = v and w⁶ = ξ: c0 = (1, w², w⁴), c1 = (w, w³, w⁵).
struct Fp12
{
    Fp6 c0;  ///< the coefficient of 1
    Fp6 c1;  ///< the coefficient of w

    /// 0 and 1.
    /// @{
    static constexpr Fp12 zero() noexcept { return {}; }
    static constexpr Fp12 one() noexcept { return {Fp6::one(), {}}; }
    /// @}
    /// Whether the element is 1 (the pairing check's test).
    constexpr bool is_one() const noexcept { return c0 == Fp6::one() && c1.is_zero(); }
    /// Equality of field elements.
    friend constexpr bool operator==(const Fp12&, const Fp12&) noexcept = default;

    /// Component-wise addition, subtraction and negation.
    /// @{
    friend constexpr Fp12 operator+(const Fp12& a, const Fp12& b) noexcept
    {
        return {a.c0 + b.c0, a.c1 + b.c1};
    }
    friend constexpr Fp12 operator-(const Fp12& a, const Fp12& b) noexcept
    {
        return {a.c0 - b.c0, a.c1 - b.c1};
    }
    constexpr Fp12 operator-() const noexcept { return {-c0, -c1}; }
    /// @}

    /// Karatsuba: three F_p⁶ multiplications.
    friend Fp12 operator*(const Fp12& a, const Fp12& b) noexcept;
    /// a ← a·b.
    Fp12& operator*=(const Fp12& b) noexcept { return *this = *this * b; }

    /// Complex squaring: two F_p⁶ multiplications.
    Fp12 square() const noexcept;

    /// Granger–Scott squaring, valid only in the cyclotomic subgroup (elements a with
    /// a^(p⁶+1)·… = 1, i.e. anything after the easy part of the final exponentiation).
    Fp12 cyclotomic_square() const noexcept;

    /// c0 - c1·w = a^(p⁶): the inverse of an element of the cyclotomic subgroup.
    constexpr Fp12 conj() const noexcept { return {c0, -c1}; }

    /// a^-1; 0 for 0.
    Fp12 inverse() const noexcept;

    /// a^p, a^(p²), a^(p³) by the precomputed constants ξ^(k(p^j - 1)/6).
    /// @{
    Fp12 frobenius() const noexcept;
    Fp12 frobenius2() const noexcept;
    Fp12 frobenius3() const noexcept;
    /// @}

    /// Multiplication by the sparse line value l0 + l3·w + l4·w³ (the shape of every line of the
    /// Miller loop on the D-type twist).
    Fp12 mul_by_034(const Fp2& l0, const Fp2& l3, const Fp2& l4) const noexcept;
};

namespace detail {

/// x / k for a small k (compile-time helper).
constexpr U256Limbs div_small(const U256Limbs& x, uint64_t k) noexcept
{
    U256Limbs q{};
    fp256_detail::uint128 rem = 0;
    for (size_t i = 4; i-- > 0;) {
        const fp256_detail::uint128 cur = (rem << 64) | x[i];
        q[i] = static_cast<uint64_t>(cur / k);
        rem = cur % k;
    }
    return q;
}

/// (p - 1) / k for a small k dividing p - 1.
constexpr U256Limbs p_minus_1_over(uint64_t k) noexcept
{
    U256Limbs pm1 = FpParams::kModulus;
    pm1[0] -= 1;
    return div_small(pm1, k);
}

}  // namespace detail

/// ξ = 9 + i: F_p⁶ = F_p²[v]/(v³ - ξ) and the twist is y² = x³ + 3/ξ.
inline constexpr Fp2 kXi{Fp::from_u64(9), Fp::from_u64(1)};

/// γ₁ = ξ^((p-1)/6) = w^(p-1): the Frobenius coefficient of w. Computed by the compiler.
inline constexpr Fp2 kGamma1 = kXi.pow(detail::p_minus_1_over(6));

/// kFrobenius1[k] = γ₁^k = w^(k(p-1)), k = 0..5: (Σ a_k w^k)^p = Σ conj(a_k)·kFrobenius1[k]·w^k.
inline constexpr Fp2 kFrobenius1[6] = {
    Fp2::one(),
    kGamma1,
    kGamma1* kGamma1,
    kGamma1* kGamma1* kGamma1,
    kGamma1* kGamma1* kGamma1* kGamma1,
    kGamma1* kGamma1* kGamma1* kGamma1* kGamma1,
};

/// kFrobenius2[k] = w^(k(p²-1)) = γ₁^k · conj(γ₁^k), an element of F_p.
inline constexpr Fp kFrobenius2[6] = {
    (kFrobenius1[0] * kFrobenius1[0].conj()).c0, (kFrobenius1[1] * kFrobenius1[1].conj()).c0,
    (kFrobenius1[2] * kFrobenius1[2].conj()).c0, (kFrobenius1[3] * kFrobenius1[3].conj()).c0,
    (kFrobenius1[4] * kFrobenius1[4].conj()).c0, (kFrobenius1[5] * kFrobenius1[5].conj()).c0,
};

/// kFrobenius3[k] = w^(k(p³-1)) = γ^(p²+p+1) for γ = w^(k(p-1)) ∈ F_p²; since γ^(p²) = γ and
/// γ^p = conj(γ), that is γ·(γ·conj(γ)) = kFrobenius1[k]·kFrobenius2[k].
inline constexpr Fp2 kFrobenius3[6] = {
    kFrobenius1[0] * kFrobenius2[0], kFrobenius1[1] * kFrobenius2[1],
    kFrobenius1[2] * kFrobenius2[2], kFrobenius1[3] * kFrobenius2[3],
    kFrobenius1[4] * kFrobenius2[4], kFrobenius1[5] * kFrobenius2[5],
};

}  // namespace ultra::crypto::bn254
