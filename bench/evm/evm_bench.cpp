// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Interpreter benchmarks on ../shared/fixtures/benchmarks: the evmone-bench `.evm` +
// `.inputs` cases and every contract and input of evm-benchmarks (state-test format). Each case
// runs its code as the callee of a message call with gas INT64_MAX under London rules against a
// minimal in-memory host; the output is checked before timing. Counters: gas_used and Mgas/s.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/evm/interpreter.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <unordered_map>
#include <vector>

namespace {

using namespace ultra;
using namespace ultra::evm;
namespace fs = std::filesystem;

/// Just enough world for standalone contracts: the storage of the one executing account (a hash
/// map, as evmc's MockedHost), nothing else exists.
class BenchHost final : public Host
{
public:
    bool account_exists(const Address&) noexcept override { return false; }
    Bytes32 get_storage(const Address&, const Bytes32& key) noexcept override
    {
        const auto it = storage_.find(key);
        return it != storage_.end() ? it->second : Bytes32{};
    }
    StorageStatus set_storage(const Address&,
                              const Bytes32& key,
                              const Bytes32& value) noexcept override
    {
        storage_[key] = value;
        return StorageStatus::kAssigned;
    }
    uint256 get_balance(const Address&) noexcept override { return 0; }
    size_t get_code_size(const Address&) noexcept override { return 0; }
    Bytes32 get_code_hash(const Address&) noexcept override { return {}; }
    size_t copy_code(const Address&, size_t, uint8_t*, size_t) noexcept override { return 0; }
    bool selfdestruct(const Address&, const Address&) noexcept override { return true; }
    CallResult call(const Message& msg) noexcept override
    {
        return {StatusCode::kSuccess, msg.gas, 0, {}, {}};
    }
    TxContext get_tx_context() noexcept override { return {}; }
    Bytes32 get_block_hash(int64_t) noexcept override { return {}; }
    void emit_log(const Address&, BytesView, std::span<const Bytes32>) noexcept override {}
    AccessStatus access_account(const Address&) noexcept override { return AccessStatus::kWarm; }
    AccessStatus access_storage(const Address&, const Bytes32&) noexcept override
    {
        return AccessStatus::kWarm;
    }
    Bytes32 get_transient_storage(const Address&, const Bytes32&) noexcept override { return {}; }
    void set_transient_storage(const Address&, const Bytes32&, const Bytes32&) noexcept override {}

private:
    std::unordered_map<Bytes32, Bytes32> storage_;
};

/// Decodes the benchmark hex notation: whitespace ignored, "(NxHH..)" repeats HH.. N times.
Bytes decode_bench_hex(const std::string& text)
{
    std::string hex;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (c == '(') {
            const auto x = text.find('x', i);
            const auto close = text.find(')', i);
            const auto n = std::stoul(text.substr(i + 1, x - i - 1));
            const auto unit = text.substr(x + 1, close - x - 1);
            for (size_t k = 0; k < n; ++k) hex += unit;
            i = close;
            continue;
        }
        hex += c;
    }
    auto b = from_hex(hex);
    if (!b) throw std::runtime_error("bad hex in benchmark input");
    return *b;
}

struct Case
{
    std::string name;
    Bytes code;
    Bytes input;
    std::optional<Bytes> expected_output;  ///< nullopt: not checked
    bool with_analysis = false;            ///< analysis benchmark: analyse inside the loop
};

const Address kRecipient = [] {
    Address a;
    a[19] = 0xaa;
    return a;
}();

Message make_message(const Case& c)
{
    Message msg;
    msg.gas = std::numeric_limits<int64_t>::max();
    msg.recipient = kRecipient;
    msg.code_address = kRecipient;
    msg.input = c.input;
    return msg;
}

void run_case(benchmark::State& bs, const Case& c)
{
    constexpr auto kRev = Revision::kLondon;
    Vm vm;
    BenchHost host;
    const CodeAnalysis analysis{c.code};
    const Message msg = make_message(c);

    // Check before timing.
    const auto first = execute(vm, host, kRev, msg, analysis);
    if (first.status != StatusCode::kSuccess) {
        bs.SkipWithError(("status " + std::to_string(static_cast<int>(first.status))).c_str());
        return;
    }
    if (c.expected_output && first.output != *c.expected_output) {
        bs.SkipWithError(("unexpected output " + to_hex(first.output)).c_str());
        return;
    }
    const int64_t gas_used = msg.gas - first.gas_left;

    for (auto _ : bs) {
        if (c.with_analysis) {
            auto r = execute(vm, host, kRev, msg, BytesView{c.code});
            benchmark::DoNotOptimize(r);
        } else {
            auto r = execute(vm, host, kRev, msg, analysis);
            benchmark::DoNotOptimize(r);
        }
    }
    bs.counters["gas_used"] = static_cast<double>(gas_used);
    bs.counters["Mgas/s"] = benchmark::Counter(static_cast<double>(gas_used) / 1e6,
                                               benchmark::Counter::kIsIterationInvariantRate);
}

fs::path fixtures_root()
{
    if (const char* env = std::getenv("ULTRA_FIXTURES")) return fs::path{env} / "benchmarks";
    return fs::path{ULTRA_BENCH_FIXTURES_DIR} / "benchmarks";
}

std::vector<Case> load_evmone_bench(const fs::path& dir)
{
    std::vector<Case> cases;
    if (!fs::exists(dir)) return cases;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".evm") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const auto group = f.parent_path().filename().string() + "/" + f.stem().string();
        const Bytes code = decode_bench_hex(infra::read_file(f));
        auto inputs_path = f;
        inputs_path.replace_extension(".inputs");
        if (!fs::exists(inputs_path)) {
            cases.push_back({group + "/analysis+execution", code, {}, std::nullopt, true});
            continue;
        }
        std::istringstream in{infra::read_file(inputs_path)};
        std::string name, input, output;
        while (std::getline(in, name)) {
            if (name.empty()) continue;
            std::getline(in, input);
            std::getline(in, output);
            Case c{group + "/" + name, code, decode_bench_hex(input), std::nullopt, false};
            if (!output.empty()) c.expected_output = decode_bench_hex(output);
            cases.push_back(std::move(c));
        }
    }
    return cases;
}

std::vector<Case> load_state_test_code(const fs::path& file)
{
    std::vector<Case> cases;
    if (!fs::exists(file)) return cases;
    const auto j = infra::load_json(file);
    for (const auto& [test_name, t] : j.items()) {
        const auto to = t["transaction"]["to"].get<std::string>();
        const auto code = from_hex(t["pre"][to]["code"].get<std::string>());
        if (!code) continue;
        const auto& all_data = t["transaction"]["data"];
        for (size_t i = 0; i < all_data.size(); ++i) {
            const auto data = from_hex(all_data[i].get<std::string>());
            if (!data) continue;
            std::string name = "evm-benchmarks/";
            name += test_name;
            if (all_data.size() > 1) {
                name += '/';
                name += std::to_string(i);
            }
            cases.push_back({std::move(name), *code, *data, std::nullopt, false});
        }
    }
    return cases;
}

[[maybe_unused]] const bool kRegistered = [] {
    const auto root = fixtures_root();
    auto cases = load_evmone_bench(root / "evmone-bench");
    if (fs::exists(root / "evm-benchmarks"))
        for (const auto& f : infra::list_json_files(root / "evm-benchmarks"))
            for (auto& c : load_state_test_code(f)) cases.push_back(std::move(c));
    static std::vector<Case> storage;
    storage = std::move(cases);
    for (const auto& c : storage)
        benchmark::RegisterBenchmark(c.name.c_str(), run_case, c)->Unit(benchmark::kMicrosecond);
    return true;
}();

}  // namespace
