// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace ultra::trie {

/// Why bytes are not a well-formed trie node (or hex-prefix path). Returned by decode_node() and
/// hex_prefix_decode(); every input, however malformed, yields a value or one of these.
enum class NodeError : uint8_t
{
    kInvalidRlp,        ///< not exactly one canonical RLP item (or a nested item is malformed)
    kNotAList,          ///< a node is an RLP list; a string was found
    kInvalidItemCount,  ///< a node list has neither 2 (leaf/extension) nor 17 (branch) items
    kInvalidHexPrefix,  ///< the path is empty, has a flag nibble > 3 or non-zero odd padding
    kEmptyExtension,    ///< an extension with an empty path (never produced by the spec)
    kEmptyLeafValue,    ///< a leaf whose value is empty (an empty value means "absent")
    kInvalidReference,  ///< a child is neither empty, a 32-byte hash nor a list shorter than 32
    kUnexpectedList,    ///< a path or a value is a list where a byte string is required
};

/// Why a proof (or a walk through a NodeSource) could not establish a key's value or absence.
enum class ProofError : uint8_t
{
    kMissingNode,    ///< a node on the key's path is not available: the proof is incomplete
    kHashMismatch,   ///< the next proof node does not hash to the reference its parent holds
    kMalformedNode,  ///< a node is not a valid trie node (see NodeError), or a canonical-form
                     ///< rule between nodes is broken (an extension not followed by a branch)
    kExtraNodes,     ///< the proof has nodes left over after the key's position was reached
};

/// A short English description of `e`, for messages.
[[nodiscard]] std::string_view to_string(NodeError e) noexcept;

/// A short English description of `e`, for messages.
[[nodiscard]] std::string_view to_string(ProofError e) noexcept;

}  // namespace ultra::trie
