// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "logs.hpp"

#include <algorithm>
#include <ultra/core/keccak.hpp>

namespace ultra::storage {

bool bloom_contains(const Bloom& bloom, BytesView item) noexcept
{
    // The three bits are the low 11 bits of the first three byte pairs of keccak256(item),
    // counted from the bloom's last byte.
    const Hash256 h = keccak256(item);
    for (size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((static_cast<unsigned>(h[i]) << 8) | h[i + 1]) & 2047u;
        if ((bloom[255 - bit / 8] & (1u << (bit % 8))) == 0) return false;
    }
    return true;
}

bool LogFilter::may_match(const Bloom& bloom) const noexcept
{
    if (!addresses.empty() &&
        std::none_of(addresses.begin(), addresses.end(),
                     [&](const Address& a) { return bloom_contains(bloom, a); }))
        return false;
    for (const auto& alternatives : topics) {
        if (alternatives.empty()) continue;
        if (std::none_of(alternatives.begin(), alternatives.end(),
                         [&](const Bytes32& t) { return bloom_contains(bloom, t); }))
            return false;
    }
    return true;
}

bool LogFilter::matches(const execution::Log& log) const noexcept
{
    if (!addresses.empty() &&
        std::find(addresses.begin(), addresses.end(), log.address) == addresses.end())
        return false;
    for (size_t i = 0; i < topics.size(); ++i) {
        if (topics[i].empty()) continue;
        if (i >= log.topics.size()) return false;
        if (std::find(topics[i].begin(), topics[i].end(), log.topics[i]) == topics[i].end())
            return false;
    }
    return true;
}

}  // namespace ultra::storage
