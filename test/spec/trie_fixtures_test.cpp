// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0

// Runs every case of the official trie fixtures (fixtures/trie/TrieTests, see its README): one
// gtest per file, then prints "N passed, N failed" over all cases as the last line.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/proof.hpp>
#include <ultra/trie/root.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {

using namespace ultra;
using nlohmann::json;

size_t g_passed = 0;
size_t g_failed = 0;

std::filesystem::path trie_dir()
{
    return test::fixtures_dir() / "trie" / "TrieTests";
}

// README: a string starting with "0x" is hex bytes, any other string its raw ASCII bytes.
Bytes parse_bytes(const std::string& s)
{
    if (s.starts_with("0x")) {
        auto b = from_hex(s);
        if (!b) ADD_FAILURE() << "bad hex in fixture: " << s;
        return b.value_or(Bytes{});
    }
    return Bytes{to_bytes_view(s)};
}

Hash256 parse_root(const json& j)
{
    const auto r = fixed_from_hex<32>(j.get<std::string>());
    if (!r) ADD_FAILURE() << "bad root in fixture";
    return r.value_or(Hash256{});
}

// The trie key a fixture key maps to: itself, or keccak256 of it for the secure variants.
Bytes trie_key(BytesView key, bool secure)
{
    return secure ? Bytes{keccak256(key).view()} : Bytes{key};
}

// Checks a finished trie against the expected root and the final key/value set: the root, the
// one-shot builder over the same set, every value, and an inclusion proof for every key and an
// exclusion proof for every key no longer present. Returns whether all held (and reports).
bool check_final(trie::MerklePatriciaTrie& t,
                 const std::map<Bytes, Bytes>& expected_set,
                 const std::set<Bytes>& absent_keys,
                 const Hash256& expected_root,
                 const std::string& name)
{
    bool ok = true;
    const Hash256 got = t.root_hash();
    if (got != expected_root) {
        ADD_FAILURE() << name << ": root " << to_hex(got) << ", expected " << to_hex(expected_root);
        ok = false;
    }
    std::vector<trie::KeyValue> kv;
    for (const auto& [k, v] : expected_set) kv.push_back({k, v});
    if (trie::root(kv) != expected_root) {
        ADD_FAILURE() << name << ": one-shot root differs";
        ok = false;
    }
    if (t.size() != expected_set.size()) {
        ADD_FAILURE() << name << ": size " << t.size() << ", expected " << expected_set.size();
        ok = false;
    }
    for (const auto& [k, v] : expected_set) {
        const auto value = t.get(k);
        if (!value || *value != BytesView{v}) {
            ADD_FAILURE() << name << ": wrong value for key 0x" << to_hex(k);
            ok = false;
        }
        const auto proven = trie::verify_proof(expected_root, k, t.prove(k));
        if (!proven || !proven->has_value() || **proven != v) {
            ADD_FAILURE() << name << ": inclusion proof failed for key 0x" << to_hex(k);
            ok = false;
        }
    }
    for (const auto& k : absent_keys) {
        if (expected_set.contains(k)) continue;
        const auto proven = trie::verify_proof(expected_root, k, t.prove(k));
        if (!proven || proven->has_value()) {
            ADD_FAILURE() << name << ": exclusion proof failed for key 0x" << to_hex(k);
            ok = false;
        }
    }
    return ok;
}

void count(bool ok)
{
    ++(ok ? g_passed : g_failed);
}

// trietest*.json: "in" is an ordered list of [key, value]; null deletes. Apply in order.
void run_sequence_file(const std::string& file, bool secure)
{
    const json doc = infra::load_json(trie_dir() / file);
    ASSERT_FALSE(doc.empty());
    for (const auto& [name, tc] : doc.items()) {
        trie::MerklePatriciaTrie t;
        std::map<Bytes, Bytes> model;
        std::set<Bytes> seen;
        for (const auto& op : tc.at("in")) {
            const Bytes key = trie_key(parse_bytes(op.at(0).get<std::string>()), secure);
            seen.insert(key);
            if (op.at(1).is_null()) {
                t.erase(key);
                model.erase(key);
            } else {
                const Bytes value = parse_bytes(op.at(1).get<std::string>());
                t.put(key, value);
                if (value.empty())
                    model.erase(key);
                else
                    model[key] = value;
            }
        }
        count(check_final(t, model, seen, parse_root(tc.at("root")), file + "/" + name));
    }
}

// trieanyorder*.json and hex_encoded_securetrie_test.json: "in" is an object; the root must not
// depend on insertion order. Every permutation (up to 6 keys, else 200 seeded shuffles), and
// erasing then re-inserting each key must give the root back.
void run_anyorder_file(const std::string& file, bool secure)
{
    const json doc = infra::load_json(trie_dir() / file);
    ASSERT_FALSE(doc.empty());
    for (const auto& [name, tc] : doc.items()) {
        std::vector<std::pair<Bytes, Bytes>> pairs;
        std::map<Bytes, Bytes> model;
        std::set<Bytes> keys;
        for (const auto& [k, v] : tc.at("in").items()) {
            const Bytes key = trie_key(parse_bytes(k), secure);
            const Bytes value = parse_bytes(v.get<std::string>());
            pairs.emplace_back(key, value);
            model[key] = value;
            keys.insert(key);
        }
        const Hash256 expected = parse_root(tc.at("root"));
        const std::string id = file + "/" + name;
        bool ok = true;

        std::vector<size_t> order(pairs.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::mt19937_64 rng{42};
        const bool exhaustive = pairs.size() <= 6;
        for (size_t round = 0; ok; ++round) {
            if (exhaustive && round > 0 && !std::next_permutation(order.begin(), order.end()))
                break;
            if (!exhaustive) {
                if (round == 200) break;
                std::shuffle(order.begin(), order.end(), rng);
            }
            trie::MerklePatriciaTrie t;
            for (const size_t i : order) t.put(pairs[i].first, pairs[i].second);
            if (t.root_hash() != expected) {
                ADD_FAILURE() << id << ": root differs for insertion order #" << round;
                ok = false;
            }
        }

        trie::MerklePatriciaTrie t;
        for (const auto& [k, v] : pairs) t.put(k, v);
        for (const auto& [k, v] : pairs) {
            t.erase(k);
            t.put(k, v);
            if (t.root_hash() != expected) {
                ADD_FAILURE() << id << ": root differs after erasing and re-inserting 0x"
                              << to_hex(k);
                ok = false;
            }
        }
        ok = check_final(t, model, keys, expected, id) && ok;

        if (secure) {
            // The same through the SecureTrie helper and secure_root(), from the raw keys.
            trie::SecureTrie st;
            std::vector<Bytes> raw_keys;
            std::vector<Bytes> raw_values;
            for (const auto& [k, v] : tc.at("in").items()) {
                raw_keys.push_back(parse_bytes(k));
                raw_values.push_back(parse_bytes(v.get<std::string>()));
            }
            std::vector<trie::KeyValue> kv;
            for (size_t i = 0; i < raw_keys.size(); ++i) {
                st.put(raw_keys[i], raw_values[i]);
                kv.push_back({raw_keys[i], raw_values[i]});
            }
            if (st.root_hash() != expected || trie::secure_root(kv) != expected) {
                ADD_FAILURE() << id << ": SecureTrie / secure_root differ";
                ok = false;
            }
        }
        count(ok);
    }
}

TEST(TrieFixtures, trietest)
{
    run_sequence_file("trietest.json", false);
}

TEST(TrieFixtures, trietest_secureTrie)
{
    run_sequence_file("trietest_secureTrie.json", true);
}

TEST(TrieFixtures, trieanyorder)
{
    run_anyorder_file("trieanyorder.json", false);
}

TEST(TrieFixtures, trieanyorder_secureTrie)
{
    run_anyorder_file("trieanyorder_secureTrie.json", true);
}

TEST(TrieFixtures, hex_encoded_securetrie_test)
{
    run_anyorder_file("hex_encoded_securetrie_test.json", true);
}

// trietestnextprev.json: "in" = keys; each test is [key, prev, next] with "" for none.
TEST(TrieFixtures, trietestnextprev)
{
    const json doc = infra::load_json(trie_dir() / "trietestnextprev.json");
    ASSERT_FALSE(doc.empty());
    for (const auto& [name, tc] : doc.items()) {
        trie::MerklePatriciaTrie t;
        for (const auto& k : tc.at("in")) {
            const Bytes key = parse_bytes(k.get<std::string>());
            t.put(key, Bytes{to_bytes_view("value:")} + key);
        }
        bool ok = true;
        for (const auto& q : tc.at("tests")) {
            const Bytes key = parse_bytes(q.at(0).get<std::string>());
            const Bytes want_prev = parse_bytes(q.at(1).get<std::string>());
            const Bytes want_next = parse_bytes(q.at(2).get<std::string>());
            const auto prev = t.prev(key);
            const auto next = t.next(key);
            const Bytes got_prev = prev ? Bytes{prev->key} : Bytes{};
            const Bytes got_next = next ? Bytes{next->key} : Bytes{};
            if (got_prev != want_prev || got_next != want_next) {
                ADD_FAILURE() << name << ": key '" << q.at(0).get<std::string>() << "'";
                ok = false;
            }
        }
        count(ok);
    }
}

// Every fixture file is run by one of the tests above.
TEST(TrieFixtures, every_file_is_covered)
{
    const std::set<std::string> known{"trietest.json",
                                      "trietest_secureTrie.json",
                                      "trieanyorder.json",
                                      "trieanyorder_secureTrie.json",
                                      "hex_encoded_securetrie_test.json",
                                      "trietestnextprev.json"};
    const auto files = infra::list_json_files(trie_dir());
    EXPECT_EQ(files.size(), known.size());
    for (const auto& f : files)
        EXPECT_TRUE(known.contains(f.filename().string())) << "not run: " << f;
}

}  // namespace

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    const int rc = RUN_ALL_TESTS();
    std::printf("%zu passed, %zu failed\n", g_passed, g_failed);
    return rc;
}
