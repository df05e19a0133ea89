// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "socket_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

namespace ultra::rpc::test {

namespace {

std::string lower(std::string s)
{
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return std::string{s};
}

std::string base64(const unsigned char* data, size_t n)
{
    std::string out(4 * ((n + 2) / 3) + 1, '\0');
    const int len =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
    out.resize(static_cast<size_t>(len));
    return out;
}

std::string sha1_base64(const std::string& text)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha1(), nullptr);
    return base64(digest, len);
}

int remaining_ms(std::chrono::steady_clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

}  // namespace

SocketClient::SocketClient(uint16_t port) : port_{port}
{
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
        ::close(fd_);
        fd_ = -1;
        throw std::runtime_error(std::string{"connect() failed: "} + std::strerror(errno));
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

SocketClient::~SocketClient()
{
    close();
}

void SocketClient::close()
{
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

bool SocketClient::try_send_raw(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

void SocketClient::send_raw(std::string_view bytes)
{
    if (!try_send_raw(bytes)) throw std::runtime_error("send() failed");
}

bool SocketClient::fill(std::chrono::steady_clock::time_point deadline)
{
    for (;;) {
        pollfd p{fd_, POLLIN, 0};
        const int r = ::poll(&p, 1, remaining_ms(deadline));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        char tmp[65536];
        const ssize_t n = ::recv(fd_, tmp, sizeof(tmp), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buf_.append(tmp, static_cast<size_t>(n));
        return true;
    }
}

bool SocketClient::read_exact(size_t n,
                              std::string& out,
                              std::chrono::steady_clock::time_point deadline)
{
    while (buf_.size() < n)
        if (!fill(deadline)) return false;
    out = buf_.substr(0, n);
    buf_.erase(0, n);
    return true;
}

HttpResponse SocketClient::read_response(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos)
        if (!fill(deadline)) throw std::runtime_error("no HTTP response header");
    const std::string head = buf_.substr(0, end);
    buf_.erase(0, end + 4);

    HttpResponse res;
    size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.rfind("HTTP/1.1 ", 0) != 0)
        throw std::runtime_error("bad status line: " + status_line);
    res.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
        const size_t start = line_end + 2;
        line_end = head.find("\r\n", start);
        const std::string line = head.substr(start, line_end - start);
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        res.headers[lower(line.substr(0, colon))] = trim(std::string_view{line}.substr(colon + 1));
    }
    const std::string length = res.header("content-length");
    if (!length.empty()) {
        if (!read_exact(std::stoul(length), res.body, deadline))
            throw std::runtime_error("truncated HTTP body");
    }
    return res;
}

HttpResponse SocketClient::post(std::string_view body, const std::string& extra_headers)
{
    std::string req = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    req += extra_headers;
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    req += body;
    send_raw(req);
    return read_response();
}

bool SocketClient::wait_closed(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        pollfd p{fd_, POLLIN, 0};
        const int r = ::poll(&p, 1, remaining_ms(deadline));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        char tmp[65536];
        const ssize_t n = ::recv(fd_, tmp, sizeof(tmp), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true;
    }
}

void SocketClient::ws_handshake()
{
    std::random_device rd;
    unsigned char nonce[16];
    for (auto& b : nonce) b = static_cast<unsigned char>(rd());
    const std::string key = base64(nonce, sizeof(nonce));
    send_raw(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: " +
        key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
    const HttpResponse res = read_response();
    if (res.status != 101)
        throw std::runtime_error("upgrade refused: " + std::to_string(res.status));
    const std::string want = sha1_base64(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    if (res.header("sec-websocket-accept") != want)
        throw std::runtime_error("bad Sec-WebSocket-Accept");
}

void SocketClient::send_frame(uint8_t opcode, std::string_view payload)
{
    std::string frame;
    frame += static_cast<char>(0x80 | opcode);
    const size_t n = payload.size();
    if (n < 126) {
        frame += static_cast<char>(0x80 | n);
    } else if (n <= 0xffff) {
        frame += static_cast<char>(0x80 | 126);
        frame += static_cast<char>(n >> 8);
        frame += static_cast<char>(n & 0xff);
    } else {
        frame += static_cast<char>(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            frame += static_cast<char>((static_cast<uint64_t>(n) >> shift) & 0xff);
    }
    static thread_local std::mt19937 rng{std::random_device{}()};
    char mask[4];
    for (auto& m : mask) m = static_cast<char>(rng());
    frame.append(mask, 4);
    for (size_t i = 0; i < n; ++i) frame += static_cast<char>(payload[i] ^ mask[i % 4]);
    send_raw(frame);
}

void SocketClient::ws_send(std::string_view text)
{
    send_frame(0x1, text);
}

std::optional<std::string> SocketClient::ws_receive(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string message;
    for (;;) {
        std::string head;
        if (!read_exact(2, head, deadline)) return std::nullopt;
        const bool fin = (head[0] & 0x80) != 0;
        const int opcode = head[0] & 0x0f;
        uint64_t len = static_cast<unsigned char>(head[1]) & 0x7f;
        if ((head[1] & 0x80) != 0) throw std::runtime_error("server frames must not be masked");
        std::string ext;
        if (len == 126) {
            if (!read_exact(2, ext, deadline)) return std::nullopt;
            len = (uint64_t{static_cast<unsigned char>(ext[0])} << 8) |
                  static_cast<unsigned char>(ext[1]);
        } else if (len == 127) {
            if (!read_exact(8, ext, deadline)) return std::nullopt;
            len = 0;
            for (int i = 0; i < 8; ++i) len = (len << 8) | static_cast<unsigned char>(ext[i]);
        }
        std::string payload;
        if (!read_exact(static_cast<size_t>(len), payload, deadline)) return std::nullopt;
        switch (opcode) {
            case 0x9: send_frame(0xA, payload); continue;  // ping -> pong
            case 0xA: continue;                            // pong
            case 0x8:
                if (payload.size() >= 2) {
                    close_code_ = (static_cast<unsigned char>(payload[0]) << 8) |
                                  static_cast<unsigned char>(payload[1]);
                }
                return std::nullopt;
            default: break;
        }
        message += payload;
        if (fin) return message;
    }
}

}  // namespace ultra::rpc::test
