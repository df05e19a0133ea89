// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <ultra/core/result.hpp>

namespace ultra::storage {

/// What kind of failure a StoreError reports. The node turns kWrongChain, kSchemaMismatch,
/// kNotADatabase and kLocked into a startup error for the user; kCorruption and kIo into "the
/// datadir is damaged"; kInvalidArgument and kNotFound are the caller's mistake.
enum class StoreErrorCode : uint8_t
{
    kIo,               ///< the file system failed (permissions, disk full, ...)
    kCorruption,       ///< the database or a stored value is damaged
    kNotADatabase,     ///< the datadir holds files that are not an ultrasound database
    kLocked,           ///< another process has the database open
    kSchemaMismatch,   ///< the database was written by an incompatible version
    kWrongChain,       ///< the database belongs to another chain (chain id or genesis)
    kInvalidArgument,  ///< the caller broke a precondition (a block that is not the head's child)
    kNotFound,         ///< something the operation needs is not stored (an unknown state root)
};

/// "I/O error", "corruption", ... (a short English name of `code`).
[[nodiscard]] std::string_view to_string(StoreErrorCode code) noexcept;

/// A storage failure: its kind and a message for humans that names the datadir and what was
/// expected ("datadir /x belongs to chain id 1337 with genesis 0x.., not ...").
struct StoreError
{
    StoreErrorCode code = StoreErrorCode::kIo;  ///< the kind of failure
    std::string message;                        ///< the full explanation

    /// A new error of kind `c`.
    [[nodiscard]] static StoreError make(StoreErrorCode c, std::string msg)
    {
        return StoreError{c, std::move(msg)};
    }
};

/// The result of a storage operation.
template <typename T>
using StoreResult = Result<T, StoreError>;

}  // namespace ultra::storage
