// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// A small synchronous JSON-RPC 2.0 client over HTTP/1.1 (Boost.Beast, in client.cpp only), with
/// typed helpers for the eth_* methods the rollup sequencer drives on L1.
///
/// Errors are exceptions, like the rest of this impure layer:
/// - ClientError: the request did not get a JSON-RPC answer (bad URL, connection refused,
///   timeout, HTTP status other than 200, a body that is not a JSON-RPC response);
/// - RpcError (error.hpp): the server answered with an `error` object (code, message, data);
/// - DecodeError (eth_json.hpp): a `result` that does not decode as the helper expects.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/uint256.hpp>
#include <vector>

#include "error.hpp"
#include "eth_json.hpp"

namespace ultra::rpc {

/// Why a request got no JSON-RPC answer.
enum class ClientErrorKind : uint8_t
{
    kBadUrl,    ///< the URL is not http://host[:port][/path]
    kConnect,   ///< name resolution or TCP connect failed
    kTimeout,   ///< the request (connect, write and read) took longer than the timeout
    kIo,        ///< the connection failed while writing or reading
    kHttp,      ///< the server answered with an HTTP status other than 200
    kProtocol,  ///< the body is not a JSON-RPC response to this request
};

/// The kind's name ("bad url", "connect", "timeout", "io", "http", "protocol").
[[nodiscard]] std::string_view to_string(ClientErrorKind kind) noexcept;

/// A request that got no JSON-RPC answer; what() reads "<method> to <url>: <detail>".
class ClientError : public std::runtime_error
{
public:
    /// An error of `kind` with the full message `what`.
    ClientError(ClientErrorKind kind, const std::string& what)
        : std::runtime_error(what), kind_(kind)
    {}

    /// Why the request failed.
    [[nodiscard]] ClientErrorKind kind() const noexcept { return kind_; }

private:
    ClientErrorKind kind_;
};

/// Settings of a Client.
struct ClientConfig
{
    /// The longest one request may take, connect included.
    std::chrono::milliseconds timeout{std::chrono::seconds{30}};
    /// The largest response body accepted (kProtocol above it).
    size_t max_body_size = 64 * 1024 * 1024;
};

/// A synchronous JSON-RPC client for one endpoint. It keeps one HTTP keep-alive connection and
/// reconnects when the server closed it. Thread-safe: calls from several threads are serialised.
class Client
{
public:
    /// A client of `url` ("http://host[:port][/path]", port 80 by default). Throws ClientError
    /// (kBadUrl) for any other form; nothing is connected until the first call.
    explicit Client(std::string url, ClientConfig config = {});
    /// Closes the connection.
    ~Client();

    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// The endpoint.
    [[nodiscard]] const std::string& url() const noexcept { return url_; }

    /// Calls `method` with `params` (an array or an object) and returns the `result`. Throws
    /// RpcError for an error response and ClientError when no response came.
    nlohmann::json request(std::string_view method,
                           const nlohmann::json& params = nlohmann::json::array());

    /// eth_chainId.
    uint64_t chain_id();
    /// eth_blockNumber.
    uint64_t block_number();
    /// eth_getBalance at `block`.
    uint256 get_balance(const Address& address, const BlockId& block = BlockTag::kLatest);
    /// eth_getTransactionCount at `block` (BlockTag::kPending counts the pool's transactions).
    uint64_t get_transaction_count(const Address& address,
                                   const BlockId& block = BlockTag::kLatest);
    /// eth_getCode at `block`.
    Bytes get_code(const Address& address, const BlockId& block = BlockTag::kLatest);
    /// eth_sendRawTransaction: submits a signed envelope, returns its hash.
    Hash256 send_raw_transaction(BytesView envelope);
    /// eth_getTransactionReceipt: std::nullopt while the transaction is not mined.
    std::optional<RpcReceipt> get_transaction_receipt(const Hash256& tx_hash);
    /// Polls eth_getTransactionReceipt every `poll` until the receipt exists. Throws
    /// ClientError (kTimeout) when `timeout` passes first.
    RpcReceipt wait_for_receipt(const Hash256& tx_hash,
                                std::chrono::milliseconds timeout,
                                std::chrono::milliseconds poll = std::chrono::milliseconds{50});
    /// eth_call of `call` at `block`: the return data. A revert is an RpcError (code 3, the
    /// output in its data).
    Bytes call(const CallRequest& call, const BlockId& block = BlockTag::kLatest);
    /// eth_getLogs.
    std::vector<RpcLog> get_logs(const LogFilter& filter);
    /// eth_getBlockByNumber: std::nullopt when there is no such block. `full` asks for full
    /// transaction objects.
    std::optional<RpcBlock> get_block_by_number(const BlockNumberOrTag& block, bool full = false);

private:
    /// One HTTP exchange: the response body. Holds mutex_.
    std::string post(std::string_view method, const std::string& body);

    std::string url_;
    std::string host_;
    std::string port_;
    std::string target_;
    ClientConfig config_;
    std::mutex mutex_;
    uint64_t next_id_ = 1;

    struct Connection;
    std::unique_ptr<Connection> connection_;  ///< the keep-alive connection, when open
};

}  // namespace ultra::rpc
