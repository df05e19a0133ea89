// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/stateless/witness.hpp>
#include <ultra/stateless/witness_state_view.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::stateless {
namespace {

using namespace ultra::literals;
using test::random_bytes;

ExecutionWitness random_witness(std::mt19937_64& rng)
{
    ExecutionWitness w;
    for (uint64_t i = rng() % 20; i > 0; --i)
        w.state.push_back(random_bytes(rng, 1 + rng() % kMaxWitnessNodeSize));
    for (uint64_t i = rng() % 5; i > 0; --i) w.codes.push_back(random_bytes(rng, 1 + rng() % 3000));
    for (uint64_t i = rng() % 4; i > 0; --i)
        w.headers.push_back(random_bytes(rng, 1 + rng() % kMaxWitnessHeaderSize));
    return w;
}

// An RLP list of the given already-encoded items.
Bytes list(std::initializer_list<Bytes> items)
{
    Bytes payload;
    for (const Bytes& i : items) payload += i;
    return rlp::wrap_list(payload);
}

// An RLP list of `n` copies of the string `item`.
Bytes list_of(size_t n, const Bytes& item)
{
    Bytes encoded;
    rlp::encode(encoded, item);
    Bytes payload;
    payload.reserve(n * encoded.size());
    for (size_t i = 0; i < n; ++i) payload += encoded;
    return rlp::wrap_list(payload);
}

Bytes str(const Bytes& s)
{
    Bytes out;
    rlp::encode(out, s);
    return out;
}

StatelessErrorCode code_of(BytesView encoded)
{
    const auto r = decode_witness(encoded);
    EXPECT_FALSE(r);
    return r ? StatelessErrorCode::kPostStateRootMismatch : r.error().code;
}

TEST(Witness, HandEncoded)
{
    ExecutionWitness w;
    w.state = {"0x0102"_hex};
    w.codes = {"0x60"_hex};
    // [[0x0102], [0x60], []]: 0xc7 list of c3 [82 01 02], c1 [60], c0.
    const Bytes expected = "0xc7c3820102c160c0"_hex;
    EXPECT_EQ(encode_witness(w), expected);
    const auto d = decode_witness(expected);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, w);

    EXPECT_EQ(encode_witness(ExecutionWitness{}), "0xc3c0c0c0"_hex);
    const auto empty = decode_witness("0xc3c0c0c0"_hex);
    ASSERT_TRUE(empty);
    EXPECT_EQ(*empty, ExecutionWitness{});
}

TEST(Witness, KeysAreNotEncoded)
{
    ExecutionWitness w;
    w.state = {"0x0102"_hex};
    w.keys = {Bytes(20, 1)};
    const auto d = decode_witness(encode_witness(w));
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->keys.empty());
    EXPECT_EQ(d->state, w.state);
}

TEST(Witness, RoundTrip)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(300); ++seed) {
        std::mt19937_64 rng{seed};
        const ExecutionWitness w = random_witness(rng);
        const Bytes encoded = encode_witness(w);
        const auto d = decode_witness(encoded);
        ASSERT_TRUE(d) << to_string(d.error().code);
        ASSERT_EQ(*d, w);
        // As an item inside a larger list, followed by more bytes.
        Bytes stream = encoded + "0x0102"_hex;
        BytesView from{stream};
        const auto item = decode_witness_item(from);
        ASSERT_TRUE(item);
        EXPECT_EQ(*item, w);
        EXPECT_EQ(from, BytesView{"0x0102"_hex});
    }
}

TEST(Witness, MalformedStructure)
{
    const Bytes e = str("0x01"_hex);
    // Not a list, missing or extra lists, a list where a string belongs, a string where a list
    // belongs.
    EXPECT_EQ(code_of("0x01"_hex), StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of(""_hex), StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of(list({})), StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of(list({list({}), list({})})), StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of(list({list({}), list({}), list({}), list({})})),
              StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of(list({list({list({})}), list({}), list({})})),
              StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of(list({e, list({}), list({})})), StatelessErrorCode::kMalformedWitness);
    // An empty entry.
    const auto empty_entry = decode_witness(list({list({str({})}), list({}), list({})}));
    ASSERT_FALSE(empty_entry);
    EXPECT_EQ(empty_entry.error().code, StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(empty_entry.error().cause, ErrorCause{rlp::DecodingError::kInvalidValue});
    // Trailing bytes.
    const auto trailing = decode_witness("0xc3c0c0c000"_hex);
    ASSERT_FALSE(trailing);
    EXPECT_EQ(trailing.error().cause, ErrorCause{rlp::DecodingError::kInputTooLong});
    // Non-canonical: a one-byte string 0x05 written as 0x8105; a short list with a long header.
    EXPECT_EQ(code_of("0xc5c28105c0c0"_hex), StatelessErrorCode::kMalformedWitness);
    EXPECT_EQ(code_of("0xf803c0c0c0"_hex), StatelessErrorCode::kMalformedWitness);
}

TEST(Witness, EveryTruncationIsRejected)
{
    std::mt19937_64 rng{7};
    ExecutionWitness w = random_witness(rng);
    w.state.push_back(Bytes(100, 1));
    const Bytes encoded = encode_witness(w);
    for (size_t n = 0; n < encoded.size(); ++n) {
        const auto r = decode_witness(BytesView{encoded}.substr(0, n));
        ASSERT_FALSE(r) << n;
        ASSERT_EQ(r.error().code, StatelessErrorCode::kMalformedWitness);
    }
}

TEST(Witness, Limits)
{
    const Bytes one = "0x01"_hex;
    // At the limits: accepted.
    {
        const Bytes at = list({list_of(4, Bytes(kMaxWitnessNodeSize, 1)),
                               list_of(1, Bytes(kMaxWitnessCodeSize, 2)),
                               list_of(kMaxWitnessHeaders, Bytes(kMaxWitnessHeaderSize, 3))});
        const auto r = decode_witness(at);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->headers.size(), kMaxWitnessHeaders);
    }
    auto expect_limit = [](const Bytes& encoded, StatelessErrorCode code, uint64_t got,
                           uint64_t limit) {
        const auto r = decode_witness(encoded);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, code);
        EXPECT_EQ(r.error().got, ErrorValue{got});
        EXPECT_EQ(r.error().expected, ErrorValue{limit});
    };
    expect_limit(list({list_of(1, Bytes(kMaxWitnessNodeSize + 1, 1)), list({}), list({})}),
                 StatelessErrorCode::kNodeTooLarge, kMaxWitnessNodeSize + 1, kMaxWitnessNodeSize);
    expect_limit(list({list({}), list_of(1, Bytes(kMaxWitnessCodeSize + 1, 1)), list({})}),
                 StatelessErrorCode::kCodeTooLarge, kMaxWitnessCodeSize + 1, kMaxWitnessCodeSize);
    expect_limit(list({list({}), list({}), list_of(1, Bytes(kMaxWitnessHeaderSize + 1, 1))}),
                 StatelessErrorCode::kHeaderTooLarge, kMaxWitnessHeaderSize + 1,
                 kMaxWitnessHeaderSize);
    expect_limit(list({list({}), list({}), list_of(kMaxWitnessHeaders + 1, one)}),
                 StatelessErrorCode::kTooManyHeaders, kMaxWitnessHeaders + 1, kMaxWitnessHeaders);
    expect_limit(list({list({}), list_of(kMaxWitnessCodes + 1, one), list({})}),
                 StatelessErrorCode::kTooManyCodes, kMaxWitnessCodes + 1, kMaxWitnessCodes);
    expect_limit(list({list_of(kMaxWitnessNodes + 1, one), list({}), list({})}),
                 StatelessErrorCode::kTooManyNodes, kMaxWitnessNodes + 1, kMaxWitnessNodes);
}

// Arbitrary bytes and mutations of valid encodings: a value or an error, never a crash; and
// whatever decodes re-encodes to the same bytes (the encoding is canonical).
TEST(Witness, ArbitraryInput)
{
    size_t decoded = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(20'000); ++seed) {
        std::mt19937_64 rng{seed + 1000};
        Bytes input;
        if (seed % 2 == 0) {
            input = random_bytes(rng, rng() % 64);
            if (!input.empty()) input[0] = static_cast<uint8_t>(0xc0 + rng() % 64);
        } else {
            ExecutionWitness w;
            for (uint64_t i = rng() % 3; i > 0; --i)
                w.state.push_back(random_bytes(rng, 1 + rng() % 70));
            for (uint64_t i = rng() % 3; i > 0; --i)
                w.codes.push_back(random_bytes(rng, 1 + rng() % 70));
            input = encode_witness(w);
            for (uint64_t i = 1 + rng() % 3; i > 0; --i)
                input[rng() % input.size()] = static_cast<uint8_t>(rng());
        }
        const auto r = decode_witness(input);
        if (r) {
            ++decoded;
            ASSERT_EQ(encode_witness(*r), input);
        }
    }
    EXPECT_GT(decoded, 0u);
}

// ---------------------------------------------------------------------------------------------
// WitnessBlockHashes
// ---------------------------------------------------------------------------------------------

std::vector<Bytes> header_chain(uint64_t first, size_t n)
{
    std::vector<Bytes> out;
    Hash256 parent = keccak256("0x00"_hex);
    for (size_t i = 0; i < n; ++i) {
        BlockHeader h;
        h.parent_hash = parent;
        h.number = first + i;
        h.gas_limit = 30'000'000;
        h.timestamp = 1000 + 12 * i;
        h.state_root[0] = static_cast<uint8_t>(i);
        out.push_back(encode_block_header(h));
        parent = keccak256(out.back());
    }
    return out;
}

TEST(WitnessBlockHashes, ContiguousChain)
{
    const auto headers = header_chain(100, 5);
    const auto hashes = WitnessBlockHashes::make(headers);
    ASSERT_TRUE(hashes);
    for (size_t i = 0; i < 5; ++i) {
        const auto h = hashes->block_hash(100 + i);
        ASSERT_TRUE(h);
        EXPECT_EQ(*h, keccak256(headers[i]));
    }
    EXPECT_FALSE(hashes->block_hash(99));
    EXPECT_EQ(hashes->block_hash(105).error(), state::StateError::kMissingData);
    EXPECT_FALSE(hashes->block_hash(0));
    EXPECT_FALSE(hashes->block_hash(UINT64_MAX));
    ASSERT_NE(hashes->last(), nullptr);
    EXPECT_EQ(hashes->last()->number, 104u);
    EXPECT_EQ(hashes->headers().size(), 5u);

    const auto none = WitnessBlockHashes::make({});
    ASSERT_TRUE(none);
    EXPECT_EQ(none->last(), nullptr);
    EXPECT_FALSE(none->block_hash(0));

    const auto max = WitnessBlockHashes::make(header_chain(1000, kMaxWitnessHeaders));
    ASSERT_TRUE(max);
    EXPECT_TRUE(max->block_hash(1000));
    EXPECT_TRUE(max->block_hash(1000 + kMaxWitnessHeaders - 1));
}

TEST(WitnessBlockHashes, BrokenChains)
{
    auto headers = header_chain(7, 4);
    // A header whose parent hash is not its predecessor's hash.
    {
        auto broken = headers;
        auto h = decode_block_header(broken[2]).value();
        h.parent_hash[0] ^= 1;
        broken[2] = encode_block_header(h);
        const auto r = WitnessBlockHashes::make(broken);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, StatelessErrorCode::kHeaderParentMismatch);
        EXPECT_EQ(r.error().got, ErrorValue{h.parent_hash});
        EXPECT_EQ(r.error().expected, ErrorValue{keccak256(headers[1])});
    }
    // A gap in the numbers (the hashes still link).
    {
        auto gap = header_chain(7, 2);
        BlockHeader h;
        h.parent_hash = keccak256(gap.back());
        h.number = 10;
        gap.push_back(encode_block_header(h));
        const auto r = WitnessBlockHashes::make(gap);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, StatelessErrorCode::kHeaderNumberMismatch);
        EXPECT_EQ(r.error().got, ErrorValue{uint64_t{10}});
        EXPECT_EQ(r.error().expected, ErrorValue{uint64_t{9}});
    }
    // Out of order.
    {
        auto swapped = headers;
        std::swap(swapped[0], swapped[1]);
        EXPECT_FALSE(WitnessBlockHashes::make(swapped));
    }
    // Not a header.
    {
        auto bad = headers;
        bad[3] = "0xc0"_hex;
        const auto r = WitnessBlockHashes::make(bad);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, StatelessErrorCode::kMalformedHeader);
        EXPECT_EQ(r.error().got, ErrorValue{uint64_t{3}});
    }
    // Too many.
    {
        const auto r = WitnessBlockHashes::make(header_chain(0, kMaxWitnessHeaders + 1));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, StatelessErrorCode::kTooManyHeaders);
    }
}

}  // namespace
}  // namespace ultra::stateless
