// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The EXECUTE mutation test (SPEC.md § EXECUTE): every L2-eligible block of a broad,
// deterministic sample of the blockchain fixtures, turned into an EXECUTE input (its recorded
// witness, the parent's state root, the header's state root and gas used, the test's chain id),
// verifies as valid with the block's facts; the same input with the post-state root, the
// pre-state root, the gas used, one transaction byte, one witness node the block reads, the
// chain id (where a transaction carries one) or the parent header changed verifies as invalid,
// for the reason that change breaks — never a crash, never a false valid.
//
// Eligible blocks that cannot verify are listed in execute_mutation_known_failures.txt with the
// reason (a listed block that verifies fails the test, so the list stays exact).

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/abi.hpp>
#include <ultra/execute/trace.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/fixtures/stateless_check.hpp>
#include <ultra/infra/file.hpp>
#include <vector>

#include "utils/fixtures.hpp"

namespace fs = std::filesystem;

namespace ultra {
namespace {

using execute::ExecuteErrorCode;

/// Known failures: regexes over "<file relative to fixtures/blockchain>::<test>", each with
/// its reason after "  #".
std::vector<std::regex> load_known_failures()
{
    std::vector<std::regex> out;
    std::ifstream in(ULTRA_EXECUTE_MUTATION_KNOWN_FAILURES);
    if (!in) throw std::runtime_error("cannot read " ULTRA_EXECUTE_MUTATION_KNOWN_FAILURES);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto hash = line.find("  #");
        if (hash == std::string::npos)
            throw std::runtime_error("known failure without a reason: " + line);
        std::string pattern = line.substr(0, hash);
        pattern = pattern.substr(0, pattern.find_last_not_of(' ') + 1);
        out.emplace_back(pattern);
    }
    return out;
}

/// FNV-1a of a path: the sample is a function of the file's name only.
uint64_t fnv1a(std::string_view s)
{
    uint64_t h = 0xcbf29ce484222325;
    for (const char c : s) {
        h ^= static_cast<uint8_t>(c);
        h *= 0x100000001b3;
    }
    return h;
}

/// The mutations, in the order they are applied.
enum class Mutation : uint8_t
{
    kNone,
    kPostStateRoot,
    kPreStateRoot,
    kGasUsed,
    kTransactionByte,
    kWitnessNode,
    kChainId,
    kParentHeader,
};

const char* name_of(Mutation m)
{
    switch (m) {
        case Mutation::kNone: return "none";
        case Mutation::kPostStateRoot: return "post-state root";
        case Mutation::kPreStateRoot: return "pre-state root";
        case Mutation::kGasUsed: return "gas used";
        case Mutation::kTransactionByte: return "transaction byte";
        case Mutation::kWitnessNode: return "witness node";
        case Mutation::kChainId: return "chain id";
        case Mutation::kParentHeader: return "parent header";
    }
    return "?";
}

/// The one error each mutation must produce (kTransactionByte: any error, a changed byte may
/// break the encoding, the signature, the roots or the execution).
std::optional<ExecuteErrorCode> expected_error(Mutation m)
{
    switch (m) {
        case Mutation::kPostStateRoot: return ExecuteErrorCode::kPostStateRootMismatch;
        case Mutation::kPreStateRoot: return ExecuteErrorCode::kPreStateRootMismatch;
        case Mutation::kGasUsed: return ExecuteErrorCode::kGasUsedMismatch;
        case Mutation::kWitnessNode: return ExecuteErrorCode::kStateUnavailable;
        case Mutation::kChainId: return ExecuteErrorCode::kChainIdMismatch;
        case Mutation::kParentHeader: return ExecuteErrorCode::kParentMismatch;
        default: return std::nullopt;
    }
}

struct Tally
{
    size_t files = 0;
    size_t blocks = 0;                       ///< eligible blocks turned into inputs
    size_t known = 0;                        ///< eligible blocks on the known-failure list
    size_t passed = 0;                       ///< inputs with the expected verdict
    size_t failed = 0;                       ///< inputs with another verdict
    std::map<std::string, size_t> per_kind;  ///< inputs per mutation
};

class MutationRun
{
public:
    MutationRun(const std::vector<std::regex>& known, Tally& tally) : known_{known}, tally_{tally}
    {}

    void run_file(const fs::path& file, const std::string& rel)
    {
        rel_ = rel;
        fixtures::BlockTestOptions options;
        options.on_block = [this](const fixtures::ImportedBlock& b) { on_block(b); };
        fixtures::BlockTestRunner runner{options};
        ++tally_.files;
        runner.run_file(file, [&](const fixtures::BlockTestResult& r) {
            EXPECT_TRUE(r.passed) << rel << "::" << r.test << ": " << r.message;
        });
    }

private:
    void on_block(const fixtures::ImportedBlock& b)
    {
        if (fixtures::l2_exclusion(b)) return;
        const std::string where = rel_ + "::" + b.test + " block " + std::to_string(b.index);
        const std::string key = rel_ + "::" + b.test;
        const bool listed = std::any_of(known_.begin(), known_.end(), [&](const std::regex& r) {
            return std::regex_search(key, r);
        });

        const auto witness = fixtures::record_witness(b);
        ASSERT_TRUE(witness) << where << ": " << witness.error();
        const auto fork = fixtures::l1_fork(fixtures::l1_fork_name(b));
        ASSERT_TRUE(fork) << where << ": fork " << fixtures::l1_fork_name(b);
        const execution::StandardPrecompiles l2_precompiles;
        const execute::VerifyContext ctx{fork->config, fork->rev, l2_precompiles};
        const execute::ExecuteInput input = fixtures::make_execute_input(b, *witness);

        const auto valid = execute::verify(execute::encode_input(input), ctx);
        if (listed) {
            // A known failure: it must still fail (the list stays exact), and is not mutated.
            EXPECT_FALSE(valid) << where << " verifies but is listed as a known failure";
            ++tally_.known;
            return;
        }
        ++tally_.blocks;
        count(Mutation::kNone, valid.has_value());
        if (!valid) {
            ADD_FAILURE() << where << ": the unchanged input is invalid: "
                          << execute::to_string(valid.error());
            return;
        }
        const BlockHeader& h = b.block.header;
        EXPECT_TRUE(valid->valid);
        EXPECT_EQ(valid->block_hash, header_hash(h)) << where;
        EXPECT_EQ(valid->parent_hash, h.parent_hash) << where;
        EXPECT_EQ(valid->number, h.number) << where;
        EXPECT_EQ(valid->receipts_root, h.receipts_root) << where;

        std::mt19937_64 rng{fixtures::seed_for(b.test, b.index)};
        // XORs one random byte of data[0..size) with a non-zero value.
        auto flip = [&](uint8_t* data, size_t size) {
            const size_t at = static_cast<size_t>(rng() % size);
            data[at] = static_cast<uint8_t>(data[at] ^ (1 + rng() % 255));
        };

        auto check = [&](Mutation m, const execute::ExecuteInput& changed) {
            const auto r = execute::verify(execute::encode_input(changed), ctx);
            bool ok = !r.has_value();
            if (r) {
                ADD_FAILURE() << where << ": changing the " << name_of(m) << " verifies as valid";
            } else if (const auto e = expected_error(m); e && r.error().code != *e) {
                ok = false;
                ADD_FAILURE() << where << ": changing the " << name_of(m) << " gives '"
                              << execute::to_string(r.error()) << "', expected '"
                              << execute::to_string(*e) << "'";
            }
            count(m, ok);
        };

        execute::ExecuteInput changed = input;
        flip(changed.post_state_root.bytes.data(), 32);
        check(Mutation::kPostStateRoot, changed);

        changed = input;
        flip(changed.pre_state_root.bytes.data(), 32);
        check(Mutation::kPreStateRoot, changed);

        changed = input;
        changed.gas_used =
            rng() % 2 == 0 || input.gas_used == 0 ? input.gas_used + 1 : input.gas_used - 1;
        check(Mutation::kGasUsed, changed);

        const auto trace = execute::decode_trace(input.trace);
        ASSERT_TRUE(trace) << where;

        if (!b.block.transactions.empty()) {
            // One byte inside one transaction's encoding, in place (no length changes).
            const auto& tx = b.block.transactions[rng() % b.block.transactions.size()];
            const Bytes encoded = encode_transaction(tx);
            const size_t at = input.trace.find(encoded);
            ASSERT_NE(at, Bytes::npos) << where;
            changed = input;
            flip(changed.trace.data() + at, encoded.size());
            check(Mutation::kTransactionByte, changed);
        }

        if (!trace->witness.state.empty()) {
            execute::Trace t = *trace;
            Bytes& node = t.witness.state[rng() % t.witness.state.size()];
            flip(node.data(), node.size());
            changed = input;
            changed.trace = execute::encode_trace(t);
            check(Mutation::kWitnessNode, changed);
        }

        if (std::any_of(b.block.transactions.begin(), b.block.transactions.end(),
                        [](const Transaction& tx) { return tx.chain_id.has_value(); })) {
            changed = input;
            changed.chain_id = input.chain_id + 1 + rng() % 1000;
            check(Mutation::kChainId, changed);
        }

        {
            execute::Trace t = *trace;
            auto parent = decode_block_header(t.witness.headers.back());
            ASSERT_TRUE(parent) << where;
            parent->timestamp += 1 + rng() % 12;
            t.witness.headers.back() = encode_block_header(*parent);
            changed = input;
            changed.trace = execute::encode_trace(t);
            check(Mutation::kParentHeader, changed);
        }
    }

    void count(Mutation m, bool ok)
    {
        (ok ? tally_.passed : tally_.failed) += 1;
        ++tally_.per_kind[name_of(m)];
    }

    const std::vector<std::regex>& known_;
    Tally& tally_;
    std::string rel_;
};

Tally g_tally;

TEST(ExecuteMutation, FixtureSample)
{
    const fs::path root = test::fixtures_dir() / "blockchain";
    ASSERT_TRUE(fs::exists(root)) << root;
    const auto known = load_known_failures();
    // A deterministic ~12.5 % of the files (a function of each file's name), from every folder
    // and fork; ULTRA_TEST_SCALE shrinks it for the sanitizer job.
    const uint64_t per_mille = test::scaled(125);
    MutationRun run{known, g_tally};
    for (const auto& file : infra::list_json_files(root)) {
        const std::string rel = fs::relative(file, root).string();
        if (rel.rfind("difficulty/", 0) == 0) continue;
        if (fnv1a(rel) % 1000 >= per_mille) continue;
        run.run_file(file, rel);
    }
    std::cout << "files " << g_tally.files << ", eligible blocks " << g_tally.blocks << " (+ "
              << g_tally.known << " known failures), inputs:";
    for (const auto& [kind, n] : g_tally.per_kind) std::cout << " " << kind << " " << n << ";";
    std::cout << "\n";
    EXPECT_GE(g_tally.passed + g_tally.failed, test::scaled(2000));
    EXPECT_EQ(g_tally.failed, 0u);
}

}  // namespace
}  // namespace ultra

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    const int rc = RUN_ALL_TESTS();
    if (testing::GTEST_FLAG(list_tests)) return rc;
    std::cout << ultra::g_tally.passed << " passed, " << ultra::g_tally.failed << " failed\n";
    return rc;
}
