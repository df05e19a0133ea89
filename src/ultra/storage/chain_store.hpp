// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/receipt.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state_diff.hpp>
#include <utility>
#include <vector>

#include "encoding.hpp"
#include "errors.hpp"
#include "proof.hpp"
#include "state_views.hpp"

/// Crash-safe chain storage on RocksDB for the dev node (docs/storage.md): blocks, receipts,
/// the transaction index, the latest state as flat tables and every trie node ever written.
namespace ultra::storage {

/// The chain a datadir belongs to: ChainStore::open() refuses a datadir of another chain.
struct ChainIdentity
{
    uint64_t chain_id = 0;  ///< EIP-155 chain id
    Hash256 genesis_hash;   ///< the hash of block 0

    friend bool operator==(const ChainIdentity&, const ChainIdentity&) = default;
};

/// How ChainStore::open() opens a datadir.
struct OpenOptions
{
    /// Create the datadir (and its parents) and a new database when missing; otherwise a
    /// missing datadir is kNotFound.
    bool create_if_missing = true;
    /// RocksDB's block cache, shared by every table.
    size_t block_cache_bytes = size_t{64} << 20;
    /// fsync the write-ahead log on every commit (the crash guarantee). Only benchmarks and
    /// throw-away tests turn it off.
    bool sync = true;
};

/// A key/value entry of the `meta` table that the node keeps for itself (a JSON chain config,
/// the miner's settings, ...), written by put_meta() or atomically with a block.
struct MetaEntry
{
    std::string key;  ///< the node's key (stored under a prefix: it cannot clash with ours)
    Bytes value;      ///< any bytes
};

/// One block's logs as for_each_block_logs() hands them out.
struct BlockLogs
{
    const Hash256& hash;            ///< the block hash
    const BlockHeader& header;      ///< the block header
    const BlockReceipts& receipts;  ///< its receipts, with their transaction hashes
};

/// The chain store of one datadir: one RocksDB database with the tables of docs/storage.md.
///
/// Crash safety: commit_block() writes everything a block brings (header, body, receipts,
/// canonical entry, transaction index, flat state changes, new trie nodes, new head) as ONE
/// RocksDB WriteBatch, fsynced through the write-ahead log before it returns. After a crash at
/// any moment (kill -9, power loss) the database holds either the whole block or none of it,
/// and the head never names a block whose state is missing. A block commit_block() has returned
/// for is durable.
///
/// Thread-safety: any number of threads may read (every const method, and the views, which are
/// independent objects) while one thread commits; commits are serialised by a mutex. A reader
/// sees each commit entirely or not at all; a HeadStateView keeps the state of the moment it was
/// made (a RocksDB snapshot).
///
/// The store keeps one chain: each block must extend the head (no reorgs: a dev chain has one
/// block producer). Only one process may open a datadir at a time (RocksDB's LOCK file).
class ChainStore
{
public:
    /// Opens the datadir `dir`, creating it and an empty database if missing (unless
    /// options.create_if_missing is false). A new database records `chain` and the schema
    /// version; an existing one must have been created for the same chain id and genesis hash
    /// (kWrongChain: "datadir X belongs to chain id 1337 with genesis 0x.., not chain id 1 with
    /// genesis 0x..") and schema version (kSchemaMismatch). A path that is a file, or a non-empty
    /// directory without a database, is kNotADatabase (nothing is written into it); a damaged
    /// database is kCorruption or kIo; a database another process has open is kLocked. Never
    /// crashes on a bad datadir.
    [[nodiscard]] static StoreResult<std::unique_ptr<ChainStore>> open(
        const std::filesystem::path& dir,
        const ChainIdentity& chain,
        const OpenOptions& options = {});

    ChainStore(const ChainStore&) = delete;
    ChainStore& operator=(const ChainStore&) = delete;
    /// Closes the database (views still alive keep it open until they go).
    ~ChainStore();

    /// The schema version this build writes and reads.
    static constexpr uint32_t kSchemaVersion = 1;

    // --- Identity ----------------------------------------------------------------------------

    /// The datadir.
    [[nodiscard]] const std::filesystem::path& datadir() const noexcept { return dir_; }
    /// The chain the datadir belongs to.
    [[nodiscard]] const ChainIdentity& chain() const noexcept { return chain_; }

    // --- Writing -----------------------------------------------------------------------------

    /// Commits the genesis block: its state `alloc` (every account with its code and storage)
    /// goes in through commit_block() with the trie nodes computed here. Checks that the header
    /// is block 0, hashes to chain().genesis_hash and has alloc's state root
    /// (kInvalidArgument otherwise). A no-op when this genesis is already stored; kInvalidArgument
    /// when the store has another block 0 (it cannot: open() checked the genesis hash).
    [[nodiscard]] StoreResult<void> commit_genesis(const Block& genesis,
                                                   const state::InMemoryState& alloc);

    /// Commits `block`, which must extend the head (number head + 1 and parent hash the head's
    /// hash; or, on an empty store, block 0 with the genesis hash), in one fsynced WriteBatch
    /// (see the class comment): its header, body, `receipts` (one per transaction, with their
    /// transaction hashes), canonical entry and transaction index; `diff` applied to the flat
    /// state (StateDiff's contract: deleted accounts lose their storage, then the modified
    /// accounts are written); `new_trie_nodes` (TrieStateRoots::new_nodes() of the block's
    /// state root over the parent's); `meta` entries; and the new head.
    ///
    /// Checked before anything is written (kInvalidArgument, nothing written): the block extends
    /// the head; one receipt per transaction; and the header's state root is served by the
    /// stored nodes plus `new_trie_nodes`, with every account of `diff` reading back from it as
    /// the diff says (the flat state takes each account's storage root from there). So a block
    /// whose nodes are missing or do not match its diff is refused, not half-stored.
    ///
    /// `sync` false (only meaningful when the store syncs at all, OpenOptions::sync) skips this
    /// commit's fsync: the batch is in the write-ahead log, which the OS holds, so it survives
    /// the process being killed but not a power loss until a later synced commit (or sync_wal())
    /// makes it and every earlier one durable. For a run of blocks committed at once
    /// (anvil_mine), where only the last one is reported.
    [[nodiscard]] StoreResult<void> commit_block(const Block& block,
                                                 std::span<const execution::TxReceipt> receipts,
                                                 const state::StateDiff& diff,
                                                 std::span<const Bytes> new_trie_nodes,
                                                 std::span<const MetaEntry> meta = {},
                                                 bool sync = true);

    /// commit_block() with the receipts and diff of `result` (execution::state_transition()).
    [[nodiscard]] StoreResult<void> commit_block(const Block& block,
                                                 const execution::BlockResult& result,
                                                 std::span<const Bytes> new_trie_nodes,
                                                 std::span<const MetaEntry> meta = {},
                                                 bool sync = true)
    {
        return commit_block(block, result.output.receipts, result.diff, new_trie_nodes, meta, sync);
    }

    /// fsyncs the write-ahead log: every commit made so far becomes durable against power loss
    /// (see commit_block()'s `sync`).
    [[nodiscard]] StoreResult<void> sync_wal();

    /// Writes the node's entry `key` (fsynced).
    [[nodiscard]] StoreResult<void> put_meta(std::string_view key, BytesView value);

    /// The node's entry `key`, std::nullopt if never written.
    [[nodiscard]] StoreResult<std::optional<Bytes>> get_meta(std::string_view key) const;

    // --- Chain reads -------------------------------------------------------------------------

    /// The head, std::nullopt before the genesis is committed.
    [[nodiscard]] std::optional<ChainHead> head() const;

    /// The hash of canonical block `number`, std::nullopt above the head.
    [[nodiscard]] StoreResult<std::optional<Hash256>> canonical_hash(uint64_t number) const;

    /// The header of block `hash`, std::nullopt if unknown.
    [[nodiscard]] StoreResult<std::optional<BlockHeader>> header(const Hash256& hash) const;

    /// The header of canonical block `number`, std::nullopt above the head.
    [[nodiscard]] StoreResult<std::optional<BlockHeader>> header_by_number(uint64_t number) const;

    /// The block `hash` (header and body), std::nullopt if unknown.
    [[nodiscard]] StoreResult<std::optional<Block>> block(const Hash256& hash) const;

    /// The receipts of block `hash`, std::nullopt if unknown.
    [[nodiscard]] StoreResult<std::optional<BlockReceipts>> receipts(const Hash256& hash) const;

    /// Where the transaction `tx_hash` is, std::nullopt if no stored block has it.
    [[nodiscard]] StoreResult<std::optional<TxLocation>> tx_location(const Hash256& tx_hash) const;

    /// For eth_getLogs: calls `visit` for each canonical block of [from, to] (clamped to the
    /// head) whose header logs bloom `may_match` accepts (LogFilter::may_match), in block order,
    /// with its receipts; receipts are loaded only for those blocks. Stops early, successfully,
    /// when `visit` returns false. The caller filters the logs (LogFilter::matches).
    [[nodiscard]] StoreResult<void> for_each_block_logs(
        uint64_t from,
        uint64_t to,
        const std::function<bool(const Bloom&)>& may_match,
        const std::function<bool(const BlockLogs&)>& visit) const;

    // --- State -------------------------------------------------------------------------------

    /// The state after the head, over the flat tables (fast; see HeadStateView).
    [[nodiscard]] std::unique_ptr<HeadStateView> state_view_at_head() const;

    /// The state of root `state_root`, walking the archived trie nodes (any committed block's
    /// state; see TrieStateView). An unknown root reads as kMissingData: check has_state().
    [[nodiscard]] std::unique_ptr<TrieStateView> state_view_at(const Hash256& state_root) const;

    /// Whether the state of `state_root` is stored (its root node, or the empty state).
    [[nodiscard]] StoreResult<bool> has_state(const Hash256& state_root) const;

    /// A StateRootProvider over the state of `parent_state_root` (usually the head's), which
    /// also yields the trie nodes to commit.
    [[nodiscard]] std::unique_ptr<TrieStateRoots> state_roots(
        const Hash256& parent_state_root) const;

    /// BLOCKHASH over the canonical chain.
    [[nodiscard]] std::unique_ptr<CanonicalBlockHashes> block_hashes() const;

    /// The archived trie nodes (the `trie_nodes` table) as a trie::NodeSource, for walks of any
    /// stored state root that need the nodes themselves (a block's execution witness). One per
    /// thread: a find()'s view lives until the next find(). A node that is not stored, or that
    /// RocksDB fails to read, is absent. May outlive the ChainStore.
    [[nodiscard]] std::unique_ptr<trie::NodeSource> trie_node_source() const;

    /// eth_getProof (EIP-1186): the proofs of `address` and `slots` in the state of
    /// `state_root`. kNotFound when the root (or a node under it) is not stored, kCorruption for
    /// a damaged node, kIo when RocksDB fails.
    [[nodiscard]] StoreResult<AccountProof> proof(const Hash256& state_root,
                                                  const Address& address,
                                                  std::span<const Bytes32> slots) const;

    /// The state root recomputed from scratch from the flat tables (each storage root from the
    /// `storage` table, not from the stored account): equals head()->state_root when the flat
    /// state is consistent. A full scan, O(state): for checks and tests, not for blocks.
    /// kCorruption when a stored account does not decode.
    [[nodiscard]] StoreResult<Hash256> flat_state_root() const;

private:
    ChainStore(std::filesystem::path dir,
               ChainIdentity chain,
               std::shared_ptr<detail::Database> db,
               std::optional<ChainHead> head,
               bool sync);

    std::filesystem::path dir_;
    ChainIdentity chain_;
    std::shared_ptr<detail::Database> db_;
    bool sync_ = true;
    mutable std::mutex head_mutex_;  // guards head_
    std::optional<ChainHead> head_;
    std::mutex write_mutex_;  // serialises commits
};

}  // namespace ultra::storage
