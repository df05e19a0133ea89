// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <ultra/core/hex.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/root.hpp>
#include <utils/fixtures.hpp>
#include <vector>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;
using Model = std::map<Bytes, Bytes>;

BytesView str(const char* s)
{
    return to_bytes_view(s);
}

// The root of `model` through a fresh trie filled in a shuffled order.
Hash256 fresh_root(const Model& model, std::mt19937_64& rng)
{
    std::vector<const std::pair<const Bytes, Bytes>*> entries;
    for (const auto& e : model) entries.push_back(&e);
    std::shuffle(entries.begin(), entries.end(), rng);
    MerklePatriciaTrie t;
    for (const auto* e : entries) t.put(e->first, e->second);
    return t.root_hash();
}

Hash256 builder_root(const Model& model)
{
    std::vector<KeyValue> kv;
    for (const auto& [k, v] : model) kv.push_back({k, v});
    return root(kv);
}

TEST(MerklePatriciaTrie, EmptyTrie)
{
    MerklePatriciaTrie t;
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
    EXPECT_EQ(t.root_hash(), test::oracle_keccak256("0x80"_hex));
    EXPECT_TRUE(t.empty());
    EXPECT_FALSE(t.get(str("a")));
    EXPECT_FALSE(t.erase(str("a")));
    EXPECT_TRUE(t.prove(str("a")).empty());
    EXPECT_FALSE(t.first());
}

// Roots built by hand: the expected node RLP is written out byte by byte and hashed by an
// independent Keccak.
TEST(MerklePatriciaTrie, HandBuiltRoots)
{
    {
        // A single leaf: [hp(0,1,0,2; leaf) = 0x20 01 02, 0x03].
        MerklePatriciaTrie t;
        t.put("0x0102"_hex, "0x03"_hex);
        EXPECT_EQ(t.root_hash(), test::oracle_keccak256("0xc58320010203"_hex));
    }
    {
        // A branch at the root with two embedded leaves [0x30, "a"] and [0x30, "b"].
        MerklePatriciaTrie t;
        t.put("0x10"_hex, str("a"));
        t.put("0x20"_hex, str("b"));
        const Bytes branch = "0xd580c23061c23062"_hex + Bytes(13, 0x80) + "0x80"_hex;
        EXPECT_EQ(t.root_hash(), test::oracle_keccak256(branch));
    }
    {
        // An extension [0x00 0x12] over an embedded branch with two embedded leaves.
        MerklePatriciaTrie t;
        t.put("0x1234"_hex, str("x"));
        t.put("0x1256"_hex, str("y"));
        const Bytes branch = "0xd5808080c2347880c23679"_hex + Bytes(10, 0x80) + "0x80"_hex;
        ASSERT_EQ(branch.size(), 22u);
        const Bytes extension = "0xd9820012"_hex + branch;
        EXPECT_EQ(t.root_hash(), test::oracle_keccak256(extension));
    }
}

// Known roots from fixtures/trie (trieanyorder.json "dogs" and "puppy", trietest.json).
TEST(MerklePatriciaTrie, FixtureRoots)
{
    MerklePatriciaTrie t;
    t.put(str("doe"), str("reindeer"));
    t.put(str("dog"), str("puppy"));
    t.put(str("dogglesworth"), str("cat"));
    EXPECT_EQ(t.root_hash(),
              "0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"_b32);

    MerklePatriciaTrie p;
    p.put(str("do"), str("verb"));
    p.put(str("horse"), str("stallion"));
    p.put(str("doge"), str("coin"));
    p.put(str("dog"), str("puppy"));
    EXPECT_EQ(p.root_hash(),
              "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"_b32);
}

TEST(MerklePatriciaTrie, PutGetEraseSize)
{
    MerklePatriciaTrie t;
    t.put(str("do"), str("verb"));
    t.put(str("dog"), str("puppy"));
    t.put(str("doge"), str("coin"));
    t.put(str("horse"), str("stallion"));
    EXPECT_EQ(t.size(), 4u);
    EXPECT_EQ(*t.get(str("dog")), str("puppy"));
    EXPECT_EQ(*t.get(str("do")), str("verb"));
    EXPECT_FALSE(t.get(str("d")));
    EXPECT_FALSE(t.get(str("dogs")));
    EXPECT_FALSE(t.get(str("")));

    const Hash256 before = t.root_hash();
    t.put(str("dog"), str("puppy"));  // same value: nothing changes
    EXPECT_EQ(t.root_hash(), before);
    EXPECT_FALSE(t.erase(str("cat")));
    EXPECT_EQ(t.root_hash(), before);

    t.put(str("dog"), str("hound"));
    EXPECT_EQ(*t.get(str("dog")), str("hound"));
    EXPECT_NE(t.root_hash(), before);
    t.put(str("dog"), str("puppy"));
    EXPECT_EQ(t.root_hash(), before);

    EXPECT_TRUE(t.erase(str("do")));
    EXPECT_FALSE(t.get(str("do")));
    EXPECT_EQ(t.size(), 3u);
    t.put(str("doge"), {});  // an empty value erases
    EXPECT_FALSE(t.contains(str("doge")));
    EXPECT_EQ(t.size(), 2u);

    MerklePatriciaTrie expected;
    expected.put(str("horse"), str("stallion"));
    expected.put(str("dog"), str("puppy"));
    EXPECT_EQ(t.root_hash(), expected.root_hash());
}

TEST(MerklePatriciaTrie, EmptyKeyAndPrefixKeys)
{
    MerklePatriciaTrie t;
    t.put({}, str("root value"));
    t.put("0x00"_hex, str("zero"));
    t.put("0x0000"_hex, str("zero zero"));
    t.put("0x01"_hex, str("one"));
    EXPECT_EQ(*t.get({}), str("root value"));
    EXPECT_EQ(*t.get("0x0000"_hex), str("zero zero"));
    EXPECT_EQ(t.size(), 4u);

    Model model{{{}, Bytes{str("root value")}},
                {"0x00"_hex, Bytes{str("zero")}},
                {"0x0000"_hex, Bytes{str("zero zero")}},
                {"0x01"_hex, Bytes{str("one")}}};
    EXPECT_EQ(t.root_hash(), builder_root(model));

    // Removing the branch values collapses the branches.
    t.erase({});
    model.erase(Bytes{});
    EXPECT_EQ(t.root_hash(), builder_root(model));
    t.erase("0x00"_hex);
    model.erase("0x00"_hex);
    EXPECT_EQ(t.root_hash(), builder_root(model));
    t.erase("0x01"_hex);
    model.erase("0x01"_hex);
    EXPECT_EQ(t.root_hash(), builder_root(model));

    MerklePatriciaTrie single;
    single.put("0x0000"_hex, str("zero zero"));
    EXPECT_EQ(t.root_hash(), single.root_hash());
}

// Deletion collapses exactly as the spec: the same set always has the same root.
TEST(MerklePatriciaTrie, CollapseToCanonicalShape)
{
    const std::vector<Bytes> keys = {"0x1234"_hex, "0x1235"_hex,   "0x12"_hex,    "0x1334"_hex,
                                     "0x2234"_hex, "0x123456"_hex, "0x1234ff"_hex};
    for (size_t victim = 0; victim < keys.size(); ++victim) {
        MerklePatriciaTrie t;
        MerklePatriciaTrie expected;
        for (size_t i = 0; i < keys.size(); ++i) {
            t.put(keys[i], Bytes(static_cast<size_t>(i + 1), static_cast<uint8_t>(0x40 + i)));
            if (i != victim)
                expected.put(keys[i],
                             Bytes(static_cast<size_t>(i + 1), static_cast<uint8_t>(0x40 + i)));
        }
        (void)t.root_hash();  // cache everything first, then erase
        ASSERT_TRUE(t.erase(keys[victim]));
        EXPECT_EQ(t.root_hash(), expected.root_hash()) << "erased " << to_hex(keys[victim]);
    }
}

// Keys and values viewed inside the trie can be passed back to it.
TEST(MerklePatriciaTrie, ViewsIntoTheTrieAreValidArguments)
{
    MerklePatriciaTrie t;
    t.put(str("key1"), str("value one"));
    t.put(str("key2"), str("value two!"));
    t.put(str("key1"), t.get(str("key1"))->substr(6));  // a part of its own value
    EXPECT_EQ(*t.get(str("key1")), str("one"));
    t.put(t.first()->key, str("ONE"));  // its own key, a value of the same size
    EXPECT_EQ(*t.get(str("key1")), str("ONE"));
    t.put(str("key3"), *t.get(str("key2")));  // another leaf's value
    EXPECT_EQ(*t.get(str("key3")), str("value two!"));
    t.put(str("key"), t.get(str("key3"))->substr(0, 5));  // becomes a branch value
    EXPECT_TRUE(t.erase(t.first()->key));                 // the branch value, by its own key
    EXPECT_TRUE(t.erase(t.first()->key));                 // key1
    EXPECT_EQ(t.size(), 2u);

    MerklePatriciaTrie expected;
    expected.put(str("key2"), str("value two!"));
    expected.put(str("key3"), str("value two!"));
    EXPECT_EQ(t.root_hash(), expected.root_hash());
}

TEST(MerklePatriciaTrie, CopyIsIndependent)
{
    MerklePatriciaTrie a;
    a.put(str("k1"), str("v1"));
    a.put(str("k2"), str("v2"));
    const Hash256 ra = a.root_hash();
    MerklePatriciaTrie b = a;
    b.put(str("k3"), str("v3"));
    EXPECT_EQ(a.root_hash(), ra);
    EXPECT_NE(b.root_hash(), ra);
    EXPECT_FALSE(a.get(str("k3")));
}

// Property: over seeded random operation sequences, the incrementally maintained root equals a
// trie rebuilt from scratch over the final set and the one-shot builder; deleting everything
// gives the empty root.
TEST(MerklePatriciaTrie, RandomOperationsMatchRebuild)
{
    const uint64_t rounds = ultra::test::scaled(300);
    const std::vector<uint8_t> alphabet = {0x00, 0x01, 0x10, 0x11, 0x1f, 0xf0, 0xff};
    for (uint64_t seed = 0; seed < rounds; ++seed) {
        std::mt19937_64 rng{seed};
        const bool short_keys = seed % 2 == 0;
        auto random_key = [&] {
            if (!short_keys) return test::random_bytes(rng, 32);
            Bytes k(rng() % 5, 0);
            for (auto& b : k) b = alphabet[rng() % alphabet.size()];
            return k;
        };
        auto random_value = [&] { return test::random_bytes(rng, 1 + rng() % 40); };

        MerklePatriciaTrie t;
        Model model;
        const size_t steps = 1 + rng() % 250;
        for (size_t step = 0; step < steps; ++step) {
            const auto op = rng() % 10;
            Bytes key = random_key();
            if (!model.empty() && rng() % 2 == 0) {
                auto it = model.begin();
                std::advance(it, static_cast<long>(rng() % model.size()));
                key = it->first;
            }
            if (op < 6) {
                const Bytes value = random_value();
                t.put(key, value);
                model[key] = value;
            } else if (op < 9) {
                ASSERT_EQ(t.erase(key), model.erase(key) == 1);
            } else {
                t.put(key, {});
                model.erase(key);
            }
            ASSERT_EQ(t.size(), model.size());
            if (step % 23 == 0) {
                ASSERT_EQ(t.root_hash(), fresh_root(model, rng)) << seed;
            }
        }
        const Hash256 r = t.root_hash();
        ASSERT_EQ(r, fresh_root(model, rng)) << "seed " << seed;
        ASSERT_EQ(r, builder_root(model)) << "seed " << seed;
        for (const auto& [k, v] : model) ASSERT_EQ(*t.get(k), BytesView{v});

        // for_each visits the model in order.
        std::vector<std::pair<Bytes, Bytes>> seen;
        t.for_each([&](BytesView k, BytesView v) { seen.emplace_back(Bytes{k}, Bytes{v}); });
        ASSERT_EQ(seen, (std::vector<std::pair<Bytes, Bytes>>{model.begin(), model.end()}));

        // Erase everything in a random order, checking the root on the way.
        std::vector<Bytes> keys;
        for (const auto& [k, v] : model) keys.push_back(k);
        std::shuffle(keys.begin(), keys.end(), rng);
        for (size_t i = 0; i < keys.size(); ++i) {
            ASSERT_TRUE(t.erase(keys[i]));
            model.erase(keys[i]);
            if (i % 7 == 0) {
                ASSERT_EQ(t.root_hash(), builder_root(model)) << seed;
            }
        }
        ASSERT_EQ(t.root_hash(), kEmptyRoot) << "seed " << seed;
        ASSERT_TRUE(t.empty());
    }
}

TEST(MerklePatriciaTrie, NextAndPrevMatchOrderedMap)
{
    const std::vector<uint8_t> alphabet = {0x00, 0x01, 0x10, 0x7f, 0x80, 0xff};
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed};
        auto random_key = [&] {
            Bytes k(rng() % 4, 0);
            for (auto& b : k) b = alphabet[rng() % alphabet.size()];
            return k;
        };
        MerklePatriciaTrie t;
        Model model;
        for (size_t i = 0, n = rng() % 40; i < n; ++i) {
            const Bytes k = random_key();
            t.put(k, "0x01"_hex);
            model[k] = "0x01"_hex;
        }
        if (!model.empty()) {
            ASSERT_EQ(Bytes{t.first()->key}, model.begin()->first);
        }
        for (int q = 0; q < 60; ++q) {
            const Bytes k = random_key();
            const auto next = t.next(k);
            const auto it = model.upper_bound(k);
            ASSERT_EQ(next.has_value(), it != model.end()) << to_hex(k);
            if (next) {
                ASSERT_EQ(Bytes{next->key}, it->first) << to_hex(k);
            }
            const auto prev = t.prev(k);
            const auto lb = model.lower_bound(k);
            ASSERT_EQ(prev.has_value(), lb != model.begin()) << to_hex(k);
            if (prev) {
                ASSERT_EQ(Bytes{prev->key}, std::prev(lb)->first) << to_hex(k);
            }
        }
    }
}

TEST(MerklePatriciaTrie, SecureTrieHashesKeys)
{
    SecureTrie s;
    MerklePatriciaTrie plain;
    for (int i = 0; i < 50; ++i) {
        const Bytes key(static_cast<size_t>(i % 7 + 1), static_cast<uint8_t>(i));
        const Bytes value(static_cast<size_t>(i % 40 + 1), static_cast<uint8_t>(i * 3));
        s.put(key, value);
        plain.put(test::oracle_keccak256(key), value);
    }
    EXPECT_EQ(s.root_hash(), plain.root_hash());
    EXPECT_EQ(s.size(), plain.size());
    EXPECT_EQ(*s.get(Bytes(3, 2)), BytesView{Bytes(3, 6)});
    EXPECT_TRUE(s.erase(Bytes(3, 2)));
    plain.erase(test::oracle_keccak256(Bytes(3, 2)));
    EXPECT_EQ(s.root_hash(), plain.root_hash());
}

TEST(MerklePatriciaTrie, ClearAndMemoryUsage)
{
    MerklePatriciaTrie t;
    std::mt19937_64 rng{5};
    for (int i = 0; i < 1000; ++i) t.put(test::random_bytes(rng, 32), test::random_bytes(rng, 32));
    EXPECT_GT(t.memory_usage(), 1000u * 64);
    EXPECT_LT(t.memory_usage(), 1000u * 400);
    t.clear();
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.root_hash(), kEmptyRoot);
}

}  // namespace
}  // namespace ultra::trie
