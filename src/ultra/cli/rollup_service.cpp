// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rollup_service.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/node/eth_api.hpp>
#include <ultra/node/node.hpp>
#include <ultra/node/rollup_abi.hpp>
#include <ultra/node/rollup_l1.hpp>
#include <ultra/rpc/client.hpp>
#include <ultra/rpc/dispatcher.hpp>
#include <ultra/rpc/error.hpp>
#include <ultra/rpc/server.hpp>

namespace ultra::cli {

uint256 dev_relayer_balance()
{
    return uint256{1'000'000'000'000'000'000} * uint256{1000};
}

node::L2GenesisConfig dev_l2_genesis(uint64_t chain_id, const Address& proposer)
{
    node::L2GenesisConfig config;
    config.chain_id = chain_id;
    config.alloc[proposer].balance = dev_relayer_balance();
    return config;
}

struct RollupService::Impl
{
    RollupOptions options;
    std::unique_ptr<rpc::Client> client;
    std::unique_ptr<node::RollupL1> l1;
    std::shared_ptr<node::RollupAnchor> anchor = std::make_shared<node::RollupAnchor>();
    std::unique_ptr<node::Node> l2;
    rpc::Dispatcher dispatcher;
    std::unique_ptr<node::EthApi> api;
    std::unique_ptr<rpc::Server> server;
    std::unique_ptr<node::RollupDriver> driver;

    std::mutex mutex;
    std::condition_variable cv;
    bool stopping = false;
    bool stopped = false;
    std::thread loop;
    std::string last_idle;  ///< the idle reason logged last (logged once, not every step)

    void log(const std::string& message) const
    {
        if (options.log) options.log(message);
    }

    void report(const node::RollupStep& step)
    {
        if (step.resubmitted)
            log("resubmitted " + std::to_string(step.resubmitted) + " stored L2 blocks to L1");
        if (step.imported)
            log("imported " + std::to_string(step.imported) +
                " L2 block(s) settled on L1, up to block " + std::to_string(step.synced_head));
        if (step.block_number) {
            std::string extra;
            if (step.deposits_claimed)
                extra += ", " + std::to_string(step.deposits_claimed) + " deposits claimed";
            if (step.inbox_included)
                extra += ", " + std::to_string(step.inbox_included) + " inbox transactions";
            log("L2 block " + std::to_string(*step.block_number) + " " +
                to_0x_hex(step.block_hash) + " settled in L1 block " +
                std::to_string(step.settlement ? step.settlement->l1_block : 0) + extra);
            last_idle.clear();
        } else if (!step.idle.empty() && step.idle != last_idle &&
                   options.role != node::RollupRole::kFollower) {
            log("not proposing: " + step.idle);
            last_idle = step.idle;
        }
    }

    void run()
    {
        while (true) {
            const auto step = driver->step();
            if (step)
                report(*step);
            else
                log(std::string(to_string(options.role)) + ": " + step.error() + " (retrying)");
            std::unique_lock lock(mutex);
            if (cv.wait_for(lock, options.block_time, [&] { return stopping; })) return;
        }
    }
};

RollupService::RollupService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

RollupService::~RollupService()
{
    stop();
}

Result<std::unique_ptr<RollupService>, std::string> RollupService::start(RollupOptions options)
{
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    Impl& s = *impl;
    const bool follower = s.options.role == node::RollupRole::kFollower;
    if (!follower && !s.options.key)
        return unexpected(std::string(to_string(s.options.role)) + " needs --key");

    uint64_t l1_chain_id = 0;
    try {
        s.client = std::make_unique<rpc::Client>(s.options.l1_rpc);
        l1_chain_id = s.client->chain_id();
    } catch (const std::exception& e) {
        return unexpected("L1 at " + s.options.l1_rpc + ": " + e.what());
    }
    s.l1 = std::make_unique<node::RollupL1>(*s.client, s.options.rollup,
                                            s.options.key.value_or(Bytes32{}), l1_chain_id);
    std::optional<Address> proposer;
    if (s.options.key) {
        ULTRA_TRY(proposer, s.l1->proposer());
    }
    ULTRA_TRY(const uint64_t l2_chain_id, s.l1->chain_id());

    node::L2GenesisConfig genesis;
    if (s.options.genesis) {
        genesis = *s.options.genesis;
        if (genesis.chain_id != l2_chain_id)
            return unexpected("the genesis file's chain id " + std::to_string(genesis.chain_id) +
                              " is not the rollup's, " + std::to_string(l2_chain_id));
    } else {
        if (!proposer)
            return unexpected(std::string(
                "a follower needs --genesis (the L2 genesis file the rollup was deployed with)"));
        genesis = dev_l2_genesis(l2_chain_id, *proposer);
    }
    auto spec = node::l2_chain_spec(genesis);
    if (!spec) return unexpected(std::string(node::to_string(spec.error())));
    node::NodeConfig config;
    config.spec = std::move(*spec);
    config.datadir = s.options.datadir;
    config.mining = node::MiningMode::kManual;
    if (proposer) {
        config.coinbase = *proposer;
        config.payload_hook = node::RollupAnchor::hook(s.anchor, *proposer);
    }
    config.log = s.options.log;
    auto opened = node::Node::open(std::move(config));
    if (!opened) return unexpected(opened.error());
    s.l2 = std::move(*opened);

    node::RollupDriverOptions driver_options;
    driver_options.role = s.options.role;
    driver_options.include_inbox = s.options.include_inbox;
    s.driver = std::make_unique<node::RollupDriver>(
        *s.l2, s.anchor, *s.l1, s.options.key.value_or(Bytes32{}), driver_options);
    ULTRA_TRY_VOID(s.driver->check_genesis());

    s.api = std::make_unique<node::EthApi>(*s.l2);
    s.api->register_methods(s.dispatcher);
    if (follower) {
        // A follower derives blocks from L1 and never proposes: it does not pool transactions.
        for (const char* method : {"eth_sendRawTransaction", "eth_sendTransaction"}) {
            (void)s.dispatcher.remove_method(method);
            s.dispatcher.add_method(
                method, [](const nlohmann::json&, rpc::CallContext&) -> nlohmann::json {
                    throw rpc::RpcError(-32601,
                                        "this rollup node is a follower: send transactions to a "
                                        "sequencer or proposer");
                });
        }
    }
    rpc::ServerConfig server_config;
    server_config.host = s.options.http_addr;
    server_config.port = s.options.http_port;
    s.server = std::make_unique<rpc::Server>(s.dispatcher, server_config);
    try {
        s.server->start();
    } catch (const std::exception& e) {
        return unexpected("cannot listen on " + s.options.http_addr + ":" +
                          std::to_string(s.options.http_port) + ": " + e.what());
    }
    s.l2->start();
    s.loop = std::thread([&s] { s.run(); });
    return std::unique_ptr<RollupService>(new RollupService(std::move(impl)));
}

void RollupService::stop()
{
    if (!impl_) return;
    Impl& s = *impl_;
    {
        std::lock_guard lock(s.mutex);
        if (s.stopped) return;
        s.stopping = true;
        s.stopped = true;
    }
    s.cv.notify_all();
    if (s.loop.joinable()) s.loop.join();
    if (s.server) s.server->stop();
    if (s.l2) s.l2->stop();
}

uint16_t RollupService::port() const
{
    return impl_->server->port();
}

uint64_t RollupService::chain_id() const
{
    return impl_->l2->chain_id();
}

uint64_t RollupService::head_number() const
{
    return impl_->l2->head()->header.number;
}

Hash256 RollupService::genesis_hash() const
{
    return impl_->l2->genesis_hash();
}

}  // namespace ultra::cli
