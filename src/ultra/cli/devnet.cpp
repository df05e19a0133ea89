// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
// `ultrasound devnet`: the L1 dev node, N NativeRollups deployed on it, a sequencer per rollup,
// and DIR/devnet.json describing it all (docs/rollup.md § devnet.json).

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/execution/host.hpp>
#include <ultra/node/chain_spec.hpp>
#include <ultra/node/eth_api.hpp>
#include <ultra/node/l2_genesis.hpp>
#include <ultra/node/node.hpp>
#include <ultra/node/rollup_abi.hpp>
#include <ultra/rpc/dispatcher.hpp>
#include <ultra/rpc/server.hpp>
#include <ultra/storage/datadir.hpp>
#include <ultra/wallet/dev_accounts.hpp>
#include <ultra/wallet/signer.hpp>
#include <vector>

#include "commands.hpp"
#include "rollup_service.hpp"
#include "stop_signals.hpp"

namespace ultra::cli {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

/// The first L2 chain id; rollup i gets kFirstL2ChainId + i.
constexpr uint64_t kFirstL2ChainId = 100001;

struct DevnetArgs
{
    std::string datadir;
    size_t rollups = 1;
    std::string http_addr = "127.0.0.1";
    uint16_t http_port = 8545;
    double l2_block_time = 1.0;
};

/// A deployed rollup as devnet.json records it.
struct DeployedRollup
{
    uint64_t chain_id = 0;
    Address rollup;
    Address l1_bridge;
};

/// The settings of devnet rollup `index`, so that a multi-rollup devnet shows both kinds:
/// even indexes an ultra sound rollup (Based, Proposer coinbase, no governance), odd ones a
/// Sequenced rollup (its proposer the only sequencer, forced inclusion after 60 s, Proposer
/// coinbase, governed by dev account 0 as Owner).
node::rollup_abi::RollupConfig devnet_rollup_config(size_t index,
                                                    uint64_t chain_id,
                                                    const Address& proposer,
                                                    const Address& owner)
{
    node::rollup_abi::RollupConfig config;
    config.chain_id = chain_id;
    if (index % 2 == 1) {
        config.sequencing = 1;
        config.sequencers = {proposer};
        config.forced_inclusion_delay = 60;
        config.governance = 1;
        config.owner = owner;
    }
    return config;
}

/// Deploys NativeRollup with `config` and the dev L2 genesis of `proposer`, from `deployer`;
/// waits for it.
Result<DeployedRollup, std::string> deploy_rollup(node::Node& l1,
                                                  const wallet::DevAccount& deployer,
                                                  const node::rollup_abi::RollupConfig& config,
                                                  const Address& proposer)
{
    const uint64_t chain_id = config.chain_id;
    auto genesis = node::make_l2_genesis(dev_l2_genesis(chain_id, proposer));
    if (!genesis) return unexpected(std::string(node::to_string(genesis.error())));
    Bytes init = node::rollup_abi::native_rollup_creation_code(
        config, genesis->block.header.state_root, genesis->hash);
    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = l1.chain_id();
    tx.nonce = l1.pending_nonce(deployer.address);
    tx.data = std::move(init);
    tx.gas_limit = 12'000'000;
    tx.max_priority_fee_per_gas = uint256{1'000'000'000};
    tx.max_fee_per_gas = l1.next_base_fee(l1.head()->header) * 2 + tx.max_priority_fee_per_gas;
    if (!wallet::sign_transaction(tx, deployer.private_key))
        return unexpected(std::string("cannot sign the deployment"));
    const auto hash = l1.submit(tx);
    if (!hash) return unexpected("deployment rejected: " + hash.error().message);
    if (!l1.wait_for_transaction(*hash, std::chrono::seconds{60}))
        return unexpected(std::string("the deployment was not mined"));
    DeployedRollup out;
    out.chain_id = chain_id;
    out.rollup = execution::create_address(deployer.address, tx.nonce);
    out.l1_bridge = execution::create_address(out.rollup, 1);  // the constructor's first CREATE
    const auto account = l1.head()->state->account(out.rollup);
    if (!account || !*account || (*account)->code_hash == kEmptyHash)
        return unexpected("the NativeRollup deployment for chain " + std::to_string(chain_id) +
                          " failed");
    return out;
}

/// Writes `text` to `file` through a temporary file and a rename (readers never see half).
Result<void, std::string> write_atomically(const fs::path& file, const std::string& text)
{
    const fs::path tmp = file.string() + ".tmp";
    {
        std::ofstream f(tmp);
        f << text;
        f.close();
        if (!f) return unexpected("cannot write " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) return unexpected("cannot write " + file.string() + ": " + ec.message());
    return {};
}

/// The rollups recorded in an earlier devnet.json (empty when there is none).
Result<std::vector<DeployedRollup>, std::string> read_recorded(const fs::path& file)
{
    std::vector<DeployedRollup> out;
    std::ifstream in(file);
    if (!in) return out;
    const json j = json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("rollups") || !j["rollups"].is_array())
        return unexpected(file.string() + " is not a devnet.json");
    for (const json& r : j["rollups"]) {
        DeployedRollup d;
        const auto rollup = fixed_from_hex<20>(r.value("rollup", ""));
        const auto bridge = fixed_from_hex<20>(r.value("l1Bridge", ""));
        if (!rollup || !bridge || !r.contains("chainId") || !r["chainId"].is_number_unsigned())
            return unexpected(file.string() + ": a rollup entry is malformed");
        d.rollup = *rollup;
        d.l1_bridge = *bridge;
        d.chain_id = r["chainId"].get<uint64_t>();
        out.push_back(d);
    }
    return out;
}

int run_devnet(const DevnetArgs& args)
{
    const fs::path dir =
        args.datadir.empty() ? storage::default_datadir("devnet-rollups") : fs::path{args.datadir};
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        std::cerr << "ultrasound devnet: cannot create " << dir << ": " << ec.message() << "\n";
        return 1;
    }
    auto accounts = wallet::dev_accounts(wallet::kDevMnemonic, 10);
    if (!accounts) {
        std::cerr << "ultrasound devnet: " << accounts.error().message << "\n";
        return 1;
    }
    if (args.rollups + 1 > accounts->size()) {
        std::cerr << "ultrasound devnet: at most " << accounts->size() - 1 << " rollups\n";
        return 2;
    }

    const StopSignals stop_signals;

    // L1: the devnet chain (EXECUTE enabled), automining.
    std::vector<Address> funded;
    for (const auto& a : *accounts) funded.push_back(a.address);
    node::NodeConfig config;
    config.spec =
        node::devnet_chain_spec(funded, uint256{1'000'000'000'000'000'000} * uint256{10'000});
    config.datadir = dir / "l1";
    config.dev_accounts = *accounts;
    config.log = [](const std::string& m) { std::cerr << "l1: " << m << std::endl; };
    auto opened = node::Node::open(std::move(config));
    if (!opened) {
        std::cerr << "ultrasound devnet: " << opened.error() << "\n";
        return 1;
    }
    std::unique_ptr<node::Node> l1 = std::move(*opened);
    rpc::Dispatcher dispatcher;
    node::EthApi api{*l1};
    api.register_methods(dispatcher);
    rpc::ServerConfig server_config;
    server_config.host = args.http_addr;
    server_config.port = args.http_port;
    rpc::Server server{dispatcher, server_config};
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "ultrasound devnet: cannot listen on " << args.http_addr << ":"
                  << args.http_port << ": " << e.what() << "\n";
        return 1;
    }
    l1->start();
    const std::string l1_rpc = "http://" + args.http_addr + ":" + std::to_string(server.port());

    // The rollups: the recorded ones, then new ones up to --rollups.
    const fs::path file = dir / "devnet.json";
    auto recorded = read_recorded(file);
    if (!recorded) {
        std::cerr << "ultrasound devnet: " << recorded.error() << "\n";
        return 1;
    }
    std::vector<DeployedRollup> rollups = std::move(*recorded);
    const size_t wanted = std::max(args.rollups, rollups.size());
    if (wanted + 1 > accounts->size()) {
        std::cerr << "ultrasound devnet: too many rollups\n";
        return 2;
    }
    for (size_t i = rollups.size(); i < wanted; ++i) {
        const auto settings = devnet_rollup_config(
            i, kFirstL2ChainId + i, (*accounts)[i + 1].address, (*accounts)[0].address);
        auto deployed = deploy_rollup(*l1, (*accounts)[0], settings, (*accounts)[i + 1].address);
        if (!deployed) {
            std::cerr << "ultrasound devnet: " << deployed.error() << "\n";
            return 1;
        }
        rollups.push_back(*deployed);
    }

    // A sequencer per rollup, proposing with dev account i + 1.
    std::vector<std::unique_ptr<RollupService>> sequencers;
    json out;
    out["l1"] = {{"rpc", l1_rpc}, {"chainId", l1->chain_id()}};
    out["accounts"] = json::array();
    for (const auto& a : *accounts)
        out["accounts"].push_back({{"address", rpc::to_checksum_address(a.address)},
                                   {"privateKey", to_0x_hex(a.private_key)}});
    out["rollups"] = json::array();
    for (size_t i = 0; i < rollups.size(); ++i) {
        // The rollup's L2 genesis, as a file a follower (ultrasound rollup --genesis) reads.
        const uint64_t id = rollups[i].chain_id;
        const node::L2GenesisConfig genesis = dev_l2_genesis(id, (*accounts)[i + 1].address);
        const fs::path genesis_file = dir / ("genesis-" + std::to_string(id) + ".json");
        if (auto written = write_atomically(genesis_file, node::to_json(genesis).dump(2) + "\n");
            !written) {
            std::cerr << "ultrasound devnet: " << written.error() << "\n";
            for (auto& s : sequencers) s->stop();
            server.stop();
            l1->stop();
            return 1;
        }
        RollupOptions options;
        options.role = node::RollupRole::kSequencer;
        options.l1_rpc = l1_rpc;
        options.rollup = rollups[i].rollup;
        options.key = (*accounts)[i + 1].private_key;
        options.genesis = genesis;
        options.http_addr = args.http_addr;
        options.http_port =
            args.http_port == 0 ? uint16_t{0} : static_cast<uint16_t>(args.http_port + 1 + i);
        options.datadir = dir / ("rollup-" + std::to_string(rollups[i].chain_id));
        options.block_time =
            std::chrono::milliseconds{static_cast<int64_t>(args.l2_block_time * 1000)};
        options.log = [id](const std::string& m) {
            std::cout << "rollup " << id << ": " << m << std::endl;
        };
        auto service = RollupService::start(options);
        if (!service) {
            std::cerr << "ultrasound devnet: rollup " << id << ": " << service.error() << "\n";
            for (auto& s : sequencers) s->stop();
            server.stop();
            l1->stop();
            return 1;
        }
        out["rollups"].push_back(
            {{"rpc", "http://" + args.http_addr + ":" + std::to_string((*service)->port())},
             {"chainId", id},
             {"rollup", rpc::to_checksum_address(rollups[i].rollup)},
             {"l1Bridge", rpc::to_checksum_address(rollups[i].l1_bridge)},
             {"l2Bridge", rpc::to_checksum_address(node::kL2BridgeAddress)},
             {"sequencing", i % 2 == 1 ? "sequenced" : "based"},
             {"genesis", fs::absolute(genesis_file).string()},
             {"genesisHash", to_0x_hex((*service)->genesis_hash())}});
        sequencers.push_back(std::move(*service));
    }
    if (auto written = write_atomically(file, out.dump(2) + "\n"); !written)
        std::cerr << "ultrasound devnet: " << written.error() << "\n";
    std::cout << out.dump(2) << std::endl;
    std::cout << "devnet ready: " << file.string() << std::endl;

    const std::string_view signal = stop_signals.wait();
    std::cout << "\nReceived " << signal << ": stopping" << std::endl;
    for (auto& s : sequencers) s->stop();
    server.stop();
    l1->stop();
    std::cout << "Stopped" << std::endl;
    return 0;
}

}  // namespace

void register_devnet(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<DevnetArgs>();
    auto* cmd = app.add_subcommand(
        "devnet",
        "Run a local native-rollup devnet: the L1 dev node (automine, EXECUTE), --rollups "
        "NativeRollups deployed on it (chain ids 100001, 100002, ...; the first based, the "
        "second sequenced with forced inclusion and an owner, and so on), a sequencer per rollup "
        "on the next ports, and DIR/devnet.json with the URLs, chain ids, addresses and funded "
        "keys. Running it again continues from --datadir. Ctrl-C stops everything.");
    cmd->add_option("--datadir", args->datadir,
                    "Where the chains and devnet.json live (default: the data dir's "
                    "devnet-rollups)");
    cmd->add_option("--rollups", args->rollups, "How many rollups")->capture_default_str();
    cmd->add_option("--http.addr", args->http_addr, "The address to listen on")
        ->capture_default_str();
    cmd->add_option("--http.port", args->http_port,
                    "L1 JSON-RPC port; rollup i serves on port + 1 + i (0: any free ports)")
        ->capture_default_str();
    cmd->add_option("--l2-block-time", args->l2_block_time, "Seconds between L2 blocks")
        ->capture_default_str();
    cmd->callback([args, &exit_code] { exit_code = run_devnet(*args); });
}

}  // namespace ultra::cli
