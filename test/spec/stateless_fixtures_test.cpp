// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Stateless validation over the official blockchain tests (GUIDE rule 12), one gtest per fixture
// file, through the same check as `ultrasound stateless`: every valid block's witness is
// recorded during a stateful re-execution, the block validates from the witness alone with the
// import's post-state root, receipts root and gas used, and the witness without one trie node
// (one code) fails cleanly. A failing block fails its file's test unless it is listed in
// stateless_known_failures.txt (each line with its reason); a listed block that passes fails
// too, so the list stays exact.
//
// Left out (kSlowFiles, each with its reason) are the files too slow to run five times over
// within the spec suite's budget; `ultrasound stateless ../shared/fixtures/blockchain` runs
// them (docs/stateless.md).

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/fixtures/stateless_check.hpp>
#include <vector>

#include "utils/fixture_registry.hpp"
#include "utils/fixtures.hpp"

namespace fs = std::filesystem;

namespace {

/// Files (relative to fixtures/blockchain) left out of the suite, and why.
struct SlowFile
{
    std::string_view rel;
    std::string_view reason;
};
constexpr std::array<SlowFile, 1> kSlowFiles{{
    {"legacy_constantinople/BlockchainTests/ValidBlocks/bcStateTests/randomStatetest94.json.gz",
     "SHA3 over ~1.4 GB of memory (offset NUMBER, size TIMESTAMP under a 2^63 gas limit): ~4 s "
     "per execution, and the check executes each block five times (import, recording, "
     "validation, two drops): ~130 s, more than the rest of the suite together"},
}};

struct KnownFailure
{
    std::regex pattern;
    std::string text;
};

/// The list: one regex per line over "<file>::<test> block <index>", then "  #" and the reason.
std::vector<KnownFailure> load_known_failures()
{
    std::vector<KnownFailure> list;
    std::ifstream in(ULTRA_STATELESS_KNOWN_FAILURES);
    if (!in) throw std::runtime_error("cannot read " ULTRA_STATELESS_KNOWN_FAILURES);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto hash = line.find("  #");
        if (hash == std::string::npos)
            throw std::runtime_error("known failure without a reason: " + line);
        const std::string pattern = line.substr(0, hash);
        list.push_back({std::regex{pattern.substr(0, pattern.find_last_not_of(' ') + 1)}, line});
    }
    return list;
}

bool is_known_failure(const std::string& key)
{
    static const auto list = load_known_failures();
    return std::any_of(list.begin(), list.end(),
                       [&](const KnownFailure& k) { return std::regex_search(key, k.pattern); });
}

size_t g_passed = 0;
size_t g_failed = 0;

class StatelessFixture : public testing::Test
{
public:
    StatelessFixture(fs::path file, std::string rel) : file_{std::move(file)}, rel_{std::move(rel)}
    {}

    void TestBody() override
    {
        ultra::fixtures::BlockTestOptions options;
        options.on_block = [&](const ultra::fixtures::ImportedBlock& b) {
            const auto c = ultra::fixtures::check_block_stateless(
                b, ultra::fixtures::seed_for(b.test, b.index));
            (c.passed ? g_passed : g_failed) += 1;
            const std::string key = rel_ + "::" + b.test + " block " + std::to_string(b.index);
            const bool known = is_known_failure(key);
            if (c.passed && known)
                ADD_FAILURE() << key << " passes but is listed as a known failure";
            else if (!c.passed && !known)
                ADD_FAILURE() << key << " [" << b.network << "]: " << c.message;
        };
        ultra::fixtures::BlockTestRunner runner{options};
        runner.run_file(file_, [&](const ultra::fixtures::BlockTestResult& r) {
            EXPECT_TRUE(r.passed) << r.test << " (stateful import): " << r.message;
        });
    }

private:
    fs::path file_;
    std::string rel_;
};

void register_stateless_tests()
{
    ultra::test::register_fixture_files(
        "stateless", ultra::test::fixtures_dir() / "blockchain",
        [](const fs::path& file, const std::string& rel) -> testing::Test* {
            return new StatelessFixture(file, rel);
        },
        [](const std::string& rel) {
            if (rel.rfind("difficulty/", 0) == 0) return true;  // another format
            return std::any_of(kSlowFiles.begin(), kSlowFiles.end(),
                               [&](const SlowFile& s) { return s.rel == rel; });
        });
}

}  // namespace

int main(int argc, char** argv)
{
    return ultra::test::run_fixture_main(argc, argv, register_stateless_tests, g_passed, g_failed);
}
