// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// RollupL1 against a live L1: the devnet node in process, served over HTTP on an ephemeral port
// and reached through rpc::Client, with a NativeRollup deployed from its compiled bytecode.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/execution/host.hpp>
#include <ultra/node/l2_genesis.hpp>
#include <ultra/node/rollup_l1.hpp>
#include <ultra/node/rollup_sequencer.hpp>
#include <ultra/rpc/server.hpp>

#include "node_helpers.hpp"

using namespace ultra;
using namespace ultra::literals;
using namespace ultra::test;
using node::rollup_abi::DepositMessage;

namespace {

constexpr uint64_t kL2ChainId = 100001;

/// A word whose last byte is `b`.
Hash256 small_word(uint8_t b)
{
    Hash256 h;
    h[31] = b;
    return h;
}

class RollupL1Test : public ::testing::Test
{
protected:
    void SetUp() override
    {
        l1 = std::make_unique<TestNode>(test_node_config(dir.path()));
        rpc::ServerConfig config;
        config.port = 0;
        server = std::make_unique<rpc::Server>(l1->dispatcher, config);
        server->start();
        client =
            std::make_unique<rpc::Client>("http://127.0.0.1:" + std::to_string(server->port()));

        l2_genesis.chain_id = kL2ChainId;
        l2_genesis.alloc[relayer_key.address].balance = kOneEther * 10;
        auto genesis = node::make_l2_genesis(l2_genesis);
        ASSERT_TRUE(genesis.has_value());
        genesis_root = genesis->block.header.state_root;
        genesis_hash = genesis->hash;

        node::rollup_abi::RollupConfig rc;
        rc.chain_id = kL2ChainId;
        // Deployed the way the devnet does it.
        Bytes init = node::rollup_abi::native_rollup_creation_code(rc, genesis_root, genesis_hash);
        l1->submit_and_wait(devnet_tx(proposer_key, 0, std::nullopt, uint256{0}, init, 10'000'000));
        rollup = execution::create_address(proposer_key.address, 0);
        ASSERT_FALSE(client->get_code(rollup).empty());
    }

    void TearDown() override
    {
        if (server) server->stop();
    }

    /// Deposits `amount` for `recipient` from the depositor key (nonce `nonce`).
    void deposit(uint64_t nonce, const Address& recipient, const uint256& amount)
    {
        Bytes data = node::rollup_abi::selector("deposit(address)");
        data.append(12, 0);
        data.append(recipient.data(), recipient.size());
        const Address bridge = execution::create_address(rollup, 1);
        l1->submit_and_wait(devnet_tx(depositor_key, nonce, bridge, amount, data, 200'000));
    }

    NodeTempDir dir;
    std::unique_ptr<TestNode> l1;
    std::unique_ptr<rpc::Server> server;
    std::unique_ptr<rpc::Client> client;
    TestKey proposer_key = make_test_key(0);
    TestKey depositor_key = make_test_key(1);
    TestKey relayer_key = make_test_key(2);
    node::L2GenesisConfig l2_genesis;
    Hash256 genesis_root;
    Hash256 genesis_hash;
    Address rollup;
};

TEST_F(RollupL1Test, ReadsTheHeadBridgeAndFee)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    EXPECT_EQ(r.proposer().value(), proposer_key.address);

    const auto head = r.head();
    ASSERT_TRUE(head.has_value()) << head.error();
    EXPECT_EQ(head->number, 0u);
    EXPECT_EQ(head->block_hash, genesis_hash);
    EXPECT_EQ(head->state_root, genesis_root);

    // The constructor's first CREATE (nonce 1) is the bridge.
    const auto bridge = r.bridge();
    ASSERT_TRUE(bridge.has_value()) << bridge.error();
    EXPECT_EQ(*bridge, execution::create_address(rollup, 1));

    // EXECUTE's fee read directly agrees with the rollup's executeBaseFee() view.
    const auto fee = r.execute_base_fee();
    ASSERT_TRUE(fee.has_value()) << fee.error();
    const auto via_rollup = r.call(rollup, node::rollup_abi::view_call("executeBaseFee()"));
    ASSERT_TRUE(via_rollup.has_value()) << via_rollup.error();
    EXPECT_EQ(*fee, node::rollup_abi::decode_uint(*via_rollup).value());
    EXPECT_GT(*fee, uint256{0});

    EXPECT_EQ(r.deposit_root().value(), Hash256{});
}

TEST_F(RollupL1Test, FollowsTheDepositChain)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    const auto alice = "0x00000000000000000000000000000000000a11ce"_addr;
    const auto bob = "0x000000000000000000000000000000000000b0b0"_addr;
    deposit(0, alice, kOneEther);
    deposit(1, bob, kOneEther * 2);

    const auto root = r.deposit_root();
    ASSERT_TRUE(root.has_value()) << root.error();
    EXPECT_NE(*root, Hash256{});

    const auto all = r.deposits_between(0, Hash256{}, *root);
    ASSERT_TRUE(all.has_value()) << all.error();
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].nonce, 0u);
    EXPECT_EQ((*all)[0].sender, depositor_key.address);
    EXPECT_EQ((*all)[0].l2_recipient, alice);
    EXPECT_EQ((*all)[0].amount, kOneEther);
    EXPECT_EQ((*all)[1].l2_recipient, bob);
    EXPECT_EQ((*all)[1].amount, kOneEther * 2);
    EXPECT_EQ((*all)[1].root, *root);

    // From the first deposit's root: only the second.
    const auto rest = r.deposits_between(1, (*all)[0].root, *root);
    ASSERT_TRUE(rest.has_value()) << rest.error();
    ASSERT_EQ(rest->size(), 1u);
    EXPECT_EQ((*rest)[0].nonce, 1u);

    EXPECT_TRUE(r.deposits_between(2, *root, *root).value().empty());
    EXPECT_FALSE(r.deposits_between(0, Hash256{}, small_word(1)).has_value());
    // A wrong starting root does not chain to the published roots.
    EXPECT_FALSE(r.deposits_between(0, small_word(2), *root).has_value());

    // The claim for them is exactly what L2Bridge.claimDeposits expects to replay.
    const Bytes claim = node::rollup_abi::encode_claim_deposits(*all);
    EXPECT_EQ(claim.size(), 4u + 32 * 2 + 2 * 3 * 32);
}

TEST_F(RollupL1Test, AnInvalidAdvanceFailsClearly)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    node::rollup_abi::AdvanceCall bogus;
    bogus.post_state_root = small_word(5);
    bogus.gas_used = 21000;
    bogus.header = Bytes{0xc0};
    bogus.witness = Bytes{0xc0};

    // Estimated first: rejected before anything is sent.
    const uint64_t nonce_before = client->get_transaction_count(proposer_key.address);
    const auto estimated = r.submit_advance(bogus);
    ASSERT_FALSE(estimated.has_value());
    EXPECT_NE(estimated.error().find("advance() would revert"), std::string::npos)
        << estimated.error();
    EXPECT_EQ(client->get_transaction_count(proposer_key.address), nonce_before);

    // Forced with a fixed gas limit: mined, reverted, reported; the head did not move.
    const auto forced = r.submit_advance(bogus, 3'000'000, std::chrono::seconds{30});
    ASSERT_FALSE(forced.has_value());
    EXPECT_NE(forced.error().find("advance() reverted in L1 transaction 0x"), std::string::npos)
        << forced.error();
    EXPECT_EQ(client->get_transaction_count(proposer_key.address), nonce_before + 1);
    EXPECT_EQ(r.head().value().number, 0u);
}

/// An L2 node sequenced onto the fixture's rollup.
struct L2Fixture
{
    L2Fixture(const node::L2GenesisConfig& genesis, const Address& proposer)
    {
        auto spec = node::l2_chain_spec(genesis);
        if (!spec) throw std::runtime_error("l2_chain_spec failed");
        node::NodeConfig config;
        config.spec = *spec;
        config.datadir = dir.path();
        config.store.sync = false;
        config.mining = node::MiningMode::kManual;
        config.payload_hook = node::SequencerAnchor::hook(anchor, proposer);
        auto opened = node::Node::open(std::move(config));
        if (!opened) throw std::runtime_error("cannot open the L2 node: " + opened.error());
        l2 = std::move(*opened);
        l2->start();
    }
    ~L2Fixture() { l2->stop(); }

    /// The L2 balance of `a` at the head.
    uint256 balance(const Address& a) const
    {
        const auto account = l2->head()->state->account(a);
        EXPECT_TRUE(account.has_value());
        return account.has_value() && *account ? (*account)->balance : uint256{0};
    }

    NodeTempDir dir;
    std::shared_ptr<node::SequencerAnchor> anchor = std::make_shared<node::SequencerAnchor>();
    std::unique_ptr<node::Node> l2;
};

TEST_F(RollupL1Test, SequencerSettlesEveryBlockAndRelaysDeposits)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    L2Fixture f(l2_genesis, proposer_key.address);
    node::RollupSequencer seq(*f.l2, f.anchor, r, relayer_key.secret);

    // An empty block, anchored at zero (no deposit yet).
    const auto first = seq.step();
    ASSERT_TRUE(first.has_value()) << first.error();
    EXPECT_EQ(first->block_number, 1u);
    EXPECT_EQ(first->deposits_claimed, 0u);
    auto head = r.head().value();
    EXPECT_EQ(head.number, 1u);
    EXPECT_EQ(head.block_hash, first->block_hash);
    EXPECT_EQ(head.state_root, f.l2->head()->header.state_root);

    // A deposit on L1 reaches L2 in the next block.
    const auto alice = "0x00000000000000000000000000000000000a11ce"_addr;
    deposit(0, alice, kOneEther);
    const auto second = seq.step();
    ASSERT_TRUE(second.has_value()) << second.error();
    EXPECT_EQ(second->deposits_claimed, 1u);
    EXPECT_EQ(f.balance(alice), kOneEther);
    EXPECT_EQ(f.l2->head()->header.parent_beacon_block_root, r.deposit_root().value());
    head = r.head().value();
    EXPECT_EQ(head.number, 2u);
    EXPECT_EQ(head.state_root, f.l2->head()->header.state_root);

    // Nothing new: no second claim.
    const auto third = seq.step();
    ASSERT_TRUE(third.has_value()) << third.error();
    EXPECT_EQ(third->deposits_claimed, 0u);
    EXPECT_EQ(f.balance(alice), kOneEther);
}

TEST_F(RollupL1Test, SequencerResubmitsOnlyUnsettledBlocks)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    L2Fixture f(l2_genesis, proposer_key.address);
    {
        node::RollupSequencer seq(*f.l2, f.anchor, r, relayer_key.secret);
        ASSERT_TRUE(seq.step().has_value());
    }
    // A "crash" after mining two blocks that were never settled.
    ASSERT_TRUE(f.l2->mine(2, std::nullopt).has_value());
    EXPECT_EQ(r.head().value().number, 1u);

    node::RollupSequencer restarted(*f.l2, f.anchor, r, relayer_key.secret);
    const auto sent = restarted.catch_up();
    ASSERT_TRUE(sent.has_value()) << sent.error();
    EXPECT_EQ(*sent, 2u);
    const auto head = r.head().value();
    EXPECT_EQ(head.number, 3u);
    EXPECT_EQ(head.state_root, f.l2->head()->header.state_root);
    EXPECT_EQ(head.block_hash, f.l2->head()->hash);
    // Caught up: nothing is sent twice.
    EXPECT_EQ(restarted.catch_up().value(), 0u);
    const uint64_t nonce = client->get_transaction_count(proposer_key.address);
    EXPECT_EQ(restarted.catch_up().value(), 0u);
    EXPECT_EQ(client->get_transaction_count(proposer_key.address), nonce);
}

}  // namespace
