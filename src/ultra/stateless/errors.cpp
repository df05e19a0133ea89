// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

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
