// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "node.hpp"

#include <algorithm>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/precompile.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/execution/header_validation.hpp>

namespace ultra::node {
namespace {

/// The `meta` key under which the producer records a block's senders (20 bytes each, in
/// transaction order), written atomically with the block.
std::string senders_key(const Hash256& block_hash)
{
    return "senders:" + to_hex(block_hash.view());
}

/// Unix time in seconds.
uint64_t unix_now()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

/// Whether a transaction the builder rejected for `e` may fit a later block unchanged: the
/// block was full, or an earlier transaction of its sender was left out.
bool is_transient(TxError e) noexcept
{
    return e == TxError::kGasAllowanceExceeded ||
           e == TxError::kType3TxMaxBlobGasAllowanceExceeded || e == TxError::kNonceMismatchTooHigh;
}

/// The transactions of `first` in order, then the pool's (Node::build_payload()). A rejected
/// one of `first` is skipped; the pool's rejections are the pool's.
class FirstThenPool final : public execution::TransactionSource
{
public:
    FirstThenPool(std::span<const Transaction> first, PendingTransactions& pool) noexcept
        : first_{first}, pool_{pool}
    {}

    execution::CandidateTransaction peek() override
    {
        if (next_ < first_.size()) return {&first_[next_], std::nullopt};
        return pool_.peek();
    }
    void accept() override
    {
        if (next_ < first_.size())
            ++next_;
        else
            pool_.accept();
    }
    void reject(TxError reason) override
    {
        if (next_ < first_.size())
            ++next_;
        else
            pool_.reject(reason);
    }

private:
    std::span<const Transaction> first_;
    size_t next_ = 0;
    PendingTransactions& pool_;
};

}  // namespace

Result<std::unique_ptr<Node>, std::string> Node::open(NodeConfig config)
{
    config.mempool.chain_id = config.spec.config.chain_id;
    if (config.target_gas_limit == 0) config.target_gas_limit = config.spec.genesis.gas_limit;
    const Genesis genesis = make_genesis(config.spec);
    const storage::ChainIdentity identity{config.spec.config.chain_id, genesis.hash};
    auto opened = storage::ChainStore::open(config.datadir, identity, config.store);
    if (!opened) return unexpected(std::move(opened).error().message);
    std::unique_ptr<storage::ChainStore> store = std::move(*opened);
    if (!store->head()) {
        if (auto r = store->commit_genesis(genesis.block, genesis.state); !r)
            return unexpected(r.error().message);
    }
    const std::optional<storage::ChainHead> head = store->head();
    if (!head) return unexpected("datadir " + config.datadir.string() + " has no head block");
    auto header = store->header(head->hash);
    if (!header) return unexpected(std::move(header).error().message);
    if (!*header) {
        return unexpected("datadir " + config.datadir.string() + " is damaged: the head block " +
                          to_0x_hex(head->hash) + " has no header");
    }
    std::shared_ptr<const storage::HeadStateView> view = store->state_view_at_head();
    auto head_state = std::make_shared<const HeadState>(HeadState{**header, head->hash, view});
    return std::unique_ptr<Node>{
        new Node{std::move(config), genesis.hash, std::move(store), std::move(head_state)}};
}

Node::Node(NodeConfig config,
           Hash256 genesis_hash,
           std::unique_ptr<storage::ChainStore> store,
           std::shared_ptr<const HeadState> head)
    : config_{std::move(config)},
      genesis_hash_{genesis_hash},
      store_{std::move(store)},
      hashes_{store_->block_hashes()},
      pool_{config_.mempool},
      precompiles_{make_precompiles()},
      head_{std::move(head)}
{}

Node::~Node()
{
    stop();
}

void Node::start()
{
    const std::lock_guard lock{work_mutex_};
    if (producer_ || stopping_) return;
    producer_ =
        std::make_unique<LargeStackThread>([this] { run_producer(); }, config_.producer_stack_size);
}

void Node::stop()
{
    {
        const std::lock_guard lock{work_mutex_};
        stopping_ = true;
    }
    work_cv_.notify_all();
    if (producer_) producer_->join();
    // Requests made while no producer ran (never started) fail too.
    const std::lock_guard lock{work_mutex_};
    for (MineRequest* r : requests_) {
        r->result = unexpected(std::string{"node stopped"});
        r->done = true;
    }
    requests_.clear();
    request_done_cv_.notify_all();
}

std::shared_ptr<const HeadState> Node::head() const
{
    const std::lock_guard lock{head_mutex_};
    return head_;
}

uint64_t Node::next_timestamp(const BlockHeader& head) const
{
    return std::max(unix_now(), head.timestamp + 1);
}

uint256 Node::next_base_fee(const BlockHeader& head) const
{
    const Revision rev = chain_config().revision_at(head.number + 1, next_timestamp(head));
    if (rev < Revision::kLondon) return 0;
    // EIP-1559: the fork block starts at the initial base fee.
    if (!head.base_fee_per_gas) return execution::kInitialBaseFee;
    return execution::calculate_base_fee(head.gas_limit, head.gas_used, *head.base_fee_per_gas);
}

std::unique_ptr<execution::PrecompileSet> Node::make_precompiles() const
{
    if (chain_config().execute)
        return std::make_unique<execute::ExecutePrecompiles>(chain_config());
    return std::make_unique<execution::StandardPrecompiles>();
}

PoolHead Node::pool_head(const HeadState& head) const
{
    const uint64_t timestamp = next_timestamp(head.header);
    return PoolHead{
        .state = *head.state,
        .rev = chain_config().revision_at(head.header.number + 1, timestamp),
        .base_fee = next_base_fee(head.header),
        .gas_limit = execution::next_gas_limit(head.header.gas_limit, config_.target_gas_limit),
    };
}

Result<Hash256, MempoolRejection> Node::submit(const Transaction& tx)
{
    auto added = [&] {
        const std::lock_guard lock{head_mutex_};
        return pool_.add(tx, pool_head(*head_));
    }();
    if (added && config_.mining == MiningMode::kAutomine) {
        set_busy(true);
        {
            const std::lock_guard lock{work_mutex_};
            triggered_ = true;
        }
        work_cv_.notify_all();
    }
    return added;
}

uint64_t Node::pending_nonce(const Address& sender) const
{
    const std::lock_guard lock{head_mutex_};
    const auto account = head_->state->account(sender);
    const uint64_t state_nonce = account && *account ? (*account)->nonce : 0;
    return pool_.next_nonce(sender, state_nonce);
}

bool Node::wait_for_transaction(const Hash256& tx_hash, std::chrono::milliseconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock{mined_mutex_};
    while (true) {
        const uint64_t seen = blocks_committed_;
        const bool busy = busy_;
        lock.unlock();
        const auto loc = store_->tx_location(tx_hash);
        if (loc && *loc) return true;
        if (!loc || !busy) return false;
        lock.lock();
        if (!mined_cv_.wait_until(lock, deadline,
                                  [&] { return blocks_committed_ != seen || !busy_; })) {
            return false;
        }
    }
}

void Node::set_busy(bool busy)
{
    {
        const std::lock_guard lock{mined_mutex_};
        busy_ = busy;
    }
    if (!busy) mined_cv_.notify_all();
}

const wallet::DevAccount* Node::dev_account(const Address& address) const noexcept
{
    for (const wallet::DevAccount& a : config_.dev_accounts)
        if (a.address == address) return &a;
    return nullptr;
}

std::vector<Address> Node::senders(const Hash256& block_hash, const Block& block) const
{
    const auto stored = store_->get_meta(senders_key(block_hash));
    std::vector<Address> out;
    if (stored && *stored && (*stored)->size() == 20 * block.transactions.size()) {
        out.reserve(block.transactions.size());
        for (size_t i = 0; i < block.transactions.size(); ++i)
            out.push_back(Address::from_view(BytesView{**stored}.substr(20 * i, 20)));
        return out;
    }
    out.reserve(block.transactions.size());
    for (const Transaction& tx : block.transactions)
        out.push_back(recover_sender(tx).value_or(Address{}));
    return out;
}

void Node::add_block_listener(std::function<void(const CommittedBlock&)> listener)
{
    const std::lock_guard lock{listeners_mutex_};
    listeners_.push_back(std::move(listener));
}

Result<std::vector<Hash256>, std::string> Node::mine(uint64_t count,
                                                     std::optional<uint64_t> timestamp,
                                                     uint64_t interval)
{
    if (count == 0) return std::vector<Hash256>{};
    MineRequest request{.count = count, .timestamp = timestamp, .interval = interval, .job = {}};
    std::unique_lock lock{work_mutex_};
    if (stopping_ || !producer_) return unexpected(std::string{"node is not running"});
    requests_.push_back(&request);
    work_cv_.notify_all();
    request_done_cv_.wait(lock, [&] { return request.done; });
    return std::move(request.result);
}

void Node::serve(MineRequest& request)
{
    if (request.job) {
        request.job();
        request.result = std::vector<Hash256>{};
        return;
    }
    std::vector<Hash256> hashes;
    const std::shared_ptr<const HeadState> head = this->head();
    uint64_t timestamp = next_timestamp(head->header);
    if (request.timestamp) {
        if (*request.timestamp <= head->header.timestamp) {
            request.result =
                unexpected("timestamp " + std::to_string(*request.timestamp) +
                           " is not after the head's " + std::to_string(head->header.timestamp));
            return;
        }
        timestamp = *request.timestamp;
    }
    const uint64_t step = std::max<uint64_t>(request.interval, 1);
    for (uint64_t i = 0; i < request.count; ++i) {
        bool stopping = false;
        {
            const std::lock_guard lock{work_mutex_};
            stopping = stopping_;
        }
        // Empty blocks of a run ride on the run's last fsync; a block that may carry
        // transactions is fsynced itself, since their receipts become visible at once.
        const bool sync = i + 1 == request.count || pool_.pending_count() > 0;
        auto block = stopping ? Result<std::optional<CommittedBlock>, std::string>{unexpected(
                                    "node stopped after " + std::to_string(i) + " of " +
                                    std::to_string(request.count) + " blocks")}
                              : produce_block(timestamp, sync);
        if (!block) {
            // The blocks made so far are reported nowhere else: make them durable.
            if (!hashes.empty()) (void)store_->sync_wal();
            request.result = unexpected(std::move(block).error());
            return;
        }
        hashes.push_back((*block)->hash);
        timestamp = std::max(timestamp + step, (*block)->block.header.timestamp + 1);
    }
    request.result = std::move(hashes);
}

void Node::run_producer()
{
    const bool interval = config_.mining == MiningMode::kInterval && config_.block_time.count() > 0;
    auto next_deadline = std::chrono::steady_clock::now() + config_.block_time;
    auto report = [&](const std::string& error) {
        if (config_.log) config_.log("block production failed: " + error);
    };

    std::unique_lock lock{work_mutex_};
    while (true) {
        if (!requests_.empty()) {
            MineRequest* request = requests_.front();
            requests_.pop_front();
            lock.unlock();
            serve(*request);
            lock.lock();
            request->done = true;
            request_done_cv_.notify_all();
            continue;
        }
        if (stopping_) break;
        if (config_.mining == MiningMode::kAutomine && triggered_) {
            triggered_ = false;
            lock.unlock();
            // Batch what is pending; go on while blocks fill up and more is pending.
            while (pool_.pending_count() > 0) {
                auto block = produce_block(next_timestamp(head()->header), true, false);
                if (!block) {
                    report(block.error());
                    break;
                }
                if (!*block || (*block)->block.transactions.empty()) break;
                const std::lock_guard check{work_mutex_};
                if (stopping_ || !requests_.empty()) break;
            }
            lock.lock();
            if (!triggered_) set_busy(false);
            continue;
        }
        if (interval && std::chrono::steady_clock::now() >= next_deadline) {
            lock.unlock();
            if (auto block = produce_block(next_timestamp(head()->header), true); !block)
                report(block.error());
            lock.lock();
            const auto now = std::chrono::steady_clock::now();
            next_deadline += config_.block_time;
            if (next_deadline < now) next_deadline = now + config_.block_time;
            continue;
        }
        if (interval)
            work_cv_.wait_until(lock, next_deadline);
        else
            work_cv_.wait(lock);
    }
    for (MineRequest* r : requests_) {
        r->result = unexpected(std::string{"node stopped"});
        r->done = true;
    }
    requests_.clear();
    request_done_cv_.notify_all();
    set_busy(false);
}

Result<Payload, std::string> Node::build_on(const HeadState& head,
                                            uint64_t timestamp,
                                            execution::TransactionSource& source)
{
    const BlockHeader& parent = head.header;
    execution::PayloadAttributes attributes;
    attributes.timestamp = timestamp;
    attributes.fee_recipient = config_.coinbase;
    // A dev chain has no beacon chain: PREVRANDAO is derived from the parent hash (a value that
    // differs per block), the beacon root is the parent's hash as well (EIP-4788 only stores it).
    attributes.prev_randao = keccak256(head.hash.view());
    attributes.parent_beacon_block_root = head.hash;
    attributes.gas_limit = config_.target_gas_limit;
    if (config_.payload_hook) config_.payload_hook(head, attributes);  // rollup sequencer hook

    const std::unique_ptr<storage::TrieStateRoots> roots = store_->state_roots(parent.state_root);
    const execution::ChainContext chain{
        .config = chain_config(),
        .parent = parent,
        .parent_total_difficulty = std::nullopt,
        .ancestors = {},
        .parent_state = *head.state,
        .state_roots = *roots,
        .block_hashes = *hashes_,
        .precompiles = *precompiles_,
        .deposit_contract = config_.spec.deposit_contract,
        .stop_past_header_gas_used = false,
    };
    auto built = execution::build_block(chain, attributes, source);
    if (!built)
        return unexpected("block " + std::to_string(parent.number + 1) + ": " +
                          built.error().to_string());
    Payload payload;
    payload.hash = header_hash(built->block.header);
    payload.block = std::move(built->block);
    payload.senders = std::move(built->senders);
    payload.result = std::move(built->result);
    payload.new_trie_nodes = roots->take_new_nodes();
    // The transactions the builder found invalid on this state will not become valid by
    // waiting: they leave the pool with the included ones.
    for (const execution::RejectedTransaction& r : built->rejected)
        if (!is_transient(r.error)) payload.invalid.push_back(r.hash);
    return payload;
}

Result<CommittedBlock, std::string> Node::commit(Payload payload, bool sync)
{
    if (payload.block.header.parent_hash != head()->hash)
        return unexpected("block " + std::to_string(payload.block.header.number) +
                          " was built on 0x" + to_hex(payload.block.header.parent_hash.view()) +
                          ", which is no longer the head");
    CommittedBlock committed;
    committed.hash = payload.hash;
    committed.senders = std::move(payload.senders);
    committed.tx_hashes.reserve(payload.block.transactions.size());
    for (const Transaction& tx : payload.block.transactions)
        committed.tx_hashes.push_back(transaction_hash(tx));

    storage::MetaEntry senders_entry{senders_key(committed.hash), {}};
    senders_entry.value.reserve(20 * committed.senders.size());
    for (const Address& a : committed.senders) senders_entry.value.append(a.view());
    if (auto r = store_->commit_block(payload.block, payload.result, payload.new_trie_nodes,
                                      std::span{&senders_entry, 1}, sync);
        !r) {
        return unexpected(r.error().message);
    }

    std::vector<Hash256> removed = committed.tx_hashes;
    removed.insert(removed.end(), payload.invalid.begin(), payload.invalid.end());
    auto new_head = std::make_shared<const HeadState>(
        HeadState{payload.block.header, committed.hash,
                  std::shared_ptr<const storage::HeadStateView>{store_->state_view_at_head()}});
    {
        const std::lock_guard lock{head_mutex_};
        head_ = new_head;
        (void)pool_.on_new_head(pool_head(*new_head), removed);
    }
    {
        const std::lock_guard lock{mined_mutex_};
        ++blocks_committed_;
    }
    mined_cv_.notify_all();

    committed.block = std::move(payload.block);
    committed.receipts = std::move(payload.result.output.receipts);
    {
        const std::lock_guard lock{listeners_mutex_};
        for (const auto& listener : listeners_) listener(committed);
    }
    return committed;
}

Result<std::optional<CommittedBlock>, std::string> Node::produce_block(uint64_t timestamp,
                                                                       bool sync,
                                                                       bool allow_empty)
{
    const std::shared_ptr<const HeadState> head = this->head();
    PendingTransactions pending = pool_.pending(next_base_fee(head->header));
    if (!allow_empty && pending.remaining() == 0) return std::optional<CommittedBlock>{};
    ULTRA_TRY(auto payload, build_on(*head, timestamp, pending));
    ULTRA_TRY(auto committed, commit(std::move(payload), sync));
    return std::optional<CommittedBlock>{std::move(committed)};
}

Result<void, std::string> Node::run_on_producer(std::function<void()> job)
{
    MineRequest request{
        .count = 0, .timestamp = std::nullopt, .interval = 1, .job = std::move(job)};
    std::unique_lock lock{work_mutex_};
    if (stopping_ || !producer_) return unexpected(std::string{"node is not running"});
    requests_.push_back(&request);
    work_cv_.notify_all();
    request_done_cv_.wait(lock, [&] { return request.done; });
    if (!request.result) return unexpected(std::move(request.result).error());
    return {};
}

Result<Payload, std::string> Node::build_payload(uint64_t timestamp, std::vector<Transaction> first)
{
    Result<Payload, std::string> out{unexpected(std::string{"not run"})};
    ULTRA_TRY_VOID(run_on_producer([&] {
        const std::shared_ptr<const HeadState> head = this->head();
        if (timestamp <= head->header.timestamp) {
            out = unexpected("timestamp " + std::to_string(timestamp) +
                             " is not after the head's " + std::to_string(head->header.timestamp));
            return;
        }
        PendingTransactions pending = pool_.pending(next_base_fee(head->header));
        FirstThenPool source{first, pending};
        out = build_on(*head, timestamp, source);
    }));
    return out;
}

Result<Hash256, std::string> Node::commit_payload(Payload payload)
{
    Result<Hash256, std::string> out{unexpected(std::string{"not run"})};
    ULTRA_TRY_VOID(run_on_producer([&] {
        auto committed = commit(std::move(payload), true);
        if (committed)
            out = committed->hash;
        else
            out = unexpected(std::move(committed).error());
    }));
    return out;
}

Result<Hash256, std::string> Node::import_block(Block block)
{
    // Validated on the producer thread; committed like a payload (commit() checks the head
    // again, should anything have moved it in between).
    Result<Payload, std::string> out{unexpected(std::string{"not run"})};
    ULTRA_TRY_VOID(run_on_producer([&] {
        const std::shared_ptr<const HeadState> head = this->head();
        const uint64_t number = block.header.number;
        if (block.header.parent_hash != head->hash) {
            out = unexpected("block " + std::to_string(number) + " has parent 0x" +
                             to_hex(block.header.parent_hash.view()) + ", not the head 0x" +
                             to_hex(head->hash.view()) + " (block " +
                             std::to_string(head->header.number) + ")");
            return;
        }
        const std::unique_ptr<storage::TrieStateRoots> roots =
            store_->state_roots(head->header.state_root);
        const execution::ChainContext chain{
            .config = chain_config(),
            .parent = head->header,
            .parent_total_difficulty = std::nullopt,
            .ancestors = {},
            .parent_state = *head->state,
            .state_roots = *roots,
            .block_hashes = *hashes_,
            .precompiles = *precompiles_,
            .deposit_contract = config_.spec.deposit_contract,
            .stop_past_header_gas_used = false,
        };
        auto result = execution::state_transition(chain, block);
        if (!result) {
            out = unexpected("block " + std::to_string(number) +
                             " is invalid: " + result.error().to_string());
            return;
        }
        Payload payload;
        payload.hash = header_hash(block.header);
        payload.senders.reserve(block.transactions.size());
        for (const Transaction& tx : block.transactions) {
            // state_transition() recovered every sender: this cannot fail.
            payload.senders.push_back(recover_sender(tx).value_or(Address{}));
        }
        payload.block = std::move(block);
        payload.result = std::move(*result);
        payload.new_trie_nodes = roots->take_new_nodes();
        out = std::move(payload);
    }));
    if (!out) return unexpected(std::move(out).error());
    return commit_payload(std::move(*out));
}

}  // namespace ultra::node
