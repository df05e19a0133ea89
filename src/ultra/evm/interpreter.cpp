// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "interpreter.hpp"

#include <type_traits>

#include "instruction_traits.hpp"
#include "instructions.hpp"

namespace ultra::evm {
namespace {

/// Every byte value in order, D(byte) for an opcode of ULTRA_FOREACH_OPCODE and U(byte) for a
/// byte that is no instruction in any revision: the order of the computed-goto table. The
/// static_assert below keeps it in sync with the opcode list.
// clang-format off
#define ULTRA_ALL_BYTES(D, U) \
    D(0x00) D(0x01) D(0x02) D(0x03) D(0x04) D(0x05) D(0x06) D(0x07) \
    D(0x08) D(0x09) D(0x0a) D(0x0b) U(0x0c) U(0x0d) U(0x0e) U(0x0f) \
    D(0x10) D(0x11) D(0x12) D(0x13) D(0x14) D(0x15) D(0x16) D(0x17) \
    D(0x18) D(0x19) D(0x1a) D(0x1b) D(0x1c) D(0x1d) D(0x1e) U(0x1f) \
    D(0x20) U(0x21) U(0x22) U(0x23) U(0x24) U(0x25) U(0x26) U(0x27) \
    U(0x28) U(0x29) U(0x2a) U(0x2b) U(0x2c) U(0x2d) U(0x2e) U(0x2f) \
    D(0x30) D(0x31) D(0x32) D(0x33) D(0x34) D(0x35) D(0x36) D(0x37) \
    D(0x38) D(0x39) D(0x3a) D(0x3b) D(0x3c) D(0x3d) D(0x3e) D(0x3f) \
    D(0x40) D(0x41) D(0x42) D(0x43) D(0x44) D(0x45) D(0x46) D(0x47) \
    D(0x48) D(0x49) D(0x4a) U(0x4b) U(0x4c) U(0x4d) U(0x4e) U(0x4f) \
    D(0x50) D(0x51) D(0x52) D(0x53) D(0x54) D(0x55) D(0x56) D(0x57) \
    D(0x58) D(0x59) D(0x5a) D(0x5b) D(0x5c) D(0x5d) D(0x5e) D(0x5f) \
    D(0x60) D(0x61) D(0x62) D(0x63) D(0x64) D(0x65) D(0x66) D(0x67) \
    D(0x68) D(0x69) D(0x6a) D(0x6b) D(0x6c) D(0x6d) D(0x6e) D(0x6f) \
    D(0x70) D(0x71) D(0x72) D(0x73) D(0x74) D(0x75) D(0x76) D(0x77) \
    D(0x78) D(0x79) D(0x7a) D(0x7b) D(0x7c) D(0x7d) D(0x7e) D(0x7f) \
    D(0x80) D(0x81) D(0x82) D(0x83) D(0x84) D(0x85) D(0x86) D(0x87) \
    D(0x88) D(0x89) D(0x8a) D(0x8b) D(0x8c) D(0x8d) D(0x8e) D(0x8f) \
    D(0x90) D(0x91) D(0x92) D(0x93) D(0x94) D(0x95) D(0x96) D(0x97) \
    D(0x98) D(0x99) D(0x9a) D(0x9b) D(0x9c) D(0x9d) D(0x9e) D(0x9f) \
    D(0xa0) D(0xa1) D(0xa2) D(0xa3) D(0xa4) U(0xa5) U(0xa6) U(0xa7) \
    U(0xa8) U(0xa9) U(0xaa) U(0xab) U(0xac) U(0xad) U(0xae) U(0xaf) \
    U(0xb0) U(0xb1) U(0xb2) U(0xb3) U(0xb4) U(0xb5) U(0xb6) U(0xb7) \
    U(0xb8) U(0xb9) U(0xba) U(0xbb) U(0xbc) U(0xbd) U(0xbe) U(0xbf) \
    U(0xc0) U(0xc1) U(0xc2) U(0xc3) U(0xc4) U(0xc5) U(0xc6) U(0xc7) \
    U(0xc8) U(0xc9) U(0xca) U(0xcb) U(0xcc) U(0xcd) U(0xce) U(0xcf) \
    U(0xd0) U(0xd1) U(0xd2) U(0xd3) U(0xd4) U(0xd5) U(0xd6) U(0xd7) \
    U(0xd8) U(0xd9) U(0xda) U(0xdb) U(0xdc) U(0xdd) U(0xde) U(0xdf) \
    U(0xe0) U(0xe1) U(0xe2) U(0xe3) U(0xe4) U(0xe5) U(0xe6) U(0xe7) \
    U(0xe8) U(0xe9) U(0xea) U(0xeb) U(0xec) U(0xed) U(0xee) U(0xef) \
    D(0xf0) D(0xf1) D(0xf2) D(0xf3) D(0xf4) D(0xf5) U(0xf6) U(0xf7) \
    U(0xf8) U(0xf9) D(0xfa) U(0xfb) U(0xfc) D(0xfd) D(0xfe) D(0xff)
// clang-format on

constexpr bool kDefinedInTable[256] = {
#define ULTRA_D(B) true,
#define ULTRA_U(B) false,
    ULTRA_ALL_BYTES(ULTRA_D, ULTRA_U)
#undef ULTRA_D
#undef ULTRA_U
};

consteval bool table_matches_opcodes()
{
    for (size_t i = 0; i < 256; ++i)
        if (kDefinedInTable[i] != kTraits[i].since.has_value()) return false;
    return true;
}
static_assert(table_matches_opcodes(), "ULTRA_ALL_BYTES disagrees with ULTRA_FOREACH_OPCODE");

/// Checks what the opcode needs before its body runs: defined in this revision, stack height
/// for its inputs and room for its output, and its base cost. Specialised per opcode with
/// `if constexpr` so that each handler checks only what can fail (evmone baseline style).
template <uint8_t Op>
[[gnu::always_inline]] inline StatusCode check_requirements(const CostTable& cost_table,
                                                            int64_t& gas_left,
                                                            const uint256* sp,
                                                            const uint256* bottom) noexcept
{
    constexpr auto& traits = kTraits[Op];
    static_assert(traits.stack_height_change <= 1);
    int64_t cost = kGasCosts[0][Op];
    if constexpr (!has_const_gas_cost(Op)) {
        cost = cost_table[Op];
        if (cost < 0) [[unlikely]]
            return StatusCode::kUndefinedInstruction;
    }
    if constexpr (traits.stack_height_change > 0) {
        if (sp - bottom >= kStackLimit) [[unlikely]]
            return StatusCode::kStackOverflow;
    }
    if constexpr (traits.stack_height_required > 0) {
        if (sp - bottom < traits.stack_height_required) [[unlikely]]
            return StatusCode::kStackUnderflow;
    }
    if ((gas_left -= cost) < 0) [[unlikely]]
        return StatusCode::kOutOfGas;
    return StatusCode::kSuccess;
}

/// True when the instruction can end the frame (its handler must test for nullptr). Among the
/// control-flow shapes only JUMP and JUMPI can (decided by opcode: comparing function addresses
/// is not a constant expression under the sanitizers).
template <uint8_t Op, auto Fn>
consteval bool may_stop()
{
    using F = decltype(Fn);
    if constexpr (std::is_invocable_v<F, StackTop> ||
                  std::is_invocable_v<F, StackTop, ExecutionState&>)
        return false;
    else if constexpr (std::is_invocable_v<F, StackTop, ExecutionState&, const uint8_t*>)
        return Op == OP_JUMP || Op == OP_JUMPI;
    else
        return true;
}

/// Runs one instruction body of any shape (see instructions.hpp) and returns the next pc, or
/// nullptr when the frame ends (state.status says why).
template <auto Fn>
[[gnu::always_inline]] inline const uint8_t* invoke(const uint8_t* pc,
                                                    uint256* sp,
                                                    int64_t& gas_left,
                                                    ExecutionState& state) noexcept
{
    using F = decltype(Fn);
    if constexpr (std::is_invocable_v<F, StackTop>) {
        Fn(StackTop{sp});
        return pc + 1;
    } else if constexpr (std::is_invocable_v<F, StackTop, ExecutionState&>) {
        Fn(StackTop{sp}, state);
        return pc + 1;
    } else if constexpr (std::is_invocable_v<F, StackTop, ExecutionState&, const uint8_t*>) {
        return Fn(StackTop{sp}, state, pc);
    } else {
        const auto r = Fn(StackTop{sp}, gas_left, state);
        gas_left = r.gas_left;
        if constexpr (std::is_same_v<std::remove_cv_t<decltype(r)>, instr::TermResult>) {
            state.status = r.status;
            return nullptr;
        } else {
            if (r.status != StatusCode::kSuccess) [[unlikely]] {
                state.status = r.status;
                return nullptr;
            }
            return pc + 1;
        }
    }
}

/// Reports the instruction at `pc` to the tracer.
[[gnu::noinline]] void trace(Tracer& tracer,
                             ExecutionState& state,
                             const uint8_t* pc,
                             int64_t gas_left,
                             const uint256* sp,
                             const uint256* stack_bottom) noexcept
{
    const auto pos = static_cast<uint32_t>(pc - state.code.padded_code());
    const std::span<const uint256> stack{stack_bottom + 1, static_cast<size_t>(sp - stack_bottom)};
    tracer.on_instruction(state.msg, pos, *pc, gas_left, stack,
                          {state.memory.data(), state.memory.size()});
}

// Computed goto ("labels as values") is a GNU extension; -Wpedantic flags it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"

/// The interpreter loop: threaded dispatch through a table of label addresses generated from
/// the opcode list. The code is padded (CodeAnalysis), so it needs no bounds check: running
/// off the end meets STOP. Returns the final status; gas_left is updated in place.
/// With kTracing the tracer is called before every instruction; the untraced instantiation
/// contains no trace of it.
template <bool kTracing>
[[gnu::hot]] StatusCode run(ExecutionState& state,
                            uint256* stack_bottom,
                            int64_t& gas_left_io,
                            [[maybe_unused]] Tracer* tracer) noexcept
{
    static const void* const kTargets[256] = {
#define ULTRA_D(B) &&L_##B,
#define ULTRA_U(B) &&L_undefined,
        ULTRA_ALL_BYTES(ULTRA_D, ULTRA_U)
#undef ULTRA_D
#undef ULTRA_U
    };

    const CostTable& cost_table = kGasCosts[static_cast<size_t>(state.rev)];
    const uint8_t* pc = state.code.padded_code();
    uint256* sp = stack_bottom;
    int64_t gas = gas_left_io;

    goto* kTargets[*pc];

#define ULTRA_X_HANDLER(NAME, VALUE, REQ, CHANGE, SINCE, FN)                              \
    L_##VALUE:                                                                            \
    {                                                                                     \
        if constexpr (kTracing) trace(*tracer, state, pc, gas, sp, stack_bottom);         \
        if (const auto st = check_requirements<VALUE>(cost_table, gas, sp, stack_bottom); \
            st != StatusCode::kSuccess) [[unlikely]] {                                    \
            state.status = st;                                                            \
            goto done;                                                                    \
        }                                                                                 \
        pc = invoke<&instr::FN>(pc, sp, gas, state);                                      \
        if constexpr (may_stop<VALUE, &instr::FN>()) {                                    \
            if (pc == nullptr) goto done;                                                 \
        }                                                                                 \
        sp += (CHANGE);                                                                   \
        goto* kTargets[*pc];                                                              \
    }
    ULTRA_FOREACH_OPCODE(ULTRA_X_HANDLER)
#undef ULTRA_X_HANDLER

L_undefined:
    state.status = StatusCode::kUndefinedInstruction;
done:
    gas_left_io = gas;
    return state.status;
}

#pragma GCC diagnostic pop

}  // namespace

CallResult execute(Vm& vm,
                   Host& host,
                   Revision rev,
                   const Message& msg,
                   const CodeAnalysis& code) noexcept
{
    auto& frame = vm.acquire(msg.depth);
    frame.memory.clear();
    frame.return_data.clear();
    ExecutionState state{host, msg, rev, frame.memory, frame.return_data, code, frame.tx_context};

    int64_t gas_left = msg.gas;
    Tracer* const tracer = vm.tracer();
    StatusCode status;
    if (tracer == nullptr) [[likely]] {
        status = run<false>(state, frame.stack.get(), gas_left, nullptr);
    } else {
        tracer->on_execution_start(msg, code.code());
        status = run<true>(state, frame.stack.get(), gas_left, tracer);
    }

    CallResult result;
    result.status = status;
    if (!is_exceptional(status)) {
        result.gas_left = gas_left;
        if (state.output_size != 0)
            result.output.assign(frame.memory.data() + state.output_offset, state.output_size);
    }
    if (status == StatusCode::kSuccess) result.gas_refund = state.gas_refund;
    if (tracer != nullptr) tracer->on_execution_end(msg, result);
    vm.release(msg.depth);
    return result;
}

CallResult execute(Vm& vm, Host& host, Revision rev, const Message& msg, BytesView code) noexcept
{
    // The analysis lives in the depth's buffers; nested frames use deeper buffers, so it stays
    // valid for the whole frame. Acquire-and-release only to reach the buffer.
    auto& frame = vm.acquire(msg.depth);
    frame.analysis.analyze(code);
    vm.release(msg.depth);
    return execute(vm, host, rev, msg, frame.analysis);
}

}  // namespace ultra::evm
