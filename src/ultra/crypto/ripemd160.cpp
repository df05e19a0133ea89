// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "ripemd160.hpp"

#include <openssl/evp.h>

#include <ultra/core/assert.hpp>

namespace ultra::crypto {
namespace {

/// The RIPEMD-160 implementation of OpenSSL's default provider, fetched on first use.
const EVP_MD* ripemd160_md() noexcept
{
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
    ULTRA_ASSERT(md != nullptr);
    return md;
}

}  // namespace

Ripemd160Hash ripemd160(BytesView data) noexcept
{
    Ripemd160Hash out;
    unsigned len = 0;
    const int ok = EVP_Digest(data.data(), data.size(), out.data(), &len, ripemd160_md(), nullptr);
    ULTRA_ASSERT(ok == 1 && len == out.size());
    return out;
}

}  // namespace ultra::crypto
