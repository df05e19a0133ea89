// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

namespace ultra::storage {

std::string_view to_string(StoreErrorCode code) noexcept
{
    switch (code) {
        case StoreErrorCode::kIo: return "I/O error";
        case StoreErrorCode::kCorruption: return "corruption";
        case StoreErrorCode::kNotADatabase: return "not an ultrasound database";
        case StoreErrorCode::kLocked: return "database in use";
        case StoreErrorCode::kSchemaMismatch: return "schema version mismatch";
        case StoreErrorCode::kWrongChain: return "wrong chain";
        case StoreErrorCode::kInvalidArgument: return "invalid argument";
        case StoreErrorCode::kNotFound: return "not found";
    }
    return "unknown storage error";
}

}  // namespace ultra::storage
