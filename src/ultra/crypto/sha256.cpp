// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "sha256.hpp"

#include <openssl/evp.h>

#include <ultra/core/assert.hpp>

namespace ultra::crypto {
namespace {

/// The SHA-256 implementation of OpenSSL's default provider, fetched on first use.
const EVP_MD* sha256_md() noexcept
{
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    ULTRA_ASSERT(md != nullptr);
    return md;
}

}  // namespace

Hash256 sha256(BytesView data) noexcept
{
    Hash256 out;
    unsigned len = 0;
    const int ok = EVP_Digest(data.data(), data.size(), out.data(), &len, sha256_md(), nullptr);
    ULTRA_ASSERT(ok == 1 && len == out.size());
    return out;
}

}  // namespace ultra::crypto
