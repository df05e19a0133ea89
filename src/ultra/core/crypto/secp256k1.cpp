// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "secp256k1.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>
#include <ultra/core/assert.hpp>
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

/// The 64-byte x‖y of a parsed public key.
FixedBytes<64> uncompressed_xy(const secp256k1_pubkey& pubkey) noexcept
{
    uint8_t serialized[65];
    size_t len = sizeof(serialized);
    secp256k1_ec_pubkey_serialize(context(), serialized, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    // serialized[0] is the 0x04 prefix.
    FixedBytes<64> xy;
    std::memcpy(xy.data(), serialized + 1, 64);
    return xy;
}

/// keccak256(x‖y)[12:]: the address of a public key.
Address address_of(const secp256k1_pubkey& pubkey) noexcept
{
    const FixedBytes<64> xy = uncompressed_xy(pubkey);
    const Hash256 h = keccak256(xy.view());
    Address addr;
    std::memcpy(addr.data(), h.data() + 12, 20);
    return addr;
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
    return address_of(pubkey);
}

bool is_valid_private_key(const Bytes32& private_key) noexcept
{
    return is_valid_secp256k1_scalar(private_key.data());
}

std::optional<EcdsaSignature> secp256k1_sign(const Hash256& hash,
                                             const Bytes32& private_key) noexcept
{
    if (!is_valid_private_key(private_key)) return std::nullopt;
    const secp256k1_context* ctx = context();
    secp256k1_ecdsa_recoverable_signature sig;
    // A null nonce function selects libsecp256k1's default, RFC 6979 with HMAC-SHA256; it also
    // normalises s to the lower half of the order (and flips the recovery id to match).
    if (secp256k1_ecdsa_sign_recoverable(ctx, &sig, hash.data(), private_key.data(), nullptr,
                                         nullptr) != 1)
        return std::nullopt;

    uint8_t compact[64];
    int recovery_id = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact, &recovery_id, &sig);
    // Ids 2 and 3 mean R.x >= n: Ethereum's y_parity cannot express them.
    if (recovery_id < 0 || recovery_id > 1) return std::nullopt;

    EcdsaSignature out;
    out.y_parity = static_cast<uint8_t>(recovery_id);
    std::memcpy(out.r.data(), compact, 32);
    std::memcpy(out.s.data(), compact + 32, 32);
    ULTRA_ASSERT(is_low_s(out.s.data()));
    return out;
}

std::optional<FixedBytes<64>> secp256k1_public_key(const Bytes32& private_key) noexcept
{
    if (!is_valid_private_key(private_key)) return std::nullopt;
    secp256k1_pubkey pubkey;
    if (secp256k1_ec_pubkey_create(context(), &pubkey, private_key.data()) != 1)
        return std::nullopt;
    return uncompressed_xy(pubkey);
}

std::optional<Address> private_key_to_address(const Bytes32& private_key) noexcept
{
    if (!is_valid_private_key(private_key)) return std::nullopt;
    secp256k1_pubkey pubkey;
    if (secp256k1_ec_pubkey_create(context(), &pubkey, private_key.data()) != 1)
        return std::nullopt;
    return address_of(pubkey);
}

}  // namespace ultra
