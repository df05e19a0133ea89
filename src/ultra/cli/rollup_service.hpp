// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// A running rollup node as `ultrasound rollup` and `ultrasound devnet` start it: the L2 node
// (on the rollup's L2 genesis), the L2 JSON-RPC server (the L1 node's eth_* method set) and the
// thread that runs node::RollupDriver::step() every interval: derive what L1 settled and, for a
// sequencer or proposer, propose and settle the next block.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/node/l2_genesis.hpp>
#include <ultra/node/rollup_driver.hpp>

namespace ultra::cli {

/// The L2 ETH the proposer (which also relays deposits) holds in a dev rollup's genesis, so that
/// it can pay for the claimDeposits transactions: 1000 ether.
[[nodiscard]] uint256 dev_relayer_balance();

/// The L2 genesis of a dev rollup: `chain_id`, the library defaults, and `proposer` funded
/// with dev_relayer_balance(). `ultrasound devnet` deploys with it (and writes it to the
/// rollup's genesis file).
[[nodiscard]] node::L2GenesisConfig dev_l2_genesis(uint64_t chain_id, const Address& proposer);

/// What a rollup node needs.
struct RollupOptions
{
    node::RollupRole role = node::RollupRole::kSequencer;  ///< what it does
    std::string l1_rpc;                                    ///< the L1 JSON-RPC URL
    Address rollup;                                        ///< the NativeRollup on L1
    /// The proposer's (and relayer's) secret key; required unless a follower.
    std::optional<Bytes32> key;
    /// The L2 genesis. Unset: the dev genesis (dev_l2_genesis() of the rollup's chain id and the
    /// key's address), which only a proposing role can rebuild.
    std::optional<node::L2GenesisConfig> genesis;
    bool include_inbox = true;                    ///< false: censor the inbox (tests)
    std::string http_addr = "127.0.0.1";          ///< the L2 JSON-RPC address
    uint16_t http_port = 8546;                    ///< the L2 JSON-RPC port (0: any)
    std::filesystem::path datadir;                ///< the L2 chain store
    std::chrono::milliseconds block_time{1000};   ///< one step per interval
    std::function<void(const std::string&)> log;  ///< progress and errors (may be empty)
};

/// A started rollup node; stop() (or the destructor) ends the loop, the server and the node.
class RollupService
{
public:
    /// Connects to L1, checks the genesis against the rollup's, opens the L2 datadir, serves
    /// JSON-RPC and starts the loop. Errors in English.
    [[nodiscard]] static Result<std::unique_ptr<RollupService>, std::string> start(
        RollupOptions options);

    ~RollupService();
    RollupService(const RollupService&) = delete;
    RollupService& operator=(const RollupService&) = delete;

    /// Stops the loop after the step in progress, then the server and the node. Idempotent.
    void stop();

    /// The L2 JSON-RPC port.
    [[nodiscard]] uint16_t port() const;
    /// The L2 chain id.
    [[nodiscard]] uint64_t chain_id() const;
    /// The L2 head number.
    [[nodiscard]] uint64_t head_number() const;
    /// The L2 genesis hash.
    [[nodiscard]] Hash256 genesis_hash() const;

    struct Impl;

private:
    explicit RollupService(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace ultra::cli
