// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "filters.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace ultra::node {

std::string_view to_string(FilterError e) noexcept
{
    switch (e) {
        case FilterError::kNotFound: return "filter not found";
        case FilterError::kTooManyFilters: return "too many filters";
    }
    return "unknown filter error";
}

FilterManager::FilterManager(FilterOptions options) : options_{std::move(options)} {}

FilterClock::time_point FilterManager::now() const
{
    return options_.clock ? options_.clock() : FilterClock::now();
}

Result<std::string, FilterError> FilterManager::install_log_filter(rpc::LogFilter criteria,
                                                                   uint64_t next_block)
{
    auto filter = std::make_shared<Filter>();
    filter->kind = FilterKind::kLogs;
    filter->criteria = std::move(criteria);
    filter->next_block = next_block;
    const auto t = now();
    const std::lock_guard lock{mutex_};
    return install_locked(std::move(filter), t);
}

Result<std::string, FilterError> FilterManager::install_block_filter(uint64_t next_block)
{
    auto filter = std::make_shared<Filter>();
    filter->kind = FilterKind::kBlocks;
    filter->next_block = next_block;
    const auto t = now();
    const std::lock_guard lock{mutex_};
    return install_locked(std::move(filter), t);
}

Result<std::string, FilterError> FilterManager::install_pending_transaction_filter(
    bool full_transactions)
{
    auto filter = std::make_shared<Filter>();
    filter->kind = FilterKind::kPendingTransactions;
    filter->full_transactions = full_transactions;
    const auto t = now();
    const std::lock_guard lock{mutex_};
    filter->next_transaction = pending_end_;
    auto id = install_locked(std::move(filter), t);
    if (id) ++pending_filters_;
    return id;
}

Result<std::string, FilterError> FilterManager::install_locked(std::shared_ptr<Filter> filter,
                                                               FilterClock::time_point t)
{
    sweep_locked(t, filters_.size() >= options_.max_filters);
    if (filters_.size() >= options_.max_filters) return unexpected(FilterError::kTooManyFilters);
    filter->deadline = t + options_.timeout;
    std::string id;
    do {
        id = new_id_locked();
    } while (filters_.contains(id));
    filters_.emplace(id, std::move(filter));
    return id;
}

bool FilterManager::uninstall(std::string_view id)
{
    const auto t = now();
    const std::lock_guard lock{mutex_};
    sweep_locked(t, false);
    const auto it = filters_.find(std::string{id});
    if (it == filters_.end()) return false;
    const bool live = it->second->deadline > t;
    erase_locked(it);
    return live;
}

void FilterManager::add_pending_transaction(const Hash256& tx_hash)
{
    const std::lock_guard lock{mutex_};
    if (pending_filters_ == 0) return;
    pending_.push_back(tx_hash);
    ++pending_end_;
    while (pending_.size() > options_.max_pending_transactions) pending_.pop_front();
}

Result<void, FilterError> FilterManager::poll(std::string_view id, const PollCallback& callback)
{
    const auto t = now();
    std::shared_ptr<Filter> filter;
    {
        const std::lock_guard lock{mutex_};
        filter = find_locked(id, t);
    }
    if (!filter) return unexpected(FilterError::kNotFound);

    // Held across the callback: a second poll of this filter waits and then sees the new cursor.
    const std::lock_guard poll_lock{filter->poll_mutex};
    std::vector<Hash256> transactions;
    uint64_t transactions_end = 0;
    if (filter->kind == FilterKind::kPendingTransactions) {
        const std::lock_guard lock{mutex_};
        const uint64_t first = pending_end_ - pending_.size();
        const uint64_t from = std::max(filter->next_transaction, first);
        transactions.assign(pending_.begin() + static_cast<std::ptrdiff_t>(from - first),
                            pending_.end());
        transactions_end = pending_end_;
    }
    const FilterPoll view{
        .kind = filter->kind,
        .criteria = filter->criteria,
        .full_transactions = filter->full_transactions,
        .next_block = filter->next_block,
        .transactions = transactions,
    };
    const uint64_t next_block = callback(view);
    if (filter->kind == FilterKind::kPendingTransactions)
        filter->next_transaction = transactions_end;
    else
        filter->next_block = next_block;
    return {};
}

Result<rpc::LogFilter, FilterError> FilterManager::log_criteria(std::string_view id)
{
    const auto t = now();
    const std::lock_guard lock{mutex_};
    const std::shared_ptr<Filter> filter = find_locked(id, t);
    // The criteria never change after installation: reading them needs no poll lock.
    if (!filter || filter->kind != FilterKind::kLogs) return unexpected(FilterError::kNotFound);
    return filter->criteria;
}

size_t FilterManager::size()
{
    const auto t = now();
    const std::lock_guard lock{mutex_};
    sweep_locked(t, true);
    return filters_.size();
}

std::shared_ptr<FilterManager::Filter> FilterManager::find_locked(std::string_view id,
                                                                  FilterClock::time_point t)
{
    sweep_locked(t, false);
    const auto it = filters_.find(std::string{id});
    if (it == filters_.end()) return nullptr;
    if (it->second->deadline <= t) {
        erase_locked(it);
        return nullptr;
    }
    it->second->deadline = t + options_.timeout;
    return it->second;
}

void FilterManager::erase_locked(
    std::unordered_map<std::string, std::shared_ptr<Filter>>::iterator it)
{
    if (it->second->kind == FilterKind::kPendingTransactions && --pending_filters_ == 0) {
        // Nobody reads the ring any more: free it (the sequence numbers go on).
        pending_.clear();
    }
    filters_.erase(it);
}

void FilterManager::sweep_locked(FilterClock::time_point t, bool force)
{
    if (!force && t < next_sweep_) return;
    for (auto it = filters_.begin(); it != filters_.end();) {
        const auto next = std::next(it);
        if (it->second->deadline <= t) erase_locked(it);
        it = next;
    }
    next_sweep_ = t + options_.timeout;
}

std::string FilterManager::new_id_locked()
{
    // go-ethereum's rpc.NewID form: 16 random bytes in hex, leading zeros trimmed, "0x" prefix.
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (int word = 0; word < 4; ++word) {
        const uint32_t v = random_();
        for (int shift = 28; shift >= 0; shift -= 4) hex += kDigits[(v >> shift) & 0xf];
    }
    const size_t first = hex.find_first_not_of('0');
    return "0x" + (first == std::string::npos ? std::string{"0"} : hex.substr(first));
}

}  // namespace ultra::node
