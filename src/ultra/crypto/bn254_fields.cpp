// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bn254_fields.hpp"

namespace ultra::crypto::bn254 {

namespace {

constexpr U256Limbs shift_right(const U256Limbs& x, unsigned s) noexcept
{
    return {(x[0] >> s) | (x[1] << (64 - s)), (x[1] >> s) | (x[2] << (64 - s)),
            (x[2] >> s) | (x[3] << (64 - s)), x[3] >> s};
}

/// (p - 3) / 4 and (p - 1) / 2 for the F_p² square root.
constexpr U256Limbs kPMinus3Over4 = shift_right(FpParams::kModulus, 2);
constexpr U256Limbs kPMinus1Over2 = shift_right(FpParams::kModulus, 1);

/// (x + y·s)² in F_p⁴ = F_p²[s]/(s² - ξ): returns x² + ξ·y² and 2·x·y with three squarings.
inline void fp4_square(const Fp2& x, const Fp2& y, Fp2& r0, Fp2& r1) noexcept
{
    const Fp2 t0 = x.square();
    const Fp2 t1 = y.square();
    r0 = t1.mul_by_xi() + t0;
    r1 = (x + y).square() - t0 - t1;
}

}  // namespace

std::optional<Fp2> Fp2::sqrt() const noexcept
{
    // Algorithm 9 of Adj and Rodríguez-Henríquez, "Square root computation over even extension
    // fields" (p ≡ 3 mod 4). The result is checked by squaring.
    const Fp2 a1 = pow(kPMinus3Over4);
    const Fp2 alpha = a1 * (a1 * *this);
    const Fp2 a0 = alpha.conj() * alpha;
    const Fp2 minus_one = -one();
    if (a0 == minus_one) return std::nullopt;
    const Fp2 x0 = a1 * *this;
    Fp2 x;
    if (alpha == minus_one) {
        x = {-x0.c1, x0.c0};  // i·x0
    } else {
        x = (one() + alpha).pow(kPMinus1Over2) * x0;
    }
    if (x.square() != *this) return std::nullopt;
    return x;
}

Fp6 operator*(const Fp6& a, const Fp6& b) noexcept
{
    const Fp2 t0 = a.c0 * b.c0;
    const Fp2 t1 = a.c1 * b.c1;
    const Fp2 t2 = a.c2 * b.c2;
    return {
        ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mul_by_xi() + t0,
        (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mul_by_xi(),
        (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
    };
}

Fp6 Fp6::square() const noexcept
{
    const Fp2 s0 = c0.square();
    const Fp2 s1 = (c0 * c1).dbl();
    const Fp2 s2 = (c0 - c1 + c2).square();
    const Fp2 s3 = (c1 * c2).dbl();
    const Fp2 s4 = c2.square();
    return {s3.mul_by_xi() + s0, s4.mul_by_xi() + s1, s1 + s2 + s3 - s0 - s4};
}

Fp6 Fp6::mul_by_01(const Fp2& b0, const Fp2& b1) const noexcept
{
    // The Karatsuba product with b2 = 0.
    const Fp2 t0 = c0 * b0;
    const Fp2 t1 = c1 * b1;
    return {
        ((c1 + c2) * b1 - t1).mul_by_xi() + t0,
        (c0 + c1) * (b0 + b1) - t0 - t1,
        c2 * b0 + t1,
    };
}

Fp6 Fp6::inverse() const noexcept
{
    const Fp2 t0 = c0.square() - (c1 * c2).mul_by_xi();
    const Fp2 t1 = c2.square().mul_by_xi() - c0 * c1;
    const Fp2 t2 = c1.square() - c0 * c2;
    const Fp2 n = c0 * t0 + (c2 * t1 + c1 * t2).mul_by_xi();
    const Fp2 ni = n.inverse();
    return {t0 * ni, t1 * ni, t2 * ni};
}

Fp12 operator*(const Fp12& a, const Fp12& b) noexcept
{
    const Fp6 t0 = a.c0 * b.c0;
    const Fp6 t1 = a.c1 * b.c1;
    return {t0 + t1.mul_by_v(), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 Fp12::square() const noexcept
{
    const Fp6 ab = c0 * c1;
    return {(c0 + c1) * (c0 + c1.mul_by_v()) - ab - ab.mul_by_v(), ab + ab};
}

Fp12 Fp12::cyclotomic_square() const noexcept
{
    // Granger–Scott, "Faster squaring in the cyclotomic subgroup of sixth degree extensions":
    // view F_p¹² as F_p⁴[t]/(t³ - s) with F_p⁴ = F_p²[s]/(s² - ξ), t = w, s = w³. Then
    // a = A0 + A1·t + A2·t² with A0 = (c0.c0, c1.c1), A1 = (c1.c0, c0.c2), A2 = (c0.c1, c1.c2),
    // and for a in the cyclotomic subgroup
    //   a² = (3·A0² - 2·conj(A0)) + (3·s·A2² + 2·conj(A1))·t + (3·A1² - 2·conj(A2))·t².
    Fp2 s00, s01, s10, s11, s20, s21;
    fp4_square(c0.c0, c1.c1, s00, s01);
    fp4_square(c1.c0, c0.c2, s10, s11);
    fp4_square(c0.c1, c1.c2, s20, s21);
    Fp12 r;
    // 3·S - 2·A = 2·(S - A) + S and 3·S + 2·A = 2·(S + A) + S.
    r.c0.c0 = (s00 - c0.c0).dbl() + s00;
    r.c1.c1 = (s01 + c1.c1).dbl() + s01;
    const Fp2 s21_xi = s21.mul_by_xi();  // s·(x + y·s) = ξ·y + x·s
    r.c1.c0 = (s21_xi + c1.c0).dbl() + s21_xi;
    r.c0.c2 = (s20 - c0.c2).dbl() + s20;
    r.c0.c1 = (s10 - c0.c1).dbl() + s10;
    r.c1.c2 = (s11 + c1.c2).dbl() + s11;
    return r;
}

Fp12 Fp12::inverse() const noexcept
{
    const Fp6 t = (c0.square() - c1.square().mul_by_v()).inverse();
    return {c0 * t, -(c1 * t)};
}

Fp12 Fp12::frobenius() const noexcept
{
    // Basis order: c0 = (w⁰, w², w⁴), c1 = (w¹, w³, w⁵).
    return {
        {c0.c0.conj(), c0.c1.conj() * kFrobenius1[2], c0.c2.conj() * kFrobenius1[4]},
        {c1.c0.conj() * kFrobenius1[1], c1.c1.conj() * kFrobenius1[3],
         c1.c2.conj() * kFrobenius1[5]},
    };
}

Fp12 Fp12::frobenius2() const noexcept
{
    return {
        {c0.c0, c0.c1 * kFrobenius2[2], c0.c2 * kFrobenius2[4]},
        {c1.c0 * kFrobenius2[1], c1.c1 * kFrobenius2[3], c1.c2 * kFrobenius2[5]},
    };
}

Fp12 Fp12::frobenius3() const noexcept
{
    return {
        {c0.c0.conj(), c0.c1.conj() * kFrobenius3[2], c0.c2.conj() * kFrobenius3[4]},
        {c1.c0.conj() * kFrobenius3[1], c1.c1.conj() * kFrobenius3[3],
         c1.c2.conj() * kFrobenius3[5]},
    };
}

Fp12 Fp12::mul_by_034(const Fp2& l0, const Fp2& l3, const Fp2& l4) const noexcept
{
    // (c0 + c1·w)·(A + B·w) with A = l0 and B = l3 + l4·v, by Karatsuba.
    const Fp6 t0 = c0 * l0;
    const Fp6 t1 = c1.mul_by_01(l3, l4);
    return {t0 + t1.mul_by_v(), (c0 + c1).mul_by_01(l0 + l3, l4) - t0 - t1};
}

}  // namespace ultra::crypto::bn254
