// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/state/state_view.hpp>
#include <unordered_map>
#include <vector>

/// The node's transaction pool (go-ethereum's legacypool, simplified for one dev node): per
/// sender, transactions ordered by nonce; the ones executable from the account's nonce without a
/// gap are *pending*, the others *queued*. Admission checks a transaction against the head
/// state and the next block with go-ethereum's error texts, a same-nonce transaction replaces
/// another only with 10 % higher fees, and pending() hands the block builder a snapshot ordered
/// by effective tip, then arrival. docs/node.md § Mempool.
namespace ultra::node {

/// Why the pool refused a transaction. to_string() gives go-ethereum's text (core/error.go,
/// core/txpool/errors.go, core/types), which ethers.js, viem and cast recognise.
enum class MempoolError : uint8_t
{
    kAlreadyKnown,                  ///< "already known": the same hash is pooled
    kInvalidSender,                 ///< "invalid sender": no sender recovers from the signature
    kInvalidChainId,                ///< "invalid chain id for signer" (EIP-155, EIP-2930)
    kTxTypeNotSupported,            ///< "transaction type not supported" at the next block's fork
    kBlobTransactionsNotSupported,  ///< type 3: this node keeps no blob sidecars (EIP-4844)
    kOversizedData,                 ///< "oversized data": encoding above max_tx_size
    kMaxInitCodeSizeExceeded,       ///< "max initcode size exceeded" (EIP-3860)
    kGasLimitTooHigh,               ///< "transaction gas limit too high" (EIP-7825, Osaka)
    kExceedsBlockGasLimit,          ///< "exceeds block gas limit"
    kTipAboveFeeCap,          ///< "max priority fee per gas higher than max fee per gas" (EIP-1559)
    kIntrinsicGasTooLow,      ///< "intrinsic gas too low"
    kFloorDataGas,            ///< "insufficient gas for floor data gas cost" (EIP-7623)
    kNonceMax,                ///< "nonce has max value" (EIP-2681)
    kFeeCapTooLow,            ///< "max fee per gas less than block base fee" (EIP-1559)
    kUnderpriced,             ///< "transaction underpriced": tip below the pool's minimum
    kNonceTooLow,             ///< "nonce too low": below the account's nonce
    kSenderNoEoa,             ///< "sender not an eoa" (EIP-3607)
    kInsufficientFunds,       ///< "insufficient funds for gas * price + value"
    kReplacementUnderpriced,  ///< "replacement transaction underpriced"
    kAccountLimitExceeded,    ///< "account limit exceeded": too many from one sender
    kTxPoolOverflow,          ///< "txpool is full"
    kInvalidTransaction,      ///< another consensus rule (the detail names it)
};

/// go-ethereum's text of `e` ("nonce too low", "replacement transaction underpriced", ...).
[[nodiscard]] std::string_view to_string(MempoolError e) noexcept;

/// A refusal: the error and the message the node returns (go-ethereum's text, then details, as
/// "nonce too low: next nonce 5, tx nonce 3").
struct MempoolRejection
{
    MempoolError error;   ///< the reason
    std::string message;  ///< to_string(error), possibly followed by ": <details>"
};

/// The pool's limits and policy.
struct MempoolConfig
{
    uint64_t chain_id = 1;             ///< the chain id transactions must be signed for
    size_t max_per_sender = 64;        ///< pending + queued transactions of one sender
    size_t max_transactions = 5120;    ///< the whole pool (go-ethereum: 4096 + 1024)
    uint64_t price_bump_percent = 10;  ///< the fee increase a replacement needs
    /// The smallest priority fee (go-ethereum's --txpool.pricelimit); 0 on a dev chain.
    uint256 min_tip;
    size_t max_tx_size = 131'072;  ///< go-ethereum's txMaxSize: 4 slots of 32 KiB
};

/// What admission and re-validation check transactions against: the head state and the block
/// that comes next.
struct PoolHead
{
    const state::StateView& state;  ///< the state after the head block
    Revision rev;                   ///< the revision of the next block
    uint256 base_fee;               ///< the next block's base fee (0 before London)
    uint64_t gas_limit = 0;         ///< the next block's gas limit
};

/// A transaction in the pool.
struct PooledTransaction
{
    Transaction tx;        ///< the signed transaction
    Hash256 hash;          ///< transaction_hash(tx)
    Address sender;        ///< the recovered sender
    uint64_t arrival = 0;  ///< admission order, increasing (a replacement gets a new one)
    uint256 cost;          ///< gas_limit × max fee per gas + value: what the sender must hold
};

/// The pool's content by sender, in nonce order (txpool_content).
struct MempoolContent
{
    std::map<Address, std::vector<PooledTransaction>> pending;  ///< executable now
    std::map<Address, std::vector<PooledTransaction>> queued;   ///< after a nonce gap
};

/// A snapshot of the pending transactions for build_block(): each sender's executable run in
/// nonce order (cut at the first transaction whose max fee is below the base fee), served best
/// first by effective tip (min(max priority fee, max fee - base fee)), then by arrival. After
/// reject() the rest of that sender's run is skipped. Owns copies of the transactions.
class PendingTransactions final : public execution::TransactionSource
{
public:
    /// Offers `runs` (one per sender, each in nonce order without a gap) at `base_fee`.
    PendingTransactions(std::vector<std::vector<PooledTransaction>> runs, const uint256& base_fee);

    /// The best transaction left, with its sender.
    [[nodiscard]] execution::CandidateTransaction peek() override;
    /// Moves to the sender's next transaction.
    void accept() override;
    /// Drops the rest of the sender's run.
    void reject(TxError reason) override;

    /// How many transactions are left to offer.
    [[nodiscard]] size_t remaining() const noexcept;

private:
    struct Cursor
    {
        size_t run;       ///< index into runs_
        size_t next = 0;  ///< the run's next transaction
    };
    /// Whether `a` should come after `b` (a heap of the best first).
    [[nodiscard]] bool worse(const Cursor& a, const Cursor& b) const noexcept;
    void push(Cursor c);
    [[nodiscard]] Cursor pop();

    std::vector<std::vector<PooledTransaction>> runs_;
    uint256 base_fee_;
    std::vector<Cursor> heap_;
};

/// The thread-safe transaction pool. Every member function takes the pool's lock; the state
/// views passed in must be safe to read from the calling thread.
class Mempool
{
public:
    /// An empty pool.
    explicit Mempool(MempoolConfig config);

    Mempool(const Mempool&) = delete;
    Mempool& operator=(const Mempool&) = delete;

    /// The pool's configuration.
    [[nodiscard]] const MempoolConfig& config() const noexcept { return config_; }

    /// Admits `tx` (go-ethereum's ValidateTransaction and ValidateTransactionWithState, in that
    /// order): already known; blob type (refused: no sidecars); size; the static rules at
    /// head.rev (type allowed, chain id, signature values, intrinsic gas, EIP-7623 floor,
    /// EIP-3860 init code, EIP-7825 gas cap, fee sanity; validate_transaction_static());
    /// gas above the block's; the sender; max fee below the next base fee; tip below the pool's
    /// minimum; then against the head state: nonce too low, EIP-3607, funds for this transaction
    /// and the sender's other pooled ones; a same-nonce transaction is replaced only with both
    /// fees price_bump_percent higher; the sender's and the pool's limits. Returns the hash.
    [[nodiscard]] Result<Hash256, MempoolRejection> add(const Transaction& tx,
                                                        const PoolHead& head);

    /// What on_new_head() removed.
    struct HeadUpdate
    {
        std::vector<Hash256> included;  ///< removed because the head block holds them
        std::vector<Hash256> dropped;   ///< no longer valid on the new head (stale nonce,
                                        ///< unaffordable, above the gas limit)
    };

    /// Moves the pool to a new head: removes the transactions `included` in it, then
    /// re-validates every sender against head.state: transactions below the account's nonce
    /// are dropped (included elsewhere or replaced), so are those whose cost now exceeds the
    /// balance or whose gas exceeds head.gas_limit; what remains is pending or queued against
    /// the new nonces.
    HeadUpdate on_new_head(const PoolHead& head, std::span<const Hash256> included = {});

    /// A snapshot of the pending transactions for build_block() at `base_fee`.
    [[nodiscard]] PendingTransactions pending(const uint256& base_fee) const;

    /// The pooled transaction with this hash, if any.
    [[nodiscard]] std::optional<PooledTransaction> get(const Hash256& hash) const;

    /// Whether a transaction with this hash is pooled.
    [[nodiscard]] bool contains(const Hash256& hash) const;

    /// The number of pooled transactions.
    [[nodiscard]] size_t size() const;
    /// The number of pending (executable) transactions.
    [[nodiscard]] size_t pending_count() const;
    /// The number of queued (gapped) transactions.
    [[nodiscard]] size_t queued_count() const;

    /// The nonce the sender's next transaction should use: its account nonce `state_nonce`
    /// plus its pending transactions (eth_getTransactionCount at "pending").
    [[nodiscard]] uint64_t next_nonce(const Address& sender, uint64_t state_nonce) const;

    /// Every pooled transaction, pending and queued, by sender in nonce order.
    [[nodiscard]] MempoolContent content() const;

private:
    struct SenderQueue
    {
        uint64_t state_nonce = 0;                        ///< the account's nonce at the head
        std::map<uint64_t, PooledTransaction> by_nonce;  ///< pooled transactions
    };

    /// The sender's executable run: the transactions from state_nonce without a gap.
    [[nodiscard]] static size_t pending_length(const SenderQueue& q) noexcept;
    void erase_locked(const Hash256& hash);

    const MempoolConfig config_;
    mutable std::mutex mutex_;
    std::map<Address, SenderQueue> senders_;
    std::unordered_map<Hash256, Address, FixedBytesHash> by_hash_;
    uint64_t next_arrival_ = 0;
};

}  // namespace ultra::node
