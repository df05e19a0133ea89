// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <vector>

#include "errors.hpp"

namespace ultra::stateless {

/// Everything needed to execute one block without the state (SPEC.md § EXECUTE `witness`;
/// reth/alloy ExecutionWitness; go-ethereum stateless.Witness):
/// - the trie nodes (account trie and storage tries) that the execution reads through, and
///   those that recomputing the post-state root needs — including the remaining child of every
///   branch that a deletion collapses;
/// - the codes the execution runs or reads (EXTCODE*), keyed by their keccak256;
/// - the ancestor headers, for the pre-state root (the parent's state root) and BLOCKHASH.
///
/// Order within `state` and `codes` carries no meaning (both are sets keyed by keccak256;
/// duplicates are harmless). Entries nobody needs are ignored: a witness may be a superset.
///
/// JSON (debug_executionWitness; the codec lives above the pure line): an object with four
/// arrays of 0x-prefixed hex strings, `"state"`, `"codes"`, `"keys"` and `"headers"`, each entry
/// being the bytes of the corresponding vector element (headers as their RLP).
struct ExecutionWitness
{
    std::vector<Bytes> state;  ///< RLP trie nodes, each referenced by keccak256(rlp)
    std::vector<Bytes> codes;  ///< contract codes (none empty)
    /// Preimages of the hashed trie keys touched (20-byte addresses, 32-byte slots): for
    /// debugging and JSON only. Not part of the RLP encoding, never used for verification.
    std::vector<Bytes> keys;
    std::vector<Bytes> headers;  ///< RLP block headers, oldest first, the last one the parent

    friend bool operator==(const ExecutionWitness&, const ExecutionWitness&) = default;
};

/// At most this many trie nodes: 2^20 (a 60M-gas block of cold SLOADs reads ~28k slots, about
/// 300k nodes).
inline constexpr size_t kMaxWitnessNodes = size_t{1} << 20;
/// At most this many bytes per trie node. A state-trie node is at most 532 bytes (a branch of
/// 16 hashes); account leaves are under 160.
inline constexpr size_t kMaxWitnessNodeSize = 1024;
/// At most this many codes.
inline constexpr size_t kMaxWitnessCodes = size_t{1} << 16;
/// At most this many bytes per code: 1 MiB, far above EIP-170's 24,576 (deployed code) yet
/// enough for pre-Spurious-Dragon code, which had no limit but gas.
inline constexpr size_t kMaxWitnessCodeSize = size_t{1} << 20;
/// At most this many ancestor headers: the 256 that BLOCKHASH can reach (SPEC.md).
inline constexpr size_t kMaxWitnessHeaders = 256;
/// At most this many bytes per header. A header with every field up to Osaka and 32 bytes of
/// extra data (the Yellow Paper's limit) is under 800 bytes.
inline constexpr size_t kMaxWitnessHeaderSize = 1024;

/// Appends the RLP of `witness`: [nodes, codes, headers], each a list of byte strings (SPEC.md
/// § EXECUTE). `keys` is not encoded. Preconditions: the limits above and no empty entry (what
/// decode_witness() accepts), checked with ULTRA_ASSERT.
void encode_witness(Bytes& out, const ExecutionWitness& witness);

/// The RLP of `witness` (see the appending overload).
[[nodiscard]] Bytes encode_witness(const ExecutionWitness& witness);

/// Decodes one witness item from the front of `from` and consumes it (for a witness embedded
/// in a larger structure, such as EXECUTE's trace). Strict: canonical RLP, exactly three lists
/// of byte strings, no empty entry (kMalformedWitness with the RLP reason; an empty entry is
/// kInvalidValue), counts and sizes within the limits above (kTooMany*/k*TooLarge). Entries
/// are not looked into: trie nodes, codes and headers are checked when used. `keys` is left
/// empty. Never crashes, and allocates at most in proportion to the input. On error `from` is
/// unchanged.
[[nodiscard]] Result<ExecutionWitness, StatelessError> decode_witness_item(BytesView& from);

/// Decodes a witness that is the whole of `encoded` (trailing bytes: kMalformedWitness with
/// rlp::DecodingError::kInputTooLong).
[[nodiscard]] Result<ExecutionWitness, StatelessError> decode_witness(BytesView encoded);

}  // namespace ultra::stateless
