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
#include <ultra/node/rollup_driver.hpp>
#include <ultra/node/rollup_l1.hpp>
#include <ultra/rpc/server.hpp>

#include "contracts/abi.hpp"
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
    // The contract's custom error by name: the header [] does not make a block for EXECUTE.
    EXPECT_NE(estimated.error().find("(InvalidBlock())"), std::string::npos) << estimated.error();
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
        config.payload_hook = node::RollupAnchor::hook(anchor, proposer);
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
    std::shared_ptr<node::RollupAnchor> anchor = std::make_shared<node::RollupAnchor>();
    std::unique_ptr<node::Node> l2;
};

TEST_F(RollupL1Test, SequencerSettlesEveryBlockAndRelaysDeposits)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    L2Fixture f(l2_genesis, proposer_key.address);
    node::RollupDriver seq(*f.l2, f.anchor, r, relayer_key.secret);

    // An empty block, anchored at zero (no deposit yet).
    const auto first = seq.step();
    ASSERT_TRUE(first.has_value()) << first.error();
    EXPECT_EQ(first->block_number, std::optional<uint64_t>{1});
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
        node::RollupDriver seq(*f.l2, f.anchor, r, relayer_key.secret);
        ASSERT_TRUE(seq.step().has_value());
    }
    // A "crash" after mining two blocks that were never settled.
    ASSERT_TRUE(f.l2->mine(2, std::nullopt).has_value());
    EXPECT_EQ(r.head().value().number, 1u);

    node::RollupDriver restarted(*f.l2, f.anchor, r, relayer_key.secret);
    const auto sent = restarted.sync();
    ASSERT_TRUE(sent.has_value()) << sent.error();
    EXPECT_EQ(sent->resubmitted, 2u);
    EXPECT_EQ(sent->imported, 0u);
    const auto head = r.head().value();
    EXPECT_EQ(head.number, 3u);
    EXPECT_EQ(head.state_root, f.l2->head()->header.state_root);
    EXPECT_EQ(head.block_hash, f.l2->head()->hash);
    // Caught up: nothing is sent twice.
    EXPECT_EQ(restarted.sync().value().resubmitted, 0u);
    const uint64_t nonce = client->get_transaction_count(proposer_key.address);
    EXPECT_EQ(restarted.sync().value().resubmitted, 0u);
    EXPECT_EQ(client->get_transaction_count(proposer_key.address), nonce);
}

/// An L2 transaction on the fixture's L2 chain.
Transaction l2_tx(const TestKey& key, uint64_t nonce, const Address& to, const uint256& value)
{
    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = kL2ChainId;
    tx.nonce = nonce;
    tx.to = to;
    tx.value = value;
    tx.gas_limit = 21'000;
    tx.max_fee_per_gas = uint256{10'000'000'000};
    tx.max_priority_fee_per_gas = uint256{1'000'000'000};
    return signed_tx(tx, key);
}

TEST_F(RollupL1Test, AFollowerFromScratchReachesTheProposersRoot)
{
    node::RollupL1 r(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    L2Fixture proposer(l2_genesis, proposer_key.address);
    node::RollupDriver seq(*proposer.l2, proposer.anchor, r, relayer_key.secret);
    ASSERT_TRUE(seq.check_genesis().has_value());

    // Three blocks: a deposit, then a transfer on L2.
    const auto alice = "0x00000000000000000000000000000000000a11ce"_addr;
    deposit(0, alice, kOneEther);
    ASSERT_TRUE(seq.step().has_value());
    ASSERT_TRUE(proposer.l2->submit(l2_tx(relayer_key, 1, alice, uint256{7})).has_value());
    ASSERT_TRUE(seq.step().has_value());
    ASSERT_TRUE(seq.step().has_value());
    const auto settled = r.head().value();
    ASSERT_EQ(settled.number, 3u);

    // A follower with no key, from an empty datadir, derives the chain from L1 alone.
    node::RollupL1 follower_l1(*client, rollup, Bytes32{}, node::kDevnetChainId);
    L2Fixture follower(l2_genesis, Address{});
    node::RollupDriver derive(*follower.l2, follower.anchor, follower_l1, Bytes32{},
                              {.role = node::RollupRole::kFollower, .include_inbox = true});
    ASSERT_TRUE(derive.check_genesis().has_value());
    const auto step = derive.step();
    ASSERT_TRUE(step.has_value()) << step.error();
    EXPECT_EQ(step->imported, 3u);
    EXPECT_FALSE(step->block_number.has_value());
    EXPECT_EQ(follower.l2->head()->hash, settled.block_hash);
    EXPECT_EQ(follower.l2->head()->header.state_root, settled.state_root);
    EXPECT_EQ(follower.balance(alice), kOneEther + uint256{7});
    // Every block is the proposer's, byte for byte.
    for (uint64_t n = 1; n <= 3; ++n)
        EXPECT_EQ(follower.l2->store().canonical_hash(n).value(),
                  proposer.l2->store().canonical_hash(n).value());

    // Nothing new: nothing imported; a new block is picked up by the next step.
    EXPECT_EQ(derive.step().value().imported, 0u);
    ASSERT_TRUE(seq.step().has_value());
    EXPECT_EQ(derive.step().value().imported, 1u);
    EXPECT_EQ(follower.l2->head()->hash, proposer.l2->head()->hash);
    // A restarted follower (no cursor) finds its place again.
    node::RollupDriver restarted(*follower.l2, follower.anchor, follower_l1, Bytes32{},
                                 {.role = node::RollupRole::kFollower, .include_inbox = true});
    EXPECT_EQ(restarted.step().value().imported, 0u);
}

TEST_F(RollupL1Test, AFollowerWithAnotherGenesisIsRefused)
{
    node::L2GenesisConfig other = l2_genesis;
    other.alloc[depositor_key.address].balance = uint256{1};
    node::RollupL1 follower_l1(*client, rollup, Bytes32{}, node::kDevnetChainId);
    L2Fixture follower(other, Address{});
    node::RollupDriver derive(*follower.l2, follower.anchor, follower_l1, Bytes32{},
                              {.role = node::RollupRole::kFollower, .include_inbox = true});
    const auto checked = derive.check_genesis();
    ASSERT_FALSE(checked.has_value());
    EXPECT_NE(checked.error().find("deployed with L2 genesis 0x" + to_hex(genesis_hash.view())),
              std::string::npos)
        << checked.error();
}

TEST_F(RollupL1Test, CompetingProposersShareOneChain)
{
    // Two based proposers on one rollup, each with its own L2 node and pool.
    const TestKey other_key = make_test_key(3);
    node::RollupL1 ra(*client, rollup, proposer_key.secret, node::kDevnetChainId);
    node::RollupL1 rb(*client, rollup, other_key.secret, node::kDevnetChainId);
    L2Fixture a(l2_genesis, proposer_key.address);
    L2Fixture b(l2_genesis, other_key.address);
    node::RollupDriver pa(*a.l2, a.anchor, ra, relayer_key.secret,
                          {.role = node::RollupRole::kProposer, .include_inbox = true});
    node::RollupDriver pb(*b.l2, b.anchor, rb, relayer_key.secret,
                          {.role = node::RollupRole::kProposer, .include_inbox = true});

    // Nothing pooled: a based proposer does not propose.
    EXPECT_EQ(pa.step().value().idle, "nothing to propose");

    // A user's transaction reaches B's pool only; A proposes first with its own.
    const auto carol = "0x00000000000000000000000000000000000ca201"_addr;
    ASSERT_TRUE(a.l2->submit(l2_tx(relayer_key, 0, carol, uint256{1})).has_value());
    ASSERT_TRUE(b.l2->submit(l2_tx(relayer_key, 1, carol, uint256{2})).has_value());
    const auto first = pa.step();
    ASSERT_TRUE(first.has_value()) << first.error();
    EXPECT_EQ(first->block_number, std::optional<uint64_t>{1});

    // B built nothing on the old head: it imports A's block 1 and proposes block 2 on it, with
    // its pooled transaction (nonce 1 follows A's nonce 0). Its coinbase is its own.
    const auto second = pb.step();
    ASSERT_TRUE(second.has_value()) << second.error();
    EXPECT_EQ(second->imported, 1u);
    EXPECT_EQ(second->block_number, std::optional<uint64_t>{2});
    EXPECT_EQ(b.l2->head()->header.coinbase, other_key.address);
    EXPECT_EQ(b.balance(carol), uint256{3});

    // A imports B's block; both nodes hold the chain L1 settled.
    const auto third = pa.step();
    ASSERT_TRUE(third.has_value()) << third.error();
    EXPECT_EQ(third->imported, 1u);
    const auto head = ra.head().value();
    EXPECT_EQ(head.number, 2u);
    EXPECT_EQ(a.l2->head()->hash, head.block_hash);
    EXPECT_EQ(b.l2->head()->hash, head.block_hash);
    EXPECT_EQ(a.balance(carol), uint256{3});
    // A's pool forgot the transaction B's block... and its own included one.
    EXPECT_EQ(a.l2->mempool().pending_count(), 0u);
}

TEST_F(RollupL1Test, ACensoringSequencerLosesExclusivityToTheInbox)
{
    // A Sequenced rollup: the proposer key is the only sequencer; forced inclusion after 0 s.
    node::rollup_abi::RollupConfig rc;
    rc.chain_id = kL2ChainId;
    rc.sequencing = 1;
    rc.sequencers = {proposer_key.address};
    rc.forced_inclusion_delay = 0;
    const uint64_t nonce = client->get_transaction_count(proposer_key.address);
    l1->submit_and_wait(devnet_tx(
        proposer_key, nonce, std::nullopt, uint256{0},
        node::rollup_abi::native_rollup_creation_code(rc, genesis_root, genesis_hash), 10'000'000));
    const Address sequenced = execution::create_address(proposer_key.address, nonce);

    const TestKey outsider_key = make_test_key(3);
    node::RollupL1 rs(*client, sequenced, proposer_key.secret, node::kDevnetChainId);
    node::RollupL1 ro(*client, sequenced, outsider_key.secret, node::kDevnetChainId);
    L2Fixture s(l2_genesis, proposer_key.address);
    L2Fixture o(l2_genesis, outsider_key.address);
    node::RollupDriver censor(*s.l2, s.anchor, rs, relayer_key.secret,
                              {.role = node::RollupRole::kSequencer, .include_inbox = false});
    node::RollupDriver outsider(*o.l2, o.anchor, ro, relayer_key.secret,
                                {.role = node::RollupRole::kProposer, .include_inbox = true});
    ASSERT_TRUE(censor.step().has_value());
    // The outsider has a transaction but may not advance.
    const auto dave = "0x00000000000000000000000000000000000da7e0"_addr;
    ASSERT_TRUE(o.l2->submit(l2_tx(relayer_key, 0, dave, uint256{5})).has_value());
    const auto refused = outsider.step();
    ASSERT_TRUE(refused.has_value()) << refused.error();
    EXPECT_EQ(refused->imported, 1u);
    EXPECT_FALSE(refused->block_number.has_value());
    EXPECT_EQ(refused->idle, "not a sequencer, and no queued transaction is overdue");

    // A user queues a transaction in the inbox; the sequencer leaves it out.
    const Transaction queued = l2_tx(relayer_key, 0, dave, uint256{11});
    const Bytes envelope = encode_transaction(queued);
    const Bytes call = test::abi::call("enqueue(bytes)", {test::abi::bytes(envelope)});
    l1->submit_and_wait(devnet_tx(depositor_key, 0, sequenced, uint256{0}, call, 200'000));
    const auto censored = censor.step();
    ASSERT_TRUE(censored.has_value()) << censored.error();
    EXPECT_EQ(censored->inbox_included, 0u);

    // Past the deadline anyone may advance: the outsider includes the queued transaction
    // first (its own pooled one, same nonce, is left out).
    const auto forced = outsider.step();
    ASSERT_TRUE(forced.has_value()) << forced.error();
    EXPECT_EQ(forced->imported, 1u);
    ASSERT_TRUE(forced->block_number.has_value());
    EXPECT_EQ(forced->inbox_included, 1u);
    EXPECT_EQ(o.balance(dave), uint256{11});
    const auto inbox_head = node::rollup_abi::decode_uint(
        ro.call(sequenced, node::rollup_abi::view_call("inboxHead()")).value());
    EXPECT_EQ(inbox_head.value(), uint256{1});
    // Included: exclusivity is back, the outsider may no longer advance.
    EXPECT_FALSE(ro.may_advance().value());
    // The sequencer imports the outsider's block and goes on.
    const auto after = censor.step();
    ASSERT_TRUE(after.has_value()) << after.error();
    EXPECT_EQ(after->imported, 1u);
    EXPECT_TRUE(after->block_number.has_value());
    EXPECT_EQ(s.balance(dave), uint256{11});
}

}  // namespace
