// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The system contract bytecodes of system_contracts.hpp against three independent sources:
// - each EIP's keyless deployment transaction (input, v, r, s, hash and sender copied from the
//   EIP text): rebuilt from the EIP's constructor prefix followed by our runtime code, it must
//   have the EIP's hash, recover to the EIP's sender, create at the EIP's address, and deploy
//   exactly our bytes when executed (a single wrong byte changes the signed hash, so the
//   recovered sender);
// - the code hashes, computed with js-sha3 (node_modules) over the EIPs' runtime codes;
// - the pre-state of an EEST Prague blockchain fixture, which allocates the same contracts.

#include <gtest/gtest.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execution/host.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/execution/transaction.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state.hpp>

#include "utils/fixtures.hpp"

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::execution;

/// An EIP's deployment transaction: the constructor prefix before the runtime code, and the
/// signature, hash and sender the EIP gives.
struct Deployment
{
    const char* eip;
    Address address;
    BytesView runtime;
    Bytes constructor;
    Bytes32 s;
    Hash256 hash;
    Address sender;
};

std::vector<Deployment> deployments()
{
    // All four: nonce 0, gas 0x3d090, gasPrice 0xe8d4a51000, no value, v 0x1b, r 0x539.
    // The 7002 and 7251 constructors first store EXCESS_INHIBITOR (2^256 - 1) in slot 0.
    const Bytes inhibitor =
        "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff5f55"_hex;
    return {
        {"EIP-4788", kBeaconRootsAddress, kBeaconRootsCode.view(), "0x60618060095f395ff3"_hex,
         "0x0000000000000000000000000000000000000000000000000000001b9b6eb1f0"_b32,
         "0xdf52c2d3bbe38820fff7b5eaab3db1b91f8e1412b56497d88388fb5d4ea1fde0"_b32,
         "0x0B799C86a49DEeb90402691F1041aa3AF2d3C875"_addr},
        {"EIP-2935", kHistoryStorageAddress, kHistoryStorageCode.view(), "0x60538060095f395ff3"_hex,
         "0x000000000000000000000000000aa12693182426612186309f02cfe8a80a0000"_b32,
         "0x67139a552b0d3fffc30c0fa7d0c20d42144138c8fe07fc5691f09c1cce632e15"_b32,
         "0x3462413Af4609098e1E27A490f554f260213D685"_addr},
        {"EIP-7002", kWithdrawalRequestPredeployAddress, kWithdrawalRequestCode.view(),
         inhibitor + "0x6101f880602d5f395ff3"_hex,
         "0x000000000000000000000000005feeb084551e4e03a3581e269bc2ea2f8d0008"_b32,
         "0x8ded54be89448d78d4bc97782c0187b099e45380ab681742f9d3754e405c2572"_b32,
         "0x8646861A7cF453dDD086874d622b0696dE5b9674"_addr},
        {"EIP-7251", kConsolidationRequestPredeployAddress, kConsolidationRequestCode.view(),
         inhibitor + "0x61019e80602d5f395ff3"_hex,
         "0x000000000000000000000000000c0730f92dc275b663d377a7cbb141b6600052"_b32,
         "0x379269d571beff3ed1d8eba3abb24076a7267b0eaf0cc66d728fb0544f5a690d"_b32,
         "0x13d1913d623E6a9D8811736359E50fD31Fe54fCA"_addr},
    };
}

Transaction deployment_tx(const Deployment& d)
{
    Transaction tx;
    tx.nonce = 0;
    tx.gas_limit = 0x3d090;
    tx.set_gas_price(uint256{0xe8d4a51000});
    tx.data = d.constructor + Bytes{d.runtime};
    tx.y_parity = 0;  // v = 27
    tx.r = 0x539;
    tx.s = from_bytes32(d.s);
    return tx;
}

class NoHashes final : public state::BlockHashes
{
public:
    Result<Hash256, state::StateError> block_hash(uint64_t) const override
    {
        return unexpected(state::StateError::kMissingData);
    }
};

TEST(SystemContracts, TheEipsDeploymentTransactionsDeployTheseBytes)
{
    for (const Deployment& d : deployments()) {
        SCOPED_TRACE(d.eip);
        const Transaction tx = deployment_tx(d);
        EXPECT_EQ(transaction_hash(tx), d.hash);
        const auto sender = recover_sender(tx);
        ASSERT_TRUE(sender);
        EXPECT_EQ(*sender, d.sender);
        EXPECT_EQ(create_address(*sender, 0), d.address);

        // Run it: the deployed code is ours.
        state::InMemoryState pre;
        state::InMemoryAccount funded;
        funded.balance = uint256{1'000'000'000'000'000'000};
        pre.set_account(*sender, funded);
        state::State st{pre};
        BlockEnv env;
        env.number = 1;
        env.gas_limit = 30'000'000;
        env.base_fee = 7;
        const NoHashes hashes;
        const StandardPrecompiles precompiles;
        evm::Vm vm;
        CodeCache cache;
        const ExecutionContext ctx{env, hashes, precompiles, vm, cache};
        const auto receipt =
            apply_transaction(st, ctx, tx, Revision::kPrague, env.gas_limit, 0, std::nullopt);
        ASSERT_TRUE(receipt) << receipt.error().to_string();
        EXPECT_TRUE(receipt->success);
        EXPECT_EQ(st.get_code(d.address), d.runtime);
        EXPECT_EQ(st.get_nonce(d.address), 1u);
    }
}

TEST(SystemContracts, CodeHashesAreTheKeccakOfTheCode)
{
    // keccak256 of each runtime code, computed independently with js-sha3.
    EXPECT_EQ(kBeaconRootsCodeHash,
              "0xf57acd40259872606d76197ef052f3d35588dadf919ee1f0e3cb9b62d3f4b02c"_b32);
    EXPECT_EQ(kHistoryStorageCodeHash,
              "0x6e49e66782037c0555897870e29fa5e552daf4719552131a0abce779daec0a5d"_b32);
    EXPECT_EQ(kWithdrawalRequestCodeHash,
              "0x0345a365d2f4c5975b9f1599abe0a2ee76b7a3a731bc68781bd04c84e4858f50"_b32);
    EXPECT_EQ(kConsolidationRequestCodeHash,
              "0x78c6cb5202685228bbcbfb992b1c4e116c7ec5ef11e25b8e92716cfc628ddd60"_b32);
    for (const auto& sc : kSystemContracts) EXPECT_EQ(keccak256(sc.code), sc.code_hash);
}

TEST(SystemContracts, TableListsEachContractWithItsFork)
{
    ASSERT_EQ(kSystemContracts.size(), 4u);
    EXPECT_EQ(kSystemContracts[0].address, "0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02"_addr);
    EXPECT_EQ(kSystemContracts[0].since, Revision::kCancun);
    EXPECT_EQ(kSystemContracts[1].address, "0x0000F90827F1C53a10cb7A02335B175320002935"_addr);
    EXPECT_EQ(kSystemContracts[2].address, "0x00000961Ef480Eb55e80D19ad83579A64c007002"_addr);
    EXPECT_EQ(kSystemContracts[3].address, "0x0000BBdDc7CE488642fb579F8B00f3a590007251"_addr);
    for (size_t i = 1; i < 4; ++i) EXPECT_EQ(kSystemContracts[i].since, Revision::kPrague);
    EXPECT_EQ(kBeaconRootsCode.size(), 97u);
    EXPECT_EQ(kHistoryStorageCode.size(), 83u);
    EXPECT_EQ(kWithdrawalRequestCode.size(), 504u);
    EXPECT_EQ(kConsolidationRequestCode.size(), 414u);
}

TEST(SystemContracts, FixturePreStatesAllocateTheSameCode)
{
    const auto path = test::fixtures_dir() / "blockchain/eest/blockchain_tests/prague" /
                      "eip7623_increase_calldata_cost/test_full_gas_consumption.json.gz";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "fixtures not found: " << path;
    const auto json = infra::load_json(path);
    ASSERT_FALSE(json.empty());
    const auto& pre = json.begin().value().at("pre");
    for (const auto& sc : kSystemContracts) {
        const std::string key = to_0x_hex(sc.address.view());
        ASSERT_TRUE(pre.contains(key)) << key;
        EXPECT_EQ(from_hex(pre.at(key).at("code").get<std::string>()).value(), Bytes{sc.code})
            << key;
        EXPECT_EQ(pre.at(key).at("nonce").get<std::string>(), "0x01") << key;
    }
}

}  // namespace
