// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <type_traits>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/stateless/witness_state_view.hpp>
#include <ultra/trie/node.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::stateless {
namespace {

using namespace ultra::literals;
using test::random_fixed;

// Reads of a witness made of MerklePatriciaTrie proofs (an oracle independent of the stateless
// code) answer exactly as the full state: present and absent accounts, present and absent
// slots, storage of absent accounts, has_storage, codes.
TEST(WitnessStateView, ReadsMatchTheFullState)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(150); ++seed) {
        std::mt19937_64 rng{seed};
        const state::InMemoryState s = test::random_state(rng, seed % 40, seed % 5 == 0 ? 0 : 8);
        test::StateTries tries{s};
        const Hash256 root = s.state_root();
        ASSERT_EQ(tries.accounts.root_hash(), root);

        // What is read: every account, some absent ones, every slot, some absent slots.
        std::vector<Address> addresses;
        std::vector<std::pair<Address, Bytes32>> slots;
        for (const auto& [addr, acc] : s.accounts()) {
            addresses.push_back(addr);
            for (const auto& kv : acc.storage) slots.emplace_back(addr, kv.first);
            slots.emplace_back(addr, random_fixed<32>(rng));
        }
        for (int i = 0; i < 5; ++i) {
            addresses.push_back(random_fixed<20>(rng));
            slots.emplace_back(addresses.back(), random_fixed<32>(rng));
        }

        ExecutionWitness w;
        for (const Address& addr : addresses) tries.prove_account(addr, w.state);
        for (const auto& [addr, key] : slots) {
            tries.prove_account(addr, w.state);
            if (s.find(addr) != nullptr) tries.prove_slot(addr, key, w.state);
        }
        for (const auto& [addr, acc] : s.accounts())
            if (!acc.code.empty()) w.codes.push_back(acc.code);

        const WitnessStateView view{w, root};
        EXPECT_EQ(view.state_root(), root);
        for (const Address& addr : addresses) {
            const auto a = view.account(addr);
            ASSERT_TRUE(a);
            ASSERT_EQ(*a, s.account(addr).value());
            const auto hs = view.has_storage(addr);
            ASSERT_TRUE(hs);
            ASSERT_EQ(*hs, s.has_storage(addr).value());
            if (a->has_value()) {
                const auto c = view.code((*a)->code_hash);
                ASSERT_TRUE(c);
                ASSERT_EQ(*c, s.code((*a)->code_hash).value());
            }
        }
        for (const auto& [addr, key] : slots) {
            const auto v = view.storage(addr, key);
            ASSERT_TRUE(v);
            ASSERT_EQ(*v, s.storage(addr, key).value());
        }
    }
}

// With an empty witness nothing is provable: every read of a non-empty state is kMissingData
// (never "absent" or zero), except what needs no node (the empty code).
TEST(WitnessStateView, EmptyWitnessProvesNothing)
{
    std::mt19937_64 rng{1};
    const state::InMemoryState s = test::random_state(rng, 10, 3);
    const ExecutionWitness none;
    const WitnessStateView view{none, s.state_root()};
    for (const auto& [addr, acc] : s.accounts()) {
        EXPECT_EQ(view.account(addr).error(), state::StateError::kMissingData);
        EXPECT_EQ(view.has_storage(addr).error(), state::StateError::kMissingData);
        EXPECT_EQ(view.storage(addr, Bytes32{}).error(), state::StateError::kMissingData);
        const auto detailed = view.read_account(addr);
        ASSERT_FALSE(detailed);
        EXPECT_EQ(detailed.error().code, StatelessErrorCode::kMissingNode);
        EXPECT_EQ(detailed.error().address, addr);
        if (!acc.code.empty()) {
            EXPECT_EQ(view.code(acc.code_hash).error(), state::StateError::kMissingData);
            const auto code = view.read_code(acc.code_hash);
            ASSERT_FALSE(code);
            EXPECT_EQ(code.error().code, StatelessErrorCode::kMissingCode);
            EXPECT_EQ(code.error().expected, ErrorValue{acc.code_hash});
        }
    }
    const auto empty_code = view.code(kEmptyHash);
    ASSERT_TRUE(empty_code);
    EXPECT_TRUE(empty_code->empty());

    // The empty state needs no node at all.
    const WitnessStateView empty{none, trie::kEmptyRoot};
    const auto a = empty.account(random_fixed<20>(rng));
    ASSERT_TRUE(a);
    EXPECT_FALSE(a->has_value());
    const auto v = empty.storage(random_fixed<20>(rng), random_fixed<32>(rng));
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->is_zero());
}

// A witness with the account proofs but not the storage proofs: account reads succeed, slot
// reads of accounts with storage are kMissingNode with the account and slot named; reads
// outside the proven paths are either right or kMissingData, never wrong.
TEST(WitnessStateView, PartialWitnessIsNeverWrong)
{
    size_t missing = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 500};
        const state::InMemoryState s = test::random_state(rng, 1 + seed % 30, 6);
        test::StateTries tries{s};
        ExecutionWitness w;
        std::vector<Address> proven;
        for (const auto& kv : s.accounts()) {
            if (rng() % 2 == 0) {
                tries.prove_account(kv.first, w.state);
                proven.push_back(kv.first);
            }
        }
        const WitnessStateView view{w, s.state_root()};
        for (const Address& addr : proven) {
            ASSERT_EQ(view.account(addr).value(), s.account(addr).value());
            const state::InMemoryAccount& acc = *s.find(addr);
            for (const auto& [key, value] : acc.storage) {
                const auto r = view.read_storage(addr, key);
                ASSERT_FALSE(r);
                EXPECT_EQ(r.error().code, StatelessErrorCode::kMissingNode);
                EXPECT_EQ(r.error().address, addr);
                EXPECT_EQ(r.error().slot, key);
            }
        }
        for (const auto& [addr, acc] : s.accounts()) {
            const auto a = view.account(addr);
            if (a)
                ASSERT_EQ(*a, s.account(addr).value());
            else
                ++missing;
        }
        for (int i = 0; i < 20; ++i) {
            const Address addr = random_fixed<20>(rng);
            const auto a = view.account(addr);
            if (a)
                ASSERT_FALSE(a->has_value());
            else
                ++missing;
        }
    }
    EXPECT_GT(missing, 0u);
}

// Nodes that are not canonical trie nodes, or a leaf that is not an account, are errors with
// the structured reason.
TEST(WitnessStateView, InvalidNodesAndLeaves)
{
    const Address addr = "0x00000000000000000000000000000000000000aa"_addr;
    // An account trie whose only leaf holds something that is not an account.
    trie::MerklePatriciaTrie t;
    t.put(keccak256(addr), "0xc3010203"_hex);
    ExecutionWitness w;
    for (Bytes& n : t.prove(keccak256(addr))) w.state.push_back(std::move(n));
    const WitnessStateView view{w, t.root_hash()};
    EXPECT_EQ(view.account(addr).error(), state::StateError::kMissingData);
    const auto r = view.read_account(addr);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, StatelessErrorCode::kMalformedAccount);

    // A root that is not a trie node.
    ExecutionWitness garbage;
    garbage.state.push_back("0xc3010203"_hex);
    const WitnessStateView bad{garbage, keccak256(garbage.state[0])};
    const auto g = bad.read_account(addr);
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error().code, StatelessErrorCode::kInvalidNode);
    EXPECT_EQ(g.error().cause, ErrorCause{trie::ProofError::kMalformedNode});
    EXPECT_EQ(bad.storage(addr, Bytes32{}).error(), state::StateError::kMissingData);

    // A storage leaf that is not a canonical value (a leading zero).
    trie::MerklePatriciaTrie storage;
    const Bytes32 key{};
    storage.put(keccak256(key), "0x820001"_hex);
    trie::MerklePatriciaTrie accounts;
    accounts.put(keccak256(addr), state::encode_account({}, storage.root_hash()));
    ExecutionWitness sw;
    for (Bytes& n : accounts.prove(keccak256(addr))) sw.state.push_back(std::move(n));
    for (Bytes& n : storage.prove(keccak256(key))) sw.state.push_back(std::move(n));
    const WitnessStateView sv{sw, accounts.root_hash()};
    EXPECT_TRUE(sv.has_storage(addr).value());
    const auto s = sv.read_storage(addr, key);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, StatelessErrorCode::kMalformedStorageValue);
    EXPECT_EQ(s.error().slot, key);
}

// Codes are keyed by their hash: a code is found by keccak256 of its bytes, nothing else.
TEST(WitnessStateView, CodesByHash)
{
    ExecutionWitness w;
    w.codes = {"0x6001600155"_hex, "0x00"_hex};
    const WitnessStateView view{w, trie::kEmptyRoot};
    EXPECT_EQ(view.code(keccak256("0x6001600155"_hex)).value(), "0x6001600155"_hex);
    EXPECT_EQ(view.code(keccak256("0x00"_hex)).value(), "0x00"_hex);
    EXPECT_FALSE(view.code(keccak256("0x01"_hex)));
    Hash256 wrong = keccak256("0x00"_hex);
    wrong[0] ^= 1;
    EXPECT_FALSE(view.code(wrong));
}

// The view keeps views into the witness: it cannot be built from a temporary.
static_assert(std::is_constructible_v<WitnessStateView, const ExecutionWitness&, const Hash256&>);
static_assert(!std::is_constructible_v<WitnessStateView, ExecutionWitness&&, const Hash256&>);

// storage_location() then read_storage(at) is read_storage(addr, key); WitnessReads answers as
// the view does, remembers the first failure's reason, and its cached locations change no
// answer (accounts read before or after their slots, twice, absent, unproven).
TEST(WitnessStateView, LocationsAndWitnessReadsAnswerAsTheView)
{
    size_t failures = 0;
    size_t reads = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 900};
        const state::InMemoryState s = test::random_state(rng, 1 + seed % 30, 6);
        test::StateTries tries{s};
        // Prove some accounts, and some of their slots (every slot, or none, or some).
        ExecutionWitness w;
        std::vector<std::pair<Address, Bytes32>> slots;
        std::vector<Address> addresses;
        for (const auto& [addr, acc] : s.accounts()) {
            addresses.push_back(addr);
            if (rng() % 4 != 0) tries.prove_account(addr, w.state);
            for (const auto& kv : acc.storage) {
                slots.emplace_back(addr, kv.first);
                if (seed % 3 == 0 || rng() % 2 == 0) tries.prove_slot(addr, kv.first, w.state);
            }
            slots.emplace_back(addr, random_fixed<32>(rng));
        }
        for (int i = 0; i < 5; ++i) {
            addresses.push_back(random_fixed<20>(rng));
            if (rng() % 2 == 0) tries.prove_account(addresses.back(), w.state);
            slots.emplace_back(addresses.back(), random_fixed<32>(rng));
        }
        const WitnessStateView view{w, s.state_root()};
        const WitnessReads cached{view};
        std::optional<StatelessError> first;
        const auto note = [&first](const auto& r) {
            if (!r && !first) first = r.error();
        };

        // Slots and accounts interleaved at random, each read twice.
        std::vector<std::pair<size_t, bool>> order;  // (index, is a slot)
        for (size_t i = 0; i < slots.size(); ++i) order.emplace_back(i, true);
        for (size_t i = 0; i < addresses.size(); ++i) order.emplace_back(i, false);
        std::shuffle(order.begin(), order.end(), rng);
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& [i, is_slot] : order) {
                ++reads;
                if (is_slot) {
                    const auto& [addr, key] = slots[i];
                    const auto direct = view.read_storage(addr, key);
                    const auto at = view.storage_location(addr);
                    ASSERT_EQ(at.has_value(), view.read_account(addr).has_value());
                    if (at) {
                        const auto located = view.read_storage(*at, addr, key);
                        ASSERT_EQ(located.has_value(), direct.has_value());
                        if (direct) {
                            ASSERT_EQ(*located, *direct);
                        } else {
                            ASSERT_EQ(located.error(), direct.error());
                        }
                    }
                    const auto r = cached.storage(addr, key);
                    ASSERT_EQ(r.has_value(), direct.has_value());
                    if (direct) {
                        ASSERT_EQ(*r, *direct);
                        ASSERT_EQ(*r, s.storage(addr, key).value());
                    } else {
                        ++failures;
                    }
                    note(direct);
                } else {
                    const Address& addr = addresses[i];
                    const auto direct = view.read_account(addr);
                    const auto r = cached.account(addr);
                    ASSERT_EQ(r.has_value(), direct.has_value());
                    if (r) {
                        ASSERT_EQ(*r, s.account(addr).value());
                    }
                    const auto h = cached.has_storage(addr);
                    ASSERT_EQ(h.has_value(), direct.has_value());
                    if (h) {
                        ASSERT_EQ(*h, s.has_storage(addr).value());
                    }
                    note(direct);
                }
            }
        }
        ASSERT_EQ(cached.first_error(), first) << "seed " << seed;
        for (const auto& [addr, acc] : s.accounts()) {
            if (acc.code.empty()) continue;
            EXPECT_EQ(cached.code(acc.code_hash).error(), state::StateError::kMissingData);
        }
        EXPECT_TRUE(cached.code(kEmptyHash).value().empty());
    }
    EXPECT_GT(failures, 0u);
    EXPECT_GT(reads, 10 * ultra::test::scaled(100));  // at least ten reads per seed on average
}

}  // namespace
}  // namespace ultra::stateless
