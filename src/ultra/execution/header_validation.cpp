// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "header_validation.hpp"

#include <algorithm>
#include <ultra/execution/block_env.hpp>
#include <ultra/execution/difficulty.hpp>

namespace ultra::execution {

std::string_view to_string(BlockError e) noexcept
{
    switch (e) {
        case BlockError::kRlpInvalid: return "RLP_STRUCTURES_ENCODING";
        case BlockError::kUnknownParent: return "UNKNOWN_PARENT";
        case BlockError::kInvalidNumber: return "INVALID_BLOCK_NUMBER";
        case BlockError::kTimestampNotAfterParent:
            return "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT";
        case BlockError::kExtraDataTooLong: return "EXTRA_DATA_TOO_BIG";
        case BlockError::kGasLimitOutOfBounds: return "INVALID_GASLIMIT";
        case BlockError::kGasLimitTooLow: return "GASLIMIT_TOO_LOW";
        case BlockError::kGasLimitTooHigh: return "GASLIMIT_TOO_BIG";
        case BlockError::kGasUsedAboveLimit: return "GAS_USED_OVERFLOW";
        case BlockError::kInvalidDifficulty: return "INVALID_DIFFICULTY";
        case BlockError::kInvalidProofOfWork: return "INVALID_PROOF_OF_WORK";
        case BlockError::kInvalidDaoExtraData: return "EXTRA_DATA_INVALID_DAO";
        case BlockError::kMissingBaseFee: return "MISSING_BASEFEE_PER_GAS";
        case BlockError::kUnexpectedBaseFee: return "UNEXPECTED_BASEFEE_PER_GAS";
        case BlockError::kInvalidBaseFee: return "INVALID_BASEFEE_PER_GAS";
        case BlockError::kNonZeroDifficulty: return "IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS";
        case BlockError::kNonZeroNonce: return "INVALID_NONCE_OVER_PARIS";
        case BlockError::kNonEmptyOmmersHash: return "IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS";
        case BlockError::kMissingWithdrawalsRoot: return "MISSING_WITHDRAWALS_ROOT";
        case BlockError::kUnexpectedWithdrawalsRoot: return "UNEXPECTED_WITHDRAWALS_ROOT";
        case BlockError::kMissingBlobGasFields: return "MISSING_BLOB_GAS_FIELDS";
        case BlockError::kUnexpectedBlobGasFields: return "UNEXPECTED_BLOB_GAS_FIELDS";
        case BlockError::kInvalidExcessBlobGas: return "INCORRECT_EXCESS_BLOB_GAS";
        case BlockError::kBlobGasUsedNotMultiple: return "INCORRECT_BLOB_GAS_USED";
        case BlockError::kBlobGasUsedAboveLimit: return "BLOB_GAS_USED_ABOVE_LIMIT";
        case BlockError::kMissingParentBeaconRoot: return "MISSING_PARENT_BEACON_ROOT";
        case BlockError::kUnexpectedParentBeaconRoot: return "UNEXPECTED_PARENT_BEACON_ROOT";
        case BlockError::kMissingRequestsHash: return "MISSING_REQUESTS_HASH";
        case BlockError::kUnexpectedRequestsHash: return "UNEXPECTED_REQUESTS_HASH";
        case BlockError::kMissingWithdrawals: return "MISSING_WITHDRAWALS";
        case BlockError::kUnexpectedWithdrawals: return "UNEXPECTED_WITHDRAWALS";
        case BlockError::kBlockTooLarge: return "RLP_BLOCK_LIMIT_EXCEEDED";
        case BlockError::kInvalidOmmersHash: return "INVALID_UNCLES_HASH";
        case BlockError::kTooManyOmmers: return "TOO_MANY_UNCLES";
        case BlockError::kDuplicateOmmer: return "DUPLICATE_UNCLE";
        case BlockError::kOmmerIsAncestor: return "UNCLE_IS_ANCESTOR";
        case BlockError::kOmmerAlreadyIncluded: return "UNCLE_IN_CHAIN";
        case BlockError::kInvalidOmmerAge: return "INVALID_UNCLE_AGE";
        case BlockError::kOmmerParentNotAncestor: return "UNCLE_PARENT_IS_NOT_ANCESTOR";
        case BlockError::kOmmerIsSibling: return "UNCLE_IS_BROTHER";
        case BlockError::kInvalidOmmerHeader: return "INVALID_UNCLE_HEADER";
        case BlockError::kInvalidGasUsed: return "INVALID_GAS_USED";
        case BlockError::kInvalidBlobGasUsed: return "INCORRECT_BLOB_GAS_USED";
        case BlockError::kInvalidStateRoot: return "INVALID_STATE_ROOT";
        case BlockError::kInvalidTransactionsRoot: return "INVALID_TRANSACTIONS_ROOT";
        case BlockError::kInvalidReceiptsRoot: return "INVALID_RECEIPTS_ROOT";
        case BlockError::kInvalidLogsBloom: return "INVALID_LOG_BLOOM";
        case BlockError::kInvalidWithdrawalsRoot: return "INVALID_WITHDRAWALS_ROOT";
        case BlockError::kInvalidRequestsHash: return "INVALID_REQUESTS";
    }
    return "UNKNOWN_BLOCK_ERROR";
}

Result<void, BlockError> check_gas_limit(uint64_t gas_limit, uint64_t parent_gas_limit) noexcept
{
    if (gas_limit > kMaxGasLimit) return unexpected(BlockError::kGasLimitTooHigh);
    const uint64_t max_delta = parent_gas_limit / kGasLimitBoundDivisor;
    const uint64_t delta =
        gas_limit > parent_gas_limit ? gas_limit - parent_gas_limit : parent_gas_limit - gas_limit;
    if (delta >= max_delta) return unexpected(BlockError::kGasLimitOutOfBounds);
    if (gas_limit < kMinGasLimit) return unexpected(BlockError::kGasLimitTooLow);
    return {};
}

uint256 calculate_base_fee(uint64_t parent_gas_limit,
                           uint64_t parent_gas_used,
                           const uint256& parent_base_fee) noexcept
{
    const uint64_t target = parent_gas_limit / kElasticityMultiplier;
    if (parent_gas_used == target) return parent_base_fee;
    if (parent_gas_used > target) {
        const uint256 delta =
            parent_base_fee * (parent_gas_used - target) / target / kBaseFeeMaxChangeDenominator;
        return parent_base_fee + std::max(delta, uint256{1});
    }
    const uint256 delta =
        parent_base_fee * (target - parent_gas_used) / target / kBaseFeeMaxChangeDenominator;
    return parent_base_fee - delta;
}

uint64_t calculate_excess_blob_gas(uint64_t parent_excess_blob_gas,
                                   uint64_t parent_blob_gas_used,
                                   const uint256& parent_base_fee,
                                   const BlobParams& params,
                                   bool reserve_price) noexcept
{
    const auto saturate = [](uint128 v) {
        return v > uint128{~uint64_t{0}} ? ~uint64_t{0} : static_cast<uint64_t>(v);
    };
    const uint128 target_blob_gas = uint128{params.target} * kBlobGasPerBlob;
    const uint128 parent_blob_gas = uint128{parent_excess_blob_gas} + parent_blob_gas_used;
    if (parent_blob_gas < target_blob_gas) return 0;

    if (reserve_price) {
        // EIP-7918: while the execution cost of a blob (BLOB_BASE_COST gas at the base fee) is
        // above its blob-gas price, the target is not subtracted.
        const uint256 reserve = parent_base_fee * kBlobBaseCost;
        const uint256 blob_price =
            blob_base_fee(parent_excess_blob_gas, params.base_fee_update_fraction) *
            kBlobGasPerBlob;
        if (reserve > blob_price && params.max != 0) {
            const uint128 increase =
                uint128{parent_blob_gas_used} * (params.max - params.target) / params.max;
            return saturate(uint128{parent_excess_blob_gas} + increase);
        }
    }
    return saturate(parent_blob_gas - target_blob_gas);
}

uint64_t calculate_excess_blob_gas(const ChainConfig& config,
                                   const BlockHeader& header,
                                   const BlockHeader& parent) noexcept
{
    const auto params = config.blob_params_at(header.number, header.timestamp);
    ULTRA_ASSERT(params.has_value());
    const Revision rev = config.revision_at(header.number, header.timestamp);
    // EIP-4844: at the Cancun fork block the parent's (absent) fields count as zero.
    return calculate_excess_blob_gas(parent.excess_blob_gas.value_or(0),
                                     parent.blob_gas_used.value_or(0),
                                     parent.base_fee_per_gas.value_or(0), *params,
                                     rev >= Revision::kOsaka);  // EIP-7918
}

namespace {

/// The fields each revision adds must be present from it and absent before it.
Result<void, BlockError> check_field_presence(Revision rev, const BlockHeader& h) noexcept
{
    // EIP-1559 (London): base fee.
    if (rev >= Revision::kLondon && !h.base_fee_per_gas)
        return unexpected(BlockError::kMissingBaseFee);
    if (rev < Revision::kLondon && h.base_fee_per_gas)
        return unexpected(BlockError::kUnexpectedBaseFee);
    // EIP-4895 (Shanghai): withdrawals root.
    if (rev >= Revision::kShanghai && !h.withdrawals_root)
        return unexpected(BlockError::kMissingWithdrawalsRoot);
    if (rev < Revision::kShanghai && h.withdrawals_root)
        return unexpected(BlockError::kUnexpectedWithdrawalsRoot);
    // EIP-4844 (Cancun): blob gas used and excess blob gas.
    const bool has_blob_fields = h.blob_gas_used || h.excess_blob_gas;
    if (rev >= Revision::kCancun && !(h.blob_gas_used && h.excess_blob_gas))
        return unexpected(BlockError::kMissingBlobGasFields);
    if (rev < Revision::kCancun && has_blob_fields)
        return unexpected(BlockError::kUnexpectedBlobGasFields);
    // EIP-4788 (Cancun): parent beacon block root.
    if (rev >= Revision::kCancun && !h.parent_beacon_block_root)
        return unexpected(BlockError::kMissingParentBeaconRoot);
    if (rev < Revision::kCancun && h.parent_beacon_block_root)
        return unexpected(BlockError::kUnexpectedParentBeaconRoot);
    // EIP-7685 (Prague): requests hash.
    if (rev >= Revision::kPrague && !h.requests_hash)
        return unexpected(BlockError::kMissingRequestsHash);
    if (rev < Revision::kPrague && h.requests_hash)
        return unexpected(BlockError::kUnexpectedRequestsHash);
    return {};
}

/// EIP-1559: the gas limit bounds and the base fee of a London (or later) header.
Result<void, BlockError> check_fee_market(const ChainConfig& config,
                                          const BlockHeader& header,
                                          const BlockHeader& parent) noexcept
{
    const bool fork_block = !config.is_active(Revision::kLondon, parent.number, parent.timestamp);
    // EIP-1559: at the fork block the parent's limit is doubled for the elasticity, so that the
    // gas target stays where it was.
    const uint64_t parent_gas_limit =
        fork_block ? std::min(parent.gas_limit, ~uint64_t{0} / kElasticityMultiplier) *
                         kElasticityMultiplier
                   : parent.gas_limit;
    ULTRA_TRY_VOID(check_gas_limit(header.gas_limit, parent_gas_limit));

    uint256 expected = kInitialBaseFee;  // EIP-1559 INITIAL_BASE_FEE at the fork block
    if (!fork_block) {
        if (!parent.base_fee_per_gas) return unexpected(BlockError::kInvalidBaseFee);
        expected = calculate_base_fee(parent.gas_limit, parent.gas_used, *parent.base_fee_per_gas);
    }
    if (*header.base_fee_per_gas != expected) return unexpected(BlockError::kInvalidBaseFee);
    return {};
}

/// EIP-4844: the excess blob gas and the bounds of blob gas used.
Result<void, BlockError> check_blob_gas(const ChainConfig& config,
                                        const BlockHeader& header,
                                        const BlockHeader& parent) noexcept
{
    const auto params = config.blob_params_at(header.number, header.timestamp);
    ULTRA_ASSERT(params.has_value());
    if (*header.excess_blob_gas != calculate_excess_blob_gas(config, header, parent))
        return unexpected(BlockError::kInvalidExcessBlobGas);
    if (*header.blob_gas_used % kBlobGasPerBlob != 0)
        return unexpected(BlockError::kBlobGasUsedNotMultiple);
    // EIP-7691 / EIP-7892: the maximum comes from the blob schedule in force.
    if (uint128{*header.blob_gas_used} > uint128{params->max} * kBlobGasPerBlob)
        return unexpected(BlockError::kBlobGasUsedAboveLimit);
    return {};
}

}  // namespace

Result<void, BlockError> validate_header(const ChainConfig& config,
                                         const BlockHeader& header,
                                         const BlockHeader& parent,
                                         const std::optional<uint256>& parent_total_difficulty)
{
    const Revision rev =
        config.revision_at(header.number, header.timestamp, parent_total_difficulty);
    ULTRA_TRY_VOID(check_field_presence(rev, header));

    if (header.parent_hash != header_hash(parent)) return unexpected(BlockError::kUnknownParent);
    if (parent.number == ~uint64_t{0} || header.number != parent.number + 1)
        return unexpected(BlockError::kInvalidNumber);
    if (header.timestamp <= parent.timestamp)
        return unexpected(BlockError::kTimestampNotAfterParent);
    if (header.extra_data.size() > kMaxExtraDataSize)
        return unexpected(BlockError::kExtraDataTooLong);
    if (header.gas_used > header.gas_limit) return unexpected(BlockError::kGasUsedAboveLimit);

    if (rev >= Revision::kLondon) {
        ULTRA_TRY_VOID(check_fee_market(config, header, parent));
    } else {
        ULTRA_TRY_VOID(check_gas_limit(header.gas_limit, parent.gas_limit));
    }

    if (rev >= Revision::kParis) {
        // EIP-3675: proof of stake blocks carry no proof of work and no ommers.
        if (header.difficulty != 0) return unexpected(BlockError::kNonZeroDifficulty);
        if (!header.nonce.is_zero()) return unexpected(BlockError::kNonZeroNonce);
        if (header.ommers_hash != kEmptyOmmersHash)
            return unexpected(BlockError::kNonEmptyOmmersHash);
    } else if (header.difficulty != calculate_difficulty(config, rev, header, parent)) {
        return unexpected(BlockError::kInvalidDifficulty);
    }

    // The DAO fork: its block and the 9 after it carry "dao-hard-fork".
    if (config.requires_dao_extra_data(header.number) &&
        BytesView{header.extra_data} != BytesView{kDaoExtraData, std::size(kDaoExtraData)})
        return unexpected(BlockError::kInvalidDaoExtraData);

    if (rev >= Revision::kCancun) ULTRA_TRY_VOID(check_blob_gas(config, header, parent));
    return {};
}

Result<void, BlockError> validate_block_shape(Revision rev,
                                              const Block& block,
                                              size_t rlp_size) noexcept
{
    // EIP-4895: the body has a withdrawals list from Shanghai, and only from Shanghai.
    if (rev >= Revision::kShanghai && !block.withdrawals)
        return unexpected(BlockError::kMissingWithdrawals);
    if (rev < Revision::kShanghai && block.withdrawals)
        return unexpected(BlockError::kUnexpectedWithdrawals);
    // EIP-7934: RLP execution block size limit.
    if (rev >= Revision::kOsaka && exceeds_max_rlp_block_size(rlp_size))
        return unexpected(BlockError::kBlockTooLarge);
    return {};
}

Result<void, BlockError> validate_ommers(const ChainConfig& config,
                                         const Block& block,
                                         std::span<const OmmerAncestor> ancestors)
{
    const BlockHeader& header = block.header;
    if (ommers_hash(block.ommers) != header.ommers_hash)
        return unexpected(BlockError::kInvalidOmmersHash);
    if (block.ommers.empty()) return {};
    if (block.ommers.size() > kMaxOmmers) return unexpected(BlockError::kTooManyOmmers);

    std::vector<Hash256> hashes;
    hashes.reserve(block.ommers.size());
    for (const auto& ommer : block.ommers) hashes.push_back(header_hash(ommer));
    for (size_t i = 0; i < hashes.size(); ++i)
        for (size_t j = i + 1; j < hashes.size(); ++j)
            if (hashes[i] == hashes[j]) return unexpected(BlockError::kDuplicateOmmer);

    // The recent canonical blocks: the parent and up to 6 more ancestors.
    const auto recent = ancestors.first(std::min(ancestors.size(), size_t{kMaxOmmerDepth + 1}));
    const Hash256 block_hash = header_hash(header);
    for (size_t i = 0; i < block.ommers.size(); ++i) {
        const BlockHeader& ommer = block.ommers[i];
        const Hash256& hash = hashes[i];
        if (hash == block_hash) return unexpected(BlockError::kOmmerIsAncestor);
        const OmmerAncestor* ommer_parent = nullptr;
        for (const auto& a : recent) {
            if (a.hash == hash) return unexpected(BlockError::kOmmerIsAncestor);
            for (const auto& included : a.ommers)
                if (header_hash(included) == hash)
                    return unexpected(BlockError::kOmmerAlreadyIncluded);
            if (a.hash == ommer.parent_hash) ommer_parent = &a;
        }
        if (ommer.number >= header.number || header.number - ommer.number > kMaxOmmerDepth)
            return unexpected(BlockError::kInvalidOmmerAge);
        if (ommer_parent == nullptr) return unexpected(BlockError::kOmmerParentNotAncestor);
        if (ommer.parent_hash == header.parent_hash) return unexpected(BlockError::kOmmerIsSibling);
        // Ommers are pre-merge headers: no total difficulty is needed for their revision.
        if (!validate_header(config, ommer, *ommer_parent->header))
            return unexpected(BlockError::kInvalidOmmerHeader);
    }
    return {};
}

uint256 block_reward(Revision rev) noexcept
{
    constexpr uint64_t kEther = 1'000'000'000'000'000'000;
    if (rev >= Revision::kParis) return 0;                    // EIP-3675
    if (rev >= Revision::kConstantinople) return 2 * kEther;  // EIP-1234
    if (rev >= Revision::kByzantium) return 3 * kEther;       // EIP-649
    return 5 * kEther;
}

uint256 ommer_reward(Revision rev, uint64_t block_number, uint64_t ommer_number) noexcept
{
    ULTRA_ASSERT(ommer_number < block_number && block_number - ommer_number <= kMaxOmmerDepth);
    return block_reward(rev) * (8 - (block_number - ommer_number)) / 8;
}

uint256 nephew_reward(Revision rev) noexcept
{
    return block_reward(rev) / 32;
}

}  // namespace ultra::execution
