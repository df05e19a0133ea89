// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dispatcher.hpp"

namespace ultra::rpc {

/// Settings of a Server. The defaults suit a local dev node (anvil-like).
struct ServerConfig
{
    std::string host = "127.0.0.1";  ///< the address to bind (an IPv4 or IPv6 literal)
    uint16_t port = 8545;            ///< the port; 0 picks an ephemeral one (see Server::port())
    size_t io_threads = 2;           ///< threads running the I/O loop and the handlers

    /// The largest HTTP body; a longer one is answered 413 with a JSON-RPC error (-32600) and the
    /// connection is closed (the server keeps serving).
    size_t max_body_size = 5 * 1024 * 1024;
    /// The largest HTTP header block (request line and fields); larger is 431-like: 400 + close.
    size_t max_header_size = 64 * 1024;
    /// The largest WebSocket message; a larger one closes the connection (close code 1009).
    size_t max_ws_message_size = 5 * 1024 * 1024;
    /// Concurrent connections served; further connections get HTTP 503 with a JSON-RPC error
    /// ("too many connections") and are closed.
    size_t max_connections = 512;
    /// A connection idle this long is closed (HTTP keep-alive between requests; WebSocket:
    /// pings are sent after half of it, and a peer that answers nothing is dropped).
    std::chrono::milliseconds idle_timeout{std::chrono::seconds{120}};
    /// The longest an HTTP response write may take.
    std::chrono::milliseconds write_timeout{std::chrono::seconds{30}};
    /// A WebSocket's outgoing queue bound (responses and notifications not yet written): above
    /// either limit the connection is dropped, so a slow client never blocks the node.
    size_t max_ws_queue_messages = 4096;
    size_t max_ws_queue_bytes = 64 * 1024 * 1024;  ///< see max_ws_queue_messages
    /// CORS: origins allowed to call from a browser. "*" allows any (the default, as anvil);
    /// empty disables the CORS headers.
    std::vector<std::string> cors_allowed_origins = {"*"};
    bool websocket = true;  ///< accept WebSocket upgrades (GET with Upgrade: websocket)
};

/// Counters of a running server (monotonic except connections_open).
struct ServerStats
{
    uint64_t connections_accepted = 0;  ///< served connections so far
    uint64_t connections_refused = 0;   ///< turned away by max_connections
    uint64_t connections_open = 0;      ///< being served now
    uint64_t http_requests = 0;         ///< HTTP requests answered (any status)
    uint64_t ws_messages = 0;           ///< WebSocket messages received
};

/// The JSON-RPC server: HTTP POST and WebSocket on one port (Boost.Beast, C++20 coroutines),
/// N I/O threads, each connection on its own strand (its requests are handled one at a time,
/// in order; different connections in parallel).
///
/// HTTP: POST bodies go to Dispatcher::handle(); the answer is 200 application/json (an empty
/// body when every request was a notification). OPTIONS is a CORS preflight (204). Other
/// methods: 405. Keep-alive and "Expect: 100-continue" are honoured. Malformed HTTP: 400 and
/// close. WebSocket (GET with Upgrade): every text or binary message is a JSON-RPC message;
/// responses and eth_subscription notifications are text messages, written in order from a
/// bounded queue.
///
/// Handlers run on the I/O threads (see Handler for the concurrency contract); a slow handler
/// delays only its own connection's next request and occupies one thread.
///
/// Lifetime: the Dispatcher must outlive the Server. start() once, stop() (or the destructor)
/// once; stop() must not be called from a handler.
class Server
{
public:
    /// A stopped server that will serve `dispatcher` with `config`.
    Server(Dispatcher& dispatcher, ServerConfig config = {});
    /// Stops the server if running.
    ~Server();

    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds, listens and starts the I/O threads. Throws std::system_error when the address
    /// cannot be bound, std::logic_error when already started.
    void start();

    /// Stops accepting, closes every connection (their subscriptions end), waits for the
    /// handlers in progress and joins the threads. Idempotent. Throws std::logic_error when
    /// called from one of the server's own threads.
    void stop();

    /// The bound port (the ephemeral one when configured with port 0); 0 before start().
    [[nodiscard]] uint16_t port() const noexcept;

    /// True between start() and stop().
    [[nodiscard]] bool running() const noexcept;

    /// A snapshot of the counters.
    [[nodiscard]] ServerStats stats() const noexcept;

    /// The configuration in force.
    [[nodiscard]] const ServerConfig& config() const noexcept;

    /// The Beast implementation (server.cpp); public only so that server.cpp's session class
    /// can name it.
    class Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ultra::rpc
