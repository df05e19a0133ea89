// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <cryptopp/keccak.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <utils/fixtures.hpp>

namespace {
using namespace ultra;
using namespace ultra::literals;

std::string keccak_hex(BytesView data)
{
    return to_hex(keccak256(data).view());
}

/// Bytes (7i + 3) mod 256, i = 0..n-1: a fixed, non-repeating-per-block pattern.
Bytes pattern(size_t n)
{
    Bytes b(n, 0);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 7 + 3);
    return b;
}

Hash256 cryptopp_keccak256(BytesView data)
{
    CryptoPP::Keccak_256 h;
    h.Update(data.data(), data.size());
    Hash256 out;
    h.Final(out.data());
    return out;
}

TEST(Keccak, Permutation)
{
    // Keccak-f[1600] applied once and twice to the zero state (the Keccak team's
    // KeccakF-1600-IntermediateValues.txt).
    uint64_t s[25] = {};
    keccakf1600(s);
    EXPECT_EQ(s[0], 0xf1258f7940e1dde7);
    EXPECT_EQ(s[1], 0x84d5ccf933c0478a);
    EXPECT_EQ(s[2], 0xd598261ea65aa9ee);
    EXPECT_EQ(s[3], 0xbd1547306f80494d);
    EXPECT_EQ(s[24], 0xeaf1ff7b5ceca249);
    keccakf1600(s);
    EXPECT_EQ(s[0], 0x2d5c954df96ecb3c);
    EXPECT_EQ(s[24], 0x20d06cd26a8fbf5c);
}

TEST(Keccak, KnownVectors)
{
    EXPECT_EQ(keccak_hex({}), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(keccak256({}), kEmptyHash);
    EXPECT_EQ(keccak_hex(to_bytes_view("abc")),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    EXPECT_EQ(keccak_hex(to_bytes_view("The quick brown fox jumps over the lazy dog")),
              "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
    // 200 bytes of 0xa3 (the Keccak team's 1600-bit message): two blocks.
    EXPECT_EQ(keccak_hex(Bytes(200, 0xa3)),
              "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a");
}

TEST(Keccak, RateBoundaries)
{
    // Around the 136-byte rate: the padding fits in the last block (135), fills a whole extra
    // block (136), or starts one (137, 271, 272). Values from an independent Python
    // implementation that reproduces hashlib.sha3_256 when given SHA-3's padding.
    struct Case
    {
        size_t length;
        const char* hash;
    };
    const Case cases[] = {
        {135, "00ef96af9cf4b24c7f269d922294444a197d0a33638c2e56634c57e892103a8f"},
        {136, "742061bcad767ed4c4f5883b1dcb1aad11afdcc140dc469d953759b127b9f9ed"},
        {137, "e3371f61e770abf254c34239c3b0099ad90594507415bc81dd0a10b9692bbf2a"},
        {271, "4401c4afbe16ff911bdbf2d38e556e5b861f3fdf0f9d4306b1c46f6ae4f73584"},
        {272, "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5"},
        {1000, "80cdc8dd52cbb3dbaea8f383209893fa2bb52efbd5aedbb4b26dcfe307fcdc9b"},
    };
    for (const Case& c : cases) EXPECT_EQ(keccak_hex(pattern(c.length)), c.hash) << c.length;
}

TEST(Keccak, UnalignedInput)
{
    // The same bytes at every alignment give the same hash.
    for (const size_t n :
         {size_t{0}, size_t{7}, size_t{32}, size_t{64}, size_t{135}, size_t{136}, size_t{300}}) {
        const Bytes data = pattern(n);
        const Hash256 expected = keccak256(data);
        Bytes buffer(n + 16, 0xee);
        for (size_t offset = 1; offset < 16; ++offset) {
            std::copy(data.begin(), data.end(),
                      buffer.begin() + static_cast<std::ptrdiff_t>(offset));
            EXPECT_EQ(keccak256(BytesView{buffer}.substr(offset, n)), expected)
                << n << "+" << offset;
        }
    }
}

TEST(Keccak, MatchesCryptoPP)
{
    std::mt19937_64 rng{0x6b656363616b};
    const uint64_t per_length = test::scaled(8);
    Bytes data;
    for (size_t n = 0; n <= 1000; ++n) {
        for (uint64_t k = 0; k < per_length; ++k) {
            data.resize(n);
            for (uint8_t& b : data) b = static_cast<uint8_t>(rng());
            ASSERT_EQ(keccak256(data), cryptopp_keccak256(data)) << "length " << n;
        }
    }
}

TEST(Keccak, MatchesCryptoPPOnLargeInputs)
{
    std::mt19937_64 rng{17};
    for (const size_t n : {size_t{4096}, size_t{65536} + 1, size_t{1} << 20}) {
        Bytes data(n, 0);
        for (uint8_t& b : data) b = static_cast<uint8_t>(rng());
        EXPECT_EQ(keccak256(data), cryptopp_keccak256(data)) << n;
    }
}

}  // namespace
