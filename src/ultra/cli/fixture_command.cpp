// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "fixture_command.hpp"

#include <iostream>
#include <ultra/infra/file.hpp>

namespace ultra::cli {

void add_fixture_options(CLI::App& cmd, FixtureArgs& args, const std::string& fork_help)
{
    cmd.add_option("paths", args.paths, "Fixture files or folders (.json and .json.gz)")
        ->required();
    cmd.add_option("--fork", args.fork, fork_help);
    cmd.add_option("--filter", args.filter, "Run only tests whose name matches this regex");
    cmd.add_flag("--json", args.json, "Print the summary and failures as JSON");
}

bool parse_filter(const std::string& command,
                  const std::string& filter,
                  std::optional<std::regex>& out)
{
    if (filter.empty()) return true;
    try {
        out = std::regex{filter};
        return true;
    } catch (const std::regex_error& e) {
        std::cerr << "ultrasound " << command << ": bad --filter regex: " << e.what() << "\n";
        return false;
    }
}

FixtureReport::FixtureReport(std::string command, bool json, std::string group_key)
    : command_{std::move(command)}, json_{json}, group_key_{std::move(group_key)}
{}

void FixtureReport::add_case(const std::string& group,
                             bool passed,
                             const std::string& failure_text,
                             nlohmann::json failure_json)
{
    auto& c = per_group_[group];
    (passed ? c.passed : c.failed) += 1;
    if (passed) return;
    if (json_)
        failures_.push_back(std::move(failure_json));
    else
        std::cout << "FAIL " << failure_text << "\n";
}

void FixtureReport::run_paths(
    const std::vector<std::string>& paths,
    const std::function<fixtures::RunCounts(const std::filesystem::path&)>& run_file)
{
    for (const auto& path : paths) {
        std::vector<std::filesystem::path> files;
        try {
            files = infra::list_json_files(path);
        } catch (const std::exception& e) {
            std::cerr << "ultrasound " << command_ << ": " << e.what() << "\n";
            ++file_errors_;
            continue;
        }
        for (const auto& f : files) {
            try {
                const auto c = run_file(f);
                total_.passed += c.passed;
                total_.failed += c.failed;
                total_.skipped += c.skipped;
            } catch (const std::exception& e) {
                std::cerr << "ERROR " << e.what() << "\n";
                ++file_errors_;
            }
        }
    }
}

int FixtureReport::finish()
{
    const size_t failed = total_.failed + file_errors_;
    if (json_) {
        nlohmann::json groups = nlohmann::json::object();
        for (const auto& [name, c] : per_group_)
            groups[name] = {{"passed", c.passed}, {"failed", c.failed}};
        std::cout << nlohmann::json{{"passed", total_.passed},
                                    {"failed", failed},
                                    {"skipped", total_.skipped},
                                    {group_key_, groups},
                                    {"failures", failures_}}
                         .dump(2)
                  << "\n";
    } else {
        for (const auto& [name, c] : per_group_)
            std::cout << "  " << name << ": " << c.passed << " passed, " << c.failed << " failed\n";
    }
    std::cout << total_.passed << " passed, " << failed << " failed";
    if (total_.skipped != 0) std::cout << ", " << total_.skipped << " skipped";
    std::cout << "\n";
    return failed == 0 ? 0 : 1;
}

}  // namespace ultra::cli
