// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Keccak-256 over the input sizes that dominate a client: 32 bytes (storage slots, trie keys),
// 64 bytes (pairs of hashes, mapping slots), one full 136-byte block, and 1 KiB (code, RLP).
// Crypto++'s Keccak_256 runs on the same inputs as a reference point (bench-only link).

#include <benchmark/benchmark.h>
#include <cryptopp/keccak.h>

#include <ultra/core/keccak.hpp>

namespace {
using namespace ultra;

ultra::Bytes input(size_t n)
{
    ultra::Bytes b(n, 0);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 31 + 7);
    return b;
}

void keccak256_bench(benchmark::State& state)
{
    const Bytes data = input(static_cast<size_t>(state.range(0)));
    for (auto _ : state) {
        const Hash256 h = keccak256(data);
        benchmark::DoNotOptimize(h);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(keccak256_bench)->Name("keccak256")->Arg(32)->Arg(64)->Arg(136)->Arg(1024);

void cryptopp_keccak256_bench(benchmark::State& state)
{
    const Bytes data = input(static_cast<size_t>(state.range(0)));
    CryptoPP::Keccak_256 k;
    Hash256 h;
    for (auto _ : state) {
        k.Update(data.data(), data.size());
        k.Final(h.data());
        benchmark::DoNotOptimize(h);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(cryptopp_keccak256_bench)
    ->Name("cryptopp_keccak256")
    ->Arg(32)
    ->Arg(64)
    ->Arg(136)
    ->Arg(1024);

void keccakf1600_bench(benchmark::State& state)
{
    uint64_t s[25] = {};
    for (auto _ : state) {
        keccakf1600(s);
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(keccakf1600_bench)->Name("keccakf1600");

}  // namespace
