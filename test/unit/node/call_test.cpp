// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// eth_call and eth_estimateGas over the sandbox chain: return data, revert data and reasons,
// halts, go-ethereum's defaults (gas, fees, no nonce check), errors, state overrides; gas
// estimates checked by running the call at the estimate (succeeds) and one below (fails).
// Bytecodes are assembled by hand (each opcode commented); expected gas figures are worked out
// in the comments.

#include <gtest/gtest.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/node/call.hpp>

#include "sandbox.hpp"

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::node;

constexpr uint64_t kGwei = 1'000'000'000;

// 60 2a PUSH1 42 · 60 00 PUSH1 0 · 52 MSTORE · 60 20 PUSH1 32 · 60 00 PUSH1 0 · f3 RETURN
const Bytes kReturn42 = "0x602a60005260206000f3"_hex;
// 48 BASEFEE · 60 00 · 52 MSTORE · 60 20 · 60 00 · f3 RETURN
const Bytes kReturnBaseFee = "0x4860005260206000f3"_hex;
// 5a GAS · 60 00 · 52 MSTORE · 60 20 · 60 00 · f3 RETURN
const Bytes kReturnGas = "0x5a60005260206000f3"_hex;
// 33 CALLER · 60 00 · 52 MSTORE · 60 20 · 60 00 · f3 RETURN
const Bytes kReturnCaller = "0x3360005260206000f3"_hex;
// 60 00 PUSH1 0 · 54 SLOAD · 60 00 · 52 MSTORE · 60 20 · 60 00 · f3 RETURN
const Bytes kReturnSlot0 = "0x60005460005260206000f3"_hex;
// 60 00 PUSH1 0 (size) · 60 00 PUSH1 0 (offset) · a0 LOG0 · 00 STOP
const Bytes kLog0 = "0x60006000a000"_hex;
// fe INVALID
const Bytes kInvalid = "0xfe"_hex;
// 5b JUMPDEST · 60 00 PUSH1 0 · 56 JUMP: forever
const Bytes kLoop = "0x5b600056"_hex;
// Error("nope"): selector, offset 32, length 4, "nope" padded to 32 bytes (100 bytes).
const Bytes kNopePayload =
    "0x08c379a0"
    "0000000000000000000000000000000000000000000000000000000000000020"
    "0000000000000000000000000000000000000000000000000000000000000004"
    "6e6f706500000000000000000000000000000000000000000000000000000000"_hex;
// 60 64 PUSH1 100 · 60 0c PUSH1 12 · 60 00 PUSH1 0 · 39 CODECOPY · 60 64 PUSH1 100 ·
// 60 00 PUSH1 0 · fd REVERT, then the payload (at offset 12)
const Bytes kRevertNope = "0x6064600c60003960646000fd"_hex;
// Panic(0x11): selector and one word (36 bytes); same shape with 0x24.
const Bytes kPanicPayload =
    "0x4e487b710000000000000000000000000000000000000000000000000000000000000011"_hex;
const Bytes kRevertPanic = "0x6024600c60003960246000fd"_hex;
// B: 60 01 PUSH1 1 · 60 00 PUSH1 0 · 55 SSTORE · 00 STOP (a fresh slot: 22,100 gas + 6)
const Bytes kStoreOne = "0x600160005500"_hex;

const Address kR42 = "0x00000000000000000000000000000000000a0001"_addr;
const Address kBaseFee = "0x00000000000000000000000000000000000a0002"_addr;
const Address kGas = "0x00000000000000000000000000000000000a0003"_addr;
const Address kCaller = "0x00000000000000000000000000000000000a0004"_addr;
const Address kSlot0 = "0x00000000000000000000000000000000000a0005"_addr;
const Address kLogger = "0x00000000000000000000000000000000000a0006"_addr;
const Address kInvalidAddr = "0x00000000000000000000000000000000000a0007"_addr;
const Address kLoopAddr = "0x00000000000000000000000000000000000a0008"_addr;
const Address kNope = "0x00000000000000000000000000000000000a0009"_addr;
const Address kPanic = "0x00000000000000000000000000000000000a000a"_addr;
const Address kStore = "0x00000000000000000000000000000000000a000b"_addr;
const Address kForwarder = "0x00000000000000000000000000000000000a000c"_addr;

/// A: CALL(gas: all, to: B, no value, no data); revert unless it succeeded.
///   60 00 ×5 (retSize, retOffset, argsSize, argsOffset, value) · 73 <B> PUSH20 · 5a GAS ·
///   f1 CALL · 60 28 PUSH1 40 · 57 JUMPI · 60 00 · 80 DUP1 · fd REVERT · 5b JUMPDEST (40) ·
///   00 STOP
Bytes forwarder_code()
{
    return "0x60006000600060006000"_hex + "0x73"_hex + Bytes{kStore.view()} +
           "0x5af1602857600080fd5b00"_hex;
}

ChainSpec call_spec(const std::string& forks = {})
{
    ChainSpec spec = test::Sandbox::default_spec();
    if (!forks.empty()) {
        auto parsed = parse_chain_spec(R"({"chainId": 1337, "forks": )" + forks + "}");
        EXPECT_TRUE(parsed);
        spec.config = parsed->config;
    }
    const auto code = [&](const Address& a, Bytes c) { spec.alloc[a].code = std::move(c); };
    code(kR42, kReturn42);
    code(kBaseFee, kReturnBaseFee);
    code(kGas, kReturnGas);
    code(kCaller, kReturnCaller);
    code(kSlot0, kReturnSlot0);
    spec.alloc[kSlot0].storage[Bytes32{}] = to_bytes32(uint256{5});
    code(kLogger, kLog0);
    code(kInvalidAddr, kInvalid);
    code(kLoopAddr, kLoop);
    code(kNope, kRevertNope + kNopePayload);
    code(kPanic, kRevertPanic + kPanicPayload);
    code(kStore, kStoreOne);
    code(kForwarder, forwarder_code());
    return spec;
}

/// The sandbox chain with the contracts above, and calls on its head.
struct CallSandbox
{
    explicit CallSandbox(const std::string& forks = {}) : sb{call_spec(forks)} {}

    CallContext context(uint64_t gas_cap = kDefaultCallGasCap) const
    {
        return CallContext{sb.spec.config, sb.head, sb.state, sb.hashes, sb.precompiles, gas_cap};
    }

    test::Sandbox sb;
};

CallRequest to(const Address& a)
{
    CallRequest r;
    r.to = a;
    return r;
}

uint256 word(const Bytes& output)
{
    EXPECT_EQ(output.size(), 32u);
    return output.size() == 32 ? load_be(output) : uint256{};
}

// ---------------------------------------------------------------------------------------------
// eth_call
// ---------------------------------------------------------------------------------------------

TEST(Call, ReturnsTheData)
{
    const CallSandbox cs;
    const auto r = call(cs.context(), to(kR42));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->success());
    EXPECT_EQ(word(r->output), 42);
    // 21,000 + PUSH1 ×4 (12) + MSTORE (3 + 3 memory) = 21,018.
    EXPECT_EQ(r->gas_used, 21'018u);
    EXPECT_EQ(r->error_message(), "");

    // From defaults to the zero address; a given sender is CALLER.
    EXPECT_EQ(word(call(cs.context(), to(kCaller))->output), 0);
    CallRequest from = to(kCaller);
    from.from = cs.sb.keys[2].address;
    EXPECT_EQ(to_bytes32(word(call(cs.context(), from)->output)),
              to_bytes32(load_be(Bytes(12, 0) + Bytes{cs.sb.keys[2].address.view()})));

    const auto logged = call(cs.context(), to(kLogger));
    ASSERT_TRUE(logged);
    ASSERT_EQ(logged->logs.size(), 1u);
    EXPECT_EQ(logged->logs[0].address, kLogger);
}

TEST(Call, RevertDataAndReasons)
{
    const CallSandbox cs;
    const auto nope = call(cs.context(), to(kNope));
    ASSERT_TRUE(nope);
    EXPECT_TRUE(nope->reverted());
    EXPECT_EQ(nope->output, kNopePayload);
    EXPECT_EQ(nope->error_message(), "execution reverted: nope");

    const auto panic = call(cs.context(), to(kPanic));
    ASSERT_TRUE(panic);
    EXPECT_EQ(panic->output, kPanicPayload);
    EXPECT_EQ(panic->error_message(), "execution reverted: arithmetic underflow or overflow");

    CallRequest halt = to(kInvalidAddr);
    halt.gas = 100'000;
    const auto invalid = call(cs.context(), halt);
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->status, evm::StatusCode::kInvalidInstruction);
    EXPECT_TRUE(invalid->output.empty());
    EXPECT_EQ(invalid->gas_used, 100'000u);  // an exceptional halt consumes everything
    EXPECT_EQ(invalid->error_message(), "invalid opcode: INVALID");

    const auto loop = call(cs.context(), to(kLoopAddr));
    ASSERT_TRUE(loop);
    EXPECT_EQ(loop->status, evm::StatusCode::kOutOfGas);
    EXPECT_EQ(loop->error_message(), "out of gas");
}

TEST(Call, DecodesRevertReasons)
{
    EXPECT_EQ(decode_revert_reason(kNopePayload), "nope");
    EXPECT_EQ(decode_revert_reason(kPanicPayload), "arithmetic underflow or overflow");
    EXPECT_EQ(decode_revert_reason(
                  "0x4e487b710000000000000000000000000000000000000000000000000000000000000001"_hex),
              "assert(false)");
    EXPECT_EQ(decode_revert_reason(
                  "0x4e487b710000000000000000000000000000000000000000000000000000000000000099"_hex),
              "unknown panic code: 0x99");
    EXPECT_FALSE(decode_revert_reason("0x08c379a0"_hex));            // truncated
    EXPECT_FALSE(decode_revert_reason(kNopePayload.substr(0, 70)));  // string runs off the end
    EXPECT_FALSE(decode_revert_reason("0xdeadbeef"_hex));
    EXPECT_FALSE(decode_revert_reason({}));
    CallResult r;
    r.status = evm::StatusCode::kRevert;
    r.output = "0xdeadbeef"_hex;
    EXPECT_EQ(r.error_message(), "execution reverted");
}

TEST(Call, GasDefaultsToTheBlockLimitWithinTheCaps)
{
    // Osaka: min(30,000,000 block limit, 50M cap, EIP-7825 2^24 = 16,777,216); GAS sees that
    // minus 21,000 and its own 2.
    const CallSandbox osaka;
    EXPECT_EQ(word(call(osaka.context(), to(kGas))->output), 16'756'214);
    // Prague: the block limit, 30,000,000 - 21,002.
    const CallSandbox prague{R"({"Prague": 0})"};
    EXPECT_EQ(word(call(prague.context(), to(kGas))->output), 29'978'998);
    // A given gas, and the node's cap over it.
    CallRequest r = to(kGas);
    r.gas = 100'000;
    EXPECT_EQ(word(call(osaka.context(), r)->output), 78'998);
    EXPECT_EQ(word(call(osaka.context(40'000), r)->output), 18'998);
}

TEST(Call, FeesOnlyWhenGiven)
{
    const CallSandbox cs;
    // No fee: the EVM sees a base fee of 0 and the sender needs no funds.
    const auto free = call(cs.context(), to(kBaseFee));
    ASSERT_TRUE(free) << free.error().message;
    EXPECT_EQ(word(free->output), 0);
    // With fees (the sender pays): the block's base fee, 1 gwei at genesis.
    CallRequest paid = to(kBaseFee);
    paid.from = cs.sb.keys[0].address;
    paid.max_fee_per_gas = 2 * kGwei;
    const auto with_fee = call(cs.context(), paid);
    ASSERT_TRUE(with_fee) << with_fee.error().message;
    EXPECT_EQ(word(with_fee->output), uint256{kGwei});
    CallRequest legacy = to(kBaseFee);
    legacy.from = cs.sb.keys[0].address;
    legacy.gas_price = kGwei;
    EXPECT_EQ(word(call(cs.context(), legacy)->output), uint256{kGwei});

    // The nonce is not checked.
    CallRequest any_nonce = to(kR42);
    any_nonce.nonce = 99;
    EXPECT_TRUE(call(cs.context(), any_nonce));
}

TEST(Call, Errors)
{
    const CallSandbox cs;
    const Address poor = test::make_test_key(9).address;
    const auto error_of = [&](const CallRequest& r) {
        const auto result = call(cs.context(), r);
        EXPECT_FALSE(result);
        return result ? std::string{} : result.error().message;
    };

    CallRequest value = to(kR42);
    value.value = 5;
    EXPECT_EQ(error_of(value),
              "insufficient funds for gas * price + value: address "
              "0x0000000000000000000000000000000000000000 have 0 want 5");

    CallRequest fee = to(kR42);
    fee.from = poor;
    fee.gas = 100'000;
    fee.max_fee_per_gas = 2 * kGwei;
    // 100,000 × 2 gwei = 200,000,000,000,000.
    EXPECT_EQ(error_of(fee), "insufficient funds for gas * price + value: address " +
                                 to_0x_hex(poor.view()) + " have 0 want 200000000000000");

    CallRequest low_fee = to(kR42);
    low_fee.max_fee_per_gas = 500'000'000;
    EXPECT_EQ(error_of(low_fee),
              "max fee per gas less than block base fee: address "
              "0x0000000000000000000000000000000000000000, maxFeePerGas: 500000000, baseFee: "
              "1000000000");

    CallRequest both = to(kR42);
    both.gas_price = 1;
    both.max_fee_per_gas = 1;
    EXPECT_EQ(error_of(both), "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");

    CallRequest tip = to(kR42);
    tip.max_fee_per_gas = 1;
    tip.max_priority_fee_per_gas = 2;
    EXPECT_EQ(error_of(tip), "maxFeePerGas (1) < maxPriorityFeePerGas (2)");

    CallRequest chain = to(kR42);
    chain.chain_id = 5;
    EXPECT_EQ(error_of(chain), "chainId does not match node's (have=5, want=1337)");

    CallRequest low_gas = to(kR42);
    low_gas.gas = 20'000;
    EXPECT_EQ(error_of(low_gas), "intrinsic gas too low: have 20000, want 21000");
}

TEST(Call, CreationReturnsTheDeployedCode)
{
    const CallSandbox cs;
    CallRequest create;
    // 60 0a PUSH1 10 · 60 0c PUSH1 12 · 60 00 · 39 CODECOPY · 60 0a · 60 00 · f3 RETURN, then
    // kReturn42 (10 bytes at offset 12).
    create.input = "0x600a600c600039600a6000f3"_hex + kReturn42;
    const auto r = call(cs.context(), create);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->success());
    EXPECT_EQ(r->output, kReturn42);
}

TEST(Call, StateOverrides)
{
    const CallSandbox cs;
    const Address poor = test::make_test_key(9).address;

    // Balance: the poor sender can now pay.
    CallRequest fee = to(kR42);
    fee.from = poor;
    fee.max_fee_per_gas = 2 * kGwei;
    StateOverrides rich;
    rich[poor].balance = test::kEther;
    EXPECT_FALSE(call(cs.context(), fee));
    EXPECT_TRUE(call(cs.context(), fee, &rich));

    // Code at an empty address.
    const Address nowhere = "0x00000000000000000000000000000000000b0000"_addr;
    StateOverrides code;
    code[nowhere].code = kReturn42;
    EXPECT_TRUE(call(cs.context(), to(nowhere))->output.empty());
    EXPECT_EQ(word(call(cs.context(), to(nowhere), &code)->output), 42);

    // Storage: slot 0 holds 5; stateDiff changes it, state replaces the whole storage.
    EXPECT_EQ(word(call(cs.context(), to(kSlot0))->output), 5);
    StateOverrides diff;
    diff[kSlot0].state_diff = std::map<Bytes32, Bytes32>{{Bytes32{}, to_bytes32(uint256{7})}};
    EXPECT_EQ(word(call(cs.context(), to(kSlot0), &diff)->output), 7);
    StateOverrides replace;
    replace[kSlot0].state =
        std::map<Bytes32, Bytes32>{{to_bytes32(uint256{1}), to_bytes32(uint256{9})}};
    EXPECT_EQ(word(call(cs.context(), to(kSlot0), &replace)->output), 0);

    StateOverrides bad;
    bad[kSlot0].state = std::map<Bytes32, Bytes32>{};
    bad[kSlot0].state_diff = std::map<Bytes32, Bytes32>{};
    const auto r = call(cs.context(), to(kSlot0), &bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "account " + to_0x_hex(kSlot0.view()) + " has both 'state' and 'stateDiff'");
}

// ---------------------------------------------------------------------------------------------
// eth_estimateGas
// ---------------------------------------------------------------------------------------------

/// Expects `estimate` to be the smallest gas that succeeds: the call succeeds at it and fails
/// one below.
void expect_tight(const CallContext& ctx, CallRequest request, uint64_t estimate)
{
    request.gas = estimate;
    const auto at = call(ctx, request);
    ASSERT_TRUE(at) << at.error().message;
    EXPECT_TRUE(at->success()) << at->error_message();
    request.gas = estimate - 1;
    const auto below = call(ctx, request);
    EXPECT_TRUE(!below || !below->success());
}

TEST(EstimateGas, PlainTransferIs21000)
{
    const CallSandbox cs;
    CallRequest r;
    r.from = cs.sb.keys[0].address;
    r.to = cs.sb.keys[1].address;
    r.value = 1000;
    const auto estimate = estimate_gas(cs.context(), r);
    ASSERT_TRUE(estimate) << estimate.error().message;
    EXPECT_EQ(*estimate, 21'000u);
}

TEST(EstimateGas, CalldataFloorOfPrague)
{
    // One non-zero byte: intrinsic 21,016, EIP-7623 floor 21,000 + 10 × 4 = 21,040.
    const CallSandbox cs;
    CallRequest r;
    r.to = cs.sb.keys[1].address;
    r.input = "0x01"_hex;
    const auto estimate = estimate_gas(cs.context(), r);
    ASSERT_TRUE(estimate) << estimate.error().message;
    EXPECT_EQ(*estimate, 21'040u);
    expect_tight(cs.context(), r, *estimate);
}

TEST(EstimateGas, ConvergesAboveTheGasUsedWhenASubcallNeedsHeadroom)
{
    // A forwards all its gas to B, which needs 22,106; CALL keeps 1/64 back (EIP-150), so A
    // needs more gas than the transaction ends up using.
    const CallSandbox cs;
    const CallRequest r = to(kForwarder);
    const auto used = call(cs.context(), r);
    ASSERT_TRUE(used && used->success());
    const auto estimate = estimate_gas(cs.context(), r);
    ASSERT_TRUE(estimate) << estimate.error().message;
    EXPECT_GT(*estimate, used->gas_used);
    expect_tight(cs.context(), r, *estimate);

    const auto plain = estimate_gas(cs.context(), to(kR42));
    ASSERT_TRUE(plain);
    EXPECT_EQ(*plain, 21'018u);  // no headroom needed: the gas used
    expect_tight(cs.context(), to(kR42), *plain);
}

TEST(EstimateGas, FailuresAtTheAllowance)
{
    const CallSandbox cs;
    const auto nope = estimate_gas(cs.context(), to(kNope));
    ASSERT_FALSE(nope);
    EXPECT_EQ(nope.error().message, "execution reverted: nope");
    EXPECT_EQ(nope.error().revert_data, kNopePayload);

    const auto invalid = estimate_gas(cs.context(), to(kInvalidAddr));
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().message, "invalid opcode: INVALID");
    EXPECT_FALSE(invalid.error().revert_data);

    // Osaka: the allowance is EIP-7825's 2^24.
    const auto loop = estimate_gas(cs.context(), to(kLoopAddr));
    ASSERT_FALSE(loop);
    EXPECT_EQ(loop.error().message, "gas required exceeds allowance (16777216)");

    // At 1 gwei, 100,000 gwei pays for 100,000 gas.
    const Address poor = test::make_test_key(9).address;
    CallRequest limited = to(kLoopAddr);
    limited.from = poor;
    limited.max_fee_per_gas = kGwei;
    StateOverrides funds;
    funds[poor].balance = uint256{100'000} * kGwei;
    const auto capped = estimate_gas(cs.context(), limited, &funds);
    ASSERT_FALSE(capped);
    EXPECT_EQ(capped.error().message, "gas required exceeds allowance (100000)");

    limited.value = uint256{100'000} * kGwei;
    const auto transfer = estimate_gas(cs.context(), limited, &funds);
    ASSERT_FALSE(transfer);
    EXPECT_EQ(transfer.error().message, "insufficient funds for transfer");

    // The node's cap.
    const auto node_cap = estimate_gas(cs.context(1'000'000), to(kLoopAddr));
    ASSERT_FALSE(node_cap);
    EXPECT_EQ(node_cap.error().message, "gas required exceeds allowance (1000000)");
}

// ---------------------------------------------------------------------------------------------
// effectiveGasPrice
// ---------------------------------------------------------------------------------------------

TEST(EffectiveGasPrice, FollowsEip1559)
{
    Transaction legacy;
    legacy.set_gas_price(5 * kGwei);
    EXPECT_EQ(effective_gas_price(legacy, uint256{875'000'000}), uint256{5 * kGwei});
    Transaction dynamic;
    dynamic.type = TxType::kDynamicFee;
    dynamic.max_fee_per_gas = 10 * kGwei;
    dynamic.max_priority_fee_per_gas = 2 * kGwei;
    // 2 gwei + 0.875 gwei.
    EXPECT_EQ(effective_gas_price(dynamic, uint256{875'000'000}), uint256{2'875'000'000});
    dynamic.max_fee_per_gas = kGwei;  // capped by the max fee
    EXPECT_EQ(effective_gas_price(dynamic, uint256{875'000'000}), uint256{kGwei});
    EXPECT_EQ(effective_gas_price(dynamic, std::nullopt), uint256{kGwei});
}

TEST(EffectiveGasPrice, WhatAMinedReceiptPays)
{
    // A mined type-2 transfer: the sender pays gas_used × effective price plus the value.
    test::Sandbox sb;
    Mempool pool{[] {
        MempoolConfig c;
        c.chain_id = kDevnetChainId;
        return c;
    }()};
    const Transaction tx = sb.transfer(0, 0, 10 * kGwei, 2 * kGwei);
    const uint256 before = sb.state.find(sb.keys[0].address)->balance;
    ASSERT_TRUE(pool.add(tx, sb.pool_head()));
    const auto block = sb.mine(pool);
    ASSERT_EQ(block.block.transactions.size(), 1u);
    const uint256 price = effective_gas_price(tx, block.block.header.base_fee_per_gas);
    EXPECT_EQ(price, uint256{2'875'000'000});
    EXPECT_EQ(before - sb.state.find(sb.keys[0].address)->balance,
              uint256{21'000} * price + uint256{1});
    // The coinbase earned the tip: 21,000 × 2 gwei.
    EXPECT_EQ(sb.state.find(sb.coinbase)->balance, uint256{21'000} * 2 * kGwei);
}

}  // namespace
