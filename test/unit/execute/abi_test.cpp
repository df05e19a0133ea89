// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// EXECUTE's ABI input and output: encodings written out word by word by hand (Solidity ABI
// spec: static words in place, `bytes` as an offset to a length word and zero-padded data),
// every malformed-input reason, and random inputs that must never crash.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/execute/abi.hpp>
#include <utils/fixtures.hpp>

namespace ultra::execute {
namespace {

using namespace ultra::literals;

/// 64 hex digits: `n` as a 32-byte big-endian word.
std::string word(uint64_t n)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(64, '0');
    for (size_t i = 0; i < 16; ++i) s[63 - i] = kDigits[(n >> (4 * i)) & 0xf];
    return s;
}

std::string repeat(const std::string& two_digits, size_t n)
{
    std::string s;
    for (size_t i = 0; i < n; ++i) s += two_digits;
    return s;
}

const Hash256 kPre = "0x1111111111111111111111111111111111111111111111111111111111111111"_b32;
const Hash256 kPost = "0x2222222222222222222222222222222222222222222222222222222222222222"_b32;

ExecuteInput sample_input()
{
    return ExecuteInput{10, kPre, kPost, 21'000, "0xc0"_hex};
}

/// The ABI of sample_input(), by hand: chainId 10, the two roots, gasUsed 21000 (0x5208), the
/// offset 0xa0, the length 1, then 0xc0 and 31 zero bytes of padding.
Bytes sample_encoding()
{
    return from_hex(word(10) + repeat("11", 32) + repeat("22", 32) + word(0x5208) + word(0xa0) +
                    word(1) + "c0" + repeat("00", 31))
        .value();
}

ExecuteError decode_error(BytesView input)
{
    const auto r = decode_input(input);
    EXPECT_FALSE(r);
    return r ? ExecuteError{} : r.error();
}

TEST(ExecuteAbi, EncodesInputAsSolidityWould)
{
    const Bytes encoded = encode_input(sample_input());
    EXPECT_EQ(encoded.size(), 224u);
    EXPECT_EQ(to_hex(encoded), to_hex(sample_encoding()));
    const auto decoded = decode_input(encoded);
    ASSERT_TRUE(decoded) << to_string(decoded.error());
    EXPECT_EQ(*decoded, sample_input());
}

TEST(ExecuteAbi, RoundTripsTracesOfEveryPaddingLength)
{
    for (size_t n : {0u, 1u, 31u, 32u, 33u, 63u, 64u, 65u, 1000u}) {
        ExecuteInput in{~uint64_t{0}, kPre, kPost, ~uint64_t{0}, Bytes(n, 0xab)};
        const Bytes encoded = encode_input(in);
        // Head (6 words) plus the trace rounded up to whole words.
        EXPECT_EQ(encoded.size(), 192 + (n + 31) / 32 * 32) << n;
        const auto decoded = decode_input(encoded);
        ASSERT_TRUE(decoded) << n << ": " << to_string(decoded.error());
        EXPECT_EQ(*decoded, in);
    }
}

TEST(ExecuteAbi, ShortInput)
{
    const Bytes head = sample_encoding().substr(0, 191);
    const ExecuteError e = decode_error(head);
    EXPECT_EQ(e.code, ExecuteErrorCode::kInputTooShort);
    EXPECT_EQ(e.got, stateless::ErrorValue{uint64_t{191}});
    EXPECT_EQ(e.expected, stateless::ErrorValue{uint64_t{192}});
    EXPECT_EQ(decode_error({}).code, ExecuteErrorCode::kInputTooShort);
}

TEST(ExecuteAbi, MissingPaddingIsTooShort)
{
    // The length says 1 byte: the data byte is there but its 31 bytes of padding are not.
    const Bytes cut = sample_encoding().substr(0, 193);
    const ExecuteError e = decode_error(cut);
    EXPECT_EQ(e.code, ExecuteErrorCode::kInputTooShort);
    EXPECT_EQ(e.got, stateless::ErrorValue{uint64_t{193}});
    EXPECT_EQ(e.expected, stateless::ErrorValue{uint64_t{224}});
}

TEST(ExecuteAbi, TooLarge)
{
    Bytes big = encode_input(ExecuteInput{1, kPre, kPost, 1, Bytes(kMaxInputSize, 0)});
    EXPECT_GT(big.size(), kMaxInputSize);
    const ExecuteError e = decode_error(big);
    EXPECT_EQ(e.code, ExecuteErrorCode::kInputTooLarge);
    EXPECT_EQ(e.expected, stateless::ErrorValue{uint64_t{1} << 24});
}

TEST(ExecuteAbi, Uint64WordsWithHighBytes)
{
    // chainId: byte 23 is the highest of the 24 that must be zero.
    for (size_t byte : {0u, 23u}) {
        Bytes in = sample_encoding();
        in[byte] = 1;
        const ExecuteError e = decode_error(in);
        EXPECT_EQ(e.code, ExecuteErrorCode::kUint64Overflow);
        EXPECT_EQ(e.index, 0u);
    }
    // gasUsed is word 3.
    Bytes in = sample_encoding();
    in[3 * 32 + 5] = 0x80;
    const ExecuteError e = decode_error(in);
    EXPECT_EQ(e.code, ExecuteErrorCode::kUint64Overflow);
    EXPECT_EQ(e.index, 3u);
    // The low 8 bytes are the value: byte 24 of chainId is fine.
    in = sample_encoding();
    in[24] = 0xff;
    const auto ok = decode_input(in);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->chain_id, 0xff0000000000000aull);
    // The roots may hold any 32 bytes.
    in = sample_encoding();
    in[32] = 0xff;
    in[64] = 0xff;
    EXPECT_TRUE(decode_input(in));
}

TEST(ExecuteAbi, BadOffset)
{
    Bytes in = sample_encoding();
    in[4 * 32 + 31] = 0xc0;  // 192: a valid-looking but non-canonical offset
    ExecuteError e = decode_error(in);
    EXPECT_EQ(e.code, ExecuteErrorCode::kBadOffset);
    EXPECT_EQ(e.got, stateless::ErrorValue{uint64_t{192}});
    EXPECT_EQ(e.expected, stateless::ErrorValue{uint64_t{160}});

    in = sample_encoding();
    in[4 * 32] = 0x01;  // an offset beyond 64 bits: reported as the word
    e = decode_error(in);
    EXPECT_EQ(e.code, ExecuteErrorCode::kBadOffset);
    EXPECT_TRUE(std::holds_alternative<Hash256>(e.got));
}

TEST(ExecuteAbi, BadLength)
{
    // Length 33 with 32 bytes after the length word.
    Bytes in = sample_encoding();
    in[5 * 32 + 31] = 33;
    ExecuteError e = decode_error(in);
    EXPECT_EQ(e.code, ExecuteErrorCode::kBadLength);
    EXPECT_EQ(e.got, stateless::ErrorValue{uint64_t{33}});
    EXPECT_EQ(e.expected, stateless::ErrorValue{uint64_t{32}});

    // A length of 2^64 (a byte above the low 8).
    in = sample_encoding();
    in[5 * 32 + 23] = 1;
    in[5 * 32 + 31] = 0;
    e = decode_error(in);
    EXPECT_EQ(e.code, ExecuteErrorCode::kBadLength);
    EXPECT_TRUE(std::holds_alternative<Hash256>(e.got));

    // The largest 64-bit length: far beyond the input, and no overflow on the way.
    in = sample_encoding();
    for (size_t i = 24; i < 32; ++i) in[5 * 32 + i] = 0xff;
    EXPECT_EQ(decode_error(in).code, ExecuteErrorCode::kBadLength);
}

TEST(ExecuteAbi, NonZeroPadding)
{
    for (size_t byte : {193u, 200u, 223u}) {
        Bytes in = sample_encoding();
        in[byte] = 1;
        const ExecuteError e = decode_error(in);
        EXPECT_EQ(e.code, ExecuteErrorCode::kNonZeroPadding);
        EXPECT_EQ(e.index, uint64_t{byte});
    }
}

TEST(ExecuteAbi, TrailingBytes)
{
    for (size_t extra : {1u, 32u}) {
        Bytes in = sample_encoding();
        in.append(extra, 0);
        const ExecuteError e = decode_error(in);
        EXPECT_EQ(e.code, ExecuteErrorCode::kTrailingBytes);
        EXPECT_EQ(e.got, stateless::ErrorValue{uint64_t{224 + extra}});
        EXPECT_EQ(e.expected, stateless::ErrorValue{uint64_t{224}});
    }
}

TEST(ExecuteAbi, ErrorMessagesNameTheReason)
{
    Bytes in = sample_encoding();
    in[4 * 32 + 31] = 0xc0;
    EXPECT_EQ(to_string(decode_error(in)), "bad trace offset: got 192, expected 160");
    EXPECT_EQ(to_string(decode_error(sample_encoding().substr(0, 10))),
              "input too short: got 10, expected 192");
    in = sample_encoding();
    in[200] = 7;
    EXPECT_EQ(to_string(decode_error(in)), "non-zero padding at byte 200");
}

// Random bytes never crash the decoder; whatever decodes is canonical (re-encodes to itself).
TEST(ExecuteAbi, RandomInputsNeverCrash)
{
    std::mt19937_64 rng{1234};
    const Bytes valid = encode_input(ExecuteInput{7, kPre, kPost, 99, Bytes(70, 0x5a)});
    size_t decoded = 0;
    for (uint64_t i = 0; i < ultra::test::scaled(100'000); ++i) {
        Bytes in;
        if (i % 2 == 0) {
            // Pure noise, of lengths around the head's.
            in.resize(rng() % 400);
            for (auto& b : in) b = static_cast<uint8_t>(rng());
        } else {
            // A valid encoding with a few bytes changed, cut or extended.
            in = valid;
            for (uint64_t k = 1 + rng() % 3; k > 0; --k)
                in[rng() % in.size()] = static_cast<uint8_t>(rng() % 3 == 0 ? rng() : 0);
            if (rng() % 4 == 0) in.resize(rng() % (in.size() + 40));
        }
        const auto r = decode_input(in);
        if (r) {
            ++decoded;
            ASSERT_EQ(encode_input(*r), in);
        } else {
            ASSERT_FALSE(to_string(r.error()).empty());
        }
    }
    EXPECT_GT(decoded, 0u);  // the mutations keep some encodings valid
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

ExecuteOutput sample_output()
{
    ExecuteOutput o;
    o.valid = true;
    o.block_hash = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_b32;
    o.parent_hash = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_b32;
    o.number = 5;
    o.timestamp = 0x6000;
    o.gas_limit = 30'000'000;  // 0x1c9c380
    o.coinbase = "0x00000000000000000000000000000000000c0ffe"_addr;
    o.anchor = "0xcccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"_b32;
    o.receipts_root = "0xdddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"_b32;
    o.burned_fees = 147'000;  // 0x23e38
    return o;
}

TEST(ExecuteAbi, EncodesOutputAsSolidityWould)
{
    const Bytes expected = from_hex(word(1) + repeat("aa", 32) + repeat("bb", 32) + word(5) +
                                    word(0x6000) + word(0x1c9c380) + word(0xc0ffe) +
                                    repeat("cc", 32) + repeat("dd", 32) + word(0x23e38))
                               .value();
    const Bytes encoded = encode_output(sample_output());
    EXPECT_EQ(encoded.size(), 320u);
    EXPECT_EQ(to_hex(encoded), to_hex(expected));
    const auto decoded = decode_output(encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, sample_output());
}

TEST(ExecuteAbi, InvalidOutputIsAllZeroOfTheSameLength)
{
    ExecuteOutput o = sample_output();
    o.valid = false;
    EXPECT_EQ(encode_output(o), Bytes(320, 0));
    const auto decoded = decode_output(Bytes(320, 0));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, ExecuteOutput{});
}

TEST(ExecuteAbi, MalformedOutputs)
{
    const Bytes good = encode_output(sample_output());
    auto malformed_at = [](const Bytes& b) -> std::optional<uint64_t> {
        const auto r = decode_output(b);
        EXPECT_FALSE(r);
        if (r) return std::nullopt;
        EXPECT_EQ(r.error().code, ExecuteErrorCode::kMalformedOutput);
        return r.error().index;
    };
    EXPECT_EQ(malformed_at(good.substr(0, 319)), std::nullopt);
    Bytes b = good;
    b[31] = 2;  // a bool of 2
    EXPECT_EQ(malformed_at(b), 0u);
    b = good;
    b[3 * 32 + 23] = 1;  // number above 64 bits
    EXPECT_EQ(malformed_at(b), 3u);
    b = good;
    b[6 * 32 + 11] = 1;  // coinbase above 160 bits
    EXPECT_EQ(malformed_at(b), 6u);
    b = Bytes(320, 0);
    b[9 * 32 + 31] = 1;  // an invalid output with a non-zero word
    EXPECT_EQ(malformed_at(b), 9u);
}

TEST(ExecuteAbi, FeeQueryAnswer)
{
    EXPECT_EQ(to_hex(encode_fee(uint256{0x1234})), word(0x1234));
}

}  // namespace
}  // namespace ultra::execute
