// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <ultra/core/keccak.hpp>
#include <ultra/execution/receipt.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/storage/chain_store.hpp>
#include <unit/stateless/helpers.hpp>
#include <vector>

namespace ultra::storage::test {

using stateless::test::random_bytes;
using stateless::test::random_diff;
using stateless::test::random_fixed;
using stateless::test::random_state;

/// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir
{
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "ultra_storage_XXXXXX");
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error{"mkdtemp failed"};
        path_ = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    /// The directory.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/// A synthetic block (not executable: the storage layer does not execute), its receipts, the
/// diff it applies and the trie nodes that diff adds.
struct TestBlock
{
    Block block;
    std::vector<execution::TxReceipt> receipts;
    state::StateDiff diff;
    std::vector<Bytes> nodes;
};

/// A transaction that encodes and decodes (its signature does not recover: nothing checks it).
inline Transaction make_tx(std::mt19937_64& rng, uint64_t nonce)
{
    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = 1337;
    tx.nonce = nonce;
    tx.gas_limit = 21000 + rng() % 100000;
    tx.max_fee_per_gas = uint256{1 + rng() % 1000};
    tx.max_priority_fee_per_gas = uint256{1};
    tx.to = random_fixed<20>(rng);
    tx.value = uint256{rng() % 1000};
    tx.data = random_bytes(rng, rng() % 40);
    tx.y_parity = static_cast<uint8_t>(rng() % 2);
    tx.r = uint256{1 + rng()};
    tx.s = uint256{1 + rng()};
    return tx;
}

/// A receipt with 0..2 logs from a few fixed emitters (so that bloom filters find some).
inline execution::TxReceipt make_receipt(std::mt19937_64& rng, uint64_t cumulative)
{
    static const std::array<Address, 3> kEmitters = {Address{{0xe1}}, Address{{0xe2}},
                                                     Address{{0xe3}}};
    execution::TxReceipt r;
    r.type = TxType::kDynamicFee;
    r.success = rng() % 4 != 0;
    r.gas_used = 21000;
    r.cumulative_gas_used = cumulative;
    for (uint64_t i = rng() % 3; i > 0; --i) {
        execution::Log log;
        log.address = kEmitters[rng() % kEmitters.size()];
        for (uint64_t t = rng() % 3; t > 0; --t)
            log.topics.push_back(Bytes32{{uint8_t(rng() % 4)}});
        log.data = random_bytes(rng, rng() % 20);
        r.logs.push_back(std::move(log));
    }
    r.bloom = execution::logs_bloom(r.logs);
    return r;
}

/// The genesis block of `alloc`.
inline Block make_genesis(const state::InMemoryState& alloc)
{
    Block b;
    b.header.ommers_hash = kEmptyOmmersHash;
    b.header.state_root = alloc.state_root();
    b.header.transactions_root = trie::kEmptyRoot;
    b.header.receipts_root = trie::kEmptyRoot;
    b.header.gas_limit = 30'000'000;
    b.header.timestamp = 1'700'000'000;
    b.header.base_fee_per_gas = uint256{1'000'000'000};
    b.header.withdrawals_root = trie::kEmptyRoot;
    b.header.blob_gas_used = 0;
    b.header.excess_blob_gas = 0;
    b.header.parent_beacon_block_root = Hash256{};
    b.header.requests_hash = Hash256{};
    b.withdrawals.emplace();
    return b;
}

/// The block after `parent` applying `diff`, with `tx_count` synthetic transactions; its state
/// root and new nodes come from `store`'s TrieStateRoots over the parent's state.
inline TestBlock make_block(std::mt19937_64& rng,
                            const ChainStore& store,
                            const BlockHeader& parent,
                            state::StateDiff diff,
                            size_t tx_count)
{
    TestBlock t;
    t.block.header = parent;
    BlockHeader& h = t.block.header;
    h.parent_hash = header_hash(parent);
    h.number = parent.number + 1;
    h.timestamp = parent.timestamp + 12;
    h.gas_used = 0;
    Bloom bloom;
    for (size_t i = 0; i < tx_count; ++i) {
        t.block.transactions.push_back(make_tx(rng, h.number * 1000 + i));
        h.gas_used += 21000;
        t.receipts.push_back(make_receipt(rng, h.gas_used));
        for (size_t j = 0; j < bloom.size(); ++j) bloom[j] |= t.receipts.back().bloom[j];
    }
    h.logs_bloom = bloom;
    t.block.withdrawals.emplace();
    auto roots = store.state_roots(parent.state_root);
    const auto root = roots->state_root(diff);
    EXPECT_TRUE(root.has_value());
    h.state_root = root.value_or(Hash256{});
    t.nodes = roots->take_new_nodes();
    t.diff = std::move(diff);
    return t;
}

}  // namespace ultra::storage::test
