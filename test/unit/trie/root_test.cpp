// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <map>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/root.hpp>
#include <utils/fixtures.hpp>
#include <vector>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;
using nlohmann::json;

Bytes rlp_index(size_t i)
{
    Bytes k;
    rlp::encode(k, static_cast<uint64_t>(i));
    return k;
}

TEST(Root, EmptyInputs)
{
    std::vector<KeyValue> none;
    EXPECT_EQ(root(none), kEmptyRoot);
    EXPECT_EQ(secure_root(none), kEmptyRoot);
    EXPECT_EQ(ordered_trie_root(std::span<const Bytes>{}), kEmptyRoot);
    // Entries with empty values are absent.
    std::vector<KeyValue> empties{{to_bytes_view("a"), {}}, {to_bytes_view("b"), {}}};
    EXPECT_EQ(root(empties), kEmptyRoot);
}

TEST(Root, HandBuiltSingleLeaf)
{
    const Bytes key = "0x0102"_hex;
    const Bytes value = "0x03"_hex;
    std::vector<KeyValue> kv{{key, value}};
    EXPECT_EQ(root(kv), test::oracle_keccak256("0xc58320010203"_hex));
}

// The one-shot builder agrees with the incremental trie on random sets, with short, prefix and
// long keys and values on both sides of the 32-byte embedding threshold.
TEST(Root, BuilderMatchesIncrementalTrie)
{
    const std::vector<uint8_t> alphabet = {0x00, 0x01, 0x10, 0xab, 0xff};
    for (uint64_t seed = 0; seed < ultra::test::scaled(300); ++seed) {
        std::mt19937_64 rng{seed};
        std::map<Bytes, Bytes> model;
        const size_t n = rng() % 200;
        for (size_t i = 0; i < n; ++i) {
            Bytes key;
            switch (seed % 3) {
                case 0: key = test::random_bytes(rng, 32); break;
                case 1: key = test::random_bytes(rng, rng() % 12); break;
                default:
                    key.resize(rng() % 6);
                    for (auto& b : key) b = alphabet[rng() % alphabet.size()];
                    break;
            }
            model[key] = test::random_bytes(rng, 1 + rng() % 45);
        }
        MerklePatriciaTrie t;
        std::vector<KeyValue> kv;
        for (const auto& [k, v] : model) {
            t.put(k, v);
            kv.push_back({k, v});
        }
        ASSERT_EQ(root_sorted(kv), t.root_hash()) << "seed " << seed;
        std::shuffle(kv.begin(), kv.end(), rng);
        ASSERT_EQ(root(kv), t.root_hash()) << "seed " << seed;
    }
}

TEST(Root, SecureRootMatchesSecureTrie)
{
    std::mt19937_64 rng{9};
    SecureTrie s;
    std::vector<Bytes> keys;
    std::vector<Bytes> values;
    for (int i = 0; i < 500; ++i) {
        keys.push_back(test::random_bytes(rng, 20));
        values.push_back(test::random_bytes(rng, 1 + rng() % 70));
        s.put(keys.back(), values.back());
    }
    std::vector<KeyValue> kv;
    for (size_t i = 0; i < keys.size(); ++i) kv.push_back({keys[i], values[i]});
    EXPECT_EQ(secure_root(kv), s.root_hash());
}

// ordered_trie_root emits RLP(i) keys in byte order without sorting; check it around the
// 1-byte (127/128) and 2-byte (255/256) boundaries against the trie with explicit keys.
TEST(Root, OrderedRootMatchesTrie)
{
    std::mt19937_64 rng{1};
    for (const size_t n : {0, 1, 2, 3, 127, 128, 129, 255, 256, 257, 300, 1000}) {
        std::vector<Bytes> values;
        MerklePatriciaTrie t;
        for (size_t i = 0; i < n; ++i) {
            values.push_back(test::random_bytes(rng, 1 + rng() % 60));
            t.put(rlp_index(i), values.back());
        }
        EXPECT_EQ(ordered_trie_root(values), t.root_hash()) << n;
        const std::vector<BytesView> views(values.begin(), values.end());
        EXPECT_EQ(ordered_trie_root(views), t.root_hash()) << n;
    }
}

// --- Known roots from the blockchain fixtures ---------------------------------------------

json load(const std::string& relative)
{
    return infra::load_json(ultra::test::fixtures_dir() / "blockchain" / relative);
}

Hash256 hash_of(const json& j)
{
    return fixed_from_hex<32>(j.get<std::string>()).value();
}

// The values of the transactions and withdrawals tries of an RLP block
// [header, transactions, ommers, withdrawals?, ...]: a legacy transaction is its RLP list, a
// typed one (EIP-2718) the bytes of its envelope; a withdrawal is its RLP list.
struct BlockLists
{
    std::vector<Bytes> txs;
    std::vector<Bytes> withdrawals;
    bool has_withdrawals = false;
};

BlockLists split_block(BytesView block_rlp)
{
    BlockLists out;
    BytesView in = block_rlp;
    BytesView block = rlp::decode_list(in).value();
    (void)rlp::decode_raw(block).value();  // header
    BytesView txs = rlp::decode_list(block).value();
    while (!txs.empty()) {
        const BytesView item = rlp::decode_raw(txs).value();
        if (item[0] >= 0xc0) {
            out.txs.emplace_back(item);
        } else {
            BytesView s = item;
            out.txs.emplace_back(rlp::decode_string(s).value());
        }
    }
    (void)rlp::decode_raw(block).value();  // ommers
    if (!block.empty()) {
        out.has_withdrawals = true;
        BytesView ws = rlp::decode_list(block).value();
        while (!ws.empty()) out.withdrawals.emplace_back(rlp::decode_raw(ws).value());
    }
    return out;
}

TEST(Root, TransactionsAndWithdrawalsRootsFromBlockchainFixtures)
{
    const std::vector<std::string> files = {
        // 7 legacy transactions in a block
        "legacy_constantinople/BlockchainTests/ValidBlocks/bcBlockGasLimitTest/"
        "GasUsedHigherThanBlockGasLimitButNotWithRefundsSuicideFirst.json.gz",
        // 61 typed (EIP-1559) transactions in a block
        "legacy_cancun/BlockchainTests/ValidBlocks/bcEIP1559/intrinsicTip.json.gz",
        // 400 withdrawals in a block (RLP(i) keys up to 0x82018f)
        "eest/blockchain_tests/shanghai/eip4895_withdrawals/test_many_withdrawals.json.gz",
    };
    size_t blocks = 0;
    size_t max_txs = 0;
    size_t max_withdrawals = 0;
    for (const auto& file : files) {
        const json doc = load(file);
        for (const auto& [name, tc] : doc.items()) {
            for (const auto& b : tc.at("blocks")) {
                if (!b.contains("blockHeader")) continue;  // an invalid block
                const Bytes rlp = from_hex(b.at("rlp").get<std::string>()).value();
                const BlockLists lists = split_block(rlp);
                const json& header = b.at("blockHeader");
                EXPECT_EQ(ordered_trie_root(lists.txs), hash_of(header.at("transactionsTrie")))
                    << file << " " << name;
                if (header.contains("withdrawalsRoot")) {
                    ASSERT_TRUE(lists.has_withdrawals);
                    EXPECT_EQ(ordered_trie_root(lists.withdrawals),
                              hash_of(header.at("withdrawalsRoot")))
                        << file << " " << name;
                }
                max_txs = std::max(max_txs, lists.txs.size());
                max_withdrawals = std::max(max_withdrawals, lists.withdrawals.size());
                ++blocks;
            }
        }
    }
    EXPECT_GT(blocks, 10u);
    EXPECT_EQ(max_txs, 61u);
    EXPECT_EQ(max_withdrawals, 400u);
}

// A JSON quantity ("0x0", "0x1f", ...) as minimal big-endian bytes.
Bytes quantity(const json& j)
{
    std::string digits = j.get<std::string>().substr(2);
    if (digits.size() % 2 != 0) digits = "0" + digits;
    Bytes b = from_hex(digits).value();
    size_t zeros = 0;
    while (zeros < b.size() && b[zeros] == 0) ++zeros;
    return b.substr(zeros);
}

// The state root of a fixture allocation {address: {nonce, balance, code, storage}}: the secure
// trie of RLP([nonce, balance, storage_root, code_hash]), each storage root the secure trie of
// RLP(value) keyed by the 32-byte slot (Yellow Paper 4.1).
Hash256 state_root(const json& alloc)
{
    std::vector<Bytes> keys;
    std::vector<Bytes> accounts;
    for (const auto& [addr, acc] : alloc.items()) {
        std::vector<Bytes> slots;
        std::vector<Bytes> slot_values;
        for (const auto& [slot, value] : acc.at("storage").items()) {
            const Bytes v = quantity(value);
            if (v.empty()) continue;
            Bytes key(32, 0);
            const Bytes s = quantity(json(slot));
            std::copy(s.begin(), s.end(), key.end() - static_cast<long>(s.size()));
            slots.push_back(key);
            Bytes encoded;
            rlp::encode(encoded, v);
            slot_values.push_back(encoded);
        }
        std::vector<KeyValue> storage;
        for (size_t i = 0; i < slots.size(); ++i) storage.push_back({slots[i], slot_values[i]});
        const Hash256 storage_root = secure_root(storage);
        const Bytes code = from_hex(acc.at("code").get<std::string>()).value();
        Bytes payload;
        rlp::encode(payload, quantity(acc.at("nonce")));
        rlp::encode(payload, quantity(acc.at("balance")));
        rlp::encode(payload, storage_root);
        rlp::encode(payload, test::oracle_keccak256(code));
        keys.push_back(from_hex(addr).value());
        accounts.push_back(rlp::wrap_list(payload));
    }
    std::vector<KeyValue> kv;
    for (size_t i = 0; i < keys.size(); ++i) kv.push_back({keys[i], accounts[i]});
    return secure_root(kv);
}

TEST(Root, StateRootsFromBlockchainFixtures)
{
    const std::vector<std::string> files = {
        "legacy_cancun/BlockchainTests/ValidBlocks/bcStateTests/selfdestructBalance.json.gz",
        "legacy_cancun/BlockchainTests/ValidBlocks/bcEIP1153-transientStorage/"
        "transStorageBlockchain.json.gz",
        "legacy_cancun/BlockchainTests/ValidBlocks/bcValidBlockTest/emptyPostTransfer.json.gz",
        "eest/blockchain_tests/shanghai/eip4895_withdrawals/test_many_withdrawals.json.gz",
    };
    size_t checked = 0;
    for (const auto& file : files) {
        const json doc = load(file);
        for (const auto& [name, tc] : doc.items()) {
            EXPECT_EQ(state_root(tc.at("pre")),
                      hash_of(tc.at("genesisBlockHeader").at("stateRoot")))
                << file << " " << name << " (pre)";
            ++checked;
            if (!tc.contains("postState")) continue;
            const Hash256 head = hash_of(tc.at("lastblockhash"));
            for (const auto& b : tc.at("blocks")) {
                if (!b.contains("blockHeader")) continue;
                if (hash_of(b.at("blockHeader").at("hash")) != head) continue;
                EXPECT_EQ(state_root(tc.at("postState")),
                          hash_of(b.at("blockHeader").at("stateRoot")))
                    << file << " " << name << " (post)";
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 10u);
}

}  // namespace
}  // namespace ultra::trie
