// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The official blockchain tests (../shared/fixtures/blockchain, without difficulty/, which has its
// own runner), one gtest per fixture file, run through the same runner as `ultrasound
// blocktest`. A failing test fails its file's gtest unless it is listed in
// blockchain_known_failures.txt (every entry with a reason and an issue); a listed test that
// passes fails too, so the list never goes stale.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/infra/file.hpp>
#include <vector>

#include "utils/fixture_registry.hpp"
#include "utils/fixtures.hpp"

namespace fs = std::filesystem;

namespace {

/// One line of the list: a regex over "<file relative to fixtures/blockchain>::<test>".
struct KnownFailure
{
    std::regex pattern;
    std::string text;
};

/// The known failures, bucketed by the file their pattern names, so that a lookup runs only the
/// few regexes that can match (the list has thousands of lines; the suite tens of thousands of
/// tests). A pattern whose literal start does not name a whole file goes to the global bucket.
class KnownFailures
{
public:
    explicit KnownFailures(const char* path)
    {
        std::ifstream in(path);
        if (!in) throw std::runtime_error(std::string{"cannot read "} + path);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            const auto hash = line.find("  #");
            if (hash == std::string::npos)
                throw std::runtime_error("known failure without a reason: " + line);
            std::string pattern = line.substr(0, hash);
            pattern = pattern.substr(0, pattern.find_last_not_of(' ') + 1);
            const std::string file = literal_file(pattern);
            auto& bucket = file.empty() ? global_ : by_file_[file];
            bucket.push_back({std::regex{pattern}, line});
        }
    }

    /// Whether "<rel_file>::<test>" is listed.
    [[nodiscard]] bool contains(const std::string& rel_file, const std::string& test) const
    {
        const std::string key = rel_file + "::" + test;
        if (const auto it = by_file_.find(rel_file); it != by_file_.end())
            for (const auto& k : it->second)
                if (std::regex_search(key, k.pattern)) return true;
        for (const auto& k : global_)
            if (std::regex_search(key, k.pattern)) return true;
        return false;
    }

private:
    /// The file a pattern "^<escaped file>::..." names, unescaped; empty if it names none.
    static std::string literal_file(const std::string& pattern)
    {
        if (pattern.empty() || pattern[0] != '^') return {};
        std::string file;
        for (size_t i = 1; i < pattern.size(); ++i) {
            const char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.size()) {
                file += pattern[++i];
            } else if (c == ':' && pattern.compare(i, 2, "::") == 0) {
                return file;
            } else if (std::string_view{".[]{}()*+?|^$"}.find(c) != std::string_view::npos) {
                return {};
            } else {
                file += c;
            }
        }
        return {};
    }

    std::map<std::string, std::vector<KnownFailure>> by_file_;
    std::vector<KnownFailure> global_;
};

const KnownFailures& known_failures()
{
    static const KnownFailures list{ULTRA_BLOCKCHAIN_KNOWN_FAILURES};
    return list;
}

/// One runner for the whole suite, so that Ethash caches are built once.
ultra::fixtures::BlockTestRunner& runner()
{
    static ultra::fixtures::BlockTestRunner r{{}};
    return r;
}

size_t g_passed = 0;
size_t g_failed = 0;

/// With ULTRA_BLOCKCHAIN_FAILURES_OUT=<path>, every failing test is appended to <path> as a line
/// of blockchain_known_failures.txt (a whole file as one "^<file>::" line when all its tests
/// fail), with a placeholder reason to replace: the way to regenerate the list.
std::ofstream* failures_out()
{
    static const std::unique_ptr<std::ofstream> out = [] {
        const char* path = std::getenv("ULTRA_BLOCKCHAIN_FAILURES_OUT");
        return path != nullptr ? std::make_unique<std::ofstream>(path, std::ios::app) : nullptr;
    }();
    return out.get();
}

/// `s` with the regex metacharacters escaped.
std::string regex_escape(const std::string& s)
{
    std::string out;
    for (const char c : s) {
        if (std::string_view{".[]{}()*+?|^$\\"}.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

void write_failures(const std::string& rel, const std::vector<std::string>& failed, size_t total)
{
    std::ofstream* out = failures_out();
    if (out == nullptr || failed.empty()) return;
    const std::string reason = "  # TODO: reason (issue #N)\n";
    if (failed.size() == total) {
        *out << "^" << regex_escape(rel) << "::" << reason;
        return;
    }
    for (const auto& test : failed)
        *out << "^" << regex_escape(rel) << "::" << regex_escape(test) << "$" << reason;
}

class BlockchainFixture : public testing::Test
{
public:
    BlockchainFixture(fs::path file, std::string rel) : file_{std::move(file)}, rel_{std::move(rel)}
    {}

    void TestBody() override
    {
        size_t unexpected = 0;
        std::vector<std::string> failed;
        const auto counts =
            runner().run_file(file_, [&](const ultra::fixtures::BlockTestResult& r) {
                if (!r.passed) failed.push_back(r.test);
                const bool known = known_failures().contains(rel_, r.test);
                if (r.passed && known) {
                    ADD_FAILURE() << r.test << " passes but is listed as a known failure";
                    ++unexpected;
                } else if (!r.passed && !known) {
                    ADD_FAILURE() << r.test << " [" << r.network << "]: " << r.message;
                    ++unexpected;
                }
            });
        g_passed += counts.passed;
        g_failed += counts.failed;
        write_failures(rel_, failed, counts.passed + counts.failed);
        EXPECT_GT(counts.passed + counts.failed, 0u) << "no test in " << rel_;
        EXPECT_EQ(unexpected, 0u);
    }

private:
    fs::path file_;
    std::string rel_;
};

void register_blockchain_tests()
{
    ultra::test::register_fixture_files(
        "blockchain", ultra::test::fixtures_dir() / "blockchain",
        [](const fs::path& file, const std::string& rel) -> testing::Test* {
            return new BlockchainFixture(file, rel);
        },
        // spec_difficulty runs these.
        [](const std::string& rel) { return rel.rfind("difficulty/", 0) == 0; });
}
}  // namespace

int main(int argc, char** argv)
{
    return ultra::test::run_fixture_main(argc, argv, register_blockchain_tests, g_passed, g_failed);
}
