// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Runs the official difficulty vectors (fixtures/blockchain/difficulty, README.md there): every
// case's difficulty is computed with the formula and bomb delay of the named fork and compared
// with `currentDifficulty`.
//
// The same executable checks everything of the blockchain fixtures that does not need
// execution (suite BlockHeaderFixtures): for every test of the legacy Valid/Invalid/Transition
// folders and of the EEST blockchain tests, the genesis and the blocks are decoded (re-encoding
// must be byte-identical), each block is validated against its parent (found by hash, so side
// chains work) with validate_header(), validate_block_shape() and validate_ommers() under the
// network's ChainConfig (with the fixture's blobSchedule and total difficulty for the
// total-difficulty Merge). A block the fixture imports must pass; a block whose expected
// exception is a header, ommer or decoding rule must be rejected. Other invalid blocks need
// execution and are only counted. The Ethash seals are checked by the crypto unit tests.
//
// One gtest per fixture file; the output ends with per-suite counts and `N passed, N failed`.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/execution/difficulty.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <unordered_map>
#include <utils/fixture_registry.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {
using namespace ultra;
using nlohmann::json;
namespace fs = std::filesystem;
namespace exec = ultra::execution;

/// Fixture cases we knowingly fail, as "<file stem>/<test name>" -> reason. Must stay empty
/// unless a reason is written down.
const std::map<std::string, std::string, std::less<>> kKnownFailures = {};

struct Counts
{
    size_t passed = 0;
    size_t failed = 0;
    size_t unchecked = 0;  ///< invalid blocks whose rejection needs execution
};

std::map<std::string, Counts> g_counts;  // suite -> counts

uint256 hex_u256(const json& j)
{
    const auto v = parse_uint256(j.get<std::string>());
    EXPECT_TRUE(v.has_value()) << j;
    return v.value_or(uint256{});
}

uint64_t hex_u64(const json& j)
{
    const uint256 v = hex_u256(j);
    EXPECT_TRUE(v[1] == 0 && v[2] == 0 && v[3] == 0) << j;
    return v[0];
}

// ---------------------------------------------------------------------------------------------
// Difficulty vectors
// ---------------------------------------------------------------------------------------------

void run_difficulty_file(const fs::path& path)
{
    const json file = infra::load_json(path);
    Counts local;
    for (const auto& [name, forks] : file.items()) {
        for (const auto& [fork, cases] : forks.items()) {
            if (fork == "_info") continue;
            const auto config = chain_config_for_network(fork);
            ASSERT_TRUE(config.has_value()) << "unknown fork " << fork;
            for (const auto& [case_name, c] : cases.items()) {
                const uint64_t number = hex_u64(c.at("currentBlockNumber"));
                const uint64_t timestamp = hex_u64(c.at("currentTimestamp"));
                const Revision rev = config->revision_at(number, timestamp);
                const uint256 got = exec::calculate_difficulty(
                    rev, exec::difficulty_bomb_delay(*config, rev, number), number, timestamp,
                    hex_u256(c.at("parentDifficulty")), hex_u64(c.at("parentTimestamp")),
                    hex_u256(c.at("parentUncles")) != 0);
                const uint256 want = hex_u256(c.at("currentDifficulty"));
                if (got == want) {
                    ++local.passed;
                } else {
                    ++local.failed;
                    ADD_FAILURE() << name << "/" << fork << "/" << case_name << ": got "
                                  << to_hex_string(got) << ", want " << to_hex_string(want);
                }
            }
        }
    }
    EXPECT_GT(local.passed + local.failed, 0u);
    g_counts["Difficulty"].passed += local.passed;
    g_counts["Difficulty"].failed += local.failed;
}

// ---------------------------------------------------------------------------------------------
// Blockchain fixtures: decoding and header validation
// ---------------------------------------------------------------------------------------------

/// Expected exceptions that decoding, header, shape or ommer validation fully decide: a block
/// expecting only such exceptions must be rejected without execution.
bool is_header_level(std::string_view name)
{
    static const std::set<std::string, std::less<>> kNames = {
        // Legacy names (ethereum/tests, retesteth)
        "InvalidDifficulty",
        "InvalidGasLimit",
        "InvalidGasLimit2",
        "InvalidNumber",
        "InvalidTimestamp",
        "InvalidTimestampOlderParent",
        "ExtraDataTooBig",
        "ExtraDataIncorrectDAO",
        "1559BlockImportImpossible_BaseFeeWrong",
        "1559BlockImportImpossible_HeaderIsLegacy",
        "3675PoSBlockRejected",
        "3675PoWBlockRejected",
        "3675PreParis1559BlockRejected",
        "PostParisDifficultyIsNot0",
        "PostParisUncleHashIsNotEmpty",
        "InvalidUncleParentHash",
        "InvalidUnclesHash",
        "TooManyUncles",
        "UncleInChain",
        "UncleIsAncestor",
        "UncleIsBrother",
        "UncleParentIsNotAncestor",
        "UncleTooOld",
        "UnknownParent",
        "UnknownParent2",
        "LegacyBlockImportImpossible",
        "LegacyBlockImportImpossible2",
        "ParisBlockImportImpossible",
        "ShanghaiBlockImportImpossible",
        "RLP_ExpectedAsList",
        "INPUT_UNMARSHAL_ERROR",
        "INPUT_UNMARSHAL_ADDRESS_ERROR",
        // EEST names (BlockException.X)
        "INCORRECT_EXCESS_BLOB_GAS",
        "INVALID_BASEFEE_PER_GAS",
        "INVALID_GASLIMIT",
        "INCORRECT_BLOCK_FORMAT",
        "RLP_STRUCTURES_ENCODING",
        "BLOB_GAS_USED_ABOVE_LIMIT",
        "RLP_BLOCK_LIMIT_EXCEEDED",
    };
    if (const size_t dot = name.rfind('.'); dot != std::string_view::npos)
        name.remove_prefix(dot + 1);
    return kNames.contains(name);
}

/// The expected exception of a block ("" for a valid one); legacy files may use
/// expectExceptionALL or expectException<Fork>, and the old bcForgedTest files mark an invalid
/// block only by leaving out its blockHeader ("?" here: a reason we cannot know).
std::string expected_exception(const json& block)
{
    for (const auto& [key, value] : block.items())
        if (key.starts_with("expectException")) return value.get<std::string>();
    return block.contains("blockHeader") ? std::string{} : std::string{"?"};
}

/// True if every alternative of "A|B|C" is a header-level exception.
bool all_header_level(std::string_view s)
{
    while (!s.empty()) {
        const size_t bar = s.find('|');
        if (!is_header_level(s.substr(0, bar))) return false;
        if (bar == std::string_view::npos) break;
        s.remove_prefix(bar + 1);
    }
    return true;
}

struct Known
{
    Hash256 hash;
    Block block;
    uint256 total_difficulty;
};

/// The first failing check of `b` (decoded from `rlp_size` bytes) against the known chain, or
/// "" when it passes everything that needs no execution.
std::string check_block(const ChainConfig& config,
                        const Block& b,
                        size_t rlp_size,
                        const std::unordered_map<Hash256, Known>& known)
{
    const auto parent_it = known.find(b.header.parent_hash);
    if (parent_it == known.end()) return "unknown parent";
    const Known& parent = parent_it->second;
    const std::optional<uint256> parent_td =
        config.has_total_difficulty_fork() ? std::optional{parent.total_difficulty} : std::nullopt;
    if (auto r = exec::validate_header(config, b.header, parent.block.header, parent_td); !r)
        return std::string{exec::to_string(r.error())};
    const Revision rev = config.revision_at(b.header.number, b.header.timestamp, parent_td);
    if (auto r = exec::validate_block_shape(rev, b, rlp_size); !r)
        return std::string{exec::to_string(r.error())};

    // The parent and up to 6 more ancestors, for the ommer rules.
    std::vector<exec::OmmerAncestor> ancestors;
    for (const Known* a = &parent; a != nullptr && ancestors.size() <= exec::kMaxOmmerDepth;) {
        ancestors.push_back({a->hash, &a->block.header, a->block.ommers});
        const auto it = known.find(a->block.header.parent_hash);
        a = it == known.end() ? nullptr : &it->second;
    }
    if (auto r = exec::validate_ommers(config, b, ancestors); !r)
        return std::string{exec::to_string(r.error())};
    return {};
}

Result<ChainConfig, ConfigError> config_of(const json& test)
{
    auto config = chain_config_for_network(test.at("network").get<std::string>());
    if (!config || !test.contains("config")) return config;
    const json& c = test["config"];
    if (c.contains("chainid")) config->chain_id = hex_u64(c["chainid"]);
    if (c.contains("blobSchedule")) {
        for (const auto& [fork_name, params] : c["blobSchedule"].items()) {
            const auto fork = blob_fork_from_string(fork_name);
            EXPECT_TRUE(fork.has_value()) << "unknown blob schedule fork " << fork_name;
            if (!fork) continue;
            config->blob_params[static_cast<size_t>(*fork)] =
                BlobParams{hex_u64(params.at("target")), hex_u64(params.at("max")),
                           hex_u64(params.at("baseFeeUpdateFraction"))};
        }
    }
    return config;
}

void run_blockchain_file(const fs::path& path)
{
    const json file = infra::load_json(path);
    Counts local;
    const std::string stem = path.filename().string();
    for (const auto& [name, test] : file.items()) {
        SCOPED_TRACE(name);
        const auto config = config_of(test);
        ASSERT_TRUE(config.has_value()) << "network " << test.at("network");

        std::unordered_map<Hash256, Known> known;
        // A few old bcForgedTest files have no genesisRLP (all their blocks are undecodable).
        if (test.contains("genesisRLP")) {
            const auto genesis_rlp = from_hex(test["genesisRLP"].get<std::string>());
            ASSERT_TRUE(genesis_rlp.has_value());
            auto genesis = decode_block(*genesis_rlp);
            ASSERT_TRUE(genesis.has_value());
            const Hash256 genesis_hash = header_hash(genesis->header);
            EXPECT_EQ(to_0x_hex(genesis_hash),
                      test.at("genesisBlockHeader").at("hash").get<std::string>());
            known[genesis_hash] = Known{genesis_hash, *genesis, genesis->header.difficulty};
        }

        const bool known_failure = kKnownFailures.contains(stem + "/" + name);
        for (const auto& jb : test.at("blocks")) {
            const std::string expected = expected_exception(jb);
            const auto rlp = from_hex(jb.at("rlp").get<std::string>());
            std::string failure;
            std::optional<Block> block;
            if (!rlp) {
                failure = "not hex";
            } else if (auto d = decode_block(*rlp); !d) {
                failure = d.error().tx_error ? "undecodable transaction" : "undecodable block";
            } else {
                block = std::move(d).value();
                EXPECT_EQ(encode_block(*block), *rlp) << "re-encoding differs";
                failure = check_block(*config, *block, rlp->size(), known);
            }

            std::string verdict;  // empty when the block is handled as the fixture expects
            if (expected.empty()) {
                if (!failure.empty()) verdict = "a valid block was rejected: " + failure;
                if (block && jb.contains("blockHeader")) {
                    EXPECT_EQ(to_0x_hex(header_hash(block->header)),
                              jb["blockHeader"].at("hash").get<std::string>());
                }
            } else if (all_header_level(expected)) {
                if (failure.empty()) verdict = "an invalid block (" + expected + ") was accepted";
            } else if (expected == "?" && !failure.empty()) {
                // An invalid block of unknown reason that we reject: count it as handled.
            } else {
                ++local.unchecked;  // needs execution (or a header rule and execution)
                continue;
            }

            if (verdict.empty()) {
                ++local.passed;
                if (expected.empty() && block) {
                    const Hash256 h = header_hash(block->header);
                    const uint256 td = known.at(block->header.parent_hash).total_difficulty +
                                       block->header.difficulty;
                    known[h] = Known{h, *block, td};
                }
            } else {
                ++local.failed;
                if (!known_failure)
                    ADD_FAILURE() << name << " block "
                                  << (block ? std::to_string(block->header.number) : "?") << ": "
                                  << verdict;
                // Keep going on the chain the fixture expects.
                if (expected.empty() && block && known.contains(block->header.parent_hash)) {
                    const Hash256 h = header_hash(block->header);
                    known[h] = Known{h, *block,
                                     known.at(block->header.parent_hash).total_difficulty +
                                         block->header.difficulty};
                }
            }
        }
        if (known_failure)
            ADD_FAILURE() << name << " is listed as a known failure: remove it from the list";
    }
    Counts& g = g_counts["BlockHeader"];
    g.passed += local.passed;
    g.failed += local.failed;
    g.unchecked += local.unchecked;
}

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

/// The blockchain folders the header sweep reads: the legacy Valid/Invalid/Transition tests,
/// the devnet gap-fill, and the EEST tests without the static suite (state tests wrapped in
/// blocks, sampled).
bool outside_header_sweep(const std::string& rel)
{
    for (const char* dir :
         {"legacy_cancun/BlockchainTests/ValidBlocks/",
          "legacy_cancun/BlockchainTests/InvalidBlocks/",
          "legacy_cancun/BlockchainTests/TransitionTests/",
          "legacy_constantinople/BlockchainTests/ValidBlocks/",
          "legacy_constantinople/BlockchainTests/InvalidBlocks/", "eest_devnet_gapfill/"})
        if (rel.rfind(dir, 0) == 0) return false;
    constexpr std::string_view kEest = "eest/blockchain_tests/";
    return rel.rfind(kEest, 0) != 0 || rel.rfind("eest/blockchain_tests/static/", 0) == 0;
}

TEST(DifficultyFixtures, HeaderLevelExceptionNames)
{
    EXPECT_TRUE(all_header_level("BlockException.INCORRECT_EXCESS_BLOB_GAS"));
    EXPECT_TRUE(all_header_level("InvalidDifficulty|InvalidGasLimit"));
    EXPECT_FALSE(all_header_level("BlockException.INVALID_GASLIMIT|TransactionException.X"));
    EXPECT_FALSE(all_header_level("TR_IntrinsicGas"));
}

TEST(DifficultyFixtures, FixturesPresent)
{
    // Guards against a silently empty run when the fixture folder moves.
    EXPECT_TRUE(fs::is_directory(test::fixtures_dir() / "blockchain" / "difficulty"));
}

}  // namespace

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    const fs::path root = test::fixtures_dir() / "blockchain";
    test::register_fixture_files("Difficulty", root / "difficulty",
                                 test::file_test(run_difficulty_file));
    test::register_fixture_files("BlockHeaderFixtures", root, test::file_test(run_blockchain_file),
                                 outside_header_sweep);

    const int status = RUN_ALL_TESTS();
    if (!GTEST_FLAG_GET(list_tests)) {
        size_t passed = 0;
        size_t failed = 0;
        for (const auto& [suite, c] : g_counts) {
            std::cout << suite << ": " << c.passed << " passed, " << c.failed << " failed";
            if (c.unchecked != 0)
                std::cout << " (" << c.unchecked << " invalid blocks need execution)";
            std::cout << "\n";
            passed += c.passed;
            failed += c.failed;
        }
        std::cout << passed << " passed, " << failed << " failed" << std::endl;
    }
    return status;
}
