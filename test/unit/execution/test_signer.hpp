// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Signing for tests that need real transactions (block building, the node's mempool): ECDSA over
// secp256k1 with libsecp256k1 directly, so that the tests do not depend on the library that
// signs in production. Header-only; used by test/unit/execution and test/unit/node.
#pragma once

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstdint>
#include <stdexcept>
#include <ultra/core/bytes.hpp>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/authorization.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::test {

/// A test account: its secret key and the address it signs for.
struct TestKey
{
    Bytes32 secret;
    Address address;
};

/// The process's signing context (libsecp256k1 contexts are safe to share once built).
inline const secp256k1_context* signing_context()
{
    static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    return ctx;
}

/// The key whose secret is keccak256("ultra test key" ‖ seed), with its address computed from
/// the uncompressed public key (Yellow Paper eq. (284)).
inline TestKey make_test_key(uint8_t seed)
{
    Bytes material{to_bytes_view("ultra test key")};
    material.push_back(seed);
    TestKey key;
    key.secret = keccak256(material);
    secp256k1_pubkey pubkey;
    if (!secp256k1_ec_pubkey_create(signing_context(), &pubkey, key.secret.bytes.data()))
        throw std::runtime_error("invalid test key");
    uint8_t serialized[65];
    size_t size = sizeof(serialized);
    secp256k1_ec_pubkey_serialize(signing_context(), serialized, &size, &pubkey,
                                  SECP256K1_EC_UNCOMPRESSED);
    const Hash256 hash = keccak256(BytesView{serialized + 1, 64});
    for (size_t i = 0; i < 20; ++i) key.address.bytes[i] = hash.bytes[12 + i];
    return key;
}

/// r, s and the recovery id of a low-s (EIP-2) signature of `hash` by `secret`.
struct TestSignature
{
    uint256 r;
    uint256 s;
    uint8_t y_parity = 0;
};

/// Signs `hash` with libsecp256k1 (RFC 6979 nonce), normalised to low s.
inline TestSignature sign_hash(const Hash256& hash, const Bytes32& secret)
{
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_sign_recoverable(signing_context(), &sig, hash.bytes.data(),
                                          secret.bytes.data(), nullptr, nullptr))
        throw std::runtime_error("signing failed");
    uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(signing_context(), compact, &recid,
                                                            &sig);
    Bytes32 r_bytes;
    Bytes32 s_bytes;
    for (size_t i = 0; i < 32; ++i) {
        r_bytes.bytes[i] = compact[i];
        s_bytes.bytes[i] = compact[32 + i];
    }
    TestSignature out{from_bytes32(r_bytes), from_bytes32(s_bytes), static_cast<uint8_t>(recid)};
    // libsecp256k1 already returns low s; normalise anyway (s -> n - s flips the parity).
    const uint256 n = from_bytes32(kSecp256k1N);
    if (out.s > from_bytes32(kSecp256k1HalfN)) {
        out.s = n - out.s;
        out.y_parity ^= 1;
    }
    return out;
}

/// Signs `tx` in place over signing_hash(tx) (its chain id, if any, is part of what is signed).
inline void sign(Transaction& tx, const TestKey& key)
{
    const TestSignature sig = sign_hash(signing_hash(tx), key.secret);
    tx.r = sig.r;
    tx.s = sig.s;
    tx.y_parity = sig.y_parity;
}

/// A signed copy of `tx`.
inline Transaction signed_tx(Transaction tx, const TestKey& key)
{
    sign(tx, key);
    return tx;
}

}  // namespace ultra::test
