// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "transaction_validation.hpp"

#include <limits>
#include <ultra/core/crypto/secp256k1.hpp>

namespace ultra {
namespace {

/// True when gas * price >= 2^256 (the 64x256-bit product overflows 256 bits).
bool product_overflows(uint64_t gas, const uint256& price) noexcept
{
    uint64_t carry = 0;
    for (size_t i = 0; i < 4; ++i) {
        const uint128 t = uint128{price[i]} * gas + carry;
        carry = static_cast<uint64_t>(t >> 64);
    }
    return carry != 0;
}

constexpr TxError pre_fork_error(TxType type) noexcept
{
    switch (type) {
        case TxType::kAccessList: return TxError::kType1TxPreFork;
        case TxType::kDynamicFee: return TxError::kType2TxPreFork;
        case TxType::kBlob: return TxError::kType3TxPreFork;
        case TxType::kSetCode: return TxError::kType4TxPreFork;
        case TxType::kLegacy: break;
    }
    return TxError::kTypeNotSupported;
}

uint64_t count_zero_bytes(BytesView data) noexcept
{
    uint64_t zeros = 0;
    for (const uint8_t b : data) zeros += (b == 0);
    return zeros;
}

}  // namespace

uint64_t calldata_tokens(BytesView data) noexcept
{
    const uint64_t zeros = count_zero_bytes(data);
    return zeros + (data.size() - zeros) * kStandardTokenCost;
}

IntrinsicGas intrinsic_gas(const Transaction& tx, Revision rev) noexcept
{
    const uint64_t zeros = count_zero_bytes(tx.data);
    const uint64_t nonzeros = tx.data.size() - zeros;
    const uint64_t nonzero_cost = rev >= Revision::kIstanbul
                                      ? kTxDataNonZeroGasIstanbul  // EIP-2028
                                      : kTxDataNonZeroGasFrontier;

    IntrinsicGas g;
    g.intrinsic = kTxBaseGas + zeros * kTxDataZeroGas + nonzeros * nonzero_cost;
    if (!tx.to) {
        if (rev >= Revision::kHomestead) g.intrinsic += kTxCreateGas;  // EIP-2
        if (rev >= Revision::kShanghai)                                // EIP-3860
            g.intrinsic += kInitCodeWordGas * ((tx.data.size() + 31) / 32);
    }
    // EIP-2930: access lists exist only in typed transactions, valid from Berlin.
    g.intrinsic += tx.access_list.size() * kAccessListAddressGas +
                   storage_key_count(tx.access_list) * kAccessListStorageKeyGas;
    // EIP-7702: authorization lists exist only in type 4, valid from Prague.
    g.intrinsic += tx.authorization_list.size() * kPerEmptyAccountGas;

    if (rev >= Revision::kPrague)  // EIP-7623
        g.floor = kTxBaseGas + calldata_tokens(tx.data) * kTotalCostFloorPerToken;
    return g;
}

Result<void, TxError> validate_signature_values(const Transaction& tx,
                                                Revision rev,
                                                uint64_t chain_id) noexcept
{
    uint8_t r[32];
    uint8_t s[32];
    store_be(r, tx.r);
    store_be(s, tx.s);
    if (!is_valid_secp256k1_scalar(r) || !is_valid_secp256k1_scalar(s) || tx.y_parity > 1)
        return unexpected(TxError::kInvalidSignature);
    if (rev >= Revision::kHomestead && !is_low_s(s))  // EIP-2
        return unexpected(TxError::kInvalidSignature);

    if (tx.type == TxType::kLegacy) {
        if (tx.chain_id) {
            // EIP-155: v = 2 * chain_id + 35 + y_parity is a signature form only from Spurious
            // Dragon; before, such a v is just invalid.
            if (rev < Revision::kSpuriousDragon) return unexpected(TxError::kInvalidSignature);
            if (*tx.chain_id != chain_id) return unexpected(TxError::kInvalidChainId);
        }
        return {};
    }
    // EIP-2930 and later: typed transactions always commit to the chain id.
    if (!tx.chain_id || *tx.chain_id != chain_id) return unexpected(TxError::kInvalidChainId);
    return {};
}

Result<IntrinsicGas, TxError> validate_transaction_static(const Transaction& tx,
                                                          Revision rev,
                                                          uint64_t chain_id) noexcept
{
    // EIP-2718 and the EIPs of each type: the envelope must be known at `rev`.
    if (!is_tx_type_allowed(tx.type, rev)) return unexpected(pre_fork_error(tx.type));

    // Signature values first, as the clients do when decoding (the spec recovers the sender
    // later, in check_transaction; the verdict "invalid" is the same).
    ULTRA_TRY_VOID(validate_signature_values(tx, rev, chain_id));

    // Types 3 and 4 have no creation form (their `to` is an Address, not Bytes0, in the spec).
    if (tx.type == TxType::kBlob && !tx.to)  // EIP-4844
        return unexpected(TxError::kType3TxContractCreation);
    if (tx.type == TxType::kSetCode && !tx.to)  // EIP-7702
        return unexpected(TxError::kType4TxContractCreation);

    // Yellow Paper §6.2 (g_0 <= T_g), in the order of execution-specs' validate_transaction.
    const IntrinsicGas gas = intrinsic_gas(tx, rev);
    if (tx.gas_limit < gas.intrinsic) return unexpected(TxError::kIntrinsicGasTooLow);
    if (tx.gas_limit < gas.floor)  // EIP-7623 (floor is 0 before Prague)
        return unexpected(TxError::kIntrinsicGasBelowFloorGasCost);
    if (tx.nonce == std::numeric_limits<uint64_t>::max())  // EIP-2681
        return unexpected(TxError::kNonceTooBig);
    if (rev >= Revision::kShanghai && !tx.to && tx.data.size() > kMaxInitCodeSize)  // EIP-3860
        return unexpected(TxError::kInitCodeSizeExceeded);
    if (rev >= Revision::kOsaka && tx.gas_limit > kTxGasLimitCap)  // EIP-7825
        return unexpected(TxError::kGasLimitExceedsMaximum);

    // EIP-1559 fee sanity (types 0 and 1 hold gas_price in both fields, so this holds for them).
    if (tx.max_priority_fee_per_gas > tx.max_fee_per_gas)
        return unexpected(TxError::kPriorityGreaterThanMaxFee);
    // No 256-bit balance can pay gas_limit * max_fee_per_gas if the product overflows.
    if (product_overflows(tx.gas_limit, tx.max_fee_per_gas))
        return unexpected(TxError::kGasLimitPriceProductOverflow);

    if (tx.type == TxType::kBlob) {  // EIP-4844
        if (tx.blob_versioned_hashes.empty()) return unexpected(TxError::kType3TxZeroBlobs);
        for (const auto& h : tx.blob_versioned_hashes)
            if (h[0] != kBlobVersionKzg)
                return unexpected(TxError::kType3TxInvalidBlobVersionedHash);
        if (rev >= Revision::kOsaka && tx.blob_versioned_hashes.size() > kMaxBlobsPerTx)
            return unexpected(TxError::kType3TxBlobCountExceeded);  // EIP-7594
    }
    if (tx.type == TxType::kSetCode && tx.authorization_list.empty())  // EIP-7702
        return unexpected(TxError::kType4EmptyAuthorizationList);
    return gas;
}

}  // namespace ultra
