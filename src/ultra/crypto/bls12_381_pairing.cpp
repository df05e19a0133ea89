// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <optional>
#include <ultra/crypto/bls12_381.hpp>
#include <vector>

// The optimal ate pairing e(P, Q) = f_{x,Q}(P)^((p¹²−1)/r) on BLS12-381.
//
// Q ∈ E'(Fp2) is untwisted to E(Fp12) by (x', y') ↦ (x'/w², y'/w³) (M-twist, w⁶ = ξ). A line
// through points of the untwisted curve evaluated at P = (xP, yP), multiplied by w³ and by a
// factor of Fp2 (both killed by the final exponentiation), is
//     l = c0 + c1·w² + c4·w³,  i.e. the sparse Fp12 (c0 + c1·v) + (c4·v)·w,
// which mul_by_014 multiplies in 13 Fp2 products. The running point T stays on the twist in
// homogeneous projective coordinates (x = X/Z, y = Y/Z) where doubling and addition need no
// inversion (Costello–Lange–Naehrig 2010, Aranha et al. 2010).

namespace ultra::crypto::bls12_381 {

namespace {

/// 3b'·c for b' = 4(u + 1): 12·(u + 1)·c with additions only.
Fp2 mul_by_3b(const Fp2& c) noexcept
{
    const Fp2 t = mul_by_xi(c);
    const Fp2 t3 = dbl(t) + t;
    return dbl(dbl(t3));
}

/// a/2 in Fp: halving commutes with the Montgomery form (it is multiplication by 2⁻¹).
Fp half(const Fp& a) noexcept
{
    Fp t = a;
    uint64_t carry = 0;
    if ((t.v[0] & 1) != 0) {  // make it even by adding p (a + p < 2^382)
        for (size_t i = 0; i < 6; ++i) {
            const uint128 s = static_cast<uint128>(t.v[i]) + kModulus[i] + carry;
            t.v[i] = static_cast<uint64_t>(s);
            carry = static_cast<uint64_t>(s >> 64);
        }
    }
    for (size_t i = 0; i < 6; ++i) {
        const uint64_t hi = i + 1 < 6 ? t.v[i + 1] : 0;
        t.v[i] = (t.v[i] >> 1) | (hi << 63);
    }
    return t;
}

Fp2 half(const Fp2& a) noexcept
{
    return {half(a.c0), half(a.c1)};
}

/// T in homogeneous projective coordinates on E'.
struct Projective
{
    Fp2 x;
    Fp2 y;
    Fp2 z;
};

/// T ← 2T and the tangent line at T. With A = XY/2, B = Y², C = Z², E = 3b'C, F = 3E,
/// G = (B + F)/2, H = (Y + Z)² − B − C:
///   X3 = A(B − F), Y3 = G² − 3E², Z3 = B·H,
///   line = (B − E) + (3X²·(−xP))·w² + (H·yP)·w³   (2YZ²/Z times the tangent line).
LineCoeffs double_step(Projective& t) noexcept
{
    const Fp2 a = half(t.x * t.y);
    const Fp2 b = square(t.y);
    const Fp2 c = square(t.z);
    const Fp2 e = mul_by_3b(c);
    const Fp2 f = dbl(e) + e;
    const Fp2 g = half(b + f);
    const Fp2 h = square(t.y + t.z) - b - c;
    const Fp2 x2 = square(t.x);
    const Fp2 e2 = square(e);
    LineCoeffs l{b - e, dbl(x2) + x2, h};
    t.x = a * (b - f);
    t.y = square(g) - (dbl(e2) + e2);
    t.z = b * h;
    return l;
}

/// T ← T + Q (Q affine) and the chord through T and Q. With θ = Y − y2·Z, λ = X − x2·Z,
/// C = θ², D = λ², E = λ³, F = Z·C, G = X·D, H = E + F − 2G:
///   X3 = λH, Y3 = θ(G − H) − Y·E, Z3 = Z·E,
///   line = (θ·x2 − λ·y2) + (θ·(−xP))·w² + (λ·yP)·w³   (λ times the chord).
LineCoeffs add_step(Projective& t, const G2Affine& q) noexcept
{
    const Fp2 theta = t.y - q.y * t.z;
    const Fp2 lambda = t.x - q.x * t.z;
    const Fp2 c = square(theta);
    const Fp2 d = square(lambda);
    const Fp2 e = lambda * d;
    const Fp2 f = t.z * c;
    const Fp2 g = t.x * d;
    const Fp2 h = e + f - dbl(g);
    LineCoeffs l{theta * q.x - lambda * q.y, theta, lambda};
    t.x = lambda * h;
    t.y = theta * (g - h) - t.y * e;
    t.z = t.z * e;
    return l;
}

/// f·line(P).
Fp12 mul_by_line(const Fp12& f, const LineCoeffs& l, const Fp& neg_xp, const Fp& yp) noexcept
{
    return mul_by_014(f, l.c0, l.c1 * neg_xp, l.c4 * yp);
}

/// Karabina's compressed form of a cyclotomic element: with g0..g5 the coefficients of
/// w⁰, w³, w¹, w⁴, w², w⁵, it keeps (g2, g3, g4, g5); squaring needs 4 Fp2 multiplications
/// instead of Granger–Scott's 9 squarings ("Squaring in cyclotomic subgroups", Math. Comp. 2013).
struct Compressed
{
    Fp2 g2;
    Fp2 g3;
    Fp2 g4;
    Fp2 g5;
};

Compressed compress(const Fp12& a) noexcept
{
    return {a.c1.c0, a.c0.c2, a.c0.c1, a.c1.c2};
}

Compressed compressed_square(const Compressed& g) noexcept
{
    const Fp2 b23 = g.g2 * g.g3;
    const Fp2 b45 = g.g4 * g.g5;
    const Fp2 a23 = (g.g2 + g.g3) * (g.g2 + mul_by_xi(g.g3));
    const Fp2 a45 = (g.g4 + g.g5) * (g.g4 + mul_by_xi(g.g5));
    const auto times3 = [](const Fp2& v) { return dbl(v) + v; };
    // h2 = 2(g2 + 3ξ·B45), h3 = 3(A45 − (ξ+1)B45) − 2g3,
    // h4 = 3(A23 − (ξ+1)B23) − 2g4, h5 = 2(g5 + 3B23)
    return {
        dbl(g.g2 + times3(mul_by_xi(b45))),
        times3(a45 - mul_by_xi(b45) - b45) - dbl(g.g3),
        times3(a23 - mul_by_xi(b23) - b23) - dbl(g.g4),
        dbl(g.g5 + times3(b23)),
    };
}

/// Recovers g0, g1: g1 = (ξg5² + 3g4² − 2g3)/(4g2) (or 2g4g5/g3 when g2 = 0) and
/// g0 = ξ(2g1² + g2g5 − 3g3g4) + 1. nullopt when g2 = g3 = 0 (the caller falls back).
std::optional<Fp12> decompress(const Compressed& g) noexcept
{
    Fp2 g1;
    if (!is_zero(g.g2)) {
        const Fp2 num = mul_by_xi(square(g.g5)) + dbl(square(g.g4)) + square(g.g4) - dbl(g.g3);
        g1 = num * inverse(dbl(dbl(g.g2)));
    } else if (!is_zero(g.g3)) {
        g1 = dbl(g.g4 * g.g5) * inverse(g.g3);
    } else {
        return std::nullopt;
    }
    const Fp2 t = g.g3 * g.g4;
    const Fp2 g0 = mul_by_xi(dbl(square(g1)) + g.g2 * g.g5 - dbl(t) - t) + kFp2One;
    return Fp12{{g0, g.g4, g.g3}, {g.g2, g1, g.g5}};
}

/// f^(2^n) in the cyclotomic subgroup: compressed squarings for long runs.
Fp12 cyclotomic_square_n(const Fp12& f, int n) noexcept
{
    if (n >= 4) {
        Compressed c = compress(f);
        for (int i = 0; i < n; ++i) c = compressed_square(c);
        if (auto d = decompress(c)) return *d;
    }
    Fp12 r = f;
    for (int i = 0; i < n; ++i) r = cyclotomic_square(r);
    return r;
}

/// Cyclotomic f^|x|: square-and-multiply over the set bits of |x| (63, 62, 60, 57, 48, 16).
Fp12 cyclotomic_exp_abs_x(const Fp12& f) noexcept
{
    Fp12 r = f;
    int run = 0;
    for (int bit = 62; bit >= 0; --bit) {
        ++run;
        if (((kAbsX >> bit) & 1) != 0) {
            r = cyclotomic_square_n(r, run) * f;
            run = 0;
        }
    }
    return cyclotomic_square_n(r, run);
}

/// f^x for f in the cyclotomic subgroup (x < 0: conjugate of f^|x|).
Fp12 exp_by_x(const Fp12& f) noexcept
{
    return conjugate(cyclotomic_exp_abs_x(f));
}

}  // namespace

G2Prepared prepare_g2(const G2Affine& q) noexcept
{
    G2Prepared out;
    out.infinity = q.infinity;
    if (q.infinity) return out;
    Projective t{q.x, q.y, kFp2One};
    size_t n = 0;
    for (int bit = 62; bit >= 0; --bit) {
        out.lines[n++] = double_step(t);
        if (((kAbsX >> bit) & 1) != 0) out.lines[n++] = add_step(t, q);
    }
    return out;
}

Fp12 miller_loop(std::span<const PairingInput> pairs) noexcept
{
    struct State
    {
        Projective t;
        G2Affine q;
        Fp neg_xp;
        Fp yp;
    };
    std::vector<State> states;
    states.reserve(pairs.size());
    for (const auto& pr : pairs) {
        if (pr.p.infinity || pr.q.infinity) continue;  // e(O, Q) = e(P, O) = 1
        states.push_back({{pr.q.x, pr.q.y, kFp2One}, pr.q, -pr.p.x, pr.p.y});
    }
    Fp12 f = kFp12One;
    if (states.empty()) return f;

    bool first = true;
    for (int bit = 62; bit >= 0; --bit) {
        if (!first) f = square(f);
        first = false;
        for (auto& s : states) f = mul_by_line(f, double_step(s.t), s.neg_xp, s.yp);
        if (((kAbsX >> bit) & 1) != 0) {
            for (auto& s : states) f = mul_by_line(f, add_step(s.t, s.q), s.neg_xp, s.yp);
        }
    }
    return conjugate(f);  // x < 0: f_{x,Q} = 1/f_{|x|,Q} up to factors the final exp kills
}

Fp12 miller_loop(std::span<const PreparedPairingInput> pairs) noexcept
{
    struct State
    {
        const G2Prepared* q;
        Fp neg_xp;
        Fp yp;
    };
    std::vector<State> states;
    states.reserve(pairs.size());
    for (const auto& pr : pairs) {
        if (pr.p.infinity || pr.q == nullptr || pr.q->infinity) continue;
        states.push_back({pr.q, -pr.p.x, pr.p.y});
    }
    Fp12 f = kFp12One;
    if (states.empty()) return f;

    size_t n = 0;
    for (int bit = 62; bit >= 0; --bit) {
        if (n != 0) f = square(f);
        for (const auto& s : states) f = mul_by_line(f, s.q->lines[n], s.neg_xp, s.yp);
        ++n;
        if (((kAbsX >> bit) & 1) != 0) {
            for (const auto& s : states) f = mul_by_line(f, s.q->lines[n], s.neg_xp, s.yp);
            ++n;
        }
    }
    return conjugate(f);
}

Fp12 final_exponentiation(const Fp12& f) noexcept
{
    // Easy part: m = f^((p⁶ − 1)(p² + 1)), which lands in the cyclotomic subgroup.
    Fp12 m = conjugate(f) * inverse(f);
    m = frobenius2(m) * m;

    // Hard part (Hayashida–Hayasaka–Teruya 2020): m^(3(p⁴ − p² + 1)/r) =
    //   m^((x−1)²(x+p)(x²+p²−1)) · m³.
    const Fp12 mx1 = exp_by_x(m) * conjugate(m);                          // m^(x−1)
    const Fp12 a = exp_by_x(mx1) * conjugate(mx1);                        // m^((x−1)²)
    const Fp12 b = exp_by_x(a) * frobenius(a);                            // a^(x+p)
    const Fp12 c = exp_by_x(exp_by_x(b)) * frobenius2(b) * conjugate(b);  // b^(x²+p²−1)
    return c * cyclotomic_square(m) * m;
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) noexcept
{
    const PairingInput in{p, q};
    return final_exponentiation(miller_loop(std::span<const PairingInput>(&in, 1)));
}

bool pairing_check(std::span<const PairingInput> pairs) noexcept
{
    return final_exponentiation(miller_loop(pairs)) == kFp12One;
}

}  // namespace ultra::crypto::bls12_381
