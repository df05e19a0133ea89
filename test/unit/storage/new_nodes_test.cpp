// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// PartialTrie::collect_new_nodes() and the compute_post_state_root() overload that returns the
// new nodes: what the store persists after each block.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/stateless/state_root.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::storage {
namespace {

using test::random_bytes;
using Model = std::map<Bytes, Bytes>;
using NodeBytes = std::set<Bytes>;

// 32-byte keys, or short keys over a tiny alphabet (embedded nodes, branch values).
Bytes random_key(std::mt19937_64& rng, bool short_keys)
{
    if (!short_keys) return random_bytes(rng, 32);
    static constexpr std::array<uint8_t, 4> kAlphabet = {0x00, 0x01, 0x10, 0xff};
    Bytes key(1 + rng() % 4, 0);
    for (auto& b : key) b = kAlphabet[rng() % kAlphabet.size()];
    return key;
}

Bytes random_value(std::mt19937_64& rng)
{
    return random_bytes(rng, 1 + rng() % (rng() % 2 == 0 ? 4 : 60));
}

// Every hashed node (and the root) of the trie holding `m`.
NodeBytes nodes_of(const Model& m)
{
    trie::PartialTrie t;
    for (const auto& [k, v] : m) EXPECT_TRUE(t.put(k, v).has_value());
    std::vector<Bytes> out;
    t.collect_nodes(out);
    return {out.begin(), out.end()};
}

Hash256 root_of(const Model& m)
{
    trie::MerklePatriciaTrie t;
    for (const auto& [k, v] : m) t.put(k, v);
    return t.root_hash();
}

trie::NodeSet node_set(const NodeBytes& nodes)
{
    trie::NodeSet set;
    for (const Bytes& n : nodes) set.insert(n);
    return set;
}

TEST(CollectNewNodes, UnchangedTrieHasNoNewNodes)
{
    std::mt19937_64 rng{1};
    Model m;
    for (int i = 0; i < 50; ++i) m[random_key(rng, false)] = random_value(rng);
    const trie::NodeSet pre = node_set(nodes_of(m));
    trie::PartialTrie t{pre, root_of(m)};
    // Reads reveal nothing new; writing a value back unchanged changes nothing.
    const auto& [k, v] = *m.begin();
    ASSERT_TRUE(t.put(k, v).has_value());
    ASSERT_TRUE(t.get(std::next(m.begin())->first).has_value());
    std::vector<Bytes> out;
    t.collect_new_nodes(out);
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(t.root_hash(), root_of(m));
}

TEST(CollectNewNodes, TrieBuiltFromEmptyListsAllItsNodes)
{
    std::mt19937_64 rng{2};
    for (const bool short_keys : {false, true}) {
        Model m;
        for (int i = 0; i < 40; ++i) m[random_key(rng, short_keys)] = random_value(rng);
        trie::PartialTrie t;
        for (const auto& [k, v] : m) ASSERT_TRUE(t.put(k, v).has_value());
        std::vector<Bytes> out;
        t.collect_new_nodes(out);
        EXPECT_EQ(NodeBytes(out.begin(), out.end()), nodes_of(m));
    }
}

TEST(CollectNewNodes, OneUpdateListsExactlyThePathOfTheKey)
{
    std::mt19937_64 rng{3};
    Model m;
    for (int i = 0; i < 1000; ++i) m[random_key(rng, false)] = random_value(rng);
    const trie::NodeSet pre = node_set(nodes_of(m));
    const Bytes key = std::next(m.begin(), 500)->first;
    trie::PartialTrie t{pre, root_of(m)};
    ASSERT_TRUE(t.put(key, Bytes{0xab, 0xcd}).has_value());
    std::vector<Bytes> out;
    t.collect_new_nodes(out);

    m[key] = Bytes{0xab, 0xcd};
    trie::MerklePatriciaTrie post;
    for (const auto& [k, v] : m) post.put(k, v);
    const std::vector<Bytes> path = post.prove(key);
    EXPECT_EQ(NodeBytes(out.begin(), out.end()), NodeBytes(path.begin(), path.end()));
    EXPECT_EQ(out.size(), path.size());
    EXPECT_EQ(keccak256(out.front()), post.root_hash());  // parents first: the root leads
}

// Random updates: the new nodes are nodes of the post-state trie, and with the pre-state's nodes
// they are all of them.
TEST(CollectNewNodes, PreNodesPlusNewNodesServeThePostState)
{
    std::mt19937_64 rng{4};
    for (uint64_t iter = 0; iter < ultra::test::scaled(60); ++iter) {
        const bool short_keys = iter % 2 == 1;
        Model m;
        const size_t n = rng() % 120;
        for (size_t i = 0; i < n; ++i) m[random_key(rng, short_keys)] = random_value(rng);
        const NodeBytes pre_nodes = nodes_of(m);
        const trie::NodeSet pre = node_set(pre_nodes);
        trie::PartialTrie t{pre, root_of(m)};

        for (uint64_t op = rng() % 30; op > 0; --op) {
            if (!m.empty() && rng() % 3 == 0) {
                auto it = std::next(m.begin(), static_cast<long>(rng() % m.size()));
                ASSERT_TRUE(t.erase(it->first).has_value());
                m.erase(it);
            } else {
                const Bytes k = random_key(rng, short_keys);
                const Bytes v = random_value(rng);
                ASSERT_TRUE(t.put(k, v).has_value());
                m[k] = v;
            }
        }
        std::vector<Bytes> out;
        t.collect_new_nodes(out);
        const NodeBytes fresh(out.begin(), out.end());
        const NodeBytes post_nodes = nodes_of(m);
        ASSERT_EQ(t.root_hash(), root_of(m));
        for (const Bytes& node : fresh) EXPECT_TRUE(post_nodes.contains(node));
        for (const Bytes& node : post_nodes)
            EXPECT_TRUE(fresh.contains(node) || pre_nodes.contains(node));
    }
}

// All account- and storage-trie nodes of `s`.
NodeBytes state_nodes(const state::InMemoryState& s)
{
    NodeBytes out;
    Model accounts;
    for (const auto& [addr, acc] : s.accounts()) {
        Model slots;
        for (const auto& [k, v] : acc.storage)
            slots[Bytes{keccak256(k).view()}] = state::encode_storage_value(v);
        const NodeBytes storage = nodes_of(slots);
        out.insert(storage.begin(), storage.end());
        accounts[Bytes{keccak256(addr).view()}] =
            state::encode_account(acc.info(), state::InMemoryState::storage_root(acc));
    }
    const NodeBytes account_nodes = nodes_of(accounts);
    out.insert(account_nodes.begin(), account_nodes.end());
    return out;
}

TEST(PostStateRootWithNodes, SameRootAndTheNodesServeThePostState)
{
    std::mt19937_64 rng{5};
    for (uint64_t iter = 0; iter < ultra::test::scaled(25); ++iter) {
        state::InMemoryState s = test::random_state(rng, rng() % 60, 6);
        const NodeBytes pre_nodes = state_nodes(s);
        const trie::NodeSet pre = node_set(pre_nodes);
        const state::StateDiff diff = test::random_diff(rng, s);

        std::vector<Bytes> fresh;
        const auto with_nodes =
            stateless::compute_post_state_root(pre, s.state_root(), diff, fresh);
        const auto without = stateless::compute_post_state_root(pre, s.state_root(), diff);
        ASSERT_TRUE(with_nodes.has_value());
        ASSERT_TRUE(without.has_value());
        EXPECT_EQ(*with_nodes, *without);
        s.apply(diff);
        EXPECT_EQ(*with_nodes, s.state_root());

        const NodeBytes post_nodes = state_nodes(s);
        const NodeBytes fresh_set(fresh.begin(), fresh.end());
        for (const Bytes& node : fresh_set) EXPECT_TRUE(post_nodes.contains(node));
        for (const Bytes& node : post_nodes)
            EXPECT_TRUE(fresh_set.contains(node) || pre_nodes.contains(node));

        // A second diff over pre + new nodes, from the post root, needs nothing else.
        trie::NodeSet both = pre;
        for (const Bytes& node : fresh) both.insert(node);
        const state::StateDiff next = test::random_diff(rng, s);
        std::vector<Bytes> fresh2;
        const auto root2 = stateless::compute_post_state_root(both, *with_nodes, next, fresh2);
        ASSERT_TRUE(root2.has_value());
        s.apply(next);
        EXPECT_EQ(*root2, s.state_root());
    }
}

TEST(PostStateRootWithNodes, EmptyDiffAddsNothingAndEmptiedStateNeedsNoNode)
{
    std::mt19937_64 rng{6};
    const state::InMemoryState s = test::random_state(rng, 10, 3);
    const trie::NodeSet pre = node_set(state_nodes(s));
    std::vector<Bytes> fresh;
    const auto same = stateless::compute_post_state_root(pre, s.state_root(), {}, fresh);
    ASSERT_TRUE(same.has_value());
    EXPECT_EQ(*same, s.state_root());
    EXPECT_TRUE(fresh.empty());

    state::StateDiff wipe;
    for (const auto& [addr, acc] : s.accounts()) wipe.deleted_accounts.push_back(addr);
    const auto empty = stateless::compute_post_state_root(pre, s.state_root(), wipe, fresh);
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(*empty, trie::kEmptyRoot);
    EXPECT_TRUE(fresh.empty());
}

}  // namespace
}  // namespace ultra::storage
