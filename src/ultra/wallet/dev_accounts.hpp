// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <vector>

#include "error.hpp"

namespace ultra::wallet {

/// The mnemonic of the dev accounts anvil and Hardhat use by default: with kDevDerivationPath
/// it gives account 0 = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266. Public: never fund it on a
/// real network.
inline constexpr std::string_view kDevMnemonic =
    "test test test test test test test test test test test junk";

/// The parent path of the dev accounts: account i is kDevDerivationPath + "/i" (BIP-44,
/// coin type 60 = Ether, account 0, external chain).
inline constexpr std::string_view kDevDerivationPath = "m/44'/60'/0'/0";

/// A key pair of a dev account.
struct DevAccount
{
    Address address;      ///< keccak256(public key)[12:]
    Bytes32 private_key;  ///< the secp256k1 secret key

    friend bool operator==(const DevAccount&, const DevAccount&) = default;
};

/// The first `n` accounts of `mnemonic` (BIP-39 with `passphrase`, then BIP-32): account i is
/// derived at `parent_path`/i. The mnemonic is validated (bip39.hpp errors); the path must
/// parse (kInvalidPath). With the defaults this is the list anvil prints at start.
[[nodiscard]] Result<std::vector<DevAccount>, WalletError> dev_accounts(
    std::string_view mnemonic,
    size_t n,
    std::string_view passphrase = {},
    std::string_view parent_path = kDevDerivationPath);

}  // namespace ultra::wallet
