// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// A running rollup sequencer as `ultrasound rollup` and `ultrasound devnet` start it: the L2
// node (its genesis derived from the rollup's chain id and the proposer), the L2 JSON-RPC
// server (the L1 node's eth_* method set), and the thread that makes and settles one L2 block
// per interval (node::RollupSequencer).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/node/l2_genesis.hpp>

namespace ultra::cli {

/// The L2 ETH the proposer (which also relays deposits) holds in a dev rollup's genesis, so that
/// it can pay for the claimDeposits transactions: 1000 ether.
[[nodiscard]] uint256 dev_relayer_balance();

/// The L2 genesis of a dev rollup: `chain_id`, the library defaults, and `proposer` funded
/// with dev_relayer_balance(). `ultrasound devnet` deploys with it and `ultrasound rollup`
/// rebuilds it, so both agree on the genesis the contract holds.
[[nodiscard]] node::L2GenesisConfig dev_l2_genesis(uint64_t chain_id, const Address& proposer);

/// What a sequencer needs.
struct SequencerOptions
{
    std::string l1_rpc;                           ///< the L1 JSON-RPC URL
    Address rollup;                               ///< the NativeRollup on L1
    Bytes32 key;                                  ///< the proposer's (and relayer's) secret key
    std::string http_addr = "127.0.0.1";          ///< the L2 JSON-RPC address
    uint16_t http_port = 8546;                    ///< the L2 JSON-RPC port (0: any)
    std::filesystem::path datadir;                ///< the L2 chain store
    std::chrono::milliseconds block_time{1000};   ///< one L2 block per interval
    std::function<void(const std::string&)> log;  ///< progress and errors (may be empty)
};

/// A started sequencer; stop() (or the destructor) ends the block loop, the server and the node.
class SequencerService
{
public:
    /// Connects to L1, opens the L2 datadir, serves JSON-RPC and starts the block loop (which
    /// first settles whatever this datadir has that L1 lacks). Errors in English.
    [[nodiscard]] static Result<std::unique_ptr<SequencerService>, std::string> start(
        SequencerOptions options);

    ~SequencerService();
    SequencerService(const SequencerService&) = delete;
    SequencerService& operator=(const SequencerService&) = delete;

    /// Stops the loop after the step in progress, then the server and the node. Idempotent.
    void stop();

    /// The L2 JSON-RPC port.
    [[nodiscard]] uint16_t port() const;
    /// The L2 chain id.
    [[nodiscard]] uint64_t chain_id() const;
    /// The L2 head number.
    [[nodiscard]] uint64_t head_number() const;

    struct Impl;

private:
    explicit SequencerService(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace ultra::cli
