// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

namespace ultra::precompiles {

/// POINT_EVALUATION (0x0a, Cancun; EIP-4844): 50000 gas.
[[nodiscard]] uint64_t point_evaluation_gas(BytesView input, Revision rev) noexcept;

/// POINT_EVALUATION: input versioned_hash (32) ‖ z (32) ‖ y (32) ‖ commitment (48) ‖ proof (48),
/// exactly 192 bytes. Fails unless versioned_hash = 0x01 ‖ sha256(commitment)[1:], z and y are
/// below the BLS modulus, commitment and proof are valid compressed G1 points of the subgroup
/// and the KZG proof verifies. Output: FIELD_ELEMENTS_PER_BLOB (4096) ‖ BLS_MODULUS as two
/// 32-byte big-endian words.
[[nodiscard]] PrecompileResult point_evaluation_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
