// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::execution {

/// Why a block is invalid, grouped by the rule (Yellow Paper section or EIP) that rejects it.
/// Header validation (validate_header()), the block's shape (validate_block_shape()) and ommer
/// validation (validate_ommers()) produce the first groups; the last group is for the block
/// executor (roots and totals that only execution can compute), so that a block's rejection
/// reason is one value. to_string() gives the execution-spec-tests `BlockException` member where
/// one exists ("INVALID_GASLIMIT", ...), else a name in the same style.
enum class BlockError : uint8_t
{
    // Decoding (Yellow Paper Appendix B)

    kRlpInvalid,  ///< the block's RLP does not decode (see BlockDecodingError for the detail)

    // Header (Yellow Paper §4.3.4, EIP-1559, -3675, -4895, -4844, -4788, -7685)

    kUnknownParent,               ///< parent_hash is not the parent's hash
    kInvalidNumber,               ///< number != parent.number + 1
    kTimestampNotAfterParent,     ///< timestamp <= parent.timestamp
    kExtraDataTooLong,            ///< extra_data longer than 32 bytes
    kGasLimitOutOfBounds,         ///< |gas_limit - parent's| >= parent's / 1024 (EIP-1559 doubled)
    kGasLimitTooLow,              ///< gas_limit < 5000
    kGasLimitTooHigh,             ///< gas_limit > 2^63 - 1 (go-ethereum's MaxGasLimit)
    kGasUsedAboveLimit,           ///< gas_used > gas_limit
    kInvalidDifficulty,           ///< not the difficulty the formula gives (EIP-2, -100, bombs)
    kInvalidProofOfWork,          ///< Ethash: mix hash or nonce do not seal the header
    kInvalidDaoExtraData,         ///< a DAO fork block (or one of the 9 after) without the marker
    kMissingBaseFee,              ///< EIP-1559: no base fee from London
    kUnexpectedBaseFee,           ///< EIP-1559: a base fee before London
    kInvalidBaseFee,              ///< EIP-1559: not the base fee the parent implies
    kNonZeroDifficulty,           ///< EIP-3675: difficulty != 0 from Paris
    kNonZeroNonce,                ///< EIP-3675: nonce != 0 from Paris
    kNonEmptyOmmersHash,          ///< EIP-3675: ommers_hash != keccak256(rlp([])) from Paris
    kMissingWithdrawalsRoot,      ///< EIP-4895: no withdrawals root from Shanghai
    kUnexpectedWithdrawalsRoot,   ///< EIP-4895: a withdrawals root before Shanghai
    kMissingBlobGasFields,        ///< EIP-4844: no blob gas used / excess blob gas from Cancun
    kUnexpectedBlobGasFields,     ///< EIP-4844: blob gas fields before Cancun
    kInvalidExcessBlobGas,        ///< EIP-4844 / EIP-7918: not the parent's implied value
    kBlobGasUsedNotMultiple,      ///< EIP-4844: blob_gas_used not a multiple of 2^17
    kBlobGasUsedAboveLimit,       ///< EIP-4844 / EIP-7691: more than max blobs × 2^17
    kMissingParentBeaconRoot,     ///< EIP-4788: no parent beacon block root from Cancun
    kUnexpectedParentBeaconRoot,  ///< EIP-4788: a parent beacon block root before Cancun
    kMissingRequestsHash,         ///< EIP-7685: no requests hash from Prague
    kUnexpectedRequestsHash,      ///< EIP-7685: a requests hash before Prague

    // Block shape (EIP-4895, EIP-7934)

    kMissingWithdrawals,     ///< EIP-4895: a Shanghai block without the withdrawals list
    kUnexpectedWithdrawals,  ///< EIP-4895: a withdrawals list before Shanghai
    kBlockTooLarge,          ///< EIP-7934: the block's RLP exceeds 8 MiB (Osaka)

    // Ommers (Yellow Paper §11.1)

    kInvalidOmmersHash,       ///< ommers_hash != keccak256(rlp(ommers))
    kTooManyOmmers,           ///< more than 2 ommers
    kDuplicateOmmer,          ///< the same ommer twice in the block
    kOmmerIsAncestor,         ///< the ommer is the block itself or one of its 7 latest ancestors
    kOmmerAlreadyIncluded,    ///< an ancestor already included this ommer
    kInvalidOmmerAge,         ///< not 1 <= number - ommer.number <= 6
    kOmmerParentNotAncestor,  ///< the ommer's parent is not one of the 7 latest ancestors
    kOmmerIsSibling,          ///< the ommer's parent is the block's parent
    kInvalidOmmerHeader,      ///< the ommer fails header validation against its parent

    // Execution results, computed by the block executor (Yellow Paper §4.3.2, EIP-4844, -4895,
    // -7685)

    kInvalidGasUsed,           ///< gas_used != the transactions' total
    kInvalidBlobGasUsed,       ///< EIP-4844: blob_gas_used != the transactions' total
    kInvalidStateRoot,         ///< state_root != the post-state root
    kInvalidTransactionsRoot,  ///< transactions_root != the transactions trie root
    kInvalidReceiptsRoot,      ///< receipts_root != the receipts trie root
    kInvalidLogsBloom,         ///< logs_bloom != the union of the receipts' blooms
    kInvalidWithdrawalsRoot,   ///< EIP-4895: withdrawals_root != the withdrawals trie root
    kInvalidRequestsHash,      ///< EIP-7685: requests_hash != the hash of the block's requests
};

/// The name of `e`: the execution-spec-tests `BlockException` member where one exists
/// ("INVALID_GASLIMIT", "INCORRECT_EXCESS_BLOB_GAS", ...), else a name in the same style.
[[nodiscard]] std::string_view to_string(BlockError e) noexcept;

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/// Yellow Paper §4.3.4: the gas limit may move by less than parent / 1024 per block.
inline constexpr uint64_t kGasLimitBoundDivisor = 1024;
/// Yellow Paper §4.3.4: the smallest gas limit.
inline constexpr uint64_t kMinGasLimit = 5000;
/// go-ethereum's MaxGasLimit (2^63 - 1): larger gas limits are invalid.
inline constexpr uint64_t kMaxGasLimit = 0x7fff'ffff'ffff'ffff;
/// The longest extra data (Yellow Paper §4.3.4).
inline constexpr size_t kMaxExtraDataSize = 32;
/// EIP-1559 ELASTICITY_MULTIPLIER.
inline constexpr uint64_t kElasticityMultiplier = 2;
/// EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR.
inline constexpr uint64_t kBaseFeeMaxChangeDenominator = 8;
/// EIP-1559 INITIAL_BASE_FEE: the base fee of the London fork block (1 gwei).
inline constexpr uint64_t kInitialBaseFee = 1'000'000'000;
/// EIP-4844 GAS_PER_BLOB.
inline constexpr uint64_t kBlobGasPerBlob = uint64_t{1} << 17;
/// EIP-7918 BLOB_BASE_COST: the execution gas a blob's reserve price is pegged to.
inline constexpr uint64_t kBlobBaseCost = uint64_t{1} << 13;
/// The extra data of the DAO fork block and the 9 after it: "dao-hard-fork".
inline constexpr uint8_t kDaoExtraData[] = {0x64, 0x61, 0x6f, 0x2d, 0x68, 0x61, 0x72,
                                            0x64, 0x2d, 0x66, 0x6f, 0x72, 0x6b};
/// Yellow Paper §11.1: an ommer is at most 6 generations older than the block including it.
inline constexpr uint64_t kMaxOmmerDepth = 6;
/// Yellow Paper §11.1: a block includes at most 2 ommers.
inline constexpr size_t kMaxOmmers = 2;

// ---------------------------------------------------------------------------------------------
// Header rules as pure functions
// ---------------------------------------------------------------------------------------------

/// Yellow Paper §4.3.4 gas limit bounds: |gas_limit - parent_gas_limit| < parent_gas_limit /
/// 1024 and gas_limit >= 5000 (and <= 2^63 - 1). Pass the parent's limit times 2 at the London
/// fork block (EIP-1559 elasticity).
[[nodiscard]] Result<void, BlockError> check_gas_limit(uint64_t gas_limit,
                                                       uint64_t parent_gas_limit) noexcept;

/// EIP-1559 base fee of a block whose parent has this gas limit, gas used and base fee: the
/// parent's base fee moved by up to 1/8 towards the target gas_limit / 2 (and up by at least 1
/// when above the target).
[[nodiscard]] uint256 calculate_base_fee(uint64_t parent_gas_limit,
                                         uint64_t parent_gas_used,
                                         const uint256& parent_base_fee) noexcept;

/// EIP-4844 excess blob gas of a block with blob parameters `params`, from its parent's excess
/// blob gas, blob gas used and base fee (all 0 when the parent predates Cancun):
/// max(parent_excess + parent_used - target × 2^17, 0). With `reserve_price` (Osaka, EIP-7918),
/// when BLOB_BASE_COST × parent_base_fee > 2^17 × blob_base_fee(parent_excess) the target is not
/// subtracted: the excess grows by parent_used × (max - target) / max instead.
[[nodiscard]] uint64_t calculate_excess_blob_gas(uint64_t parent_excess_blob_gas,
                                                 uint64_t parent_blob_gas_used,
                                                 const uint256& parent_base_fee,
                                                 const BlobParams& params,
                                                 bool reserve_price) noexcept;

/// The excess blob gas `header` must have on `config` given its parent (the blob schedule and
/// revision of the header's own timestamp). Precondition: the header is Cancun or later.
[[nodiscard]] uint64_t calculate_excess_blob_gas(const ChainConfig& config,
                                                 const BlockHeader& header,
                                                 const BlockHeader& parent) noexcept;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// Validates `header` against its `parent` with the rules of the header's revision on `config`
/// (execution-specs validate_header, go-ethereum VerifyHeader): field presence per revision
/// (EIP-1559, -4895, -4844, -4788, -7685), number, timestamp, extra data, gas limit (doubled
/// parent limit at the London fork block) and gas used, the base fee (1 gwei at the London fork
/// block), the difficulty before Paris and the EIP-3675 rules from Paris, the DAO extra data,
/// the excess blob gas and the blob gas used bounds, and the parent hash.
///
/// `parent_total_difficulty` decides a total-difficulty Merge (ChainConfig::
/// has_total_difficulty_fork()); it is ignored otherwise. Not checked here: the Ethash seal
/// (crypto/ethash.hpp verify_seal(), for sealEngine Ethash), the timestamp against a clock, and
/// everything that needs the body or execution.
[[nodiscard]] Result<void, BlockError> validate_header(
    const ChainConfig& config,
    const BlockHeader& header,
    const BlockHeader& parent,
    const std::optional<uint256>& parent_total_difficulty = std::nullopt);

/// Validates what of a decoded block depends on the revision but not on execution: the
/// withdrawals list is present from Shanghai and absent before (EIP-4895), and from Osaka the
/// block's RLP (`rlp_size` bytes, e.g. the size of the imported bytes) is at most 8 MiB
/// (EIP-7934). `rev` is the block's revision.
[[nodiscard]] Result<void, BlockError> validate_block_shape(Revision rev,
                                                            const Block& block,
                                                            size_t rlp_size) noexcept;

/// A recent ancestor of a block, as ommer validation needs it. Non-owning: the header and the
/// ommers belong to the caller's chain store.
struct OmmerAncestor
{
    Hash256 hash;                         ///< the ancestor's header hash
    const BlockHeader* header = nullptr;  ///< the ancestor's header (not null)
    std::span<const BlockHeader> ommers;  ///< the ommers the ancestor included
};

/// Validates the ommers of `block` (Yellow Paper §11.1, execution-specs validate_ommers): the
/// ommers hash matches, at most 2 ommers, none twice, none is the block, an ancestor or an ommer
/// an ancestor included, each is 1 to 6 generations old, its parent is an ancestor but not the
/// block's parent, and each ommer header is valid against its parent (validate_header()).
///
/// `ancestors` are the block's most recent ancestors, parent first: the parent and up to 6 more
/// (fewer near genesis). From Paris, ommers must be empty, which the header's ommers_hash rule
/// already enforces.
[[nodiscard]] Result<void, BlockError> validate_ommers(const ChainConfig& config,
                                                       const Block& block,
                                                       std::span<const OmmerAncestor> ancestors);

// ---------------------------------------------------------------------------------------------
// Rewards (Yellow Paper §11.3)
// ---------------------------------------------------------------------------------------------

/// The block reward R_block of revision `rev`: 5 ETH, 3 ETH from Byzantium (EIP-649), 2 ETH from
/// Constantinople (EIP-1234), 0 from Paris (EIP-3675).
[[nodiscard]] uint256 block_reward(Revision rev) noexcept;

/// The reward of an ommer's coinbase: (8 + ommer_number - block_number) × R_block / 8.
/// Precondition: 1 <= block_number - ommer_number <= 6 (a valid ommer).
[[nodiscard]] uint256 ommer_reward(Revision rev,
                                   uint64_t block_number,
                                   uint64_t ommer_number) noexcept;

/// What the block's coinbase earns per ommer it includes: R_block / 32.
[[nodiscard]] uint256 nephew_reward(Revision rev) noexcept;

}  // namespace ultra::execution
