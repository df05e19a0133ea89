// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/trie/hash_index.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/proof.hpp>
#include <vector>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;

Hash256 random_hash(std::mt19937_64& rng)
{
    Hash256 h;
    for (auto& b : h.bytes) b = static_cast<uint8_t>(rng());
    return h;
}

// Against std::map: first insertion wins, growth keeps every key, absent keys are absent.
TEST(HashIndex, BehavesLikeAMapWithFirstInsertionWinning)
{
    for (uint64_t seed = 0; seed < 20; ++seed) {
        std::mt19937_64 rng{seed};
        HashIndex<uint64_t> index;
        std::map<Hash256, uint64_t> model;
        std::vector<Hash256> keys;
        const size_t n = seed == 0 ? 0 : (size_t{1} << (seed % 12));
        if (seed % 3 == 0) index.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            // Every fourth insertion repeats an earlier key with another value.
            const bool repeat = !keys.empty() && rng() % 4 == 0;
            const Hash256 key = repeat ? keys[rng() % keys.size()] : random_hash(rng);
            if (!repeat) keys.push_back(key);
            const uint64_t value = rng();
            const auto [stored, inserted] = index.try_emplace(key, value);
            const auto [it, model_inserted] = model.try_emplace(key, value);
            ASSERT_EQ(inserted, model_inserted);
            ASSERT_EQ(*stored, it->second);
        }
        ASSERT_EQ(index.size(), model.size());
        for (const auto& [key, value] : model) {
            const uint64_t* found = index.find(key);
            ASSERT_NE(found, nullptr);
            ASSERT_EQ(*found, value);
        }
        for (int i = 0; i < 100; ++i) EXPECT_EQ(index.find(random_hash(rng)), nullptr);
    }
}

// Keys that agree on the 8 bytes choosing the slot probe past each other.
TEST(HashIndex, CollidingSlotsAreKeptApart)
{
    HashIndex<int> index;
    std::vector<Hash256> keys;
    for (int i = 0; i < 50; ++i) {
        Hash256 k;  // bytes 0..7 zero: all start at slot 0
        k[31] = static_cast<uint8_t>(i);
        keys.push_back(k);
        ASSERT_TRUE(index.try_emplace(k, i).second);
    }
    for (int i = 0; i < 50; ++i) ASSERT_EQ(*index.find(keys[static_cast<size_t>(i)]), i);
    Hash256 other;
    other[31] = 200;
    EXPECT_EQ(index.find(other), nullptr);
    EXPECT_EQ(HashIndex<int>{}.find(other), nullptr);  // empty: no slots at all
}

// The same answers as NodeSet, without copying: found views are the inserted bytes themselves.
TEST(NodeViewSet, FindsWhatNodeSetFindsByView)
{
    std::mt19937_64 rng{5};
    std::vector<Bytes> nodes;
    for (int i = 0; i < 3000; ++i) nodes.push_back(test::random_bytes(rng, 1 + rng() % 600));
    nodes.push_back(nodes[17]);  // a duplicate (another buffer with the same bytes)

    NodeViewSet views;
    NodeSet copies;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (i == 1000) views.reserve(nodes.size());  // reserving midway keeps what is there
        views.insert(nodes[i]);
        copies.insert(nodes[i]);
    }
    EXPECT_EQ(views.size(), copies.size());
    EXPECT_EQ(views.size(), nodes.size() - 1);
    for (size_t i = 0; i + 1 < nodes.size(); ++i) {
        const Hash256 h = test::oracle_keccak256(nodes[i]);
        const auto found = views.find(h);
        ASSERT_TRUE(found);
        ASSERT_EQ(found->data(), nodes[i].data()) << "a view, not a copy";
        ASSERT_EQ(*found, copies.find(h).value());
    }
    // The duplicate kept the first buffer.
    EXPECT_EQ(views.find(test::oracle_keccak256(nodes[17]))->data(), nodes[17].data());

    // Absent hashes: random ones (mostly stopped by the filter), and hashes equal to a present
    // one in the bytes that choose both the slot (0..7) and the filter bit (8..15), which pass
    // the filter and reach the index.
    for (int i = 0; i < 1000; ++i) ASSERT_FALSE(views.find(random_hash(rng)));
    for (size_t i = 0; i < 200; ++i) {
        Hash256 h = test::oracle_keccak256(nodes[i]);
        h[16 + i % 16] ^= 1;
        ASSERT_FALSE(views.find(h));
        ASSERT_FALSE(copies.find(h));
    }
    EXPECT_FALSE(NodeViewSet{}.find(random_hash(rng)));
}

// Reads through a NodeViewSet are those through a NodeSet of the same nodes.
TEST(NodeViewSet, ReadsLikeNodeSet)
{
    MerklePatriciaTrie t;
    std::mt19937_64 rng{8};
    std::vector<Bytes> keys;
    for (int i = 0; i < 300; ++i) {
        keys.push_back(test::random_bytes(rng, 32));
        t.put(keys.back(), test::random_bytes(rng, 1 + rng() % 40));
    }
    std::vector<Bytes> proof_nodes;
    for (size_t i = 0; i < keys.size(); i += 2)
        for (Bytes& n : t.prove(keys[i])) proof_nodes.push_back(std::move(n));
    NodeViewSet views;
    NodeSet copies;
    for (const Bytes& n : proof_nodes) {
        views.insert(n);
        copies.insert(n);
    }
    const Hash256 root = t.root_hash();
    size_t missing = 0;
    for (const Bytes& k : keys) {
        const auto a = get(views, root, k);
        const auto b = get(copies, root, k);
        ASSERT_EQ(a.has_value(), b.has_value());
        if (a) {
            ASSERT_EQ(*a, *b);
        } else {
            ASSERT_EQ(a.error(), b.error());
            ++missing;
        }
    }
    EXPECT_GT(missing, 0u);
}

}  // namespace
}  // namespace ultra::trie
