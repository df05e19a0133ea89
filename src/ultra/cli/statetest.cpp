// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <ultra/fixtures/statetest.hpp>

#include "commands.hpp"
#include "fixture_command.hpp"

namespace ultra::cli {
namespace {
int run_statetest(const FixtureArgs& args)
{
    fixtures::StateTestOptions options;
    if (!args.fork.empty()) {
        if (!revision_from_string(args.fork)) {
            std::cerr << "ultrasound statetest: unknown fork '" << args.fork << "'\n";
            return 2;
        }
        options.fork = args.fork;
    }
    if (!parse_filter("statetest", args.filter, options.filter)) return 2;

    FixtureReport report{"statetest", args.json, "forks"};
    auto on_case = [&](const fixtures::CaseResult& r) {
        report.add_case(r.fork, r.passed, r.name() + " (" + r.file + "): " + r.message,
                        {{"file", r.file},
                         {"test", r.test},
                         {"fork", r.fork},
                         {"indexes", {r.data_index, r.gas_index, r.value_index}},
                         {"error", r.message}});
    };
    report.run_paths(args.paths, [&](const std::filesystem::path& f) {
        return fixtures::run_state_test_file(f, options, on_case);
    });
    return report.finish();
}
}  // namespace

void register_statetest(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<FixtureArgs>();
    auto* cmd = app.add_subcommand(
        "statetest",
        "Run state tests (GeneralStateTests format): each file or folder (recursively, .json "
        "and .json.gz) is executed and the post-state root, logs hash and expected exception "
        "are checked. The last line is 'N passed, N failed'.");
    add_fixture_options(*cmd, *args, "Run only this fork (e.g. Cancun); others are skipped");
    cmd->callback([args, &exit_code] { exit_code = run_statetest(*args); });
}

}  // namespace ultra::cli
