// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/state/in_memory_state.hpp>

/// The node's chain: its configuration (chain id, fork schedule, EXECUTE's constants), its genesis
/// block and state, as a JSON document with a strict schema (docs/node.md § Chain config), and
/// the `devnet` preset. make_genesis() turns a spec into the genesis header and state, with the
/// system contracts its forks need.
namespace ultra::node {

/// 10^9 wei.
inline constexpr uint64_t kGwei = 1'000'000'000;

/// The devnet's chain id: 1337, go-ethereum's `--dev` chain and viem's `localhost` chain, so
/// wallets and libraries recognise it as a local development chain.
inline constexpr uint64_t kDevnetChainId = 1337;

/// An account of the genesis state.
struct GenesisAccount
{
    uint256 balance;                     ///< wei
    uint64_t nonce = 0;                  ///< nonce
    Bytes code;                          ///< code, empty for none
    std::map<Bytes32, Bytes32> storage;  ///< slots (zero values are dropped)

    friend bool operator==(const GenesisAccount&, const GenesisAccount&) = default;
};

/// The genesis block's own fields (everything else in its header is computed).
struct GenesisSpec
{
    uint64_t gas_limit = 30'000'000;  ///< the first block's limit
    /// EIP-1559 (London at genesis): the genesis base fee; the next block's follows from it.
    uint256 base_fee_per_gas = kGwei;
    uint64_t timestamp = 0;  ///< Unix seconds
    Bytes extra_data;        ///< at most 32 bytes
    Address coinbase;        ///< the genesis coinbase (nobody earns anything at genesis)
    Hash256 prev_randao;     ///< the genesis mix hash
    /// The genesis difficulty; only meaningful on a chain that starts before Paris (the
    /// default, 0x20000, is the minimum difficulty). A Paris genesis has difficulty 0.
    std::optional<uint256> difficulty;

    friend bool operator==(const GenesisSpec&, const GenesisSpec&) = default;
};

/// Everything that defines the node's chain.
struct ChainSpec
{
    /// The chain id, the fork schedule (forks not named in the JSON follow the rule in
    /// docs/node.md), the blob schedule (mainnet's) and the EXECUTE constants (`execute`).
    ChainConfig config;
    GenesisSpec genesis;                      ///< the genesis block
    std::map<Address, GenesisAccount> alloc;  ///< the genesis state's accounts
    uint64_t block_time = 0;                  ///< seconds between blocks; 0: a block per tx
    /// EIP-6110: whose DepositEvent logs become deposit requests (Prague). Default: mainnet's
    /// address, where the devnet has no code, so no deposits.
    Address deposit_contract;

    friend bool operator==(const ChainSpec&, const ChainSpec&) = default;
};

/// Why a chain spec was rejected: the JSON path of the offending member ("genesis.gasLimit",
/// "alloc.0x12…34.balance", "forks.Cancun") and what is wrong with it.
struct ChainSpecError
{
    std::string field;    ///< the member's path; empty for the document itself
    std::string message;  ///< what is wrong

    /// "genesis.gasLimit: expected a quantity (a non-negative integer or a 0x-hex string)".
    [[nodiscard]] std::string to_string() const;
};

/// Parses a chain spec object (docs/node.md § Chain config). Strict: unknown members, wrong
/// types, values out of range, a fork out of order, extra data over 32 bytes are errors naming
/// the field. Members left out take the defaults of the schema.
[[nodiscard]] Result<ChainSpec, ChainSpecError> chain_spec_from_json(const nlohmann::json& j);

/// Parses chain spec text (JSON).
[[nodiscard]] Result<ChainSpec, ChainSpecError> parse_chain_spec(std::string_view text);

/// Reads and parses a chain spec file. A file that cannot be read is an error with an empty
/// field.
[[nodiscard]] Result<ChainSpec, ChainSpecError> load_chain_spec(const std::filesystem::path& path);

/// The JSON form of `spec` (every member, so that it reads back to the same spec).
[[nodiscard]] nlohmann::json to_json(const ChainSpec& spec);

/// The `devnet` preset: chain id kDevnetChainId, every fork through Osaka at genesis, EXECUTE
/// enabled with the SPEC's devnet constants, gas limit 30,000,000, base fee 1 gwei, timestamp 0,
/// block time 0, and `funded` each holding `balance`.
[[nodiscard]] ChainSpec devnet_chain_spec(std::span<const Address> funded = {},
                                          const uint256& balance = uint256{10'000} * kGwei * kGwei);

/// The genesis block and its state.
struct Genesis
{
    Block block;                 ///< the genesis block (no transactions)
    state::InMemoryState state;  ///< the genesis state
    Hash256 hash;                ///< header_hash(block.header)
};

/// Builds the genesis: the alloc's accounts, then the system contracts of the forks active at
/// genesis that the alloc does not already define (EIP-4788 from Cancun, EIP-2935, EIP-7002 and
/// EIP-7251 from Prague; nonce 1, their EIPs' code, no storage), and the header: number 0, the
/// state root, the empty-trie transactions and receipts roots, the empty ommers hash, and the
/// optional fields of the genesis revision (base fee, withdrawals root of none, blob gas 0,
/// parent beacon root 0, requests hash of none).
[[nodiscard]] Genesis make_genesis(const ChainSpec& spec);

}  // namespace ultra::node
