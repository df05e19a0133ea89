// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bytes.hpp"

namespace ultra {

/// Keccak-f[1600] permutation over 25 little-endian lanes (FIPS 202 §3, 24 rounds).
void keccakf1600(uint64_t state[25]) noexcept;

/// Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3's 0x06).
[[nodiscard]] Hash256 keccak256(BytesView data) noexcept;

/// A 512-bit hash.
using Hash512 = FixedBytes<64>;

/// Keccak-512 (original Keccak padding, rate 72 bytes), as Ethash uses it.
[[nodiscard]] Hash512 keccak512(BytesView data) noexcept;

/// keccak256 of the empty string: c5d2...a470 (the code hash of an account without code).
inline constexpr Hash256 kEmptyHash{{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c,
                                     0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
                                     0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b,
                                     0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

}  // namespace ultra
