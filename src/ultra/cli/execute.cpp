// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/fixtures/stateless_check.hpp>
#include <ultra/infra/file.hpp>

#include "commands.hpp"

namespace ultra::cli {
namespace {
namespace fs = std::filesystem;

struct ExecuteArgs
{
    std::vector<std::string> files;
    std::string fork;
    bool expect_invalid = false;
};

/// `s` without leading and trailing white space.
std::string trim(std::string s)
{
    const auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), is_space));
    s.erase(std::find_if_not(s.rbegin(), s.rend(), is_space).base(), s.end());
    return s;
}

/// The input bytes of `file`: its raw bytes, or, when it holds text starting with "0x" (an
/// ABI-encoded input starts with a zero byte, so never so), the hex it spells. Throws
/// infra::FileError naming the file.
Bytes read_input(const fs::path& file)
{
    std::string content = infra::read_file(file);
    if (content.rfind("0x", 0) == 0) {
        auto bytes = from_hex(trim(std::move(content)));
        if (!bytes) throw infra::FileError(file.string() + ": bad hex input");
        return std::move(*bytes);
    }
    return Bytes{content.begin(), content.end()};
}

/// The files named on the command line: a folder stands for its ".bin" files (recursively,
/// sorted). Throws infra::FileError for a path that does not exist.
std::vector<fs::path> expand(const std::vector<std::string>& paths)
{
    std::vector<fs::path> out;
    for (const auto& p : paths) {
        if (!fs::is_directory(p)) {
            out.emplace_back(p);
            continue;
        }
        std::vector<fs::path> found;
        for (const auto& entry : fs::recursive_directory_iterator(p))
            if (entry.is_regular_file() && entry.path().extension() == ".bin")
                found.push_back(entry.path());
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

int run_execute(const ExecuteArgs& args)
{
    std::optional<fixtures::L1Fork> forced;
    if (!args.fork.empty()) {
        forced = fixtures::l1_fork(args.fork);
        if (!forced) {
            std::cerr << "ultrasound execute: unknown fork '" << args.fork << "'\n";
            return 2;
        }
    }
    const auto files = expand(args.files);
    if (files.empty()) {
        std::cerr << "ultrasound execute: no input file (a folder holds no .bin file)\n";
        return 2;
    }
    const execution::StandardPrecompiles l2_precompiles;
    size_t passed = 0;
    size_t failed = 0;
    for (const auto& file : files) {
        const std::string name = file.string();
        std::optional<fixtures::L1Fork> fork = forced;
        Bytes input;
        try {
            input = read_input(file);
            if (!fork) {
                // The sibling .fork file (what `ultrasound witness` writes), else Osaka.
                const fs::path fork_file = fs::path{file}.replace_extension(".fork");
                const std::string fork_name =
                    fs::exists(fork_file) ? trim(infra::read_file(fork_file)) : "Osaka";
                fork = fixtures::l1_fork(fork_name);
                if (!fork)
                    throw infra::FileError(fork_file.string() + ": unknown fork '" + fork_name +
                                           "'");
            }
        } catch (const std::exception& e) {
            // The file's messages start with its name: say it once.
            std::string what = e.what();
            if (what.rfind(name + ": ", 0) == 0) what.erase(0, name.size() + 2);
            std::cout << name << ": error: " << what << "\n";
            ++failed;
            continue;
        }
        const execute::VerifyContext ctx{fork->config, fork->rev, l2_precompiles};
        const auto r = execute::verify(BytesView{input}, ctx);
        if (r)
            std::cout << name << ": valid\n";
        else
            std::cout << name << ": invalid: " << execute::to_string(r.error()) << "\n";
        (r.has_value() != args.expect_invalid ? passed : failed) += 1;
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
}  // namespace

void register_execute(CLI::App& app, int& exit_code)
{
    auto args = std::make_shared<ExecuteArgs>();
    auto* cmd = app.add_subcommand(
        "execute",
        "Verify EXECUTE inputs (abi.encode(chainId, preStateRoot, postStateRoot, gasUsed, "
        "trace), as `ultrasound witness` writes them; raw bytes or 0x-hex text) as the precompile "
        "would, and print 'FILE: valid' or 'FILE: invalid: <reason>' for each. The L1 fork is "
        "--fork, else the file's sibling .fork file, else Osaka. The last line is 'N passed, N "
        "failed' (passed = valid, or invalid with --expect-invalid).");
    cmd->add_option("files", args->files, "Input files, or folders of .bin files")->required();
    cmd->add_option("--fork", args->fork,
                    "The L1 fork to verify under (e.g. Cancun, Prague, Osaka, BPO1)");
    cmd->add_flag("--expect-invalid", args->expect_invalid,
                  "Count an invalid input as passed and a valid one as failed");
    cmd->callback([args, &exit_code] { exit_code = run_execute(*args); });
}

}  // namespace ultra::cli
