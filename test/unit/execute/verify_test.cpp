// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// verify() on real L2 blocks: a small genesis state, a block of two signed transactions executed
// statefully through a RecordingStateView (the sequencer's side), its witness, the EXECUTE
// input; then the valid output, and one mutation per rule, each rejected with its own reason.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/execution/block.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::execute {
namespace {

using namespace ultra::literals;

constexpr uint64_t kL2ChainId = 777;
const Bytes32 kAliceKey = "0x4646464646464646464646464646464646464646464646464646464646464646"_b32;
const Address kBob = "0x0000000000000000000000000000000000000b0b"_addr;
const Address kCounter = "0x000000000000000000000000000000000000c0de"_addr;
const Address kCoinbase = "0x00000000000000000000000000000000000c0ffe"_addr;
const Hash256 kAnchor = "0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"_b32;

/// The counter's code: slot 1 = slot 0 + 1, then an empty LOG0.
Bytes counter_code()
{
    test::Asm a;
    a.push(0)({test::op::SLOAD});         // SLOAD(0)
    a.push(1)({test::op::ADD});           // + 1
    a.push(1)({test::op::SSTORE});        // SSTORE(1, .)
    a.push(0).push(0)({test::op::LOG0});  // LOG0(0, 0)
    a({test::op::STOP});
    return a.build();
}

/// The L2 genesis state: Alice funded, the counter with slot 0 = 5, and a few other accounts
/// with storage so the tries have some depth.
state::InMemoryState genesis_state(Revision rev)
{
    state::InMemoryState s;
    test::add_system_contracts(s, rev);
    state::InMemoryAccount alice;
    alice.balance = uint256{1'000'000'000'000'000'000ull};
    s.set_account(test::address_of(kAliceKey), alice);
    state::InMemoryAccount counter;
    counter.nonce = 1;
    counter.code = counter_code();
    counter.storage[Bytes32{}] = to_bytes32(uint256{5});
    s.set_account(kCounter, counter);
    for (uint8_t i = 1; i <= 20; ++i) {
        state::InMemoryAccount other;
        other.balance = uint256{i};
        other.storage[to_bytes32(uint256{i})] = to_bytes32(uint256{i * 3u});
        Address addr;
        addr[0] = i;
        addr[19] = static_cast<uint8_t>(0x40 + i);
        s.set_account(addr, other);
    }
    return s;
}

/// A transaction of the newest type `rev` has among 0..2, signed by Alice.
Transaction make_tx(Revision rev,
                    uint64_t nonce,
                    const Address& to,
                    uint64_t value,
                    uint64_t gas_limit,
                    uint64_t chain_id = kL2ChainId)
{
    Transaction tx;
    if (rev >= Revision::kLondon) {
        tx.type = TxType::kDynamicFee;
        tx.max_fee_per_gas = 1'000;
        tx.max_priority_fee_per_gas = 2;
    } else {
        if (rev >= Revision::kBerlin) tx.type = TxType::kAccessList;
        tx.set_gas_price(1'000);
    }
    // EIP-155 from Spurious Dragon; a typed transaction always has a chain id.
    if (rev >= Revision::kSpuriousDragon) tx.chain_id = chain_id;
    tx.nonce = nonce;
    tx.gas_limit = gas_limit;
    tx.to = to;
    tx.value = value;
    test::sign_tx(tx, kAliceKey);
    return tx;
}

/// A valid L2 block 1 of revision `rev` and its EXECUTE input.
struct L2Fixture
{
    explicit L2Fixture(Revision r)
        : rev{r},
          l1{chain_config_for_network(to_string(r)).value()},
          l2{chain_config_for_network(to_string(r)).value()},
          pre{genesis_state(r)},
          parent{test::genesis_header(r, pre, 30'000'000)}
    {
        l1.execute = ExecuteConfig{};
        l2.chain_id = kL2ChainId;
        std::vector<Transaction> txs{make_tx(rev, 0, kBob, 1000, 21'000),
                                     make_tx(rev, 1, kCounter, 0, 100'000)};
        built = test::build_block(l2, parent, pre, txs, {kCoinbase, 12, kAnchor, {}}, precompiles);
        input = test::make_input(kL2ChainId, parent, built);
    }

    [[nodiscard]] Result<ExecuteOutput, ExecuteError> run(const ExecuteInput& in) const
    {
        return verify(in, VerifyContext{l1, rev, precompiles});
    }

    /// The input with the trace changed by `change`.
    template <typename F>
    [[nodiscard]] ExecuteInput with_trace(F change) const
    {
        Trace trace = decode_trace(input.trace).value();
        change(trace);
        ExecuteInput in = input;
        in.trace = encode_trace(trace);
        return in;
    }

    Revision rev;
    ChainConfig l1;
    ChainConfig l2;
    execution::StandardPrecompiles precompiles;
    state::InMemoryState pre;
    BlockHeader parent;
    test::BuiltBlock built;
    ExecuteInput input;
};

ExecuteError error_of(const Result<ExecuteOutput, ExecuteError>& r)
{
    EXPECT_FALSE(r);
    return r ? ExecuteError{} : r.error();
}

// --- The valid block, in every revision -------------------------------------------------------

class ExecuteVerifyRevisions : public testing::TestWithParam<Revision>
{};

TEST_P(ExecuteVerifyRevisions, ValidBlockGivesItsFacts)
{
    const L2Fixture f{GetParam()};
    const BlockHeader& h = f.built.block.header;
    ASSERT_EQ(f.built.output.receipts.size(), 2u);
    EXPECT_TRUE(f.built.output.receipts[1].success);
    ASSERT_EQ(f.built.output.receipts[1].logs.size(), 1u);

    // The builder's block is valid statefully (the reference path).
    {
        execution::InMemoryStateRoots roots{f.pre};
        const test::HeaderHashes hashes{{f.parent}};
        const execution::ChainContext chain{f.l2,  f.parent, std::nullopt, {},
                                            f.pre, roots,    hashes,       f.precompiles};
        const auto r = execution::state_transition(chain, f.built.block);
        ASSERT_TRUE(r) << r.error().to_string();
    }

    const auto out = f.run(f.input);
    ASSERT_TRUE(out) << to_string(out.error());
    EXPECT_TRUE(out->valid);
    EXPECT_EQ(out->block_hash, keccak256(encode_block_header(h)));
    EXPECT_EQ(out->parent_hash, keccak256(encode_block_header(f.parent)));
    EXPECT_EQ(out->number, 1u);
    EXPECT_EQ(out->timestamp, 1'012u);
    EXPECT_EQ(out->gas_limit, 30'000'000u);
    EXPECT_EQ(out->coinbase, kCoinbase);
    EXPECT_EQ(out->receipts_root, h.receipts_root);
    // EIP-4788: the anchor is the parent beacon block root, zero before Cancun.
    EXPECT_EQ(out->anchor, GetParam() >= Revision::kCancun ? kAnchor : Hash256{});
    // EIP-1559: block 1's base fee from a parent of 30M limit, 0 used, fee 7:
    // 7 − 7·15M/15M/8 = 7 − 0 = 7; burned = 7 × gas used. Nothing before London.
    const uint64_t gas = h.gas_used;
    EXPECT_GT(gas, 21'000u);
    EXPECT_EQ(out->burned_fees, GetParam() >= Revision::kLondon ? uint256{7 * gas} : uint256{0});
    // Through the ABI too.
    const auto via_abi = verify(encode_input(f.input), VerifyContext{f.l1, f.rev, f.precompiles});
    ASSERT_TRUE(via_abi);
    EXPECT_EQ(*via_abi, *out);
}

INSTANTIATE_TEST_SUITE_P(Forks,
                         ExecuteVerifyRevisions,
                         testing::Values(Revision::kFrontier,
                                         Revision::kHomestead,
                                         Revision::kSpuriousDragon,
                                         Revision::kByzantium,
                                         Revision::kBerlin,
                                         Revision::kLondon,
                                         Revision::kParis,
                                         Revision::kShanghai,
                                         Revision::kCancun,
                                         Revision::kPrague,
                                         Revision::kOsaka),
                         [](const testing::TestParamInfo<Revision>& p) {
                             return std::string{to_string(p.param)};
                         });

// --- Mutations, on the newest revision ----------------------------------------------------------

class ExecuteVerify : public testing::Test
{
protected:
    const L2Fixture f{kLatestRevision};
};

TEST_F(ExecuteVerify, WrongPostStateRoot)
{
    ExecuteInput in = f.input;
    in.post_state_root[0] ^= 1;
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kPostStateRootMismatch);
    EXPECT_EQ(e.got, stateless::ErrorValue{f.built.block.header.state_root});
    EXPECT_EQ(e.expected, stateless::ErrorValue{in.post_state_root});
    EXPECT_EQ(to_string(e), "post-state root mismatch: got " +
                                to_0x_hex(f.built.block.header.state_root.view()) + ", expected " +
                                to_0x_hex(in.post_state_root.view()));
}

TEST_F(ExecuteVerify, WrongPreStateRoot)
{
    ExecuteInput in = f.input;
    in.pre_state_root[31] ^= 1;
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kPreStateRootMismatch);
    EXPECT_EQ(e.got, stateless::ErrorValue{f.parent.state_root});
}

TEST_F(ExecuteVerify, WrongGasUsed)
{
    ExecuteInput in = f.input;
    in.gas_used += 1;
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kGasUsedMismatch);
    EXPECT_EQ(e.got, stateless::ErrorValue{f.built.block.header.gas_used});
    EXPECT_EQ(e.expected, stateless::ErrorValue{in.gas_used});
}

TEST_F(ExecuteVerify, ClaimingLessGasStopsExecution)
{
    // Header and claim agree on 21000: the first transaction alone. Execution stops as the
    // second passes it (SPEC: "stop as soon as gas passes gasUsed").
    ExecuteInput in = f.with_trace([](Trace& t) { t.header.gas_used = 21'000; });
    in.gas_used = 21'000;
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kInvalidBlock);
    ASSERT_TRUE(e.validation && e.validation->block && e.validation->block->block);
    EXPECT_EQ(*e.validation->block->block, execution::BlockError::kInvalidGasUsed);
}

TEST_F(ExecuteVerify, ConsistentButWrongPostRootIsAnInvalidBlock)
{
    Hash256 wrong = f.input.post_state_root;
    wrong[5] ^= 0x10;
    ExecuteInput in = f.with_trace([&](Trace& t) { t.header.state_root = wrong; });
    in.post_state_root = wrong;
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kInvalidBlock);
    ASSERT_TRUE(e.validation && e.validation->block && e.validation->block->block);
    EXPECT_EQ(*e.validation->block->block, execution::BlockError::kInvalidStateRoot);
}

TEST_F(ExecuteVerify, ChangedTransaction)
{
    // A different, well-signed transaction: the header's transactions root no longer matches.
    const ExecuteInput in =
        f.with_trace([&](Trace& t) { t.transactions[0] = make_tx(f.rev, 0, kBob, 1001, 21'000); });
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kInvalidBlock);
    ASSERT_TRUE(e.validation && e.validation->block && e.validation->block->block);
    EXPECT_EQ(*e.validation->block->block, execution::BlockError::kInvalidTransactionsRoot);
}

TEST_F(ExecuteVerify, FlippedTransactionBytesAreNeverValid)
{
    const Trace trace = decode_trace(f.input.trace).value();
    const Bytes tx = encode_transaction(trace.transactions[1]);
    const size_t at = f.input.trace.find(tx);
    ASSERT_NE(at, Bytes::npos);
    for (size_t i = 0; i < tx.size(); ++i) {
        ExecuteInput in = f.input;
        in.trace[at + i] ^= 0x01;
        const auto r = f.run(in);
        ASSERT_FALSE(r) << "byte " << i;
        const auto code = r.error().code;
        EXPECT_TRUE(code == ExecuteErrorCode::kMalformedTransaction ||
                    code == ExecuteErrorCode::kMalformedTrace ||
                    code == ExecuteErrorCode::kInvalidBlock ||
                    code == ExecuteErrorCode::kChainIdMismatch)
            << i << ": " << to_string(r.error());
    }
}

TEST_F(ExecuteVerify, EveryDroppedWitnessNodeMakesStateUnavailable)
{
    const size_t nodes = f.built.witness.state.size();
    ASSERT_GT(nodes, 5u);
    for (size_t i = 0; i < nodes; ++i) {
        const ExecuteInput in = f.with_trace([&](Trace& t) {
            t.witness.state.erase(t.witness.state.begin() + static_cast<long>(i));
        });
        const ExecuteError e = error_of(f.run(in));
        EXPECT_EQ(e.code, ExecuteErrorCode::kStateUnavailable) << i << ": " << to_string(e);
        ASSERT_TRUE(e.validation.has_value());
        EXPECT_EQ(e.validation->check, stateless::ValidationCheck::kStateUnavailable);
    }
}

TEST_F(ExecuteVerify, EveryDroppedCodeMakesStateUnavailable)
{
    // The counter's code and the four system contracts' (EIP-4788, -2935, -7002, -7251).
    const auto& codes = f.built.witness.codes;
    ASSERT_EQ(codes.size(), 5u);
    EXPECT_NE(std::find(codes.begin(), codes.end(), counter_code()), codes.end());
    for (size_t i = 0; i < codes.size(); ++i) {
        const ExecuteInput in = f.with_trace([&](Trace& t) {
            t.witness.codes.erase(t.witness.codes.begin() + static_cast<long>(i));
        });
        const ExecuteError e = error_of(f.run(in));
        EXPECT_EQ(e.code, ExecuteErrorCode::kStateUnavailable) << i;
        ASSERT_TRUE(e.validation && e.validation->witness);
        EXPECT_EQ(e.validation->witness->code, stateless::StatelessErrorCode::kMissingCode);
    }
}

TEST_F(ExecuteVerify, TransactionOfAnotherChain)
{
    const ExecuteInput in = f.with_trace([&](Trace& t) {
        t.transactions[1] = make_tx(f.rev, 1, kCounter, 0, 100'000, kL2ChainId + 1);
    });
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kChainIdMismatch);
    EXPECT_EQ(e.index, 1u);
    EXPECT_EQ(e.got, stateless::ErrorValue{kL2ChainId + 1});
    EXPECT_EQ(e.expected, stateless::ErrorValue{kL2ChainId});
    EXPECT_EQ(to_string(e), "chain id mismatch: transaction 1 has 778, expected 777");

    // The same block claimed for another chain: the first transaction is named.
    ExecuteInput other = f.input;
    other.chain_id = 1;
    const ExecuteError e2 = error_of(f.run(other));
    EXPECT_EQ(e2.code, ExecuteErrorCode::kChainIdMismatch);
    EXPECT_EQ(e2.index, 0u);
}

TEST_F(ExecuteVerify, ChangedParentHeader)
{
    const ExecuteInput in = f.with_trace([&](Trace& t) {
        BlockHeader p = f.parent;
        p.extra_data = "0x01"_hex;
        t.witness.headers.back() = encode_block_header(p);
    });
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kParentMismatch);
    EXPECT_EQ(e.got, stateless::ErrorValue{f.built.block.header.parent_hash});

    const ExecuteInput none = f.with_trace([](Trace& t) { t.witness.headers.clear(); });
    EXPECT_EQ(error_of(f.run(none)).code, ExecuteErrorCode::kMissingParent);

    const ExecuteInput junk = f.with_trace([](Trace& t) { t.witness.headers.back() = "0xc0"_hex; });
    EXPECT_EQ(error_of(f.run(junk)).code, ExecuteErrorCode::kMalformedParent);
}

TEST_F(ExecuteVerify, BlobTransaction)
{
    const ExecuteInput in = f.with_trace([&](Trace& t) {
        Transaction blob;
        blob.type = TxType::kBlob;
        blob.chain_id = kL2ChainId;
        blob.nonce = 2;
        blob.max_fee_per_gas = 1'000;
        blob.gas_limit = 21'000;
        blob.to = kBob;
        blob.max_fee_per_blob_gas = 1;
        blob.blob_versioned_hashes = {
            "0x0100000000000000000000000000000000000000000000000000000000000001"_b32};
        test::sign_tx(blob, kAliceKey);
        t.transactions.push_back(blob);
    });
    const ExecuteError e = error_of(f.run(in));
    EXPECT_EQ(e.code, ExecuteErrorCode::kBlobTransactionNotAllowed);
    EXPECT_EQ(e.index, 2u);
}

TEST_F(ExecuteVerify, WithdrawalsRequestsAndOmmersAreNotAllowed)
{
    const Hash256 other = "0x0102030405060708091011121314151617181920212223242526272829303132"_b32;
    ExecuteError e =
        error_of(f.run(f.with_trace([&](Trace& t) { t.header.withdrawals_root = other; })));
    EXPECT_EQ(e.code, ExecuteErrorCode::kWithdrawalsNotAllowed);
    EXPECT_EQ(e.got, stateless::ErrorValue{other});

    e = error_of(f.run(f.with_trace([&](Trace& t) { t.header.requests_hash = other; })));
    EXPECT_EQ(e.code, ExecuteErrorCode::kRequestsNotAllowed);

    e = error_of(f.run(f.with_trace([&](Trace& t) { t.header.ommers_hash = other; })));
    EXPECT_EQ(e.code, ExecuteErrorCode::kOmmersNotAllowed);
}

TEST_F(ExecuteVerify, TheL1RevisionDecidesNotTheHeader)
{
    // A Cancun-format block checked while the L1 is at Prague: Prague's header needs a requests
    // hash (EIP-7685), whatever the L2 header's timestamp says.
    const L2Fixture cancun{Revision::kCancun};
    ASSERT_TRUE(cancun.run(cancun.input));
    const auto r =
        verify(cancun.input, VerifyContext{cancun.l1, Revision::kPrague, cancun.precompiles});
    const ExecuteError e = error_of(r);
    EXPECT_EQ(e.code, ExecuteErrorCode::kInvalidBlock);
    ASSERT_TRUE(e.validation && e.validation->block && e.validation->block->block);
    EXPECT_EQ(*e.validation->block->block, execution::BlockError::kMissingRequestsHash);
}

TEST_F(ExecuteVerify, L2ChainConfig)
{
    const ChainConfig c = l2_chain_config(f.l1, Revision::kCancun, 42);
    EXPECT_EQ(c.chain_id, 42u);
    // Every revision up to Cancun from genesis, none after, whatever the time.
    EXPECT_EQ(c.revision_at(0, 0), Revision::kCancun);
    EXPECT_EQ(c.revision_at(1'000'000, ~uint64_t{0}), Revision::kCancun);
    EXPECT_FALSE(c.dao_fork_block.has_value());
    EXPECT_EQ(c.blob_params, f.l1.blob_params);
    EXPECT_EQ(c.execute, f.l1.execute);
}

TEST_F(ExecuteVerify, RandomTraceDamageNeverCrashes)
{
    std::mt19937_64 rng{99};
    for (uint64_t i = 0; i < ultra::test::scaled(300); ++i) {
        ExecuteInput in = f.input;
        for (uint64_t k = 1 + rng() % 3; k > 0; --k)
            in.trace[rng() % in.trace.size()] = static_cast<uint8_t>(rng());
        const auto r = f.run(in);
        if (r) {
            // Only a header field execution never reads (PREVRANDAO's mix hash, the extra data)
            // can change harmlessly; the facts are then those of the changed header.
            const Trace t = decode_trace(in.trace).value();
            EXPECT_EQ(r->block_hash, keccak256(encode_block_header(t.header)));
            EXPECT_EQ(t.transactions, f.built.block.transactions);
        } else {
            EXPECT_FALSE(to_string(r.error()).empty());
        }
    }
}

}  // namespace
}  // namespace ultra::execute
