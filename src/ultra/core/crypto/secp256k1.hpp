// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <ultra/core/bytes.hpp>

namespace ultra {

/// The order n of the secp256k1 group, big-endian:
/// 0xffffffffffffffffffffffffffffffffbaaedce6af48a03bbfd25e8cd0364141.
inline constexpr Bytes32 kSecp256k1N{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
                                      0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b,
                                      0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41}};

/// floor(n / 2), big-endian: the largest `s` a Homestead+ transaction signature may carry (EIP-2):
/// 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0.
inline constexpr Bytes32 kSecp256k1HalfN{{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                          0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d,
                                          0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0}};

/// True when the 32-byte big-endian scalar `v` is in [1, n-1] (valid r or s of an ECDSA
/// signature, high s allowed).
[[nodiscard]] bool is_valid_secp256k1_scalar(const uint8_t v[32]) noexcept;

/// True when the 32-byte big-endian `s` is at most n/2 (EIP-2 "low s"). Does not check s ≠ 0.
[[nodiscard]] bool is_low_s(const uint8_t s[32]) noexcept;

/// Recovers the signer's address from an ECDSA signature over `hash` (Yellow Paper Appendix F,
/// ECDSARECOVER): keccak256(x‖y of the public key)[12:].
///
/// `sig64` is r‖s, 32 bytes each, big-endian; `recovery_id` is 0 or 1 (yParity; v − 27 for the
/// legacy encoding). Returns std::nullopt when r or s is not in [1, n−1], `recovery_id` > 1
/// (Ethereum never uses the ids 2 and 3 of r ≥ n), or no public key can be recovered.
///
/// No low-s check is done here: a high s is accepted (the ECRECOVER precompile needs that).
/// Transaction validation must enforce s ≤ n/2 itself (EIP-2) before calling this.
///
/// Uses one process-wide libsecp256k1 context, created lazily on the first call (a thread-safe
/// function-local static) with SECP256K1_CONTEXT_NONE and never modified afterwards, so
/// concurrent calls from several threads are safe. It is intentionally never destroyed.
[[nodiscard]] std::optional<Address> ecrecover(const Hash256& hash,
                                               const uint8_t sig64[64],
                                               uint8_t recovery_id) noexcept;

}  // namespace ultra
