// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "mempool.hpp"

#include <algorithm>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/authorization.hpp>
#include <ultra/core/types/transaction_validation.hpp>
#include <ultra/execution/host.hpp>

namespace ultra::node {
namespace {

Unexpected<MempoolRejection> reject(MempoolError e, const std::string& detail = {})
{
    std::string message{to_string(e)};
    if (!detail.empty()) message += ": " + detail;
    return unexpected(MempoolRejection{e, std::move(message)});
}

std::string dec(const uint256& v)
{
    return to_string(v);
}

std::string dec(uint64_t v)
{
    return std::to_string(v);
}

/// The pool's reading of a static rule's failure (validate_transaction_static()).
MempoolError pool_error(TxError e) noexcept
{
    switch (e) {
        case TxError::kType1TxPreFork:
        case TxError::kType2TxPreFork:
        case TxError::kType3TxPreFork:
        case TxError::kType4TxPreFork: return MempoolError::kTxTypeNotSupported;
        case TxError::kInvalidSignature:
        case TxError::kEcRecoveryFailed: return MempoolError::kInvalidSender;
        case TxError::kInvalidChainId: return MempoolError::kInvalidChainId;
        case TxError::kIntrinsicGasTooLow: return MempoolError::kIntrinsicGasTooLow;
        case TxError::kIntrinsicGasBelowFloorGasCost: return MempoolError::kFloorDataGas;
        case TxError::kNonceTooBig: return MempoolError::kNonceMax;
        case TxError::kInitCodeSizeExceeded: return MempoolError::kMaxInitCodeSizeExceeded;
        case TxError::kGasLimitExceedsMaximum: return MempoolError::kGasLimitTooHigh;
        case TxError::kPriorityGreaterThanMaxFee: return MempoolError::kTipAboveFeeCap;
        default: return MempoolError::kInvalidTransaction;
    }
}

/// The details go-ethereum appends to a static rule's message.
std::string static_detail(TxError e, const Transaction& tx, Revision rev, uint64_t chain_id)
{
    switch (pool_error(e)) {
        case MempoolError::kIntrinsicGasTooLow:
            return "gas " + dec(tx.gas_limit) + ", minimum needed " +
                   dec(intrinsic_gas(tx, rev).intrinsic);
        case MempoolError::kFloorDataGas:
            return "gas " + dec(tx.gas_limit) + ", minimum needed " +
                   dec(intrinsic_gas(tx, rev).floor);
        case MempoolError::kInvalidChainId:
            return "have " + (tx.chain_id ? dec(*tx.chain_id) : std::string{"none"}) + " want " +
                   dec(chain_id);
        case MempoolError::kMaxInitCodeSizeExceeded:
            return "code size " + dec(uint64_t{tx.data.size()}) + ", limit " +
                   dec(uint64_t{kMaxInitCodeSize});
        case MempoolError::kGasLimitTooHigh:
            return "cap: " + dec(kTxGasLimitCap) + ", tx: " + dec(tx.gas_limit);
        case MempoolError::kTxTypeNotSupported:
            return "type " + dec(uint64_t{static_cast<uint8_t>(tx.type)}) + " rejected at " +
                   std::string{to_string(rev)};
        case MempoolError::kInvalidTransaction: return std::string{to_string(e)};
        default: return {};
    }
}

/// What the sender must hold for `tx`: gas_limit × max fee per gas + value (go-ethereum's
/// tx.Cost(), blob fees aside: the pool takes no blob transactions).
uint256 transaction_cost(const Transaction& tx)
{
    return uint256{tx.gas_limit} * tx.max_fee_per_gas + tx.value;
}

/// The priority fee per gas `tx` pays at `base_fee` (EIP-1559); precondition: max fee >= base fee.
uint256 effective_tip(const Transaction& tx, const uint256& base_fee) noexcept
{
    return std::min(tx.max_priority_fee_per_gas, tx.max_fee_per_gas - base_fee);
}

/// `v` raised by `percent` percent, rounded down (go-ethereum's threshold).
uint256 bumped(const uint256& v, uint64_t percent)
{
    return v * uint256{100 + percent} / uint256{100};
}

}  // namespace

std::string_view to_string(MempoolError e) noexcept
{
    switch (e) {
        case MempoolError::kAlreadyKnown: return "already known";
        case MempoolError::kInvalidSender: return "invalid sender";
        case MempoolError::kInvalidChainId: return "invalid chain id for signer";
        case MempoolError::kTxTypeNotSupported: return "transaction type not supported";
        case MempoolError::kBlobTransactionsNotSupported:
            return "blob transactions are not supported: this node keeps no blob sidecars";
        case MempoolError::kOversizedData: return "oversized data";
        case MempoolError::kMaxInitCodeSizeExceeded: return "max initcode size exceeded";
        case MempoolError::kGasLimitTooHigh: return "transaction gas limit too high";
        case MempoolError::kExceedsBlockGasLimit: return "exceeds block gas limit";
        case MempoolError::kTipAboveFeeCap:
            return "max priority fee per gas higher than max fee per gas";
        case MempoolError::kIntrinsicGasTooLow: return "intrinsic gas too low";
        case MempoolError::kFloorDataGas: return "insufficient gas for floor data gas cost";
        case MempoolError::kNonceMax: return "nonce has max value";
        case MempoolError::kFeeCapTooLow: return "max fee per gas less than block base fee";
        case MempoolError::kUnderpriced: return "transaction underpriced";
        case MempoolError::kNonceTooLow: return "nonce too low";
        case MempoolError::kSenderNoEoa: return "sender not an eoa";
        case MempoolError::kInsufficientFunds: return "insufficient funds for gas * price + value";
        case MempoolError::kReplacementUnderpriced: return "replacement transaction underpriced";
        case MempoolError::kAccountLimitExceeded: return "account limit exceeded";
        case MempoolError::kTxPoolOverflow: return "txpool is full";
        case MempoolError::kInvalidTransaction: return "invalid transaction";
    }
    return "invalid transaction";
}

// ---------------------------------------------------------------------------------------------
// PendingTransactions
// ---------------------------------------------------------------------------------------------

PendingTransactions::PendingTransactions(std::vector<std::vector<PooledTransaction>> runs,
                                         const uint256& base_fee)
    : runs_{std::move(runs)}, base_fee_{base_fee}
{
    for (size_t i = 0; i < runs_.size(); ++i) {
        auto& run = runs_[i];
        // EIP-1559: a transaction whose max fee is below the base fee cannot be included, nor
        // anything of its sender after it.
        const auto unpayable = std::find_if(run.begin(), run.end(), [&](const auto& p) {
            return p.tx.max_fee_per_gas < base_fee_;
        });
        run.erase(unpayable, run.end());
        if (!run.empty()) push({i, 0});
    }
}

bool PendingTransactions::worse(const Cursor& a, const Cursor& b) const noexcept
{
    const PooledTransaction& x = runs_[a.run][a.next];
    const PooledTransaction& y = runs_[b.run][b.next];
    const uint256 tip_x = effective_tip(x.tx, base_fee_);
    const uint256 tip_y = effective_tip(y.tx, base_fee_);
    if (tip_x != tip_y) return tip_x < tip_y;
    return x.arrival > y.arrival;
}

void PendingTransactions::push(Cursor c)
{
    heap_.push_back(c);
    std::push_heap(heap_.begin(), heap_.end(),
                   [this](const Cursor& a, const Cursor& b) { return worse(a, b); });
}

PendingTransactions::Cursor PendingTransactions::pop()
{
    std::pop_heap(heap_.begin(), heap_.end(),
                  [this](const Cursor& a, const Cursor& b) { return worse(a, b); });
    const Cursor c = heap_.back();
    heap_.pop_back();
    return c;
}

execution::CandidateTransaction PendingTransactions::peek()
{
    if (heap_.empty()) return {};
    const PooledTransaction& p = runs_[heap_.front().run][heap_.front().next];
    return {&p.tx, p.sender};
}

void PendingTransactions::accept()
{
    if (heap_.empty()) return;
    Cursor c = pop();
    if (++c.next < runs_[c.run].size()) push(c);
}

void PendingTransactions::reject(TxError)
{
    if (!heap_.empty()) (void)pop();
}

size_t PendingTransactions::remaining() const noexcept
{
    size_t n = 0;
    for (const Cursor& c : heap_) n += runs_[c.run].size() - c.next;
    return n;
}

// ---------------------------------------------------------------------------------------------
// Mempool
// ---------------------------------------------------------------------------------------------

Mempool::Mempool(MempoolConfig config) : config_{std::move(config)} {}

size_t Mempool::pending_length(const SenderQueue& q) noexcept
{
    size_t n = 0;
    uint64_t expected = q.state_nonce;
    for (auto it = q.by_nonce.lower_bound(q.state_nonce);
         it != q.by_nonce.end() && it->first == expected; ++it, ++expected)
        ++n;
    return n;
}

void Mempool::erase_locked(const Hash256& hash)
{
    const auto it = by_hash_.find(hash);
    if (it == by_hash_.end()) return;
    const auto q = senders_.find(it->second);
    if (q != senders_.end()) {
        auto& txs = q->second.by_nonce;
        for (auto t = txs.begin(); t != txs.end(); ++t) {
            if (t->second.hash == hash) {
                txs.erase(t);
                break;
            }
        }
        if (txs.empty()) senders_.erase(q);
    }
    by_hash_.erase(it);
}

Result<Hash256, MempoolRejection> Mempool::add(const Transaction& tx, const PoolHead& head)
{
    const Hash256 hash = transaction_hash(tx);
    std::lock_guard lock{mutex_};
    if (by_hash_.contains(hash)) return reject(MempoolError::kAlreadyKnown);

    // EIP-4844: a blob transaction is only valid with its sidecar, which this node does not keep.
    if (tx.type == TxType::kBlob) return reject(MempoolError::kBlobTransactionsNotSupported);
    if (const size_t size = encode_transaction(tx).size(); size > config_.max_tx_size)
        return reject(MempoolError::kOversizedData, "transaction size " + dec(uint64_t{size}) +
                                                        ", limit " +
                                                        dec(uint64_t{config_.max_tx_size}));

    // The rules that need neither state nor the block (go-ethereum's ValidateTransaction).
    if (const auto r = validate_transaction_static(tx, head.rev, config_.chain_id); !r)
        return reject(pool_error(r.error()),
                      static_detail(r.error(), tx, head.rev, config_.chain_id));
    if (tx.gas_limit > head.gas_limit) return reject(MempoolError::kExceedsBlockGasLimit);
    const auto sender = recover_sender(tx);
    if (!sender)
        return reject(MempoolError::kInvalidSender, std::string{to_string(sender.error())});
    // EIP-1559: refuse at once what the next block could not include (go-ethereum keeps it
    // waiting for the base fee to fall; a dev chain's user wants the error).
    if (head.rev >= Revision::kLondon && tx.max_fee_per_gas < head.base_fee)
        return reject(MempoolError::kFeeCapTooLow,
                      "address " + to_0x_hex(sender->view()) + ", maxFeePerGas: " +
                          dec(tx.max_fee_per_gas) + ", baseFee: " + dec(head.base_fee));
    if (tx.max_priority_fee_per_gas < config_.min_tip)
        return reject(MempoolError::kUnderpriced, "gas tip cap " +
                                                      dec(tx.max_priority_fee_per_gas) +
                                                      ", minimum needed " + dec(config_.min_tip));

    // Against the head state (go-ethereum's ValidateTransactionWithState).
    const auto account = head.state.account(*sender);
    if (!account)
        return reject(MempoolError::kInvalidTransaction,
                      "state unavailable: " + std::string{state::to_string(account.error())});
    const state::AccountInfo info = account->value_or(state::AccountInfo{});
    if (tx.nonce < info.nonce)
        return reject(MempoolError::kNonceTooLow,
                      "next nonce " + dec(info.nonce) + ", tx nonce " + dec(tx.nonce));
    if (info.code_hash != kEmptyHash) {
        // EIP-3607; from Prague an EIP-7702 delegation is still an EOA.
        const auto code = head.state.code(info.code_hash);
        const bool delegated =
            code && head.rev >= Revision::kPrague && execution::delegation_target(*code);
        if (!delegated)
            return reject(MempoolError::kSenderNoEoa,
                          "address " + to_0x_hex(sender->view()) +
                              ", codehash: " + to_0x_hex(info.code_hash.view()));
    }

    const uint256 cost = transaction_cost(tx);
    if (info.balance < cost)
        return reject(MempoolError::kInsufficientFunds,
                      "balance " + dec(info.balance) + ", tx cost " + dec(cost) + ", overshot " +
                          dec(cost - info.balance));

    SenderQueue* queue = nullptr;
    if (const auto it = senders_.find(*sender); it != senders_.end()) queue = &it->second;
    const PooledTransaction* replaced = nullptr;
    uint256 spent;  // the cost of the sender's other pooled transactions
    if (queue) {
        for (const auto& [nonce, p] : queue->by_nonce) {
            if (nonce == tx.nonce)
                replaced = &p;
            else
                spent += p.cost;
        }
    }
    if (info.balance < spent + cost)
        return reject(MempoolError::kInsufficientFunds,
                      "balance " + dec(info.balance) + ", queued cost " + dec(spent) +
                          ", tx cost " + dec(cost) + ", overshot " +
                          dec(spent + cost - info.balance));

    if (replaced) {
        // go-ethereum's list.Add: both fees strictly higher and at least price_bump percent.
        const Transaction& old = replaced->tx;
        const bool higher = tx.max_fee_per_gas > old.max_fee_per_gas &&
                            tx.max_priority_fee_per_gas > old.max_priority_fee_per_gas;
        if (!higher ||
            tx.max_fee_per_gas < bumped(old.max_fee_per_gas, config_.price_bump_percent) ||
            tx.max_priority_fee_per_gas <
                bumped(old.max_priority_fee_per_gas, config_.price_bump_percent))
            return reject(MempoolError::kReplacementUnderpriced);
    } else {
        if (queue && queue->by_nonce.size() >= config_.max_per_sender)
            return reject(MempoolError::kAccountLimitExceeded,
                          "pooled " + dec(uint64_t{queue->by_nonce.size()}) + " txs");
        if (by_hash_.size() >= config_.max_transactions)
            return reject(MempoolError::kTxPoolOverflow);
    }

    if (replaced) {
        const Hash256 old_hash = replaced->hash;
        erase_locked(old_hash);
    }
    SenderQueue& q = senders_[*sender];
    q.state_nonce = info.nonce;
    q.by_nonce[tx.nonce] = PooledTransaction{tx, hash, *sender, next_arrival_++, cost};
    by_hash_[hash] = *sender;
    return hash;
}

Mempool::HeadUpdate Mempool::on_new_head(const PoolHead& head, std::span<const Hash256> included)
{
    std::lock_guard lock{mutex_};
    HeadUpdate update;
    for (const Hash256& hash : included) {
        if (!by_hash_.contains(hash)) continue;
        erase_locked(hash);
        update.included.push_back(hash);
    }

    std::vector<Hash256> drop;
    for (auto& [sender, q] : senders_) {
        const auto account = head.state.account(sender);
        if (!account) continue;  // the state cannot answer: keep the sender as it is
        const state::AccountInfo info = account->value_or(state::AccountInfo{});
        q.state_nonce = info.nonce;
        for (const auto& [nonce, p] : q.by_nonce) {
            // Stale (mined or replaced in a block), unaffordable alone, or too big for a block.
            if (nonce < info.nonce || info.balance < p.cost || p.tx.gas_limit > head.gas_limit)
                drop.push_back(p.hash);
        }
    }
    for (const Hash256& hash : drop) erase_locked(hash);
    update.dropped = std::move(drop);
    return update;
}

PendingTransactions Mempool::pending(const uint256& base_fee) const
{
    std::lock_guard lock{mutex_};
    std::vector<std::vector<PooledTransaction>> runs;
    for (const auto& [sender, q] : senders_) {
        const size_t n = pending_length(q);
        if (n == 0) continue;
        std::vector<PooledTransaction> run;
        run.reserve(n);
        auto it = q.by_nonce.lower_bound(q.state_nonce);
        for (size_t i = 0; i < n; ++i, ++it) run.push_back(it->second);
        runs.push_back(std::move(run));
    }
    return PendingTransactions{std::move(runs), base_fee};
}

std::optional<PooledTransaction> Mempool::get(const Hash256& hash) const
{
    std::lock_guard lock{mutex_};
    const auto it = by_hash_.find(hash);
    if (it == by_hash_.end()) return std::nullopt;
    for (const auto& [nonce, p] : senders_.at(it->second).by_nonce)
        if (p.hash == hash) return p;
    return std::nullopt;
}

bool Mempool::contains(const Hash256& hash) const
{
    std::lock_guard lock{mutex_};
    return by_hash_.contains(hash);
}

size_t Mempool::size() const
{
    std::lock_guard lock{mutex_};
    return by_hash_.size();
}

size_t Mempool::pending_count() const
{
    std::lock_guard lock{mutex_};
    size_t n = 0;
    for (const auto& [sender, q] : senders_) n += pending_length(q);
    return n;
}

size_t Mempool::queued_count() const
{
    std::lock_guard lock{mutex_};
    size_t n = 0;
    for (const auto& [sender, q] : senders_) n += q.by_nonce.size() - pending_length(q);
    return n;
}

uint64_t Mempool::next_nonce(const Address& sender, uint64_t state_nonce) const
{
    std::lock_guard lock{mutex_};
    const auto it = senders_.find(sender);
    if (it == senders_.end()) return state_nonce;
    uint64_t nonce = state_nonce;
    while (it->second.by_nonce.contains(nonce)) ++nonce;
    return nonce;
}

MempoolContent Mempool::content() const
{
    std::lock_guard lock{mutex_};
    MempoolContent content;
    for (const auto& [sender, q] : senders_) {
        const size_t n = pending_length(q);
        size_t i = 0;
        for (auto it = q.by_nonce.lower_bound(q.state_nonce); i < n; ++it, ++i)
            content.pending[sender].push_back(it->second);
        for (const auto& [nonce, p] : q.by_nonce) {
            const bool is_pending = nonce >= q.state_nonce && nonce < q.state_nonce + n;
            if (!is_pending) content.queued[sender].push_back(p);
        }
    }
    return content;
}

}  // namespace ultra::node
