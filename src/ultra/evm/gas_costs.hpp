// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ultra/core/revision.hpp>

#include "opcodes.hpp"

namespace ultra::evm {

/// Named gas constants (execution-specs `vm/gas.py` names, YP appendix G symbols in comments).
/// @{
inline constexpr int64_t kGasMemory = 3;               ///< YP G_memory, per word of memory.
inline constexpr int64_t kGasCopy = 3;                 ///< YP G_copy, per copied word.
inline constexpr int64_t kGasKeccak256Word = 6;        ///< YP G_keccak256word.
inline constexpr int64_t kGasLog = 375;                ///< YP G_log.
inline constexpr int64_t kGasLogData = 8;              ///< YP G_logdata, per byte.
inline constexpr int64_t kGasLogTopic = 375;           ///< YP G_logtopic.
inline constexpr int64_t kGasExpByteFrontier = 10;     ///< YP G_expbyte before EIP-160.
inline constexpr int64_t kGasExpByte = 50;             ///< EIP-160 (Spurious Dragon).
inline constexpr int64_t kGasCallValue = 9000;         ///< YP G_callvalue.
inline constexpr int64_t kGasCallStipend = 2300;       ///< YP G_callstipend.
inline constexpr int64_t kGasNewAccount = 25000;       ///< YP G_newaccount.
inline constexpr int64_t kGasSelfDestruct = 5000;      ///< EIP-150 G_selfdestruct.
inline constexpr int64_t kRefundSelfDestruct = 24000;  ///< YP R_selfdestruct, before EIP-3529.
inline constexpr int64_t kGasCreate = 32000;           ///< YP G_create.
inline constexpr int64_t kGasInitCodeWord = 2;         ///< EIP-3860 (Shanghai), per init code word.
inline constexpr size_t kMaxInitCodeSize = 49152;      ///< EIP-3860: 2 × EIP-170's 24576.
inline constexpr int64_t kGasWarmAccess = 100;         ///< EIP-2929 WARM_STORAGE_READ_COST.
inline constexpr int64_t kGasColdAccountAccess = 2600;  ///< EIP-2929 COLD_ACCOUNT_ACCESS_COST.
inline constexpr int64_t kGasColdSload = 2100;          ///< EIP-2929 COLD_SLOAD_COST.
/// EIP-2929: what a cold account access costs on top of the warm cost already in the base table.
inline constexpr int64_t kGasAdditionalColdAccountAccess = kGasColdAccountAccess - kGasWarmAccess;
/// EIP-2929: what a cold SLOAD costs on top of the warm cost already in the base table.
inline constexpr int64_t kGasAdditionalColdSload = kGasColdSload - kGasWarmAccess;
/// @}

/// The maximum call depth (YP §8: "the depth of the message-call/contract-creation stack").
inline constexpr int32_t kCallDepthLimit = 1024;

/// Marks an undefined instruction in a base-cost table row.
inline constexpr int16_t kUndefined = -1;

/// One revision's base ("constant") gas cost of every byte; kUndefined where the byte is no
/// instruction of that revision. Dynamic parts (memory, copies, cold access, ...) are charged
/// by the instructions themselves.
using CostTable = std::array<int16_t, 256>;

/// Base gas costs per revision, built by copying the previous revision and patching the
/// deltas (evmone `instr::gas_costs` style). YP appendix G tiers: zero 0, base 2, verylow 3,
/// low 5, mid 8, high 10.
inline constexpr std::array<CostTable, kNumRevisions> kGasCosts = [] {
    std::array<CostTable, kNumRevisions> table{};
    auto& fr = table[static_cast<size_t>(Revision::kFrontier)];
    fr.fill(kUndefined);
    fr[OP_STOP] = 0;
    fr[OP_ADD] = 3;
    fr[OP_MUL] = 5;
    fr[OP_SUB] = 3;
    fr[OP_DIV] = 5;
    fr[OP_SDIV] = 5;
    fr[OP_MOD] = 5;
    fr[OP_SMOD] = 5;
    fr[OP_ADDMOD] = 8;
    fr[OP_MULMOD] = 8;
    fr[OP_EXP] = 10;
    fr[OP_SIGNEXTEND] = 5;
    fr[OP_LT] = 3;
    fr[OP_GT] = 3;
    fr[OP_SLT] = 3;
    fr[OP_SGT] = 3;
    fr[OP_EQ] = 3;
    fr[OP_ISZERO] = 3;
    fr[OP_AND] = 3;
    fr[OP_OR] = 3;
    fr[OP_XOR] = 3;
    fr[OP_NOT] = 3;
    fr[OP_BYTE] = 3;
    fr[OP_KECCAK256] = 30;
    fr[OP_ADDRESS] = 2;
    fr[OP_BALANCE] = 20;
    fr[OP_ORIGIN] = 2;
    fr[OP_CALLER] = 2;
    fr[OP_CALLVALUE] = 2;
    fr[OP_CALLDATALOAD] = 3;
    fr[OP_CALLDATASIZE] = 2;
    fr[OP_CALLDATACOPY] = 3;
    fr[OP_CODESIZE] = 2;
    fr[OP_CODECOPY] = 3;
    fr[OP_GASPRICE] = 2;
    fr[OP_EXTCODESIZE] = 20;
    fr[OP_EXTCODECOPY] = 20;
    fr[OP_BLOCKHASH] = 20;
    fr[OP_COINBASE] = 2;
    fr[OP_TIMESTAMP] = 2;
    fr[OP_NUMBER] = 2;
    fr[OP_PREVRANDAO] = 2;
    fr[OP_GASLIMIT] = 2;
    fr[OP_POP] = 2;
    fr[OP_MLOAD] = 3;
    fr[OP_MSTORE] = 3;
    fr[OP_MSTORE8] = 3;
    fr[OP_SLOAD] = 50;
    fr[OP_SSTORE] = 0;
    fr[OP_JUMP] = 8;
    fr[OP_JUMPI] = 10;
    fr[OP_PC] = 2;
    fr[OP_MSIZE] = 2;
    fr[OP_GAS] = 2;
    fr[OP_JUMPDEST] = 1;
    for (int op = OP_PUSH1; op <= OP_PUSH32; ++op) fr[static_cast<size_t>(op)] = 3;
    for (int op = OP_DUP1; op <= OP_DUP16; ++op) fr[static_cast<size_t>(op)] = 3;
    for (int op = OP_SWAP1; op <= OP_SWAP16; ++op) fr[static_cast<size_t>(op)] = 3;
    for (int n = 0; n <= 4; ++n)
        fr[static_cast<size_t>(OP_LOG0 + n)] = static_cast<int16_t>(kGasLog + n * kGasLogTopic);
    fr[OP_CREATE] = 32000;
    fr[OP_CALL] = 40;
    fr[OP_CALLCODE] = 40;
    fr[OP_RETURN] = 0;
    fr[OP_INVALID] = 0;
    fr[OP_SELFDESTRUCT] = 0;

    const auto at = [&table](Revision rev) -> CostTable& {
        return table[static_cast<size_t>(rev)];
    };

    at(Revision::kHomestead) = at(Revision::kFrontier);
    at(Revision::kHomestead)[OP_DELEGATECALL] = 40;  // EIP-7

    // EIP-150: repricing of IO-heavy operations.
    at(Revision::kTangerineWhistle) = at(Revision::kHomestead);
    at(Revision::kTangerineWhistle)[OP_BALANCE] = 400;
    at(Revision::kTangerineWhistle)[OP_EXTCODESIZE] = 700;
    at(Revision::kTangerineWhistle)[OP_EXTCODECOPY] = 700;
    at(Revision::kTangerineWhistle)[OP_SLOAD] = 200;
    at(Revision::kTangerineWhistle)[OP_CALL] = 700;
    at(Revision::kTangerineWhistle)[OP_CALLCODE] = 700;
    at(Revision::kTangerineWhistle)[OP_DELEGATECALL] = 700;
    at(Revision::kTangerineWhistle)[OP_SELFDESTRUCT] = 5000;

    at(Revision::kSpuriousDragon) = at(Revision::kTangerineWhistle);

    at(Revision::kByzantium) = at(Revision::kSpuriousDragon);
    at(Revision::kByzantium)[OP_RETURNDATASIZE] = 2;  // EIP-211
    at(Revision::kByzantium)[OP_RETURNDATACOPY] = 3;  // EIP-211
    at(Revision::kByzantium)[OP_STATICCALL] = 700;    // EIP-214
    at(Revision::kByzantium)[OP_REVERT] = 0;          // EIP-140

    at(Revision::kConstantinople) = at(Revision::kByzantium);
    at(Revision::kConstantinople)[OP_SHL] = 3;            // EIP-145
    at(Revision::kConstantinople)[OP_SHR] = 3;            // EIP-145
    at(Revision::kConstantinople)[OP_SAR] = 3;            // EIP-145
    at(Revision::kConstantinople)[OP_EXTCODEHASH] = 400;  // EIP-1052
    at(Revision::kConstantinople)[OP_CREATE2] = 32000;    // EIP-1014

    at(Revision::kPetersburg) = at(Revision::kConstantinople);

    at(Revision::kIstanbul) = at(Revision::kPetersburg);
    at(Revision::kIstanbul)[OP_BALANCE] = 700;      // EIP-1884
    at(Revision::kIstanbul)[OP_CHAINID] = 2;        // EIP-1344
    at(Revision::kIstanbul)[OP_EXTCODEHASH] = 700;  // EIP-1884
    at(Revision::kIstanbul)[OP_SELFBALANCE] = 5;    // EIP-1884
    at(Revision::kIstanbul)[OP_SLOAD] = 800;        // EIP-1884

    // EIP-2929: the base cost is the warm access cost; cold surcharges are dynamic.
    at(Revision::kBerlin) = at(Revision::kIstanbul);
    at(Revision::kBerlin)[OP_BALANCE] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_EXTCODESIZE] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_EXTCODECOPY] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_EXTCODEHASH] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_SLOAD] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_CALL] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_CALLCODE] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_DELEGATECALL] = kGasWarmAccess;
    at(Revision::kBerlin)[OP_STATICCALL] = kGasWarmAccess;

    at(Revision::kLondon) = at(Revision::kBerlin);
    at(Revision::kLondon)[OP_BASEFEE] = 2;  // EIP-3198

    at(Revision::kParis) = at(Revision::kLondon);  // EIP-4399 renames 0x44 only.

    at(Revision::kShanghai) = at(Revision::kParis);
    at(Revision::kShanghai)[OP_PUSH0] = 2;  // EIP-3855

    at(Revision::kCancun) = at(Revision::kShanghai);
    at(Revision::kCancun)[OP_BLOBHASH] = 3;     // EIP-4844
    at(Revision::kCancun)[OP_BLOBBASEFEE] = 2;  // EIP-7516
    at(Revision::kCancun)[OP_TLOAD] = 100;      // EIP-1153
    at(Revision::kCancun)[OP_TSTORE] = 100;     // EIP-1153
    at(Revision::kCancun)[OP_MCOPY] = 3;        // EIP-5656

    at(Revision::kPrague) = at(Revision::kCancun);

    at(Revision::kOsaka) = at(Revision::kPrague);
    at(Revision::kOsaka)[OP_CLZ] = 5;  // EIP-7939

    return table;
}();

static_assert(kLatestRevision == Revision::kOsaka, "add the new revision's row to kGasCosts");
static_assert(kGasCosts[static_cast<size_t>(kLatestRevision)][OP_CLZ] == 5,
              "the newest revision's row must be filled");
static_assert(kGasCosts[static_cast<size_t>(kLatestRevision)][OP_ADD] == 3);

/// True when `op` has the same base cost in every revision and exists since Frontier, so the
/// interpreter can charge it without loading the revision's row.
[[nodiscard]] consteval bool has_const_gas_cost(uint8_t op) noexcept
{
    const auto g = kGasCosts[0][op];
    if (g == kUndefined) return false;
    for (const auto& row : kGasCosts)
        if (row[op] != g) return false;
    return true;
}

/// What SSTORE did to a slot, classified by the (original, current, new) values of EIP-1283 /
/// EIP-2200, like evmc_storage_status. "original" is the value at the start of the transaction,
/// "current" before this SSTORE, "new" the value written. X, Y, Z are distinct non-zero values.
enum class StorageStatus : uint8_t
{
    kAssigned,      ///< Any other case (no-op X→X→X, 0→0→0, or a dirty slot written again).
    kAdded,         ///< 0 → 0 → Z.
    kDeleted,       ///< X → X → 0.
    kModified,      ///< X → X → Z.
    kDeletedAdded,  ///< X → 0 → Z.
    kModifiedDeleted,   ///< X → Y → 0.
    kDeletedRestored,   ///< X → 0 → X.
    kAddedDeleted,      ///< 0 → Y → 0.
    kModifiedRestored,  ///< X → Y → X.
};
/// Number of StorageStatus values.
inline constexpr size_t kNumStorageStatuses = 9;

/// Gas charged and refund granted by one SSTORE (the EIP-2929 cold surcharge is separate).
struct StorageCost
{
    int16_t gas_cost = 0;    ///< Charged to gas_left.
    int32_t gas_refund = 0;  ///< Added to the refund counter; may be negative.
};

/// The SSTORE cost of every StorageStatus, for one revision.
using StorageCostTable = std::array<StorageCost, kNumStorageStatuses>;

namespace detail {
/// The parameters that define a revision's SSTORE pricing (execution-specs `vm/gas.py`).
struct StorageCostSpec
{
    bool net_metering;     ///< EIP-1283 / EIP-2200 net gas metering.
    int16_t warm_access;   ///< YP G_sload / G_warmaccess: no-op and dirty writes.
    int16_t set;           ///< YP G_sset: 0 → Z.
    int16_t reset;         ///< YP G_sreset: X → Z (minus G_coldsload from EIP-2929).
    int32_t clear_refund;  ///< YP R_sclear.
};

/// Builds the cost of each status from the spec's rules.
constexpr StorageCostTable make_storage_costs(const StorageCostSpec& s) noexcept
{
    StorageCostTable t{};
    const auto at = [&t](StorageStatus st) -> StorageCost& { return t[static_cast<size_t>(st)]; };
    if (!s.net_metering) {
        // Pre-EIP-1283: 20000 when a zero slot becomes non-zero, 5000 otherwise; refund when a
        // non-zero slot is cleared. Only current and new values matter.
        at(StorageStatus::kAssigned) = {s.reset, 0};
        at(StorageStatus::kAdded) = {s.set, 0};
        at(StorageStatus::kDeleted) = {s.reset, s.clear_refund};
        at(StorageStatus::kModified) = {s.reset, 0};
        at(StorageStatus::kDeletedAdded) = {s.set, 0};
        at(StorageStatus::kModifiedDeleted) = {s.reset, s.clear_refund};
        at(StorageStatus::kDeletedRestored) = {s.set, 0};
        at(StorageStatus::kAddedDeleted) = {s.reset, s.clear_refund};
        at(StorageStatus::kModifiedRestored) = {s.reset, 0};
        return t;
    }
    // Net gas metering: a clean slot pays set/reset, everything else pays a warm read; refunds
    // track whether the slot is cleared, un-cleared or restored to its original value.
    at(StorageStatus::kAssigned) = {s.warm_access, 0};
    at(StorageStatus::kAdded) = {s.set, 0};
    at(StorageStatus::kDeleted) = {s.reset, s.clear_refund};
    at(StorageStatus::kModified) = {s.reset, 0};
    at(StorageStatus::kDeletedAdded) = {s.warm_access, -s.clear_refund};
    at(StorageStatus::kModifiedDeleted) = {s.warm_access, s.clear_refund};
    at(StorageStatus::kDeletedRestored) = {s.warm_access,
                                           -s.clear_refund + s.reset - s.warm_access};
    at(StorageStatus::kAddedDeleted) = {s.warm_access, s.set - s.warm_access};
    at(StorageStatus::kModifiedRestored) = {s.warm_access, s.reset - s.warm_access};
    return t;
}
}  // namespace detail

/// SSTORE costs per revision, indexed [rev][StorageStatus].
inline constexpr std::array<StorageCostTable, kNumRevisions> kStorageCosts = [] {
    using detail::make_storage_costs;
    std::array<StorageCostTable, kNumRevisions> table{};
    const auto at = [&table](Revision rev) -> StorageCostTable& {
        return table[static_cast<size_t>(rev)];
    };
    at(Revision::kFrontier) = make_storage_costs({false, 0, 20000, 5000, 15000});
    at(Revision::kHomestead) = at(Revision::kFrontier);
    at(Revision::kTangerineWhistle) = at(Revision::kFrontier);
    at(Revision::kSpuriousDragon) = at(Revision::kFrontier);
    at(Revision::kByzantium) = at(Revision::kFrontier);
    // EIP-1283: net gas metering with G_sload = 200.
    at(Revision::kConstantinople) = make_storage_costs({true, 200, 20000, 5000, 15000});
    // Petersburg removes EIP-1283 again (EIP-1716).
    at(Revision::kPetersburg) = at(Revision::kFrontier);
    // EIP-2200: net gas metering with G_sload = 800 (EIP-1884), plus the stipend sentry.
    at(Revision::kIstanbul) = make_storage_costs({true, 800, 20000, 5000, 15000});
    // EIP-2929: warm read 100; G_sreset lowered by COLD_SLOAD_COST (charged separately).
    at(Revision::kBerlin) = make_storage_costs({true, 100, 20000, 5000 - kGasColdSload, 15000});
    // EIP-3529: R_sclear = G_sreset + ACCESS_LIST_STORAGE_KEY_COST = 2900 + 1900.
    at(Revision::kLondon) = make_storage_costs({true, 100, 20000, 5000 - kGasColdSload, 4800});
    at(Revision::kParis) = at(Revision::kLondon);
    at(Revision::kShanghai) = at(Revision::kLondon);
    at(Revision::kCancun) = at(Revision::kLondon);
    at(Revision::kPrague) = at(Revision::kLondon);
    at(Revision::kOsaka) = at(Revision::kLondon);
    return table;
}();

static_assert(
    kStorageCosts[static_cast<size_t>(kLatestRevision)][static_cast<size_t>(StorageStatus::kAdded)]
            .gas_cost == 20000,
    "the newest revision's SSTORE row must be filled");

}  // namespace ultra::evm
