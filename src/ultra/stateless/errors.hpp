// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/trie/errors.hpp>
#include <variant>

/// Stateless execution: verifying a block from an execution witness alone (docs/stateless.md).
namespace ultra::stateless {

/// What went wrong in stateless execution. Each code documents what StatelessError's fields
/// hold for it; fields not mentioned are empty.
enum class StatelessErrorCode : uint8_t
{
    // --- The witness's encoding (decode_witness) -----------------------------------------
    /// Not the RLP list [nodes, codes, headers] of byte-string lists, or an empty item.
    /// cause: the RLP reason.
    kMalformedWitness,
    kTooManyNodes,    ///< got: the count reached; expected: kMaxWitnessNodes
    kNodeTooLarge,    ///< got: the node's size; expected: kMaxWitnessNodeSize
    kTooManyCodes,    ///< got: the count reached; expected: kMaxWitnessCodes
    kCodeTooLarge,    ///< got: the code's size; expected: kMaxWitnessCodeSize
    kTooManyHeaders,  ///< got: the count; expected: kMaxWitnessHeaders
    kHeaderTooLarge,  ///< got: the header's size; expected: kMaxWitnessHeaderSize

    // --- The ancestor headers ------------------------------------------------------------
    /// A header does not decode. got: its index (oldest is 0); cause: the RLP reason.
    kMalformedHeader,
    /// A header's parent hash is not the hash of the header before it. got: the parent hash;
    /// expected: the hash of the previous header.
    kHeaderParentMismatch,
    /// A header's number is not the previous header's plus one. got: the number; expected:
    /// the previous number + 1.
    kHeaderNumberMismatch,

    // --- State reads and the post-state root ---------------------------------------------
    /// A trie node that a read or an update needs is not in the witness (GUIDE rule 4).
    /// address: the account; slot: the storage slot when in a storage trie; cause:
    /// ProofError::kMissingNode.
    kMissingNode,
    /// A witness node is unusable: it does not hash to its reference, or is not a canonical
    /// trie node. cause: the trie reason; address, slot: as kMissingNode.
    kInvalidNode,
    /// An account leaf does not decode. address: the account; cause: the RLP reason.
    kMalformedAccount,
    /// A storage leaf does not decode. address, slot: the slot; cause: the RLP reason.
    kMalformedStorageValue,
    /// A code the execution needs is not in the witness. expected: its code hash.
    kMissingCode,
    /// A diff's new code does not hash to its code hash. address: the account; got: the
    /// code's keccak256; expected: the code hash.
    kCodeHashMismatch,

    // --- Roots ---------------------------------------------------------------------------
    /// The parent's state root is not the pre-state root. got, expected: the roots.
    kPreStateRootMismatch,
    /// The post-state root is not the expected one. got, expected: the roots.
    kPostStateRootMismatch,
};

/// A short English description of `code`, for messages.
[[nodiscard]] std::string_view to_string(StatelessErrorCode code) noexcept;

/// A number or a hash carried by a StatelessError (std::monostate: none).
using ErrorValue = std::variant<std::monostate, uint64_t, Hash256>;

/// The lower-level reason behind a StatelessError, when there is one.
using ErrorCause = std::variant<std::monostate, rlp::DecodingError, trie::ProofError>;

/// A structured stateless-execution error (GUIDE §8.6; reth's StatelessValidationError): what
/// failed, the values involved and the lower-level cause. Never a string: callers format it.
struct StatelessError
{
    StatelessErrorCode code = StatelessErrorCode::kMalformedWitness;  ///< what failed
    ErrorValue got;                  ///< the offending value (see the code's comment)
    ErrorValue expected;             ///< the value or limit required
    ErrorCause cause;                ///< the RLP or trie reason, when there is one
    std::optional<Address> address;  ///< the account concerned, for state errors
    std::optional<Bytes32> slot;     ///< the storage slot concerned, for storage errors

    friend bool operator==(const StatelessError&, const StatelessError&) = default;
};

/// A one-line English description of `e`: the code's text, then what it carries, e.g. "trie
/// node missing from the witness (account 0x.., slot 0x..; missing node)" or "pre-state root
/// mismatch (got 0x.., expected 0x..)".
[[nodiscard]] std::string describe(const StatelessError& e);

/// The error for a trie read or update about `address` (and `slot` in its storage trie) that
/// failed with `e` (the cause): kMissingNode for ProofError::kMissingNode, else kInvalidNode.
[[nodiscard]] StatelessError trie_error(trie::ProofError e,
                                        const Address& address,
                                        const std::optional<Bytes32>& slot = std::nullopt);

}  // namespace ultra::stateless
