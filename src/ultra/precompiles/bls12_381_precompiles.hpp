// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// The EIP-2537 BLS12-381 precompiles (Prague): 0x0b G1ADD, 0x0c G1MSM, 0x0d G2ADD, 0x0e G2MSM,
// 0x0f PAIRING_CHECK, 0x10 MAP_FP_TO_G1, 0x11 MAP_FP2_TO_G2.
//
// Encoding (EIP-2537 "Fine points and encoding of base elements"): an Fp element is 64 bytes
// big-endian whose top 16 bytes must be zero and whose value must be < p; Fp2 = c0 ‖ c1; a G1
// point is x ‖ y (128 bytes), a G2 point x ‖ y (256 bytes); all zeros is the point at infinity;
// a scalar is 32 bytes big-endian, not required to be < r. Inputs must have the exact length.
// ADD does not check the subgroup; MSM and PAIRING_CHECK do. Every failure is an exceptional
// halt (PrecompileError::kInvalidInput) that burns the call's gas.

#include "precompile.hpp"

namespace ultra::precompiles {

/// BLS12_G1ADD (0x0b): 375 gas.
[[nodiscard]] uint64_t bls12_g1add_gas(BytesView input, Revision rev) noexcept;
/// BLS12_G1ADD: input P ‖ Q (256 bytes), output P + Q (128 bytes).
[[nodiscard]] PrecompileResult bls12_g1add_execute(BytesView input, Revision rev) noexcept;

/// BLS12_G1MSM (0x0c): k·12000·discount(k)/1000 for k = ⌊len/160⌋ pairs (EIP-2537 G1 discount
/// table, 519 beyond 128 pairs); 0 when k = 0.
[[nodiscard]] uint64_t bls12_g1msm_gas(BytesView input, Revision rev) noexcept;
/// BLS12_G1MSM: input k ≥ 1 slices point (128) ‖ scalar (32), output Σ k_i·P_i (128 bytes).
[[nodiscard]] PrecompileResult bls12_g1msm_execute(BytesView input, Revision rev) noexcept;

/// BLS12_G2ADD (0x0d): 600 gas.
[[nodiscard]] uint64_t bls12_g2add_gas(BytesView input, Revision rev) noexcept;
/// BLS12_G2ADD: input P ‖ Q (512 bytes), output P + Q (256 bytes).
[[nodiscard]] PrecompileResult bls12_g2add_execute(BytesView input, Revision rev) noexcept;

/// BLS12_G2MSM (0x0e): k·22500·discount(k)/1000 for k = ⌊len/288⌋ (G2 table, 524 beyond 128).
[[nodiscard]] uint64_t bls12_g2msm_gas(BytesView input, Revision rev) noexcept;
/// BLS12_G2MSM: input k ≥ 1 slices point (256) ‖ scalar (32), output Σ k_i·Q_i (256 bytes).
[[nodiscard]] PrecompileResult bls12_g2msm_execute(BytesView input, Revision rev) noexcept;

/// BLS12_PAIRING_CHECK (0x0f): 32600·k + 37700 for k = ⌊len/384⌋.
[[nodiscard]] uint64_t bls12_pairing_check_gas(BytesView input, Revision rev) noexcept;
/// BLS12_PAIRING_CHECK: input k ≥ 1 slices G1 (128) ‖ G2 (256); output 32 bytes, the last one 1
/// when Π e(P_i, Q_i) = 1, else 0.
[[nodiscard]] PrecompileResult bls12_pairing_check_execute(BytesView input, Revision rev) noexcept;

/// BLS12_MAP_FP_TO_G1 (0x10): 5500 gas.
[[nodiscard]] uint64_t bls12_map_fp_to_g1_gas(BytesView input, Revision rev) noexcept;
/// BLS12_MAP_FP_TO_G1: input one Fp (64 bytes), output a G1 point (128 bytes).
[[nodiscard]] PrecompileResult bls12_map_fp_to_g1_execute(BytesView input, Revision rev) noexcept;

/// BLS12_MAP_FP2_TO_G2 (0x11): 23800 gas.
[[nodiscard]] uint64_t bls12_map_fp2_to_g2_gas(BytesView input, Revision rev) noexcept;
/// BLS12_MAP_FP2_TO_G2: input one Fp2 (128 bytes), output a G2 point (256 bytes).
[[nodiscard]] PrecompileResult bls12_map_fp2_to_g2_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
