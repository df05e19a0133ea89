// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Signing additions of core/crypto/secp256k1.hpp: deterministic RFC 6979 signatures, low s,
// key validity, private key -> public key and address.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>
#include <string_view>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>

#include "utils/fixtures.hpp"

using namespace ultra;
using namespace ultra::literals;

namespace {

Hash256 sha256_of(std::string_view text)
{
    Hash256 h;
    unsigned int len = 0;
    EXPECT_EQ(EVP_Digest(text.data(), text.size(), h.data(), &len, EVP_sha256(), nullptr), 1);
    return h;
}

const Bytes32 kOne = "0x0000000000000000000000000000000000000000000000000000000000000001"_b32;
const Bytes32 kNMinus1 = "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"_b32;

struct KnownSignature
{
    Bytes32 key;
    std::string_view message;  // signed as SHA-256(message)
    Bytes32 r;
    Bytes32 s;
    uint8_t y_parity;
};

}  // namespace

// The widely published RFC 6979 secp256k1 vectors (bitcoinjs / trezor-crypto fixtures, low s),
// with the recovery ids ethers v6 reports.
TEST(Secp256k1Sign, PublishedRfc6979Vectors)
{
    const KnownSignature cases[] = {
        {kOne, "Satoshi Nakamoto",
         "0x934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"_b32,
         "0x2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5"_b32, 1},
        {kOne, "All those moments will be lost in time, like tears in rain. Time to die...",
         "0x8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b"_b32,
         "0x547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21"_b32, 0},
        {kNMinus1, "Satoshi Nakamoto",
         "0xfd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0"_b32,
         "0x6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5"_b32, 0},
    };
    for (const auto& c : cases) {
        const auto sig = secp256k1_sign(sha256_of(c.message), c.key);
        ASSERT_TRUE(sig.has_value()) << c.message;
        EXPECT_EQ(sig->r, c.r) << c.message;
        EXPECT_EQ(sig->s, c.s) << c.message;
        EXPECT_EQ(sig->y_parity, c.y_parity) << c.message;
    }
}

TEST(Secp256k1Sign, KeyValidity)
{
    EXPECT_FALSE(is_valid_private_key(Bytes32{}));
    EXPECT_FALSE(is_valid_private_key(kSecp256k1N));
    EXPECT_FALSE(is_valid_private_key(
        "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"_b32));
    EXPECT_FALSE(is_valid_private_key(
        "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142"_b32));
    EXPECT_TRUE(is_valid_private_key(kOne));
    EXPECT_TRUE(is_valid_private_key(kNMinus1));

    const Hash256 h = sha256_of("x");
    EXPECT_FALSE(secp256k1_sign(h, Bytes32{}).has_value());
    EXPECT_FALSE(secp256k1_sign(h, kSecp256k1N).has_value());
    EXPECT_FALSE(private_key_to_address(Bytes32{}).has_value());
    EXPECT_FALSE(private_key_to_address(kSecp256k1N).has_value());
    EXPECT_FALSE(secp256k1_public_key(kSecp256k1N).has_value());
}

// Key 1's public key is the generator G (SEC 2, §2.4.1).
TEST(Secp256k1Sign, PublicKeyOfOneIsTheGenerator)
{
    const auto pub = secp256k1_public_key(kOne);
    ASSERT_TRUE(pub.has_value());
    EXPECT_EQ(to_hex(pub->view()),
              "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
              "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
}

// The anvil/Hardhat dev keys and the addresses anvil 1.7.1 prints for them.
TEST(Secp256k1Sign, AddressesOfAnvilKeys)
{
    const std::pair<Bytes32, Address> cases[] = {
        {"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"_b32,
         "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"_addr},
        {"0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"_b32,
         "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"_addr},
        {"0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"_b32,
         "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"_addr},
        // key 1: keccak256(G)[12:], the well-known address of the private key 1
        {kOne, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"_addr},
    };
    for (const auto& [key, addr] : cases) EXPECT_EQ(private_key_to_address(key), addr);
}

// Random keys and hashes: ecrecover of the signature gives the key's address, s is always low,
// and signing is deterministic (same inputs, same signature; another hash, another signature).
TEST(Secp256k1Sign, SignThenRecoverRandomised)
{
    std::mt19937_64 rng{20260526};
    const uint64_t iterations = test::scaled(500);
    for (uint64_t it = 0; it < iterations; ++it) {
        Bytes32 key;
        Hash256 hash;
        for (auto& b : key.bytes) b = static_cast<uint8_t>(rng());
        for (auto& b : hash.bytes) b = static_cast<uint8_t>(rng());
        if (!is_valid_private_key(key)) continue;  // probability ~2^-128

        const auto addr = private_key_to_address(key);
        ASSERT_TRUE(addr.has_value());
        const auto sig = secp256k1_sign(hash, key);
        ASSERT_TRUE(sig.has_value());
        EXPECT_TRUE(is_low_s(sig->s.data())) << to_hex(key.view());
        EXPECT_TRUE(is_valid_secp256k1_scalar(sig->r.data()));
        EXPECT_TRUE(is_valid_secp256k1_scalar(sig->s.data()));
        ASSERT_LE(sig->y_parity, 1);

        uint8_t sig64[64];
        std::copy(sig->r.bytes.begin(), sig->r.bytes.end(), sig64);
        std::copy(sig->s.bytes.begin(), sig->s.bytes.end(), sig64 + 32);
        EXPECT_EQ(ecrecover(hash, sig64, sig->y_parity), addr);
        // The other recovery id gives another key (so y_parity really matters).
        EXPECT_NE(ecrecover(hash, sig64, static_cast<uint8_t>(sig->y_parity ^ 1)), addr);

        EXPECT_EQ(secp256k1_sign(hash, key), sig);
        Hash256 other = hash;
        other[31] ^= 1;
        EXPECT_NE(secp256k1_sign(other, key), sig);
    }
}
