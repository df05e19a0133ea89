// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/core/hex.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/trie/nibbles.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;

TEST(Nibbles, UnpackAndPack)
{
    const Bytes key = "0x12ab0f"_hex;
    const Nibbles n = unpack_nibbles(key);
    EXPECT_EQ(n, (Nibbles{1, 2, 0xa, 0xb, 0, 0xf}));
    EXPECT_EQ(pack_nibbles(n), key);
    for (size_t i = 0; i < n.size(); ++i) EXPECT_EQ(nibble_at(key, i), n[i]);
    EXPECT_TRUE(unpack_nibbles({}).empty());
}

TEST(Nibbles, CommonPrefix)
{
    EXPECT_EQ(common_prefix_length(Nibbles{1, 2, 3}, Nibbles{1, 2, 4}), 2u);
    EXPECT_EQ(common_prefix_length(Nibbles{1, 2}, Nibbles{1, 2, 4}), 2u);
    EXPECT_EQ(common_prefix_length(Nibbles{}, Nibbles{1}), 0u);

    // The packed variant agrees with the unpacked one from every starting nibble.
    std::mt19937_64 rng{7};
    for (int round = 0; round < 2000; ++round) {
        Bytes a = test::random_bytes(rng, rng() % 6);
        Bytes b = a.substr(0, rng() % (a.size() + 1));
        b += test::random_bytes(rng, rng() % 3);
        if (rng() % 2 != 0 && !b.empty()) b.back() ^= static_cast<uint8_t>(1u << (rng() % 8));
        const Nibbles na = unpack_nibbles(a);
        const Nibbles nb = unpack_nibbles(b);
        const size_t limit = std::min(na.size(), nb.size());
        for (size_t begin = 0; begin <= limit; ++begin) {
            ASSERT_EQ(
                common_prefix_length_packed(a, b, begin),
                common_prefix_length(NibblesView{na}.substr(begin), NibblesView{nb}.substr(begin)));
        }
    }
}

// Yellow Paper, Appendix C, and the examples of the Ethereum wiki's Patricia tree page.
TEST(HexPrefix, KnownEncodings)
{
    EXPECT_EQ(hex_prefix_encode(Nibbles{1, 2, 3, 4, 5}, false), "0x112345"_hex);
    EXPECT_EQ(hex_prefix_encode(Nibbles{0, 1, 2, 3, 4, 5}, false), "0x00012345"_hex);
    EXPECT_EQ(hex_prefix_encode(Nibbles{0, 0xf, 1, 0xc, 0xb, 8}, true), "0x200f1cb8"_hex);
    EXPECT_EQ(hex_prefix_encode(Nibbles{0xf, 1, 0xc, 0xb, 8}, true), "0x3f1cb8"_hex);
    EXPECT_EQ(hex_prefix_encode(Nibbles{}, true), "0x20"_hex);
    EXPECT_EQ(hex_prefix_encode(Nibbles{}, false), "0x00"_hex);
}

// fixtures/basic/BasicTests/hexencodetest.json: {seq, term, out}.
TEST(HexPrefix, BasicTestsFixture)
{
    const auto path = ultra::test::fixtures_dir() / "basic" / "BasicTests" / "hexencodetest.json";
    const auto doc = infra::load_json(path);
    ASSERT_EQ(doc.size(), 12u);
    for (const auto& [name, tc] : doc.items()) {
        Nibbles seq;
        for (const auto& x : tc.at("seq")) seq.push_back(x.get<uint8_t>());
        const bool term = tc.at("term").get<bool>();
        const Bytes out = from_hex(tc.at("out").get<std::string>()).value();
        EXPECT_EQ(hex_prefix_encode(seq, term), out) << name;
        const auto decoded = hex_prefix_decode(out);
        ASSERT_TRUE(decoded) << name;
        EXPECT_EQ(decoded->path, seq) << name;
        EXPECT_EQ(decoded->is_leaf, term) << name;
    }
}

TEST(HexPrefix, RoundTripAndPackedForm)
{
    std::mt19937_64 rng{11};
    for (int round = 0; round < 3000; ++round) {
        const Bytes key = test::random_bytes(rng, rng() % 40);
        const Nibbles all = unpack_nibbles(key);
        const size_t begin = rng() % (all.size() + 1);
        const bool leaf = rng() % 2 != 0;
        const Nibbles path = all.substr(begin);
        const Bytes enc = hex_prefix_encode(path, leaf);
        ASSERT_EQ(enc.size(), hex_prefix_length(path.size()));
        Bytes packed;
        hex_prefix_encode_packed(packed, key, begin, leaf);
        ASSERT_EQ(packed, enc);
        const auto dec = hex_prefix_decode(enc);
        ASSERT_TRUE(dec);
        ASSERT_EQ(dec->path, path);
        ASSERT_EQ(dec->is_leaf, leaf);
    }
}

// PackedPath reads nibbles [begin, 2 * size) of packed bytes as unpack_nibbles() lays them out;
// hex_prefix_decode_view() gives the path hex_prefix_encode() was given, without unpacking.
TEST(HexPrefix, PackedPathAndDecodeView)
{
    std::mt19937_64 rng{12};
    for (int round = 0; round < 3000; ++round) {
        const Bytes key = test::random_bytes(rng, rng() % 40);
        const Nibbles all = unpack_nibbles(key);
        const size_t begin = rng() % (all.size() + 1);
        const PackedPath p{key, begin};
        ASSERT_EQ(p.size(), all.size() - begin);
        ASSERT_EQ(p.empty(), begin == all.size());
        for (size_t i = 0; i < p.size(); ++i) ASSERT_EQ(p[i], all[begin + i]);
        ASSERT_EQ(p.unpack(), all.substr(begin));

        const bool leaf = rng() % 2 != 0;
        const Bytes enc = hex_prefix_encode(all.substr(begin), leaf);
        const auto view = hex_prefix_decode_view(enc);
        ASSERT_TRUE(view);
        ASSERT_EQ(view->is_leaf, leaf);
        ASSERT_EQ(view->path.unpack(), all.substr(begin));
    }
    EXPECT_EQ(hex_prefix_decode_view("0x01"_hex).error(), NodeError::kInvalidHexPrefix);
    EXPECT_EQ(hex_prefix_decode_view({}).error(), NodeError::kInvalidHexPrefix);
    EXPECT_TRUE(PackedPath{}.empty());
}

TEST(HexPrefix, DecodeRejectsMalformed)
{
    EXPECT_EQ(hex_prefix_decode({}).error(), NodeError::kInvalidHexPrefix);
    EXPECT_EQ(hex_prefix_decode("0x40"_hex).error(), NodeError::kInvalidHexPrefix);  // flag 4
    EXPECT_EQ(hex_prefix_decode("0xf1"_hex).error(), NodeError::kInvalidHexPrefix);
    EXPECT_EQ(hex_prefix_decode("0x01"_hex).error(), NodeError::kInvalidHexPrefix);  // padding
    EXPECT_EQ(hex_prefix_decode("0x2a12"_hex).error(), NodeError::kInvalidHexPrefix);
    EXPECT_TRUE(hex_prefix_decode("0x1a"_hex));
    EXPECT_TRUE(hex_prefix_decode("0x3a12"_hex));
}

}  // namespace
}  // namespace ultra::trie
