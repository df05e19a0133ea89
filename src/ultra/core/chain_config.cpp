// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "chain_config.hpp"

namespace ultra {

bool ForkCondition::is_active(uint64_t number,
                              uint64_t timestamp,
                              const std::optional<uint256>& parent_total_difficulty) const noexcept
{
    switch (kind) {
        case Kind::kNever: return false;
        case Kind::kBlock: return number >= value;
        case Kind::kTimestamp: return timestamp >= value;
        case Kind::kTotalDifficulty:
            return parent_total_difficulty.has_value() &&
                   *parent_total_difficulty >= total_difficulty;
    }
    return false;
}

namespace {

struct BlobForkName
{
    std::string_view name;
    BlobFork fork;
    BlobParams params;
};

constexpr BlobForkName kBlobForks[kNumBlobForks] = {
    {"Cancun", BlobFork::kCancun, {3, 6, 3338477}},  // EIP-4844
    {"Prague", BlobFork::kPrague, {6, 9, 5007716}},  // EIP-7691
    {"Osaka", BlobFork::kOsaka, {6, 9, 5007716}},    // unchanged by Osaka
    {"BPO1", BlobFork::kBpo1, {10, 15, 8346193}},    // EIP-7892 parameters of the fixtures
    {"BPO2", BlobFork::kBpo2, {14, 21, 11684671}},  {"BPO3", BlobFork::kBpo3, {21, 32, 20609697}},
    {"BPO4", BlobFork::kBpo4, {14, 21, 13739630}},
};

constexpr size_t index_of(BlobFork f) noexcept
{
    return static_cast<size_t>(f);
}

constexpr size_t index_of(Revision r) noexcept
{
    return static_cast<size_t>(r);
}

/// The revision whose activation a blob fork shares, for the three that are revisions.
constexpr std::optional<Revision> revision_of(BlobFork f) noexcept
{
    switch (f) {
        case BlobFork::kCancun: return Revision::kCancun;
        case BlobFork::kPrague: return Revision::kPrague;
        case BlobFork::kOsaka: return Revision::kOsaka;
        default: return std::nullopt;
    }
}

// --- Networks ---------------------------------------------------------------------------------

/// One step of the fixtures' fork progression: a revision, a bomb-delay fork or a BPO fork.
enum class StepKind : uint8_t
{
    kRevision,
    kMuirGlacier,
    kArrowGlacier,
    kGrayGlacier,
    kBpo,
};

struct Step
{
    std::string_view name;
    std::string_view alias;
    StepKind kind;
    Revision rev = Revision::kFrontier;  ///< kRevision
    size_t bpo = 0;                      ///< kBpo: 0 for BPO1
};

/// The single-fork networks in activation order; a network enables its step and every step
/// before it (the same progression go-ethereum's tests/init.go uses).
constexpr Step kSteps[] = {
    {"Frontier", "", StepKind::kRevision, Revision::kFrontier},
    {"Homestead", "", StepKind::kRevision, Revision::kHomestead},
    {"EIP150", "TangerineWhistle", StepKind::kRevision, Revision::kTangerineWhistle},
    {"EIP158", "SpuriousDragon", StepKind::kRevision, Revision::kSpuriousDragon},
    {"Byzantium", "", StepKind::kRevision, Revision::kByzantium},
    {"Constantinople", "", StepKind::kRevision, Revision::kConstantinople},
    {"ConstantinopleFix", "Petersburg", StepKind::kRevision, Revision::kPetersburg},
    {"Istanbul", "", StepKind::kRevision, Revision::kIstanbul},
    {"MuirGlacier", "EIP2384", StepKind::kMuirGlacier},
    {"Berlin", "", StepKind::kRevision, Revision::kBerlin},
    {"London", "", StepKind::kRevision, Revision::kLondon},
    {"ArrowGlacier", "", StepKind::kArrowGlacier},
    {"GrayGlacier", "", StepKind::kGrayGlacier},
    {"Paris", "Merge", StepKind::kRevision, Revision::kParis},
    {"Shanghai", "", StepKind::kRevision, Revision::kShanghai},
    {"Cancun", "", StepKind::kRevision, Revision::kCancun},
    {"Prague", "", StepKind::kRevision, Revision::kPrague},
    {"Osaka", "", StepKind::kRevision, Revision::kOsaka},
    {"BPO1", "", StepKind::kBpo, Revision::kOsaka, 0},
    {"BPO2", "", StepKind::kBpo, Revision::kOsaka, 1},
    {"BPO3", "", StepKind::kBpo, Revision::kOsaka, 2},
    {"BPO4", "", StepKind::kBpo, Revision::kOsaka, 3},
};
constexpr size_t kNumSteps = std::size(kSteps);

std::optional<size_t> step_index(std::string_view name) noexcept
{
    for (size_t i = 0; i < kNumSteps; ++i)
        if (kSteps[i].name == name || (!kSteps[i].alias.empty() && kSteps[i].alias == name))
            return i;
    return std::nullopt;
}

/// Enables step `i` with `condition`. Bomb-delay forks are block numbers: under a timestamp or
/// total-difficulty condition they are enabled from genesis (they only matter before the Merge;
/// ArrowGlacierToParisAtDiffC0000 runs Gray Glacier rules from genesis, as py-evm and nimbus
/// configure it).
bool enable_step(ChainConfig& c, size_t i, const ForkCondition& condition) noexcept
{
    const Step& s = kSteps[i];
    const uint64_t block =
        condition.kind == ForkCondition::Kind::kBlock ? condition.value : uint64_t{0};
    switch (s.kind) {
        case StepKind::kRevision: c.forks[index_of(s.rev)] = condition; return true;
        case StepKind::kMuirGlacier: c.muir_glacier_block = block; return true;
        case StepKind::kArrowGlacier: c.arrow_glacier_block = block; return true;
        case StepKind::kGrayGlacier: c.gray_glacier_block = block; return true;
        case StepKind::kBpo:
            // EIP-7892 forks are scheduled by timestamp only.
            if (condition.kind != ForkCondition::Kind::kTimestamp &&
                !(condition.kind == ForkCondition::Kind::kBlock && condition.value == 0))
                return false;
            c.bpo_forks[s.bpo] = condition;
            return true;
    }
    return false;
}

ChainConfig network_up_to(size_t last) noexcept
{
    ChainConfig c;
    for (size_t i = 0; i <= last; ++i) enable_step(c, i, ForkCondition::at_block(0));
    return c;
}

}  // namespace

std::string_view to_string(BlobFork fork) noexcept
{
    return kBlobForks[index_of(fork)].name;
}

std::optional<BlobFork> blob_fork_from_string(std::string_view name) noexcept
{
    for (const auto& f : kBlobForks)
        if (f.name == name) return f.fork;
    return std::nullopt;
}

BlobParams default_blob_params(BlobFork fork) noexcept
{
    return kBlobForks[index_of(fork)].params;
}

std::string_view to_string(ConfigError e) noexcept
{
    switch (e) {
        case ConfigError::kUnknownNetwork: return "unknown network";
        case ConfigError::kUnsupportedTransition: return "unsupported fork transition";
    }
    return "unknown error";
}

ChainConfig::ChainConfig() noexcept
{
    forks[index_of(Revision::kFrontier)] = ForkCondition::at_block(0);
    for (size_t i = 0; i < kNumBlobForks; ++i) blob_params[i] = kBlobForks[i].params;
}

bool ChainConfig::is_active(Revision rev,
                            uint64_t number,
                            uint64_t timestamp,
                            const std::optional<uint256>& parent_total_difficulty) const noexcept
{
    return forks[index_of(rev)].is_active(number, timestamp, parent_total_difficulty);
}

Revision ChainConfig::revision_at(
    uint64_t number,
    uint64_t timestamp,
    const std::optional<uint256>& parent_total_difficulty) const noexcept
{
    for (size_t i = kNumRevisions; i-- > 1;)
        if (forks[i].is_active(number, timestamp, parent_total_difficulty))
            return static_cast<Revision>(i);
    return Revision::kFrontier;
}

bool ChainConfig::has_total_difficulty_fork() const noexcept
{
    for (const auto& f : forks)
        if (f.kind == ForkCondition::Kind::kTotalDifficulty) return true;
    return false;
}

std::optional<BlobFork> ChainConfig::blob_fork_at(
    uint64_t number,
    uint64_t timestamp,
    const std::optional<uint256>& parent_total_difficulty) const noexcept
{
    for (size_t i = kNumBlobForks; i-- > 0;) {
        const auto fork = static_cast<BlobFork>(i);
        const auto rev = revision_of(fork);
        const ForkCondition& condition =
            rev ? forks[index_of(*rev)] : bpo_forks[i - index_of(BlobFork::kBpo1)];
        if (condition.is_active(number, timestamp, parent_total_difficulty)) return fork;
    }
    return std::nullopt;
}

std::optional<BlobParams> ChainConfig::blob_params_at(
    uint64_t number,
    uint64_t timestamp,
    const std::optional<uint256>& parent_total_difficulty) const noexcept
{
    const auto fork = blob_fork_at(number, timestamp, parent_total_difficulty);
    if (!fork) return std::nullopt;
    return blob_params[index_of(*fork)];
}

bool ChainConfig::requires_dao_extra_data(uint64_t number) const noexcept
{
    // The DAO fork block and the 9 after it carry "dao-hard-fork" (go-ethereum
    // DAOForkExtraRange = 10).
    return dao_fork_block.has_value() && number >= *dao_fork_block && number - *dao_fork_block < 10;
}

Result<ChainConfig, ConfigError> chain_config_for_network(std::string_view name)
{
    if (const auto single = step_index(name)) return network_up_to(*single);

    if (name == "HomesteadToDaoAt5") {
        ChainConfig c = network_up_to(*step_index("Homestead"));
        c.dao_fork_block = 5;
        return c;
    }

    // "<A>To<B>At<activation>"
    const size_t to = name.find("To");
    const size_t at = name.rfind("At");
    if (to == std::string_view::npos || at == std::string_view::npos || at < to + 2)
        return unexpected(ConfigError::kUnknownNetwork);
    const auto from_step = step_index(name.substr(0, to));
    const auto to_step = step_index(name.substr(to + 2, at - to - 2));
    const std::string_view activation = name.substr(at + 2);
    ForkCondition condition;
    if (activation == "5")
        condition = ForkCondition::at_block(5);
    else if (activation == "Time15k")
        condition = ForkCondition::at_timestamp(15'000);
    else if (activation == "DiffC0000")
        condition = ForkCondition::at_total_difficulty(0xC0000);
    else
        return unexpected(ConfigError::kUnknownNetwork);
    if (!from_step || !to_step) return unexpected(ConfigError::kUnknownNetwork);
    if (*to_step <= *from_step) return unexpected(ConfigError::kUnsupportedTransition);

    ChainConfig c = network_up_to(*from_step);
    for (size_t i = *from_step + 1; i <= *to_step; ++i)
        if (!enable_step(c, i, condition)) return unexpected(ConfigError::kUnsupportedTransition);
    return c;
}

}  // namespace ultra
