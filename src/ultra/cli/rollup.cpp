// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// `ultrasound rollup --mode sequencer`: an L2 node whose every block is settled on L1.

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/storage/datadir.hpp>

#include "commands.hpp"
#include "rollup_service.hpp"
#include "stop_signals.hpp"

namespace ultra::cli {
namespace {

struct RollupArgs
{
    std::string mode = "sequencer";
    std::string l1_rpc = "http://127.0.0.1:8545";
    std::string rollup;
    std::string key;
    std::string http_addr = "127.0.0.1";
    uint16_t http_port = 8546;
    std::string datadir;
    double block_time = 1.0;
};

int run_rollup(const RollupArgs& args)
{
    if (args.mode != "sequencer") {
        std::cerr << "ultrasound rollup: --mode " << args.mode
                  << " is not implemented yet (only 'sequencer')\n";
        return 2;
    }
    const auto rollup = fixed_from_hex<20>(args.rollup);
    if (!rollup) {
        std::cerr << "ultrasound rollup: --rollup: not an address: " << args.rollup << "\n";
        return 2;
    }
    const auto key = fixed_from_hex<32>(args.key);
    if (!key) {
        std::cerr << "ultrasound rollup: --key: not a 32-byte hex secret key\n";
        return 2;
    }
    if (!(args.block_time > 0)) {
        std::cerr << "ultrasound rollup: --block-time must be positive\n";
        return 2;
    }

    // SIGINT/SIGTERM are taken by stop_signals.wait() below; blocked before any thread starts.
    const StopSignals stop_signals;

    SequencerOptions options;
    options.l1_rpc = args.l1_rpc;
    options.rollup = *rollup;
    options.key = *key;
    options.http_addr = args.http_addr;
    options.http_port = args.http_port;
    options.datadir = args.datadir.empty()
                          ? storage::default_datadir("rollup-" + to_hex(rollup->view()))
                          : std::filesystem::path{args.datadir};
    options.block_time = std::chrono::milliseconds{static_cast<int64_t>(args.block_time * 1000)};
    if (options.block_time.count() == 0) options.block_time = std::chrono::milliseconds{1};
    options.log = [](const std::string& m) { std::cout << m << std::endl; };

    auto service = SequencerService::start(options);
    if (!service) {
        std::cerr << "ultrasound rollup: " << service.error() << "\n";
        return 1;
    }
    std::cout << "ultrasound rollup (sequencer)\n\n"
              << "L2 chain id:     " << (*service)->chain_id() << "\n"
              << "L2 JSON-RPC:     http://" << args.http_addr << ":" << (*service)->port() << "\n"
              << "Rollup:          " << to_0x_hex(*rollup) << "\n"
              << "L1 JSON-RPC:     " << args.l1_rpc << "\n"
              << "Datadir:         " << options.datadir.string() << "\n"
              << "Block time:      " << args.block_time << " s\n"
              << std::endl;

    const std::string_view signal = stop_signals.wait();
    std::cout << "\nReceived " << signal << ": stopping" << std::endl;
    const uint64_t head = (*service)->head_number();
    (*service)->stop();
    std::cout << "Stopped at L2 block " << head << std::endl;
    return 0;
}

}  // namespace

void register_rollup(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<RollupArgs>();
    auto* cmd = app.add_subcommand(
        "rollup",
        "Run a native rollup node. --mode sequencer: an L2 chain (JSON-RPC with the L1 node's "
        "method set) that makes one block per --block-time, relays L1 deposits and settles "
        "every block on L1 with NativeRollup.advance() (EXECUTE). Restarting continues from "
        "--datadir and resubmits only what L1 lacks. docs/rollup.md § The rollup node.");
    cmd->add_option("--mode", args->mode, "sequencer (follower and proposer: not yet)")
        ->capture_default_str();
    cmd->add_option("--l1-rpc", args->l1_rpc, "The L1 JSON-RPC URL")->capture_default_str();
    cmd->add_option("--rollup", args->rollup, "The NativeRollup address on L1")->required();
    cmd->add_option("--key", args->key,
                    "The proposer's secret key (0x + 64 hex digits); it also relays deposits "
                    "and holds L2 ETH in the dev genesis")
        ->required();
    cmd->add_option("--http.addr", args->http_addr, "The L2 JSON-RPC address")
        ->capture_default_str();
    cmd->add_option("--http.port", args->http_port, "The L2 JSON-RPC port (0: any free port)")
        ->capture_default_str();
    cmd->add_option("--datadir", args->datadir,
                    "Where the L2 chain is stored (default: the data dir's rollup-<address>)");
    cmd->add_option("--block-time", args->block_time, "Seconds between L2 blocks")
        ->capture_default_str();
    cmd->callback([args, &exit_code] { exit_code = run_rollup(*args); });
}

}  // namespace ultra::cli
