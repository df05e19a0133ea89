// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Arithmetic, bitwise, stack and control-flow instructions: results and gas (YP appendix G/H).
#include "evm_test_helpers.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;
using namespace ultra::literals;

namespace {

const uint256 kMinusOne = ~uint256{};
const uint256 kMin = uint256{1} << 255;  // -2^255

/// Runs `a op b` (a on top) and returns the result.
class Binary : public EvmTest
{
protected:
    uint256 run(Opcode o, const uint256& a, const uint256& b)
    {
        execute(push(b) + push(a) + o + ret_top());
        EXPECT_EQ(result.status, StatusCode::kSuccess);
        return output_word();
    }
    uint256 run1(Opcode o, const uint256& a)
    {
        execute(push(a) + o + ret_top());
        EXPECT_EQ(result.status, StatusCode::kSuccess);
        return output_word();
    }
};

}  // namespace

TEST_F(Binary, arithmetic)
{
    EXPECT_EQ(run(OP_ADD, kMinusOne, 2), 1);
    EXPECT_EQ(run(OP_SUB, 1, 2), kMinusOne);
    EXPECT_EQ(run(OP_MUL, kMin, 2), 0);
    EXPECT_EQ(run(OP_DIV, 7, 2), 3);
    EXPECT_EQ(run(OP_DIV, 7, 0), 0);
    EXPECT_EQ(run(OP_MOD, 7, 0), 0);
    EXPECT_EQ(run(OP_SDIV, kMin, kMinusOne), kMin);  // YP: overflow gives -2^255
    EXPECT_EQ(run(OP_SDIV, uint256{0} - 7, 2), uint256{0} - 3);
    EXPECT_EQ(run(OP_SMOD, uint256{0} - 7, 2), kMinusOne);  // sign of the dividend
    EXPECT_EQ(run(OP_SMOD, 7, uint256{0} - 2), 1);
}

TEST_F(Binary, addmod_mulmod)
{
    execute(push(5) + push(kMinusOne) + push(kMinusOne) + OP_ADDMOD + ret_top());
    // (2^256 - 1) * 2 mod 5 = (2^257 - 2) mod 5; 2^4 = 1 mod 5 so 2^257 = 2 mod 5 -> 0.
    EXPECT_EQ(output_word(), 0);
    execute(push(7) + push(kMinusOne) + push(kMinusOne) + OP_MULMOD + ret_top());
    // (2^256 - 1)^2 mod 7; 2^3 = 1 mod 7 so 2^256 = 2^1 = 2, (2 - 1)^2 = 1.
    EXPECT_EQ(output_word(), 1);
    execute(push(0) + push(3) + push(4) + OP_MULMOD + ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(Binary, comparison_and_bitwise)
{
    EXPECT_EQ(run(OP_LT, 1, 2), 1);
    EXPECT_EQ(run(OP_GT, 1, 2), 0);
    EXPECT_EQ(run(OP_SLT, kMinusOne, 0), 1);
    EXPECT_EQ(run(OP_SGT, kMinusOne, 0), 0);
    EXPECT_EQ(run(OP_EQ, 5, 5), 1);
    EXPECT_EQ(run1(OP_ISZERO, 0), 1);
    EXPECT_EQ(run1(OP_ISZERO, kMin), 0);
    EXPECT_EQ(run(OP_AND, 0xf0f0, 0xff00), 0xf000);
    EXPECT_EQ(run(OP_OR, 0xf0f0, 0xff00), 0xfff0);
    EXPECT_EQ(run(OP_XOR, 0xf0f0, 0xff00), 0x0ff0);
    EXPECT_EQ(run1(OP_NOT, 0), kMinusOne);
}

TEST_F(Binary, signextend_edges)
{
    EXPECT_EQ(run(OP_SIGNEXTEND, 0, 0xff), kMinusOne);
    EXPECT_EQ(run(OP_SIGNEXTEND, 0, 0x7f), 0x7f);
    EXPECT_EQ(run(OP_SIGNEXTEND, 0, 0x1280), kMinusOne - 0x7f);  // keeps byte 0 = 0x80
    EXPECT_EQ(run(OP_SIGNEXTEND, 1, 0x8000), kMinusOne - 0x7fff);
    EXPECT_EQ(run(OP_SIGNEXTEND, 30, kMinusOne >> 8), kMinusOne);  // bit 247 is 1 -> all set
    EXPECT_EQ(run(OP_SIGNEXTEND, 30, kMin >> 8 >> 1), kMin >> 9);  // bit 247 clear
    EXPECT_EQ(run(OP_SIGNEXTEND, 31, 0x80), 0x80);                 // b >= 31: unchanged
    EXPECT_EQ(run(OP_SIGNEXTEND, kMinusOne, 0x80), 0x80);
}

TEST_F(Binary, byte_edges)
{
    const uint256 x = 0x0102030405060708_u256 | (uint256{0xaa} << 248);
    EXPECT_EQ(run(OP_BYTE, 0, x), 0xaa);  // most significant byte
    EXPECT_EQ(run(OP_BYTE, 31, x), 0x08);
    EXPECT_EQ(run(OP_BYTE, 24, x), 0x01);
    EXPECT_EQ(run(OP_BYTE, 32, x), 0);
    EXPECT_EQ(run(OP_BYTE, uint256{1} << 64, x), 0);
}

TEST_F(Binary, shifts_eip145)
{
    rev = Revision::kConstantinople;
    // SHL/SHR/SAR take the shift on top: run(op, shift, value).
    EXPECT_EQ(run(OP_SHL, 1, 1), 2);
    EXPECT_EQ(run(OP_SHL, 255, 1), kMin);
    EXPECT_EQ(run(OP_SHL, 256, 1), 0);
    EXPECT_EQ(run(OP_SHR, 255, kMin), 1);
    EXPECT_EQ(run(OP_SHR, 256, kMin), 0);
    EXPECT_EQ(run(OP_SAR, 1, kMin), kMin | (kMin >> 1));
    EXPECT_EQ(run(OP_SAR, 255, kMin), kMinusOne);
    EXPECT_EQ(run(OP_SAR, 256, kMin), kMinusOne);
    EXPECT_EQ(run(OP_SAR, uint256{1} << 200, kMinusOne), kMinusOne);
    EXPECT_EQ(run(OP_SAR, 256, kMin - 1), 0);  // positive
    EXPECT_EQ(run(OP_SAR, 4, 0x7f), 0x7);
}

TEST_F(Binary, clz_eip7939)
{
    rev = Revision::kOsaka;
    EXPECT_EQ(run1(OP_CLZ, 0), 256);
    EXPECT_EQ(run1(OP_CLZ, 1), 255);
    EXPECT_EQ(run1(OP_CLZ, kMin), 0);
    EXPECT_EQ(run1(OP_CLZ, kMinusOne), 0);
    EXPECT_EQ(run1(OP_CLZ, uint256{1} << 64), 191);
    // EIP-7939: gas 5.
    execute(push(1) + OP_CLZ);
    EXPECT_EQ(gas_used, 3 + 5);
    rev = Revision::kPrague;
    execute(push(1) + OP_CLZ);
    EXPECT_EQ(result.status, StatusCode::kUndefinedInstruction);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(EvmTest, base_gas_costs)
{
    // YP tiers: verylow 3 (ADD), low 5 (MUL), mid 8 (ADDMOD), high 10 (JUMPI), base 2 (POP).
    execute(push(1) + push(2) + OP_ADD);
    EXPECT_EQ(gas_used, 3 + 3 + 3);
    execute(push(1) + push(2) + OP_MUL + OP_POP);
    EXPECT_EQ(gas_used, 3 + 3 + 5 + 2);
    execute(push(1) + push(2) + push(3) + OP_ADDMOD);
    EXPECT_EQ(gas_used, 3 * 3 + 8);
    execute(push(0) + push(0) + OP_JUMPI);
    EXPECT_EQ(gas_used, 3 + 3 + 10);
    execute(op(OP_JUMPDEST));
    EXPECT_EQ(gas_used, 1);
}

TEST_F(EvmTest, exp_gas_per_revision_eip160)
{
    // Exponent 0x0100 has 2 significant bytes.
    const Bytes code = push(0x100) + push(2) + OP_EXP;
    rev = Revision::kHomestead;
    execute(code);
    EXPECT_EQ(gas_used, 3 + 3 + 10 + 10 * 2);
    rev = Revision::kTangerineWhistle;
    execute(code);
    EXPECT_EQ(gas_used, 3 + 3 + 10 + 10 * 2);
    rev = Revision::kSpuriousDragon;
    execute(code);
    EXPECT_EQ(gas_used, 3 + 3 + 10 + 50 * 2);
    rev = Revision::kCancun;
    execute(push(0) + push(2) + OP_EXP + ret_top());
    EXPECT_EQ(output_word(), 1);  // exponent 0: no byte cost, 2^0 = 1
    execute(push(kMinusOne) + push(3) + OP_EXP);
    EXPECT_EQ(gas_used, 3 + 3 + 10 + 50 * 32);
    execute(push(255) + push(2) + OP_EXP + ret_top());
    EXPECT_EQ(output_word(), kMin);
    execute(6 + 10 + 99, push(0x100) + push(2) + OP_EXP);  // one gas short of 10 + 2 * 50
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
}

TEST_F(EvmTest, push_dup_swap)
{
    execute(push_bytes("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"_hex) +
            ret_top());
    EXPECT_EQ(result.output,
              "0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"_hex);
    execute(push_bytes("0xabcdef"_hex) + ret_top());
    EXPECT_EQ(output_word(), 0xabcdef);
    // PUSH at the end of the code reads zeros past it (YP: code is zero-extended).
    execute(Bytes{OP_PUSH2, 0x12});
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    execute(push(1) + push(2) + push(3) + OP_DUP3 + ret_top());
    EXPECT_EQ(output_word(), 1);
    execute(push(1) + push(2) + push(3) + OP_SWAP2 + ret_top());
    EXPECT_EQ(output_word(), 1);
    Bytes deep;
    for (int i = 17; i >= 1; --i) deep += push(static_cast<uint64_t>(i));
    execute(deep + OP_SWAP16 + ret_top());
    EXPECT_EQ(output_word(), 17);
    execute(deep + OP_DUP16 + ret_top());
    EXPECT_EQ(output_word(), 16);
}

TEST_F(EvmTest, push0_eip3855)
{
    rev = Revision::kShanghai;
    execute(push(7) + OP_PUSH0 + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(op(OP_PUSH0));
    EXPECT_EQ(gas_used, 2);
    rev = Revision::kParis;
    execute(op(OP_PUSH0));
    EXPECT_EQ(result.status, StatusCode::kUndefinedInstruction);
}

TEST_F(EvmTest, stack_limits)
{
    rev = Revision::kShanghai;
    Bytes full;
    for (int i = 0; i < 1024; ++i) full += op(OP_PUSH0);
    execute(full);
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    execute(full + OP_PUSH0);
    EXPECT_EQ(result.status, StatusCode::kStackOverflow);
    EXPECT_EQ(result.gas_left, 0);
    execute(full + OP_DUP1);
    EXPECT_EQ(result.status, StatusCode::kStackOverflow);
    execute(full + OP_SWAP1 + OP_ADD);  // full stack may still be used
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    execute(push(1) + OP_ADD);
    EXPECT_EQ(result.status, StatusCode::kStackUnderflow);
    execute(push(1) + OP_SWAP1);
    EXPECT_EQ(result.status, StatusCode::kStackUnderflow);
    execute(op(OP_POP));
    EXPECT_EQ(result.status, StatusCode::kStackUnderflow);
}

TEST_F(EvmTest, jumps)
{
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, 5: PUSH1 42 ...
    execute(push(4) + OP_JUMP + OP_INVALID + OP_JUMPDEST + push(42) + ret_top());
    EXPECT_EQ(output_word(), 42);
    EXPECT_EQ(gas_used, 3 + 8 + 1 + 3 + (3 + 3 + 3 + 3) + 3 /*memory word*/);
    // A JUMPDEST byte inside PUSH data is no destination: 0: PUSH1 4, 2: JUMP, 3: PUSH1 0x5b.
    execute(push(4) + OP_JUMP + push(0x5b));
    EXPECT_EQ(result.status, StatusCode::kBadJumpDestination);
    EXPECT_EQ(result.gas_left, 0);
    // Not a JUMPDEST, and past the end of the code.
    execute(push(3) + OP_JUMP + OP_STOP);
    EXPECT_EQ(result.status, StatusCode::kBadJumpDestination);
    execute(push(100) + OP_JUMP);
    EXPECT_EQ(result.status, StatusCode::kBadJumpDestination);
    execute(push(uint256{1} << 128) + OP_JUMP);
    EXPECT_EQ(result.status, StatusCode::kBadJumpDestination);
    // JUMPI: a zero condition does not validate the destination.
    execute(push(0) + push(100) + OP_JUMPI + push(7) + ret_top());
    EXPECT_EQ(output_word(), 7);
    // 0: PUSH1 1, 2: PUSH1 8, 4: JUMPI, 5: PUSH1 1, 7: STOP, 8: JUMPDEST, 9: PUSH1 9 ...
    execute(push(1) + push(8) + OP_JUMPI + push(1) + OP_STOP + OP_JUMPDEST + push(9) + ret_top());
    EXPECT_EQ(output_word(), 9);
    // PC is the position of the PC instruction itself.
    execute(push(0) + OP_POP + OP_PC + ret_top());
    EXPECT_EQ(output_word(), 3);
}

TEST_F(EvmTest, terminations)
{
    execute(push(1));  // running off the end is STOP
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(gas_used, 3);
    execute(op(OP_INVALID));
    EXPECT_EQ(result.status, StatusCode::kInvalidInstruction);
    EXPECT_EQ(result.gas_left, 0);
    execute(Bytes{0x0c});
    EXPECT_EQ(result.status, StatusCode::kUndefinedInstruction);
    execute(Bytes{0xef});
    EXPECT_EQ(result.status, StatusCode::kUndefinedInstruction);
    // REVERT keeps the remaining gas and returns data (EIP-140).
    rev = Revision::kByzantium;
    execute(push(0xbeef) + push(0) + OP_MSTORE + push(2) + push(30) + OP_REVERT);
    EXPECT_EQ(result.status, StatusCode::kRevert);
    EXPECT_EQ(result.output, "0xbeef"_hex);
    EXPECT_EQ(gas_used, 3 + 3 + 3 + 3 /*memory*/ + 3 + 3);
    rev = Revision::kSpuriousDragon;
    execute(push(0) + push(0) + OP_REVERT);
    EXPECT_EQ(result.status, StatusCode::kUndefinedInstruction);
}

TEST_F(EvmTest, gas_opcode)
{
    execute(1000, op(OP_GAS) + ret_top());
    EXPECT_EQ(output_word(), 1000 - 2);
}

TEST(evm_undefined, opcodes_appear_in_their_fork)
{
    // (opcode, first revision) from the EIPs; one revision earlier it must be undefined.
    const std::pair<Opcode, Revision> intro[] = {
        {OP_DELEGATECALL, Revision::kHomestead},      // EIP-7
        {OP_RETURNDATASIZE, Revision::kByzantium},    // EIP-211
        {OP_RETURNDATACOPY, Revision::kByzantium},    // EIP-211
        {OP_STATICCALL, Revision::kByzantium},        // EIP-214
        {OP_REVERT, Revision::kByzantium},            // EIP-140
        {OP_SHL, Revision::kConstantinople},          // EIP-145
        {OP_SHR, Revision::kConstantinople},          // EIP-145
        {OP_SAR, Revision::kConstantinople},          // EIP-145
        {OP_EXTCODEHASH, Revision::kConstantinople},  // EIP-1052
        {OP_CREATE2, Revision::kConstantinople},      // EIP-1014
        {OP_CHAINID, Revision::kIstanbul},            // EIP-1344
        {OP_SELFBALANCE, Revision::kIstanbul},        // EIP-1884
        {OP_BASEFEE, Revision::kLondon},              // EIP-3198
        {OP_PUSH0, Revision::kShanghai},              // EIP-3855
        {OP_TLOAD, Revision::kCancun},                // EIP-1153
        {OP_TSTORE, Revision::kCancun},               // EIP-1153
        {OP_MCOPY, Revision::kCancun},                // EIP-5656
        {OP_BLOBHASH, Revision::kCancun},             // EIP-4844
        {OP_BLOBBASEFEE, Revision::kCancun},          // EIP-7516
        {OP_CLZ, Revision::kOsaka},                   // EIP-7939
    };
    for (const auto& [o, since] : intro) {
        const auto before = static_cast<Revision>(static_cast<int>(since) - 1);
        SCOPED_TRACE(std::string{opcode_name(o)});
        MockHost host;
        Vm vm;
        Message msg;
        msg.gas = 100000;
        host.rev = before;
        // Enough stack items for any of them; the opcode runs first after the pushes.
        Bytes code;
        for (int i = 0; i < 7; ++i) code += push(0);
        code += o;
        EXPECT_EQ(execute(vm, host, before, msg, code).status, StatusCode::kUndefinedInstruction);
        host.rev = since;
        EXPECT_NE(execute(vm, host, since, msg, code).status, StatusCode::kUndefinedInstruction);
        EXPECT_FALSE(is_defined(o, before));
        EXPECT_TRUE(is_defined(o, since));
    }
}

TEST(evm_tables, names_and_traits)
{
    EXPECT_EQ(opcode_name(0x01), "ADD");
    EXPECT_EQ(opcode_name(0x44), "PREVRANDAO");
    EXPECT_EQ(opcode_name(0x20), "KECCAK256");
    EXPECT_EQ(opcode_name(0x0c), "");
    EXPECT_EQ(kTraits[OP_PUSH1].immediate_size, 1);
    EXPECT_EQ(kTraits[OP_PUSH32].immediate_size, 32);
    EXPECT_EQ(kTraits[OP_CALL].stack_height_required, 7);
    EXPECT_EQ(kTraits[OP_CALL].stack_height_change, -6);
    EXPECT_EQ(kTraits[OP_DUP16].stack_height_required, 16);
    EXPECT_EQ(kTraits[OP_LOG4].stack_height_required, 6);
    // EIP-150 / EIP-1884 / EIP-2929 repricings of SLOAD.
    EXPECT_EQ(kGasCosts[static_cast<size_t>(Revision::kHomestead)][OP_SLOAD], 50);
    EXPECT_EQ(kGasCosts[static_cast<size_t>(Revision::kTangerineWhistle)][OP_SLOAD], 200);
    EXPECT_EQ(kGasCosts[static_cast<size_t>(Revision::kIstanbul)][OP_SLOAD], 800);
    EXPECT_EQ(kGasCosts[static_cast<size_t>(Revision::kBerlin)][OP_SLOAD], 100);
    int defined_in_osaka = 0;
    for (int op = 0; op < 256; ++op)
        defined_in_osaka += is_defined(static_cast<uint8_t>(op), Revision::kOsaka);
    EXPECT_EQ(defined_in_osaka, 150);
}

TEST(evm_tables, gas_table_agrees_with_traits)
{
    // An opcode has a base cost exactly in the revisions where it is defined.
    for (size_t r = 0; r < kNumRevisions; ++r) {
        const auto rev = static_cast<Revision>(r);
        for (int op = 0; op < 256; ++op) {
            const auto b = static_cast<uint8_t>(op);
            EXPECT_EQ(is_defined(b, rev), kGasCosts[r][b] >= 0) << to_string(rev) << " " << op;
        }
    }
}
