// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

#include <ultra/core/hex.hpp>

namespace ultra::stateless {

std::string_view to_string(StatelessErrorCode code) noexcept
{
    switch (code) {
        case StatelessErrorCode::kMalformedWitness: return "malformed witness";
        case StatelessErrorCode::kTooManyNodes: return "too many witness trie nodes";
        case StatelessErrorCode::kNodeTooLarge: return "witness trie node too large";
        case StatelessErrorCode::kTooManyCodes: return "too many witness codes";
        case StatelessErrorCode::kCodeTooLarge: return "witness code too large";
        case StatelessErrorCode::kTooManyHeaders: return "too many witness headers";
        case StatelessErrorCode::kHeaderTooLarge: return "witness header too large";
        case StatelessErrorCode::kMalformedHeader: return "malformed witness header";
        case StatelessErrorCode::kHeaderParentMismatch:
            return "witness header is not the child of the previous one";
        case StatelessErrorCode::kHeaderNumberMismatch:
            return "witness header number does not follow the previous one";
        case StatelessErrorCode::kMissingNode: return "trie node missing from the witness";
        case StatelessErrorCode::kInvalidNode: return "invalid witness trie node";
        case StatelessErrorCode::kMalformedAccount: return "malformed account in the witness";
        case StatelessErrorCode::kMalformedStorageValue:
            return "malformed storage value in the witness";
        case StatelessErrorCode::kMissingCode: return "code missing from the witness";
        case StatelessErrorCode::kCodeHashMismatch: return "code does not match its code hash";
        case StatelessErrorCode::kPreStateRootMismatch: return "pre-state root mismatch";
        case StatelessErrorCode::kPostStateRootMismatch: return "post-state root mismatch";
    }
    return "unknown stateless error";
}

namespace {

std::string value_text(const ErrorValue& v)
{
    if (const auto* n = std::get_if<uint64_t>(&v)) return std::to_string(*n);
    if (const auto* h = std::get_if<Hash256>(&v)) return to_0x_hex(h->view());
    return {};
}

}  // namespace

std::string describe(const StatelessError& e)
{
    std::string out{to_string(e.code)};
    std::string detail;
    const auto add = [&detail](std::string_view part) {
        if (!detail.empty()) detail += ", ";
        detail += part;
    };
    if (e.address) add("account " + to_0x_hex(e.address->view()));
    if (e.slot) add("slot " + to_0x_hex(e.slot->view()));
    if (!std::holds_alternative<std::monostate>(e.got)) add("got " + value_text(e.got));
    if (!std::holds_alternative<std::monostate>(e.expected))
        add("expected " + value_text(e.expected));
    if (const auto* r = std::get_if<rlp::DecodingError>(&e.cause)) add(rlp::to_string(*r));
    if (const auto* t = std::get_if<trie::ProofError>(&e.cause)) add(trie::to_string(*t));
    if (!detail.empty()) out += " (" + detail + ")";
    return out;
}

StatelessError trie_error(trie::ProofError e,
                          const Address& address,
                          const std::optional<Bytes32>& slot)
{
    StatelessError err;
    err.code = e == trie::ProofError::kMissingNode ? StatelessErrorCode::kMissingNode
                                                   : StatelessErrorCode::kInvalidNode;
    err.cause = e;
    err.address = address;
    err.slot = slot;
    return err;
}

}  // namespace ultra::stateless
