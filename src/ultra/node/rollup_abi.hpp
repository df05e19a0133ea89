// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// The Solidity ABI encodings the rollup node exchanges with the rollup contracts
/// (contracts/NativeRollup.sol, L1Bridge.sol, L2Bridge.sol; docs/rollup.md): the calldata of
/// NativeRollup.advance() (built by the sequencer, decoded by a follower), the views it reads,
/// the L1Bridge `Deposit` event, the deposit hash chain, and L2Bridge.claimDeposits(). Written
/// from the ABI specification (docs.soliditylang.org/en/latest/abi-spec.html).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/execution/receipt.hpp>
#include <vector>

namespace ultra::node::rollup_abi {

/// The four-byte selector of a function signature ("advance(bytes32,uint64,bytes,bytes[],bytes)").
[[nodiscard]] Bytes selector(std::string_view signature);

/// keccak256(signature): an event's topic 0.
[[nodiscard]] Hash256 event_topic(std::string_view signature);

/// The calldata of a view without arguments ("stateRoot()", "blockNumber()", "depositRoot()",
/// "bridge()", "executeBaseFee()", "lastDepositRoot()", ...): its selector.
[[nodiscard]] Bytes view_call(std::string_view signature);

/// The arguments of NativeRollup.advance(postStateRoot, gasUsed, header, transactions, witness).
struct AdvanceCall
{
    Hash256 post_state_root;          ///< the L2 block's state root
    uint64_t gas_used = 0;            ///< the L2 block's gas used
    Bytes header;                     ///< the header's RLP
    std::vector<Bytes> transactions;  ///< the canonical transaction encodings, in order
    Bytes witness;                    ///< stateless::encode_witness() of the block's witness

    friend bool operator==(const AdvanceCall&, const AdvanceCall&) = default;
};

/// The signature advance() is selected by.
inline constexpr std::string_view kAdvanceSignature = "advance(bytes32,uint64,bytes,bytes[],bytes)";

/// The calldata of advance(): the selector, then the head (postStateRoot, gasUsed and three
/// offsets) and the tails of header, transactions (an array of `bytes`) and witness.
[[nodiscard]] Bytes encode_advance(const AdvanceCall& call);

/// Decodes advance() calldata (what a follower reads from L1). Strict: the selector, every
/// offset and length in bounds, gasUsed fitting 64 bits; the error says which part is wrong.
[[nodiscard]] Result<AdvanceCall, std::string> decode_advance(BytesView calldata);

/// The value to send with advance(): gas_used × execute_base_fee (NativeRollup.requiredFee),
/// times (100 + margin_percent) / 100, plus 1 wei when the product is not zero, so that an
/// execute base fee rising before the transaction lands does not make it revert. The contract
/// refunds the excess.
[[nodiscard]] uint256 advance_value(uint64_t gas_used,
                                    const uint256& execute_base_fee,
                                    uint64_t margin_percent = 100);

/// A 32-byte return value as a number; an error unless `data` is exactly one word.
[[nodiscard]] Result<uint256, std::string> decode_uint(BytesView data);

/// A 32-byte return value as a word; an error unless `data` is exactly one word.
[[nodiscard]] Result<Hash256, std::string> decode_word(BytesView data);

/// A 32-byte return value as an address; an error unless `data` is one word with 12 zero bytes
/// first.
[[nodiscard]] Result<Address, std::string> decode_address(BytesView data);

/// One L1Bridge deposit: `Deposit(uint256 indexed nonce, address indexed sender, address indexed
/// l2Recipient, uint256 amount, bytes32 root)`.
struct DepositMessage
{
    uint64_t nonce = 0;    ///< its position in the deposit chain
    Address sender;        ///< the L1 depositor
    Address l2_recipient;  ///< who is paid on L2
    uint256 amount;        ///< wei
    Hash256 root;          ///< the chain's root after it

    friend bool operator==(const DepositMessage&, const DepositMessage&) = default;
};

/// The signature of L1Bridge's Deposit event.
inline constexpr std::string_view kDepositEventSignature =
    "Deposit(uint256,address,address,uint256,bytes32)";

/// Decodes a Deposit log (topic 0 checked, four topics, 64 data bytes, a nonce fitting 64 bits,
/// address topics with 12 zero bytes first).
[[nodiscard]] Result<DepositMessage, std::string> decode_deposit_log(const execution::Log& log);

/// BridgeMessages.nextDepositRoot: keccak256(abi.encode(root, nonce, sender, l2Recipient,
/// amount)), the root after deposit `nonce`.
[[nodiscard]] Hash256 next_deposit_root(const Hash256& root,
                                        uint64_t nonce,
                                        const Address& sender,
                                        const Address& l2_recipient,
                                        const uint256& amount);

/// The calldata of L2Bridge.claimDeposits((address,address,uint256)[]) for `deposits` (their
/// sender, l2_recipient and amount, in order).
[[nodiscard]] Bytes encode_claim_deposits(std::span<const DepositMessage> deposits);

/// NativeRollup's BlockAdvanced(uint256 indexed number, bytes32 blockHash, bytes32 stateRoot,
/// address proposer, uint256 burnedFees): L2 block `number` is settled.
inline constexpr std::string_view kBlockAdvancedSignature =
    "BlockAdvanced(uint256,bytes32,bytes32,address,uint256)";

/// A decoded BlockAdvanced event.
struct BlockAdvanced
{
    uint64_t number = 0;  ///< the L2 block
    Hash256 block_hash;   ///< its hash
    Hash256 state_root;   ///< its post-state root
    Address proposer;     ///< who advanced
    uint256 burned_fees;  ///< EXECUTE's burnedFees
};

/// Decodes a BlockAdvanced log (topics and data checked).
[[nodiscard]] Result<BlockAdvanced, std::string> decode_block_advanced_log(
    const execution::Log& log);

/// NativeRollup's TransactionEnqueued(uint256 indexed index, bytes32 indexed txHash, address
/// sender, bytes signedTx): a transaction queued for forced inclusion.
inline constexpr std::string_view kTransactionEnqueuedSignature =
    "TransactionEnqueued(uint256,bytes32,address,bytes)";

/// A decoded TransactionEnqueued event.
struct Enqueued
{
    uint64_t index = 0;  ///< its place in the inbox
    Hash256 tx_hash;     ///< keccak256(signed_tx)
    Address sender;      ///< the L1 account that queued it
    Bytes signed_tx;     ///< the L2 transaction's canonical encoding (as queued: unchecked)
};

/// Decodes a TransactionEnqueued log (topics and the ABI data checked; the hash must be the
/// keccak of the bytes).
[[nodiscard]] Result<Enqueued, std::string> decode_enqueued_log(const execution::Log& log);

/// Names a NativeRollup or L1Bridge custom error from its revert data, with its arguments
/// (static types: uints in decimal, addresses and words in hex), e.g.
/// "WrongBlockNumber(expected=3, actual=4)"; std::nullopt when the selector is none of theirs
/// or the data does not fit the error's arguments.
[[nodiscard]] std::optional<std::string> describe_custom_error(BytesView revert_data);

/// The calldata of a view taking one address: selector(signature) ++ the address as a word.
[[nodiscard]] Bytes view_call(std::string_view signature, const Address& arg);

/// NativeRollup's constructor settings (its `Config` struct; docs/rollup.md § Settings). The
/// enums are their Solidity ordinals.
struct RollupConfig
{
    uint64_t chain_id = 0;                ///< the L2 chain id
    uint64_t l2_gas_limit = 30'000'000;   ///< the largest L2 block gas limit
    uint8_t sequencing = 0;               ///< 0 Based, 1 Sequenced
    std::vector<Address> sequencers;      ///< the initial allow-list (Sequenced)
    uint64_t forced_inclusion_delay = 0;  ///< seconds (Sequenced)
    uint8_t coinbase_policy = 0;          ///< 0 Proposer, 1 Treasury
    Address treasury;                     ///< the coinbase under Treasury
    uint8_t governance = 0;               ///< 0 None, 1 Owner, 2 Timelock
    Address owner;                        ///< the governor (Owner, Timelock)
    uint64_t timelock_delay = 0;          ///< seconds (Timelock)
    uint64_t state_root_history = 0;      ///< 0: the contract's default (8192)
    Address execute;                      ///< EXECUTE's address; zero: the default 0x…0101
};

/// The ABI-encoded constructor arguments of NativeRollup(Config, genesisStateRoot,
/// genesisBlockHash): append them to the creation code (contracts::native_rollup::kBytecode).
[[nodiscard]] Bytes encode_rollup_constructor(const RollupConfig& config,
                                              const Hash256& genesis_state_root,
                                              const Hash256& genesis_block_hash);

/// The full creation code of a NativeRollup: the compiled contract's init code
/// (contracts::native_rollup::kBytecode) followed by encode_rollup_constructor().
[[nodiscard]] Bytes native_rollup_creation_code(const RollupConfig& config,
                                                const Hash256& genesis_state_root,
                                                const Hash256& genesis_block_hash);

}  // namespace ultra::node::rollup_abi
