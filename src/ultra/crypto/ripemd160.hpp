// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>

namespace ultra::crypto {

/// A 20-byte RIPEMD-160 digest.
using Ripemd160Hash = FixedBytes<20>;

/// RIPEMD-160 of `data` (the RIPEMD160 precompile, 0x03). Uses OpenSSL 3's default provider
/// (which has RIPEMD-160 since 3.0.7; no legacy provider needed) through an EVP_MD fetched once
/// per process (lazily initialised, immutable afterwards). Thread-safe; aborts only if OpenSSL
/// cannot provide RIPEMD-160 at all (a broken installation).
[[nodiscard]] Ripemd160Hash ripemd160(BytesView data) noexcept;

}  // namespace ultra::crypto
