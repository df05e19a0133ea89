// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/types/transaction.hpp>
#include <vector>

namespace ultra::execution {

/// A log record (LOG0..LOG4): Yellow Paper §4.3.1 O = (O_a, O_t, O_d).
struct Log
{
    Address address;
    std::vector<Bytes32> topics;
    Bytes data;

    friend bool operator==(const Log&, const Log&) = default;
};

/// The 2048-bit logs bloom (Yellow Paper §4.3.1, M3:2048).
using Bloom = FixedBytes<256>;

/// The outcome of one transaction (Yellow Paper §4.3.1): what goes into the receipt, plus the
/// gas figures the block needs.
struct TxReceipt
{
    TxType type = TxType::kLegacy;
    bool success = false;              ///< status code (EIP-658, Byzantium)
    uint64_t gas_used = 0;             ///< gas used by this transaction (after refund and floor)
    uint64_t cumulative_gas_used = 0;  ///< filled by block execution
    uint64_t blob_gas_used = 0;        ///< EIP-4844
    std::vector<Log> logs;
    Bloom bloom;
};

/// RLP of a list of logs: [[address, [topics...], data], ...].
[[nodiscard]] Bytes encode_logs(std::span<const Log> logs);

/// keccak256(rlp(logs)): the `logs` hash state tests compare.
[[nodiscard]] Hash256 logs_hash(std::span<const Log> logs);

/// The bloom of a list of logs: each address and topic sets 3 bits of keccak's first 6 bytes.
[[nodiscard]] Bloom logs_bloom(std::span<const Log> logs) noexcept;

}  // namespace ultra::execution
