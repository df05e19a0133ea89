// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "trace.hpp"

#include <ultra/core/rlp/encode.hpp>

namespace ultra::execute {
namespace {

ExecuteError rlp_error(ExecuteErrorCode code, rlp::DecodingError reason)
{
    ExecuteError e = ExecuteError::of(code);
    e.rlp = reason;
    return e;
}

ExecuteError tx_error(size_t index, TxError reason)
{
    ExecuteError e = ExecuteError::of(ExecuteErrorCode::kMalformedTransaction);
    e.index = index;
    e.tx = reason;
    return e;
}

}  // namespace

Bytes encode_trace(const Trace& trace)
{
    Bytes payload = encode_block_header(trace.header);
    Bytes txs;
    for (const Transaction& tx : trace.transactions) rlp::encode(txs, encode_transaction(tx));
    rlp::encode_list(payload, txs);
    stateless::encode_witness(payload, trace.witness);
    return rlp::wrap_list(payload);
}

Result<Trace, ExecuteError> decode_trace(BytesView encoded)
{
    BytesView rest = encoded;
    auto outer = rlp::decode_list(rest);
    if (!outer) return unexpected(rlp_error(ExecuteErrorCode::kMalformedTrace, outer.error()));
    if (!rest.empty())
        return unexpected(
            rlp_error(ExecuteErrorCode::kMalformedTrace, rlp::DecodingError::kInputTooLong));
    BytesView items = *outer;

    Trace trace;
    auto header = decode_block_header_item(items);
    if (!header) return unexpected(rlp_error(ExecuteErrorCode::kMalformedHeader, header.error()));
    trace.header = std::move(*header);

    auto txs = rlp::decode_list(items);
    if (!txs) return unexpected(rlp_error(ExecuteErrorCode::kMalformedTrace, txs.error()));
    for (size_t i = 0; !txs->empty(); ++i) {
        const auto envelope = rlp::decode_string(*txs);
        if (!envelope) return unexpected(tx_error(i, TxError::kRlpMalformed));
        auto tx = decode_transaction(*envelope);
        if (!tx) return unexpected(tx_error(i, tx.error()));
        trace.transactions.push_back(std::move(*tx));
    }

    auto witness = stateless::decode_witness_item(items);
    if (!witness) {
        ExecuteError e = ExecuteError::of(ExecuteErrorCode::kMalformedWitness);
        e.witness = witness.error();
        return unexpected(std::move(e));
    }
    trace.witness = std::move(*witness);

    if (!items.empty())
        return unexpected(
            rlp_error(ExecuteErrorCode::kMalformedTrace, rlp::DecodingError::kListLengthMismatch));
    return trace;
}

}  // namespace ultra::execute
