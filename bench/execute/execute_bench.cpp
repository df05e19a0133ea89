// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The EXECUTE benchmark (docs/benchmarks.md § EXECUTE): verify() of EXECUTE inputs made from
//  - a generated 30M-gas Osaka L2 block of ERC-20 transfers and constant-product swaps over a
//    state of 100k token holders (mixed_block.hpp), and
//  - every L2-eligible block of the EEST benchmark fixtures (../shared/fixtures/benchmarks/
//    eest-benchmark), with its witness recorded by fixtures::record_witness() and encoded as
//    `ultrasound witness` encodes it;
// each verified valid before anything is timed, then timed single-threaded (median of repeats),
// with the time split into decode, trie, execution and root (measure.hpp).
//
// A plain main rather than Google Benchmark: the figures are a table of one row per input with
// sizes and a split, not a timing per benchmark. It accepts the Google Benchmark flags `make
// bench` passes: --benchmark_filter=REGEX (inputs whose name matches) and
// --benchmark_repetitions=N (timed runs per input); other --benchmark_* flags are ignored.

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <tuple>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/fixtures/blocktest.hpp>
#include <ultra/fixtures/stateless_check.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <vector>

#include "measure.hpp"
#include "mixed_block.hpp"

namespace {
using namespace ultra;
namespace fs = std::filesystem;

struct Args
{
    std::optional<std::regex> filter;
    std::optional<unsigned> repetitions;
    bench::MixedBlockOptions mixed;
    std::optional<std::string> eest_gas;  ///< only EEST tests of this gas value ("30M")
    bool mixed_only = false;
    bool eest_only = false;
    std::vector<std::string> inputs;  ///< --input: saved EXECUTE inputs to time instead
    std::string fork = "Osaka";       ///< --fork: the L1 fork of the --input files
    std::string save_mixed;           ///< --save-mixed: where to write the mixed block's input
};

constexpr unsigned kMixedRepetitions = 5;
constexpr unsigned kEestRepetitions = 3;
constexpr std::string_view kMixedName = "mixed/erc20-transfers-swaps";

void usage()
{
    fmt::print(stderr,
               "usage: ultra_bench_execute [--benchmark_filter=REGEX] "
               "[--benchmark_repetitions=N] [--holders=N] [--senders=N] [--eest-gas=30M] "
               "[--mixed-only | --eest-only] [--save-mixed=FILE] [--input=FILE... "
               "[--fork=Osaka]]\n");
}

std::optional<Args> parse_args(int argc, char** argv)
{
    Args args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a{argv[i]};
        const auto value = [&](std::string_view flag) -> std::optional<std::string> {
            if (a.size() > flag.size() && a.substr(0, flag.size()) == flag && a[flag.size()] == '=')
                return std::string{a.substr(flag.size() + 1)};
            return std::nullopt;
        };
        const auto number = [](const std::string& s) -> std::optional<size_t> {
            char* end = nullptr;
            const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
            if (s.empty() || *end != '\0') return std::nullopt;
            return static_cast<size_t>(v);
        };
        if (auto v = value("--benchmark_filter")) {
            if (!v->empty() && *v != "all" && *v != ".") args.filter.emplace(*v);
        } else if (auto r = value("--benchmark_repetitions")) {
            const auto n = number(*r);
            if (!n || *n == 0) return std::nullopt;
            args.repetitions = static_cast<unsigned>(*n);
        } else if (auto h = value("--holders")) {
            const auto n = number(*h);
            if (!n) return std::nullopt;
            args.mixed.holders = *n;
        } else if (auto s = value("--senders")) {
            const auto n = number(*s);
            if (!n) return std::nullopt;
            args.mixed.senders = *n;
        } else if (auto g = value("--eest-gas")) {
            args.eest_gas = *g;
        } else if (auto f = value("--input")) {
            args.inputs.push_back(*f);
        } else if (auto k = value("--fork")) {
            args.fork = *k;
        } else if (auto o = value("--save-mixed")) {
            args.save_mixed = *o;
        } else if (a == "--mixed-only") {
            args.mixed_only = true;
        } else if (a == "--eest-only") {
            args.eest_only = true;
        } else if (a.substr(0, 12) == "--benchmark_") {
            // Google Benchmark flags `make bench` passes to every executable: not ours.
        } else {
            return std::nullopt;
        }
    }
    return args;
}

bool selected(const Args& args, const std::string& name)
{
    return !args.filter || std::regex_search(name, *args.filter);
}

fs::path eest_root()
{
    if (const char* env = std::getenv("ULTRA_FIXTURES"); env != nullptr && *env != '\0')
        return fs::path{env} / "benchmarks" / "eest-benchmark";
    return fs::path{ULTRA_DEFAULT_FIXTURES_DIR} / "benchmarks" / "eest-benchmark";
}

// --- The table -------------------------------------------------------------------------------

constexpr size_t kNameWidth = 72;

void print_header()
{
    fmt::print(
        "{:<{}} {:>7} {:>4} {:>7} {:>7} {:>8} {:>9} {:>7} {:>9} {:>5} {:>5} {:>5} {:>5} {:>5}\n",
        "input", kNameWidth, "Mgas", "txs", "Mgas/s", "wall", "ms", "witness", "KB/Mgas", "trace",
        "dec%", "trie%", "exec%", "root%", "sig%");
}

void print_row(const std::string& name, const bench::Measurement& m)
{
    const bench::Seconds total = m.split.total();
    const auto pct = [&](const bench::Seconds& s) {
        return total.cpu > 0 ? 100.0 * s.cpu / total.cpu : 0.0;
    };
    const std::string shown =
        name.size() > kNameWidth ? "..." + name.substr(name.size() - kNameWidth + 3) : name;
    fmt::print(
        "{:<{}} {:>7.2f} {:>4} {:>7.1f} {:>7.1f} {:>8.2f} {:>9} {:>7.1f} {:>9} {:>5.1f} {:>5.1f} "
        "{:>5.1f} {:>5.1f} {:>5.1f}\n",
        shown, kNameWidth, static_cast<double>(m.gas_used) / 1e6, m.transactions,
        m.mgas_per_cpu_second(), m.mgas_per_wall_second(), m.verify.cpu * 1e3, m.witness_bytes,
        m.witness_bytes_per_mgas() / 1e3, m.trace_bytes, pct(m.split.decode), pct(m.split.trie),
        pct(m.split.execution), pct(m.split.root), pct(m.split.senders));
    std::fflush(stdout);
}

/// The witness's sizes and the split in ms, on one line after `what: `.
void print_split(const std::string& what, const bench::Measurement& m)
{
    const bench::Split& sp = m.split;
    fmt::print(
        "{}: witness {} nodes ({} B), {} codes ({} B), headers {} B; "
        "split (ms CPU, median of {}): decode {:.2f}, trie {:.2f}, execution {:.2f}, "
        "root {:.2f} = {:.2f} (sender recovery, inside execution: {:.2f}); verify() {:.2f} "
        "(spread {:.0f} %)\n",
        what, m.nodes, m.node_bytes, m.codes, m.code_bytes, m.header_bytes, m.repetitions,
        sp.decode.cpu * 1e3, sp.trie.cpu * 1e3, sp.execution.cpu * 1e3, sp.root.cpu * 1e3,
        sp.total().cpu * 1e3, sp.senders.cpu * 1e3, m.verify.cpu * 1e3, m.verify_spread * 100);
}

struct Totals
{
    size_t inputs = 0;
    size_t failed = 0;
    double gas = 0;
    double cpu = 0;
    double witness_bytes = 0;
};

void count(Totals& t, const bench::Measurement& m)
{
    ++t.inputs;
    t.gas += static_cast<double>(m.gas_used);
    t.cpu += m.verify.cpu;
    t.witness_bytes += static_cast<double>(m.witness_bytes);
}

// --- The mixed block ----------------------------------------------------------------------------

void run_mixed(const Args& args, Totals& totals)
{
    const std::string name{kMixedName};
    if (!selected(args, name)) return;
    const auto l1 = fixtures::l1_fork("Osaka");
    if (!l1) {
        fmt::print(stderr, "execute bench: no Osaka chain configuration\n");
        ++totals.failed;
        return;
    }
    const auto block = bench::build_mixed_block(l1->config, l1->rev, args.mixed);
    if (!block) {
        fmt::print(stderr, "execute bench: the mixed block: {}\n", block.error());
        ++totals.failed;
        return;
    }
    const bench::MixedBlockStats& s = block->stats;
    const auto avg = [](uint64_t gas, size_t n) { return n == 0 ? 0 : gas / n; };
    fmt::print(
        "mixed block: pre-state {} accounts, {} storage slots ({} in each token's storage trie); "
        "{} transactions: {} transfers to holders (avg {} gas), {} to fresh addresses (avg {} "
        "gas), {} swaps (avg {} gas); {} logs; built in {:.1f} s\n",
        s.accounts, s.storage_slots, s.token_slots, s.transactions, s.transfers_existing,
        avg(s.gas_transfers_existing, s.transfers_existing), s.transfers_fresh,
        avg(s.gas_transfers_fresh, s.transfers_fresh), s.swaps, avg(s.gas_swaps, s.swaps), s.logs,
        s.build_seconds);

    if (!args.save_mixed.empty()) {
        std::ofstream out(args.save_mixed, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(block->encoded.data()),
                  static_cast<std::streamsize>(block->encoded.size()));
        if (!out) {
            fmt::print(stderr, "execute bench: cannot write {}\n", args.save_mixed);
            ++totals.failed;
        }
    }

    const execution::StandardPrecompiles l2_precompiles;
    const execute::VerifyContext ctx{l1->config, l1->rev, l2_precompiles};
    const auto m =
        bench::measure(block->encoded, ctx, args.repetitions.value_or(kMixedRepetitions));
    if (!m) {
        fmt::print(stderr, "execute bench: the mixed block: {}\n", m.error());
        ++totals.failed;
        return;
    }
    print_split("mixed block", *m);
    fmt::print("\n");
    print_header();
    print_row(name, *m);
    count(totals, *m);
}

// --- The EEST benchmark blocks ----------------------------------------------------------------

/// "instruction/keccak/keccak_max_permutations[param]/30M" from the file and the test name
/// ("tests/benchmark/compute/...::test_x[fork_Osaka-blockchain_test-PARAM-benchmark-gas-value_30M]").
std::string eest_label(const fs::path& root, const fs::path& file, const std::string& test)
{
    std::string label = fs::relative(file.parent_path(), root).string();
    const std::string prefix = "blockchain_tests/compute/";
    if (label.rfind(prefix, 0) == 0) label = label.substr(prefix.size());
    std::string stem = file.filename().string();
    stem = stem.substr(0, stem.find('.'));
    if (!label.empty() && fs::path{label}.filename() != stem) label += "/" + stem;
    const auto lb = test.find("blockchain_test-");
    const auto rb = test.find("benchmark-gas-value_");
    if (lb != std::string::npos && rb != std::string::npos && rb > lb + 16) {
        std::string param = test.substr(lb + 16, rb - lb - 16);
        if (!param.empty() && param.back() == '-') param.pop_back();
        if (!param.empty()) label += "[" + param + "]";
    }
    if (rb != std::string::npos) {
        std::string gas = test.substr(rb + 20);
        if (!gas.empty() && gas.back() == ']') gas.pop_back();
        label += "/" + gas;
    }
    return label;
}

/// The gas value of a label ending in "/<n>M" (0 when it does not): for sorting.
unsigned gas_value(const std::string& label)
{
    const auto slash = label.rfind('/');
    if (slash == std::string::npos) return 0;
    return static_cast<unsigned>(std::strtoul(label.c_str() + slash + 1, nullptr, 10));
}

/// Whether the EEST input `label` is selected by --benchmark_filter and --eest-gas.
bool eest_selected(const Args& args, const std::string& label)
{
    if (!selected(args, label)) return false;
    return !args.eest_gas || label.ends_with("/" + *args.eest_gas);
}

/// A regex matching exactly the strings of `names` (for BlockTestOptions::filter).
std::string exact_names_regex(const std::vector<std::string>& names)
{
    std::string out = "^(?:";
    for (size_t i = 0; i < names.size(); ++i) {
        if (i != 0) out += '|';
        for (const char c : names[i]) {
            if (std::string_view{"\\^$.|?*+()[]{}"}.find(c) != std::string_view::npos) out += '\\';
            out += c;
        }
    }
    return out + ")$";
}

struct EestCase
{
    std::string test;
    std::string label;
    uint64_t number = 0;
    Bytes input;
    std::string fork;
};

void run_eest(const Args& args, Totals& totals)
{
    const fs::path root = eest_root();
    if (!fs::exists(root)) {
        fmt::print(stderr, "execute bench: no fixtures at {}\n", root.string());
        ++totals.failed;
        return;
    }
    std::array<size_t, 5> skipped{};  // by fixtures::L2Exclusion
    std::vector<EestCase> pending;
    fs::path current_file;
    fixtures::BlockTestOptions options;
    options.on_block = [&](const fixtures::ImportedBlock& b) {
        const std::string label = eest_label(root, current_file, b.test);
        if (!eest_selected(args, label)) return;
        if (const auto why = fixtures::l2_exclusion(b)) {
            ++skipped[static_cast<size_t>(*why)];
            return;
        }
        auto witness = fixtures::record_witness(b);
        if (!witness) {
            fmt::print(stderr, "execute bench: {} block {}: {}\n", label, b.index, witness.error());
            ++totals.failed;
            return;
        }
        pending.push_back(EestCase{b.test, label, b.block.header.number,
                                   execute::encode_input(fixtures::make_execute_input(b, *witness)),
                                   fixtures::l1_fork_name(b)});
    };
    const execution::StandardPrecompiles l2_precompiles;
    bool header_printed = false;
    for (const fs::path& file : infra::list_json_files(root)) {
        current_file = file;
        pending.clear();
        try {
            // Import only the tests selected (the runner executes every test of a file).
            std::vector<std::string> chosen;
            size_t tests = 0;
            const auto doc = infra::load_json(file);
            for (auto it = doc.begin(); it != doc.end(); ++it) {
                ++tests;
                if (eest_selected(args, eest_label(root, file, it.key())))
                    chosen.push_back(it.key());
            }
            if (chosen.empty()) continue;
            options.filter.reset();
            if (chosen.size() != tests) options.filter.emplace(exact_names_regex(chosen));
            fixtures::BlockTestRunner runner{options};
            runner.run_file(file, [&](const fixtures::BlockTestResult& r) {
                if (r.passed) return;
                fmt::print(stderr, "execute bench: {}: the blockchain test fails: {}\n", r.test,
                           r.message);
                ++totals.failed;
            });
        } catch (const std::exception& e) {
            fmt::print(stderr, "execute bench: {}: {}\n", file.string(), e.what());
            ++totals.failed;
            continue;
        }
        // A test of several blocks: name each by its number.
        std::map<std::string, size_t> blocks_per_test;
        for (const EestCase& c : pending) ++blocks_per_test[c.test];
        std::sort(pending.begin(), pending.end(), [](const EestCase& a, const EestCase& b) {
            const std::string base_a = a.label.substr(0, a.label.rfind('/'));
            const std::string base_b = b.label.substr(0, b.label.rfind('/'));
            return std::tuple{base_a, gas_value(a.label), a.number} <
                   std::tuple{base_b, gas_value(b.label), b.number};
        });
        for (const EestCase& c : pending) {
            const std::string name =
                blocks_per_test[c.test] > 1 ? c.label + "#" + std::to_string(c.number) : c.label;
            const auto fork = fixtures::l1_fork(c.fork);
            if (!fork) {
                fmt::print(stderr, "execute bench: {}: unknown fork {}\n", name, c.fork);
                ++totals.failed;
                continue;
            }
            const execute::VerifyContext ctx{fork->config, fork->rev, l2_precompiles};
            const auto m =
                bench::measure(c.input, ctx, args.repetitions.value_or(kEestRepetitions));
            if (!m) {
                fmt::print(stderr, "execute bench: {}: {}\n", name, m.error());
                ++totals.failed;
                continue;
            }
            if (!header_printed) {
                fmt::print("\nEEST benchmark blocks ({}):\n", root.string());
                print_header();
                header_printed = true;
            }
            print_row(name, *m);
            count(totals, *m);
        }
    }
    size_t total_skipped = 0;
    for (const size_t n : skipped) total_skipped += n;
    if (total_skipped != 0) {
        fmt::print("skipped {} EEST blocks that are not L2-eligible:", total_skipped);
        for (size_t i = 0; i < skipped.size(); ++i)
            if (skipped[i] != 0)
                fmt::print(" {} {}", skipped[i],
                           fixtures::to_string(static_cast<fixtures::L2Exclusion>(i)));
        fmt::print("\n");
    }
}

// --- Saved inputs ---------------------------------------------------------------------------

/// Times EXECUTE inputs saved in files (raw bytes, as `ultrasound witness` and --save-mixed
/// write them) under the L1 fork `args.fork`: for profiling verify() alone.
void run_inputs(const Args& args, Totals& totals)
{
    const auto fork = fixtures::l1_fork(args.fork);
    if (!fork) {
        fmt::print(stderr, "execute bench: unknown fork {}\n", args.fork);
        ++totals.failed;
        return;
    }
    const execution::StandardPrecompiles l2_precompiles;
    const execute::VerifyContext ctx{fork->config, fork->rev, l2_precompiles};
    print_header();
    for (const std::string& file : args.inputs) {
        std::string bytes;
        try {
            bytes = infra::read_file(file);
        } catch (const std::exception& e) {
            fmt::print(stderr, "execute bench: {}\n", e.what());
            ++totals.failed;
            continue;
        }
        const Bytes input{bytes.begin(), bytes.end()};
        const auto m = bench::measure(input, ctx, args.repetitions.value_or(kMixedRepetitions));
        if (!m) {
            fmt::print(stderr, "execute bench: {}: {}\n", file, m.error());
            ++totals.failed;
            continue;
        }
        print_row(file, *m);
        print_split(file, *m);
        count(totals, *m);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    const auto args = parse_args(argc, argv);
    if (!args || (args->mixed_only && args->eest_only)) {
        usage();
        return 2;
    }
    fmt::print(
        "EXECUTE verify(): Mgas/s of the median thread CPU time (wall: of the median wall time), "
        "single thread; ms = median CPU ms; KB/Mgas = witness bytes per Mgas / 1000; "
        "dec/trie/exec/root = share of each phase (median CPU) in the split run, sig = share of "
        "sender recovery (part of exec)\n\n");
    Totals totals;
    if (!args->inputs.empty()) {
        run_inputs(*args, totals);
    } else {
        if (!args->eest_only) run_mixed(*args, totals);
        if (!args->mixed_only) run_eest(*args, totals);
    }
    if (totals.inputs != 0)
        fmt::print(
            "\n{} inputs verified and timed: {:.1f} Mgas in {:.2f} s CPU = {:.1f} Mgas/s "
            "overall, {:.1f} KB witness per Mgas overall\n",
            totals.inputs, totals.gas / 1e6, totals.cpu, totals.gas / 1e6 / totals.cpu,
            totals.witness_bytes / (totals.gas / 1e6) / 1e3);
    fmt::print("{} passed, {} failed\n", totals.inputs, totals.failed);
    return totals.failed == 0 ? 0 : 1;
}
