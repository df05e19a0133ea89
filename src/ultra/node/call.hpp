// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/access_list.hpp>
#include <ultra/core/types/authorization.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/evm/host.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/execution/receipt.hpp>
#include <ultra/state/state_view.hpp>
#include <vector>

/// eth_call and eth_estimateGas: a transaction executed without a signature on a state at a
/// block, the way go-ethereum's DoCall and gasestimator do it (internal/ethapi/api.go,
/// eth/gasestimator/gasestimator.go): no nonce check, no EIP-3607 check, the base fee check
/// and the fee purchase only when fees are given, optional state overrides; and the gas estimate
/// by binary search. docs/node.md § Calls.
namespace ultra::node {

/// go-ethereum's default RPCGasCap: the most gas a call or an estimate may use.
inline constexpr uint64_t kDefaultCallGasCap = 50'000'000;

/// A call request (go-ethereum's TransactionArgs; the RPC layer's rpc::CallRequest has the same
/// members). Every member is optional; see call() for the defaults.
struct CallRequest
{
    std::optional<Address> from;                      ///< the caller; default the zero address
    std::optional<Address> to;                        ///< the callee; absent: a creation
    std::optional<uint64_t> gas;                      ///< gas limit
    std::optional<uint256> gas_price;                 ///< legacy price
    std::optional<uint256> max_fee_per_gas;           ///< EIP-1559
    std::optional<uint256> max_priority_fee_per_gas;  ///< EIP-1559
    std::optional<uint256> max_fee_per_blob_gas;      ///< EIP-4844
    std::optional<uint256> value;                     ///< wei; default 0
    std::optional<uint64_t> nonce;                    ///< accepted, not checked
    std::optional<Bytes> input;                       ///< call data or init code
    std::optional<AccessList> access_list;            ///< EIP-2930
    std::optional<TxType> type;                       ///< EIP-2718; inferred when absent
    std::optional<uint64_t> chain_id;                 ///< must be the chain's when given
    std::optional<std::vector<Authorization>> authorization_list;  ///< EIP-7702
    std::optional<std::vector<Hash256>> blob_versioned_hashes;     ///< EIP-4844

    friend bool operator==(const CallRequest&, const CallRequest&) = default;
};

/// A state override of one account (go-ethereum's OverrideAccount): the members set replace the
/// account's; `state` replaces the whole storage, `state_diff` only the slots it names (not
/// both).
struct AccountOverride
{
    std::optional<uint256> balance;                        ///< new balance
    std::optional<uint64_t> nonce;                         ///< new nonce
    std::optional<Bytes> code;                             ///< new code
    std::optional<std::map<Bytes32, Bytes32>> state;       ///< the whole new storage
    std::optional<std::map<Bytes32, Bytes32>> state_diff;  ///< slots to change

    friend bool operator==(const AccountOverride&, const AccountOverride&) = default;
};

/// State overrides by address (eth_call's third parameter).
using StateOverrides = std::map<Address, AccountOverride>;

/// A StateView with overrides applied on top of another view (which must outlive it).
class OverrideStateView final : public state::StateView
{
public:
    /// `base` seen through `overrides` (both must outlive the view).
    OverrideStateView(const state::StateView& base, const StateOverrides& overrides);

    /// The base account with the overridden fields; an overridden absent account exists.
    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override;
    /// The overridden slot, or zero under a whole-storage override, or the base slot.
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override;
    /// An overriding code, or the base's.
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override;
    /// Whether the account has a non-zero slot after the overrides.
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override;

private:
    const state::StateView& base_;
    const StateOverrides& overrides_;
    std::map<Hash256, Bytes> codes_;
};

/// Where a call executes: the chain, the block whose environment the EVM sees (for a "latest"
/// call the head block, for "pending" the next block's header fields), the state to execute on
/// (after that block for "latest"), BLOCKHASH's ancestry, the precompiles.
struct CallContext
{
    const ChainConfig& config;               ///< the chain (revision of `header`)
    const BlockHeader& header;               ///< the block environment
    const state::StateView& state;           ///< the state the call runs on
    const state::BlockHashes& block_hashes;  ///< BLOCKHASH
    /// The chain's precompiles. A set with per-block state (EXECUTE) must be an instance the
    /// caller's thread may use: call() runs its begin_block() on the call's overlay.
    const execution::PrecompileSet& precompiles;
    uint64_t gas_cap = kDefaultCallGasCap;  ///< the most gas a call may use (0: no cap)
};

/// A call that could not run (before execution: the request or the sender's funds), or whose
/// state read failed. `message` is go-ethereum's text; `revert_data` is set for an estimate that
/// reverts (the JSON-RPC error of code 3 carries it).
struct CallError
{
    std::string message;               ///< "insufficient funds for gas * price + value: ..."
    std::optional<Bytes> revert_data;  ///< estimate_gas(): the revert's data
    bool state_unavailable = false;    ///< the state could not answer a read (not the user's)
};

/// What a call did.
struct CallResult
{
    evm::StatusCode status = evm::StatusCode::kSuccess;  ///< how the top frame ended
    /// RETURN data, REVERT data, or for a successful creation the deployed code.
    Bytes output;
    uint64_t gas_used = 0;  ///< as a receipt would have it (after refund and EIP-7623 floor)
    /// The most gas used at any point (before the refund): where an estimate starts.
    uint64_t gas_used_before_refund = 0;
    std::vector<execution::Log> logs;  ///< the logs of a successful call

    /// Whether the call succeeded.
    [[nodiscard]] bool success() const noexcept { return status == evm::StatusCode::kSuccess; }
    /// Whether it ended with REVERT (output holds the revert data).
    [[nodiscard]] bool reverted() const noexcept { return status == evm::StatusCode::kRevert; }

    /// go-ethereum's error text of a failed call: "execution reverted", "execution reverted:
    /// <Error(string) reason or Panic(uint256) meaning>", "out of gas", "invalid opcode: INVALID",
    /// "stack underflow", ...; empty on success.
    [[nodiscard]] std::string error_message() const;
};

/// The revert reason in `data` (Solidity's Error(string) or Panic(uint256), go-ethereum's
/// abi.UnpackRevert), or std::nullopt when `data` is neither.
[[nodiscard]] std::optional<std::string> decode_revert_reason(BytesView data);

/// Executes `request` on ctx.state at ctx.header (go-ethereum's DoCall):
/// - from: the zero address unless given; nonce: the account's (the request's is not checked);
/// - gas: the request's, else the block's gas limit; at most ctx.gas_cap, and from Osaka at most
///   EIP-7825's 2^24;
/// - fees: gasPrice and maxFeePerGas/maxPriorityFeePerGas are exclusive; with no fee (or zero
///   fees) the gas is free and the EVM sees a base fee of 0 (BASEFEE 0, no base fee check);
///   with fees the price is min(tip + base fee, max fee), the max fee must cover the base fee
///   and the sender must hold gas × max fee + value;
/// - the type is the request's, else inferred (authorizations: 4, blob hashes: 3, EIP-1559 fees:
///   2, an access list: 1, else 0) and must be allowed at the revision;
/// - intrinsic gas, the EIP-7623 floor and EIP-3860's init code limit are checked;
/// - the precompiles' begin_block() runs first (EXECUTE reads its fee); nothing is committed.
/// A failed execution (revert, halt) is a CallResult, not a CallError.
[[nodiscard]] Result<CallResult, CallError> call(const CallContext& ctx,
                                                 const CallRequest& request,
                                                 const StateOverrides* overrides = nullptr);

/// The smallest gas limit with which `request` succeeds (go-ethereum's gasestimator with no
/// error ratio): the upper bound is the request's gas (if at least 21,000) or the block's gas
/// limit, capped by EIP-7825 from Osaka, by what the sender's balance pays at the request's fee
/// and by ctx.gas_cap; a plain transfer to an account without code tries 21,000 first; if the
/// call fails at the upper bound the error is its revert ("execution reverted: ..." with the
/// data) or "gas required exceeds allowance (<bound>)"; else a binary search between the gas
/// used - 1 and the bound, after a first try at (gas used before refund + 2300) × 64 / 63.
[[nodiscard]] Result<uint64_t, CallError> estimate_gas(const CallContext& ctx,
                                                       const CallRequest& request,
                                                       const StateOverrides* overrides = nullptr);

/// A receipt's effectiveGasPrice: the gas price of a type 0 or 1 transaction, else
/// min(max priority fee + base fee, max fee) (EIP-1559). `base_fee` is the block's (std::nullopt
/// before London).
[[nodiscard]] uint256 effective_gas_price(const Transaction& tx,
                                          const std::optional<uint256>& base_fee) noexcept;

}  // namespace ultra::node
