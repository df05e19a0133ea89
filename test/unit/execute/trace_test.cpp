// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The trace RLP [header, [tx envelopes as byte strings], witness]: round trips, encodings
// assembled by hand from RLP's rules (Yellow Paper Appendix B), and malformed inputs.

#include <gtest/gtest.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/execute/trace.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::execute {
namespace {

using namespace ultra::literals;

const Bytes32 kKey = "0x4646464646464646464646464646464646464646464646464646464646464646"_b32;

Trace sample_trace()
{
    Trace t;
    t.header = test::genesis_header(Revision::kPrague, state::InMemoryState{}, 30'000'000);
    t.header.number = 1;
    Transaction legacy;
    legacy.chain_id = 5;
    legacy.nonce = 1;
    legacy.set_gas_price(10);
    legacy.gas_limit = 21'000;
    legacy.to = "0x0000000000000000000000000000000000000b0b"_addr;
    legacy.value = 1;
    test::sign_tx(legacy, kKey);
    Transaction dynamic;
    dynamic.type = TxType::kDynamicFee;
    dynamic.chain_id = 5;
    dynamic.max_fee_per_gas = 100;
    dynamic.max_priority_fee_per_gas = 1;
    dynamic.gas_limit = 50'000;
    dynamic.data = "0xdeadbeef"_hex;
    test::sign_tx(dynamic, kKey);
    t.transactions = {legacy, dynamic};
    t.witness.state = {"0xc20102"_hex, "0xc3010203"_hex};
    t.witness.codes = {"0x6001"_hex};
    t.witness.headers = {encode_block_header(t.header)};
    return t;
}

Bytes list_of(std::initializer_list<BytesView> items)
{
    Bytes payload;
    for (const BytesView i : items) payload += i;
    return rlp::wrap_list(payload);
}

Bytes string_of(BytesView s)
{
    Bytes out;
    rlp::encode(out, s);
    return out;
}

TEST(ExecuteTrace, EncodingIsTheListOfHeaderTransactionsWitness)
{
    const Trace t = sample_trace();
    // Each transaction is a byte string holding its canonical encoding, the legacy one too.
    const Bytes txs = list_of({string_of(encode_transaction(t.transactions[0])),
                               string_of(encode_transaction(t.transactions[1]))});
    const Bytes witness = list_of(
        {list_of({string_of(t.witness.state[0]), string_of(t.witness.state[1])}),
         list_of({string_of(t.witness.codes[0])}), list_of({string_of(t.witness.headers[0])})});
    const Bytes expected = list_of({encode_block_header(t.header), txs, witness});
    EXPECT_EQ(to_hex(encode_trace(t)), to_hex(expected));
}

TEST(ExecuteTrace, RoundTrips)
{
    const Trace t = sample_trace();
    const auto decoded = decode_trace(encode_trace(t));
    ASSERT_TRUE(decoded) << to_string(decoded.error());
    EXPECT_EQ(*decoded, t);

    Trace empty;
    empty.header = t.header;
    const auto e = decode_trace(encode_trace(empty));
    ASSERT_TRUE(e);
    EXPECT_EQ(*e, empty);
}

ExecuteError trace_error(BytesView b)
{
    const auto r = decode_trace(b);
    EXPECT_FALSE(r);
    return r ? ExecuteError{} : r.error();
}

TEST(ExecuteTrace, MalformedRlp)
{
    const Trace t = sample_trace();
    const Bytes header = encode_block_header(t.header);
    const Bytes txs = list_of({string_of(encode_transaction(t.transactions[0]))});
    const Bytes witness = stateless::encode_witness(t.witness);
    const Bytes good = list_of({header, txs, witness});
    ASSERT_TRUE(decode_trace(good));

    // Not a list; truncated; trailing bytes.
    ExecuteError e = trace_error("0x80"_hex);
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTrace);
    EXPECT_EQ(e.rlp, rlp::DecodingError::kUnexpectedString);
    e = trace_error(BytesView{good}.substr(0, good.size() - 1));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTrace);
    EXPECT_EQ(e.rlp, rlp::DecodingError::kInputTooShort);
    Bytes trailing = good;
    trailing.push_back(0x00);
    e = trace_error(trailing);
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTrace);
    EXPECT_EQ(e.rlp, rlp::DecodingError::kInputTooLong);

    // A fourth item.
    e = trace_error(list_of({header, txs, witness, "0x80"_hex}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTrace);
    EXPECT_EQ(e.rlp, rlp::DecodingError::kListLengthMismatch);

    // The header is not one.
    e = trace_error(list_of({"0xc0"_hex, txs, witness}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedHeader);

    // Transactions: not a list; a legacy list not wrapped in a string; a string with junk.
    e = trace_error(list_of({header, "0x80"_hex, witness}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTrace);
    e = trace_error(list_of({header, list_of({encode_transaction(t.transactions[0])}), witness}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTransaction);
    EXPECT_EQ(e.index, 0u);
    Bytes junk_tx = encode_transaction(t.transactions[1]);
    junk_tx.push_back(0x00);
    e = trace_error(list_of(
        {header, list_of({string_of(encode_transaction(t.transactions[0])), string_of(junk_tx)}),
         witness}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedTransaction);
    EXPECT_EQ(e.index, 1u);
    EXPECT_TRUE(e.tx.has_value());

    // The witness: missing, or with an empty node.
    e = trace_error(list_of({header, txs}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedWitness);
    e = trace_error(
        list_of({header, txs, list_of({list_of({"0x80"_hex}), "0xc0"_hex, "0xc0"_hex})}));
    EXPECT_EQ(e.code, ExecuteErrorCode::kMalformedWitness);
    ASSERT_TRUE(e.witness.has_value());
}

TEST(ExecuteTrace, RandomMutationsNeverCrash)
{
    const Bytes good = encode_trace(sample_trace());
    std::mt19937_64 rng{77};
    for (uint64_t i = 0; i < ultra::test::scaled(20'000); ++i) {
        Bytes b = good;
        for (uint64_t k = 1 + rng() % 4; k > 0; --k)
            b[rng() % b.size()] = static_cast<uint8_t>(rng());
        if (rng() % 3 == 0) b.resize(rng() % b.size());
        const auto r = decode_trace(b);
        if (r) {
            ASSERT_EQ(encode_trace(*r), b);  // strict: only canonical encodings decode
        } else {
            ASSERT_FALSE(to_string(r.error()).empty());
        }
    }
}

}  // namespace
}  // namespace ultra::execute
