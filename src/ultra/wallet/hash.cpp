// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>
#include <ultra/core/assert.hpp>
#include <ultra/crypto/ripemd160.hpp>

namespace ultra::wallet {

Bytes32 sha256(BytesView data)
{
    Bytes32 out;
    unsigned int len = 0;
    const int ok = EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
    ULTRA_ASSERT(ok == 1 && len == 32);
    return out;
}

FixedBytes<64> hmac_sha512(BytesView key, BytesView data)
{
    ULTRA_ASSERT(key.size() <= INT_MAX);
    FixedBytes<64> out;
    unsigned int len = 0;
    const unsigned char* r = HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()),
                                  data.data(), data.size(), out.data(), &len);
    ULTRA_ASSERT(r != nullptr && len == 64);
    return out;
}

FixedBytes<64> pbkdf2_hmac_sha512(BytesView password, BytesView salt, uint32_t iterations)
{
    ULTRA_ASSERT(password.size() <= INT_MAX && salt.size() <= INT_MAX && iterations <= INT_MAX);
    FixedBytes<64> out;
    const int ok = PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password.data()),
                                     static_cast<int>(password.size()), salt.data(),
                                     static_cast<int>(salt.size()), static_cast<int>(iterations),
                                     EVP_sha512(), static_cast<int>(out.size()), out.data());
    ULTRA_ASSERT(ok == 1);
    return out;
}

FixedBytes<20> hash160(BytesView data)
{
    return crypto::ripemd160(sha256(data).view());
}

}  // namespace ultra::wallet
