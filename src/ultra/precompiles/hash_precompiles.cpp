// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "hash_precompiles.hpp"

#include <ultra/crypto/ripemd160.hpp>
#include <ultra/crypto/sha256.hpp>

#include "common.hpp"

namespace ultra::precompiles {

uint64_t sha256_gas(BytesView input, Revision /*rev*/) noexcept
{
    return linear_cost(input.size(), 60, 12);  // YP: G_sha256, G_sha256word
}

PrecompileResult sha256_execute(BytesView input, Revision /*rev*/) noexcept
{
    const Hash256 digest = crypto::sha256(input);
    return Bytes{digest.data(), digest.size()};
}

uint64_t ripemd160_gas(BytesView input, Revision /*rev*/) noexcept
{
    return linear_cost(input.size(), 600, 120);  // YP: G_ripemd, G_ripemdword
}

PrecompileResult ripemd160_execute(BytesView input, Revision /*rev*/) noexcept
{
    const crypto::Ripemd160Hash digest = crypto::ripemd160(input);
    Bytes out(32, 0);
    out.replace(32 - digest.size(), digest.size(), digest.data(), digest.size());
    return out;
}

uint64_t identity_gas(BytesView input, Revision /*rev*/) noexcept
{
    return linear_cost(input.size(), 15, 3);  // YP: G_identity, G_identityword
}

PrecompileResult identity_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.empty()) return Bytes{};  // an empty view may carry a null pointer
    return Bytes{input};
}

}  // namespace ultra::precompiles
