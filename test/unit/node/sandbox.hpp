// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// A small dev chain in memory for the node's tests: a devnet genesis with funded test keys, the
// head state (InMemoryState), BLOCKHASH over the blocks built, and mining from a Mempool with
// build_block(), each block checked by importing it with state_transition() on the same parent.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/node/chain_spec.hpp>
#include <ultra/node/mempool.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <vector>

#include "unit/execution/test_signer.hpp"

namespace ultra::test {

inline const uint256 kEther = uint256{1'000'000'000'000'000'000};

/// BLOCKHASH over the sandbox's blocks.
class SandboxHashes final : public state::BlockHashes
{
public:
    Result<Hash256, state::StateError> block_hash(uint64_t number) const override
    {
        const auto it = hashes_.find(number);
        if (it == hashes_.end()) return unexpected(state::StateError::kMissingData);
        return it->second;
    }
    void add(const BlockHeader& h) { hashes_[h.number] = header_hash(h); }

private:
    std::map<uint64_t, Hash256> hashes_;
};

/// The chain: `spec`'s genesis (by default the devnet preset with keys 0..3 funded with 100
/// ether each), then the blocks mined.
struct Sandbox
{
    /// The devnet preset with keys 0..3 funded with 100 ether each.
    Sandbox() : Sandbox(default_spec()) {}

    /// The chain of `chain_spec`.
    explicit Sandbox(node::ChainSpec chain_spec) : spec{std::move(chain_spec)}
    {
        for (uint8_t i = 0; i < 4; ++i) keys.push_back(make_test_key(i));
        node::Genesis genesis = node::make_genesis(spec);
        state = std::move(genesis.state);
        head = genesis.block.header;
        hashes.add(head);
    }

    /// The devnet preset with the four test keys funded.
    static node::ChainSpec default_spec()
    {
        std::vector<Address> funded;
        for (uint8_t i = 0; i < 4; ++i) funded.push_back(make_test_key(i).address);
        return node::devnet_chain_spec(funded, kEther * 100);
    }

    /// The revision of the next block.
    [[nodiscard]] Revision next_rev() const
    {
        return spec.config.revision_at(head.number + 1, head.timestamp + 12);
    }

    /// The next block's base fee (EIP-1559).
    [[nodiscard]] uint256 next_base_fee() const
    {
        if (!head.base_fee_per_gas) return 0;
        return execution::calculate_base_fee(head.gas_limit, head.gas_used, *head.base_fee_per_gas);
    }

    /// What the pool checks against.
    [[nodiscard]] node::PoolHead pool_head() const
    {
        return {state, next_rev(), next_base_fee(), head.gas_limit};
    }

    /// Builds the next block from `source`, imports it with state_transition() (expecting the
    /// same roots) and makes it the head.
    execution::BuiltBlock mine(execution::TransactionSource& source)
    {
        execution::PayloadAttributes attrs;
        attrs.timestamp = head.timestamp + 12;
        attrs.fee_recipient = coinbase;
        attrs.gas_limit = head.gas_limit;
        execution::InMemoryStateRoots roots{state};
        const execution::ChainContext chain{spec.config, head,  std::nullopt, {},
                                            state,       roots, hashes,       precompiles};
        auto built = execution::build_block(chain, attrs, source);
        EXPECT_TRUE(built) << built.error().to_string();
        if (!built) return {};
        execution::InMemoryStateRoots import_roots{state};
        const execution::ChainContext import{spec.config, head,         std::nullopt, {},
                                             state,       import_roots, hashes,       precompiles};
        const auto imported = execution::state_transition(import, built->block);
        EXPECT_TRUE(imported) << imported.error().to_string();
        if (!imported) return {};
        EXPECT_EQ(imported->state_root, built->block.header.state_root);
        state = import_roots.take_post_state().value();
        head = built->block.header;
        hashes.add(head);
        return std::move(*built);
    }

    /// Mines the pool's pending transactions and moves the pool to the new head.
    execution::BuiltBlock mine(node::Mempool& pool)
    {
        auto pending = pool.pending(next_base_fee());
        execution::BuiltBlock built = mine(pending);
        std::vector<Hash256> included;
        for (const auto& tx : built.block.transactions) included.push_back(transaction_hash(tx));
        last_update = pool.on_new_head(pool_head(), included);
        return built;
    }

    /// A signed EIP-1559 transfer from key `from` (max fee `max_fee`, tip `tip`).
    [[nodiscard]] Transaction transfer(size_t from,
                                       uint64_t nonce,
                                       const uint256& max_fee = 10'000'000'000,
                                       const uint256& tip = 1'000'000'000,
                                       const Address& to = Address{}) const
    {
        Transaction tx;
        tx.type = TxType::kDynamicFee;
        tx.chain_id = spec.config.chain_id;
        tx.nonce = nonce;
        tx.to = to;
        tx.value = 1;
        tx.gas_limit = 21'000;
        tx.max_fee_per_gas = max_fee;
        tx.max_priority_fee_per_gas = tip;
        return signed_tx(tx, keys.at(from));
    }

    node::ChainSpec spec;
    std::vector<TestKey> keys;
    state::InMemoryState state;
    BlockHeader head;
    SandboxHashes hashes;
    execution::StandardPrecompiles precompiles;
    Address coinbase = [] {
        Address a;  // 0x0000000000000000000000000000000000c0ffee
        a.bytes[17] = 0xc0;
        a.bytes[18] = 0xff;
        a.bytes[19] = 0xee;
        return a;
    }();
    node::Mempool::HeadUpdate last_update;
};

}  // namespace ultra::test
