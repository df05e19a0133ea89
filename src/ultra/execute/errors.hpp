// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/types/tx_error.hpp>
#include <ultra/stateless/errors.hpp>
#include <ultra/stateless/validate.hpp>

/// The EXECUTE precompile of native rollups (SPEC.md § EXECUTE, docs/execute.md): its input and
/// output encodings, the verification of an L2 block from its trace, and the execute-gas market.
namespace ultra::execute {

/// Why EXECUTE rejected an input, grouped by the SPEC rule it breaks (docs/execute.md gives the
/// order in which the rules are checked). Each code documents what ExecuteError's fields hold
/// for it; fields not mentioned are empty.
enum class ExecuteErrorCode : uint8_t
{
    // --- Rule 1: the ABI input (decode_input) --------------------------------------------------
    /// Shorter than the 192-byte head plus length word, or than the declared trace needs with
    /// its padding. got: the input size; expected: the size required.
    kInputTooShort,
    /// Longer than kMaxInputSize. got: the input size; expected: kMaxInputSize.
    kInputTooLarge,
    /// A uint64 word (chainId, gasUsed) has a non-zero byte above its low 8 bytes. index: the
    /// word (0: chainId, 3: gasUsed); got: the word.
    kUint64Overflow,
    /// The trace's offset word is not 0xa0 (the one canonical head). got: the word; expected:
    /// 160.
    kBadOffset,
    /// The trace's length word exceeds the bytes that follow it. got: the length (the word when
    /// it does not fit 64 bits); expected: the bytes available.
    kBadLength,
    /// A byte of the trace's padding is not zero. index: its offset in the input.
    kNonZeroPadding,
    /// Bytes follow the padded trace. got: the input size; expected: the exact size.
    kTrailingBytes,

    // --- Rule 1: the trace (decode_trace) ------------------------------------------------------
    /// The trace is not the RLP list [header, transactions, witness]. rlp: the reason.
    kMalformedTrace,
    /// The L2 header does not decode. rlp: the reason.
    kMalformedHeader,
    /// A transaction is not an RLP string holding a canonical envelope. index: its position;
    /// tx: the reason (kRlpMalformed for an item that is not a string).
    kMalformedTransaction,
    /// The witness does not decode or breaks its limits. witness: the reason.
    kMalformedWitness,

    // --- Output (decode_output) ----------------------------------------------------------------
    /// Not the 320-byte output, or a word outside its type (a bool not 0/1, a uint64 or an
    /// address with high bytes set, a non-zero word in an invalid output). index: the word when
    /// one is at fault; got: the size when that is at fault, expected: 320.
    kMalformedOutput,

    // --- Rule 2: the parent --------------------------------------------------------------------
    /// The witness has no headers: there is no parent.
    kMissingParent,
    /// The last witness header does not decode. rlp: the reason.
    kMalformedParent,
    /// The header's parent hash is not keccak256 of the last witness header. got: the header's
    /// parent hash; expected: the hash of the last witness header.
    kParentMismatch,
    /// The parent's state root is not preStateRoot. got: the parent's; expected: preStateRoot.
    kPreStateRootMismatch,

    // --- Rule 3: the header against the claims -------------------------------------------------
    /// The header's state root is not postStateRoot. got: the header's; expected: postStateRoot.
    kPostStateRootMismatch,
    /// The header's gas used is not gasUsed. got: the header's; expected: gasUsed.
    kGasUsedMismatch,

    // --- Rule 4: the L2 restrictions -----------------------------------------------------------
    /// The header's ommers hash is not keccak256(rlp([])). got: the ommers hash.
    kOmmersNotAllowed,
    /// From Shanghai the header's withdrawals root is not the empty trie's (EIP-4895). got: the
    /// withdrawals root.
    kWithdrawalsNotAllowed,
    /// From Prague the header's requests hash is not the hash of no requests (EIP-7685). got:
    /// the requests hash.
    kRequestsNotAllowed,
    /// A blob transaction (EIP-4844 type 3). index: its position.
    kBlobTransactionNotAllowed,
    /// A transaction's chain id is not chainId. index: its position; got: its chain id;
    /// expected: chainId.
    kChainIdMismatch,

    // --- Rules 4 and 5: validation from the witness --------------------------------------------
    /// The block is invalid against its parent (stateless::validate_block()). validation: why.
    kInvalidBlock,
    /// A trie node or code the execution needs is missing from the witness (or unusable): the
    /// trace is invalid (SPEC rule 5). validation: the check and the witness error.
    kStateUnavailable,
};

/// A short English name of `code` ("post-state root mismatch", ...).
[[nodiscard]] std::string_view to_string(ExecuteErrorCode code) noexcept;

/// A structured EXECUTE error: what failed and the values involved (GUIDE §8.6). to_string()
/// formats it.
struct ExecuteError
{
    ExecuteErrorCode code = ExecuteErrorCode::kMalformedTrace;  ///< what failed
    stateless::ErrorValue got;              ///< the offending value (see the code's comment)
    stateless::ErrorValue expected;         ///< the value or limit required
    std::optional<uint64_t> index;          ///< an ABI word, input offset or transaction
    std::optional<rlp::DecodingError> rlp;  ///< the RLP reason
    std::optional<TxError> tx;              ///< a transaction's decoding reason
    std::optional<stateless::StatelessError> witness;      ///< the witness's decoding reason
    std::optional<stateless::ValidationError> validation;  ///< kInvalidBlock, kStateUnavailable

    /// An error of `code` with no detail.
    [[nodiscard]] static ExecuteError of(ExecuteErrorCode code) noexcept;
    /// An error of `code` with what was found and what was required.
    [[nodiscard]] static ExecuteError mismatch(ExecuteErrorCode code,
                                               stateless::ErrorValue got,
                                               stateless::ErrorValue expected) noexcept;
};

/// One line: "post-state root mismatch: got 0x.., expected 0x..", "chain id mismatch:
/// transaction 1 has 5, expected 7", "invalid block: block: INVALID_STATE_ROOT (...)".
[[nodiscard]] std::string to_string(const ExecuteError& e);

}  // namespace ultra::execute
