// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/abi.hpp>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/fixtures/stateless_check.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/json/witness_json.hpp>

#include "commands.hpp"
#include "fixture_command.hpp"

namespace ultra::cli {
namespace {
namespace fs = std::filesystem;

struct WitnessArgs
{
    std::string blocktest;
    std::string filter;
    std::string out;
    bool witness_json = false;
};

/// 8 hex digits of keccak256(s).
std::string short_hash(std::string_view s)
{
    const Hash256 h = keccak256(BytesView{reinterpret_cast<const uint8_t*>(s.data()), s.size()});
    return to_hex(h.view().substr(0, 4));
}

/// A test name as a directory name: ASCII letters, digits, '.', '_', '-' and '+' kept, every
/// other byte (the '/' and "::" of EEST names, brackets, commas, spaces) becomes '_'; a name
/// longer than 150 bytes is cut to 140 and suffixed with '-' and 8 hex digits of its keccak256;
/// "", "." and ".." become "_", "_" and "__".
std::string sanitize(const std::string& name)
{
    std::string out;
    for (const char c : name) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '+';
        out += safe ? c : '_';
    }
    if (out.size() > 150) out = out.substr(0, 140) + "-" + short_hash(name);
    if (out.empty()) out = "_";
    if (out == "." || out == "..") out = std::string(out.size(), '_');
    return out;
}

/// Writes `bytes` to `path`; throws infra::FileError naming it on failure.
void write_file(const fs::path& path, std::string_view bytes)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f) throw infra::FileError("cannot write " + path.string());
}

int run_witness(const WitnessArgs& args)
{
    fixtures::BlockTestOptions options;
    if (!parse_filter("witness", args.filter, options.filter)) return 2;
    const fs::path out_dir{args.out};
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec || !fs::is_directory(out_dir)) {
        std::cerr << "ultrasound witness: cannot create output directory " << args.out << ": "
                  << (ec ? ec.message() : "not a directory") << "\n";
        return 2;
    }

    size_t written = 0;
    size_t errors = 0;
    std::array<size_t, 5> skipped{};          // by fixtures::L2Exclusion
    std::map<std::string, std::string> dirs;  // "<file>::<test>" -> its directory name
    std::set<std::string> used_dirs;
    std::set<fs::path> files;  // written in this run
    std::string current_file;

    options.on_block = [&](const fixtures::ImportedBlock& b) {
        if (const auto why = fixtures::l2_exclusion(b)) {
            ++skipped[static_cast<size_t>(*why)];
            return;
        }
        auto witness = fixtures::record_witness(b);
        if (!witness) {
            std::cerr << "ultrasound witness: " << b.test << " block " << b.index << ": "
                      << witness.error() << "\n";
            ++errors;
            return;
        }
        const std::string key = current_file + "::" + b.test;
        auto [it, inserted] = dirs.try_emplace(key);
        if (inserted) {
            std::string dir = sanitize(b.test);
            // Two tests whose names sanitize alike (or one name in two files of a folder): the
            // later one gets 8 hex digits of the keccak256 of its file and name appended.
            if (used_dirs.contains(dir)) dir += "-" + short_hash(key);
            used_dirs.insert(dir);
            it->second = std::move(dir);
        }
        const fs::path dir = out_dir / it->second;
        fs::create_directories(dir);
        // A block number seen twice in one test (a side chain): the later one is named
        // <number>-<position in the test's blocks>.
        std::string stem = std::to_string(b.block.header.number);
        if (files.contains(dir / (stem + ".bin"))) stem += "-" + std::to_string(b.index);
        const Bytes input = execute::encode_input(fixtures::make_execute_input(b, *witness));
        write_file(dir / (stem + ".bin"),
                   std::string_view{reinterpret_cast<const char*>(input.data()), input.size()});
        write_file(dir / (stem + ".fork"), fixtures::l1_fork_name(b) + "\n");
        if (args.witness_json)
            write_file(dir / (stem + ".witness.json"), json::to_json(*witness).dump(1) + "\n");
        files.insert(dir / (stem + ".bin"));
        ++written;
    };

    fixtures::BlockTestRunner runner{options};
    size_t tests = 0;
    size_t failed_tests = 0;
    try {
        const auto files_in = infra::list_json_files(args.blocktest);
        for (const auto& f : files_in) {
            current_file = f.string();
            runner.run_file(f, [&](const fixtures::BlockTestResult& r) {
                ++tests;
                if (r.passed) return;
                ++failed_tests;
                std::cerr << "ultrasound witness: " << r.test << " [" << r.network
                          << "]: the blockchain test fails: " << r.message << "\n";
            });
        }
    } catch (const std::exception& e) {
        std::cerr << "ultrasound witness: " << e.what() << "\n";
        return 1;
    }

    size_t total_skipped = 0;
    for (const size_t n : skipped) total_skipped += n;
    std::cout << "wrote " << written << " EXECUTE inputs from " << tests << " tests to "
              << out_dir.string() << "\n";
    std::cout << "skipped " << total_skipped << " blocks that are not L2-eligible";
    const char* sep = ": ";
    for (size_t i = 0; i < skipped.size(); ++i) {
        if (skipped[i] == 0) continue;
        std::cout << sep << skipped[i] << " "
                  << fixtures::to_string(static_cast<fixtures::L2Exclusion>(i));
        sep = ", ";
    }
    std::cout << "\n";
    if (errors + failed_tests != 0) {
        std::cerr << "ultrasound witness: " << errors << " blocks without a witness, "
                  << failed_tests << " failing tests\n";
        return 1;
    }
    return 0;
}
}  // namespace

void register_witness(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<WitnessArgs>();
    auto* cmd = app.add_subcommand(
        "witness",
        "Write the EXECUTE input of every L2-eligible block of a blockchain test file (no "
        "withdrawals, blob transactions, requests or ommers; not a fork's first block): "
        "OUT/<test>/<number>.bin (abi.encode(chainId, preStateRoot, postStateRoot, gasUsed, "
        "trace)) and OUT/<test>/<number>.fork (the L1 fork to verify it under, for `ultrasound "
        "execute`).");
    cmd->add_option("--blocktest", args->blocktest,
                    "A blockchain test file (.json or .json.gz), or a folder of them")
        ->required();
    cmd->add_option("--out", args->out, "The output directory (created if needed)")->required();
    cmd->add_option("--filter", args->filter, "Only tests whose name matches this regex");
    cmd->add_flag("--witness-json", args->witness_json,
                  "Also write OUT/<test>/<number>.witness.json (debug_executionWitness shape)");
    cmd->callback([args, &exit_code] { exit_code = run_witness(*args); });
}

}  // namespace ultra::cli
