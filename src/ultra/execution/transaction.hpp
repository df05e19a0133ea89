// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <ultra/core/result.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/transaction_validation.hpp>
#include <ultra/evm/vm.hpp>
#include <ultra/state/state.hpp>
#include <ultra/state/state_view.hpp>

#include "block_env.hpp"
#include "host.hpp"
#include "precompile_set.hpp"
#include "receipt.hpp"

namespace ultra::execution {

/// Why a transaction could not be applied: it is invalid (a consensus outcome: the block that
/// holds it is invalid), or the state could not answer a read (a witness lacked data: not a
/// consensus outcome, the caller aborts).
struct TxFailure
{
    std::optional<TxError> invalid;                ///< set when the transaction is invalid
    std::optional<state::StateError> state_error;  ///< set when the state could not answer

    /// "invalid: <reason>" or "state unavailable: <reason>".
    [[nodiscard]] std::string to_string() const;
};

/// What validation computed and execution needs (execution-specs check_transaction outputs).
struct TxProperties
{
    Address sender;
    IntrinsicGas intrinsic;
    uint256 effective_gas_price;  ///< what the sender pays per gas (EIP-1559)
    uint256 priority_fee;         ///< what the coinbase gets per gas
    uint64_t blob_gas = 0;        ///< EIP-4844 blob gas of the transaction
};

/// The chain data a transaction executes with.
struct ExecutionContext
{
    const BlockEnv& block;
    const state::BlockHashes& block_hashes;
    const PrecompileSet& precompiles;
    evm::Vm& vm;
    CodeCache& code_cache;
};

/// Every validity check of `tx` at `rev` against the state and the block, without changing
/// anything (GUIDE rule 6): the static checks (validate_transaction_static), sender recovery,
/// then gas and blob gas left in the block, fee caps against the base fees (EIP-1559,
/// EIP-4844), the sender's nonce (EIP-2681), balance, and EIP-3607 (the sender has no code
/// other than an EIP-7702 delegation). Mirrors execution-specs check_transaction().
/// `sender` may be given when already known (state tests give it; blocks recover it).
[[nodiscard]] Result<TxProperties, TxFailure> validate_transaction(state::State& state,
                                                                   const BlockEnv& block,
                                                                   const Transaction& tx,
                                                                   Revision rev,
                                                                   uint64_t block_gas_left,
                                                                   uint64_t blob_gas_left,
                                                                   std::optional<Address> sender);

/// What executing a transaction produced besides its receipt: how the top frame ended and what
/// it returned (the node's eth_call and eth_estimateGas report them; blocks only need the
/// receipt).
struct TxExecution
{
    TxReceipt receipt;                                   ///< cumulative_gas_used left to the block
    evm::StatusCode status = evm::StatusCode::kSuccess;  ///< how the top frame ended
    /// RETURN or REVERT data of the top frame (for a successful creation: the deployed code).
    Bytes output;
    /// The gas used before the refund and the EIP-7623 floor: the most the execution needed at
    /// any point (what a gas estimate starts from).
    uint64_t gas_used_before_refund = 0;
};

/// The execution part of apply_transaction(), after validation: buys gas at
/// `props.effective_gas_price`, increments the nonce, warms the EIP-2929 sets, applies EIP-7702
/// authorizations, runs the message, refunds (EIP-3529 cap), applies the EIP-7623 floor, pays
/// the coinbase `props.priority_fee` per gas and finalises the transaction in `state`.
///
/// Preconditions (validate_transaction() establishes them; a simulated call establishes them
/// itself): the sender's balance covers gas_limit × effective gas price + blob fee + value, its
/// nonce is below 2^64 - 1, tx.gas_limit >= props.intrinsic.minimum(). The sender's nonce is
/// not compared with tx.nonce; a creation's address comes from tx.nonce.
[[nodiscard]] Result<TxExecution, TxFailure> execute_transaction(state::State& state,
                                                                 const ExecutionContext& ctx,
                                                                 const Transaction& tx,
                                                                 Revision rev,
                                                                 const TxProperties& props);

/// Validates and applies one transaction to `state` (execution-specs process_transaction):
/// buys gas, increments the nonce, warms the EIP-2929 sets, applies EIP-7702 authorizations,
/// runs the message, refunds (EIP-3529 cap), applies the EIP-7623 floor, pays the coinbase,
/// and finalises the transaction in `state` (deletions per EIP-161/6780). On failure the state
/// is unchanged. The receipt's cumulative_gas_used is left for the block to fill.
[[nodiscard]] Result<TxReceipt, TxFailure> apply_transaction(state::State& state,
                                                             const ExecutionContext& ctx,
                                                             const Transaction& tx,
                                                             Revision rev,
                                                             uint64_t block_gas_left,
                                                             uint64_t blob_gas_left,
                                                             std::optional<Address> sender = {});

}  // namespace ultra::execution
