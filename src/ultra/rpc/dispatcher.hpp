// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "error.hpp"
#include "eth_json.hpp"

namespace ultra::rpc {

/// How a request reached the dispatcher.
enum class Transport : uint8_t
{
    kInProcess,  ///< a direct call (tests, the node itself)
    kHttp,       ///< one HTTP POST
    kWebSocket,  ///< a message on a WebSocket connection (notifications possible)
};

/// The outgoing side of a connection that carries notifications (a WebSocket session).
class NotificationSink
{
public:
    virtual ~NotificationSink() = default;
    /// Queues one text message for the peer. Thread-safe and never blocks: when the peer is too
    /// slow and its bounded queue is full, the connection is dropped and false is returned; false
    /// also once the connection is closed.
    virtual bool send(std::string message) = 0;
};

class Dispatcher;

/// What a handler knows about the request's origin. One per request (HTTP) or per connection
/// (WebSocket, where it lives as long as the connection).
struct CallContext
{
    Transport transport = Transport::kInProcess;  ///< where the request came from
    uint64_t connection_id = 0;                   ///< unique per connection; 0 in process
    std::string remote_address;                   ///< "ip:port" of the peer, if any
    /// Where notifications go: set for WebSocket connections only (eth_subscribe needs it).
    std::shared_ptr<NotificationSink> sink;

private:
    friend class Dispatcher;
    std::vector<std::string> pending_subscriptions_;  ///< created, not yet active
};

/// A method: takes the request's `params` (an array, [] when absent, or an object if the
/// client sent named parameters) and returns the `result`. Errors are thrown as RpcError (or
/// DecodeError, which becomes -32602); any other exception becomes -32603.
///
/// Concurrency: the server calls handlers from its I/O threads, so one handler may run on
/// several threads at once, and different handlers concurrently. Handlers that touch shared
/// state (the chain, the pool) must synchronise it themselves; the node serialises its state
/// access behind its own lock.
using Handler = std::function<nlohmann::json(const nlohmann::json& params, CallContext& ctx)>;

/// Decides what one subscription receives for a published event: the notification's `result`,
/// or std::nullopt to skip the event. Called from the publishing thread, possibly concurrently
/// for different events: it must be thread-safe (a pure function of its captures and the event).
using SubscriptionMatcher =
    std::function<std::optional<nlohmann::json>(const nlohmann::json& event)>;

/// Creates the matcher of a new subscription from eth_subscribe's `params`: params[0] is the
/// kind, the arguments follow (for "logs", params[1] is the optional filter object; decode it
/// with decode_optional_param(params, 1, log_filter_from_json) so that errors read "invalid
/// argument 1: ..."). Rejects bad arguments by throwing RpcError or DecodeError.
using SubscriptionFactory = std::function<SubscriptionMatcher(const nlohmann::json& params)>;

/// Limits of the dispatcher.
struct DispatcherOptions
{
    /// The most requests a batch may hold; a longer batch gets one error "batch too large"
    /// (-32600) carrying the id of its first call, as go-ethereum answers.
    size_t max_batch_size = 1000;
    /// The deepest JSON nesting accepted (arrays and objects); deeper bodies are a parse error
    /// (-32700). Guards recursive code downstream against stack exhaustion.
    size_t max_nesting_depth = 128;
    /// The most subscriptions one connection may hold (-32000 "too many subscriptions").
    size_t max_subscriptions_per_connection = 1000;
};

/// JSON-RPC 2.0 dispatch (https://www.jsonrpc.org/specification) with go-ethereum's error texts:
/// methods by name, batches, notifications, and the eth_subscribe / eth_unsubscribe plumbing.
///
/// Request handling:
/// - a body that is not JSON (or nests deeper than the limit): one error -32700, id null;
/// - an object: one request; an array: a batch, answered by an array holding one response per
///   request that has an id, in order (no response at all when every member is a
///   notification); an empty array: one error -32600 "empty batch"; a batch longer than the
///   limit: one error "batch too large"; any other value: -32600 "invalid request";
/// - a request must have "jsonrpc": "2.0", a string "method", params (if present) an array or
///   object, and an id (if present) that is a string, a number or null, which is echoed back;
///   otherwise -32600 "invalid request" (id null when the id itself is unusable);
/// - a request without "id" is a notification: it runs, and nothing is answered;
/// - an unknown method: -32601 "the method X does not exist/is not available".
///
/// Subscriptions (WebSocket only): "eth_subscribe" [kind, args...] creates a subscription whose
/// id ("0x" + up to 32 hex digits, random) is the result; "eth_unsubscribe" [id] removes one
/// of the calling connection's subscriptions (true), or fails with -32000 "subscription not
/// found". Over HTTP eth_subscribe answers -32001 "notifications not supported"; an unknown kind
/// -32601 `no "kind" subscription in eth namespace`. publish() delivers events; a subscription
/// receives notifications only after its eth_subscribe response has been queued (see
/// handle_stream()) and none after its connection closed (close_connection()).
///
/// Thread safety: every member function may be called from any thread at any time, including
/// add_method() while requests are served (a request sees the table before or after).
class Dispatcher
{
public:
    /// A dispatcher with no methods and no subscription kinds.
    explicit Dispatcher(DispatcherOptions options = {});

    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    /// Registers (or replaces) the method `name`. eth_subscribe and eth_unsubscribe are built in
    /// and cannot be registered.
    void add_method(std::string name, Handler handler);

    /// Removes a method (false if it was not registered).
    bool remove_method(std::string_view name);

    /// True when `name` is registered.
    [[nodiscard]] bool has_method(std::string_view name) const;

    /// The registered method names, sorted.
    [[nodiscard]] std::vector<std::string> method_names() const;

    /// Registers (or replaces) the subscription kind `kind` ("newHeads", "logs", ...).
    void add_subscription_kind(std::string kind, SubscriptionFactory factory);

    /// Handles one HTTP body or WebSocket message and returns the response text, or
    /// std::nullopt when nothing is to be answered (notifications only). Never throws for any
    /// input (allocation failure aside). Subscriptions created here stay inactive until
    /// activate_subscriptions(ctx): use handle_stream() on connections with a sink.
    [[nodiscard]] std::optional<std::string> handle(std::string_view body, CallContext& ctx);

    /// Handles an already parsed message (object or batch array) like handle(), returning the
    /// response as JSON.
    [[nodiscard]] std::optional<nlohmann::json> handle_json(const nlohmann::json& message,
                                                            CallContext& ctx);

    /// For connections with a sink: handle(), then send the response (if any) through
    /// ctx.sink, then activate_subscriptions(ctx) — so that no notification overtakes the
    /// eth_subscribe response that announces its id.
    void handle_stream(std::string_view body, CallContext& ctx);

    /// Activates the subscriptions created by the requests handled with `ctx` so far.
    void activate_subscriptions(CallContext& ctx);

    /// Delivers `event` to every active subscription of `kind` whose matcher accepts it, as
    /// {"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":id,"result":r}}.
    /// Thread-safe and never blocks on a peer (a slow peer's connection is dropped instead).
    /// Returns the number of notifications queued. For "logs", publish each log separately
    /// (go-ethereum sends one notification per log).
    size_t publish(std::string_view kind, const nlohmann::json& event);

    /// Ends every subscription of a connection (the transport calls it when the connection
    /// closes).
    void close_connection(uint64_t connection_id);

    /// The number of subscriptions (active or pending) over all connections.
    [[nodiscard]] size_t subscription_count() const;

    /// The options in force.
    [[nodiscard]] const DispatcherOptions& options() const noexcept { return options_; }

private:
    struct Subscription
    {
        std::string id;
        std::string kind;
        SubscriptionMatcher matcher;
        std::weak_ptr<NotificationSink> sink;
        uint64_t connection_id = 0;
        std::atomic<bool> active{false};  ///< set once the response is out; cleared on removal
    };

    /// A parsed message (object or batch); std::nullopt when nothing is answered.
    std::optional<std::string> handle_message(const nlohmann::json& message, CallContext& ctx);
    /// One request object; std::nullopt for a notification.
    std::optional<std::string> handle_request(const nlohmann::json& request, CallContext& ctx);
    nlohmann::json call_method(const std::string& method,
                               const nlohmann::json& params,
                               CallContext& ctx);
    nlohmann::json subscribe(const nlohmann::json& params, CallContext& ctx);
    nlohmann::json unsubscribe(const nlohmann::json& params, CallContext& ctx);
    std::string new_subscription_id();

    DispatcherOptions options_;

    mutable std::shared_mutex methods_mutex_;
    std::map<std::string, std::shared_ptr<const Handler>, std::less<>> methods_;
    std::map<std::string, std::shared_ptr<const SubscriptionFactory>, std::less<>> kinds_;

    mutable std::mutex subs_mutex_;
    std::unordered_map<std::string, std::shared_ptr<Subscription>> subs_;
    std::unordered_map<uint64_t, size_t> subs_per_connection_;
    std::mt19937_64 id_rng_;
};

// ---------------------------------------------------------------------------------------------
// Parameter helpers for handlers (go-ethereum's texts)
// ---------------------------------------------------------------------------------------------

/// Checks the positional parameters: an array of `required` to `max` elements, where trailing
/// nulls count as absent. Throws -32602 "non-array args", "missing value for required argument
/// N" or "too many arguments, want at most N".
void check_param_count(const nlohmann::json& params, size_t required, size_t max);

/// params[index], or a null value when the array is shorter (an omitted optional argument).
[[nodiscard]] const nlohmann::json& param_at(const nlohmann::json& params, size_t index);

/// Decodes the required argument `index` with `decode(const json&)`: a missing or null
/// argument is -32602 "missing value for required argument N"; a DecodeError becomes -32602
/// "invalid argument N: <reason>".
template <typename F>
auto decode_param(const nlohmann::json& params, size_t index, F&& decode)
{
    const nlohmann::json& arg = param_at(params, index);
    if (arg.is_null())
        throw invalid_params("missing value for required argument " + std::to_string(index));
    try {
        return decode(arg);
    } catch (const DecodeError& e) {
        throw invalid_params("invalid argument " + std::to_string(index) + ": " + e.what());
    }
}

/// Decodes the optional argument `index`: std::nullopt when it is missing or null.
template <typename F>
auto decode_optional_param(const nlohmann::json& params, size_t index, F&& decode)
    -> std::optional<std::decay_t<decltype(decode(params))>>
{
    const nlohmann::json& arg = param_at(params, index);
    if (arg.is_null()) return std::nullopt;
    try {
        return decode(arg);
    } catch (const DecodeError& e) {
        throw invalid_params("invalid argument " + std::to_string(index) + ": " + e.what());
    }
}

/// True when the JSON text nests arrays/objects deeper than `max_depth` (strings are skipped,
/// so brackets inside them do not count). Linear, no allocation.
[[nodiscard]] bool json_nesting_exceeds(std::string_view text, size_t max_depth) noexcept;

}  // namespace ultra::rpc
