// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <fmt/core.h>

#include <chrono>
#include <iostream>
#include <ultra/core/chain_config.hpp>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/fixtures/stateless_check.hpp>

#include "commands.hpp"
#include "fixture_command.hpp"

namespace ultra::cli {
namespace {

/// Totals over the checked blocks, printed before the pass/fail summary.
struct WitnessStats
{
    size_t blocks = 0;
    size_t nodes = 0;
    size_t codes = 0;
    size_t headers = 0;
    size_t node_clean = 0;  ///< blocks where dropping a node failed cleanly
    size_t node_none = 0;   ///< blocks where no node tried was needed
    size_t code_clean = 0;
    size_t code_none = 0;

    void add(const fixtures::StatelessCheck& c)
    {
        ++blocks;
        nodes += c.nodes;
        codes += c.codes;
        headers += c.headers;
        node_clean += c.node_drop == fixtures::DropOutcome::kCleanError ? 1 : 0;
        node_none += c.node_drop == fixtures::DropOutcome::kNoneDroppable ? 1 : 0;
        code_clean += c.code_drop == fixtures::DropOutcome::kCleanError ? 1 : 0;
        code_none += c.code_drop == fixtures::DropOutcome::kNoneDroppable ? 1 : 0;
    }
};

int run_stateless(const FixtureArgs& args)
{
    const auto start = std::chrono::steady_clock::now();
    fixtures::BlockTestOptions options;
    if (!args.fork.empty()) {
        if (!chain_config_for_network(args.fork)) {
            std::cerr << "ultrasound stateless: unknown network '" << args.fork << "'\n";
            return 2;
        }
        options.network = args.fork;
    }
    if (!parse_filter("stateless", args.filter, options.filter)) return 2;

    FixtureReport report{"stateless", args.json, "networks"};
    WitnessStats stats;
    fixtures::RunCounts blocks;  // the cases are blocks, not tests
    std::string file;
    options.on_block = [&](const fixtures::ImportedBlock& b) {
        const auto c = fixtures::check_block_stateless(b, fixtures::seed_for(b.test, b.index));
        stats.add(c);
        (c.passed ? blocks.passed : blocks.failed) += 1;
        report.add_case(b.network, c.passed,
                        b.test + " [" + b.network + "] block " + std::to_string(b.index) + " (" +
                            file + "): " + c.message,
                        {{"file", file},
                         {"test", b.test},
                         {"network", b.network},
                         {"block", b.index},
                         {"error", c.message}});
    };
    fixtures::BlockTestRunner runner{options};
    // A test the stateful import itself fails is a failure too: its blocks were not all checked.
    auto on_test = [&](const fixtures::BlockTestResult& r) {
        if (r.passed) return;
        ++blocks.failed;
        report.add_case(
            r.network, false,
            r.test + " [" + r.network + "] (" + r.file + "): stateful import: " + r.message,
            {{"file", r.file}, {"test", r.test}, {"network", r.network}, {"error", r.message}});
    };
    report.run_paths(args.paths, [&](const std::filesystem::path& f) {
        file = f.string();
        blocks = {};
        const auto tests = runner.run_file(f, on_test);
        blocks.skipped = tests.skipped;
        return blocks;
    });

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!args.json && stats.blocks != 0) {
        const auto n = static_cast<double>(stats.blocks);
        std::cout << fmt::format(
            "witnesses: {} blocks, {:.1f} nodes, {:.1f} codes, {:.1f} headers per block; "
            "one node dropped: {} clean errors, {} none droppable; one code dropped: {} clean "
            "errors, {} none droppable; {:.1f} s\n",
            stats.blocks, static_cast<double>(stats.nodes) / n,
            static_cast<double>(stats.codes) / n, static_cast<double>(stats.headers) / n,
            stats.node_clean, stats.node_none, stats.code_clean, stats.code_none, seconds);
    }
    return report.finish();
}

}  // namespace

void register_stateless(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<FixtureArgs>();
    auto* cmd = app.add_subcommand(
        "stateless",
        "Stateless execution over blockchain tests: every valid block of each file or folder "
        "(recursively, .json and .json.gz) is imported as blocktest does, its witness recorded, "
        "and validated from the witness alone (same post-state root, receipts root and gas "
        "used); then a witness without one trie node (and one code) must fail cleanly. One "
        "result per block; the last line is 'N passed, N failed'.");
    add_fixture_options(*cmd, *args, "Same as --network");
    cmd->add_option("--network", args->fork,
                    "Run only this network (e.g. Cancun, ShanghaiToCancunAtTime15k); others are "
                    "skipped");
    cmd->callback([args, &exit_code] { exit_code = run_stateless(*args); });
}

}  // namespace ultra::cli
