// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/crypto/bn254_fields.hpp>

/// The GLV endomorphism of G1: φ(x, y) = (β·x, y) = [λ](x, y), with β a cube root of unity in
/// F_p and λ a cube root of unity modulo r. A scalar k splits into k1 + k2·λ with |k1|, |k2| <
/// 2^128 using the short lattice basis v1 = (2u+1, -(6u²+2u)), v2 = (6u²+4u+1, 2u+1) of
/// {(a, b) : a + b·λ ≡ 0 mod r} (its determinant is r). The tests recompute every constant.
namespace ultra::crypto::bn254::glv {

using fp256_detail::uint128;

/// β = 0x59e26bcea0d48bacd4f263f1acdb5c4f5763473177fffffe, the cube root of unity in F_p with
/// φ = [λ] for the λ below.
inline constexpr Fp kBeta =
    Fp::from_limbs({0x5763473177fffffe, 0xd4f263f1acdb5c4f, 0x59e26bcea0d48bac, 0});

/// 2u + 1.
inline constexpr uint128 kA1 = uint128{kU} * 2 + 1;
/// 6u² + 2u.
inline constexpr uint128 kB1 = uint128{kU} * kU * 6 + uint128{kU} * 2;
/// 6u² + 4u + 1.
inline constexpr uint128 kA2 = uint128{kU} * kU * 6 + uint128{kU} * 4 + 1;

/// λ = 36u³ + 18u² + 6u + 1, evaluated in 256-bit arithmetic.
constexpr U256Limbs lambda() noexcept
{
    // 36u³ + 18u² + 6u + 1 = 6u·(6u² + 3u + 1) + 1; 6u² + 3u + 1 < 2^127.
    const uint128 inner = uint128{kU} * kU * 6 + uint128{kU} * 3 + 1;
    const uint128 six_u = uint128{kU} * 6;  // < 2^66
    // inner·six_u with inner = (ih, il), six_u = (sh, sl), 64-bit halves.
    const auto il = static_cast<uint64_t>(inner), ih = static_cast<uint64_t>(inner >> 64);
    const auto sl = static_cast<uint64_t>(six_u), sh = static_cast<uint64_t>(six_u >> 64);
    const uint128 ll = uint128{il} * sl;
    const uint128 lh = uint128{il} * sh;
    const uint128 hl = uint128{ih} * sl;
    const uint128 hh = uint128{ih} * sh;
    const uint128 mid = (ll >> 64) + static_cast<uint64_t>(lh) + static_cast<uint64_t>(hl);
    const uint128 top = hh + (lh >> 64) + (hl >> 64) + (mid >> 64);
    U256Limbs r{static_cast<uint64_t>(ll), static_cast<uint64_t>(mid), static_cast<uint64_t>(top),
                static_cast<uint64_t>(top >> 64)};
    r[0] += 1;  // ll·… is even (six_u is even), so no carry
    return r;
}

/// λ, the eigenvalue of φ on G1.
inline constexpr U256Limbs kLambda = lambda();

/// ⌊2^256·(2u+1)/r⌋ and ⌊2^256·(6u²+2u)/r⌋: c1 = ⌊k·g1/2^256⌋ and c2 = ⌊k·g2/2^256⌋
/// approximate the real coordinates of k in the lattice basis (typed in; the tests recompute).
inline constexpr U256Limbs kG1{0xd91d232ec7e0b3d7, 0x2, 0, 0};
inline constexpr U256Limbs kG2{0x7a7bd9d4391eb18d, 0x4ccef014a773d2cf, 0x2, 0};

/// k = k1 + k2·λ (mod r) with signs.
struct Decomposition
{
    uint128 k1;        ///< |k1|
    uint128 k2;        ///< |k2|
    bool k1_negative;  ///< k1 < 0
    bool k2_negative;  ///< k2 < 0
};

/// The 512-bit product a·b as eight limbs.
constexpr std::array<uint64_t, 8> mul_wide(const U256Limbs& a, const U256Limbs& b) noexcept
{
    std::array<uint64_t, 8> t{};
    for (size_t i = 0; i < 4; ++i) {
        uint64_t carry = 0;
        for (size_t j = 0; j < 4; ++j) {
            const uint128 x = uint128{a[i]} * b[j] + t[i + j] + carry;
            t[i + j] = static_cast<uint64_t>(x);
            carry = static_cast<uint64_t>(x >> 64);
        }
        t[i + 4] = carry;
    }
    return t;
}

/// Splits k (< r) into k1 + k2·λ ≡ k (mod r) with |k1|, |k2| < 2^128.
constexpr Decomposition decompose(const U256Limbs& k) noexcept
{
    const auto hi = [](const std::array<uint64_t, 8>& t) -> U256Limbs {
        return {t[4], t[5], t[6], t[7]};
    };
    const auto lo = [](const std::array<uint64_t, 8>& t) -> U256Limbs {
        return {t[0], t[1], t[2], t[3]};
    };
    const auto from128 = [](uint128 x) -> U256Limbs {
        return {static_cast<uint64_t>(x), static_cast<uint64_t>(x >> 64), 0, 0};
    };
    const U256Limbs c1 = hi(mul_wide(k, kG1));
    const U256Limbs c2 = hi(mul_wide(k, kG2));
    // k1 = k - c1·a1 - c2·a2 and k2 = c1·b1 - c2·a1, in two's complement modulo 2^256.
    uint64_t borrow = 0;
    U256Limbs k1 = fp256_detail::sub(k, lo(mul_wide(c1, from128(kA1))), borrow);
    k1 = fp256_detail::sub(k1, lo(mul_wide(c2, from128(kA2))), borrow);
    U256Limbs k2 =
        fp256_detail::sub(lo(mul_wide(c1, from128(kB1))), lo(mul_wide(c2, from128(kA1))), borrow);
    Decomposition d{};
    d.k1_negative = (k1[3] >> 63) != 0;
    d.k2_negative = (k2[3] >> 63) != 0;
    if (d.k1_negative) k1 = fp256_detail::sub({0, 0, 0, 0}, k1, borrow);
    if (d.k2_negative) k2 = fp256_detail::sub({0, 0, 0, 0}, k2, borrow);
    ULTRA_ASSERT((k1[2] | k1[3] | k2[2] | k2[3]) == 0);
    d.k1 = (uint128{k1[1]} << 64) | k1[0];
    d.k2 = (uint128{k2[1]} << 64) | k2[0];
    return d;
}

}  // namespace ultra::crypto::bn254::glv
