// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Memory, copies, KECCAK256, logs, call data, return data and the block/transaction context.
#include "evm_test_helpers.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;
using namespace ultra::literals;

namespace {
/// YP eq. 326: C_mem(a) = G_memory·a + ⌊a²/512⌋.
constexpr int64_t mem_cost(int64_t words)
{
    return 3 * words + words * words / 512;
}
}  // namespace

TEST_F(EvmTest, memory_expansion_is_quadratic)
{
    execute(push(1) + push(0) + OP_MSTORE);
    EXPECT_EQ(gas_used, 3 + 3 + 3 + mem_cost(1));
    // The highest byte written is 1024·32 − 1: 1024 words.
    execute(push(1) + push(1024 * 32 - 32) + OP_MSTORE);
    EXPECT_EQ(gas_used, 3 + 3 + 3 + (3 * 1024 + 1024 * 1024 / 512));
    // Expanding twice pays the difference only.
    execute(push(1) + push(0) + OP_MSTORE + push(1) + push(64 * 32) + OP_MSTORE);
    EXPECT_EQ(gas_used, 2 * (3 + 3 + 3) + mem_cost(65));
    // MSTORE8 at offset 31 needs one word; at 32 two.
    execute(push(0xff) + push(31) + OP_MSTORE8 + OP_MSIZE + ret_top());
    EXPECT_EQ(output_word(), 32);
    execute(push(0xff) + push(32) + OP_MSTORE8 + OP_MSIZE + ret_top());
    EXPECT_EQ(output_word(), 64);
    // MLOAD of fresh memory is zero; memory survives between MSTORE and MLOAD.
    execute(push(0x1234) + push(5) + OP_MSTORE + push(5) + OP_MLOAD + ret_top());
    EXPECT_EQ(output_word(), 0x1234);
    // Offsets that could never be paid for.
    execute(push(uint256{1} << 64) + OP_MLOAD);
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
    EXPECT_EQ(result.gas_left, 0);
    execute(push(~uint256{}) + OP_MLOAD);
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
    execute(10'000, push(0) + push(1'000'000) + OP_MSTORE);
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
}

TEST_F(EvmTest, keccak256_cost_and_value)
{
    // keccak256 of 64 zero bytes.
    execute(push(64) + push(0) + OP_KECCAK256 + ret_top());
    EXPECT_EQ(result.output,
              "0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5"_hex);
    EXPECT_EQ(gas_used, 3 + 3 + (30 + 6 * 2 + mem_cost(2)) + (3 + 3 + 3 + 3));
    // Zero size: no memory, only the base cost, hash of the empty string.
    execute(push(0) + push(~uint256{}) + OP_KECCAK256 + ret_top());
    EXPECT_EQ(result.output, kEmptyHash.view());
    // 33 bytes are two words.
    execute(push(33) + push(0) + OP_KECCAK256);
    EXPECT_EQ(gas_used, 3 + 3 + 30 + 6 * 2 + mem_cost(2));
}

TEST_F(EvmTest, calldata)
{
    input = "0x0102030405"_hex;
    execute(push(1) + OP_CALLDATALOAD + ret_top());
    EXPECT_EQ(result.output,
              "0x0203040500000000000000000000000000000000000000000000000000000000"_hex);
    execute(push(5) + OP_CALLDATALOAD + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(push(uint256{1} << 255) + OP_CALLDATALOAD + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(op(OP_CALLDATASIZE) + ret_top());
    EXPECT_EQ(output_word(), 5);
    // CALLDATACOPY 8 bytes from offset 3 to memory 0: 04 05 then zeros.
    execute(push(0xff) + push(0) + OP_MSTORE8 + push(8) + push(3) + push(0) + OP_CALLDATACOPY +
            push(0) + OP_MLOAD + ret_top());
    EXPECT_EQ(result.output,
              "0x0405000000000000000000000000000000000000000000000000000000000000"_hex);
    // GAS: 3 + G_copy per word + memory.
    execute(push(33) + push(0) + push(0) + OP_CALLDATACOPY);
    EXPECT_EQ(gas_used, 3 * 3 + 3 + 3 * 2 + mem_cost(2));
    // Zero size with an absurd memory offset touches no memory.
    execute(push(0) + push(0) + push(~uint256{}) + OP_CALLDATACOPY + OP_MSIZE + ret_top());
    EXPECT_EQ(output_word(), 0);
}

TEST_F(EvmTest, code_copy)
{
    const Bytes code = push(32) + push(0) + push(0) + OP_CODECOPY + op(OP_CODESIZE) + ret_top();
    execute(code);
    EXPECT_EQ(output_word(), code.size());
    // Copying past the end of the code zero-fills.
    execute(push(32) + push(2) + push(0) + OP_CODECOPY + push(32) + push(0) + OP_RETURN);
    // The code from offset 2: PUSH1 2 PUSH1 0 CODECOPY PUSH1 32 PUSH1 0 RETURN, then 22 zeros.
    const Bytes expected = "0x600260003960206000f3"_hex + Bytes(22, 0);
    EXPECT_EQ(result.output, expected);
}

TEST_F(EvmTest, mcopy_eip5656)
{
    rev = Revision::kCancun;
    // memory[0..32) = 0x00..0102; MCOPY(dst 1, src 0, 32) is an overlapping move.
    execute(push(0x0102) + push(0) + OP_MSTORE + push(32) + push(0) + push(1) + OP_MCOPY + push(1) +
            OP_MLOAD + ret_top());
    EXPECT_EQ(output_word(), 0x0102);
    // GAS: 3 + 3 per word + expansion to max(dst, src) + size.
    execute(push(32) + push(0) + push(64) + OP_MCOPY);
    EXPECT_EQ(gas_used, 3 * 3 + 3 + 3 * 1 + mem_cost(3));
    execute(push(32) + push(64) + push(0) + OP_MCOPY);
    EXPECT_EQ(gas_used, 3 * 3 + 3 + 3 * 1 + mem_cost(3));
    execute(push(0) + push(~uint256{}) + push(~uint256{}) + OP_MCOPY);
    EXPECT_EQ(gas_used, 3 * 3 + 3);
}

TEST_F(EvmTest, returndata_eip211)
{
    rev = Revision::kByzantium;
    host.on_call = [](const Message& m) {
        CallResult r;
        r.gas_left = m.gas;
        r.output = "0xaabbccdd"_hex;
        return r;
    };
    const Bytes call0 = call(OP_STATICCALL, 0xffff, addr(9)) + OP_POP;
    execute(call0 + OP_RETURNDATASIZE + ret_top());
    EXPECT_EQ(output_word(), 4);
    execute(call0 + push(2) + push(1) + push(0) + OP_RETURNDATACOPY + push(0) + OP_MLOAD +
            ret_top());
    EXPECT_EQ(result.output,
              "0xbbcc000000000000000000000000000000000000000000000000000000000000"_hex);
    // Reading past the end is an exceptional halt, even with size 0 at offset > size.
    execute(call0 + push(4) + push(1) + push(0) + OP_RETURNDATACOPY);
    EXPECT_EQ(result.status, StatusCode::kInvalidMemoryAccess);
    EXPECT_EQ(result.gas_left, 0);
    execute(call0 + push(0) + push(5) + push(0) + OP_RETURNDATACOPY);
    EXPECT_EQ(result.status, StatusCode::kInvalidMemoryAccess);
    execute(call0 + push(0) + push(4) + push(0) + OP_RETURNDATACOPY);
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    execute(push(1) + push(0) + push(0) + OP_RETURNDATACOPY);  // no call yet: empty
    EXPECT_EQ(result.status, StatusCode::kInvalidMemoryAccess);
}

TEST_F(EvmTest, logs)
{
    execute(push(0xabcd) + push(0) + OP_MSTORE + push(0x22) + push(0x11) + push(2) + push(30) +
            OP_LOG2);
    ASSERT_EQ(host.logs.size(), 1u);
    EXPECT_EQ(host.logs[0].addr, kSelf);
    EXPECT_EQ(host.logs[0].data, "0xabcd"_hex);
    ASSERT_EQ(host.logs[0].topics.size(), 2u);
    EXPECT_EQ(host.logs[0].topics[0], to_bytes32(0x11));
    EXPECT_EQ(host.logs[0].topics[1], to_bytes32(0x22));
    // YP: G_log + n·G_logtopic + G_logdata per byte + memory.
    EXPECT_EQ(gas_used, (3 + 3 + 3 + mem_cost(1)) + 4 * 3 + 375 + 2 * 375 + 8 * 2);
    execute(push(0) + push(0) + OP_LOG0);
    EXPECT_EQ(gas_used, 3 + 3 + 375);
    msg.is_static = true;
    execute(push(0) + push(0) + OP_LOG0);
    EXPECT_EQ(result.status, StatusCode::kStaticModeViolation);
}

TEST_F(EvmTest, context)
{
    host.tx.origin = addr(0x77);
    host.tx.coinbase = addr(0x78);
    host.tx.number = 1000;
    host.tx.timestamp = 1700000000;
    host.tx.gas_limit = 30'000'000;
    host.tx.chain_id = 1;
    host.tx.base_fee = 7;
    host.tx.blob_base_fee = 9;
    host.tx.gas_price = 11;
    host.tx.prev_randao = to_bytes32(0x5eed);
    const std::pair<Opcode, uint256> cases[] = {
        {OP_ORIGIN, word(addr(0x77))},
        {OP_COINBASE, word(addr(0x78))},
        {OP_NUMBER, 1000},
        {OP_TIMESTAMP, 1700000000},
        {OP_GASLIMIT, 30'000'000},
        {OP_CHAINID, 1},
        {OP_BASEFEE, 7},
        {OP_BLOBBASEFEE, 9},
        {OP_GASPRICE, 11},
        {OP_PREVRANDAO, 0x5eed},
        {OP_ADDRESS, word(kSelf)},
        {OP_CALLER, word(kCaller)},
    };
    for (const auto& [o, expected] : cases) {
        SCOPED_TRACE(std::string{opcode_name(o)});
        execute(op(o) + ret_top());
        EXPECT_EQ(output_word(), expected);
    }
    msg.value = 42;
    execute(op(OP_CALLVALUE) + ret_top());
    EXPECT_EQ(output_word(), 42);
    host.accounts[kSelf].balance = 5;
    execute(op(OP_SELFBALANCE) + ret_top());
    EXPECT_EQ(output_word(), 5);
    EXPECT_EQ(gas_used, 5 + 12 + 3);  // EIP-1884: SELFBALANCE costs 5
}

TEST_F(EvmTest, blockhash_window)
{
    host.tx.number = 300;
    for (int64_t n = 0; n < 300; ++n)
        host.block_hashes[n] = to_bytes32(static_cast<uint64_t>(n) + 1000);
    const auto hash_of = [&](uint64_t n) {
        execute(push(n) + OP_BLOCKHASH + ret_top());
        return output_word();
    };
    EXPECT_EQ(hash_of(299), 1299);  // the parent
    EXPECT_EQ(hash_of(44), 1044);   // 300 − 256
    EXPECT_EQ(hash_of(43), 0);      // older than 256 blocks
    EXPECT_EQ(hash_of(300), 0);     // the current block
    EXPECT_EQ(hash_of(1000), 0);
    execute(push(uint256{1} << 100) + OP_BLOCKHASH + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(push(299) + OP_BLOCKHASH);
    EXPECT_EQ(gas_used, 3 + 20);
}

TEST_F(EvmTest, blobhash_eip4844)
{
    rev = Revision::kCancun;
    host.blob_hashes = {to_bytes32(0x0111), to_bytes32(0x0122)};
    execute(push(1) + OP_BLOBHASH + ret_top());
    EXPECT_EQ(output_word(), 0x0122);
    execute(push(2) + OP_BLOBHASH + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(push(uint256{1} << 64) + OP_BLOBHASH + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(push(0) + OP_BLOBHASH);
    EXPECT_EQ(gas_used, 3 + 3);
}

TEST_F(EvmTest, vm_reuse_starts_with_clean_memory)
{
    execute(push(0xdead) + push(0) + OP_MSTORE);
    execute(push(0) + OP_MLOAD + ret_top());
    EXPECT_EQ(output_word(), 0);
    execute(op(OP_MSIZE) + ret_top());
    EXPECT_EQ(output_word(), 0);
}
