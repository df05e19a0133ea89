// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The node's JSON-RPC handlers in process (no HTTP): identity, state at blocks, transactions and
// receipts, errors with go-ethereum's codes and texts, logs, fee history, proofs verified with
// the trie code, witnesses, and the dev extensions.
#include <gtest/gtest.h>

#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/json/witness_json.hpp>
#include <ultra/state/account.hpp>
#include <ultra/trie/proof.hpp>

#include "node_helpers.hpp"
#include "unit/execute/helpers.hpp"

namespace ultra::test {
namespace {

using nlohmann::json;
namespace op = execute::test::op;

const Address kBob = [] {
    Address a;
    a[19] = 0xb0;
    return a;
}();

/// A contract in the genesis alloc: LOG1(topic 0x77, data = calldata) then SSTORE(0, calldata
/// word 0) when called with data; REVERT with Error("no") when called with none.
const Address kLogger = [] {
    Address a;
    a[18] = 0x10;
    a[19] = 0x66;
    return a;
}();

Bytes logger_code()
{
    execute::test::Asm a;
    a({op::CALLDATASIZE, op::ISZERO}).push_label("revert")({op::JUMPI});
    a({op::CALLDATASIZE}).push(0).push(0)({op::CALLDATACOPY});
    a.push(0x77)({op::CALLDATASIZE}).push(0)({0xa1});  // LOG1(0, size, 0x77)
    a.push(0)({op::CALLDATALOAD}).push(0)({op::SSTORE, op::STOP});
    a.label("revert");
    // Error(string) "no": selector, offset 0x20, length 2, "no".
    a.push(uint256{0x08c379a0})
        .push(224)({0x1b})  // SHL
        .push(0)({op::MSTORE});
    a.push(0x20).push(4)({op::MSTORE});
    a.push(2).push(0x24)({op::MSTORE});
    a.push(uint256{0x6e6f}).push(240)({0x1b}).push(0x44)({op::MSTORE});
    a.push(0x64).push(0)({0xfd});  // REVERT(0, 100)
    return a.build();
}

struct ApiNode
{
    ApiNode()
    {
        node::NodeConfig config = test_node_config(dir.path());
        node::GenesisAccount logger;
        logger.code = logger_code();
        config.spec.alloc[kLogger] = logger;
        config.dev_accounts.push_back({make_test_key(2).address, make_test_key(2).secret});
        t = std::make_unique<TestNode>(std::move(config));
    }

    NodeTempDir dir;
    std::unique_ptr<TestNode> t;
};

std::string hex(BytesView b)
{
    return to_0x_hex(b);
}

TEST(EthApi, IdentityAndHead)
{
    ApiNode n;
    EXPECT_EQ(n.t->result("eth_chainId"), "0x539");
    EXPECT_EQ(n.t->result("net_version"), "1337");
    EXPECT_EQ(n.t->result("web3_clientVersion").get<std::string>().rfind("ultrasound/v0.1.0/", 0),
              0u);
    EXPECT_EQ(n.t->result("eth_blockNumber"), "0x0");
    EXPECT_EQ(n.t->result("eth_syncing"), false);
    EXPECT_EQ(n.t->result("net_listening"), true);
    EXPECT_EQ(n.t->result("eth_accounts"), json::array({hex(make_test_key(2).address)}));
    EXPECT_EQ(n.t->result("eth_maxPriorityFeePerGas"), "0x3b9aca00");
    // The next block's base fee (1 gwei at genesis, unchanged after an empty genesis: 7/8) + tip.
    const uint256 next_base = execution::calculate_base_fee(30'000'000, 0, uint256{1'000'000'000});
    EXPECT_EQ(n.t->result("eth_gasPrice"), rpc::to_quantity(next_base + uint256{1'000'000'000}));

    const json unknown = n.t->call("eth_fillTransaction", json::array({json::object()}));
    EXPECT_EQ(unknown["error"]["code"], -32601);
    EXPECT_EQ(unknown["error"]["message"],
              "the method eth_fillTransaction does not exist/is not available");
    const json bad = n.t->call("eth_getBalance", json::array({"0x1234"}));
    EXPECT_EQ(bad["error"]["code"], -32602);
}

TEST(EthApi, StateAtBlocksAndTags)
{
    ApiNode n;
    const TestKey alice = make_test_key(0);
    n.t->submit_and_wait(devnet_tx(alice, 0, kBob, 5));
    n.t->submit_and_wait(devnet_tx(alice, 1, kBob, 6));
    const std::string bob = hex(kBob);
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, "latest"}), "0xb");
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, "safe"}), "0xb");
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, "finalized"}), "0xb");
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, "pending"}), "0xb");
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, "0x1"}), "0x5");
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, "earliest"}), "0x0");
    const json block1 = n.t->result("eth_getBlockByNumber", {"0x1", false});
    EXPECT_EQ(n.t->result("eth_getBalance", {bob, {{"blockHash", block1["hash"]}}}), "0x5");
    EXPECT_EQ(n.t->result("eth_getTransactionCount", {hex(alice.address), "0x1"}), "0x1");
    EXPECT_EQ(n.t->result("eth_getTransactionCount", {hex(alice.address), "latest"}), "0x2");
    const json beyond = n.t->call("eth_getBalance", {bob, "0x99"});
    EXPECT_EQ(beyond["error"]["code"], -32000);
    EXPECT_EQ(beyond["error"]["message"], "header not found");
    EXPECT_EQ(n.t->result("eth_getBlockByNumber", {"0x99", false}), nullptr);

    // Code and storage of the genesis contract, and storage written by a call.
    EXPECT_EQ(n.t->result("eth_getCode", {hex(kLogger), "latest"}), hex(logger_code()));
    EXPECT_EQ(n.t->result("eth_getCode", {bob, "latest"}), "0x");
    n.t->submit_and_wait(
        devnet_tx(alice, 2, kLogger, 0, Bytes{to_bytes32(uint256{42}).view()}, 100'000));
    EXPECT_EQ(n.t->result("eth_getStorageAt", {hex(kLogger), "0x0", "latest"}),
              hex(to_bytes32(uint256{42})));
    EXPECT_EQ(n.t->result("eth_getStorageAt", {hex(kLogger), "0x0", "0x2"}), hex(Bytes32{}));
}

TEST(EthApi, TransactionsReceiptsAndBlocks)
{
    ApiNode n;
    const TestKey alice = make_test_key(0);
    const Transaction tx = devnet_tx(alice, 0, kBob, 5);
    const json sent = n.t->call("eth_sendRawTransaction", {hex(encode_transaction(tx))});
    ASSERT_TRUE(sent.contains("result")) << sent.dump();
    EXPECT_EQ(sent["result"], hex(transaction_hash(tx)));
    // The receipt is there when the node answers (automine waits for the block).
    const json receipt = n.t->result("eth_getTransactionReceipt", {sent["result"]});
    ASSERT_TRUE(receipt.is_object()) << receipt.dump();
    EXPECT_EQ(receipt["status"], "0x1");
    EXPECT_EQ(receipt["gasUsed"], "0x5208");
    EXPECT_EQ(receipt["from"], hex(alice.address));
    EXPECT_EQ(receipt["to"], hex(kBob));
    EXPECT_EQ(receipt["blockNumber"], "0x1");
    EXPECT_EQ(receipt["transactionIndex"], "0x0");

    const json byhash = n.t->result("eth_getTransactionByHash", {sent["result"]});
    EXPECT_EQ(byhash["blockNumber"], "0x1");
    EXPECT_EQ(byhash["from"], hex(alice.address));
    EXPECT_EQ(byhash["nonce"], "0x0");
    const json full = n.t->result("eth_getBlockByNumber", {"latest", true});
    ASSERT_EQ(full["transactions"].size(), 1u);
    EXPECT_EQ(full["transactions"][0]["hash"], sent["result"]);
    EXPECT_EQ(full["transactions"][0]["from"], hex(alice.address));
    EXPECT_EQ(full["hash"], receipt["blockHash"]);
    const json by_block_hash = n.t->result("eth_getBlockByHash", {receipt["blockHash"], false});
    EXPECT_EQ(by_block_hash["transactions"], json::array({sent["result"]}));
    EXPECT_EQ(n.t->result("eth_getBlockTransactionCountByNumber", {"0x1"}), "0x1");
    EXPECT_EQ(n.t->result("eth_getBlockTransactionCountByHash", {receipt["blockHash"]}), "0x1");
    EXPECT_EQ(n.t->result("eth_getTransactionByBlockNumberAndIndex", {"0x1", "0x0"})["hash"],
              sent["result"]);
    EXPECT_EQ(n.t->result("eth_getTransactionByBlockNumberAndIndex", {"0x1", "0x1"}), nullptr);
    EXPECT_EQ(n.t->result("eth_getUncleCountByBlockNumber", {"0x1"}), "0x0");
    const json receipts = n.t->result("eth_getBlockReceipts", {"0x1"});
    ASSERT_EQ(receipts.size(), 1u);
    EXPECT_EQ(receipts[0], receipt);

    // Unknown hashes: null.
    const std::string nothing = hex(keccak256(to_bytes_view("nothing")));
    EXPECT_EQ(n.t->result("eth_getTransactionReceipt", {nothing}), nullptr);
    EXPECT_EQ(n.t->result("eth_getTransactionByHash", {nothing}), nullptr);
    EXPECT_EQ(n.t->result("eth_getBlockByHash", {nothing, false}), nullptr);

    // Admission errors: -32000 with go-ethereum's texts.
    const json again = n.t->call("eth_sendRawTransaction", {hex(encode_transaction(tx))});
    EXPECT_EQ(again["error"]["code"], -32000);
    EXPECT_EQ(again["error"]["message"].get<std::string>().rfind("nonce too low", 0), 0u);
    const json garbage = n.t->call("eth_sendRawTransaction", {"0x01"});
    EXPECT_EQ(garbage["error"]["code"], -32000);
}

TEST(EthApi, SendTransactionSignsWithDevAccounts)
{
    ApiNode n;
    const std::string dev = hex(make_test_key(2).address);
    const json sent =
        n.t->call("eth_sendTransaction", {{{"from", dev}, {"to", hex(kBob)}, {"value", "0x64"}}});
    ASSERT_TRUE(sent.contains("result")) << sent.dump();
    const json receipt = n.t->result("eth_getTransactionReceipt", {sent["result"]});
    ASSERT_TRUE(receipt.is_object());
    EXPECT_EQ(receipt["from"], dev);
    EXPECT_EQ(receipt["type"], "0x2");
    EXPECT_EQ(n.t->result("eth_getBalance", {hex(kBob), "latest"}), "0x64");
    // Legacy when gasPrice is given; the nonce follows.
    const json legacy = n.t->call(
        "eth_sendTransaction",
        {{{"from", dev}, {"to", hex(kBob)}, {"value", "0x1"}, {"gasPrice", "0x77359400"}}});
    ASSERT_TRUE(legacy.contains("result")) << legacy.dump();
    const json tx = n.t->result("eth_getTransactionByHash", {legacy["result"]});
    EXPECT_EQ(tx["type"], "0x0");
    EXPECT_EQ(tx["nonce"], "0x1");
    // Not one of the node's accounts.
    const json unknown = n.t->call("eth_sendTransaction",
                                   {{{"from", hex(make_test_key(0).address)}, {"to", hex(kBob)}}});
    EXPECT_EQ(unknown["error"]["code"], -32000);
    EXPECT_EQ(unknown["error"]["message"], "unknown account");
}

TEST(EthApi, CallsRevertsAndEstimates)
{
    ApiNode n;
    const std::string logger = hex(kLogger);
    const json reverted = n.t->call("eth_call", {{{"to", logger}}, "latest"});
    EXPECT_EQ(reverted["error"]["code"], 3);
    EXPECT_EQ(reverted["error"]["message"], "execution reverted: no");
    EXPECT_EQ(reverted["error"]["data"].get<std::string>().rfind("0x08c379a0", 0), 0u);
    const json estimate_reverted = n.t->call("eth_estimateGas", {{{"to", logger}}});
    EXPECT_EQ(estimate_reverted["error"]["code"], 3);
    EXPECT_EQ(estimate_reverted["error"]["message"], "execution reverted: no");

    const std::string word = hex(to_bytes32(uint256{9}));
    EXPECT_EQ(n.t->result("eth_call", {{{"to", logger}, {"data", word}}}), "0x");
    const json estimate =
        n.t->result("eth_estimateGas",
                    {{{"from", hex(make_test_key(0).address)}, {"to", logger}, {"data", word}}});
    const uint64_t gas = rpc::quantity_u64_from_json(estimate);
    EXPECT_GT(gas, 21'000u + 20'000u);  // intrinsic + a fresh SSTORE
    // The estimate is enough, and one less is not (our estimates are exact).
    const TestKey alice = make_test_key(0);
    const Bytes data{to_bytes32(uint256{9}).view()};
    n.t->submit_and_wait(devnet_tx(alice, 0, kLogger, 0, data, gas));
    const json receipt =
        n.t->result("eth_getTransactionReceipt",
                    {hex(transaction_hash(devnet_tx(alice, 0, kLogger, 0, data, gas)))});
    EXPECT_EQ(receipt["status"], "0x1");
    // State overrides: the code of another account replaced for one call.
    const json overridden = n.t->call(
        "eth_call", {{{"to", hex(kBob)}}, "latest", {{hex(kBob), {{"code", hex(logger_code())}}}}});
    EXPECT_EQ(overridden["error"]["message"], "execution reverted: no");
    // EXECUTE's fee query answers the next block's fee (the floor, 1 wei).
    EXPECT_EQ(n.t->result("eth_call",
                          {{{"to", "0x0000000000000000000000000000000000000101"}, {"data", "0x"}}}),
              hex(to_bytes32(uint256{1})));
}

TEST(EthApi, LogsByRangeByHashAndTheRangeLimit)
{
    ApiNode n;
    const TestKey alice = make_test_key(0);
    for (uint64_t i = 0; i < 3; ++i)
        n.t->submit_and_wait(
            devnet_tx(alice, i, kLogger, 0, Bytes{to_bytes32(uint256{i + 1}).view()}, 100'000));
    ASSERT_TRUE(n.t->node->mine(2, std::nullopt));
    const json all = n.t->result("eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", "latest"}}});
    ASSERT_EQ(all.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(all[i]["address"], hex(kLogger));
        EXPECT_EQ(all[i]["blockNumber"], rpc::to_quantity(uint64_t{i + 1}));
        EXPECT_EQ(all[i]["data"], hex(to_bytes32(uint256{i + 1})));
        EXPECT_EQ(all[i]["topics"], json::array({hex(to_bytes32(uint256{0x77}))}));
        EXPECT_EQ(all[i]["logIndex"], "0x0");
    }
    const json by_topic = n.t->result(
        "eth_getLogs", {{{"fromBlock", "0x2"}, {"topics", {hex(to_bytes32(uint256{0x77}))}}}});
    EXPECT_EQ(by_topic.size(), 2u);
    const json other_topic = n.t->result(
        "eth_getLogs", {{{"fromBlock", "0x0"}, {"topics", {hex(to_bytes32(uint256{0x78}))}}}});
    EXPECT_TRUE(other_topic.empty());
    // Asked again (the node now knows which blocks have no logs) and through a fresh set of
    // handlers (which knows nothing yet): the same logs.
    EXPECT_EQ(n.t->result("eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", "latest"}}}), all);
    {
        rpc::Dispatcher fresh;
        node::EthApi again{*n.t->node};
        again.register_methods(fresh);
        rpc::CallContext ctx;
        const json r = json::parse(*fresh.handle(
            R"({"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"0x2"}]})",
            ctx));
        ASSERT_EQ(r["result"].size(), 2u);
        EXPECT_EQ(r["result"][0], all[1]);
        EXPECT_EQ(r["result"][1], all[2]);
    }
    const json by_hash = n.t->result("eth_getLogs", {{{"blockHash", all[1]["blockHash"]}}});
    ASSERT_EQ(by_hash.size(), 1u);
    EXPECT_EQ(by_hash[0], all[1]);

    const json reversed = n.t->call("eth_getLogs", {{{"fromBlock", "0x3"}, {"toBlock", "0x1"}}});
    EXPECT_EQ(reversed["error"]["message"], "invalid block range params");
    const json wide = n.t->call("eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", "0x100000"}}});
    ASSERT_TRUE(wide.contains("result")) << wide.dump();  // clamped to the head
    node::EthApiOptions narrow;
    narrow.max_logs_block_range = 2;
    rpc::Dispatcher d;
    node::EthApi api{*n.t->node, narrow};
    api.register_methods(d);
    rpc::CallContext ctx;
    const json limited = json::parse(*d.handle(
        R"({"jsonrpc":"2.0","id":1,"method":"eth_getLogs","params":[{"fromBlock":"0x0","toBlock":"0x3"}]})",
        ctx));
    EXPECT_EQ(limited["error"]["message"], "exceed maximum block range: 2");
}

TEST(EthApi, ProofsVerifyAgainstTheStateRoot)
{
    ApiNode n;
    const TestKey alice = make_test_key(0);
    n.t->submit_and_wait(
        devnet_tx(alice, 0, kLogger, 0, Bytes{to_bytes32(uint256{0x1234}).view()}, 100'000));
    const json block = n.t->result("eth_getBlockByNumber", {"latest", false});
    const Hash256 state_root = rpc::hash_from_json(block["stateRoot"]);
    for (const Address& addr : {kLogger, alice.address, kBob}) {
        const json proof = n.t->result("eth_getProof", {hex(addr), {"0x0", "0x1"}, "latest"});
        std::vector<Bytes> nodes;
        for (const json& p : proof["accountProof"]) nodes.push_back(rpc::data_from_json(p));
        const auto leaf = trie::verify_proof(state_root, keccak256(addr), nodes);
        ASSERT_TRUE(leaf) << hex(addr);
        if (addr == kBob) {
            EXPECT_FALSE(leaf->has_value());  // proven absent
            EXPECT_EQ(proof["balance"], "0x0");
            EXPECT_EQ(proof["codeHash"], hex(kEmptyHash));
            continue;
        }
        ASSERT_TRUE(leaf->has_value());
        const auto account = state::decode_account(**leaf);
        ASSERT_TRUE(account);
        EXPECT_EQ(proof["balance"], rpc::to_quantity(account->info.balance));
        EXPECT_EQ(proof["nonce"], rpc::to_quantity(account->info.nonce));
        EXPECT_EQ(proof["storageHash"], hex(account->storage_root));
        ASSERT_EQ(proof["storageProof"].size(), 2u);
        for (const json& sp : proof["storageProof"]) {
            std::vector<Bytes> snodes;
            for (const json& p : sp["proof"]) snodes.push_back(rpc::data_from_json(p));
            const Bytes32 key =
                rpc::hash_from_json(json(hex(to_bytes32(rpc::quantity_from_json(sp["key"])))));
            const auto value = trie::verify_proof(account->storage_root, keccak256(key), snodes);
            ASSERT_TRUE(value);
            if (addr == kLogger && sp["key"] == "0x0") {
                ASSERT_TRUE(value->has_value());
                EXPECT_EQ(sp["value"], "0x1234");
            } else {
                EXPECT_FALSE(value->has_value());
                EXPECT_EQ(sp["value"], "0x0");
            }
        }
    }
}

TEST(EthApi, FeeHistoryAndDevExtensions)
{
    ApiNode n;
    const TestKey alice = make_test_key(0);
    n.t->submit_and_wait(devnet_tx(alice, 0, kBob, 1));
    EXPECT_EQ(n.t->result("anvil_mine", {"0x3"}), nullptr);
    EXPECT_EQ(n.t->result("evm_mine"), "0x0");
    EXPECT_EQ(n.t->result("eth_blockNumber"), "0x5");
    const json history = n.t->result("eth_feeHistory", {"0x4", "latest", {50}});
    EXPECT_EQ(history["oldestBlock"], "0x2");
    EXPECT_EQ(history["baseFeePerGas"].size(), 5u);
    EXPECT_EQ(history["gasUsedRatio"].size(), 4u);
    EXPECT_EQ(history["reward"].size(), 4u);
    const json first = n.t->result("eth_feeHistory", {2, "0x1", {50}});
    EXPECT_EQ(first["oldestBlock"], "0x0");
    // Block 1 held one transaction paying a 1 gwei tip: the median reward.
    EXPECT_EQ(first["reward"][1][0], "0x3b9aca00");
    const double ratio = first["gasUsedRatio"][1].get<double>();
    EXPECT_NEAR(ratio, 21'000.0 / 30'000'000.0, 1e-12);
    const json bad = n.t->call("eth_feeHistory", {"0x2", "latest", {60, 50}});
    EXPECT_EQ(bad["error"]["code"], -32602);

    // evm_mine with a timestamp.
    EXPECT_EQ(n.t->result("evm_mine", {4'000'000'000}), "0x0");
    EXPECT_EQ(n.t->result("eth_getBlockByNumber", {"latest", false})["timestamp"],
              rpc::to_quantity(uint64_t{4'000'000'000}));
    const json past = n.t->call("evm_mine", {1});
    EXPECT_EQ(past["error"]["code"], -32000);
}

TEST(EthApi, ExecutionWitnessOfABlock)
{
    ApiNode n;
    const TestKey alice = make_test_key(0);
    n.t->submit_and_wait(
        devnet_tx(alice, 0, kLogger, 0, Bytes{to_bytes32(uint256{3}).view()}, 100'000));
    const json witness = n.t->result("debug_executionWitness", {"0x1"});
    const auto decoded = ::ultra::json::witness_from_json(witness);
    ASSERT_TRUE(decoded) << decoded.error().to_string();
    EXPECT_FALSE(decoded->state.empty());
    EXPECT_EQ(decoded->headers.size(), 1u);  // the parent only: no BLOCKHASH
    // The logger's code was run, so it is in the witness.
    EXPECT_NE(std::find(decoded->codes.begin(), decoded->codes.end(), logger_code()),
              decoded->codes.end());
    const json genesis = n.t->call("debug_executionWitness", {"0x0"});
    EXPECT_EQ(genesis["error"]["code"], -32000);
    const json missing = n.t->call("debug_executionWitness", {"0x9"});
    EXPECT_EQ(missing["error"]["message"], "block not found");
}

TEST(EthApi, SubscriptionsPublishHeadsAndLogs)
{
    ApiNode n;
    struct Sink final : rpc::NotificationSink
    {
        bool send(std::string message) override
        {
            const std::lock_guard lock{mutex};
            messages.push_back(json::parse(message));
            return true;
        }
        std::mutex mutex;
        std::vector<json> messages;
    };
    auto sink = std::make_shared<Sink>();
    rpc::CallContext ctx;
    ctx.transport = rpc::Transport::kWebSocket;
    ctx.connection_id = 1;
    ctx.sink = sink;
    n.t->dispatcher.handle_stream(
        R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]})", ctx);
    n.t->dispatcher.handle_stream(
        R"({"jsonrpc":"2.0","id":2,"method":"eth_subscribe","params":["logs",{"address":")" +
            hex(kLogger) + R"("}]})",
        ctx);
    const TestKey alice = make_test_key(0);
    n.t->submit_and_wait(devnet_tx(alice, 0, kBob, 1));
    n.t->submit_and_wait(
        devnet_tx(alice, 1, kLogger, 0, Bytes{to_bytes32(uint256{5}).view()}, 100'000));
    // The listeners run after the block is stored: wait for the notifications.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (std::chrono::steady_clock::now() < deadline) {
        {
            const std::lock_guard lock{sink->mutex};
            if (sink->messages.size() >= 5) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    const std::lock_guard lock{sink->mutex};
    ASSERT_EQ(sink->messages.size(), 5u);  // two responses, two heads, one log
    const std::string heads = sink->messages[0]["result"];
    const std::string logs = sink->messages[1]["result"];
    EXPECT_EQ(sink->messages[2]["params"]["subscription"], heads);
    EXPECT_EQ(sink->messages[2]["params"]["result"]["number"], "0x1");
    EXPECT_EQ(sink->messages[3]["params"]["subscription"], heads);
    EXPECT_EQ(sink->messages[4]["params"]["subscription"], logs);
    EXPECT_EQ(sink->messages[4]["params"]["result"]["data"], hex(to_bytes32(uint256{5})));
}

}  // namespace
}  // namespace ultra::test
