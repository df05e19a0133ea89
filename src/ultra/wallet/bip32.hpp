// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <vector>

#include "error.hpp"

/// BIP-32 hierarchical deterministic keys over secp256k1.
namespace ultra::wallet {

/// The flag of a hardened child index (i >= 2^31), written i' or iH in paths.
inline constexpr uint32_t kHardened = 0x80000000u;

/// A compressed SEC1 public key: 0x02/0x03 ‖ x.
using CompressedPublicKey = FixedBytes<33>;

/// A BIP-32 extended key: a key and its chain code, with the metadata of its serialisation.
/// A private extended key has `private_key`; a public one (see neuter()) only `public_key`.
struct ExtendedKey
{
    std::optional<Bytes32> private_key;  ///< k, when this is a private extended key
    CompressedPublicKey public_key;      ///< K = point(k), always present
    Bytes32 chain_code;                  ///< c
    uint8_t depth = 0;                   ///< 0 for the master key
    uint32_t parent_fingerprint = 0;     ///< first 4 bytes of HASH160(parent K); 0 for master
    uint32_t child_number = 0;           ///< the index this key was derived with; 0 for master

    friend bool operator==(const ExtendedKey&, const ExtendedKey&) = default;
};

/// The master key of `seed` (16 to 64 bytes; kSeedLength otherwise):
/// I = HMAC-SHA512("Bitcoin seed", seed), k = I[0:32], c = I[32:64]. kInvalidChild in the
/// (probability < 2^-127) case where k is 0 or >= n.
[[nodiscard]] Result<ExtendedKey, WalletError> master_key_from_seed(BytesView seed);

/// The child `index` of `parent` (BIP-32 CKDpriv for a private parent, CKDpub for a public
/// one). Hardened indexes (>= kHardened) need a private parent (kHardenedFromPublic).
/// kInvalidChild when I_L >= n or the child key is zero/infinity: BIP-32 then says to use the
/// next index. kDepthOverflow below depth 255.
[[nodiscard]] Result<ExtendedKey, WalletError> derive_child(const ExtendedKey& parent,
                                                            uint32_t index);

/// The public extended key of `key` (N() in BIP-32): the same key without its private part.
[[nodiscard]] ExtendedKey neuter(const ExtendedKey& key);

/// The key's fingerprint: the first 4 bytes of HASH160(K), big-endian.
[[nodiscard]] uint32_t fingerprint(const ExtendedKey& key);

/// Parses a derivation path: "m" followed by "/index" components; an index is decimal below
/// 2^31, and a trailing ', h or H makes it hardened. "m" alone is the empty path.
/// kInvalidPath (naming the component) otherwise.
[[nodiscard]] Result<std::vector<uint32_t>, WalletError> parse_derivation_path(
    std::string_view path);

/// Derives `path` (child indexes, as parse_derivation_path() returns them) from `root`.
[[nodiscard]] Result<ExtendedKey, WalletError> derive_path(const ExtendedKey& root,
                                                           std::span<const uint32_t> path);

/// Parses `path` and derives it from `root` (which should be a master key, as "m" says).
[[nodiscard]] Result<ExtendedKey, WalletError> derive_path(const ExtendedKey& root,
                                                           std::string_view path);

/// The Base58Check serialisation with the Bitcoin mainnet versions: "xprv..." for a private
/// key, "xpub..." for a public one (BIP-32 "Serialization format").
[[nodiscard]] std::string to_base58(const ExtendedKey& key);

}  // namespace ultra::wallet
