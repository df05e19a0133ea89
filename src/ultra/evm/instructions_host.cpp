// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The instructions that reach the world through the Host: account queries, storage, calls,
// creations and SELFDESTRUCT (execution-specs environment.py, storage.py, system.py).
#include <algorithm>
#include <limits>
#include <optional>

#include "instructions.hpp"

namespace ultra::evm::instr {
namespace {

constexpr Result kInternal{StatusCode::kInternalError, 0};

/// EIP-2929: charges the cold account surcharge on top of the warm cost of the base table.
/// Returns false when out of gas.
[[nodiscard]] bool charge_account_access(int64_t& gas_left,
                                         ExecutionState& state,
                                         const Address& addr) noexcept
{
    if (state.rev < Revision::kBerlin) return true;
    if (state.host.access_account(addr) == AccessStatus::kCold) {
        gas_left -= kGasAdditionalColdAccountAccess;
        if (gas_left < 0) return false;
    }
    return true;
}

/// EIP-7702: the delegate of an account whose code is the designator 0xef0100 ‖ address.
[[gnu::noinline]] [[nodiscard]] std::optional<Address> get_delegate(Host& host,
                                                                    const Address& addr) noexcept
{
    constexpr size_t kDesignatorSize = 23;
    uint8_t buf[kDesignatorSize + 1];
    const size_t n = host.copy_code(addr, 0, buf, sizeof(buf));
    if (n != kDesignatorSize || buf[0] != 0xef || buf[1] != 0x01 || buf[2] != 0x00)
        return std::nullopt;
    return Address::from_view({buf + 3, 20});
}

}  // namespace

Result op_balance(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& x = stack[0];
    const auto addr = to_address(x);
    if (!charge_account_access(gas_left, state, addr)) return {StatusCode::kOutOfGas, gas_left};
    x = state.host.get_balance(addr);
    if (state.host.has_internal_error()) return kInternal;
    return {StatusCode::kSuccess, gas_left};
}

Result op_extcodesize(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& x = stack[0];
    const auto addr = to_address(x);
    if (!charge_account_access(gas_left, state, addr)) return {StatusCode::kOutOfGas, gas_left};
    x = uint256{state.host.get_code_size(addr)};
    if (state.host.has_internal_error()) return kInternal;
    return {StatusCode::kSuccess, gas_left};
}

Result op_extcodecopy(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    const auto addr = to_address(stack[0]);
    const auto& mem_offset = stack[1];
    const auto& code_offset = stack[2];
    const auto& size = stack[3];
    if (!check_memory(gas_left, state.memory, mem_offset, size)) return {StatusCode::kOutOfGas, 0};
    const auto n = static_cast<size_t>(size[0]);
    gas_left -= kGasCopy * num_words(n);
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    if (!charge_account_access(gas_left, state, addr)) return {StatusCode::kOutOfGas, gas_left};
    if (n != 0) {
        uint8_t* dst = state.memory.data() + mem_offset[0];
        const bool in_range = (code_offset[3] | code_offset[2] | code_offset[1]) == 0 &&
                              code_offset[0] <= std::numeric_limits<uint32_t>::max();
        const size_t copied =
            in_range ? state.host.copy_code(addr, static_cast<size_t>(code_offset[0]), dst, n) : 0;
        if (state.host.has_internal_error()) return kInternal;
        if (copied < n) std::memset(dst + copied, 0, n - copied);
    }
    return {StatusCode::kSuccess, gas_left};
}

Result op_extcodehash(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& x = stack[0];
    const auto addr = to_address(x);
    if (!charge_account_access(gas_left, state, addr)) return {StatusCode::kOutOfGas, gas_left};
    x = from_bytes32(state.host.get_code_hash(addr));
    if (state.host.has_internal_error()) return kInternal;
    return {StatusCode::kSuccess, gas_left};
}

Result op_blockhash(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& x = stack[0];
    const auto current = static_cast<uint64_t>(state.tx_context().number);
    // Only the 256 most recent complete blocks: current - 256 <= n < current.
    const bool in_range = (x[3] | x[2] | x[1]) == 0 && x[0] < current && current - x[0] <= 256;
    x = in_range ? from_bytes32(state.host.get_block_hash(static_cast<int64_t>(x[0]))) : uint256{};
    if (state.host.has_internal_error()) return kInternal;
    return {StatusCode::kSuccess, gas_left};
}

Result op_selfbalance(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    stack.push(state.host.get_balance(state.msg.recipient));
    if (state.host.has_internal_error()) return kInternal;
    return {StatusCode::kSuccess, gas_left};
}

Result op_sload(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& x = stack[0];
    const auto key = to_bytes32(x);
    if (state.rev >= Revision::kBerlin &&
        state.host.access_storage(state.msg.recipient, key) == AccessStatus::kCold) {
        gas_left -= kGasAdditionalColdSload;  // EIP-2929
        if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    }
    x = from_bytes32(state.host.get_storage(state.msg.recipient, key));
    if (state.host.has_internal_error()) return kInternal;
    return {StatusCode::kSuccess, gas_left};
}

Result op_sstore(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    if (state.msg.is_static) return {StatusCode::kStaticModeViolation, gas_left};  // EIP-214
    // EIP-2200: SSTORE fails when no more than the call stipend is left.
    if (state.rev >= Revision::kIstanbul && gas_left <= kGasCallStipend)
        return {StatusCode::kOutOfGas, gas_left};
    const auto key = to_bytes32(stack[0]);
    const auto value = to_bytes32(stack[1]);
    int64_t cold_cost = 0;
    if (state.rev >= Revision::kBerlin &&
        state.host.access_storage(state.msg.recipient, key) == AccessStatus::kCold)
        cold_cost = kGasColdSload;  // EIP-2929
    const auto status = state.host.set_storage(state.msg.recipient, key, value);
    if (state.host.has_internal_error()) return kInternal;
    const auto& cost = kStorageCosts[static_cast<size_t>(state.rev)][static_cast<size_t>(status)];
    gas_left -= cost.gas_cost + cold_cost;
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    state.gas_refund += cost.gas_refund;
    return {StatusCode::kSuccess, gas_left};
}

Result op_tload(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& x = stack[0];
    x = from_bytes32(state.host.get_transient_storage(state.msg.recipient, to_bytes32(x)));
    return {StatusCode::kSuccess, gas_left};
}

Result op_tstore(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    if (state.msg.is_static) return {StatusCode::kStaticModeViolation, gas_left};  // EIP-1153
    state.host.set_transient_storage(state.msg.recipient, to_bytes32(stack[0]),
                                     to_bytes32(stack[1]));
    return {StatusCode::kSuccess, gas_left};
}

template <Opcode Op>
Result create_impl(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    static_assert(Op == OP_CREATE || Op == OP_CREATE2);
    if (state.msg.is_static) return {StatusCode::kStaticModeViolation, gas_left};  // EIP-214

    // STACK
    const auto endowment = stack[0];
    const auto& init_code_offset = stack[1];
    const auto& init_code_size = stack[2];
    uint256 salt;
    if constexpr (Op == OP_CREATE2) salt = stack[3];
    auto& result = stack[Op == OP_CREATE2 ? 3 : 2];

    // GAS
    if (!check_memory(gas_left, state.memory, init_code_offset, init_code_size))
        return {StatusCode::kOutOfGas, 0};
    const auto size = static_cast<size_t>(init_code_size[0]);
    if (state.rev >= Revision::kShanghai && size > kMaxInitCodeSize)  // EIP-3860
        return {StatusCode::kOutOfGas, gas_left};
    const int64_t words = num_words(size);
    if constexpr (Op == OP_CREATE2) gas_left -= kGasKeccak256Word * words;       // EIP-1014
    if (state.rev >= Revision::kShanghai) gas_left -= kGasInitCodeWord * words;  // EIP-3860
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};

    // OPERATION
    result = 0;
    state.return_data.clear();
    if (state.msg.depth >= kCallDepthLimit) return {StatusCode::kSuccess, gas_left};
    if (endowment != 0) {
        const auto balance = state.host.get_balance(state.msg.recipient);
        if (state.host.has_internal_error()) return kInternal;
        if (balance < endowment) return {StatusCode::kSuccess, gas_left};
    }

    Message msg;
    msg.kind = Op == OP_CREATE2 ? CallKind::kCreate2 : CallKind::kCreate;
    msg.depth = state.msg.depth + 1;
    // EIP-150: all but one 64th; before it, all of the remaining gas.
    msg.gas = state.rev >= Revision::kTangerineWhistle ? gas_left - gas_left / 64 : gas_left;
    msg.sender = state.msg.recipient;
    msg.value = endowment;
    if (size != 0) msg.input = BytesView{state.memory.data() + init_code_offset[0], size};
    msg.salt = to_bytes32(salt);

    auto r = state.host.call(msg);
    if (r.status == StatusCode::kInternalError || state.host.has_internal_error()) return kInternal;
    gas_left -= msg.gas - r.gas_left;
    if (r.status == StatusCode::kSuccess) {
        result = to_uint256(r.create_address);
        state.gas_refund += r.gas_refund;
    } else if (r.status == StatusCode::kRevert) {
        state.return_data = std::move(r.output);  // EIP-211: only a revert returns data
    }
    return {StatusCode::kSuccess, gas_left};
}

template <Opcode Op>
Result call_impl(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    static_assert(Op == OP_CALL || Op == OP_CALLCODE || Op == OP_DELEGATECALL ||
                  Op == OP_STATICCALL);
    constexpr bool kHasValueArg = Op == OP_CALL || Op == OP_CALLCODE;
    constexpr int kArgs = kHasValueArg ? 7 : 6;

    // STACK (read in place; the result slot is written only after the last read)
    const auto& gas = stack[0];
    const auto dst = to_address(stack[1]);
    const bool has_value = kHasValueArg && stack[2] != 0;
    const auto& input_offset = stack[kHasValueArg ? 3 : 2];
    const auto& input_size = stack[kHasValueArg ? 4 : 3];
    const auto& output_offset = stack[kHasValueArg ? 5 : 4];
    const auto& output_size = stack[kHasValueArg ? 6 : 5];

    // GAS: access costs (EIP-2929, EIP-7702), memory, value transfer and new account.
    if (!charge_account_access(gas_left, state, dst)) return {StatusCode::kOutOfGas, gas_left};
    Address code_address = dst;
    bool delegated = false;
    if (state.rev >= Revision::kPrague) {
        // EIP-7702: run the delegate's code, paying for accessing the delegate.
        if (const auto delegate = get_delegate(state.host, dst)) {
            code_address = *delegate;
            delegated = true;
            gas_left -= state.host.access_account(code_address) == AccessStatus::kCold
                            ? kGasColdAccountAccess
                            : kGasWarmAccess;
            if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
        }
        if (state.host.has_internal_error()) return kInternal;
    }
    if (!check_memory(gas_left, state.memory, input_offset, input_size) ||
        !check_memory(gas_left, state.memory, output_offset, output_size))
        return {StatusCode::kOutOfGas, 0};

    if (has_value) gas_left -= kGasCallValue;
    if constexpr (Op == OP_CALL) {
        if (has_value && state.msg.is_static)
            return {StatusCode::kStaticModeViolation, gas_left};  // EIP-214
        // EIP-161: from Spurious Dragon only a value transfer to a dead account creates it.
        if ((has_value || state.rev < Revision::kSpuriousDragon) &&
            !state.host.account_exists(dst)) {
            if (state.host.has_internal_error()) return kInternal;
            gas_left -= kGasNewAccount;
        }
    }
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};

    constexpr auto kMaxGas = std::numeric_limits<int64_t>::max();
    const int64_t requested =
        ((gas[3] | gas[2] | gas[1]) != 0 || gas[0] > static_cast<uint64_t>(kMaxGas))
            ? kMaxGas
            : static_cast<int64_t>(gas[0]);
    int64_t msg_gas = requested;
    if (state.rev >= Revision::kTangerineWhistle) {
        msg_gas = std::min(requested, gas_left - gas_left / 64);  // EIP-150
    } else if (requested > gas_left) {
        return {StatusCode::kOutOfGas, gas_left};  // before EIP-150 the gas must be available
    }

    Message msg;
    msg.kind = Op == OP_DELEGATECALL ? CallKind::kDelegateCall
               : Op == OP_CALLCODE   ? CallKind::kCallCode
                                     : CallKind::kCall;
    msg.is_static = Op == OP_STATICCALL || state.msg.is_static;
    msg.is_delegated = delegated;
    msg.depth = state.msg.depth + 1;
    msg.gas = msg_gas;
    msg.recipient = (Op == OP_CALL || Op == OP_STATICCALL) ? dst : state.msg.recipient;
    msg.sender = Op == OP_DELEGATECALL ? state.msg.sender : state.msg.recipient;
    if constexpr (Op == OP_DELEGATECALL)
        msg.value = state.msg.value;
    else if constexpr (kHasValueArg)
        msg.value = stack[2];
    msg.code_address = code_address;
    if (input_size != 0)
        msg.input =
            BytesView{state.memory.data() + input_offset[0], static_cast<size_t>(input_size[0])};
    // Both ranges passed check_memory, so a non-zero size and its offset fit in 64 bits.
    const auto out_size = static_cast<size_t>(output_size[0]);
    const auto out_offset = out_size != 0 ? static_cast<size_t>(output_offset[0]) : 0;

    // The stipend is given to the callee on top of what the caller pays for.
    if (has_value) {
        msg.gas += kGasCallStipend;
        gas_left += kGasCallStipend;
    }

    // OPERATION
    auto& result = stack[kArgs - 1];
    result = 0;
    state.return_data.clear();
    if (state.msg.depth >= kCallDepthLimit) return {StatusCode::kSuccess, gas_left};
    if (kHasValueArg && has_value) {
        const auto balance = state.host.get_balance(state.msg.recipient);
        if (state.host.has_internal_error()) return kInternal;
        if (balance < msg.value) return {StatusCode::kSuccess, gas_left};
    }

    auto r = state.host.call(msg);
    if (r.status == StatusCode::kInternalError || state.host.has_internal_error()) return kInternal;
    state.return_data = std::move(r.output);
    result = uint256{r.status == StatusCode::kSuccess};
    if (const size_t n = std::min(out_size, state.return_data.size()); n != 0)
        std::memcpy(state.memory.data() + out_offset, state.return_data.data(), n);
    gas_left -= msg.gas - r.gas_left;
    if (r.status == StatusCode::kSuccess) state.gas_refund += r.gas_refund;
    return {StatusCode::kSuccess, gas_left};
}

template Result create_impl<OP_CREATE>(StackTop, int64_t, ExecutionState&) noexcept;
template Result create_impl<OP_CREATE2>(StackTop, int64_t, ExecutionState&) noexcept;
template Result call_impl<OP_CALL>(StackTop, int64_t, ExecutionState&) noexcept;
template Result call_impl<OP_CALLCODE>(StackTop, int64_t, ExecutionState&) noexcept;
template Result call_impl<OP_DELEGATECALL>(StackTop, int64_t, ExecutionState&) noexcept;
template Result call_impl<OP_STATICCALL>(StackTop, int64_t, ExecutionState&) noexcept;

TermResult op_selfdestruct(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    if (state.msg.is_static) return {StatusCode::kStaticModeViolation, gas_left};  // EIP-214
    const auto beneficiary = to_address(stack[0]);
    if (state.rev >= Revision::kBerlin &&
        state.host.access_account(beneficiary) == AccessStatus::kCold) {
        gas_left -= kGasColdAccountAccess;  // EIP-2929 (the base cost has no warm part)
        if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    }
    if (state.rev >= Revision::kTangerineWhistle) {
        // EIP-150 charges creating the beneficiary; EIP-161 (via account_exists) only when
        // a non-zero balance makes a dead beneficiary alive.
        bool creates = !state.host.account_exists(beneficiary);
        if (creates && state.rev >= Revision::kSpuriousDragon)
            creates = state.host.get_balance(state.msg.recipient) != 0;
        if (state.host.has_internal_error()) return {StatusCode::kInternalError, 0};
        if (creates) {
            gas_left -= kGasNewAccount;
            if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
        }
    }
    const bool first = state.host.selfdestruct(state.msg.recipient, beneficiary);
    if (state.host.has_internal_error()) return {StatusCode::kInternalError, 0};
    if (first && state.rev < Revision::kLondon)  // EIP-3529 removes the refund
        state.gas_refund += kRefundSelfDestruct;
    return {StatusCode::kSuccess, gas_left};
}

}  // namespace ultra::evm::instr
