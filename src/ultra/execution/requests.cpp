// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "requests.hpp"

#include <ultra/crypto/sha256.hpp>

namespace ultra::execution {
namespace {

/// One `bytes` field of the DepositEvent ABI encoding: where its offset word sits in the head,
/// the offset it must hold, and the length its length prefix must hold.
struct DepositField
{
    size_t head_position;
    size_t offset;
    size_t size;
};

// EIP-6110: pubkey, withdrawal_credentials, amount, signature, index.
constexpr DepositField kDepositFields[] = {
    {0, 160, 48}, {32, 256, 32}, {64, 320, 8}, {96, 384, 96}, {128, 512, 8},
};

static_assert([] {
    size_t total = 0;
    for (const auto& f : kDepositFields) total += f.size;
    return total == kDepositRequestSize;
}());

/// Whether the 32-byte big-endian word at `data[pos..pos+32)` equals `value` (all 32 bytes, as
/// execution-specs Uint.from_be_bytes compares the whole word).
bool word_equals(BytesView data, size_t pos, size_t value) noexcept
{
    for (size_t i = 0; i < 24; ++i)
        if (data[pos + i] != 0) return false;
    uint64_t v = 0;
    for (size_t i = 24; i < 32; ++i) v = v << 8 | data[pos + i];
    return v == value;
}

}  // namespace

std::string_view to_string(DepositLayoutError e) noexcept
{
    switch (e) {
        case DepositLayoutError::kInvalidLength: return "invalid deposit event data length";
        case DepositLayoutError::kInvalidOffset: return "invalid field offset in deposit log";
        case DepositLayoutError::kInvalidSize: return "invalid field size in deposit log";
    }
    return "invalid deposit event layout";
}

Result<Bytes, DepositLayoutError> extract_deposit_data(BytesView data)
{
    if (data.size() != kDepositEventLength) return unexpected(DepositLayoutError::kInvalidLength);
    for (const auto& f : kDepositFields)
        if (!word_equals(data, f.head_position, f.offset))
            return unexpected(DepositLayoutError::kInvalidOffset);
    Bytes request;
    request.reserve(kDepositRequestSize);
    for (const auto& f : kDepositFields) {
        if (!word_equals(data, f.offset, f.size))
            return unexpected(DepositLayoutError::kInvalidSize);
        request += data.substr(f.offset + 32, f.size);
    }
    return request;
}

Result<Bytes, DepositLayoutError> parse_deposit_requests(std::span<const TxReceipt> receipts,
                                                         const Address& deposit_contract)
{
    Bytes requests;
    for (const auto& receipt : receipts) {
        for (const auto& log : receipt.logs) {
            if (log.address != deposit_contract) continue;
            if (log.topics.empty() || log.topics[0] != kDepositEventSignatureHash) continue;
            ULTRA_TRY(const Bytes request, extract_deposit_data(log.data));
            requests += request;
        }
    }
    return requests;
}

Hash256 compute_requests_hash(std::span<const Bytes> requests)
{
    Bytes hashes;
    hashes.reserve(32 * requests.size());
    for (const auto& r : requests) hashes += crypto::sha256(r).view();
    return crypto::sha256(hashes);
}

}  // namespace ultra::execution
