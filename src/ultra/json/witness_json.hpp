// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <ultra/core/result.hpp>
#include <ultra/stateless/witness.hpp>

/// JSON codecs for the core types (above the pure line: the consensus core never sees JSON).
namespace ultra::json {

/// Why a JSON document is not an execution witness: where (the field and, for an entry of one
/// of the arrays, its index) and what is wrong, e.g. `state[3]: not a 0x-prefixed hex string`.
struct WitnessJsonError
{
    /// The top-level field concerned ("state", "codes", "keys", "headers"); empty for an error
    /// about the document as a whole (not JSON, not an object).
    std::string field;
    std::optional<size_t> index;  ///< the entry of `field`, when the error is about one entry
    std::string what;             ///< what is wrong, in English

    /// "<field>[<index>]: <what>", "<field>: <what>" or "<what>".
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const WitnessJsonError&, const WitnessJsonError&) = default;
};

/// The witness as debug_executionWitness returns it (reth, alloy): an object with the four arrays
/// "state", "codes", "keys" and "headers" of lower-case 0x-prefixed hex strings, each entry the
/// bytes of the corresponding vector element (trie nodes, codes, key preimages, RLP headers), in
/// the witness's order.
[[nodiscard]] nlohmann::json to_json(const stateless::ExecutionWitness& witness);

/// Reads a witness from its JSON form (see to_json()). "state", "codes" and "headers" are
/// required, "keys" is optional (empty when absent); any other member is an error (a misspelt
/// field must not silently give an empty list). Every entry must be a string of "0x" and an even
/// number of hex digits (either case); entries of "state", "codes" and "headers" must not be
/// empty and must respect the witness limits (kMaxWitnessNodes, kMaxWitnessNodeSize, ...), so
/// that whatever this accepts, stateless::encode_witness() accepts. The entries' contents are
/// not looked into (nodes, codes and headers are checked when the witness is used).
[[nodiscard]] Result<stateless::ExecutionWitness, WitnessJsonError> witness_from_json(
    const nlohmann::json& j);

/// Parses `text` as JSON, then witness_from_json(). Malformed JSON is an error with an empty
/// field whose message gives the parser's position and reason.
[[nodiscard]] Result<stateless::ExecutionWitness, WitnessJsonError> witness_from_json_text(
    std::string_view text);

}  // namespace ultra::json
