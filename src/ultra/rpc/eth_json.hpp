// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// The Ethereum JSON-RPC encodings, as go-ethereum and anvil emit them: quantities ("0x0", no
/// leading zeros), data ("0x" + even-length hex), addresses and hashes (lower-case data), block
/// tags and EIP-1898 block ids, transactions of types 0-4, receipts, logs, headers and blocks,
/// call requests and log filters.
///
/// Encoders (`to_json`, `*_to_json`) never fail. Decoders (`*_from_json`) are strict and throw
/// DecodeError whose message is go-ethereum's reason prefixed with the field path inside the
/// value ("accessList[0].address: hex string without 0x prefix"). Handlers decode their
/// positional arguments with decode_param() (dispatcher.hpp), which turns that into -32602
/// "invalid argument N: ...".

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/execution/receipt.hpp>
#include <variant>
#include <vector>

namespace ultra::rpc {

/// A JSON value that does not decode: what() is "<field path>: <reason>" (just the reason for a
/// top-level value). The reasons are go-ethereum's hexutil texts where one applies ("hex string
/// without 0x prefix", "hex string of odd length", "hex number with leading zero digits",
/// "hex number > 64 bits", "invalid hex string", ...).
class DecodeError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

/// A quantity: "0x" + minimal lower-case hex digits ("0x0" for zero).
[[nodiscard]] std::string to_quantity(uint64_t v);
/// A 256-bit quantity: "0x" + minimal lower-case hex digits ("0x0" for zero).
[[nodiscard]] std::string to_quantity(const uint256& v);
/// Unformatted data: "0x" + lower-case hex of every byte ("0x" when empty). Also the encoding
/// of addresses, hashes, blooms and nonces.
[[nodiscard]] std::string to_data(BytesView bytes);

/// Decodes a quantity of at most 64 bits. Strict: a JSON string, "0x"/"0X" prefix, at least one
/// digit, no leading zero digit (except "0x0"), hex digits only. `field` names the value in the
/// error message.
[[nodiscard]] uint64_t quantity_u64_from_json(const nlohmann::json& j, std::string_view field = {});
/// Decodes a quantity of at most 256 bits (same rules as quantity_u64_from_json()).
[[nodiscard]] uint256 quantity_from_json(const nlohmann::json& j, std::string_view field = {});
/// Decodes data: a JSON string, "0x" prefix, an even number of hex digits ("0x" is empty).
[[nodiscard]] Bytes data_from_json(const nlohmann::json& j, std::string_view field = {});
/// Decodes a 20-byte address (data of exactly 40 hex digits; either case accepted, the EIP-55
/// checksum is not verified).
[[nodiscard]] Address address_from_json(const nlohmann::json& j, std::string_view field = {});
/// Decodes a 32-byte hash or word (data of exactly 64 hex digits).
[[nodiscard]] Hash256 hash_from_json(const nlohmann::json& j, std::string_view field = {});

// ---------------------------------------------------------------------------------------------
// Block ids: tags, numbers and EIP-1898 objects
// ---------------------------------------------------------------------------------------------

/// A symbolic block: the head, the block being built, the safe and finalized heads (post-merge
/// forkchoice) and genesis.
enum class BlockTag : uint8_t
{
    kLatest,
    kPending,
    kSafe,
    kFinalized,
    kEarliest,
};

/// The tag's JSON spelling: "latest", "pending", "safe", "finalized", "earliest".
[[nodiscard]] std::string_view to_string(BlockTag tag) noexcept;

/// A block given by number or tag (eth_getBlockByNumber, filter bounds).
using BlockNumberOrTag = std::variant<BlockTag, uint64_t>;

/// An EIP-1898 block given by hash; with require_canonical, a hash of a non-canonical block is
/// an error.
struct BlockHashRef
{
    Hash256 hash;                    ///< the block hash
    bool require_canonical = false;  ///< EIP-1898 requireCanonical

    friend bool operator==(const BlockHashRef&, const BlockHashRef&) = default;
};

/// Any block selector of the state methods (eth_getBalance, eth_call, ...): a tag, a number or
/// an EIP-1898 hash reference.
using BlockId = std::variant<BlockTag, uint64_t, BlockHashRef>;

/// Decodes a tag or a quantity; numbers above 2^63 - 1 are rejected ("block number larger than
/// int64", as go-ethereum's int64 block numbers). JSON numbers are rejected.
[[nodiscard]] BlockNumberOrTag block_number_from_json(const nlohmann::json& j,
                                                      std::string_view field = {});

/// Decodes a block id: a tag, a quantity, a 32-byte hash string, or an EIP-1898 object
/// {"blockNumber": tag-or-quantity} / {"blockHash": hash[, "requireCanonical": bool]}. Both
/// members or neither is an error, and so are unknown members.
[[nodiscard]] BlockId block_id_from_json(const nlohmann::json& j, std::string_view field = {});

/// A tag's spelling or a number's quantity.
[[nodiscard]] nlohmann::json to_json(const BlockNumberOrTag& id);
/// A tag, a quantity, or {"blockHash", "requireCanonical"} for a hash reference.
[[nodiscard]] nlohmann::json to_json(const BlockId& id);

// ---------------------------------------------------------------------------------------------
// Transaction parts
// ---------------------------------------------------------------------------------------------

/// [{"address", "storageKeys": [...]}, ...] (EIP-2930).
[[nodiscard]] nlohmann::json to_json(const AccessList& list);
/// Decodes an EIP-2930 access list (an array; each entry needs both members).
[[nodiscard]] AccessList access_list_from_json(const nlohmann::json& j,
                                               std::string_view field = {});

/// {"chainId", "address", "nonce", "yParity", "r", "s"} (EIP-7702), every number a quantity.
[[nodiscard]] nlohmann::json to_json(const Authorization& auth);
/// Decodes an EIP-7702 authorization tuple (all six members required; yParity < 256).
[[nodiscard]] Authorization authorization_from_json(const nlohmann::json& j,
                                                    std::string_view field = {});

/// {"index", "validatorIndex", "address", "amount"} (EIP-4895; amount in gwei).
[[nodiscard]] nlohmann::json to_json(const Withdrawal& w);
/// Decodes an EIP-4895 withdrawal.
[[nodiscard]] Withdrawal withdrawal_from_json(const nlohmann::json& j, std::string_view field = {});

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

/// Where a mined transaction is.
struct TxLocation
{
    Hash256 block_hash;                       ///< the including block
    uint64_t block_num = 0;                   ///< its number
    uint64_t index = 0;                       ///< the transaction's position in it
    std::optional<uint64_t> block_timestamp;  ///< emitted as "blockTimestamp" when set
    /// The block's base fee (EIP-1559): a type 2-4 transaction in a block then shows its
    /// effective gas price min(max fee, base fee + priority fee) as "gasPrice". Not encoded.
    std::optional<uint256> base_fee;

    friend bool operator==(const TxLocation&, const TxLocation&) = default;
};

/// What the transaction object shows besides the signed transaction.
struct TxContext
{
    Address from;                        ///< the recovered sender
    std::optional<Hash256> hash;         ///< computed with transaction_hash() when absent
    std::optional<TxLocation> location;  ///< absent for a pending transaction (nulls emitted)

    friend bool operator==(const TxContext&, const TxContext&) = default;
};

/// The RPC transaction object (eth_getTransactionByHash, full blocks) of any type:
/// blockHash, blockNumber, transactionIndex (null when pending), from, gas, gasPrice, hash,
/// input, nonce, to (null for a creation), value, type, v, r, s; chainId for typed and EIP-155
/// transactions; accessList, yParity from type 1; maxFeePerGas, maxPriorityFeePerGas from type
/// 2 (gasPrice is then the effective price in a block, the max fee when pending);
/// maxFeePerBlobGas, blobVersionedHashes for type 3; authorizationList for type 4.
[[nodiscard]] nlohmann::json transaction_to_json(const Transaction& tx, const TxContext& ctx);

/// A decoded RPC transaction object.
struct RpcTransaction
{
    Transaction tx;     ///< the signed transaction
    TxContext context;  ///< sender, hash, location (base_fee is never decoded: not in the JSON)

    friend bool operator==(const RpcTransaction&, const RpcTransaction&) = default;
};

/// Decodes an RPC transaction object (what transaction_to_json() writes, or geth's/anvil's).
/// The type decides which members are required. A legacy transaction's v gives its y_parity and
/// its EIP-155 chain id (a "chainId" member must agree); a typed one's v must equal yParity when
/// both are present. "input" may be called "data". The hash is read, not verified.
[[nodiscard]] RpcTransaction transaction_from_json(const nlohmann::json& j,
                                                   std::string_view field = {});

// ---------------------------------------------------------------------------------------------
// Logs and receipts
// ---------------------------------------------------------------------------------------------

/// Where a log was emitted.
struct LogContext
{
    Hash256 block_hash;      ///< the block
    uint64_t block_num = 0;  ///< its number
    Hash256 tx_hash;         ///< the emitting transaction
    uint64_t tx_index = 0;   ///< its position in the block
    uint64_t log_index = 0;  ///< the log's position among all logs of the block
    bool removed = false;    ///< true when a reorganisation removed it (subscriptions)
    std::optional<uint64_t> block_timestamp;  ///< emitted as "blockTimestamp" when set

    friend bool operator==(const LogContext&, const LogContext&) = default;
};

/// {"address", "topics", "data", "blockHash", "blockNumber", "transactionHash",
/// "transactionIndex", "logIndex", "removed"[, "blockTimestamp"]}.
[[nodiscard]] nlohmann::json log_to_json(const execution::Log& log, const LogContext& ctx);

/// A decoded log object.
struct RpcLog
{
    execution::Log log;  ///< address, topics, data
    LogContext context;  ///< where it was emitted

    friend bool operator==(const RpcLog&, const RpcLog&) = default;
};

/// Decodes a log object (at most 4 topics).
[[nodiscard]] RpcLog log_from_json(const nlohmann::json& j, std::string_view field = {});

/// What a receipt object shows besides the execution::TxReceipt.
struct ReceiptContext
{
    Hash256 tx_hash;                          ///< transactionHash
    uint64_t tx_index = 0;                    ///< transactionIndex
    Hash256 block_hash;                       ///< blockHash
    uint64_t block_num = 0;                   ///< blockNumber
    Address from;                             ///< the sender
    std::optional<Address> to;                ///< the recipient; null for a creation
    std::optional<Address> contract_address;  ///< the created contract, else null
    uint256 effective_gas_price;              ///< the price per gas actually paid
    /// EIP-4844: the block's blob base fee; "blobGasUsed"/"blobGasPrice" are emitted for blob
    /// transactions only (type 3).
    std::optional<uint256> blob_gas_price;
    uint64_t first_log_index = 0;  ///< the block-wide logIndex of this transaction's first log
    /// Before Byzantium the receipt has the intermediate state root ("root") instead of
    /// "status" (EIP-658).
    std::optional<Hash256> state_root;
    std::optional<uint64_t> block_timestamp;  ///< emitted on the logs when set

    friend bool operator==(const ReceiptContext&, const ReceiptContext&) = default;
};

/// The receipt object (eth_getTransactionReceipt): blockHash, blockNumber, transactionHash,
/// transactionIndex, from, to, gasUsed, cumulativeGasUsed, contractAddress, logs (each with its
/// context; logIndex counts from first_log_index), logsBloom, type, effectiveGasPrice, status
/// ("0x1"/"0x0") or root, and for type 3 blobGasUsed and blobGasPrice.
[[nodiscard]] nlohmann::json receipt_to_json(const execution::TxReceipt& receipt,
                                             const ReceiptContext& ctx);

/// A decoded receipt object.
struct RpcReceipt
{
    execution::TxReceipt receipt;  ///< type, status, gas, logs, bloom
    ReceiptContext context;        ///< the rest
};

/// Decodes a receipt object (what receipt_to_json() writes). first_log_index is taken from the
/// first log (0 without logs); the logs' own context members are checked against the receipt's.
[[nodiscard]] RpcReceipt receipt_from_json(const nlohmann::json& j, std::string_view field = {});

// ---------------------------------------------------------------------------------------------
// Headers and blocks
// ---------------------------------------------------------------------------------------------

/// The header members of a block object, as go-ethereum's RPCMarshalHeader: number, hash,
/// parentHash, nonce, mixHash, sha3Uncles, logsBloom, stateRoot, miner, difficulty, extraData,
/// gasLimit, gasUsed, timestamp, transactionsRoot, receiptsRoot, then each fork's optional
/// field when present: baseFeePerGas (EIP-1559), withdrawalsRoot (EIP-4895), blobGasUsed and
/// excessBlobGas (EIP-4844), parentBeaconBlockRoot (EIP-4788), requestsHash (EIP-7685).
/// Also the payload of a "newHeads" subscription. `hash` is computed when absent.
[[nodiscard]] nlohmann::json header_to_json(const BlockHeader& header,
                                            const std::optional<Hash256>& hash = std::nullopt);

/// Decodes the header members of a block object (extra members are ignored; "hash" is not
/// verified).
[[nodiscard]] BlockHeader header_from_json(const nlohmann::json& j, std::string_view field = {});

/// How block_to_json() renders a block.
struct BlockJsonOptions
{
    /// Full transaction objects instead of hashes (the second argument of eth_getBlockBy*).
    bool full_transactions = false;
    /// The senders of the transactions, in order; required (same length) for full objects.
    std::span<const Address> senders;
    /// The block hash; computed when absent.
    std::optional<Hash256> hash;
    /// The RLP size of the block; computed with encode_block() when absent.
    std::optional<uint64_t> size;
    /// "totalDifficulty", emitted when set (post-merge nodes have stopped emitting it).
    std::optional<uint256> total_difficulty;
    /// The timestamp is put on full transaction objects as "blockTimestamp" when set.
    bool transaction_timestamps = false;
    /// Called last with the finished object: the node adds its own members (the EXECUTE
    /// figures) here.
    std::function<void(nlohmann::json&)> extra;
};

/// The block object (eth_getBlockByNumber/Hash): header_to_json() plus size, transactions
/// (hashes, or full objects located in this block with the base fee applied), uncles (the
/// ommers' hashes), withdrawals when the body has them, totalDifficulty when given, then
/// `options.extra`. Precondition: options.senders has one address per transaction when
/// full_transactions is set (asserted).
[[nodiscard]] nlohmann::json block_to_json(const Block& block, const BlockJsonOptions& options);

/// A decoded block object.
struct RpcBlock
{
    Block block;                              ///< header, transactions (when full), withdrawals
    Hash256 hash;                             ///< "hash" as given
    std::vector<Hash256> transaction_hashes;  ///< one per transaction, both forms
    std::vector<Address> senders;             ///< one per transaction when full, else empty
    std::vector<Hash256> uncle_hashes;        ///< "uncles" (ommer headers are not in the JSON)
    std::optional<uint64_t> size;             ///< "size" when present
    std::optional<uint256> total_difficulty;  ///< "totalDifficulty" when present
    bool full_transactions = false;           ///< whether "transactions" held objects
};

/// Decodes a block object. Transactions may be hashes or full objects (not mixed; an empty list
/// counts as full).
[[nodiscard]] RpcBlock block_from_json(const nlohmann::json& j, std::string_view field = {});

// ---------------------------------------------------------------------------------------------
// Requests: calls and log filters
// ---------------------------------------------------------------------------------------------

/// A call or transaction request (eth_call, eth_estimateGas, eth_sendTransaction,
/// eth_createAccessList; go-ethereum's TransactionArgs): every member optional; defaults are the
/// node's business.
struct CallRequest
{
    std::optional<Address> from;                      ///< the caller
    std::optional<Address> to;                        ///< the callee; absent or null: creation
    std::optional<uint64_t> gas;                      ///< gas limit
    std::optional<uint256> gas_price;                 ///< legacy price
    std::optional<uint256> max_fee_per_gas;           ///< EIP-1559
    std::optional<uint256> max_priority_fee_per_gas;  ///< EIP-1559
    std::optional<uint256> max_fee_per_blob_gas;      ///< EIP-4844
    std::optional<uint256> value;                     ///< wei
    std::optional<uint64_t> nonce;                    ///< the sender's nonce
    /// Call data: "input", or its older name "data" (both given and different is an error).
    std::optional<Bytes> input;
    std::optional<AccessList> access_list;                         ///< EIP-2930
    std::optional<TxType> type;                                    ///< EIP-2718 type 0-4
    std::optional<uint64_t> chain_id;                              ///< EIP-155 / typed
    std::optional<std::vector<Authorization>> authorization_list;  ///< EIP-7702
    std::optional<std::vector<Hash256>> blob_versioned_hashes;     ///< EIP-4844

    friend bool operator==(const CallRequest&, const CallRequest&) = default;
};

/// Decodes a call request object. Null members count as absent. Errors: a non-object, a bad
/// member ("gas: hex string without 0x prefix"), `both "data" and "input" are set and not
/// equal. Please use "input" to pass transaction call data` (go-ethereum's text), an unknown
/// type ("type: transaction type not supported").
[[nodiscard]] CallRequest call_request_from_json(const nlohmann::json& j,
                                                 std::string_view field = {});

/// The object form of a request (members that are set; the call data as "input").
[[nodiscard]] nlohmann::json to_json(const CallRequest& request);

/// A log filter (eth_getLogs, eth_newFilter, "logs" subscriptions): a block range or one block
/// hash, addresses (any of), and topic positions, each a set of alternatives.
struct LogFilter
{
    std::optional<BlockNumberOrTag> from_block;  ///< "fromBlock"; the node's default when absent
    std::optional<BlockNumberOrTag> to_block;    ///< "toBlock"
    std::optional<Hash256> block_hash;           ///< EIP-234 "blockHash" (excludes the range)
    std::vector<Address> addresses;              ///< empty: any address
    /// Position i matches when empty (wildcard) or when the log's topic i is one of the
    /// alternatives. A log with fewer topics than positions never matches.
    std::vector<std::vector<Hash256>> topics;

    /// True when a log of `address` with `topics` passes the address and topic rules (the block
    /// rules are the caller's).
    [[nodiscard]] bool matches(const Address& address, std::span<const Bytes32> log_topics) const;
    /// matches() for a log.
    [[nodiscard]] bool matches(const execution::Log& log) const
    {
        return matches(log.address, log.topics);
    }
    /// False when a block with `bloom` certainly has no matching log (a bloom test on the
    /// addresses and each topic position); true when it may have one.
    [[nodiscard]] bool may_match(const Bloom& bloom) const;

    friend bool operator==(const LogFilter&, const LogFilter&) = default;
};

/// Decodes a filter object: {fromBlock, toBlock, address (one or an array), topics (each null,
/// a hash, or an array of hashes, a null in an array making the position a wildcard),
/// blockHash}. Errors: "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the
/// other", "exceed max topics" (more than 4), a bad member.
[[nodiscard]] LogFilter log_filter_from_json(const nlohmann::json& j, std::string_view field = {});

/// The object form of a filter (members that are set; single alternatives as plain hashes).
[[nodiscard]] nlohmann::json to_json(const LogFilter& filter);

/// True when `bloom` has the three bits of keccak256(value) set (Yellow Paper §4.3.1 M3:2048):
/// `value` may be in the set the bloom summarises.
[[nodiscard]] bool bloom_may_contain(const Bloom& bloom, BytesView value) noexcept;

}  // namespace ultra::rpc
