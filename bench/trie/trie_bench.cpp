// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0

// Trie root benchmarks: 1,000,000 random 32-byte keys with 32-byte values, through the one-shot
// builder and the incremental trie, then the root after 10,000 random updates to that trie.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/proof.hpp>
#include <ultra/trie/root.hpp>
#include <vector>

namespace {

using namespace ultra;

constexpr size_t kEntries = 1'000'000;
constexpr size_t kUpdates = 10'000;

struct Dataset
{
    std::vector<Bytes32> keys;
    std::vector<Bytes32> values;
};

Bytes32 random_word(std::mt19937_64& rng)
{
    Bytes32 w;
    for (size_t i = 0; i < 32; i += 8) {
        const uint64_t r = rng();
        for (size_t j = 0; j < 8; ++j) w[i + j] = static_cast<uint8_t>(r >> (8 * j));
    }
    return w;
}

const Dataset& dataset()
{
    static const Dataset d = [] {
        std::mt19937_64 rng{2026};
        Dataset out;
        out.keys.reserve(kEntries);
        out.values.reserve(kEntries);
        for (size_t i = 0; i < kEntries; ++i) {
            out.keys.push_back(random_word(rng));
            out.values.push_back(random_word(rng));
        }
        return out;
    }();
    return d;
}

std::vector<trie::KeyValue> key_values()
{
    const Dataset& d = dataset();
    std::vector<trie::KeyValue> kv(kEntries);
    for (size_t i = 0; i < kEntries; ++i) kv[i] = {d.keys[i].view(), d.values[i].view()};
    return kv;
}

// Resident set size in MiB (Linux), to show what 1M entries cost.
double rss_mib()
{
    std::ifstream status{"/proc/self/status"};
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

// root() over unsorted input: includes the sort.
void BM_OneShotRoot(benchmark::State& state)
{
    const auto input = key_values();
    for (auto _ : state) {
        state.PauseTiming();
        auto kv = input;
        state.ResumeTiming();
        benchmark::DoNotOptimize(trie::root(kv));
    }
}
BENCHMARK(BM_OneShotRoot)->Unit(benchmark::kMillisecond)->Iterations(3);

// root_sorted() over sorted input: the hashing pass alone.
void BM_OneShotRootSorted(benchmark::State& state)
{
    auto kv = key_values();
    (void)trie::root(kv);  // sorts kv
    for (auto _ : state) benchmark::DoNotOptimize(trie::root_sorted(kv));
}
BENCHMARK(BM_OneShotRootSorted)->Unit(benchmark::kMillisecond)->Iterations(3);

// 1M puts into an empty trie, then root_hash().
void BM_IncrementalBuildAndRoot(benchmark::State& state)
{
    const Dataset& d = dataset();
    size_t memory = 0;
    double rss = 0;
    for (auto _ : state) {
        trie::MerklePatriciaTrie t;
        for (size_t i = 0; i < kEntries; ++i) t.put(d.keys[i], d.values[i]);
        benchmark::DoNotOptimize(t.root_hash());
        state.PauseTiming();
        memory = t.memory_usage();
        rss = rss_mib();
        t.clear();
        state.ResumeTiming();
    }
    state.counters["trie_MiB"] = static_cast<double>(memory) / (1024.0 * 1024.0);
    state.counters["rss_MiB"] = rss;
}
BENCHMARK(BM_IncrementalBuildAndRoot)->Unit(benchmark::kMillisecond)->Iterations(2);

trie::MerklePatriciaTrie& big_trie()
{
    static trie::MerklePatriciaTrie t = [] {
        trie::MerklePatriciaTrie out;
        const Dataset& d = dataset();
        for (size_t i = 0; i < kEntries; ++i) out.put(d.keys[i], d.values[i]);
        (void)out.root_hash();
        return out;
    }();
    return t;
}

// 10k new values for random existing keys of the 1M trie, then root_hash().
void BM_Update10kThenRoot(benchmark::State& state)
{
    trie::MerklePatriciaTrie& t = big_trie();
    const Dataset& d = dataset();
    std::mt19937_64 rng{7};
    for (auto _ : state) {
        for (size_t i = 0; i < kUpdates; ++i) t.put(d.keys[rng() % kEntries], random_word(rng));
        benchmark::DoNotOptimize(t.root_hash());
    }
}
BENCHMARK(BM_Update10kThenRoot)->Unit(benchmark::kMillisecond)->Iterations(10);

// The root_hash() part alone of the above (after 10k updates).
void BM_RootAfter10kUpdates(benchmark::State& state)
{
    trie::MerklePatriciaTrie& t = big_trie();
    const Dataset& d = dataset();
    std::mt19937_64 rng{8};
    for (auto _ : state) {
        state.PauseTiming();
        for (size_t i = 0; i < kUpdates; ++i) t.put(d.keys[rng() % kEntries], random_word(rng));
        state.ResumeTiming();
        benchmark::DoNotOptimize(t.root_hash());
    }
}
BENCHMARK(BM_RootAfter10kUpdates)->Unit(benchmark::kMillisecond)->Iterations(10);

// 10k inserts of new keys plus 10k erasures, then root_hash() (the trie keeps its size).
void BM_Insert10kErase10kThenRoot(benchmark::State& state)
{
    trie::MerklePatriciaTrie& t = big_trie();
    std::mt19937_64 rng{9};
    std::vector<Bytes32> added;
    for (auto _ : state) {
        added.clear();
        for (size_t i = 0; i < kUpdates; ++i) {
            added.push_back(random_word(rng));
            t.put(added.back(), random_word(rng));
        }
        benchmark::DoNotOptimize(t.root_hash());
        state.PauseTiming();
        for (const auto& k : added) t.erase(k);
        (void)t.root_hash();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_Insert10kErase10kThenRoot)->Unit(benchmark::kMillisecond)->Iterations(5);

// prove() and verify_proof() of a random key of the 1M trie.
void BM_ProveAndVerify(benchmark::State& state)
{
    trie::MerklePatriciaTrie& t = big_trie();
    const Hash256 root = t.root_hash();
    const Dataset& d = dataset();
    std::mt19937_64 rng{10};
    for (auto _ : state) {
        const Bytes32& key = d.keys[rng() % kEntries];
        const auto proof = t.prove(key);
        benchmark::DoNotOptimize(trie::verify_proof(root, key, proof));
    }
}
BENCHMARK(BM_ProveAndVerify)->Unit(benchmark::kMicrosecond);

}  // namespace
