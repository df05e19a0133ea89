// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "ecrecover.hpp"

#include <cstring>
#include <ultra/core/crypto/secp256k1.hpp>

#include "common.hpp"

namespace ultra::precompiles {

namespace {
constexpr uint64_t kEcrecoverGas = 3000;  ///< YP: G_ecrec
constexpr size_t kInputSize = 128;
}  // namespace

uint64_t ecrecover_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kEcrecoverGas;
}

PrecompileResult ecrecover_execute(BytesView input, Revision /*rev*/) noexcept
{
    uint8_t buf[kInputSize];
    read_padded(buf, kInputSize, input, 0);

    const uint8_t* v = buf + 32;
    const uint8_t* sig = buf + 64;  // r ‖ s
    for (size_t i = 0; i < 31; ++i)
        if (v[i] != 0) return Bytes{};
    if (v[31] != 27 && v[31] != 28) return Bytes{};

    Hash256 hash;
    std::memcpy(hash.data(), buf, 32);
    // ecrecover() itself rejects r or s outside [1, n−1]; it does no low-s check.
    const auto addr = ecrecover(hash, sig, static_cast<uint8_t>(v[31] - 27));
    if (!addr) return Bytes{};

    Bytes out(32, 0);
    std::memcpy(out.data() + 12, addr->data(), addr->size());
    return out;
}

}  // namespace ultra::precompiles
