// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "block.hpp"

#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/core/types/rlp_u256.hpp>

namespace ultra {

namespace {

using rlp::DecodingError;

/// Appends the fields every header has, up to and including extra_data (the seal hash stops
/// there, before mix_hash and nonce).
void encode_fields_before_seal(Bytes& out, const BlockHeader& h)
{
    rlp::encode(out, h.parent_hash);
    rlp::encode(out, h.ommers_hash);
    rlp::encode(out, h.coinbase);
    rlp::encode(out, h.state_root);
    rlp::encode(out, h.transactions_root);
    rlp::encode(out, h.receipts_root);
    rlp::encode(out, h.logs_bloom);
    rlp::encode_u256(out, h.difficulty);
    rlp::encode(out, h.number);
    rlp::encode(out, h.gas_limit);
    rlp::encode(out, h.gas_used);
    rlp::encode(out, h.timestamp);
    rlp::encode(out, BytesView{h.extra_data});
}

/// The number of optional fields `h` has: the length of the present prefix of the optional list.
/// Asserts that no optional field follows an absent one.
size_t optional_field_count(const BlockHeader& h) noexcept
{
    const bool present[] = {
        h.base_fee_per_gas.has_value(),
        h.withdrawals_root.has_value(),
        h.blob_gas_used.has_value(),
        h.excess_blob_gas.has_value(),
        h.parent_beacon_block_root.has_value(),
        h.requests_hash.has_value(),
    };
    size_t count = 0;
    while (count < std::size(present) && present[count]) ++count;
    for (size_t i = count; i < std::size(present); ++i) ULTRA_ASSERT(!present[i]);
    return count;
}

/// Decodes the next field of a list payload; an exhausted payload means the list has too few
/// fields.
template <typename F>
auto next_field(BytesView& payload, F&& decode) -> decltype(decode(payload))
{
    if (payload.empty()) return unexpected(DecodingError::kListLengthMismatch);
    return decode(payload);
}

rlp::DecodingResult<Hash256> decode_hash(BytesView& from) noexcept
{
    return rlp::decode_fixed<32>(from);
}

}  // namespace

uint64_t BlockHeader::nonce_value() const noexcept
{
    uint64_t v = 0;
    for (const uint8_t b : nonce.bytes) v = (v << 8) | b;
    return v;
}

void encode_block_header(Bytes& out, const BlockHeader& h)
{
    Bytes payload;
    payload.reserve(600);
    encode_fields_before_seal(payload, h);
    rlp::encode(payload, h.mix_hash);
    rlp::encode(payload, h.nonce);
    const size_t optionals = optional_field_count(h);
    if (optionals > 0) rlp::encode_u256(payload, *h.base_fee_per_gas);
    if (optionals > 1) rlp::encode(payload, *h.withdrawals_root);
    if (optionals > 2) rlp::encode(payload, *h.blob_gas_used);
    if (optionals > 3) rlp::encode(payload, *h.excess_blob_gas);
    if (optionals > 4) rlp::encode(payload, *h.parent_beacon_block_root);
    if (optionals > 5) rlp::encode(payload, *h.requests_hash);
    rlp::encode_list(out, payload);
}

Bytes encode_block_header(const BlockHeader& header)
{
    Bytes out;
    encode_block_header(out, header);
    return out;
}

rlp::DecodingResult<BlockHeader> decode_block_header_item(BytesView& from) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(BytesView payload, rlp::decode_list(rest));

    BlockHeader h;
    ULTRA_TRY(h.parent_hash, next_field(payload, decode_hash));
    ULTRA_TRY(h.ommers_hash, next_field(payload, decode_hash));
    ULTRA_TRY(h.coinbase, next_field(payload, rlp::decode_fixed<20>));
    ULTRA_TRY(h.state_root, next_field(payload, decode_hash));
    ULTRA_TRY(h.transactions_root, next_field(payload, decode_hash));
    ULTRA_TRY(h.receipts_root, next_field(payload, decode_hash));
    ULTRA_TRY(h.logs_bloom, next_field(payload, rlp::decode_fixed<256>));
    ULTRA_TRY(h.difficulty, next_field(payload, rlp::decode_u256));
    ULTRA_TRY(h.number, next_field(payload, rlp::decode_uint64));
    ULTRA_TRY(h.gas_limit, next_field(payload, rlp::decode_uint64));
    ULTRA_TRY(h.gas_used, next_field(payload, rlp::decode_uint64));
    ULTRA_TRY(h.timestamp, next_field(payload, rlp::decode_uint64));
    ULTRA_TRY(const BytesView extra, next_field(payload, rlp::decode_string));
    h.extra_data = Bytes{extra};
    ULTRA_TRY(h.mix_hash, next_field(payload, decode_hash));
    ULTRA_TRY(h.nonce, next_field(payload, rlp::decode_fixed<8>));

    // The optional fields, in order, as many as the list holds (the field count decides).
    if (!payload.empty()) {
        ULTRA_TRY(h.base_fee_per_gas, rlp::decode_u256(payload));
    }
    if (!payload.empty()) {
        ULTRA_TRY(h.withdrawals_root, decode_hash(payload));
    }
    if (!payload.empty()) {
        ULTRA_TRY(h.blob_gas_used, rlp::decode_uint64(payload));
    }
    if (!payload.empty()) {
        ULTRA_TRY(h.excess_blob_gas, rlp::decode_uint64(payload));
    }
    if (!payload.empty()) {
        ULTRA_TRY(h.parent_beacon_block_root, decode_hash(payload));
    }
    if (!payload.empty()) {
        ULTRA_TRY(h.requests_hash, decode_hash(payload));
    }
    if (!payload.empty()) return unexpected(DecodingError::kListLengthMismatch);

    from = rest;
    return h;
}

rlp::DecodingResult<BlockHeader> decode_block_header(BytesView encoded) noexcept
{
    ULTRA_TRY(BlockHeader h, decode_block_header_item(encoded));
    ULTRA_TRY_VOID(rlp::expect_end(encoded));
    return h;
}

Hash256 header_hash(const BlockHeader& header)
{
    return keccak256(encode_block_header(header));
}

Hash256 seal_hash(const BlockHeader& header)
{
    Bytes payload;
    payload.reserve(600);
    encode_fields_before_seal(payload, header);
    if (header.base_fee_per_gas) rlp::encode_u256(payload, *header.base_fee_per_gas);
    return keccak256(rlp::wrap_list(payload));
}

Hash256 ommers_hash(const std::vector<BlockHeader>& ommers)
{
    Bytes payload;
    for (const auto& o : ommers) encode_block_header(payload, o);
    return keccak256(rlp::wrap_list(payload));
}

void encode_withdrawal(Bytes& out, const Withdrawal& w)
{
    Bytes payload;
    rlp::encode(payload, w.index);
    rlp::encode(payload, w.validator_index);
    rlp::encode(payload, w.address);
    rlp::encode(payload, w.amount);
    rlp::encode_list(out, payload);
}

rlp::DecodingResult<Withdrawal> decode_withdrawal_item(BytesView& from) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(BytesView payload, rlp::decode_list(rest));
    Withdrawal w;
    ULTRA_TRY(w.index, next_field(payload, rlp::decode_uint64));
    ULTRA_TRY(w.validator_index, next_field(payload, rlp::decode_uint64));
    ULTRA_TRY(w.address, next_field(payload, rlp::decode_fixed<20>));
    ULTRA_TRY(w.amount, next_field(payload, rlp::decode_uint64));
    if (!payload.empty()) return unexpected(DecodingError::kListLengthMismatch);
    from = rest;
    return w;
}

namespace {

/// decode_block() with RLP errors as rlp::DecodingError; transaction errors are reported through
/// `tx_failure`.
rlp::DecodingResult<Block> decode_block_impl(BytesView encoded,
                                             std::optional<BlockDecodingError>& tx_failure) noexcept
{
    ULTRA_TRY(BytesView payload, rlp::decode_list(encoded));
    ULTRA_TRY_VOID(rlp::expect_end(encoded));

    Block block;
    ULTRA_TRY(block.header, next_field(payload, decode_block_header_item));

    ULTRA_TRY(BytesView txs, next_field(payload, rlp::decode_list));
    for (size_t i = 0; !txs.empty(); ++i) {
        auto tx = decode_transaction_item(txs);
        if (!tx) {
            tx_failure = BlockDecodingError{DecodingError::kInvalidValue, tx.error(), i};
            return unexpected(DecodingError::kInvalidValue);
        }
        block.transactions.push_back(std::move(tx).value());
    }

    ULTRA_TRY(BytesView ommers, next_field(payload, rlp::decode_list));
    while (!ommers.empty()) {
        ULTRA_TRY(BlockHeader ommer, decode_block_header_item(ommers));
        block.ommers.push_back(std::move(ommer));
    }

    if (!payload.empty()) {  // EIP-4895: the withdrawals list
        ULTRA_TRY(BytesView withdrawals, rlp::decode_list(payload));
        block.withdrawals.emplace();
        while (!withdrawals.empty()) {
            ULTRA_TRY(const Withdrawal w, decode_withdrawal_item(withdrawals));
            block.withdrawals->push_back(w);
        }
    }
    if (!payload.empty()) return unexpected(DecodingError::kListLengthMismatch);
    return block;
}

}  // namespace

Result<Block, BlockDecodingError> decode_block(BytesView encoded) noexcept
{
    std::optional<BlockDecodingError> tx_failure;
    auto block = decode_block_impl(encoded, tx_failure);
    if (tx_failure) return unexpected(*tx_failure);
    if (!block) return unexpected(BlockDecodingError{block.error(), std::nullopt, 0});
    return std::move(block).value();
}

Bytes encode_block(const Block& block)
{
    Bytes payload;
    encode_block_header(payload, block.header);
    Bytes items;
    for (const auto& tx : block.transactions) encode_transaction_item(items, tx);
    rlp::encode_list(payload, items);
    items.clear();
    for (const auto& ommer : block.ommers) encode_block_header(items, ommer);
    rlp::encode_list(payload, items);
    if (block.withdrawals) {
        items.clear();
        for (const auto& w : *block.withdrawals) encode_withdrawal(items, w);
        rlp::encode_list(payload, items);
    }
    return rlp::wrap_list(payload);
}

}  // namespace ultra
