// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/stateless/recording_state_view.hpp>
#include <ultra/stateless/state_root.hpp>
#include <ultra/stateless/witness_state_view.hpp>
#include <ultra/trie/node.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::stateless {
namespace {

using namespace ultra::literals;
using test::random_fixed;

// What an execution reads, roughly: every account the diff touches (the overlay reads an
// account before writing it), the slots it writes, plus unrelated reads of present and absent
// accounts, slots and codes.
void random_reads(std::mt19937_64& rng,
                  const state::InMemoryState& s,
                  const state::StateDiff& diff,
                  const RecordingStateView& view)
{
    bool ok = true;
    for (const Address& addr : diff.deleted_accounts) ok &= view.account(addr).has_value();
    for (const state::AccountDiff& d : diff.modified_accounts) {
        ok &= view.account(d.address).has_value();
        for (const auto& kv : d.storage)
            if (rng() % 2 == 0) ok &= view.storage(d.address, kv.first).has_value();
    }
    for (const auto& [addr, acc] : s.accounts()) {
        if (rng() % 4 != 0) continue;
        ok &= view.account(addr).has_value();
        if (rng() % 2 == 0) ok &= view.has_storage(addr).has_value();
        if (!acc.code.empty()) ok &= view.code(acc.code_hash).has_value();
        for (const auto& kv : acc.storage)
            if (rng() % 3 == 0) ok &= view.storage(addr, kv.first).has_value();
        if (rng() % 3 == 0) ok &= view.storage(addr, random_fixed<32>(rng)).has_value();
    }
    for (uint64_t i = rng() % 3; i > 0; --i) {
        const Address absent = random_fixed<20>(rng);
        ok &= view.account(absent).has_value();
        ok &= view.storage(absent, random_fixed<32>(rng)).has_value();
    }
    ok &= view.code(kEmptyHash).has_value();
    ASSERT_TRUE(ok);  // the full state answers everything
}

// Replays on `view` every read `recorder` recorded and compares with the state. Returns false
// (without failing) on the first read that errs; fails the test on a wrong answer.
bool replay_reads(const RecordingStateView& recorder,
                  const state::InMemoryState& s,
                  const WitnessStateView& view)
{
    bool ok = true;
    for (const Address& addr : recorder.accounts_read()) {
        const auto a = view.account(addr);
        if (!a) {
            EXPECT_EQ(a.error(), state::StateError::kMissingData);
            ok = false;
            continue;
        }
        EXPECT_EQ(*a, s.account(addr).value());
        const auto h = view.has_storage(addr);
        EXPECT_TRUE(h);
        if (h) {
            EXPECT_EQ(*h, s.has_storage(addr).value());
        }
    }
    for (const auto& [addr, key] : recorder.slots_read()) {
        const auto v = view.storage(addr, key);
        if (!v) {
            EXPECT_EQ(v.error(), state::StateError::kMissingData);
            ok = false;
            continue;
        }
        EXPECT_EQ(*v, s.storage(addr, key).value());
    }
    for (const Hash256& hash : recorder.codes_read()) {
        const auto c = view.code(hash);
        if (!c) {
            EXPECT_EQ(c.error(), state::StateError::kMissingData);
            ok = false;
            continue;
        }
        EXPECT_EQ(*c, s.code(hash).value());
    }
    return ok;
}

struct Shape
{
    size_t accounts;
    size_t max_slots;
};

Shape shape_of(uint64_t seed)
{
    // Small states collapse branches near the root on almost every deletion.
    static constexpr std::array<Shape, 7> kShapes = {Shape{1, 2},  Shape{2, 3},  Shape{3, 1},
                                                     Shape{5, 6},  Shape{12, 4}, Shape{40, 10},
                                                     Shape{150, 3}};
    return kShapes[seed % kShapes.size()];
}

// GUIDE rule 12: the witness RecordingStateView makes lets the stateless side reproduce every
// read and the post-state root of InMemoryState::apply(diff); dropping any single witness node
// or code makes a read or the root computation fail cleanly — and dropping a node the root
// computation used fails that computation with kMissingNode, never giving another root.
TEST(Equivalence, RecordedWitnessReproducesReadsAndRoot)
{
    size_t drops = 0;
    size_t root_drops = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(400); ++seed) {
        std::mt19937_64 rng{seed};
        const Shape shape = shape_of(seed);
        const state::InMemoryState pre = test::random_state(rng, shape.accounts, shape.max_slots);
        const state::StateDiff diff = test::random_diff(rng, pre);
        state::InMemoryState post = pre;
        post.apply(diff);
        const Hash256 pre_root = pre.state_root();
        const Hash256 expected = post.state_root();

        const RecordingStateView recorder{pre};
        random_reads(rng, pre, diff, recorder);
        const auto witness = recorder.make_witness(diff);
        ASSERT_TRUE(witness) << to_string(witness.error().code);
        EXPECT_TRUE(witness->headers.empty());

        // The witness survives its own encoding.
        const auto decoded = decode_witness(encode_witness(*witness));
        ASSERT_TRUE(decoded);
        ExecutionWitness without_keys = *witness;
        without_keys.keys.clear();
        ASSERT_EQ(*decoded, without_keys);

        const WitnessStateView view{*decoded, pre_root};
        ASSERT_TRUE(replay_reads(recorder, pre, view)) << "seed " << seed;
        const auto root = compute_post_state_root(view, diff);
        ASSERT_TRUE(root) << "seed " << seed << ": " << to_string(root.error().code);
        ASSERT_EQ(*root, expected) << "seed " << seed;

        // The nodes the root computation fetches.
        const test::RecordingSource used{view.nodes()};
        ASSERT_EQ(compute_post_state_root(used, pre_root, diff).value(), expected);

        // Drop each node (a sample for big witnesses) and each code.
        std::vector<size_t> order(witness->state.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), rng);
        if (order.size() > 16) order.resize(16);
        for (const size_t i : order) {
            ExecutionWitness dropped = *witness;
            const Hash256 hash = keccak256(dropped.state[i]);
            dropped.state.erase(dropped.state.begin() + static_cast<long>(i));
            const WitnessStateView v{dropped, pre_root};
            const bool reads_ok = replay_reads(recorder, pre, v);
            const auto r = compute_post_state_root(v, diff);
            if (r) {
                ASSERT_EQ(*r, expected);  // never another root
            }
            ASSERT_TRUE(!reads_ok || !r)
                << "seed " << seed << ": node " << to_hex(hash) << " was not needed";
            if (used.used().contains(hash)) {
                ASSERT_FALSE(r) << "seed " << seed;
                ASSERT_EQ(r.error().code, StatelessErrorCode::kMissingNode);
                ++root_drops;
            }
            ++drops;
        }
        for (size_t i = 0; i < witness->codes.size(); ++i) {
            ExecutionWitness dropped = *witness;
            dropped.codes.erase(dropped.codes.begin() + static_cast<long>(i));
            const WitnessStateView v{dropped, pre_root};
            ASSERT_FALSE(replay_reads(recorder, pre, v));
        }
    }
    // At least a few drops per seed, scaled like the seeds.
    EXPECT_GE(drops, ultra::test::scaled(1000));
    EXPECT_GE(root_drops, ultra::test::scaled(300));
}

// The witness of the reads alone, without the diff's extra nodes, is not enough for the root
// in general: when it is not, the computation fails with kMissingNode, never another root.
TEST(Equivalence, ReadsOnlyWitnessIsNeverWrong)
{
    size_t failures = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(300); ++seed) {
        std::mt19937_64 rng{seed + 100'000};
        const Shape shape = shape_of(seed);
        const state::InMemoryState pre = test::random_state(rng, shape.accounts, shape.max_slots);
        const state::StateDiff diff = test::random_diff(rng, pre);
        state::InMemoryState post = pre;
        post.apply(diff);

        const RecordingStateView recorder{pre};
        random_reads(rng, pre, diff, recorder);
        const auto witness = recorder.make_witness(std::span<const state::StateDiff>{});
        ASSERT_TRUE(witness);
        const WitnessStateView view{*witness, pre.state_root()};
        ASSERT_TRUE(replay_reads(recorder, pre, view));
        const auto root = compute_post_state_root(view, diff);
        if (root) {
            ASSERT_EQ(*root, post.state_root());
        } else {
            ASSERT_EQ(root.error().code, StatelessErrorCode::kMissingNode);
            ++failures;
        }
    }
    EXPECT_GT(failures, 0u);
}

// Several diffs from the same state (pre-Byzantium intermediate roots): one witness serves all.
TEST(Equivalence, SeveralDiffs)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 200'000};
        const Shape shape = shape_of(seed);
        const state::InMemoryState pre = test::random_state(rng, shape.accounts, shape.max_slots);
        std::vector<state::StateDiff> diffs;
        for (int i = 0; i < 3; ++i) diffs.push_back(test::random_diff(rng, pre));
        const RecordingStateView recorder{pre};
        const auto witness = recorder.make_witness(diffs);
        ASSERT_TRUE(witness);
        const WitnessStateView view{*witness, pre.state_root()};
        for (const state::StateDiff& diff : diffs) {
            state::InMemoryState post = pre;
            post.apply(diff);
            const auto root = compute_post_state_root(view, diff);
            ASSERT_TRUE(root) << "seed " << seed;
            ASSERT_EQ(*root, post.state_root());
        }
    }
}

// Hand-made: two accounts; deleting one collapses the root branch onto the other, whose leaf
// the witness must carry although nothing reads it.
TEST(Equivalence, DeletionCarriesTheSibling)
{
    state::InMemoryState pre;
    const Address a = "0x00000000000000000000000000000000000000aa"_addr;
    const Address b = "0x00000000000000000000000000000000000000bb"_addr;
    state::InMemoryAccount acc;
    acc.balance = 1;
    pre.set_account(a, acc);
    pre.set_account(b, acc);
    state::StateDiff diff;
    diff.deleted_accounts = {a};
    state::InMemoryState post = pre;
    post.apply(diff);

    const RecordingStateView recorder{pre};
    ASSERT_TRUE(recorder.account(a));
    const auto reads_only = recorder.make_witness(std::span<const state::StateDiff>{});
    ASSERT_TRUE(reads_only);
    EXPECT_GE(reads_only->state.size(), 2u);  // a's path: at least the root branch and a's leaf
    const auto missing =
        compute_post_state_root(WitnessStateView{*reads_only, pre.state_root()}, diff);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, StatelessErrorCode::kMissingNode);
    EXPECT_EQ(missing.error().address, a);

    const auto full = recorder.make_witness(diff);
    ASSERT_TRUE(full);
    EXPECT_EQ(full->state.size(), reads_only->state.size() + 1);  // plus b's leaf
    const auto root = compute_post_state_root(WitnessStateView{*full, pre.state_root()}, diff);
    ASSERT_TRUE(root);
    EXPECT_EQ(*root, post.state_root());
    // The keys: only a's address (b is needed as a node, not as a key).
    ASSERT_EQ(full->keys.size(), 1u);
    EXPECT_EQ(full->keys[0], Bytes{a.view()});
}

// Deleting every account and every slot empties the tries.
TEST(Equivalence, DeleteEverything)
{
    std::mt19937_64 rng{3};
    const state::InMemoryState pre = test::random_state(rng, 20, 5);
    state::StateDiff diff;
    for (const auto& kv : pre.accounts()) diff.deleted_accounts.push_back(kv.first);
    const RecordingStateView recorder{pre};
    const auto witness = recorder.make_witness(diff);
    ASSERT_TRUE(witness);
    const auto root = compute_post_state_root(WitnessStateView{*witness, pre.state_root()}, diff);
    ASSERT_TRUE(root);
    EXPECT_EQ(*root, trie::kEmptyRoot);

    // Zero every slot of one account with storage: its storage root becomes empty.
    for (const auto& [addr, acc] : pre.accounts()) {
        if (acc.storage.empty()) continue;
        state::StateDiff zero;
        state::AccountDiff d;
        d.address = addr;
        d.nonce = acc.nonce;
        d.balance = acc.balance;
        d.code_hash = acc.code_hash;
        for (const auto& kv : acc.storage) d.storage.emplace_back(kv.first, Bytes32{});
        zero.modified_accounts.push_back(d);
        state::InMemoryState post = pre;
        post.apply(zero);
        const RecordingStateView r{pre};
        const auto w = r.make_witness(zero);
        ASSERT_TRUE(w);
        const WitnessStateView v{*w, pre.state_root()};
        const auto z = compute_post_state_root(v, zero);
        ASSERT_TRUE(z);
        EXPECT_EQ(*z, post.state_root());
        EXPECT_FALSE(post.has_storage(addr).value());
        break;
    }
}

TEST(Equivalence, CodeHashMismatch)
{
    state::StateDiff diff;
    state::AccountDiff d;
    d.address = "0x00000000000000000000000000000000000000aa"_addr;
    d.code = "0x00"_hex;
    d.code_hash = keccak256("0x01"_hex);
    diff.modified_accounts.push_back(d);
    const ExecutionWitness none;
    const auto r = compute_post_state_root(WitnessStateView{none, trie::kEmptyRoot}, diff);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, StatelessErrorCode::kCodeHashMismatch);
    EXPECT_EQ(r.error().got, ErrorValue{keccak256("0x00"_hex)});
    EXPECT_EQ(r.error().expected, ErrorValue{d.code_hash});
}

}  // namespace
}  // namespace ultra::stateless
