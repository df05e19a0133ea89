// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <ultra/fixtures/json_parse.hpp>
#include <ultra/fixtures/statetest.hpp>
#include <ultra/infra/file.hpp>

#include "commands.hpp"

namespace ultra::cli {
namespace {
struct StateTestArgs
{
    std::vector<std::string> paths;
    std::string fork;
    std::string filter;
    bool json = false;
};

int run_statetest(const StateTestArgs& args)
{
    fixtures::StateTestOptions options;
    if (!args.fork.empty()) {
        if (!revision_from_string(args.fork)) {
            std::cerr << "ultrasound statetest: unknown fork '" << args.fork << "'\n";
            return 2;
        }
        options.fork = args.fork;
    }
    if (!args.filter.empty()) {
        try {
            options.filter = std::regex{args.filter};
        } catch (const std::regex_error& e) {
            std::cerr << "ultrasound statetest: bad --filter regex: " << e.what() << "\n";
            return 2;
        }
    }

    fixtures::RunCounts total;
    size_t file_errors = 0;
    std::map<std::string, fixtures::RunCounts> per_fork;
    nlohmann::json failures = nlohmann::json::array();
    auto on_case = [&](const fixtures::CaseResult& r) {
        auto& c = per_fork[r.fork];
        (r.passed ? c.passed : c.failed) += 1;
        if (r.passed) return;
        if (args.json) {
            failures.push_back({{"file", r.file},
                                {"test", r.test},
                                {"fork", r.fork},
                                {"indexes", {r.data_index, r.gas_index, r.value_index}},
                                {"error", r.message}});
        } else {
            std::cout << "FAIL " << r.name() << " (" << r.file << "): " << r.message << "\n";
        }
    };

    for (const auto& path : args.paths) {
        std::vector<std::filesystem::path> files;
        try {
            files = infra::list_json_files(path);
        } catch (const std::exception& e) {
            std::cerr << "ultrasound statetest: " << e.what() << "\n";
            ++file_errors;
            continue;
        }
        for (const auto& f : files) {
            try {
                const auto c = fixtures::run_state_test_file(f, options, on_case);
                total.passed += c.passed;
                total.failed += c.failed;
                total.skipped += c.skipped;
            } catch (const std::exception& e) {
                std::cerr << "ERROR " << e.what() << "\n";
                ++file_errors;
            }
        }
    }

    if (args.json) {
        nlohmann::json forks = nlohmann::json::object();
        for (const auto& [fork, c] : per_fork)
            forks[fork] = {{"passed", c.passed}, {"failed", c.failed}};
        std::cout << nlohmann::json{{"passed", total.passed},
                                    {"failed", total.failed + file_errors},
                                    {"skipped", total.skipped},
                                    {"forks", forks},
                                    {"failures", failures}}
                         .dump(2)
                  << "\n";
    } else {
        for (const auto& [fork, c] : per_fork)
            std::cout << "  " << fork << ": " << c.passed << " passed, " << c.failed << " failed\n";
    }
    std::cout << total.passed << " passed, " << total.failed + file_errors << " failed";
    if (total.skipped != 0) std::cout << ", " << total.skipped << " skipped";
    std::cout << "\n";
    return total.failed + file_errors == 0 ? 0 : 1;
}
}  // namespace

void register_statetest(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<StateTestArgs>();
    auto* cmd = app.add_subcommand(
        "statetest",
        "Run state tests (GeneralStateTests format): each file or folder (recursively, .json "
        "and .json.gz) is executed and the post-state root, logs hash and expected exception "
        "are checked. The last line is 'N passed, N failed'.");
    cmd->add_option("paths", args->paths, "Fixture files or folders")->required();
    cmd->add_option("--fork", args->fork, "Run only this fork (e.g. Cancun); others are skipped");
    cmd->add_option("--filter", args->filter, "Run only tests whose name matches this regex");
    cmd->add_flag("--json", args->json, "Print the summary and failures as JSON");
    cmd->callback([args, &exit_code] { exit_code = run_statetest(*args); });
}

}  // namespace ultra::cli
