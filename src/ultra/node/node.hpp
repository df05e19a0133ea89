// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/execution/receipt.hpp>
#include <ultra/storage/chain_store.hpp>
#include <ultra/wallet/dev_accounts.hpp>
#include <vector>

#include "chain_spec.hpp"
#include "large_stack.hpp"
#include "mempool.hpp"

namespace ultra::execution {
struct PayloadAttributes;
class TransactionSource;
}  // namespace ultra::execution

/// The running L1 dev node (`ultrasound node`): one chain in a ChainStore, a Mempool, and one
/// block producer that builds every block with execution::build_block() over the store's head
/// state, with the chain's precompiles (EXECUTE when the chain spec enables it), commits it
/// atomically, moves the pool to the new head and tells the listeners (the JSON-RPC
/// subscriptions). docs/node.md § Operation.
namespace ultra::node {

/// When the producer makes blocks.
enum class MiningMode : uint8_t
{
    /// A block as soon as transactions are pending (each admission triggers one; what is
    /// pending when the producer gets to it goes into that block), and on request (mine()).
    /// No empty blocks except on request.
    kAutomine,
    /// A block every NodeConfig::block_time (empty ones too), and on request.
    kInterval,
    /// Only on request (mine()): tests that decide when blocks happen.
    kManual,
};

/// The pool settings of a dev node: go-ethereum's rules, but one account may pool 8,192
/// transactions (go-ethereum: 64) and the pool 16,384, since test scripts send thousands in a row
/// from one account, as anvil allows.
[[nodiscard]] inline MempoolConfig dev_mempool_config()
{
    MempoolConfig config;
    config.max_per_sender = 8192;
    config.max_transactions = 16384;
    return config;
}

// --- Rollup sequencer hook (added for the rollup node; docs/rollup.md § The rollup node) -------
struct HeadState;
/// Adjusts the attributes of the block about to be built on `parent` (called on the producer
/// thread): the rollup sequencer sets the L2 anchor (parent_beacon_block_root) and coinbase.
using PayloadHook = std::function<void(const HeadState& parent, execution::PayloadAttributes&)>;
// -----------------------------------------------------------------------------------------------

/// Everything Node::open() needs.
struct NodeConfig
{
    ChainSpec spec;                 ///< the chain (its genesis is made once per datadir)
    std::filesystem::path datadir;  ///< where the ChainStore lives
    storage::OpenOptions store;     ///< RocksDB settings (fsync per block by default)
    MiningMode mining = MiningMode::kAutomine;  ///< when blocks are made
    std::chrono::milliseconds block_time{0};    ///< the interval of MiningMode::kInterval
    /// The accounts whose keys the node holds: eth_accounts, eth_sendTransaction's signers.
    std::vector<wallet::DevAccount> dev_accounts;
    Address coinbase;  ///< the fee recipient of the blocks (the zero address by default)
    /// The pool's limits (chain_id is overwritten with the spec's): dev_mempool_config().
    MempoolConfig mempool = dev_mempool_config();
    /// The gas limit the producer steers toward; 0: the genesis gas limit.
    uint64_t target_gas_limit = 0;
    size_t producer_stack_size = kExecutionStackSize;  ///< the producer thread's native stack
    /// Where the node reports failures it cannot return to a caller (a block that could not be
    /// produced while automining); nothing is reported when empty. Called from the producer.
    std::function<void(const std::string&)> log;
    /// Rollup sequencer hook: see PayloadHook; nothing is adjusted when empty.
    PayloadHook payload_hook;
};

/// The head as the node last announced it: the block, and the state after it at a consistent
/// RocksDB snapshot. Immutable; shared by readers.
struct HeadState
{
    BlockHeader header;  ///< the head block's header
    Hash256 hash;        ///< its hash
    /// The state after it (flat reads at a snapshot; thread-safe).
    std::shared_ptr<const storage::HeadStateView> state;
};

/// A block the producer committed, as the listeners receive it.
struct CommittedBlock
{
    Block block;                                 ///< the sealed block
    Hash256 hash;                                ///< its hash
    std::vector<Address> senders;                ///< the sender of each transaction
    std::vector<Hash256> tx_hashes;              ///< the hash of each transaction
    std::vector<execution::TxReceipt> receipts;  ///< one per transaction
};

/// A block built on the head by Node::build_payload() and not (yet) part of the chain: the rollup
/// proposer settles it on L1 first and commits it only once L1 took it (commit_payload()).
struct Payload
{
    Block block;                   ///< the sealed block
    Hash256 hash;                  ///< its hash
    std::vector<Address> senders;  ///< the sender of each transaction
    /// The executed block: its diff, receipts and post-state root (what commit_payload() stores).
    execution::BlockResult result;
    std::vector<Bytes> new_trie_nodes;  ///< the trie nodes the post-state root created
    /// Pool transactions the builder found invalid on this state (they leave the pool on commit).
    std::vector<Hash256> invalid;
};

/// The node: the writer (one producer thread, with a large native stack) and any number of
/// concurrent readers (the RPC threads), which read the store and the head snapshot.
///
/// Ordering: a block is committed to the store (one fsynced batch) before the pool forgets its
/// transactions and before anyone is told; so a transaction that any reader sees as mined (a
/// receipt, a block) is durable, and one that is in neither the pool nor the store was never
/// admitted. Admission and the head move happen under one lock, so that the pool and the head
/// state it is checked against always agree.
///
/// Limitations: one chain, no reorgs (a rollup proposer commits a block only once L1 settled it:
/// build_payload(), commit_payload()); transactions pooled but not yet mined are lost when the
/// process ends (like go-ethereum's --dev without a journal).
class Node
{
public:
    /// Opens (or creates) the datadir: the genesis of `config.spec` is committed on a new
    /// datadir; an existing one must belong to the same chain (the store's message otherwise,
    /// "datadir X belongs to chain id 1337 with genesis 0x.., not ..."), and the chain continues
    /// from its head. The producer is not started: call start().
    [[nodiscard]] static Result<std::unique_ptr<Node>, std::string> open(NodeConfig config);

    /// Stops the producer (see stop()).
    ~Node();

    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    /// Starts the producer thread. Throws std::system_error when it cannot be created.
    void start();

    /// Stops the producer after the block in progress (pending mine() requests fail with "node
    /// stopped"). Idempotent. The store closes with the Node.
    void stop();

    // --- The chain ----------------------------------------------------------------------------

    /// The configuration.
    [[nodiscard]] const NodeConfig& config() const noexcept { return config_; }
    /// The chain configuration (fork schedule, EXECUTE).
    [[nodiscard]] const ChainConfig& chain_config() const noexcept { return config_.spec.config; }
    /// The chain id.
    [[nodiscard]] uint64_t chain_id() const noexcept { return config_.spec.config.chain_id; }
    /// The genesis hash.
    [[nodiscard]] const Hash256& genesis_hash() const noexcept { return genesis_hash_; }
    /// The store (thread-safe reads).
    [[nodiscard]] const storage::ChainStore& store() const noexcept { return *store_; }
    /// BLOCKHASH over the canonical chain (thread-safe).
    [[nodiscard]] const state::BlockHashes& block_hashes() const noexcept { return *hashes_; }
    /// The pool (thread-safe).
    [[nodiscard]] const Mempool& mempool() const noexcept { return pool_; }

    /// The head the node last announced (the state readers see as "latest").
    [[nodiscard]] std::shared_ptr<const HeadState> head() const;

    /// The timestamp the next block would have now: max(wall clock, head + 1).
    [[nodiscard]] uint64_t next_timestamp(const BlockHeader& head) const;

    /// The base fee of the block after `head` (EIP-1559; 0 before London, 1 gwei at the fork
    /// block).
    [[nodiscard]] uint256 next_base_fee(const BlockHeader& head) const;

    /// A fresh instance of the chain's precompiles, for one simulation (eth_call,
    /// eth_estimateGas, re-executing a block): EXECUTE's per-block figures must not be shared
    /// with the producer's instance (docs/execute.md).
    [[nodiscard]] std::unique_ptr<execution::PrecompileSet> make_precompiles() const;

    // --- Transactions -------------------------------------------------------------------------

    /// Admits `tx` to the pool against the head (go-ethereum's rules and texts: Mempool::add())
    /// and, in automine mode, triggers a block. Returns the hash. Does not wait for the block.
    [[nodiscard]] Result<Hash256, MempoolRejection> submit(const Transaction& tx);

    /// The nonce the sender's next transaction should use: the head state's nonce plus its
    /// pending transactions (eth_getTransactionCount at "pending"), read atomically.
    [[nodiscard]] uint64_t pending_nonce(const Address& sender) const;

    /// Waits until `tx_hash` is in a committed block, or the producer has nothing left to do
    /// (no block triggered or in progress: the transaction is not coming, e.g. it waits for a
    /// nonce gap to fill), or `timeout` passes; true when mined. Never waits on an idle
    /// producer, so a client polling for a stuck transaction does not hold a server thread.
    [[nodiscard]] bool wait_for_transaction(const Hash256& tx_hash,
                                            std::chrono::milliseconds timeout) const;

    /// The dev account holding `address`'s key, if the node has it.
    [[nodiscard]] const wallet::DevAccount* dev_account(const Address& address) const noexcept;

    // --- Blocks -------------------------------------------------------------------------------

    /// Mines `count` blocks now on the producer thread, with whatever the pool has pending
    /// (evm_mine, anvil_mine), and waits for them. The first block's timestamp is `timestamp`
    /// when given (it must be after the head's), else the usual max(now, head + 1); each next
    /// one adds `interval` seconds (at least 1). Empty blocks of a run are not fsynced
    /// one by one: they become durable with the run's last block (or the next block that carries
    /// transactions, which is fsynced itself). Returns the hashes. Errors: a bad timestamp, a
    /// storage failure, the node stopping.
    [[nodiscard]] Result<std::vector<Hash256>, std::string> mine(uint64_t count,
                                                                 std::optional<uint64_t> timestamp,
                                                                 uint64_t interval = 1);

    /// Builds the block after the head at `timestamp` (after the head's) on the producer thread,
    /// with `first` in that order ahead of what the pool offers (a rollup's deposit claim and
    /// forced-inclusion transactions; one that is invalid on the state is left out), and returns
    /// it without committing it. The payload hook applies as for mined blocks.
    [[nodiscard]] Result<Payload, std::string> build_payload(uint64_t timestamp,
                                                             std::vector<Transaction> first = {});

    /// Commits a payload of build_payload() (fsynced) and announces it, like a mined block.
    /// Errors: the head moved since it was built, a storage failure, the node stopping.
    [[nodiscard]] Result<Hash256, std::string> commit_payload(Payload payload);

    /// Imports a block made elsewhere onto the head (a rollup follower: the L2 blocks settled on
    /// L1): execution::state_transition() validates it in full against the head (header, roots,
    /// gas, receipts, state root), then it is committed (fsynced) and announced; the pool drops
    /// its transactions. Errors: the parent is not the head, an invalid block (the failure's
    /// text), a storage failure, the node stopping.
    [[nodiscard]] Result<Hash256, std::string> import_block(Block block);

    /// The senders of a stored block's transactions: as the producer recorded them with the
    /// block, else recovered from the signatures.
    [[nodiscard]] std::vector<Address> senders(const Hash256& block_hash, const Block& block) const;

    /// Calls `listener` on the producer thread after each committed block (after the head
    /// moved). Listeners must be quick and must not call mine() or stop().
    void add_block_listener(std::function<void(const CommittedBlock&)> listener);

private:
    struct MineRequest
    {
        uint64_t count = 1;
        std::optional<uint64_t> timestamp;
        uint64_t interval = 1;
        /// Set: run this on the producer thread instead of mining (build, commit, import).
        std::function<void()> job;
        bool done = false;
        Result<std::vector<Hash256>, std::string> result{std::vector<Hash256>{}};
    };

    Node(NodeConfig config,
         Hash256 genesis_hash,
         std::unique_ptr<storage::ChainStore> store,
         std::shared_ptr<const HeadState> head);

    /// The producer thread's loop.
    void run_producer();
    /// Builds, commits and announces one block at `timestamp`. `sync`: fsync the commit.
    /// Without `allow_empty`, nothing is made when the pool offers nothing (std::nullopt).
    [[nodiscard]] Result<std::optional<CommittedBlock>, std::string>
    produce_block(uint64_t timestamp, bool sync, bool allow_empty = true);
    /// Builds the block after `head` at `timestamp` from `source` without committing it.
    [[nodiscard]] Result<Payload, std::string> build_on(const HeadState& head,
                                                        uint64_t timestamp,
                                                        execution::TransactionSource& source);
    /// Commits `payload` (a child of the head), moves the head and the pool, tells the listeners.
    [[nodiscard]] Result<CommittedBlock, std::string> commit(Payload payload, bool sync);
    /// Runs `job` on the producer thread and waits for it. Errors: the node is not running.
    [[nodiscard]] Result<void, std::string> run_on_producer(std::function<void()> job);
    /// Sets busy_ and wakes the waiters.
    void set_busy(bool busy);
    /// Serves one mine() request.
    void serve(MineRequest& request);
    /// What the pool checks against for the block after `head`.
    [[nodiscard]] PoolHead pool_head(const HeadState& head) const;

    NodeConfig config_;
    Hash256 genesis_hash_;
    std::unique_ptr<storage::ChainStore> store_;
    std::unique_ptr<storage::CanonicalBlockHashes> hashes_;
    Mempool pool_;
    /// The producer's precompiles: EXECUTE's running figures belong to the chain's blocks.
    std::unique_ptr<execution::PrecompileSet> precompiles_;

    /// Guards head_ and makes admission and the pool's head move atomic.
    mutable std::mutex head_mutex_;
    std::shared_ptr<const HeadState> head_;

    /// The producer's work queue.
    std::mutex work_mutex_;
    std::condition_variable work_cv_;
    bool triggered_ = false;
    bool stopping_ = false;
    std::deque<MineRequest*> requests_;
    std::condition_variable request_done_cv_;

    /// Wakes wait_for_transaction() after each block, and when the producer goes idle.
    mutable std::mutex mined_mutex_;
    mutable std::condition_variable mined_cv_;
    uint64_t blocks_committed_ = 0;
    /// A block is triggered or being made (guarded by mined_mutex_).
    bool busy_ = false;

    std::mutex listeners_mutex_;
    std::vector<std::function<void(const CommittedBlock&)>> listeners_;

    std::unique_ptr<LargeStackThread> producer_;
};

}  // namespace ultra::node
