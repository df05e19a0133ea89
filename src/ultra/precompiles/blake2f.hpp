// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

namespace ultra::precompiles {

/// The BLAKE2b compression function F (RFC 7693 §3.2) with a caller-chosen number of rounds
/// (EIP-152): updates the state `h` in place from the message block `m`, the offset counter
/// `t0`/`t1` and the final-block flag. `rounds` may be anything up to 2^32 − 1; the message
/// schedule repeats every 10 rounds.
void blake2b_compress(uint32_t rounds,
                      uint64_t h[8],
                      const uint64_t m[16],
                      uint64_t t0,
                      uint64_t t1,
                      bool last_block) noexcept;

/// BLAKE2F (0x09, Istanbul, EIP-152): 1 gas per round, the rounds being the input's first 4
/// bytes (big-endian). An input that is not exactly 213 bytes costs 0 (it fails anyway).
[[nodiscard]] uint64_t blake2f_gas(BytesView input, Revision rev) noexcept;

/// BLAKE2F (0x09): input = rounds (4, big-endian) ‖ h (64, 8 little-endian words) ‖ m (128) ‖
/// t (16, two little-endian words) ‖ f (1). Output: the new h (64 bytes). Fails when the input is
/// not exactly 213 bytes or f is neither 0 nor 1.
[[nodiscard]] PrecompileResult blake2f_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
