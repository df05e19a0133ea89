// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <ultra/core/uint256.hpp>
#include <ultra/rpc/dispatcher.hpp>
#include <ultra/rpc/eth_json.hpp>

#include "filters.hpp"
#include "node.hpp"

/// The node's JSON-RPC methods (eth_*, net_*, web3_*, debug_executionWitness, the dev
/// extensions evm_mine / anvil_mine) over a Node, with go-ethereum's semantics, error codes and
/// texts; the eth_subscribe kinds newHeads and logs; the polling filters (eth_newFilter & co.).
/// docs/node.md § JSON-RPC lists them.
namespace ultra::node {

/// The methods' limits and answers.
struct EthApiOptions
{
    /// eth_getLogs: the widest block range one query may cover ("exceed maximum block range").
    uint64_t max_logs_block_range = 10'000;
    /// eth_getLogs: the most logs one query may return ("query returned more than N results").
    size_t max_logs = 100'000;
    /// eth_feeHistory: the most blocks one query may cover (go-ethereum's maxFeeHistory).
    uint64_t max_fee_history = 1024;
    /// eth_getProof: the most storage keys one query may ask for.
    size_t max_proof_keys = 1024;
    /// eth_maxPriorityFeePerGas, and the tip eth_gasPrice and eth_sendTransaction add to the
    /// next base fee: 1 gwei (a dev chain has no fee market to sample).
    uint256 suggested_tip = kGwei;
    /// In automine mode, how long eth_getTransactionReceipt waits for a pending transaction's
    /// block before answering null: a client that asks right after sending gets the receipt,
    /// as with anvil, although eth_sendRawTransaction returns before the block is made.
    std::chrono::milliseconds receipt_wait{2000};
    /// web3_clientVersion.
    std::string client_version = "ultrasound/v0.1.0/linux-x86_64/gcc";
    /// How many decoded blocks (with senders and receipts) the methods keep at hand.
    size_t block_cache_size = 64;
    /// The polling filters' bounds (eth_newFilter & co.): 5 minutes without a poll expires a
    /// filter, at most 10,000 filters, 10,000 pending transaction hashes kept. Each
    /// eth_getFilterChanges of a log or block filter covers at most max_logs_block_range blocks
    /// (the rest at the next poll) and stops before the block that would take a log filter's
    /// answer past max_logs.
    FilterOptions filters;
};

class BlockCache;
class LogIndex;

/// The node's JSON-RPC handlers. register_methods() adds them to a Dispatcher and hooks the
/// node's block listener to publish newHeads and logs notifications. Handlers run on the RPC
/// server's threads: they read the store and the node's head snapshot (each request sees one
/// consistent head), and write only through Node::submit() and Node::mine().
///
/// Block tags: "latest", "safe" and "finalized" are the head (a single node finalizes what it
/// makes); "pending" is the head too (the state after it and its header: no pending block is
/// kept); "earliest" is block 0; numbers above the head are "header not found" for state
/// methods and null for block methods.
class EthApi
{
public:
    /// Handlers over `node`, which must outlive this object.
    explicit EthApi(Node& node, EthApiOptions options = {});

    /// Stops publishing to the dispatcher (the node's listener becomes a no-op; a call in
    /// progress is waited for).
    ~EthApi();

    EthApi(const EthApi&) = delete;
    EthApi& operator=(const EthApi&) = delete;

    /// Registers every method and the subscription kinds on `dispatcher`, and makes the node
    /// publish each committed block's header ("newHeads") and logs ("logs") there, as long as
    /// this object lives. Call once. The handlers refer to this object: it must outlive the
    /// serving of `dispatcher`, and `dispatcher` must outlive it.
    void register_methods(rpc::Dispatcher& dispatcher);

    /// The options in force.
    [[nodiscard]] const EthApiOptions& options() const noexcept { return options_; }

private:
    Node& node_;
    EthApiOptions options_;
    /// Decoded recent blocks, shared by the handlers and the block listener.
    std::shared_ptr<BlockCache> blocks_;
    /// Which blocks have logs, for eth_getLogs.
    std::shared_ptr<LogIndex> logs_;
    /// The polling filters (eth_newFilter & co.).
    std::shared_ptr<FilterManager> filters_;
    /// The node's listener holds it weakly: gone with this object, the listener does nothing.
    std::shared_ptr<void> alive_;
    /// eth_sendTransaction picks a nonce, fills, signs and submits as one step.
    std::mutex send_mutex_;
};

}  // namespace ultra::node
