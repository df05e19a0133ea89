// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "receipt.hpp"

#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>

namespace ultra::execution {

Bytes encode_logs(std::span<const Log> logs)
{
    Bytes payload;
    for (const auto& log : logs) {
        Bytes item;
        rlp::encode(item, log.address);
        Bytes topics;
        for (const auto& t : log.topics) rlp::encode(topics, t);
        rlp::encode_list(item, topics);
        rlp::encode(item, log.data);
        rlp::encode_list(payload, item);
    }
    return rlp::wrap_list(payload);
}

Hash256 logs_hash(std::span<const Log> logs)
{
    return keccak256(encode_logs(logs));
}

namespace {
void bloom_add(Bloom& bloom, BytesView item) noexcept
{
    const Hash256 h = keccak256(item);
    for (size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((static_cast<unsigned>(h[i]) << 8) | h[i + 1]) & 2047u;
        bloom[255 - bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
}
}  // namespace

Bloom logs_bloom(std::span<const Log> logs) noexcept
{
    Bloom bloom;
    for (const auto& log : logs) {
        bloom_add(bloom, log.address);
        for (const auto& t : log.topics) bloom_add(bloom, t);
    }
    return bloom;
}

}  // namespace ultra::execution
