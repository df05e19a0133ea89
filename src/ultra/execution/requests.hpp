// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>

#include "receipt.hpp"
#include "system_calls.hpp"

/// EIP-7685 execution-layer requests: deposits parsed from the deposit contract's logs
/// (EIP-6110), and the request lists the EIP-7002 and EIP-7251 system contracts return; the
/// requests hash a Prague header commits to. Mirrors execution-specs prague/requests.py.
namespace ultra::execution {

/// EIP-6110 DEPOSIT_REQUEST_TYPE.
inline constexpr uint8_t kDepositRequestType = 0x00;
/// EIP-7002 WITHDRAWAL_REQUEST_TYPE.
inline constexpr uint8_t kWithdrawalRequestType = 0x01;
/// EIP-7251 CONSOLIDATION_REQUEST_TYPE.
inline constexpr uint8_t kConsolidationRequestType = 0x02;

/// EIP-6110 DEPOSIT_CONTRACT_ADDRESS of mainnet (and of the test fixtures):
/// 0x00000000219ab540356cBB839Cbe05303d7705Fa. Other chains configure their own.
inline constexpr Address kMainnetDepositContractAddress =
    detail::hex_constant<20>("00000000219ab540356cBB839Cbe05303d7705Fa");

/// EIP-6110 DEPOSIT_EVENT_SIGNATURE_HASH: keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)").
inline constexpr Hash256 kDepositEventSignatureHash =
    detail::hex_constant<32>("649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");

/// The ABI layout of a DepositEvent's data (EIP-6110): five dynamic `bytes` fields whose
/// offsets and sizes are fixed, 576 bytes in all.
inline constexpr size_t kDepositEventLength = 576;
/// The size of a deposit request: pubkey (48) ‖ withdrawal credentials (32) ‖ amount (8) ‖
/// signature (96) ‖ index (8).
inline constexpr size_t kDepositRequestSize = 192;

/// Why a deposit log's data does not have the DepositEvent layout (each makes the block
/// invalid: execution-specs extract_deposit_data raises InvalidBlock).
enum class DepositLayoutError : uint8_t
{
    kInvalidLength,  ///< the data is not 576 bytes long
    kInvalidOffset,  ///< a field's ABI offset is not the expected one
    kInvalidSize,    ///< a field's ABI length prefix is not the expected one
};

/// A short English description of `e`.
[[nodiscard]] std::string_view to_string(DepositLayoutError e) noexcept;

/// EIP-6110 extract_deposit_data(): checks the five offsets (160, 256, 320, 384, 512, each a
/// whole 32-byte word) and the five length prefixes (48, 32, 8, 96, 8), then returns the raw
/// fields concatenated (kDepositRequestSize bytes).
[[nodiscard]] Result<Bytes, DepositLayoutError> extract_deposit_data(BytesView data);

/// EIP-6110 parse_deposit_requests(): the concatenated deposit data of every log emitted by
/// `deposit_contract` whose first topic is kDepositEventSignatureHash, over the receipts in
/// order. Empty when there is none. A matching log with a malformed layout is an error.
[[nodiscard]] Result<Bytes, DepositLayoutError> parse_deposit_requests(
    std::span<const TxReceipt> receipts,
    const Address& deposit_contract);

/// EIP-7685 compute_requests_hash(): sha256(sha256(r_0) ‖ sha256(r_1) ‖ ...) over the
/// type-prefixed requests `requests` (the caller leaves out types whose data is empty, as
/// execution-specs process_general_purpose_requests does). sha256("") for no requests.
[[nodiscard]] Hash256 compute_requests_hash(std::span<const Bytes> requests);

}  // namespace ultra::execution
