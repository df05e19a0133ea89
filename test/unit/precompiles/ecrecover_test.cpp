// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The secp256k1 wrapper (core/crypto/secp256k1.hpp) and the ECRECOVER precompile (0x01).
// Signatures are produced with libsecp256k1's signing API, and the expected address is derived
// from the signer's public key, independently of the recovery path under test.
#include <gtest/gtest.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>
#include <random>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/precompiles/ecrecover.hpp>
#include <utils/fixtures.hpp>

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::precompiles;

// go-ethereum's ecRecover "ValidKey" vector (its s is above n/2: high s is accepted here).
const Hash256 kHash = "0x18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"_b32;
const Bytes kR = "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"_hex;
const Bytes kS = "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549"_hex;
const Address kSigner = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"_addr;

Bytes precompile_input(const Hash256& h, uint8_t v, BytesView r, BytesView s)
{
    Bytes vw(32, 0);
    vw[31] = v;
    return Bytes{h.view()} + vw + Bytes{r} + Bytes{s};
}

TEST(Secp256k1, Constants)
{
    // n = 2·(n/2) + 1 (n is odd): checks the two constants against each other.
    uint8_t doubled[32];
    unsigned carry = 1;
    for (size_t i = 32; i-- > 0;) {
        const unsigned v = 2u * kSecp256k1HalfN[i] + carry;
        doubled[i] = static_cast<uint8_t>(v);
        carry = v >> 8;
    }
    EXPECT_EQ(carry, 0u);
    EXPECT_EQ(std::memcmp(doubled, kSecp256k1N.data(), 32), 0);
}

TEST(Secp256k1, ScalarRangeAndLowS)
{
    Bytes32 v{};
    EXPECT_FALSE(is_valid_secp256k1_scalar(v.data()));  // 0
    v[31] = 1;
    EXPECT_TRUE(is_valid_secp256k1_scalar(v.data()));  // 1
    v = kSecp256k1N;
    EXPECT_FALSE(is_valid_secp256k1_scalar(v.data()));  // n
    v[31] = 0x40;
    EXPECT_TRUE(is_valid_secp256k1_scalar(v.data()));  // n − 1
    v.bytes.fill(0xff);
    EXPECT_FALSE(is_valid_secp256k1_scalar(v.data()));  // 2^256 − 1

    v = kSecp256k1HalfN;
    EXPECT_TRUE(is_low_s(v.data()));
    v[31] = 0xa1;
    EXPECT_FALSE(is_low_s(v.data()));  // n/2 + 1
}

TEST(Secp256k1, RecoversKnownSigner)
{
    uint8_t sig[64];
    std::memcpy(sig, kR.data(), 32);
    std::memcpy(sig + 32, kS.data(), 32);
    const auto addr = ecrecover(kHash, sig, 1);
    ASSERT_TRUE(addr.has_value());
    EXPECT_EQ(*addr, kSigner);

    // The other parity recovers a different key; ids 2 and 3 are not Ethereum's.
    const auto other = ecrecover(kHash, sig, 0);
    EXPECT_TRUE(!other || *other != kSigner);
    EXPECT_FALSE(ecrecover(kHash, sig, 2).has_value());
    EXPECT_FALSE(ecrecover(kHash, sig, 3).has_value());
}

TEST(Secp256k1, RejectsOutOfRangeRAndS)
{
    uint8_t sig[64];
    std::memcpy(sig, kR.data(), 32);
    std::memcpy(sig + 32, kS.data(), 32);
    uint8_t bad[64];

    std::memcpy(bad, sig, 64);
    std::memset(bad, 0, 32);  // r = 0
    EXPECT_FALSE(ecrecover(kHash, bad, 1).has_value());
    std::memcpy(bad, sig, 64);
    std::memset(bad + 32, 0, 32);  // s = 0
    EXPECT_FALSE(ecrecover(kHash, bad, 1).has_value());
    std::memcpy(bad, sig, 64);
    std::memcpy(bad, kSecp256k1N.data(), 32);  // r = n
    EXPECT_FALSE(ecrecover(kHash, bad, 1).has_value());
    std::memcpy(bad, sig, 64);
    std::memcpy(bad + 32, kSecp256k1N.data(), 32);  // s = n
    EXPECT_FALSE(ecrecover(kHash, bad, 1).has_value());
}

TEST(Secp256k1, RandomSignaturesRecoverTheSigner)
{
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    std::mt19937_64 rng{7};
    const uint64_t n = test::scaled(200);
    for (uint64_t i = 0; i < n; ++i) {
        uint8_t seckey[32];
        do {
            for (auto& b : seckey) b = static_cast<uint8_t>(rng());
        } while (secp256k1_ec_seckey_verify(ctx, seckey) != 1);
        Hash256 msg;
        for (auto& b : msg.bytes) b = static_cast<uint8_t>(rng());

        secp256k1_pubkey pub;
        ASSERT_EQ(secp256k1_ec_pubkey_create(ctx, &pub, seckey), 1);
        uint8_t pub65[65];
        size_t len = sizeof(pub65);
        secp256k1_ec_pubkey_serialize(ctx, pub65, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
        const Hash256 pub_hash = keccak256(BytesView{pub65 + 1, 64});
        Address expected;
        std::memcpy(expected.data(), pub_hash.data() + 12, 20);

        secp256k1_ecdsa_recoverable_signature rsig;
        ASSERT_EQ(
            secp256k1_ecdsa_sign_recoverable(ctx, &rsig, msg.data(), seckey, nullptr, nullptr), 1);
        uint8_t sig[64];
        int recid = 0;
        secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, sig, &recid, &rsig);
        EXPECT_TRUE(is_low_s(sig + 32));  // libsecp256k1 signs with low s

        const auto addr = ecrecover(msg, sig, static_cast<uint8_t>(recid));
        ASSERT_TRUE(addr.has_value());
        EXPECT_EQ(*addr, expected);

        // The precompile returns the same address, left-padded.
        const auto out = ecrecover_execute(
            precompile_input(msg, static_cast<uint8_t>(27 + recid), {sig, 32}, {sig + 32, 32}),
            Revision::kCancun);
        ASSERT_TRUE(out.has_value());
        EXPECT_EQ(to_hex(*out), "000000000000000000000000" + to_hex(expected.view()));
    }
    secp256k1_context_destroy(ctx);
}

TEST(EcrecoverPrecompile, Gas)
{
    EXPECT_EQ(ecrecover_gas({}, Revision::kFrontier), 3000u);
    EXPECT_EQ(ecrecover_gas(Bytes(1000, 1), Revision::kOsaka), 3000u);
}

TEST(EcrecoverPrecompile, ValidInputAndPadding)
{
    const Bytes in = precompile_input(kHash, 28, kR, kS);
    const std::string expected = "000000000000000000000000" + to_hex(kSigner.view());
    EXPECT_EQ(to_hex(*ecrecover_execute(in, Revision::kFrontier)), expected);
    // Extra input beyond 128 bytes is ignored.
    EXPECT_EQ(to_hex(*ecrecover_execute(in + Bytes(50, 0xab), Revision::kFrontier)), expected);
}

TEST(EcrecoverPrecompile, InvalidInputsGiveEmptySuccess)
{
    auto empty_success = [](const Bytes& in) {
        const auto r = ecrecover_execute(in, Revision::kOsaka);
        return r.has_value() && r->empty();
    };
    EXPECT_TRUE(empty_success({}));                                   // all zero after padding
    EXPECT_TRUE(empty_success(precompile_input(kHash, 29, kR, kS)));  // v = 29
    EXPECT_TRUE(empty_success(precompile_input(kHash, 0, kR, kS)));   // v = 0
    EXPECT_TRUE(empty_success(precompile_input(kHash, 1, kR, kS)));   // v = 1 (not 27/28)
    Bytes high_v = precompile_input(kHash, 28, kR, kS);
    high_v[32] = 1;  // v with a nonzero high byte
    EXPECT_TRUE(empty_success(high_v));
    EXPECT_TRUE(empty_success(precompile_input(kHash, 28, Bytes(32, 0), kS)));        // r = 0
    EXPECT_TRUE(empty_success(precompile_input(kHash, 28, kR, Bytes(32, 0))));        // s = 0
    EXPECT_TRUE(empty_success(precompile_input(kHash, 28, kSecp256k1N.view(), kS)));  // r = n
    EXPECT_TRUE(empty_success(precompile_input(kHash, 28, kR, kSecp256k1N.view())));  // s = n
    // Truncating the last byte of s changes s (zero-padded): still a success, a different key.
    const Bytes full = precompile_input(kHash, 28, kR, kS);
    const auto truncated = ecrecover_execute(full.substr(0, 127), Revision::kOsaka);
    ASSERT_TRUE(truncated.has_value());
    EXPECT_NE(to_hex(*truncated), "000000000000000000000000" + to_hex(kSigner.view()));
}

}  // namespace
