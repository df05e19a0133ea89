// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra {

/// When a fork activates: never, at a block number (pre-merge forks), at a timestamp (forks from
/// Shanghai), or once the parent's total difficulty reaches the terminal total difficulty (the
/// Merge, EIP-3675).
struct ForkCondition
{
    /// The kind of activation.
    enum class Kind : uint8_t
    {
        kNever,
        kBlock,
        kTimestamp,
        kTotalDifficulty,
    };

    Kind kind = Kind::kNever;  ///< how the fork activates
    uint64_t value = 0;        ///< kBlock: the first block number; kTimestamp: the first time
    uint256 total_difficulty;  ///< kTotalDifficulty: the terminal total difficulty

    /// A fork that never activates.
    static constexpr ForkCondition never() noexcept { return {}; }
    /// A fork that activates at block `number` (active for number and every later block).
    static constexpr ForkCondition at_block(uint64_t number) noexcept
    {
        return {Kind::kBlock, number, {}};
    }
    /// A fork that activates for blocks with timestamp >= `time`.
    static constexpr ForkCondition at_timestamp(uint64_t time) noexcept
    {
        return {Kind::kTimestamp, time, {}};
    }
    /// A fork that activates for blocks whose parent's total difficulty is >= `ttd` (EIP-3675).
    static constexpr ForkCondition at_total_difficulty(const uint256& ttd) noexcept
    {
        return {Kind::kTotalDifficulty, 0, ttd};
    }

    /// Whether the fork is active for a block with this number and timestamp whose parent has
    /// total difficulty `parent_total_difficulty`. A total-difficulty condition is inactive when
    /// the total difficulty is not given.
    [[nodiscard]] bool is_active(
        uint64_t number,
        uint64_t timestamp,
        const std::optional<uint256>& parent_total_difficulty = std::nullopt) const noexcept;

    friend bool operator==(const ForkCondition&, const ForkCondition&) = default;
};

/// The blob parameters of a fork (EIP-4844, EIP-7691, EIP-7840 blobSchedule, EIP-7892 BPO forks):
/// the target and maximum blobs per block and the blob base fee update fraction.
struct BlobParams
{
    uint64_t target = 0;                    ///< target blobs per block
    uint64_t max = 0;                       ///< maximum blobs per block
    uint64_t base_fee_update_fraction = 0;  ///< BLOB_BASE_FEE_UPDATE_FRACTION

    friend bool operator==(const BlobParams&, const BlobParams&) = default;
};

/// The forks that set a blob schedule, in activation order: the three revisions that have one
/// and the blob-parameter-only forks of EIP-7892. BPO forks execute as Revision::kOsaka; they are
/// represented here, not in Revision.
enum class BlobFork : uint8_t
{
    kCancun = 0,  ///< EIP-4844: 3 / 6 / 3338477
    kPrague = 1,  ///< EIP-7691: 6 / 9 / 5007716
    kOsaka = 2,   ///< as Prague
    kBpo1 = 3,    ///< EIP-7892 blob-parameter-only forks
    kBpo2 = 4,
    kBpo3 = 5,
    kBpo4 = 6,
};

/// The number of BlobFork values.
inline constexpr size_t kNumBlobForks = 7;

/// The fixture name of a blob fork ("Cancun", ..., "BPO1", ...), as in `config.blobSchedule`.
[[nodiscard]] std::string_view to_string(BlobFork fork) noexcept;

/// Parses a blob fork name (the keys of a fixture's `config.blobSchedule`); std::nullopt if
/// unknown.
[[nodiscard]] std::optional<BlobFork> blob_fork_from_string(std::string_view name) noexcept;

/// The blob schedule of mainnet and of the test fixtures: Cancun 3/6/3338477, Prague and Osaka
/// 6/9/5007716, BPO1 10/15/8346193, BPO2 14/21/11684671, BPO3 21/32/20609697, BPO4
/// 14/21/13739630 (the values the EEST fixtures' config.blobSchedule carries).
[[nodiscard]] BlobParams default_blob_params(BlobFork fork) noexcept;

/// Why a chain configuration could not be built.
enum class ConfigError : uint8_t
{
    kUnknownNetwork,        ///< the network name is not one the fixtures use
    kUnsupportedTransition  ///< a "<A>To<B>At<X>" name whose forks cannot switch that way
};

/// A short English reason for `e`.
[[nodiscard]] std::string_view to_string(ConfigError e) noexcept;

/// The EXECUTE precompile of a chain that has it (SPEC.md § EXECUTE; docs/execute.md): its
/// address, its L1 gas and its execute-gas market. The defaults are the SPEC's devnet values.
struct ExecuteConfig
{
    /// EXECUTE's address: 0x0000000000000000000000000000000000000101.
    Address address = [] {
        Address a;
        a[18] = 0x01;
        a[19] = 0x01;
        return a;
    }();
    uint64_t gas_cost = 100'000;  ///< EXECUTE_GAS_COST: L1 gas of every non-empty call
    uint64_t gas_per_byte = 16;   ///< EXECUTE_GAS_PER_BYTE: L1 gas per input byte
    /// EXECUTE_CUMULATIVE_GAS_LIMIT: the most L2 gas (Σ gasUsed) all calls of a block may claim.
    uint64_t cumulative_gas_limit = 60'000'000;
    /// EXECUTE_CUMULATIVE_GAS_TARGET: the Σ gasUsed at which the execute base fee stays put
    /// (must be > 0).
    uint64_t cumulative_gas_target = 30'000'000;
    uint256 base_fee_floor = 1;     ///< the lowest execute base fee, in wei (must be >= 1)
    uint64_t query_gas_cost = 100;  ///< L1 gas of an empty-input call (the base fee query)

    friend bool operator==(const ExecuteConfig&, const ExecuteConfig&) = default;
};

/// A chain's fork schedule and constants: everything block validation needs to know about the
/// chain besides its blocks.
///
/// Invariant: the revisions' activations are ordered (a revision active at some block implies
/// every earlier one is), and so are the BPO forks'. Forks that only move the difficulty bomb
/// (Muir/Arrow/Gray Glacier) and the DAO fork are block numbers beside the revision schedule.
struct ChainConfig
{
    uint64_t chain_id = 1;  ///< EIP-155 chain id

    /// The activation of each revision, indexed by Revision. Frontier is active from block 0.
    std::array<ForkCondition, kNumRevisions> forks{};

    /// The block of the DAO hard fork (supporting side): its irregular state change, and the
    /// extra-data rule for it and the 9 blocks after it.
    std::optional<uint64_t> dao_fork_block;
    std::optional<uint64_t> muir_glacier_block;   ///< EIP-2384: bomb delayed to 9M blocks
    std::optional<uint64_t> arrow_glacier_block;  ///< EIP-4345: bomb delayed to 10.7M blocks
    std::optional<uint64_t> gray_glacier_block;   ///< EIP-5133: bomb delayed to 11.4M blocks

    /// The activation of the BPO forks BPO1..BPO4 (EIP-7892); Cancun, Prague and Osaka take the
    /// activation of their revision.
    std::array<ForkCondition, 4> bpo_forks{};

    /// The blob parameters of each blob fork, indexed by BlobFork.
    std::array<BlobParams, kNumBlobForks> blob_params{};

    /// The EXECUTE precompile, on a chain that has it (docs/execute.md); none by default. Read by
    /// whoever builds the chain's precompile set (execute::ExecutePrecompiles), not by block
    /// execution itself.
    std::optional<ExecuteConfig> execute;

    /// A configuration where only Frontier is active, with the default blob parameters.
    ChainConfig() noexcept;

    /// Whether `rev` is active for a block with this number and timestamp (and, for a
    /// total-difficulty fork, whose parent has that total difficulty).
    [[nodiscard]] bool is_active(
        Revision rev,
        uint64_t number,
        uint64_t timestamp,
        const std::optional<uint256>& parent_total_difficulty = std::nullopt) const noexcept;

    /// The revision of a block with this number and timestamp: the newest active one. A
    /// total-difficulty fork (the Merge of a "...AtDiff..." network) counts only when
    /// `parent_total_difficulty` is given and reaches it: see has_total_difficulty_fork().
    [[nodiscard]] Revision revision_at(
        uint64_t number,
        uint64_t timestamp,
        const std::optional<uint256>& parent_total_difficulty = std::nullopt) const noexcept;

    /// True if some revision activates by total difficulty: callers must then track total
    /// difficulty and pass the parent's to revision_at() and validation.
    [[nodiscard]] bool has_total_difficulty_fork() const noexcept;

    /// The newest blob fork active for a block with this number and timestamp, or std::nullopt
    /// before Cancun.
    [[nodiscard]] std::optional<BlobFork> blob_fork_at(
        uint64_t number,
        uint64_t timestamp,
        const std::optional<uint256>& parent_total_difficulty = std::nullopt) const noexcept;

    /// The blob parameters in force for a block with this number and timestamp (those of
    /// blob_fork_at()), or std::nullopt before Cancun.
    [[nodiscard]] std::optional<BlobParams> blob_params_at(
        uint64_t number,
        uint64_t timestamp,
        const std::optional<uint256>& parent_total_difficulty = std::nullopt) const noexcept;

    /// Whether block `number` must carry the DAO extra data "dao-hard-fork": the DAO fork block
    /// and the 9 blocks after it.
    [[nodiscard]] bool requires_dao_extra_data(uint64_t number) const noexcept;

    friend bool operator==(const ChainConfig&, const ChainConfig&) = default;
};

/// The configuration a fixture's `network` name means, chain id 1, default blob parameters:
/// - one fork from genesis: Frontier, Homestead, EIP150 (TangerineWhistle), EIP158
///   (SpuriousDragon), Byzantium, Constantinople, ConstantinopleFix (Petersburg), Istanbul,
///   MuirGlacier, Berlin (with Muir Glacier), London, ArrowGlacier, GrayGlacier, Paris (Merge),
///   Shanghai, Cancun, Prague, Osaka, BPO1..BPO4 (Osaka with the BPO forks up to that one);
/// - a transition "<A>To<B>At5" (B's forks at block 5), "<A>To<B>AtTime15k" (at timestamp
///   15000) or "<A>To<B>AtDiffC0000" (at terminal total difficulty 0xC0000), where A and B are
///   names above, and "HomesteadToDaoAt5" (Homestead with the DAO fork at block 5).
/// Anything else is kUnknownNetwork.
[[nodiscard]] Result<ChainConfig, ConfigError> chain_config_for_network(std::string_view name);

}  // namespace ultra
