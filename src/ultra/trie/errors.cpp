// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

namespace ultra::trie {

std::string_view to_string(NodeError e) noexcept
{
    switch (e) {
        case NodeError::kInvalidRlp: return "invalid RLP";
        case NodeError::kNotAList: return "node is not a list";
        case NodeError::kInvalidItemCount: return "node has neither 2 nor 17 items";
        case NodeError::kInvalidHexPrefix: return "invalid hex-prefix path";
        case NodeError::kEmptyExtension: return "extension with an empty path";
        case NodeError::kEmptyLeafValue: return "leaf with an empty value";
        case NodeError::kInvalidReference: return "invalid child reference";
        case NodeError::kUnexpectedList: return "list where a byte string is required";
    }
    return "unknown node error";
}

std::string_view to_string(ProofError e) noexcept
{
    switch (e) {
        case ProofError::kMissingNode: return "missing node (incomplete proof)";
        case ProofError::kHashMismatch: return "node hash mismatch";
        case ProofError::kMalformedNode: return "malformed node";
        case ProofError::kExtraNodes: return "unused nodes after the key's position";
    }
    return "unknown proof error";
}

}  // namespace ultra::trie
