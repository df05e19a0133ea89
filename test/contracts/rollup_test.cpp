// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// NativeRollup on our own L1 with EXECUTE: deployment, advance() with valid L2 blocks (the head,
// the ring buffer, the event, the execute fee burned and the excess refunded), every revert path
// of advance(), forced inclusion in a sequenced rollup, the three governance modes, and two
// rollups on one L1. Expected values come from the tests' own L2 blocks and the fee rule
// (gasUsed × the execute base fee, pinned at its 1 gwei floor), never from the contract alone.

#include <gtest/gtest.h>

#include <iostream>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/wallet/signer.hpp>

#include "harness.hpp"

namespace ultra::test::rollup {
namespace {

using namespace ultra::literals;

const Hash256 kBlockAdvanced =
    abi::event_topic("BlockAdvanced(uint256,bytes32,bytes32,address,uint256)");
const Hash256 kTransactionEnqueued =
    abi::event_topic("TransactionEnqueued(uint256,bytes32,address,bytes)");
const Hash256 kQueuedTransactionIncluded =
    abi::event_topic("QueuedTransactionIncluded(uint256,bytes32,uint256)");
const Hash256 kChangeScheduled = abi::event_topic("ChangeScheduled(bytes32,bytes,uint256)");

uint256 as_uint(const Bytes32& w)
{
    return from_bytes32(w);
}

Bytes32 address_word(const Address& a)
{
    return abi::word(a).word;
}

/// The deposit chain's next root, computed here: keccak256(abi.encode(root, nonce, sender,
/// recipient, amount)).
Hash256 next_deposit_root(const Hash256& root,
                          uint64_t nonce,
                          const Address& sender,
                          const Address& recipient,
                          const uint256& amount)
{
    return keccak256(
        abi::encode_tuple({abi::word(root), abi::word(uint256{nonce}), abi::word(sender),
                           abi::word(recipient), abi::word(amount)}));
}

// ---------------------------------------------------------------------------------------------
// Deployment and views
// ---------------------------------------------------------------------------------------------

TEST(NativeRollup, DeploysWithTheGenesisHeadAndItsBridge)
{
    RollupWorld w;
    EXPECT_EQ(w.rollup, create_address_of(w.keys.deployer.address, 0));
    // The constructor's CREATE: the rollup's first nonce is 1 (EIP-161).
    EXPECT_EQ(w.bridge, create_address_of(w.rollup, 1));
    EXPECT_EQ(w.rollup_word("stateRoot()"), w.l2.genesis.block.header.state_root);
    EXPECT_EQ(w.rollup_word("blockHash()"),
              keccak256(encode_block_header(w.l2.genesis.block.header)));
    EXPECT_EQ(as_uint(w.rollup_word("blockNumber()")), 0);
    EXPECT_EQ(as_uint(w.rollup_word("chainId()")), kL2ChainId);
    EXPECT_EQ(as_uint(w.rollup_word("l2GasLimit()")), 30'000'000);
    EXPECT_EQ(w.rollup_word("execute()"), address_word(kExecuteAddress));
    EXPECT_EQ(w.rollup_word("stateRootAt(uint256)", {abi::word(uint256{0})}),
              w.l2.genesis.block.header.state_root);
    EXPECT_EQ(as_uint(w.rollup_word("settledAt(uint256)", {abi::word(uint256{0})})),
              w.l1.head.timestamp);
    EXPECT_TRUE(reverts_with(
        w.l1.call(Address{}, w.rollup, abi::call("stateRootAt(uint256)", {abi::word(uint256{1})})),
        abi::error("StateRootUnavailable(uint256)", {abi::word(uint256{1})})));
    EXPECT_EQ(w.bridge_word("rollup()"), address_word(w.rollup));
    EXPECT_EQ(as_uint(w.bridge_word("depositCount()")), 0);
    // The execute base fee is the market's floor; requiredFee is gasUsed times it.
    EXPECT_EQ(as_uint(w.rollup_word("executeBaseFee()")), kExecuteBaseFee);
    EXPECT_EQ(as_uint(w.rollup_word("requiredFee(uint64)", {abi::word(uint256{21'000})})),
              kExecuteBaseFee * 21'000);
    // Nothing queued.
    EXPECT_EQ(as_uint(w.rollup_word("inboxLength()")), 0);
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionOpen()")), 0);

    // A second copy deploys as well, at the deployer's next CREATE address, with its own bridge.
    const Receipt again =
        w.l1.send(w.keys.deployer, std::nullopt, 0,
                  rollup_init_code(w.config, w.l2.head.state_root, w.l2.genesis.hash), 16'000'000);
    ASSERT_TRUE(again.success);
    const Address second = create_address_of(w.keys.deployer.address, 1);
    EXPECT_EQ(abi::address_at(w.l1.view(second, abi::call("bridge()")), 0),
              create_address_of(second, 1));
    std::cout << "NativeRollup deployment gas (with its L1Bridge): " << again.gas_used << "\n";
}

TEST(NativeRollup, ConstructorRejectsBadSettings)
{
    L1Chain l1;
    const Keys keys;
    RollupConfig c;
    c.chain_id = 0;
    EXPECT_TRUE(reverts_with(
        l1.call(keys.deployer.address, std::nullopt, rollup_init_code(c, Hash256{}, Hash256{})),
        abi::error("InvalidConfig(string)", {abi::bytes(to_bytes_view("chainId"))})));
    c.chain_id = 1;
    c.coinbase_policy = 1;  // Treasury without a treasury
    EXPECT_TRUE(reverts_with(
        l1.call(keys.deployer.address, std::nullopt, rollup_init_code(c, Hash256{}, Hash256{})),
        abi::error("InvalidConfig(string)", {abi::bytes(to_bytes_view("treasury"))})));
    c.coinbase_policy = 0;
    c.governance = 1;  // Owner without an owner
    EXPECT_TRUE(reverts_with(
        l1.call(keys.deployer.address, std::nullopt, rollup_init_code(c, Hash256{}, Hash256{})),
        abi::error("InvalidConfig(string)", {abi::bytes(to_bytes_view("owner"))})));
    // And a deployment transaction with a bad setting fails on chain.
    c.governance = 0;
    c.l2_gas_limit = 0;
    const Receipt r =
        l1.send(keys.deployer, std::nullopt, 0, rollup_init_code(c, {}, {}), 16'000'000);
    EXPECT_FALSE(r.success);
}

// ---------------------------------------------------------------------------------------------
// advance()
// ---------------------------------------------------------------------------------------------

TEST(NativeRollup, AdvanceSettlesAValidBlockBurnsTheFeeAndRefundsTheExcess)
{
    RollupWorld w;
    const Keys& k = w.keys;
    const Transaction transfer = w.l2.tx(k.relayer, k.user.address, kEther, {}, 21'000);
    const L2Block b = w.build({transfer}, k.proposer.address);
    ASSERT_TRUE(b.rejected.empty());
    ASSERT_EQ(b.receipts.size(), 1u);
    ASSERT_TRUE(b.receipts[0].success);
    const uint64_t gas_used = b.block.header.gas_used;
    ASSERT_EQ(gas_used, 21'000u);
    const uint256 fee = kExecuteBaseFee * 21'000;

    const uint256 proposer_before = w.l1.balance(k.proposer.address);
    const Receipt r = w.advance(k.proposer, b, fee * 3);
    ASSERT_TRUE(r.success);

    // The head and the ring buffer.
    EXPECT_EQ(w.rollup_word("stateRoot()"), b.block.header.state_root);
    EXPECT_EQ(w.rollup_word("blockHash()"), keccak256(b.header));
    EXPECT_EQ(as_uint(w.rollup_word("blockNumber()")), 1);
    EXPECT_EQ(w.rollup_word("stateRootAt(uint256)", {abi::word(uint256{1})}),
              b.block.header.state_root);
    EXPECT_EQ(w.rollup_word("stateRootAt(uint256)", {abi::word(uint256{0})}),
              w.l2.genesis.block.header.state_root);
    EXPECT_EQ(as_uint(w.rollup_word("settledAt(uint256)", {abi::word(uint256{1})})),
              w.l1.head.timestamp);

    // BlockAdvanced(1, hash, root, proposer, burned): burned = the L2 base fee × gas used.
    const uint256 burned = *b.block.header.base_fee_per_gas * gas_used;
    EXPECT_GT(burned, 0);
    const auto log = find_log(r, w.rollup, kBlockAdvanced);
    ASSERT_TRUE(log.has_value());
    ASSERT_EQ(log->topics.size(), 2u);
    EXPECT_EQ(as_uint(log->topics[1]), 1);
    ASSERT_EQ(log->data.size(), 4 * 32u);
    EXPECT_EQ(abi::word_at(log->data, 0), keccak256(b.header));
    EXPECT_EQ(abi::word_at(log->data, 1), b.block.header.state_root);
    EXPECT_EQ(abi::address_at(log->data, 2), k.proposer.address);
    EXPECT_EQ(abi::uint_at(log->data, 3), burned);
    EXPECT_EQ(as_uint(w.rollup_word("totalBurnedFees()")), burned);

    // The proposer paid its gas and exactly the fee: the 2 × fee excess came back. Nothing
    // stays in the rollup or in EXECUTE, and EXECUTE counted the block's 21,000 gas.
    EXPECT_EQ(proposer_before - w.l1.balance(k.proposer.address), r.gas_cost() + fee);
    EXPECT_EQ(w.l1.balance(w.rollup), 0);
    EXPECT_EQ(w.l1.balance(kExecuteAddress), 0);
    EXPECT_EQ(from_bytes32(w.l1.state.storage(kExecuteAddress, to_bytes32(uint256{1})).value()),
              21'000);
    std::cout << "advance() gas, 1-transfer L2 block (" << b.witness.size() << "-byte witness, "
              << advance_calldata(b).size() << "-byte calldata): " << r.gas_used << "\n";

    // Block 2 on top, empty: the chain goes on, the ring buffer keeps both.
    const L2Block b2 = w.build({}, k.proposer.address);
    EXPECT_EQ(b2.block.header.parent_hash, keccak256(b.header));
    const Receipt r2 = w.advance(k.proposer, b2, RollupWorld::fee(b2.block.header.gas_used));
    ASSERT_TRUE(r2.success);
    std::cout << "advance() gas, empty L2 block (" << b2.witness.size()
              << "-byte witness): " << r2.gas_used << "\n";
    EXPECT_EQ(as_uint(w.rollup_word("blockNumber()")), 2);
    EXPECT_EQ(w.rollup_word("blockHash()"), keccak256(b2.header));
    EXPECT_EQ(w.rollup_word("stateRootAt(uint256)", {abi::word(uint256{1})}),
              b.block.header.state_root);
    EXPECT_EQ(w.rollup_word("stateRootAt(uint256)", {abi::word(uint256{2})}),
              b2.block.header.state_root);
    // The recipient has the ether on L2 (the L2 side of the test's own construction).
    EXPECT_EQ(w.l2.state.find(k.user.address)->balance, kEther);
}

TEST(NativeRollup, TransactionsOfEveryEncodingSettle)
{
    // The trace NativeRollup builds must be byte-exact for EXECUTE's strict decoder: a legacy
    // transaction (an RLP list, wrapped in a string), an EIP-2930 and an EIP-1559 envelope, and
    // a 70,000-byte call whose string and the whole trace need 3-byte RLP lengths.
    RollupWorld w;
    const Keys& k = w.keys;
    Transaction legacy;
    legacy.chain_id = kL2ChainId;  // EIP-155
    legacy.nonce = 0;
    legacy.set_gas_price(kGweiWei * 2);
    legacy.gas_limit = 21'000;
    legacy.to = k.user.address;
    legacy.value = 1;
    ASSERT_TRUE(wallet::sign_transaction(legacy, k.relayer.secret));
    Transaction access_list = legacy;
    access_list.type = TxType::kAccessList;
    access_list.nonce = 1;
    access_list.access_list = {{k.user.address, {Bytes32{}}}};
    access_list.gas_limit = 30'000;
    ASSERT_TRUE(wallet::sign_transaction(access_list, k.relayer.secret));
    w.l2.nonces[k.relayer.address] = 2;
    const Transaction big = w.l2.tx(k.relayer, k.user.address, 3, Bytes(70'000, 0x5a), 3'000'000);

    const L2Block b = w.build({legacy, access_list, big}, k.proposer.address);
    ASSERT_TRUE(b.rejected.empty());
    ASSERT_EQ(b.receipts.size(), 3u);
    for (const auto& r : b.receipts) EXPECT_TRUE(r.success);
    EXPECT_EQ(b.transactions[0].front(), 0xf8);  // a legacy list
    EXPECT_EQ(b.transactions[1].front(), 0x01);
    EXPECT_GT(b.transactions[2].size(), 65'536u);
    const Receipt r = w.advance(k.proposer, b);
    ASSERT_TRUE(r.success);
    EXPECT_EQ(w.rollup_word("stateRoot()"), b.block.header.state_root);
    EXPECT_EQ(w.l2.state.find(k.user.address)->balance, 5);
}

TEST(NativeRollup, AnInvalidBlockReverts)
{
    RollupWorld w;
    const Keys& k = w.keys;
    const Transaction transfer = w.l2.tx(k.relayer, k.user.address, kEther, {}, 21'000);
    const L2Block b = w.build({transfer}, k.proposer.address);
    const uint256 fee = RollupWorld::fee(b.block.header.gas_used);

    // A wrong post-state root: EXECUTE answers valid = false.
    const Hash256 wrong = keccak256(to_bytes_view("not the post-state root"));
    const Bytes wrong_root = advance_calldata(b, wrong);
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.proposer, b, fee * 2, wrong_root),
                             abi::error("InvalidBlock()")));
    // A wrong gas used (priced correctly for what it claims).
    EXPECT_TRUE(reverts_with(
        w.simulate_advance(k.proposer, b, fee * 2,
                           advance_calldata(b, std::nullopt, b.block.header.gas_used + 1)),
        abi::error("InvalidBlock()")));
    // A transaction left out of the body (the header's transactions root no longer matches).
    L2Block stripped = b;
    stripped.transactions.clear();
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.proposer, stripped, fee * 2),
                             abi::error("InvalidBlock()")));
    // A witness without its nodes.
    L2Block no_witness = b;
    no_witness.witness = "0xc3c0c0c0"_hex;
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.proposer, no_witness, fee * 2),
                             abi::error("InvalidBlock()")));

    // Mined: the transaction fails, the head stays, the proposer loses only its gas (the fee
    // burned by EXECUTE is undone with the rest of the reverted call).
    const uint256 before = w.l1.balance(k.proposer.address);
    const Receipt r = w.l1.send(k.proposer, w.rollup, fee * 2, wrong_root);
    EXPECT_FALSE(r.success);
    EXPECT_EQ(before - w.l1.balance(k.proposer.address), r.gas_cost());
    EXPECT_EQ(as_uint(w.rollup_word("blockNumber()")), 0);
    EXPECT_EQ(w.rollup_word("stateRoot()"), w.l2.genesis.block.header.state_root);
    // The valid block still settles afterwards.
    EXPECT_TRUE(w.advance(k.proposer, b).success);
}

TEST(NativeRollup, ABlockNotOnTheHeadReverts)
{
    // A parent with the head's state root but another number or hash: EXECUTE checks the
    // transition from the pre-state root only and finds the block valid; the rollup's policy
    // rejects it.
    RollupWorld w;
    const Keys& k = w.keys;
    const uint64_t ts = w.l1.next_timestamp();

    BlockHeader renumbered = w.l2.head;
    renumbered.number = 4;
    const L2Block b5 = w.l2.build_on(renumbered, w.l2.state, {}, k.proposer.address, {}, ts);
    ASSERT_EQ(b5.block.header.number, 5u);
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.proposer, b5),
                             abi::error("WrongBlockNumber(uint256,uint256)",
                                        {abi::word(uint256{1}), abi::word(uint256{5})})));

    BlockHeader sibling = w.l2.head;
    sibling.extra_data = Bytes{to_bytes_view("another genesis")};
    const L2Block b1 = w.l2.build_on(sibling, w.l2.state, {}, k.proposer.address, {}, ts);
    ASSERT_EQ(b1.block.header.number, 1u);
    EXPECT_TRUE(
        reverts_with(w.simulate_advance(k.proposer, b1),
                     abi::error("WrongParentHash(bytes32,bytes32)",
                                {abi::word(w.l2.genesis.hash), abi::word(header_hash(sibling))})));
}

TEST(NativeRollup, AFutureTimestampReverts)
{
    RollupWorld w;
    const uint64_t l1_time = w.l1.next_timestamp();
    const L2Block b = w.l2.build({}, w.keys.proposer.address, {}, l1_time + 1);
    EXPECT_TRUE(
        reverts_with(w.simulate_advance(w.keys.proposer, b),
                     abi::error("TimestampInFuture(uint256,uint256)",
                                {abi::word(uint256{l1_time + 1}), abi::word(uint256{l1_time})})));
    // At exactly the L1 time it settles.
    const L2Block now = w.l2.build({}, w.keys.proposer.address, {}, l1_time);
    EXPECT_TRUE(w.advance(w.keys.proposer, now).success);
}

TEST(NativeRollup, AGasLimitAboveTheMaximumReverts)
{
    RollupConfig c;
    c.l2_gas_limit = 29'999'999;  // the L2 genesis has 30,000,000
    RollupWorld w{c};
    const L2Block b = w.build({}, w.keys.proposer.address);
    ASSERT_EQ(b.block.header.gas_limit, 30'000'000u);
    EXPECT_TRUE(
        reverts_with(w.simulate_advance(w.keys.proposer, b),
                     abi::error("GasLimitTooHigh(uint256,uint256)",
                                {abi::word(uint256{30'000'000}), abi::word(uint256{29'999'999})})));
}

TEST(NativeRollup, AnAnchorMustBeAPublishedDepositRoot)
{
    RollupWorld w;
    const Keys& k = w.keys;
    const Hash256 unknown = keccak256(to_bytes_view("not a deposit root"));
    EXPECT_TRUE(
        reverts_with(w.simulate_advance(k.proposer, w.build({}, k.proposer.address, unknown)),
                     abi::error("UnknownAnchor(bytes32)", {abi::word(unknown)})));

    // After a deposit, a zero anchor is no longer accepted; the published root is.
    const Receipt d = w.l1.send(k.user, w.bridge, kEther,
                                abi::call("deposit(address)", {abi::word(k.user.address)}));
    ASSERT_TRUE(d.success);
    const Hash256 root = next_deposit_root(Hash256{}, 0, k.user.address, k.user.address, kEther);
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.proposer, w.build({}, k.proposer.address)),
                             abi::error("UnknownAnchor(bytes32)", {abi::word(Hash256{})})));
    EXPECT_TRUE(w.simulate_advance(k.proposer, w.build({}, k.proposer.address, root)).success());
    EXPECT_TRUE(w.advance(k.proposer, w.build({}, k.proposer.address, root)).success);
    // An older root stays valid (the chain only grows).
    ASSERT_TRUE(w.l1.send(k.user, w.bridge, kEther,
                          abi::call("deposit(address)", {abi::word(k.user.address)}))
                    .success);
    EXPECT_TRUE(w.advance(k.proposer, w.build({}, k.proposer.address, root)).success);
}

TEST(NativeRollup, TheCoinbasePolicyIsEnforced)
{
    {
        RollupWorld w;  // the proposer's
        const Keys& k = w.keys;
        EXPECT_TRUE(reverts_with(
            w.simulate_advance(k.proposer, w.build({}, k.stranger.address)),
            abi::error("WrongCoinbase(address,address)",
                       {abi::word(k.proposer.address), abi::word(k.stranger.address)})));
        // Whoever proposes must name itself.
        EXPECT_TRUE(w.advance(k.stranger, w.build({}, k.stranger.address)).success);
    }
    {
        const Address treasury = "0x00000000000000000000000000000000007ea5e7"_addr;
        RollupConfig c;
        c.coinbase_policy = 1;
        c.treasury = treasury;
        RollupWorld w{c};
        const Keys& k = w.keys;
        EXPECT_TRUE(reverts_with(w.simulate_advance(k.proposer, w.build({}, k.proposer.address)),
                                 abi::error("WrongCoinbase(address,address)",
                                            {abi::word(treasury), abi::word(k.proposer.address)})));
        EXPECT_TRUE(w.advance(k.proposer, w.build({}, treasury)).success);
    }
}

TEST(NativeRollup, TooLittleFeeReverts)
{
    RollupWorld w;
    const Keys& k = w.keys;
    const Transaction transfer = w.l2.tx(k.relayer, k.user.address, 1, {}, 21'000);
    const L2Block b = w.build({transfer}, k.proposer.address);
    const uint256 fee = kExecuteBaseFee * 21'000;
    EXPECT_TRUE(reverts_with(
        w.simulate_advance(k.proposer, b, fee - 1),
        abi::error("InsufficientFee(uint256,uint256)", {abi::word(fee), abi::word(fee - 1)})));
    EXPECT_TRUE(reverts_with(
        w.simulate_advance(k.proposer, b, 0),
        abi::error("InsufficientFee(uint256,uint256)", {abi::word(fee), abi::word(uint256{0})})));
    // The exact fee: nothing to refund.
    const uint256 before = w.l1.balance(k.proposer.address);
    const Receipt r = w.advance(k.proposer, b, fee);
    ASSERT_TRUE(r.success);
    EXPECT_EQ(before - w.l1.balance(k.proposer.address), r.gas_cost() + fee);
}

TEST(NativeRollup, AMissingExecuteReverts)
{
    RollupConfig c;
    c.execute = "0x0000000000000000000000000000000000000102"_addr;  // no precompile there
    RollupWorld w{c};
    EXPECT_TRUE(reverts_with(w.l1.call(Address{}, w.rollup, abi::call("executeBaseFee()")),
                             abi::error("ExecuteFailed()")));
    EXPECT_TRUE(
        reverts_with(w.simulate_advance(w.keys.proposer, w.build({}, w.keys.proposer.address)),
                     abi::error("ExecuteFailed()")));
}

TEST(NativeRollup, TheRingBufferForgetsOldRoots)
{
    RollupConfig c;
    c.state_root_history = 2;
    RollupWorld w{c};
    std::vector<Hash256> roots{w.l2.head.state_root};
    for (int i = 0; i < 3; ++i) {
        const L2Block b = w.build({}, w.keys.proposer.address);
        ASSERT_TRUE(w.advance(w.keys.proposer, b).success);
        roots.push_back(b.block.header.state_root);
    }
    for (uint64_t n = 0; n <= 4; ++n) {
        const Bytes data = abi::call("stateRootAt(uint256)", {abi::word(uint256{n})});
        if (n == 2 || n == 3) {
            EXPECT_EQ(abi::word_at(w.l1.view(w.rollup, data), 0), roots[n]) << n;
        } else {
            EXPECT_TRUE(
                reverts_with(w.l1.call(Address{}, w.rollup, data),
                             abi::error("StateRootUnavailable(uint256)", {abi::word(uint256{n})})))
                << n;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sequencing and forced inclusion
// ---------------------------------------------------------------------------------------------

TEST(NativeRollup, ForcedInclusionOpensTheRollupToEveryoneUntilTheQueuedTxIsIn)
{
    const Keys keys;
    RollupConfig c;
    c.sequencing = 1;
    c.sequencers = {keys.sequencer.address};
    c.forced_inclusion_delay = 60;
    RollupWorld w{c};
    const Keys& k = w.keys;
    EXPECT_EQ(as_uint(w.rollup_word("isSequencer(address)", {abi::word(k.sequencer.address)})), 1);

    // A stranger cannot advance; the sequencer can.
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.stranger, w.build({}, k.stranger.address)),
                             abi::error("NotSequencer(address)", {abi::word(k.stranger.address)})));
    ASSERT_TRUE(w.advance(k.sequencer, w.build({}, k.sequencer.address)).success);

    // The relayer's L2 transfer is queued on L1.
    const Transaction queued = w.l2.tx(k.relayer, k.user.address, kEther, {}, 21'000);
    const Bytes raw = encode_transaction(queued);
    const Receipt e =
        w.l1.send(k.user, w.rollup, 0, abi::call("enqueue(bytes)", {abi::bytes(raw)}));
    ASSERT_TRUE(e.success);
    const uint64_t queued_at = w.l1.head.timestamp;
    const auto enqueued = find_log(e, w.rollup, kTransactionEnqueued);
    ASSERT_TRUE(enqueued.has_value());
    ASSERT_EQ(enqueued->topics.size(), 3u);
    EXPECT_EQ(as_uint(enqueued->topics[1]), 0);
    EXPECT_EQ(enqueued->topics[2], keccak256(raw));
    EXPECT_EQ(abi::address_at(enqueued->data, 0), k.user.address);
    EXPECT_EQ(abi::uint_at(enqueued->data, 2), raw.size());
    EXPECT_EQ(Bytes(enqueued->data.substr(3 * 32, raw.size())), raw);
    EXPECT_EQ(as_uint(w.rollup_word("inboxLength()")), 1);
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionOpen()")), 0);

    // Before the deadline the sequencer keeps exclusivity, and may censor.
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.stranger, w.build({}, k.stranger.address)),
                             abi::error("NotSequencer(address)", {abi::word(k.stranger.address)})));
    ASSERT_TRUE(w.advance(k.sequencer, w.build({}, k.sequencer.address)).success);
    EXPECT_EQ(as_uint(w.rollup_word("inboxHead()")), 0);

    // Past the deadline (waited > 60 s), anyone may advance, with or without the transaction.
    w.l1.mine_until(queued_at + 60);
    ASSERT_GT(w.l1.next_timestamp(), queued_at + 60);
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionOpen()")), 1);
    ASSERT_TRUE(w.advance(k.stranger, w.build({}, k.stranger.address)).success);
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionOpen()")), 1);

    const L2Block with_tx = w.build({queued}, k.stranger.address);
    ASSERT_TRUE(with_tx.rejected.empty());
    ASSERT_TRUE(with_tx.receipts.at(0).success);
    const Receipt r = w.advance(k.stranger, with_tx);
    ASSERT_TRUE(r.success);
    const auto included = find_log(r, w.rollup, kQueuedTransactionIncluded);
    ASSERT_TRUE(included.has_value());
    EXPECT_EQ(as_uint(included->topics[1]), 0);
    EXPECT_EQ(included->topics[2], keccak256(raw));
    EXPECT_EQ(abi::uint_at(included->data, 0), 4);  // L2 block 4
    EXPECT_EQ(as_uint(w.rollup_word("inboxHead()")), 1);
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionOpen()")), 0);

    // Exclusivity is back.
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.stranger, w.build({}, k.stranger.address)),
                             abi::error("NotSequencer(address)", {abi::word(k.stranger.address)})));
    EXPECT_TRUE(w.advance(k.sequencer, w.build({}, k.sequencer.address)).success);
}

TEST(NativeRollup, QueuedTransactionsAreMarkedInQueueOrder)
{
    const Keys keys;
    node::L2GenesisConfig g = L2Chain::default_genesis_config();
    g.alloc[keys.user.address].balance = kEther;
    RollupWorld w{RollupConfig{}, g};
    const Keys& k = w.keys;
    const Transaction q0 = w.l2.tx(k.relayer, k.stranger.address, 1, {}, 21'000);
    const Transaction q1 = w.l2.tx(k.user, k.stranger.address, 2, {}, 21'000);
    EXPECT_TRUE(w.l1.send(k.user, w.rollup, 0,
                          abi::call("enqueue(bytes)", {abi::bytes(encode_transaction(q0))}))
                    .success);
    EXPECT_TRUE(w.l1.send(k.user, w.rollup, 0,
                          abi::call("enqueue(bytes)", {abi::bytes(encode_transaction(q1))}))
                    .success);
    EXPECT_TRUE(reverts_with(
        w.l1.call(k.user.address, w.rollup, abi::call("enqueue(bytes)", {abi::bytes(Bytes{})})),
        abi::error("EmptyTransaction()")));

    // q1 alone: q0 is first in the queue, so nothing is marked.
    ASSERT_TRUE(w.advance(k.proposer, w.build({q1}, k.proposer.address)).success);
    EXPECT_EQ(as_uint(w.rollup_word("inboxHead()")), 0);
    // q0 then: it is marked; q1 was already in an earlier block and stays unmarked (the queue
    // head waits for it, opening the rollup in a sequenced deployment: docs/rollup.md).
    ASSERT_TRUE(w.advance(k.proposer, w.build({q0}, k.proposer.address)).success);
    EXPECT_EQ(as_uint(w.rollup_word("inboxHead()")), 1);
}

TEST(NativeRollup, BothQueuedTransactionsInOneBlockAreMarked)
{
    const Keys keys;
    node::L2GenesisConfig g = L2Chain::default_genesis_config();
    g.alloc[keys.user.address].balance = kEther;
    RollupWorld w{RollupConfig{}, g};
    const Keys& k = w.keys;
    const Transaction q0 = w.l2.tx(k.relayer, k.stranger.address, 1, {}, 21'000);
    const Transaction q1 = w.l2.tx(k.user, k.stranger.address, 2, {}, 21'000);
    const Transaction other = w.l2.tx(k.relayer, k.stranger.address, 3, {}, 21'000);
    for (const auto* q : {&q0, &q1}) {
        ASSERT_TRUE(w.l1.send(k.user, w.rollup, 0,
                              abi::call("enqueue(bytes)", {abi::bytes(encode_transaction(*q))}))
                        .success);
    }
    const Receipt r = w.advance(k.proposer, w.build({q0, other, q1}, k.proposer.address));
    ASSERT_TRUE(r.success);
    EXPECT_EQ(as_uint(w.rollup_word("inboxHead()")), 2);
    size_t marked = 0;
    for (const auto& log : r.logs)
        if (log.address == w.rollup && log.topics.at(0) == kQueuedTransactionIncluded) ++marked;
    EXPECT_EQ(marked, 2u);
}

// ---------------------------------------------------------------------------------------------
// Governance
// ---------------------------------------------------------------------------------------------

/// Mines `data` to the rollup from `key` and expects success.
void govern(RollupWorld& w, const TestKey& key, const Bytes& data)
{
    const Receipt r = w.l1.send(key, w.rollup, 0, data);
    EXPECT_TRUE(r.success) << "governance call failed";
}

TEST(NativeRollup, OwnerGovernanceChangesSettingsAtOnce)
{
    const Keys keys;
    RollupConfig c;
    c.sequencing = 1;
    c.governance = 1;
    c.owner = keys.owner.address;
    RollupWorld w{c};
    const Keys& k = w.keys;
    const Bytes add_stranger = abi::call("setSequencer(address,bool)",
                                         {abi::word(k.stranger.address), abi::boolean(true)});
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup, add_stranger),
                             abi::error("Unauthorized(address)", {abi::word(k.stranger.address)})));
    EXPECT_EQ(w.rollup_word("owner()"), address_word(k.owner.address));

    govern(w, k.owner, add_stranger);
    EXPECT_EQ(as_uint(w.rollup_word("isSequencer(address)", {abi::word(k.stranger.address)})), 1);
    EXPECT_TRUE(w.advance(k.stranger, w.build({}, k.stranger.address)).success);
    govern(w, k.owner,
           abi::call("setSequencer(address,bool)",
                     {abi::word(k.stranger.address), abi::boolean(false)}));
    EXPECT_TRUE(reverts_with(w.simulate_advance(k.stranger, w.build({}, k.stranger.address)),
                             abi::error("NotSequencer(address)", {abi::word(k.stranger.address)})));

    govern(w, k.owner, abi::call("setForcedInclusionDelay(uint64)", {abi::word(uint256{99})}));
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionDelay()")), 99);
    const Address t = "0x00000000000000000000000000000000007ea5e7"_addr;
    govern(w, k.owner, abi::call("setTreasury(address)", {abi::word(t)}));
    EXPECT_EQ(w.rollup_word("treasury()"), address_word(t));

    // Ownership moves: the old owner is out, the new one is in.
    govern(w, k.owner, abi::call("transferOwnership(address)", {abi::word(k.stranger.address)}));
    EXPECT_EQ(w.rollup_word("owner()"), address_word(k.stranger.address));
    const Bytes set_delay = abi::call("setForcedInclusionDelay(uint64)", {abi::word(uint256{5})});
    EXPECT_TRUE(reverts_with(w.l1.call(k.owner.address, w.rollup, set_delay),
                             abi::error("Unauthorized(address)", {abi::word(k.owner.address)})));
    govern(w, k.stranger, set_delay);
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionDelay()")), 5);
    // The timelock's entry points are not for this mode.
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup,
                                       abi::call("scheduleChange(bytes)", {abi::bytes(set_delay)})),
                             abi::error("GovernanceDisabled()")));
}

TEST(NativeRollup, TimelockGovernanceDelaysEveryChange)
{
    const Keys keys;
    RollupConfig c;
    c.sequencing = 1;
    c.governance = 2;
    c.owner = keys.owner.address;
    c.timelock_delay = 600;
    RollupWorld w{c};
    const Keys& k = w.keys;
    const Bytes change = abi::call("setSequencer(address,bool)",
                                   {abi::word(k.stranger.address), abi::boolean(true)});
    const Hash256 id = keccak256(change);
    const auto schedule = [&](const Bytes& ch) {
        return abi::call("scheduleChange(bytes)", {abi::bytes(ch)});
    };
    const Bytes execute_change = abi::call("executeChange(bytes)", {abi::bytes(change)});

    // Not even the owner changes anything directly.
    EXPECT_TRUE(reverts_with(w.l1.call(k.owner.address, w.rollup, change),
                             abi::error("Unauthorized(address)", {abi::word(k.owner.address)})));
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup, schedule(change)),
                             abi::error("Unauthorized(address)", {abi::word(k.stranger.address)})));
    // Only the governed setters can be scheduled.
    const Bytes not_a_setter = abi::call("enqueue(bytes)", {abi::bytes("0x01"_hex)});
    EXPECT_TRUE(
        reverts_with(w.l1.call(k.owner.address, w.rollup, schedule(not_a_setter)),
                     abi::error("BadChange(bytes32)", {abi::word(keccak256(not_a_setter))})));

    const Receipt s = w.l1.send(k.owner, w.rollup, 0, schedule(change));
    ASSERT_TRUE(s.success);
    const uint64_t eta = w.l1.head.timestamp + 600;
    const auto scheduled = find_log(s, w.rollup, kChangeScheduled);
    ASSERT_TRUE(scheduled.has_value());
    EXPECT_EQ(scheduled->topics.at(1), id);
    EXPECT_EQ(abi::uint_at(scheduled->data, 1), eta);
    EXPECT_EQ(as_uint(w.rollup_word("scheduledAt(bytes32)", {abi::word(id)})), eta);
    EXPECT_TRUE(reverts_with(w.l1.call(k.owner.address, w.rollup, schedule(change)),
                             abi::error("BadChange(bytes32)", {abi::word(id)})));

    // Too early.
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup, execute_change),
                             abi::error("BadChange(bytes32)", {abi::word(id)})));
    w.l1.mine_until(eta - kL1BlockTime);
    ASSERT_GE(w.l1.next_timestamp(), eta);
    // Anyone may execute a due change.
    govern(w, k.stranger, execute_change);
    EXPECT_EQ(as_uint(w.rollup_word("isSequencer(address)", {abi::word(k.stranger.address)})), 1);
    EXPECT_EQ(as_uint(w.rollup_word("scheduledAt(bytes32)", {abi::word(id)})), 0);
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup, execute_change),
                             abi::error("BadChange(bytes32)", {abi::word(id)})));

    // A cancelled change never executes.
    const Bytes change2 = abi::call("setForcedInclusionDelay(uint64)", {abi::word(uint256{7})});
    const Hash256 id2 = keccak256(change2);
    govern(w, k.owner, schedule(change2));
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup,
                                       abi::call("cancelChange(bytes32)", {abi::word(id2)})),
                             abi::error("Unauthorized(address)", {abi::word(k.stranger.address)})));
    govern(w, k.owner, abi::call("cancelChange(bytes32)", {abi::word(id2)}));
    w.l1.mine_until(w.l1.head.timestamp + 600);
    EXPECT_TRUE(reverts_with(w.l1.call(k.stranger.address, w.rollup,
                                       abi::call("executeChange(bytes)", {abi::bytes(change2)})),
                             abi::error("BadChange(bytes32)", {abi::word(id2)})));
    EXPECT_EQ(as_uint(w.rollup_word("forcedInclusionDelay()")), 0);
}

TEST(NativeRollup, WithoutGovernanceNothingChanges)
{
    const Keys keys;
    RollupConfig c;
    c.sequencing = 1;
    c.sequencers = {keys.sequencer.address};
    c.owner = keys.owner.address;  // ignored: governance None
    RollupWorld w{c};
    const Keys& k = w.keys;
    EXPECT_EQ(w.rollup_word("owner()"), Bytes32{});
    const std::vector<Bytes> setters{
        abi::call("setSequencer(address,bool)",
                  {abi::word(k.stranger.address), abi::boolean(true)}),
        abi::call("setForcedInclusionDelay(uint64)", {abi::word(uint256{1})}),
        abi::call("setTreasury(address)", {abi::word(k.stranger.address)}),
        abi::call("transferOwnership(address)", {abi::word(k.stranger.address)}),
    };
    for (const Bytes& s : setters) {
        for (const TestKey* from : {&k.owner, &k.deployer, &k.sequencer}) {
            EXPECT_TRUE(reverts_with(w.l1.call(from->address, w.rollup, s),
                                     abi::error("GovernanceDisabled()")));
        }
        EXPECT_TRUE(reverts_with(w.l1.call(k.owner.address, w.rollup,
                                           abi::call("scheduleChange(bytes)", {abi::bytes(s)})),
                                 abi::error("GovernanceDisabled()")));
    }
}

// ---------------------------------------------------------------------------------------------
// Several rollups
// ---------------------------------------------------------------------------------------------

TEST(NativeRollup, TwoRollupsOnOneL1ProgressIndependently)
{
    RollupWorld w;  // rollup A, chain 901
    const Keys& k = w.keys;
    node::L2GenesisConfig gb = L2Chain::default_genesis_config();
    gb.chain_id = 902;
    gb.gas_limit = 20'000'000;
    L2Chain l2b{w.l1.config, gb};
    RollupConfig cb;
    cb.chain_id = 902;
    const Address rollup_b =
        w.l1.deploy(k.deployer, rollup_init_code(cb, l2b.head.state_root, header_hash(l2b.head)));
    ASSERT_NE(rollup_b, w.rollup);
    const Bytes32 bridge_b = abi::word_at(w.l1.view(rollup_b, abi::call("bridge()")), 0);
    EXPECT_NE(bridge_b, address_word(w.bridge));

    // A's block 1 carries a chain-901 transaction: B refuses it (EXECUTE's chain id rule, and
    // B's genesis is another state).
    const L2Block a1 =
        w.build({w.l2.tx(k.relayer, k.user.address, 1, {}, 21'000)}, k.proposer.address);
    const uint256 fee = RollupWorld::fee(a1.block.header.gas_used) * 2;
    EXPECT_TRUE(reverts_with(w.l1.call(k.proposer.address, rollup_b, advance_calldata(a1), fee),
                             abi::error("InvalidBlock()")));
    ASSERT_TRUE(w.advance(k.proposer, a1).success);

    // B advances with its own block, in the same kind of transaction.
    const L2Block b1 = l2b.build({l2b.tx(k.relayer, k.user.address, 2, {}, 21'000)},
                                 k.proposer.address, {}, w.l1.next_timestamp());
    ASSERT_TRUE(b1.rejected.empty());
    const Receipt r = w.l1.send(k.proposer, rollup_b, RollupWorld::fee(b1.block.header.gas_used),
                                advance_calldata(b1));
    ASSERT_TRUE(r.success);
    EXPECT_EQ(abi::word_at(w.l1.view(rollup_b, abi::call("stateRoot()")), 0),
              b1.block.header.state_root);
    EXPECT_EQ(as_uint(abi::word_at(w.l1.view(rollup_b, abi::call("blockNumber()")), 0)), 1);
    // A is unaffected.
    EXPECT_EQ(w.rollup_word("stateRoot()"), a1.block.header.state_root);
    EXPECT_NE(a1.block.header.state_root, b1.block.header.state_root);
}

}  // namespace
}  // namespace ultra::test::rollup
