// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0

// ChainStore benchmarks over a datadir in the system temp dir holding a state of 100,000
// accounts (a tenth with 4 storage slots):
// - CommitBlock: commit_block() of a block changing 1,000 accounts (nodes precomputed), with
//   the WAL fsync of every commit, and without it;
// - RootUpdate: TrieStateRoots::state_root() of a diff of 1,000 accounts over that state;
// - HeadReads / HistoricalReads: account reads through HeadStateView (flat tables) and through
//   TrieStateView (trie walk) at random existing addresses.

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <ultra/core/keccak.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/storage/chain_store.hpp>
#include <vector>

namespace {

using namespace ultra;
using namespace ultra::storage;

constexpr size_t kAccounts = 100'000;
constexpr size_t kChanged = 1'000;

Address random_address(std::mt19937_64& rng)
{
    Address a;
    for (auto& b : a.bytes) b = static_cast<uint8_t>(rng());
    return a;
}

/// A datadir with the 100k-account genesis, shared by every benchmark of the run.
class Fixture
{
public:
    static Fixture& get()
    {
        static Fixture f;
        return f;
    }

    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;

    ~Fixture()
    {
        store_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    ChainStore& store() { return *store_; }
    const std::vector<Address>& addresses() const { return addresses_; }
    BlockHeader& head() { return head_; }

    /// A diff changing the balance and nonce of kChanged random existing accounts (sorted).
    state::StateDiff diff(std::mt19937_64& rng)
    {
        std::map<Address, state::AccountDiff> picked;
        while (picked.size() < kChanged) {
            const Address& a = addresses_[rng() % addresses_.size()];
            state::AccountDiff d;
            d.address = a;
            d.nonce = ++nonces_[a];
            d.balance = uint256{rng()};
            picked[a] = d;
        }
        state::StateDiff out;
        for (auto& [a, d] : picked) {
            // The store checks the diff against the trie: keep the code hash the account has.
            d.code_hash = code_hashes_[a];
            out.modified_accounts.push_back(std::move(d));
        }
        return out;
    }

private:
    Fixture()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "ultra_bench_XXXXXX");
        if (::mkdtemp(pattern.data()) == nullptr) std::abort();
        dir_ = pattern;
        std::mt19937_64 rng{42};
        state::InMemoryState alloc;
        for (size_t i = 0; i < kAccounts; ++i) {
            state::InMemoryAccount acc;
            acc.balance = uint256{rng()};
            if (i % 10 == 0) {
                acc.code = Bytes{0x60, 0x00, 0x54, static_cast<uint8_t>(i)};
                for (uint8_t s = 0; s < 4; ++s) acc.storage[Bytes32{{s}}] = Bytes32{{1, s}};
            }
            const Address a = random_address(rng);
            code_hashes_[a] = alloc.set_account(a, acc).code_hash;
            addresses_.push_back(a);
        }
        Block genesis;
        genesis.header.state_root = alloc.state_root();
        genesis.header.gas_limit = 30'000'000;
        store_ = ChainStore::open(dir_, {1337, header_hash(genesis.header)}).value();
        if (!store_->commit_genesis(genesis, alloc)) std::abort();
        head_ = genesis.header;
    }

    std::filesystem::path dir_;
    std::unique_ptr<ChainStore> store_;
    std::vector<Address> addresses_;
    std::map<Address, uint64_t> nonces_;
    std::map<Address, Hash256> code_hashes_;
    BlockHeader head_;
};

// Commits blocks of `changed` account changes (the diff, root and nodes prepared untimed).
void commit_blocks(benchmark::State& bench, bool changes)
{
    Fixture& f = Fixture::get();
    std::mt19937_64 rng{7};
    ChainStore& store = f.store();
    size_t nodes_total = 0;
    for (auto _ : bench) {
        bench.PauseTiming();
        const state::StateDiff diff = changes ? f.diff(rng) : state::StateDiff{};
        auto roots = store.state_roots(f.head().state_root);
        Block block;
        block.header = f.head();
        block.header.parent_hash = header_hash(f.head());
        block.header.number = f.head().number + 1;
        block.header.state_root = roots->state_root(diff).value();
        const std::vector<Bytes> nodes = roots->take_new_nodes();
        nodes_total += nodes.size();
        bench.ResumeTiming();
        if (!store.commit_block(block, {}, diff, nodes)) std::abort();
        bench.PauseTiming();
        f.head() = block.header;
        bench.ResumeTiming();
    }
    bench.counters["nodes_per_block"] =
        static_cast<double>(nodes_total) / static_cast<double>(bench.iterations());
}

// A block changing 1,000 accounts: flat writes, ~4,000 trie nodes, the block, one fsync.
void BM_CommitBlock1000Accounts(benchmark::State& bench)
{
    commit_blocks(bench, true);
}
BENCHMARK(BM_CommitBlock1000Accounts)->Unit(benchmark::kMillisecond)->Iterations(30);

// An empty block: the fixed cost of a commit, mostly the WAL fsync.
void BM_CommitEmptyBlock(benchmark::State& bench)
{
    commit_blocks(bench, false);
}
BENCHMARK(BM_CommitEmptyBlock)->Unit(benchmark::kMillisecond)->Iterations(30);

void BM_RootUpdate1000AccountsOver100k(benchmark::State& bench)
{
    Fixture& f = Fixture::get();
    std::mt19937_64 rng{8};
    size_t nodes = 0;
    for (auto _ : bench) {
        bench.PauseTiming();
        const state::StateDiff diff = f.diff(rng);
        auto roots = f.store().state_roots(f.head().state_root);
        bench.ResumeTiming();
        benchmark::DoNotOptimize(roots->state_root(diff).value());
        nodes = roots->new_nodes().size();
    }
    bench.counters["new_nodes"] = static_cast<double>(nodes);
}
BENCHMARK(BM_RootUpdate1000AccountsOver100k)->Unit(benchmark::kMillisecond)->Iterations(20);

void BM_HeadStateReads(benchmark::State& bench)
{
    Fixture& f = Fixture::get();
    const auto view = f.store().state_view_at_head();
    std::mt19937_64 rng{9};
    for (auto _ : bench) {
        const Address& a = f.addresses()[rng() % f.addresses().size()];
        benchmark::DoNotOptimize(view->account(a).value());
    }
    bench.SetItemsProcessed(static_cast<int64_t>(bench.iterations()));
}
BENCHMARK(BM_HeadStateReads);

void BM_HistoricalStateReads(benchmark::State& bench)
{
    Fixture& f = Fixture::get();
    const auto view = f.store().state_view_at(f.head().state_root);
    std::mt19937_64 rng{10};
    for (auto _ : bench) {
        const Address& a = f.addresses()[rng() % f.addresses().size()];
        benchmark::DoNotOptimize(view->account(a).value());
    }
    bench.SetItemsProcessed(static_cast<int64_t>(bench.iterations()));
}
BENCHMARK(BM_HistoricalStateReads);

}  // namespace
