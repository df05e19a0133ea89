// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// `ultrasound rollup`: a native rollup node (sequencer, based proposer or follower), and
// `ultrasound l2-genesis`: the genesis values a NativeRollup is deployed with.

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/node/rollup_driver.hpp>
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
    std::string genesis;
    bool ignore_inbox = false;
    std::string http_addr = "127.0.0.1";
    uint16_t http_port = 8546;
    std::string datadir;
    double block_time = 1.0;
};

int run_rollup(const RollupArgs& args)
{
    const auto role = node::rollup_role_from_string(args.mode);
    if (!role) {
        std::cerr << "ultrasound rollup: --mode " << args.mode
                  << ": expected sequencer, proposer or follower\n";
        return 2;
    }
    const auto rollup = fixed_from_hex<20>(args.rollup);
    if (!rollup) {
        std::cerr << "ultrasound rollup: --rollup: not an address: " << args.rollup << "\n";
        return 2;
    }
    RollupOptions options;
    options.role = *role;
    if (!args.key.empty()) {
        const auto key = fixed_from_hex<32>(args.key);
        if (!key) {
            std::cerr << "ultrasound rollup: --key: not a 32-byte hex secret key\n";
            return 2;
        }
        options.key = *key;
    } else if (*role != node::RollupRole::kFollower) {
        std::cerr << "ultrasound rollup: --mode " << args.mode
                  << " needs --key (the proposer's secret key)\n";
        return 2;
    }
    if (!args.genesis.empty()) {
        auto genesis = node::load_l2_genesis(args.genesis);
        if (!genesis) {
            std::cerr << "ultrasound rollup: --genesis: " << genesis.error().to_string() << "\n";
            return 2;
        }
        options.genesis = std::move(*genesis);
    } else if (*role == node::RollupRole::kFollower) {
        std::cerr << "ultrasound rollup: a follower needs --genesis FILE (the L2 genesis the "
                     "rollup was deployed with; ultrasound devnet writes one per rollup)\n";
        return 2;
    }
    if (!(args.block_time > 0)) {
        std::cerr << "ultrasound rollup: --block-time must be positive\n";
        return 2;
    }

    // SIGINT/SIGTERM are taken by stop_signals.wait() below; blocked before any thread starts.
    const StopSignals stop_signals;

    options.l1_rpc = args.l1_rpc;
    options.rollup = *rollup;
    options.include_inbox = !args.ignore_inbox;
    options.http_addr = args.http_addr;
    options.http_port = args.http_port;
    options.datadir = args.datadir.empty()
                          ? storage::default_datadir("rollup-" + to_hex(rollup->view()))
                          : std::filesystem::path{args.datadir};
    options.block_time = std::chrono::milliseconds{static_cast<int64_t>(args.block_time * 1000)};
    if (options.block_time.count() == 0) options.block_time = std::chrono::milliseconds{1};
    options.log = [](const std::string& m) { std::cout << m << std::endl; };

    auto service = RollupService::start(options);
    if (!service) {
        std::cerr << "ultrasound rollup: " << service.error() << "\n";
        return 1;
    }
    std::cout << "ultrasound rollup (" << args.mode << ")\n\n"
              << "L2 chain id:     " << (*service)->chain_id() << "\n"
              << "L2 genesis:      " << to_0x_hex((*service)->genesis_hash()) << "\n"
              << "L2 JSON-RPC:     http://" << args.http_addr << ":" << (*service)->port() << "\n"
              << "Rollup:          " << to_0x_hex(*rollup) << "\n"
              << "L1 JSON-RPC:     " << args.l1_rpc << "\n"
              << "Datadir:         " << options.datadir.string() << "\n"
              << "Step interval:   " << args.block_time << " s\n"
              << (args.ignore_inbox ? "Inbox:           IGNORED (--ignore-inbox: testing only)\n"
                                    : "")
              << std::endl;

    const std::string_view signal = stop_signals.wait();
    std::cout << "\nReceived " << signal << ": stopping" << std::endl;
    const uint64_t head = (*service)->head_number();
    (*service)->stop();
    std::cout << "Stopped at L2 block " << head << std::endl;
    return 0;
}

int run_l2_genesis(const std::string& file)
{
    auto config = node::load_l2_genesis(file);
    if (!config) {
        std::cerr << "ultrasound l2-genesis: " << config.error().to_string() << "\n";
        return 2;
    }
    auto genesis = node::make_l2_genesis(*config);
    if (!genesis) {
        std::cerr << "ultrasound l2-genesis: " << node::to_string(genesis.error()) << " (in "
                  << file << ")\n";
        return 2;
    }
    const nlohmann::json out = {{"chainId", config->chain_id},
                                {"stateRoot", to_0x_hex(genesis->block.header.state_root)},
                                {"blockHash", to_0x_hex(genesis->hash)}};
    std::cout << out.dump(2) << std::endl;
    return 0;
}

}  // namespace

void register_rollup(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<RollupArgs>();
    auto* cmd = app.add_subcommand(
        "rollup",
        "Run a native rollup node: an L2 chain (JSON-RPC with the L1 node's method set) kept "
        "equal to what NativeRollup settled on L1. --mode sequencer proposes and settles a "
        "block every --block-time (advance() through EXECUTE), relays L1 deposits and includes "
        "the forced-inclusion inbox; --mode proposer (based) does the same only when it has "
        "something to include, racing other proposers safely; --mode follower derives the chain "
        "from L1 alone. Restarting continues from --datadir. docs/rollup.md § The rollup node.");
    cmd->add_option("--mode", args->mode, "sequencer, proposer or follower")->capture_default_str();
    cmd->add_option("--l1-rpc", args->l1_rpc, "The L1 JSON-RPC URL")->capture_default_str();
    cmd->add_option("--rollup", args->rollup, "The NativeRollup address on L1")->required();
    cmd->add_option("--key", args->key,
                    "The proposer's secret key (0x + 64 hex digits); it also relays deposits. "
                    "Not for a follower");
    cmd->add_option("--genesis", args->genesis,
                    "The L2 genesis file the rollup was deployed with (docs/rollup.md § L2 "
                    "genesis). Default for a sequencer or proposer: the dev genesis funding "
                    "the key's address; a follower needs it")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--ignore-inbox", args->ignore_inbox,
                  "Leave the L1 inbox out of the blocks: a censoring sequencer, to test forced "
                  "inclusion");
    cmd->add_option("--http.addr", args->http_addr, "The L2 JSON-RPC address")
        ->capture_default_str();
    cmd->add_option("--http.port", args->http_port, "The L2 JSON-RPC port (0: any free port)")
        ->capture_default_str();
    cmd->add_option("--datadir", args->datadir,
                    "Where the L2 chain is stored (default: the data dir's rollup-<address>)");
    cmd->add_option("--block-time", args->block_time,
                    "Seconds between steps (derive from L1, then propose)")
        ->capture_default_str();
    cmd->callback([args, &exit_code] { exit_code = run_rollup(*args); });

    auto file = std::make_shared<std::string>();
    auto* genesis = app.add_subcommand(
        "l2-genesis",
        "Print the L2 genesis of a genesis file as JSON: chainId, stateRoot, blockHash (the "
        "NativeRollup constructor's genesisStateRoot and genesisBlockHash). docs/rollup.md § "
        "Deploying your own rollup.");
    genesis->add_option("FILE", *file, "The L2 genesis file")->required()->check(CLI::ExistingFile);
    genesis->callback([file, &exit_code] { exit_code = run_l2_genesis(*file); });
}

}  // namespace ultra::cli
