// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <ultra/infra/file.hpp>

namespace ultra::test {

/// A gtest that runs `run(file)` on one fixture file (the run function asserts).
class FixtureFileTest : public testing::Test
{
public:
    FixtureFileTest(std::filesystem::path file, void (*run)(const std::filesystem::path&))
        : file_{std::move(file)}, run_{run}
    {}
    void TestBody() override { run_(file_); }

private:
    std::filesystem::path file_;
    void (*run_)(const std::filesystem::path&);
};

/// A factory for register_fixture_files() that makes a FixtureFileTest running `run`.
inline auto file_test(void (*run)(const std::filesystem::path&))
{
    return [run](const std::filesystem::path& file, const std::string&) -> testing::Test* {
        return new FixtureFileTest(file, run);
    };
}

/// Registers one gtest `<suite>.<path relative to root>` per JSON fixture file under `root`
/// (GUIDE example 13). `make(file, rel)` creates the test; `skip(rel)` leaves a file out.
///
/// CTest runs every registered test in its own process with an exact --gtest_filter; then only
/// that file is registered, instead of walking the whole fixture tree once per test.
inline void register_fixture_files(
    const std::string& suite,
    const std::filesystem::path& root,
    const std::function<testing::Test*(const std::filesystem::path&, const std::string&)>& make,
    const std::function<bool(const std::string&)>& skip = {})
{
    namespace fs = std::filesystem;
    if (!fs::exists(root)) return;
    auto register_one = [&](const fs::path& file) {
        const std::string rel = fs::relative(file, root).string();
        if (skip && skip(rel)) return;
        // '-' starts the negative patterns of a gtest filter, so a name holding it could never
        // be selected alone: such names carry '~' instead (no fixture path contains '~').
        std::string name = rel;
        std::replace(name.begin(), name.end(), '-', '~');
        testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                              [make, file, rel]() -> testing::Test* { return make(file, rel); });
    };
    const std::string filter = testing::GTEST_FLAG(filter);
    const std::string prefix = suite + ".";
    if (filter.rfind(prefix, 0) == 0 && filter.find_first_of("*?:-") == std::string::npos) {
        std::string rel = filter.substr(prefix.size());
        std::replace(rel.begin(), rel.end(), '~', '-');
        const fs::path file = root / rel;
        if (fs::is_regular_file(file)) {
            register_one(file);
            return;
        }
    }
    for (const auto& file : infra::list_json_files(root)) register_one(file);
}

/// The main() of a fixture suite: runs the selected tests, prints `N passed, N failed` over the
/// fixture cases, and fails when the filter selected no test at all (a silent skip).
inline int run_fixture_main(int argc,
                            char** argv,
                            void (*register_tests)(),
                            const size_t& passed,
                            const size_t& failed)
{
    testing::InitGoogleTest(&argc, argv);
    register_tests();
    const int rc = RUN_ALL_TESTS();
    if (testing::GTEST_FLAG(list_tests)) return rc;
    std::cout << passed << " passed, " << failed << " failed\n";
    if (testing::UnitTest::GetInstance()->test_to_run_count() == 0) {
        std::cerr << "no fixture test matched the filter\n";
        return 1;
    }
    return rc;
}

}  // namespace ultra::test
