// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstring>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/uint256.hpp>

#include "execution_state.hpp"
#include "gas_costs.hpp"
#include "host.hpp"
#include "opcodes.hpp"

/// The instruction bodies. Each is a noexcept function over a StackTop; the interpreter has
/// already checked the stack height and charged the base cost (gas_costs.hpp) before calling
/// it, and moves the stack pointer by the opcode's stack_height_change afterwards. The shapes:
///   void f(StackTop)                                   pure stack operations
///   void f(StackTop, ExecutionState&)                  context reads that cannot fail
///   Result f(StackTop, int64_t gas_left, ExecutionState&)      may charge gas or fail
///   TermResult f(StackTop, int64_t gas_left, ExecutionState&)  ends the frame
///   const uint8_t* f(StackTop, ExecutionState&, const uint8_t* pc)  control flow; returns
///       the next pc, or nullptr with state.status set.
/// Names and order follow execution-specs `vm/instructions/*.py`.
namespace ultra::evm::instr {

/// The outcome of an instruction that may fail: status and the new gas_left.
struct Result
{
    StatusCode status;  ///< kSuccess to continue.
    int64_t gas_left;   ///< gas_left after the instruction.
};

/// The outcome of an instruction that ends the frame.
struct TermResult
{
    StatusCode status;  ///< The frame's final status.
    int64_t gas_left;   ///< gas_left after the instruction.
};

/// Memory offsets and sizes beyond this are out of gas: 2^32 bytes of memory cost about
/// 3.6·10^13 gas (YP eq. 326), far above any reachable gas limit, so the bound never changes an
/// outcome while keeping all size arithmetic in 64 bits.
inline constexpr uint64_t kMaxMemorySize = uint64_t{1} << 32;

/// Number of 32-byte words covering `size` bytes.
[[nodiscard]] constexpr int64_t num_words(uint64_t size) noexcept
{
    return static_cast<int64_t>((size + 31) / 32);
}

/// YP C_mem: the total cost of `words` words of memory, G_memory·a + a²/512.
[[nodiscard]] constexpr int64_t memory_cost(int64_t words) noexcept
{
    return kGasMemory * words + words * words / 512;
}

/// Charges the expansion of memory to `new_size` bytes (rounded up to words) and grows it when
/// the gas suffices. Returns the new gas_left (negative: out of gas).
[[gnu::noinline]] inline int64_t grow_memory(int64_t gas_left,
                                             Memory& memory,
                                             uint64_t new_size) noexcept
{
    const int64_t new_words = num_words(new_size);
    const int64_t cur_words = static_cast<int64_t>(memory.size() / 32);
    gas_left -= memory_cost(new_words) - memory_cost(cur_words);
    if (gas_left >= 0) memory.grow(static_cast<size_t>(new_words) * 32);
    return gas_left;
}

/// Ensures memory covers [offset, offset + size) for a non-zero `size` <= kMaxMemorySize,
/// charging the expansion. False means out of gas.
[[nodiscard]] inline bool check_memory(int64_t& gas_left,
                                       Memory& memory,
                                       const uint256& offset,
                                       uint64_t size) noexcept
{
    if (((offset[3] | offset[2] | offset[1]) != 0) || offset[0] > kMaxMemorySize) return false;
    const uint64_t end = offset[0] + size;
    if (end > memory.size()) {
        gas_left = grow_memory(gas_left, memory, end);
        if (gas_left < 0) return false;
    }
    return true;
}

/// As above for a 256-bit size; a zero size touches no memory whatever the offset (YP eq. 328).
[[nodiscard]] inline bool check_memory(int64_t& gas_left,
                                       Memory& memory,
                                       const uint256& offset,
                                       const uint256& size) noexcept
{
    if (size == 0) return true;
    if (((size[3] | size[2] | size[1]) != 0) || size[0] > kMaxMemorySize) return false;
    return check_memory(gas_left, memory, offset, size[0]);
}

/// The low 160 bits of a stack word as an address.
[[nodiscard]] inline Address to_address(const uint256& x) noexcept
{
    Address a;
    const uint32_t hi = __builtin_bswap32(static_cast<uint32_t>(x[2]));
    const uint64_t mid = __builtin_bswap64(x[1]);
    const uint64_t lo = __builtin_bswap64(x[0]);
    std::memcpy(a.data(), &hi, 4);
    std::memcpy(a.data() + 4, &mid, 8);
    std::memcpy(a.data() + 12, &lo, 8);
    return a;
}

/// An address as a stack word.
[[nodiscard]] inline uint256 to_uint256(const Address& a) noexcept
{
    uint32_t hi;
    uint64_t mid;
    uint64_t lo;
    std::memcpy(&hi, a.data(), 4);
    std::memcpy(&mid, a.data() + 4, 8);
    std::memcpy(&lo, a.data() + 12, 8);
    return {__builtin_bswap64(lo), __builtin_bswap64(mid), __builtin_bswap32(hi), 0};
}

/// Copies src[src_offset, src_offset + size) into dst, zero-filling past the end of src (the
/// *COPY instructions). `src_offset` may exceed src.size().
inline void copy_padded(uint8_t* dst,
                        BytesView src,
                        const uint256& src_offset,
                        size_t size) noexcept
{
    const bool in_range =
        ((src_offset[3] | src_offset[2] | src_offset[1]) == 0) && src_offset[0] < src.size();
    const size_t off = in_range ? static_cast<size_t>(src_offset[0]) : src.size();
    const size_t n = std::min(size, src.size() - off);
    if (n != 0) std::memcpy(dst, src.data() + off, n);
    if (size > n) std::memset(dst + n, 0, size - n);
}

// ---- 0x00: stop and arithmetic (execution-specs arithmetic.py) ----------------------------

/// STOP: halts successfully with no output.
inline TermResult op_stop(StackTop /*stack*/, int64_t gas_left, ExecutionState& /*state*/) noexcept
{
    return {StatusCode::kSuccess, gas_left};
}

/// ADD: a + b mod 2^256.
inline void op_add(StackTop stack) noexcept
{
    stack[1] = stack[0] + stack[1];
}

/// MUL.
inline void op_mul(StackTop stack) noexcept
{
    stack[1] = stack[0] * stack[1];
}

/// SUB: a − b where a is the top.
inline void op_sub(StackTop stack) noexcept
{
    stack[1] = stack[0] - stack[1];
}

/// DIV: a / b, 0 when b = 0.
inline void op_div(StackTop stack) noexcept
{
    stack[1] = stack[0] / stack[1];
}

/// SDIV.
inline void op_sdiv(StackTop stack) noexcept
{
    stack[1] = sdiv(stack[0], stack[1]);
}

/// MOD.
inline void op_mod(StackTop stack) noexcept
{
    stack[1] = stack[0] % stack[1];
}

/// SMOD.
inline void op_smod(StackTop stack) noexcept
{
    stack[1] = smod(stack[0], stack[1]);
}

/// ADDMOD: (a + b) mod N without overflow.
inline void op_addmod(StackTop stack) noexcept
{
    stack[2] = addmod(stack[0], stack[1], stack[2]);
}

/// MULMOD: (a · b) mod N without overflow.
inline void op_mulmod(StackTop stack) noexcept
{
    stack[2] = mulmod(stack[0], stack[1], stack[2]);
}

/// EXP: base^exponent; GAS: G_expbyte per significant byte of the exponent (50 from EIP-160).
inline Result op_exp(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    const auto& exponent = stack[1];
    const int64_t byte_cost =
        state.rev >= Revision::kSpuriousDragon ? kGasExpByte : kGasExpByteFrontier;  // EIP-160
    gas_left -= byte_cost * count_significant_bytes(exponent);
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    stack[1] = exp(stack[0], exponent);
    return {StatusCode::kSuccess, gas_left};
}

/// SIGNEXTEND's value for b < 31, computed in registers (selects instead of indexing words,
/// which would round-trip through memory and stall on store forwarding).
[[gnu::always_inline]] inline uint256 sign_extend(uint64_t b, const uint256& x) noexcept
{
    const uint64_t word = b / 8;
    const auto bit = static_cast<unsigned>(b % 8) * 8 + 7;
    const uint64_t sign_word = word == 0 ? x[0] : word == 1 ? x[1] : word == 2 ? x[2] : x[3];
    const uint64_t fill = 0 - ((sign_word >> bit) & 1);  // all ones if negative
    const uint64_t keep = (uint64_t{2} << bit) - 1;      // bit 63 wraps to all ones
    uint256 r;
    for (uint64_t i = 0; i < 4; ++i) {
        const uint64_t mask = word > i ? ~uint64_t{0} : word == i ? keep : 0;
        r[i] = (x[i] & mask) | (fill & ~mask);
    }
    return r;
}

/// SIGNEXTEND: extends the sign of byte b (0 = least significant) of x; b >= 31 keeps x.
inline void op_signextend(StackTop stack) noexcept
{
    const auto& b = stack[0];
    auto& x = stack[1];
    if (((b[3] | b[2] | b[1]) == 0) && b[0] < 31) x = sign_extend(b[0], x);
}

// ---- 0x10: comparison and bitwise (comparison.py, bitwise.py) -----------------------------

/// LT.
inline void op_lt(StackTop stack) noexcept
{
    stack[1] = uint256{stack[0] < stack[1]};
}

/// GT.
inline void op_gt(StackTop stack) noexcept
{
    stack[1] = uint256{stack[0] > stack[1]};
}

/// SLT.
inline void op_slt(StackTop stack) noexcept
{
    stack[1] = uint256{slt(stack[0], stack[1])};
}

/// SGT.
inline void op_sgt(StackTop stack) noexcept
{
    stack[1] = uint256{sgt(stack[0], stack[1])};
}

/// EQ.
inline void op_eq(StackTop stack) noexcept
{
    stack[1] = uint256{stack[0] == stack[1]};
}

/// ISZERO.
inline void op_iszero(StackTop stack) noexcept
{
    stack[0] = uint256{stack[0] == 0};
}

/// AND.
inline void op_and(StackTop stack) noexcept
{
    stack[1] = stack[0] & stack[1];
}

/// OR.
inline void op_or(StackTop stack) noexcept
{
    stack[1] = stack[0] | stack[1];
}

/// XOR.
inline void op_xor(StackTop stack) noexcept
{
    stack[1] = stack[0] ^ stack[1];
}

/// NOT.
inline void op_not(StackTop stack) noexcept
{
    stack[0] = ~stack[0];
}

/// BYTE: byte i of x counting from the most significant; 0 for i >= 32.
inline void op_byte(StackTop stack) noexcept
{
    stack[1] = byte_at(stack[0], stack[1]);
}

/// x >> n for n < 256 with all words kept in registers (the EVM shifts are hot in hashing
/// code, and a word-indexed loop through memory stalls on store forwarding).
[[gnu::always_inline]] inline uint256 shift_right(const uint256& x, uint64_t n) noexcept
{
    uint64_t w0 = x[0];
    uint64_t w1 = x[1];
    uint64_t w2 = x[2];
    uint64_t w3 = x[3];
    switch (n / 64) {
        case 1: w0 = w1, w1 = w2, w2 = w3, w3 = 0; break;
        case 2: w0 = w2, w1 = w3, w2 = 0, w3 = 0; break;
        case 3: w0 = w3, w1 = 0, w2 = 0, w3 = 0; break;
        default: break;
    }
    const auto s = static_cast<unsigned>(n % 64);
    const unsigned t = 63 - s;  // (hi << 1) << t is hi << (64 - s), and 0 when s == 0
    return {(w0 >> s) | ((w1 << 1) << t), (w1 >> s) | ((w2 << 1) << t),
            (w2 >> s) | ((w3 << 1) << t), w3 >> s};
}

/// x << n for n < 256, in registers (see shift_right).
[[gnu::always_inline]] inline uint256 shift_left(const uint256& x, uint64_t n) noexcept
{
    uint64_t w0 = x[0];
    uint64_t w1 = x[1];
    uint64_t w2 = x[2];
    uint64_t w3 = x[3];
    switch (n / 64) {
        case 1: w3 = w2, w2 = w1, w1 = w0, w0 = 0; break;
        case 2: w3 = w1, w2 = w0, w1 = 0, w0 = 0; break;
        case 3: w3 = w0, w2 = 0, w1 = 0, w0 = 0; break;
        default: break;
    }
    const auto s = static_cast<unsigned>(n % 64);
    const unsigned t = 63 - s;
    return {w0 << s, (w1 << s) | ((w0 >> 1) >> t), (w2 << s) | ((w1 >> 1) >> t),
            (w3 << s) | ((w2 >> 1) >> t)};
}

/// True when the shift amount is 256 or more.
[[gnu::always_inline]] inline bool is_full_shift(const uint256& n) noexcept
{
    return ((n[3] | n[2] | n[1]) != 0) || n[0] >= 256;
}

/// SHL (EIP-145): value << shift, where shift is the top.
inline void op_shl(StackTop stack) noexcept
{
    const auto& shift = stack[0];
    auto& value = stack[1];
    value = is_full_shift(shift) ? uint256{} : shift_left(value, shift[0]);
}

/// SHR (EIP-145).
inline void op_shr(StackTop stack) noexcept
{
    const auto& shift = stack[0];
    auto& value = stack[1];
    value = is_full_shift(shift) ? uint256{} : shift_right(value, shift[0]);
}

/// SAR (EIP-145): arithmetic shift; for negative x, x >> n == ~(~x >> n).
inline void op_sar(StackTop stack) noexcept
{
    const auto& shift = stack[0];
    auto& value = stack[1];
    const bool negative = (value[3] >> 63) != 0;
    const uint256 v = negative ? ~value : value;
    const uint256 r = is_full_shift(shift) ? uint256{} : shift_right(v, shift[0]);
    value = negative ? ~r : r;
}

/// CLZ (EIP-7939): number of leading zero bits, 256 for zero.
inline void op_clz(StackTop stack) noexcept
{
    stack[0] = uint256{clz(stack[0])};
}

// ---- 0x20: keccak (keccak.py) --------------------------------------------------------------

/// KECCAK256: hash of memory[offset, offset + size); GAS: G_keccak256word per word + memory.
[[gnu::noinline]] inline Result op_keccak256(StackTop stack,
                                             int64_t gas_left,
                                             ExecutionState& state) noexcept
{
    const auto& offset = stack[0];
    auto& size = stack[1];
    if (!check_memory(gas_left, state.memory, offset, size)) return {StatusCode::kOutOfGas, 0};
    const auto n = static_cast<size_t>(size[0]);
    gas_left -= kGasKeccak256Word * num_words(n);
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    const BytesView data = n != 0 ? BytesView{state.memory.data() + offset[0], n} : BytesView{};
    size = from_bytes32(keccak256(data));
    return {StatusCode::kSuccess, gas_left};
}

// ---- 0x30: environment (environment.py) ---------------------------------------------------

/// ADDRESS.
inline void op_address(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(to_uint256(state.msg.recipient));
}

/// BALANCE; GAS: EIP-2929 cold account surcharge.
Result op_balance(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// ORIGIN.
inline void op_origin(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(to_uint256(state.tx_context().origin));
}

/// CALLER.
inline void op_caller(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(to_uint256(state.msg.sender));
}

/// CALLVALUE.
inline void op_callvalue(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(state.msg.value);
}

/// CALLDATALOAD: 32 bytes of call data at offset, zero-padded.
[[gnu::noinline]] inline void op_calldataload(StackTop stack, ExecutionState& state) noexcept
{
    auto& offset = stack[0];
    const BytesView input = state.msg.input;
    if (((offset[3] | offset[2] | offset[1]) != 0) || offset[0] >= input.size()) {
        offset = 0;
        return;
    }
    const auto off = static_cast<size_t>(offset[0]);
    const size_t n = std::min<size_t>(32, input.size() - off);
    uint8_t buf[32] = {};
    std::memcpy(buf, input.data() + off, n);
    offset = load_be(buf);
}

/// CALLDATASIZE.
inline void op_calldatasize(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{state.msg.input.size()});
}

/// Shared body of CALLDATACOPY, CODECOPY and RETURNDATACOPY's copy: memory expansion and
/// G_copy per word, then the zero-padded copy.
[[gnu::noinline]] inline Result copy_to_memory(StackTop stack,
                                               int64_t gas_left,
                                               ExecutionState& state,
                                               BytesView src) noexcept
{
    const auto& mem_offset = stack[0];
    const auto& src_offset = stack[1];
    const auto& size = stack[2];
    if (!check_memory(gas_left, state.memory, mem_offset, size)) return {StatusCode::kOutOfGas, 0};
    const auto n = static_cast<size_t>(size[0]);
    gas_left -= kGasCopy * num_words(n);
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    if (n != 0) copy_padded(state.memory.data() + mem_offset[0], src, src_offset, n);
    return {StatusCode::kSuccess, gas_left};
}

/// CALLDATACOPY.
inline Result op_calldatacopy(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return copy_to_memory(stack, gas_left, state, state.msg.input);
}

/// CODESIZE.
inline void op_codesize(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{state.code.code_size()});
}

/// CODECOPY.
inline Result op_codecopy(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return copy_to_memory(stack, gas_left, state, state.code.code());
}

/// GASPRICE.
inline void op_gasprice(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(state.tx_context().gas_price);
}

/// EXTCODESIZE; GAS: EIP-2929 cold surcharge. Sees an EIP-7702 designator as 23 bytes of code.
Result op_extcodesize(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// EXTCODECOPY; GAS: EIP-2929 cold surcharge, G_copy per word, memory.
Result op_extcodecopy(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// RETURNDATASIZE (EIP-211).
inline void op_returndatasize(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{state.return_data.size()});
}

/// RETURNDATACOPY (EIP-211): reading past the return data is an exceptional halt.
[[gnu::noinline]] inline Result op_returndatacopy(StackTop stack,
                                                  int64_t gas_left,
                                                  ExecutionState& state) noexcept
{
    const auto& src_offset = stack[1];
    const auto& size = stack[2];
    const uint256 available{state.return_data.size()};
    if (src_offset > available || size > available - src_offset)
        return {StatusCode::kInvalidMemoryAccess, gas_left};
    return copy_to_memory(stack, gas_left, state, state.return_data);
}

/// EXTCODEHASH (EIP-1052); GAS: EIP-2929 cold surcharge.
Result op_extcodehash(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

// ---- 0x40: block (block.py) ----------------------------------------------------------------

/// BLOCKHASH: the hash of one of the 256 most recent complete blocks, else 0.
Result op_blockhash(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// COINBASE.
inline void op_coinbase(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(to_uint256(state.tx_context().coinbase));
}

/// TIMESTAMP.
inline void op_timestamp(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{static_cast<uint64_t>(state.tx_context().timestamp)});
}

/// NUMBER.
inline void op_number(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{static_cast<uint64_t>(state.tx_context().number)});
}

/// PREVRANDAO (EIP-4399); DIFFICULTY before Paris (same opcode, the host supplies the value).
inline void op_prevrandao(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(from_bytes32(state.tx_context().prev_randao));
}

/// GASLIMIT.
inline void op_gaslimit(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{static_cast<uint64_t>(state.tx_context().gas_limit)});
}

/// CHAINID (EIP-1344).
inline void op_chainid(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(state.tx_context().chain_id);
}

/// SELFBALANCE (EIP-1884).
Result op_selfbalance(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// BASEFEE (EIP-3198).
inline void op_basefee(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(state.tx_context().base_fee);
}

/// BLOBHASH (EIP-4844): the index-th versioned hash of the transaction, else 0.
inline void op_blobhash(StackTop stack, ExecutionState& state) noexcept
{
    auto& index = stack[0];
    const auto hashes = state.tx_context().blob_hashes;
    index = (((index[3] | index[2] | index[1]) == 0) && index[0] < hashes.size())
                ? from_bytes32(hashes[static_cast<size_t>(index[0])])
                : uint256{};
}

/// BLOBBASEFEE (EIP-7516).
inline void op_blobbasefee(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(state.tx_context().blob_base_fee);
}

// ---- 0x50: stack, memory, storage and flow (stack.py, memory.py, storage.py, control_flow.py)

/// POP.
inline void op_pop(StackTop /*stack*/) noexcept {}

/// MLOAD.
inline Result op_mload(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    auto& offset = stack[0];
    if (!check_memory(gas_left, state.memory, offset, 32)) return {StatusCode::kOutOfGas, 0};
    offset = load_be(state.memory.data() + offset[0]);
    return {StatusCode::kSuccess, gas_left};
}

/// MSTORE.
inline Result op_mstore(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    const auto& offset = stack[0];
    if (!check_memory(gas_left, state.memory, offset, 32)) return {StatusCode::kOutOfGas, 0};
    store_be(state.memory.data() + offset[0], stack[1]);
    return {StatusCode::kSuccess, gas_left};
}

/// MSTORE8: the low byte of the value.
inline Result op_mstore8(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    const auto& offset = stack[0];
    if (!check_memory(gas_left, state.memory, offset, 1)) return {StatusCode::kOutOfGas, 0};
    state.memory.data()[offset[0]] = static_cast<uint8_t>(stack[1][0]);
    return {StatusCode::kSuccess, gas_left};
}

/// SLOAD; GAS: EIP-2929 cold slot surcharge.
Result op_sload(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// SSTORE: EIP-2200 sentry, per-revision StorageStatus costs and refunds, EIP-2929 cold slot.
Result op_sstore(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// JUMP: to a JUMPDEST that is not PUSH data.
inline const uint8_t* op_jump(StackTop stack, ExecutionState& state, const uint8_t* /*pc*/) noexcept
{
    const auto& dst = stack[0];
    if (((dst[3] | dst[2] | dst[1]) != 0) || !state.code.is_jumpdest(dst[0])) {
        state.status = StatusCode::kBadJumpDestination;
        return nullptr;
    }
    return state.code.padded_code() + dst[0];
}

/// JUMPI: jumps when the condition is non-zero.
inline const uint8_t* op_jumpi(StackTop stack, ExecutionState& state, const uint8_t* pc) noexcept
{
    if (stack[1] == 0) return pc + 1;
    return op_jump(stack, state, pc);
}

/// PC: the position of this instruction.
inline const uint8_t* op_pc(StackTop stack, ExecutionState& state, const uint8_t* pc) noexcept
{
    stack.push(uint256{static_cast<uint64_t>(pc - state.code.padded_code())});
    return pc + 1;
}

/// MSIZE.
inline void op_msize(StackTop stack, ExecutionState& state) noexcept
{
    stack.push(uint256{state.memory.size()});
}

/// GAS: gas_left after this instruction's own cost.
inline Result op_gas(StackTop stack, int64_t gas_left, ExecutionState& /*state*/) noexcept
{
    stack.push(uint256{static_cast<uint64_t>(gas_left)});
    return {StatusCode::kSuccess, gas_left};
}

/// JUMPDEST.
inline void op_jumpdest(StackTop /*stack*/) noexcept {}

/// TLOAD (EIP-1153).
Result op_tload(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// TSTORE (EIP-1153): a state change, so forbidden in static mode.
Result op_tstore(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// MCOPY (EIP-5656): memmove within memory; GAS: G_copy per word + expansion of both ranges.
[[gnu::noinline]] inline Result op_mcopy(StackTop stack,
                                         int64_t gas_left,
                                         ExecutionState& state) noexcept
{
    const auto& dst = stack[0];
    const auto& src = stack[1];
    const auto& size = stack[2];
    if (!check_memory(gas_left, state.memory, src, size) ||
        !check_memory(gas_left, state.memory, dst, size))
        return {StatusCode::kOutOfGas, 0};
    const auto n = static_cast<size_t>(size[0]);
    gas_left -= kGasCopy * num_words(n);
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    if (n != 0) std::memmove(state.memory.data() + dst[0], state.memory.data() + src[0], n);
    return {StatusCode::kSuccess, gas_left};
}

// ---- 0x5f..0x9f: push, dup, swap (stack.py) --------------------------------------------------

/// PUSH0 (EIP-3855).
inline void op_push0(StackTop stack) noexcept
{
    stack.push(uint256{});
}

/// PUSHn: the n immediate bytes, big-endian. The code is padded, so reading is always safe.
template <size_t N>
inline const uint8_t* op_push(StackTop stack, ExecutionState& /*state*/, const uint8_t* pc) noexcept
{
    static_assert(N >= 1 && N <= 32);
    const uint8_t* p = pc + 1;
    uint256 v;
    constexpr size_t kPartial = N % 8;
    size_t word = (N + 7) / 8;
    if constexpr (kPartial != 0) {
        uint64_t x = 0;
        for (size_t i = 0; i < kPartial; ++i) x = (x << 8) | p[i];
        v[--word] = x;
        p += kPartial;
    }
    while (word > 0) {
        uint64_t x;
        std::memcpy(&x, p, 8);
        v[--word] = __builtin_bswap64(x);
        p += 8;
    }
    stack.push(v);
    return pc + 1 + N;
}

/// Copies a stack word with four scalar moves. The stack is written by 64-bit stores, so a
/// 128-bit vector copy (what a struct copy compiles to) would miss store forwarding.
[[gnu::always_inline]] inline void copy_word(uint256& dst, const uint256& src) noexcept
{
    const uint64_t w0 = src[0];
    const uint64_t w1 = src[1];
    const uint64_t w2 = src[2];
    const uint64_t w3 = src[3];
    dst[0] = w0;
    dst[1] = w1;
    dst[2] = w2;
    dst[3] = w3;
}

/// DUPn: copies the n-th item to the top.
template <int N>
inline void op_dup(StackTop stack) noexcept
{
    static_assert(N >= 1 && N <= 16);
    copy_word(stack[-1], stack[N - 1]);
}

/// SWAPn: exchanges the top with the (n+1)-th item.
template <int N>
inline void op_swap(StackTop stack) noexcept
{
    static_assert(N >= 1 && N <= 16);
    auto& a = stack[0];
    auto& b = stack[N];
    for (size_t i = 0; i < 4; ++i) {
        const uint64_t t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

// ---- 0xa0: logging (log.py) ------------------------------------------------------------------

/// LOGn: emits memory[offset, offset + size) with n topics; GAS: G_logdata per byte + memory
/// (the G_log + n·G_logtopic part is the base cost). Forbidden in static mode.
template <int N>
[[gnu::noinline]] Result op_log(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    static_assert(N >= 0 && N <= 4);
    if (state.msg.is_static) return {StatusCode::kStaticModeViolation, gas_left};  // EIP-214
    const auto& offset = stack[0];
    const auto& size = stack[1];
    if (!check_memory(gas_left, state.memory, offset, size)) return {StatusCode::kOutOfGas, 0};
    const auto n = static_cast<size_t>(size[0]);
    gas_left -= kGasLogData * static_cast<int64_t>(n);
    if (gas_left < 0) return {StatusCode::kOutOfGas, gas_left};
    Bytes32 topics[4];
    for (int i = 0; i < N; ++i) topics[i] = to_bytes32(stack[2 + i]);
    const BytesView data = n != 0 ? BytesView{state.memory.data() + offset[0], n} : BytesView{};
    state.host.emit_log(state.msg.recipient, data, {topics, static_cast<size_t>(N)});
    return {StatusCode::kSuccess, gas_left};
}

// ---- 0xf0: system (system.py) ----------------------------------------------------------------

/// CREATE / CREATE2: init code cost (EIP-3860), CREATE2 hashing cost (EIP-1014), EIP-150 gas
/// forwarding; depth and balance failures push 0 without consuming the forwarded gas.
template <Opcode Op>
Result create_impl(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// CALL / CALLCODE / DELEGATECALL / STATICCALL: EIP-2929 and EIP-7702 access costs, value
/// transfer and new account costs, the EIP-150 63/64 rule (the pre-150 rule before it), the
/// 2300 stipend; depth and balance failures push 0 and return the forwarded gas.
template <Opcode Op>
Result call_impl(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

/// CREATE.
inline Result op_create(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return create_impl<OP_CREATE>(stack, gas_left, state);
}

/// CREATE2 (EIP-1014).
inline Result op_create2(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return create_impl<OP_CREATE2>(stack, gas_left, state);
}

/// CALL.
inline Result op_call(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return call_impl<OP_CALL>(stack, gas_left, state);
}

/// CALLCODE.
inline Result op_callcode(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return call_impl<OP_CALLCODE>(stack, gas_left, state);
}

/// DELEGATECALL (EIP-7).
inline Result op_delegatecall(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return call_impl<OP_DELEGATECALL>(stack, gas_left, state);
}

/// STATICCALL (EIP-214).
inline Result op_staticcall(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return call_impl<OP_STATICCALL>(stack, gas_left, state);
}

/// Shared body of RETURN and REVERT: memory expansion, then the output range.
[[gnu::noinline]] inline TermResult return_impl(StackTop stack,
                                                int64_t gas_left,
                                                ExecutionState& state,
                                                StatusCode status) noexcept
{
    const auto& offset = stack[0];
    const auto& size = stack[1];
    if (!check_memory(gas_left, state.memory, offset, size)) return {StatusCode::kOutOfGas, 0};
    state.output_size = static_cast<size_t>(size[0]);
    state.output_offset = state.output_size != 0 ? static_cast<size_t>(offset[0]) : 0;
    return {status, gas_left};
}

/// RETURN.
inline TermResult op_return(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return return_impl(stack, gas_left, state, StatusCode::kSuccess);
}

/// REVERT (EIP-140).
inline TermResult op_revert(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept
{
    return return_impl(stack, gas_left, state, StatusCode::kRevert);
}

/// INVALID (EIP-141): the designated invalid instruction.
inline TermResult op_invalid(StackTop /*stack*/,
                             int64_t gas_left,
                             ExecutionState& /*state*/) noexcept
{
    return {StatusCode::kInvalidInstruction, gas_left};
}

/// SELFDESTRUCT: EIP-150 cost and new-account rule (EIP-161 from Spurious Dragon), EIP-2929
/// cold beneficiary, the refund before EIP-3529. EIP-6780 is the host's.
TermResult op_selfdestruct(StackTop stack, int64_t gas_left, ExecutionState& state) noexcept;

}  // namespace ultra::evm::instr
