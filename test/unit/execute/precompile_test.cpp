// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// ExecutePrecompiles: the L1 gas it charges (run() called directly), and EXECUTE inside real L1
// blocks (execution::apply_body through the test block builder) driven by hand-assembled
// bytecode: a valid call returns the L2 block's facts and burns exactly gasUsed × fee, the
// base-fee query, too little value, the cumulative limit, and the fee moving over five blocks
// by the EIP-1559 rule. Expected values are worked out by hand in the comments.

#include <gtest/gtest.h>

#include <algorithm>
#include <ultra/core/hex.hpp>
#include <ultra/execute/market.hpp>
#include <ultra/execute/precompile.hpp>
#include <ultra/stateless/validate.hpp>

#include "helpers.hpp"

namespace ultra::execute {
namespace {

using namespace ultra::literals;
namespace op = test::op;

const Address kExecute = "0x0000000000000000000000000000000000000101"_addr;
const Bytes32 kSenderKey = "0x4646464646464646464646464646464646464646464646464646464646464646"_b32;
const Bytes32 kAliceKey = "0x1111111111111111111111111111111111111111111111111111111111111111"_b32;
const Address kDriver = "0x000000000000000000000000000000000000d0d0"_addr;
const Address kBob = "0x0000000000000000000000000000000000000b0b"_addr;
const uint256 kEther = uint256{1'000'000'000'000'000'000ull};
constexpr uint64_t kL2ChainId = 901;

ChainConfig l1_config(const ExecuteConfig& execute)
{
    ChainConfig c = chain_config_for_network("Osaka").value();
    c.execute = execute;
    return c;
}

// ---------------------------------------------------------------------------------------------
// run() directly
// ---------------------------------------------------------------------------------------------

evm::Message execute_message(BytesView input, int64_t gas)
{
    evm::Message m;
    m.kind = evm::CallKind::kCall;
    m.gas = gas;
    m.recipient = kExecute;
    m.code_address = kExecute;
    m.sender = kBob;
    m.input = input;
    return m;
}

TEST(ExecutePrecompile, ChargesTheL1GasFormula)
{
    const ExecutePrecompiles p{l1_config(ExecuteConfig{})};
    const state::InMemoryState empty;
    state::State st{empty};
    // A well-formed ABI claiming no gas, whose trace is not an RLP list: verified as invalid.
    const Bytes input = encode_input(ExecuteInput{1, {}, {}, 0, "0x80"_hex});
    ASSERT_EQ(input.size(), 224u);
    const int64_t cost = 100'000 + 16 * 224;  // EXECUTE_GAS_COST + 16 per byte = 103,584

    auto r = p.run(execute_message(input, 1'000'000), Revision::kOsaka, st);
    EXPECT_EQ(r.status, evm::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 1'000'000 - cost);
    EXPECT_EQ(r.output, Bytes(320, 0));  // invalid: all zero

    r = p.run(execute_message(input, cost), Revision::kOsaka, st);
    EXPECT_EQ(r.status, evm::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 0);

    r = p.run(execute_message(input, cost - 1), Revision::kOsaka, st);
    EXPECT_EQ(r.status, evm::StatusCode::kOutOfGas);
    EXPECT_EQ(r.gas_left, 0);

    // Malformed ABI costs the same (charged before any work).
    const Bytes junk(100, 0xee);
    r = p.run(execute_message(junk, 500'000), Revision::kOsaka, st);
    EXPECT_EQ(r.status, evm::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 500'000 - (100'000 + 16 * 100));
    EXPECT_EQ(r.output, Bytes(320, 0));
}

TEST(ExecutePrecompile, QueryCostsOneHundredAndAnswersTheFee)
{
    ExecuteConfig cfg;
    cfg.base_fee_floor = 55;
    const ExecutePrecompiles p{l1_config(cfg)};
    const state::InMemoryState empty;
    state::State st{empty};
    evm::Message m = execute_message({}, 1'000);
    m.is_static = true;
    const auto r = p.run(m, Revision::kOsaka, st);
    EXPECT_EQ(r.status, evm::StatusCode::kSuccess);
    EXPECT_EQ(r.gas_left, 900);
    // abi.encode(uint256 55): the floor, as no block has written the account yet.
    EXPECT_EQ(r.output, to_bytes32(uint256{55}).view());
    EXPECT_EQ(p.run(execute_message({}, 99), Revision::kOsaka, st).status,
              evm::StatusCode::kOutOfGas);
}

TEST(ExecutePrecompile, StaticAndDelegatedVerificationFails)
{
    const ExecutePrecompiles p{l1_config(ExecuteConfig{})};
    const state::InMemoryState empty;
    state::State st{empty};
    const Bytes input = encode_input(ExecuteInput{1, {}, {}, 0, "0x80"_hex});
    evm::Message m = execute_message(input, 1'000'000);
    m.is_static = true;
    auto r = p.run(m, Revision::kOsaka, st);
    EXPECT_EQ(r.status, evm::StatusCode::kStaticModeViolation);
    EXPECT_EQ(r.gas_left, 0);
    for (const auto kind : {evm::CallKind::kDelegateCall, evm::CallKind::kCallCode}) {
        m = execute_message(input, 1'000'000);
        m.kind = kind;
        m.recipient = kBob;
        r = p.run(m, Revision::kOsaka, st);
        EXPECT_TRUE(evm::is_exceptional(r.status));
    }
}

TEST(ExecutePrecompile, IsAPrecompileInEveryRevisionInAddressOrder)
{
    const ExecutePrecompiles p{l1_config(ExecuteConfig{})};
    for (const Revision rev : {Revision::kFrontier, Revision::kBerlin, Revision::kOsaka}) {
        EXPECT_TRUE(p.is_precompile(kExecute, rev));
        std::vector<Address> listed;
        p.for_each(
            rev,
            [](const Address& a, void* ctx) {
                static_cast<std::vector<Address>*>(ctx)->push_back(a);
            },
            &listed);
        EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end()));
        EXPECT_EQ(std::count(listed.begin(), listed.end(), kExecute), 1);
    }
    // Frontier: 0x01..0x04 then EXECUTE; Osaka: 0x01..0x11, 0x100 (P256VERIFY), then 0x101.
    std::vector<Address> frontier;
    p.for_each(
        Revision::kFrontier,
        [](const Address& a, void* ctx) { static_cast<std::vector<Address>*>(ctx)->push_back(a); },
        &frontier);
    ASSERT_EQ(frontier.size(), 5u);
    EXPECT_EQ(frontier.back(), kExecute);
    EXPECT_FALSE(
        p.is_precompile("0x0000000000000000000000000000000000000102"_addr, Revision::kOsaka));
}

// ---------------------------------------------------------------------------------------------
// Inside L1 blocks
// ---------------------------------------------------------------------------------------------

/// The driver contract. Calldata: word 0 = n, word 1 = value per call, word 2 = gas per call,
/// then the EXECUTE input. It calls EXECUTE n times (i = n..1) with the input, storing
/// slot 0x100+i = success, and on success slot 0x200+i = output word 0 (valid) and
/// slot 0x300+i = word 1 (the block hash); then STATICCALLs EXECUTE with no input and stores
/// slot 0x400 = success, slot 0x401 = the fee.
Bytes driver_code()
{
    test::Asm a;
    a.push(96)({op::CALLDATASIZE, op::SUB});  // [size]: the input's length
    a({op::DUP1});                            // [size, size]
    a.push(96).push(64)({op::CALLDATACOPY});  // CALLDATACOPY(64, 96, size): memory[64..] = input
    a.push(0)({op::CALLDATALOAD});            // [size, n]
    a.label("loop");                          // [size, i]
    a({op::DUP1, op::ISZERO}).push_label("done")({op::JUMPI});   // i == 0: done
    a.push(0).push(0);                                           // retLen 0, retOffset 0
    a({op::DUP4});                                               // argsLen = size
    a.push(64);                                                  // argsOffset 64
    a.push(32)({op::CALLDATALOAD});                              // value = word 1
    a.push(kExecute);                                            // address 0x0101
    a.push(64)({op::CALLDATALOAD});                              // gas = word 2
    a({op::CALL});                                               // [size, i, success]
    a({op::DUP1, op::DUP3}).push(0x100)({op::ADD, op::SSTORE});  // slot 0x100+i = success
    a({op::ISZERO}).push_label("next")({op::JUMPI});             // failed: no return data
    a.push(64).push(0).push(0)({op::RETURNDATACOPY});  // memory[0..64] = output words 0, 1
    a.push(0)({op::MLOAD, op::DUP2}).push(0x200)({op::ADD, op::SSTORE});           // slot 0x200+i
    a.push(32)({op::MLOAD, op::DUP2}).push(0x300)({op::ADD, op::SSTORE});          // slot 0x300+i
    a.label("next");                                                               // [size, i]
    a.push(1)({op::SWAP1, op::SUB}).push_label("loop")({op::JUMP});                // i - 1, loop
    a.label("done");                                                               // [size, 0]
    a.push(32).push(0).push(0).push(0).push(kExecute)({op::GAS, op::STATICCALL});  // the query
    a.push(0x400)({op::SSTORE});                       // slot 0x400 = success
    a.push(0)({op::MLOAD}).push(0x401)({op::SSTORE});  // slot 0x401 = the fee
    a({op::STOP});
    return a.build();
}

/// An L2 block of `transfers` plain transfers (21,000 gas each) at Osaka.
test::L2Sample l2_transfers(size_t transfers)
{
    state::InMemoryState g;
    test::add_system_contracts(g, Revision::kOsaka);
    state::InMemoryAccount alice;
    alice.balance = kEther;
    g.set_account(test::address_of(kAliceKey), alice);
    std::vector<Transaction> txs;
    for (uint64_t i = 0; i < transfers; ++i) {
        Transaction tx;
        tx.type = TxType::kDynamicFee;
        tx.chain_id = kL2ChainId;
        tx.nonce = i;
        tx.max_fee_per_gas = 100;
        tx.gas_limit = 21'000;
        tx.to = kBob;
        tx.value = 1;
        test::sign_tx(tx, kAliceKey);
        txs.push_back(tx);
    }
    return test::make_l2_sample(Revision::kOsaka, kL2ChainId, g, txs);
}

/// An L1 chain at Osaka with EXECUTE, the driver funded with 1 ether, and a funded sender.
struct L1Chain
{
    explicit L1Chain(const ExecuteConfig& execute) : config{l1_config(execute)}, precompiles{config}
    {
        test::add_system_contracts(state, Revision::kOsaka);
        state::InMemoryAccount driver;
        driver.nonce = 1;
        driver.balance = kEther;
        driver.code = driver_code();
        state.set_account(kDriver, driver);
        state::InMemoryAccount sender;
        sender.balance = kEther;
        state.set_account(test::address_of(kSenderKey), sender);
        head = test::genesis_header(Revision::kOsaka, state, 30'000'000);
    }

    /// The driver's calldata: n calls of `input` with `value` and `gas` each.
    static Bytes calldata(uint64_t n, const uint256& value, uint64_t gas, BytesView input)
    {
        Bytes d;
        d += to_bytes32(uint256{n}).view();
        d += to_bytes32(value).view();
        d += to_bytes32(uint256{gas}).view();
        d += input;
        return d;
    }

    /// Mines one block with one transaction to the driver; returns the built block.
    test::BuiltBlock mine(uint64_t n, const uint256& value, uint64_t gas, BytesView input)
    {
        Transaction tx;
        tx.type = TxType::kDynamicFee;
        tx.chain_id = 1;
        tx.nonce = nonce++;
        tx.max_fee_per_gas = 1'000;
        tx.gas_limit = 10'000'000;
        tx.to = kDriver;
        tx.data = calldata(n, value, gas, input);
        test::sign_tx(tx, kSenderKey);
        test::BuiltBlock b =
            test::build_block(config, head, state, {tx}, test::HeaderChoice{}, precompiles);
        EXPECT_EQ(b.output.receipts.size(), 1u);
        if (!b.output.receipts.empty()) {
            EXPECT_TRUE(b.output.receipts[0].success);
        }
        parent = head;
        parent_state = state;
        head = b.block.header;
        state = b.post;
        return b;
    }

    [[nodiscard]] uint256 slot(const Address& a, uint64_t key) const
    {
        return from_bytes32(state.storage(a, to_bytes32(uint256{key})).value());
    }
    [[nodiscard]] uint256 balance(const Address& a) const
    {
        const auto acc = state.account(a).value();
        return acc ? acc->balance : uint256{0};
    }

    ChainConfig config;
    ExecutePrecompiles precompiles;
    state::InMemoryState state;
    BlockHeader head;
    state::InMemoryState parent_state;
    BlockHeader parent;
    uint64_t nonce = 0;
};

TEST(ExecuteInL1, ValidCallReturnsFactsBurnsTheFeeAndReturnsTheExcess)
{
    const test::L2Sample l2 = l2_transfers(1);
    ASSERT_EQ(l2.built.block.header.gas_used, 21'000u);
    const Bytes input = encode_input(l2.input);

    ExecuteConfig cfg;
    cfg.base_fee_floor = 7;
    L1Chain l1{cfg};
    const test::BuiltBlock b = l1.mine(1, uint256{1'000'000'000'000'000ull}, 5'000'000, input);

    EXPECT_EQ(l1.slot(kDriver, 0x101), uint256{1});  // CALL succeeded
    EXPECT_EQ(l1.slot(kDriver, 0x201), uint256{1});  // valid = true
    EXPECT_EQ(to_bytes32(l1.slot(kDriver, 0x301)),
              keccak256(encode_block_header(l2.built.block.header)));  // the L2 block hash
    // Block 1's fee is the floor (the account was never written): 7 wei per gas. The driver sent
    // 10^15 wei, got back 10^15 − 7·21,000: it lost exactly 147,000 wei.
    EXPECT_EQ(l1.balance(kDriver), kEther - 147'000);
    EXPECT_EQ(l1.balance(kExecute), uint256{0});
    // The query in the same block answers the block's fee.
    EXPECT_EQ(l1.slot(kDriver, 0x400), uint256{1});
    EXPECT_EQ(l1.slot(kDriver, 0x401), uint256{7});
    // end_block: the system account, nonce 1, slot 0 = fee, slot 1 = Σ gasUsed.
    const auto account = l1.state.account(kExecute).value();
    ASSERT_TRUE(account.has_value());
    EXPECT_EQ(account->nonce, 1u);
    EXPECT_EQ(l1.slot(kExecute, 0), uint256{7});
    EXPECT_EQ(l1.slot(kExecute, 1), uint256{21'000});
    EXPECT_EQ(read_execute_figures(l1.state, cfg).value(), (ExecuteFigures{7, 21'000}));

    // The L1 block is valid on import, statefully and from its witness (GUIDE rule 12), with a
    // fresh precompile set: the figures come from the state, not from the builder's instance.
    const ExecutePrecompiles fresh{l1.config};
    execution::InMemoryStateRoots roots{l1.parent_state};
    const test::HeaderHashes hashes{{l1.parent}};
    const execution::ChainContext chain{l1.config,       l1.parent, std::nullopt, {},
                                        l1.parent_state, roots,     hashes,       fresh};
    const auto imported = execution::state_transition(chain, b.block);
    ASSERT_TRUE(imported) << imported.error().to_string();
    const ExecutePrecompiles fresh2{l1.config};
    const stateless::ValidationOptions options{
        .config = l1.config,
        .precompiles = fresh2,
        .expected_pre_state_root = l1.parent.state_root,
        .ancestors = {},
        .stop_past_header_gas_used = false,
        .deposit_contract = execution::kMainnetDepositContractAddress};
    const auto stateless_result = stateless::validate_block(b.block, b.witness, options);
    ASSERT_TRUE(stateless_result) << stateless_result.error().to_string();
    EXPECT_EQ(stateless_result->result.state_root, l1.head.state_root);
}

TEST(ExecuteInL1, TooLittleValueIsInvalidAndCostsNothing)
{
    const test::L2Sample l2 = l2_transfers(1);
    ExecuteConfig cfg;
    cfg.base_fee_floor = 7;
    L1Chain l1{cfg};
    // 7·21,000 − 1 wei: one short.
    l1.mine(1, uint256{146'999}, 5'000'000, encode_input(l2.input));
    EXPECT_EQ(l1.slot(kDriver, 0x101), uint256{1});  // the call succeeds...
    EXPECT_EQ(l1.slot(kDriver, 0x201), uint256{0});  // ...with valid = false
    EXPECT_EQ(l1.balance(kDriver), kEther);          // nothing burned, the value returned
    EXPECT_EQ(l1.balance(kExecute), uint256{0});
    EXPECT_EQ(l1.slot(kExecute, 1), uint256{0});  // nothing counted
}

TEST(ExecuteInL1, CumulativeLimitFailsTheCallThatWouldPassIt)
{
    const test::L2Sample l2 = l2_transfers(1);
    ExecuteConfig cfg;
    cfg.base_fee_floor = 7;
    cfg.cumulative_gas_limit = 30'000;  // one 21,000 claim fits, a second would make 42,000
    L1Chain l1{cfg};
    l1.mine(2, uint256{1'000'000'000}, 1'000'000, encode_input(l2.input));
    EXPECT_EQ(l1.slot(kDriver, 0x102), uint256{1});    // first call (i = 2): success
    EXPECT_EQ(l1.slot(kDriver, 0x202), uint256{1});    // valid
    EXPECT_EQ(l1.slot(kDriver, 0x101), uint256{0});    // second call (i = 1): CALL pushed 0
    EXPECT_EQ(l1.balance(kDriver), kEther - 147'000);  // one fee
    EXPECT_EQ(l1.slot(kExecute, 1), uint256{21'000});  // one claim counted
}

TEST(ExecuteInL1, FeeMovesBlockByBlock)
{
    const test::L2Sample l2 = l2_transfers(1);  // each call claims 21,000
    const Bytes input = encode_input(l2.input);
    ExecuteConfig cfg;
    cfg.base_fee_floor = 1'000;
    cfg.cumulative_gas_target = 42'000;  // two calls
    cfg.cumulative_gas_limit = 1'000'000;
    L1Chain l1{cfg};
    const uint256 value = 1'000'000'000;
    const uint64_t gas = 2'000'000;
    const auto fee_seen = [&] { return l1.slot(kDriver, 0x401); };

    // Block 1: the floor, 1000 (never written). Four calls: 84,000 = 2T.
    l1.mine(4, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'000});
    // Block 2: 1000 + 1000·42,000/42,000/8 = 1000 + 125. Four calls again.
    l1.mine(4, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'125});
    // Block 3: 1125 + 1125/8 = 1125 + 140 (140.6). No call.
    l1.mine(0, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'265});
    // Block 4: 1265 − 1265/8 = 1265 − 158 = 1107. Two calls: exactly T.
    l1.mine(2, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'107});
    // Block 5: at target, unchanged. One call: 21,000.
    l1.mine(1, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'107});
    // Block 6: 1107·21,000/42,000 = 553 (553.5), /8 = 69: 1107 − 69 = 1038. No call.
    l1.mine(0, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'038});
    // Block 7: 1038 − 1038/8 = 1038 − 129 = 909, below the floor: 1000.
    l1.mine(0, value, gas, input);
    EXPECT_EQ(fee_seen(), uint256{1'000});
    EXPECT_EQ(l1.slot(kExecute, 0), uint256{1'000});
    EXPECT_EQ(l1.slot(kExecute, 1), uint256{0});

    // Burned: 4·21,000·1000 + 4·21,000·1125 + 2·21,000·1107 + 21,000·1107
    //       = 84,000,000 + 94,500,000 + 46,494,000 + 23,247,000 = 248,241,000.
    EXPECT_EQ(l1.balance(kDriver), kEther - 248'241'000);
    EXPECT_EQ(l1.balance(kExecute), uint256{0});
    EXPECT_EQ(l1.slot(kDriver, 0x201), uint256{1});  // the last call verified the block
}

}  // namespace
}  // namespace ultra::execute
