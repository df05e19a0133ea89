// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/tx_error.hpp>
#include <ultra/evm/vm.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state.hpp>
#include <ultra/state/state_diff.hpp>
#include <ultra/state/state_view.hpp>
#include <vector>

#include "block_env.hpp"
#include "header_validation.hpp"
#include "host.hpp"
#include "precompile_set.hpp"
#include "receipt.hpp"
#include "requests.hpp"
#include "transaction.hpp"

/// Block execution shaped like execution-specs fork.py (GUIDE rule 7, example 10):
/// state_transition() validates a block against its parent, runs apply_body() on an overlay of
/// the parent state and compares every root and total with the header. The EXECUTE precompile,
/// the nodes, the stateless validator and the blockchain-test runner all call these functions.
///
/// Known limitations: the Ethash seal is not checked here (it needs a per-epoch cache the caller
/// owns: crypto/ethash.hpp verify_seal()); fork choice and the block store are the caller's.
namespace ultra::execution {

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// The rules of block execution (apply_body) that make a block invalid, besides the header and
/// result rules of BlockError. to_string() gives the execution-spec-tests exception name.
enum class BodyError : uint8_t
{
    kInvalidTransaction,         ///< a transaction is invalid (BlockFailure::tx says why)
    kSystemContractEmpty,        ///< EIP-7002 / EIP-7251: a request contract has no code
    kSystemContractCallFailed,   ///< EIP-7002 / EIP-7251: a request system call failed
    kInvalidDepositEventLayout,  ///< EIP-6110: a deposit log does not have the ABI layout
};

/// "INVALID_TRANSACTION", "SYSTEM_CONTRACT_EMPTY", "SYSTEM_CONTRACT_CALL_FAILED",
/// "INVALID_DEPOSIT_EVENT_LAYOUT".
[[nodiscard]] std::string_view to_string(BodyError e) noexcept;

/// Why a block was rejected, or could not be executed. Exactly one of `block`, `body` and
/// `state_error` is set. `state_error` is not a consensus outcome: the state view could not
/// answer a read (an incomplete witness, a storage failure) and the caller must not conclude
/// that the block is invalid.
struct BlockFailure
{
    std::optional<BlockError> block;  ///< a header, shape, ommer or result rule
    std::optional<BodyError> body;    ///< an execution rule
    std::optional<TxError> tx;        ///< with body == kInvalidTransaction: the reason
    size_t tx_index = 0;              ///< with body == kInvalidTransaction: the position
    std::optional<state::StateError> state_error;  ///< the view failed a read

    /// For a result the header disagrees with (kInvalidGasUsed, kInvalidStateRoot, ...): what
    /// execution computed and what the header holds (roots as 32-byte values, totals as
    /// numbers).
    struct Mismatch
    {
        Bytes32 computed;  ///< what execution produced
        Bytes32 header;    ///< what the header says
    };
    std::optional<Mismatch> mismatch;  ///< set for result mismatches

    /// A block rule failure.
    [[nodiscard]] static BlockFailure of(BlockError e) noexcept;
    /// A result mismatch: rule `e`, computed value, header value.
    [[nodiscard]] static BlockFailure mismatched(BlockError e,
                                                 const Bytes32& computed,
                                                 const Bytes32& header) noexcept;
    /// An execution rule failure.
    [[nodiscard]] static BlockFailure of(BodyError e) noexcept;
    /// An invalid transaction.
    [[nodiscard]] static BlockFailure invalid_transaction(TxError e, size_t index) noexcept;
    /// A state read the view could not answer.
    [[nodiscard]] static BlockFailure unavailable(state::StateError e) noexcept;

    /// Whether the block is invalid (false: the failure is the state view's).
    [[nodiscard]] bool is_invalid() const noexcept { return !state_error.has_value(); }

    /// "INVALID_GAS_USED (computed 21000, header 21001)", "INVALID_TRANSACTION (tx 2:
    /// NONCE_MISMATCH_TOO_LOW)", "state unavailable: ...".
    [[nodiscard]] std::string to_string() const;
};

// ---------------------------------------------------------------------------------------------
// Receipts and roots
// ---------------------------------------------------------------------------------------------

/// A receipt as the receipts trie holds it (Yellow Paper §4.3.1, EIP-658, EIP-2718):
/// rlp([status, cumulative_gas_used, bloom, logs]), prefixed with the type byte for a typed
/// transaction. From Byzantium the status is 1 or empty; before, pass the intermediate state
/// root as `post_state`, which takes the status's place.
[[nodiscard]] Bytes encode_receipt(const TxReceipt& receipt,
                                   const std::optional<Hash256>& post_state = std::nullopt);

/// The transactions root: the ordered trie of encode_transaction() (EIP-2718 envelopes).
[[nodiscard]] Hash256 transactions_root(std::span<const Transaction> transactions);

/// The withdrawals root (EIP-4895): the ordered trie of rlp(withdrawal).
[[nodiscard]] Hash256 withdrawals_root(std::span<const Withdrawal> withdrawals);

// ---------------------------------------------------------------------------------------------
// Block execution
// ---------------------------------------------------------------------------------------------

/// Computes state roots over a block's parent state: the post-state root state_transition()
/// compares with the header and, before Byzantium, the intermediate root of every receipt.
/// Implementations: InMemoryStateRoots (an in-memory parent), the node's store, the stateless
/// validator's sparse trie.
class StateRootProvider
{
public:
    virtual ~StateRootProvider() = default;

    /// The root of the parent state with `diff` applied (StateDiff's contract).
    [[nodiscard]] virtual Result<Hash256, state::StateError> state_root(
        const state::StateDiff& diff) = 0;
};

/// A StateRootProvider over an in-memory parent state: applies the diff to a copy and hashes
/// it (cost linear in the size of the state). The parent must outlive it.
class InMemoryStateRoots final : public StateRootProvider
{
public:
    /// Roots over `parent`.
    explicit InMemoryStateRoots(const state::InMemoryState& parent) noexcept : parent_{parent} {}

    /// The root of the parent with `diff` applied; keeps that post-state (see take_post_state()).
    [[nodiscard]] Result<Hash256, state::StateError> state_root(
        const state::StateDiff& diff) override;

    /// The post-state of the last state_root() call, moved out (std::nullopt if none), so that a
    /// caller that needs the whole post-state does not apply the diff twice.
    [[nodiscard]] std::optional<state::InMemoryState> take_post_state() noexcept;

private:
    const state::InMemoryState& parent_;
    std::optional<state::InMemoryState> last_;
};

/// The context apply_body() executes a body in (execution-specs BlockEnvironment): the chain, the
/// block's revision and EVM environment, and the header fields the system calls take.
struct BlockContext
{
    const ChainConfig& config;  ///< the chain (the DAO fork block)
    Revision rev;               ///< the block's revision
    const BlockEnv& env;        ///< what the EVM sees of the block
    Hash256 parent_hash;        ///< EIP-2935: stored by the history contract (Prague)
    /// EIP-4788: stored by the beacon roots contract (Cancun); required from Cancun.
    std::optional<Hash256> parent_beacon_block_root;
    const state::BlockHashes& block_hashes;  ///< BLOCKHASH
    const PrecompileSet& precompiles;        ///< the chain's precompiles (GUIDE rule 8)
    /// EIP-6110: whose DepositEvent logs are deposit requests.
    Address deposit_contract = kMainnetDepositContractAddress;
    /// Required before Byzantium (receipts carry the intermediate state root, YP §4.3.1);
    /// unused after.
    StateRootProvider* intermediate_roots = nullptr;
    /// When set, execution stops as soon as the cumulative gas used passes it (the block is then
    /// invalid with kInvalidGasUsed): EXECUTE stops at the claimed gasUsed (SPEC.md § EXECUTE).
    std::optional<uint64_t> max_gas_used{};
};

/// What executing a body produced (execution-specs BlockOutput).
struct BlockOutput
{
    uint64_t block_gas_used = 0;      ///< the gas of every transaction (header gas_used)
    uint64_t blob_gas_used = 0;       ///< EIP-4844: the blob gas of every transaction
    std::vector<TxReceipt> receipts;  ///< one per transaction, cumulative gas filled
    /// Before Byzantium: the state root after each transaction (the receipts' first field).
    std::vector<Hash256> intermediate_state_roots;
    /// EIP-7685: the non-empty type-prefixed requests, in increasing type (Prague).
    std::vector<Bytes> requests;

    /// The union of the receipts' blooms (the header's logs_bloom).
    [[nodiscard]] Bloom logs_bloom() const noexcept;
    /// The receipts root (encode_receipt() of each receipt, in an ordered trie).
    [[nodiscard]] Hash256 receipts_root() const;
};

/// The EVM's view of the block `header` at revision `rev` on `config`: number, time, gas limit,
/// coinbase, difficulty or PREVRANDAO (EIP-4399), base fee (EIP-1559), blob base fee and blob
/// gas limit from the blob schedule in force (EIP-4844, EIP-7691, EIP-7892), chain id.
[[nodiscard]] BlockEnv make_block_env(const ChainConfig& config,
                                      const BlockHeader& header,
                                      Revision rev) noexcept;

/// The DAO fork's irregular state change (mainnet block 1,920,000; execution-specs
/// dao_fork/dao.py apply_dao): the whole balance of each of the 116 DAO accounts moves to
/// kDaoRecoveryAddress. Every account named is written, so absent ones are created empty (as
/// go-ethereum's ApplyDAOHardFork does; no empty-account deletion applies before EIP-161).
void apply_dao(state::State& state);

/// The DAO fork's recovery contract 0xbf4ed7b27f1d666546e30d74d50d173d20bca754.
inline constexpr Address kDaoRecoveryAddress =
    detail::hex_constant<20>("bf4ed7b27f1d666546e30d74d50d173d20bca754");

/// The DAO accounts whose balances apply_dao() moves (execution-specs DAO_ACCOUNTS).
[[nodiscard]] std::span<const Address> dao_accounts() noexcept;

/// Executes a block body on `state` (execution-specs apply_body; before Paris also
/// pay_rewards): in order
/// 1. the DAO fork's state change at the DAO fork block (execution-specs applies it in
///    state_transition just before apply_body; here every caller of apply_body gets it);
/// 2. the precompile set's begin_block() (EXECUTE's market: docs/execute.md); from Cancun the
///    EIP-4788 beacon roots system call, from Prague the EIP-2935 history system call (both
///    skipped when the contract has no code, and their failure is ignored);
/// 3. the transactions in order, each against the gas and blob gas the block has left; an
///    invalid transaction makes the block invalid;
/// 4. from Shanghai the withdrawals (EIP-4895: amount × 10^9 wei, and a withdrawal that leaves
///    its recipient empty does not create it);
/// 5. from Prague the requests (EIP-7685): deposits from the receipts' logs (EIP-6110), then
///    the EIP-7002 and EIP-7251 system calls, whose target must have code and whose call must
///    succeed (execution-specs process_checked_system_transaction);
/// 6. before Paris the block and ommer rewards (Yellow Paper §11.3);
/// 7. the precompile set's end_block().
///
/// Precondition: `state` is between transactions; the body's shape was validated
/// (validate_block_shape()). Does not compare anything with the header: state_transition()
/// does. On failure `state` is left part-way and must be discarded.
[[nodiscard]] Result<BlockOutput, BlockFailure> apply_body(
    state::State& state,
    const BlockContext& ctx,
    std::span<const Transaction> transactions,
    std::span<const BlockHeader> ommers,
    std::span<const Withdrawal> withdrawals);

/// apply_body() in steps, for a caller that chooses the transactions as it goes (the block
/// builder, block_builder.hpp): begin() runs steps 1-2 of apply_body(), apply() step 3 for one
/// transaction, finish() steps 4-7. apply_body() itself is begin(), apply() for each
/// transaction, finish(). Owns the interpreter buffers and the code cache of the block.
///
/// Call begin() once, then apply() any number of times, then finish() once. After a failure
/// other than an invalid transaction (see apply()), `state` must be discarded.
class BodyExecution
{
public:
    /// A body executed on `state` in `ctx`; both must outlive it.
    BodyExecution(state::State& state, const BlockContext& ctx) noexcept;

    BodyExecution(const BodyExecution&) = delete;
    BodyExecution& operator=(const BodyExecution&) = delete;

    /// Steps 1-2 of apply_body(): the DAO fork's change, the precompiles' begin_block(), the
    /// EIP-4788 and EIP-2935 system calls.
    [[nodiscard]] Result<void, BlockFailure> begin();

    /// Step 3 of apply_body() for one transaction: applies `tx` against the gas and blob gas
    /// the block has left, appends its receipt (cumulative gas filled) and, before Byzantium,
    /// the intermediate state root. `sender` may be given when already recovered.
    ///
    /// An invalid transaction (failure.body == kInvalidTransaction, failure.tx the reason,
    /// failure.tx_index the position it would have had) changes neither `state` nor output(),
    /// so the caller may go on with another one. Any other failure is fatal.
    [[nodiscard]] Result<void, BlockFailure> apply(const Transaction& tx,
                                                   std::optional<Address> sender = {});

    /// Steps 4-7 of apply_body(): withdrawals (EIP-4895), requests (EIP-7685), rewards before
    /// Paris, the precompiles' end_block(); then the output, moved out.
    [[nodiscard]] Result<BlockOutput, BlockFailure> finish(std::span<const BlockHeader> ommers,
                                                           std::span<const Withdrawal> withdrawals);

    /// The output so far: the gas and blob gas used and the receipts of the applied
    /// transactions.
    [[nodiscard]] const BlockOutput& output() const noexcept { return out_; }

private:
    state::State& state_;
    const BlockContext& ctx_;
    evm::Vm vm_;
    CodeCache code_cache_;
    ExecutionContext exec_;
    BlockOutput out_;
};

/// The chain a block is imported onto: what state_transition() needs besides the block.
struct ChainContext
{
    const ChainConfig& config;  ///< the fork schedule
    const BlockHeader& parent;  ///< the parent header
    /// The parent's total difficulty, when the chain's Merge activates by total difficulty
    /// (ChainConfig::has_total_difficulty_fork()); ignored otherwise.
    std::optional<uint256> parent_total_difficulty;
    /// The block's recent ancestors for ommer validation, parent first, up to 7 (fewer near
    /// genesis); may be empty from Paris (no ommers).
    std::span<const OmmerAncestor> ancestors;
    const state::StateView& parent_state;    ///< the state after the parent
    StateRootProvider& state_roots;          ///< roots over parent_state
    const state::BlockHashes& block_hashes;  ///< BLOCKHASH: the parent's ancestry
    const PrecompileSet& precompiles;        ///< the chain's precompiles
    /// EIP-6110: the chain's deposit contract.
    Address deposit_contract = kMainnetDepositContractAddress;
    /// Stop executing as soon as the cumulative gas used passes the header's gasUsed (the block
    /// is then invalid with kInvalidGasUsed, computed = the gas used so far): EXECUTE's rule that
    /// makes charging the claimed gas safe. Off for ordinary import, where the fixtures expect the
    /// error of the first failing rule.
    bool stop_past_header_gas_used = false;
};

/// What a valid block did.
struct BlockResult
{
    Revision rev = Revision::kFrontier;  ///< the block's revision
    state::StateDiff diff;               ///< the change to the parent state
    Hash256 state_root;                  ///< the post-state root (equals the header's)
    BlockOutput output;                  ///< receipts, requests, totals
};

/// Imports `block` onto `chain` (execution-specs state_transition): the shape (EIP-4895
/// withdrawals presence, EIP-7934 size from Osaka), validate_header() against the parent,
/// validate_ommers() before Paris, the transactions and withdrawals roots, apply_body() on a
/// State overlay of the parent state, then gas used, blob gas used (EIP-4844), receipts root,
/// logs bloom, requests hash (EIP-7685) and state root against the header.
///
/// Not checked: the block's RLP (the caller decoded it), the Ethash seal (verify_seal() with the
/// caller's cache), fork choice. The parent state is only read.
[[nodiscard]] Result<BlockResult, BlockFailure> state_transition(const ChainContext& chain,
                                                                 const Block& block);

}  // namespace ultra::execution
