// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

namespace ultra::precompiles {

/// MODEXP (0x05, Byzantium, EIP-198) gas. The input starts with three 32-byte big-endian lengths
/// (base, exponent, modulus) followed by the operands; everything past the end of the input reads
/// as zero. Formula by revision:
///   - Byzantium..Istanbul (EIP-198): ⌊mult_complexity(max(Lb, Lm)) · max(iter, 1) / 20⌋ with the
///     piecewise x², x²/4 + 96x − 3072, x²/16 + 480x − 199680 complexity;
///   - Berlin..Prague (EIP-2565): max(200, ⌊⌈max(Lb, Lm)/8⌉² · max(iter, 1) / 3⌋);
///   - Osaka (EIP-7883): max(500, c · max(iter, 1)) with c = 16 if max(Lb, Lm) ≤ 32 else
///     2·⌈max(Lb, Lm)/8⌉², and 16 instead of 8 iterations per exponent byte beyond 32.
/// iter is the adjusted exponent length computed from Le and the exponent's first 32 bytes.
/// The lengths may be up to 2^256 − 1: the arithmetic saturates at UINT64_MAX (out of gas) and
/// nothing is allocated.
[[nodiscard]] uint64_t modexp_gas(BytesView input, Revision rev) noexcept;

/// MODEXP (0x05): base^exp mod modulus, left-padded to the modulus length (a zero modulus gives
/// that many zero bytes; a zero modulus length gives an empty output). Fails under Osaka when a
/// length exceeds 1024 bytes (EIP-7823). Since the modulus comes last, a nonzero modulus implies
/// that the base and the exponent lie entirely inside the input: the declared lengths are never
/// used to allocate, except for the output itself. Defensively fails when the modulus length
/// exceeds 16 MiB: such a call costs more than 10^12 gas in every revision, so it can only be
/// reached by calling this function without charging modexp_gas() first.
[[nodiscard]] PrecompileResult modexp_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
