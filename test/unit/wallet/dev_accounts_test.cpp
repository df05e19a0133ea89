// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/wallet/bip32.hpp>
#include <ultra/wallet/bip39.hpp>
#include <ultra/wallet/dev_accounts.hpp>

using namespace ultra;
using namespace ultra::literals;
using namespace ultra::wallet;

namespace {

// The accounts `anvil` 1.7.1 (node_modules/.bin/anvil) prints at start for the default
// mnemonic and path m/44'/60'/0'/0/i; they are also the published Hardhat accounts.
const DevAccount kAnvil[] = {
    {"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"_addr,
     "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"_b32},
    {"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"_addr,
     "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"_b32},
    {"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"_addr,
     "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"_b32},
    {"0x90F79bf6EB2c4f870365E785982E1f101E93b906"_addr,
     "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"_b32},
    {"0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"_addr,
     "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"_b32},
    {"0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"_addr,
     "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"_b32},
    {"0x976EA74026E726554dB657fA54763abd0C3a0aa9"_addr,
     "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"_b32},
    {"0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"_addr,
     "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356"_b32},
    {"0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"_addr,
     "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"_b32},
    {"0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"_addr,
     "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"_b32},
};

}  // namespace

TEST(DevAccounts, MatchAnvil)
{
    const auto accounts = dev_accounts(kDevMnemonic, 10);
    ASSERT_TRUE(accounts.has_value()) << accounts.error().message;
    ASSERT_EQ(accounts->size(), std::size(kAnvil));
    for (size_t i = 0; i < std::size(kAnvil); ++i) {
        EXPECT_EQ((*accounts)[i].address, kAnvil[i].address) << i;
        EXPECT_EQ((*accounts)[i].private_key, kAnvil[i].private_key) << i;
    }
}

// Account i is the BIP-32 derivation at m/44'/60'/0'/0/i: the same keys through the generic API.
TEST(DevAccounts, SameAsExplicitPath)
{
    const auto seed = mnemonic_to_seed(kDevMnemonic);
    ASSERT_TRUE(seed.has_value());
    const auto master = master_key_from_seed(seed->view());
    ASSERT_TRUE(master.has_value());
    const auto key3 = derive_path(*master, "m/44'/60'/0'/0/3");
    ASSERT_TRUE(key3.has_value());
    ASSERT_TRUE(key3->private_key.has_value());
    EXPECT_EQ(*key3->private_key, kAnvil[3].private_key);
    EXPECT_EQ(private_key_to_address(*key3->private_key), kAnvil[3].address);
}

TEST(DevAccounts, CountsAndPrefixes)
{
    const auto none = dev_accounts(kDevMnemonic, 0);
    ASSERT_TRUE(none.has_value());
    EXPECT_TRUE(none->empty());

    const auto many = dev_accounts(kDevMnemonic, 20);
    ASSERT_TRUE(many.has_value());
    ASSERT_EQ(many->size(), 20u);
    for (size_t i = 0; i < std::size(kAnvil); ++i) EXPECT_EQ((*many)[i], kAnvil[i]);
    // Accounts 10..19 are distinct from each other and from the first ten.
    for (size_t i = 0; i < many->size(); ++i)
        for (size_t j = i + 1; j < many->size(); ++j)
            EXPECT_NE((*many)[i].address, (*many)[j].address);
}

// A passphrase or another parent path gives other accounts (anvil's --derivation-path and
// BIP-39 passphrase options).
TEST(DevAccounts, PassphraseAndPathChangeTheAccounts)
{
    const auto with_pass = dev_accounts(kDevMnemonic, 1, "TREZOR");
    ASSERT_TRUE(with_pass.has_value());
    EXPECT_NE((*with_pass)[0].address, kAnvil[0].address);

    const auto other_path = dev_accounts(kDevMnemonic, 1, {}, "m/44'/60'/1'/0");
    ASSERT_TRUE(other_path.has_value());
    EXPECT_NE((*other_path)[0].address, kAnvil[0].address);
    EXPECT_EQ(private_key_to_address((*other_path)[0].private_key), (*other_path)[0].address);
}

TEST(DevAccounts, BadInputsAreClearErrors)
{
    const auto typo =
        dev_accounts("test test test test test test test test test test test jnuk", 1);
    ASSERT_FALSE(typo.has_value());
    EXPECT_EQ(typo.error().code, WalletErrc::kUnknownWord);
    EXPECT_NE(typo.error().message.find("'jnuk' (word 12)"), std::string::npos);

    const auto checksum =
        dev_accounts("test test test test test test test test test test test test", 1);
    ASSERT_FALSE(checksum.has_value());
    EXPECT_EQ(checksum.error().code, WalletErrc::kChecksum);

    const auto count = dev_accounts("test test test junk", 1);
    ASSERT_FALSE(count.has_value());
    EXPECT_EQ(count.error().code, WalletErrc::kWordCount);

    const auto path = dev_accounts(kDevMnemonic, 1, {}, "m/44'/60'/0'/x");
    ASSERT_FALSE(path.has_value());
    EXPECT_EQ(path.error().code, WalletErrc::kInvalidPath);
}
