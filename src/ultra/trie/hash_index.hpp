// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ultra/core/assert.hpp>
#include <ultra/core/bytes.hpp>
#include <utility>
#include <vector>

namespace ultra::trie {

/// An insert-only map from 32-byte keccak256 outputs to values: one flat array, open addressing
/// with linear probing, at most half full. Built once per block (a witness's nodes, the accounts
/// it proves) and then only read, where it beats std::unordered_map by not chasing a pointer
/// per lookup. The slot is chosen by the key's first 8 bytes, which keccak256 spreads evenly;
/// as with std::unordered_map over FixedBytesHash, keys ground to collide cost their maker
/// 2^k hashes for probe runs of length k.
template <typename V>
class HashIndex
{
public:
    /// An empty index.
    HashIndex() = default;

    /// Makes room for `n` keys without rehashing.
    void reserve(size_t n)
    {
        if (2 * n > slots_.size()) rehash(capacity_for(n));
    }

    /// Inserts `value` under `key` unless the key is present. Returns the value stored under
    /// `key` (valid until the next insertion) and whether it was inserted.
    std::pair<V*, bool> try_emplace(const Hash256& key, V value)
    {
        if (2 * (size_ + 1) > slots_.size()) rehash(capacity_for(size_ + 1));
        Slot* slot = probe(key);
        if (slot->used) return {&slot->value, false};
        slot->key = key;
        slot->value = std::move(value);
        slot->used = true;
        ++size_;
        return {&slot->value, true};
    }

    /// The value under `key`, or nullptr.
    [[nodiscard]] const V* find(const Hash256& key) const noexcept
    {
        if (slots_.empty()) return nullptr;
        const Slot* slot = probe(key);
        return slot->used ? &slot->value : nullptr;
    }

    /// Number of keys.
    [[nodiscard]] size_t size() const noexcept { return size_; }

private:
    struct Slot
    {
        Hash256 key;
        V value{};
        bool used = false;
    };

    static size_t capacity_for(size_t n) noexcept
    {
        size_t c = 16;
        while (c < 2 * n) c *= 2;
        return c;
    }

    static size_t start(const Hash256& key) noexcept
    {
        uint64_t h = 0;
        std::memcpy(&h, key.data(), sizeof h);
        return static_cast<size_t>(h);
    }

    // The slot holding `key`, or the empty slot where it would go. Precondition: a free slot
    // exists (the table is at most half full).
    template <typename Self>
    static auto probe_in(Self& self, const Hash256& key) noexcept
    {
        const size_t mask = self.slots_.size() - 1;
        for (size_t i = start(key) & mask;; i = (i + 1) & mask) {
            auto* slot = &self.slots_[i];
            if (!slot->used || slot->key == key) return slot;
        }
    }
    Slot* probe(const Hash256& key) noexcept { return probe_in(*this, key); }
    const Slot* probe(const Hash256& key) const noexcept { return probe_in(*this, key); }

    void rehash(size_t capacity)
    {
        ULTRA_ASSERT((capacity & (capacity - 1)) == 0 && capacity >= 2 * size_);
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        for (Slot& s : old) {
            if (!s.used) continue;
            Slot* slot = probe(s.key);
            *slot = std::move(s);
        }
    }

    std::vector<Slot> slots_;
    size_t size_ = 0;
};

}  // namespace ultra::trie
