// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/trie/node_pool.hpp>

namespace ultra::trie::detail {
namespace {

// Indices cross the growing blocks (8, 16, ..., 4096) and then the fixed 4096-element blocks;
// every element keeps its own value and address.
TEST(NodePool, IndexingAcrossBlocks)
{
    NodePool<uint64_t> pool;
    constexpr uint32_t kCount = 30000;
    std::vector<const uint64_t*> addresses;
    for (uint32_t i = 0; i < kCount; ++i) {
        const uint32_t id = pool.allocate();
        ASSERT_EQ(id, i);
        pool[id] = uint64_t{i} * 7 + 1;
        addresses.push_back(&pool[id]);
    }
    EXPECT_EQ(pool.high_water(), kCount);
    for (uint32_t i = 0; i < kCount; ++i) {
        ASSERT_EQ(pool[i], uint64_t{i} * 7 + 1) << i;
        ASSERT_EQ(&pool[i], addresses[i]) << i;  // nothing moved
    }
    // Capacity: all growing blocks (8184) plus whole 4096-element blocks.
    EXPECT_GE(pool.memory_usage(), kCount * sizeof(uint64_t));
    EXPECT_LT(pool.memory_usage(), (kCount + 4096) * sizeof(uint64_t) + 4096);
}

TEST(NodePool, ReleaseReusesAndCopyIsDeep)
{
    NodePool<int> pool;
    for (int i = 0; i < 100; ++i) pool[pool.allocate()] = i;
    pool.release(42);
    pool.release(7);
    EXPECT_EQ(pool.allocate(), 7u);
    EXPECT_EQ(pool.allocate(), 42u);
    EXPECT_EQ(pool.allocate(), 100u);

    NodePool<int> copy = pool;
    copy[5] = -1;
    EXPECT_EQ(pool[5], 5);
    EXPECT_EQ(copy[99], 99);
    pool.clear();
    EXPECT_EQ(pool.high_water(), 0u);
    EXPECT_EQ(pool.allocate(), 0u);
}

}  // namespace
}  // namespace ultra::trie::detail
