// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "dispatcher.hpp"

#include <algorithm>

namespace ultra::rpc {

using nlohmann::json;

namespace {

/// Serialises without ever throwing on invalid UTF-8 in strings (replaced by U+FFFD).
std::string dump(const json& j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_response(const json& id, const json& error)
{
    return R"({"jsonrpc":"2.0","id":)" + dump(id) + R"(,"error":)" + dump(error) + "}";
}

std::string error_response(const json& id, int code, std::string_view message)
{
    return error_response(id, json{{"code", code}, {"message", message}});
}

std::string result_response(const json& id, const json& result)
{
    return R"({"jsonrpc":"2.0","id":)" + dump(id) + R"(,"result":)" + dump(result) + "}";
}

/// JSON-RPC 2.0 §4: an id is a string, a number or null.
bool is_valid_id(const json& id) noexcept
{
    return id.is_string() || id.is_number() || id.is_null();
}

const json kNull = nullptr;

}  // namespace

Dispatcher::Dispatcher(DispatcherOptions options)
    : options_{options}, id_rng_{std::random_device{}()}
{}

void Dispatcher::add_method(std::string name, Handler handler)
{
    auto h = std::make_shared<const Handler>(std::move(handler));
    std::unique_lock lock{methods_mutex_};
    methods_.insert_or_assign(std::move(name), std::move(h));
}

bool Dispatcher::remove_method(std::string_view name)
{
    std::unique_lock lock{methods_mutex_};
    const auto it = methods_.find(name);
    if (it == methods_.end()) return false;
    methods_.erase(it);
    return true;
}

bool Dispatcher::has_method(std::string_view name) const
{
    std::shared_lock lock{methods_mutex_};
    return methods_.find(name) != methods_.end();
}

std::vector<std::string> Dispatcher::method_names() const
{
    std::shared_lock lock{methods_mutex_};
    std::vector<std::string> names;
    names.reserve(methods_.size());
    for (const auto& entry : methods_) names.push_back(entry.first);
    return names;
}

void Dispatcher::add_subscription_kind(std::string kind, SubscriptionFactory factory)
{
    auto f = std::make_shared<const SubscriptionFactory>(std::move(factory));
    std::unique_lock lock{methods_mutex_};
    kinds_.insert_or_assign(std::move(kind), std::move(f));
}

std::optional<std::string> Dispatcher::handle(std::string_view body, CallContext& ctx)
{
    if (json_nesting_exceeds(body, options_.max_nesting_depth))
        return error_response(kNull, kParseError, "parse error: JSON nested too deeply");
    json message;
    try {
        message = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    } catch (const std::exception&) {
        message = json::value_t::discarded;
    }
    if (message.is_discarded()) return error_response(kNull, kParseError, "parse error");
    return handle_message(message, ctx);
}

std::optional<json> Dispatcher::handle_json(const json& message, CallContext& ctx)
{
    auto text = handle_message(message, ctx);
    if (!text) return std::nullopt;
    return json::parse(*text);
}

void Dispatcher::handle_stream(std::string_view body, CallContext& ctx)
{
    auto response = handle(body, ctx);
    if (response && ctx.sink) ctx.sink->send(std::move(*response));
    activate_subscriptions(ctx);
}

std::optional<std::string> Dispatcher::handle_message(const json& message, CallContext& ctx)
{
    if (message.is_object()) return handle_request(message, ctx);
    if (!message.is_array()) return error_response(kNull, kInvalidRequest, "invalid request");
    if (message.empty()) return error_response(kNull, kInvalidRequest, "empty batch");
    if (message.size() > options_.max_batch_size) {
        // go-ethereum: one error carrying the id of the batch's first call.
        json id = nullptr;
        for (const auto& m : message) {
            if (!m.is_object()) continue;
            const auto it = m.find("id");
            const auto method = m.find("method");
            if (it != m.end() && is_valid_id(*it) && method != m.end() && method->is_string()) {
                id = *it;
                break;
            }
        }
        return error_response(id, kInvalidRequest, "batch too large");
    }
    std::string out = "[";
    bool any = false;
    for (const auto& m : message) {
        auto response = handle_request(m, ctx);
        if (!response) continue;
        if (any) out += ',';
        out += *response;
        any = true;
    }
    if (!any) return std::nullopt;
    out += ']';
    return out;
}

std::optional<std::string> Dispatcher::handle_request(const json& request, CallContext& ctx)
{
    if (!request.is_object()) return error_response(kNull, kInvalidRequest, "invalid request");
    const auto id_it = request.find("id");
    const bool notification = id_it == request.end();
    const json& id = notification ? kNull : *id_it;
    if (!is_valid_id(id)) return error_response(kNull, kInvalidRequest, "invalid request");

    const auto version = request.find("jsonrpc");
    const auto method = request.find("method");
    if (version == request.end() || !version->is_string() || *version != "2.0" ||
        method == request.end() || !method->is_string())
        return error_response(id, kInvalidRequest, "invalid request");

    static const json kNoParams = json::array();
    const auto params_it = request.find("params");
    const json* params = &kNoParams;
    if (params_it != request.end() && !params_it->is_null()) {
        if (!params_it->is_array() && !params_it->is_object())
            return error_response(id, kInvalidParams, "non-array args");
        params = &*params_it;
    }

    json error;
    try {
        json result = call_method(method->get_ref<const std::string&>(), *params, ctx);
        if (notification) return std::nullopt;
        return result_response(id, result);
    } catch (const RpcError& e) {
        error = e.to_json();
    } catch (const DecodeError& e) {
        error = {{"code", kInvalidParams}, {"message", e.what()}};
    } catch (const std::exception& e) {
        error = {{"code", kInternalError}, {"message", std::string{"internal error: "} + e.what()}};
    } catch (...) {
        error = {{"code", kInternalError}, {"message", "internal error"}};
    }
    if (notification) return std::nullopt;
    return error_response(id, error);
}

json Dispatcher::call_method(const std::string& method, const json& params, CallContext& ctx)
{
    if (method == "eth_subscribe") return subscribe(params, ctx);
    if (method == "eth_unsubscribe") return unsubscribe(params, ctx);
    std::shared_ptr<const Handler> handler;
    {
        std::shared_lock lock{methods_mutex_};
        const auto it = methods_.find(method);
        if (it != methods_.end()) handler = it->second;
    }
    if (!handler) throw method_not_found(method);
    return (*handler)(params, ctx);
}

json Dispatcher::subscribe(const json& params, CallContext& ctx)
{
    if (!ctx.sink) throw RpcError{kNotificationsUnsupported, "notifications not supported"};
    if (!params.is_array() || params.empty() || !params[0].is_string())
        throw invalid_params("expected subscription name as first argument");
    const std::string& kind = params[0].get_ref<const std::string&>();
    std::shared_ptr<const SubscriptionFactory> factory;
    {
        std::shared_lock lock{methods_mutex_};
        const auto it = kinds_.find(kind);
        if (it != kinds_.end()) factory = it->second;
    }
    if (!factory)
        throw RpcError{kMethodNotFound, "no \"" + kind + "\" subscription in eth namespace"};

    SubscriptionMatcher matcher = (*factory)(params);
    if (!matcher) throw internal_error("subscription kind " + kind + " created no matcher");

    auto sub = std::make_shared<Subscription>();
    sub->kind = kind;
    sub->matcher = std::move(matcher);
    sub->sink = ctx.sink;
    sub->connection_id = ctx.connection_id;
    {
        std::lock_guard lock{subs_mutex_};
        size_t& count = subs_per_connection_[ctx.connection_id];
        if (count >= options_.max_subscriptions_per_connection)
            throw server_error("too many subscriptions");
        do {
            sub->id = new_subscription_id();
        } while (subs_.contains(sub->id));
        subs_.emplace(sub->id, sub);
        ++count;
    }
    ctx.pending_subscriptions_.push_back(sub->id);
    return sub->id;
}

json Dispatcher::unsubscribe(const json& params, CallContext& ctx)
{
    check_param_count(params, 1, 1);
    const json& arg = params[0];
    if (!arg.is_string())
        throw invalid_params("invalid argument 0: subscription id must be a string");
    std::lock_guard lock{subs_mutex_};
    const auto it = subs_.find(arg.get_ref<const std::string&>());
    if (it == subs_.end() || it->second->connection_id != ctx.connection_id)
        throw server_error("subscription not found");
    it->second->active = false;
    subs_.erase(it);
    if (auto c = subs_per_connection_.find(ctx.connection_id); c != subs_per_connection_.end()) {
        if (--c->second == 0) subs_per_connection_.erase(c);
    }
    return true;
}

void Dispatcher::activate_subscriptions(CallContext& ctx)
{
    if (ctx.pending_subscriptions_.empty()) return;
    std::lock_guard lock{subs_mutex_};
    for (const auto& id : ctx.pending_subscriptions_) {
        const auto it = subs_.find(id);
        if (it != subs_.end()) it->second->active = true;
    }
    ctx.pending_subscriptions_.clear();
}

size_t Dispatcher::publish(std::string_view kind, const json& event)
{
    std::vector<std::shared_ptr<Subscription>> targets;
    {
        std::lock_guard lock{subs_mutex_};
        for (const auto& entry : subs_) {
            if (entry.second->active && entry.second->kind == kind) targets.push_back(entry.second);
        }
    }
    size_t delivered = 0;
    for (const auto& sub : targets) {
        std::optional<json> result;
        try {
            result = sub->matcher(event);
        } catch (...) {
            continue;  // a failing matcher skips its subscription, never the others
        }
        if (!result || !sub->active) continue;
        auto sink = sub->sink.lock();
        if (!sink) continue;
        std::string message =
            R"({"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":")" + sub->id +
            R"(","result":)" + dump(*result) + "}}";
        if (sink->send(std::move(message))) ++delivered;
    }
    return delivered;
}

void Dispatcher::close_connection(uint64_t connection_id)
{
    std::lock_guard lock{subs_mutex_};
    for (auto it = subs_.begin(); it != subs_.end();) {
        if (it->second->connection_id == connection_id) {
            it->second->active = false;
            it = subs_.erase(it);
        } else {
            ++it;
        }
    }
    subs_per_connection_.erase(connection_id);
}

size_t Dispatcher::subscription_count() const
{
    std::lock_guard lock{subs_mutex_};
    return subs_.size();
}

std::string Dispatcher::new_subscription_id()
{
    // go-ethereum: 16 random bytes in hex, leading zeros trimmed, "0x" prefix.
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (int word = 0; word < 2; ++word) {
        const uint64_t v = id_rng_();
        for (int shift = 60; shift >= 0; shift -= 4) hex += kDigits[(v >> shift) & 0xf];
    }
    const size_t first = hex.find_first_not_of('0');
    return "0x" + (first == std::string::npos ? std::string{"0"} : hex.substr(first));
}

// ---------------------------------------------------------------------------------------------
// Parameter helpers
// ---------------------------------------------------------------------------------------------

void check_param_count(const json& params, size_t required, size_t max)
{
    if (params.is_null()) {
        if (required > 0) throw invalid_params("missing value for required argument 0");
        return;
    }
    if (!params.is_array()) throw invalid_params("non-array args");
    size_t n = params.size();
    while (n > 0 && params[n - 1].is_null()) --n;
    if (n > max) throw invalid_params("too many arguments, want at most " + std::to_string(max));
    if (n < required)
        throw invalid_params("missing value for required argument " + std::to_string(n));
}

const json& param_at(const json& params, size_t index)
{
    if (!params.is_array() || index >= params.size()) return kNull;
    return params[index];
}

bool json_nesting_exceeds(std::string_view text, size_t max_depth) noexcept
{
    size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
            case '"': in_string = true; break;
            case '[':
            case '{':
                if (++depth > max_depth) return true;
                break;
            case ']':
            case '}':
                if (depth > 0) --depth;
                break;
            default: break;
        }
    }
    return false;
}

}  // namespace ultra::rpc
