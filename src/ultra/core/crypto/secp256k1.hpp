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

/// An ECDSA signature in Ethereum's form: the recovery id and the two scalars, big-endian.
struct EcdsaSignature
{
    uint8_t y_parity = 0;  ///< the recovery id: 0 or 1 (the parity of R's y coordinate)
    Bytes32 r;             ///< r, in [1, n-1]
    Bytes32 s;             ///< s, in [1, n/2] (always low: EIP-2)

    friend bool operator==(const EcdsaSignature&, const EcdsaSignature&) = default;
};

/// True when `private_key` is a valid secp256k1 secret key: a big-endian scalar in [1, n-1].
[[nodiscard]] bool is_valid_private_key(const Bytes32& private_key) noexcept;

/// Signs the 32-byte `hash` with `private_key` (ECDSA over secp256k1, libsecp256k1).
///
/// Deterministic: the nonce is derived from the key and the hash by RFC 6979 (HMAC-SHA256), so
/// signing the same hash with the same key always gives the same signature, the one ethers,
/// geth and anvil produce. The result is always low-s (s <= n/2, EIP-2); `y_parity` is adjusted
/// accordingly. Returns std::nullopt when the key is invalid (zero or >= n), or in the
/// negligible case (probability ~2^-127) where R's x coordinate is >= n, which Ethereum's
/// recovery ids 0/1 cannot express.
///
/// The context is not randomised (the consensus core has no entropy source), so this gives no
/// side-channel blinding: fine for dev keys and tests, not meant for long-lived secrets.
[[nodiscard]] std::optional<EcdsaSignature> secp256k1_sign(const Hash256& hash,
                                                           const Bytes32& private_key) noexcept;

/// The 64-byte uncompressed public key x‖y (without the 0x04 prefix) of `private_key`, or
/// std::nullopt when the key is invalid.
[[nodiscard]] std::optional<FixedBytes<64>> secp256k1_public_key(
    const Bytes32& private_key) noexcept;

/// The Ethereum address of `private_key`: keccak256(x‖y of its public key)[12:] (Yellow Paper
/// eq. (284)). std::nullopt when the key is invalid.
[[nodiscard]] std::optional<Address> private_key_to_address(const Bytes32& private_key) noexcept;

}  // namespace ultra
