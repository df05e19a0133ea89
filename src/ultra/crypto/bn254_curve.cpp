// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bn254_curve.hpp"

#include "bn254_glv.hpp"

namespace ultra::crypto::bn254 {

namespace {

/// Width of the wNAF windows: digits are odd and in (-16, 16); tables hold 8 odd multiples.
constexpr unsigned kWindow = 5;
constexpr size_t kTableSize = size_t{1} << (kWindow - 2);

/// Width-w NAF digits of a non-negative integer given as little-endian 64-bit limbs, least
/// significant digit first. Returns the number of digits (the highest one is non-zero).
template <size_t N>
size_t wnaf_recode(const std::array<uint64_t, N>& k, int8_t* digits, size_t max_digits) noexcept
{
    const auto bit = [&](size_t i) -> uint64_t {
        return i < 64 * N ? (k[i / 64] >> (i % 64)) & 1 : 0;
    };
    const auto bits = [&](size_t i, unsigned n) -> uint64_t {
        uint64_t v = 0;
        for (unsigned j = 0; j < n; ++j) v |= bit(i + j) << j;
        return v;
    };
    size_t len = 0;
    uint64_t carry = 0;
    for (size_t pos = 0; pos < max_digits;) {
        if (bit(pos) == carry) {
            // (bits + carry) is even here: a zero digit, the carry passes on.
            digits[pos++] = 0;
            continue;
        }
        const uint64_t word = bits(pos, kWindow) + carry;
        int digit;
        if (word >= (uint64_t{1} << (kWindow - 1))) {
            digit = static_cast<int>(word) - (1 << kWindow);
            carry = 1;
        } else {
            digit = static_cast<int>(word);
            carry = 0;
        }
        digits[pos] = static_cast<int8_t>(digit);
        len = pos + 1;
        for (unsigned j = 1; j < kWindow && pos + j < max_digits; ++j) digits[pos + j] = 0;
        pos += kWindow;
    }
    return len;
}

/// The odd multiples P, 3P, ..., 15P in affine form (one shared inversion).
template <typename F>
void odd_multiples(const Affine<F>& p, std::array<Affine<F>, kTableSize>& table) noexcept
{
    std::array<Jacobian<F>, kTableSize> jac;
    jac[0] = to_jacobian(p);
    const Jacobian<F> p2 = dbl(jac[0]);
    for (size_t i = 1; i < kTableSize; ++i) jac[i] = add(p2, jac[i - 1]);
    batch_to_affine<F>(jac, table);
}

template <typename F>
void add_digit(Jacobian<F>& acc, const std::array<Affine<F>, kTableSize>& table, int digit) noexcept
{
    if (digit > 0)
        acc = add(acc, table[static_cast<size_t>(digit >> 1)]);
    else if (digit < 0)
        acc = add(acc, neg(table[static_cast<size_t>((-digit) >> 1)]));
}

/// [k]P by one wNAF chain.
template <typename F, size_t N>
Jacobian<F> mul_wnaf_impl(const Affine<F>& p, const std::array<uint64_t, N>& k) noexcept
{
    if (p.is_infinity()) return Jacobian<F>::infinity();
    constexpr size_t kMaxDigits = 64 * N + 1;
    int8_t digits[kMaxDigits];
    const size_t len = wnaf_recode(k, digits, kMaxDigits);
    if (len == 0) return Jacobian<F>::infinity();
    std::array<Affine<F>, kTableSize> table;
    odd_multiples(p, table);
    Jacobian<F> acc = Jacobian<F>::infinity();
    for (size_t i = len; i-- > 0;) {
        acc = dbl(acc);
        add_digit(acc, table, digits[i]);
    }
    return acc;
}

/// k mod r for any 256-bit k (k < 2^256 < 6r: at most five subtractions).
U256Limbs reduce_mod_r(U256Limbs k) noexcept
{
    while (!fp256_detail::less(k, FrParams::kModulus)) {
        uint64_t borrow = 0;
        k = fp256_detail::sub(k, FrParams::kModulus, borrow);
    }
    return k;
}

}  // namespace

G1 mul_wnaf(const G1Affine& p, const U256Limbs& k) noexcept
{
    return mul_wnaf_impl(p, reduce_mod_r(k));
}

G1 mul(const G1Affine& p, const U256Limbs& k) noexcept
{
    if (p.is_infinity()) return G1::infinity();
    const glv::Decomposition d = glv::decompose(reduce_mod_r(k));
    constexpr size_t kMaxDigits = 129;
    int8_t d1[kMaxDigits];
    int8_t d2[kMaxDigits];
    const std::array<uint64_t, 2> k1{static_cast<uint64_t>(d.k1),
                                     static_cast<uint64_t>(d.k1 >> 64)};
    const std::array<uint64_t, 2> k2{static_cast<uint64_t>(d.k2),
                                     static_cast<uint64_t>(d.k2 >> 64)};
    const size_t len1 = wnaf_recode(k1, d1, kMaxDigits);
    const size_t len2 = wnaf_recode(k2, d2, kMaxDigits);
    const size_t len = len1 > len2 ? len1 : len2;
    for (size_t i = len1; i < len; ++i) d1[i] = 0;
    for (size_t i = len2; i < len; ++i) d2[i] = 0;

    // Table for ±P and the table for ±φ(P) = (β·x, ±y): no extra inversion.
    std::array<G1Affine, kTableSize> t1;
    odd_multiples(d.k1_negative ? neg(p) : p, t1);
    std::array<G1Affine, kTableSize> t2;
    for (size_t i = 0; i < kTableSize; ++i) {
        t2[i].x = t1[i].x * glv::kBeta;
        t2[i].y = d.k1_negative != d.k2_negative ? -t1[i].y : t1[i].y;
    }
    G1 acc = G1::infinity();
    for (size_t i = len; i-- > 0;) {
        acc = dbl(acc);
        add_digit(acc, t1, d1[i]);
        add_digit(acc, t2, d2[i]);
    }
    return acc;
}

G2 mul(const G2Affine& q, const U256Limbs& k) noexcept
{
    return mul_wnaf_impl(q, k);
}

bool is_in_g2(const G2Affine& q) noexcept
{
    if (q.is_infinity()) return true;
    // α(Q) = [u+1]Q + ψ([u]Q) + ψ²([u]Q) - ψ³([2u]Q) = O  ⟺  Q ∈ G2 (see the header).
    const G2 uq = mul_wnaf_impl(q, std::array<uint64_t, 1>{kU});
    const G2 lhs = add(add(add(uq, q), psi(uq)), psi2(uq));
    const G2 rhs = psi(psi2(dbl(uq)));
    return equal(lhs, rhs);
}

}  // namespace ultra::crypto::bn254
