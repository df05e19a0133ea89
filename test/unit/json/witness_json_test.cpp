// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/json/witness_json.hpp>
#include <ultra/stateless/recording_state_view.hpp>
#include <ultra/stateless/witness.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace ultra::json {
namespace {

using namespace ultra::literals;
using stateless::ExecutionWitness;

ExecutionWitness sample_witness()
{
    ExecutionWitness w;
    w.state = {"0xc20102"_hex, "0xe2a0ab"_hex};
    w.codes = {"0x6000"_hex};
    w.keys = {"0x00000000000000000000000000000000000000aa"_hex};
    w.headers = {"0xf90001"_hex, "0xf90002"_hex};
    return w;
}

TEST(WitnessJson, ToJsonHasTheDebugExecutionWitnessShape)
{
    const nlohmann::json expected = nlohmann::json::parse(R"({
        "state": ["0xc20102", "0xe2a0ab"],
        "codes": ["0x6000"],
        "keys": ["0x00000000000000000000000000000000000000aa"],
        "headers": ["0xf90001", "0xf90002"]
    })");
    EXPECT_EQ(to_json(sample_witness()), expected);
    // Lower-case hex, nothing else in the object.
    EXPECT_EQ(to_json(ExecutionWitness{{"0xABCD"_hex}, {}, {}, {}}).dump(),
              R"({"codes":[],"headers":[],"keys":[],"state":["0xabcd"]})");
}

TEST(WitnessJson, FromJsonReadsAHandWrittenDocument)
{
    const auto w = witness_from_json_text(R"({
        "state": ["0xC20102", "0xe2a0AB"],
        "codes": ["0x6000"],
        "keys": ["0x00000000000000000000000000000000000000aa"],
        "headers": ["0xf90001", "0XF90002"]
    })");
    ASSERT_TRUE(w) << w.error().to_string();
    EXPECT_EQ(*w, sample_witness());
}

TEST(WitnessJson, KeysAreOptional)
{
    const auto w = witness_from_json_text(R"({"state": [], "codes": [], "headers": ["0x01"]})");
    ASSERT_TRUE(w) << w.error().to_string();
    EXPECT_TRUE(w->state.empty());
    EXPECT_TRUE(w->codes.empty());
    EXPECT_TRUE(w->keys.empty());
    ASSERT_EQ(w->headers.size(), 1u);
    EXPECT_EQ(w->headers[0], "0x01"_hex);
}

TEST(WitnessJson, RandomWitnessesRoundTrip)
{
    std::mt19937_64 rng{7};
    auto entries = [&](size_t max_count, size_t max_size, bool allow_empty) {
        std::vector<Bytes> out(rng() % (max_count + 1));
        for (auto& e : out) {
            e.resize((allow_empty ? 0 : 1) + rng() % max_size);
            for (auto& b : e) b = static_cast<uint8_t>(rng());
        }
        return out;
    };
    for (uint64_t i = 0; i < test::scaled(300); ++i) {
        ExecutionWitness w;
        w.state = entries(20, 600, false);
        w.codes = entries(5, 2000, false);
        w.keys = entries(10, 32, true);
        w.headers = entries(4, 700, false);
        const auto back = witness_from_json(to_json(w));
        ASSERT_TRUE(back) << back.error().to_string();
        EXPECT_EQ(*back, w);
        const auto text = witness_from_json_text(to_json(w).dump());
        ASSERT_TRUE(text) << text.error().to_string();
        EXPECT_EQ(*text, w);
        // Whatever the JSON accepts, the RLP codec accepts and keeps (but for the keys).
        const auto decoded = stateless::decode_witness(stateless::encode_witness(*back));
        ASSERT_TRUE(decoded);
        EXPECT_EQ(decoded->state, w.state);
        EXPECT_EQ(decoded->codes, w.codes);
        EXPECT_EQ(decoded->headers, w.headers);
    }
}

TEST(WitnessJson, RecordedWitnessRoundTrips)
{
    // A witness made by the recorder (real trie nodes and codes), through JSON and back.
    state::InMemoryState s;
    const Address a = "0x00000000000000000000000000000000000000aa"_addr;
    const Address b = "0x00000000000000000000000000000000000000bb"_addr;
    state::InMemoryAccount acc;
    acc.balance = uint256{1000};
    acc.code = "0x600160005500"_hex;
    const Bytes32 slot = "0x0000000000000000000000000000000000000000000000000000000000000001"_b32;
    acc.storage[slot] = "0x0000000000000000000000000000000000000000000000000000000000000007"_b32;
    s.set_account(a, acc);
    s.set_account(b, state::InMemoryAccount{});
    const stateless::RecordingStateView view{s};
    const auto info = view.account(a);
    ASSERT_TRUE(info && info->has_value());
    ASSERT_TRUE(view.code((*info)->code_hash));
    ASSERT_TRUE(view.storage(a, slot));
    ASSERT_TRUE(view.account(b));
    const auto w = view.make_witness(state::StateDiff{});
    ASSERT_TRUE(w);
    ASSERT_FALSE(w->state.empty());
    ASSERT_EQ(w->codes.size(), 1u);
    EXPECT_EQ(w->codes[0], acc.code);
    const auto back = witness_from_json_text(to_json(*w).dump(2));
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(*back, *w);
}

struct BadCase
{
    const char* json;
    const char* error;
};

TEST(WitnessJson, BadInputsSayWhereAndWhat)
{
    const std::string big_node = "\"0x" + std::string(2 * 1025, 'a') + "\"";
    const std::string ok_node = "\"0x" + std::string(2 * 1024, 'a') + "\"";
    std::string too_many_headers = R"({"state":[],"codes":[],"headers":[)";
    for (int i = 0; i < 257; ++i) too_many_headers += std::string{i == 0 ? "" : ","} + "\"0x01\"";
    too_many_headers += "]}";
    const std::string big = R"({"state":[)" + big_node + R"(],"codes":[],"headers":[]})";
    const std::string edge = R"({"state":[)" + ok_node + R"(],"codes":[],"headers":[]})";

    const std::vector<BadCase> cases{
        {"[]", "expected a JSON object, got array"},
        {"42", "expected a JSON object, got number"},
        {R"({"codes":[],"headers":[]})", "state: missing field"},
        {R"({"state":[],"headers":[]})", "codes: missing field"},
        {R"({"state":[],"codes":[]})", "headers: missing field"},
        {R"({"state":[],"codes":[],"headers":[],"code":[]})",
         "code: unknown field (expected \"state\", \"codes\", \"keys\" and \"headers\")"},
        {R"({"state":{},"codes":[],"headers":[]})", "state: expected an array, got object"},
        {R"({"state":[],"codes":"0x00","headers":[]})", "codes: expected an array, got string"},
        {R"({"state":[],"codes":[],"keys":null,"headers":[]})",
         "keys: expected an array, got null"},
        {R"({"state":["0x01", 5],"codes":[],"headers":[]})",
         "state[1]: expected a hex string, got number"},
        {R"({"state":["c20102"],"codes":[],"headers":[]})",
         "state[0]: not a 0x-prefixed hex string"},
        {R"({"state":[],"codes":["0x600"],"headers":[]})", "codes[0]: odd number of hex digits"},
        {R"({"state":[],"codes":[],"headers":["0x01","0x0g"]})",
         "headers[1]: invalid hex digit 'g' at position 3"},
        {R"({"state":["0x"],"codes":[],"headers":[]})", "state[0]: empty entry"},
        {R"({"state":[],"codes":["0x01","0x"],"headers":[]})", "codes[1]: empty entry"},
        {R"({"state":[],"codes":[],"keys":["0x","zz"],"headers":[]})",
         "keys[1]: not a 0x-prefixed hex string"},
        {big.c_str(), "state[0]: 1025 bytes, at most 1024"},
        {too_many_headers.c_str(), "headers: 257 entries, at most 256"},
    };
    for (const auto& c : cases) {
        const auto r = witness_from_json_text(c.json);
        ASSERT_FALSE(r) << c.json;
        EXPECT_EQ(r.error().to_string(), c.error) << c.json;
    }
    // The limit itself is fine, and an empty key is accepted (keys are informational).
    EXPECT_TRUE(witness_from_json_text(edge));
    EXPECT_TRUE(witness_from_json_text(R"({"state":[],"codes":[],"keys":["0x"],"headers":[]})"));
}

TEST(WitnessJson, ErrorsCarryFieldAndIndex)
{
    const auto r = witness_from_json_text(R"({"state":["0x01","0x02","0xz1"],"codes":[],
                                              "headers":[]})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "state");
    ASSERT_TRUE(r.error().index.has_value());
    EXPECT_EQ(*r.error().index, 2u);
    EXPECT_EQ(r.error().what, "invalid hex digit 'z' at position 2");
}

TEST(WitnessJson, MalformedJsonTextIsAnError)
{
    for (const char* text : {"", "{", R"({"state": [)", "{\"state\": [\"0x01\",]}", "nul"}) {
        const auto r = witness_from_json_text(text);
        ASSERT_FALSE(r) << text;
        EXPECT_TRUE(r.error().field.empty());
        EXPECT_EQ(r.error().what.rfind("malformed JSON at byte ", 0), 0u) << r.error().what;
    }
}

}  // namespace
}  // namespace ultra::json
