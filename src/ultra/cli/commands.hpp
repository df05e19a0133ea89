// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace ultra::cli {

/// Each subcommand lives in its own file and registers itself on the root app through one of
/// these functions. The callback stores the command's process exit code in `exit_code`.
/// (Subcommands are added here as the project grows: statetest, blocktest, node, ...)
using RegisterFn = void (*)(CLI::App& app, int& exit_code);

/// `ultrasound statetest`: run state-test fixtures.
void register_statetest(CLI::App& app, int& exit_code);

/// `ultrasound blocktest`: run blockchain-test fixtures.
void register_blocktest(CLI::App& app, int& exit_code);

/// `ultrasound stateless`: stateless validation of every valid block of blockchain tests.
void register_stateless(CLI::App& app, int& exit_code);

/// `ultrasound witness`: the EXECUTE inputs of a blockchain test's L2-eligible blocks.
void register_witness(CLI::App& app, int& exit_code);

/// `ultrasound execute`: verify EXECUTE input files as the precompile would.
void register_execute(CLI::App& app, int& exit_code);

/// `ultrasound node`: run the L1 dev node (JSON-RPC over HTTP and WebSocket, RocksDB storage).
void register_node(CLI::App& app, int& exit_code);

/// `ultrasound rollup`: a native rollup node (--mode sequencer) settling its blocks on L1.
void register_rollup(CLI::App& app, int& exit_code);

/// `ultrasound devnet`: the L1 node, N rollups deployed on it and their sequencers.
void register_devnet(CLI::App& app, int& exit_code);

}  // namespace ultra::cli
