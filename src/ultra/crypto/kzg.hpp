// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// KZG opening-proof verification over BLS12-381 (EIP-4844 / consensus-specs
// polynomial-commitments.md `verify_kzg_proof`), the core of the point evaluation precompile.

#include <array>
#include <cstdint>
#include <span>
#include <ultra/core/result.hpp>
#include <ultra/crypto/bls12_381.hpp>

namespace ultra::crypto::kzg {

/// Why verify_kzg_proof rejected its input before running the pairing check.
enum class KzgError : uint8_t
{
    kInvalidFieldElement,  ///< z or y is not below the BLS modulus r
    kInvalidCommitment,    ///< not a valid compressed G1 point of the r-torsion subgroup
    kInvalidProof,         ///< same, for the proof
};

/// The BLS scalar field modulus r (BLS_MODULUS) as 32 big-endian bytes.
inline constexpr std::array<uint8_t, 32> kBlsModulusBytes = {
    0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
    0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
};

/// FIELD_ELEMENTS_PER_BLOB of EIP-4844.
inline constexpr uint64_t kFieldElementsPerBlob = 4096;

/// [τ]G2 of the mainnet KZG ceremony: KZG_SETUP_G2_MONOMIAL[1], decompressed.
[[nodiscard]] const bls12_381::G2Affine& setup_g2_tau() noexcept;

/// The 96-byte compressed form of [τ]G2 as published (execution-specs
/// src/ethereum/crypto/kzg.py KZG_SETUP_G2_MONOMIAL_1; c-kzg-4844 trusted_setup.txt, the
/// second G2 monomial point).
[[nodiscard]] const std::array<uint8_t, 96>& setup_g2_tau_compressed() noexcept;

/// Decodes a KZGCommitment / KZGProof (validate_kzg_g1): a compressed G1 point in the r-torsion
/// subgroup, or the compressed point at infinity (0xc0 ‖ 0…).
[[nodiscard]] std::optional<bls12_381::G1Affine> decode_g1(
    std::span<const uint8_t, 48> in) noexcept;

/// verify_kzg_proof(commitment, z, y, proof): true when the proof shows that the polynomial
/// committed to evaluates to y at z, i.e. e(C − [y]G1, −G2)·e(π, [τ]G2 − [z]G2) = 1. z and y are
/// 32-byte big-endian field elements that must be < r; commitment and proof are compressed G1
/// points. Returns an error for malformed inputs, false for a well-formed wrong proof.
[[nodiscard]] Result<bool, KzgError> verify_kzg_proof(std::span<const uint8_t, 48> commitment,
                                                      std::span<const uint8_t, 32> z,
                                                      std::span<const uint8_t, 32> y,
                                                      std::span<const uint8_t, 48> proof) noexcept;

}  // namespace ultra::crypto::kzg
