// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// BN254: the EVM precompiles ECADD (0x06), ECMUL (0x07) and ECPAIRING (0x08) end to end (byte
// decoding and validation included) with the implied Mgas/s at the EIP-1108 prices, and the
// building blocks they spend their time in.

#include <benchmark/benchmark.h>

#include <ultra/crypto/bn254.hpp>
#include <ultra/precompiles/bn254_precompiles.hpp>

namespace {

using namespace ultra;
using namespace ultra::crypto;
using namespace ultra::crypto::bn254;

/// Deterministic scalars (an LCG is plenty for benchmark inputs).
U256Limbs scalar(uint64_t seed)
{
    U256Limbs k{};
    uint64_t x = seed * 0x9e3779b97f4a7c15 + 1;
    for (auto& limb : k) {
        x = x * 6364136223846793005 + 1442695040888963407;
        limb = x;
    }
    k[3] >>= 3;  // below r
    return k;
}

void append_g1(Bytes& out, const G1Affine& p)
{
    uint8_t buf[64];
    p.x.to_be_bytes(buf);
    p.y.to_be_bytes(buf + 32);
    out.append(buf, 64);
}

void append_g2(Bytes& out, const G2Affine& q)
{
    uint8_t buf[128];
    q.x.c1.to_be_bytes(buf);
    q.x.c0.to_be_bytes(buf + 32);
    q.y.c1.to_be_bytes(buf + 64);
    q.y.c0.to_be_bytes(buf + 96);
    out.append(buf, 128);
}

void append_word(Bytes& out, const U256Limbs& k)
{
    uint8_t buf[32];
    for (size_t i = 0; i < 32; ++i)
        buf[i] = static_cast<uint8_t>(k[3 - i / 8] >> (8 * (7 - i % 8)));
    out.append(buf, 32);
}

/// A pairing input of `pairs` pairs whose product is 1 (so the output is the word 1): pairs
/// (a_i·P, Q) and (-P, a_i·Q).
Bytes pairing_input(size_t pairs)
{
    Bytes in;
    for (size_t i = 0; i < pairs / 2; ++i) {
        const U256Limbs a = scalar(100 + i);
        append_g1(in, to_affine(mul(kG1Generator, a)));
        append_g2(in, kG2Generator);
        append_g1(in, neg(kG1Generator));
        append_g2(in, to_affine(mul(kG2Generator, a)));
    }
    return in;
}

void set_gas_counter(benchmark::State& state, uint64_t gas)
{
    state.counters["Mgas/s"] = benchmark::Counter(static_cast<double>(gas) / 1e6,
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

void ecadd(benchmark::State& state)
{
    Bytes in;
    append_g1(in, to_affine(mul(kG1Generator, scalar(1))));
    append_g1(in, to_affine(mul(kG1Generator, scalar(2))));
    for (auto _ : state) {
        auto r = precompiles::bn254_add_execute(in, Revision::kOsaka);
        benchmark::DoNotOptimize(r);
    }
    set_gas_counter(state, precompiles::bn254_add_gas(in, Revision::kOsaka));
}
BENCHMARK(ecadd)->Name("ECADD");

void ecmul(benchmark::State& state)
{
    Bytes in;
    append_g1(in, to_affine(mul(kG1Generator, scalar(3))));
    append_word(in, scalar(4));
    for (auto _ : state) {
        auto r = precompiles::bn254_mul_execute(in, Revision::kOsaka);
        benchmark::DoNotOptimize(r);
    }
    set_gas_counter(state, precompiles::bn254_mul_gas(in, Revision::kOsaka));
}
BENCHMARK(ecmul)->Name("ECMUL")->Unit(benchmark::kMicrosecond);

void ecpairing(benchmark::State& state)
{
    const Bytes in = pairing_input(static_cast<size_t>(state.range(0)));
    if (precompiles::bn254_pairing_execute(in, Revision::kOsaka).value()[31] != 1)
        state.SkipWithError("the benchmark input does not pair to 1");
    for (auto _ : state) {
        auto r = precompiles::bn254_pairing_execute(in, Revision::kOsaka);
        benchmark::DoNotOptimize(r);
    }
    set_gas_counter(state, precompiles::bn254_pairing_gas(in, Revision::kOsaka));
}
BENCHMARK(ecpairing)->Name("ECPAIRING")->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

// ---- building blocks ----

void fp_mul(benchmark::State& state)
{
    Fp a = Fp::from_limbs(scalar(5)), b = Fp::from_limbs(scalar(6));
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp_mul);

void fp_inverse(benchmark::State& state)
{
    Fp a = Fp::from_limbs(scalar(7));
    const Fp one = Fp::one();
    for (auto _ : state) {
        a = a.inverse() + one;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp_inverse);

void fp_inverse_fermat(benchmark::State& state)
{
    Fp a = Fp::from_limbs(scalar(7));
    const Fp one = Fp::one();
    for (auto _ : state) {
        a = a.inverse_fermat() + one;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp_inverse_fermat);

void fp2_mul(benchmark::State& state)
{
    Fp2 a = kG2Generator.x, b = kG2Generator.y;
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp2_mul);

Fp12 sample_fp12()
{
    const G1Affine p = kG1Generator;
    const G2Affine q = kG2Generator;
    return miller_loop({&p, 1}, {&q, 1});
}

void fp12_mul(benchmark::State& state)
{
    Fp12 a = sample_fp12();
    const Fp12 b = a.square();
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp12_mul);

void fp12_cyclotomic_square(benchmark::State& state)
{
    Fp12 a = final_exponentiation(sample_fp12());
    for (auto _ : state) {
        a = a.cyclotomic_square();
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(fp12_cyclotomic_square);

void miller_loop_1(benchmark::State& state)
{
    for (auto _ : state) {
        auto f = sample_fp12();
        benchmark::DoNotOptimize(f);
    }
}
BENCHMARK(miller_loop_1)->Name("miller_loop/1")->Unit(benchmark::kMicrosecond);

void final_exp(benchmark::State& state)
{
    const Fp12 f = sample_fp12();
    for (auto _ : state) {
        auto r = final_exponentiation(f);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(final_exp)->Name("final_exponentiation")->Unit(benchmark::kMicrosecond);

void g2_subgroup(benchmark::State& state)
{
    const G2Affine q = to_affine(mul(kG2Generator, scalar(8)));
    for (auto _ : state) {
        bool r = is_in_g2(q);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(g2_subgroup)->Name("g2_subgroup_check")->Unit(benchmark::kMicrosecond);

void g1_mul_glv(benchmark::State& state)
{
    const G1Affine p = to_affine(mul(kG1Generator, scalar(9)));
    const U256Limbs k = scalar(10);
    for (auto _ : state) {
        auto r = mul(p, k);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(g1_mul_glv)->Name("g1_mul/glv")->Unit(benchmark::kMicrosecond);

void g1_mul_plain(benchmark::State& state)
{
    const G1Affine p = to_affine(mul(kG1Generator, scalar(9)));
    const U256Limbs k = scalar(10);
    for (auto _ : state) {
        auto r = mul_wnaf(p, k);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(g1_mul_plain)->Name("g1_mul/wnaf")->Unit(benchmark::kMicrosecond);

}  // namespace
