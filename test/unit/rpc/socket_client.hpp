// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// A deliberately small HTTP/1.1 and WebSocket (RFC 6455) client over POSIX sockets, written
// independently of Boost.Beast so that the server is tested against a second implementation of
// the protocols.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ultra::rpc::test {

/// A parsed HTTP response.
struct HttpResponse
{
    int status = 0;
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;

    /// The header value, or "" when absent (name in lower case).
    [[nodiscard]] std::string header(const std::string& name) const
    {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string{} : it->second;
    }
};

/// One TCP connection to 127.0.0.1:port. Every read has a deadline; failures throw
/// std::runtime_error (tests catch them as failures).
class SocketClient
{
public:
    explicit SocketClient(uint16_t port);
    ~SocketClient();
    SocketClient(const SocketClient&) = delete;
    SocketClient& operator=(const SocketClient&) = delete;

    /// Sends raw bytes (all of them; throws on error).
    void send_raw(std::string_view bytes);
    /// Sends raw bytes; false instead of throwing when the peer has gone.
    bool try_send_raw(std::string_view bytes);

    /// Reads one HTTP response (Content-Length bodies only, as the server writes them).
    HttpResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds{10});

    /// POST `body` to "/" with keep-alive and returns the response.
    HttpResponse post(std::string_view body, const std::string& extra_headers = {});

    /// True when the peer closes (EOF or reset) within `timeout`; data received meanwhile is
    /// discarded.
    bool wait_closed(std::chrono::milliseconds timeout);

    // --- WebSocket ---

    /// Performs the upgrade handshake on "/" and verifies Sec-WebSocket-Accept.
    void ws_handshake();
    /// Sends one masked text frame.
    void ws_send(std::string_view text);
    /// The next text (or binary) message; answers pings. std::nullopt when the peer closed or
    /// nothing arrived within `timeout`.
    std::optional<std::string> ws_receive(std::chrono::milliseconds timeout = std::chrono::seconds{
                                              10});
    /// The close code of the last close frame received (0 if none).
    [[nodiscard]] int ws_close_code() const noexcept { return close_code_; }

    /// Closes the socket now.
    void close();

private:
    /// Reads at least one byte into buf_ before the deadline; false on EOF/timeout/error.
    bool fill(std::chrono::steady_clock::time_point deadline);
    bool read_exact(size_t n, std::string& out, std::chrono::steady_clock::time_point deadline);
    void send_frame(uint8_t opcode, std::string_view payload);

    int fd_ = -1;
    uint16_t port_;
    std::string buf_;
    int close_code_ = 0;
};

}  // namespace ultra::rpc::test
