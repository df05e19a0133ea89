// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>

namespace ultra::crypto {

/// SHA-256 (FIPS 180-4) of `data`: the SHA256 precompile (0x02) and the KZG versioned hash
/// (EIP-4844). Uses OpenSSL 3's default provider through an EVP_MD fetched once per process (a
/// lazily initialised, immutable function-local static; the one-shot SHA256() re-fetches on
/// every call and is about 4x slower). Thread-safe; aborts only if OpenSSL cannot provide SHA-256
/// at all (a broken installation).
[[nodiscard]] Hash256 sha256(BytesView data) noexcept;

}  // namespace ultra::crypto
