// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// BLS12-381 groups, pairing and hash-to-curve maps (the arithmetic behind EIP-2537 and the KZG
// point evaluation of EIP-4844).
//
//   G1 ⊂ E(Fp):   y² = x³ + 4
//   G2 ⊂ E'(Fp2): y² = x³ + 4(u + 1)   (M-twist)
//   r = 0x73eda753…00000001, x = −0xd201000000010000 (the curve parameter)
//
// Points are either affine (the wire format: EIP-2537 encodes affine coordinates) or Jacobian
// (X/Z², Y/Z³) for arithmetic. Nothing here is constant-time; the inputs are public. Every
// function is total: malformed data is reported through return values, never by crashing.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <ultra/crypto/bls12_381_field.hpp>

namespace ultra::crypto::bls12_381 {

/// A 256-bit unsigned scalar, little-endian 64-bit limbs. Not necessarily reduced mod r.
using Scalar = std::array<uint64_t, 4>;

/// The prime order r of G1, G2 and GT.
inline constexpr Scalar kGroupOrder = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805,
                                       0x73eda753299d7d48};

/// |x|, the absolute value of the (negative) curve parameter x = −0xd201000000010000.
inline constexpr uint64_t kAbsX = 0xd201000000010000;

/// A point in affine coordinates; `infinity` set means the point at infinity (x, y unused).
template <typename F>
struct Affine
{
    F x;                   ///< affine x (unused at infinity)
    F y;                   ///< affine y (unused at infinity)
    bool infinity = true;  ///< the default-constructed point is the point at infinity

    friend constexpr bool operator==(const Affine&, const Affine&) = default;
};

/// A point in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity.
template <typename F>
struct Jacobian
{
    F x;  ///< X = x·Z²
    F y;  ///< Y = y·Z³
    F z;  ///< zero-initialised: the default point is the point at infinity
};

using G1Affine = Affine<Fp>;   ///< a point of E(Fp), affine
using G2Affine = Affine<Fp2>;  ///< a point of E'(Fp2), affine
using G1 = Jacobian<Fp>;       ///< a point of E(Fp), Jacobian
using G2 = Jacobian<Fp2>;      ///< a point of E'(Fp2), Jacobian

/// The standard generator of G1 (EIP-2537 "H1").
[[nodiscard]] const G1Affine& g1_generator() noexcept;
/// The standard generator of G2 (EIP-2537 "H2").
[[nodiscard]] const G2Affine& g2_generator() noexcept;

/// True when the affine point satisfies the curve equation (the point at infinity does).
[[nodiscard]] bool is_on_curve(const G1Affine& p) noexcept;
/// True when the affine point satisfies the twist equation (the point at infinity does).
[[nodiscard]] bool is_on_curve(const G2Affine& p) noexcept;

/// True for the point at infinity.
template <typename F>
[[nodiscard]] bool is_infinity(const Jacobian<F>& p) noexcept
{
    return is_zero(p.z);
}

/// Lifts an affine point to Jacobian coordinates.
[[nodiscard]] G1 to_jacobian(const G1Affine& p) noexcept;
/// Lifts an affine point to Jacobian coordinates.
[[nodiscard]] G2 to_jacobian(const G2Affine& p) noexcept;
/// Normalises to affine coordinates (one field inversion).
[[nodiscard]] G1Affine to_affine(const G1& p) noexcept;
/// Normalises to affine coordinates (one field inversion).
[[nodiscard]] G2Affine to_affine(const G2& p) noexcept;

/// P + Q (complete: handles infinity, P = Q and P = −Q).
[[nodiscard]] G1 add(const G1& p, const G1& q) noexcept;
/// P + Q (complete).
[[nodiscard]] G2 add(const G2& p, const G2& q) noexcept;
/// P + Q with Q affine (complete).
[[nodiscard]] G1 add(const G1& p, const G1Affine& q) noexcept;
/// P + Q with Q affine (complete).
[[nodiscard]] G2 add(const G2& p, const G2Affine& q) noexcept;
/// 2P.
[[nodiscard]] G1 dbl(const G1& p) noexcept;
/// 2P.
[[nodiscard]] G2 dbl(const G2& p) noexcept;
/// −P.
[[nodiscard]] G1 neg(const G1& p) noexcept;
/// −P.
[[nodiscard]] G2 neg(const G2& p) noexcept;
/// −P.
[[nodiscard]] G1Affine neg(const G1Affine& p) noexcept;
/// −P.
[[nodiscard]] G2Affine neg(const G2Affine& p) noexcept;
/// Projective equality of two Jacobian points.
[[nodiscard]] bool equal(const G1& p, const G1& q) noexcept;
/// Projective equality of two Jacobian points.
[[nodiscard]] bool equal(const G2& p, const G2& q) noexcept;

/// [k]P for any 256-bit k (fixed 4-bit window); valid for any point of the curve.
[[nodiscard]] G1 mul(const G1& p, const Scalar& k) noexcept;
/// [k]P for any 256-bit k; valid for any point of the twist.
[[nodiscard]] G2 mul(const G2& p, const Scalar& k) noexcept;
/// [|x|]P (the curve parameter's absolute value: 63 doublings, 5 additions).
[[nodiscard]] G1 mul_by_abs_x(const G1& p) noexcept;
/// [|x|]P.
[[nodiscard]] G2 mul_by_abs_x(const G2& p) noexcept;

/// [k]P for P in G1 by the GLV method: k mod r = k0 + k1·x² with k0, k1 < 2^128 and
/// [x²]P = −σ(P), so [k]P = [k0]P + [k1](−σ(P)) with half-length scalars (Straus, 4-bit windows).
/// Precondition: P in G1 (the result is wrong for other curve points).
[[nodiscard]] G1 mul_subgroup(const G1Affine& p, const Scalar& k) noexcept;
/// [k]Q for Q in G2 by the GLS method: k mod r = Σ d_i·|x|^i (i < 4, d_i < 2^64) and
/// [|x|^i]Q = (−ψ)^i(Q). Precondition: Q in G2.
[[nodiscard]] G2 mul_subgroup(const G2Affine& q, const Scalar& k) noexcept;
/// [a]P + [b]Q for P, Q in G1 (GLV on both, one shared Straus loop).
[[nodiscard]] G1 double_mul_subgroup(const G1Affine& p,
                                     const Scalar& a,
                                     const G1Affine& q,
                                     const Scalar& b) noexcept;

/// True when P lies in the order-r subgroup G1. Uses Scott's endomorphism test
/// σ(P) = [−x²]P with σ(x, y) = (βx, y) ("A note on group membership tests for G1, G2 and GT
/// on BLS pairing-friendly curves", 2021); the unit tests check it against [r]P = O.
/// Precondition: P is on the curve.
[[nodiscard]] bool in_subgroup(const G1Affine& p) noexcept;
/// True when P lies in G2: ψ(P) = [x]P (same reference). Precondition: P is on the twist.
[[nodiscard]] bool in_subgroup(const G2Affine& p) noexcept;
/// The reference membership test [r]P = O (slow; used by the tests).
[[nodiscard]] bool in_subgroup_by_order(const G1Affine& p) noexcept;
/// The reference membership test [r]P = O.
[[nodiscard]] bool in_subgroup_by_order(const G2Affine& p) noexcept;

/// The untwist-Frobenius-twist endomorphism ψ of E'.
[[nodiscard]] G2 psi(const G2& p) noexcept;
/// ψ²(P).
[[nodiscard]] G2 psi2(const G2& p) noexcept;

/// Σ k_i·P_i by Pippenger's bucket method (window chosen from n). Requires every P_i to be in
/// G1 (scalars are reduced mod r first); points.size() must equal scalars.size().
[[nodiscard]] G1 msm(std::span<const G1Affine> points, std::span<const Scalar> scalars) noexcept;
/// Σ k_i·Q_i in G2, same contract.
[[nodiscard]] G2 msm(std::span<const G2Affine> points, std::span<const Scalar> scalars) noexcept;

/// [h_eff]P with h_eff = 1 − x = 0xd201000000010001 (RFC 9380 §8.8.1).
[[nodiscard]] G1 clear_cofactor(const G1& p) noexcept;
/// [h_eff]P for G2 by the Budroni–Pintore ψ chain (RFC 9380 Appendix G.3).
[[nodiscard]] G2 clear_cofactor(const G2& p) noexcept;

/// RFC 9380 map_to_curve for BLS12381G1: simplified SWU onto the 11-isogenous curve E1', then
/// the 11-isogeny to E (no cofactor clearing). The result is on E, not necessarily in G1.
[[nodiscard]] G1Affine map_to_curve_g1(const Fp& u) noexcept;
/// RFC 9380 map_to_curve for BLS12381G2: simplified SWU onto the 3-isogenous E2', then the
/// 3-isogeny to E' (no cofactor clearing).
[[nodiscard]] G2Affine map_to_curve_g2(const Fp2& u) noexcept;
/// EIP-2537 MAP_FP_TO_G1: clear_cofactor(map_to_curve_g1(u)), a point of G1.
[[nodiscard]] G1Affine map_fp_to_g1(const Fp& u) noexcept;
/// EIP-2537 MAP_FP2_TO_G2: clear_cofactor(map_to_curve_g2(u)), a point of G2.
[[nodiscard]] G2Affine map_fp2_to_g2(const Fp2& u) noexcept;

/// One Miller-loop line before evaluation at P = (xP, yP): the line is
/// c0 + (c1·(−xP))·w² + (c4·yP)·w³ (see bls12_381_pairing.cpp).
struct LineCoeffs
{
    Fp2 c0;  ///< coefficient of w⁰
    Fp2 c1;  ///< multiplied by −xP: coefficient of w²
    Fp2 c4;  ///< multiplied by yP: coefficient of w³
};

/// Lines in the optimal-ate loop over |x|: 63 doublings and 5 additions.
inline constexpr size_t kMillerLoopLines = 68;

/// A G2 point with its Miller-loop lines precomputed, for pairings against a fixed Q (the KZG
/// check pairs with −G2 and [τ]G2 on every call).
struct G2Prepared
{
    std::array<LineCoeffs, kMillerLoopLines> lines;  ///< in Miller-loop order
    bool infinity = true;                            ///< Q = O: the pair contributes 1
};

/// Precomputes the Miller-loop lines of Q (precondition: Q in G2).
[[nodiscard]] G2Prepared prepare_g2(const G2Affine& q) noexcept;

/// One (G1, G2) input of a pairing product.
struct PairingInput
{
    G1Affine p;  ///< in G1
    G2Affine q;  ///< in G2
};

/// The optimal-ate Miller loop product Π f_{x,Q_i}(P_i) (conjugated because x < 0); pairs with
/// a point at infinity contribute 1. Preconditions: P_i in G1, Q_i in G2.
[[nodiscard]] Fp12 miller_loop(std::span<const PairingInput> pairs) noexcept;
/// One (G1, prepared G2) input; `q` must outlive the call.
struct PreparedPairingInput
{
    G1Affine p;           ///< in G1
    const G2Prepared* q;  ///< lines of a G2 point (not owned)
};

/// miller_loop with precomputed G2 lines (same result as the unprepared loop).
[[nodiscard]] Fp12 miller_loop(std::span<const PreparedPairingInput> pairs) noexcept;

/// f^(3(p¹²−1)/r): the easy part, then the hard part by the Hayashida–Hayasaka–Teruya chain
/// 3(p⁴−p²+1)/r = (x−1)²(x+p)(x²+p²−1) + 3. The factor 3 (coprime to r) keeps the result a
/// non-degenerate bilinear pairing and does not change whether a product equals 1.
[[nodiscard]] Fp12 final_exponentiation(const Fp12& f) noexcept;
/// e(P, Q)³ as defined by final_exponentiation(miller_loop(...)).
[[nodiscard]] Fp12 pairing(const G1Affine& p, const G2Affine& q) noexcept;
/// True when Π e(P_i, Q_i) = 1 (one shared final exponentiation). Preconditions as miller_loop.
[[nodiscard]] bool pairing_check(std::span<const PairingInput> pairs) noexcept;

/// Decodes a ZCash-format compressed G1 point (48 bytes: flags in the top three bits — 0x80
/// compressed, 0x40 infinity, 0x20 sign of y). Checks the flags, x < p and that x is on the
/// curve; does NOT check the subgroup. nullopt on any invalid encoding.
[[nodiscard]] std::optional<G1Affine> g1_from_compressed(std::span<const uint8_t, 48> in) noexcept;
/// Decodes a ZCash-format compressed G2 point (96 bytes: x.c1 ‖ x.c0 with the flags on the
/// first byte). Same checks as g1_from_compressed; no subgroup check.
[[nodiscard]] std::optional<G2Affine> g2_from_compressed(std::span<const uint8_t, 96> in) noexcept;
/// Encodes a point in the ZCash compressed format.
[[nodiscard]] std::array<uint8_t, 48> g1_to_compressed(const G1Affine& p) noexcept;
/// Encodes a point in the ZCash compressed format.
[[nodiscard]] std::array<uint8_t, 96> g2_to_compressed(const G2Affine& p) noexcept;

/// Reduces a 256-bit scalar modulo r.
[[nodiscard]] Scalar reduce_scalar(const Scalar& k) noexcept;

}  // namespace ultra::crypto::bls12_381
