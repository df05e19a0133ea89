// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// uint256 arithmetic, each as ns/op over a fixed pre-generated array of operands. The array is
// large (16384 entries): with 1024, the branch predictor memorises the whole sequence and
// data-dependent branches look free, which they are not on real inputs. Division is measured
// per divisor size: the numerator is a full 256-bit value and the divisor has 64, 128, 192 or
// 256 significant bits.

#include <benchmark/benchmark.h>

#include <random>
#include <ultra/core/uint256.hpp>
#include <vector>

namespace {
using namespace ultra;

constexpr size_t kOperands = 16384;  // a power of two: the index wraps with a mask

/// Uniform random value with exactly `bits` significant bits (the top one set).
uint256 random_bits(std::mt19937_64& rng, unsigned bits)
{
    uint256 x{rng(), rng(), rng(), rng()};
    x = x >> (256 - bits);
    return x | (uint256{1} << (bits - 1));
}

struct Operands
{
    std::vector<uint256> a, b, c;
};

/// kOperands triples: a and c with `a_bits` bits, b with `b_bits` bits.
Operands make_operands(unsigned a_bits, unsigned b_bits, uint64_t seed = 42)
{
    std::mt19937_64 rng{seed};
    Operands ops;
    for (size_t i = 0; i < kOperands; ++i) {
        ops.a.push_back(random_bits(rng, a_bits));
        ops.b.push_back(random_bits(rng, b_bits));
        ops.c.push_back(random_bits(rng, a_bits));
    }
    return ops;
}

template <typename Op>
void run_binary(benchmark::State& state, const Operands& ops, Op op)
{
    size_t i = 0;
    for (auto _ : state) {
        const uint256 r = op(ops.a[i], ops.b[i]);
        benchmark::DoNotOptimize(r);
        i = (i + 1) & (kOperands - 1);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void add_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, 256);
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return a + b; });
}
BENCHMARK(add_bench)->Name("uint256/add");

void mul_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, 256);
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return a * b; });
}
BENCHMARK(mul_bench)->Name("uint256/mul");

void div_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, static_cast<unsigned>(state.range(0)));
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return a / b; });
}
BENCHMARK(div_bench)->Name("uint256/div/256_by")->Arg(64)->Arg(128)->Arg(192)->Arg(256);

void mod_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, static_cast<unsigned>(state.range(0)));
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return a % b; });
}
BENCHMARK(mod_bench)->Name("uint256/mod/256_by")->Arg(64)->Arg(192);

void div_small_bench(benchmark::State& state)
{
    const auto ops = make_operands(64, 32);
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return a / b; });
}
BENCHMARK(div_small_bench)->Name("uint256/div/64_by_32");

void sdiv_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, 192);
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return sdiv(a, b); });
}
BENCHMARK(sdiv_bench)->Name("uint256/sdiv/256_by_192");

void mulmod_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, static_cast<unsigned>(state.range(0)));
    size_t i = 0;
    for (auto _ : state) {
        const uint256 r = mulmod(ops.a[i], ops.c[i], ops.b[i]);
        benchmark::DoNotOptimize(r);
        i = (i + 1) & (kOperands - 1);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(mulmod_bench)->Name("uint256/mulmod/mod_bits")->Arg(64)->Arg(128)->Arg(256);

void addmod_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, 256);
    size_t i = 0;
    for (auto _ : state) {
        const uint256 r = addmod(ops.a[i], ops.c[i], ops.b[i]);
        benchmark::DoNotOptimize(r);
        i = (i + 1) & (kOperands - 1);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(addmod_bench)->Name("uint256/addmod");

void exp_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, static_cast<unsigned>(state.range(0)));
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return exp(a, b); });
}
BENCHMARK(exp_bench)->Name("uint256/exp/exponent_bits")->Arg(8)->Arg(256);

void shl_bench(benchmark::State& state)
{
    auto ops = make_operands(256, 8);
    run_binary(state, ops, [](const uint256& a, const uint256& b) { return a << b; });
}
BENCHMARK(shl_bench)->Name("uint256/shl");

void to_string_bench(benchmark::State& state)
{
    const auto ops = make_operands(256, 256);
    size_t i = 0;
    for (auto _ : state) {
        const std::string s = to_string(ops.a[i]);
        benchmark::DoNotOptimize(s);
        i = (i + 1) & (kOperands - 1);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(to_string_bench)->Name("uint256/to_string");

}  // namespace
