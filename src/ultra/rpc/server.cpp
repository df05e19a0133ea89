// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0

// The only translation unit that includes Boost.Beast (it takes most of the library's compile
// time): keep it that way.

#include "server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace ultra::rpc {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

/// Awaits an operation and returns (error_code, results...) instead of throwing.
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

constexpr const char* kServerName = "ultrasound";

/// At most this many refused connections are being answered 503 at once; beyond, they are
/// closed without a word (a flood must not buy unbounded work).
constexpr size_t kMaxRefusing = 64;

/// After an error response that ends a connection, the unread rest of the request is drained
/// for at most this long and this much (closing with unread data would make the kernel send a
/// reset, which may destroy the response before the client reads it).
constexpr auto kDrainTime = std::chrono::seconds{2};
constexpr size_t kDrainBytes = 64 * 1024 * 1024;

/// A connection's read buffer is released after a message larger than this.
constexpr size_t kKeptBufferBytes = 256 * 1024;

std::string json_error_body(int code, const std::string& message)
{
    return nlohmann::json{
        {"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", code}, {"message", message}}}}
        .dump();
}

bool is_http_parse_error(const beast::error_code& ec)
{
    return ec.category() == http::make_error_code(http::error::bad_method).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

}  // namespace

class Session;

/// The server's state shared by the accept loop and the sessions.
class Server::Impl
{
public:
    Impl(Dispatcher& dispatcher, ServerConfig config)
        : dispatcher_{dispatcher}, config_{std::move(config)}
    {}

    ~Impl()
    {
        stop();
        // Destroy what may still reference this object (coroutine frames left in the loop by a
        // forced stop) while the rest of it is alive.
        acceptor_.reset();
        ioc_.reset();
    }

    void start();
    void stop();

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> refuse(tcp::socket socket);

    /// Registers a new session; false when the server is stopping (the caller closes it).
    bool register_session(uint64_t id, const std::shared_ptr<Session>& session);
    void unregister_session(uint64_t id);

    Dispatcher& dispatcher_;
    ServerConfig config_;
    std::unique_ptr<asio::io_context> ioc_;
    std::optional<tcp::acceptor> acceptor_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::vector<std::thread> threads_;
    std::atomic<uint16_t> port_{0};
    std::atomic<bool> running_{false};

    std::mutex mutex_;
    std::condition_variable idle_cv_;
    bool started_ = false;
    bool stopping_ = false;
    std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions_;
    size_t refusing_ = 0;

    std::atomic<uint64_t> next_session_id_{1};
    std::atomic<uint64_t> accepted_{0};
    std::atomic<uint64_t> refused_{0};
    std::atomic<uint64_t> open_{0};
    std::atomic<uint64_t> http_requests_{0};
    std::atomic<uint64_t> ws_messages_{0};
};

/// One connection: HTTP requests until it upgrades to a WebSocket or ends. Everything it does
/// runs on its strand; send() and close() may be called from any thread.
class Session : public NotificationSink, public std::enable_shared_from_this<Session>
{
public:
    Session(Server::Impl& server, tcp::socket socket, uint64_t id)
        : server_{server}, exec_{socket.get_executor()}, stream_{std::move(socket)}, id_{id}
    {
        beast::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ = remote.address().to_string() + ":" + std::to_string(remote.port());
        stream_.socket().set_option(tcp::no_delay{true}, ec);
        ctx_.connection_id = id_;
        ctx_.remote_address = remote_;
    }

    ~Session() override { finish(); }

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// The session's coroutine; `self` keeps it alive while it runs.
    static asio::awaitable<void> run(std::shared_ptr<Session> self)
    {
        try {
            co_await self->serve_http();
        } catch (...) {
            // Nothing a peer sends may take the server down: end this connection only.
        }
        self->finish();
    }

    /// Closes the connection from any thread; the session's coroutine then ends.
    void close()
    {
        asio::post(exec_, [self = shared_from_this()] { self->close_now(); });
    }

    bool send(std::string message) override
    {
        if (closed_.load(std::memory_order_acquire)) return false;
        const size_t bytes = message.size();
        const size_t messages = queued_messages_.fetch_add(1) + 1;
        const size_t total = queued_bytes_.fetch_add(bytes) + bytes;
        if (messages > server_.config_.max_ws_queue_messages ||
            total > server_.config_.max_ws_queue_bytes) {
            queued_messages_.fetch_sub(1);
            queued_bytes_.fetch_sub(bytes);
            close();  // too slow a reader: drop it rather than grow or block
            return false;
        }
        asio::post(exec_, [self = shared_from_this(), m = std::move(message)]() mutable {
            self->enqueue(std::move(m));
        });
        return true;
    }

private:
    // --- HTTP ------------------------------------------------------------------------------

    asio::awaitable<void> serve_http()
    {
        const ServerConfig& cfg = server_.config_;
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(
                static_cast<uint32_t>(std::min<size_t>(cfg.max_header_size, UINT32_MAX)));
            parser.body_limit(cfg.max_body_size);

            stream_.expires_after(cfg.idle_timeout);
            auto [hec, hn] = co_await http::async_read_header(stream_, buffer_, parser, kNoThrow);
            if (hec) {
                co_await on_read_error(hec);
                co_return;
            }
            if (websocket::is_upgrade(parser.get()) && cfg.websocket) {
                co_await serve_websocket(parser.release());
                co_return;
            }
            if (!parser.is_done()) {
                if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
                    http::response<http::empty_body> cont{http::status::continue_,
                                                          parser.get().version()};
                    stream_.expires_after(cfg.write_timeout);
                    auto [cec, cn] = co_await http::async_write(stream_, cont, kNoThrow);
                    if (cec) co_return;
                }
                stream_.expires_after(cfg.idle_timeout);
                auto [bec, bn] = co_await http::async_read(stream_, buffer_, parser, kNoThrow);
                if (bec) {
                    co_await on_read_error(bec);
                    co_return;
                }
            }

            http::request<http::string_body> req = parser.release();
            http::response<http::string_body> res = respond(req);
            server_.http_requests_.fetch_add(1, std::memory_order_relaxed);
            stream_.expires_after(cfg.write_timeout);
            auto [wec, wn] = co_await http::async_write(stream_, res, kNoThrow);
            if (wec) co_return;
            if (!res.keep_alive()) {
                beast::error_code ec;
                stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
                co_return;
            }
        }
    }

    /// Answers what can be answered after a failed read (413, 431, 400), then ends.
    asio::awaitable<void> on_read_error(const beast::error_code& ec)
    {
        if (ec == http::error::body_limit) {
            co_await reject(
                http::status::payload_too_large,
                json_error_body(kInvalidRequest, "request body too large (limit " +
                                                     std::to_string(server_.config_.max_body_size) +
                                                     " bytes)"),
                "application/json");
        } else if (ec == http::error::header_limit) {
            co_await reject(http::status::request_header_fields_too_large,
                            "request header too large\n", "text/plain");
        } else if (is_http_parse_error(ec)) {
            co_await reject(http::status::bad_request, "malformed HTTP request\n", "text/plain");
        }
        // end_of_stream, timeouts, resets and cancellation: nothing to say.
    }

    /// Writes a final response, then drains and closes the connection.
    asio::awaitable<void> reject(http::status status, std::string body, const char* content_type)
    {
        http::response<http::string_body> res{status, 11};
        res.set(http::field::server, kServerName);
        res.set(http::field::content_type, content_type);
        add_cors_origin(res, {});
        res.keep_alive(false);
        res.body() = std::move(body);
        res.prepare_payload();
        server_.http_requests_.fetch_add(1, std::memory_order_relaxed);
        stream_.expires_after(server_.config_.write_timeout);
        auto [wec, wn] = co_await http::async_write(stream_, res, kNoThrow);
        if (wec) co_return;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(kDrainTime);
        size_t drained = 0;
        char scratch[16 * 1024];
        while (drained < kDrainBytes) {
            auto [rec, n] = co_await stream_.async_read_some(asio::buffer(scratch), kNoThrow);
            if (rec) break;
            drained += n;
        }
    }

    http::response<http::string_body> respond(const http::request<http::string_body>& req)
    {
        http::response<http::string_body> res{http::status::ok, req.version()};
        res.set(http::field::server, kServerName);
        add_cors_origin(res, req[http::field::origin]);
        switch (req.method()) {
            case http::verb::post: {
                CallContext ctx;
                ctx.transport = Transport::kHttp;
                ctx.connection_id = id_;
                ctx.remote_address = remote_;
                auto out = server_.dispatcher_.handle(req.body(), ctx);
                res.set(http::field::content_type, "application/json");
                if (out) res.body() = std::move(*out);
                break;
            }
            case http::verb::options:
                // CORS preflight.
                res.result(http::status::no_content);
                if (!server_.config_.cors_allowed_origins.empty()) {
                    res.set(http::field::access_control_allow_methods, "POST, GET, OPTIONS");
                    const auto requested = req[http::field::access_control_request_headers];
                    res.set(http::field::access_control_allow_headers,
                            requested.empty() ? beast::string_view{"Content-Type"} : requested);
                    res.set(http::field::access_control_max_age, "600");
                }
                break;
            default:
                res.result(http::status::method_not_allowed);
                res.set(http::field::allow, "POST, OPTIONS");
                res.set(http::field::content_type, "text/plain");
                res.body() = "use POST with a JSON-RPC body, or a WebSocket upgrade\n";
                break;
        }
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        return res;
    }

    /// Access-Control-Allow-Origin for `origin` when the configuration allows it.
    template <typename Response>
    void add_cors_origin(Response& res, beast::string_view origin) const
    {
        const auto& allowed = server_.config_.cors_allowed_origins;
        if (std::find(allowed.begin(), allowed.end(), "*") != allowed.end()) {
            res.set(http::field::access_control_allow_origin, "*");
            return;
        }
        if (origin.empty()) return;
        if (std::find(allowed.begin(), allowed.end(),
                      std::string_view{origin.data(), origin.size()}) != allowed.end()) {
            res.set(http::field::access_control_allow_origin, origin);
            res.set(http::field::vary, "Origin");
        }
    }

    // --- WebSocket -------------------------------------------------------------------------

    asio::awaitable<void> serve_websocket(http::request<http::string_body> req)
    {
        const ServerConfig& cfg = server_.config_;
        ws_.emplace(std::move(stream_));
        beast::get_lowest_layer(*ws_).expires_never();
        websocket::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = std::chrono::seconds{30};
        timeouts.idle_timeout = cfg.idle_timeout;
        timeouts.keep_alive_pings = true;
        ws_->set_option(timeouts);
        ws_->set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(http::field::server, kServerName); }));
        ws_->read_message_max(cfg.max_ws_message_size);
        ws_->text(true);

        auto [aec] = co_await ws_->async_accept(req, kNoThrow);
        if (aec) co_return;

        ctx_.transport = Transport::kWebSocket;
        ctx_.sink = shared_from_this();
        buffer_.clear();
        for (;;) {
            auto [rec, n] = co_await ws_->async_read(buffer_, kNoThrow);
            if (rec) co_return;
            server_.ws_messages_.fetch_add(1, std::memory_order_relaxed);
            const auto data = buffer_.cdata();
            server_.dispatcher_.handle_stream(
                std::string_view{static_cast<const char*>(data.data()), data.size()}, ctx_);
            buffer_.consume(buffer_.size());
            // One large message must not pin its buffer for the connection's lifetime.
            if (buffer_.capacity() > kKeptBufferBytes) buffer_.shrink_to_fit();
            if (closed_.load(std::memory_order_acquire)) co_return;
        }
    }

    /// On the strand: appends to the write queue and starts the writer if idle.
    void enqueue(std::string message)
    {
        if (closed_.load(std::memory_order_acquire) || !ws_) {
            queued_messages_.fetch_sub(1);
            queued_bytes_.fetch_sub(message.size());
            return;
        }
        out_.push_back(std::move(message));
        if (!writing_) write_next();
    }

    void write_next()
    {
        writing_ = true;
        ws_->async_write(asio::buffer(out_.front()),
                         [self = shared_from_this()](beast::error_code ec, size_t) {
                             self->queued_messages_.fetch_sub(1);
                             self->queued_bytes_.fetch_sub(self->out_.front().size());
                             self->out_.pop_front();
                             if (ec) {
                                 self->writing_ = false;
                                 self->close_now();
                                 return;
                             }
                             if (!self->out_.empty() && !self->closed_.load()) {
                                 self->write_next();
                             } else {
                                 self->writing_ = false;
                             }
                         });
    }

    // --- Ending ----------------------------------------------------------------------------

    /// On the strand: closes the socket, which cancels the pending operations.
    void close_now()
    {
        if (closed_.exchange(true, std::memory_order_acq_rel)) return;
        beast::error_code ec;
        if (ws_) {
            beast::get_lowest_layer(*ws_).socket().close(ec);
        } else {
            stream_.socket().close(ec);
        }
    }

    /// Idempotent: releases everything the session holds in the server and the dispatcher.
    void finish()
    {
        if (finished_) return;
        finished_ = true;
        close_now();
        ctx_.sink.reset();  // the context pointed at this session
        server_.dispatcher_.close_connection(id_);
        server_.unregister_session(id_);
    }

    Server::Impl& server_;
    asio::any_io_executor exec_;
    beast::tcp_stream stream_;
    std::optional<websocket::stream<beast::tcp_stream>> ws_;
    beast::flat_buffer buffer_;
    uint64_t id_;
    std::string remote_;
    CallContext ctx_;  ///< the WebSocket's context (lives as long as the connection)

    std::deque<std::string> out_;  ///< WebSocket messages being written, in order
    bool writing_ = false;
    bool finished_ = false;
    std::atomic<bool> closed_{false};
    std::atomic<size_t> queued_messages_{0};
    std::atomic<size_t> queued_bytes_{0};
};

// ---------------------------------------------------------------------------------------------
// Server::Impl
// ---------------------------------------------------------------------------------------------

void Server::Impl::start()
{
    {
        std::lock_guard lock{mutex_};
        if (started_) throw std::logic_error("rpc::Server::start: already started");
        started_ = true;
    }
    const size_t threads = std::max<size_t>(1, config_.io_threads);
    ioc_ = std::make_unique<asio::io_context>(static_cast<int>(threads));
    acceptor_.emplace(asio::make_strand(*ioc_));
    try {
        const tcp::endpoint endpoint{asio::ip::make_address(config_.host), config_.port};
        acceptor_->open(endpoint.protocol());
        acceptor_->set_option(asio::socket_base::reuse_address{true});
        acceptor_->bind(endpoint);
        acceptor_->listen(asio::socket_base::max_listen_connections);
        port_ = acceptor_->local_endpoint().port();
    } catch (const boost::system::system_error& e) {
        acceptor_.reset();
        ioc_.reset();
        {
            std::lock_guard lock{mutex_};
            started_ = false;
        }
        throw std::system_error(
            std::error_code{e.code()},
            "rpc::Server: cannot listen on " + config_.host + ":" + std::to_string(config_.port));
    }

    asio::co_spawn(acceptor_->get_executor(), accept_loop(), asio::detached);
    work_.emplace(asio::make_work_guard(*ioc_));
    running_ = true;
    for (size_t i = 0; i < threads; ++i) {
        threads_.emplace_back([this] {
            for (;;) {
                try {
                    ioc_->run();
                    return;
                } catch (...) {
                    // A handler escaped an exception: keep the loop alive.
                }
            }
        });
    }
}

void Server::Impl::stop()
{
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard lock{mutex_};
        if (!started_ || stopping_) return;
        for (const auto& t : threads_) {
            if (t.get_id() == std::this_thread::get_id())
                throw std::logic_error("rpc::Server::stop called from a server thread");
        }
        stopping_ = true;
        for (const auto& entry : sessions_) {
            if (auto s = entry.second.lock()) open.push_back(std::move(s));
        }
    }
    running_ = false;
    asio::post(acceptor_->get_executor(), [this] {
        beast::error_code ec;
        acceptor_->close(ec);
    });
    for (const auto& s : open) s->close();
    open.clear();
    {
        // Sessions end as their operations are cancelled; a handler in progress finishes first.
        std::unique_lock lock{mutex_};
        idle_cv_.wait_for(lock, std::chrono::seconds{5},
                          [this] { return sessions_.empty() && refusing_ == 0; });
    }
    work_.reset();
    ioc_->stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

bool Server::Impl::register_session(uint64_t id, const std::shared_ptr<Session>& session)
{
    std::lock_guard lock{mutex_};
    if (stopping_) return false;
    sessions_.emplace(id, session);
    accepted_.fetch_add(1, std::memory_order_relaxed);
    open_.fetch_add(1, std::memory_order_relaxed);
    return true;
}

void Server::Impl::unregister_session(uint64_t id)
{
    std::lock_guard lock{mutex_};
    if (sessions_.erase(id) == 0) return;
    open_.fetch_sub(1, std::memory_order_relaxed);
    if (sessions_.empty()) idle_cv_.notify_all();
}

asio::awaitable<void> Server::Impl::accept_loop()
{
    for (;;) {
        auto [ec, socket] = co_await acceptor_->async_accept(asio::make_strand(*ioc_), kNoThrow);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
            // Out of descriptors and the like: back off briefly instead of spinning.
            asio::steady_timer pause{acceptor_->get_executor(), std::chrono::milliseconds{50}};
            co_await pause.async_wait(kNoThrow);
            continue;
        }
        size_t open_now = 0;
        {
            std::lock_guard lock{mutex_};
            open_now = sessions_.size();
        }
        if (open_now >= config_.max_connections) {
            refused_.fetch_add(1, std::memory_order_relaxed);
            bool answer = false;
            {
                std::lock_guard lock{mutex_};
                if (refusing_ < kMaxRefusing && !stopping_) {
                    ++refusing_;
                    answer = true;
                }
            }
            if (answer) {
                auto exec = socket.get_executor();
                asio::co_spawn(exec, refuse(std::move(socket)), asio::detached);
            } else {
                beast::error_code ignored;
                socket.close(ignored);
            }
            continue;
        }
        const uint64_t id = next_session_id_.fetch_add(1, std::memory_order_relaxed);
        auto exec = socket.get_executor();
        auto session = std::make_shared<Session>(*this, std::move(socket), id);
        if (!register_session(id, session)) co_return;
        asio::co_spawn(exec, Session::run(std::move(session)), asio::detached);
    }
}

asio::awaitable<void> Server::Impl::refuse(tcp::socket socket)
{
    beast::tcp_stream stream{std::move(socket)};
    static const std::string kResponse = [] {
        const std::string body = json_error_body(kServerError, "too many connections") + "\n";
        return "HTTP/1.1 503 Service Unavailable\r\nServer: ultrasound\r\n"
               "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    stream.expires_after(kDrainTime);
    auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(kResponse), kNoThrow);
    if (!wec) {
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        char scratch[4096];
        size_t drained = 0;
        while (drained < kDrainBytes) {
            auto [rec, n] = co_await stream.async_read_some(asio::buffer(scratch), kNoThrow);
            if (rec) break;
            drained += n;
        }
    }
    beast::error_code ec;
    stream.socket().close(ec);
    std::lock_guard lock{mutex_};
    --refusing_;
    if (refusing_ == 0) idle_cv_.notify_all();
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

Server::Server(Dispatcher& dispatcher, ServerConfig config)
    : impl_{std::make_unique<Impl>(dispatcher, std::move(config))}
{}

Server::~Server() = default;

void Server::start()
{
    impl_->start();
}

void Server::stop()
{
    impl_->stop();
}

uint16_t Server::port() const noexcept
{
    return impl_->port_.load();
}

bool Server::running() const noexcept
{
    return impl_->running_.load();
}

ServerStats Server::stats() const noexcept
{
    ServerStats s;
    s.connections_accepted = impl_->accepted_.load();
    s.connections_refused = impl_->refused_.load();
    s.connections_open = impl_->open_.load();
    s.http_requests = impl_->http_requests_.load();
    s.ws_messages = impl_->ws_messages_.load();
    return s;
}

const ServerConfig& Server::config() const noexcept
{
    return impl_->config_;
}

}  // namespace ultra::rpc
