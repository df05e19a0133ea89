// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

/// The alt_bn128 (BN254) precompiles of EIP-196 (ECADD, ECMUL) and EIP-197 (ECPAIRING), with the
/// EIP-1108 repricing from Istanbul. Encoding: every field element is a 32-byte big-endian
/// integer that must be below p; a G1 point is x ‖ y (64 bytes) and a G2 point is
/// x_im ‖ x_re ‖ y_im ‖ y_re (128 bytes); all-zero coordinates encode the point at infinity.
namespace ultra::precompiles {

/// ECADD (0x06, Byzantium, EIP-196): 500 gas; 150 from Istanbul (EIP-1108).
[[nodiscard]] uint64_t bn254_add_gas(BytesView input, Revision rev) noexcept;

/// ECADD (0x06): the input is right-padded with zeros to 128 bytes (longer input is ignored past
/// byte 128) and read as two G1 points; returns their sum (64 bytes, infinity as zeros). Fails
/// when a coordinate is ≥ p or a point is not on the curve.
[[nodiscard]] PrecompileResult bn254_add_execute(BytesView input, Revision rev) noexcept;

/// ECMUL (0x07, Byzantium, EIP-196): 40000 gas; 6000 from Istanbul (EIP-1108).
[[nodiscard]] uint64_t bn254_mul_gas(BytesView input, Revision rev) noexcept;

/// ECMUL (0x07): the input is right-padded with zeros to 96 bytes and read as a G1 point and a
/// 256-bit big-endian scalar (any value: it is not required to be below r); returns [k]P (64
/// bytes). Fails when a coordinate is ≥ p or the point is not on the curve.
[[nodiscard]] PrecompileResult bn254_mul_execute(BytesView input, Revision rev) noexcept;

/// ECPAIRING (0x08, Byzantium, EIP-197): 100000 + 80000·k gas; 45000 + 34000·k from Istanbul
/// (EIP-1108), with k = ⌊len/192⌋ (a length that is not a multiple of 192 fails when run).
[[nodiscard]] uint64_t bn254_pairing_gas(BytesView input, Revision rev) noexcept;

/// ECPAIRING (0x08): the input is k pairs G1 ‖ G2 (192 bytes each, no padding: the length must
/// be a multiple of 192). Returns the 32-byte word 1 when Π e(P_i, Q_i) = 1, else 0; k = 0 gives
/// 1. Fails when a coordinate is ≥ p, a point is not on its curve, or a G2 point is not in the
/// order-r subgroup. Pairs containing a point at infinity contribute 1 (the other point is still
/// validated).
[[nodiscard]] PrecompileResult bn254_pairing_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
