// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <ultra/core/chain_config.hpp>
#include <ultra/fixtures/blocktest.hpp>

#include "commands.hpp"
#include "fixture_command.hpp"

namespace ultra::cli {
namespace {
int run_blocktest(const FixtureArgs& args)
{
    fixtures::BlockTestOptions options;
    if (!args.fork.empty()) {
        if (!chain_config_for_network(args.fork)) {
            std::cerr << "ultrasound blocktest: unknown network '" << args.fork << "'\n";
            return 2;
        }
        options.network = args.fork;
    }
    if (!parse_filter("blocktest", args.filter, options.filter)) return 2;

    fixtures::BlockTestRunner runner{options};
    FixtureReport report{"blocktest", args.json, "networks"};
    auto on_test = [&](const fixtures::BlockTestResult& r) {
        report.add_case(
            r.network, r.passed, r.test + " [" + r.network + "] (" + r.file + "): " + r.message,
            {{"file", r.file}, {"test", r.test}, {"network", r.network}, {"error", r.message}});
    };
    report.run_paths(args.paths,
                     [&](const std::filesystem::path& f) { return runner.run_file(f, on_test); });
    return report.finish();
}
}  // namespace

void register_blocktest(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<FixtureArgs>();
    auto* cmd = app.add_subcommand(
        "blocktest",
        "Run blockchain tests (BlockchainTests format): each file or folder (recursively, .json "
        "and .json.gz) is imported block by block onto its genesis; rejected blocks, the head "
        "hash and the post-state are checked. The last line is 'N passed, N failed'.");
    add_fixture_options(*cmd, *args,
                        "Run only this network (e.g. Cancun, ShanghaiToCancunAtTime15k); others "
                        "are skipped");
    cmd->callback([args, &exit_code] { exit_code = run_blocktest(*args); });
}

}  // namespace ultra::cli
