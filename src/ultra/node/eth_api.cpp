// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "eth_api.hpp"

#include <algorithm>
#include <exception>
#include <list>
#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/market.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/execution/host.hpp>
#include <ultra/json/witness_json.hpp>
#include <ultra/rpc/error.hpp>
#include <ultra/state/account.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/wallet/signer.hpp>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "call.hpp"
#include "large_stack.hpp"
#include "witness.hpp"

namespace ultra::node {

/// A stored block with what the methods show of it: its senders, receipts (with the
/// transaction hashes) and each transaction's first block-wide log index. Immutable.
struct StoredBlock
{
    Hash256 hash;                           ///< the block hash
    Block block;                            ///< header and body
    std::vector<Address> senders;           ///< one per transaction
    storage::BlockReceipts receipts;        ///< one per transaction, with the hashes
    std::vector<uint64_t> first_log_index;  ///< per transaction

    /// Fills first_log_index from the receipts.
    void index_logs()
    {
        first_log_index.resize(receipts.receipts.size());
        uint64_t n = 0;
        for (size_t i = 0; i < receipts.receipts.size(); ++i) {
            first_log_index[i] = n;
            n += receipts.receipts[i].logs.size();
        }
    }
};

/// The most recently used stored blocks, decoded once: a receipt query on a block of a thousand
/// transactions must not decode the thousand of them again (blocks never change: one chain, no
/// reorgs). The producer's new blocks go in as they are committed. Thread-safe.
class BlockCache
{
public:
    BlockCache(const Node& node, size_t capacity) : node_{node}, capacity_{capacity} {}

    /// The node.
    [[nodiscard]] const Node& node() const noexcept { return node_; }

    /// The block `hash` (read from the store the first time), or nullptr when unknown.
    [[nodiscard]] std::shared_ptr<const StoredBlock> get(const Hash256& hash)
    {
        {
            const std::lock_guard lock{mutex_};
            const auto it = index_.find(hash);
            if (it != index_.end()) {
                lru_.splice(lru_.begin(), lru_, it->second);
                return *it->second;
            }
        }
        auto block = node_.store().block(hash);
        if (!block) throw rpc::server_error(std::move(block).error().message);
        if (!*block) return nullptr;
        auto receipts = node_.store().receipts(hash);
        if (!receipts) throw rpc::server_error(std::move(receipts).error().message);
        if (!*receipts || (*receipts)->receipts.size() != (*block)->transactions.size())
            throw rpc::server_error("the receipts of block " + to_0x_hex(hash) + " are missing");
        auto b = std::make_shared<StoredBlock>();
        b->hash = hash;
        b->senders = node_.senders(hash, **block);
        b->block = std::move(**block);
        b->receipts = std::move(**receipts);
        b->index_logs();
        put(b);
        return b;
    }

    /// Adds a block the producer just committed.
    void put(const CommittedBlock& committed)
    {
        auto b = std::make_shared<StoredBlock>();
        b->hash = committed.hash;
        b->block = committed.block;
        b->senders = committed.senders;
        b->receipts = storage::BlockReceipts{committed.tx_hashes, committed.receipts};
        b->index_logs();
        put(std::move(b));
    }

private:
    void put(std::shared_ptr<const StoredBlock> b)
    {
        const std::lock_guard lock{mutex_};
        if (index_.contains(b->hash)) return;
        lru_.push_front(b);
        index_[b->hash] = lru_.begin();
        while (lru_.size() > capacity_) {
            index_.erase(lru_.back()->hash);
            lru_.pop_back();
        }
    }

    const Node& node_;
    const size_t capacity_;
    std::mutex mutex_;
    std::list<std::shared_ptr<const StoredBlock>> lru_;
    std::unordered_map<Hash256,
                       std::list<std::shared_ptr<const StoredBlock>>::iterator,
                       FixedBytesHash>
        index_;
};

/// Which blocks have logs, learnt as blocks are read or made, 2 bits per block: eth_getLogs
/// over a long range skips the blocks known to have none without reading their headers (a dev
/// chain is mostly empty blocks; go-ethereum keeps bloombits for the same purpose). Learnt
/// from every header eth_getLogs reads and from every block the producer commits; blocks never
/// change (one chain, no reorgs). Thread-safe.
class LogIndex
{
public:
    /// The runs [first, last] of blocks of [from, to] that must be read: those not known to
    /// have no logs.
    [[nodiscard]] std::vector<std::pair<uint64_t, uint64_t>> runs(uint64_t from, uint64_t to) const
    {
        std::vector<std::pair<uint64_t, uint64_t>> out;
        const std::lock_guard lock{mutex_};
        for (uint64_t n = from; n <= to; ++n) {
            if (n < known_.size() && known_[n] && !has_logs_[n]) continue;
            if (!out.empty() && out.back().second + 1 == n)
                out.back().second = n;
            else
                out.emplace_back(n, n);
        }
        return out;
    }

    /// Records whether block `number` has logs.
    void record(uint64_t number, bool has_logs)
    {
        const std::lock_guard lock{mutex_};
        if (number >= known_.size()) {
            const size_t size = static_cast<size_t>(number) + 1;
            known_.resize(std::max(size, known_.size() * 2));
            has_logs_.resize(known_.size());
        }
        known_[number] = true;
        has_logs_[number] = has_logs;
    }

private:
    mutable std::mutex mutex_;
    std::vector<bool> known_;
    std::vector<bool> has_logs_;
};

namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Errors and results of the layers below
// ---------------------------------------------------------------------------------------------

/// go-ethereum's answer for a block number or hash the node does not have (state methods).
rpc::RpcError header_not_found()
{
    return rpc::server_error("header not found");
}

/// The value of a storage read, or -32000 with the store's message.
template <typename T>
T unwrap(storage::StoreResult<T> r)
{
    if (!r) throw rpc::server_error(std::move(r).error().message);
    return std::move(r).value();
}

/// The value of a state read, or -32000: the stored state could not answer.
template <typename T>
T unwrap_state(Result<T, state::StateError> r)
{
    if (!r) throw rpc::server_error("state unavailable: the stored state could not be read");
    return std::move(r).value();
}

/// A number given as a JSON integer, a 0x-hex string (leading zeros allowed, as anvil and
/// ethers' toBeHex write them) or a decimal string (go-ethereum's math.HexOrDecimal64): what
/// eth_feeHistory's block count and the dev methods take.
uint64_t flexible_u64(const json& j, std::string_view field)
{
    if (j.is_number_unsigned()) return j.get<uint64_t>();
    if (j.is_number_integer()) {
        const int64_t v = j.get<int64_t>();
        if (v >= 0) return static_cast<uint64_t>(v);
    }
    if (j.is_string()) {
        std::string_view s = j.get_ref<const std::string&>();
        const bool hex = s.starts_with("0x") || s.starts_with("0X");
        if (hex) s.remove_prefix(2);
        const uint64_t base = hex ? 16 : 10;
        uint64_t v = 0;
        bool ok = !s.empty();
        for (const char c : s) {
            uint64_t digit = 0;
            if (c >= '0' && c <= '9')
                digit = static_cast<uint64_t>(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                digit = static_cast<uint64_t>(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                digit = static_cast<uint64_t>(c - 'A' + 10);
            else
                ok = false;
            if (!ok || v > (~uint64_t{0} - digit) / base) {
                ok = false;
                break;
            }
            v = v * base + digit;
        }
        if (ok) return v;
    }
    throw rpc::DecodeError(std::string{field} + (field.empty() ? "" : ": ") +
                           "expected a number, a 0x-hex or a decimal string of at most 64 bits");
}

/// A storage slot as eth_getStorageAt and eth_getProof take it: 0x and up to 64 hex digits
/// (go-ethereum's decodeHash: short keys are left-padded, "0x0" is slot 0).
Bytes32 storage_key_from_json(const json& j)
{
    if (!j.is_string()) throw rpc::DecodeError("expected a 0x-prefixed hex string");
    const std::string& s = j.get_ref<const std::string&>();
    if (!s.starts_with("0x") && !s.starts_with("0X"))
        throw rpc::DecodeError("hex string without 0x prefix");
    std::string digits = s.substr(2);
    if (digits.size() > 64) throw rpc::DecodeError("hex string too long, want at most 32 bytes");
    digits.insert(0, 64 - digits.size(), '0');
    const auto key = fixed_from_hex<32>(digits);
    if (!key) throw rpc::DecodeError("invalid hex string");
    return *key;
}

// ---------------------------------------------------------------------------------------------
// Blocks and states
// ---------------------------------------------------------------------------------------------

/// A block the request names (its header and hash) and the state after it.
struct BlockAt
{
    BlockHeader header;
    Hash256 hash;
    std::shared_ptr<const state::StateView> state;
};

/// The number a tag or number means (the head for latest, pending, safe and finalized).
uint64_t number_of(const rpc::BlockNumberOrTag& id, uint64_t head_number)
{
    if (const auto* n = std::get_if<uint64_t>(&id)) return *n;
    return std::get<rpc::BlockTag>(id) == rpc::BlockTag::kEarliest ? 0 : head_number;
}

/// The state methods' block: the head (from its snapshot) or any stored block (from the
/// archived trie). Unknown: -32000 "header not found".
BlockAt state_at(const Node& node, const rpc::BlockId& id)
{
    const std::shared_ptr<const HeadState> head = node.head();
    std::optional<BlockHeader> header;
    Hash256 hash;
    if (const auto* ref = std::get_if<rpc::BlockHashRef>(&id)) {
        if (ref->hash == head->hash) return {head->header, head->hash, head->state};
        header = unwrap(node.store().header(ref->hash));
        if (!header) throw rpc::server_error("header for hash not found");
        hash = ref->hash;
    } else {
        const rpc::BlockNumberOrTag by_number =
            std::holds_alternative<uint64_t>(id)
                ? rpc::BlockNumberOrTag{std::get<uint64_t>(id)}
                : rpc::BlockNumberOrTag{std::get<rpc::BlockTag>(id)};
        const uint64_t number = number_of(by_number, head->header.number);
        if (number == head->header.number) return {head->header, head->hash, head->state};
        if (number > head->header.number) throw header_not_found();
        const auto h = unwrap(node.store().canonical_hash(number));
        if (!h) throw header_not_found();
        header = unwrap(node.store().header(*h));
        if (!header) throw header_not_found();
        hash = *h;
    }
    std::shared_ptr<const state::StateView> view = node.store().state_view_at(header->state_root);
    return {std::move(*header), hash, std::move(view)};
}

/// The state methods' optional block argument (default "latest").
rpc::BlockId block_id_param(const json& params, size_t index)
{
    return rpc::decode_optional_param(params, index,
                                      [](const json& j) { return rpc::block_id_from_json(j); })
        .value_or(rpc::BlockTag::kLatest);
}

/// The stored block of hash `hash` (from the cache), or nullptr.
std::shared_ptr<const StoredBlock> block_by_hash(BlockCache& blocks, const Hash256& hash)
{
    return blocks.get(hash);
}

/// The canonical block a tag or number means; nullptr above the head.
std::shared_ptr<const StoredBlock> block_by_number(BlockCache& blocks,
                                                   const rpc::BlockNumberOrTag& id)
{
    const Node& node = blocks.node();
    const uint64_t number = number_of(id, node.head()->header.number);
    const auto hash = unwrap(node.store().canonical_hash(number));
    if (!hash) return nullptr;
    return blocks.get(*hash);
}

/// The block an EIP-1898 block id means; nullptr when unknown.
std::shared_ptr<const StoredBlock> block_by_id(BlockCache& blocks, const rpc::BlockId& id)
{
    if (const auto* ref = std::get_if<rpc::BlockHashRef>(&id)) return blocks.get(ref->hash);
    if (const auto* n = std::get_if<uint64_t>(&id)) return block_by_number(blocks, *n);
    return block_by_number(blocks, std::get<rpc::BlockTag>(id));
}

/// The state after the stored block (the head's snapshot for the head).
std::shared_ptr<const state::StateView> state_after(const Node& node,
                                                    const Hash256& hash,
                                                    const BlockHeader& header)
{
    const std::shared_ptr<const HeadState> head = node.head();
    if (head->hash == hash) return head->state;
    return node.store().state_view_at(header.state_root);
}

/// The block object, with the EXECUTE figures of the block (its post-state's) as
/// "executeGasUsed" and "executeBaseFee" when the chain has EXECUTE.
json block_json(const Node& node, const StoredBlock& b, bool full)
{
    rpc::BlockJsonOptions options;
    options.full_transactions = full;
    if (full) options.senders = b.senders;
    options.hash = b.hash;
    options.transaction_timestamps = true;
    std::optional<execute::ExecuteFigures> figures;
    if (const auto& execute = node.chain_config().execute) {
        const auto view = state_after(node, b.hash, b.block.header);
        figures = unwrap_state(execute::read_execute_figures(*view, *execute));
    }
    if (figures) {
        options.extra = [&](json& j) {
            j["executeGasUsed"] = rpc::to_quantity(figures->gas_used);
            j["executeBaseFee"] = rpc::to_quantity(figures->base_fee);
        };
    }
    return rpc::block_to_json(b.block, options);
}

/// The object of transaction `index` of a stored block.
json mined_transaction_json(const StoredBlock& b, size_t index)
{
    const Transaction& tx = b.block.transactions[index];
    rpc::TxContext ctx;
    ctx.from = b.senders[index];
    ctx.hash = b.receipts.tx_hashes[index];
    ctx.location = rpc::TxLocation{
        .block_hash = b.hash,
        .block_num = b.block.header.number,
        .index = index,
        .block_timestamp = b.block.header.timestamp,
        .base_fee = b.block.header.base_fee_per_gas,
    };
    return rpc::transaction_to_json(tx, ctx);
}

/// eth_getTransactionByHash's answer: the pooled transaction (block fields null), else the mined
/// one, else null.
json transaction_json(const Node& node, BlockCache& blocks, const Hash256& hash)
{
    // The pool first: a transaction leaves it only after its block is stored.
    if (const auto pooled = node.mempool().get(hash)) {
        rpc::TxContext ctx;
        ctx.from = pooled->sender;
        ctx.hash = hash;
        return rpc::transaction_to_json(pooled->tx, ctx);
    }
    const auto loc = unwrap(node.store().tx_location(hash));
    if (!loc) return json(nullptr);
    const auto block = block_by_hash(blocks, loc->block_hash);
    if (!block || loc->index >= block->block.transactions.size()) return json(nullptr);
    return mined_transaction_json(*block, loc->index);
}

/// The receipt object of transaction `i` of a stored block.
json receipt_json(const Node& node, const StoredBlock& b, size_t i)
{
    const Transaction& tx = b.block.transactions[i];
    const BlockHeader& header = b.block.header;
    rpc::ReceiptContext ctx;
    ctx.tx_hash = b.receipts.tx_hashes[i];
    ctx.tx_index = i;
    ctx.block_hash = b.hash;
    ctx.block_num = header.number;
    ctx.from = b.senders[i];
    ctx.to = tx.to;
    // go-ethereum sets the address of every creation, successful or not.
    if (!tx.to) ctx.contract_address = execution::create_address(b.senders[i], tx.nonce);
    ctx.effective_gas_price = effective_gas_price(tx, header.base_fee_per_gas);
    if (tx.type == TxType::kBlob) {
        const Revision rev = node.chain_config().revision_at(header.number, header.timestamp);
        ctx.blob_gas_price =
            execution::make_block_env(node.chain_config(), header, rev).blob_base_fee;
    }
    ctx.first_log_index = b.first_log_index[i];
    ctx.block_timestamp = header.timestamp;
    return rpc::receipt_to_json(b.receipts.receipts[i], ctx);
}

/// Every receipt object of a stored block.
json block_receipts_json(const Node& node, const StoredBlock& b)
{
    json out = json::array();
    for (size_t i = 0; i < b.block.transactions.size(); ++i)
        out.push_back(receipt_json(node, b, i));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

/// The node's form of an RPC call request (the same members).
CallRequest to_call_request(const rpc::CallRequest& r)
{
    CallRequest out;
    out.from = r.from;
    out.to = r.to;
    out.gas = r.gas;
    out.gas_price = r.gas_price;
    out.max_fee_per_gas = r.max_fee_per_gas;
    out.max_priority_fee_per_gas = r.max_priority_fee_per_gas;
    out.max_fee_per_blob_gas = r.max_fee_per_blob_gas;
    out.value = r.value;
    out.nonce = r.nonce;
    out.input = r.input;
    out.access_list = r.access_list;
    out.type = r.type;
    out.chain_id = r.chain_id;
    out.authorization_list = r.authorization_list;
    out.blob_versioned_hashes = r.blob_versioned_hashes;
    return out;
}

/// A map of slot → value (eth_call overrides' "state" and "stateDiff").
std::map<Bytes32, Bytes32> slots_from_json(const json& j, const std::string& field)
{
    if (!j.is_object()) throw rpc::DecodeError(field + ": expected an object");
    std::map<Bytes32, Bytes32> out;
    for (const auto& [k, v] : j.items()) {
        const Bytes32 key = rpc::hash_from_json(json(k), field + " key");
        out[key] = rpc::hash_from_json(v, field + "." + k);
    }
    return out;
}

/// eth_call's third argument (go-ethereum's StateOverride).
StateOverrides overrides_from_json(const json& j)
{
    if (!j.is_object()) throw rpc::DecodeError("expected an object of account overrides");
    StateOverrides out;
    for (const auto& [k, v] : j.items()) {
        const Address addr = rpc::address_from_json(json(k), "address");
        if (!v.is_object()) throw rpc::DecodeError(k + ": expected an object");
        AccountOverride o;
        for (const auto& [member, value] : v.items()) {
            const std::string field = k + "." + member;
            if (value.is_null()) continue;
            if (member == "balance")
                o.balance = rpc::quantity_from_json(value, field);
            else if (member == "nonce")
                o.nonce = rpc::quantity_u64_from_json(value, field);
            else if (member == "code")
                o.code = rpc::data_from_json(value, field);
            else if (member == "state")
                o.state = slots_from_json(value, field);
            else if (member == "stateDiff")
                o.state_diff = slots_from_json(value, field);
            else
                throw rpc::DecodeError(field + ": unknown override");
        }
        if (o.state && o.state_diff)
            throw rpc::DecodeError(k + ": has both 'state' and 'stateDiff'");
        out[addr] = std::move(o);
    }
    return out;
}

/// The JSON-RPC error of a call that could not run.
rpc::RpcError call_error(const CallError& e)
{
    if (e.revert_data) return rpc::execution_reverted(*e.revert_data);
    return rpc::server_error(e.message);
}

/// Runs `f(ctx, request, overrides)` (call or estimate_gas) for eth_call / eth_estimateGas's
/// params: [request, block?, overrides?].
template <typename F>
auto with_call(const Node& node, const json& params, F&& f)
{
    rpc::check_param_count(params, 1, 3);
    const rpc::CallRequest request =
        rpc::decode_param(params, 0, [](const json& j) { return rpc::call_request_from_json(j); });
    const BlockAt at = state_at(node, block_id_param(params, 1));
    const std::optional<StateOverrides> overrides =
        rpc::decode_optional_param(params, 2, [](const json& j) { return overrides_from_json(j); });
    const std::unique_ptr<execution::PrecompileSet> precompiles = node.make_precompiles();
    const CallContext ctx{
        .config = node.chain_config(),
        .header = at.header,
        .state = *at.state,
        .block_hashes = node.block_hashes(),
        .precompiles = *precompiles,
        .gas_cap = kDefaultCallGasCap,
    };
    return f(ctx, to_call_request(request), overrides ? &*overrides : nullptr);
}

// ---------------------------------------------------------------------------------------------
// Logs
// ---------------------------------------------------------------------------------------------

/// What collect_logs() found.
struct CollectedLogs
{
    json logs = json::array();  ///< the matching log objects, in chain order
    /// Set when the collection stopped early (whole_blocks): the first block not covered.
    std::optional<uint64_t> stopped_at;
};

/// The logs of blocks [from, to] (all stored) that match `filter`'s addresses and topics; of the
/// block `only_hash` alone when set. Blocks are skipped by the log index and their blooms. At
/// most `max_logs`: beyond it, -32000 "query returned more than N results" (eth_getLogs); or,
/// with `whole_blocks` (eth_getFilterChanges), the collection stops before the block that would
/// go past it, never before the first block, and says where.
CollectedLogs collect_logs(const Node& node,
                           LogIndex& index,
                           const rpc::LogFilter& filter,
                           uint64_t from,
                           uint64_t to,
                           const std::optional<Hash256>& only_hash,
                           size_t max_logs,
                           bool whole_blocks)
{
    CollectedLogs out;
    bool too_many = false;
    const auto visit = [&](const storage::BlockLogs& b) {
        if (only_hash && b.hash != *only_hash) return true;
        std::vector<json> found;
        uint64_t log_index = 0;
        for (size_t i = 0; i < b.receipts.receipts.size(); ++i) {
            for (const execution::Log& log : b.receipts.receipts[i].logs) {
                if (filter.matches(log)) {
                    if (!whole_blocks && out.logs.size() + found.size() >= max_logs) {
                        too_many = true;
                        return false;
                    }
                    const rpc::LogContext ctx{
                        .block_hash = b.hash,
                        .block_num = b.header.number,
                        .tx_hash = b.receipts.tx_hashes[i],
                        .tx_index = i,
                        .log_index = log_index,
                        .removed = false,
                        .block_timestamp = b.header.timestamp,
                    };
                    found.push_back(rpc::log_to_json(log, ctx));
                }
                ++log_index;
            }
        }
        if (whole_blocks && b.header.number > from && out.logs.size() + found.size() > max_logs) {
            out.stopped_at = b.header.number;
            return false;
        }
        for (json& j : found) out.logs.push_back(std::move(j));
        return true;
    };
    for (const auto& [first, last] : index.runs(from, to)) {
        // The store calls may_match once per block of the run, in order.
        uint64_t number = first;
        const auto visited = node.store().for_each_block_logs(
            first, last,
            [&](const Bloom& bloom) {
                index.record(number++, bloom != Bloom{});
                return filter.may_match(bloom);
            },
            visit);
        if (!visited) throw rpc::server_error(visited.error().message);
        if (too_many || out.stopped_at) break;
    }
    if (too_many)
        throw rpc::server_error("query returned more than " + std::to_string(max_logs) +
                                " results");
    return out;
}

/// eth_getLogs over a decoded filter object (also eth_getFilterLogs): the range (tags resolved
/// against the head now, clamped to it) or the block hash.
json logs_of_filter(const Node& node,
                    LogIndex& index,
                    const EthApiOptions& options,
                    const rpc::LogFilter& filter)
{
    uint64_t from = 0;
    uint64_t to = 0;
    std::optional<Hash256> only_hash;
    if (filter.block_hash) {
        const auto header = unwrap(node.store().header(*filter.block_hash));
        if (!header) throw rpc::server_error("unknown block");
        from = to = header->number;
        only_hash = filter.block_hash;
    } else {
        const uint64_t head = node.head()->header.number;
        from = number_of(filter.from_block.value_or(rpc::BlockTag::kLatest), head);
        to = number_of(filter.to_block.value_or(rpc::BlockTag::kLatest), head);
        if (from > to) throw rpc::server_error("invalid block range params");
        if (from > head) return json::array();
        to = std::min(to, head);
        if (to - from >= options.max_logs_block_range) {
            throw rpc::server_error("exceed maximum block range: " +
                                    std::to_string(options.max_logs_block_range));
        }
    }
    return collect_logs(node, index, filter, from, to, only_hash, options.max_logs, false).logs;
}

json get_logs(const Node& node, LogIndex& index, const EthApiOptions& options, const json& params)
{
    rpc::check_param_count(params, 1, 1);
    const rpc::LogFilter filter =
        rpc::decode_param(params, 0, [](const json& j) { return rpc::log_filter_from_json(j); });
    return logs_of_filter(node, index, options, filter);
}

// ---------------------------------------------------------------------------------------------
// Polling filters
// ---------------------------------------------------------------------------------------------

/// The JSON-RPC error of a filter operation: -32000 "filter not found" (go-ethereum's text) or
/// "too many filters: at most N may be installed".
rpc::RpcError filter_error(FilterError e, const FilterOptions& options)
{
    if (e == FilterError::kTooManyFilters) {
        return rpc::server_error(std::string{to_string(e)} + ": at most " +
                                 std::to_string(options.max_filters) + " may be installed");
    }
    return rpc::server_error(std::string{to_string(e)});
}

/// A filter id argument: a string (go-ethereum's rpc.ID), compared in lower case.
std::string filter_id_from_json(const json& j)
{
    if (!j.is_string()) throw rpc::DecodeError("filter id must be a string");
    std::string id = j.get<std::string>();
    std::transform(id.begin(), id.end(), id.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return id;
}

/// A block bound of a filter object for new blocks: the number ("earliest": 0); none for the
/// tags that mean the head ("latest", "safe", "finalized": no bound, as go-ethereum's "latest").
std::optional<uint64_t> filter_bound(const std::optional<rpc::BlockNumberOrTag>& id)
{
    if (!id) return std::nullopt;
    if (const auto* n = std::get_if<uint64_t>(&*id)) return *n;
    if (std::get<rpc::BlockTag>(*id) == rpc::BlockTag::kEarliest) return 0;
    return std::nullopt;
}

/// eth_newFilter's checks of the range (go-ethereum's EventSystem.SubscribeLogs): "pending" is
/// refused, and so is a numeric range whose start is after its end.
void check_filter_range(const rpc::LogFilter& f)
{
    const auto is_pending = [](const std::optional<rpc::BlockNumberOrTag>& id) {
        const auto* tag = id ? std::get_if<rpc::BlockTag>(&*id) : nullptr;
        return tag != nullptr && *tag == rpc::BlockTag::kPending;
    };
    if (is_pending(f.from_block) || is_pending(f.to_block))
        throw rpc::server_error("pending logs are not supported");
    const auto from = filter_bound(f.from_block);
    const auto to = filter_bound(f.to_block);
    if (from && to && *from > *to) throw rpc::server_error("invalid block range params");
}

/// The last block one poll of a log or block filter covers, from `next_block` (at most the
/// head): at most `max_blocks` of them.
uint64_t last_block_of_poll(uint64_t next_block, uint64_t head, uint64_t max_blocks)
{
    const uint64_t span = std::max<uint64_t>(max_blocks, 1);
    return head - next_block >= span ? next_block + span - 1 : head;
}

/// eth_getFilterChanges of a log filter whose next block is `next_block`: the matching logs of
/// the blocks committed since (within fromBlock/toBlock), through collect_logs() as
/// eth_getLogs, and the new cursor.
std::pair<json, uint64_t> log_filter_changes(const Node& node,
                                             LogIndex& index,
                                             const EthApiOptions& options,
                                             const rpc::LogFilter& f,
                                             uint64_t next_block)
{
    const uint64_t head = node.head()->header.number;
    if (next_block > head) return {json::array(), next_block};
    const uint64_t last = last_block_of_poll(next_block, head, options.max_logs_block_range);
    // A blockHash filter names a block stored before the filter: no new block is that block.
    if (f.block_hash) return {json::array(), last + 1};
    const uint64_t from = std::max(next_block, filter_bound(f.from_block).value_or(0));
    const uint64_t to = std::min(last, filter_bound(f.to_block).value_or(last));
    if (from > to) return {json::array(), last + 1};
    CollectedLogs c = collect_logs(node, index, f, from, to, std::nullopt, options.max_logs, true);
    return {std::move(c.logs), c.stopped_at.value_or(last + 1)};
}

/// eth_getFilterChanges of a block filter: the hashes of the blocks committed since
/// `next_block`, and the new cursor.
std::pair<json, uint64_t> block_filter_changes(const Node& node,
                                               const EthApiOptions& options,
                                               uint64_t next_block)
{
    const uint64_t head = node.head()->header.number;
    json out = json::array();
    if (next_block > head) return {std::move(out), next_block};
    const uint64_t last = last_block_of_poll(next_block, head, options.max_logs_block_range);
    for (uint64_t n = next_block; n <= last; ++n) {
        const auto hash = unwrap(node.store().canonical_hash(n));
        if (!hash) throw rpc::server_error("block " + std::to_string(n) + " is missing");
        out.push_back(rpc::to_data(*hash));
    }
    return {std::move(out), last + 1};
}

// ---------------------------------------------------------------------------------------------
// Fees
// ---------------------------------------------------------------------------------------------

/// The blob gas a block may use at most (EIP-4844, EIP-7691 schedule), 0 before Cancun.
uint64_t max_blob_gas(const ChainConfig& config, const BlockHeader& header)
{
    const auto params = config.blob_params_at(header.number, header.timestamp);
    return params ? params->max * execution::kBlobGasPerBlob : 0;
}

/// The blob base fee of a block with this header (0 before Cancun).
uint256 blob_base_fee_of(const ChainConfig& config, const BlockHeader& header)
{
    const Revision rev = config.revision_at(header.number, header.timestamp);
    if (rev < Revision::kCancun) return 0;
    return execution::make_block_env(config, header, rev).blob_base_fee;
}

/// go-ethereum's eth_feeHistory (eth/gasprice/feehistory.go): per block the base fee, the gas
/// used ratio, the blob base fee and blob gas used ratio, the rewards at the percentiles
/// (effective tips weighted by gas used), plus the next block's base fees.
json fee_history(BlockCache& blocks, const EthApiOptions& options, const json& params)
{
    const Node& node = blocks.node();
    rpc::check_param_count(params, 2, 3);
    uint64_t count =
        rpc::decode_param(params, 0, [](const json& j) { return flexible_u64(j, ""); });
    const rpc::BlockNumberOrTag newest_id =
        rpc::decode_param(params, 1, [](const json& j) { return rpc::block_number_from_json(j); });
    std::vector<double> percentiles;
    const json& p = rpc::param_at(params, 2);
    if (!p.is_null()) {
        if (!p.is_array()) throw rpc::invalid_params("invalid argument 2: expected an array");
        for (const json& x : p) {
            if (!x.is_number()) throw rpc::invalid_params("invalid argument 2: expected numbers");
            percentiles.push_back(x.get<double>());
        }
        for (size_t i = 0; i < percentiles.size(); ++i) {
            if (percentiles[i] < 0 || percentiles[i] > 100)
                throw rpc::invalid_params("invalid reward percentile: " + p[i].dump());
            if (i > 0 && percentiles[i] <= percentiles[i - 1])
                throw rpc::invalid_params("invalid reward percentile: #" + std::to_string(i - 1) +
                                          ":" + p[i - 1].dump() + " >= #" + std::to_string(i) +
                                          ":" + p[i].dump());
        }
    }
    json out = json::object();
    const uint64_t head = node.head()->header.number;
    const uint64_t newest = number_of(newest_id, head);
    if (newest > head) throw rpc::server_error("request beyond head block");
    count = std::min({count, options.max_fee_history, newest + 1});
    if (count == 0) {
        out["oldestBlock"] = rpc::to_quantity(uint64_t{0});
        out["baseFeePerGas"] = json::array();
        out["gasUsedRatio"] = json::array();
        return out;
    }
    const uint64_t oldest = newest + 1 - count;
    const ChainConfig& config = node.chain_config();
    json base_fees = json::array();
    json ratios = json::array();
    json blob_fees = json::array();
    json blob_ratios = json::array();
    json rewards = json::array();
    BlockHeader last;
    for (uint64_t n = oldest; n <= newest; ++n) {
        const auto hash = unwrap(node.store().canonical_hash(n));
        if (!hash) throw header_not_found();
        const auto stored = blocks.get(*hash);
        if (!stored) throw header_not_found();
        const Block* block = &stored->block;
        const BlockHeader& h = block->header;
        base_fees.push_back(rpc::to_quantity(h.base_fee_per_gas.value_or(0)));
        ratios.push_back(h.gas_limit == 0
                             ? 0.0
                             : static_cast<double>(h.gas_used) / static_cast<double>(h.gas_limit));
        blob_fees.push_back(rpc::to_quantity(blob_base_fee_of(config, h)));
        const uint64_t max_blob = max_blob_gas(config, h);
        blob_ratios.push_back(max_blob == 0 ? 0.0
                                            : static_cast<double>(h.blob_gas_used.value_or(0)) /
                                                  static_cast<double>(max_blob));
        if (!percentiles.empty()) {
            json row = json::array();
            if (block->transactions.empty()) {
                for (size_t i = 0; i < percentiles.size(); ++i) row.push_back("0x0");
            } else {
                const storage::BlockReceipts* receipts = &stored->receipts;
                const uint256 base_fee = h.base_fee_per_gas.value_or(0);
                std::vector<std::pair<uint256, uint64_t>> tips;  // (effective tip, gas used)
                for (size_t i = 0; i < block->transactions.size(); ++i) {
                    const Transaction& tx = block->transactions[i];
                    const uint256 fee_room =
                        tx.max_fee_per_gas > base_fee ? tx.max_fee_per_gas - base_fee : uint256{};
                    tips.emplace_back(std::min(tx.max_priority_fee_per_gas, fee_room),
                                      receipts->receipts[i].gas_used);
                }
                std::sort(tips.begin(), tips.end(),
                          [](const auto& a, const auto& b) { return a.first < b.first; });
                size_t i = 0;
                uint64_t sum = tips[0].second;
                for (const double pct : percentiles) {
                    const double threshold = static_cast<double>(h.gas_used) * pct / 100.0;
                    while (static_cast<double>(sum) < threshold && i + 1 < tips.size()) {
                        ++i;
                        sum += tips[i].second;
                    }
                    row.push_back(rpc::to_quantity(tips[i].first));
                }
            }
            rewards.push_back(std::move(row));
        }
        last = h;
    }
    // The block after the newest.
    const uint64_t next_timestamp = last.timestamp + 1;
    const Revision next_rev = config.revision_at(last.number + 1, next_timestamp);
    uint256 next_base_fee = 0;
    if (next_rev >= Revision::kLondon) {
        next_base_fee = last.base_fee_per_gas
                            ? execution::calculate_base_fee(last.gas_limit, last.gas_used,
                                                            *last.base_fee_per_gas)
                            : uint256{execution::kInitialBaseFee};
    }
    base_fees.push_back(rpc::to_quantity(next_base_fee));
    uint256 next_blob_fee = 0;
    if (next_rev >= Revision::kCancun) {
        BlockHeader next;
        next.number = last.number + 1;
        next.timestamp = next_timestamp;
        next.excess_blob_gas = execution::calculate_excess_blob_gas(config, next, last);
        next.blob_gas_used = 0;
        next_blob_fee = blob_base_fee_of(config, next);
    }
    blob_fees.push_back(rpc::to_quantity(next_blob_fee));

    out["oldestBlock"] = rpc::to_quantity(oldest);
    out["baseFeePerGas"] = std::move(base_fees);
    out["gasUsedRatio"] = std::move(ratios);
    out["baseFeePerBlobGas"] = std::move(blob_fees);
    out["blobGasUsedRatio"] = std::move(blob_ratios);
    if (!percentiles.empty()) out["reward"] = std::move(rewards);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Proofs
// ---------------------------------------------------------------------------------------------

json get_proof(const Node& node, const EthApiOptions& options, const json& params)
{
    rpc::check_param_count(params, 2, 3);
    const Address addr =
        rpc::decode_param(params, 0, [](const json& j) { return rpc::address_from_json(j); });
    const json& keys_json = rpc::param_at(params, 1);
    if (!keys_json.is_array())
        throw rpc::invalid_params("invalid argument 1: expected an array of storage keys");
    if (keys_json.size() > options.max_proof_keys) {
        throw rpc::invalid_params("invalid argument 1: too many storage keys (at most " +
                                  std::to_string(options.max_proof_keys) + ")");
    }
    std::vector<Bytes32> slots;
    for (size_t i = 0; i < keys_json.size(); ++i) {
        try {
            slots.push_back(storage_key_from_json(keys_json[i]));
        } catch (const rpc::DecodeError& e) {
            throw rpc::invalid_params("invalid argument 1: [" + std::to_string(i) +
                                      "]: " + e.what());
        }
    }
    const BlockAt at = state_at(node, block_id_param(params, 2));
    const storage::AccountProof proof =
        unwrap(node.store().proof(at.header.state_root, addr, slots));

    json out = json::object();
    out["address"] = rpc::to_data(addr);
    json account_proof = json::array();
    for (const Bytes& n : proof.account_proof) account_proof.push_back(rpc::to_data(n));
    out["accountProof"] = std::move(account_proof);
    const state::DecodedAccount account = proof.account.value_or(
        state::DecodedAccount{state::AccountInfo{0, 0, kEmptyHash}, trie::kEmptyRoot});
    out["balance"] = rpc::to_quantity(account.info.balance);
    out["codeHash"] = rpc::to_data(account.info.code_hash);
    out["nonce"] = rpc::to_quantity(account.info.nonce);
    out["storageHash"] = rpc::to_data(account.storage_root);
    json storage_proofs = json::array();
    for (size_t i = 0; i < proof.storage_proofs.size(); ++i) {
        const storage::StorageProof& sp = proof.storage_proofs[i];
        json item = json::object();
        item["key"] = keys_json[i];
        item["value"] = rpc::to_quantity(load_be(sp.value.data()));
        json nodes = json::array();
        for (const Bytes& n : sp.proof) nodes.push_back(rpc::to_data(n));
        item["proof"] = std::move(nodes);
        storage_proofs.push_back(std::move(item));
    }
    out["storageProof"] = std::move(storage_proofs);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------

/// eth_sendTransaction's transaction: the request with go-ethereum's defaults
/// (TransactionArgs.setDefaults), signed with the dev account's key.
Transaction fill_and_sign(const Node& node, const EthApiOptions& options, rpc::CallRequest r)
{
    if (!r.from) throw rpc::server_error("missing from address");
    const wallet::DevAccount* account = node.dev_account(*r.from);
    if (!account) throw rpc::server_error("unknown account");
    if (r.blob_versioned_hashes || r.max_fee_per_blob_gas)
        throw rpc::server_error(
            "blob transactions are not supported: this node keeps no blob sidecars");
    if (r.gas_price && (r.max_fee_per_gas || r.max_priority_fee_per_gas)) {
        throw rpc::server_error(
            "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    }
    if (r.chain_id && *r.chain_id != node.chain_id()) {
        throw rpc::server_error(
            "chainId does not match node's (have=" + std::to_string(*r.chain_id) +
            ", want=" + std::to_string(node.chain_id()) + ")");
    }
    const std::shared_ptr<const HeadState> head = node.head();
    Transaction tx;
    tx.chain_id = node.chain_id();
    tx.to = r.to;
    tx.value = r.value.value_or(0);
    tx.data = r.input.value_or(Bytes{});
    tx.access_list = r.access_list.value_or(AccessList{});
    tx.authorization_list = r.authorization_list.value_or(std::vector<Authorization>{});
    if (r.gas_price) {
        tx.type = r.access_list ? TxType::kAccessList : TxType::kLegacy;
        tx.set_gas_price(*r.gas_price);
    } else {
        tx.type = !tx.authorization_list.empty() ? TxType::kSetCode : TxType::kDynamicFee;
        const uint256 base_fee = node.next_base_fee(head->header);
        uint256 tip = r.max_priority_fee_per_gas.value_or(options.suggested_tip);
        if (!r.max_priority_fee_per_gas && r.max_fee_per_gas)
            tip = std::min(tip, *r.max_fee_per_gas);
        tx.max_priority_fee_per_gas = tip;
        tx.max_fee_per_gas = r.max_fee_per_gas.value_or(base_fee * 2 + tip);
        if (tx.max_fee_per_gas < tx.max_priority_fee_per_gas) {
            throw rpc::server_error("maxFeePerGas (" + to_string(tx.max_fee_per_gas) +
                                    ") < maxPriorityFeePerGas (" +
                                    to_string(tx.max_priority_fee_per_gas) + ")");
        }
    }
    if (r.type && *r.type != tx.type) {
        // An explicit type wins when its fields allow it.
        if (*r.type == TxType::kLegacy || *r.type == TxType::kAccessList) {
            const uint256 price = r.gas_price.value_or(tx.max_fee_per_gas);
            tx.type = *r.type;
            tx.set_gas_price(price);
        } else if (*r.type == TxType::kDynamicFee || *r.type == TxType::kSetCode) {
            tx.type = *r.type;
        } else {
            throw rpc::server_error("transaction type not supported");
        }
    }
    tx.nonce = r.nonce.value_or(node.pending_nonce(*r.from));
    if (r.gas) {
        tx.gas_limit = *r.gas;
    } else {
        rpc::CallRequest est = r;
        est.nonce.reset();
        const std::unique_ptr<execution::PrecompileSet> precompiles = node.make_precompiles();
        const CallContext ctx{
            .config = node.chain_config(),
            .header = head->header,
            .state = *head->state,
            .block_hashes = node.block_hashes(),
            .precompiles = *precompiles,
            .gas_cap = kDefaultCallGasCap,
        };
        const auto gas = estimate_gas(ctx, to_call_request(est));
        if (!gas) throw call_error(gas.error());
        tx.gas_limit = *gas;
    }
    if (!wallet::sign_transaction(tx, account->private_key))
        throw rpc::internal_error("cannot sign with the dev account's key");
    return tx;
}

// ---------------------------------------------------------------------------------------------
// Subscriptions
// ---------------------------------------------------------------------------------------------

/// The "logs" subscription's matcher over a published log object.
rpc::SubscriptionMatcher logs_matcher(rpc::LogFilter filter)
{
    auto f = std::make_shared<const rpc::LogFilter>(std::move(filter));
    return [f](const json& event) -> std::optional<json> {
        try {
            const Address addr = rpc::address_from_json(event.at("address"));
            std::vector<Bytes32> topics;
            for (const json& t : event.at("topics")) topics.push_back(rpc::hash_from_json(t));
            if (f->matches(addr, topics)) return event;
        } catch (const std::exception&) {
            // Not a log object: nothing to deliver.
        }
        return std::nullopt;
    };
}

/// Publishes a committed block's header and logs.
void publish_block(rpc::Dispatcher& d, const CommittedBlock& b)
{
    if (d.subscription_count() == 0) return;
    d.publish("newHeads", rpc::header_to_json(b.block.header, b.hash));
    uint64_t log_index = 0;
    for (size_t i = 0; i < b.receipts.size(); ++i) {
        for (const execution::Log& log : b.receipts[i].logs) {
            const rpc::LogContext ctx{
                .block_hash = b.hash,
                .block_num = b.block.header.number,
                .tx_hash = b.tx_hashes[i],
                .tx_index = i,
                .log_index = log_index++,
                .removed = false,
                .block_timestamp = b.block.header.timestamp,
            };
            d.publish("logs", rpc::log_to_json(log, ctx));
        }
    }
}

/// evm_mine's optional argument: a timestamp, or {timestamp?, blocks?}.
std::pair<std::optional<uint64_t>, uint64_t> evm_mine_args(const json& params)
{
    const json& arg = rpc::param_at(params, 0);
    if (arg.is_null()) return {std::nullopt, 1};
    try {
        if (arg.is_object()) {
            std::optional<uint64_t> timestamp;
            uint64_t blocks = 1;
            if (arg.contains("timestamp") && !arg["timestamp"].is_null())
                timestamp = flexible_u64(arg["timestamp"], "timestamp");
            if (arg.contains("blocks") && !arg["blocks"].is_null())
                blocks = flexible_u64(arg["blocks"], "blocks");
            return {timestamp, blocks};
        }
        return {flexible_u64(arg, ""), 1};
    } catch (const rpc::DecodeError& e) {
        throw rpc::invalid_params(std::string{"invalid argument 0: "} + e.what());
    }
}

}  // namespace

EthApi::EthApi(Node& node, EthApiOptions options)
    : node_{node},
      options_{std::move(options)},
      blocks_{std::make_shared<BlockCache>(node, options_.block_cache_size)},
      logs_{std::make_shared<LogIndex>()},
      filters_{std::make_shared<FilterManager>(options_.filters)},
      alive_{std::make_shared<int>(0)}
{}

EthApi::~EthApi()
{
    // Wait for a listener call in progress (it holds a reference), then disable the others.
    std::weak_ptr<void> watch = alive_;
    alive_.reset();
    while (!watch.expired()) std::this_thread::yield();
}

void EthApi::register_methods(rpc::Dispatcher& d)
{
    Node& node = node_;
    const EthApiOptions& opts = options_;
    BlockCache& blocks = *blocks_;
    using rpc::CallContext;

    // --- Identity -----------------------------------------------------------------------------
    d.add_method("eth_chainId", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 0);
        return json(rpc::to_quantity(node.chain_id()));
    });
    d.add_method("net_version", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 0);
        return json(std::to_string(node.chain_id()));
    });
    d.add_method("web3_clientVersion", [&opts](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 0);
        return json(opts.client_version);
    });
    d.add_method("web3_sha3", [](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const Bytes data =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::data_from_json(j); });
        return json(rpc::to_data(keccak256(data)));
    });
    d.add_method("net_listening", [](const json&, CallContext&) { return json(true); });
    d.add_method("net_peerCount", [](const json&, CallContext&) { return json("0x0"); });
    d.add_method("eth_syncing", [](const json&, CallContext&) { return json(false); });
    d.add_method("eth_mining", [&node](const json&, CallContext&) {
        return json(node.config().mining != MiningMode::kManual);
    });
    d.add_method("eth_hashrate", [](const json&, CallContext&) { return json("0x0"); });
    d.add_method("eth_coinbase", [&node](const json&, CallContext&) {
        return json(rpc::to_data(node.config().coinbase));
    });
    d.add_method("eth_accounts", [&node](const json&, CallContext&) {
        json out = json::array();
        for (const auto& a : node.config().dev_accounts) out.push_back(rpc::to_data(a.address));
        return out;
    });

    // --- Head and fees ------------------------------------------------------------------------
    d.add_method("eth_blockNumber", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 0);
        return json(rpc::to_quantity(node.head()->header.number));
    });
    d.add_method("eth_gasPrice", [&node, &opts](const json&, CallContext&) {
        const auto head = node.head();
        return json(rpc::to_quantity(node.next_base_fee(head->header) + opts.suggested_tip));
    });
    d.add_method("eth_maxPriorityFeePerGas", [&opts](const json&, CallContext&) {
        return json(rpc::to_quantity(opts.suggested_tip));
    });
    d.add_method("eth_blobBaseFee", [&node](const json&, CallContext&) {
        const auto head = node.head();
        return json(rpc::to_quantity(blob_base_fee_of(node.chain_config(), head->header)));
    });
    d.add_method("eth_feeHistory", [&blocks, &opts](const json& params, CallContext&) {
        return fee_history(blocks, opts, params);
    });

    // --- State --------------------------------------------------------------------------------
    d.add_method("eth_getBalance", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 2);
        const Address addr =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::address_from_json(j); });
        const BlockAt at = state_at(node, block_id_param(params, 1));
        const auto account = unwrap_state(at.state->account(addr));
        return json(rpc::to_quantity(account ? account->balance : uint256{}));
    });
    d.add_method("eth_getCode", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 2);
        const Address addr =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::address_from_json(j); });
        const BlockAt at = state_at(node, block_id_param(params, 1));
        const auto account = unwrap_state(at.state->account(addr));
        if (!account || account->code_hash == kEmptyHash) return json("0x");
        return json(rpc::to_data(unwrap_state(at.state->code(account->code_hash))));
    });
    d.add_method("eth_getStorageAt", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 2, 3);
        const Address addr =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::address_from_json(j); });
        const Bytes32 key = rpc::decode_param(params, 1, storage_key_from_json);
        const BlockAt at = state_at(node, block_id_param(params, 2));
        return json(rpc::to_data(unwrap_state(at.state->storage(addr, key))));
    });
    d.add_method("eth_getTransactionCount", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 2);
        const Address addr =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::address_from_json(j); });
        const rpc::BlockId id = block_id_param(params, 1);
        if (const auto* tag = std::get_if<rpc::BlockTag>(&id);
            tag && *tag == rpc::BlockTag::kPending)
            return json(rpc::to_quantity(node.pending_nonce(addr)));
        const BlockAt at = state_at(node, id);
        const auto account = unwrap_state(at.state->account(addr));
        return json(rpc::to_quantity(account ? account->nonce : 0));
    });
    d.add_method("eth_getProof", [&node, &opts](const json& params, CallContext&) {
        return get_proof(node, opts, params);
    });

    // --- Calls --------------------------------------------------------------------------------
    d.add_method("eth_call", [&node](const json& params, CallContext&) {
        return with_call(node, params,
                         [](const node::CallContext& ctx, const CallRequest& request,
                            const StateOverrides* overrides) {
                             const auto result = call(ctx, request, overrides);
                             if (!result) throw call_error(result.error());
                             if (result->reverted()) throw rpc::execution_reverted(result->output);
                             if (!result->success())
                                 throw rpc::server_error(result->error_message());
                             return json(rpc::to_data(result->output));
                         });
    });
    d.add_method("eth_estimateGas", [&node](const json& params, CallContext&) {
        return with_call(node, params,
                         [](const node::CallContext& ctx, const CallRequest& request,
                            const StateOverrides* overrides) {
                             const auto gas = estimate_gas(ctx, request, overrides);
                             if (!gas) throw call_error(gas.error());
                             return json(rpc::to_quantity(*gas));
                         });
    });

    // --- Transactions -------------------------------------------------------------------------
    // Both record the admitted hash for the pending-transaction filters: the node has no
    // admission hook, and these are the ways transactions reach its pool while it serves.
    FilterManager& filters = *filters_;
    d.add_method("eth_sendRawTransaction", [&node, &filters](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const Bytes raw =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::data_from_json(j); });
        const auto tx = decode_transaction(raw);
        if (!tx) throw rpc::tx_error(tx.error());
        const auto hash = node.submit(*tx);
        if (!hash) throw rpc::server_error(hash.error().message);
        filters.add_pending_transaction(*hash);
        return json(rpc::to_data(*hash));
    });
    d.add_method("eth_sendTransaction",
                 [this, &node, &opts, &filters](const json& params, CallContext&) {
                     rpc::check_param_count(params, 1, 1);
                     const rpc::CallRequest request = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::call_request_from_json(j); });
                     const std::lock_guard lock{send_mutex_};
                     const Transaction tx = fill_and_sign(node, opts, request);
                     const auto hash = node.submit(tx);
                     if (!hash) throw rpc::server_error(hash.error().message);
                     filters.add_pending_transaction(*hash);
                     return json(rpc::to_data(*hash));
                 });
    d.add_method("eth_getTransactionByHash", [&node, &blocks](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const Hash256 hash =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::hash_from_json(j); });
        return transaction_json(node, blocks, hash);
    });
    d.add_method("eth_getTransactionReceipt", [&node, &opts, &blocks](const json& params,
                                                                      CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const Hash256 hash =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::hash_from_json(j); });
        auto loc = unwrap(node.store().tx_location(hash));
        if (!loc && node.config().mining == MiningMode::kAutomine &&
            node.mempool().contains(hash) && node.wait_for_transaction(hash, opts.receipt_wait)) {
            loc = unwrap(node.store().tx_location(hash));
        }
        if (!loc) return json(nullptr);
        const auto block = block_by_hash(blocks, loc->block_hash);
        if (!block || loc->index >= block->block.transactions.size()) return json(nullptr);
        return receipt_json(node, *block, loc->index);
    });

    // --- Blocks -------------------------------------------------------------------------------
    const auto full_flag = [](const json& params, size_t index) {
        const json& f = rpc::param_at(params, index);
        if (f.is_null()) return false;
        if (!f.is_boolean())
            throw rpc::invalid_params("invalid argument " + std::to_string(index) +
                                      ": expected a boolean");
        return f.get<bool>();
    };
    d.add_method("eth_getBlockByNumber",
                 [&node, &blocks, full_flag](const json& params, CallContext&) {
                     rpc::check_param_count(params, 1, 2);
                     const auto id = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::block_number_from_json(j); });
                     const bool full = full_flag(params, 1);
                     const auto block = block_by_number(blocks, id);
                     if (!block) return json(nullptr);
                     return block_json(node, *block, full);
                 });
    d.add_method(
        "eth_getBlockByHash", [&node, &blocks, full_flag](const json& params, CallContext&) {
            rpc::check_param_count(params, 1, 2);
            const Hash256 hash =
                rpc::decode_param(params, 0, [](const json& j) { return rpc::hash_from_json(j); });
            const bool full = full_flag(params, 1);
            const auto block = block_by_hash(blocks, hash);
            if (!block) return json(nullptr);
            return block_json(node, *block, full);
        });
    d.add_method("eth_getBlockReceipts", [&node, &blocks](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const rpc::BlockId id =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::block_id_from_json(j); });
        const auto block = block_by_id(blocks, id);
        if (!block) return json(nullptr);
        return block_receipts_json(node, *block);
    });
    const auto tx_count = [](const std::shared_ptr<const StoredBlock>& block) {
        if (!block) return json(nullptr);
        return json(rpc::to_quantity(uint64_t{block->block.transactions.size()}));
    };
    d.add_method("eth_getBlockTransactionCountByNumber",
                 [&blocks, tx_count](const json& params, CallContext&) {
                     rpc::check_param_count(params, 1, 1);
                     const auto id = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::block_number_from_json(j); });
                     return tx_count(block_by_number(blocks, id));
                 });
    d.add_method("eth_getBlockTransactionCountByHash",
                 [&blocks, tx_count](const json& params, CallContext&) {
                     rpc::check_param_count(params, 1, 1);
                     const Hash256 hash = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::hash_from_json(j); });
                     return tx_count(block_by_id(blocks, rpc::BlockHashRef{hash, false}));
                 });
    const auto tx_at = [](const std::shared_ptr<const StoredBlock>& block, uint64_t index) {
        if (!block || index >= block->block.transactions.size()) return json(nullptr);
        return mined_transaction_json(*block, index);
    };
    d.add_method("eth_getTransactionByBlockNumberAndIndex",
                 [&blocks, tx_at](const json& params, CallContext&) {
                     rpc::check_param_count(params, 2, 2);
                     const auto id = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::block_number_from_json(j); });
                     const uint64_t index = rpc::decode_param(
                         params, 1, [](const json& j) { return rpc::quantity_u64_from_json(j); });
                     return tx_at(block_by_number(blocks, id), index);
                 });
    d.add_method("eth_getTransactionByBlockHashAndIndex",
                 [&blocks, tx_at](const json& params, CallContext&) {
                     rpc::check_param_count(params, 2, 2);
                     const Hash256 hash = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::hash_from_json(j); });
                     const uint64_t index = rpc::decode_param(
                         params, 1, [](const json& j) { return rpc::quantity_u64_from_json(j); });
                     return tx_at(block_by_id(blocks, rpc::BlockHashRef{hash, false}), index);
                 });
    const auto uncle_count = [](const std::shared_ptr<const StoredBlock>& block) {
        if (!block) return json(nullptr);
        return json(rpc::to_quantity(uint64_t{block->block.ommers.size()}));
    };
    d.add_method("eth_getUncleCountByBlockNumber",
                 [&blocks, uncle_count](const json& params, CallContext&) {
                     rpc::check_param_count(params, 1, 1);
                     const auto id = rpc::decode_param(
                         params, 0, [](const json& j) { return rpc::block_number_from_json(j); });
                     return uncle_count(block_by_number(blocks, id));
                 });
    d.add_method(
        "eth_getUncleCountByBlockHash", [&blocks, uncle_count](const json& params, CallContext&) {
            rpc::check_param_count(params, 1, 1);
            const Hash256 hash =
                rpc::decode_param(params, 0, [](const json& j) { return rpc::hash_from_json(j); });
            return uncle_count(block_by_id(blocks, rpc::BlockHashRef{hash, false}));
        });
    d.add_method("eth_getUncleByBlockNumberAndIndex",
                 [](const json&, CallContext&) { return json(nullptr); });
    d.add_method("eth_getUncleByBlockHashAndIndex",
                 [](const json&, CallContext&) { return json(nullptr); });
    LogIndex& logs = *logs_;
    d.add_method("eth_getLogs", [&node, &logs, &opts](const json& params, CallContext&) {
        return get_logs(node, logs, opts, params);
    });

    // --- Polling filters (go-ethereum's eth/filters API; docs/node.md § Filters) ---------------
    d.add_method("eth_newFilter", [&node, &filters, &opts](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        rpc::LogFilter criteria = rpc::decode_param(
            params, 0, [](const json& j) { return rpc::log_filter_from_json(j); });
        check_filter_range(criteria);
        const uint64_t next_block = node.head()->header.number + 1;
        auto id = filters.install_log_filter(std::move(criteria), next_block);
        if (!id) throw filter_error(id.error(), opts.filters);
        return json(std::move(*id));
    });
    d.add_method("eth_newBlockFilter", [&node, &filters, &opts](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 0);
        auto id = filters.install_block_filter(node.head()->header.number + 1);
        if (!id) throw filter_error(id.error(), opts.filters);
        return json(std::move(*id));
    });
    d.add_method("eth_newPendingTransactionFilter",
                 [&filters, &opts, full_flag](const json& params, CallContext&) {
                     rpc::check_param_count(params, 0, 1);
                     auto id = filters.install_pending_transaction_filter(full_flag(params, 0));
                     if (!id) throw filter_error(id.error(), opts.filters);
                     return json(std::move(*id));
                 });
    d.add_method("eth_getFilterChanges", [&node, &blocks, &logs, &filters, &opts](
                                             const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const std::string id = rpc::decode_param(params, 0, filter_id_from_json);
        json out = json::array();
        const auto polled = filters.poll(id, [&](const FilterPoll& poll) -> uint64_t {
            switch (poll.kind) {
                case FilterKind::kLogs: {
                    auto [changes, next] =
                        log_filter_changes(node, logs, opts, poll.criteria, poll.next_block);
                    out = std::move(changes);
                    return next;
                }
                case FilterKind::kBlocks: {
                    auto [changes, next] = block_filter_changes(node, opts, poll.next_block);
                    out = std::move(changes);
                    return next;
                }
                case FilterKind::kPendingTransactions:
                    for (const Hash256& hash : poll.transactions) {
                        if (!poll.full_transactions) {
                            out.push_back(rpc::to_data(hash));
                            continue;
                        }
                        // Replaced or dropped since: nothing to show.
                        json tx = transaction_json(node, blocks, hash);
                        if (!tx.is_null()) out.push_back(std::move(tx));
                    }
                    return poll.next_block;
            }
            return poll.next_block;
        });
        if (!polled) throw filter_error(polled.error(), opts.filters);
        return out;
    });
    d.add_method("eth_getFilterLogs",
                 [&node, &logs, &filters, &opts](const json& params, CallContext&) {
                     rpc::check_param_count(params, 1, 1);
                     const std::string id = rpc::decode_param(params, 0, filter_id_from_json);
                     const auto criteria = filters.log_criteria(id);
                     if (!criteria) throw filter_error(criteria.error(), opts.filters);
                     return logs_of_filter(node, logs, opts, *criteria);
                 });
    d.add_method("eth_uninstallFilter", [&filters](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        return json(filters.uninstall(rpc::decode_param(params, 0, filter_id_from_json)));
    });

    // --- Pool ---------------------------------------------------------------------------------
    d.add_method("txpool_status", [&node](const json&, CallContext&) {
        json out = json::object();
        out["pending"] = rpc::to_quantity(uint64_t{node.mempool().pending_count()});
        out["queued"] = rpc::to_quantity(uint64_t{node.mempool().queued_count()});
        return out;
    });

    // --- Debug and dev extensions -------------------------------------------------------------
    d.add_method("debug_executionWitness", [&node, &blocks](const json& params, CallContext&) {
        rpc::check_param_count(params, 1, 1);
        const rpc::BlockId id =
            rpc::decode_param(params, 0, [](const json& j) { return rpc::block_id_from_json(j); });
        const auto block = block_by_id(blocks, id);
        if (!block) throw rpc::server_error("block not found");
        std::optional<Result<stateless::ExecutionWitness, std::string>> witness;
        run_on_large_stack([&] { witness = block_witness(node, block->hash); });
        if (!*witness) throw rpc::server_error(witness->error());
        return ::ultra::json::to_json(witness->value());
    });
    d.add_method("evm_mine", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 1);
        const auto [timestamp, count] = evm_mine_args(params);
        const auto mined = node.mine(count, timestamp);
        if (!mined) throw rpc::server_error(mined.error());
        return json("0x0");
    });
    d.add_method("anvil_mine", [&node](const json& params, CallContext&) {
        rpc::check_param_count(params, 0, 2);
        const uint64_t count = rpc::decode_optional_param(params, 0, [](const json& j) {
                                   return flexible_u64(j, "");
                               }).value_or(1);
        const uint64_t interval = rpc::decode_optional_param(params, 1, [](const json& j) {
                                      return flexible_u64(j, "");
                                  }).value_or(1);
        const auto mined = node.mine(count, std::nullopt, interval);
        if (!mined) throw rpc::server_error(mined.error());
        return json(nullptr);
    });

    // --- Subscriptions ------------------------------------------------------------------------
    d.add_subscription_kind("newHeads", [](const json& params) -> rpc::SubscriptionMatcher {
        rpc::check_param_count(params, 1, 1);
        return [](const json& event) -> std::optional<json> { return event; };
    });
    d.add_subscription_kind("logs", [](const json& params) -> rpc::SubscriptionMatcher {
        rpc::check_param_count(params, 1, 2);
        rpc::LogFilter filter = rpc::decode_optional_param(params, 1, [](const json& j) {
                                    return rpc::log_filter_from_json(j);
                                }).value_or(rpc::LogFilter{});
        return logs_matcher(std::move(filter));
    });
    // The listener outlives nothing: once this EthApi is gone it does nothing.
    node.add_block_listener(
        [&d, alive = std::weak_ptr<void>{alive_}, &blocks, &logs](const CommittedBlock& b) {
            const std::shared_ptr<void> lock = alive.lock();
            if (!lock) return;
            logs.record(b.block.header.number, b.block.header.logs_bloom != Bloom{});
            blocks.put(b);
            publish_block(d, b);
        });
}

}  // namespace ultra::node
