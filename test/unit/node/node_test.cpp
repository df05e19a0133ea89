// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The running node without HTTP: automine, receipts and the transaction index, restart on the
// same datadir, a foreign datadir, manual mining, EXECUTE called from a contract (a valid and an
// invalid L2 block), the block's EXECUTE figures, and the execution witness of stored blocks.
#include <gtest/gtest.h>

#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/abi.hpp>
#include <ultra/execute/market.hpp>
#include <ultra/node/call.hpp>
#include <ultra/node/witness.hpp>
#include <ultra/stateless/validate.hpp>

#include "node_helpers.hpp"
#include "unit/execute/helpers.hpp"

namespace ultra::test {
namespace {

namespace op = execute::test::op;

/// The balance of `addr` at the node's head.
uint256 balance_at_head(const node::Node& node, const Address& addr)
{
    const auto account = node.head()->state->account(addr);
    EXPECT_TRUE(account);
    return account && *account ? (*account)->balance : uint256{};
}

/// A storage slot at the node's head.
Bytes32 slot_at_head(const node::Node& node, const Address& addr, uint64_t slot)
{
    const auto value = node.head()->state->storage(addr, to_bytes32(uint256{slot}));
    EXPECT_TRUE(value);
    return value ? *value : Bytes32{};
}

const Address kBob = [] {
    Address a;
    a[19] = 0xb0;
    return a;
}();

TEST(Node, AutomineMinesATransferIntoADurableBlock)
{
    const NodeTempDir dir;
    TestNode t{test_node_config(dir.path())};
    const TestKey alice = make_test_key(0);
    const uint256 before = balance_at_head(*t.node, alice.address);
    const Hash256 hash = t.submit_and_wait(devnet_tx(alice, 0, kBob, 12345));

    const auto head = t.node->head();
    EXPECT_EQ(head->header.number, 1u);
    EXPECT_EQ(balance_at_head(*t.node, kBob), uint256{12345});
    // 21,000 gas at the block's effective price, plus the value.
    const uint256 price =
        std::min(uint256{10'000'000'000}, *head->header.base_fee_per_gas + uint256{1'000'000'000});
    EXPECT_EQ(balance_at_head(*t.node, alice.address),
              before - uint256{12345} - price * uint256{21'000});

    // The store has the block, its receipt and the index entry: a reader sees it mined.
    const auto loc = t.node->store().tx_location(hash);
    ASSERT_TRUE(loc && *loc);
    EXPECT_EQ((*loc)->block_num, 1u);
    EXPECT_EQ((*loc)->block_hash, head->hash);
    EXPECT_EQ(t.node->store().head()->hash, head->hash);
    EXPECT_FALSE(t.node->mempool().contains(hash));
}

TEST(Node, AQueuedTransactionMakesNoBlockAndNobodyWaitsForIt)
{
    const NodeTempDir dir;
    TestNode t{test_node_config(dir.path())};
    const TestKey alice = make_test_key(0);
    const auto gapped = t.node->submit(devnet_tx(alice, 3, kBob, 1));  // nonces 0..2 missing
    ASSERT_TRUE(gapped) << gapped.error().message;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(t.node->wait_for_transaction(*gapped, std::chrono::seconds{10}));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds{5});
    EXPECT_EQ(t.node->head()->header.number, 0u);  // automine made no empty block
    EXPECT_EQ(t.result("eth_getTransactionReceipt", {to_0x_hex(*gapped)}), nullptr);
    EXPECT_TRUE(t.node->mempool().contains(*gapped));
    // Filling the gap mines all four.
    for (uint64_t n = 0; n < 3; ++n) t.submit_and_wait(devnet_tx(alice, n, kBob, 1));
    EXPECT_TRUE(t.node->wait_for_transaction(*gapped, std::chrono::seconds{30}));
    EXPECT_EQ(balance_at_head(*t.node, kBob), uint256{4});
}

TEST(Node, IntervalModeMakesBlocksEmptyOrNot)
{
    const NodeTempDir dir;
    node::NodeConfig config = test_node_config(dir.path(), node::MiningMode::kInterval);
    config.block_time = std::chrono::milliseconds{100};
    TestNode t{std::move(config)};
    const auto hash = t.node->submit(devnet_tx(make_test_key(0), 0, kBob, 1));
    ASSERT_TRUE(hash);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
    while (t.node->head()->header.number < 4 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    ASSERT_GE(t.node->head()->header.number, 4u);
    const auto loc = t.node->store().tx_location(*hash);
    ASSERT_TRUE(loc && *loc);
    uint64_t empty = 0;
    uint64_t previous = 0;
    for (uint64_t n = 1; n <= 4; ++n) {
        const auto block = t.node->store().block(*t.node->store().canonical_hash(n).value());
        ASSERT_TRUE(block && *block);
        if ((*block)->transactions.empty()) ++empty;
        EXPECT_GT((*block)->header.timestamp, previous);  // strictly increasing
        previous = (*block)->header.timestamp;
    }
    EXPECT_GE(empty, 3u);
}

TEST(Node, ManualModeBatchesPendingTransactionsIntoOneBlock)
{
    const NodeTempDir dir;
    TestNode t{test_node_config(dir.path(), node::MiningMode::kManual)};
    std::vector<Hash256> hashes;
    std::vector<Address> senders;
    for (uint8_t k = 0; k < 3; ++k) {
        const TestKey key = make_test_key(k);
        for (uint64_t n = 0; n < 2; ++n) {
            const auto h = t.node->submit(devnet_tx(key, n, kBob, 1));
            ASSERT_TRUE(h) << h.error().message;
            hashes.push_back(*h);
            senders.push_back(key.address);
        }
    }
    EXPECT_EQ(t.node->head()->header.number, 0u);
    EXPECT_EQ(t.node->mempool().pending_count(), 6u);
    EXPECT_EQ(t.node->pending_nonce(make_test_key(1).address), 2u);

    const auto mined = t.node->mine(1, std::nullopt);
    ASSERT_TRUE(mined) << mined.error();
    ASSERT_EQ(mined->size(), 1u);
    const auto block = t.node->store().block(mined->front());
    ASSERT_TRUE(block && *block);
    ASSERT_EQ((*block)->transactions.size(), 6u);
    EXPECT_EQ(t.node->mempool().size(), 0u);
    EXPECT_EQ(t.node->pending_nonce(make_test_key(1).address), 2u);

    // Every transaction is indexed at its position; the receipts add up; the senders recorded
    // with the block are the signers.
    const auto receipts = t.node->store().receipts(mined->front());
    ASSERT_TRUE(receipts && *receipts);
    const std::vector<Address> recorded = t.node->senders(mined->front(), **block);
    for (uint32_t i = 0; i < 6; ++i) {
        const Hash256 h = transaction_hash((*block)->transactions[i]);
        const auto loc = t.node->store().tx_location(h);
        ASSERT_TRUE(loc && *loc);
        EXPECT_EQ((*loc)->index, i);
        EXPECT_EQ((*receipts)->receipts[i].cumulative_gas_used, uint64_t{21'000} * (i + 1));
        EXPECT_TRUE((*receipts)->receipts[i].success);
        EXPECT_EQ(recorded[i], *recover_sender((*block)->transactions[i]));
        EXPECT_NE(std::find(hashes.begin(), hashes.end(), h), hashes.end());
    }
    EXPECT_EQ(balance_at_head(*t.node, kBob), uint256{6});
}

TEST(Node, APayloadIsBuiltWithFirstTransactionsAndCommittedOnlyOnRequest)
{
    const NodeTempDir dir;
    TestNode t{test_node_config(dir.path(), node::MiningMode::kManual)};
    const TestKey alice = make_test_key(0);
    const TestKey carol = make_test_key(1);
    ASSERT_TRUE(t.node->submit(devnet_tx(alice, 0, kBob, 1)).has_value());
    // A transaction given first goes ahead of the pool's; an invalid one (nonce 5) is left out.
    const std::vector<Transaction> first = {devnet_tx(carol, 0, kBob, 2),
                                            devnet_tx(carol, 5, kBob, 3)};
    const uint64_t timestamp = t.node->head()->header.timestamp + 12;
    auto payload = t.node->build_payload(timestamp, first);
    ASSERT_TRUE(payload.has_value()) << payload.error();
    ASSERT_EQ(payload->block.transactions.size(), 2u);
    EXPECT_EQ(transaction_hash(payload->block.transactions[0]), transaction_hash(first[0]));
    EXPECT_EQ(payload->senders[1], alice.address);
    EXPECT_EQ(payload->block.header.timestamp, timestamp);
    EXPECT_EQ(payload->hash, header_hash(payload->block.header));
    // Nothing moved yet: the head, the pool, the balances.
    EXPECT_EQ(t.node->head()->header.number, 0u);
    EXPECT_EQ(t.node->mempool().pending_count(), 1u);
    EXPECT_EQ(balance_at_head(*t.node, kBob), uint256{0});
    // A timestamp not after the head's is refused.
    EXPECT_FALSE(t.node->build_payload(t.node->head()->header.timestamp).has_value());

    const node::Payload copy = *payload;
    const auto committed = t.node->commit_payload(std::move(*payload));
    ASSERT_TRUE(committed.has_value()) << committed.error();
    EXPECT_EQ(*committed, copy.hash);
    EXPECT_EQ(t.node->head()->hash, copy.hash);
    EXPECT_EQ(t.node->mempool().size(), 0u);
    EXPECT_EQ(balance_at_head(*t.node, kBob), uint256{3});
    // A payload built on an old head cannot be committed.
    const auto stale = t.node->commit_payload(copy);
    ASSERT_FALSE(stale.has_value());
    EXPECT_NE(stale.error().find("no longer the head"), std::string::npos) << stale.error();
}

TEST(Node, ImportBlockValidatesAForeignBlockInFull)
{
    const NodeTempDir dir_a;
    const NodeTempDir dir_b;
    TestNode a{test_node_config(dir_a.path(), node::MiningMode::kManual)};
    TestNode b{test_node_config(dir_b.path(), node::MiningMode::kManual)};
    ASSERT_TRUE(a.node->submit(devnet_tx(make_test_key(0), 0, kBob, 5)).has_value());
    const auto mined = a.node->mine(2, std::nullopt);
    ASSERT_TRUE(mined.has_value()) << mined.error();
    const Block first = *a.node->store().block((*mined)[0]).value();
    const Block second = *a.node->store().block((*mined)[1]).value();

    // Not on the head: refused before anything is executed.
    const auto orphan = b.node->import_block(second);
    ASSERT_FALSE(orphan.has_value());
    EXPECT_NE(orphan.error().find("not the head"), std::string::npos) << orphan.error();
    // Every way of tampering is caught by the full validation, and nothing is committed.
    Block wrong_root = first;
    wrong_root.header.state_root[0] ^= 1;
    Block wrong_gas = first;
    wrong_gas.header.gas_used += 1;
    Block dropped_tx = first;
    dropped_tx.transactions.clear();
    for (const Block* bad : {&wrong_root, &wrong_gas, &dropped_tx}) {
        const auto refused = b.node->import_block(*bad);
        ASSERT_FALSE(refused.has_value());
        EXPECT_NE(refused.error().find("block 1 is invalid"), std::string::npos) << refused.error();
        EXPECT_EQ(b.node->head()->header.number, 0u);
    }
    // The genuine blocks: the same chain, the same state, the senders recovered.
    ASSERT_EQ(b.node->import_block(first).value(), (*mined)[0]);
    ASSERT_EQ(b.node->import_block(second).value(), (*mined)[1]);
    EXPECT_EQ(b.node->head()->header.state_root, a.node->head()->header.state_root);
    EXPECT_EQ(balance_at_head(*b.node, kBob), uint256{5});
    EXPECT_EQ(b.node->senders((*mined)[0], first).at(0), make_test_key(0).address);
    EXPECT_EQ(b.result("eth_blockNumber"), "0x2");
}

TEST(Node, MineRunsOfEmptyBlocksWithIncreasingTimestamps)
{
    const NodeTempDir dir;
    TestNode t{test_node_config(dir.path(), node::MiningMode::kManual)};
    const auto mined = t.node->mine(5, uint64_t{2'000'000'000}, 3);
    ASSERT_TRUE(mined) << mined.error();
    ASSERT_EQ(mined->size(), 5u);
    for (uint64_t n = 1; n <= 5; ++n) {
        const auto header = t.node->store().header_by_number(n);
        ASSERT_TRUE(header && *header);
        EXPECT_EQ((*header)->timestamp, 2'000'000'000 + 3 * (n - 1));
        EXPECT_EQ(header_hash(**header), (*mined)[n - 1]);
    }
    // A timestamp that is not after the head's is refused, and nothing is mined.
    const auto bad = t.node->mine(1, uint64_t{2'000'000'000});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("not after the head"), std::string::npos);
    EXPECT_EQ(t.node->head()->header.number, 5u);
}

TEST(Node, RestartOnTheSameDatadirContinuesTheChain)
{
    const NodeTempDir dir;
    Hash256 head_hash;
    uint64_t head_number = 0;
    uint256 alice_balance;
    const TestKey alice = make_test_key(0);
    {
        TestNode t{test_node_config(dir.path())};
        t.submit_and_wait(devnet_tx(alice, 0, kBob, 7));
        t.submit_and_wait(devnet_tx(alice, 1, kBob, 8));
        ASSERT_TRUE(t.node->mine(2, std::nullopt));
        head_hash = t.node->head()->hash;
        head_number = t.node->head()->header.number;
        alice_balance = balance_at_head(*t.node, alice.address);
    }
    EXPECT_EQ(head_number, 4u);
    TestNode t{test_node_config(dir.path())};
    EXPECT_EQ(t.node->head()->hash, head_hash);
    EXPECT_EQ(t.node->head()->header.number, head_number);
    EXPECT_EQ(balance_at_head(*t.node, alice.address), alice_balance);
    EXPECT_EQ(balance_at_head(*t.node, kBob), uint256{15});
    EXPECT_EQ(t.node->pending_nonce(alice.address), 2u);
    // The chain goes on from there.
    t.submit_and_wait(devnet_tx(alice, 2, kBob, 9));
    EXPECT_EQ(t.node->head()->header.number, head_number + 1);
    EXPECT_EQ(t.node->head()->header.parent_hash, head_hash);
}

TEST(Node, ADatadirOfAnotherChainIsRefused)
{
    const NodeTempDir dir;
    {
        TestNode t{test_node_config(dir.path())};
    }
    node::NodeConfig other = test_node_config(dir.path());
    other.spec.config.chain_id = 7;
    const auto opened = node::Node::open(std::move(other));
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().find("belongs to chain id 1337"), std::string::npos) << opened.error();
    EXPECT_NE(opened.error().find("not chain id 7"), std::string::npos) << opened.error();

    // Another genesis with the same chain id (other funded accounts) is another chain too.
    node::NodeConfig regenesis = test_node_config(dir.path());
    regenesis.spec.alloc.clear();
    const auto reopened = node::Node::open(std::move(regenesis));
    ASSERT_FALSE(reopened);
    EXPECT_NE(reopened.error().find("belongs to chain id 1337 with genesis"), std::string::npos);
}

TEST(Node, InvalidTransactionsAreRefusedWithGethTexts)
{
    const NodeTempDir dir;
    TestNode t{test_node_config(dir.path())};
    const TestKey alice = make_test_key(0);
    t.submit_and_wait(devnet_tx(alice, 0, kBob, 1));
    const auto low = t.node->submit(devnet_tx(alice, 0, kBob, 1));
    ASSERT_FALSE(low);
    EXPECT_EQ(low.error().message.rfind("nonce too low", 0), 0u) << low.error().message;
    const auto poor = t.node->submit(devnet_tx(make_test_key(9), 0, kBob, 1));
    ASSERT_FALSE(poor);
    EXPECT_EQ(poor.error().message.rfind("insufficient funds for gas * price + value", 0), 0u);
}

// ---------------------------------------------------------------------------------------------
// EXECUTE from a contract
// ---------------------------------------------------------------------------------------------

/// The L2's sender key and chain id.
const Bytes32 kL2AliceKey = keccak256(to_bytes_view("node test l2 alice"));
constexpr uint64_t kL2ChainId = 901;

/// Where the caller contract lives (in the genesis alloc).
const Address kCaller = [] {
    Address a;
    a[18] = 0xca;
    a[19] = 0x11;
    return a;
}();

/// The caller: forwards its calldata and value to EXECUTE, then stores the CALL's success in
/// slot 2 and the output's first two words (the valid flag, the L2 block hash) in slots 0 and 1.
Bytes caller_code(const Address& execute_address)
{
    execute::test::Asm a;
    a({op::CALLDATASIZE}).push(0).push(0)({op::CALLDATACOPY});
    a.push(320).push(0)({op::CALLDATASIZE}).push(0)({op::CALLVALUE}).push(execute_address);
    a({op::GAS, op::CALL});
    a.push(2)({op::SSTORE});
    a.push(0)({op::MLOAD}).push(0)({op::SSTORE});
    a.push(32)({op::MLOAD}).push(1)({op::SSTORE});
    a({op::STOP});
    return a.build();
}

/// A valid L2 block of one transfer at Osaka, with its EXECUTE input.
execute::test::L2Sample l2_sample()
{
    state::InMemoryState g;
    execute::test::add_system_contracts(g, Revision::kOsaka);
    state::InMemoryAccount alice;
    alice.balance = kOneEther;
    g.set_account(execute::test::address_of(kL2AliceKey), alice);
    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = kL2ChainId;
    tx.max_fee_per_gas = 100;
    tx.gas_limit = 21'000;
    tx.to = kBob;
    tx.value = 1;
    execute::test::sign_tx(tx, kL2AliceKey);
    return execute::test::make_l2_sample(Revision::kOsaka, kL2ChainId, g, {tx});
}

/// The execute base fee the next block charges, asked with an eth_call-style query (empty input
/// to EXECUTE).
uint256 queried_execute_fee(const node::Node& node)
{
    const auto head = node.head();
    const auto precompiles = node.make_precompiles();
    const node::CallContext ctx{node.chain_config(), head->header, *head->state,
                                node.block_hashes(), *precompiles};
    node::CallRequest query;
    query.to = node.chain_config().execute->address;
    const auto r = node::call(ctx, query);
    EXPECT_TRUE(r && r->success());
    return r && r->output.size() == 32 ? load_be(r->output.data()) : uint256{};
}

struct ExecuteNode
{
    ExecuteNode() : sample{l2_sample()}
    {
        node::NodeConfig config = test_node_config(dir.path());
        node::GenesisAccount caller;
        caller.code = caller_code(config.spec.config.execute->address);
        config.spec.alloc[kCaller] = caller;
        t = std::make_unique<TestNode>(std::move(config));
    }

    /// Calls the caller contract with `input` and value gasUsed × the queried fee; mined.
    Hash256 call_execute(const execute::ExecuteInput& input, uint64_t nonce)
    {
        const uint256 fee = queried_execute_fee(*t->node);
        EXPECT_GE(fee, uint256{1});
        const Bytes data = execute::encode_input(input);
        return t->submit_and_wait(devnet_tx(make_test_key(0), nonce, kCaller,
                                            fee * uint256{input.gas_used}, data, 3'000'000));
    }

    NodeTempDir dir;
    execute::test::L2Sample sample;
    std::unique_ptr<TestNode> t;
};

TEST(NodeExecute, AContractCallsExecuteWithAValidAndAnInvalidBlock)
{
    ExecuteNode e;
    node::Node& node = *e.t->node;
    const uint64_t l2_gas = e.sample.input.gas_used;
    ASSERT_EQ(l2_gas, 21'000u);

    // Valid: the output says so and names the L2 block.
    e.call_execute(e.sample.input, 0);
    EXPECT_EQ(slot_at_head(node, kCaller, 2), to_bytes32(uint256{1}));  // CALL succeeded
    EXPECT_EQ(slot_at_head(node, kCaller, 0), to_bytes32(uint256{1}));  // valid
    EXPECT_EQ(slot_at_head(node, kCaller, 1), header_hash(e.sample.built.block.header));
    // The block's figures: this block's calls claimed the L2 block's gas.
    const auto& execute = *node.chain_config().execute;
    const auto valid_figures = execute::read_execute_figures(*node.head()->state, execute);
    ASSERT_TRUE(valid_figures);
    EXPECT_EQ(valid_figures->gas_used, l2_gas);
    EXPECT_EQ(valid_figures->base_fee, execute.base_fee_floor);

    // Invalid: one byte of the claimed post-state root flipped.
    execute::ExecuteInput bad = e.sample.input;
    bad.post_state_root[5] ^= 0x01;
    e.call_execute(bad, 1);
    EXPECT_EQ(slot_at_head(node, kCaller, 2), to_bytes32(uint256{1}));  // CALL succeeded
    EXPECT_EQ(slot_at_head(node, kCaller, 0), Bytes32{});               // invalid
    EXPECT_EQ(slot_at_head(node, kCaller, 1), Bytes32{});
    // The fee is burned either way: the invalid call counted too.
    const auto invalid_figures = execute::read_execute_figures(*node.head()->state, execute);
    ASSERT_TRUE(invalid_figures);
    EXPECT_EQ(invalid_figures->gas_used, l2_gas);

    // The block objects carry the figures (block 1: the valid call, block 2: the invalid one).
    for (const char* number : {"0x1", "0x2"}) {
        const auto block = e.t->result("eth_getBlockByNumber", {number, false});
        EXPECT_EQ(block.at("executeGasUsed"), "0x5208") << block.dump();
        EXPECT_EQ(block.at("executeBaseFee"), "0x1") << block.dump();
    }
    // An empty block after them claims nothing.
    ASSERT_TRUE(node.mine(1, std::nullopt));
    const auto empty = e.t->result("eth_getBlockByNumber", {"latest", false});
    EXPECT_EQ(empty.at("executeGasUsed"), "0x0");
}

TEST(NodeExecute, TooLittleValueGetsTheInvalidOutputAndCountsNothing)
{
    ExecuteNode e;
    const Bytes data = execute::encode_input(e.sample.input);
    e.t->submit_and_wait(devnet_tx(make_test_key(0), 0, kCaller, uint256{1}, data, 3'000'000));
    EXPECT_EQ(slot_at_head(*e.t->node, kCaller, 2), to_bytes32(uint256{1}));
    EXPECT_EQ(slot_at_head(*e.t->node, kCaller, 0), Bytes32{});
    const auto figures = execute::read_execute_figures(*e.t->node->head()->state,
                                                       *e.t->node->chain_config().execute);
    ASSERT_TRUE(figures);
    EXPECT_EQ(figures->gas_used, 0u);
}

// ---------------------------------------------------------------------------------------------
// Witnesses of stored blocks
// ---------------------------------------------------------------------------------------------

/// Validates stored block `hash` from block_witness() alone, as a stateless client would.
void expect_witness_validates(const node::Node& node, const Hash256& hash)
{
    const auto block = node.store().block(hash);
    ASSERT_TRUE(block && *block);
    const auto parent = node.store().header((*block)->header.parent_hash);
    ASSERT_TRUE(parent && *parent);
    std::optional<Result<stateless::ExecutionWitness, std::string>> witness;
    node::run_on_large_stack([&] { witness = node::block_witness(node, hash); });
    ASSERT_TRUE(*witness) << witness->error();
    EXPECT_FALSE((*witness)->state.empty());
    EXPECT_EQ((*witness)->headers.back(), encode_block_header(**parent));

    const auto precompiles = node.make_precompiles();
    const stateless::ValidationOptions options{
        .config = node.chain_config(),
        .precompiles = *precompiles,
        .expected_pre_state_root = (*parent)->state_root,
        .ancestors = {},
        .stop_past_header_gas_used = false,
        .deposit_contract = node.config().spec.deposit_contract,
    };
    std::optional<Result<stateless::ValidatedBlock, stateless::ValidationError>> validated;
    node::run_on_large_stack(
        [&] { validated = stateless::validate_block(**block, witness->value(), options); });
    ASSERT_TRUE(*validated);
    EXPECT_EQ((*validated)->block_hash, hash);
    EXPECT_EQ((*validated)->result.state_root, (*block)->header.state_root);

    // Without one of its nodes, the witness no longer proves the block.
    stateless::ExecutionWitness partial = witness->value();
    partial.state.erase(partial.state.begin() + static_cast<ptrdiff_t>(partial.state.size() / 2));
    std::optional<Result<stateless::ValidatedBlock, stateless::ValidationError>> failed;
    node::run_on_large_stack(
        [&] { failed = stateless::validate_block(**block, partial, options); });
    EXPECT_FALSE(*failed);
}

TEST(NodeWitness, StoredBlocksValidateStatelesslyFromTheirWitness)
{
    ExecuteNode e;
    node::Node& node = *e.t->node;
    const TestKey bob_key = make_test_key(1);
    const Hash256 transfer = e.t->submit_and_wait(devnet_tx(bob_key, 0, kBob, 5));
    const Hash256 execute_call = e.call_execute(e.sample.input, 0);
    ASSERT_TRUE(node.mine(1, std::nullopt));
    for (const Hash256& tx : {transfer, execute_call}) {
        const auto loc = node.store().tx_location(tx);
        ASSERT_TRUE(loc && *loc);
        SCOPED_TRACE((*loc)->block_num);
        expect_witness_validates(node, (*loc)->block_hash);
    }
    expect_witness_validates(node, node.head()->hash);  // an empty block: system calls only

    // The genesis has no parent, hence no witness.
    const auto genesis = node::block_witness(node, node.genesis_hash());
    ASSERT_FALSE(genesis);
    EXPECT_NE(genesis.error().find("genesis"), std::string::npos);
}

}  // namespace
}  // namespace ultra::test
