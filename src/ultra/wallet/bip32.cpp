// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bip32.hpp"

#include <openssl/rand.h>
#include <secp256k1.h>

#include <algorithm>
#include <cstring>
#include <ultra/core/assert.hpp>
#include <ultra/core/crypto/secp256k1.hpp>

#include "hash.hpp"

namespace ultra::wallet {
namespace {

/// The wallet's own libsecp256k1 context: created on first use and randomised with OpenSSL's
/// CSPRNG (side-channel blinding of the point multiplications of key derivation), then only
/// read. Never destroyed.
const secp256k1_context* context()
{
    static const secp256k1_context* const ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        ULTRA_ASSERT(c != nullptr);
        uint8_t seed[32];
        if (RAND_bytes(seed, sizeof(seed)) == 1) {
            // Blinding is a defence in depth; an RNG failure leaves the context unblinded.
            [[maybe_unused]] const int ok = secp256k1_context_randomize(c, seed);
        }
        return c;
    }();
    return ctx;
}

void put_be32(uint8_t* out, uint32_t v) noexcept
{
    out[0] = static_cast<uint8_t>(v >> 24);
    out[1] = static_cast<uint8_t>(v >> 16);
    out[2] = static_cast<uint8_t>(v >> 8);
    out[3] = static_cast<uint8_t>(v);
}

CompressedPublicKey serialize(const secp256k1_pubkey& pubkey)
{
    CompressedPublicKey out;
    size_t len = out.size();
    secp256k1_ec_pubkey_serialize(context(), out.data(), &len, &pubkey, SECP256K1_EC_COMPRESSED);
    ULTRA_ASSERT(len == out.size());
    return out;
}

/// serP(point(k)); precondition: k is a valid key.
CompressedPublicKey public_key_of(const Bytes32& k)
{
    secp256k1_pubkey pubkey;
    const int ok = secp256k1_ec_pubkey_create(context(), &pubkey, k.data());
    ULTRA_ASSERT(ok == 1);
    return serialize(pubkey);
}

WalletError invalid_child(uint32_t index)
{
    return make_error(WalletErrc::kInvalidChild, {"BIP-32: child ", std::to_string(index),
                                                  " gives an invalid key; use the next index"});
}

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 of `data`, big-endian, each leading zero byte written as '1'.
std::string base58(BytesView data)
{
    // Repeated division of the big number by 58, least significant digit first.
    std::vector<uint8_t> digits;
    for (const uint8_t byte : data) {
        unsigned carry = byte;
        for (uint8_t& d : digits) {
            carry += static_cast<unsigned>(d) << 8;
            d = static_cast<uint8_t>(carry % 58);
            carry /= 58;
        }
        while (carry != 0) {
            digits.push_back(static_cast<uint8_t>(carry % 58));
            carry /= 58;
        }
    }
    std::string out;
    for (size_t i = 0; i < data.size() && data[i] == 0; ++i) out += '1';
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kBase58Alphabet[*it];
    return out;
}

}  // namespace

Result<ExtendedKey, WalletError> master_key_from_seed(BytesView seed)
{
    if (seed.size() < 16 || seed.size() > 64) {
        return unexpected(
            make_error(WalletErrc::kSeedLength,
                       {"a BIP-32 seed is 16 to 64 bytes, not ", std::to_string(seed.size())}));
    }
    const FixedBytes<64> i = hmac_sha512(to_bytes_view("Bitcoin seed"), seed);
    ExtendedKey key;
    const Bytes32 k = Bytes32::from_view(BytesView{i.data(), 32});
    if (!is_valid_private_key(k)) {
        return unexpected(WalletError{WalletErrc::kInvalidChild,
                                      "BIP-32: this seed gives an invalid master key"});
    }
    key.private_key = k;
    key.public_key = public_key_of(k);
    key.chain_code = Bytes32::from_view(BytesView{i.data() + 32, 32});
    return key;
}

Result<ExtendedKey, WalletError> derive_child(const ExtendedKey& parent, uint32_t index)
{
    if (parent.depth == 255) {
        return unexpected(
            WalletError{WalletErrc::kDepthOverflow, "BIP-32: a key has at most 255 levels"});
    }
    const bool hardened = index >= kHardened;
    if (hardened && !parent.private_key) {
        return unexpected(
            make_error(WalletErrc::kHardenedFromPublic,
                       {"BIP-32: hardened child ", std::to_string(index - kHardened),
                        "' needs the parent's private key; this extended key is public"}));
    }

    // data = 0x00 ‖ ser256(k_par) ‖ ser32(i) (hardened) or serP(K_par) ‖ ser32(i) (normal).
    uint8_t data[37];
    if (hardened) {
        data[0] = 0;
        std::memcpy(data + 1, parent.private_key->data(), 32);
    } else {
        std::memcpy(data, parent.public_key.data(), 33);
    }
    put_be32(data + 33, index);
    FixedBytes<64> i = hmac_sha512(parent.chain_code.view(), BytesView{data, sizeof(data)});

    ExtendedKey child;
    child.depth = static_cast<uint8_t>(parent.depth + 1);
    child.parent_fingerprint = fingerprint(parent);
    child.child_number = index;
    child.chain_code = Bytes32::from_view(BytesView{i.data() + 32, 32});

    if (parent.private_key) {
        // k_i = parse256(I_L) + k_par (mod n); invalid if I_L >= n or k_i = 0.
        Bytes32 k = *parent.private_key;
        if (secp256k1_ec_seckey_tweak_add(context(), k.data(), i.data()) != 1)
            return unexpected(invalid_child(index));
        child.private_key = k;
        child.public_key = public_key_of(k);
    } else {
        // K_i = point(parse256(I_L)) + K_par; invalid if I_L >= n or K_i is the point at infinity.
        secp256k1_pubkey pubkey;
        if (secp256k1_ec_pubkey_parse(context(), &pubkey, parent.public_key.data(), 33) != 1) {
            return unexpected(
                WalletError{WalletErrc::kInvalidKey, "BIP-32: the parent public key is invalid"});
        }
        if (secp256k1_ec_pubkey_tweak_add(context(), &pubkey, i.data()) != 1)
            return unexpected(invalid_child(index));
        child.public_key = serialize(pubkey);
    }
    return child;
}

ExtendedKey neuter(const ExtendedKey& key)
{
    ExtendedKey pub = key;
    pub.private_key.reset();
    return pub;
}

uint32_t fingerprint(const ExtendedKey& key)
{
    const FixedBytes<20> id = hash160(key.public_key.view());
    return (uint32_t{id[0]} << 24) | (uint32_t{id[1]} << 16) | (uint32_t{id[2]} << 8) |
           uint32_t{id[3]};
}

Result<std::vector<uint32_t>, WalletError> parse_derivation_path(std::string_view path)
{
    const auto bad = [&](std::string_view why) {
        return unexpected(
            make_error(WalletErrc::kInvalidPath, {"invalid derivation path '", path, "': ", why}));
    };
    if (path.empty() || path[0] != 'm') return bad("it must start with 'm'");
    std::string_view rest = path.substr(1);
    std::vector<uint32_t> indexes;
    while (!rest.empty()) {
        if (rest[0] != '/') return bad("components are separated by '/'");
        rest.remove_prefix(1);
        const size_t end = std::min(rest.find('/'), rest.size());
        std::string_view comp = rest.substr(0, end);
        rest.remove_prefix(end);

        bool hardened = false;
        if (!comp.empty() && (comp.back() == '\'' || comp.back() == 'h' || comp.back() == 'H')) {
            hardened = true;
            comp.remove_suffix(1);
        }
        if (comp.empty()) return bad("an empty component");
        uint64_t value = 0;
        for (const char c : comp) {
            if (c < '0' || c > '9')
                return bad(std::string{"'"}.append(comp).append("' is not a decimal index"));
            value = value * 10 + static_cast<uint64_t>(c - '0');
            if (value >= kHardened)
                return bad(std::string{"index "}.append(comp).append(" is not below 2^31"));
        }
        indexes.push_back(static_cast<uint32_t>(value) | (hardened ? kHardened : 0u));
    }
    return indexes;
}

Result<ExtendedKey, WalletError> derive_path(const ExtendedKey& root,
                                             std::span<const uint32_t> path)
{
    ExtendedKey key = root;
    for (const uint32_t index : path) {
        ULTRA_TRY(key, derive_child(key, index));
    }
    return key;
}

Result<ExtendedKey, WalletError> derive_path(const ExtendedKey& root, std::string_view path)
{
    ULTRA_TRY(const std::vector<uint32_t> indexes, parse_derivation_path(path));
    return derive_path(root, std::span<const uint32_t>{indexes});
}

std::string to_base58(const ExtendedKey& key)
{
    // version(4) ‖ depth(1) ‖ parent fingerprint(4) ‖ child number(4) ‖ chain code(32) ‖ key(33)
    uint8_t raw[78 + 4];
    put_be32(raw, key.private_key ? 0x0488ADE4u : 0x0488B21Eu);
    raw[4] = key.depth;
    put_be32(raw + 5, key.parent_fingerprint);
    put_be32(raw + 9, key.child_number);
    std::memcpy(raw + 13, key.chain_code.data(), 32);
    if (key.private_key) {
        raw[45] = 0;
        std::memcpy(raw + 46, key.private_key->data(), 32);
    } else {
        std::memcpy(raw + 45, key.public_key.data(), 33);
    }
    // Base58Check: the first 4 bytes of SHA-256(SHA-256(payload)) appended.
    const Bytes32 check = sha256(sha256(BytesView{raw, 78}).view());
    std::memcpy(raw + 78, check.data(), 4);
    return base58(BytesView{raw, sizeof(raw)});
}

}  // namespace ultra::wallet
