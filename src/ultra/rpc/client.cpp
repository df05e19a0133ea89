// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// The client's only translation unit that includes Boost.Beast. The exchange is driven with
// async operations on a private io_context so that every step (resolve, connect, write, read)
// is bounded by the request's deadline; the public interface stays synchronous.
#include "client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <thread>
#include <utility>

namespace ultra::rpc {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

std::string_view to_string(ClientErrorKind kind) noexcept
{
    switch (kind) {
        case ClientErrorKind::kBadUrl: return "bad url";
        case ClientErrorKind::kConnect: return "connect";
        case ClientErrorKind::kTimeout: return "timeout";
        case ClientErrorKind::kIo: return "io";
        case ClientErrorKind::kHttp: return "http";
        case ClientErrorKind::kProtocol: return "protocol";
    }
    return "unknown";
}

struct Client::Connection
{
    asio::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    bool open = false;
};

namespace {

/// Parses "http://host[:port][/path]" (host may be a bracketed IPv6 literal).
bool parse_url(std::string_view url, std::string& host, std::string& port, std::string& target)
{
    constexpr std::string_view kScheme = "http://";
    if (!url.starts_with(kScheme)) return false;
    url.remove_prefix(kScheme.size());
    const size_t slash = url.find('/');
    const std::string_view authority = url.substr(0, slash);
    target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    std::string_view port_text;
    bool has_port = false;
    if (authority.starts_with('[')) {
        const size_t close = authority.find(']');
        if (close == std::string_view::npos) return false;
        host = std::string(authority.substr(1, close - 1));
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':') return false;
            port_text = rest.substr(1);
            has_port = true;
        }
    } else {
        const size_t colon = authority.find(':');
        host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            has_port = true;
        }
    }
    if (host.empty()) return false;
    if (!has_port) {
        port = "80";
        return true;
    }
    if (port_text.empty() || port_text.size() > 5) return false;
    unsigned value = 0;
    for (const char c : port_text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return false;
    port = std::string(port_text);
    return true;
}

/// Runs `ioc` until the pending operations complete or `deadline` passes; on the deadline
/// `cancel` is called and the cancelled operations are drained. True when it completed.
template <typename Cancel>
bool run_until(asio::io_context& ioc, std::chrono::steady_clock::time_point deadline, Cancel cancel)
{
    ioc.restart();
    const auto now = std::chrono::steady_clock::now();
    const auto budget = deadline > now ? deadline - now : std::chrono::steady_clock::duration{0};
    ioc.run_for(budget);
    if (ioc.stopped()) return true;
    cancel();
    ioc.restart();
    ioc.run();
    return false;
}

}  // namespace

Client::Client(std::string url, ClientConfig config)
    : url_(std::move(url)), config_(config), connection_(std::make_unique<Connection>())
{
    if (!parse_url(url_, host_, port_, target_))
        throw ClientError(ClientErrorKind::kBadUrl,
                          "bad JSON-RPC url '" + url_ + "' (want http://host[:port][/path])");
}

Client::~Client()
{
    if (connection_ && connection_->open) {
        beast::error_code ignored;
        connection_->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
}

std::string Client::post(std::string_view method, const std::string& body)
{
    const auto fail = [&](ClientErrorKind kind, const std::string& detail) {
        return ClientError(kind, std::string(method) + " to " + url_ + ": " + detail);
    };
    Connection& c = *connection_;
    const auto deadline = std::chrono::steady_clock::now() + config_.timeout;

    // A reused keep-alive connection may have been closed by the server meanwhile: such a
    // failure before any response byte is retried once on a fresh connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = c.open;
        if (!c.open) {
            c.stream.close();
            c.buffer.clear();
            tcp::resolver resolver(c.ioc);
            beast::error_code ec;
            tcp::resolver::results_type endpoints;
            resolver.async_resolve(host_, port_, [&](beast::error_code e, auto results) {
                ec = e;
                endpoints = std::move(results);
            });
            if (!run_until(c.ioc, deadline, [&] { resolver.cancel(); }))
                throw fail(ClientErrorKind::kTimeout, "timed out resolving " + host_);
            if (ec)
                throw fail(ClientErrorKind::kConnect,
                           "cannot resolve " + host_ + ": " + ec.message());
            c.stream.expires_at(deadline);
            c.stream.async_connect(endpoints,
                                   [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
            run_until(c.ioc, deadline, [&] { c.stream.close(); });
            if (ec == beast::error::timeout || ec == asio::error::operation_aborted)
                throw fail(ClientErrorKind::kTimeout, "timed out connecting");
            if (ec) throw fail(ClientErrorKind::kConnect, "cannot connect: " + ec.message());
            c.open = true;
        }

        http::request<http::string_body> req{http::verb::post, target_, 11};
        req.set(http::field::host, host_);
        req.set(http::field::content_type, "application/json");
        req.set(http::field::user_agent, "ultrasound");
        req.keep_alive(true);
        req.body() = body;
        req.prepare_payload();

        beast::error_code ec;
        c.stream.expires_at(deadline);
        http::async_write(c.stream, req, [&](beast::error_code e, size_t) { ec = e; });
        run_until(c.ioc, deadline, [&] { c.stream.close(); });
        http::response_parser<http::string_body> parser;
        parser.body_limit(config_.max_body_size);
        if (!ec) {
            c.stream.expires_at(deadline);
            http::async_read(c.stream, c.buffer, parser,
                             [&](beast::error_code e, size_t) { ec = e; });
            run_until(c.ioc, deadline, [&] { c.stream.close(); });
        }
        if (ec) {
            c.open = false;
            c.stream.close();
            c.buffer.clear();
            if (ec == beast::error::timeout || ec == asio::error::operation_aborted)
                throw fail(ClientErrorKind::kTimeout,
                           "timed out after " + std::to_string(config_.timeout.count()) + " ms");
            const bool closed_by_peer =
                ec == http::error::end_of_stream || ec == asio::error::eof ||
                ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
            if (reused && closed_by_peer && !parser.got_some() && attempt == 0) continue;
            if (ec == http::error::body_limit)
                throw fail(ClientErrorKind::kProtocol, "response body too large");
            throw fail(ClientErrorKind::kIo, ec.message());
        }
        auto res = parser.release();
        if (!res.keep_alive()) {
            c.open = false;
            c.stream.close();
            c.buffer.clear();
        }
        if (res.result() != http::status::ok) {
            std::string detail = "HTTP " + std::to_string(res.result_int());
            if (!res.body().empty()) detail += ": " + res.body().substr(0, 200);
            throw fail(ClientErrorKind::kHttp, detail);
        }
        return std::move(res.body());
    }
    throw fail(ClientErrorKind::kIo, "connection closed by the server");
}

json Client::request(std::string_view method, const json& params)
{
    std::lock_guard lock(mutex_);
    const uint64_t id = next_id_++;
    const json message = {
        {"jsonrpc", "2.0"}, {"id", id}, {"method", std::string(method)}, {"params", params}};
    const std::string text = post(method, message.dump());
    const auto fail = [&](const std::string& detail) {
        return ClientError(ClientErrorKind::kProtocol,
                           std::string(method) + " to " + url_ + ": " + detail);
    };
    const json response = json::parse(text, nullptr, false);
    if (response.is_discarded()) throw fail("the response is not JSON");
    if (!response.is_object()) throw fail("the response is not a JSON-RPC object");
    const auto id_it = response.find("id");
    if (id_it == response.end() || !id_it->is_number_unsigned() || id_it->get<uint64_t>() != id)
        throw fail("the response id does not match the request");
    if (const auto err = response.find("error"); err != response.end()) {
        if (!err->is_object() || !err->contains("code") || !(*err)["code"].is_number_integer())
            throw fail("malformed error object");
        std::optional<json> data;
        if (err->contains("data")) data = (*err)["data"];
        const std::string msg = err->contains("message") && (*err)["message"].is_string()
                                    ? (*err)["message"].get<std::string>()
                                    : "";
        throw RpcError((*err)["code"].get<int>(), msg, std::move(data));
    }
    const auto result = response.find("result");
    if (result == response.end()) throw fail("the response has neither result nor error");
    return *result;
}

uint64_t Client::chain_id()
{
    return quantity_u64_from_json(request("eth_chainId"), "chainId");
}

uint64_t Client::block_number()
{
    return quantity_u64_from_json(request("eth_blockNumber"), "blockNumber");
}

uint256 Client::get_balance(const Address& address, const BlockId& block)
{
    return quantity_from_json(request("eth_getBalance", {to_data(address), to_json(block)}),
                              "balance");
}

uint64_t Client::get_transaction_count(const Address& address, const BlockId& block)
{
    return quantity_u64_from_json(
        request("eth_getTransactionCount", {to_data(address), to_json(block)}), "nonce");
}

Bytes Client::get_code(const Address& address, const BlockId& block)
{
    return data_from_json(request("eth_getCode", {to_data(address), to_json(block)}), "code");
}

Hash256 Client::send_raw_transaction(BytesView envelope)
{
    return hash_from_json(request("eth_sendRawTransaction", {to_data(envelope)}), "hash");
}

std::optional<RpcReceipt> Client::get_transaction_receipt(const Hash256& tx_hash)
{
    const json result = request("eth_getTransactionReceipt", {to_data(tx_hash)});
    if (result.is_null()) return std::nullopt;
    return receipt_from_json(result);
}

RpcReceipt Client::wait_for_receipt(const Hash256& tx_hash,
                                    std::chrono::milliseconds timeout,
                                    std::chrono::milliseconds poll)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto receipt = get_transaction_receipt(tx_hash)) return std::move(*receipt);
        if (std::chrono::steady_clock::now() >= deadline)
            throw ClientError(ClientErrorKind::kTimeout,
                              "eth_getTransactionReceipt to " + url_ + ": no receipt for " +
                                  to_data(tx_hash) + " after " + std::to_string(timeout.count()) +
                                  " ms");
        std::this_thread::sleep_for(poll);
    }
}

Bytes Client::call(const CallRequest& call, const BlockId& block)
{
    return data_from_json(request("eth_call", {to_json(call), to_json(block)}), "result");
}

std::vector<RpcLog> Client::get_logs(const LogFilter& filter)
{
    const json result = request("eth_getLogs", json::array({to_json(filter)}));
    if (!result.is_array()) throw DecodeError("logs: not an array");
    std::vector<RpcLog> logs;
    logs.reserve(result.size());
    for (size_t i = 0; i < result.size(); ++i)
        logs.push_back(log_from_json(result[i], "logs[" + std::to_string(i) + "]"));
    return logs;
}

std::optional<RpcBlock> Client::get_block_by_number(const BlockNumberOrTag& block, bool full)
{
    const json result = request("eth_getBlockByNumber", {to_json(block), full});
    if (result.is_null()) return std::nullopt;
    return block_from_json(result);
}

}  // namespace ultra::rpc
