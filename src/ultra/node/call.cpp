// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "call.hpp"

#include <algorithm>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/transaction_validation.hpp>
#include <ultra/evm/vm.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/host.hpp>
#include <ultra/execution/transaction.hpp>
#include <ultra/rpc/error.hpp>
#include <ultra/state/state.hpp>

namespace ultra::node {
namespace {

/// The gas of a plain transfer (G_transaction).
constexpr uint64_t kTransferGas = kTxBaseGas;
/// The stipend a value-bearing CALL adds (go-ethereum's params.CallStipend).
constexpr uint64_t kCallStipend = 2300;

std::string dec(const uint256& v)
{
    return to_string(v);
}

std::string dec(uint64_t v)
{
    return std::to_string(v);
}

std::string hex(const Address& a)
{
    return to_0x_hex(a.view());
}

/// Why a call could not run. `gas_too_low` marks the failures a larger gas limit would fix
/// (intrinsic gas, EIP-7623 floor), which gas estimation treats as a failed run, not an error.
struct Failure
{
    CallError error;
    bool gas_too_low = false;
};

Unexpected<Failure> fail(std::string message, bool gas_too_low = false)
{
    return unexpected(Failure{CallError{std::move(message), std::nullopt, false}, gas_too_low});
}

Unexpected<Failure> unavailable(state::StateError e)
{
    return unexpected(Failure{
        CallError{"state unavailable: " + std::string{state::to_string(e)}, std::nullopt, true},
        false});
}

/// The call as a transaction, with the figures execute_transaction() takes.
struct PreparedCall
{
    Transaction tx;
    Revision rev = Revision::kFrontier;
    execution::BlockEnv env;
    execution::TxProperties props;
};

/// The request's type when it gives none (go-ethereum's TransactionArgs.ToTransaction order).
TxType infer_type(const CallRequest& r) noexcept
{
    if (r.type) return *r.type;
    if (r.authorization_list) return TxType::kSetCode;
    if (r.blob_versioned_hashes) return TxType::kBlob;
    if (r.max_fee_per_gas || r.max_priority_fee_per_gas) return TxType::kDynamicFee;
    if (r.access_list) return TxType::kAccessList;
    return TxType::kLegacy;
}

/// go-ethereum's CallDefaults + ToMessage + the pre-checks of state_transition.go that a call
/// keeps, for a run with `gas` gas on `st`.
Result<PreparedCall, Failure> prepare(const CallContext& ctx,
                                      const CallRequest& req,
                                      state::State& st,
                                      uint64_t gas)
{
    PreparedCall p;
    const BlockHeader& header = ctx.header;
    p.rev = ctx.config.revision_at(header.number, header.timestamp);
    const Revision rev = p.rev;
    p.env = execution::make_block_env(ctx.config, header, rev);

    if (req.chain_id && *req.chain_id != ctx.config.chain_id)
        return fail("chainId does not match node's (have=" + dec(*req.chain_id) +
                    ", want=" + dec(ctx.config.chain_id) + ")");
    if (req.gas_price && (req.max_fee_per_gas || req.max_priority_fee_per_gas))
        return fail("both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");

    // Fees. EIP-1559 from London; without any fee the gas is free and the EVM sees no base fee.
    const bool london = rev >= Revision::kLondon;
    const uint256 base_fee = p.env.base_fee;
    uint256 fee_cap;
    uint256 tip;
    uint256 price;
    if (!london || req.gas_price) {
        fee_cap = tip = price = req.gas_price.value_or(0);
    } else {
        fee_cap = req.max_fee_per_gas.value_or(0);
        tip = req.max_priority_fee_per_gas.value_or(0);
        if (tip > fee_cap)
            return fail("maxFeePerGas (" + dec(fee_cap) + ") < maxPriorityFeePerGas (" + dec(tip) +
                        ")");
        if (fee_cap != 0 || tip != 0) price = std::min(tip + base_fee, fee_cap);
    }
    const Address from = req.from.value_or(Address{});
    if (london && (fee_cap != 0 || tip != 0) && fee_cap < base_fee)
        return fail("max fee per gas less than block base fee: address " + hex(from) +
                    ", maxFeePerGas: " + dec(fee_cap) + ", baseFee: " + dec(base_fee));
    if (price == 0) p.env.base_fee = 0;  // go-ethereum lowers the base fee of a free call

    Transaction& tx = p.tx;
    tx.type = infer_type(req);
    if (!is_tx_type_allowed(tx.type, rev))
        return fail("transaction type not supported: type " +
                    dec(uint64_t{static_cast<uint8_t>(tx.type)}) + " rejected at " +
                    std::string{to_string(rev)});
    if (tx.type != TxType::kLegacy || rev >= Revision::kSpuriousDragon)
        tx.chain_id = ctx.config.chain_id;
    tx.to = req.to;
    tx.value = req.value.value_or(0);
    tx.data = req.input.value_or(Bytes{});
    tx.gas_limit = gas;
    tx.max_fee_per_gas = fee_cap;
    tx.max_priority_fee_per_gas = tip;
    if (req.access_list) tx.access_list = *req.access_list;
    if (req.authorization_list) tx.authorization_list = *req.authorization_list;
    if (req.blob_versioned_hashes) tx.blob_versioned_hashes = *req.blob_versioned_hashes;
    tx.max_fee_per_blob_gas = req.max_fee_per_blob_gas.value_or(0);
    if (tx.type == TxType::kSetCode) {  // EIP-7702
        if (!tx.to) return fail("set code transaction must not be a create transaction");
        if (tx.authorization_list.empty()) return fail("EIP-7702 transaction with empty auth list");
    }
    uint64_t blob_gas = 0;
    if (tx.type == TxType::kBlob) {  // EIP-4844
        if (!tx.to) return fail("blob transaction of type create");
        if (tx.blob_versioned_hashes.empty()) return fail("blob transaction missing blob hashes");
        blob_gas = execution::kGasPerBlob * tx.blob_versioned_hashes.size();
        if (tx.max_fee_per_blob_gas == 0)
            p.env.blob_base_fee = 0;
        else if (tx.max_fee_per_blob_gas < p.env.blob_base_fee)
            return fail("max fee per blob gas less than block blob gas fee: address " + hex(from) +
                        " blobGasFeeCap: " + dec(tx.max_fee_per_blob_gas) +
                        ", blobBaseFee: " + dec(p.env.blob_base_fee));
    }

    // The sender: its nonce is used, not checked (EIP-2681 still holds).
    tx.nonce = st.get_nonce(from);
    const uint256 balance = st.get_balance(from);
    if (const auto e = st.error()) return unavailable(*e);
    if (tx.nonce == ~uint64_t{0})
        return fail("nonce has max value: address " + hex(from) + ", nonce: " + dec(tx.nonce));

    const IntrinsicGas intrinsic = intrinsic_gas(tx, rev);
    if (gas < intrinsic.intrinsic)
        return fail(
            "intrinsic gas too low: have " + dec(gas) + ", want " + dec(intrinsic.intrinsic), true);
    if (rev >= Revision::kPrague && gas < intrinsic.floor)  // EIP-7623
        return fail("insufficient gas for floor data gas cost: have " + dec(gas) + ", want " +
                        dec(intrinsic.floor),
                    true);
    if (rev >= Revision::kShanghai && !tx.to && tx.data.size() > kMaxInitCodeSize)  // EIP-3860
        return fail("max initcode size exceeded: code size " + dec(uint64_t{tx.data.size()}) +
                    ", limit " + dec(uint64_t{kMaxInitCodeSize}));

    // go-ethereum's buyGas: gas × max fee + value (+ blob gas × max blob fee).
    const uint256 cost =
        uint256{gas} * fee_cap + tx.value +
        uint256{blob_gas} * (p.env.blob_base_fee == 0 ? uint256{0} : tx.max_fee_per_blob_gas);
    if (balance < cost)
        return fail("insufficient funds for gas * price + value: address " + hex(from) + " have " +
                    dec(balance) + " want " + dec(cost));

    p.props.sender = from;
    p.props.intrinsic = intrinsic;
    p.props.effective_gas_price = price;
    p.props.priority_fee = price - p.env.base_fee;
    p.props.blob_gas = blob_gas;
    return p;
}

/// The call's gas when the request gives none, or its gas capped (go-ethereum's CallDefaults).
uint64_t call_gas(const CallContext& ctx, const CallRequest& req)
{
    uint64_t gas = req.gas.value_or(ctx.header.gas_limit);
    if (ctx.gas_cap != 0) gas = std::min(gas, ctx.gas_cap);
    // EIP-7825 (Osaka): no transaction may use more.
    if (ctx.config.revision_at(ctx.header.number, ctx.header.timestamp) >= Revision::kOsaka)
        gas = std::min(gas, kTxGasLimitCap);
    return gas;
}

Result<void, CallError> check_overrides(const StateOverrides* overrides)
{
    if (!overrides) return {};
    for (const auto& [addr, o] : *overrides)
        if (o.state && o.state_diff)
            return unexpected(
                CallError{"account " + hex(addr) + " has both 'state' and 'stateDiff'", {}, false});
    return {};
}

/// One run of the call with `gas` gas.
Result<CallResult, Failure> run(const CallContext& ctx,
                                const CallRequest& req,
                                const state::StateView& view,
                                uint64_t gas)
{
    state::State st{view};
    ULTRA_TRY(PreparedCall p, prepare(ctx, req, st, gas));

    evm::Vm vm;
    execution::CodeCache code_cache;
    const execution::ExecutionContext exec{p.env, ctx.block_hashes, ctx.precompiles, vm,
                                           code_cache};
    ctx.precompiles.begin_block(st, p.env, p.rev);
    auto executed = execution::execute_transaction(st, exec, p.tx, p.rev, p.props);
    if (!executed) {
        const execution::TxFailure& f = executed.error();
        if (f.state_error) return unavailable(*f.state_error);
        return fail(f.to_string());
    }
    CallResult r;
    r.status = executed->status;
    r.output = std::move(executed->output);
    r.gas_used = executed->receipt.gas_used;
    r.gas_used_before_refund = executed->gas_used_before_refund;
    r.logs = std::move(executed->receipt.logs);
    return r;
}

/// The text of an exceptional halt (go-ethereum's core/vm/errors.go where it has one).
std::string_view halt_message(evm::StatusCode s) noexcept
{
    using evm::StatusCode;
    switch (s) {
        case StatusCode::kSuccess: return "";
        case StatusCode::kRevert: return "execution reverted";
        case StatusCode::kOutOfGas: return "out of gas";
        case StatusCode::kInvalidInstruction: return "invalid opcode: INVALID";
        case StatusCode::kUndefinedInstruction: return "invalid opcode";
        case StatusCode::kStackOverflow: return "stack limit reached 1024 (1023)";
        case StatusCode::kStackUnderflow: return "stack underflow";
        case StatusCode::kBadJumpDestination: return "invalid jump destination";
        case StatusCode::kInvalidMemoryAccess: return "return data out of bounds";
        case StatusCode::kCallDepthExceeded: return "max call depth exceeded";
        case StatusCode::kStaticModeViolation: return "write protection";
        case StatusCode::kPrecompileFailure: return "precompiled contract failed";
        case StatusCode::kContractValidationFailure: return "contract validation failed";
        case StatusCode::kFailure: return "execution failed";
        case StatusCode::kInternalError: return "internal error";
    }
    return "execution failed";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// OverrideStateView
// ---------------------------------------------------------------------------------------------

OverrideStateView::OverrideStateView(const state::StateView& base, const StateOverrides& overrides)
    : base_{base}, overrides_{overrides}
{
    for (const auto& [addr, o] : overrides_)
        if (o.code) codes_.emplace(keccak256(*o.code), *o.code);
}

Result<std::optional<state::AccountInfo>, state::StateError> OverrideStateView::account(
    const Address& addr) const
{
    ULTRA_TRY(std::optional<state::AccountInfo> base, base_.account(addr));
    const auto it = overrides_.find(addr);
    if (it == overrides_.end()) return base;
    const AccountOverride& o = it->second;
    state::AccountInfo info = base.value_or(state::AccountInfo{});
    if (o.balance) info.balance = *o.balance;
    if (o.nonce) info.nonce = *o.nonce;
    if (o.code) info.code_hash = keccak256(*o.code);
    return std::optional{info};
}

Result<Bytes32, state::StateError> OverrideStateView::storage(const Address& addr,
                                                              const Bytes32& key) const
{
    const auto it = overrides_.find(addr);
    if (it != overrides_.end()) {
        const AccountOverride& o = it->second;
        if (o.state) {
            const auto slot = o.state->find(key);
            return slot == o.state->end() ? Bytes32{} : slot->second;
        }
        if (o.state_diff) {
            const auto slot = o.state_diff->find(key);
            if (slot != o.state_diff->end()) return slot->second;
        }
    }
    return base_.storage(addr, key);
}

Result<Bytes, state::StateError> OverrideStateView::code(const Hash256& code_hash) const
{
    if (const auto it = codes_.find(code_hash); it != codes_.end()) return it->second;
    return base_.code(code_hash);
}

Result<bool, state::StateError> OverrideStateView::has_storage(const Address& addr) const
{
    const auto it = overrides_.find(addr);
    const auto non_zero = [](const std::map<Bytes32, Bytes32>& m) {
        return std::any_of(m.begin(), m.end(), [](const auto& kv) { return !kv.second.is_zero(); });
    };
    if (it != overrides_.end()) {
        if (it->second.state) return non_zero(*it->second.state);
        if (it->second.state_diff && non_zero(*it->second.state_diff)) return true;
    }
    return base_.has_storage(addr);
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

std::optional<std::string> decode_revert_reason(BytesView data)
{
    return rpc::decode_revert_reason(data);
}

std::string CallResult::error_message() const
{
    if (success()) return {};
    std::string message{halt_message(status)};
    if (reverted())
        if (const auto reason = decode_revert_reason(output)) message += ": " + *reason;
    return message;
}

// ---------------------------------------------------------------------------------------------
// eth_call, eth_estimateGas
// ---------------------------------------------------------------------------------------------

Result<CallResult, CallError> call(const CallContext& ctx,
                                   const CallRequest& request,
                                   const StateOverrides* overrides)
{
    ULTRA_TRY_VOID(check_overrides(overrides));
    const StateOverrides none;
    const OverrideStateView view{ctx.state, overrides ? *overrides : none};
    auto r = run(ctx, request, view, call_gas(ctx, request));
    if (!r) return unexpected(std::move(r.error().error));
    return std::move(*r);
}

Result<uint64_t, CallError> estimate_gas(const CallContext& ctx,
                                         const CallRequest& request,
                                         const StateOverrides* overrides)
{
    ULTRA_TRY_VOID(check_overrides(overrides));
    const StateOverrides none;
    const OverrideStateView view{ctx.state, overrides ? *overrides : none};
    const Revision rev = ctx.config.revision_at(ctx.header.number, ctx.header.timestamp);

    // The highest gas limit to try.
    uint64_t hi = ctx.header.gas_limit;
    if (request.gas && *request.gas >= kTransferGas) hi = *request.gas;
    if (rev >= Revision::kOsaka) hi = std::min(hi, kTxGasLimitCap);  // EIP-7825
    // What the sender's balance pays for at the request's fee.
    const uint256 fee_cap = request.max_fee_per_gas.value_or(request.gas_price.value_or(0));
    if (fee_cap != 0) {
        const Address from = request.from.value_or(Address{});
        const auto account = view.account(from);
        if (!account)
            return unexpected(CallError{
                "state unavailable: " + std::string{state::to_string(account.error())}, {}, true});
        uint256 available = *account ? (*account)->balance : uint256{0};
        const uint256 value = request.value.value_or(0);
        if (value != 0) {
            if (value >= available)
                return unexpected(CallError{"insufficient funds for transfer", {}, false});
            available -= value;
        }
        const uint256 allowance = available / fee_cap;
        if (allowance <= uint256{~uint64_t{0}} && hi > static_cast<uint64_t>(allowance))
            hi = static_cast<uint64_t>(allowance);
    }
    if (ctx.gas_cap != 0) hi = std::min(hi, ctx.gas_cap);

    // A run: whether it failed in a way more gas might fix, or an error nothing fixes.
    struct Attempt
    {
        bool failed = true;
        std::optional<CallResult> result;
    };
    const auto attempt = [&](uint64_t gas) -> Result<Attempt, CallError> {
        auto r = run(ctx, request, view, gas);
        if (!r) {
            if (r.error().gas_too_low) return Attempt{};
            return unexpected(std::move(r.error().error));
        }
        const bool failed = !r->success();
        return Attempt{failed, std::move(*r)};
    };

    // A plain transfer to an account without code: try 21,000 first.
    if (!request.input || request.input->empty()) {
        if (request.to) {
            auto account = view.account(*request.to);
            const bool no_code = account && (!*account || (*account)->code_hash == kEmptyHash);
            if (no_code) {
                ULTRA_TRY(const Attempt a, attempt(kTransferGas));
                if (!a.failed) return kTransferGas;
            }
        }
    }

    ULTRA_TRY(const Attempt top, attempt(hi));
    if (top.failed) {
        if (top.result && top.result->status != evm::StatusCode::kOutOfGas) {
            CallError e{top.result->error_message(), std::nullopt, false};
            if (top.result->reverted()) e.revert_data = top.result->output;
            return unexpected(std::move(e));
        }
        return unexpected(CallError{"gas required exceeds allowance (" + dec(hi) + ")", {}, false});
    }

    // The gas used is a lower bound of the limit needed (unless the code inspects GAS).
    uint64_t lo = top.result->gas_used - 1;
    const uint64_t optimistic = (top.result->gas_used_before_refund + kCallStipend) * 64 / 63;
    if (optimistic < hi) {
        ULTRA_TRY(const Attempt a, attempt(optimistic));
        if (a.failed)
            lo = optimistic;
        else
            hi = optimistic;
    }
    while (lo + 1 < hi) {
        // Skewed toward the low side: most transactions need little more than they use.
        uint64_t mid = lo + (hi - lo) / 2;
        if (mid > lo * 2) mid = lo * 2;
        ULTRA_TRY(const Attempt a, attempt(mid));
        if (a.failed)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

uint256 effective_gas_price(const Transaction& tx, const std::optional<uint256>& base_fee) noexcept
{
    if (tx.type == TxType::kLegacy || tx.type == TxType::kAccessList || !base_fee)
        return tx.max_fee_per_gas;  // the gas price (both fee fields hold it)
    return std::min(tx.max_priority_fee_per_gas + *base_fee, tx.max_fee_per_gas);
}

}  // namespace ultra::node
