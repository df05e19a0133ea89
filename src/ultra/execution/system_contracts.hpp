// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <ultra/core/bytes.hpp>
#include <ultra/core/revision.hpp>

#include "system_calls.hpp"

/// The canonical system contracts the block-level EIPs call (EIP-4788, EIP-2935, EIP-7002,
/// EIP-7251): their deployed bytecodes, for a genesis state that carries them. On mainnet each
/// was deployed by a keyless ("Nick's method") transaction given in its EIP; a dev or test chain
/// whose forks are active at genesis allocates the code directly, with nonce 1 (EIP-161 never
/// deletes them) and no storage, as go-ethereum's dev genesis and the EEST fixtures' pre-states
/// do. test/unit/execution/system_contracts_test.cpp replays each EIP's deployment transaction
/// and checks that it deploys exactly these bytes at exactly these addresses.
namespace ultra::execution {

/// EIP-4788: the runtime code of the beacon roots contract at kBeaconRootsAddress (the init code
/// of the EIP's deployment transaction without its 9-byte constructor prefix).
inline constexpr FixedBytes<97> kBeaconRootsCode = detail::hex_constant<97>(
    "3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f358015604957"
    "62001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f"
    "359062001fff015500");
/// keccak256(kBeaconRootsCode).
inline constexpr Hash256 kBeaconRootsCodeHash =
    detail::hex_constant<32>("f57acd40259872606d76197ef052f3d35588dadf919ee1f0e3cb9b62d3f4b02c");

/// EIP-2935: the runtime code of the block hash history contract at kHistoryStorageAddress (the
/// EIP's deployment transaction without its 9-byte constructor prefix).
inline constexpr FixedBytes<83> kHistoryStorageCode = detail::hex_constant<83>(
    "3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257"
    "611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500");
/// keccak256(kHistoryStorageCode).
inline constexpr Hash256 kHistoryStorageCodeHash =
    detail::hex_constant<32>("6e49e66782037c0555897870e29fa5e552daf4719552131a0abce779daec0a5d");

/// EIP-7002: the runtime code of the withdrawal request contract at
/// kWithdrawalRequestPredeployAddress (what the EIP's deployment transaction deploys).
inline constexpr FixedBytes<504> kWithdrawalRequestCode = detail::hex_constant<504>(
    "3373fffffffffffffffffffffffffffffffffffffffe1460cb5760115f54807fffffffffffffffffffffffff"
    "ffffffffffffffffffffffffffffffffffffffff146101f457600182026001905f5b5f821115606857810190"
    "83028483029004916001019190604d565b909390049250505036603814608857366101f457346101f4575f52"
    "60205ff35b34106101f457600154600101600155600354806003026004013381556001015f35815560010160"
    "203590553360601b5f5260385f601437604c5fa0600101600355005b6003546002548082038060101160df57"
    "5060105b5f5b8181146101835782810160030260040181604c02815460601b81526014018160010154815260"
    "20019060020154807fffffffffffffffffffffffffffffffff00000000000000000000000000000000168252"
    "906010019060401c908160381c81600701538160301c81600601538160281c81600501538160201c81600401"
    "538160181c81600301538160101c81600201538160081c81600101535360010160e1565b9101809214610195"
    "57906002556101a0565b90505f6002555f6003555b5f54807fffffffffffffffffffffffffffffffffffffff"
    "ffffffffffffffffffffffffff14156101cd57505f5b6001546002828201116101e25750505f6101e8565b01"
    "600290035b5f555f600155604c025ff35b5f5ffd");
/// keccak256(kWithdrawalRequestCode).
inline constexpr Hash256 kWithdrawalRequestCodeHash =
    detail::hex_constant<32>("0345a365d2f4c5975b9f1599abe0a2ee76b7a3a731bc68781bd04c84e4858f50");

/// EIP-7251: the runtime code of the consolidation request contract at
/// kConsolidationRequestPredeployAddress (what the EIP's deployment transaction deploys).
inline constexpr FixedBytes<414> kConsolidationRequestCode = detail::hex_constant<414>(
    "3373fffffffffffffffffffffffffffffffffffffffe1460d35760115f54807fffffffffffffffffffffffff"
    "ffffffffffffffffffffffffffffffffffffffff1461019a57600182026001905f5b5f821115606857810190"
    "83028483029004916001019190604d565b9093900492505050366060146088573661019a573461019a575f52"
    "60205ff35b341061019a57600154600101600155600354806004026004013381556001015f35815560010160"
    "2035815560010160403590553360601b5f5260605f60143760745fa0600101600355005b6003546002548082"
    "038060021160e7575060025b5f5b8181146101295782810160040260040181607402815460601b8152601401"
    "81600101548152602001816002015481526020019060030154905260010160e9565b910180921461013b5790"
    "600255610146565b90505f6002555f6003555b5f54807fffffffffffffffffffffffffffffffffffffffffff"
    "ffffffffffffffffffffff141561017357505f5b6001546001828201116101885750505f61018e565b016001"
    "90035b5f555f6001556074025ff35b5f5ffd");
/// keccak256(kConsolidationRequestCode).
inline constexpr Hash256 kConsolidationRequestCodeHash =
    detail::hex_constant<32>("78c6cb5202685228bbcbfb992b1c4e116c7ec5ef11e25b8e92716cfc628ddd60");

/// A system contract and the revision whose block processing calls it.
struct SystemContract
{
    Address address;    ///< where it lives
    BytesView code;     ///< its runtime code (static storage)
    Hash256 code_hash;  ///< keccak256(code)
    Revision since;     ///< the revision that introduced it
};

/// The four system contracts, in activation order: EIP-4788 (Cancun), EIP-2935 (Prague),
/// EIP-7002 (Prague), EIP-7251 (Prague).
inline constexpr std::array<SystemContract, 4> kSystemContracts{{
    {kBeaconRootsAddress, kBeaconRootsCode.view(), kBeaconRootsCodeHash, Revision::kCancun},
    {kHistoryStorageAddress, kHistoryStorageCode.view(), kHistoryStorageCodeHash,
     Revision::kPrague},
    {kWithdrawalRequestPredeployAddress, kWithdrawalRequestCode.view(), kWithdrawalRequestCodeHash,
     Revision::kPrague},
    {kConsolidationRequestPredeployAddress, kConsolidationRequestCode.view(),
     kConsolidationRequestCodeHash, Revision::kPrague},
}};

}  // namespace ultra::execution
