// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "secp256k1.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>
#include <ultra/core/keccak.hpp>

namespace ultra {
namespace {

/// The process-wide verification context: created on first use, immutable afterwards.
const secp256k1_context* context() noexcept
{
    static const secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    return ctx;
}

/// Big-endian comparison of two 32-byte numbers: <0, 0, >0.
int compare_be32(const uint8_t a[32], const uint8_t b[32]) noexcept
{
    return std::memcmp(a, b, 32);
}

}  // namespace

bool is_valid_secp256k1_scalar(const uint8_t v[32]) noexcept
{
    bool nonzero = false;
    for (size_t i = 0; i < 32; ++i) nonzero |= v[i] != 0;
    return nonzero && compare_be32(v, kSecp256k1N.data()) < 0;
}

bool is_low_s(const uint8_t s[32]) noexcept
{
    return compare_be32(s, kSecp256k1HalfN.data()) <= 0;
}

std::optional<Address> ecrecover(const Hash256& hash,
                                 const uint8_t sig64[64],
                                 uint8_t recovery_id) noexcept
{
    if (recovery_id > 1) return std::nullopt;  // Ethereum only uses yParity 0 or 1
    if (!is_valid_secp256k1_scalar(sig64) || !is_valid_secp256k1_scalar(sig64 + 32))
        return std::nullopt;

    const secp256k1_context* ctx = context();
    secp256k1_ecdsa_recoverable_signature sig;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, sig64, recovery_id) != 1)
        return std::nullopt;

    secp256k1_pubkey pubkey;
    if (secp256k1_ecdsa_recover(ctx, &pubkey, &sig, hash.data()) != 1) return std::nullopt;

    uint8_t serialized[65];
    size_t len = sizeof(serialized);
    secp256k1_ec_pubkey_serialize(ctx, serialized, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    // serialized[0] is the 0x04 prefix; the address hashes the 64-byte x‖y.
    const Hash256 h = keccak256(BytesView{serialized + 1, 64});
    Address addr;
    std::memcpy(addr.data(), h.data() + 12, 20);
    return addr;
}

}  // namespace ultra
