// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// InMemoryState: the StateView answers, account and storage RLP, and the state root checked
// against the genesis `stateRoot` of blockchain fixtures (which proves the account RLP, the
// storage values' RLP and the secure trie against other clients).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/trie/node.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::state;
namespace fs = std::filesystem;

Bytes32 b32(uint64_t v)
{
    return to_bytes32(uint256{v});
}

TEST(InMemoryState, ViewAnswers)
{
    InMemoryState st;
    InMemoryAccount a;
    a.nonce = 3;
    a.balance = 1000;
    a.code = "0x60ff"_hex;
    a.storage = {{b32(1), b32(2)}, {b32(3), Bytes32{}}};  // the zero slot is dropped
    const Address addr = "0x0000000000000000000000000000000000001234"_addr;
    st.set_account(addr, a);

    const auto info = st.account(addr);
    ASSERT_TRUE(info.has_value());
    ASSERT_TRUE(info->has_value());
    EXPECT_EQ((*info)->nonce, 3u);
    EXPECT_EQ((*info)->balance, uint256{1000});
    EXPECT_EQ((*info)->code_hash, keccak256("0x60ff"_hex));
    EXPECT_EQ(st.code((*info)->code_hash).value(), "0x60ff"_hex);
    EXPECT_EQ(st.storage(addr, b32(1)).value(), b32(2));
    EXPECT_EQ(st.storage(addr, b32(9)).value(), Bytes32{});
    EXPECT_EQ(st.find(addr)->storage.size(), 1u);
    EXPECT_TRUE(st.has_storage(addr).value());

    const Address absent = "0x0000000000000000000000000000000000000001"_addr;
    EXPECT_EQ(st.account(absent).value(), std::nullopt);
    EXPECT_EQ(st.storage(absent, b32(1)).value(), Bytes32{});
    EXPECT_FALSE(st.has_storage(absent).value());
    EXPECT_EQ(st.code(kEmptyHash).value(), Bytes{});
    EXPECT_EQ(st.code(keccak256("0x01"_hex)).error(), StateError::kMissingData);

    st.set_storage(addr, b32(1), Bytes32{});
    EXPECT_FALSE(st.has_storage(addr).value());
    EXPECT_TRUE(st.erase(addr));
    EXPECT_EQ(st.account(addr).value(), std::nullopt);
}

TEST(InMemoryState, EmptyStateRoot)
{
    EXPECT_EQ(InMemoryState{}.state_root(), trie::kEmptyRoot);
    EXPECT_EQ(trie::kEmptyRoot,
              "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"_b32);
}

TEST(AccountRlp, RoundTripAndStrictness)
{
    const AccountInfo info{7, uint256{0x0100}, keccak256("0x00"_hex)};
    const Hash256 root = keccak256("0x01"_hex);
    const Bytes enc = encode_account(info, root);
    // [0x07, 0x820100, 0xa0 root, 0xa0 code hash]: 1 + 3 + 33 + 33 = 70 bytes of payload.
    EXPECT_EQ(enc.substr(0, 6), "0xf84607820100"_hex);
    const auto dec = decode_account(enc);
    ASSERT_TRUE(dec.has_value());
    EXPECT_EQ(dec->info, info);
    EXPECT_EQ(dec->storage_root, root);
    EXPECT_FALSE(decode_account(enc + "0x00"_hex).has_value());
    Bytes leading_zero = enc;
    leading_zero[3] = 0x00;  // 0x820100 -> 0x820000: a leading zero in the balance
    EXPECT_FALSE(decode_account(leading_zero).has_value());

    EXPECT_EQ(encode_storage_value(b32(1)), "0x01"_hex);
    EXPECT_EQ(encode_storage_value(b32(0x80)), "0x8180"_hex);
    EXPECT_EQ(decode_storage_value("0x8180"_hex).value(), b32(0x80));
    EXPECT_FALSE(decode_storage_value("0x80"_hex).has_value());      // zero is never stored
    EXPECT_FALSE(decode_storage_value("0x820001"_hex).has_value());  // leading zero
}

// --- Genesis state roots of blockchain fixtures --------------------------------------------------

uint256 parse_number(const nlohmann::json& j)
{
    const auto v = parse_uint256(j.get<std::string>());
    EXPECT_TRUE(v.has_value()) << j;
    return v.value_or(uint256{});
}

InMemoryState state_from_alloc(const nlohmann::json& alloc)
{
    InMemoryState st;
    for (const auto& [addr_hex, acc] : alloc.items()) {
        const auto addr = fixed_from_hex<20>(addr_hex);
        EXPECT_TRUE(addr.has_value()) << addr_hex;
        InMemoryAccount a;
        a.nonce = static_cast<uint64_t>(parse_number(acc["nonce"]));
        a.balance = parse_number(acc["balance"]);
        a.code = from_hex(acc["code"].get<std::string>()).value_or(Bytes{});
        for (const auto& [key, value] : acc["storage"].items())
            a.storage[to_bytes32(parse_number(key))] = to_bytes32(parse_number(value));
        st.set_account(*addr, std::move(a));
    }
    return st;
}

/// A deterministic sample of the blockchain fixture files: every `stride`-th in path order.
std::vector<fs::path> sample_blockchain_files(size_t stride)
{
    const fs::path root = test::fixtures_dir() / "blockchain";
    std::vector<fs::path> files;
    if (!fs::is_directory(root)) return files;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && (name.ends_with(".json") || name.ends_with(".json.gz")) &&
            e.path().string().find("difficulty") == std::string::npos)
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<fs::path> sample;
    for (size_t i = 0; i < files.size(); i += stride) sample.push_back(files[i]);
    return sample;
}

TEST(InMemoryState, GenesisRootsOfBlockchainFixtures)
{
    // About 80 files (8 with ULTRA_TEST_SCALE=10), spread over every folder.
    const size_t stride = 5000 / test::scaled(100);
    const auto files = sample_blockchain_files(stride);
    ASSERT_FALSE(files.empty()) << "no blockchain fixtures under " << test::fixtures_dir();
    size_t checked = 0;
    size_t with_storage = 0;
    for (const auto& path : files) {
        const nlohmann::json tests = infra::load_json(path);
        for (const auto& [name, t] : tests.items()) {
            if (!t.contains("pre") || !t.contains("genesisBlockHeader")) continue;
            const InMemoryState st = state_from_alloc(t["pre"]);
            const auto expected =
                fixed_from_hex<32>(t["genesisBlockHeader"]["stateRoot"].get<std::string>());
            ASSERT_TRUE(expected.has_value());
            EXPECT_EQ(st.state_root(), *expected) << path.string() << " / " << name;
            ++checked;
            for (const auto& [addr, acc] : st.accounts())
                if (!acc.storage.empty()) {
                    ++with_storage;
                    break;
                }
        }
    }
    EXPECT_GT(checked, files.size());  // most files hold several tests
    EXPECT_GT(with_storage, 0u);       // the storage tries were exercised
    std::cout << "genesis roots checked: " << checked << " tests in " << files.size() << " files ("
              << with_storage << " with storage)\n";
}

}  // namespace
