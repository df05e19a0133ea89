// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/uint256.hpp>

#include "errors.hpp"

namespace ultra::execute {

/// EXECUTE's input (SPEC.md § EXECUTE): `abi.encode(uint64 chainId, bytes32 preStateRoot,
/// bytes32 postStateRoot, uint64 gasUsed, bytes trace)`, no selector.
struct ExecuteInput
{
    uint64_t chain_id = 0;    ///< the L2's chain id (every transaction's, where it has one)
    Hash256 pre_state_root;   ///< the L2 state root before the block (the parent's)
    Hash256 post_state_root;  ///< the L2 state root the block claims (the header's)
    uint64_t gas_used = 0;    ///< the L2 gas the block claims (the header's), priced by the market
    Bytes trace;              ///< RLP [header, transactions, witness] (trace.hpp)

    friend bool operator==(const ExecuteInput&, const ExecuteInput&) = default;
};

/// The size of the ABI head plus the trace's length word: 6 words.
inline constexpr size_t kInputHeadSize = 6 * 32;

/// The trace's offset in the head: 5 words (the one offset a canonical encoder writes).
inline constexpr uint64_t kTraceOffset = 5 * 32;

/// At most this many input bytes: 16 MiB. Far above what an L1 block's gas can pay for
/// (EXECUTE_GAS_PER_BYTE × 2^24 = 268M gas at the default 16 per byte), so the limit only bounds
/// the memory a decoder may be asked to touch.
inline constexpr size_t kMaxInputSize = size_t{1} << 24;

/// abi.encode(chainId, preStateRoot, postStateRoot, gasUsed, trace): five head words (the
/// fifth the offset 0xa0), the trace's length, the trace padded with zeros to 32 bytes.
[[nodiscard]] Bytes encode_input(const ExecuteInput& input);

/// Strict ABI decoding of `input`, checked in this order: at least kInputHeadSize bytes
/// (kInputTooShort), at most kMaxInputSize (kInputTooLarge), chainId and gasUsed within 64 bits
/// (kUint64Overflow), the offset exactly 0xa0 (kBadOffset), the length within the bytes that
/// follow (kBadLength), the padding present (kInputTooShort) and zero (kNonZeroPadding), no
/// byte after it (kTrailingBytes). Exactly encode_input()'s output decodes, to what it encoded.
/// Never crashes.
[[nodiscard]] Result<ExecuteInput, ExecuteError> decode_input(BytesView input);

/// EXECUTE's output (SPEC.md § EXECUTE): `abi.encode(bool valid, bytes32 blockHash, bytes32
/// parentHash, uint64 number, uint64 timestamp, uint64 gasLimit, address coinbase, bytes32
/// anchor, bytes32 receiptsRoot, uint256 burnedFees)`: the facts of a valid L2 block that the
/// rollup contract checks its policy on.
struct ExecuteOutput
{
    bool valid = false;      ///< the trace proves the transition; false: everything else zero
    Hash256 block_hash;      ///< keccak256 of the L2 header
    Hash256 parent_hash;     ///< the header's parent hash
    uint64_t number = 0;     ///< the L2 block number
    uint64_t timestamp = 0;  ///< the L2 block's timestamp
    uint64_t gas_limit = 0;  ///< the L2 block's gas limit
    Address coinbase;        ///< the L2 block's fee recipient
    Hash256 anchor;          ///< the parent beacon block root (EIP-4788); zero before Cancun
    Hash256 receipts_root;   ///< the L2 receipts root
    uint256 burned_fees;     ///< base fee × gas used (EIP-1559); zero before London

    friend bool operator==(const ExecuteOutput&, const ExecuteOutput&) = default;
};

/// The size of the output: 10 words, whether valid or not.
inline constexpr size_t kOutputSize = 10 * 32;

/// The ABI encoding: kOutputSize bytes; all zero when `output.valid` is false (whatever the
/// other fields hold).
[[nodiscard]] Bytes encode_output(const ExecuteOutput& output);

/// Strict decoding of encode_output()'s bytes: exactly kOutputSize bytes, the bool 0 or 1,
/// uint64 and address words without high bytes, and all zero when not valid (kMalformedOutput
/// with the word's index).
[[nodiscard]] Result<ExecuteOutput, ExecuteError> decode_output(BytesView output);

/// abi.encode(uint256 fee): the answer to an empty-input call (the execute base fee query).
[[nodiscard]] Bytes encode_fee(const uint256& fee);

}  // namespace ultra::execute
