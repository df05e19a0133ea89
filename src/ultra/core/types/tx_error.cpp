// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "tx_error.hpp"

namespace ultra {

std::string_view to_string(TxError e) noexcept
{
    switch (e) {
        case TxError::kRlpMalformed: return "RLP_ERROR_SIZE";
        case TxError::kRlpLeadingZeros: return "RLP_LEADING_ZEROS";
        case TxError::kRlpNonCanonicalSize: return "RLP_NON_CANONICAL_SIZE";
        case TxError::kRlpInvalidField: return "RLP_INVALID_FIELD";
        case TxError::kRlpTooFewElements: return "RLP_TOO_FEW_ELEMENTS";
        case TxError::kRlpTooManyElements: return "RLP_TOO_MANY_ELEMENTS";
        case TxError::kTypeNotSupported: return "TYPE_NOT_SUPPORTED";
        case TxError::kAddressTooShort: return "ADDRESS_TOO_SHORT";
        case TxError::kAddressTooLong: return "ADDRESS_TOO_LONG";
        case TxError::kStorageKeyTooShort: return "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT";
        case TxError::kStorageKeyTooLong: return "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG";
        case TxError::kChainIdOverflow: return "CHAINID_OVERFLOW";
        case TxError::kNonceOverflow: return "NONCE_OVERFLOW";
        case TxError::kGasLimitOverflow: return "GASLIMIT_OVERFLOW";
        case TxError::kGasPriceOverflow: return "GASPRICE_OVERFLOW";
        case TxError::kPriorityFeeOverflow: return "PRIORITY_OVERFLOW";
        case TxError::kBlobFeeOverflow: return "BLOB_FEE_OVERFLOW";
        case TxError::kValueOverflow: return "VALUE_OVERFLOW";
        case TxError::kType3TxWithFullBlobs: return "TYPE_3_TX_WITH_FULL_BLOBS";
        case TxError::kInvalidSignature: return "INVALID_SIGNATURE_VRS";
        case TxError::kInvalidChainId: return "INVALID_CHAINID";
        case TxError::kEcRecoveryFailed: return "EC_RECOVERY_FAIL";
        case TxError::kNonceTooBig: return "NONCE_TOO_BIG";
        case TxError::kPriorityGreaterThanMaxFee: return "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS";
        case TxError::kGasLimitPriceProductOverflow: return "GASLIMIT_PRICE_PRODUCT_OVERFLOW";
        case TxError::kIntrinsicGasTooLow: return "INTRINSIC_GAS_TOO_LOW";
        case TxError::kInitCodeSizeExceeded: return "INITCODE_SIZE_EXCEEDED";
        case TxError::kType1TxPreFork: return "TYPE_1_TX_PRE_FORK";
        case TxError::kType2TxPreFork: return "TYPE_2_TX_PRE_FORK";
        case TxError::kType3TxPreFork: return "TYPE_3_TX_PRE_FORK";
        case TxError::kType4TxPreFork: return "TYPE_4_TX_PRE_FORK";
        case TxError::kType3TxZeroBlobs: return "TYPE_3_TX_ZERO_BLOBS";
        case TxError::kType3TxInvalidBlobVersionedHash:
            return "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH";
        case TxError::kType3TxContractCreation: return "TYPE_3_TX_CONTRACT_CREATION";
        case TxError::kType3TxBlobCountExceeded: return "TYPE_3_TX_BLOB_COUNT_EXCEEDED";
        case TxError::kType4EmptyAuthorizationList: return "TYPE_4_EMPTY_AUTHORIZATION_LIST";
        case TxError::kType4TxContractCreation: return "TYPE_4_TX_CONTRACT_CREATION";
        case TxError::kIntrinsicGasBelowFloorGasCost: return "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST";
        case TxError::kGasLimitExceedsMaximum: return "GAS_LIMIT_EXCEEDS_MAXIMUM";
        case TxError::kNonceMismatchTooLow: return "NONCE_MISMATCH_TOO_LOW";
        case TxError::kNonceMismatchTooHigh: return "NONCE_MISMATCH_TOO_HIGH";
        case TxError::kNonceIsMax: return "NONCE_IS_MAX";
        case TxError::kSenderNotEoa: return "SENDER_NOT_EOA";
        case TxError::kInsufficientAccountFunds: return "INSUFFICIENT_ACCOUNT_FUNDS";
        case TxError::kInsufficientMaxFeePerGas: return "INSUFFICIENT_MAX_FEE_PER_GAS";
        case TxError::kInsufficientMaxFeePerBlobGas: return "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS";
        case TxError::kGasAllowanceExceeded: return "GAS_ALLOWANCE_EXCEEDED";
        case TxError::kType3TxMaxBlobGasAllowanceExceeded:
            return "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED";
    }
    return "UNKNOWN";
}

}  // namespace ultra
