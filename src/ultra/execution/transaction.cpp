// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "transaction.hpp"

#include <ultra/core/types/authorization.hpp>
#include <ultra/evm/interpreter.hpp>

namespace ultra::execution {
namespace {
constexpr uint64_t kMaxNonce = UINT64_MAX;
constexpr uint64_t kPerAuthBaseCost = 12500;      // EIP-7702 PER_AUTH_BASE_COST
constexpr uint64_t kPerEmptyAccountCost = 25000;  // EIP-7702 PER_EMPTY_ACCOUNT_COST

Unexpected<TxFailure> invalid(TxError e)
{
    return unexpected(TxFailure{e, std::nullopt});
}

Unexpected<TxFailure> unavailable(state::StateError e)
{
    return unexpected(TxFailure{std::nullopt, e});
}

Bytes delegation_designator(const Address& delegate)
{
    Bytes code{0xef, 0x01, 0x00};
    code += delegate.view();
    return code;
}

/// EIP-7702 set_delegation: applies every valid authorization; returns the refund earned by
/// authorities that already existed.
uint64_t apply_authorizations(state::State& state, const Transaction& tx, uint64_t chain_id)
{
    uint64_t refund = 0;
    for (const auto& auth : tx.authorization_list) {
        const auto authority = recover_authority(auth, chain_id);
        if (!authority) continue;
        state.access_account(*authority);
        const BytesView code = state.get_code(*authority);
        if (!code.empty() && !delegation_target(code)) continue;
        if (state.get_nonce(*authority) != auth.nonce) continue;
        if (state.exists(*authority)) refund += kPerEmptyAccountCost - kPerAuthBaseCost;
        if (auth.address.is_zero())
            state.set_code(*authority, {});
        else
            state.set_code(*authority, delegation_designator(auth.address));
        state.increment_nonce(*authority);
    }
    return refund;
}
}  // namespace

std::string TxFailure::to_string() const
{
    if (invalid) return "invalid: " + std::string{ultra::to_string(*invalid)};
    if (state_error) return "state unavailable: " + std::string{state::to_string(*state_error)};
    return "unknown failure";
}

Result<TxProperties, TxFailure> validate_transaction(state::State& state,
                                                     const BlockEnv& block,
                                                     const Transaction& tx,
                                                     Revision rev,
                                                     uint64_t block_gas_left,
                                                     uint64_t blob_gas_left,
                                                     std::optional<Address> sender)
{
    auto intrinsic = validate_transaction_static(tx, rev, block.chain_id);
    if (!intrinsic) return invalid(intrinsic.error());

    TxProperties props;
    props.intrinsic = *intrinsic;
    if (tx.gas_limit > block_gas_left) return invalid(TxError::kGasAllowanceExceeded);
    props.blob_gas = kGasPerBlob * tx.blob_versioned_hashes.size();
    if (props.blob_gas > blob_gas_left)
        return invalid(TxError::kType3TxMaxBlobGasAllowanceExceeded);

    if (sender) {
        props.sender = *sender;
    } else {
        auto recovered = recover_sender(tx);
        if (!recovered) return invalid(recovered.error());
        props.sender = *recovered;
    }

    // EIP-1559 fee arithmetic (types 0 and 1 hold their gas price in both fee fields).
    if (tx.max_fee_per_gas < block.base_fee) return invalid(TxError::kInsufficientMaxFeePerGas);
    const uint256 headroom = tx.max_fee_per_gas - block.base_fee;
    props.priority_fee = std::min(tx.max_priority_fee_per_gas, headroom);
    props.effective_gas_price = props.priority_fee + block.base_fee;
    // Checked by validate_transaction_static: gas_limit * max_fee fits 256 bits.
    uint256 max_cost = uint256{tx.gas_limit} * tx.max_fee_per_gas;
    if (tx.type == TxType::kBlob) {
        if (tx.max_fee_per_blob_gas < block.blob_base_fee)
            return invalid(TxError::kInsufficientMaxFeePerBlobGas);
        max_cost += uint256{props.blob_gas} * tx.max_fee_per_blob_gas;
    }

    const uint64_t nonce = state.get_nonce(props.sender);
    const uint256 balance = state.get_balance(props.sender);
    const BytesView code = state.get_code(props.sender);
    if (auto e = state.error()) return unavailable(*e);
    if (nonce < tx.nonce) return invalid(TxError::kNonceMismatchTooHigh);
    if (nonce > tx.nonce) return invalid(TxError::kNonceMismatchTooLow);
    if (nonce == kMaxNonce) return invalid(TxError::kNonceIsMax);
    // The sum cannot wrap for a valid balance: both terms are far below 2^255 in practice,
    // but compare without overflow anyway.
    const uint256 total = max_cost + tx.value;
    if (total < max_cost || balance < total) return invalid(TxError::kInsufficientAccountFunds);
    // EIP-3607: only externally owned accounts (or EIP-7702-delegated ones) send transactions.
    if (!code.empty() && !(rev >= Revision::kPrague && delegation_target(code)))
        return invalid(TxError::kSenderNotEoa);
    return props;
}

Result<TxReceipt, TxFailure> apply_transaction(state::State& state,
                                               const ExecutionContext& ctx,
                                               const Transaction& tx,
                                               Revision rev,
                                               uint64_t block_gas_left,
                                               uint64_t blob_gas_left,
                                               std::optional<Address> sender_hint)
{
    ULTRA_TRY(const TxProperties props,
              validate_transaction(state, ctx.block, tx, rev, block_gas_left, blob_gas_left,
                                   sender_hint));
    ULTRA_TRY(TxExecution execution, execute_transaction(state, ctx, tx, rev, props));
    return std::move(execution.receipt);
}

Result<TxExecution, TxFailure> execute_transaction(state::State& state,
                                                   const ExecutionContext& ctx,
                                                   const Transaction& tx,
                                                   Revision rev,
                                                   const TxProperties& props)
{
    const Address& sender = props.sender;
    const BlockEnv& block = ctx.block;

    // Buy gas; the blob fee is burnt (EIP-4844).
    state.increment_nonce(sender);
    state.sub_balance(sender, uint256{tx.gas_limit} * props.effective_gas_price +
                                  uint256{props.blob_gas} * block.blob_base_fee);

    // EIP-2929/2930 warm sets (EIP-3651: the coinbase from Shanghai).
    if (rev >= Revision::kBerlin) {
        state.access_account(sender);
        if (tx.to) state.access_account(*tx.to);
        ctx.precompiles.for_each(
            rev,
            [](const Address& a, void* s) { static_cast<state::State*>(s)->access_account(a); },
            &state);
        for (const auto& entry : tx.access_list) {
            state.access_account(entry.address);
            for (const auto& key : entry.storage_keys) state.access_storage(entry.address, key);
        }
        if (rev >= Revision::kShanghai) state.access_account(block.coinbase);
    }

    Host host{state, rev, block, ctx.block_hashes, ctx.precompiles, ctx.vm, ctx.code_cache};
    host.set_tx(sender, props.effective_gas_price, tx.blob_versioned_hashes);

    evm::Message msg;
    msg.gas = static_cast<int64_t>(tx.gas_limit - props.intrinsic.intrinsic);
    msg.sender = sender;
    msg.value = tx.value;
    msg.input = tx.data;

    int64_t refund = 0;
    evm::CallResult result;
    if (!tx.to) {
        msg.kind = evm::CallKind::kCreate;
        const Address new_address = create_address(sender, tx.nonce);
        if (rev >= Revision::kBerlin) state.access_account(new_address);
        msg.recipient = new_address;
        msg.code_address = new_address;
        result = host.create_at_top_level(msg, new_address);
    } else {
        msg.kind = evm::CallKind::kCall;
        msg.recipient = *tx.to;
        msg.code_address = *tx.to;
        if (tx.type == TxType::kSetCode)
            refund += static_cast<int64_t>(apply_authorizations(state, tx, block.chain_id));
        if (rev >= Revision::kPrague) {
            if (const auto delegate = delegation_target(state.get_code(*tx.to))) {
                state.access_account(*delegate);
                msg.code_address = *delegate;
                msg.is_delegated = true;
            }
        }
        result = host.call(msg);
    }
    host.check_state_error();
    if (host.has_internal_error() || result.status == evm::StatusCode::kInternalError)
        return unavailable(state.error().value_or(state::StateError::kMissingData));

    const bool success = result.status == evm::StatusCode::kSuccess;
    if (success) refund += result.gas_refund;

    // Refund (EIP-3529 from London: at most a fifth of the gas used; a half before), then the
    // EIP-7623 floor.
    const uint64_t gas_used_before_refund = tx.gas_limit - static_cast<uint64_t>(result.gas_left);
    const uint64_t max_refund = gas_used_before_refund / (rev >= Revision::kLondon ? 5 : 2);
    const uint64_t refund_applied =
        std::min(max_refund, static_cast<uint64_t>(std::max<int64_t>(refund, 0)));
    uint64_t gas_used = gas_used_before_refund - refund_applied;
    gas_used = std::max(gas_used, props.intrinsic.floor);

    state.add_balance(sender, uint256{tx.gas_limit - gas_used} * props.effective_gas_price);
    // The coinbase is credited (and created) even with a zero fee; from Spurious Dragon an
    // empty coinbase is then deleted as a touched empty account.
    state.add_balance(block.coinbase, uint256{gas_used} * props.priority_fee);
    state.touch(block.coinbase);

    TxExecution out;
    TxReceipt& receipt = out.receipt;
    receipt.type = tx.type;
    receipt.success = success;
    receipt.gas_used = gas_used;
    receipt.blob_gas_used = props.blob_gas;
    if (success) receipt.logs = std::move(host.logs());
    receipt.bloom = logs_bloom(receipt.logs);
    out.status = result.status;
    out.output = std::move(result.output);
    out.gas_used_before_refund = gas_used_before_refund;
    // A successful creation returns its deployed code (the host keeps it in the account).
    if (success && !tx.to) out.output = Bytes{state.get_code(result.create_address)};

    state.finalize_transaction(rev);
    if (auto e = state.error()) return unavailable(*e);
    return out;
}

}  // namespace ultra::execution
