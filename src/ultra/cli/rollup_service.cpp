// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rollup_service.hpp"

#include <exception>
#include <ultra/core/hex.hpp>
#include <ultra/node/eth_api.hpp>
#include <ultra/node/node.hpp>
#include <ultra/node/rollup_abi.hpp>
#include <ultra/node/rollup_l1.hpp>
#include <ultra/node/rollup_sequencer.hpp>
#include <ultra/rpc/client.hpp>
#include <ultra/rpc/dispatcher.hpp>
#include <ultra/rpc/server.hpp>
#include <ultra/wallet/signer.hpp>

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

struct SequencerService::Impl
{
    SequencerOptions options;
    std::unique_ptr<rpc::Client> client;
    std::unique_ptr<node::RollupL1> l1;
    std::shared_ptr<node::SequencerAnchor> anchor = std::make_shared<node::SequencerAnchor>();
    std::unique_ptr<node::Node> l2;
    rpc::Dispatcher dispatcher;
    std::unique_ptr<node::EthApi> api;
    std::unique_ptr<rpc::Server> server;
    std::unique_ptr<node::RollupSequencer> sequencer;

    std::mutex mutex;
    std::condition_variable cv;
    bool stopping = false;
    bool stopped = false;
    std::thread loop;

    void log(const std::string& message) const
    {
        if (options.log) options.log(message);
    }

    void run()
    {
        while (true) {
            const auto step = sequencer->step();
            if (step)
                log("L2 block " + std::to_string(step->block_number) + " " +
                    to_0x_hex(step->block_hash) + " settled in L1 block " +
                    std::to_string(step->settlement.l1_block) +
                    (step->deposits_claimed
                         ? " (" + std::to_string(step->deposits_claimed) + " deposits claimed)"
                         : std::string{}));
            else
                log("sequencer: " + step.error() + " (retrying)");
            std::unique_lock lock(mutex);
            if (cv.wait_for(lock, options.block_time, [&] { return stopping; })) return;
        }
    }
};

SequencerService::SequencerService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SequencerService::~SequencerService()
{
    stop();
}

Result<std::unique_ptr<SequencerService>, std::string> SequencerService::start(
    SequencerOptions options)
{
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    Impl& s = *impl;

    uint64_t l1_chain_id = 0;
    uint64_t l2_chain_id = 0;
    try {
        s.client = std::make_unique<rpc::Client>(s.options.l1_rpc);
        l1_chain_id = s.client->chain_id();
    } catch (const std::exception& e) {
        return unexpected("L1 at " + s.options.l1_rpc + ": " + e.what());
    }
    s.l1 =
        std::make_unique<node::RollupL1>(*s.client, s.options.rollup, s.options.key, l1_chain_id);
    ULTRA_TRY(const auto proposer, s.l1->proposer());
    ULTRA_TRY(const auto chain_id_word,
              s.l1->call(s.options.rollup, node::rollup_abi::view_call("chainId()")));
    {
        auto id = node::rollup_abi::decode_uint(chain_id_word);
        if (!id || *id == 0 || *id > uint256{UINT64_MAX})
            return unexpected("no NativeRollup at " + to_0x_hex(s.options.rollup));
        l2_chain_id = static_cast<uint64_t>(*id);
    }

    auto spec = node::l2_chain_spec(dev_l2_genesis(l2_chain_id, proposer));
    if (!spec) return unexpected(std::string(node::to_string(spec.error())));
    node::NodeConfig config;
    config.spec = std::move(*spec);
    config.datadir = s.options.datadir;
    config.mining = node::MiningMode::kManual;
    config.coinbase = proposer;
    config.payload_hook = node::SequencerAnchor::hook(s.anchor, proposer);
    config.log = s.options.log;
    auto opened = node::Node::open(std::move(config));
    if (!opened) return unexpected(opened.error());
    s.l2 = std::move(*opened);

    s.api = std::make_unique<node::EthApi>(*s.l2);
    s.api->register_methods(s.dispatcher);
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
    s.sequencer = std::make_unique<node::RollupSequencer>(*s.l2, s.anchor, *s.l1, s.options.key);
    s.loop = std::thread([&s] { s.run(); });
    return std::unique_ptr<SequencerService>(new SequencerService(std::move(impl)));
}

void SequencerService::stop()
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

uint16_t SequencerService::port() const
{
    return impl_->server->port();
}

uint64_t SequencerService::chain_id() const
{
    return impl_->l2->chain_id();
}

uint64_t SequencerService::head_number() const
{
    return impl_->l2->head()->header.number;
}

}  // namespace ultra::cli
