// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <ultra/rpc/dispatcher.hpp>

using namespace ultra;
using namespace ultra::rpc;
using nlohmann::json;

namespace {

/// Collects what the dispatcher sends; can be told to refuse.
class RecordingSink : public NotificationSink
{
public:
    bool send(std::string message) override
    {
        std::lock_guard lock{mutex};
        if (refuse) return false;
        messages.push_back(json::parse(message));
        return true;
    }
    std::vector<json> take()
    {
        std::lock_guard lock{mutex};
        return std::exchange(messages, {});
    }
    std::mutex mutex;
    std::vector<json> messages;
    bool refuse = false;
};

class DispatcherTest : public ::testing::Test
{
protected:
    DispatcherTest()
    {
        d.add_method("eth_blockNumber", [](const json&, CallContext&) { return json("0x2a"); });
        d.add_method("echo", [](const json& params, CallContext&) { return params; });
        d.add_method("count", [this](const json&, CallContext&) {
            ++calls;
            return json(calls.load());
        });
        d.add_method("fail_rpc", [](const json&, CallContext&) -> json {
            throw RpcError{3, "execution reverted", json("0x01")};
        });
        d.add_method("fail_std",
                     [](const json&, CallContext&) -> json { throw std::runtime_error("boom"); });
        d.add_method("fail_int", [](const json&, CallContext&) -> json { throw 42; });
        d.add_method("fail_decode", [](const json& params, CallContext&) -> json {
            return to_quantity(
                decode_param(params, 0, [](const json& j) { return quantity_u64_from_json(j); }));
        });
        d.add_method("transport", [](const json&, CallContext& ctx) {
            return json(static_cast<int>(ctx.transport));
        });
    }

    /// Handles `body` and parses the answer (null json when there is none).
    json call(const std::string& body)
    {
        CallContext ctx;
        auto out = d.handle(body, ctx);
        return out ? json::parse(*out) : json();
    }

    Dispatcher d;
    std::atomic<int> calls{0};
};

}  // namespace

TEST_F(DispatcherTest, SingleRequest)
{
    const json r = call(R"({"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]})");
    EXPECT_EQ(r, (json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", "0x2a"}}));
    // Absent params are an empty array.
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":2,"method":"echo"})")["result"], json::array());
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":2,"method":"echo","params":{"a":1}})")["result"],
              (json{{"a", 1}}));
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":3,"method":"transport"})")["result"], 0);
}

TEST_F(DispatcherTest, IdsOfEveryKindAreEchoed)
{
    for (const char* id : {"7", "-3", "1.5", "\"abc\"", "\"\"", "null", "18446744073709551615"}) {
        SCOPED_TRACE(id);
        const json r =
            call(std::string{R"({"jsonrpc":"2.0","method":"eth_blockNumber","id":)"} + id + "}");
        EXPECT_EQ(r["id"], json::parse(id));
        EXPECT_EQ(r["result"], "0x2a");
    }
    for (const char* id : {"{}", "[1]", "true"}) {
        SCOPED_TRACE(id);
        const json r =
            call(std::string{R"({"jsonrpc":"2.0","method":"eth_blockNumber","id":)"} + id + "}");
        EXPECT_EQ(r["error"]["code"], -32600);
        EXPECT_TRUE(r["id"].is_null());
    }
}

TEST_F(DispatcherTest, Notifications)
{
    CallContext ctx;
    EXPECT_EQ(d.handle(R"({"jsonrpc":"2.0","method":"count"})", ctx), std::nullopt);
    EXPECT_EQ(calls, 1);
    // Errors of notifications are not reported either.
    EXPECT_EQ(d.handle(R"({"jsonrpc":"2.0","method":"fail_std"})", ctx), std::nullopt);
    EXPECT_EQ(d.handle(R"({"jsonrpc":"2.0","method":"nope"})", ctx), std::nullopt);
}

TEST_F(DispatcherTest, Batches)
{
    const json r = call(R"([
        {"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"},
        {"jsonrpc":"2.0","method":"count"},
        {"jsonrpc":"2.0","id":"b","method":"nope"},
        5,
        {"jsonrpc":"2.0","id":3,"method":"echo","params":[1,2]}
    ])");
    ASSERT_TRUE(r.is_array());
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0]["id"], 1);
    EXPECT_EQ(r[0]["result"], "0x2a");
    EXPECT_EQ(r[1]["id"], "b");
    EXPECT_EQ(r[1]["error"]["code"], -32601);
    EXPECT_TRUE(r[2]["id"].is_null());
    EXPECT_EQ(r[2]["error"]["code"], -32600);
    EXPECT_EQ(r[3]["result"], json::array({1, 2}));
    EXPECT_EQ(calls, 1);

    // Only notifications: nothing at all.
    CallContext ctx;
    EXPECT_EQ(
        d.handle(R"([{"jsonrpc":"2.0","method":"count"},{"jsonrpc":"2.0","method":"count"}])", ctx),
        std::nullopt);
    EXPECT_EQ(calls, 3);

    const json empty = call("[]");
    EXPECT_EQ(empty, (json{{"jsonrpc", "2.0"},
                           {"id", nullptr},
                           {"error", {{"code", -32600}, {"message", "empty batch"}}}}));
}

TEST_F(DispatcherTest, BatchLimit)
{
    Dispatcher small{DispatcherOptions{.max_batch_size = 3}};
    small.add_method("m", [](const json&, CallContext&) { return json(1); });
    CallContext ctx;
    const std::string three = R"([{"jsonrpc":"2.0","id":1,"method":"m"},)"
                              R"({"jsonrpc":"2.0","id":2,"method":"m"},)"
                              R"({"jsonrpc":"2.0","id":3,"method":"m"}])";
    EXPECT_EQ(json::parse(*small.handle(three, ctx)).size(), 3u);
    const std::string four = R"([{"jsonrpc":"2.0","method":"m"},)"
                             R"({"jsonrpc":"2.0","id":"x","method":"m"},)"
                             R"({"jsonrpc":"2.0","id":2,"method":"m"},)"
                             R"({"jsonrpc":"2.0","id":3,"method":"m"}])";
    const json r = json::parse(*small.handle(four, ctx));
    ASSERT_TRUE(r.is_object());
    EXPECT_EQ(r["error"]["code"], -32600);
    EXPECT_EQ(r["error"]["message"], "batch too large");
    EXPECT_EQ(r["id"], "x");  // the first call's id (go-ethereum)
}

TEST_F(DispatcherTest, ParseErrors)
{
    for (const char* body : {"", "{", "{\"jsonrpc\":", "nul", "[1,]", "\xff\xfe"}) {
        SCOPED_TRACE(body);
        const json r = call(body);
        EXPECT_EQ(r["error"]["code"], -32700);
        EXPECT_TRUE(r["id"].is_null());
    }
    // Nesting bombs are refused before parsing.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_EQ(call(deep)["error"]["code"], -32700);
    EXPECT_TRUE(json_nesting_exceeds(std::string(129, '{'), 128));
    EXPECT_FALSE(json_nesting_exceeds(R"({"a":"[[[[[[[[[[[[[[[[[\"["})", 2));
    EXPECT_FALSE(json_nesting_exceeds(std::string(128, '[') + std::string(128, ']'), 128));
}

TEST_F(DispatcherTest, InvalidRequests)
{
    const char* cases[] = {
        R"(5)",
        R"("eth_blockNumber")",
        R"({"id":1,"method":"eth_blockNumber"})",
        R"({"jsonrpc":"1.0","id":1,"method":"eth_blockNumber"})",
        R"({"jsonrpc":2.0,"id":1,"method":"eth_blockNumber"})",
        R"({"jsonrpc":"2.0","id":1,"method":7})",
        R"({"jsonrpc":"2.0","id":1})",
    };
    for (const char* body : cases) {
        SCOPED_TRACE(body);
        const json r = call(body);
        EXPECT_EQ(r["error"]["code"], -32600);
        EXPECT_EQ(r["error"]["message"], "invalid request");
    }
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":7})")["id"], 1);
    const json params = call(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":"x"})");
    EXPECT_EQ(params["error"], (json{{"code", -32602}, {"message", "non-array args"}}));
}

TEST_F(DispatcherTest, ErrorCodes)
{
    const json nf = call(R"({"jsonrpc":"2.0","id":1,"method":"eth_nope"})");
    EXPECT_EQ(nf["error"],
              (json{{"code", -32601},
                    {"message", "the method eth_nope does not exist/is not available"}}));
    const json rpc = call(R"({"jsonrpc":"2.0","id":1,"method":"fail_rpc"})");
    EXPECT_EQ(rpc["error"],
              (json{{"code", 3}, {"message", "execution reverted"}, {"data", "0x01"}}));
    const json std_error = call(R"({"jsonrpc":"2.0","id":1,"method":"fail_std"})");
    EXPECT_EQ(std_error["error"], (json{{"code", -32603}, {"message", "internal error: boom"}}));
    const json other = call(R"({"jsonrpc":"2.0","id":1,"method":"fail_int"})");
    EXPECT_EQ(other["error"], (json{{"code", -32603}, {"message", "internal error"}}));
    const json bad_param =
        call(R"({"jsonrpc":"2.0","id":1,"method":"fail_decode","params":["12"]})");
    EXPECT_EQ(
        bad_param["error"],
        (json{{"code", -32602}, {"message", "invalid argument 0: hex string without 0x prefix"}}));
    const json missing = call(R"({"jsonrpc":"2.0","id":1,"method":"fail_decode","params":[]})");
    EXPECT_EQ(missing["error"]["message"], "missing value for required argument 0");
    const json ok = call(R"({"jsonrpc":"2.0","id":1,"method":"fail_decode","params":["0x10"]})");
    EXPECT_EQ(ok["result"], "0x10");
}

TEST(DispatcherParams, CountAndOptional)
{
    auto message = [](auto&& fn) -> std::string {
        try {
            fn();
        } catch (const RpcError& e) {
            EXPECT_EQ(e.code(), -32602);
            return e.message();
        }
        return {};
    };
    EXPECT_EQ(message([] {
                  check_param_count(json::array({1, 2, 3}), 1, 2);
              }),
              "too many arguments, want at most 2");
    EXPECT_EQ(message([] { check_param_count(json::array({1}), 2, 2); }),
              "missing value for required argument 1");
    EXPECT_EQ(message([] { check_param_count(json{{"a", 1}}, 0, 2); }), "non-array args");
    // Trailing nulls are omitted optional arguments.
    EXPECT_EQ(message([] { check_param_count(json::array({1, nullptr, nullptr}), 1, 1); }), "");
    const json params = json::array({"0x1", nullptr});
    const auto dec = [](const json& j) { return quantity_u64_from_json(j); };
    EXPECT_EQ(decode_optional_param(params, 0, dec), 1u);
    EXPECT_EQ(decode_optional_param(params, 1, dec), std::nullopt);
    EXPECT_EQ(decode_optional_param(params, 5, dec), std::nullopt);
    EXPECT_EQ(message([&] { (void)decode_optional_param(json::array({"0x01"}), 0, dec); }),
              "invalid argument 0: hex number with leading zero digits");
    EXPECT_TRUE(param_at(json::array(), 3).is_null());
}

TEST_F(DispatcherTest, MethodTable)
{
    EXPECT_TRUE(d.has_method("echo"));
    EXPECT_FALSE(d.has_method("eth_subscribe"));
    d.add_method("echo", [](const json&, CallContext&) { return json("replaced"); });
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"echo"})")["result"], "replaced");
    EXPECT_TRUE(d.remove_method("echo"));
    EXPECT_FALSE(d.remove_method("echo"));
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","id":1,"method":"echo"})")["error"]["code"], -32601);
    const auto names = d.method_names();
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(std::count(names.begin(), names.end(), "eth_blockNumber"), 1);
}

// ---------------------------------------------------------------------------------------------
// Subscriptions
// ---------------------------------------------------------------------------------------------

namespace {

void add_kinds(Dispatcher& d)
{
    d.add_subscription_kind("newHeads", [](const json&) -> SubscriptionMatcher {
        return [](const json& event) -> std::optional<json> { return event; };
    });
    d.add_subscription_kind("logs", [](const json& params) -> SubscriptionMatcher {
        const LogFilter filter = decode_optional_param(params, 1, [](const json& j) {
                                     return log_filter_from_json(j);
                                 }).value_or(LogFilter{});
        return [filter](const json& event) -> std::optional<json> {
            const RpcLog log = log_from_json(event);
            if (!filter.matches(log.log)) return std::nullopt;
            return event;
        };
    });
}

json request(CallContext& ctx, Dispatcher& d, const json& body)
{
    auto out = d.handle(body.dump(), ctx);
    return out ? json::parse(*out) : json();
}

json subscribe_request(int id, const json& params)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", "eth_subscribe"}, {"params", params}};
}

}  // namespace

TEST(DispatcherSubscriptions, NeedANotificationTransport)
{
    Dispatcher d;
    add_kinds(d);
    CallContext http;
    http.transport = Transport::kHttp;
    const json r = request(http, d, subscribe_request(1, {"newHeads"}));
    EXPECT_EQ(r["error"], (json{{"code", -32001}, {"message", "notifications not supported"}}));
}

TEST(DispatcherSubscriptions, SubscribePublishUnsubscribe)
{
    Dispatcher d;
    add_kinds(d);
    auto sink = std::make_shared<RecordingSink>();
    CallContext ws;
    ws.transport = Transport::kWebSocket;
    ws.connection_id = 7;
    ws.sink = sink;

    const json unknown = request(ws, d, subscribe_request(1, {"pendingThings"}));
    EXPECT_EQ(unknown["error"],
              (json{{"code", -32601},
                    {"message", "no \"pendingThings\" subscription in eth namespace"}}));
    EXPECT_EQ(request(ws, d, subscribe_request(1, json::array()))["error"]["code"], -32602);

    const json sub = request(ws, d, subscribe_request(2, {"newHeads"}));
    const std::string id = sub["result"];
    EXPECT_EQ(id.rfind("0x", 0), 0u);
    EXPECT_LE(id.size(), 34u);
    EXPECT_EQ(d.subscription_count(), 1u);

    // Inactive until the response is out.
    EXPECT_EQ(d.publish("newHeads", json{{"number", "0x1"}}), 0u);
    d.activate_subscriptions(ws);
    EXPECT_EQ(d.publish("newHeads", json{{"number", "0x2"}}), 1u);
    EXPECT_EQ(d.publish("logs", json{{"number", "0x2"}}), 0u);
    auto got = sink->take();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0], (json{{"jsonrpc", "2.0"},
                            {"method", "eth_subscription"},
                            {"params", {{"subscription", id}, {"result", {{"number", "0x2"}}}}}}));

    // Another connection cannot end it.
    CallContext other;
    other.connection_id = 8;
    other.sink = std::make_shared<RecordingSink>();
    const json foreign = request(
        other, d, {{"jsonrpc", "2.0"}, {"id", 3}, {"method", "eth_unsubscribe"}, {"params", {id}}});
    EXPECT_EQ(foreign["error"], (json{{"code", -32000}, {"message", "subscription not found"}}));

    const json unsub = request(
        ws, d, {{"jsonrpc", "2.0"}, {"id", 4}, {"method", "eth_unsubscribe"}, {"params", {id}}});
    EXPECT_EQ(unsub["result"], true);
    EXPECT_EQ(d.subscription_count(), 0u);
    EXPECT_EQ(d.publish("newHeads", json{{"number", "0x3"}}), 0u);
    EXPECT_TRUE(sink->take().empty());
    const json again = request(
        ws, d, {{"jsonrpc", "2.0"}, {"id", 5}, {"method", "eth_unsubscribe"}, {"params", {id}}});
    EXPECT_EQ(again["error"]["message"], "subscription not found");
}

TEST(DispatcherSubscriptions, LogFilterAndErrors)
{
    Dispatcher d;
    add_kinds(d);
    auto sink = std::make_shared<RecordingSink>();
    CallContext ws;
    ws.connection_id = 1;
    ws.sink = sink;

    const json bad = request(ws, d, subscribe_request(1, {"logs", {{"address", "0x12"}}}));
    EXPECT_EQ(bad["error"], (json{{"code", -32602},
                                  {"message",
                                   "invalid argument 1: address: hex string has length 2, "
                                   "want 40 for address"}}));
    const std::string alice = "0x00000000000000000000000000000000000a11ce";
    const json sub = request(ws, d, subscribe_request(2, {"logs", {{"address", alice}}}));
    ASSERT_TRUE(sub.contains("result"));
    d.activate_subscriptions(ws);

    execution::Log log;
    log.address = address_from_json(alice);
    LogContext lc;
    const json match = log_to_json(log, lc);
    log.address[0] = 1;
    const json miss = log_to_json(log, lc);
    EXPECT_EQ(d.publish("logs", match), 1u);
    EXPECT_EQ(d.publish("logs", miss), 0u);
    // A matcher that throws skips its subscription only.
    EXPECT_EQ(d.publish("logs", json("not a log")), 0u);
    ASSERT_EQ(sink->take().size(), 1u);

    // A refusing sink (a dropped slow client) counts as not delivered.
    sink->refuse = true;
    EXPECT_EQ(d.publish("logs", match), 0u);

    d.close_connection(1);
    EXPECT_EQ(d.subscription_count(), 0u);
}

TEST(DispatcherSubscriptions, HandleStreamOrdersResponseFirst)
{
    Dispatcher d;
    add_kinds(d);
    auto sink = std::make_shared<RecordingSink>();
    CallContext ws;
    ws.connection_id = 3;
    ws.sink = sink;
    d.handle_stream(subscribe_request(9, {"newHeads"}).dump(), ws);
    EXPECT_EQ(d.publish("newHeads", json(1)), 1u);
    const auto got = sink->take();
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0]["id"], 9);
    EXPECT_EQ(got[1]["params"]["subscription"], got[0]["result"]);
    EXPECT_EQ(got[1]["params"]["result"], 1);
}

TEST(DispatcherSubscriptions, PerConnectionLimitAndSinkLifetime)
{
    Dispatcher d{DispatcherOptions{.max_subscriptions_per_connection = 2}};
    add_kinds(d);
    auto sink = std::make_shared<RecordingSink>();
    CallContext ws;
    ws.connection_id = 4;
    ws.sink = sink;
    EXPECT_TRUE(request(ws, d, subscribe_request(1, {"newHeads"})).contains("result"));
    EXPECT_TRUE(request(ws, d, subscribe_request(2, {"newHeads"})).contains("result"));
    EXPECT_EQ(request(ws, d, subscribe_request(3, {"newHeads"}))["error"],
              (json{{"code", -32000}, {"message", "too many subscriptions"}}));
    d.activate_subscriptions(ws);
    EXPECT_EQ(d.publish("newHeads", json(1)), 2u);
    // Subscriptions only hold the sink weakly: a vanished connection gets nothing.
    ws.sink.reset();
    sink.reset();
    EXPECT_EQ(d.publish("newHeads", json(1)), 0u);
}

TEST(DispatcherSubscriptions, ConcurrentPublishAndSubscribe)
{
    Dispatcher d;
    add_kinds(d);
    d.add_method("work", [](const json& p, CallContext&) { return p; });
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    std::atomic<size_t> delivered{0};
    threads.emplace_back([&] {
        while (!done) delivered += d.publish("newHeads", json{{"n", 1}});
    });
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                auto sink = std::make_shared<RecordingSink>();
                CallContext ws;
                ws.connection_id = static_cast<uint64_t>(100 + t * 1000 + i);
                ws.sink = sink;
                d.handle_stream(subscribe_request(1, {"newHeads"}).dump(), ws);
                const auto r =
                    d.handle(R"({"jsonrpc":"2.0","id":2,"method":"work","params":[1]})", ws);
                EXPECT_TRUE(r.has_value());
                d.close_connection(ws.connection_id);
            }
        });
    }
    for (size_t i = 1; i < threads.size(); ++i) threads[i].join();
    done = true;
    threads[0].join();
    EXPECT_EQ(d.subscription_count(), 0u);
}
