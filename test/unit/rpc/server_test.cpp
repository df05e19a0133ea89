// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <ultra/rpc/server.hpp>
#include <utils/fixtures.hpp>

#include "socket_client.hpp"

using namespace ultra;
using namespace ultra::rpc;
using nlohmann::json;
using ultra::rpc::test::HttpResponse;
using ultra::rpc::test::SocketClient;
using namespace std::chrono_literals;

namespace {

/// Polls `pred` until it holds or `timeout` passes.
template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = 5s)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return pred();
}

std::string rpc_request(int id, const std::string& method, const json& params = json::array())
{
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump();
}

class ServerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        dispatcher.add_method("eth_blockNumber",
                              [](const json&, CallContext&) { return json("0x2a"); });
        dispatcher.add_method("echo", [](const json& params, CallContext&) { return params; });
        dispatcher.add_method("fail_std", [](const json&, CallContext&) -> json {
            throw std::runtime_error("handler exploded");
        });
        dispatcher.add_method("transport", [](const json&, CallContext& ctx) {
            return json(ctx.transport == Transport::kWebSocket ? "ws" : "http");
        });
        dispatcher.add_subscription_kind("newHeads", [](const json&) -> SubscriptionMatcher {
            return [](const json& event) -> std::optional<json> { return event; };
        });
    }

    void start(ServerConfig config = {})
    {
        config.port = 0;
        server = std::make_unique<Server>(dispatcher, config);
        server->start();
        ASSERT_NE(server->port(), 0);
    }

    void TearDown() override
    {
        if (server) server->stop();
    }

    /// Opens a WebSocket and subscribes to newHeads; returns the subscription id.
    std::string ws_subscribe(SocketClient& c, int id = 1)
    {
        c.ws_handshake();
        c.ws_send(rpc_request(id, "eth_subscribe", {"newHeads"}));
        const auto msg = c.ws_receive();
        if (!msg) throw std::runtime_error("no subscribe response");
        const json r = json::parse(*msg);
        if (!r.contains("result")) throw std::runtime_error("subscribe failed: " + *msg);
        return r["result"];
    }

    Dispatcher dispatcher;
    std::unique_ptr<Server> server;
};

}  // namespace

TEST_F(ServerTest, HttpPostKeepAliveAndCors)
{
    start();
    SocketClient c{server->port()};
    for (int i = 1; i <= 3; ++i) {
        const HttpResponse res =
            c.post(rpc_request(i, "eth_blockNumber"), "Origin: http://dapp.test\r\n");
        EXPECT_EQ(res.status, 200);
        EXPECT_EQ(res.header("content-type"), "application/json");
        EXPECT_EQ(res.header("access-control-allow-origin"), "*");
        const json body = json::parse(res.body);
        EXPECT_EQ(body["id"], i);
        EXPECT_EQ(body["result"], "0x2a");
    }
    EXPECT_EQ(json::parse(c.post(rpc_request(9, "transport")).body)["result"], "http");
    EXPECT_EQ(server->stats().connections_accepted, 1u);  // one keep-alive connection
}

TEST_F(ServerTest, HttpBatchNotificationAndErrors)
{
    start();
    SocketClient c{server->port()};
    const HttpResponse batch =
        c.post("[" + rpc_request(1, "eth_blockNumber") + "," + rpc_request(2, "echo", {5}) +
               R"(,{"jsonrpc":"2.0","method":"echo"}])");
    const json b = json::parse(batch.body);
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b[0]["result"], "0x2a");
    EXPECT_EQ(b[1]["result"], json::array({5}));

    const HttpResponse note = c.post(R"({"jsonrpc":"2.0","method":"echo"})");
    EXPECT_EQ(note.status, 200);
    EXPECT_TRUE(note.body.empty());

    const HttpResponse malformed = c.post(R"({"jsonrpc":"2.0","id":1,"method":)");
    EXPECT_EQ(malformed.status, 200);
    EXPECT_EQ(json::parse(malformed.body)["error"]["code"], -32700);

    const HttpResponse internal = c.post(rpc_request(3, "fail_std"));
    EXPECT_EQ(json::parse(internal.body)["error"],
              (json{{"code", -32603}, {"message", "internal error: handler exploded"}}));

    // HTTP subscriptions are not possible.
    const HttpResponse sub = c.post(rpc_request(4, "eth_subscribe", {"newHeads"}));
    EXPECT_EQ(json::parse(sub.body)["error"]["code"], -32001);
}

TEST_F(ServerTest, OversizeBodyIs413AndServerKeepsServing)
{
    ServerConfig config;
    config.max_body_size = 1024 * 1024;
    start(config);
    {
        SocketClient c{server->port()};
        const size_t declared = 6 * 1024 * 1024;
        c.send_raw(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
            std::to_string(declared) + "\r\n\r\n");
        // Part of the body, as a client that does not wait for the verdict would send it.
        (void)c.try_send_raw(std::string(256 * 1024, ' '));
        const HttpResponse res = c.read_response();
        EXPECT_EQ(res.status, 413);
        const json body = json::parse(res.body);
        EXPECT_EQ(body["error"]["code"], -32600);
        EXPECT_EQ(body["error"]["message"], "request body too large (limit 1048576 bytes)");
        EXPECT_TRUE(c.wait_closed(5s));
    }
    // Chunked bodies are bounded too.
    {
        SocketClient c{server->port()};
        c.send_raw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        const std::string chunk(64 * 1024, 'a');
        char size_line[32];
        std::snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
        for (int i = 0; i < 20; ++i)
            if (!c.try_send_raw(std::string{size_line} + chunk + "\r\n")) break;
        EXPECT_EQ(c.read_response().status, 413);
    }
    SocketClient fresh{server->port()};
    EXPECT_EQ(json::parse(fresh.post(rpc_request(1, "eth_blockNumber")).body)["result"], "0x2a");
}

TEST_F(ServerTest, ExpectContinue)
{
    start();
    SocketClient c{server->port()};
    const std::string body = rpc_request(1, "eth_blockNumber");
    c.send_raw("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(c.read_response(2s).status, 100);
    c.send_raw(body);
    const HttpResponse res = c.read_response();
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(json::parse(res.body)["result"], "0x2a");
}

TEST_F(ServerTest, PreflightOtherMethodsAndGarbage)
{
    start();
    {
        SocketClient c{server->port()};
        c.send_raw(
            "OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: http://dapp.test\r\n"
            "Access-Control-Request-Method: POST\r\n"
            "Access-Control-Request-Headers: content-type\r\n\r\n");
        const HttpResponse res = c.read_response();
        EXPECT_EQ(res.status, 204);
        EXPECT_EQ(res.header("access-control-allow-origin"), "*");
        EXPECT_EQ(res.header("access-control-allow-methods"), "POST, GET, OPTIONS");
        EXPECT_EQ(res.header("access-control-allow-headers"), "content-type");
        c.send_raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_EQ(c.read_response().status, 405);
    }
    {
        SocketClient c{server->port()};
        c.send_raw("THIS IS NOT HTTP\r\n\r\n");
        EXPECT_EQ(c.read_response().status, 400);
        EXPECT_TRUE(c.wait_closed(5s));
    }
    {
        SocketClient c{server->port()};
        c.send_raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n");
        EXPECT_EQ(c.read_response().status, 400);
    }
    {
        // Raw bytes, then the peer vanishes mid-request.
        SocketClient c{server->port()};
        c.send_raw(std::string("\x00\x01\x02\xff\r\n", 6));
        c.close();
    }
    SocketClient fresh{server->port()};
    EXPECT_EQ(json::parse(fresh.post(rpc_request(1, "eth_blockNumber")).body)["result"], "0x2a");
}

TEST_F(ServerTest, CorsRestrictedOrigins)
{
    ServerConfig config;
    config.cors_allowed_origins = {"http://good.test"};
    start(config);
    SocketClient c{server->port()};
    const HttpResponse good =
        c.post(rpc_request(1, "eth_blockNumber"), "Origin: http://good.test\r\n");
    EXPECT_EQ(good.header("access-control-allow-origin"), "http://good.test");
    EXPECT_EQ(good.header("vary"), "Origin");
    const HttpResponse bad =
        c.post(rpc_request(2, "eth_blockNumber"), "Origin: http://evil.test\r\n");
    EXPECT_EQ(bad.header("access-control-allow-origin"), "");
}

TEST_F(ServerTest, WebSocketRequestsAndSubscription)
{
    start();
    SocketClient c{server->port()};
    const std::string id = ws_subscribe(c);
    EXPECT_EQ(dispatcher.subscription_count(), 1u);

    c.ws_send(rpc_request(2, "transport"));
    EXPECT_EQ(json::parse(*c.ws_receive())["result"], "ws");

    EXPECT_EQ(dispatcher.publish("newHeads", json{{"number", "0x7"}}), 1u);
    const json note = json::parse(*c.ws_receive());
    EXPECT_EQ(note["method"], "eth_subscription");
    EXPECT_EQ(note["params"]["subscription"], id);
    EXPECT_EQ(note["params"]["result"]["number"], "0x7");

    c.ws_send(rpc_request(3, "eth_unsubscribe", {id}));
    EXPECT_EQ(json::parse(*c.ws_receive())["result"], true);
    EXPECT_EQ(dispatcher.publish("newHeads", json{{"number", "0x8"}}), 0u);
    // The next message is the answer to the next request, not a notification.
    c.ws_send(rpc_request(4, "eth_blockNumber"));
    const json next = json::parse(*c.ws_receive());
    EXPECT_EQ(next["id"], 4);
    EXPECT_EQ(next["result"], "0x2a");

    // Malformed JSON over WebSocket is a parse error; the connection survives.
    c.ws_send("{oops");
    EXPECT_EQ(json::parse(*c.ws_receive())["error"]["code"], -32700);
    c.ws_send(rpc_request(5, "eth_blockNumber"));
    EXPECT_EQ(json::parse(*c.ws_receive())["id"], 5);
}

TEST_F(ServerTest, ClosingTheSocketEndsItsSubscriptions)
{
    start();
    auto c = std::make_unique<SocketClient>(server->port());
    (void)ws_subscribe(*c);
    SocketClient other{server->port()};
    (void)ws_subscribe(other, 7);
    EXPECT_EQ(dispatcher.subscription_count(), 2u);
    c->close();
    EXPECT_TRUE(eventually([&] { return dispatcher.subscription_count() == 1u; }));
    EXPECT_EQ(dispatcher.publish("newHeads", json(1)), 1u);
    EXPECT_TRUE(other.ws_receive().has_value());
}

TEST_F(ServerTest, WebSocketMessageLimit)
{
    ServerConfig config;
    config.max_ws_message_size = 4096;
    start(config);
    SocketClient c{server->port()};
    c.ws_handshake();
    c.ws_send(rpc_request(1, "echo", {std::string(8192, 'x')}));
    EXPECT_EQ(c.ws_receive(), std::nullopt);
    EXPECT_EQ(c.ws_close_code(), 1009);  // RFC 6455: message too big
    SocketClient fresh{server->port()};
    EXPECT_EQ(json::parse(fresh.post(rpc_request(1, "eth_blockNumber")).body)["result"], "0x2a");
}

TEST_F(ServerTest, SlowSubscriberIsDroppedWithoutBlocking)
{
    ServerConfig config;
    config.max_ws_queue_messages = 64;
    start(config);
    SocketClient slow{server->port()};
    (void)ws_subscribe(slow);
    SocketClient fast{server->port()};
    (void)ws_subscribe(fast, 2);
    ASSERT_EQ(dispatcher.subscription_count(), 2u);

    // The slow client never reads: its kernel buffers fill, then its queue, then it is dropped.
    const json big = json{{"payload", std::string(64 * 1024, 'z')}};
    const auto start_time = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000 && dispatcher.subscription_count() == 2u; ++i) {
        dispatcher.publish("newHeads", big);
        // The fast client reads each notification before the next is published, so its own queue
        // never holds more than one message however slowly this machine schedules the server.
        ASSERT_TRUE(fast.ws_receive(10s).has_value()) << "fast subscriber lost at message " << i;
    }
    const auto elapsed = std::chrono::steady_clock::now() - start_time;
    EXPECT_TRUE(eventually([&] { return dispatcher.subscription_count() == 1u; }));
    EXPECT_LT(elapsed, 20s);
    EXPECT_TRUE(slow.wait_closed(10s));
    // The fast client is unaffected.
    fast.ws_send(rpc_request(3, "eth_blockNumber"));
    bool answered = false;
    for (int i = 0; i < 2000 && !answered; ++i) {
        const auto msg = fast.ws_receive();
        ASSERT_TRUE(msg.has_value());
        answered = json::parse(*msg).contains("id");
    }
    EXPECT_TRUE(answered);
}

TEST_F(ServerTest, FloodOnFiftyConnections)
{
    start();
    constexpr int kConnections = 50;
    const int per_connection = static_cast<int>(std::max<uint64_t>(ultra::test::scaled(40), 4));
    std::atomic<int> answered{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kConnections; ++t) {
        threads.emplace_back([&, t] {
            try {
                SocketClient c{server->port()};
                for (int i = 0; i < per_connection; ++i) {
                    const int id = t * 1000 + i;
                    const json r = json::parse(c.post(rpc_request(id, "echo", {id})).body);
                    if (r["id"] == id && r["result"] == json::array({id})) {
                        ++answered;
                    } else {
                        ++wrong;
                    }
                }
            } catch (const std::exception&) {
                ++wrong;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(wrong, 0);
    EXPECT_EQ(answered, kConnections * per_connection);
    SocketClient fresh{server->port()};
    EXPECT_EQ(json::parse(fresh.post(rpc_request(1, "eth_blockNumber")).body)["result"], "0x2a");
}

TEST_F(ServerTest, ConnectionLimitRefusesCleanly)
{
    ServerConfig config;
    config.max_connections = 4;
    start(config);
    std::vector<std::unique_ptr<SocketClient>> held;
    for (int i = 0; i < 4; ++i) {
        held.push_back(std::make_unique<SocketClient>(server->port()));
        // A request proves the connection is being served (accepted and counted).
        EXPECT_EQ(held.back()->post(rpc_request(i, "eth_blockNumber")).status, 200);
    }
    {
        SocketClient extra{server->port()};
        extra.send_raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        const HttpResponse res = extra.read_response();
        EXPECT_EQ(res.status, 503);
        EXPECT_EQ(json::parse(res.body)["error"]["message"], "too many connections");
        EXPECT_TRUE(extra.wait_closed(5s));
    }
    EXPECT_GE(server->stats().connections_refused, 1u);
    held.pop_back();
    EXPECT_TRUE(eventually([&] { return server->stats().connections_open == 3u; }));
    SocketClient again{server->port()};
    EXPECT_EQ(again.post(rpc_request(1, "eth_blockNumber")).status, 200);
}

TEST_F(ServerTest, IdleConnectionsAreClosed)
{
    ServerConfig config;
    config.idle_timeout = 300ms;
    start(config);
    SocketClient c{server->port()};
    EXPECT_EQ(c.post(rpc_request(1, "eth_blockNumber")).status, 200);
    EXPECT_TRUE(c.wait_closed(5s));
    EXPECT_TRUE(eventually([&] { return server->stats().connections_open == 0u; }));
}

TEST_F(ServerTest, StopClosesEverythingAndJoins)
{
    start();
    SocketClient http{server->port()};
    EXPECT_EQ(http.post(rpc_request(1, "eth_blockNumber")).status, 200);
    SocketClient ws{server->port()};
    (void)ws_subscribe(ws);
    EXPECT_EQ(dispatcher.subscription_count(), 1u);
    const uint16_t port = server->port();

    const auto t0 = std::chrono::steady_clock::now();
    server->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
    EXPECT_FALSE(server->running());
    EXPECT_EQ(dispatcher.subscription_count(), 0u);
    EXPECT_EQ(server->stats().connections_open, 0u);
    EXPECT_TRUE(http.wait_closed(2s));
    EXPECT_TRUE(ws.wait_closed(2s));
    EXPECT_THROW(SocketClient{port}, std::runtime_error);  // nobody listens any more
    server->stop();                                        // idempotent
    server.reset();
}

TEST_F(ServerTest, HandlerPublishingToItsOwnConnection)
{
    // eth_sendRawTransaction on a dev node mines and publishes from inside the handler.
    dispatcher.add_method("mine", [this](const json&, CallContext&) {
        return json(dispatcher.publish("newHeads", json{{"number", "0x9"}}));
    });
    start();
    SocketClient c{server->port()};
    const std::string id = ws_subscribe(c);
    c.ws_send(rpc_request(2, "mine"));
    bool got_note = false;
    bool got_response = false;
    for (int i = 0; i < 2; ++i) {
        const auto msg = c.ws_receive();
        ASSERT_TRUE(msg.has_value());
        const json m = json::parse(*msg);
        if (m.contains("method")) {
            got_note = m["params"]["subscription"] == id;
        } else {
            got_response = m["result"] == 1;
        }
    }
    EXPECT_TRUE(got_note);
    EXPECT_TRUE(got_response);
}

TEST_F(ServerTest, StopFromAHandlerIsRefused)
{
    dispatcher.add_method("stop", [this](const json&, CallContext&) {
        server->stop();
        return json(true);
    });
    start();
    SocketClient c{server->port()};
    const json r = json::parse(c.post(rpc_request(1, "stop")).body);
    EXPECT_EQ(r["error"]["code"], -32603);
    EXPECT_TRUE(server->running());
    EXPECT_EQ(json::parse(c.post(rpc_request(2, "eth_blockNumber")).body)["result"], "0x2a");
}

TEST_F(ServerTest, StartTwiceAndBusyPort)
{
    start();
    EXPECT_THROW(server->start(), std::logic_error);
    ServerConfig taken;
    taken.port = server->port();
    Server second{dispatcher, taken};
    EXPECT_THROW(second.start(), std::system_error);
}

TEST_F(ServerTest, KeepAliveThroughput)
{
    start();
    constexpr int kConnections = 4;
    const int per_connection = static_cast<int>(std::max<uint64_t>(ultra::test::scaled(5000), 50));
    const std::string body = rpc_request(1, "eth_blockNumber");
    std::atomic<int> ok{0};
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < kConnections; ++t) {
        threads.emplace_back([&] {
            SocketClient c{server->port()};
            for (int i = 0; i < per_connection; ++i) {
                if (c.post(body).status == 200) ++ok;
            }
        });
    }
    for (auto& t : threads) t.join();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(ok, kConnections * per_connection);
    std::cout << "[ throughput ] eth_blockNumber over keep-alive HTTP, " << kConnections
              << " connections, 2 I/O threads: " << static_cast<int>(ok / seconds) << " req/s\n";
}
