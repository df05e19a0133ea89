// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/stateless/witness.hpp>
#include <vector>

#include "errors.hpp"

namespace ultra::execute {

/// EXECUTE's trace (SPEC.md § EXECUTE): the L2 block and the witness to execute it from.
struct Trace
{
    BlockHeader header;                     ///< the L2 header, in the format of its fork
    std::vector<Transaction> transactions;  ///< the L2 transactions, in block order
    stateless::ExecutionWitness witness;    ///< nodes, codes and ancestor headers (keys unused)

    friend bool operator==(const Trace&, const Trace&) = default;
};

/// RLP [header, [tx_0, tx_1, ...], witness] where each tx_i is an RLP byte string holding the
/// transaction's canonical encoding (encode_transaction(): the typed envelope, or a legacy
/// transaction's RLP list) and the witness is [nodes, codes, headers]
/// (stateless::encode_witness(); `keys` is not encoded). Preconditions: the witness within its
/// limits (asserted by encode_witness()).
[[nodiscard]] Bytes encode_trace(const Trace& trace);

/// Strict decoding of encode_trace()'s bytes: the outer list exactly filled and nothing after
/// it (kMalformedTrace), a canonical header (kMalformedHeader), each transaction a byte string
/// whose payload is exactly one canonical transaction (kMalformedTransaction with its index),
/// the witness within its limits (kMalformedWitness). Never crashes; allocates in proportion to
/// the input.
[[nodiscard]] Result<Trace, ExecuteError> decode_trace(BytesView encoded);

}  // namespace ultra::execute
