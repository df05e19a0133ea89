// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/fixtures/json_parse.hpp>
#include <ultra/infra/file.hpp>

#include "commands.hpp"

namespace ultra::cli {
namespace {
struct BlockTestArgs
{
    std::vector<std::string> paths;
    std::string fork;
    std::string filter;
    bool json = false;
};

int run_blocktest(const BlockTestArgs& args)
{
    fixtures::BlockTestOptions options;
    if (!args.fork.empty()) {
        if (!chain_config_for_network(args.fork)) {
            std::cerr << "ultrasound blocktest: unknown network '" << args.fork << "'\n";
            return 2;
        }
        options.network = args.fork;
    }
    if (!args.filter.empty()) {
        try {
            options.filter = std::regex{args.filter};
        } catch (const std::regex_error& e) {
            std::cerr << "ultrasound blocktest: bad --filter regex: " << e.what() << "\n";
            return 2;
        }
    }

    fixtures::BlockTestRunner runner{options};
    fixtures::RunCounts total;
    size_t file_errors = 0;
    std::map<std::string, fixtures::RunCounts> per_network;
    nlohmann::json failures = nlohmann::json::array();
    auto on_test = [&](const fixtures::BlockTestResult& r) {
        auto& c = per_network[r.network];
        (r.passed ? c.passed : c.failed) += 1;
        if (r.passed) return;
        if (args.json) {
            failures.push_back(
                {{"file", r.file}, {"test", r.test}, {"network", r.network}, {"error", r.message}});
        } else {
            std::cout << "FAIL " << r.test << " [" << r.network << "] (" << r.file
                      << "): " << r.message << "\n";
        }
    };

    for (const auto& path : args.paths) {
        std::vector<std::filesystem::path> files;
        try {
            files = infra::list_json_files(path);
        } catch (const std::exception& e) {
            std::cerr << "ultrasound blocktest: " << e.what() << "\n";
            ++file_errors;
            continue;
        }
        for (const auto& f : files) {
            try {
                const auto c = runner.run_file(f, on_test);
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
        nlohmann::json networks = nlohmann::json::object();
        for (const auto& [network, c] : per_network)
            networks[network] = {{"passed", c.passed}, {"failed", c.failed}};
        std::cout << nlohmann::json{{"passed", total.passed},
                                    {"failed", total.failed + file_errors},
                                    {"skipped", total.skipped},
                                    {"networks", networks},
                                    {"failures", failures}}
                         .dump(2)
                  << "\n";
    } else {
        for (const auto& [network, c] : per_network)
            std::cout << "  " << network << ": " << c.passed << " passed, " << c.failed
                      << " failed\n";
    }
    std::cout << total.passed << " passed, " << total.failed + file_errors << " failed";
    if (total.skipped != 0) std::cout << ", " << total.skipped << " skipped";
    std::cout << "\n";
    return total.failed + file_errors == 0 ? 0 : 1;
}
}  // namespace

void register_blocktest(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<BlockTestArgs>();
    auto* cmd = app.add_subcommand(
        "blocktest",
        "Run blockchain tests (BlockchainTests format): each file or folder (recursively, .json "
        "and .json.gz) is imported block by block onto its genesis; rejected blocks, the head "
        "hash and the post-state are checked. The last line is 'N passed, N failed'.");
    cmd->add_option("paths", args->paths, "Fixture files or folders")->required();
    cmd->add_option("--fork", args->fork,
                    "Run only this network (e.g. Cancun, ShanghaiToCancunAtTime15k); others are "
                    "skipped");
    cmd->add_option("--filter", args->filter, "Run only tests whose name matches this regex");
    cmd->add_flag("--json", args->json, "Print the summary and failures as JSON");
    cmd->callback([args, &exit_code] { exit_code = run_blocktest(*args); });
}

}  // namespace ultra::cli
