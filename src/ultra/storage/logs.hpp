// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/receipt.hpp>
#include <vector>

namespace ultra::storage {

/// Whether `bloom` has the 3 bits of `item` set (Yellow Paper §4.3.1 M3:2048): false proves that
/// no log of the block or receipt mentions `item` as an address or topic; true may be a false
/// positive.
[[nodiscard]] bool bloom_contains(const Bloom& bloom, BytesView item) noexcept;

/// The address and topic criteria of eth_getLogs (the block range is the caller's): a log
/// matches when its address is one of `addresses` (any address if empty) and, for each position
/// i of `topics`, its topic i is one of topics[i] (any topic if topics[i] is empty; a log with
/// fewer topics than a non-empty position does not match).
struct LogFilter
{
    std::vector<Address> addresses;            ///< any of these; empty: any address
    std::vector<std::vector<Bytes32>> topics;  ///< per position, any of these; empty: any

    /// Whether a block or receipt with logs bloom `bloom` may hold a matching log: false means
    /// it certainly does not (skip it without loading receipts).
    [[nodiscard]] bool may_match(const Bloom& bloom) const noexcept;

    /// Whether `log` matches.
    [[nodiscard]] bool matches(const execution::Log& log) const noexcept;
};

}  // namespace ultra::storage
