// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/storage/encoding.hpp>

#include "helpers.hpp"

namespace ultra::storage {
namespace {

using namespace ultra::literals;

TEST(StorageEncoding, BlockNumKeysSortInBlockOrder)
{
    EXPECT_EQ(block_num_key(0x0102), "0000000000000102"_hex);
    EXPECT_LT(block_num_key(255), block_num_key(256));
    EXPECT_EQ(decode_block_num_key(block_num_key(123456789)), 123456789u);
    EXPECT_FALSE(decode_block_num_key("0102"_hex).has_value());
}

TEST(StorageEncoding, BodyRoundTripsWithAndWithoutWithdrawals)
{
    std::mt19937_64 rng{1};
    Block block = test::make_genesis(state::InMemoryState{});
    block.header.number = 7;
    for (uint64_t i = 0; i < 3; ++i) block.transactions.push_back(test::make_tx(rng, i));
    block.withdrawals->push_back(
        Withdrawal{1, 2, "0x00000000000000000000000000000000000000aa"_addr, 3});

    const Bytes header_rlp = encode_block_header(block.header);
    const Bytes body = encode_body(block);
    // The stored body is the block's RLP payload without the header.
    Bytes payload = header_rlp;
    payload += body;
    EXPECT_EQ(rlp::wrap_list(payload), encode_block(block));
    const auto decoded = decode_block_parts(header_rlp, body);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, block);

    // A pre-Shanghai block has no withdrawals list; an empty body is three empty lists.
    Block legacy;
    legacy.header = block.header;
    legacy.header.base_fee_per_gas.reset();
    legacy.header.withdrawals_root.reset();
    legacy.header.blob_gas_used.reset();
    legacy.header.excess_blob_gas.reset();
    legacy.header.parent_beacon_block_root.reset();
    legacy.header.requests_hash.reset();
    EXPECT_EQ(encode_body(legacy), "c0c0"_hex);
    const auto legacy_decoded =
        decode_block_parts(encode_block_header(legacy.header), encode_body(legacy));
    ASSERT_TRUE(legacy_decoded.has_value());
    EXPECT_EQ(*legacy_decoded, legacy);

    // A damaged body is an error, not a crash.
    EXPECT_FALSE(decode_block_parts(header_rlp, "c0"_hex).has_value());
    EXPECT_FALSE(decode_block_parts(header_rlp, body.substr(0, body.size() - 1)).has_value());
}

TEST(StorageEncoding, ReceiptsRoundTripWithRecomputedBlooms)
{
    std::mt19937_64 rng{2};
    std::vector<execution::TxReceipt> receipts;
    std::vector<Hash256> hashes;
    for (uint64_t i = 0; i < 20; ++i) {
        receipts.push_back(test::make_receipt(rng, 21000 * (i + 1)));
        receipts.back().blob_gas_used = i % 3 == 0 ? 131072 : 0;
        receipts.back().type = static_cast<TxType>(i % 5);
        hashes.push_back(test::random_fixed<32>(rng));
    }
    const Bytes encoded = encode_receipts(hashes, receipts);
    const auto decoded = decode_receipts(encoded);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->tx_hashes, hashes);
    EXPECT_EQ(decoded->receipts.size(), receipts.size());
    for (size_t i = 0; i < receipts.size(); ++i) {
        const auto& a = decoded->receipts[i];
        const auto& b = receipts[i];
        EXPECT_EQ(a.type, b.type);
        EXPECT_EQ(a.success, b.success);
        EXPECT_EQ(a.gas_used, b.gas_used);
        EXPECT_EQ(a.cumulative_gas_used, b.cumulative_gas_used);
        EXPECT_EQ(a.blob_gas_used, b.blob_gas_used);
        EXPECT_EQ(a.logs, b.logs);
        EXPECT_EQ(a.bloom, b.bloom);
    }

    const auto empty = decode_receipts(encode_receipts({}, {}));
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->receipts.empty());

    // Damaged values: truncated, trailing bytes, an unknown type, a status of 2, a hash missing.
    EXPECT_FALSE(decode_receipts(encoded.substr(0, encoded.size() - 1)).has_value());
    EXPECT_FALSE(decode_receipts(encoded + Bytes{0x00}).has_value());
    // [[hash...], [[type, status, 0, 0, 0, []]]] with a chosen hash count, type and status.
    auto raw = [](size_t hash_count, uint64_t type, uint64_t status) {
        Bytes hash_items;
        for (size_t i = 0; i < hash_count; ++i) rlp::encode(hash_items, Hash256{});
        Bytes fields;
        rlp::encode(fields, type);
        rlp::encode(fields, status);
        for (int i = 0; i < 3; ++i) rlp::encode(fields, uint64_t{0});
        rlp::encode_list(fields, Bytes{});
        Bytes receipt;
        rlp::encode_list(receipt, fields);
        Bytes payload;
        rlp::encode_list(payload, hash_items);
        rlp::encode_list(payload, receipt);
        return rlp::wrap_list(payload);
    };
    EXPECT_TRUE(decode_receipts(raw(1, 2, 1)).has_value());
    EXPECT_FALSE(decode_receipts(raw(1, 5, 1)).has_value());  // unknown type
    EXPECT_FALSE(decode_receipts(raw(1, 2, 2)).has_value());  // status 2
    EXPECT_FALSE(decode_receipts(raw(0, 2, 1)).has_value());  // a hash missing
    EXPECT_FALSE(decode_receipts(raw(2, 2, 1)).has_value());  // a hash too many
    EXPECT_FALSE(decode_receipts("0102"_hex).has_value());
}

TEST(StorageEncoding, TxLocationAndHead)
{
    const TxLocation loc{"0x1111111111111111111111111111111111111111111111111111111111111111"_b32,
                         0x0102030405, 0x0a0b};
    const Bytes encoded = encode_tx_location(loc);
    EXPECT_EQ(encoded.size(), 44u);
    EXPECT_EQ(encoded.substr(32),
              "0000000102030405"
              "00000a0b"_hex);
    EXPECT_EQ(decode_tx_location(encoded), loc);
    EXPECT_FALSE(decode_tx_location(encoded.substr(1)).has_value());

    const ChainHead head{"0x2222222222222222222222222222222222222222222222222222222222222222"_b32,
                         99,
                         "0x3333333333333333333333333333333333333333333333333333333333333333"_b32};
    EXPECT_EQ(decode_head(encode_head(head)), head);
    EXPECT_FALSE(decode_head(encode_head(head) + Bytes{1}).has_value());
}

}  // namespace
}  // namespace ultra::storage
