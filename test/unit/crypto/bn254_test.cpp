// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// BN254: field arithmetic against GMP, tower axioms, constants recomputed from their definitions,
// group law, pairing properties, and the EIP-196/197 precompiles against the go-ethereum vectors
// and an @noble/curves differential oracle (test/unit/crypto/bn254_oracle.mjs).
#include <gmpxx.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/crypto/bn254.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/precompiles/bn254_precompiles.hpp>
#include <vector>

#include "utils/fixtures.hpp"

namespace {

using namespace ultra;
using namespace ultra::crypto;
using namespace ultra::crypto::bn254;

// ---- GMP helpers (the independent reference arithmetic) ----

mpz_class to_mpz(const U256Limbs& a)
{
    mpz_class z;
    mpz_import(z.get_mpz_t(), 4, -1, sizeof(uint64_t), 0, 0, a.data());
    return z;
}

U256Limbs to_limbs(const mpz_class& z)
{
    ULTRA_ASSERT(z >= 0 && mpz_sizeinbase(z.get_mpz_t(), 2) <= 256);
    U256Limbs a{};
    mpz_export(a.data(), nullptr, -1, sizeof(uint64_t), 0, 0, z.get_mpz_t());
    return a;
}

const mpz_class kP{"0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"};
const mpz_class kR{"0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001"};
const mpz_class kUz{"4965661367192848881"};

mpz_class mod(const mpz_class& a, const mpz_class& m)
{
    mpz_class r = a % m;
    if (r < 0) r += m;
    return r;
}

mpz_class value(const Fp& a)
{
    return to_mpz(a.to_limbs());
}

Fp fp(const mpz_class& z)
{
    return Fp::from_limbs(to_limbs(mod(z, kP)));
}

/// Seeded source of field elements, scalars and points.
class Rng
{
public:
    explicit Rng(uint64_t seed) : gen_{seed} {}
    uint64_t next() { return gen_(); }
    mpz_class big(unsigned bits)
    {
        mpz_class z = 0;
        for (unsigned i = 0; i < (bits + 63) / 64; ++i)
            z = (z << 64) + mpz_class{std::to_string(next())};
        return z & ((mpz_class{1} << bits) - 1);
    }
    Fp fp_elem() { return fp(big(256)); }
    Fp2 fp2() { return {fp_elem(), fp_elem()}; }
    Fp6 fp6() { return {fp2(), fp2(), fp2()}; }
    Fp12 fp12() { return {fp6(), fp6()}; }
    U256Limbs scalar() { return to_limbs(mod(big(256), kR)); }
    G1Affine g1() { return to_affine(mul(kG1Generator, scalar())); }
    G2Affine g2() { return to_affine(mul(kG2Generator, scalar())); }

private:
    std::mt19937_64 gen_;
};

/// a^e for an arbitrary-size exponent (square-and-multiply; independent of the library chains).
template <typename F>
F pow_big(const F& a, const mpz_class& e)
{
    ULTRA_ASSERT(e >= 0);
    F r = F::one();
    for (long i = static_cast<long>(mpz_sizeinbase(e.get_mpz_t(), 2)) - 1; i >= 0; --i) {
        if constexpr (std::is_same_v<F, Fp12>)
            r = r.square();
        else
            r = r * r;
        if (mpz_tstbit(e.get_mpz_t(), static_cast<mp_bitcnt_t>(i))) r = r * a;
    }
    if (e == 0) return F::one();
    return r;
}

/// [k]P by plain double-and-add on Jacobian points (reference for the wNAF/GLV code).
template <typename F>
Jacobian<F> mul_naive(const Affine<F>& p, const mpz_class& k)
{
    Jacobian<F> r = Jacobian<F>::infinity();
    for (long i = static_cast<long>(mpz_sizeinbase(k.get_mpz_t(), 2)) - 1; i >= 0; --i) {
        r = dbl(r);
        if (mpz_tstbit(k.get_mpz_t(), static_cast<mp_bitcnt_t>(i))) r = add(r, p);
    }
    return r;
}

Fp12 pairing_power(const Fp12& e, const mpz_class& k)
{
    return pow_big(e, mod(k, kR));
}

// =================================== F_p =======================================

TEST(bn254_fp, montgomery_constants)
{
    const mpz_class r256 = mpz_class{1} << 256;
    EXPECT_EQ(to_mpz(Fp::kR), r256 % kP);
    EXPECT_EQ(to_mpz(Fp::kR2), (r256 * r256) % kP);
    EXPECT_EQ(to_mpz(Fp::kR3), (r256 * r256 * r256) % kP);
    // kInv · p ≡ -1 (mod 2^64)
    EXPECT_EQ(Fp::kInv * FpParams::kModulus[0], ~uint64_t{0});
    EXPECT_EQ(to_mpz(FpParams::kModulus), kP);
    EXPECT_EQ(to_mpz(FrParams::kModulus), kR);
    // p and r are the BN polynomials in u.
    const mpz_class u = kUz;
    EXPECT_EQ(kP, 36 * u * u * u * u + 36 * u * u * u + 24 * u * u + 6 * u + 1);
    EXPECT_EQ(kR, 36 * u * u * u * u + 36 * u * u * u + 18 * u * u + 6 * u + 1);
}

TEST(bn254_fp, arithmetic_matches_gmp)
{
    Rng rng{1};
    const uint64_t n = test::scaled(20000);
    for (uint64_t it = 0; it < n; ++it) {
        const mpz_class za = rng.big(256) % kP;
        const mpz_class zb = rng.big(it % 7 == 0 ? 64 : 256) % kP;
        const Fp a = fp(za), b = fp(zb);
        ASSERT_EQ(value(a), za);
        ASSERT_EQ(value(a + b), mod(za + zb, kP));
        ASSERT_EQ(value(a - b), mod(za - zb, kP));
        ASSERT_EQ(value(-a), mod(-za, kP));
        ASSERT_EQ(value(a * b), mod(za * zb, kP));
        ASSERT_EQ(value(a.square()), mod(za * za, kP));
        ASSERT_EQ(value(a.dbl()), mod(2 * za, kP));
        ASSERT_EQ(value(a.half().dbl()), za);
        if (it % 16 == 0) {
            mpz_class inv;
            if (za != 0) {
                mpz_invert(inv.get_mpz_t(), za.get_mpz_t(), kP.get_mpz_t());
                ASSERT_EQ(value(a.inverse()), inv);
            }
        }
    }
}

TEST(bn254_fp, edge_values)
{
    const Fp one = Fp::one();
    const Fp minus_one = -one;
    EXPECT_EQ(value(minus_one), kP - 1);
    EXPECT_EQ(minus_one * minus_one, one);
    EXPECT_EQ(minus_one + one, Fp::zero());
    EXPECT_EQ(Fp::zero() - one, minus_one);
    EXPECT_EQ(-Fp::zero(), Fp::zero());
    EXPECT_TRUE(Fp::zero().inverse().is_zero());
    EXPECT_EQ(minus_one.inverse(), minus_one);
    EXPECT_EQ(one.inverse(), one);
    for (uint64_t s :
         std::initializer_list<uint64_t>{2, 3, 5, 7, 9, uint64_t{1} << 40, ~uint64_t{0}}) {
        const Fp x = Fp::from_u64(s);
        EXPECT_EQ(x * x.inverse(), one) << s;
        EXPECT_EQ((-x) * (-x).inverse(), one) << s;
        EXPECT_EQ(x.inverse(), x.inverse_fermat()) << s;
    }
}

TEST(bn254_fp, portable_and_assembly_multiplication_agree)
{
    // mont_mul() may take the mulx/adx path; mont_mul_portable() is the C++ (and compile-time)
    // path. Both must agree everywhere, including the largest inputs.
    Rng rng{2};
    std::vector<U256Limbs> inputs{{0, 0, 0, 0}, {1, 0, 0, 0}, Fp::kR};
    U256Limbs pm1 = FpParams::kModulus;
    pm1[0] -= 1;
    inputs.push_back(pm1);
    for (int i = 0; i < 64; ++i) inputs.push_back(rng.fp_elem().montgomery());
    for (const auto& a : inputs)
        for (const auto& b : inputs) ASSERT_EQ(Fp::mont_mul(a, b), Fp::mont_mul_portable(a, b));
    const uint64_t n = test::scaled(100000);
    for (uint64_t i = 0; i < n; ++i) {
        const U256Limbs a = rng.fp_elem().montgomery();
        const U256Limbs b = rng.fp_elem().montgomery();
        ASSERT_EQ(Fp::mont_mul(a, b), Fp::mont_mul_portable(a, b));
    }
}

TEST(bn254_fp, lazy_reduction_primitives)
{
    // Unreduced operands up to 2p - 1, products up to 4p², sums of products below p·2^256.
    Rng rng{6};
    const mpz_class r_inv = [] {
        mpz_class r = mpz_class{1} << 256, inv;
        mpz_invert(inv.get_mpz_t(), r.get_mpz_t(), kP.get_mpz_t());
        return inv;
    }();
    const auto to_mpz512 = [](const U512Limbs& t) {
        mpz_class z;
        mpz_import(z.get_mpz_t(), 8, -1, sizeof(uint64_t), 0, 0, t.data());
        return z;
    };
    const mpz_class two_p_minus_1 = 2 * kP - 1;
    for (int i = 0; i < 20000; ++i) {
        const mpz_class za = i == 0 ? two_p_minus_1 : rng.big(256) % (2 * kP);
        const mpz_class zb = i == 0 ? two_p_minus_1 : rng.big(256) % (2 * kP);
        const U256Limbs a = to_limbs(za), b = to_limbs(zb);
        const U512Limbs w = Fp::mul_wide(a, b);
        ASSERT_EQ(w, Fp::mul_wide_portable(a, b));
        ASSERT_EQ(to_mpz512(w), za * zb);
        // a·b < 4p² < p·2^256: both reductions and mont_mul() give a·b·2^-256 mod p, reduced.
        const mpz_class expected = mod(za * zb * r_inv, kP);
        ASSERT_EQ(to_mpz(Fp::mont_reduce(w)), expected);
        ASSERT_EQ(to_mpz(Fp::mont_reduce_portable(w)), expected);
        ASSERT_EQ(to_mpz(Fp::mont_mul(a, b)), expected);
        ASSERT_EQ(to_mpz(Fp::mont_mul_portable(a, b)), expected);
        // The largest input mont_reduce() accepts: p·2^256 - 1.
        const mpz_class big = (kP << 256) - 1 - (rng.big(64));
        U512Limbs t{};
        mpz_export(t.data(), nullptr, -1, sizeof(uint64_t), 0, 0, big.get_mpz_t());
        ASSERT_EQ(to_mpz(Fp::mont_reduce(t)), mod(big * r_inv, kP));
        ASSERT_EQ(to_mpz(Fp::mont_reduce_portable(t)), mod(big * r_inv, kP));
    }
}

TEST(bn254_fp, inverse_many)
{
    Rng rng{3};
    const uint64_t n = test::scaled(5000);
    for (uint64_t i = 0; i < n; ++i) {
        const Fp a = rng.fp_elem();
        if (a.is_zero()) continue;
        const Fp ai = a.inverse();
        ASSERT_EQ(a * ai, Fp::one());
        if (i % 50 == 0) {
            ASSERT_EQ(ai, a.inverse_fermat());
        }
    }
    // Small and structured inputs (short safegcd runs, values near p and near powers of two).
    for (uint64_t k = 1; k < 300; ++k) {
        const Fp a =
            Fp::from_limbs(to_limbs(mod(mpz_class{1} << static_cast<unsigned>(k % 254), kP) + k));
        ASSERT_EQ(a * a.inverse(), Fp::one()) << k;
        const Fp b = fp(kP - k);
        ASSERT_EQ(b * b.inverse(), Fp::one()) << k;
    }
}

TEST(bn254_fp, sqrt)
{
    Rng rng{4};
    int non_squares = 0;
    for (int i = 0; i < 500; ++i) {
        const Fp a = rng.fp_elem();
        const auto s = a.square().sqrt();
        ASSERT_TRUE(s.has_value());
        ASSERT_TRUE(*s == a || *s == -a);
        const auto t = a.sqrt();
        // Euler's criterion through GMP decides which elements have roots.
        const bool is_qr = mpz_legendre(value(a).get_mpz_t(), kP.get_mpz_t()) >= 0;
        ASSERT_EQ(t.has_value(), is_qr);
        ASSERT_EQ(a.is_square(), is_qr);
        if (t) {
            ASSERT_EQ(t->square(), a);
        }
        non_squares += is_qr ? 0 : 1;
    }
    EXPECT_GT(non_squares, 150);
    EXPECT_EQ(Fp::zero().sqrt(), Fp::zero());
}

TEST(bn254_fp, byte_encoding)
{
    uint8_t bytes[32];
    const U256Limbs p = FpParams::kModulus;
    for (size_t i = 0; i < 32; ++i)
        bytes[i] = static_cast<uint8_t>(p[3 - i / 8] >> (8 * (7 - i % 8)));
    EXPECT_FALSE(Fp::from_be_bytes(bytes).has_value());  // p itself
    bytes[31] -= 1;
    const auto pm1 = Fp::from_be_bytes(bytes);
    ASSERT_TRUE(pm1.has_value());
    EXPECT_EQ(*pm1, -Fp::one());
    uint8_t out[32];
    pm1->to_be_bytes(out);
    EXPECT_EQ(BytesView(out, 32), BytesView(bytes, 32));
    for (auto& b : bytes) b = 0xff;
    EXPECT_FALSE(Fp::from_be_bytes(bytes).has_value());
}

TEST(bn254_fr, arithmetic_matches_gmp)
{
    Rng rng{5};
    for (int i = 0; i < 2000; ++i) {
        const mpz_class za = rng.big(256) % kR, zb = rng.big(256) % kR;
        const Fr a = Fr::from_limbs(to_limbs(za)), b = Fr::from_limbs(to_limbs(zb));
        ASSERT_EQ(to_mpz((a * b).to_limbs()), mod(za * zb, kR));
        ASSERT_EQ(to_mpz((a - b).to_limbs()), mod(za - zb, kR));
        if (za != 0) {
            ASSERT_EQ(a * a.inverse(), Fr::one());
        }
    }
}

// ================================ tower ==========================================

template <typename F, typename Gen>
void check_field_axioms(Gen gen, int iterations)
{
    for (int i = 0; i < iterations; ++i) {
        const F a = gen(), b = gen(), c = gen();
        ASSERT_EQ(a + b, b + a);
        ASSERT_EQ(a * b, b * a);
        ASSERT_EQ((a + b) + c, a + (b + c));
        ASSERT_EQ((a * b) * c, a * (b * c));
        ASSERT_EQ(a * (b + c), a * b + a * c);
        ASSERT_EQ(a - a, F::zero());
        ASSERT_EQ(a + (-a), F::zero());
        ASSERT_EQ(a * F::one(), a);
        ASSERT_EQ(a.square(), a * a);
        ASSERT_EQ(a * a.inverse(), F::one());
        ASSERT_EQ(a.inverse().inverse(), a);
    }
}

TEST(bn254_tower, fp2_axioms)
{
    Rng rng{10};
    check_field_axioms<Fp2>([&] { return rng.fp2(); }, 300);
    const Fp2 i{Fp::zero(), Fp::one()};
    EXPECT_EQ(i * i, -Fp2::one());
}

TEST(bn254_tower, fp6_axioms)
{
    Rng rng{11};
    check_field_axioms<Fp6>([&] { return rng.fp6(); }, 100);
    const Fp6 v{Fp2::zero(), Fp2::one(), Fp2::zero()};
    // v³ = ξ
    EXPECT_EQ(v * v * v, (Fp6{kXi, Fp2::zero(), Fp2::zero()}));
}

TEST(bn254_tower, fp12_axioms)
{
    Rng rng{12};
    check_field_axioms<Fp12>([&] { return rng.fp12(); }, 30);
    const Fp12 w{Fp6::zero(), Fp6::one()};
    const Fp12 v{{Fp2::zero(), Fp2::one(), Fp2::zero()}, Fp6::zero()};
    EXPECT_EQ(w * w, v);  // w² = v
}

TEST(bn254_tower, special_multiplications)
{
    Rng rng{13};
    for (int i = 0; i < 100; ++i) {
        const Fp2 a = rng.fp2();
        ASSERT_EQ(a.mul_by_xi(), a * kXi);
        ASSERT_EQ(a.conj(), (Fp2{a.c0, -a.c1}));
        ASSERT_EQ(a * a.conj(), (Fp2{a.c0.square() + a.c1.square(), Fp::zero()}));
        const Fp6 b = rng.fp6();
        const Fp2 b0 = rng.fp2(), b1 = rng.fp2();
        ASSERT_EQ(b.mul_by_01(b0, b1), (b * Fp6{b0, b1, Fp2::zero()}));
        ASSERT_EQ(b.mul_by_v(), (b * Fp6{Fp2::zero(), Fp2::one(), Fp2::zero()}));
        const Fp12 f = rng.fp12();
        const Fp2 l0 = rng.fp2(), l3 = rng.fp2(), l4 = rng.fp2();
        const Fp12 line{{l0, Fp2::zero(), Fp2::zero()}, {l3, l4, Fp2::zero()}};
        ASSERT_EQ(f.mul_by_034(l0, l3, l4), f * line);
        ASSERT_EQ(f.conj() * f, (Fp12{f.c0.square() - f.c1.square().mul_by_v(), Fp6::zero()}));
    }
}

TEST(bn254_tower, fp2_sqrt)
{
    Rng rng{14};
    int without_root = 0;
    for (int i = 0; i < 200; ++i) {
        const Fp2 a = rng.fp2();
        const auto s = a.square().sqrt();
        ASSERT_TRUE(s.has_value());
        ASSERT_EQ(s->square(), a.square());
        const auto t = a.sqrt();
        if (t) {
            ASSERT_EQ(t->square(), a);
        } else {
            ++without_root;
        }
        // a is a square in F_p² iff its norm is a square in F_p.
        ASSERT_EQ(t.has_value(), (a.c0.square() + a.c1.square()).is_square());
    }
    EXPECT_GT(without_root, 50);
}

TEST(bn254_tower, frobenius_constants_recomputed)
{
    // γ_{1,k} = ξ^(k(p-1)/6), γ_{2,k} = ξ^(k(p²-1)/6), γ_{3,k} = ξ^(k(p³-1)/6), with exponents
    // computed by GMP and powers by plain square-and-multiply.
    for (unsigned k = 0; k < 6; ++k) {
        EXPECT_EQ(kFrobenius1[k], pow_big(kXi, k * (kP - 1) / 6)) << k;
        EXPECT_EQ((Fp2{kFrobenius2[k], Fp::zero()}), pow_big(kXi, k * (kP * kP - 1) / 6)) << k;
        EXPECT_EQ(kFrobenius3[k], pow_big(kXi, k * (kP * kP * kP - 1) / 6)) << k;
    }
    // The twist constants: w^(3(p²-1)) = -1 and b' = 3/ξ.
    EXPECT_EQ(kFrobenius2[3], -Fp::one());
    EXPECT_EQ(kB2 * kXi, (Fp2{Fp::from_u64(3), Fp::zero()}));
}

TEST(bn254_tower, frobenius_is_the_p_power)
{
    Rng rng{15};
    for (int i = 0; i < 3; ++i) {
        const Fp12 a = rng.fp12();
        EXPECT_EQ(a.frobenius(), pow_big(a, kP));
        EXPECT_EQ(a.frobenius2(), pow_big(a, kP * kP));
        EXPECT_EQ(a.frobenius3(), pow_big(a, kP * kP * kP));
        EXPECT_EQ(a.frobenius().frobenius(), a.frobenius2());
        EXPECT_EQ(a.frobenius2().frobenius(), a.frobenius3());
    }
}

TEST(bn254_tower, cyclotomic_square)
{
    Rng rng{16};
    for (int i = 0; i < 50; ++i) {
        const Fp12 f = rng.fp12();
        // f^((p⁶-1)(p²+1)) lies in the cyclotomic subgroup.
        Fp12 t = f.conj() * f.inverse();
        t = t.frobenius2() * t;
        ASSERT_EQ(t.cyclotomic_square(), t.square());
        ASSERT_EQ(t.conj() * t, Fp12::one());
        ASSERT_EQ(t.cyclotomic_square().cyclotomic_square(), t.square().square());
    }
}

// ================================ groups =========================================

TEST(bn254_group, generators)
{
    EXPECT_TRUE(is_on_curve(kG1Generator));
    EXPECT_TRUE(is_on_curve(kG2Generator));
    EXPECT_TRUE(is_in_g2(kG2Generator));
    EXPECT_FALSE(is_on_curve(G1Affine{}));  // (0, 0) is not on the curve: it encodes infinity
    EXPECT_FALSE(is_on_curve(G2Affine{}));
    EXPECT_EQ(kB1, Fp::from_u64(3));
    EXPECT_TRUE(mul(kG1Generator, FrParams::kModulus).is_infinity());
    EXPECT_TRUE(mul(kG2Generator, FrParams::kModulus).is_infinity());
    EXPECT_FALSE(mul(kG2Generator, to_limbs(kR - 1)).is_infinity());
}

template <typename F>
void check_group_law(const Affine<F>& p, const Affine<F>& q)
{
    const Jacobian<F> jp = to_jacobian(p), jq = to_jacobian(q);
    const Jacobian<F> inf = Jacobian<F>::infinity();
    ASSERT_TRUE(equal(add(jp, inf), jp));
    ASSERT_TRUE(equal(add(inf, jp), jp));
    ASSERT_TRUE(equal(add(jp, Affine<F>{}), jp));
    ASSERT_TRUE(equal(add(inf, p), jp));
    ASSERT_TRUE(add(jp, neg(p)).is_infinity());
    ASSERT_TRUE(add(jp, neg(jp)).is_infinity());
    ASSERT_TRUE(equal(dbl(jp), add(jp, jp)));
    ASSERT_TRUE(equal(dbl(jp), add(jp, p)));
    ASSERT_TRUE(equal(add(jp, jq), add(jq, jp)));
    ASSERT_TRUE(equal(add(jp, jq), add(jp, q)));
    const Jacobian<F> s = add(add(jp, jq), jp);
    ASSERT_TRUE(equal(s, add(dbl(jp), jq)));
    ASSERT_TRUE(is_on_curve(to_affine(s)));
    ASSERT_TRUE(equal(s, to_affine(s)));
    ASSERT_TRUE(dbl(inf).is_infinity());
    // The one-inversion affine addition used by ECADD.
    ASSERT_EQ(add_affine(p, q), to_affine(add(jp, q)));
    ASSERT_EQ(add_affine(p, p), to_affine(dbl(jp)));
    ASSERT_TRUE(add_affine(p, neg(p)).is_infinity());
    ASSERT_EQ(add_affine(p, Affine<F>{}), p);
    ASSERT_EQ(add_affine(Affine<F>{}, q), q);
    ASSERT_TRUE(add_affine(Affine<F>{}, Affine<F>{}).is_infinity());
}

TEST(bn254_group, g1_law)
{
    Rng rng{20};
    for (int i = 0; i < 50; ++i) check_group_law(rng.g1(), rng.g1());
}

TEST(bn254_group, g2_law)
{
    Rng rng{21};
    for (int i = 0; i < 20; ++i) check_group_law(rng.g2(), rng.g2());
}

TEST(bn254_group, scalar_multiplication)
{
    Rng rng{22};
    const uint64_t n = test::scaled(100);
    for (uint64_t i = 0; i < n; ++i) {
        const G1Affine p = rng.g1();
        const mpz_class a = rng.big(256), b = rng.big(256);
        const G1 ap = mul(p, to_limbs(a));
        ASSERT_TRUE(equal(ap, mul_naive(p, a)));
        ASSERT_TRUE(equal(ap, mul_wnaf(p, to_limbs(a))));
        // (a + b)P = aP + bP
        const mpz_class sum = mod(a + b, kR);
        ASSERT_TRUE(equal(mul(p, to_limbs(sum)), add(ap, mul(p, to_limbs(b)))));
        // [r]P = O and [r-1]P = -P
        ASSERT_TRUE(mul(p, FrParams::kModulus).is_infinity());
        ASSERT_TRUE(equal(mul(p, to_limbs(kR - 1)), to_jacobian(neg(p))));
        if (i % 10 == 0) {
            const G2Affine q = rng.g2();
            const G2 aq = mul(q, to_limbs(a));
            ASSERT_TRUE(equal(aq, mul_naive(q, a)));
            ASSERT_TRUE(equal(mul(q, to_limbs(sum)), add(aq, mul(q, to_limbs(b)))));
        }
    }
    // Small scalars and the largest 256-bit one.
    const G1Affine p = rng.g1();
    for (uint64_t k = 0; k < 40; ++k) ASSERT_TRUE(equal(mul(p, {k, 0, 0, 0}), mul_naive(p, k)));
    const mpz_class max = (mpz_class{1} << 256) - 1;
    EXPECT_TRUE(equal(mul(p, to_limbs(max)), mul_naive(p, max)));
    EXPECT_TRUE(mul(G1Affine{}, to_limbs(max)).is_infinity());
}

TEST(bn254_group, batch_to_affine)
{
    Rng rng{23};
    std::vector<G1> jac;
    for (int i = 0; i < 9; ++i) jac.push_back(mul(kG1Generator, rng.scalar()));
    jac.push_back(G1::infinity());
    std::vector<G1Affine> aff(jac.size());
    batch_to_affine<Fp>(jac, aff);
    for (size_t i = 0; i < jac.size(); ++i) EXPECT_EQ(aff[i], to_affine(jac[i])) << i;
}

TEST(bn254_glv, constants_recomputed)
{
    const mpz_class beta = value(glv::kBeta);
    EXPECT_EQ(mod(beta * beta * beta, kP), 1);
    EXPECT_NE(beta, 1);
    const mpz_class lambda = to_mpz(glv::kLambda);
    EXPECT_EQ(mod(lambda * lambda + lambda + 1, kR), 0);
    const mpz_class u = kUz;
    EXPECT_EQ(lambda, 36 * u * u * u + 18 * u * u + 6 * u + 1);
    // The basis vectors lie in the lattice {(a, b) : a + b·λ ≡ 0 (mod r)} and have determinant r.
    const mpz_class a1 = 2 * u + 1, b1 = -(6 * u * u + 2 * u), a2 = 6 * u * u + 4 * u + 1,
                    b2 = 2 * u + 1;
    EXPECT_EQ(mod(a1 + b1 * lambda, kR), 0);
    EXPECT_EQ(mod(a2 + b2 * lambda, kR), 0);
    EXPECT_EQ(a1 * b2 - a2 * b1, kR);
    const mpz_class two256 = mpz_class{1} << 256;
    EXPECT_EQ(to_mpz(glv::kG1), two256 * b2 / kR);
    EXPECT_EQ(to_mpz(glv::kG2), two256 * (-b1) / kR);
    // φ = [λ] on G1.
    Rng rng{24};
    for (int i = 0; i < 10; ++i) {
        const G1Affine p = rng.g1();
        EXPECT_TRUE(equal(mul_naive(p, lambda), G1Affine{p.x * glv::kBeta, p.y}));
    }
}

TEST(bn254_glv, decomposition)
{
    Rng rng{25};
    const mpz_class lambda = to_mpz(glv::kLambda);
    const mpz_class two128 = mpz_class{1} << 128;
    const auto check = [&](const mpz_class& k) {
        const glv::Decomposition d = glv::decompose(to_limbs(k));
        const auto u128 = [](glv::uint128 x) -> mpz_class {
            return (mpz_class{std::to_string(static_cast<uint64_t>(x >> 64))} << 64) +
                   mpz_class{std::to_string(static_cast<uint64_t>(x))};
        };
        const mpz_class k1 = d.k1_negative ? mpz_class{-u128(d.k1)} : u128(d.k1);
        const mpz_class k2 = d.k2_negative ? mpz_class{-u128(d.k2)} : u128(d.k2);
        ASSERT_EQ(mod(k1 + k2 * lambda, kR), k);
        ASSERT_LT(abs(k1), two128);
        ASSERT_LT(abs(k2), two128);
    };
    for (int i = 0; i < 20000; ++i) check(mod(rng.big(256), kR));
    for (uint64_t i = 0; i < 100; ++i) {
        check(i);
        check(kR - 1 - i);
        check(mod(lambda + i, kR));
    }
}

TEST(bn254_group, g2_subgroup_check)
{
    Rng rng{26};
    // ψ acts as [p] = [6u²] on G2.
    const G2Affine q = rng.g2();
    EXPECT_TRUE(is_in_g2(q));
    EXPECT_TRUE(equal(mul_naive(q, kP), psi(q)));
    EXPECT_TRUE(is_in_g2(G2Affine{}));
    // Twist points from random x: outside G2 (their order has a cofactor part), and after
    // multiplying by the cofactor c₂ = p + t - 1 = 2p - r they are in G2.
    const mpz_class cofactor = 2 * kP - kR;
    int outside = 0;
    for (int i = 0; i < 40 && outside < 8; ++i) {
        const Fp2 x = rng.fp2();
        const auto y = (x.square() * x + kB2).sqrt();
        if (!y) continue;
        const G2Affine t{x, *y};
        ASSERT_TRUE(is_on_curve(t));
        const bool r_torsion = mul_naive(t, kR).is_infinity();
        ASSERT_EQ(is_in_g2(t), r_torsion);
        if (!r_torsion) ++outside;
        // ψ² - [t]ψ + [p] = 0 on the whole twist, the identity the membership test relies on.
        const mpz_class trace = 6 * kUz * kUz + 1;
        const G2 psi_t = to_jacobian(psi(t));
        ASSERT_TRUE(equal(psi(psi_t), add(mul_naive(psi(t), trace), neg(mul_naive(t, kP)))));
        ASSERT_TRUE(equal(psi2(to_jacobian(t)), psi(psi_t)));
        const G2Affine cleared = to_affine(mul_naive(t, cofactor));
        ASSERT_TRUE(is_in_g2(cleared));
        ASSERT_TRUE(mul_naive(cleared, kR).is_infinity());
    }
    EXPECT_EQ(outside, 8);
}

TEST(bn254_group, g2_subgroup_check_certificate)
{
    // is_in_g2() tests α(Q) = O for α = [u+1] + ψ[u] + ψ²[u] - ψ³[2u]. With ψ² = tψ - p,
    // α = A + Bψ; the check is exact iff A + B·p ≡ 0 (mod r) and gcd(A² + tAB + pB², c₂) = 1.
    const mpz_class u = kUz, p = kP, t = 6 * u * u + 1, c2 = 2 * kP - kR;
    EXPECT_EQ(p + 1 - t, kR);
    const mpz_class a = (u + 1) - u * p + 2 * u * t * p;
    const mpz_class b = u + u * t - 2 * u * (t * t - p);
    EXPECT_EQ(mod(a + b * p, kR), 0);
    const mpz_class norm = a * a + t * a * b + p * b * b;
    mpz_class g;
    mpz_gcd(g.get_mpz_t(), norm.get_mpz_t(), c2.get_mpz_t());
    EXPECT_EQ(g, 1);
    // The twist order is r·c₂ = p² - (t - 1)², and r does not divide c₂.
    EXPECT_EQ(kR * c2, p * p - (t - 1) * (t - 1));
    EXPECT_NE(mod(c2, kR), 0);
}

// ================================ pairing ========================================

TEST(bn254_pairing, hard_part_decomposition)
{
    // (p⁴ - p² + 1)/r = λ0 + λ1·p + λ2·p² + λ3·p³ as used by final_exponentiation().
    const mpz_class u = kUz;
    const mpz_class d = (kP * kP * kP * kP - kP * kP + 1) / kR;
    EXPECT_EQ(d * kR, kP * kP * kP * kP - kP * kP + 1);
    const mpz_class l0 = -36 * u * u * u - 30 * u * u - 18 * u - 2;
    const mpz_class l1 = -36 * u * u * u - 18 * u * u - 12 * u + 1;
    const mpz_class l2 = 6 * u * u + 1;
    EXPECT_EQ(l0 + l1 * kP + l2 * kP * kP + kP * kP * kP, d);
}

TEST(bn254_pairing, final_exponentiation_is_the_full_power)
{
    Rng rng{30};
    const mpz_class p2 = kP * kP, p4 = p2 * p2, p12 = p4 * p4 * p4;
    const mpz_class exponent = (p12 - 1) / kR;
    for (int i = 0; i < 2; ++i) {
        const Fp12 f = rng.fp12();
        EXPECT_EQ(final_exponentiation(f), pow_big(f, exponent));
    }
    const G1Affine p = rng.g1();
    const G2Affine q = rng.g2();
    const Fp12 m = miller_loop({&p, 1}, {&q, 1});
    EXPECT_EQ(final_exponentiation(m), pow_big(m, exponent));
}

TEST(bn254_pairing, non_degenerate_and_of_order_r)
{
    const Fp12 e = pairing(kG1Generator, kG2Generator);
    EXPECT_FALSE(e.is_one());
    EXPECT_TRUE(pow_big(e, kR).is_one());
    EXPECT_EQ(e.conj() * e, Fp12::one());
}

TEST(bn254_pairing, bilinearity)
{
    Rng rng{31};
    const G1Affine p = rng.g1();
    const G2Affine q = rng.g2();
    const Fp12 e = pairing(p, q);
    for (int i = 0; i < 4; ++i) {
        const mpz_class a = mod(rng.big(256), kR), b = mod(rng.big(256), kR);
        const G1Affine ap = to_affine(mul(p, to_limbs(a)));
        const G2Affine bq = to_affine(mul(q, to_limbs(b)));
        const Fr ab = Fr::from_limbs(to_limbs(a)) * Fr::from_limbs(to_limbs(b));
        EXPECT_EQ(pairing(ap, bq), pairing_power(e, to_mpz(ab.to_limbs())));
        EXPECT_EQ(pairing(ap, q), pairing(p, to_affine(mul(q, to_limbs(a)))));
    }
    // e(P1 + P2, Q) = e(P1, Q)·e(P2, Q)
    const G1Affine p2 = rng.g1();
    EXPECT_EQ(pairing(to_affine(add(to_jacobian(p), p2)), q), pairing(p, q) * pairing(p2, q));
}

TEST(bn254_pairing, infinity_gives_one)
{
    Rng rng{32};
    EXPECT_TRUE(pairing(G1Affine{}, rng.g2()).is_one());
    EXPECT_TRUE(pairing(rng.g1(), G2Affine{}).is_one());
    EXPECT_TRUE(pairing_check({}, {}));
}

TEST(bn254_pairing, two_pair_check)
{
    Rng rng{33};
    for (int i = 0; i < 4; ++i) {
        const G1Affine p = rng.g1();
        const G2Affine q = rng.g2();
        const U256Limbs a = rng.scalar();
        const G1Affine ps[2] = {to_affine(mul(p, a)), neg(p)};
        const G2Affine qs[2] = {q, to_affine(mul(q, a))};
        EXPECT_TRUE(pairing_check(ps, qs));
        const G2Affine wrong[2] = {q, to_affine(add(mul(q, a), q))};
        EXPECT_FALSE(pairing_check(ps, wrong));
    }
    // Multi-pairing equals the product of single pairings.
    const G1Affine ps[3] = {rng.g1(), rng.g1(), G1Affine{}};
    const G2Affine qs[3] = {rng.g2(), rng.g2(), rng.g2()};
    EXPECT_EQ(final_exponentiation(miller_loop(ps, qs)),
              pairing(ps[0], qs[0]) * pairing(ps[1], qs[1]));
}

// ============================== precompiles ======================================

std::filesystem::path data_dir()
{
    return ULTRA_BN254_TEST_DATA;
}

Bytes hex_bytes(std::string_view h)
{
    if (h == "-") return {};
    auto b = from_hex(h);
    ULTRA_ASSERT(b.has_value());
    return *b;
}

precompiles::PrecompileResult run(const std::string& kind,
                                  BytesView input,
                                  Revision rev = Revision::kOsaka)
{
    if (kind == "add") return precompiles::bn254_add_execute(input, rev);
    if (kind == "mul") return precompiles::bn254_mul_execute(input, rev);
    ULTRA_ASSERT(kind == "pairing");
    return precompiles::bn254_pairing_execute(input, rev);
}

uint64_t gas(const std::string& kind, BytesView input, Revision rev)
{
    if (kind == "add") return precompiles::bn254_add_gas(input, rev);
    if (kind == "mul") return precompiles::bn254_mul_gas(input, rev);
    return precompiles::bn254_pairing_gas(input, rev);
}

TEST(bn254_precompiles, geth_vectors)
{
    std::ifstream in{data_dir() / "bn254_geth_vectors.txt"};
    ASSERT_TRUE(in.good());
    size_t passed = 0, failed = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields{line};
        std::string kind, name, input_hex, output_hex;
        uint64_t expected_gas = 0;
        fields >> kind >> name >> expected_gas >> input_hex >> output_hex;
        const Bytes input = hex_bytes(input_hex);
        const auto result = run(kind, input);
        const bool ok = result.has_value() && to_hex(*result) == output_hex &&
                        gas(kind, input, Revision::kIstanbul) == expected_gas;
        EXPECT_TRUE(ok) << kind << " " << name;
        (ok ? passed : failed) += 1;
    }
    EXPECT_EQ(passed, 48u);
    std::cout << passed << " passed, " << failed << " failed\n";
}

TEST(bn254_precompiles, gas_schedule)
{
    const Bytes pairs2(384, 0);
    const Bytes odd(200, 0);
    // EIP-196/197 prices (Byzantium, Constantinople, Petersburg), then EIP-1108 from Istanbul.
    for (Revision rev : {Revision::kByzantium, Revision::kConstantinople, Revision::kPetersburg}) {
        EXPECT_EQ(precompiles::bn254_add_gas({}, rev), 500u);
        EXPECT_EQ(precompiles::bn254_mul_gas({}, rev), 40000u);
        EXPECT_EQ(precompiles::bn254_pairing_gas({}, rev), 100000u);
        EXPECT_EQ(precompiles::bn254_pairing_gas(pairs2, rev), 260000u);
        EXPECT_EQ(precompiles::bn254_pairing_gas(odd, rev), 180000u);
    }
    for (Revision rev :
         {Revision::kIstanbul, Revision::kBerlin, Revision::kCancun, Revision::kOsaka}) {
        EXPECT_EQ(precompiles::bn254_add_gas({}, rev), 150u);
        EXPECT_EQ(precompiles::bn254_mul_gas({}, rev), 6000u);
        EXPECT_EQ(precompiles::bn254_pairing_gas({}, rev), 45000u);
        EXPECT_EQ(precompiles::bn254_pairing_gas(pairs2, rev), 113000u);
        EXPECT_EQ(precompiles::bn254_pairing_gas(odd, rev), 79000u);
    }
}

/// 32-byte big-endian word of a field element value.
std::string word(const mpz_class& z)
{
    std::string h = z.get_str(16);
    return std::string(64 - h.size(), '0') + h;
}

std::string enc_g1(const G1Affine& p)
{
    return word(value(p.x)) + word(value(p.y));
}

std::string enc_g2(const G2Affine& q)
{
    return word(value(q.x.c1)) + word(value(q.x.c0)) + word(value(q.y.c1)) + word(value(q.y.c0));
}

TEST(bn254_precompiles, input_rules)
{
    const std::string g1 = enc_g1(kG1Generator);
    const std::string g2 = enc_g2(kG2Generator);
    const std::string zero64(128, '0');
    const auto ok = [](const precompiles::PrecompileResult& r, const std::string& hex) {
        return r.has_value() && to_hex(*r) == hex;
    };
    const auto fails = [](const precompiles::PrecompileResult& r) {
        return !r.has_value() && r.error() == precompiles::PrecompileError::kInvalidInput;
    };
    // ECADD: padding, extra bytes ignored, infinity.
    EXPECT_TRUE(ok(run("add", hex_bytes(g1)), g1));
    EXPECT_TRUE(ok(run("add", hex_bytes(g1 + zero64 + "ff")), g1));
    EXPECT_TRUE(ok(run("add", {}), zero64));
    // G1 + (-G1) = O
    EXPECT_TRUE(ok(run("add", hex_bytes(g1 + enc_g1(neg(kG1Generator)))), zero64));
    // x = p is rejected even though p ≡ 0; (1, 2 + p) too.
    EXPECT_TRUE(fails(run("add", hex_bytes(word(kP) + word(0) + g1))));
    EXPECT_TRUE(fails(run("add", hex_bytes(g1 + word(1) + word(kP + 2)))));
    // (1, 3) is not on the curve.
    EXPECT_TRUE(fails(run("add", hex_bytes(word(1) + word(3)))));
    // Truncating the last byte of y leaves (1, 0), off the curve: padding precedes validation.
    EXPECT_TRUE(fails(run("add", hex_bytes(g1.substr(0, 126)))));

    // ECMUL: k = 0, k = r, k ≥ r, short input.
    EXPECT_TRUE(ok(run("mul", hex_bytes(g1 + word(0))), zero64));
    EXPECT_TRUE(ok(run("mul", hex_bytes(g1 + word(kR))), zero64));
    EXPECT_TRUE(ok(run("mul", hex_bytes(g1 + word(kR + 1))), g1));
    EXPECT_TRUE(ok(run("mul", hex_bytes(g1)), zero64));
    EXPECT_TRUE(ok(run("mul", hex_bytes(g1 + word(1) + "abcdef")), g1));
    EXPECT_TRUE(fails(run("mul", hex_bytes(word(1) + word(3) + word(0)))));
    EXPECT_TRUE(ok(run("mul", hex_bytes(zero64 + word(5))), zero64));

    // ECPAIRING: length rules, infinity, coordinate order, subgroup.
    const std::string one = word(1), zero = word(0);
    EXPECT_TRUE(ok(run("pairing", {}), one));
    EXPECT_TRUE(fails(run("pairing", hex_bytes(g1 + g2 + "00"))));
    EXPECT_TRUE(fails(run("pairing", hex_bytes(g1 + g2).substr(0, 191))));
    EXPECT_TRUE(ok(run("pairing", hex_bytes(g1 + g2)), zero));
    EXPECT_TRUE(ok(run("pairing", hex_bytes(g1 + g2 + enc_g1(neg(kG1Generator)) + g2)), one));
    EXPECT_TRUE(ok(run("pairing", hex_bytes(zero64 + g2)), one));
    EXPECT_TRUE(ok(run("pairing", hex_bytes(g1 + std::string(256, '0'))), one));
    // Swapping the (im, re) order gives a point off the twist.
    const std::string swapped = word(value(kG2Generator.x.c0)) + word(value(kG2Generator.x.c1)) +
                                word(value(kG2Generator.y.c0)) + word(value(kG2Generator.y.c1));
    EXPECT_TRUE(fails(run("pairing", hex_bytes(g1 + swapped))));
    // An invalid G2 point fails even when paired with the G1 point at infinity.
    std::string bad_g2 = g2;
    bad_g2[255] = bad_g2[255] == '0' ? '1' : '0';
    EXPECT_TRUE(fails(run("pairing", hex_bytes(zero64 + bad_g2))));
    // A coordinate ≥ p.
    EXPECT_TRUE(
        fails(run("pairing", hex_bytes(g1 + word(value(kG2Generator.x.c1) + kP) + g2.substr(64)))));
    // An invalid G1 point paired with G2 infinity still fails.
    EXPECT_TRUE(fails(run("pairing", hex_bytes(word(1) + word(3) + std::string(256, '0')))));
}

TEST(bn254_precompiles, g2_not_in_subgroup_fails)
{
    Rng rng{40};
    int checked = 0;
    while (checked < 4) {
        const Fp2 x = rng.fp2();
        const auto y = (x.square() * x + kB2).sqrt();
        if (!y) continue;
        const G2Affine t{x, *y};
        ASSERT_FALSE(mul_naive(t, kR).is_infinity());
        const auto r = run("pairing", hex_bytes(enc_g1(kG1Generator) + enc_g2(t)));
        EXPECT_FALSE(r.has_value());
        ++checked;
    }
}

// ======================= differential test against @noble/curves =====================

TEST(bn254_precompiles, noble_differential)
{
    const auto path = data_dir() / "bn254_noble_vectors.json.gz";
    const nlohmann::json j = infra::load_json(path);
    size_t passed = 0, failed = 0;
    for (const std::string kind : {"add", "mul", "pairing"}) {
        const auto& vectors = j.at(kind);
        EXPECT_GE(vectors.size(), 1000u) << kind;
        size_t valid = 0, invalid = 0;
        for (const auto& v : vectors) {
            const Bytes input = hex_bytes(
                v.at("input").get<std::string>().empty() ? "-" : v.at("input").get<std::string>());
            const auto result = run(kind, input);
            bool ok = false;
            if (v.at("output").is_null()) {
                ok = !result.has_value();
                ++invalid;
            } else {
                ok = result.has_value() && to_hex(*result) == v.at("output").get<std::string>();
                ++valid;
            }
            EXPECT_TRUE(ok) << kind << " input " << v.at("input").get<std::string>();
            (ok ? passed : failed) += 1;
        }
        EXPECT_GT(valid, 300u) << kind;
        EXPECT_GT(invalid, 100u) << kind;
    }
    // GT values: noble's final exponentiation yields e(P, Q)^m with m = 2u(6u² + 3u + 1).
    const mpz_class u = kUz;
    const mpz_class m = 2 * u * (6 * u * u + 3 * u + 1);
    for (const auto& v : j.at("gt")) {
        const Bytes g1 = hex_bytes(v.at("g1").get<std::string>());
        const Bytes g2 = hex_bytes(v.at("g2").get<std::string>());
        const G1Affine p{*Fp::from_be_bytes(g1.data()), *Fp::from_be_bytes(g1.data() + 32)};
        const G2Affine q{{*Fp::from_be_bytes(g2.data() + 32), *Fp::from_be_bytes(g2.data())},
                         {*Fp::from_be_bytes(g2.data() + 96), *Fp::from_be_bytes(g2.data() + 64)}};
        const Fp12 e = pow_big(pairing(p, q), m);
        const Fp2* coeffs[6] = {&e.c0.c0, &e.c0.c1, &e.c0.c2, &e.c1.c0, &e.c1.c1, &e.c1.c2};
        bool ok = true;
        for (size_t k = 0; k < 6; ++k) {
            ok = ok && word(value(coeffs[k]->c0)) == v.at("gt").at(2 * k).get<std::string>();
            ok = ok && word(value(coeffs[k]->c1)) == v.at("gt").at(2 * k + 1).get<std::string>();
        }
        EXPECT_TRUE(ok) << v.at("g1").get<std::string>();
        (ok ? passed : failed) += 1;
    }
    std::cout << passed << " passed, " << failed << " failed\n";
}

}  // namespace
