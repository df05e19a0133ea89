// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// node::make_l2_genesis(): the L2Bridge predeploy (the compiled runtime code, 2^100 wei, nonce
// 1), the system contracts of the fork, the extra alloc, the header of the L2's fork, and the
// rejected configurations; the L2 genesis is a valid parent for EXECUTE (an empty L2 block on
// it verifies).

#include <gtest/gtest.h>

#include <ultra/contracts/l2_bridge.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/trace.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/node/l2_genesis.hpp>
#include <ultra/trie/node.hpp>

#include "harness.hpp"

namespace ultra::test::rollup {
namespace {

using namespace ultra::literals;

TEST(L2Genesis, HoldsTheBridgePredeployAndTheSystemContracts)
{
    node::L2GenesisConfig cfg;
    cfg.chain_id = 4242;
    cfg.gas_limit = 20'000'000;
    cfg.timestamp = 77;
    const Address extra = "0x00000000000000000000000000000000000e0e0e"_addr;
    cfg.alloc[extra].balance = 5;
    const node::Genesis g = node::make_l2_genesis(cfg).value();

    // The predeploy: at 0x…b71d6e, the compiled runtime code, 2^100 wei, nonce 1, no storage.
    EXPECT_EQ(to_hex(node::kL2BridgeAddress.view()), "0000000000000000000000000000000000b71d6e");
    const auto* bridge = g.state.find(node::kL2BridgeAddress);
    ASSERT_NE(bridge, nullptr);
    EXPECT_EQ(bridge->code, (Bytes{contracts::l2_bridge::kDeployedBytecode.data(),
                                   contracts::l2_bridge::kDeployedBytecode.size()}));
    EXPECT_FALSE(bridge->code.empty());
    EXPECT_EQ(bridge->balance, uint256{1} << 100);
    EXPECT_EQ(bridge->nonce, 1u);
    EXPECT_TRUE(bridge->storage.empty());

    // Osaka's system contracts (EIP-4788, EIP-2935, EIP-7002, EIP-7251) with their code.
    size_t system_contracts = 0;
    for (const auto& sc : execution::kSystemContracts) {
        const auto* account = g.state.find(sc.address);
        ASSERT_NE(account, nullptr);
        EXPECT_EQ(account->code, Bytes{sc.code});
        ++system_contracts;
    }
    EXPECT_EQ(system_contracts, 4u);
    const auto* beacon_roots = g.state.find("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02"_addr);
    EXPECT_NE(beacon_roots, nullptr);

    ASSERT_NE(g.state.find(extra), nullptr);
    EXPECT_EQ(g.state.find(extra)->balance, uint256{5});
    EXPECT_EQ(g.state.accounts().size(), 6u);  // bridge, 4 system contracts, the extra account

    // The header: number 0, the state's root, Osaka's optional fields, hash = keccak(RLP).
    const BlockHeader& h = g.block.header;
    EXPECT_EQ(h.number, 0u);
    EXPECT_EQ(h.gas_limit, 20'000'000u);
    EXPECT_EQ(h.timestamp, 77u);
    EXPECT_EQ(h.base_fee_per_gas, std::optional<uint256>{1'000'000'000});
    EXPECT_EQ(h.state_root, g.state.state_root());
    EXPECT_EQ(h.parent_beacon_block_root, std::optional<Hash256>{Hash256{}});
    EXPECT_TRUE(h.requests_hash.has_value());
    EXPECT_EQ(g.hash, keccak256(encode_block_header(h)));
}

TEST(L2Genesis, ChainSpecActivatesEveryForkUpToTheL2Revision)
{
    node::L2GenesisConfig cfg;
    cfg.chain_id = 7;
    cfg.rev = Revision::kPrague;
    const node::ChainSpec spec = node::l2_chain_spec(cfg).value();
    EXPECT_EQ(spec.config.chain_id, 7u);
    EXPECT_EQ(spec.config.revision_at(0, 0), Revision::kPrague);
    EXPECT_EQ(spec.config.revision_at(1'000'000, 4'000'000'000), Revision::kPrague);
    EXPECT_FALSE(spec.config.execute.has_value());
    ASSERT_TRUE(spec.alloc.contains(node::kL2BridgeAddress));
    const node::Genesis g = node::make_genesis(spec);
    // Prague's header has the requests hash, no Osaka-only change to the format.
    EXPECT_TRUE(g.block.header.requests_hash.has_value());
    EXPECT_EQ(g.block.header.state_root, g.state.state_root());
}

TEST(L2Genesis, RejectsBadConfigurations)
{
    node::L2GenesisConfig cfg;
    cfg.chain_id = 0;
    EXPECT_EQ(node::make_l2_genesis(cfg).error(), node::L2GenesisError::kZeroChainId);
    cfg.chain_id = 1;
    cfg.gas_limit = 4'999;
    EXPECT_EQ(node::make_l2_genesis(cfg).error(), node::L2GenesisError::kGasLimitOutOfRange);
    cfg.gas_limit = 30'000'000;
    cfg.rev = Revision::kShanghai;
    EXPECT_EQ(node::make_l2_genesis(cfg).error(), node::L2GenesisError::kRevisionTooOld);
    cfg.rev = Revision::kOsaka;
    cfg.alloc[node::kL2BridgeAddress].balance = 1;
    EXPECT_EQ(node::make_l2_genesis(cfg).error(), node::L2GenesisError::kBridgeInAlloc);
    EXPECT_EQ(node::to_string(node::L2GenesisError::kZeroChainId), "chain id must not be 0");
}

TEST(L2Genesis, IsAValidParentForExecute)
{
    // An empty L2 block on the genesis verifies under Osaka with the chain id of the genesis.
    L1Chain l1;
    L2Chain l2{l1.config, L2Chain::default_genesis_config()};
    const L2Block b = l2.build({}, Address{}, Hash256{}, 12);
    ASSERT_EQ(b.block.header.number, 1u);
    const execution::StandardPrecompiles l2_precompiles;
    const execute::VerifyContext ctx{l1.config, Revision::kOsaka, l2_precompiles};
    // The trace as NativeRollup builds it: [header, [], witness].
    Bytes trace;
    Bytes payload = b.header;
    payload.push_back(0xc0);
    payload += b.witness;
    ASSERT_GE(payload.size(), 56u);
    Bytes len;
    for (size_t n = payload.size(); n != 0; n >>= 8)
        len.insert(len.begin(), static_cast<uint8_t>(n));
    trace.push_back(static_cast<uint8_t>(0xf7 + len.size()));
    trace += len;
    trace += payload;
    const auto out = execute::verify(
        execute::ExecuteInput{kL2ChainId, l2.genesis.block.header.state_root,
                              b.block.header.state_root, b.block.header.gas_used, trace},
        ctx);
    ASSERT_TRUE(out) << execute::to_string(out.error());
    EXPECT_TRUE(out->valid);
    EXPECT_EQ(out->number, 1u);
    EXPECT_EQ(out->parent_hash, l2.genesis.hash);
    EXPECT_EQ(out->block_hash, keccak256(b.header));

    // The L2's own chain spec builds the very same block: its config agrees with the one
    // EXECUTE validates with (execute::l2_chain_config()).
    L2Chain by_spec{l1.config, L2Chain::default_genesis_config()};
    by_spec.config = node::l2_chain_spec(L2Chain::default_genesis_config()).value().config;
    const L2Block same = by_spec.build({}, Address{}, Hash256{}, 12);
    EXPECT_EQ(same.block.header, b.block.header);
}

}  // namespace
}  // namespace ultra::test::rollup
