// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "dev_accounts.hpp"

#include <ultra/core/assert.hpp>
#include <ultra/core/crypto/secp256k1.hpp>

#include "bip32.hpp"
#include "bip39.hpp"

namespace ultra::wallet {

Result<std::vector<DevAccount>, WalletError> dev_accounts(std::string_view mnemonic,
                                                          size_t n,
                                                          std::string_view passphrase,
                                                          std::string_view parent_path)
{
    ULTRA_TRY(const std::vector<uint32_t> path, parse_derivation_path(parent_path));
    if (n > kHardened) {
        return unexpected(WalletError{WalletErrc::kInvalidPath,
                                      "at most 2^31 non-hardened accounts exist under a path"});
    }
    ULTRA_TRY(const Seed seed, mnemonic_to_seed(mnemonic, passphrase));
    ULTRA_TRY(const ExtendedKey master, master_key_from_seed(seed.view()));
    ULTRA_TRY(const ExtendedKey parent, derive_path(master, std::span<const uint32_t>{path}));

    std::vector<DevAccount> accounts;
    accounts.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        ULTRA_TRY(const ExtendedKey child, derive_child(parent, static_cast<uint32_t>(i)));
        ULTRA_ASSERT(child.private_key.has_value());
        const auto addr = private_key_to_address(*child.private_key);
        ULTRA_ASSERT(addr.has_value());  // derive_child() only returns valid keys
        accounts.push_back(DevAccount{*addr, *child.private_key});
    }
    return accounts;
}

}  // namespace ultra::wallet
