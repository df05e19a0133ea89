// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <span>
#include <type_traits>
#include <ultra/crypto/bn254_fields.hpp>

namespace ultra::crypto::bn254 {

/// An affine point over F (F_p for G1, F_p² for G2). (0, 0) encodes the point at infinity, as in
/// EIP-196/197: it lies on neither curve because b ≠ 0.
template <typename F>
struct Affine
{
    F x;  ///< the affine x coordinate
    F y;  ///< the affine y coordinate

    /// Whether this is the encoding (0, 0) of the point at infinity.
    constexpr bool is_infinity() const noexcept { return x.is_zero() && y.is_zero(); }
    /// Equality of coordinates (affine coordinates are unique, so also of points).
    friend constexpr bool operator==(const Affine&, const Affine&) noexcept = default;
};

/// A point in Jacobian coordinates: x = X/Z², y = Y/Z³; Z = 0 is the point at infinity.
/// Equality of representations is not equality of points: use equal().
template <typename F>
struct Jacobian
{
    F x;  ///< X
    F y;  ///< Y
    F z;  ///< Z

    /// The point at infinity (1 : 1 : 0).
    static constexpr Jacobian infinity() noexcept { return {F::one(), F::one(), F::zero()}; }
    /// Whether Z = 0.
    constexpr bool is_infinity() const noexcept { return z.is_zero(); }
};

/// G1: E(F_p): y² = x³ + 3, of prime order r.
using G1Affine = Affine<Fp>;
/// A G1 point in Jacobian coordinates.
using G1 = Jacobian<Fp>;
/// G2 ⊂ E'(F_p²): y² = x³ + 3/ξ (the D-type sextic twist), the order-r subgroup.
using G2Affine = Affine<Fp2>;
/// A twist point in Jacobian coordinates.
using G2 = Jacobian<Fp2>;

/// b = 3 of E.
inline constexpr Fp kB1 = Fp::from_u64(3);
/// b' = 3/ξ of the twist E'.
inline constexpr Fp2 kB2 = Fp2{Fp::from_u64(3), Fp::zero()} * kXi.inverse();

/// The coefficient b of the curve over F.
template <typename F>
constexpr F curve_b() noexcept
{
    if constexpr (std::is_same_v<F, Fp>)
        return kB1;
    else
        return kB2;
}

/// The generator (1, 2) of G1.
inline constexpr G1Affine kG1Generator{Fp::from_u64(1), Fp::from_u64(2)};

/// The generator of G2 used by EIP-197.
inline constexpr G2Affine kG2Generator{
    {Fp::from_limbs(
         {0x46debd5cd992f6ed, 0x674322d4f75edadd, 0x426a00665e5c4479, 0x1800deef121f1e76}),
     Fp::from_limbs(
         {0x97e485b7aef312c2, 0xf1aa493335a9e712, 0x7260bfb731fb5d25, 0x198e9393920d483a})},
    {Fp::from_limbs(
         {0x4ce6cc0166fa7daa, 0xe3d1e7690c43d37b, 0x4aab71808dcb408f, 0x12c85ea5db8c6deb}),
     Fp::from_limbs(
         {0x55acdadcd122975b, 0xbc4b313370b38ef3, 0xec9e99ad690c3395, 0x090689d0585ff075})},
};

/// y² = x³ + b; the infinity encoding (0, 0) is not on the curve.
template <typename F>
constexpr bool is_on_curve(const Affine<F>& p) noexcept
{
    return p.y.square() == p.x.square() * p.x + curve_b<F>();
}

/// The Jacobian form (x : y : 1) of an affine point; (0, 0) becomes the point at infinity.
template <typename F>
constexpr Jacobian<F> to_jacobian(const Affine<F>& p) noexcept
{
    if (p.is_infinity()) return Jacobian<F>::infinity();
    return {p.x, p.y, F::one()};
}

/// Converts to affine with one inversion; infinity becomes (0, 0).
template <typename F>
Affine<F> to_affine(const Jacobian<F>& p) noexcept
{
    if (p.is_infinity()) return {};
    if (p.z == F::one()) return {p.x, p.y};
    const F zi = p.z.inverse();
    const F zi2 = zi.square();
    return {p.x * zi2, p.y * zi2 * zi};
}

/// Converts many points with a single inversion (Montgomery's trick). Sizes must match.
template <typename F>
void batch_to_affine(std::span<const Jacobian<F>> in, std::span<Affine<F>> out) noexcept
{
    // out[i].x temporarily holds the product of the non-zero z of in[0..i].
    F acc = F::one();
    for (size_t i = 0; i < in.size(); ++i) {
        out[i].x = acc;
        if (!in[i].is_infinity()) acc *= in[i].z;
    }
    F inv = acc.inverse();
    for (size_t i = in.size(); i-- > 0;) {
        if (in[i].is_infinity()) {
            out[i] = {};
            continue;
        }
        const F zi = inv * out[i].x;
        inv *= in[i].z;
        const F zi2 = zi.square();
        out[i] = {in[i].x * zi2, in[i].y * zi2 * zi};
    }
}

/// -P = (x, -y); the infinity encoding (0, 0) maps to itself.
template <typename F>
constexpr Affine<F> neg(const Affine<F>& p) noexcept
{
    return {p.x, -p.y};
}

/// -P = (X : -Y : Z).
template <typename F>
constexpr Jacobian<F> neg(const Jacobian<F>& p) noexcept
{
    return {p.x, -p.y, p.z};
}

/// 2·P for a = 0 (dbl-2009-l: 2M + 5S).
template <typename F>
constexpr Jacobian<F> dbl(const Jacobian<F>& p) noexcept
{
    const F a = p.x.square();
    const F b = p.y.square();
    const F c = b.square();
    const F d = ((p.x + b).square() - a - c).dbl();
    const F e = a.dbl() + a;
    const F f = e.square();
    const F x3 = f - d.dbl();
    const F c8 = c.dbl().dbl().dbl();
    return {x3, e * (d - x3) - c8, (p.y * p.z).dbl()};
}

/// P + Q, complete for every input (add-2007-bl: 11M + 5S, with the doubling and inverse cases).
template <typename F>
constexpr Jacobian<F> add(const Jacobian<F>& p, const Jacobian<F>& q) noexcept
{
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    const F z1z1 = p.z.square();
    const F z2z2 = q.z.square();
    const F u1 = p.x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F r = (s2 - s1).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl(p) : Jacobian<F>::infinity();
    const F i = h.dbl().square();
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = r.square() - j - v.dbl();
    return {x3, r * (v - x3) - (s1 * j).dbl(), ((p.z + q.z).square() - z1z1 - z2z2) * h};
}

/// P + Q for an affine Q, complete for every input (madd-2007-bl: 7M + 4S).
template <typename F>
constexpr Jacobian<F> add(const Jacobian<F>& p, const Affine<F>& q) noexcept
{
    if (q.is_infinity()) return p;
    if (p.is_infinity()) return to_jacobian(q);
    const F z1z1 = p.z.square();
    const F u2 = q.x * z1z1;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - p.x;
    const F r = (s2 - p.y).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl(p) : Jacobian<F>::infinity();
    const F hh = h.square();
    const F i = hh.dbl().dbl();
    const F j = h * i;
    const F v = p.x * i;
    const F x3 = r.square() - j - v.dbl();
    return {x3, r * (v - x3) - (p.y * j).dbl(), (p.z + h).square() - z1z1 - hh};
}

/// P + Q in affine coordinates with one inversion (λ = (y2 - y1)/(x2 - x1), or 3x²/(2y) when
/// doubling); complete for every input. Cheaper than a Jacobian addition followed by to_affine()
/// when a single sum is needed (ECADD).
template <typename F>
Affine<F> add_affine(const Affine<F>& p, const Affine<F>& q) noexcept
{
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    F lambda;
    if (p.x == q.x) {
        // Either Q = P (a doubling) or Q = -P (the sum is infinity; also when y = 0).
        if (p.y != q.y || p.y.is_zero()) return {};
        const F xx = p.x.square();
        lambda = (xx.dbl() + xx) * p.y.dbl().inverse();
    } else {
        lambda = (q.y - p.y) * (q.x - p.x).inverse();
    }
    const F x3 = lambda.square() - p.x - q.x;
    return {x3, lambda * (p.x - x3) - p.y};
}

/// Whether two Jacobian points are the same point (no inversion).
template <typename F>
constexpr bool equal(const Jacobian<F>& p, const Jacobian<F>& q) noexcept
{
    if (p.is_infinity() || q.is_infinity()) return p.is_infinity() && q.is_infinity();
    const F z1z1 = p.z.square();
    const F z2z2 = q.z.square();
    return p.x * z2z2 == q.x * z1z1 && p.y * q.z * z2z2 == q.y * p.z * z1z1;
}

/// Whether a Jacobian point equals an affine one.
template <typename F>
constexpr bool equal(const Jacobian<F>& p, const Affine<F>& q) noexcept
{
    if (p.is_infinity() || q.is_infinity()) return p.is_infinity() && q.is_infinity();
    const F zz = p.z.square();
    return p.x == q.x * zz && p.y == q.y * zz * p.z;
}

/// [k]P on G1 for any 256-bit k (reduced mod r first), by width-5 wNAF over the GLV
/// decomposition k = k1 + k2·λ with φ(x, y) = (β·x, y) = [λ]P (see docs/bn254.md).
/// Precondition: P is on the curve (or infinity).
G1 mul(const G1Affine& p, const U256Limbs& k) noexcept;

/// [k]P on G1 by plain width-5 wNAF (no endomorphism). Reference for tests and benchmarks.
G1 mul_wnaf(const G1Affine& p, const U256Limbs& k) noexcept;

/// [k]Q on the twist for any 256-bit k (not reduced: also correct outside G2), by width-5 wNAF.
/// Precondition: Q is on the twist (or infinity).
G2 mul(const G2Affine& q, const U256Limbs& k) noexcept;

/// ψ = φ⁻¹∘π_p∘φ, the p-power Frobenius of E carried to the twist:
/// ψ(x, y) = (conj(x)·w^(2(p-1)), conj(y)·w^(3(p-1))).
constexpr G2Affine psi(const G2Affine& q) noexcept
{
    if (q.is_infinity()) return q;
    return {q.x.conj() * kFrobenius1[2], q.y.conj() * kFrobenius1[3]};
}

/// ψ on Jacobian coordinates: (conj(X)·w^(2(p-1)), conj(Y)·w^(3(p-1)), conj(Z)).
constexpr G2 psi(const G2& q) noexcept
{
    return {q.x.conj() * kFrobenius1[2], q.y.conj() * kFrobenius1[3], q.z.conj()};
}

/// ψ² on Jacobian coordinates: (X·w^(2(p²-1)), Y·w^(3(p²-1)), Z), both factors in F_p.
constexpr G2 psi2(const G2& q) noexcept
{
    return {q.x * kFrobenius2[2], q.y * kFrobenius2[3], q.z};
}

/// Whether a point of the twist (precondition: is_on_curve) lies in G2, the order-r subgroup.
///
/// Tests α(Q) = O for α = [u+1] + ψ∘[u] + ψ²∘[u] - ψ³∘[2u] (El Housni, Guillevic, Piellard,
/// "Co-factor clearing and subgroup membership testing on pairing-friendly curves", 2022): one
/// 63-bit scalar multiplication instead of the 254-bit [r]Q. Why it is equivalent: on
/// E'(F_p²), ψ² = [t]ψ - [p] (ψ is conjugate to π_p, of trace t = 6u² + 1), so α = A + B·ψ for
/// integers A, B. On G2, ψ acts as [p], and A + B·p ≡ 0 (mod r), so α vanishes there. For the
/// part Q_c of Q whose order divides the cofactor c₂ = 2p - r, α(Q_c) = O implies
/// [A² + t·A·B + p·B²]Q_c = ᾱ(α(Q_c)) = O with ᾱ = A + B·(t - ψ), and that norm is coprime to
/// c₂, so Q_c = O. The unit test recomputes A, B and checks both number-theoretic conditions.
bool is_in_g2(const G2Affine& q) noexcept;

}  // namespace ultra::crypto::bn254
