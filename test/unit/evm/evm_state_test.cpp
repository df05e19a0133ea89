// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Storage (SLOAD/SSTORE per revision: legacy, EIP-1283, EIP-2200, EIP-2929, EIP-3529), account
// access costs (EIP-150, EIP-1884, EIP-2929), transient storage, static mode, internal errors.
#include "evm_test_helpers.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;

namespace {

/// SSTORE gas and refund, transcribed from the EIP texts (not from the implementation's tables).
struct Expected
{
    int64_t gas;
    int64_t refund;
};

Expected sstore_spec(Revision rev, uint64_t original, uint64_t current, uint64_t value, bool cold)
{
    if (rev < Revision::kConstantinople || rev == Revision::kPetersburg) {
        // YP: G_sset when a zero slot becomes non-zero, else G_sreset; R_sclear on clearing.
        const int64_t gas = (current == 0 && value != 0) ? 20000 : 5000;
        return {gas, (current != 0 && value == 0) ? 15000 : 0};
    }
    // EIP-1283 (Constantinople), EIP-2200 (Istanbul), EIP-2929 (Berlin), EIP-3529 (London).
    int64_t sload_gas = 200;
    int64_t reset = 5000;
    int64_t clears = 15000;
    int64_t extra = 0;
    if (rev >= Revision::kIstanbul) sload_gas = 800;
    if (rev >= Revision::kBerlin) {
        sload_gas = 100;      // WARM_STORAGE_READ_COST
        reset = 5000 - 2100;  // SSTORE_RESET_GAS − COLD_SLOAD_COST
        if (cold) extra = 2100;
    }
    if (rev >= Revision::kLondon) clears = 4800;  // SSTORE_RESET_GAS + ACCESS_LIST_STORAGE_KEY_COST
    int64_t refund = 0;
    if (current == value) return {sload_gas + extra, 0};
    if (original == current) {
        if (original == 0) return {20000 + extra, 0};
        if (value == 0) refund += clears;
        return {reset + extra, refund};
    }
    if (original != 0) {
        if (current == 0)
            refund -= clears;
        else if (value == 0)
            refund += clears;
    }
    if (original == value) refund += original == 0 ? 20000 - sload_gas : reset - sload_gas;
    return {sload_gas + extra, refund};
}

}  // namespace

TEST_F(EvmTest, sstore_matrix_all_revisions)
{
    // (original, current, new) covering every StorageStatus.
    const uint64_t cases[][3] = {
        {0, 0, 0}, {0, 0, 1}, {1, 1, 0}, {1, 1, 2}, {1, 0, 2}, {1, 2, 0}, {1, 0, 1},
        {0, 1, 0}, {1, 2, 1}, {0, 1, 2}, {1, 1, 1}, {1, 2, 3}, {1, 0, 0}, {0, 1, 1},
    };
    for (int r = 0; r <= static_cast<int>(kLatestRevision); ++r) {
        for (const bool cold : {true, false}) {
            for (const auto& c : cases) {
                rev = static_cast<Revision>(r);
                SCOPED_TRACE(std::string{to_string(rev)} + " " + std::to_string(c[0]) + "->" +
                             std::to_string(c[1]) + "->" + std::to_string(c[2]) +
                             (cold ? " cold" : " warm"));
                host = MockHost{};
                auto& acc = host.accounts[kSelf];
                const auto key = to_bytes32(7);
                acc.original[key] = to_bytes32(c[0]);
                acc.storage[key] = to_bytes32(c[1]);
                if (!cold) host.warm_slots.insert({kSelf, key});
                execute(sstore(7, c[2]));
                const auto e = sstore_spec(rev, c[0], c[1], c[2], cold);
                EXPECT_EQ(result.status, StatusCode::kSuccess);
                EXPECT_EQ(gas_used, 3 + 3 + e.gas);
                EXPECT_EQ(result.gas_refund, e.refund);
                EXPECT_EQ(host.accounts[kSelf].storage[key], to_bytes32(c[2]));
            }
        }
    }
}

TEST_F(EvmTest, sstore_sentry_eip2200)
{
    // A no-op SSTORE costs less than 2300, but from Istanbul it fails when gas_left <= 2300.
    host.accounts[kSelf].storage[to_bytes32(1)] = to_bytes32(1);
    host.warm_slots.insert({kSelf, to_bytes32(1)});
    rev = Revision::kIstanbul;
    execute(6 + 2300, sstore(1, 1));
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
    execute(6 + 2301, sstore(1, 1));
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(gas_used, 6 + 800);
    rev = Revision::kConstantinople;  // EIP-1283 had no sentry
    execute(6 + 2300, sstore(1, 1));
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    EXPECT_EQ(gas_used, 6 + 200);
    rev = Revision::kCancun;
    execute(6 + 2300, sstore(1, 1));
    EXPECT_EQ(result.status, StatusCode::kOutOfGas);
}

TEST_F(EvmTest, sload_costs)
{
    host.accounts[kSelf].storage[to_bytes32(3)] = to_bytes32(0x33);
    const std::pair<Revision, int64_t> costs[] = {
        {Revision::kFrontier, 50},
        {Revision::kTangerineWhistle, 200},  // EIP-150
        {Revision::kIstanbul, 800},          // EIP-1884
    };
    for (const auto& [r, cost] : costs) {
        rev = r;
        execute(push(3) + OP_SLOAD + ret_top());
        EXPECT_EQ(output_word(), 0x33);
        EXPECT_EQ(gas_used, 3 + cost + 15);
    }
    rev = Revision::kBerlin;  // EIP-2929: cold 2100, then warm 100
    execute(push(3) + OP_SLOAD + push(3) + OP_SLOAD);
    EXPECT_EQ(gas_used, 3 + 2100 + 3 + 100);
    EXPECT_TRUE(host.warm_slots.contains({kSelf, to_bytes32(3)}));
}

TEST_F(EvmTest, account_access_costs)
{
    const Address other = addr(0x42);
    host.accounts[other].balance = 1234;
    host.accounts[other].code = Bytes{0x60, 0x01, 0x00};
    struct Row
    {
        Opcode op;
        Revision rev;
        int64_t cost;
    };
    const Row rows[] = {
        {OP_BALANCE, Revision::kFrontier, 20},
        {OP_BALANCE, Revision::kTangerineWhistle, 400},  // EIP-150
        {OP_BALANCE, Revision::kIstanbul, 700},          // EIP-1884
        {OP_EXTCODESIZE, Revision::kFrontier, 20},
        {OP_EXTCODESIZE, Revision::kTangerineWhistle, 700},
        {OP_EXTCODEHASH, Revision::kConstantinople, 400},  // EIP-1052
        {OP_EXTCODEHASH, Revision::kIstanbul, 700},        // EIP-1884
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(std::string{opcode_name(row.op)} + " " + std::string{to_string(row.rev)});
        rev = row.rev;
        execute(push(other) + row.op);
        EXPECT_EQ(gas_used, 3 + row.cost);
    }
    // EIP-2929: 2600 cold, 100 warm.
    for (const Opcode o : {OP_BALANCE, OP_EXTCODESIZE, OP_EXTCODEHASH}) {
        rev = Revision::kBerlin;
        host.warm_accounts.clear();
        execute(push(other) + o + push(other) + o);
        EXPECT_EQ(gas_used, 3 + 2600 + 3 + 100);
    }
    rev = Revision::kCancun;
    host.warm_accounts.clear();
    execute(push(other) + OP_BALANCE + ret_top());
    EXPECT_EQ(output_word(), 1234);
    execute(push(other) + OP_EXTCODESIZE + ret_top());
    EXPECT_EQ(output_word(), 3);
    execute(push(other) + OP_EXTCODEHASH + ret_top());
    EXPECT_EQ(to_bytes32(output_word()), keccak256(Bytes{0x60, 0x01, 0x00}));
    execute(push(addr(0x99)) + OP_EXTCODEHASH + ret_top());
    EXPECT_EQ(output_word(), 0);  // EIP-1052: non-existent account
    // EXTCODECOPY: base + cold + copy + memory.
    host.warm_accounts.clear();
    execute(push(4) + push(1) + push(0) + push(other) + OP_EXTCODECOPY + push(0) + OP_MLOAD +
            ret_top());
    EXPECT_EQ(result.output[0], 0x01);
    EXPECT_EQ(result.output[1], 0x00);
    EXPECT_EQ(result.output[2], 0x00);
    host.warm_accounts.clear();
    execute(push(40) + push(0) + push(0) + push(other) + OP_EXTCODECOPY);
    EXPECT_EQ(gas_used, 4 * 3 + 2600 + 3 * 2 + mem_cost_words(2));
    rev = Revision::kTangerineWhistle;
    execute(push(40) + push(0) + push(0) + push(other) + OP_EXTCODECOPY);
    EXPECT_EQ(gas_used, 4 * 3 + 700 + 3 * 2 + mem_cost_words(2));
}

TEST_F(EvmTest, transient_storage_eip1153)
{
    rev = Revision::kCancun;
    execute(push(0x99) + push(1) + OP_TSTORE + push(1) + OP_TLOAD + ret_top());
    EXPECT_EQ(output_word(), 0x99);
    EXPECT_EQ(gas_used, 3 + 3 + 100 + 3 + 100 + 15);
    msg.is_static = true;
    execute(push(0x99) + push(1) + OP_TSTORE);
    EXPECT_EQ(result.status, StatusCode::kStaticModeViolation);
    execute(push(1) + OP_TLOAD);  // reading is allowed
    EXPECT_EQ(result.status, StatusCode::kSuccess);
}

TEST_F(EvmTest, static_mode_forbids_state_changes)
{
    rev = Revision::kCancun;
    msg.is_static = true;
    const Bytes forbidden[] = {
        sstore(1, 1),
        push(0) + push(0) + OP_LOG0,
        push(0) + push(0) + push(0) + OP_CREATE,
        push(0) + push(0) + push(0) + push(0) + OP_CREATE2,
        push(addr(5)) + OP_SELFDESTRUCT,
        call(OP_CALL, 1000, addr(5), 1),
    };
    for (const auto& code : forbidden) {
        execute(code);
        EXPECT_EQ(result.status, StatusCode::kStaticModeViolation);
        EXPECT_EQ(result.gas_left, 0);
    }
    EXPECT_TRUE(host.calls.empty());
    // CALL without value is allowed and stays static.
    execute(call(OP_CALL, 1000, addr(5), 0));
    EXPECT_EQ(result.status, StatusCode::kSuccess);
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_TRUE(host.calls[0].msg.is_static);
}

TEST_F(EvmTest, internal_error_stops_the_frame)
{
    host.missing_storage = true;
    execute(push(1) + OP_SLOAD + push(1) + push(0) + OP_MSTORE);
    EXPECT_EQ(result.status, StatusCode::kInternalError);
    EXPECT_EQ(result.gas_left, 0);
    // A nested call reporting an internal error stops the caller too.
    MockHost h2;
    h2.on_call = [](const Message&) {
        CallResult r;
        r.status = StatusCode::kInternalError;
        return r;
    };
    host = std::move(h2);
    execute(call(OP_CALL, 1000, addr(5)) + push(1) + push(0) + OP_MSTORE);
    EXPECT_EQ(result.status, StatusCode::kInternalError);
}
