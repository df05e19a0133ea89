// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace ultra {

/// Why a transaction is invalid, grouped by the rule (Yellow Paper section or EIP) that rejects
/// it. to_string() gives the fixture-style name (the `TransactionException.X` suffix used by the
/// execution-spec-tests, e.g. "INTRINSIC_GAS_TOO_LOW").
///
/// Decoding and validate_transaction_static() produce the errors up to and including the
/// EIP-7825 group; the last group needs the sender's account or the block and is produced by the
/// execution layer, which shares this enum so that a block's rejection reason is one value.
enum class TxError : uint8_t
{
    // --- Encoding: RLP (Yellow Paper Appendix B) and the EIP-2718 typed envelope ---------------
    kRlpMalformed,          ///< truncated item, trailing bytes, list not exactly filled
    kRlpLeadingZeros,       ///< an integer or a length with leading zero bytes
    kRlpNonCanonicalSize,   ///< a long form where the short one was required (0x81 0x05)
    kRlpInvalidField,       ///< a field is a list where a string is required, or vice versa
    kRlpTooFewElements,     ///< the field list is shorter than the type's
    kRlpTooManyElements,    ///< the field list is longer than the type's
    kTypeNotSupported,      ///< empty input, an unknown type byte, or a legacy list in a string
    kAddressTooShort,       ///< `to` or an access-list/authorization address under 20 bytes
    kAddressTooLong,        ///< ... over 20 bytes
    kStorageKeyTooShort,    ///< an access-list storage key under 32 bytes
    kStorageKeyTooLong,     ///< ... over 32 bytes
    kChainIdOverflow,       ///< the chain id does not fit 64 bits
    kNonceOverflow,         ///< the nonce does not fit 64 bits
    kGasLimitOverflow,      ///< the gas limit does not fit 64 bits
    kGasPriceOverflow,      ///< gas price / max fee per gas over 256 bits
    kPriorityFeeOverflow,   ///< max priority fee per gas over 256 bits
    kBlobFeeOverflow,       ///< max fee per blob gas over 256 bits
    kValueOverflow,         ///< the value over 256 bits
    kType3TxWithFullBlobs,  ///< EIP-4844: the network wrapper (blobs, proofs) where a tx is due

    // --- Signature (Yellow Paper Appendix F, EIP-2, EIP-155, EIP-2718) -------------------------
    kInvalidSignature,  ///< r or s outside [1, n-1], high s (EIP-2), a bad v or y_parity
    kInvalidChainId,    ///< the signed chain id is not the chain's (EIP-155, EIP-2930)
    kEcRecoveryFailed,  ///< no public key recovers from the signature

    // --- EIP-2681: nonce < 2^64 - 1 ------------------------------------------------------------
    kNonceTooBig,

    // --- Fees (EIP-1559) -------------------------------------------------------------------------
    kPriorityGreaterThanMaxFee,     ///< max_priority_fee_per_gas > max_fee_per_gas
    kGasLimitPriceProductOverflow,  ///< gas_limit * max_fee_per_gas >= 2^256

    // --- Intrinsic gas (Yellow Paper §6.2, EIP-2028, EIP-2930, EIP-3860, EIP-7702) -------------
    kIntrinsicGasTooLow,  ///< gas_limit < intrinsic gas

    // --- EIP-3860: init code size ----------------------------------------------------------------
    kInitCodeSizeExceeded,  ///< a creation's data over 2 * 24576 bytes

    // --- Types allowed per revision (EIP-2930, EIP-1559, EIP-4844, EIP-7702) --------------------
    kType1TxPreFork,  ///< an access-list transaction before Berlin
    kType2TxPreFork,  ///< a dynamic-fee transaction before London
    kType3TxPreFork,  ///< a blob transaction before Cancun
    kType4TxPreFork,  ///< a set-code transaction before Prague

    // --- EIP-4844 / EIP-7594: blob transactions --------------------------------------------------
    kType3TxZeroBlobs,                 ///< no blob versioned hashes
    kType3TxInvalidBlobVersionedHash,  ///< a hash whose version byte is not 0x01 (KZG)
    kType3TxContractCreation,          ///< a blob transaction without `to`
    kType3TxBlobCountExceeded,         ///< more blobs than a transaction may carry (EIP-7594: 6)

    // --- EIP-7702: set-code transactions ---------------------------------------------------------
    kType4EmptyAuthorizationList,  ///< no authorization tuples
    kType4TxContractCreation,      ///< a set-code transaction without `to`

    // --- EIP-7623: calldata floor
    // ------------------------------------------------------------------
    kIntrinsicGasBelowFloorGasCost,  ///< gas_limit < 21000 + 10 * calldata tokens

    // --- EIP-7825: transaction gas limit cap (Osaka)
    // ------------------------------------------------
    kGasLimitExceedsMaximum,  ///< gas_limit > 2^24

    // --- Needs state or the block: produced by the execution layer ------------------------------
    kNonceMismatchTooLow,           ///< tx.nonce < sender nonce
    kNonceMismatchTooHigh,          ///< tx.nonce > sender nonce
    kNonceIsMax,                    ///< sender nonce is 2^64 - 1 (EIP-2681)
    kSenderNotEoa,                  ///< the sender has code that is not a delegation (EIP-3607)
    kInsufficientAccountFunds,      ///< balance < gas_limit * max fee + value (+ blob fees)
    kInsufficientMaxFeePerGas,      ///< max_fee_per_gas < block base fee (EIP-1559)
    kInsufficientMaxFeePerBlobGas,  ///< max_fee_per_blob_gas < blob base fee (EIP-4844)
    kGasAllowanceExceeded,          ///< gas_limit > gas left in the block
    kType3TxMaxBlobGasAllowanceExceeded,  ///< the block's blob gas would exceed its maximum
};

/// The fixture-style name of `e` ("INTRINSIC_GAS_TOO_LOW", "RLP_LEADING_ZEROS", ...): the
/// execution-spec-tests `TransactionException` member where one exists.
[[nodiscard]] std::string_view to_string(TxError e) noexcept;

}  // namespace ultra
