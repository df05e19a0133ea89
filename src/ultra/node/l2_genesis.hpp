// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/execution/system_calls.hpp>

#include "chain_spec.hpp"

/// The genesis of a native rollup's L2 (docs/rollup.md § L2 genesis): the chain whose blocks the
/// NativeRollup contract settles through EXECUTE. Its genesis state holds the system contracts
/// of the fork (EIP-4788, EIP-2935, EIP-7002, EIP-7251: make_genesis() adds them), the L2Bridge
/// predeploy (contracts/L2Bridge.sol) with the pre-minted L2 ETH as its balance, and any extra
/// accounts; its state root and hash go into the NativeRollup constructor.
namespace ultra::node {

/// The L2Bridge predeploy's address, the same on every rollup ("b71d6e": bridge;
/// contracts/lib/BridgeMessages.sol L2_BRIDGE).
inline constexpr Address kL2BridgeAddress =
    execution::detail::hex_constant<20>("0000000000000000000000000000000000b71d6e");

/// The L2Bridge's storage slot of its `withdrawals` mapping (BridgeMessages.WITHDRAWALS_SLOT):
/// withdrawal `id` is at keccak256(abi.encode(id, 3)).
inline constexpr uint64_t kL2BridgeWithdrawalsSlot = 3;

/// The default pre-minted L2 ETH: 2^100 wei (about 1.27 × 10^12 ether), more than L1 will ever
/// deposit.
[[nodiscard]] inline uint256 default_l2_bridge_balance() noexcept
{
    return uint256{1} << 100;
}

/// What defines an L2 genesis.
struct L2GenesisConfig
{
    uint64_t chain_id = 0;             ///< the L2 chain id (not 0; the rollup's chainId)
    uint64_t gas_limit = 30'000'000;   ///< the genesis gas limit (≤ the rollup's l2GasLimit)
    uint64_t timestamp = 0;            ///< Unix seconds; ≤ the L1 time of the first advance
    uint256 base_fee_per_gas = kGwei;  ///< EIP-1559: the genesis base fee
    /// The fork the L2 starts under: the L1's revision (EXECUTE validates L2 blocks under the
    /// L1's rules, every revision up to it active from genesis). From Cancun, since the
    /// deposit anchor is the EIP-4788 parent beacon block root.
    Revision rev = Revision::kOsaka;
    uint256 bridge_balance = default_l2_bridge_balance();  ///< the L2Bridge's pre-minted ETH
    /// Extra genesis accounts. A balance here is L2 ETH without L1 backing: once withdrawn it
    /// is paid from depositors' ETH on L1 (docs/rollup.md § L2 genesis). Dev chains only.
    std::map<Address, GenesisAccount> alloc;
};

/// Why an L2 genesis could not be made.
enum class L2GenesisError : uint8_t
{
    kZeroChainId,         ///< chain_id is 0
    kGasLimitOutOfRange,  ///< gas_limit outside [5000, 2^63 - 1]
    kRevisionTooOld,      ///< rev before Cancun: no EIP-4788 anchor
    kBridgeInAlloc,       ///< the alloc defines kL2BridgeAddress
};

/// "chain id must not be 0", ...
[[nodiscard]] std::string_view to_string(L2GenesisError e) noexcept;

/// The L2's chain spec: chain id `config.chain_id`, every revision up to `config.rev` active at
/// genesis (later ones never, no BPO fork), no EXECUTE, the genesis block fields of `config`,
/// and the alloc: `config.alloc` plus the L2Bridge predeploy (its runtime code, nonce 1 so that
/// EIP-161 never touches it, `config.bridge_balance`, no storage). make_genesis() of it adds
/// the system contracts. Block execution of the L2 uses execute::l2_chain_config(), which
/// agrees with this config on everything a block of the L2 sees.
[[nodiscard]] Result<ChainSpec, L2GenesisError> l2_chain_spec(const L2GenesisConfig& config);

/// make_genesis(l2_chain_spec(config)): the L2 genesis block (number 0) and state. Pass
/// `block.header.state_root` and `hash` to the NativeRollup constructor.
[[nodiscard]] Result<Genesis, L2GenesisError> make_l2_genesis(const L2GenesisConfig& config);

// --- The L2 genesis file (`ultrasound rollup --genesis FILE`, `ultrasound l2-genesis FILE`) -----
//
//   { "chainId": 901,                 required, not 0
//     "gasLimit": 30000000,           optional (default 30M)
//     "timestamp": 0,                 optional (Unix seconds)
//     "baseFeePerGas": "0x3b9aca00",  optional (default 1 gwei; a number or a hex quantity)
//     "fork": "Osaka",                optional: the L1's revision, Cancun or later
//     "bridgeBalance": "0x...",       optional (default 2^100 wei)
//     "alloc": { "0x..": { "balance", "nonce", "code", "storage" } }   optional (dev only)
//   }
//
// Unknown members are errors (a typo must not silently make another chain). Parsed in
// chain_spec.cpp with the chain file's readers; errors name the member, as ChainSpecError.

/// Reads an L2 genesis file's JSON (the format above); make_l2_genesis() then checks the values.
[[nodiscard]] Result<L2GenesisConfig, ChainSpecError> l2_genesis_from_json(const nlohmann::json& j);

/// Reads an L2 genesis file (the file's path is appended to the error).
[[nodiscard]] Result<L2GenesisConfig, ChainSpecError> load_l2_genesis(
    const std::filesystem::path& path);

/// The file form of `config` (every member written), which l2_genesis_from_json() reads back.
[[nodiscard]] nlohmann::json to_json(const L2GenesisConfig& config);

}  // namespace ultra::node
