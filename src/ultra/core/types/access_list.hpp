// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <vector>

namespace ultra {

/// One entry of an EIP-2930 access list: an address and the storage keys of it that the
/// transaction pre-warms. RLP: [address (20 bytes), [key (32 bytes), ...]].
struct AccessListEntry
{
    Address address;                    ///< the account to warm
    std::vector<Bytes32> storage_keys;  ///< its slots to warm (duplicates allowed and charged)

    friend bool operator==(const AccessListEntry&, const AccessListEntry&) = default;
};

/// An EIP-2930 access list (types 1 to 4), in transaction order.
using AccessList = std::vector<AccessListEntry>;

/// Number of storage keys over all entries (for the EIP-2930 intrinsic gas).
[[nodiscard]] inline size_t storage_key_count(const AccessList& list) noexcept
{
    size_t n = 0;
    for (const auto& e : list) n += e.storage_keys.size();
    return n;
}

}  // namespace ultra
