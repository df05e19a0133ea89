// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <ultra/crypto/bn254_curve.hpp>

namespace ultra::crypto::bn254 {

/// The product over i of the optimal ate Miller functions f_{6u+2,Q_i}(P_i), each multiplied by
/// the two extra lines through [6u+2]Q_i, ψ(Q_i) and -ψ²(Q_i). Pairs where P_i or Q_i is the point
/// at infinity contribute 1. Preconditions: ps.size() == qs.size(); every P_i is on E and every
/// Q_i is in G2 (checked by the caller: the loop itself validates nothing).
Fp12 miller_loop(std::span<const G1Affine> ps, std::span<const G2Affine> qs) noexcept;

/// f^((p¹² - 1)/r): the easy part (p⁶ - 1)(p² + 1), then the hard part (p⁴ - p² + 1)/r written in
/// base p with coefficients that are polynomials in u (three exponentiations by u).
/// Precondition: f ≠ 0.
Fp12 final_exponentiation(const Fp12& f) noexcept;

/// The reduced optimal ate pairing e(P, Q) ∈ μ_r ⊂ F_p¹². Preconditions as for miller_loop().
Fp12 pairing(const G1Affine& p, const G2Affine& q) noexcept;

/// Whether Π e(P_i, Q_i) = 1 (one shared final exponentiation). The empty product is 1.
/// Preconditions as for miller_loop().
bool pairing_check(std::span<const G1Affine> ps, std::span<const G2Affine> qs) noexcept;

}  // namespace ultra::crypto::bn254
