// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The chain spec: the devnet preset, a full example, every error naming its field, the JSON
// round trip, and the genesis (its hash checked against a value computed independently with
// @ethereumjs/mpt, @ethereumjs/rlp and @noble/hashes from node_modules, and a chain built on it).

#include <gtest/gtest.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/node/chain_spec.hpp>
#include <ultra/node/l2_genesis.hpp>
#include <ultra/trie/node.hpp>

#include "sandbox.hpp"

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::node;

TEST(ChainSpec, DevnetPreset)
{
    const ChainSpec spec = devnet_chain_spec();
    EXPECT_EQ(spec.config.chain_id, 1337u);
    for (size_t i = 0; i < kNumRevisions; ++i) {
        EXPECT_EQ(spec.config.forks[i], ForkCondition::at_block(0)) << i;
    }
    for (const auto& bpo : spec.config.bpo_forks) EXPECT_EQ(bpo, ForkCondition::never());
    EXPECT_EQ(spec.config.revision_at(0, 0), Revision::kOsaka);
    ASSERT_TRUE(spec.config.execute.has_value());
    const ExecuteConfig& e = *spec.config.execute;
    // SPEC.md § EXECUTE devnet defaults.
    EXPECT_EQ(e.address, "0x0000000000000000000000000000000000000101"_addr);
    EXPECT_EQ(e.gas_cost, 100'000u);
    EXPECT_EQ(e.gas_per_byte, 16u);
    EXPECT_EQ(e.cumulative_gas_limit, 60'000'000u);
    EXPECT_EQ(e.cumulative_gas_target, 30'000'000u);
    EXPECT_EQ(e.base_fee_floor, 1);
    EXPECT_EQ(spec.genesis.gas_limit, 30'000'000u);
    EXPECT_EQ(spec.genesis.base_fee_per_gas, uint256{1'000'000'000});
    EXPECT_EQ(spec.genesis.timestamp, 0u);
    EXPECT_EQ(spec.block_time, 0u);
    EXPECT_TRUE(spec.alloc.empty());
    EXPECT_EQ(spec.deposit_contract, "0x00000000219ab540356cBB839Cbe05303d7705Fa"_addr);

    const Address a = "0x00000000000000000000000000000000000000aa"_addr;
    const ChainSpec funded = devnet_chain_spec({&a, 1}, uint256{5});
    ASSERT_EQ(funded.alloc.size(), 1u);
    EXPECT_EQ(funded.alloc.at(a).balance, 5);
    // The default balance: 10,000 ether.
    EXPECT_EQ(devnet_chain_spec({&a, 1}).alloc.at(a).balance,
              uint256{10'000} * uint256{1'000'000'000'000'000'000});
}

constexpr const char* kFullExample = R"({
  "chainId": 31337,
  "forks": {"London": 0, "Paris": 0, "Shanghai": {"timestamp": 0}, "Cancun": 100,
            "Prague": {"timestamp": 200}, "Osaka": null},
  "execute": {"address": "0x0000000000000000000000000000000000000202", "gasCost": 50000,
              "gasPerByte": 8, "cumulativeGasLimit": "0x3938700", "cumulativeGasTarget": 30000000,
              "baseFeeFloor": "7", "queryGasCost": 200},
  "genesis": {"gasLimit": "0x1c9c380", "baseFeePerGas": "0x3b9aca00", "timestamp": "0x10",
              "extraData": "0x756c747261", "coinbase": "0x00000000000000000000000000000000000000cb",
              "prevRandao": "0x0000000000000000000000000000000000000000000000000000000000000042"},
  "alloc": {
    "0x00000000000000000000000000000000000000a1": {"balance": "1000000000000000000000"},
    "00000000000000000000000000000000000000a2": {"balance": "0xff", "nonce": 3, "code": "0x6000",
        "storage": {"0x01": "0x02", "0x0000000000000000000000000000000000000000000000000000000000000003": "0x00"}}
  },
  "blockTime": 2,
  "depositContract": "0x00000000000000000000000000000000000000dc"
})";

TEST(ChainSpec, FullExample)
{
    const auto parsed = parse_chain_spec(kFullExample);
    ASSERT_TRUE(parsed) << parsed.error().to_string();
    const ChainSpec& spec = *parsed;
    EXPECT_EQ(spec.config.chain_id, 31337u);
    // Unnamed forks before the newest named one (Prague) are at genesis.
    EXPECT_EQ(spec.config.forks[static_cast<size_t>(Revision::kBerlin)],
              ForkCondition::at_block(0));
    EXPECT_EQ(spec.config.forks[static_cast<size_t>(Revision::kLondon)],
              ForkCondition::at_block(0));
    EXPECT_EQ(spec.config.forks[static_cast<size_t>(Revision::kShanghai)],
              ForkCondition::at_timestamp(0));
    // A bare number is a timestamp from Shanghai on.
    EXPECT_EQ(spec.config.forks[static_cast<size_t>(Revision::kCancun)],
              ForkCondition::at_timestamp(100));
    EXPECT_EQ(spec.config.forks[static_cast<size_t>(Revision::kPrague)],
              ForkCondition::at_timestamp(200));
    EXPECT_EQ(spec.config.forks[static_cast<size_t>(Revision::kOsaka)], ForkCondition::never());
    EXPECT_EQ(spec.config.revision_at(5, 150), Revision::kCancun);

    ASSERT_TRUE(spec.config.execute);
    EXPECT_EQ(spec.config.execute->address, "0x0000000000000000000000000000000000000202"_addr);
    EXPECT_EQ(spec.config.execute->gas_cost, 50'000u);
    EXPECT_EQ(spec.config.execute->gas_per_byte, 8u);
    EXPECT_EQ(spec.config.execute->cumulative_gas_limit, 60'000'000u);
    EXPECT_EQ(spec.config.execute->cumulative_gas_target, 30'000'000u);
    EXPECT_EQ(spec.config.execute->base_fee_floor, 7);
    EXPECT_EQ(spec.config.execute->query_gas_cost, 200u);

    EXPECT_EQ(spec.genesis.gas_limit, 30'000'000u);
    EXPECT_EQ(spec.genesis.base_fee_per_gas, uint256{1'000'000'000});
    EXPECT_EQ(spec.genesis.timestamp, 16u);
    EXPECT_EQ(spec.genesis.extra_data, "0x756c747261"_hex);
    EXPECT_EQ(spec.genesis.coinbase, "0x00000000000000000000000000000000000000cb"_addr);
    EXPECT_EQ(spec.genesis.prev_randao,
              "0x0000000000000000000000000000000000000000000000000000000000000042"_b32);

    ASSERT_EQ(spec.alloc.size(), 2u);
    const auto& a1 = spec.alloc.at("0x00000000000000000000000000000000000000a1"_addr);
    EXPECT_EQ(a1.balance, uint256{1000} * uint256{1'000'000'000'000'000'000});
    const auto& a2 = spec.alloc.at("0x00000000000000000000000000000000000000a2"_addr);
    EXPECT_EQ(a2.balance, 255);
    EXPECT_EQ(a2.nonce, 3u);
    EXPECT_EQ(a2.code, "0x6000"_hex);
    ASSERT_EQ(a2.storage.size(), 1u);  // the zero value is dropped
    EXPECT_EQ(a2.storage.at(to_bytes32(uint256{1})), to_bytes32(uint256{2}));
    EXPECT_EQ(spec.block_time, 2u);
    EXPECT_EQ(spec.deposit_contract, "0x00000000000000000000000000000000000000dc"_addr);
}

TEST(ChainSpec, MinimalDocumentTakesTheDefaults)
{
    const auto spec = parse_chain_spec(R"({"chainId": 7})");
    ASSERT_TRUE(spec) << spec.error().to_string();
    EXPECT_EQ(spec->config.chain_id, 7u);
    EXPECT_EQ(spec->config.revision_at(0, 0), Revision::kOsaka);  // every fork at genesis
    EXPECT_FALSE(spec->config.execute.has_value());               // a file enables it itself
    EXPECT_EQ(spec->genesis.gas_limit, 30'000'000u);

    const auto with_execute = parse_chain_spec(R"({"chainId": 7, "execute": {}})");
    ASSERT_TRUE(with_execute);
    EXPECT_EQ(with_execute->config.execute, ExecuteConfig{});
    const auto with_true = parse_chain_spec(R"({"chainId": 7, "execute": true})");
    ASSERT_TRUE(with_true);
    EXPECT_EQ(with_true->config.execute, ExecuteConfig{});
}

TEST(ChainSpec, RoundTripsThroughJson)
{
    const auto spec = parse_chain_spec(kFullExample);
    ASSERT_TRUE(spec);
    const auto again = chain_spec_from_json(to_json(*spec));
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(*again, *spec);

    const Address a = "0x00000000000000000000000000000000000000aa"_addr;
    const ChainSpec devnet = devnet_chain_spec({&a, 1});
    const auto devnet_again = chain_spec_from_json(to_json(devnet));
    ASSERT_TRUE(devnet_again) << devnet_again.error().to_string();
    EXPECT_EQ(*devnet_again, devnet);
}

struct BadSpec
{
    const char* json;
    const char* field;
    const char* message_part;
};

TEST(ChainSpec, EachErrorNamesItsField)
{
    const BadSpec cases[] = {
        {R"({"chainId": 1, "colour": "blue"})", "colour", "unknown member"},
        {R"({"forks": {}})", "chainId", "required"},
        {R"({"chainId": "abc"})", "chainId", "expected a quantity"},
        {R"({"chainId": -1})", "chainId", "expected a quantity"},
        {R"({"chainId": 1.5})", "chainId", "expected a quantity"},
        {R"({"chainId": 0})", "chainId", "must not be 0"},
        {R"({"chainId": "0x10000000000000000"})", "chainId", "exceeds 64 bits"},
        {R"({"chainId": 1, "forks": {"Atlantis": 0}})", "forks.Atlantis", "unknown fork"},
        {R"({"chainId": 1, "forks": {"London": 5, "Berlin": 9}})", "forks.London",
         "activates before Berlin"},
        {R"({"chainId": 1, "forks": {"Cancun": 10, "Prague": 5}})", "forks.Prague",
         "activates before Cancun"},
        {R"({"chainId": 1, "forks": {"Osaka": 0, "BPO1": {"block": 3}}})", "forks.BPO1",
         "by timestamp"},
        {R"({"chainId": 1, "forks": {"Cancun": {"block": 1, "timestamp": 2}}})", "forks.Cancun",
         "exactly one"},
        {R"({"chainId": 1, "forks": {"Cancun": {"height": 1}}})", "forks.Cancun.height",
         "unknown member"},
        {R"({"chainId": 1, "forks": {"Paris": 0, "Merge": 0}})", "forks.Paris", "given twice"},
        {R"({"chainId": 1, "genesis": {"gasLimit": 4999}})", "genesis.gasLimit", "between 5000"},
        {R"({"chainId": 1, "genesis": {"extraData": "0x123"}})", "genesis.extraData",
         "invalid hex"},
        {R"({"chainId": 1, "genesis": {"extraData": "1234"}})", "genesis.extraData", "0x-prefixed"},
        {R"({"chainId": 1, "genesis": {"coinbase": "0x1234"}})", "genesis.coinbase", "20 bytes"},
        {R"({"chainId": 1, "genesis": {"prevRandao": 5}})", "genesis.prevRandao", "32-byte hash"},
        {R"({"chainId": 1, "genesis": {"mixHash": "0x00"}})", "genesis.mixHash", "unknown member"},
        {R"({"chainId": 1, "alloc": {"0x12": {"balance": "1"}}})", "alloc.0x12", "20 bytes"},
        {R"({"chainId": 1, "alloc": {"0x00000000000000000000000000000000000000a1": )"
         R"({"balance": "-1"}}})",
         "alloc.0x00000000000000000000000000000000000000a1.balance", "expected a quantity"},
        {R"({"chainId": 1, "alloc": {"0x00000000000000000000000000000000000000a1": )"
         R"({"balance": "0x1)"
         R"(0000000000000000000000000000000000000000000000000000000000000000"}}})",
         "alloc.0x00000000000000000000000000000000000000a1.balance", "exceeds 256 bits"},
        {R"({"chainId": 1, "alloc": {"0x00000000000000000000000000000000000000a1": )"
         R"({"storage": {"0x01": "0xzz"}}}})",
         "alloc.0x00000000000000000000000000000000000000a1.storage.0x01", "32-byte word"},
        {R"({"chainId": 1, "alloc": {"0x00000000000000000000000000000000000000a1": )"
         R"({"balance": "1", "wei": 2}}})",
         "alloc.0x00000000000000000000000000000000000000a1.wei", "unknown member"},
        {R"({"chainId": 1, "alloc": {"0x00000000000000000000000000000000000000a1": {}, )"
         R"("00000000000000000000000000000000000000A1": {}}})",
         "alloc.0x00000000000000000000000000000000000000a1", "given twice"},
        {R"({"chainId": 1, "execute": {"cumulativeGasTarget": 0}})", "execute.cumulativeGasTarget",
         "greater than 0"},
        {R"({"chainId": 1, "execute": {"cumulativeGasLimit": 10, "cumulativeGasTarget": 20}})",
         "execute.cumulativeGasTarget", "must not exceed"},
        {R"({"chainId": 1, "execute": {"baseFeeFloor": "0x0"}})", "execute.baseFeeFloor",
         "at least 1 wei"},
        {R"({"chainId": 1, "execute": {"gascost": 1}})", "execute.gascost", "unknown member"},
        {R"({"chainId": 1, "blockTime": "soon"})", "blockTime", "expected a quantity"},
        {R"({"chainId": 1, "depositContract": "0x00"})", "depositContract", "20 bytes"},
        {R"([1, 2])", "", "expected an object"},
        {R"({"chainId": 1,)", "", "invalid JSON"},
    };
    for (const BadSpec& c : cases) {
        SCOPED_TRACE(c.json);
        const auto r = parse_chain_spec(c.json);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().field, c.field);
        EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << r.error().message;
        if (*c.field != '\0') {
            EXPECT_EQ(r.error().to_string().rfind(std::string{c.field} + ": ", 0), 0u);
        }
    }
}

TEST(ChainSpec, ExtraDataOver32BytesIsRefused)
{
    const std::string at_limit = "0x" + std::string(64, '1');
    const std::string over = "0x" + std::string(66, '1');
    EXPECT_TRUE(
        parse_chain_spec(R"({"chainId": 1, "genesis": {"extraData": ")" + at_limit + R"("}})"));
    const auto r =
        parse_chain_spec(R"({"chainId": 1, "genesis": {"extraData": ")" + over + R"("}})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(), "genesis.extraData: longer than 32 bytes");
}

TEST(ChainSpec, LoadReportsTheFile)
{
    const auto missing = load_chain_spec("/nonexistent/chain.json");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("/nonexistent/chain.json"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Genesis
// ---------------------------------------------------------------------------------------------

TEST(Genesis, DevnetGenesisMatchesAnIndependentComputation)
{
    // Computed with @ethereumjs/mpt (secure trie of the four system contracts with nonce 1 and
    // the two funded accounts), @ethereumjs/rlp and @noble/hashes over the Osaka genesis header
    // (gas limit 30,000,000, base fee 1 gwei, empty roots, zero beacon root, sha256("") requests
    // hash).
    const Address funded[] = {"0x0000000000000000000000000000000000000001"_addr,
                              "0x0000000000000000000000000000000000000002"_addr};
    const Genesis genesis = make_genesis(devnet_chain_spec(funded));
    EXPECT_EQ(genesis.block.header.state_root,
              "0x57670384c235ec058ae0413d294788145c49f2c82e84b1fab384c6c0f5844498"_b32);
    EXPECT_EQ(genesis.hash,
              "0x1cd1c2b3caed512b5ac91895b97d4a6a90adda64d85ff546aaa0b1a41ef0f8c2"_b32);
    EXPECT_EQ(genesis.hash, header_hash(genesis.block.header));
    // Stable: building it again gives the same block.
    const Genesis again = make_genesis(devnet_chain_spec(funded));
    EXPECT_EQ(again.hash, genesis.hash);
    EXPECT_EQ(again.block, genesis.block);
}

TEST(Genesis, ImportsBackAndCarriesTheSystemContracts)
{
    const Genesis genesis = make_genesis(devnet_chain_spec());
    // The block decodes from its own encoding to the same hash.
    const Block decoded = decode_block(encode_block(genesis.block)).value();
    EXPECT_EQ(header_hash(decoded.header), genesis.hash);
    ASSERT_TRUE(decoded.withdrawals.has_value());
    EXPECT_TRUE(decoded.withdrawals->empty());
    const BlockHeader& h = genesis.block.header;
    EXPECT_EQ(h.number, 0u);
    EXPECT_EQ(h.difficulty, 0);
    EXPECT_EQ(h.base_fee_per_gas, uint256{1'000'000'000});
    EXPECT_EQ(h.withdrawals_root, trie::kEmptyRoot);
    EXPECT_EQ(h.blob_gas_used, 0u);
    EXPECT_EQ(h.excess_blob_gas, 0u);
    EXPECT_EQ(h.parent_beacon_block_root, Hash256{});
    EXPECT_EQ(h.requests_hash,
              "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_b32);
    EXPECT_EQ(h.state_root, genesis.state.state_root());
    for (const auto& sc : execution::kSystemContracts) {
        const auto* account = genesis.state.find(sc.address);
        ASSERT_TRUE(account);
        EXPECT_EQ(account->nonce, 1u);
        EXPECT_EQ(account->code_hash, sc.code_hash);
    }

    // A chain builds and imports on it (the sandbox checks each block with state_transition).
    test::Sandbox sb;
    const Hash256 genesis_hash = header_hash(sb.head);
    execution::TransactionListSource empty{{}};
    const auto b1 = sb.mine(empty);
    EXPECT_EQ(b1.block.header.number, 1u);
    EXPECT_EQ(b1.block.header.parent_hash, genesis_hash);
}

TEST(Genesis, SystemContractsFollowTheGenesisFork)
{
    const auto cancun = parse_chain_spec(R"({"chainId": 5, "forks": {"Cancun": 0}})");
    ASSERT_TRUE(cancun);
    const Genesis g = make_genesis(*cancun);
    EXPECT_TRUE(g.state.find(execution::kBeaconRootsAddress));
    EXPECT_FALSE(g.state.find(execution::kHistoryStorageAddress));  // EIP-2935 is Prague
    EXPECT_FALSE(g.block.header.requests_hash.has_value());
    EXPECT_TRUE(g.block.header.parent_beacon_block_root.has_value());

    const auto london = parse_chain_spec(R"({"chainId": 5, "forks": {"London": 0}})");
    ASSERT_TRUE(london);
    const Genesis l = make_genesis(*london);
    EXPECT_TRUE(l.state.accounts().empty());
    EXPECT_EQ(l.block.header.difficulty, 0x20000);  // pre-merge: the minimum difficulty
    EXPECT_FALSE(l.block.header.withdrawals_root.has_value());

    // An alloc entry at a system address wins over the default code.
    auto custom = parse_chain_spec(
        R"({"chainId": 5, "alloc": {"0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02": {"code": "0x00"}}})");
    ASSERT_TRUE(custom) << custom.error().to_string();
    const Genesis c = make_genesis(*custom);
    EXPECT_EQ(c.state.find(execution::kBeaconRootsAddress)->code, "0x00"_hex);
}

// --- The L2 genesis file -----------------------------------------------------------------------

TEST(L2GenesisFile, ReadsEveryMemberAndRoundTrips)
{
    const auto j = nlohmann::json::parse(R"({
        "chainId": 901, "gasLimit": 20000000, "timestamp": 77, "baseFeePerGas": "0x7",
        "fork": "Prague", "bridgeBalance": 1000,
        "alloc": {"0x00000000000000000000000000000000000000a1": {"balance": "0x10", "nonce": 2}}
    })");
    const auto config = l2_genesis_from_json(j);
    ASSERT_TRUE(config.has_value()) << config.error().to_string();
    EXPECT_EQ(config->chain_id, 901u);
    EXPECT_EQ(config->gas_limit, 20'000'000u);
    EXPECT_EQ(config->timestamp, 77u);
    EXPECT_EQ(config->base_fee_per_gas, uint256{7});
    EXPECT_EQ(config->rev, Revision::kPrague);
    EXPECT_EQ(config->bridge_balance, uint256{1000});
    const auto a1 = "0x00000000000000000000000000000000000000a1"_addr;
    ASSERT_TRUE(config->alloc.contains(a1));
    EXPECT_EQ(config->alloc.at(a1).balance, uint256{16});
    EXPECT_EQ(config->alloc.at(a1).nonce, 2u);

    // to_json() writes what l2_genesis_from_json() reads back: the same genesis.
    const auto again = l2_genesis_from_json(to_json(*config));
    ASSERT_TRUE(again.has_value()) << again.error().to_string();
    const auto g1 = make_l2_genesis(*config);
    const auto g2 = make_l2_genesis(*again);
    ASSERT_TRUE(g1 && g2);
    EXPECT_EQ(g1->hash, g2->hash);
    EXPECT_EQ(g1->block.header.timestamp, 77u);
    EXPECT_EQ(g1->block.header.gas_limit, 20'000'000u);

    // The minimal file takes the library defaults: the same genesis as the default config.
    const auto minimal = l2_genesis_from_json(nlohmann::json::parse(R"({"chainId": 901})"));
    ASSERT_TRUE(minimal.has_value());
    L2GenesisConfig defaults;
    defaults.chain_id = 901;
    EXPECT_EQ(make_l2_genesis(*minimal)->hash, make_l2_genesis(defaults)->hash);
}

TEST(L2GenesisFile, EachErrorNamesItsMember)
{
    const BadSpec cases[] = {
        {R"({"gasLimit": 30000000})", "chainId", "required"},
        {R"({"chainId": 0})", "chainId", "must not be 0"},
        {R"({"chainId": 1, "gaslimit": 1})", "gaslimit", "unknown member"},
        {R"({"chainId": 1, "gasLimit": 10})", "gasLimit", "between 5000"},
        {R"({"chainId": 1, "fork": "Shanghai"})", "fork", "Cancun or later"},
        {R"({"chainId": 1, "fork": "Atlantis"})", "fork", "unknown fork"},
        {R"({"chainId": 1, "fork": 5})", "fork", "a fork name"},
        {R"({"chainId": 1, "bridgeBalance": "-1"})", "bridgeBalance", "expected a quantity"},
        {R"({"chainId": 1, "alloc": {"0x0000000000000000000000000000000000b71d6E": {}}})", "alloc",
         "L2Bridge predeploy"},
        {R"({"chainId": 1, "alloc": {"0x12": {}}})", "alloc.0x12", "20 bytes"},
    };
    for (const BadSpec& c : cases) {
        const auto r = l2_genesis_from_json(nlohmann::json::parse(c.json));
        ASSERT_FALSE(r.has_value()) << c.json;
        EXPECT_EQ(r.error().field, c.field) << c.json;
        EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
            << c.json << " -> " << r.error().message;
    }
}

}  // namespace
