// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// The rollup node's view of L1 (docs/rollup.md § The rollup node): the NativeRollup head, the
/// execute base fee, the L1Bridge's deposit chain, and the submission of advance() signed with
/// the proposer's key, all over JSON-RPC (rpc::Client). Every failure is an English message
/// (a transport error, a JSON-RPC error, a reverted transaction).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/node/rollup_abi.hpp>
#include <ultra/rpc/client.hpp>
#include <vector>

namespace ultra::node {

/// NativeRollup's head: the last settled L2 block.
struct RollupHead
{
    uint64_t number = 0;  ///< blockNumber()
    Hash256 block_hash;   ///< blockHash()
    Hash256 state_root;   ///< stateRoot()

    friend bool operator==(const RollupHead&, const RollupHead&) = default;
};

/// What submit_advance() did.
struct AdvanceReceipt
{
    Hash256 tx_hash;        ///< the L1 transaction
    uint64_t l1_block = 0;  ///< the L1 block it landed in
    uint64_t gas_used = 0;  ///< its L1 gas
    uint256 value;          ///< the fee sent (the excess over requiredFee was refunded)
};

/// A client of one rollup's contracts on L1. Not thread-safe (one sequencer thread uses it).
class RollupL1
{
public:
    /// EXECUTE's address: an empty call to it answers the L1 block's execute base fee.
    static constexpr std::string_view kExecuteAddress =
        "0x0000000000000000000000000000000000000101";

    /// Talks to `l1` about the NativeRollup at `rollup`; transactions are signed with
    /// `proposer_key` (secp256k1 secret) for chain `l1_chain_id`.
    RollupL1(rpc::Client& l1,
             const Address& rollup,
             const Bytes32& proposer_key,
             uint64_t l1_chain_id);

    /// The proposer's address (derived from the key); an error for an invalid key.
    [[nodiscard]] Result<Address, std::string> proposer() const;

    /// The rollup's head (three views read at one L1 block).
    [[nodiscard]] Result<RollupHead, std::string> head();

    /// The rollup's L1Bridge (bridge()), cached after the first read.
    [[nodiscard]] Result<Address, std::string> bridge();

    /// The L1 block's execute base fee: an eth_call to EXECUTE with empty data.
    [[nodiscard]] Result<uint256, std::string> execute_base_fee();

    /// L1Bridge.depositRoot(): the deposit chain's latest root (zero before any deposit).
    [[nodiscard]] Result<Hash256, std::string> deposit_root();

    /// The deposits with nonces first_nonce, first_nonce + 1, ... up to the one whose root is
    /// `to_root`, read from the bridge's Deposit events and checked: consecutive nonces, each
    /// root the hash chain of `from_root` (the root before first_nonce) and the deposits. Empty
    /// when to_root == from_root. An error when the events do not reach `to_root`.
    [[nodiscard]] Result<std::vector<rollup_abi::DepositMessage>, std::string>
    deposits_between(uint64_t first_nonce, const Hash256& from_root, const Hash256& to_root);

    /// Sends advance(call) with value advance_value(gas_used, execute_base_fee()) from the
    /// proposer (EIP-1559, nonce from the pending count) and waits up to `timeout` for its
    /// receipt. gas_limit 0: eth_estimateGas first, so that a block the contract would reject
    /// fails here with the revert reason and costs nothing. Errors: the estimate's or
    /// submission's JSON-RPC error, a timeout, "advance() reverted in L1 transaction 0x..".
    [[nodiscard]] Result<AdvanceReceipt, std::string> submit_advance(
        const rollup_abi::AdvanceCall& call,
        uint64_t gas_limit = 0,
        std::chrono::milliseconds timeout = std::chrono::seconds{60});

    /// The timestamp of L1's latest block (an L2 block at most this old is never "in the
    /// future" for the advance() that settles it in a later L1 block).
    [[nodiscard]] Result<uint64_t, std::string> latest_timestamp();

    // --- Deriving the L2 chain from L1 (followers, and proposers catching up) ----------------

    /// genesisBlockHash(): the L2 genesis the rollup was deployed with.
    [[nodiscard]] Result<Hash256, std::string> genesis_block_hash();

    /// chainId(): the L2 chain id.
    [[nodiscard]] Result<uint64_t, std::string> chain_id();

    /// The BlockAdvanced events of L2 blocks first_number .. first_number + count - 1 in L1
    /// blocks [from_l1_block, latest], in order, with the L1 transaction and block of each
    /// (the number is an indexed topic: the answer is bounded by `count`, however long L1 is).
    struct Settlement
    {
        rollup_abi::BlockAdvanced event;  ///< the decoded event
        Hash256 l1_tx;                    ///< the transaction that emitted it
        uint64_t l1_block = 0;            ///< its L1 block
    };
    [[nodiscard]] Result<std::vector<Settlement>, std::string> settlements(uint64_t from_l1_block,
                                                                           uint64_t first_number,
                                                                           uint64_t count);

    /// The advance() call of L1 transaction `l1_tx` (its calldata, decoded). Errors: the
    /// transaction is unknown, is not a call to the rollup, or is not advance() (a proposer that
    /// called through a contract: docs/rollup.md § advance).
    [[nodiscard]] Result<rollup_abi::AdvanceCall, std::string> advance_call(const Hash256& l1_tx);

    /// Whether the key's address may advance now: `Based`, or on the allow-list, or a queued
    /// transaction is overdue (forcedInclusionOpen()).
    [[nodiscard]] Result<bool, std::string> may_advance();

    /// The most inbox transactions pending_inbox() returns (one block's worth of forced inclusion).
    static constexpr size_t kMaxInboxPerBlock = 64;

    /// The inbox's unincluded transactions (inboxHead() onward, at most kMaxInboxPerBlock),
    /// oldest first, from the TransactionEnqueued events.
    [[nodiscard]] Result<std::vector<rollup_abi::Enqueued>, std::string> pending_inbox();

    /// eth_call of `data` to `to` at "latest": the return data, or the error's text.
    [[nodiscard]] Result<Bytes, std::string> call(const Address& to, BytesView data);

private:
    rpc::Client& l1_;
    Address rollup_;
    Bytes32 key_;
    uint64_t l1_chain_id_;
    std::optional<Address> bridge_;
    std::optional<uint8_t> sequencing_;  ///< sequencing(), cached (immutable)

    /// The logs of `event` (its signature) emitted by `address` in L1 blocks [from_l1_block,
    /// latest], whose first indexed topic is one of `second_topic` (any when empty).
    [[nodiscard]] Result<std::vector<rpc::RpcLog>, std::string> logs_of(
        const Address& address,
        std::string_view event,
        std::vector<Hash256> second_topic,
        uint64_t from_l1_block);
    /// A uint view of the rollup at "latest".
    [[nodiscard]] Result<uint256, std::string> uint_view(std::string_view signature);
};

}  // namespace ultra::node
