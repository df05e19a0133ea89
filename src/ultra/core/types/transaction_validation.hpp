// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/tx_error.hpp>

namespace ultra {

/// Gas schedule constants of transactions (Yellow Paper Appendix G and the named EIPs).
inline constexpr uint64_t kTxBaseGas = 21000;               ///< G_transaction
inline constexpr uint64_t kTxCreateGas = 32000;             ///< G_txcreate, Homestead (EIP-2)
inline constexpr uint64_t kTxDataZeroGas = 4;               ///< G_txdatazero
inline constexpr uint64_t kTxDataNonZeroGasFrontier = 68;   ///< G_txdatanonzero until Istanbul
inline constexpr uint64_t kTxDataNonZeroGasIstanbul = 16;   ///< EIP-2028
inline constexpr uint64_t kAccessListAddressGas = 2400;     ///< EIP-2930
inline constexpr uint64_t kAccessListStorageKeyGas = 1900;  ///< EIP-2930
inline constexpr uint64_t kInitCodeWordGas = 2;             ///< EIP-3860
inline constexpr uint64_t kPerEmptyAccountGas = 25000;      ///< EIP-7702, per authorization
inline constexpr uint64_t kTotalCostFloorPerToken = 10;     ///< EIP-7623
inline constexpr uint64_t kStandardTokenCost = 4;           ///< EIP-7623: tokens per nonzero byte

/// Size limits.
inline constexpr size_t kMaxCodeSize = 24576;                  ///< EIP-170
inline constexpr size_t kMaxInitCodeSize = 2 * kMaxCodeSize;   ///< EIP-3860
inline constexpr uint64_t kTxGasLimitCap = uint64_t{1} << 24;  ///< EIP-7825 (Osaka)
inline constexpr size_t kMaxBlobsPerTx = 6;                    ///< EIP-7594 (Osaka)
inline constexpr uint8_t kBlobVersionKzg = 0x01;  ///< EIP-4844 VERSIONED_HASH_VERSION_KZG

/// The gas a transaction must be able to pay before execution starts.
struct IntrinsicGas
{
    /// Charged before execution: base, data, creation, access list, init code words and
    /// authorizations (Yellow Paper g_0 with its EIP amendments).
    uint64_t intrinsic = 0;
    /// EIP-7623 floor: 21000 + 10 * calldata tokens from Prague; 0 before. The gas used by the
    /// transaction is at least this much.
    uint64_t floor = 0;

    /// The gas limit the transaction needs at least: max(intrinsic, floor).
    [[nodiscard]] constexpr uint64_t minimum() const noexcept { return std::max(intrinsic, floor); }

    friend bool operator==(const IntrinsicGas&, const IntrinsicGas&) = default;
};

/// True when transactions of `type` are valid at `rev`: type 1 from Berlin (EIP-2930), 2 from
/// London (EIP-1559), 3 from Cancun (EIP-4844), 4 from Prague (EIP-7702).
[[nodiscard]] constexpr bool is_tx_type_allowed(TxType type, Revision rev) noexcept
{
    switch (type) {
        case TxType::kLegacy: return true;
        case TxType::kAccessList: return rev >= Revision::kBerlin;  // EIP-2930
        case TxType::kDynamicFee: return rev >= Revision::kLondon;  // EIP-1559
        case TxType::kBlob: return rev >= Revision::kCancun;        // EIP-4844
        case TxType::kSetCode: return rev >= Revision::kPrague;     // EIP-7702
    }
    return false;
}

/// The calldata tokens of EIP-7623: zero bytes + 4 * nonzero bytes.
[[nodiscard]] uint64_t calldata_tokens(BytesView data) noexcept;

/// The intrinsic gas of `tx` at `rev` (no validity check: the caller compares it with the gas
/// limit). Overflow cannot occur for a transaction that fits in memory.
[[nodiscard]] IntrinsicGas intrinsic_gas(const Transaction& tx, Revision rev) noexcept;

/// Checks the signature values against the rules of `rev`, without recovering the key:
/// r and s in [1, n-1]; s <= n/2 from Homestead (EIP-2); a legacy EIP-155 chain id only from
/// Spurious Dragon and then equal to `chain_id`; a typed transaction's chain id equal to
/// `chain_id` (EIP-2930).
[[nodiscard]] Result<void, TxError> validate_signature_values(const Transaction& tx,
                                                              Revision rev,
                                                              uint64_t chain_id) noexcept;

/// Every check of a transaction that needs neither state nor the block, in this order: type
/// allowed at `rev`; signature values (validate_signature_values); a recipient for types 3 and 4
/// (EIP-4844, EIP-7702); gas_limit >= intrinsic gas, then >= the EIP-7623 floor (Prague); nonce
/// < 2^64 - 1 (EIP-2681); init code size (EIP-3860, Shanghai); the gas limit cap (EIP-7825,
/// Osaka); EIP-1559 fee sanity (priority fee <= max fee, gas_limit * max fee < 2^256); blob
/// rules (EIP-4844: at least one blob, KZG version bytes; EIP-7594: at most 6 from Osaka); a
/// non-empty authorization list (EIP-7702). The first failing check gives the error.
///
/// Returns the intrinsic gas on success. Not checked here (the execution layer does, with state
/// and the block): nonce and balance of the sender, EIP-3607, base fees, block gas and blob
/// gas left, and the per-block blob maximum before Osaka. The sender is not recovered here either
/// (recover_sender()).
[[nodiscard]] Result<IntrinsicGas, TxError> validate_transaction_static(const Transaction& tx,
                                                                        Revision rev,
                                                                        uint64_t chain_id) noexcept;

}  // namespace ultra
