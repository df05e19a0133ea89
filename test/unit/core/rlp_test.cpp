// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {
using namespace ultra;
using namespace ultra::literals;
using rlp::DecodingError;

Bytes repeat(size_t n, uint8_t b)
{
    return Bytes(n, b);
}

Bytes concat(BytesView a, BytesView b)
{
    Bytes r{a};
    r += b;
    return r;
}

/// decode_header on `input`; on success also checks how many bytes it consumed.
rlp::DecodingResult<rlp::Header> header_of(BytesView input, size_t expected_consumed)
{
    BytesView from = input;
    auto r = rlp::decode_header(from);
    if (r) {
        EXPECT_EQ(input.size() - from.size(), expected_consumed) << to_hex(input);
    } else {
        EXPECT_EQ(from.size(), input.size()) << "consumed on error: " << to_hex(input);
    }
    return r;
}

DecodingError header_error(BytesView input)
{
    BytesView from = input;
    const auto r = rlp::decode_header(from);
    EXPECT_FALSE(r) << to_hex(input);
    EXPECT_EQ(from.size(), input.size()) << "consumed on error: " << to_hex(input);
    return r ? DecodingError::kInvalidValue : r.error();
}

DecodingError validate_error(BytesView input)
{
    const auto r = rlp::validate(input);
    EXPECT_FALSE(r) << to_hex(input);
    return r ? DecodingError::kInvalidValue : r.error();
}

// ---------------------------------------------------------------------------------------------
// Headers

TEST(RlpHeader, SingleBytesAreTheirOwnEncoding)
{
    for (unsigned b = 0; b < 0x80; ++b) {
        const Bytes in{static_cast<uint8_t>(b)};
        const auto h = header_of(in, 0);
        ASSERT_TRUE(h);
        EXPECT_FALSE(h->is_list);
        EXPECT_EQ(h->payload_length, 1u);
    }
}

TEST(RlpHeader, ShortString)
{
    const auto h0 = header_of("80"_hex, 1);
    ASSERT_TRUE(h0);
    EXPECT_FALSE(h0->is_list);
    EXPECT_EQ(h0->payload_length, 0u);

    const auto h1 = header_of("8180"_hex, 1);
    ASSERT_TRUE(h1);
    EXPECT_EQ(h1->payload_length, 1u);
    EXPECT_TRUE(header_of("81ff"_hex, 1));

    const Bytes max_short = concat("b7"_hex, repeat(55, 0xaa));
    const auto h55 = header_of(max_short, 1);
    ASSERT_TRUE(h55);
    EXPECT_EQ(h55->payload_length, 55u);
}

TEST(RlpHeader, LongString)
{
    const Bytes min_long = concat("b838"_hex, repeat(56, 0xaa));
    const auto h = header_of(min_long, 2);
    ASSERT_TRUE(h);
    EXPECT_FALSE(h->is_list);
    EXPECT_EQ(h->payload_length, 56u);

    const Bytes two_byte = concat("b90100"_hex, repeat(256, 1));
    const auto h2 = header_of(two_byte, 3);
    ASSERT_TRUE(h2);
    EXPECT_EQ(h2->payload_length, 256u);

    const Bytes three_byte = concat("ba010000"_hex, repeat(65536, 1));
    const auto h3 = header_of(three_byte, 4);
    ASSERT_TRUE(h3);
    EXPECT_EQ(h3->payload_length, 65536u);
}

TEST(RlpHeader, Lists)
{
    const auto e = header_of("c0"_hex, 1);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->is_list);
    EXPECT_EQ(e->payload_length, 0u);

    const auto s = header_of(concat("f7"_hex, repeat(55, 1)), 1);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->is_list);
    EXPECT_EQ(s->payload_length, 55u);

    const auto l = header_of(concat("f838"_hex, repeat(56, 1)), 2);
    ASSERT_TRUE(l);
    EXPECT_TRUE(l->is_list);
    EXPECT_EQ(l->payload_length, 56u);

    // A list header does not look at its payload: 0xc1 0x00 is a well-formed header.
    EXPECT_TRUE(header_of("c100"_hex, 1));
}

TEST(RlpHeader, PayloadIsNotConsumed)
{
    const Bytes in = "83646f67ff"_hex;
    BytesView from = in;
    const auto h = rlp::decode_header(from);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->payload_length, 3u);
    EXPECT_EQ(Bytes{from}, "646f67ff"_hex);
}

TEST(RlpHeader, EmptyInput)
{
    EXPECT_EQ(header_error({}), DecodingError::kInputTooShort);
}

TEST(RlpHeader, SingleByteMustNotBeWrapped)
{
    // 0x81 xx with xx < 0x80 must have been written as xx.
    for (unsigned b = 0; b < 0x80; ++b) {
        const Bytes in{0x81, static_cast<uint8_t>(b)};
        EXPECT_EQ(header_error(in), DecodingError::kNonCanonicalSize) << b;
    }
}

TEST(RlpHeader, LongFormForShortPayload)
{
    // The long form for a payload below 56 bytes, with the payload present.
    // (A zero length byte, n = 0, is a leading zero instead: see LengthWithLeadingZero.)
    for (size_t n = 1; n < 56; ++n) {
        const Bytes s = concat(Bytes{0xb8, static_cast<uint8_t>(n)}, repeat(n, 0xaa));
        EXPECT_EQ(header_error(s), DecodingError::kNonCanonicalSize) << n;
        const Bytes l = concat(Bytes{0xf8, static_cast<uint8_t>(n)}, repeat(n, 0xaa));
        EXPECT_EQ(header_error(l), DecodingError::kNonCanonicalSize) << n;
    }
}

TEST(RlpHeader, LengthWithLeadingZero)
{
    EXPECT_EQ(header_error("b800"_hex), DecodingError::kLeadingZero);
    EXPECT_EQ(header_error("f800"_hex), DecodingError::kLeadingZero);
    EXPECT_EQ(header_error(concat("b90038"_hex, repeat(56, 0))), DecodingError::kLeadingZero);
    EXPECT_EQ(header_error(concat("f900ff"_hex, repeat(255, 0))), DecodingError::kLeadingZero);
    EXPECT_EQ(header_error(concat("bf0000000000000100"_hex, repeat(256, 0))),
              DecodingError::kLeadingZero);
    EXPECT_EQ(header_error(concat("ff0000000000000100"_hex, repeat(256, 0))),
              DecodingError::kLeadingZero);
}

TEST(RlpHeader, TruncatedLengthField)
{
    EXPECT_EQ(header_error("b8"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("b901"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("bf01020304050607"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("f8"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("ff01020304050607"_hex), DecodingError::kInputTooShort);
}

TEST(RlpHeader, TruncatedPayload)
{
    EXPECT_EQ(header_error("81"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("83646f"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error(concat("b7"_hex, repeat(54, 1))), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error(concat("b838"_hex, repeat(55, 1))), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("c1"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error(concat("f7"_hex, repeat(54, 1))), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error(concat("f90100"_hex, repeat(255, 1))), DecodingError::kInputTooShort);
}

TEST(RlpHeader, EightByteLengthFields)
{
    // Lengths that no input can satisfy must be rejected without overflowing any arithmetic.
    const Bytes max_string = concat("bfffffffffffffffff"_hex, repeat(64, 0x11));
    EXPECT_EQ(header_error(max_string), DecodingError::kInputTooShort);
    const Bytes max_list = concat("ffffffffffffffffff"_hex, repeat(64, 0x11));
    EXPECT_EQ(header_error(max_list), DecodingError::kInputTooShort);
    const Bytes high_bit = concat("bf8000000000000000"_hex, repeat(64, 0x11));
    EXPECT_EQ(header_error(high_bit), DecodingError::kInputTooShort);
    EXPECT_EQ(header_error("bf0f000000000000021111"_hex), DecodingError::kInputTooShort);

    // What the encoder writes for 2^56 and 2^64-1 byte payloads decodes back to those lengths
    // (checked up to the missing payload).
    Bytes h56;
    rlp::encode_header(h56, false, size_t{1} << 56);
    EXPECT_EQ(h56, "bf0100000000000000"_hex);
    EXPECT_EQ(rlp::header_length(size_t{1} << 56), 9u);
    EXPECT_EQ(header_error(h56), DecodingError::kInputTooShort);
    if constexpr (sizeof(size_t) == 8) {
        Bytes hmax;
        rlp::encode_header(hmax, true, std::numeric_limits<size_t>::max());
        EXPECT_EQ(hmax, "ffffffffffffffffff"_hex);
        EXPECT_EQ(header_error(hmax), DecodingError::kInputTooShort);
    } else {
        // A 32-bit size_t cannot hold a length of 2^32.
        EXPECT_EQ(header_error(concat("bc0100000000"_hex, repeat(8, 0))), DecodingError::kOverflow);
    }
}

// ---------------------------------------------------------------------------------------------
// Strings, lists, integers, fixed-size strings

TEST(RlpDecode, String)
{
    const Bytes in = "83646f6780"_hex;
    BytesView from = in;
    const auto s = rlp::decode_string(from);
    ASSERT_TRUE(s);
    EXPECT_EQ(Bytes{*s}, to_bytes_view("dog"));
    EXPECT_EQ(Bytes{from}, "80"_hex);
    const auto empty = rlp::decode_string(from);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
    EXPECT_TRUE(from.empty());

    const Bytes single = "7f"_hex;
    from = single;
    const auto b = rlp::decode_string(from);
    ASSERT_TRUE(b);
    EXPECT_EQ(Bytes{*b}, "7f"_hex);
    EXPECT_TRUE(from.empty());
}

TEST(RlpDecode, StringRejectsList)
{
    const Bytes in = "c3010203"_hex;
    BytesView from = in;
    const auto r = rlp::decode_string(from);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), DecodingError::kUnexpectedList);
    EXPECT_EQ(from.size(), in.size());
}

TEST(RlpDecode, List)
{
    const Bytes in = "c88363617483646f67"_hex;
    BytesView from = in;
    const auto payload = rlp::decode_list(from);
    ASSERT_TRUE(payload);
    EXPECT_TRUE(from.empty());
    BytesView items = *payload;
    const auto cat = rlp::decode_string(items);
    const auto dog = rlp::decode_string(items);
    ASSERT_TRUE(cat && dog);
    EXPECT_EQ(Bytes{*cat}, to_bytes_view("cat"));
    EXPECT_EQ(Bytes{*dog}, to_bytes_view("dog"));
    EXPECT_TRUE(items.empty());
}

TEST(RlpDecode, ListRejectsString)
{
    for (const Bytes& in : {"80"_hex, "05"_hex, "83646f67"_hex}) {
        BytesView from = in;
        const auto r = rlp::decode_list(from);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), DecodingError::kUnexpectedString);
        EXPECT_EQ(from.size(), in.size());
    }
}

TEST(RlpDecode, Uint64)
{
    struct Case
    {
        Bytes in;
        uint64_t value;
    };
    const Case cases[] = {
        {"80"_hex, 0},
        {"01"_hex, 1},
        {"7f"_hex, 0x7f},
        {"8180"_hex, 0x80},
        {"81ff"_hex, 0xff},
        {"820100"_hex, 0x100},
        {"8203e8"_hex, 1000},
        {"830186a0"_hex, 100000},
        {"87ffffffffffffff"_hex, 0x00ffffffffffffff},
        {"880100000000000000"_hex, 0x0100000000000000},
        {"88ffffffffffffffff"_hex, std::numeric_limits<uint64_t>::max()},
    };
    for (const Case& c : cases) {
        BytesView from = c.in;
        const auto v = rlp::decode_uint64(from);
        ASSERT_TRUE(v) << to_hex(c.in);
        EXPECT_EQ(*v, c.value) << to_hex(c.in);
        EXPECT_TRUE(from.empty());

        Bytes out;
        rlp::encode(out, c.value);
        EXPECT_EQ(out, c.in);
    }
}

TEST(RlpDecode, Uint64Errors)
{
    struct Case
    {
        Bytes in;
        DecodingError error;
    };
    const Case cases[] = {
        {"00"_hex, DecodingError::kLeadingZero},  // zero is 0x80
        {"8100"_hex, DecodingError::kNonCanonicalSize},
        {"820001"_hex, DecodingError::kLeadingZero},
        {"88000000000000000001"_hex, DecodingError::kLeadingZero},
        {"89010000000000000000"_hex, DecodingError::kOverflow},  // 2^64
        {"8900ffffffffffffffff"_hex, DecodingError::kLeadingZero},
        {"c0"_hex, DecodingError::kUnexpectedList},
        {"c180"_hex, DecodingError::kUnexpectedList},
        {"82ff"_hex, DecodingError::kInputTooShort},
        {{}, DecodingError::kInputTooShort},
    };
    for (const Case& c : cases) {
        BytesView from = c.in;
        const auto v = rlp::decode_uint64(from);
        ASSERT_FALSE(v) << to_hex(c.in);
        EXPECT_EQ(v.error(), c.error) << to_hex(c.in);
        EXPECT_EQ(from.size(), c.in.size());
    }
}

TEST(RlpDecode, UintBytes)
{
    const Bytes max256 = concat("a0"_hex, repeat(32, 0xff));
    BytesView from = max256;
    const auto v = rlp::decode_uint_bytes(from, 32);
    ASSERT_TRUE(v);
    EXPECT_EQ(Bytes{*v}, repeat(32, 0xff));
    EXPECT_TRUE(from.empty());

    const Bytes zero = "80"_hex;
    from = zero;
    const auto z = rlp::decode_uint_bytes(from, 32);
    ASSERT_TRUE(z);
    EXPECT_TRUE(z->empty());

    const Bytes too_big = concat("a101"_hex, repeat(32, 0));
    from = too_big;
    const auto o = rlp::decode_uint_bytes(from, 32);
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error(), DecodingError::kOverflow);
    EXPECT_EQ(from.size(), too_big.size());

    const Bytes padded = concat("a000"_hex, repeat(31, 0xff));
    from = padded;
    const auto p = rlp::decode_uint_bytes(from, 32);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error(), DecodingError::kLeadingZero);

    const Bytes two = "820102"_hex;
    from = two;
    const auto t = rlp::decode_uint_bytes(from, 1);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error(), DecodingError::kOverflow);
}

TEST(RlpDecode, Fixed)
{
    const Bytes in = concat("94"_hex, repeat(20, 0xab));
    BytesView from = in;
    const auto a = rlp::decode_fixed<20>(from);
    ASSERT_TRUE(a);
    EXPECT_EQ(Bytes{a->view()}, repeat(20, 0xab));
    EXPECT_TRUE(from.empty());

    // A hash with leading zero bytes keeps them (it is not an integer).
    const Bytes h = concat("a0"_hex, repeat(32, 0));
    from = h;
    const auto z = rlp::decode_fixed<32>(from);
    ASSERT_TRUE(z);
    EXPECT_TRUE(z->is_zero());

    for (const Bytes& bad :
         {concat("93"_hex, repeat(19, 0xab)), concat("95"_hex, repeat(21, 1)), "80"_hex}) {
        from = bad;
        const auto r = rlp::decode_fixed<20>(from);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error(), DecodingError::kUnexpectedLength);
        EXPECT_EQ(from.size(), bad.size());
    }
    const Bytes list = "c0"_hex;
    from = list;
    const auto l = rlp::decode_fixed<20>(from);
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error(), DecodingError::kUnexpectedList);
}

TEST(RlpDecode, RawItemAndItemLength)
{
    const Bytes in = "c483646f6705b83800"_hex;  // a list, a single byte, then a broken item
    EXPECT_EQ(rlp::item_length(in).value_or(0), size_t{5});
    BytesView from = in;
    const auto list = rlp::decode_raw(from);
    ASSERT_TRUE(list);
    EXPECT_EQ(Bytes{*list}, "c483646f67"_hex);
    EXPECT_EQ(rlp::item_length(from).value_or(0), size_t{1});
    const auto byte = rlp::decode_raw(from);
    ASSERT_TRUE(byte);
    EXPECT_EQ(Bytes{*byte}, "05"_hex);
    const auto broken = rlp::decode_raw(from);
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error(), DecodingError::kInputTooShort);
    EXPECT_EQ(Bytes{from}, "b83800"_hex);

    const Bytes long_string = concat("b838"_hex, repeat(56, 7));
    EXPECT_EQ(rlp::item_length(concat(long_string, "c0"_hex)).value_or(0), size_t{58});
    const auto err = rlp::item_length("b801"_hex);
    ASSERT_FALSE(err);
    EXPECT_EQ(err.error(), DecodingError::kNonCanonicalSize);
}

TEST(RlpDecode, ExpectEnd)
{
    EXPECT_TRUE(rlp::expect_end({}));
    const Bytes rest = "00"_hex;
    const auto r = rlp::expect_end(rest);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), DecodingError::kInputTooLong);
    EXPECT_TRUE(rlp::expect_end(rest, rlp::Leftover::kAllow));
}

// ---------------------------------------------------------------------------------------------
// validate()

TEST(RlpValidate, Accepts)
{
    for (const Bytes& ok :
         {"00"_hex, "7f"_hex, "80"_hex, "8180"_hex, "c0"_hex, "c180"_hex, "c7c0c1c0c3c0c1c0"_hex,
          "c4c2c0c0c0"_hex, "c6827a77c10401"_hex, concat("b838"_hex, repeat(56, 0))}) {
        EXPECT_TRUE(rlp::validate(ok)) << to_hex(ok);
    }
}

TEST(RlpValidate, Errors)
{
    EXPECT_EQ(validate_error({}), DecodingError::kInputTooShort);
    EXPECT_EQ(validate_error("8000"_hex), DecodingError::kInputTooLong);
    EXPECT_EQ(validate_error("0000"_hex), DecodingError::kInputTooLong);
    EXPECT_EQ(validate_error("c0c0"_hex), DecodingError::kInputTooLong);
    EXPECT_EQ(validate_error("c382616263"_hex), DecodingError::kInputTooLong);
    // Items overrunning their list, with enough input after the list.
    EXPECT_EQ(validate_error("c28361626364"_hex), DecodingError::kListLengthMismatch);
    EXPECT_EQ(validate_error("c4c18261626364"_hex), DecodingError::kListLengthMismatch);
    EXPECT_EQ(validate_error("c2c2808080"_hex), DecodingError::kListLengthMismatch);
    // ... and without: the list header itself does not fit.
    EXPECT_EQ(validate_error("c5010203"_hex), DecodingError::kInputTooShort);
    // Errors nested inside lists.
    EXPECT_EQ(validate_error("c28100"_hex), DecodingError::kNonCanonicalSize);
    EXPECT_EQ(validate_error("c3c2b800"_hex), DecodingError::kLeadingZero);
    EXPECT_EQ(validate_error("c2c181"_hex), DecodingError::kInputTooShort);
    EXPECT_EQ(validate_error("c3c1c101"_hex), DecodingError::kListLengthMismatch);
    const Bytes long_list_bad_item = concat(concat("f83a"_hex, "b801"_hex), repeat(56, 1));
    EXPECT_EQ(validate_error(long_list_bad_item), DecodingError::kNonCanonicalSize);
}

/// `depth` lists nested in each other around an empty list, built without quadratic copying.
Bytes nested_lists(size_t depth)
{
    std::vector<size_t> payload(depth + 1);  // payload[k] = payload length at depth k (0 outside)
    payload[depth] = 0;
    for (size_t k = depth; k-- > 0;)
        payload[k] = rlp::header_length(payload[k + 1]) + payload[k + 1];
    Bytes out;
    out.reserve(rlp::header_length(payload[0]) + payload[0]);
    for (size_t k = 0; k <= depth; ++k) rlp::encode_header(out, true, payload[k]);
    return out;
}

TEST(RlpValidate, DeepNestingDoesNotRecurse)
{
    const size_t depth = test::scaled(1'000'000);
    Bytes deep = nested_lists(depth);
    ASSERT_EQ(rlp::item_length(deep).value_or(0), deep.size());
    EXPECT_TRUE(rlp::validate(deep));

    Bytes trailing = deep;
    trailing.push_back(0x80);
    EXPECT_EQ(validate_error(trailing), DecodingError::kInputTooLong);

    // Turn the innermost c0 into c1: its one-byte payload is missing.
    deep.back() = 0xc1;
    EXPECT_EQ(validate_error(deep), DecodingError::kInputTooShort);
    // The innermost list now claims the byte that closes nothing: an 0x80 added at the end
    // makes the input long enough but overruns the enclosing list.
    deep.push_back(0x80);
    EXPECT_EQ(validate_error(deep), DecodingError::kListLengthMismatch);
}

// ---------------------------------------------------------------------------------------------
// Boundaries, with hand-written encodings

TEST(RlpEncode, StringBoundaries)
{
    struct Case
    {
        size_t length;
        Bytes header;
    };
    const Case cases[] = {
        {0, "80"_hex},     {2, "82"_hex},       {55, "b7"_hex},        {56, "b838"_hex},
        {255, "b8ff"_hex}, {256, "b90100"_hex}, {65535, "b9ffff"_hex}, {65536, "ba010000"_hex},
    };
    for (const Case& c : cases) {
        const Bytes payload = repeat(c.length, 0xee);
        Bytes out;
        rlp::encode(out, BytesView{payload});
        EXPECT_EQ(out, concat(c.header, payload)) << c.length;
        EXPECT_EQ(rlp::header_length(c.length), c.header.size());
        BytesView from = out;
        const auto s = rlp::decode_string(from);
        ASSERT_TRUE(s) << c.length;
        EXPECT_EQ(Bytes{*s}, payload);
        EXPECT_TRUE(from.empty());
        EXPECT_TRUE(rlp::validate(out));
    }
}

TEST(RlpEncode, ByteBoundaries)
{
    for (unsigned b = 0; b < 256; ++b) {
        const Bytes one{static_cast<uint8_t>(b)};
        Bytes out;
        rlp::encode(out, BytesView{one});
        const Bytes expected = b < 0x80 ? one : Bytes{0x81, static_cast<uint8_t>(b)};
        EXPECT_EQ(out, expected) << b;
        BytesView from = out;
        const auto s = rlp::decode_string(from);
        ASSERT_TRUE(s);
        EXPECT_EQ(Bytes{*s}, one);
    }
}

TEST(RlpEncode, ListBoundaries)
{
    // Payloads of 55 and 56 bytes made of one-byte items.
    const Bytes p55 = repeat(55, 0x01);
    const Bytes p56 = repeat(56, 0x01);
    EXPECT_EQ(rlp::wrap_list(p55), concat("f7"_hex, p55));
    EXPECT_EQ(rlp::wrap_list(p56), concat("f838"_hex, p56));
    EXPECT_TRUE(rlp::validate(concat("f7"_hex, p55)));
    EXPECT_TRUE(rlp::validate(concat("f838"_hex, p56)));
    EXPECT_EQ(validate_error(concat("f838"_hex, p55)), DecodingError::kInputTooShort);
    EXPECT_EQ(validate_error(concat("f837"_hex, p55)), DecodingError::kNonCanonicalSize);
}

TEST(RlpEncode, MaxUint64)
{
    Bytes out;
    rlp::encode(out, std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(out, "88ffffffffffffffff"_hex);
    rlp::encode(out, uint64_t{0});
    rlp::encode(out, uint64_t{0x7f});
    rlp::encode(out, uint64_t{0x80});
    EXPECT_EQ(out, "88ffffffffffffffff807f8180"_hex);
    BytesView from = out;
    for (const uint64_t expected :
         {std::numeric_limits<uint64_t>::max(), uint64_t{0}, uint64_t{0x7f}, uint64_t{0x80}}) {
        const auto v = rlp::decode_uint64(from);
        ASSERT_TRUE(v);
        EXPECT_EQ(*v, expected);
    }
    EXPECT_TRUE(from.empty());
}

// ---------------------------------------------------------------------------------------------
// Random round trips

struct Item
{
    bool is_list = false;
    Bytes str;
    std::vector<Item> items;

    friend bool operator==(const Item&, const Item&) = default;
};

Item random_item(std::mt19937_64& rng, int depth)
{
    Item item;
    item.is_list = depth > 0 && rng() % 3 == 0;
    if (item.is_list) {
        const size_t n = rng() % 8 == 0 ? 20 + rng() % 40 : rng() % 5;
        for (size_t i = 0; i < n; ++i) item.items.push_back(random_item(rng, depth - 1));
    } else {
        // Lengths clustered around the interesting boundaries.
        static constexpr size_t kLengths[] = {0,  1,  1,  1,  2,   20,  32,
                                              54, 55, 56, 57, 255, 256, 1000};
        const size_t len = kLengths[rng() % std::size(kLengths)];
        for (size_t i = 0; i < len; ++i) {
            // Bias single bytes toward the 0x7f/0x80 edge.
            item.str.push_back(static_cast<uint8_t>(rng() % 2 ? rng() : 0x7e + rng() % 4));
        }
    }
    return item;
}

void encode_item(Bytes& out, const Item& item)
{
    if (!item.is_list) return rlp::encode(out, BytesView{item.str});
    Bytes payload;
    for (const Item& sub : item.items) encode_item(payload, sub);
    rlp::encode_list(out, payload);
}

rlp::DecodingResult<Item> decode_item(BytesView& from)
{
    Item item;
    BytesView rest = from;
    {
        BytesView probe = rest;
        ULTRA_TRY(const rlp::Header h, rlp::decode_header(probe));
        item.is_list = h.is_list;
    }
    if (item.is_list) {
        ULTRA_TRY(BytesView payload, rlp::decode_list(rest));
        while (!payload.empty()) {
            ULTRA_TRY(Item sub, decode_item(payload));
            item.items.push_back(std::move(sub));
        }
    } else {
        ULTRA_TRY(const BytesView s, rlp::decode_string(rest));
        item.str = Bytes{s};
    }
    from = rest;
    return item;
}

TEST(RlpRoundTrip, RandomNestedStructures)
{
    std::mt19937_64 rng{20260101};
    const uint64_t n = test::scaled(3000);
    for (uint64_t i = 0; i < n; ++i) {
        const Item item = random_item(rng, 1 + static_cast<int>(rng() % 5));
        Bytes encoded;
        encode_item(encoded, item);
        ASSERT_TRUE(rlp::validate(encoded)) << i;
        EXPECT_EQ(rlp::item_length(encoded).value_or(0), encoded.size());
        BytesView from = encoded;
        const auto decoded = decode_item(from);
        ASSERT_TRUE(decoded) << i;
        EXPECT_TRUE(from.empty());
        EXPECT_EQ(*decoded, item) << i;
    }
}

TEST(RlpRoundTrip, RandomUint64)
{
    std::mt19937_64 rng{7};
    const uint64_t n = test::scaled(100000);
    for (uint64_t i = 0; i < n; ++i) {
        const uint64_t v = rng() >> (rng() % 64);
        Bytes out;
        rlp::encode(out, v);
        BytesView from = out;
        const auto d = rlp::decode_uint64(from);
        ASSERT_TRUE(d) << v;
        EXPECT_EQ(*d, v);
        EXPECT_TRUE(from.empty());
    }
}

// An independent, deliberately naive reading of the canonical rules (recursive, direct on the
// bytes, no shared code with the decoder): the length of the valid item at the front of `d`.
std::optional<size_t> reference_item(BytesView d);

bool reference_items_fill(BytesView payload)
{
    while (!payload.empty()) {
        const auto n = reference_item(payload);
        if (!n) return false;
        payload.remove_prefix(*n);
    }
    return true;
}

std::optional<size_t> reference_item(BytesView d)
{
    if (d.empty()) return std::nullopt;
    const unsigned b = d[0];
    if (b < 0x80) return 1;
    const bool list = b >= 0xc0;
    const unsigned base = list ? 0xc0 : 0x80;
    size_t header = 1;
    uint64_t n = 0;
    if (b - base < 56) {
        n = b - base;
        if (!list && n == 1 && (d.size() < 2 || d[1] < 0x80)) return std::nullopt;
    } else {
        const size_t ll = b - base - 55;
        if (d.size() < 1 + ll || d[1] == 0) return std::nullopt;
        for (size_t i = 0; i < ll; ++i) n = n * 256 + d[1 + i];
        if (n < 56) return std::nullopt;
        header += ll;
    }
    if (n > d.size() - header) return std::nullopt;
    if (list && !reference_items_fill(d.substr(header, n))) return std::nullopt;
    return header + n;
}

bool reference_valid(BytesView d)
{
    const auto n = reference_item(d);
    return n && *n == d.size();
}

TEST(RlpValidate, AgreesWithReferenceOnAllShortInputs)
{
    // Every input of up to 2 bytes, then random short inputs drawn from interesting bytes.
    EXPECT_FALSE(rlp::validate({}));
    size_t valid = 0;
    for (unsigned a = 0; a < 256; ++a) {
        const Bytes one{static_cast<uint8_t>(a)};
        EXPECT_EQ(rlp::validate(one).has_value(), reference_valid(one)) << to_hex(one);
        for (unsigned b = 0; b < 256; ++b) {
            const Bytes two{static_cast<uint8_t>(a), static_cast<uint8_t>(b)};
            const bool ok = reference_valid(two);
            valid += ok;
            EXPECT_EQ(rlp::validate(two).has_value(), ok) << to_hex(two);
        }
    }
    // Valid two-byte items: 0x81 80..ff (128), and 0xc1 around a one-byte item: 00..7f, 80 (the
    // empty string) or c0 (the empty list): 130.
    EXPECT_EQ(valid, 128u + 130u);

    static constexpr uint8_t kInteresting[] = {0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0x81, 0x82,
                                               0xb7, 0xb8, 0xb9, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3,
                                               0xc4, 0xf7, 0xf8, 0xf9, 0xff, 0x38, 0x37};
    std::mt19937_64 rng{5};
    const uint64_t n = test::scaled(200000);
    size_t accepted = 0;
    for (uint64_t i = 0; i < n; ++i) {
        Bytes in(3 + rng() % 8, 0);
        for (uint8_t& x : in) x = kInteresting[rng() % std::size(kInteresting)];
        const bool ok = reference_valid(in);
        accepted += ok;
        ASSERT_EQ(rlp::validate(in).has_value(), ok) << to_hex(in);
    }
    EXPECT_GT(accepted, 0u);
}

// Canonical form makes the encoding unique: any byte string validate() accepts must decode to a
// structure that re-encodes to exactly the same bytes. Mutating valid encodings explores the
// malformed neighbourhood of every header kind.
TEST(RlpRoundTrip, MutationsAreRejectedOrCanonical)
{
    std::mt19937_64 rng{99};
    const uint64_t n = test::scaled(20000);
    size_t accepted = 0;
    size_t rejected = 0;
    std::set<DecodingError> seen;
    for (uint64_t i = 0; i < n; ++i) {
        Bytes bytes;
        encode_item(bytes, random_item(rng, 3));
        switch (rng() % 4) {
            case 0: bytes[rng() % bytes.size()] = static_cast<uint8_t>(rng()); break;
            case 1: bytes[rng() % bytes.size()] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
            case 2: bytes.resize(rng() % bytes.size()); break;
            default:
                bytes.insert(
                    bytes.begin() + static_cast<std::ptrdiff_t>(rng() % (bytes.size() + 1)),
                    static_cast<uint8_t>(rng()));
        }
        const auto v = rlp::validate(bytes);
        ASSERT_EQ(v.has_value(), reference_valid(bytes)) << to_hex(bytes);
        BytesView from = bytes;
        const auto decoded = decode_item(from);
        if (!v) {
            ++rejected;
            seen.insert(v.error());
            // The structural decoder must not accept what validate() rejects, unless only the
            // top-level trailing-bytes rule was broken.
            if (decoded && v.error() != DecodingError::kInputTooLong) {
                ADD_FAILURE() << "decoder accepted " << to_hex(bytes) << " rejected as "
                              << rlp::to_string(v.error());
            }
            continue;
        }
        ++accepted;
        ASSERT_TRUE(decoded) << to_hex(bytes);
        EXPECT_TRUE(from.empty());
        Bytes reencoded;
        encode_item(reencoded, *decoded);
        EXPECT_EQ(reencoded, bytes) << "non-canonical input accepted";
    }
    EXPECT_GT(accepted, 0u);
    EXPECT_GT(rejected, 0u);
    if (n >= 20000) {
        for (const DecodingError e :
             {DecodingError::kInputTooShort, DecodingError::kInputTooLong,
              DecodingError::kNonCanonicalSize, DecodingError::kListLengthMismatch}) {
            EXPECT_TRUE(seen.contains(e)) << rlp::to_string(e);
        }
    }
}

TEST(RlpErrors, ToStringIsShortAndDistinct)
{
    std::set<std::string_view> reasons;
    for (const DecodingError e :
         {DecodingError::kInputTooShort, DecodingError::kInputTooLong, DecodingError::kLeadingZero,
          DecodingError::kNonCanonicalSize, DecodingError::kOverflow,
          DecodingError::kUnexpectedList, DecodingError::kUnexpectedString,
          DecodingError::kListLengthMismatch, DecodingError::kUnexpectedLength,
          DecodingError::kInvalidValue}) {
        const std::string_view s = rlp::to_string(e);
        EXPECT_FALSE(s.empty());
        EXPECT_LT(s.size(), 40u);
        reasons.insert(s);
    }
    EXPECT_EQ(reasons.size(), 10u);
    EXPECT_EQ(rlp::to_string(DecodingError::kLeadingZero), "leading zero");
    EXPECT_EQ(rlp::to_string(DecodingError::kInputTooShort), "input too short");
}

}  // namespace
