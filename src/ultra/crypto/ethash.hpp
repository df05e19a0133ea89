// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/uint256.hpp>
#include <utility>
#include <vector>

/// Ethash, the proof of work of Frontier..London (Yellow Paper Appendix J, the "Ethash" spec of
/// the ethereum wiki): light verification only. A verifier keeps a per-epoch cache (16 MiB at
/// epoch 0, growing by 128 KiB per epoch) and computes the few dataset items hashimoto touches
/// from it; the 1 GiB+ dataset itself is never built.
namespace ultra::crypto::ethash {

inline constexpr uint64_t kEpochLength = 30'000;           ///< blocks per epoch
inline constexpr size_t kWordBytes = 4;                    ///< the FNV word
inline constexpr size_t kHashBytes = 64;                   ///< a cache or dataset item
inline constexpr size_t kMixBytes = 128;                   ///< the hashimoto mix
inline constexpr uint64_t kCacheBytesInit = 1u << 24;      ///< cache size at epoch 0
inline constexpr uint64_t kCacheBytesGrowth = 1u << 17;    ///< cache growth per epoch
inline constexpr uint64_t kDatasetBytesInit = 1u << 30;    ///< dataset size at epoch 0
inline constexpr uint64_t kDatasetBytesGrowth = 1u << 23;  ///< dataset growth per epoch
inline constexpr unsigned kCacheRounds = 3;                ///< RandMemoHash rounds
inline constexpr unsigned kDatasetParents = 256;           ///< cache items per dataset item
inline constexpr unsigned kAccesses = 64;                  ///< dataset reads per hashimoto

/// The epoch of a block: ⌊number / 30000⌋.
[[nodiscard]] constexpr uint64_t epoch_of(uint64_t block_number) noexcept
{
    return block_number / kEpochLength;
}

/// The cache size of `epoch` in bytes: the largest 16 MiB + epoch × 128 KiB - 64·k whose
/// number of 64-byte items is prime.
[[nodiscard]] uint64_t cache_size(uint64_t epoch) noexcept;

/// The dataset size of `epoch` in bytes: the largest 1 GiB + epoch × 8 MiB - 128·k whose number
/// of 128-byte mixes is prime.
[[nodiscard]] uint64_t dataset_size(uint64_t epoch) noexcept;

/// The seed of `epoch`: keccak256 applied `epoch` times to 32 zero bytes.
[[nodiscard]] Hash256 seed_hash(uint64_t epoch) noexcept;

/// The result of hashimoto: the mix digest a header carries as mix_hash, and the final hash
/// compared against the difficulty target.
struct HashimotoResult
{
    Hash256 mix_digest;  ///< the compressed mix
    Hash256 result;      ///< keccak256(seed || mix_digest), a big-endian number

    friend bool operator==(const HashimotoResult&, const HashimotoResult&) = default;
};

/// The light-verification cache of an epoch: a sequence of 64-byte items built from the seed by
/// Sergio Demian Lerner's RandMemoHash. Expensive to build (about a million Keccak-512 calls at
/// epoch 0) and immutable: callers build one per epoch and keep it (the blocktest runner
/// memoises them); this library holds no global state.
class Cache
{
public:
    /// Builds the cache of `epoch` (cache_size(epoch) bytes from seed_hash(epoch)).
    [[nodiscard]] static Cache for_epoch(uint64_t epoch);

    /// Builds a cache of `size_bytes` bytes (a positive multiple of 64) from `seed`, for test
    /// vectors with reduced sizes. `epoch` is only recorded.
    [[nodiscard]] static Cache generate(const Hash256& seed, uint64_t size_bytes, uint64_t epoch);

    /// The epoch the cache was built for.
    [[nodiscard]] uint64_t epoch() const noexcept { return epoch_; }

    /// The number of 64-byte items.
    [[nodiscard]] size_t num_items() const noexcept { return words_.size() / kItemWords; }

    /// The cache as bytes (items back to back, words little-endian), as the reference
    /// implementations lay it out.
    [[nodiscard]] Bytes to_bytes() const;

    /// The number of 32-bit words of an item.
    static constexpr size_t kItemWords = kHashBytes / kWordBytes;  // 16

    /// Dataset item `index` (Ethash calc_dataset_item): 64 bytes computed from 256 cache items.
    [[nodiscard]] Hash512 dataset_item(uint32_t index) const noexcept;

    /// dataset_item() as 16 words (the form hashimoto mixes), written to `out`.
    void dataset_item_words(uint32_t index, uint32_t out[kItemWords]) const noexcept;

private:
    Cache(std::vector<uint32_t> words, uint64_t epoch) noexcept
        : words_{std::move(words)}, epoch_{epoch}
    {}

    std::vector<uint32_t> words_;  // num_items × 16 words, native order
    uint64_t epoch_ = 0;
};

/// Light hashimoto: the mix digest and result of `header_hash` (the seal hash) and `nonce` over
/// a dataset of `full_size` bytes (a multiple of 128) whose items are computed from `cache`.
[[nodiscard]] HashimotoResult hashimoto_light(const Cache& cache,
                                              uint64_t full_size,
                                              const Hash256& header_hash,
                                              uint64_t nonce) noexcept;

/// Whether `result` (a big-endian number) meets the target of `difficulty`:
/// result <= 2^256 / difficulty. False for difficulty 0.
[[nodiscard]] bool meets_difficulty(const Hash256& result, const uint256& difficulty) noexcept;

/// Verifies the proof of work of a pre-merge header: hashimoto over its seal hash
/// (seal_hash()) and nonce gives its mix_hash, and a result within its difficulty's target.
/// Precondition: `cache` is the cache of the header's epoch (epoch_of(header.number)).
[[nodiscard]] bool verify_seal(const Cache& cache, const BlockHeader& header);

}  // namespace ultra::crypto::ethash
