// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// A running Node on a temporary datadir for the node's integration tests (no HTTP): the devnet
// preset with the four test keys funded, automine or manual mining, and an in-process JSON-RPC
// dispatcher with the node's methods for the tests of the handlers.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <ultra/node/eth_api.hpp>
#include <ultra/node/node.hpp>
#include <ultra/rpc/dispatcher.hpp>
#include <vector>

#include "unit/execution/test_signer.hpp"

namespace ultra::test {

/// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class NodeTempDir
{
public:
    NodeTempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "ultra_node_XXXXXX");
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error{"mkdtemp failed"};
        path_ = pattern;
    }
    NodeTempDir(const NodeTempDir&) = delete;
    NodeTempDir& operator=(const NodeTempDir&) = delete;
    ~NodeTempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    /// The directory.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/// 10^18 wei.
inline const uint256 kOneEther = uint256{1'000'000'000'000'000'000};

/// The node's configuration for the tests: the devnet preset with test keys 0..3 funded with
/// 100 ether each, `datadir`, no fsync (a throw-away datadir), the given mining mode.
inline node::NodeConfig test_node_config(const std::filesystem::path& datadir,
                                         node::MiningMode mining = node::MiningMode::kAutomine)
{
    std::vector<Address> funded;
    for (uint8_t i = 0; i < 4; ++i) funded.push_back(make_test_key(i).address);
    node::NodeConfig config;
    config.spec = node::devnet_chain_spec(funded, kOneEther * 100);
    config.datadir = datadir;
    config.store.sync = false;
    config.mining = mining;
    return config;
}

/// A started node and an in-process dispatcher serving its methods.
struct TestNode
{
    /// Opens and starts a node with `config`; fails the test when it cannot be opened.
    explicit TestNode(node::NodeConfig config)
    {
        auto opened = node::Node::open(std::move(config));
        if (!opened) throw std::runtime_error{"cannot open the node: " + opened.error()};
        node = std::move(*opened);
        api = std::make_unique<node::EthApi>(*node);
        api->register_methods(dispatcher);
        node->start();
    }
    ~TestNode()
    {
        if (node) node->stop();
    }

    /// Calls `method` in process and returns the whole response object.
    nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::array())
    {
        const nlohmann::json request = {
            {"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", std::move(params)}};
        rpc::CallContext ctx;
        const auto response = dispatcher.handle(request.dump(), ctx);
        if (!response) return nullptr;
        return nlohmann::json::parse(*response);
    }

    /// The `result` of a call that must succeed.
    nlohmann::json result(const std::string& method,
                          nlohmann::json params = nlohmann::json::array())
    {
        const nlohmann::json r = call(method, std::move(params));
        EXPECT_FALSE(r.contains("error")) << method << ": " << r.dump();
        return r.value("result", nlohmann::json{});
    }

    /// Submits `tx` and waits until it is mined (automine); fails the test otherwise.
    Hash256 submit_and_wait(const Transaction& tx)
    {
        const auto hash = node->submit(tx);
        EXPECT_TRUE(hash) << (hash ? "" : hash.error().message);
        if (!hash) return {};
        EXPECT_TRUE(node->wait_for_transaction(*hash, std::chrono::seconds{30}));
        return *hash;
    }

    rpc::Dispatcher dispatcher;
    std::unique_ptr<node::Node> node;
    std::unique_ptr<node::EthApi> api;
};

/// A signed EIP-1559 transaction from `key` on the devnet (chain id 1337).
inline Transaction devnet_tx(const TestKey& key,
                             uint64_t nonce,
                             const std::optional<Address>& to,
                             const uint256& value,
                             Bytes data = {},
                             uint64_t gas = 21'000)
{
    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = node::kDevnetChainId;
    tx.nonce = nonce;
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    tx.gas_limit = gas;
    tx.max_fee_per_gas = uint256{10'000'000'000};
    tx.max_priority_fee_per_gas = uint256{1'000'000'000};
    return signed_tx(tx, key);
}

}  // namespace ultra::test
