// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

/// The one list of EVM opcodes (Frontier..Osaka, no EOF). Every table and the interpreter's
/// dispatch are generated from it, so adding an opcode is one line here plus its instruction.
///
/// X(NAME, value, stack_height_required, stack_height_change, since, function) where `since` is
/// the Revision enumerator of the fork that introduced the opcode and `function` the
/// instruction's implementation in namespace ultra::evm::instr (instructions.hpp).
#define ULTRA_FOREACH_OPCODE(X)                                   \
    X(STOP, 0x00, 0, 0, kFrontier, op_stop)                       \
    X(ADD, 0x01, 2, -1, kFrontier, op_add)                        \
    X(MUL, 0x02, 2, -1, kFrontier, op_mul)                        \
    X(SUB, 0x03, 2, -1, kFrontier, op_sub)                        \
    X(DIV, 0x04, 2, -1, kFrontier, op_div)                        \
    X(SDIV, 0x05, 2, -1, kFrontier, op_sdiv)                      \
    X(MOD, 0x06, 2, -1, kFrontier, op_mod)                        \
    X(SMOD, 0x07, 2, -1, kFrontier, op_smod)                      \
    X(ADDMOD, 0x08, 3, -2, kFrontier, op_addmod)                  \
    X(MULMOD, 0x09, 3, -2, kFrontier, op_mulmod)                  \
    X(EXP, 0x0a, 2, -1, kFrontier, op_exp)                        \
    X(SIGNEXTEND, 0x0b, 2, -1, kFrontier, op_signextend)          \
    X(LT, 0x10, 2, -1, kFrontier, op_lt)                          \
    X(GT, 0x11, 2, -1, kFrontier, op_gt)                          \
    X(SLT, 0x12, 2, -1, kFrontier, op_slt)                        \
    X(SGT, 0x13, 2, -1, kFrontier, op_sgt)                        \
    X(EQ, 0x14, 2, -1, kFrontier, op_eq)                          \
    X(ISZERO, 0x15, 1, 0, kFrontier, op_iszero)                   \
    X(AND, 0x16, 2, -1, kFrontier, op_and)                        \
    X(OR, 0x17, 2, -1, kFrontier, op_or)                          \
    X(XOR, 0x18, 2, -1, kFrontier, op_xor)                        \
    X(NOT, 0x19, 1, 0, kFrontier, op_not)                         \
    X(BYTE, 0x1a, 2, -1, kFrontier, op_byte)                      \
    X(SHL, 0x1b, 2, -1, kConstantinople, op_shl)                  \
    X(SHR, 0x1c, 2, -1, kConstantinople, op_shr)                  \
    X(SAR, 0x1d, 2, -1, kConstantinople, op_sar)                  \
    X(CLZ, 0x1e, 1, 0, kOsaka, op_clz)                            \
    X(KECCAK256, 0x20, 2, -1, kFrontier, op_keccak256)            \
    X(ADDRESS, 0x30, 0, 1, kFrontier, op_address)                 \
    X(BALANCE, 0x31, 1, 0, kFrontier, op_balance)                 \
    X(ORIGIN, 0x32, 0, 1, kFrontier, op_origin)                   \
    X(CALLER, 0x33, 0, 1, kFrontier, op_caller)                   \
    X(CALLVALUE, 0x34, 0, 1, kFrontier, op_callvalue)             \
    X(CALLDATALOAD, 0x35, 1, 0, kFrontier, op_calldataload)       \
    X(CALLDATASIZE, 0x36, 0, 1, kFrontier, op_calldatasize)       \
    X(CALLDATACOPY, 0x37, 3, -3, kFrontier, op_calldatacopy)      \
    X(CODESIZE, 0x38, 0, 1, kFrontier, op_codesize)               \
    X(CODECOPY, 0x39, 3, -3, kFrontier, op_codecopy)              \
    X(GASPRICE, 0x3a, 0, 1, kFrontier, op_gasprice)               \
    X(EXTCODESIZE, 0x3b, 1, 0, kFrontier, op_extcodesize)         \
    X(EXTCODECOPY, 0x3c, 4, -4, kFrontier, op_extcodecopy)        \
    X(RETURNDATASIZE, 0x3d, 0, 1, kByzantium, op_returndatasize)  \
    X(RETURNDATACOPY, 0x3e, 3, -3, kByzantium, op_returndatacopy) \
    X(EXTCODEHASH, 0x3f, 1, 0, kConstantinople, op_extcodehash)   \
    X(BLOCKHASH, 0x40, 1, 0, kFrontier, op_blockhash)             \
    X(COINBASE, 0x41, 0, 1, kFrontier, op_coinbase)               \
    X(TIMESTAMP, 0x42, 0, 1, kFrontier, op_timestamp)             \
    X(NUMBER, 0x43, 0, 1, kFrontier, op_number)                   \
    X(PREVRANDAO, 0x44, 0, 1, kFrontier, op_prevrandao)           \
    X(GASLIMIT, 0x45, 0, 1, kFrontier, op_gaslimit)               \
    X(CHAINID, 0x46, 0, 1, kIstanbul, op_chainid)                 \
    X(SELFBALANCE, 0x47, 0, 1, kIstanbul, op_selfbalance)         \
    X(BASEFEE, 0x48, 0, 1, kLondon, op_basefee)                   \
    X(BLOBHASH, 0x49, 1, 0, kCancun, op_blobhash)                 \
    X(BLOBBASEFEE, 0x4a, 0, 1, kCancun, op_blobbasefee)           \
    X(POP, 0x50, 1, -1, kFrontier, op_pop)                        \
    X(MLOAD, 0x51, 1, 0, kFrontier, op_mload)                     \
    X(MSTORE, 0x52, 2, -2, kFrontier, op_mstore)                  \
    X(MSTORE8, 0x53, 2, -2, kFrontier, op_mstore8)                \
    X(SLOAD, 0x54, 1, 0, kFrontier, op_sload)                     \
    X(SSTORE, 0x55, 2, -2, kFrontier, op_sstore)                  \
    X(JUMP, 0x56, 1, -1, kFrontier, op_jump)                      \
    X(JUMPI, 0x57, 2, -2, kFrontier, op_jumpi)                    \
    X(PC, 0x58, 0, 1, kFrontier, op_pc)                           \
    X(MSIZE, 0x59, 0, 1, kFrontier, op_msize)                     \
    X(GAS, 0x5a, 0, 1, kFrontier, op_gas)                         \
    X(JUMPDEST, 0x5b, 0, 0, kFrontier, op_jumpdest)               \
    X(TLOAD, 0x5c, 1, 0, kCancun, op_tload)                       \
    X(TSTORE, 0x5d, 2, -2, kCancun, op_tstore)                    \
    X(MCOPY, 0x5e, 3, -3, kCancun, op_mcopy)                      \
    X(PUSH0, 0x5f, 0, 1, kShanghai, op_push0)                     \
    X(PUSH1, 0x60, 0, 1, kFrontier, op_push<1>)                   \
    X(PUSH2, 0x61, 0, 1, kFrontier, op_push<2>)                   \
    X(PUSH3, 0x62, 0, 1, kFrontier, op_push<3>)                   \
    X(PUSH4, 0x63, 0, 1, kFrontier, op_push<4>)                   \
    X(PUSH5, 0x64, 0, 1, kFrontier, op_push<5>)                   \
    X(PUSH6, 0x65, 0, 1, kFrontier, op_push<6>)                   \
    X(PUSH7, 0x66, 0, 1, kFrontier, op_push<7>)                   \
    X(PUSH8, 0x67, 0, 1, kFrontier, op_push<8>)                   \
    X(PUSH9, 0x68, 0, 1, kFrontier, op_push<9>)                   \
    X(PUSH10, 0x69, 0, 1, kFrontier, op_push<10>)                 \
    X(PUSH11, 0x6a, 0, 1, kFrontier, op_push<11>)                 \
    X(PUSH12, 0x6b, 0, 1, kFrontier, op_push<12>)                 \
    X(PUSH13, 0x6c, 0, 1, kFrontier, op_push<13>)                 \
    X(PUSH14, 0x6d, 0, 1, kFrontier, op_push<14>)                 \
    X(PUSH15, 0x6e, 0, 1, kFrontier, op_push<15>)                 \
    X(PUSH16, 0x6f, 0, 1, kFrontier, op_push<16>)                 \
    X(PUSH17, 0x70, 0, 1, kFrontier, op_push<17>)                 \
    X(PUSH18, 0x71, 0, 1, kFrontier, op_push<18>)                 \
    X(PUSH19, 0x72, 0, 1, kFrontier, op_push<19>)                 \
    X(PUSH20, 0x73, 0, 1, kFrontier, op_push<20>)                 \
    X(PUSH21, 0x74, 0, 1, kFrontier, op_push<21>)                 \
    X(PUSH22, 0x75, 0, 1, kFrontier, op_push<22>)                 \
    X(PUSH23, 0x76, 0, 1, kFrontier, op_push<23>)                 \
    X(PUSH24, 0x77, 0, 1, kFrontier, op_push<24>)                 \
    X(PUSH25, 0x78, 0, 1, kFrontier, op_push<25>)                 \
    X(PUSH26, 0x79, 0, 1, kFrontier, op_push<26>)                 \
    X(PUSH27, 0x7a, 0, 1, kFrontier, op_push<27>)                 \
    X(PUSH28, 0x7b, 0, 1, kFrontier, op_push<28>)                 \
    X(PUSH29, 0x7c, 0, 1, kFrontier, op_push<29>)                 \
    X(PUSH30, 0x7d, 0, 1, kFrontier, op_push<30>)                 \
    X(PUSH31, 0x7e, 0, 1, kFrontier, op_push<31>)                 \
    X(PUSH32, 0x7f, 0, 1, kFrontier, op_push<32>)                 \
    X(DUP1, 0x80, 1, 1, kFrontier, op_dup<1>)                     \
    X(DUP2, 0x81, 2, 1, kFrontier, op_dup<2>)                     \
    X(DUP3, 0x82, 3, 1, kFrontier, op_dup<3>)                     \
    X(DUP4, 0x83, 4, 1, kFrontier, op_dup<4>)                     \
    X(DUP5, 0x84, 5, 1, kFrontier, op_dup<5>)                     \
    X(DUP6, 0x85, 6, 1, kFrontier, op_dup<6>)                     \
    X(DUP7, 0x86, 7, 1, kFrontier, op_dup<7>)                     \
    X(DUP8, 0x87, 8, 1, kFrontier, op_dup<8>)                     \
    X(DUP9, 0x88, 9, 1, kFrontier, op_dup<9>)                     \
    X(DUP10, 0x89, 10, 1, kFrontier, op_dup<10>)                  \
    X(DUP11, 0x8a, 11, 1, kFrontier, op_dup<11>)                  \
    X(DUP12, 0x8b, 12, 1, kFrontier, op_dup<12>)                  \
    X(DUP13, 0x8c, 13, 1, kFrontier, op_dup<13>)                  \
    X(DUP14, 0x8d, 14, 1, kFrontier, op_dup<14>)                  \
    X(DUP15, 0x8e, 15, 1, kFrontier, op_dup<15>)                  \
    X(DUP16, 0x8f, 16, 1, kFrontier, op_dup<16>)                  \
    X(SWAP1, 0x90, 2, 0, kFrontier, op_swap<1>)                   \
    X(SWAP2, 0x91, 3, 0, kFrontier, op_swap<2>)                   \
    X(SWAP3, 0x92, 4, 0, kFrontier, op_swap<3>)                   \
    X(SWAP4, 0x93, 5, 0, kFrontier, op_swap<4>)                   \
    X(SWAP5, 0x94, 6, 0, kFrontier, op_swap<5>)                   \
    X(SWAP6, 0x95, 7, 0, kFrontier, op_swap<6>)                   \
    X(SWAP7, 0x96, 8, 0, kFrontier, op_swap<7>)                   \
    X(SWAP8, 0x97, 9, 0, kFrontier, op_swap<8>)                   \
    X(SWAP9, 0x98, 10, 0, kFrontier, op_swap<9>)                  \
    X(SWAP10, 0x99, 11, 0, kFrontier, op_swap<10>)                \
    X(SWAP11, 0x9a, 12, 0, kFrontier, op_swap<11>)                \
    X(SWAP12, 0x9b, 13, 0, kFrontier, op_swap<12>)                \
    X(SWAP13, 0x9c, 14, 0, kFrontier, op_swap<13>)                \
    X(SWAP14, 0x9d, 15, 0, kFrontier, op_swap<14>)                \
    X(SWAP15, 0x9e, 16, 0, kFrontier, op_swap<15>)                \
    X(SWAP16, 0x9f, 17, 0, kFrontier, op_swap<16>)                \
    X(LOG0, 0xa0, 2, -2, kFrontier, op_log<0>)                    \
    X(LOG1, 0xa1, 3, -3, kFrontier, op_log<1>)                    \
    X(LOG2, 0xa2, 4, -4, kFrontier, op_log<2>)                    \
    X(LOG3, 0xa3, 5, -5, kFrontier, op_log<3>)                    \
    X(LOG4, 0xa4, 6, -6, kFrontier, op_log<4>)                    \
    X(CREATE, 0xf0, 3, -2, kFrontier, op_create)                  \
    X(CALL, 0xf1, 7, -6, kFrontier, op_call)                      \
    X(CALLCODE, 0xf2, 7, -6, kFrontier, op_callcode)              \
    X(RETURN, 0xf3, 2, -2, kFrontier, op_return)                  \
    X(DELEGATECALL, 0xf4, 6, -5, kHomestead, op_delegatecall)     \
    X(CREATE2, 0xf5, 4, -3, kConstantinople, op_create2)          \
    X(STATICCALL, 0xfa, 6, -5, kByzantium, op_staticcall)         \
    X(REVERT, 0xfd, 2, -2, kByzantium, op_revert)                 \
    X(INVALID, 0xfe, 0, 0, kFrontier, op_invalid)                 \
    X(SELFDESTRUCT, 0xff, 1, -1, kFrontier, op_selfdestruct)

namespace ultra::evm {

/// An EVM opcode. Enumerators keep the spec spelling (OP_ADD, OP_SSTORE), the one naming
/// exception of the project (GUIDE.md §8.4). Byte values without an enumerator are undefined
/// instructions in every revision; 0xfe (OP_INVALID) is the designated invalid instruction.
enum Opcode : uint8_t
{
#define ULTRA_X_ENUM(NAME, VALUE, REQ, CHANGE, SINCE, FN) OP_##NAME = VALUE,
    ULTRA_FOREACH_OPCODE(ULTRA_X_ENUM)
#undef ULTRA_X_ENUM
};

/// The opcode's spec name ("ADD", "PUSH1"), or an empty view for a byte that is no opcode.
/// The name is independent of the revision (0x44 is PREVRANDAO, formerly DIFFICULTY).
[[nodiscard]] constexpr std::string_view opcode_name(uint8_t op) noexcept
{
    constexpr auto kNames = [] {
        std::array<std::string_view, 256> names{};
#define ULTRA_X_NAME(NAME, VALUE, REQ, CHANGE, SINCE, FN) names[VALUE] = #NAME;
        ULTRA_FOREACH_OPCODE(ULTRA_X_NAME)
#undef ULTRA_X_NAME
        return names;
    }();
    return kNames[op];
}

}  // namespace ultra::evm
