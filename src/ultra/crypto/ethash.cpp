// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "ethash.hpp"

#include <cstring>
#include <ultra/core/assert.hpp>

namespace ultra::crypto::ethash {

namespace {

constexpr uint32_t kFnvPrime = 0x01000193;
constexpr size_t kItemWords = Cache::kItemWords;
constexpr size_t kMixWords = kMixBytes / kWordBytes;  // 32

/// The FNV-1 style mixing of Ethash: (a × 0x01000193) ^ b mod 2^32.
constexpr uint32_t fnv(uint32_t a, uint32_t b) noexcept
{
    return (a * kFnvPrime) ^ b;
}

uint32_t load_le32(const uint8_t* p) noexcept
{
    return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

void store_le32(uint8_t* p, uint32_t v) noexcept
{
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
    p[2] = static_cast<uint8_t>(v >> 16);
    p[3] = static_cast<uint8_t>(v >> 24);
}

void words_from_bytes(const uint8_t* bytes, uint32_t* words, size_t n) noexcept
{
    for (size_t i = 0; i < n; ++i) words[i] = load_le32(bytes + kWordBytes * i);
}

void words_to_bytes(const uint32_t* words, uint8_t* bytes, size_t n) noexcept
{
    for (size_t i = 0; i < n; ++i) store_le32(bytes + kWordBytes * i, words[i]);
}

/// keccak512 of 16 words taken as 64 little-endian bytes, written back as words.
void keccak512_words(uint32_t words[kItemWords]) noexcept
{
    uint8_t bytes[kHashBytes];
    words_to_bytes(words, bytes, kItemWords);
    const Hash512 h = keccak512(BytesView{bytes, kHashBytes});
    words_from_bytes(h.data(), words, kItemWords);
}

bool is_prime(uint64_t n) noexcept
{
    if (n < 2) return false;
    if (n % 2 == 0) return n == 2;
    for (uint64_t d = 3; d * d <= n; d += 2)
        if (n % d == 0) return false;
    return true;
}

}  // namespace

uint64_t cache_size(uint64_t epoch) noexcept
{
    uint64_t size = kCacheBytesInit + kCacheBytesGrowth * epoch - kHashBytes;
    while (!is_prime(size / kHashBytes)) size -= 2 * kHashBytes;
    return size;
}

uint64_t dataset_size(uint64_t epoch) noexcept
{
    uint64_t size = kDatasetBytesInit + kDatasetBytesGrowth * epoch - kMixBytes;
    while (!is_prime(size / kMixBytes)) size -= 2 * kMixBytes;
    return size;
}

Hash256 seed_hash(uint64_t epoch) noexcept
{
    Hash256 seed;
    for (uint64_t i = 0; i < epoch; ++i) seed = keccak256(seed);
    return seed;
}

Cache Cache::for_epoch(uint64_t epoch)
{
    return generate(seed_hash(epoch), cache_size(epoch), epoch);
}

Cache Cache::generate(const Hash256& seed, uint64_t size_bytes, uint64_t epoch)
{
    ULTRA_ASSERT(size_bytes >= kHashBytes && size_bytes % kHashBytes == 0);
    const size_t n = static_cast<size_t>(size_bytes / kHashBytes);

    // Sequential fill: item[0] = keccak512(seed), item[i] = keccak512(item[i-1]).
    std::vector<Hash512> items(n);
    items[0] = keccak512(seed);
    for (size_t i = 1; i < n; ++i) items[i] = keccak512(items[i - 1]);

    // RandMemoHash: each round rewrites item[i] from its predecessor and a pseudo-random item.
    for (unsigned round = 0; round < kCacheRounds; ++round) {
        for (size_t i = 0; i < n; ++i) {
            const size_t v = load_le32(items[i].data()) % n;
            const Hash512& prev = items[(i + n - 1) % n];
            Hash512 mixed;
            for (size_t k = 0; k < kHashBytes; ++k) mixed[k] = prev[k] ^ items[v][k];
            items[i] = keccak512(mixed);
        }
    }

    std::vector<uint32_t> words(n * kItemWords);
    for (size_t i = 0; i < n; ++i)
        words_from_bytes(items[i].data(), words.data() + i * kItemWords, kItemWords);
    return Cache{std::move(words), epoch};
}

Bytes Cache::to_bytes() const
{
    Bytes out(words_.size() * kWordBytes, 0);
    words_to_bytes(words_.data(), out.data(), words_.size());
    return out;
}

void Cache::dataset_item_words(uint32_t index, uint32_t out[kItemWords]) const noexcept
{
    const size_t n = num_items();
    std::memcpy(out, words_.data() + (index % n) * kItemWords, kHashBytes);
    out[0] ^= index;
    keccak512_words(out);
    for (uint32_t j = 0; j < kDatasetParents; ++j) {
        const size_t parent = fnv(index ^ j, out[j % kItemWords]) % n;
        const uint32_t* p = words_.data() + parent * kItemWords;
        for (size_t k = 0; k < kItemWords; ++k) out[k] = fnv(out[k], p[k]);
    }
    keccak512_words(out);
}

Hash512 Cache::dataset_item(uint32_t index) const noexcept
{
    uint32_t words[kItemWords];
    dataset_item_words(index, words);
    Hash512 h;
    words_to_bytes(words, h.data(), kItemWords);
    return h;
}

HashimotoResult hashimoto_light(const Cache& cache,
                                uint64_t full_size,
                                const Hash256& header_hash,
                                uint64_t nonce) noexcept
{
    ULTRA_ASSERT(full_size >= kMixBytes && full_size % kMixBytes == 0);
    constexpr size_t kItemsPerMix = kMixBytes / kHashBytes;  // 2
    const uint64_t num_mixes = full_size / kMixBytes;

    // s = keccak512(header_hash || nonce as 8 little-endian bytes)
    uint8_t seed_input[40];
    std::memcpy(seed_input, header_hash.data(), 32);
    for (size_t i = 0; i < 8; ++i) seed_input[32 + i] = static_cast<uint8_t>(nonce >> (8 * i));
    const Hash512 seed = keccak512(BytesView{seed_input, sizeof(seed_input)});
    uint32_t s[kItemWords];
    words_from_bytes(seed.data(), s, kItemWords);

    uint32_t mix[kMixWords];
    for (size_t i = 0; i < kMixWords; ++i) mix[i] = s[i % kItemWords];

    uint32_t item[kItemWords];
    for (uint32_t i = 0; i < kAccesses; ++i) {
        const uint64_t p = fnv(i ^ s[0], mix[i % kMixWords]) % num_mixes * kItemsPerMix;
        for (size_t half = 0; half < kItemsPerMix; ++half) {
            cache.dataset_item_words(static_cast<uint32_t>(p + half), item);
            uint32_t* m = mix + half * kItemWords;
            for (size_t k = 0; k < kItemWords; ++k) m[k] = fnv(m[k], item[k]);
        }
    }

    // Compress the 32-word mix to 8 words.
    uint32_t cmix[kMixWords / 4];
    for (size_t i = 0; i < kMixWords; i += 4)
        cmix[i / 4] = fnv(fnv(fnv(mix[i], mix[i + 1]), mix[i + 2]), mix[i + 3]);

    HashimotoResult r;
    words_to_bytes(cmix, r.mix_digest.data(), kMixWords / 4);
    uint8_t final_input[kHashBytes + 32];
    std::memcpy(final_input, seed.data(), kHashBytes);
    std::memcpy(final_input + kHashBytes, r.mix_digest.data(), 32);
    r.result = keccak256(BytesView{final_input, sizeof(final_input)});
    return r;
}

bool meets_difficulty(const Hash256& result, const uint256& difficulty) noexcept
{
    if (difficulty == 0) return false;
    if (difficulty == 1) return true;  // the target 2^256 admits every result
    // ⌊2^256 / d⌋ = ⌊(2^256 - 1) / d⌋, plus one when d divides 2^256.
    const uint256 all_ones = ~uint256{};
    const DivResult qr = udivrem(all_ones, difficulty);
    const uint256 target = qr.rem == difficulty - 1 ? qr.quot + 1 : qr.quot;
    return from_bytes32(result) <= target;
}

bool verify_seal(const Cache& cache, const BlockHeader& header)
{
    ULTRA_ASSERT(cache.epoch() == epoch_of(header.number));
    const HashimotoResult r = hashimoto_light(cache, dataset_size(cache.epoch()), seal_hash(header),
                                              header.nonce_value());
    return r.mix_digest == header.mix_hash && meets_difficulty(r.result, header.difficulty);
}

}  // namespace ultra::crypto::ethash
