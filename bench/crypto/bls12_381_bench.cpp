// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The EIP-2537 precompiles (0x0b..0x11) and the EIP-4844 point evaluation (0x0a) end to end
// (decoding, subgroup checks, arithmetic, encoding), each with its price: the "Mgas/s" counter
// is gas·calls per second, which should stay well above ~50 Mgas/s for the price to cover the
// work. Plus the field multiplication everything is built on.

#include <benchmark/benchmark.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/crypto/bls12_381.hpp>
#include <ultra/precompiles/bls12_381_precompiles.hpp>
#include <ultra/precompiles/point_evaluation.hpp>

namespace {
using namespace ultra;
using namespace ultra::crypto::bls12_381;

std::mt19937_64& rng()
{
    static std::mt19937_64 gen{2537};
    return gen;
}

Scalar random_scalar()
{
    return {rng()(), rng()(), rng()(), rng()()};
}

void put_fp(Bytes& out, const Fp& a)
{
    std::array<uint8_t, 48> b{};
    fp_to_bytes(a, b);
    out.append(16, 0);
    out.append(b.data(), b.size());
}

void put_g1(Bytes& out, const G1Affine& p)
{
    put_fp(out, p.x);
    put_fp(out, p.y);
}

void put_g2(Bytes& out, const G2Affine& p)
{
    put_fp(out, p.x.c0);
    put_fp(out, p.x.c1);
    put_fp(out, p.y.c0);
    put_fp(out, p.y.c1);
}

void put_scalar(Bytes& out, const Scalar& k)
{
    for (size_t i = 4; i-- > 0;)
        for (int j = 7; j >= 0; --j) out.push_back(static_cast<uint8_t>(k[i] >> (8 * j)));
}

G1Affine random_g1()
{
    return to_affine(mul(to_jacobian(g1_generator()), random_scalar()));
}

G2Affine random_g2()
{
    return to_affine(mul(to_jacobian(g2_generator()), random_scalar()));
}

void run(benchmark::State& state,
         precompiles::GasFn gas_fn,
         precompiles::ExecuteFn exec_fn,
         const Bytes& input)
{
    const uint64_t gas = gas_fn(input, Revision::kPrague);
    if (!exec_fn(input, Revision::kPrague)) {
        state.SkipWithError("precompile rejected the benchmark input");
        return;
    }
    for (auto _ : state) {
        auto r = exec_fn(input, Revision::kPrague);
        benchmark::DoNotOptimize(r);
    }
    state.counters["gas"] = static_cast<double>(gas);
    state.counters["Mgas/s"] = benchmark::Counter(static_cast<double>(gas) / 1e6,
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

void fp_mul_bench(benchmark::State& state)
{
    Fp a = fp_from_u64(3);
    const Fp b = inverse(fp_from_u64(7));
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp_mul_bench)->Name("fp_mul");

void g1add_bench(benchmark::State& state)
{
    Bytes in;
    put_g1(in, random_g1());
    put_g1(in, random_g1());
    run(state, precompiles::bls12_g1add_gas, precompiles::bls12_g1add_execute, in);
}
BENCHMARK(g1add_bench)->Name("bls12_g1add");

void g2add_bench(benchmark::State& state)
{
    Bytes in;
    put_g2(in, random_g2());
    put_g2(in, random_g2());
    run(state, precompiles::bls12_g2add_gas, precompiles::bls12_g2add_execute, in);
}
BENCHMARK(g2add_bench)->Name("bls12_g2add");

void g1msm_bench(benchmark::State& state)
{
    Bytes in;
    for (int64_t i = 0; i < state.range(0); ++i) {
        put_g1(in, random_g1());
        put_scalar(in, random_scalar());
    }
    run(state, precompiles::bls12_g1msm_gas, precompiles::bls12_g1msm_execute, in);
}
BENCHMARK(g1msm_bench)->Name("bls12_g1msm")->Arg(1)->Arg(16)->Arg(128);

void g2msm_bench(benchmark::State& state)
{
    Bytes in;
    for (int64_t i = 0; i < state.range(0); ++i) {
        put_g2(in, random_g2());
        put_scalar(in, random_scalar());
    }
    run(state, precompiles::bls12_g2msm_gas, precompiles::bls12_g2msm_execute, in);
}
BENCHMARK(g2msm_bench)->Name("bls12_g2msm")->Arg(1)->Arg(16)->Arg(128);

void pairing_bench(benchmark::State& state)
{
    // A product that is 1: e(aP, Q)·e(−P, aQ), so the work is the full check.
    const Scalar a = reduce_scalar(random_scalar());
    const G1Affine p = random_g1();
    const G2Affine q = random_g2();
    Bytes in;
    for (int64_t i = 0; i < state.range(0) / 2; ++i) {
        put_g1(in, to_affine(mul(to_jacobian(p), a)));
        put_g2(in, q);
        put_g1(in, neg(p));
        put_g2(in, to_affine(mul(to_jacobian(q), a)));
    }
    run(state, precompiles::bls12_pairing_check_gas, precompiles::bls12_pairing_check_execute, in);
}
BENCHMARK(pairing_bench)->Name("bls12_pairing_check")->Arg(2)->Arg(4);

void map_g1_bench(benchmark::State& state)
{
    Bytes in;
    put_fp(in, fp_from_canonical({rng()(), rng()(), rng()(), rng()(), rng()(), 0x0123}));
    run(state, precompiles::bls12_map_fp_to_g1_gas, precompiles::bls12_map_fp_to_g1_execute, in);
}
BENCHMARK(map_g1_bench)->Name("bls12_map_fp_to_g1");

void map_g2_bench(benchmark::State& state)
{
    Bytes in;
    put_fp(in, fp_from_canonical({rng()(), rng()(), rng()(), rng()(), rng()(), 0x0123}));
    put_fp(in, fp_from_canonical({rng()(), rng()(), rng()(), rng()(), rng()(), 0x0456}));
    run(state, precompiles::bls12_map_fp2_to_g2_gas, precompiles::bls12_map_fp2_to_g2_execute, in);
}
BENCHMARK(map_g2_bench)->Name("bls12_map_fp2_to_g2");

void point_evaluation_bench(benchmark::State& state)
{
    // EEST cancun/eip4844_blobs test_valid_inputs "mainnet_1" (a real blob opening).
    const Bytes in = *from_hex(
        "018156b94fe9735e573bab36dad05d60feb720d424ccd20aaf719343c31e4246019123bcb9d06356701f7be08b"
        "4494625b87a7b02edc566126fb81f6306e915f6c2eb1e94c2532935b8465351ba1bd88eabe2b3fa1aadff7d1cd"
        "816e8315bd38a9546d41993e10df2a7429b8490394ea9ee62807bae6f326d1044a51581306f58d4b9dfd5931e0"
        "44688855280ff3799ea2ea83d9391e0ee42e0c650acc7a1f842a7d385189485ddb4fd54ade3d9fd50d608167dc"
        "a6c776aad4b8ad5c20691bfe");
    run(state, precompiles::point_evaluation_gas, precompiles::point_evaluation_execute, in);
}
BENCHMARK(point_evaluation_bench)->Name("point_evaluation");

}  // namespace
