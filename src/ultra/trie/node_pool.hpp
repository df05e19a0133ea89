// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <ultra/core/assert.hpp>
#include <vector>

namespace ultra::trie::detail {

/// Storage for the nodes of one kind of a MerklePatriciaTrie, addressed by 32-bit index, with a
/// free list. Elements live in blocks that never move: blocks double from 8 elements up to 4096
/// and stay at 4096 after that, so a small trie stays small, a large one wastes at most one block,
/// growth never copies nodes, and references to elements stay valid until they are released.
template <typename T>
class NodePool
{
public:
    /// An empty pool.
    NodePool() = default;
    /// Deep copy.
    NodePool(const NodePool& other) { copy_from(other); }
    /// Deep copy.
    NodePool& operator=(const NodePool& other)
    {
        if (this != &other) {
            clear();
            copy_from(other);
        }
        return *this;
    }
    /// Moves the blocks.
    NodePool(NodePool&&) noexcept = default;
    /// Moves the blocks.
    NodePool& operator=(NodePool&&) noexcept = default;
    ~NodePool() = default;

    /// The element at `i`. Precondition: i was returned by allocate() and not released.
    [[nodiscard]] T& operator[](uint32_t i) noexcept
    {
        const auto [b, offset] = locate(i);
        return blocks_[b][offset];
    }
    /// The element at `i` (const).
    [[nodiscard]] const T& operator[](uint32_t i) const noexcept
    {
        const auto [b, offset] = locate(i);
        return blocks_[b][offset];
    }

    /// An index to a default-state element (a released one is reused; the caller resets it).
    [[nodiscard]] uint32_t allocate()
    {
        if (!free_.empty()) {
            const uint32_t i = free_.back();
            free_.pop_back();
            return i;
        }
        ULTRA_ASSERT(used_ < kMaxElements);
        if (used_ == capacity_) {
            const size_t n = block_size(blocks_.size());
            blocks_.push_back(std::make_unique<T[]>(n));
            capacity_ += static_cast<uint32_t>(n);
        }
        return used_++;
    }

    /// Returns `i` to the free list; the caller has already reset the element.
    void release(uint32_t i) { free_.push_back(i); }

    /// Releases all blocks.
    void clear() noexcept
    {
        blocks_.clear();
        free_ = {};
        used_ = 0;
        capacity_ = 0;
    }

    /// Number of elements ever allocated (live + released); indices are below this.
    [[nodiscard]] uint32_t high_water() const noexcept { return used_; }

    /// Bytes held by the blocks and the free list.
    [[nodiscard]] size_t memory_usage() const noexcept
    {
        return size_t{capacity_} * sizeof(T) + free_.capacity() * sizeof(uint32_t) +
               blocks_.capacity() * sizeof(void*);
    }

private:
    static constexpr uint32_t kFirstBits = 3;  // the first block has 8 elements
    static constexpr uint32_t kMaxBits = 12;   // blocks stop growing at 4096 elements
    static constexpr uint32_t kGrowingBlocks = kMaxBits - kFirstBits + 1;
    // Elements in the growing blocks: 8 + 16 + ... + 4096.
    static constexpr uint32_t kGrowingTotal = (1u << (kMaxBits + 1)) - (1u << kFirstBits);
    static constexpr uint32_t kMaxElements = 0x3fffffff;

    static size_t block_size(size_t b) noexcept
    {
        return size_t{1} << std::min<size_t>(kFirstBits + b, kMaxBits);
    }

    struct Location
    {
        size_t block;
        size_t offset;
    };

    static Location locate(uint32_t i) noexcept
    {
        if (i < kGrowingTotal) {
            // Block b starts at 8 * (2^b - 1): with x = i + 8, b = bit_width(x) - 4.
            const uint32_t x = i + (1u << kFirstBits);
            const auto b = static_cast<size_t>(std::bit_width(x)) - (kFirstBits + 1);
            return {b, x - (size_t{1} << (kFirstBits + b))};
        }
        const uint32_t rest = i - kGrowingTotal;
        return {kGrowingBlocks + (rest >> kMaxBits), rest & ((1u << kMaxBits) - 1)};
    }

    void copy_from(const NodePool& other)
    {
        for (size_t b = 0; b < other.blocks_.size(); ++b) {
            const size_t n = block_size(b);
            blocks_.push_back(std::make_unique<T[]>(n));
            std::copy(other.blocks_[b].get(), other.blocks_[b].get() + n, blocks_[b].get());
        }
        free_ = other.free_;
        used_ = other.used_;
        capacity_ = other.capacity_;
    }

    std::vector<std::unique_ptr<T[]>> blocks_;
    std::vector<uint32_t> free_;
    uint32_t used_ = 0;
    uint32_t capacity_ = 0;
};

}  // namespace ultra::trie::detail
