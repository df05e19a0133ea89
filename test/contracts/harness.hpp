// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The contract tests' world, on our own execution layer: an L1 chain (Osaka with EXECUTE, the
// devnet genesis, blocks built with execution::build_block, calls simulated with node::call) on
// which NativeRollup and its L1Bridge are deployed, and the rollup's L2 chain (its genesis from
// node::make_l2_genesis, blocks built with execution::build_block over a RecordingStateView, the
// witness from make_witness plus the parent header) whose blocks are settled through advance().
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execute/precompile.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/node/call.hpp>
#include <ultra/node/chain_spec.hpp>
#include <ultra/node/l2_genesis.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <vector>

#include "abi.hpp"
#include "unit/execution/test_signer.hpp"

namespace ultra::test::rollup {

inline const uint256 kGweiWei = uint256{1'000'000'000};
inline const uint256 kEther = uint256{1'000'000'000'000'000'000ull};

/// The L1 genesis time and block interval.
inline constexpr uint64_t kL1GenesisTime = 1'000;
inline constexpr uint64_t kL1BlockTime = 12;
/// The L1's chain id (the devnet's).
inline constexpr uint64_t kL1ChainId = node::kDevnetChainId;
/// The L2's chain id.
inline constexpr uint64_t kL2ChainId = 901;
/// The execute base fee the tests run at: the market's floor, which it never leaves because
/// the tests stay far below the cumulative target (docs/execute.md).
inline const uint256 kExecuteBaseFee = kGweiWei;

/// The EXECUTE precompile (the devnet's address).
inline const Address kExecuteAddress = ExecuteConfig{}.address;
/// The L1 block's coinbase in every test block.
inline const Address kL1Coinbase = Address{{0xc0, 0xff, 0xee}};

/// The named test accounts (keys from make_test_key(), funded with 1000 ether on L1).
struct Keys
{
    TestKey deployer = make_test_key(10);
    TestKey proposer = make_test_key(11);
    TestKey sequencer = make_test_key(12);
    TestKey user = make_test_key(13);
    TestKey owner = make_test_key(14);
    TestKey stranger = make_test_key(15);
    TestKey relayer = make_test_key(16);  ///< funded on L2 at genesis (pays claim gas)
};

/// A mined transaction's outcome.
struct Receipt
{
    bool success = false;
    uint64_t gas_used = 0;
    uint256 effective_gas_price;
    std::vector<execution::Log> logs;

    /// The cost of the transaction's gas to its sender.
    [[nodiscard]] uint256 gas_cost() const { return effective_gas_price * gas_used; }
};

/// BLOCKHASH over a chain's headers.
class HeaderHashes final : public state::BlockHashes
{
public:
    /// Records `h`.
    void add(const BlockHeader& h) { hashes_[h.number] = header_hash(h); }
    /// The recorded hash of `number`.
    [[nodiscard]] Result<Hash256, state::StateError> block_hash(uint64_t number) const override;

private:
    std::map<uint64_t, Hash256> hashes_;
};

/// A signed transaction from `key` (EIP-1559, 10 gwei max fee, 1 gwei tip) on `chain_id`,
/// signed with wallet::sign_transaction.
[[nodiscard]] Transaction make_tx(const TestKey& key,
                                  uint64_t chain_id,
                                  uint64_t nonce,
                                  std::optional<Address> to,
                                  const uint256& value,
                                  Bytes data,
                                  uint64_t gas_limit);

// ---------------------------------------------------------------------------------------------
// L1
// ---------------------------------------------------------------------------------------------

/// The L1: the devnet preset (Osaka, EXECUTE at 0x…0101 with a 1 gwei floor) with the test keys
/// funded, plus `extra` genesis accounts.
class L1Chain
{
public:
    explicit L1Chain(const std::map<Address, node::GenesisAccount>& extra = {});

    /// A signed transaction from `key` with its next nonce (counted per key in this chain).
    [[nodiscard]] Transaction tx(const TestKey& key,
                                 std::optional<Address> to,
                                 const uint256& value,
                                 Bytes data,
                                 uint64_t gas_limit = 12'000'000);

    /// Mines one block holding exactly `txs` (all must be valid) and makes it the head.
    std::vector<Receipt> mine(const std::vector<Transaction>& txs);

    /// Mines one block with the one transaction `tx(key, to, value, data)`.
    Receipt send(const TestKey& key,
                 std::optional<Address> to,
                 const uint256& value,
                 const Bytes& data,
                 uint64_t gas_limit = 12'000'000);

    /// Mines empty blocks until the head's timestamp is at least `timestamp`.
    void mine_until(uint64_t timestamp);

    /// Deploys `init_code` from `key`; returns the new contract's address (CREATE: from the
    /// sender and its nonce, computed here).
    Address deploy(const TestKey& key, const Bytes& init_code);

    /// Simulates a call in the environment of the next block (node::call, nothing kept).
    [[nodiscard]] node::CallResult call(const Address& from,
                                        std::optional<Address> to,
                                        const Bytes& data,
                                        const uint256& value = 0) const;

    /// A view call that must succeed: its return data.
    [[nodiscard]] Bytes view(const Address& to, const Bytes& data) const;

    /// The balance of `addr` in the head state.
    [[nodiscard]] uint256 balance(const Address& addr) const;

    /// The timestamp the next block will have.
    [[nodiscard]] uint64_t next_timestamp() const { return head.timestamp + kL1BlockTime; }

    ChainConfig config;                       ///< the L1 chain
    execute::ExecutePrecompiles precompiles;  ///< Ethereum's precompiles and EXECUTE
    state::InMemoryState state;               ///< the head state
    BlockHeader head;                         ///< the head
    HeaderHashes hashes;                      ///< BLOCKHASH
    std::map<Address, uint64_t> nonces;       ///< the next nonce of each key used
};

/// The CREATE address of `sender` at `nonce`: keccak256(rlp([sender, nonce]))[12:] (Yellow
/// Paper eq. (85)), computed here without the execution library.
[[nodiscard]] Address create_address_of(const Address& sender, uint64_t nonce);

// ---------------------------------------------------------------------------------------------
// L2
// ---------------------------------------------------------------------------------------------

/// A built L2 block and everything advance() needs.
struct L2Block
{
    Block block;                                 ///< the sealed block
    BlockHeader parent;                          ///< its parent
    Bytes header;                                ///< RLP of block.header
    std::vector<Bytes> transactions;             ///< each transaction's canonical encoding
    Bytes witness;                               ///< RLP [nodes, codes, [parent header]]
    state::InMemoryState post;                   ///< the state after it
    std::vector<execution::TxReceipt> receipts;  ///< one per transaction
    std::vector<execution::RejectedTransaction> rejected;  ///< what the builder dropped

    /// keccak256 of the header.
    [[nodiscard]] Hash256 hash() const { return header_hash(block.header); }
};

/// The rollup's L2: its genesis (node::make_l2_genesis: the system contracts, the L2Bridge
/// predeploy, the relayer funded with 10 ether) and its head, block by block.
class L2Chain
{
public:
    /// An L2 executed as EXECUTE validates it on `l1_config` at Osaka.
    L2Chain(const ChainConfig& l1_config, node::L2GenesisConfig genesis_config);

    /// The genesis config the tests use: kL2ChainId, gas limit 30M, base fee 1 gwei, the relayer
    /// funded with 10 ether.
    [[nodiscard]] static node::L2GenesisConfig default_genesis_config();

    /// A signed L2 transaction from `key` with its next nonce (counted here; build() does not
    /// consume nonces, so a transaction built and left out keeps its nonce).
    [[nodiscard]] Transaction tx(const TestKey& key,
                                 std::optional<Address> to,
                                 const uint256& value,
                                 Bytes data,
                                 uint64_t gas_limit = 500'000);

    /// Builds the next block on the head (or on `parent` over `parent_state`) with `txs`,
    /// coinbase `coinbase`, anchor (parent beacon block root) `anchor` at `timestamp`; records
    /// its witness. The head does not move: commit() it once settled.
    [[nodiscard]] L2Block build(const std::vector<Transaction>& txs,
                                const Address& coinbase,
                                const Hash256& anchor,
                                uint64_t timestamp) const;

    /// build() on another parent.
    [[nodiscard]] L2Block build_on(const BlockHeader& parent,
                                   const state::InMemoryState& parent_state,
                                   const std::vector<Transaction>& txs,
                                   const Address& coinbase,
                                   const Hash256& anchor,
                                   uint64_t timestamp) const;

    /// Makes `b` the head.
    void commit(const L2Block& b);

    /// The account proof of the L2Bridge and the storage proof of `slot` in `state`, in
    /// eth_getProof's format, made with trie::MerklePatriciaTrie::prove() over tries rebuilt
    /// from the state (whose root is checked against state.state_root()).
    struct BridgeProof
    {
        std::vector<Bytes> account_proof;
        std::vector<Bytes> storage_proof;
    };
    [[nodiscard]] static BridgeProof bridge_proof(const state::InMemoryState& state,
                                                  const Bytes32& slot);

    node::Genesis genesis;               ///< block 0
    ChainConfig config;                  ///< execute::l2_chain_config(l1, Osaka, chain id)
    state::InMemoryState state;          ///< the head state
    BlockHeader head;                    ///< the head
    HeaderHashes hashes;                 ///< BLOCKHASH
    std::map<Address, uint64_t> nonces;  ///< the next nonce of each key used
};

// ---------------------------------------------------------------------------------------------
// The rollup
// ---------------------------------------------------------------------------------------------

/// NativeRollup.Config, with the enums as numbers (Sequencing: 0 Based, 1 Sequenced;
/// CoinbasePolicy: 0 Proposer, 1 Treasury; Governance: 0 None, 1 Owner, 2 Timelock).
struct RollupConfig
{
    uint64_t chain_id = kL2ChainId;
    uint64_t l2_gas_limit = 30'000'000;
    uint8_t sequencing = 0;
    std::vector<Address> sequencers;
    uint64_t forced_inclusion_delay = 0;
    uint8_t coinbase_policy = 0;
    Address treasury;
    uint8_t governance = 0;
    Address owner;
    uint64_t timelock_delay = 0;
    uint64_t state_root_history = 0;
    Address execute;
};

/// The creation code of NativeRollup with its constructor arguments.
[[nodiscard]] Bytes rollup_init_code(const RollupConfig& config,
                                     const Hash256& genesis_state_root,
                                     const Hash256& genesis_hash);

/// The calldata of advance() for `b` (its own post-state root and gas unless overridden).
[[nodiscard]] Bytes advance_calldata(const L2Block& b,
                                     std::optional<Hash256> post_state_root = std::nullopt,
                                     std::optional<uint64_t> gas_used = std::nullopt);

/// An L1 with a rollup deployed on it and the rollup's L2.
class RollupWorld
{
public:
    /// Deploys NativeRollup with `config` (from keys.deployer) over the L2 genesis of
    /// `l2_genesis`, with `extra` L1 genesis accounts.
    explicit RollupWorld(
        const RollupConfig& config = {},
        const node::L2GenesisConfig& l2_genesis = L2Chain::default_genesis_config(),
        const std::map<Address, node::GenesisAccount>& extra = {});

    /// The execute fee of `gas_used` L2 gas: gas_used × kExecuteBaseFee.
    [[nodiscard]] static uint256 fee(uint64_t gas_used) { return kExecuteBaseFee * gas_used; }

    /// Builds the next L2 block at the next L1 block's timestamp with coinbase `coinbase`.
    [[nodiscard]] L2Block build(const std::vector<Transaction>& txs,
                                const Address& coinbase,
                                const Hash256& anchor = {}) const;

    /// Mines advance(b) from `key` paying `value` (default: twice the fee); on success commits
    /// `b` on the L2.
    Receipt advance(const TestKey& key,
                    const L2Block& b,
                    std::optional<uint256> value = std::nullopt);

    /// Simulates advance(b) from `key` (data: advance_calldata(b) unless given).
    [[nodiscard]] node::CallResult simulate_advance(const TestKey& key,
                                                    const L2Block& b,
                                                    std::optional<uint256> value = std::nullopt,
                                                    std::optional<Bytes> data = std::nullopt) const;

    /// A view of the rollup returning one word.
    [[nodiscard]] Bytes32 rollup_word(std::string_view signature,
                                      const std::vector<abi::Value>& args = {}) const;
    /// A view of the L1 bridge returning one word.
    [[nodiscard]] Bytes32 bridge_word(std::string_view signature,
                                      const std::vector<abi::Value>& args = {}) const;

    Keys keys;            ///< the accounts
    L1Chain l1;           ///< the L1
    L2Chain l2;           ///< the rollup's L2
    Address rollup;       ///< NativeRollup
    Address bridge;       ///< its L1Bridge
    RollupConfig config;  ///< as deployed
};

/// The first log of `receipt` emitted by `emitter` with topic 0 `topic0`, if any.
[[nodiscard]] std::optional<execution::Log> find_log(const Receipt& receipt,
                                                     const Address& emitter,
                                                     const Hash256& topic0);

/// Expects `r` to be a revert with exactly `expected` as its data.
::testing::AssertionResult reverts_with(const node::CallResult& r, const Bytes& expected);

}  // namespace ultra::test::rollup
