// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "encoding.hpp"

#include <ultra/core/assert.hpp>
#include <ultra/core/rlp/encode.hpp>

namespace ultra::storage {
namespace {

void put_be(Bytes& out, uint64_t v, size_t width)
{
    for (size_t i = width; i > 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * (i - 1))));
}

uint64_t get_be(BytesView in, size_t offset, size_t width) noexcept
{
    uint64_t v = 0;
    for (size_t i = 0; i < width; ++i) v = (v << 8) | in[offset + i];
    return v;
}

rlp::DecodingResult<std::vector<execution::Log>> decode_logs(BytesView& from)
{
    ULTRA_TRY(BytesView items, rlp::decode_list(from));
    std::vector<execution::Log> logs;
    while (!items.empty()) {
        ULTRA_TRY(BytesView fields, rlp::decode_list(items));
        execution::Log log;
        ULTRA_TRY(log.address, rlp::decode_fixed<20>(fields));
        ULTRA_TRY(BytesView topics, rlp::decode_list(fields));
        while (!topics.empty()) {
            ULTRA_TRY(const Bytes32 topic, rlp::decode_fixed<32>(topics));
            log.topics.push_back(topic);
        }
        ULTRA_TRY(const BytesView data, rlp::decode_string(fields));
        log.data.assign(data);
        ULTRA_TRY_VOID(rlp::expect_end(fields));
        logs.push_back(std::move(log));
    }
    return logs;
}

rlp::DecodingResult<execution::TxReceipt> decode_receipt(BytesView& from)
{
    ULTRA_TRY(BytesView fields, rlp::decode_list(from));
    execution::TxReceipt r;
    ULTRA_TRY(const uint64_t type, rlp::decode_uint64(fields));
    if (type > static_cast<uint64_t>(TxType::kSetCode))
        return unexpected(rlp::DecodingError::kInvalidValue);
    r.type = static_cast<TxType>(type);
    ULTRA_TRY(const uint64_t status, rlp::decode_uint64(fields));
    if (status > 1) return unexpected(rlp::DecodingError::kInvalidValue);
    r.success = status == 1;
    ULTRA_TRY(r.cumulative_gas_used, rlp::decode_uint64(fields));
    ULTRA_TRY(r.gas_used, rlp::decode_uint64(fields));
    ULTRA_TRY(r.blob_gas_used, rlp::decode_uint64(fields));
    ULTRA_TRY(r.logs, decode_logs(fields));
    ULTRA_TRY_VOID(rlp::expect_end(fields));
    r.bloom = execution::logs_bloom(r.logs);
    return r;
}

}  // namespace

Bytes block_num_key(uint64_t block_num)
{
    Bytes out;
    put_be(out, block_num, 8);
    return out;
}

std::optional<uint64_t> decode_block_num_key(BytesView key) noexcept
{
    if (key.size() != 8) return std::nullopt;
    return get_be(key, 0, 8);
}

Bytes encode_body(const Block& block)
{
    // The block's RLP list payload minus its first item (the header).
    const Bytes rlp = encode_block(block);
    BytesView rest = rlp;
    const auto payload = rlp::decode_list(rest);
    ULTRA_ASSERT(payload.has_value());
    BytesView items = *payload;
    const auto header = rlp::decode_raw(items);
    ULTRA_ASSERT(header.has_value());
    return Bytes{items};
}

Result<Block, BlockDecodingError> decode_block_parts(BytesView header_rlp, BytesView body)
{
    Bytes payload;
    payload.reserve(header_rlp.size() + body.size());
    payload.append(header_rlp);
    payload.append(body);
    return decode_block(rlp::wrap_list(payload));
}

Bytes encode_receipts(std::span<const Hash256> tx_hashes,
                      std::span<const execution::TxReceipt> receipts)
{
    ULTRA_ASSERT(tx_hashes.size() == receipts.size());
    Bytes hashes;
    for (const Hash256& h : tx_hashes) rlp::encode(hashes, h);
    Bytes items;
    for (const execution::TxReceipt& r : receipts) {
        Bytes fields;
        rlp::encode(fields, static_cast<uint64_t>(r.type));
        rlp::encode(fields, uint64_t{r.success ? 1u : 0u});
        rlp::encode(fields, r.cumulative_gas_used);
        rlp::encode(fields, r.gas_used);
        rlp::encode(fields, r.blob_gas_used);
        fields.append(execution::encode_logs(r.logs));
        rlp::encode_list(items, fields);
    }
    Bytes payload;
    rlp::encode_list(payload, hashes);
    rlp::encode_list(payload, items);
    return rlp::wrap_list(payload);
}

rlp::DecodingResult<BlockReceipts> decode_receipts(BytesView encoded)
{
    ULTRA_TRY(BytesView payload, rlp::decode_list(encoded));
    ULTRA_TRY_VOID(rlp::expect_end(encoded));
    BlockReceipts out;
    ULTRA_TRY(BytesView hashes, rlp::decode_list(payload));
    while (!hashes.empty()) {
        ULTRA_TRY(const Hash256 h, rlp::decode_fixed<32>(hashes));
        out.tx_hashes.push_back(h);
    }
    ULTRA_TRY(BytesView items, rlp::decode_list(payload));
    while (!items.empty()) {
        ULTRA_TRY(execution::TxReceipt r, decode_receipt(items));
        out.receipts.push_back(std::move(r));
    }
    ULTRA_TRY_VOID(rlp::expect_end(payload));
    if (out.tx_hashes.size() != out.receipts.size())
        return unexpected(rlp::DecodingError::kInvalidValue);
    return out;
}

Bytes encode_tx_location(const TxLocation& loc)
{
    Bytes out{loc.block_hash.view()};
    put_be(out, loc.block_num, 8);
    put_be(out, loc.index, 4);
    return out;
}

std::optional<TxLocation> decode_tx_location(BytesView encoded) noexcept
{
    if (encoded.size() != 44) return std::nullopt;
    TxLocation loc;
    loc.block_hash = Hash256::from_view(encoded.substr(0, 32));
    loc.block_num = get_be(encoded, 32, 8);
    loc.index = static_cast<uint32_t>(get_be(encoded, 40, 4));
    return loc;
}

Bytes encode_head(const ChainHead& head)
{
    Bytes out{head.hash.view()};
    put_be(out, head.number, 8);
    out.append(head.state_root.view());
    return out;
}

std::optional<ChainHead> decode_head(BytesView encoded) noexcept
{
    if (encoded.size() != 72) return std::nullopt;
    ChainHead head;
    head.hash = Hash256::from_view(encoded.substr(0, 32));
    head.number = get_be(encoded, 32, 8);
    head.state_root = Hash256::from_view(encoded.substr(40, 32));
    return head;
}

}  // namespace ultra::storage
