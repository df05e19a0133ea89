// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/tx_error.hpp>
#include <vector>

#include "block.hpp"

/// Block building: the producer's side of state_transition(). build_block() assembles and
/// executes a block on top of a parent, choosing transactions from a TransactionSource (the
/// node's mempool) as it goes, and seals a header that state_transition() accepts on the same
/// parent (go-ethereum miner/worker.go, reth's payload builder, execution-specs' fork.py in
/// reverse). The execution itself is apply_body()'s, in steps (BodyExecution).
///
/// Known limitations: no ommers (a pre-Paris block is built as if by a miner who saw none), no
/// proof of work (the Ethash seal is left zero: state_transition() does not check it), no blob
/// sidecars (blob transactions are executed if the source gives them; the node's pool never
/// does).
namespace ultra::execution {

/// What the proposer asks for (the engine API's PayloadAttributes, plus the choices a builder
/// makes itself: gas limit and extra data).
struct PayloadAttributes
{
    uint64_t timestamp = 0;  ///< the block's time; must be after the parent's
    Address fee_recipient;   ///< the coinbase: it earns the priority fees
    /// The header's mix hash: PREVRANDAO from Paris (EIP-4399). Before Paris it is the
    /// proof-of-work mix digest, which is not checked, so any value is accepted.
    Hash256 prev_randao;
    /// EIP-4788 (Cancun): stored by the beacon roots contract and put in the header; ignored
    /// before Cancun.
    Hash256 parent_beacon_block_root;
    /// The gas limit the proposer wants: the block's limit moves from the parent's toward it by
    /// as much as the bounds allow (next_gas_limit()).
    uint64_t gas_limit = 0;
    Bytes extra_data;                     ///< at most 32 bytes
    std::vector<Withdrawal> withdrawals;  ///< EIP-4895 (Shanghai): none on a dev chain
};

/// A transaction offered to the builder, and its sender when the source already knows it
/// (otherwise the builder recovers it).
struct CandidateTransaction
{
    const Transaction* tx = nullptr;  ///< nullptr: the source has nothing more to offer
    std::optional<Address> sender;    ///< the recovered sender, when known
};

/// Where build_block() takes its transactions from, best first: the node's mempool (by effective
/// tip, then arrival, each sender's transactions in nonce order). The builder calls peek(), tries
/// the transaction, then exactly one of accept() or reject() before the next peek().
class TransactionSource
{
public:
    virtual ~TransactionSource() = default;

    /// The next transaction to try (tx == nullptr when none is left). The pointer stays valid
    /// until the next accept() or reject().
    [[nodiscard]] virtual CandidateTransaction peek() = 0;

    /// The transaction peek() gave is in the block: offer the sender's next one in turn.
    virtual void accept() = 0;

    /// The transaction peek() gave is not in the block because of `reason` (it is invalid on
    /// this state, or does not fit what the block has left: kGasAllowanceExceeded,
    /// kType3TxMaxBlobGasAllowanceExceeded): skip it and the rest of its sender's transactions
    /// for this block (their nonces would leave a gap).
    virtual void reject(TxError reason) = 0;
};

/// A TransactionSource over a list given in block order (tests, replays). reject() only moves on:
/// a later transaction of the same sender then fails on its nonce and is rejected in turn.
class TransactionListSource final : public TransactionSource
{
public:
    /// Offers `transactions` in order; they must outlive the source.
    explicit TransactionListSource(std::span<const Transaction> transactions) noexcept
        : transactions_{transactions}
    {}

    /// The next transaction of the list, without a sender.
    [[nodiscard]] CandidateTransaction peek() override;
    /// Moves on.
    void accept() override { ++next_; }
    /// Moves on.
    void reject(TxError) override { ++next_; }

private:
    std::span<const Transaction> transactions_;
    size_t next_ = 0;
};

/// A transaction the builder did not include, and why.
struct RejectedTransaction
{
    Hash256 hash;                   ///< transaction_hash()
    std::optional<Address> sender;  ///< when known or recoverable
    TxError error;                  ///< the reason (validate_transaction()'s)
};

/// A built block: what the node stores and announces.
struct BuiltBlock
{
    Block block;                                ///< sealed: every header field filled
    BlockResult result;                         ///< the state diff, post-state root, receipts
    std::vector<Address> senders;               ///< the sender of each block transaction
    std::vector<RejectedTransaction> rejected;  ///< what the source offered and did not fit
};

/// go-ethereum's CalcGasLimit: the gas limit of a child of a block with gas limit
/// `parent_gas_limit`, moved toward `desired` by at most parent_gas_limit / 1024 - 1 (strictly
/// inside the Yellow Paper §4.3.4 bound), and never below 5000 (kMinGasLimit) nor above
/// kMaxGasLimit. At the London fork block pass the parent's limit times 2 (EIP-1559).
[[nodiscard]] uint64_t next_gas_limit(uint64_t parent_gas_limit, uint64_t desired) noexcept;

/// The most transaction bytes build_block() puts in an Osaka block: EIP-7934's 8 MiB RLP limit
/// less 1 MiB for the header, the list framing and the withdrawals (go-ethereum's miner keeps
/// the same buffer zone).
inline constexpr size_t kMaxBlockTransactionBytes = kMaxRlpBlockSize - 1'048'576;

/// Builds a block on `chain.parent` (the block number after it, the revision of
/// `attributes.timestamp`) and executes it on `chain.parent_state`:
/// 1. the header fields known before execution: parent hash, number, time, coinbase, gas limit
///    (next_gas_limit() toward attributes.gas_limit; EIP-1559 doubles the parent's at the London
///    fork block), base fee (EIP-1559: the parent's by the 1/8 rule, 1 gwei at the fork block),
///    difficulty (the formula before Paris, 0 after: EIP-3675), mix hash = prev_randao, nonce 0,
///    ommers hash of none, excess blob gas (EIP-4844, EIP-7691, EIP-7918), parent beacon block
///    root (EIP-4788); checked with validate_header() before anything runs;
/// 2. BodyExecution::begin() (the system calls);
/// 3. the source's transactions, best first, each applied if valid and if it fits the gas,
///    blob gas and (Osaka) size the block has left, else rejected and skipped (not an error);
///    building stops when less than 21,000 gas is left, the source is empty, or the next
///    transaction would pass kMaxBlockTransactionBytes;
/// 4. BodyExecution::finish() with attributes.withdrawals (Shanghai), the requests (Prague);
/// 5. the header fields execution gives: gas used, blob gas used, logs bloom, receipts root,
///    transactions root, withdrawals root (EIP-4895), requests hash (EIP-7685) and the state
///    root from `chain.state_roots`.
///
/// state_transition(chain, result.block) on the same chain accepts the block and gives the same
/// diff and roots. Errors: a header rule the attributes break (kTimestampNotAfterParent,
/// kExtraDataTooLong, kInvalidDaoExtraData, ...), a block-level execution failure (e.g.
/// kSystemContractEmpty: a Prague chain without the EIP-7002 contract), or the state view
/// failing a read. `chain.ancestors` and `chain.stop_past_header_gas_used` are not used.
[[nodiscard]] Result<BuiltBlock, BlockFailure> build_block(const ChainContext& chain,
                                                           const PayloadAttributes& attributes,
                                                           TransactionSource& source);

}  // namespace ultra::execution
