// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/receipt.hpp>
#include <vector>

/// The byte formats of the values ChainStore keeps (docs/storage.md § Formats). Every decoder is
/// strict and total: a damaged value is an error, never a crash.
namespace ultra::storage {

/// The big-endian 8 bytes of `block_num`: the key of the `canonical` table, which therefore
/// iterates in block order.
[[nodiscard]] Bytes block_num_key(uint64_t block_num);

/// Decodes block_num_key()'s output; std::nullopt unless exactly 8 bytes.
[[nodiscard]] std::optional<uint64_t> decode_block_num_key(BytesView key) noexcept;

/// The body of `block` as stored: the items of the block's RLP list after the header
/// ([transactions], [ommers] and, from Shanghai, [withdrawals]), back to back, without a list
/// header. decode_block_parts() rebuilds the block with the header's RLP.
[[nodiscard]] Bytes encode_body(const Block& block);

/// The block whose header RLP is `header_rlp` and stored body is `body`: decode_block() of the
/// block RLP they make together, so every rule of decode_block() applies.
[[nodiscard]] Result<Block, BlockDecodingError> decode_block_parts(BytesView header_rlp,
                                                                   BytesView body);

/// A block's receipts as stored: each with the hash of its transaction (eth_getLogs and
/// eth_getTransactionReceipt report it, and hashing a transaction means re-encoding it).
struct BlockReceipts
{
    std::vector<Hash256> tx_hashes;              ///< one per transaction, in block order
    std::vector<execution::TxReceipt> receipts;  ///< one per transaction, in block order

    friend bool operator==(const BlockReceipts&, const BlockReceipts&) = default;
};

/// The stored form of a block's receipts: rlp([[tx_hash...], [receipt...]]) with each receipt
/// rlp([type, status, cumulative_gas_used, gas_used, blob_gas_used, logs]). The bloom is not
/// stored: decode_receipts() recomputes it from the logs. Precondition: one hash per receipt.
[[nodiscard]] Bytes encode_receipts(std::span<const Hash256> tx_hashes,
                                    std::span<const execution::TxReceipt> receipts);

/// Decodes encode_receipts()'s output (blooms recomputed). kInvalidValue for an unknown type, a
/// status other than 0/1 or a hash count that differs from the receipt count.
[[nodiscard]] rlp::DecodingResult<BlockReceipts> decode_receipts(BytesView encoded);

/// Where a transaction is: its block and its position in it (the `tx_index` table's value).
struct TxLocation
{
    Hash256 block_hash;      ///< the block holding the transaction
    uint64_t block_num = 0;  ///< that block's number
    uint32_t index = 0;      ///< the transaction's position in the block

    friend bool operator==(const TxLocation&, const TxLocation&) = default;
};

/// block_hash ‖ be64(block_num) ‖ be32(index): 44 bytes.
[[nodiscard]] Bytes encode_tx_location(const TxLocation& loc);

/// Decodes encode_tx_location()'s output; std::nullopt unless exactly 44 bytes.
[[nodiscard]] std::optional<TxLocation> decode_tx_location(BytesView encoded) noexcept;

/// The head of the chain as ChainStore records it (`meta` key "head"): hash ‖ be64(number) ‖
/// state root, 72 bytes.
struct ChainHead
{
    Hash256 hash;         ///< the head block's hash
    uint64_t number = 0;  ///< its number
    Hash256 state_root;   ///< its post-state root (the flat state equals this state)

    friend bool operator==(const ChainHead&, const ChainHead&) = default;
};

/// The 72-byte stored form of a head.
[[nodiscard]] Bytes encode_head(const ChainHead& head);

/// Decodes encode_head()'s output; std::nullopt unless exactly 72 bytes.
[[nodiscard]] std::optional<ChainHead> decode_head(BytesView encoded) noexcept;

}  // namespace ultra::storage
