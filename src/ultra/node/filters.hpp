// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/rpc/eth_json.hpp>
#include <unordered_map>

/// The store of the JSON-RPC polling filters (eth_newFilter, eth_newBlockFilter,
/// eth_newPendingTransactionFilter, eth_getFilterChanges, eth_getFilterLogs,
/// eth_uninstallFilter): go-ethereum's eth/filters semantics, with bounded memory. EthApi answers
/// the methods with it; docs/node.md § Filters.
namespace ultra::node {

/// What a filter reports.
enum class FilterKind : uint8_t
{
    kLogs,                 ///< eth_newFilter: the logs of new blocks that match a LogFilter
    kBlocks,               ///< eth_newBlockFilter: the hashes of new blocks
    kPendingTransactions,  ///< eth_newPendingTransactionFilter: the hashes of admitted txs
};

/// Why a filter operation failed.
enum class FilterError : uint8_t
{
    kNotFound,        ///< no such filter (never installed, uninstalled, or expired)
    kTooManyFilters,  ///< FilterOptions::max_filters are installed
};

/// go-ethereum's text of `e` ("filter not found"; "too many filters" has no go-ethereum
/// counterpart: it keeps no bound).
[[nodiscard]] std::string_view to_string(FilterError e) noexcept;

/// The clock filters expire by.
using FilterClock = std::chrono::steady_clock;

/// The bounds of the filter store.
struct FilterOptions
{
    /// A filter neither polled (eth_getFilterChanges) nor read (eth_getFilterLogs) for this long
    /// is removed: go-ethereum's deadline (5 minutes).
    std::chrono::milliseconds timeout{std::chrono::minutes{5}};
    /// The most filters that may be installed at once; eth_new*Filter fails beyond.
    size_t max_filters = 10'000;
    /// The admitted transaction hashes kept for the pending-transaction filters (shared by all
    /// of them, oldest dropped first): a filter polled after more admissions than this gets the
    /// newest ones only.
    size_t max_pending_transactions = 10'000;
    /// The time source; empty: FilterClock::now. Tests inject a fake one.
    std::function<FilterClock::time_point()> clock;
};

/// One poll's view of a filter (valid during the poll callback only).
struct FilterPoll
{
    FilterKind kind;                 ///< the filter's kind
    const rpc::LogFilter& criteria;  ///< kLogs: the filter object (empty for the other kinds)
    bool full_transactions = false;  ///< kPendingTransactions: report objects, not hashes
    /// kLogs, kBlocks: the first block not reported yet (the head at installation + 1, then
    /// what the previous poll returned).
    uint64_t next_block = 0;
    /// kPendingTransactions: the hashes admitted since the last poll, oldest first (at most
    /// FilterOptions::max_pending_transactions: older ones are dropped).
    std::span<const Hash256> transactions;
};

/// Polling filters by id. Log and block filters keep a cursor (the next block to report), not
/// a buffer: each poll reads the blocks committed since the previous one from the store, so
/// they hold no memory between polls and lose nothing (one chain, no reorgs). Pending-transaction
/// filters share one bounded ring of the latest admitted hashes, each holding a position in it.
///
/// Ids are go-ethereum's form: 128 random bits (std::random_device) in hex, "0x", leading zeros
/// trimmed; unguessable, so that one client cannot poll or uninstall another's filter.
///
/// Expiry is lazy: a filter whose deadline passed is gone for every operation, and expired
/// filters are swept when a call finds the sweep due (every `timeout`) or the store full. No
/// thread is involved.
///
/// Thread safety: every member function may be called from any thread. Polls of one filter are
/// serialised (each sees the cursor the previous one left); polls of different filters run in
/// parallel, the callback outside the store's lock.
class FilterManager
{
public:
    /// An empty store.
    explicit FilterManager(FilterOptions options = {});

    FilterManager(const FilterManager&) = delete;
    FilterManager& operator=(const FilterManager&) = delete;

    /// Installs a log filter that reports blocks from `next_block` on (the head + 1). The
    /// criteria are not validated here. Returns the id; kTooManyFilters when full.
    [[nodiscard]] Result<std::string, FilterError> install_log_filter(rpc::LogFilter criteria,
                                                                      uint64_t next_block);

    /// Installs a block filter that reports blocks from `next_block` on.
    [[nodiscard]] Result<std::string, FilterError> install_block_filter(uint64_t next_block);

    /// Installs a pending-transaction filter that reports the transactions admitted from now on
    /// (as hashes, or as objects when `full_transactions`: the caller's business).
    [[nodiscard]] Result<std::string, FilterError> install_pending_transaction_filter(
        bool full_transactions);

    /// Removes a filter; false when there is none with this id (or it had expired).
    bool uninstall(std::string_view id);

    /// Records a transaction admitted to the pool, for the pending-transaction filters. O(1);
    /// nothing is kept while no such filter is installed.
    void add_pending_transaction(const Hash256& tx_hash);

    /// The poll callback: reports what `view` shows and returns the new cursor (the first block
    /// not reported; ignored for kPendingTransactions).
    using PollCallback = std::function<uint64_t(const FilterPoll& view)>;

    /// eth_getFilterChanges: resets the filter's deadline, then calls `callback` with the filter
    /// locked against other polls of it, and moves its cursor (the returned block, or past the
    /// transactions shown) once `callback` returns. If `callback` throws, the cursor stays and
    /// the exception propagates (the next poll reports the same changes). kNotFound: no such
    /// filter.
    [[nodiscard]] Result<void, FilterError> poll(std::string_view id, const PollCallback& callback);

    /// eth_getFilterLogs: the criteria of log filter `id` (its deadline is reset). kNotFound for
    /// an unknown id and for the other kinds (go-ethereum).
    [[nodiscard]] Result<rpc::LogFilter, FilterError> log_criteria(std::string_view id);

    /// The number of installed filters, expired ones removed first.
    [[nodiscard]] size_t size();

    /// The bounds in force.
    [[nodiscard]] const FilterOptions& options() const noexcept { return options_; }

private:
    struct Filter
    {
        FilterKind kind;
        rpc::LogFilter criteria;
        bool full_transactions = false;
        /// Serialises polls; guards next_block and next_transaction.
        std::mutex poll_mutex;
        uint64_t next_block = 0;
        /// The sequence number of the first admission not reported.
        uint64_t next_transaction = 0;
        /// When the filter expires (guarded by the store's mutex_).
        FilterClock::time_point deadline;
    };

    [[nodiscard]] FilterClock::time_point now() const;
    /// Adds `filter` under a fresh id (mutex_ held by the caller).
    [[nodiscard]] Result<std::string, FilterError> install_locked(std::shared_ptr<Filter> filter,
                                                                  FilterClock::time_point now);
    /// The live filter `id` with its deadline reset, or nullptr (mutex_ held).
    [[nodiscard]] std::shared_ptr<Filter> find_locked(std::string_view id,
                                                      FilterClock::time_point now);
    /// Removes the entry at `it` (mutex_ held).
    void erase_locked(std::unordered_map<std::string, std::shared_ptr<Filter>>::iterator it);
    /// Removes the expired filters when a sweep is due or `force` (mutex_ held).
    void sweep_locked(FilterClock::time_point now, bool force);
    /// A fresh random id (mutex_ held).
    [[nodiscard]] std::string new_id_locked();

    const FilterOptions options_;

    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<Filter>> filters_;
    FilterClock::time_point next_sweep_;
    std::random_device random_;
    /// The latest admitted transactions; pending_.front() has sequence number
    /// pending_end_ - pending_.size().
    std::deque<Hash256> pending_;
    /// The sequence number the next admission gets.
    uint64_t pending_end_ = 0;
    /// How many pending-transaction filters are installed (expired ones until swept).
    size_t pending_filters_ = 0;
};

}  // namespace ultra::node
