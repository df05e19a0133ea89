// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <ultra/fixtures/statetest.hpp>
#include <vector>

namespace ultra::cli {

/// The arguments every fixture-runner subcommand takes (statetest, blocktest).
struct FixtureArgs
{
    std::vector<std::string> paths;
    std::string fork;
    std::string filter;
    bool json = false;
};

/// Adds `paths`, `--fork`, `--filter` and `--json` to `cmd`.
void add_fixture_options(CLI::App& cmd, FixtureArgs& args, const std::string& fork_help);

/// Parses --filter; prints "ultrasound <command>: bad --filter regex" and returns false when
/// it is not a valid regex.
bool parse_filter(const std::string& command,
                  const std::string& filter,
                  std::optional<std::regex>& out);

/// Collects the outcome of a fixture run and prints it: each failure (as text, or as JSON with
/// --json), the counts per fork or network, and the last line `N passed, N failed[, N skipped]`.
class FixtureReport
{
public:
    /// `group_key` names the per-group counts in the JSON output ("forks", "networks").
    FixtureReport(std::string command, bool json, std::string group_key);

    /// Records one case of `group`; a failure is printed now (text) or kept (JSON).
    void add_case(const std::string& group,
                  bool passed,
                  const std::string& failure_text,
                  nlohmann::json failure_json);

    /// Runs `run_file` on every JSON fixture file under `paths`; an unreadable path or a
    /// malformed file is reported with its name and counted as a failure.
    void run_paths(
        const std::vector<std::string>& paths,
        const std::function<fixtures::RunCounts(const std::filesystem::path&)>& run_file);

    /// Prints the summary; returns the process exit code (0 when nothing failed).
    int finish();

private:
    std::string command_;
    bool json_;
    std::string group_key_;
    fixtures::RunCounts total_;
    size_t file_errors_ = 0;
    std::map<std::string, fixtures::RunCounts> per_group_;
    nlohmann::json failures_ = nlohmann::json::array();
};

}  // namespace ultra::cli
