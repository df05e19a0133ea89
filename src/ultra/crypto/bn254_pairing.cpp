// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bn254_pairing.hpp"

#include <vector>

namespace ultra::crypto::bn254 {

namespace {

using fp256_detail::uint128;

/// Signed binary digits (NAF), least significant first.
template <size_t N>
struct Naf
{
    std::array<int8_t, N> digits{};
    size_t size = 0;
};

/// The width-w NAF of a positive integer below 2^127: odd digits in (-2^(w-1), 2^(w-1)), at most
/// one non-zero digit in any w consecutive positions (w = 2 is the ordinary NAF).
template <size_t N>
constexpr Naf<N> make_naf(uint128 n, unsigned w) noexcept
{
    Naf<N> r;
    const uint128 window = uint128{1} << w;
    while (n != 0) {
        int8_t d = 0;
        if (n & 1) {
            // The residue of n modulo 2^w, taken in (-2^(w-1), 2^(w-1)); n - d is then divisible
            // by 2^w.
            const auto low = static_cast<int>(n & (window - 1));
            d = static_cast<int8_t>(low >= (1 << (w - 1)) ? low - (1 << w) : low);
            if (d > 0)
                n -= static_cast<uint128>(d);
            else
                n += static_cast<uint128>(-d);
        }
        r.digits[r.size++] = d;
        n >>= 1;
    }
    return r;
}

/// 6u + 2, the optimal ate loop count (65 bits), in NAF: 22 non-zero digits.
constexpr Naf<70> kAteNaf = make_naf<70>(uint128{kU} * 6 + 2, 2);
/// u, the exponent of the hard part of the final exponentiation, in width-4 NAF: 14 non-zero
/// digits (24 in plain NAF), so 13 products plus 3 for the table a, a³, a⁵, a⁷.
constexpr Naf<70> kUNaf = make_naf<70>(kU, 4);

/// 3·b' for the doubling formula.
constexpr Fp2 kB2Times3 = kB2 + kB2 + kB2;

/// A line l0 + l3·w + l4·w³ evaluated at P.
struct Line
{
    Fp2 l0;
    Fp2 l3;
    Fp2 l4;
};

/// The per-pair state of the Miller loop: T in homogeneous projective coordinates (x = X/Z,
/// y = Y/Z) on the twist, Q, and the coordinates of P the lines need.
struct PairState
{
    Fp2 x, y, z;
    G2Affine q;
    Fp xp;
    Fp xp_neg;
    Fp yp;
    Fp yp_neg;
};

/// T ← 2T and the tangent line at T evaluated at P, scaled by -2·Y·Z ∈ F_p² (the final
/// exponentiation removes such factors). Costello–Lange–Naehrig / Aranha et al. formulas for
/// y² = x³ + b' on homogeneous coordinates; see docs/bn254.md for the derivation of the line.
inline Line doubling_step(PairState& s) noexcept
{
    const Fp2 a = (s.x * s.y).half();
    const Fp2 b = s.y.square();
    const Fp2 c = s.z.square();
    const Fp2 e = kB2Times3 * c;
    const Fp2 f = e.dbl() + e;
    const Fp2 g = (b + f).half();
    const Fp2 h = (s.y + s.z).square() - (b + c);
    const Fp2 i = e - b;
    const Fp2 j = s.x.square();
    const Fp2 e2 = e.square();
    s.x = a * (b - f);
    s.y = g.square() - (e2.dbl() + e2);
    s.z = b * h;
    return {h * s.yp_neg, (j.dbl() + j) * s.xp, i};
}

/// T ← T + R for an affine R, and the line through T and R evaluated at P, scaled by
/// λ = X - x_R·Z.
inline Line addition_step(PairState& s, const G2Affine& r) noexcept
{
    const Fp2 theta = s.y - r.y * s.z;
    const Fp2 lambda = s.x - r.x * s.z;
    const Fp2 c = theta.square();
    const Fp2 d = lambda.square();
    const Fp2 e = lambda * d;
    const Fp2 f = s.z * c;
    const Fp2 g = s.x * d;
    const Fp2 h = e + f - g.dbl();
    s.x = lambda * h;
    s.y = theta * (g - h) - s.y * e;
    s.z = s.z * e;
    return {lambda * s.yp, theta * s.xp_neg, theta * r.x - lambda * r.y};
}

inline Fp12 mul_by_line(const Fp12& f, const Line& l) noexcept
{
    return f.mul_by_034(l.l0, l.l3, l.l4);
}

/// a^u in the cyclotomic subgroup (width-4 NAF; conj is the inverse there).
Fp12 cyclotomic_exp_u(const Fp12& a) noexcept
{
    const Fp12 a2 = a.cyclotomic_square();
    std::array<Fp12, 4> odd;  // a, a³, a⁵, a⁷
    odd[0] = a;
    for (size_t i = 1; i < odd.size(); ++i) odd[i] = odd[i - 1] * a2;
    const int top = kUNaf.digits[kUNaf.size - 1];
    static_assert(kUNaf.digits[kUNaf.size - 1] > 0);
    Fp12 r = odd[static_cast<size_t>(top >> 1)];
    for (size_t i = kUNaf.size - 1; i-- > 0;) {
        r = r.cyclotomic_square();
        const int d = kUNaf.digits[i];
        if (d > 0)
            r *= odd[static_cast<size_t>(d >> 1)];
        else if (d < 0)
            r *= odd[static_cast<size_t>((-d) >> 1)].conj();
    }
    return r;
}

}  // namespace

Fp12 miller_loop(std::span<const G1Affine> ps, std::span<const G2Affine> qs) noexcept
{
    ULTRA_ASSERT(ps.size() == qs.size());
    std::vector<PairState> pairs;
    pairs.reserve(ps.size());
    for (size_t k = 0; k < ps.size(); ++k) {
        if (ps[k].is_infinity() || qs[k].is_infinity()) continue;
        pairs.push_back(
            {qs[k].x, qs[k].y, Fp2::one(), qs[k], ps[k].x, -ps[k].x, ps[k].y, -ps[k].y});
    }
    Fp12 f = Fp12::one();
    if (pairs.empty()) return f;

    // The top digit of 6u + 2 is 1: T starts at Q.
    for (size_t i = kAteNaf.size - 1; i-- > 0;) {
        if (i + 2 != kAteNaf.size) f = f.square();
        for (auto& s : pairs) f = mul_by_line(f, doubling_step(s));
        const int d = kAteNaf.digits[i];
        if (d == 1) {
            for (auto& s : pairs) f = mul_by_line(f, addition_step(s, s.q));
        } else if (d == -1) {
            for (auto& s : pairs) f = mul_by_line(f, addition_step(s, neg(s.q)));
        }
    }
    // The two extra lines of the optimal ate pairing: T = [6u+2]Q, then T + ψ(Q) and -ψ²(Q).
    for (auto& s : pairs) {
        const G2Affine q1 = psi(s.q);
        // ψ²(x, y) = (x·w^(2(p²-1)), y·w^(3(p²-1))) with w^(3(p²-1)) = -1: -ψ²(Q) = (x·γ, y).
        const G2Affine q2{s.q.x * kFrobenius2[2], s.q.y * -kFrobenius2[3]};
        f = mul_by_line(f, addition_step(s, q1));
        f = mul_by_line(f, addition_step(s, q2));
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) noexcept
{
    // Easy part: t = f^((p⁶ - 1)(p² + 1)), now in the cyclotomic subgroup.
    Fp12 t = f.conj() * f.inverse();
    t = t.frobenius2() * t;

    // Hard part: (p⁴ - p² + 1)/r = λ0 + λ1·p + λ2·p² + λ3·p³ with
    //   λ0 = -36u³ - 30u² - 18u - 2, λ1 = -36u³ - 18u² - 12u + 1, λ2 = 6u² + 1, λ3 = 1.
    const Fp12 a = cyclotomic_exp_u(t);  // t^u
    const Fp12 b = cyclotomic_exp_u(a);  // t^(u²)
    const Fp12 c = cyclotomic_exp_u(b);  // t^(u³)

    // K = c^36·b^18·a^12 = ((c²·b)³·a²)^6.
    const Fp12 c2b = c.cyclotomic_square() * b;
    Fp12 k = c2b.cyclotomic_square() * c2b * a.cyclotomic_square();
    k = (k.cyclotomic_square() * k).cyclotomic_square();
    // t^λ1 = t / K.
    const Fp12 x1 = t * k.conj();
    // t^λ0 = 1 / (K·(b²·a)^6·t²).
    const Fp12 b2a = b.cyclotomic_square() * a;
    const Fp12 b2a6 = (b2a.cyclotomic_square() * b2a).cyclotomic_square();
    const Fp12 x0 = (k * b2a6 * t.cyclotomic_square()).conj();
    // t^λ2 = b^6·t.
    const Fp12 x2 = (b.cyclotomic_square() * b).cyclotomic_square() * t;
    return x0 * x1.frobenius() * x2.frobenius2() * t.frobenius3();
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) noexcept
{
    return final_exponentiation(miller_loop({&p, 1}, {&q, 1}));
}

bool pairing_check(std::span<const G1Affine> ps, std::span<const G2Affine> qs) noexcept
{
    return final_exponentiation(miller_loop(ps, qs)).is_one();
}

}  // namespace ultra::crypto::bn254
