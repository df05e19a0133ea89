// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// CALL family (EIP-7, EIP-150, EIP-161, EIP-214, EIP-2929, EIP-7702), CREATE/CREATE2
// (EIP-1014, EIP-3860) and SELFDESTRUCT (EIP-150, EIP-161, EIP-2929, EIP-3529).
#include <pthread.h>

#include <functional>

#include "evm_test_helpers.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;
using namespace ultra::literals;

namespace {
constexpr int64_t kGas = 1'000'000;
const Address kTarget = addr(0x10);

/// EIP-150: all but one 64th.
constexpr int64_t all_but_one_64th(int64_t g)
{
    return g - g / 64;
}

/// A host whose callee uses all its gas (so the caller's gas_used includes the forwarded gas).
void callee_burns_everything(MockHost& h)
{
    h.on_call = [](const Message&) {
        CallResult r;
        r.gas_left = 0;
        return r;
    };
}
}  // namespace

TEST_F(EvmTest, call_63_64_rule_eip150)
{
    rev = Revision::kIstanbul;  // CALL base 700, no access lists
    host.accounts[kTarget].nonce = 1;
    callee_burns_everything(host);
    execute(kGas, call(OP_CALL, ~uint256{}, kTarget));
    ASSERT_EQ(host.calls.size(), 1u);
    const int64_t before_call = kGas - call_push_cost(OP_CALL) - 700;
    EXPECT_EQ(host.calls[0].msg.gas, all_but_one_64th(before_call));
    EXPECT_EQ(gas_used, kGas - (before_call - all_but_one_64th(before_call)));
    // A smaller request is honoured exactly.
    host.calls.clear();
    execute(kGas, call(OP_CALL, 5000, kTarget));
    EXPECT_EQ(host.calls[0].msg.gas, 5000);
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 5000);
    EXPECT_EQ(host.calls[0].msg.kind, CallKind::kCall);
    EXPECT_EQ(host.calls[0].msg.depth, 1);
    EXPECT_EQ(host.calls[0].msg.recipient, kTarget);
    EXPECT_EQ(host.calls[0].msg.sender, kSelf);
}

TEST_F(EvmTest, call_before_eip150_needs_all_gas)
{
    rev = Revision::kHomestead;
    host.accounts[kTarget].nonce = 1;
    callee_burns_everything(host);
    const int64_t available = kGas - call_push_cost(OP_CALL) - 40;
    execute(kGas, call(OP_CALL, static_cast<uint64_t>(available), kTarget));
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].msg.gas, available);  // no 63/64 cap
    EXPECT_EQ(gas_used, kGas);
    execute(kGas, call(OP_CALL, static_cast<uint64_t>(available + 1), kTarget));
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
    EXPECT_EQ(host.calls.size(), 1u);
}

TEST_F(EvmTest, call_value_transfer_and_stipend)
{
    rev = Revision::kIstanbul;
    host.accounts[kSelf].balance = 100;
    host.accounts[kTarget].nonce = 1;
    execute(kGas, call(OP_CALL, 10000, kTarget, 7));  // callee returns all its gas
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].msg.gas, 10000 + 2300);
    EXPECT_EQ(host.calls[0].msg.value, 7);
    // Caller pays base + G_callvalue; the unused child gas (stipend included) comes back.
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 9000 - 2300);

    // New account: value to a non-existent account costs G_newaccount (EIP-161 rule).
    host.calls.clear();
    callee_burns_everything(host);
    const Address fresh = addr(0x55);
    execute(kGas, call(OP_CALL, 10000, fresh, 7));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 9000 + 25000 + 10000);
    // Without value nothing is created from Spurious Dragon on ...
    execute(kGas, call(OP_CALL, 10000, fresh, 0));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 10000);
    // ... but before it any call to a non-existent account paid G_newaccount.
    rev = Revision::kTangerineWhistle;
    execute(kGas, call(OP_CALL, 10000, fresh, 0));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 25000 + 10000);
    // EIP-161: an empty (but present) account counts as non-existent from Spurious Dragon.
    host.accounts[fresh] = MockAccount{};
    execute(kGas, call(OP_CALL, 10000, fresh, 7));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 9000 + 10000);
    rev = Revision::kSpuriousDragon;
    execute(kGas, call(OP_CALL, 10000, fresh, 7));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 9000 + 25000 + 10000);
    // CALLCODE never creates an account.
    execute(kGas, call(OP_CALLCODE, 10000, addr(0x56), 7));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALLCODE) + 700 + 9000 + 10000);
}

TEST_F(EvmTest, call_light_failures_keep_gas)
{
    rev = Revision::kIstanbul;
    host.accounts[kTarget].nonce = 1;
    host.accounts[kSelf].balance = 5;
    // Insufficient balance: push 0, the forwarded gas and the stipend return to the caller.
    execute(kGas, call(OP_CALL, 10000, kTarget, 6) + ret_top());
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 9000 - 2300 + 15);
    // Depth limit: a frame at depth 1024 cannot call.
    msg.depth = 1024;
    execute(kGas, call(OP_CALL, 10000, kTarget, 0) + ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 700 + 15);
    msg.depth = 1023;
    execute(kGas, call(OP_CALL, 10000, kTarget, 0) + ret_top());
    EXPECT_EQ(output_word(), 1);
    EXPECT_EQ(host.calls.back().msg.depth, 1024);
}

TEST_F(EvmTest, call_kinds_and_output)
{
    rev = Revision::kCancun;
    msg.value = 77;
    host.accounts[kTarget].nonce = 1;
    host.on_call = [](const Message& m) {
        CallResult r;
        r.gas_left = m.gas;
        r.output = "0x112233"_hex;
        return r;
    };
    // Input memory[0..4) = 0xdeadbeef; output into memory[32..34) (shorter than the data).
    const Bytes prefix = push(0xdeadbeef) + push(0) + OP_MSTORE;
    const Bytes read_out = push(32) + OP_MLOAD + ret_top();
    const Bytes delegate = call(OP_DELEGATECALL, 5000, kTarget, 0, 28, 4, 32, 2);
    execute(prefix + delegate + read_out);
    ASSERT_EQ(host.calls.size(), 1u);
    const auto& m = host.calls[0].msg;
    EXPECT_EQ(m.kind, CallKind::kDelegateCall);
    EXPECT_EQ(m.recipient, kSelf);
    EXPECT_EQ(m.sender, kCaller);
    EXPECT_EQ(m.value, 77);
    EXPECT_EQ(m.code_address, kTarget);
    EXPECT_EQ(host.calls[0].input, "0xdeadbeef"_hex);
    EXPECT_EQ(result.output,
              "0x1122000000000000000000000000000000000000000000000000000000000000"_hex);

    host.calls.clear();
    execute(prefix + call(OP_CALLCODE, 5000, kTarget, 0) + read_out);
    EXPECT_EQ(host.calls[0].msg.kind, CallKind::kCallCode);
    EXPECT_EQ(host.calls[0].msg.recipient, kSelf);
    EXPECT_EQ(host.calls[0].msg.sender, kSelf);
    EXPECT_EQ(host.calls[0].msg.code_address, kTarget);

    host.calls.clear();
    execute(call(OP_STATICCALL, 5000, kTarget));
    EXPECT_EQ(host.calls[0].msg.kind, CallKind::kCall);
    EXPECT_TRUE(host.calls[0].msg.is_static);
    EXPECT_EQ(host.calls[0].msg.recipient, kTarget);
    EXPECT_EQ(host.calls[0].msg.value, 0);

    // A failing callee pushes 0 and its output still becomes the return data.
    host.on_call = [](const Message& child) {
        CallResult r;
        r.status = StatusCode::kRevert;
        r.gas_left = child.gas / 2;
        r.gas_refund = 4800;
        r.output = "0x01"_hex;
        return r;
    };
    execute(call(OP_CALL, 5000, kTarget) + OP_RETURNDATASIZE + OP_ADD + ret_top());
    EXPECT_EQ(output_word(), 1);
    EXPECT_EQ(result.gas_refund, 0);  // a reverted child's refund is dropped
}

TEST_F(EvmTest, call_access_costs_eip2929)
{
    rev = Revision::kBerlin;
    host.accounts[kTarget].nonce = 1;
    execute(kGas, call(OP_CALL, 0, kTarget) + call(OP_STATICCALL, 0, kTarget));
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 2600 + call_push_cost(OP_STATICCALL) + 100);
    host.warm_accounts.clear();
    execute(kGas, call(OP_DELEGATECALL, 0, kTarget));
    EXPECT_EQ(gas_used, call_push_cost(OP_DELEGATECALL) + 2600);
    // Memory expansion for the input and output ranges is charged before the 63/64 rule.
    callee_burns_everything(host);
    execute(kGas, call(OP_CALL, ~uint256{}, kTarget, 0, 0, 64, 96, 32));
    const int64_t after_charges = kGas - call_push_cost(OP_CALL) - 100 - mem_cost_words(4);
    EXPECT_EQ(host.calls.back().msg.gas, all_but_one_64th(after_charges));
}

TEST_F(EvmTest, call_delegation_eip7702)
{
    const Address delegate = addr(0x20);
    host.accounts[kTarget].code = "0xef0100"_hex + Bytes{delegate.view()};
    host.accounts[delegate].code = "0x00"_hex;
    rev = Revision::kPrague;
    execute(kGas, call(OP_CALL, 0, kTarget));
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].msg.recipient, kTarget);
    EXPECT_EQ(host.calls[0].msg.code_address, delegate);
    EXPECT_TRUE(host.calls[0].msg.is_delegated);
    // Cold target (2600 = 100 base + 2500) and cold delegate (2600).
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 2600 + 2600);
    // Both warm now: 100 + 100.
    execute(kGas, call(OP_STATICCALL, 0, kTarget));
    EXPECT_EQ(gas_used, call_push_cost(OP_STATICCALL) + 100 + 100);
    EXPECT_EQ(host.calls[1].msg.code_address, delegate);
    // EXTCODE* see the 23-byte designator itself.
    execute(push(kTarget) + OP_EXTCODESIZE + ret_top());
    EXPECT_EQ(output_word(), 23);
    execute(push(kTarget) + OP_EXTCODEHASH + ret_top());
    EXPECT_EQ(to_bytes32(output_word()), keccak256(host.accounts[kTarget].code));
    // Not a designator: wrong length or prefix.
    host.accounts[kTarget].code = "0xef0100"_hex + Bytes{delegate.view()} + Bytes{0x00};
    host.calls.clear();
    execute(kGas, call(OP_CALL, 0, kTarget));
    EXPECT_EQ(host.calls[0].msg.code_address, kTarget);
    EXPECT_FALSE(host.calls[0].msg.is_delegated);
    // Before Prague there is no delegation.
    host.accounts[kTarget].code = "0xef0100"_hex + Bytes{delegate.view()};
    rev = Revision::kCancun;
    host.warm_accounts.clear();
    host.calls.clear();
    execute(kGas, call(OP_CALL, 0, kTarget));
    EXPECT_EQ(host.calls[0].msg.code_address, kTarget);
    EXPECT_EQ(gas_used, call_push_cost(OP_CALL) + 2600);
}

TEST_F(EvmTest, create_costs)
{
    host.accounts[kSelf].balance = 10;
    host.on_call = [](const Message& m) {
        CallResult r;
        r.gas_left = m.gas;
        r.create_address = addr(0xcc);
        return r;
    };
    // 40 bytes of init code = 2 words, in memory [0, 64).
    const Bytes mem = push(1) + push(32) + OP_MSTORE;
    const int64_t mem_gas = 3 + 3 + 3 + mem_cost_words(2);
    rev = Revision::kShanghai;
    execute(kGas, mem + push(40) + push(0) + push(3) + OP_CREATE + ret_top());
    EXPECT_EQ(output_word(), word(addr(0xcc)));
    EXPECT_EQ(gas_used, mem_gas + 9 + 32000 + 2 * 2 /*EIP-3860*/ + 12);
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].msg.kind, CallKind::kCreate);
    EXPECT_EQ(host.calls[0].msg.value, 3);
    EXPECT_EQ(host.calls[0].msg.sender, kSelf);
    EXPECT_EQ(host.calls[0].input.size(), 40u);
    EXPECT_EQ(host.calls[0].msg.gas, all_but_one_64th(kGas - mem_gas - 9 - 32000 - 4));
    // CREATE2 adds the hashing cost, 6 per word (EIP-1014).
    execute(kGas, mem + push(0x5a17) + push(40) + push(0) + push(0) + OP_CREATE2);
    EXPECT_EQ(gas_used, mem_gas + 12 + 32000 + 6 * 2 + 2 * 2);
    EXPECT_EQ(host.calls.back().msg.kind, CallKind::kCreate2);
    EXPECT_EQ(host.calls.back().msg.salt, to_bytes32(0x5a17));
    rev = Revision::kParis;  // before EIP-3860
    execute(kGas, mem + push(0x5a17) + push(40) + push(0) + push(0) + OP_CREATE2);
    EXPECT_EQ(gas_used, mem_gas + 12 + 32000 + 6 * 2);
    // Before EIP-150 the child gets all the remaining gas.
    rev = Revision::kHomestead;
    host.calls.clear();
    execute(kGas, push(0) + push(0) + push(0) + OP_CREATE);
    EXPECT_EQ(host.calls[0].msg.gas, kGas - 9 - 32000);
}

TEST_F(EvmTest, create_init_code_limit_eip3860)
{
    const uint64_t limit = 2 * 24576;
    rev = Revision::kShanghai;
    execute(10'000'000, push(limit + 1) + push(0) + push(0) + OP_CREATE);
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
    EXPECT_TRUE(host.calls.empty());
    execute(10'000'000, push(limit) + push(0) + push(0) + OP_CREATE);
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(host.calls.size(), 1u);
    rev = Revision::kParis;
    execute(10'000'000, push(limit + 1) + push(0) + push(0) + OP_CREATE);
    EXPECT_EQ(result.status, StatusCode::kSuccess);
}

TEST_F(EvmTest, create_failures)
{
    rev = Revision::kCancun;
    host.accounts[kSelf].balance = 1;
    // Balance too low: push 0, no call, no gas forwarded.
    execute(kGas, push(0) + push(0) + push(2) + OP_CREATE + ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(gas_used, 9 + 32000 + 15);
    // A reverting init code: 0 pushed, its output is the return data.
    host.on_call = [](const Message& m) {
        CallResult r;
        r.status = StatusCode::kRevert;
        r.gas_left = m.gas;
        r.output = "0xabab"_hex;
        return r;
    };
    execute(kGas, push(0) + push(0) + push(0) + OP_CREATE + OP_RETURNDATASIZE + OP_ADD + ret_top());
    EXPECT_EQ(output_word(), 2);
    msg.depth = 1024;
    host.calls.clear();
    execute(kGas, push(0) + push(0) + push(0) + OP_CREATE + ret_top());
    EXPECT_EQ(output_word(), 0);
    EXPECT_TRUE(host.calls.empty());
}

TEST_F(EvmTest, selfdestruct_costs)
{
    const Address beneficiary = addr(0xbe);
    host.accounts[kSelf].balance = 1;
    rev = Revision::kHomestead;  // no cost, refund 24000
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(gas_used, 3);
    EXPECT_EQ(result.gas_refund, 24000);
    ASSERT_EQ(host.selfdestructs.size(), 1u);
    EXPECT_EQ(host.selfdestructs[0].second, beneficiary);
    // The refund is granted once per account.
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(result.gas_refund, 0);

    host = MockHost{};
    host.accounts[kSelf].balance = 0;
    rev = Revision::kTangerineWhistle;  // EIP-150: 5000, +25000 for a non-existent beneficiary
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(gas_used, 3 + 5000 + 25000);
    rev = Revision::kSpuriousDragon;  // EIP-161: only when value makes it alive
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(gas_used, 3 + 5000);
    host.accounts[kSelf].balance = 1;
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(gas_used, 3 + 5000 + 25000);
    host.accounts[beneficiary].nonce = 1;
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(gas_used, 3 + 5000);

    host = MockHost{};
    host.accounts[beneficiary].nonce = 1;
    rev = Revision::kBerlin;  // EIP-2929: +2600 for a cold beneficiary
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(gas_used, 3 + 5000 + 2600);
    EXPECT_EQ(result.gas_refund, 24000);
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(gas_used, 3 + 5000);

    host = MockHost{};
    host.accounts[beneficiary].nonce = 1;
    rev = Revision::kLondon;  // EIP-3529: no refund
    execute(push(beneficiary) + OP_SELFDESTRUCT);
    EXPECT_EQ(result.gas_refund, 0);
    EXPECT_EQ(gas_used, 3 + 5000 + 2600);
}

TEST_F(EvmTest, refunds_propagate_from_successful_children)
{
    rev = Revision::kLondon;
    host.accounts[kTarget].nonce = 1;
    host.on_call = [](const Message& m) {
        CallResult r;
        r.gas_left = m.gas;
        r.gas_refund = 4800;
        return r;
    };
    execute(call(OP_CALL, 1000, kTarget));
    EXPECT_EQ(result.gas_refund, 4800);
    // An exceptional halt of the frame drops everything.
    execute(call(OP_CALL, 1000, kTarget) + OP_INVALID);
    EXPECT_EQ(result.gas_refund, 0);
    EXPECT_EQ(result.gas_left, 0);
}

TEST_F(EvmTest, nested_execution_uses_deeper_buffers)
{
    // The host runs the callee with the same Vm one level deeper; the caller's memory survives.
    rev = Revision::kCancun;
    const Bytes callee = push(0x42) + ret_top();
    host.accounts[kTarget].code = callee;
    host.on_call = [this, &callee](const Message& m) {
        return evm::execute(vm, host, rev, m, callee);
    };
    execute(push(0x99) + push(64) + OP_MSTORE + call(OP_CALL, 100000, kTarget, 0, 0, 0, 0, 32) +
            OP_POP + push(0) + OP_MLOAD + push(64) + OP_MLOAD + OP_ADD + ret_top());
    EXPECT_EQ(output_word(), 0x42 + 0x99);
}

namespace {
/// Runs `f` on a thread with a `bytes` native stack: 1024 nested frames need a few MiB, and far
/// more under AddressSanitizer, whose frames are larger.
void run_with_stack(size_t bytes, const std::function<void()>& f)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, bytes);
    pthread_t thread;
    auto body = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f)), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}
}  // namespace

TEST_F(EvmTest, recursion_to_the_depth_limit)
{
    // The callee calls itself with all its gas until depth 1024, where CALL pushes 0 without
    // calling the host (EIP-150's 63/64 rule leaves plenty of gas from INT64_MAX).
    rev = Revision::kCancun;
    const Bytes code = call(OP_CALL, ~uint256{}, kSelf) + ret_top();
    host.accounts[kSelf].code = code;
    int32_t max_depth = 0;
    host.on_call = [&](const Message& m) {
        max_depth = std::max(max_depth, m.depth);
        return evm::execute(vm, host, rev, m, code);
    };
    run_with_stack(size_t{512} << 20, [&] { execute(std::numeric_limits<int64_t>::max(), code); });
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(output_word(), 1);
    EXPECT_EQ(max_depth, 1024);
    EXPECT_EQ(host.calls.size(), 1024u);
}
