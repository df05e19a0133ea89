// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "l2_genesis.hpp"

#include <ultra/contracts/l2_bridge.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/execution/requests.hpp>

namespace ultra::node {

std::string_view to_string(L2GenesisError e) noexcept
{
    switch (e) {
        case L2GenesisError::kZeroChainId: return "chain id must not be 0";
        case L2GenesisError::kGasLimitOutOfRange:
            return "gas limit must be between 5000 and 2^63 - 1";
        case L2GenesisError::kRevisionTooOld:
            return "the L2 must start at Cancun or later (the deposit anchor is EIP-4788's root)";
        case L2GenesisError::kBridgeInAlloc:
            return "the alloc must not define the L2 bridge predeploy's address";
    }
    return "unknown L2 genesis error";
}

Result<ChainSpec, L2GenesisError> l2_chain_spec(const L2GenesisConfig& config)
{
    if (config.chain_id == 0) return unexpected(L2GenesisError::kZeroChainId);
    if (config.gas_limit < execution::kMinGasLimit || config.gas_limit > execution::kMaxGasLimit)
        return unexpected(L2GenesisError::kGasLimitOutOfRange);
    // EIP-4788: the anchor (the deposit root) reaches the L2 as the parent beacon block root.
    if (config.rev < Revision::kCancun) return unexpected(L2GenesisError::kRevisionTooOld);
    if (config.alloc.contains(kL2BridgeAddress)) return unexpected(L2GenesisError::kBridgeInAlloc);

    ChainSpec spec;
    spec.config.chain_id = config.chain_id;
    for (size_t i = 0; i < kNumRevisions; ++i) {
        spec.config.forks[i] = static_cast<Revision>(i) <= config.rev ? ForkCondition::at_block(0)
                                                                      : ForkCondition::never();
    }
    spec.config.execute.reset();
    spec.genesis.gas_limit = config.gas_limit;
    spec.genesis.base_fee_per_gas = config.base_fee_per_gas;
    spec.genesis.timestamp = config.timestamp;
    spec.deposit_contract = execution::kMainnetDepositContractAddress;
    spec.alloc = config.alloc;

    GenesisAccount bridge;
    bridge.nonce = 1;  // EIP-161 never deletes it, whatever its balance becomes
    bridge.balance = config.bridge_balance;
    bridge.code = Bytes{contracts::l2_bridge::kDeployedBytecode.data(),
                        contracts::l2_bridge::kDeployedBytecode.size()};
    spec.alloc.emplace(kL2BridgeAddress, std::move(bridge));
    return spec;
}

Result<Genesis, L2GenesisError> make_l2_genesis(const L2GenesisConfig& config)
{
    ULTRA_TRY(const ChainSpec spec, l2_chain_spec(config));
    return make_genesis(spec);
}

}  // namespace ultra::node
