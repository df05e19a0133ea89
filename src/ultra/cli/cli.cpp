// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "cli.hpp"

#include <fmt/core.h>

#include <exception>
#include <iostream>

#include "commands.hpp"

namespace ultra::cli {
namespace {
constexpr const char* kVersion = "0.1.0";

// The subcommands, in the order `--help` lists them.
constexpr RegisterFn kCommands[] = {
    register_statetest, register_blocktest, register_stateless, register_witness,
    register_execute,   register_node,      register_rollup,    register_devnet,
};
}  // namespace

int run(int argc, char** argv)
{
    CLI::App app{"ultrasound: native rollups on an exact Ethereum EVM", "ultrasound"};
    app.set_version_flag("--version", std::string{"ultrasound "} + kVersion);
    app.require_subcommand(0, 1);
    int exit_code = 0;
    for (auto reg : kCommands) reg(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
        return 0;
    }
    return exit_code;
}

}  // namespace ultra::cli
