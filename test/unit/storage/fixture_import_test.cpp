// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// Equivalence with the official blockchain tests: their blocks executed by
// execution::state_transition() over the store's views (flat state, incremental trie roots,
// canonical block hashes) and committed one by one give the fixtures' head hash and
// post-state, before and after reopening the datadir.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/fixtures/json_parse.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/storage/chain_store.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::storage {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Post-merge blockchain tests covering account deletion and re-creation, EIP-7702 code
// pointers, withdrawals, BLOCKHASH through the history contract, and Osaka.
constexpr std::array<std::string_view, 7> kFiles = {
    "cancun/eip6780_selfdestruct/test_recreate_self_destructed_contract_different_txs.json.gz",
    "cancun/eip6780_selfdestruct/test_dynamic_create2_selfdestruct_collision_multi_tx.json.gz",
    "prague/eip7702_set_code_tx/test_pointer_resets_an_empty_code_account_with_storage.json.gz",
    "prague/eip7702_set_code_tx/test_set_code_to_sstore.json.gz",
    "prague/eip2935_historical_block_hashes_from_state/test_block_hashes_history.json.gz",
    "shanghai/eip4895_withdrawals/test_many_withdrawals.json.gz",
    "osaka/eip7939_count_leading_zeros/test_clz_mainnet.json.gz",
};

bool is_post_merge(const std::string& network)
{
    return network == "Shanghai" || network == "Cancun" || network == "Prague" ||
           network == "Osaka";
}

// The test's chain: its network, with the EEST `config` chain id and blob schedule.
ChainConfig config_of(const json& test, const std::string& network)
{
    ChainConfig config = chain_config_for_network(network).value();
    const auto it = test.find("config");
    if (it == test.end()) return config;
    if (it->contains("chainid")) config.chain_id = fixtures::to_u64((*it)["chainid"]);
    if (const auto schedule = it->find("blobSchedule"); schedule != it->end()) {
        for (const auto& [name, params] : schedule->items()) {
            const auto fork = blob_fork_from_string(name);
            if (!fork) continue;
            BlobParams& p = config.blob_params[static_cast<size_t>(*fork)];
            p.target = fixtures::to_u64(params.at("target"));
            p.max = fixtures::to_u64(params.at("max"));
            p.base_fee_update_fraction = fixtures::to_u64(params.at("baseFeeUpdateFraction"));
        }
    }
    return config;
}

// Checks that `view` holds every account of `post` exactly.
void expect_post_state(const state::StateView& view, const state::InMemoryState& post)
{
    for (const auto& [addr, acc] : post.accounts()) {
        const auto got = view.account(addr);
        ASSERT_TRUE(got.has_value() && got->has_value()) << to_0x_hex(addr);
        EXPECT_EQ(**got, acc.info()) << to_0x_hex(addr);
        for (const auto& [key, value] : acc.storage)
            EXPECT_EQ(view.storage(addr, key).value(), value) << to_0x_hex(addr);
        EXPECT_EQ(view.code(acc.code_hash).value(), acc.code) << to_0x_hex(addr);
    }
}

// Imports one test into a fresh datadir; returns false when the test is not a linear chain of
// valid blocks (skipped).
bool import_test(const std::string& name, const json& test)
{
    const std::string network = test.at("network").get<std::string>();
    if (!is_post_merge(network)) return false;
    for (const json& b : test.at("blocks"))
        if (b.contains("expectException")) return false;

    SCOPED_TRACE(name);
    const ChainConfig config = config_of(test, network);
    const Block genesis = decode_block(fixtures::to_bytes(test.at("genesisRLP"))).value();
    const state::InMemoryState alloc = fixtures::to_state(test.at("pre"));
    const ChainIdentity id{config.chain_id, header_hash(genesis.header)};
    const execution::StandardPrecompiles precompiles;

    test::TempDir tmp;
    auto store = ChainStore::open(tmp.path(), id).value();
    const auto g = store->commit_genesis(genesis, alloc);
    EXPECT_TRUE(g.has_value()) << g.error().message;
    if (!g) return true;

    BlockHeader parent = genesis.header;
    for (const json& b : test.at("blocks")) {
        const Block block = decode_block(fixtures::to_bytes(b.at("rlp"))).value();
        if (block.header.parent_hash != header_hash(parent)) return false;  // not linear
        const auto view = store->state_view_at_head();
        const auto roots = store->state_roots(store->head()->state_root);
        const auto hashes = store->block_hashes();
        const execution::ChainContext chain{config, parent, std::nullopt, {},
                                            *view,  *roots, *hashes,      precompiles};
        const auto result = execution::state_transition(chain, block);
        EXPECT_TRUE(result.has_value()) << result.error().to_string();
        if (!result) return true;
        const auto committed = store->commit_block(block, *result, roots->new_nodes());
        EXPECT_TRUE(committed.has_value()) << committed.error().message;
        if (!committed) return true;
        parent = block.header;
    }

    const Hash256 last = fixtures::to_bytes32(test.at("lastblockhash"));
    EXPECT_EQ(store->head()->hash, last);
    const state::InMemoryState post = fixtures::to_state(test.at("postState"));
    EXPECT_EQ(store->head()->state_root, post.state_root());
    EXPECT_EQ(store->flat_state_root().value_or(Hash256{}), post.state_root());
    expect_post_state(*store->state_view_at_head(), post);

    // The same after reopening, and the historical view of the head agrees with the flat one.
    store.reset();
    store = ChainStore::open(tmp.path(), id).value();
    EXPECT_EQ(store->head()->hash, last);
    expect_post_state(*store->state_view_at_head(), post);
    expect_post_state(*store->state_view_at(store->head()->state_root), post);
    return true;
}

// Number of failures recorded so far in the running test.
int failures_so_far()
{
    return ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
}

TEST(ChainStoreFixtures, BlockchainTestsImportThroughTheStore)
{
    const fs::path dir = ultra::test::fixtures_dir() / "blockchain/eest/blockchain_tests";
    if (!fs::exists(dir)) GTEST_SKIP() << "no fixtures at " << dir;
    size_t passed = 0;
    size_t failed = 0;
    for (const std::string_view file : kFiles) {
        const json tests = infra::load_json(dir / file);
        size_t in_file = 0;
        for (const auto& [name, test] : tests.items()) {
            if (in_file >= ultra::test::scaled(6)) break;
            const int before = failures_so_far();
            if (!import_test(name, test)) continue;
            ++in_file;
            (failures_so_far() == before ? passed : failed) += 1;
        }
        EXPECT_GT(in_file, 0u) << file;
    }
    std::printf("%zu passed, %zu failed\n", passed, failed);
    EXPECT_EQ(failed, 0u);
    EXPECT_GE(passed, kFiles.size());
}

}  // namespace
}  // namespace ultra::storage
