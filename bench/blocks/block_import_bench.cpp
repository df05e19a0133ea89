// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Block import speed on the EEST benchmark blocks (../shared/fixtures/benchmarks/eest-benchmark,
// network Osaka): for every test filled at 30M gas, the timed loop is one state_transition()
// of the block onto its genesis parent (header validation, every transaction, withdrawals,
// system calls, receipts and the post-state root). JSON parsing and decoding are not timed.
// Each block is first checked to import (a benchmark of a wrong result is worthless).

#include <benchmark/benchmark.h>

#include <iostream>
#include <memory>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/fixtures/json_parse.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <vector>

namespace {
using namespace ultra;
namespace fs = std::filesystem;

class GenesisHashes final : public state::BlockHashes
{
public:
    explicit GenesisHashes(const Hash256& genesis) : genesis_{genesis} {}
    Result<Hash256, state::StateError> block_hash(uint64_t number) const override
    {
        if (number == 0) return genesis_;
        return unexpected(state::StateError::kMissingData);
    }

private:
    Hash256 genesis_;
};

struct Case
{
    ChainConfig config;
    state::InMemoryState pre;
    BlockHeader genesis;
    Block block;
    std::unique_ptr<GenesisHashes> hashes;
};

fs::path fixtures_root()
{
    if (const char* env = std::getenv("ULTRA_FIXTURES"); env != nullptr && *env != '\0')
        return fs::path{env} / "benchmarks" / "eest-benchmark";
    return fs::path{ULTRA_DEFAULT_FIXTURES_DIR} / "benchmarks" / "eest-benchmark";
}

Result<execution::BlockResult, execution::BlockFailure> import(const Case& c)
{
    execution::InMemoryStateRoots roots{c.pre};
    execution::StandardPrecompiles precompiles;
    const execution::ChainContext chain{c.config, c.genesis, std::nullopt, {},
                                        c.pre,    roots,     *c.hashes,    precompiles};
    return execution::state_transition(chain, c.block);
}

void bench_import(benchmark::State& st, const Case* c)
{
    const double mgas = static_cast<double>(c->block.header.gas_used) / 1e6;
    for (auto _ : st) {
        auto r = import(*c);
        benchmark::DoNotOptimize(r);
    }
    st.counters["Mgas/s"] = benchmark::Counter(mgas, benchmark::Counter::kIsIterationInvariantRate);
    st.counters["Mgas"] = mgas;
}

std::vector<std::unique_ptr<Case>>& cases()
{
    static std::vector<std::unique_ptr<Case>> all;
    return all;
}

void register_cases()
{
    const fs::path root = fixtures_root();
    if (!fs::exists(root)) {
        std::cerr << "block_import_bench: no fixtures at " << root << "\n";
        return;
    }
    for (const auto& file : infra::list_json_files(root)) {
        const auto doc = infra::load_json(file);
        for (const auto& [name, test] : doc.items()) {
            if (name.find("gas-value_30M]") == std::string::npos) continue;
            auto c = std::make_unique<Case>();
            auto config = chain_config_for_network(test.at("network").get<std::string>());
            if (!config) continue;
            c->config = *config;
            c->pre = fixtures::to_state(test.at("pre"));
            // genesisRLP is the whole genesis block.
            auto genesis = decode_block(fixtures::to_bytes(test.at("genesisRLP")));
            if (!genesis) continue;
            c->genesis = genesis->header;
            const auto& blocks = test.at("blocks");
            if (blocks.size() != 1 || blocks[0].contains("expectException")) continue;
            auto block = decode_block(fixtures::to_bytes(blocks[0].at("rlp")));
            if (!block) continue;
            c->block = std::move(*block);
            c->hashes = std::make_unique<GenesisHashes>(header_hash(c->genesis));
            if (!import(*c)) {
                std::cerr << "block_import_bench: " << name << " does not import; skipped\n";
                continue;
            }
            // "tests/benchmark/compute/x/test_y.py::test_y[fork_Osaka-blockchain_test-P-benchmark-..]"
            std::string label = file.filename().string();
            label = label.substr(0, label.find('.'));
            const auto lb = name.find("blockchain_test");
            const auto rb = name.find("-benchmark-gas");
            if (lb != std::string::npos && rb != std::string::npos && rb > lb + 15)
                label += "/" + name.substr(lb + 16, rb - lb - 16);
            const Case* ptr = c.get();
            cases().push_back(std::move(c));
            benchmark::RegisterBenchmark(("import/" + label).c_str(), bench_import, ptr)
                ->Unit(benchmark::kMillisecond)
                ->MinTime(0.2);
        }
    }
}
}  // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    register_cases();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
