// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

#include <ultra/core/hex.hpp>
#include <variant>

namespace ultra::execute {
namespace {

/// A number as decimal, a hash as 0x-hex, nothing as "?".
std::string show(const stateless::ErrorValue& v)
{
    if (const auto* n = std::get_if<uint64_t>(&v)) return std::to_string(*n);
    if (const auto* h = std::get_if<Hash256>(&v)) return to_0x_hex(h->view());
    return "?";
}

}  // namespace

std::string_view to_string(ExecuteErrorCode code) noexcept
{
    switch (code) {
        case ExecuteErrorCode::kInputTooShort: return "input too short";
        case ExecuteErrorCode::kInputTooLarge: return "input too large";
        case ExecuteErrorCode::kUint64Overflow: return "uint64 word out of range";
        case ExecuteErrorCode::kBadOffset: return "bad trace offset";
        case ExecuteErrorCode::kBadLength: return "bad trace length";
        case ExecuteErrorCode::kNonZeroPadding: return "non-zero padding";
        case ExecuteErrorCode::kTrailingBytes: return "trailing bytes";
        case ExecuteErrorCode::kMalformedTrace: return "malformed trace";
        case ExecuteErrorCode::kMalformedHeader: return "malformed header";
        case ExecuteErrorCode::kMalformedTransaction: return "malformed transaction";
        case ExecuteErrorCode::kMalformedWitness: return "malformed witness";
        case ExecuteErrorCode::kMalformedOutput: return "malformed output";
        case ExecuteErrorCode::kMissingParent: return "missing parent";
        case ExecuteErrorCode::kMalformedParent: return "malformed parent header";
        case ExecuteErrorCode::kParentMismatch: return "parent hash mismatch";
        case ExecuteErrorCode::kPreStateRootMismatch: return "pre-state root mismatch";
        case ExecuteErrorCode::kPostStateRootMismatch: return "post-state root mismatch";
        case ExecuteErrorCode::kGasUsedMismatch: return "gas used mismatch";
        case ExecuteErrorCode::kOmmersNotAllowed: return "ommers not allowed";
        case ExecuteErrorCode::kWithdrawalsNotAllowed: return "withdrawals not allowed";
        case ExecuteErrorCode::kRequestsNotAllowed: return "requests not allowed";
        case ExecuteErrorCode::kBlobTransactionNotAllowed: return "blob transaction not allowed";
        case ExecuteErrorCode::kChainIdMismatch: return "chain id mismatch";
        case ExecuteErrorCode::kInvalidBlock: return "invalid block";
        case ExecuteErrorCode::kStateUnavailable: return "state unavailable";
    }
    return "unknown error";
}

ExecuteError ExecuteError::of(ExecuteErrorCode code) noexcept
{
    ExecuteError e;
    e.code = code;
    return e;
}

ExecuteError ExecuteError::mismatch(ExecuteErrorCode code,
                                    stateless::ErrorValue got,
                                    stateless::ErrorValue expected) noexcept
{
    ExecuteError e = of(code);
    e.got = got;
    e.expected = expected;
    return e;
}

std::string to_string(const ExecuteError& e)
{
    std::string out{to_string(e.code)};
    const bool has_got = !std::holds_alternative<std::monostate>(e.got);
    const bool has_expected = !std::holds_alternative<std::monostate>(e.expected);
    switch (e.code) {
        case ExecuteErrorCode::kChainIdMismatch:
            return out + ": transaction " + std::to_string(e.index.value_or(0)) + " has " +
                   show(e.got) + ", expected " + show(e.expected);
        case ExecuteErrorCode::kBlobTransactionNotAllowed:
            return out + ": transaction " + std::to_string(e.index.value_or(0));
        case ExecuteErrorCode::kMalformedTransaction:
            out += ": transaction " + std::to_string(e.index.value_or(0));
            if (e.tx) out += ": " + std::string{ultra::to_string(*e.tx)};
            return out;
        case ExecuteErrorCode::kUint64Overflow:
            return out + ": word " + std::to_string(e.index.value_or(0)) + " is " + show(e.got);
        case ExecuteErrorCode::kNonZeroPadding:
            return out + " at byte " + std::to_string(e.index.value_or(0));
        case ExecuteErrorCode::kMissingParent: return out + ": the witness has no headers";
        default: break;
    }
    if (e.validation) return out + ": " + e.validation->to_string();
    if (e.witness) return out + ": " + stateless::describe(*e.witness);
    if (e.rlp) return out + ": " + std::string{rlp::to_string(*e.rlp)};
    if (e.index) out += " (word " + std::to_string(*e.index) + ")";
    if (has_got && has_expected)
        return out + ": got " + show(e.got) + ", expected " + show(e.expected);
    if (has_got) return out + ": " + show(e.got);
    return out;
}

}  // namespace ultra::execute
