// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "witness.hpp"

#include <span>
#include <ultra/core/assert.hpp>
#include <ultra/core/rlp/encode.hpp>

namespace ultra::stateless {
namespace {

// The limits of one of the witness's three lists.
struct ListLimits
{
    size_t max_count;
    size_t max_size;
    StatelessErrorCode too_many;
    StatelessErrorCode too_large;
};

constexpr ListLimits kNodeLimits{kMaxWitnessNodes, kMaxWitnessNodeSize,
                                 StatelessErrorCode::kTooManyNodes,
                                 StatelessErrorCode::kNodeTooLarge};
constexpr ListLimits kCodeLimits{kMaxWitnessCodes, kMaxWitnessCodeSize,
                                 StatelessErrorCode::kTooManyCodes,
                                 StatelessErrorCode::kCodeTooLarge};
constexpr ListLimits kHeaderLimits{kMaxWitnessHeaders, kMaxWitnessHeaderSize,
                                   StatelessErrorCode::kTooManyHeaders,
                                   StatelessErrorCode::kHeaderTooLarge};

StatelessError malformed(rlp::DecodingError e)
{
    StatelessError err;
    err.code = StatelessErrorCode::kMalformedWitness;
    err.cause = e;
    return err;
}

StatelessError limit_exceeded(StatelessErrorCode code, size_t got, size_t limit)
{
    StatelessError err;
    err.code = code;
    err.got = uint64_t{got};
    err.expected = uint64_t{limit};
    return err;
}

void encode_items(Bytes& out, std::span<const Bytes> items, const ListLimits& limits)
{
    ULTRA_ASSERT(items.size() <= limits.max_count);
    Bytes payload;
    for (const Bytes& item : items) {
        ULTRA_ASSERT(!item.empty() && item.size() <= limits.max_size);
        rlp::encode(payload, item);
    }
    rlp::encode_list(out, payload);
}

// Decodes a list of non-empty byte strings from the front of `from`, within `limits`.
Result<std::vector<Bytes>, StatelessError> decode_items(BytesView& from, const ListLimits& limits)
{
    auto list = rlp::decode_list(from);
    if (!list) return unexpected(malformed(list.error()));
    BytesView payload = *list;
    std::vector<Bytes> items;
    while (!payload.empty()) {
        if (items.size() == limits.max_count)
            return unexpected(limit_exceeded(limits.too_many, items.size() + 1, limits.max_count));
        auto item = rlp::decode_string(payload);
        if (!item) return unexpected(malformed(item.error()));
        if (item->empty()) return unexpected(malformed(rlp::DecodingError::kInvalidValue));
        if (item->size() > limits.max_size)
            return unexpected(limit_exceeded(limits.too_large, item->size(), limits.max_size));
        items.emplace_back(*item);
    }
    return items;
}

}  // namespace

void encode_witness(Bytes& out, const ExecutionWitness& witness)
{
    Bytes payload;
    encode_items(payload, witness.state, kNodeLimits);
    encode_items(payload, witness.codes, kCodeLimits);
    encode_items(payload, witness.headers, kHeaderLimits);
    rlp::encode_list(out, payload);
}

Bytes encode_witness(const ExecutionWitness& witness)
{
    Bytes out;
    encode_witness(out, witness);
    return out;
}

Result<ExecutionWitness, StatelessError> decode_witness_item(BytesView& from)
{
    BytesView rest = from;
    auto list = rlp::decode_list(rest);
    if (!list) return unexpected(malformed(list.error()));
    BytesView payload = *list;
    ExecutionWitness witness;
    ULTRA_TRY(witness.state, decode_items(payload, kNodeLimits));
    ULTRA_TRY(witness.codes, decode_items(payload, kCodeLimits));
    ULTRA_TRY(witness.headers, decode_items(payload, kHeaderLimits));
    if (!payload.empty()) return unexpected(malformed(rlp::DecodingError::kListLengthMismatch));
    from = rest;
    return witness;
}

Result<ExecutionWitness, StatelessError> decode_witness(BytesView encoded)
{
    ULTRA_TRY(ExecutionWitness witness, decode_witness_item(encoded));
    if (!encoded.empty()) return unexpected(malformed(rlp::DecodingError::kInputTooLong));
    return witness;
}

}  // namespace ultra::stateless
