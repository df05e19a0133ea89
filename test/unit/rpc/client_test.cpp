// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/rpc/client.hpp>
#include <ultra/rpc/server.hpp>

using namespace ultra;
using namespace ultra::rpc;
using namespace ultra::literals;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const Address kAlice = "0x00000000000000000000000000000000000a11ce"_addr;

/// A receipt as go-ethereum writes it, typed by hand.
json sample_receipt()
{
    return json::parse(R"({
        "blockHash": "0x1111111111111111111111111111111111111111111111111111111111111111",
        "blockNumber": "0x7",
        "transactionHash": "0x2222222222222222222222222222222222222222222222222222222222222222",
        "transactionIndex": "0x0",
        "from": "0x00000000000000000000000000000000000a11ce",
        "to": "0x000000000000000000000000000000000000b0b0",
        "gasUsed": "0x5208",
        "cumulativeGasUsed": "0x5208",
        "contractAddress": null,
        "logs": [],
        "logsBloom": "0x)" +
                       std::string(512, '0') + R"(",
        "type": "0x2",
        "effectiveGasPrice": "0x3b9aca00",
        "status": "0x1"
    })");
}

class ClientTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        dispatcher.add_method("eth_chainId",
                              [](const json&, CallContext&) { return json("0x186a1"); });
        dispatcher.add_method("eth_blockNumber",
                              [](const json&, CallContext&) { return json("0x2a"); });
        dispatcher.add_method("eth_getTransactionCount", [](const json& p, CallContext&) {
            // Echo what was asked: the nonce is 5 for "pending" and 4 otherwise.
            if (p.size() != 2 || p[0] != "0x00000000000000000000000000000000000a11ce")
                throw invalid_params("bad address");
            return json(p[1] == "pending" ? "0x5" : "0x4");
        });
        dispatcher.add_method("eth_getBalance", [](const json& p, CallContext&) {
            if (p[1] != "0x3") throw invalid_params("want block 0x3");
            return json("0xde0b6b3a7640000");
        });
        dispatcher.add_method("eth_sendRawTransaction", [](const json& p, CallContext&) {
            if (p[0] != "0x02f8") throw server_error("nonce too low");
            return json("0x2222222222222222222222222222222222222222222222222222222222222222");
        });
        dispatcher.add_method("eth_getTransactionReceipt", [this](const json& p, CallContext&) {
            ++receipt_polls;
            if (p[0] != "0x2222222222222222222222222222222222222222222222222222222222222222" ||
                receipt_polls < 3)
                return json(nullptr);
            return sample_receipt();
        });
        dispatcher.add_method("eth_call", [](const json& p, CallContext&) -> json {
            if (p[0].value("input", "") == "0xdead")
                throw RpcError(3, "execution reverted", json("0x1234"));
            if (p[0].value("to", "") != "0x0000000000000000000000000000000000000101" ||
                p[1] != "latest")
                throw invalid_params("unexpected call");
            return json("0x00000000000000000000000000000000000000000000000000000000000003e8");
        });
        dispatcher.add_method("eth_getLogs", [](const json& p, CallContext&) {
            if (p[0].value("fromBlock", "") != "0x1") throw invalid_params("want fromBlock 0x1");
            return json::parse(R"([{
                "address": "0x000000000000000000000000000000000000b0b0",
                "topics": ["0x3333333333333333333333333333333333333333333333333333333333333333"],
                "data": "0x0102",
                "blockHash": "0x1111111111111111111111111111111111111111111111111111111111111111",
                "blockNumber": "0x9",
                "transactionHash":
                    "0x2222222222222222222222222222222222222222222222222222222222222222",
                "transactionIndex": "0x1",
                "logIndex": "0x4",
                "removed": false
            }])");
        });
        dispatcher.add_method("eth_getBlockByNumber",
                              [](const json&, CallContext&) { return json(nullptr); });
        dispatcher.add_method("slow", [](const json&, CallContext&) {
            std::this_thread::sleep_for(600ms);
            return json(true);
        });
        dispatcher.add_method("echo", [](const json& p, CallContext&) { return p; });
    }

    void start(ServerConfig config = {})
    {
        config.port = 0;
        server = std::make_unique<Server>(dispatcher, config);
        server->start();
    }

    void TearDown() override
    {
        if (server) server->stop();
    }

    [[nodiscard]] std::string url() const
    {
        return "http://127.0.0.1:" + std::to_string(server->port());
    }

    Dispatcher dispatcher;
    std::unique_ptr<Server> server;
    std::atomic<int> receipt_polls{0};
};

TEST_F(ClientTest, TypedHelpersDecodeResults)
{
    start();
    Client client(url());
    EXPECT_EQ(client.chain_id(), 100001u);
    EXPECT_EQ(client.block_number(), 42u);
    EXPECT_EQ(client.get_transaction_count(kAlice), 4u);
    EXPECT_EQ(client.get_transaction_count(kAlice, BlockTag::kPending), 5u);
    EXPECT_EQ(client.get_balance(kAlice, uint64_t{3}), uint256{1000000000000000000ULL});
    EXPECT_EQ(client.send_raw_transaction(Bytes{0x02, 0xf8}),
              "0x2222222222222222222222222222222222222222222222222222222222222222"_b32);

    CallRequest call;
    call.to = "0x0000000000000000000000000000000000000101"_addr;
    const Bytes out = client.call(call);
    ASSERT_EQ(out.size(), 32u);
    EXPECT_EQ(out[30], 0x03);
    EXPECT_EQ(out[31], 0xe8);

    LogFilter filter;
    filter.from_block = uint64_t{1};
    const auto logs = client.get_logs(filter);
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_EQ(logs[0].log.address, "0x000000000000000000000000000000000000b0b0"_addr);
    EXPECT_EQ(logs[0].log.data, (Bytes{0x01, 0x02}));
    EXPECT_EQ(logs[0].context.block_num, 9u);
    EXPECT_EQ(logs[0].context.log_index, 4u);

    EXPECT_FALSE(client.get_block_by_number(uint64_t{99}).has_value());
    EXPECT_EQ(client.request("echo", json::array({1, "a"})), json::array({1, "a"}));
}

TEST_F(ClientTest, KeepsOneConnectionAlive)
{
    start();
    Client client(url());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(client.block_number(), 42u);
    EXPECT_EQ(server->stats().connections_accepted, 1u);
    EXPECT_EQ(server->stats().http_requests, 5u);
}

TEST_F(ClientTest, ErrorResponsesBecomeRpcErrors)
{
    start();
    Client client(url());
    try {
        (void)client.send_raw_transaction(Bytes{0x01});
        FAIL() << "expected an RpcError";
    } catch (const RpcError& e) {
        EXPECT_EQ(e.code(), -32000);
        EXPECT_EQ(e.message(), "nonce too low");
    }
    CallRequest reverting;
    reverting.input = Bytes{0xde, 0xad};
    try {
        (void)client.call(reverting);
        FAIL() << "expected an RpcError";
    } catch (const RpcError& e) {
        EXPECT_EQ(e.code(), 3);
        ASSERT_TRUE(e.data().has_value());
        EXPECT_EQ(*e.data(), json("0x1234"));
    }
    try {
        (void)client.request("no_such_method");
        FAIL() << "expected an RpcError";
    } catch (const RpcError& e) {
        EXPECT_EQ(e.code(), -32601);
    }
    // The connection is still usable after error responses.
    EXPECT_EQ(client.chain_id(), 100001u);
}

TEST_F(ClientTest, WaitsForAReceipt)
{
    start();
    Client client(url());
    const Hash256 hash = "0x2222222222222222222222222222222222222222222222222222222222222222"_b32;
    const RpcReceipt r = client.wait_for_receipt(hash, 5s, 1ms);
    EXPECT_EQ(receipt_polls.load(), 3);
    EXPECT_TRUE(r.receipt.success);
    EXPECT_EQ(r.receipt.gas_used, 21000u);
    EXPECT_EQ(r.context.block_num, 7u);
    EXPECT_EQ(r.context.from, kAlice);
    EXPECT_EQ(r.context.effective_gas_price, uint256{1000000000});
}

TEST_F(ClientTest, ReceiptWaitTimesOut)
{
    start();
    Client client(url());
    const Hash256 other = "0x4444444444444444444444444444444444444444444444444444444444444444"_b32;
    EXPECT_FALSE(client.get_transaction_receipt(other).has_value());
    try {
        (void)client.wait_for_receipt(other, 50ms, 5ms);
        FAIL() << "expected a timeout";
    } catch (const ClientError& e) {
        EXPECT_EQ(e.kind(), ClientErrorKind::kTimeout);
    }
}

TEST_F(ClientTest, RequestTimeoutThenRecovers)
{
    start();
    Client client(url(), ClientConfig{.timeout = 150ms});
    const auto t0 = std::chrono::steady_clock::now();
    try {
        (void)client.request("slow");
        FAIL() << "expected a timeout";
    } catch (const ClientError& e) {
        EXPECT_EQ(e.kind(), ClientErrorKind::kTimeout);
        EXPECT_NE(std::string(e.what()).find("slow to http://127.0.0.1:"), std::string::npos)
            << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
    // The next request runs on a fresh connection.
    EXPECT_EQ(client.block_number(), 42u);
}

TEST_F(ClientTest, ReconnectsAfterTheServerClosedAnIdleConnection)
{
    ServerConfig config;
    config.idle_timeout = 100ms;
    start(config);
    Client client(url());
    EXPECT_EQ(client.block_number(), 42u);
    std::this_thread::sleep_for(400ms);
    EXPECT_EQ(client.block_number(), 42u);
    EXPECT_EQ(server->stats().connections_accepted, 2u);
}

TEST_F(ClientTest, HttpErrorStatus)
{
    ServerConfig config;
    config.max_body_size = 64;
    start(config);
    Client client(url());
    try {
        (void)client.request("echo", json::array({std::string(200, 'x')}));
        FAIL() << "expected an HTTP error";
    } catch (const ClientError& e) {
        EXPECT_EQ(e.kind(), ClientErrorKind::kHttp);
        EXPECT_NE(std::string(e.what()).find("HTTP 413"), std::string::npos) << e.what();
    }
}

TEST_F(ClientTest, ConnectionRefused)
{
    start();
    const std::string dead = url();
    server->stop();
    server.reset();
    Client client(dead, ClientConfig{.timeout = 2s});
    try {
        (void)client.block_number();
        FAIL() << "expected a connect error";
    } catch (const ClientError& e) {
        EXPECT_EQ(e.kind(), ClientErrorKind::kConnect);
    }
}

TEST(ClientUrl, RejectsMalformedUrls)
{
    for (const char* bad : {"", "localhost:8545", "https://x", "http://", "http://h:", "http://h:0",
                            "http://h:70000", "http://h:12a", "http://[::1"}) {
        try {
            Client client(bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const ClientError& e) {
            EXPECT_EQ(e.kind(), ClientErrorKind::kBadUrl) << bad;
        }
    }
    for (const char* good :
         {"http://localhost", "http://127.0.0.1:8545", "http://h:1/rpc", "http://[::1]:8545/"}) {
        EXPECT_NO_THROW(Client{good}) << good;
    }
    EXPECT_EQ(to_string(ClientErrorKind::kTimeout), "timeout");
}

}  // namespace
