// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ultra/core/bytes.hpp>

/// The hash functions the wallet needs, over OpenSSL 3 (and ultra::crypto for RIPEMD-160).
/// An OpenSSL failure on these fixed algorithms is an environment defect, not an input error:
/// it aborts through ULTRA_ASSERT.
namespace ultra::wallet {

/// SHA-256 (FIPS 180-4).
[[nodiscard]] Bytes32 sha256(BytesView data);

/// HMAC-SHA512 (RFC 2104) of `data` under `key`.
[[nodiscard]] FixedBytes<64> hmac_sha512(BytesView key, BytesView data);

/// PBKDF2-HMAC-SHA512 (RFC 8018) with a 64-byte output.
[[nodiscard]] FixedBytes<64> pbkdf2_hmac_sha512(BytesView password,
                                                BytesView salt,
                                                uint32_t iterations);

/// HASH160 = RIPEMD-160(SHA-256(data)), Bitcoin's key hash (BIP-32 fingerprints).
[[nodiscard]] FixedBytes<20> hash160(BytesView data);

}  // namespace ultra::wallet
