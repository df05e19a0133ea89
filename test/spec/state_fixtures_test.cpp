// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The official state tests (../shared/fixtures/state), one gtest per fixture file, run through
// the same runner as `ultrasound statetest`. A failing case fails its file's test unless it is
// listed in state_known_failures.txt (every entry with a reason and an issue); a listed case
// that passes fails too, so the list never goes stale.

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <regex>
#include <string>
#include <ultra/fixtures/statetest.hpp>
#include <ultra/infra/file.hpp>
#include <vector>

#include "utils/fixture_registry.hpp"
#include "utils/fixtures.hpp"

namespace fs = std::filesystem;

namespace {
struct KnownFailure
{
    std::regex pattern;
    std::string text;
};

std::vector<KnownFailure> load_known_failures()
{
    std::vector<KnownFailure> list;
    std::ifstream in(ULTRA_STATE_KNOWN_FAILURES);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto hash = line.find("  #");
        const std::string pattern = line.substr(0, hash == std::string::npos ? line.size() : hash);
        list.push_back({std::regex{pattern.substr(0, pattern.find_last_not_of(' ') + 1)}, line});
    }
    return list;
}

const std::vector<KnownFailure>& known_failures()
{
    static const auto list = load_known_failures();
    return list;
}

bool is_known_failure(const std::string& rel_file, const std::string& case_name)
{
    const std::string key = rel_file + "::" + case_name;
    for (const auto& k : known_failures())
        if (std::regex_search(key, k.pattern)) return true;
    return false;
}

size_t g_passed = 0;
size_t g_failed = 0;

class StateFixture : public testing::Test
{
public:
    StateFixture(fs::path file, std::string rel) : file_{std::move(file)}, rel_{std::move(rel)} {}

    void TestBody() override
    {
        size_t unexpected = 0;
        const auto counts = ultra::fixtures::run_state_test_file(
            file_, {}, [&](const ultra::fixtures::CaseResult& r) {
                const bool known = is_known_failure(rel_, r.name());
                if (r.passed && known) {
                    ADD_FAILURE() << r.name() << " passes but is listed as a known failure";
                    ++unexpected;
                } else if (!r.passed && !known) {
                    ADD_FAILURE() << r.name() << ": " << r.message;
                    ++unexpected;
                }
            });
        g_passed += counts.passed;
        g_failed += counts.failed;
        EXPECT_GT(counts.passed + counts.failed, 0u) << "no case in " << rel_;
        EXPECT_EQ(unexpected, 0u);
    }

private:
    fs::path file_;
    std::string rel_;
};

void register_state_tests()
{
    ultra::test::register_fixture_files(
        "state", ultra::test::fixtures_dir() / "state",
        [](const fs::path& file, const std::string& rel) -> testing::Test* {
            return new StateFixture(file, rel);
        });
}
}  // namespace

int main(int argc, char** argv)
{
    return ultra::test::run_fixture_main(argc, argv, register_state_tests, g_passed, g_failed);
}
