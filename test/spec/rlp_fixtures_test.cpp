// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Runs the official RLP fixtures (ethereum/tests RLPTests, see fixtures/rlp/README.md):
// rlptest.json round trips through our encoder and decoder, invalidRLPTest.json must be
// rejected by rlp::validate, RandomRLPTests must be accepted. One gtest per fixture file; the
// last line of output counts the individual cases.

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/infra/json.hpp>
#include <utils/fixtures.hpp>
#include <variant>
#include <vector>

namespace {
using namespace ultra;
using nlohmann::json;

size_t g_passed = 0;
size_t g_failed = 0;

/// An RLP value as a tree: a byte string or a list of values.
struct Item
{
    bool is_list = false;
    Bytes str;
    std::vector<Item> items;

    friend bool operator==(const Item&, const Item&) = default;
};

std::string describe(const Item& item)
{
    if (!item.is_list) return "0x" + to_hex(item.str);
    std::string s = "[";
    for (size_t i = 0; i < item.items.size(); ++i) s += (i ? ", " : "") + describe(item.items[i]);
    return s + "]";
}

/// Parses a non-negative decimal number of any size into minimal big-endian bytes (empty for 0).
std::optional<Bytes> decimal_to_big_endian(std::string_view digits)
{
    if (digits.empty()) return std::nullopt;
    Bytes le;  // little-endian while accumulating
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        unsigned carry = static_cast<unsigned>(c - '0');
        for (uint8_t& b : le) {
            const unsigned v = b * 10u + carry;
            b = static_cast<uint8_t>(v);
            carry = v >> 8;
        }
        for (; carry != 0; carry >>= 8) le.push_back(static_cast<uint8_t>(carry));
    }
    return Bytes(le.rbegin(), le.rend());
}

/// Reads a fixture's `in`: strings are raw bytes, "#<decimal>" a big integer, integers are
/// minimal big-endian, arrays are lists.
std::optional<Item> item_from_json(const json& j)
{
    Item item;
    if (j.is_array()) {
        item.is_list = true;
        for (const json& e : j) {
            auto sub = item_from_json(e);
            if (!sub) return std::nullopt;
            item.items.push_back(std::move(*sub));
        }
    } else if (j.is_number_unsigned()) {
        item.str = rlp::big_endian_compact(j.get<uint64_t>());
    } else if (j.is_string()) {
        const auto& s = j.get_ref<const std::string&>();
        if (!s.empty() && s[0] == '#') {
            auto n = decimal_to_big_endian(std::string_view{s}.substr(1));
            if (!n) return std::nullopt;
            item.str = std::move(*n);
        } else {
            item.str = Bytes(to_bytes_view(s));
        }
    } else {
        return std::nullopt;  // negative numbers, floats, objects: not RLP values
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
    BytesView rest = from;
    ULTRA_TRY(const rlp::Header h, rlp::decode_header(rest));
    Item item;
    item.is_list = h.is_list;
    BytesView payload = rest.substr(0, h.payload_length);
    if (h.is_list) {
        while (!payload.empty()) {
            ULTRA_TRY(Item sub, decode_item(payload));
            item.items.push_back(std::move(sub));
        }
    } else {
        item.str = Bytes(payload);
    }
    from = rest.substr(h.payload_length);
    return item;
}

/// Why each case of invalidRLPTest.json must be rejected (worked out by hand from the bytes), so
/// that a rejection for the wrong reason is caught too.
const std::map<std::string, rlp::DecodingError, std::less<>> kInvalidReasons = {
    {"int32Overflow", rlp::DecodingError::kInputTooShort},  // 8-byte length 0x0f00..02
    {"int32Overflow2", rlp::DecodingError::kInputTooShort},
    {"wrongSizeList", rlp::DecodingError::kNonCanonicalSize},  // f8 01: long form for 1
    {"wrongSizeList2", rlp::DecodingError::kNonCanonicalSize},
    {"incorrectLengthInArray", rlp::DecodingError::kLeadingZero},  // b9 00 21
    {"randomRLP", rlp::DecodingError::kLeadingZero},               // b9 00 21 inside the lists
    {"bytesShouldBeSingleByte00", rlp::DecodingError::kNonCanonicalSize},  // 81 00
    {"bytesShouldBeSingleByte01", rlp::DecodingError::kNonCanonicalSize},
    {"bytesShouldBeSingleByte7F", rlp::DecodingError::kNonCanonicalSize},
    {"leadingZerosInLongLengthArray1", rlp::DecodingError::kLeadingZero},
    {"leadingZerosInLongLengthArray2", rlp::DecodingError::kLeadingZero},
    {"leadingZerosInLongLengthList1", rlp::DecodingError::kLeadingZero},
    {"leadingZerosInLongLengthList2", rlp::DecodingError::kLeadingZero},
    {"nonOptimalLongLengthArray1", rlp::DecodingError::kNonCanonicalSize},  // b8 10
    {"nonOptimalLongLengthArray2", rlp::DecodingError::kNonCanonicalSize},
    {"nonOptimalLongLengthList1", rlp::DecodingError::kNonCanonicalSize},
    {"nonOptimalLongLengthList2", rlp::DecodingError::kNonCanonicalSize},
    {"emptyEncoding", rlp::DecodingError::kInputTooShort},
    {"lessThanShortLengthArray1", rlp::DecodingError::kInputTooShort},
    {"lessThanShortLengthArray2", rlp::DecodingError::kInputTooShort},
    {"lessThanShortLengthList1", rlp::DecodingError::kInputTooShort},
    {"lessThanShortLengthList2", rlp::DecodingError::kInputTooShort},
    {"lessThanLongLengthArray1", rlp::DecodingError::kInputTooShort},
    {"lessThanLongLengthArray2", rlp::DecodingError::kInputTooShort},
    {"lessThanLongLengthList1", rlp::DecodingError::kInputTooShort},
    {"lessThanLongLengthList2", rlp::DecodingError::kInputTooShort},
};

/// Checks one case; returns an empty string on success or the reason it failed.
std::string run_case(std::string_view name, const json& test)
{
    if (!test.contains("in") || !test.contains("out") || !test["out"].is_string())
        return "malformed fixture";
    const auto out = from_hex(test["out"].get<std::string>());
    if (!out) return "malformed hex in `out`";
    const json& in = test["in"];

    if (in == "INVALID") {
        const auto r = rlp::validate(*out);
        if (r) return "accepted an invalid encoding";
        const auto it = kInvalidReasons.find(name);
        if (it != kInvalidReasons.end() && it->second != r.error())
            return "rejected for the wrong reason: " + std::string{rlp::to_string(r.error())};
        return "";
    }
    if (in == "VALID") {
        const auto r = rlp::validate(*out);
        return r ? "" : "rejected: " + std::string{rlp::to_string(r.error())};
    }

    const auto expected = item_from_json(in);
    if (!expected) return "unsupported `in`";
    Bytes encoded;
    encode_item(encoded, *expected);
    if (encoded != *out) return "encoded as 0x" + to_hex(encoded);

    if (const auto r = rlp::validate(*out); !r)
        return "validate rejected: " + std::string{rlp::to_string(r.error())};
    BytesView view = *out;
    const auto decoded = decode_item(view);
    if (!decoded) return "decode failed: " + std::string{rlp::to_string(decoded.error())};
    if (!view.empty()) return "decode left trailing bytes";
    if (*decoded != *expected) return "decoded as " + describe(*decoded);
    return "";
}

void run_file(const std::filesystem::path& relative)
{
    const json tests = infra::load_json(test::fixtures_dir() / "rlp" / relative);
    ASSERT_TRUE(tests.is_object());
    ASSERT_FALSE(tests.empty());
    for (const auto& [name, test] : tests.items()) {
        const std::string reason = run_case(name, test);
        EXPECT_EQ(reason, "") << relative.string() << " / " << name;
        ++(reason.empty() ? g_passed : g_failed);
    }
}

TEST(RlpFixtures, DecimalParser)
{
    EXPECT_EQ(decimal_to_big_endian("0"), Bytes{});
    EXPECT_EQ(decimal_to_big_endian("255"), Bytes{0xff});
    EXPECT_EQ(decimal_to_big_endian("256"), (Bytes{0x01, 0x00}));
    EXPECT_EQ(decimal_to_big_endian("18446744073709551616"), (Bytes{0x01, 0, 0, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(decimal_to_big_endian("12a"), std::nullopt);
}

TEST(RlpFixtures, rlptest)
{
    run_file("RLPTests/rlptest.json");
}

TEST(RlpFixtures, invalidRLPTest)
{
    run_file("RLPTests/invalidRLPTest.json");
}

TEST(RlpFixtures, RandomRLPTests_example)
{
    run_file("RLPTests/RandomRLPTests/example.json");
}

}  // namespace

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    const int status = RUN_ALL_TESTS();
    if (!GTEST_FLAG_GET(list_tests))
        std::cout << g_passed << " passed, " << g_failed << " failed" << std::endl;
    return status;
}
