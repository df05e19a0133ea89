// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <stdlib.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/node/chain_spec.hpp>
#include <ultra/node/eth_api.hpp>
#include <ultra/node/node.hpp>
#include <ultra/rpc/dispatcher.hpp>
#include <ultra/rpc/error.hpp>
#include <ultra/rpc/server.hpp>
#include <ultra/storage/datadir.hpp>
#include <ultra/wallet/dev_accounts.hpp>
#include <vector>

#include "commands.hpp"
#include "stop_signals.hpp"

namespace ultra::cli {
namespace {
namespace fs = std::filesystem;

struct NodeArgs
{
    std::string datadir;
    bool ephemeral = false;
    std::string http_addr = "127.0.0.1";
    uint16_t http_port = 8545;
    size_t http_threads = 4;
    std::string chain = "devnet";
    std::optional<double> block_time;
    bool automine = false;
    size_t accounts = 10;
    std::string mnemonic{wallet::kDevMnemonic};
    std::string balance = "10000";
    bool silent = false;
};

/// `eth` (a decimal number of ether, up to 18 fractional digits) in wei; std::nullopt when it
/// does not parse or exceeds 256 bits.
std::optional<uint256> parse_ether(const std::string& eth)
{
    const size_t dot = eth.find('.');
    std::string whole = eth.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : eth.substr(dot + 1);
    if ((whole.empty() && fraction.empty()) || fraction.size() > 18) return std::nullopt;
    for (const char c : whole + fraction)
        if (c < '0' || c > '9') return std::nullopt;
    fraction.append(18 - fraction.size(), '0');
    std::string wei = whole + fraction;
    wei.erase(0, std::min(wei.find_first_not_of('0'), wei.size() - 1));
    return parse_uint256(wei);
}

/// ETH with up to 4 decimals, for the banner.
std::string format_ether(const uint256& wei)
{
    const uint256 unit = uint256{1'000'000'000'000'000'000};
    const uint256 whole = wei / unit;
    const uint256 rest = (wei % unit) / uint256{100'000'000'000'000};
    std::string out = to_string(whole);
    if (rest != 0) {
        std::string r = to_string(rest);
        r.insert(0, 4 - r.size(), '0');
        while (!r.empty() && r.back() == '0') r.pop_back();
        out += "." + r;
    }
    return out;
}

/// A new empty directory under the system's temp directory.
std::optional<fs::path> make_temp_datadir()
{
    std::string pattern = (fs::temp_directory_path() / "ultrasound-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return std::nullopt;
    return fs::path{pattern};
}

int run_node(const NodeArgs& args)
{
    // The dev accounts and the chain.
    auto accounts = wallet::dev_accounts(args.mnemonic, args.accounts);
    if (!accounts) {
        std::cerr << "ultrasound node: --mnemonic: " << accounts.error().message << "\n";
        return 2;
    }
    node::NodeConfig config;
    std::string datadir_name = "devnet";
    if (args.chain == "devnet") {
        const auto balance = parse_ether(args.balance);
        if (!balance) {
            std::cerr << "ultrasound node: --balance: not an amount of ether: " << args.balance
                      << "\n";
            return 2;
        }
        std::vector<Address> funded;
        for (const auto& a : *accounts) funded.push_back(a.address);
        config.spec = node::devnet_chain_spec(funded, *balance);
    } else {
        auto spec = node::load_chain_spec(args.chain);
        if (!spec) {
            std::cerr << "ultrasound node: --chain " << args.chain << ": "
                      << spec.error().to_string() << "\n";
            return 2;
        }
        config.spec = std::move(*spec);
        datadir_name = "chain-" + std::to_string(config.spec.config.chain_id);
    }
    config.dev_accounts = std::move(*accounts);

    // When blocks are made.
    double block_time = static_cast<double>(config.spec.block_time);
    if (args.block_time) block_time = *args.block_time;
    if (args.automine) block_time = 0;
    if (block_time < 0) {
        std::cerr << "ultrasound node: --block-time must not be negative\n";
        return 2;
    }
    if (block_time > 0) {
        config.mining = node::MiningMode::kInterval;
        config.block_time = std::chrono::milliseconds{static_cast<int64_t>(block_time * 1000)};
        if (config.block_time.count() == 0) config.block_time = std::chrono::milliseconds{1};
    }

    // Where the chain lives.
    std::optional<fs::path> ephemeral_dir;
    if (args.ephemeral) {
        ephemeral_dir = make_temp_datadir();
        if (!ephemeral_dir) {
            std::cerr << "ultrasound node: cannot create a temporary datadir\n";
            return 1;
        }
        config.datadir = *ephemeral_dir;
    } else {
        config.datadir =
            args.datadir.empty() ? storage::default_datadir(datadir_name) : fs::path{args.datadir};
    }
    const auto remove_ephemeral = [&] {
        if (!ephemeral_dir) return;
        std::error_code ec;
        fs::remove_all(*ephemeral_dir, ec);
    };

    // SIGINT and SIGTERM are taken synchronously by this thread (stop_signals.wait() below):
    // blocked before any thread starts (RocksDB's, the server's, the producer), so every thread
    // inherits the mask and none is interrupted.
    const StopSignals stop_signals;

    config.log = [](const std::string& message) {
        std::cerr << "ultrasound node: " << message << std::endl;
    };
    auto opened = node::Node::open(std::move(config));
    if (!opened) {
        std::cerr << "ultrasound node: " << opened.error() << "\n";
        remove_ephemeral();
        return 1;
    }
    std::unique_ptr<node::Node> node = std::move(*opened);

    rpc::Dispatcher dispatcher;
    node::EthApi api{*node};
    api.register_methods(dispatcher);
    if (!args.silent) {
        node->add_block_listener([](const node::CommittedBlock& b) {
            std::ostringstream line;
            line << "Block " << b.block.header.number << " " << to_0x_hex(b.hash) << ": "
                 << b.block.transactions.size() << " transactions, gas used "
                 << b.block.header.gas_used << "\n";
            std::cout << line.str() << std::flush;
        });
    }
    rpc::ServerConfig server_config;
    server_config.host = args.http_addr;
    server_config.port = args.http_port;
    server_config.io_threads = std::max<size_t>(args.http_threads, 1);
    rpc::Server server{dispatcher, server_config};
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "ultrasound node: cannot listen on " << args.http_addr << ":" << args.http_port
                  << ": " << e.what() << "\n";
        node.reset();
        remove_ephemeral();
        return 1;
    }
    node->start();

    const auto head = node->head();
    const std::string host =
        args.http_addr.find(':') != std::string::npos ? "[" + args.http_addr + "]" : args.http_addr;
    const std::string endpoint = host + ":" + std::to_string(server.port());
    std::ostringstream banner;
    banner << "ultrasound node v0.1.0\n\n";
    banner << "Chain id:        " << node->chain_id() << "\n";
    banner << "HTTP JSON-RPC:   http://" << endpoint << "\n";
    banner << "WebSocket:       ws://" << endpoint << "\n";
    banner << "Datadir:         " << node->config().datadir.string()
           << (ephemeral_dir ? " (ephemeral: removed at exit)" : "") << "\n";
    banner << "Genesis:         " << to_0x_hex(node->genesis_hash()) << "\n";
    banner << "Head:            block " << head->header.number << " " << to_0x_hex(head->hash)
           << "\n";
    banner << "Mining:          ";
    if (node->config().mining == node::MiningMode::kInterval)
        banner << "a block every " << block_time << " s\n";
    else
        banner << "automine (a block as soon as transactions arrive)\n";
    if (const auto& execute = node->chain_config().execute)
        banner << "EXECUTE:         " << to_0x_hex(execute->address) << "\n";
    banner << "\nAvailable Accounts\n==================\n";
    const auto& dev = node->config().dev_accounts;
    for (size_t i = 0; i < dev.size(); ++i) {
        const auto account = head->state->account(dev[i].address);
        const uint256 balance = account && *account ? (*account)->balance : uint256{};
        banner << "(" << i << ") " << rpc::to_checksum_address(dev[i].address) << " ("
               << format_ether(balance) << " ETH)\n";
    }
    banner << "\nPrivate Keys\n==================\n";
    for (size_t i = 0; i < dev.size(); ++i)
        banner << "(" << i << ") " << to_0x_hex(dev[i].private_key) << "\n";
    banner << "\nListening on " << endpoint << "\n";
    std::cout << banner.str() << std::flush;

    const std::string_view signal = stop_signals.wait();
    std::cout << "\nReceived " << signal << ": stopping the server, finishing the block in progress"
              << std::endl;
    server.stop();
    node->stop();
    const uint64_t last = node->head()->header.number;
    node.reset();
    remove_ephemeral();
    std::cout << "Stopped at block " << last << std::endl;
    return 0;
}

}  // namespace

void register_node(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<NodeArgs>();
    auto* cmd = app.add_subcommand(
        "node",
        "Run a single-node dev/test L1 chain at the Osaka rules with the EXECUTE precompile: "
        "JSON-RPC over HTTP and WebSocket on one port (for ethers, viem, cast, Hardhat), blocks "
        "stored crash-safely in --datadir, funded dev accounts (anvil's mnemonic). Automines "
        "unless --block-time is given. SIGINT/SIGTERM stop it cleanly.");
    cmd->add_option("--datadir", args->datadir,
                    "Where the chain is stored (default: $XDG_DATA_HOME/ultrasound/devnet, else "
                    "~/.local/share/ultrasound/devnet; chain-<id> instead of devnet with --chain "
                    "FILE). Reopening continues the chain.");
    cmd->add_flag("--dev.ephemeral", args->ephemeral,
                  "Use a fresh temporary datadir, removed at exit");
    cmd->add_option("--http.addr,--host", args->http_addr, "The address to listen on")
        ->capture_default_str();
    cmd->add_option("--http.port,--port", args->http_port,
                    "The port for HTTP and WebSocket JSON-RPC (0: any free port)")
        ->capture_default_str();
    cmd->add_option("--http.threads", args->http_threads, "Threads serving JSON-RPC requests")
        ->capture_default_str();
    cmd->add_option("--chain", args->chain,
                    "The chain: 'devnet' (chain id 1337, Osaka, EXECUTE) or a chain spec JSON file "
                    "(docs/node.md § Chain config)")
        ->capture_default_str();
    auto* block_time = cmd->add_option("--block-time", args->block_time,
                                       "Make a block every SECONDS (empty ones too) instead of "
                                       "automining");
    cmd->add_flag("--automine", args->automine,
                  "Make a block as soon as transactions arrive (the default)")
        ->excludes(block_time);
    cmd->add_option("--accounts", args->accounts, "How many dev accounts to derive and fund")
        ->capture_default_str();
    cmd->add_option("--mnemonic", args->mnemonic,
                    "The BIP-39 mnemonic of the dev accounts (default: anvil's and Hardhat's)");
    cmd->add_option("--balance", args->balance, "Each dev account's genesis balance in ether")
        ->capture_default_str();
    cmd->add_flag("--silent", args->silent, "Do not print a line per block");
    cmd->callback([args, &exit_code] { exit_code = run_node(*args); });
}

}  // namespace ultra::cli
