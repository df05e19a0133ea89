// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "uint256.hpp"

#include <array>

// The loops below work on words that callers have usually just written with scalar stores;
// auto-vectorised 16-byte loads of them miss store-to-load forwarding and stall for more than
// the vector code saves (measured: SDIV 40 -> 32 ns). Keep this file scalar.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-vectorize")
#endif

namespace ultra {
namespace {

constexpr uint64_t lo(uint128 x) noexcept
{
    return static_cast<uint64_t>(x);
}

constexpr uint64_t hi(uint128 x) noexcept
{
    return static_cast<uint64_t>(x >> 64);
}

constexpr uint128 make128(uint64_t h, uint64_t l) noexcept
{
    return (uint128{h} << 64) | l;
}

/// kReciprocalTable[i] = floor((2^19 - 3 * 2^8) / (256 + i)): an 11-bit first approximation of
/// the reciprocal of a normalised divisor from its top 9 bits.
constexpr auto kReciprocalTable = [] {
    std::array<uint16_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) t[i] = static_cast<uint16_t>(0x7fd00 / (256 + i));
    return t;
}();

/// A one-word quotient and remainder.
struct QuotRem1
{
    uint64_t quot;
    uint64_t rem;
};

/// A one-word quotient and a two-word remainder.
struct QuotRem2
{
    uint64_t quot;
    uint128 rem;
};

/// (u1:u0) / d with the reciprocal v of d (Möller & Granlund, Algorithm 4).
/// Preconditions: d >= 2^63, u1 < d.
inline QuotRem1 udivrem_2by1(uint64_t u1, uint64_t u0, uint64_t d, uint64_t v) noexcept
{
    const uint128 q = uint128{v} * u1 + make128(u1, u0);
    uint64_t q1 = hi(q) + 1;
    const uint64_t q0 = lo(q);
    uint64_t r = u0 - q1 * d;
    // The first correction happens about half the time: written as a mask, because GCC
    // otherwise emits a branch that mispredicts on every other digit.
    const uint64_t mask = 0 - static_cast<uint64_t>(r > q0);
    q1 += mask;
    r += mask & d;
    if (r >= d) [[unlikely]] {
        ++q1;
        r -= d;
    }
    return {q1, r};
}

/// (u2:u1:u0) / d with the 3-by-2 reciprocal v of d (Möller & Granlund, Algorithm 5).
/// Preconditions: d >= 2^127, (u2:u1) < d.
inline QuotRem2 udivrem_3by2(uint64_t u2, uint64_t u1, uint64_t u0, uint128 d, uint64_t v) noexcept
{
    const uint64_t d1 = hi(d);
    const uint64_t d0 = lo(d);
    const uint128 q = uint128{v} * u2 + make128(u2, u1);
    uint64_t q1 = hi(q);
    const uint64_t q0 = lo(q);
    const uint64_t r1 = u1 - q1 * d1;
    const uint128 r_est = make128(r1, u0) - uint128{d0} * q1 - d;
    // As in udivrem_2by1: the likely-half-the-time correction without a branch, in 64-bit
    // words (GCC spills a masked 128-bit addition through the stack).
    const uint64_t mask = 0 - static_cast<uint64_t>(hi(r_est) >= q0);
    q1 += 1 + mask;
    bool carry = false;
    const uint64_t r_lo = detail::addc(lo(r_est), mask & d0, carry);
    const uint64_t r_hi = hi(r_est) + (mask & d1) + carry;
    uint128 r = make128(r_hi, r_lo);
    if (r >= d) [[unlikely]] {
        ++q1;
        r -= d;
    }
    return {q1, r};
}

/// (u1:u0) / d for u1 < d, by the hardware divider where there is one (one instruction beats
/// computing a reciprocal when only one quotient digit is needed).
inline uint64_t udiv_2by1(uint64_t u1, uint64_t u0, uint64_t d) noexcept
{
#if ULTRA_UINT256_X86_ASM
    uint64_t q;
    uint64_t r;
    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(u0), "d"(u1), "rm"(d) : "cc");
    return q;
#else
    return static_cast<uint64_t>(make128(u1, u0) / d);
#endif
}

/// r[0..N) -= x[0..N) * y; returns the word still to be subtracted from r[N].
template <size_t N>
inline uint64_t submul(uint64_t* r, const uint64_t* x, uint64_t y) noexcept
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < N; ++i) {
        const uint128 p = uint128{x[i]} * y + borrow;
        const uint64_t t = r[i] - lo(p);
        borrow = hi(p) + (t > r[i]);
        r[i] = t;
    }
    return borrow;
}

/// r[0..N) += x[0..N); returns the carry out.
template <size_t N>
inline bool add_to(uint64_t* r, const uint64_t* x) noexcept
{
    bool carry = false;
    for (size_t i = 0; i < N; ++i) r[i] = detail::addc(r[i], x[i], carry);
    return carry;
}

/// Divides the normalised u[0..un] (un + 1 words) by the one-word normalised d: quotient digits
/// go to q[0..un), the remainder to u[0].
inline void divide_by_1(uint64_t* q, uint64_t* u, size_t un, uint64_t d) noexcept
{
    const uint64_t v = detail::reciprocal_2by1(d);
    uint64_t r = u[un];  // < d: it holds only the bits shifted out by normalisation
    for (size_t j = un; j-- > 0;) {
        const auto [qj, rj] = udivrem_2by1(r, u[j], d, v);
        q[j] = qj;
        r = rj;
    }
    u[0] = r;
}

/// Divides the normalised u[0..un] by the two-word normalised d: quotient digits go to
/// q[0..un-1), the remainder to u[0..2).
inline void divide_by_2(uint64_t* q, uint64_t* u, size_t un, uint128 d) noexcept
{
    const uint64_t v = detail::reciprocal_3by2(hi(d), lo(d));
    uint128 r = make128(u[un], u[un - 1]);  // < d: u[un] < 2^shift <= hi(d)
    for (size_t j = un - 1; j-- > 0;) {
        const auto [qj, rj] = udivrem_3by2(hi(r), lo(r), u[j], d, v);
        q[j] = qj;
        r = rj;
    }
    u[0] = lo(r);
    u[1] = hi(r);
}

/// The single quotient digit of the normalised u[0..DN] by the normalised d[0..DN) (numerator
/// and divisor of the same word length DN >= 2): Knuth's estimate from the top words by one
/// hardware division (too large by at most 2, TAOCP vol. 2, 4.3.1 Theorem B), then
/// multiply-subtract and add back. The remainder is left in u[0..DN).
template <size_t DN>
inline uint64_t divide_one_digit(uint64_t* u, const uint64_t* d) noexcept
{
    uint64_t qhat = udiv_2by1(u[DN], u[DN - 1], d[DN - 1]);  // u[DN] < 2^shift <= d[DN - 1]
    uint64_t top = u[DN] - submul<DN>(u, d, qhat);
    // A non-zero top word means the remainder went negative: the estimate was too large.
    while (top != 0) {
        --qhat;
        top += add_to<DN>(u, d);
    }
    return qhat;
}

/// Knuth's algorithm D (TAOCP vol. 2, 4.3.1) for a normalised divisor d[0..DN) of 3 or more
/// words, with each quotient digit estimated by a 3-by-2 division of the top words (so the
/// estimate is at most one too large). Quotient digits go to q[0..un-DN], remainder to u[0..DN).
template <size_t DN>
inline void divide_knuth(uint64_t* q, uint64_t* u, size_t un, const uint64_t* d) noexcept
{
    constexpr size_t dn = DN;
    const uint128 dtop = make128(d[dn - 1], d[dn - 2]);
    const uint64_t v = detail::reciprocal_3by2(d[dn - 1], d[dn - 2]);
    for (size_t j = un - dn + 1; j-- > 0;) {
        uint64_t* uj = u + j;
        const uint64_t u2 = uj[dn];
        const uint64_t u1 = uj[dn - 1];
        const uint64_t u0 = uj[dn - 2];
        if (make128(u2, u1) == dtop) [[unlikely]] {
            // The top two words of the partial remainder equal those of the divisor: the digit is
            // exactly 2^64 - 1 (the remainder is < 2^64 * d, yet > (2^64 - 1) * d).
            q[j] = ~uint64_t{0};
            uj[dn] = u2 - submul<dn>(uj, d, q[j]);
            continue;
        }
        auto [qhat, r] = udivrem_3by2(u2, u1, u0, dtop, v);
        // The 3-by-2 step left the top two words of the remainder in r; subtract qhat times the
        // rest of the divisor from the lower words.
        const uint64_t borrow = submul<dn - 2>(uj, d, qhat);
        bool b = false;
        uj[dn - 2] = detail::subb(lo(r), borrow, b);
        uj[dn - 1] = detail::subb(hi(r), 0, b);
        if (b) [[unlikely]] {
            --qhat;
            add_to<dn>(uj, d);
        }
        q[j] = qhat;
    }
}

/// The number of significant 64-bit words of x (0 for zero).
constexpr size_t significant_words(const uint64_t* x, size_t n) noexcept
{
    while (n > 0 && x[n - 1] == 0) --n;
    return n;
}

/// (hi:lo) >> (64 - sh) for sh in [0, 63], i.e. the bits that a left shift by sh moves from lo
/// into the next word, without the undefined shift by 64 when sh == 0.
constexpr uint64_t shifted_in(uint64_t lo, unsigned sh) noexcept
{
    return (lo >> 1) >> (63 - sh);
}

/// quot[0..N) and rem[0..4) = num / den for an N-word numerator (N = 4 or 8).
/// Preconditions: den != 0 and num has at least as many significant words as den.
template <size_t N>
void udivrem_words(const uint64_t* num, const uint256& den, uint64_t* quot, uint64_t* rem) noexcept
{
    const size_t dn = significant_words(den.w, 4);
    const size_t un = significant_words(num, N);

    // Normalise: shift both operands left so that the divisor's top bit is set. Every word is
    // computed (no loop bounds depending on the lengths); u[un] gets the bits shifted out of
    // the numerator, which are < 2^sh <= d[dn - 1].
    const unsigned sh = detail::clz64(den[dn - 1]);
    uint64_t d[4];
    d[0] = den[0] << sh;
    for (size_t i = 1; i < 4; ++i) d[i] = (den[i] << sh) | shifted_in(den[i - 1], sh);
    uint64_t u[N + 1];
    u[0] = num[0] << sh;
    for (size_t i = 1; i < N; ++i) u[i] = (num[i] << sh) | shifted_in(num[i - 1], sh);
    u[N] = shifted_in(num[N - 1], sh);

    for (size_t i = 0; i < N; ++i) quot[i] = 0;
    if (dn == 1)
        divide_by_1(quot, u, un, d[0]);
    else if (un == dn)
        quot[0] = dn == 2   ? divide_one_digit<2>(u, d)
                  : dn == 3 ? divide_one_digit<3>(u, d)
                            : divide_one_digit<4>(u, d);
    else if (dn == 2)
        divide_by_2(quot, u, un, make128(d[1], d[0]));
    else if (dn == 3)
        divide_knuth<3>(quot, u, un, d);
    else
        divide_knuth<4>(quot, u, un, d);

    // Denormalise the remainder, which is in u[0..dn); the words above it are not cleared by
    // the division routines, so mask them.
    for (size_t i = 0; i < 4; ++i) {
        const uint64_t w = i < dn ? u[i] : 0;
        const uint64_t next = i + 1 < dn ? u[i + 1] : 0;
        rem[i] = (w >> sh) | ((next << 1) << (63 - sh));
    }
}

/// x * x mod 2^256 with 4 full and 2 half products instead of 6 and 4: the cross products
/// x_i * x_j (i < j) are summed once and doubled, then the squares x_0^2, x_1^2 are added.
inline uint256 square(const uint256& x) noexcept
{
    const uint128 p01 = uint128{x[0]} * x[1];
    const uint128 p02 = uint128{x[0]} * x[2];
    const uint64_t p03_12 = x[0] * x[3] + x[1] * x[2];
    // cross = p01 * 2^64 + p02 * 2^128 + p03_12 * 2^192 (mod 2^256)
    const uint128 mid = (p01 >> 64) + static_cast<uint64_t>(p02);  // < 2^65
    const uint64_t c1 = lo(p01);
    const uint64_t c2 = lo(mid);
    const uint64_t c3 = hi(mid) + hi(p02) + p03_12;
    const uint256 doubled{0, c1 << 1, (c2 << 1) | (c1 >> 63), (c3 << 1) | (c2 >> 63)};
    const uint128 s0 = uint128{x[0]} * x[0];
    const uint128 s1 = uint128{x[1]} * x[1];
    return doubled + uint256{lo(s0), hi(s0), lo(s1), hi(s1)};
}

/// x mod m for m != 0, with a subtraction instead of a division when x < 2m (the common case
/// for ADDMOD operands).
inline uint256 reduce_once(const uint256& x, const uint256& m) noexcept
{
    if (x < m) return x;
    const uint256 d = x - m;
    return d < m ? d : udivrem(d, m).rem;
}

/// All ones if x is negative as a two's complement number, else 0.
constexpr uint64_t sign_mask(const uint256& x) noexcept
{
    return 0 - (x[3] >> 63);
}

/// -x if mask is all ones, x if it is 0, without a branch on the (unpredictable) sign:
/// (x ^ M) - M with M the mask in every word.
inline uint256 negate_if(const uint256& x, uint64_t mask) noexcept
{
    const uint256 m{mask, mask, mask, mask};
    return (x ^ m) - m;
}

}  // namespace

namespace detail {

uint64_t reciprocal_2by1(uint64_t d) noexcept
{
    // Möller & Granlund, Algorithm 2: table lookup and two Newton steps to 40 bits, then a
    // final step and an exact correction, all in 64-bit arithmetic.
    const uint64_t d0 = d & 1;
    const uint64_t d9 = d >> 55;
    const uint64_t d40 = (d >> 24) + 1;
    const uint64_t d63 = (d >> 1) + d0;
    const uint64_t v0 = kReciprocalTable[static_cast<size_t>(d9 - 256)];
    const uint64_t v1 = (v0 << 11) - ((v0 * v0 * d40) >> 40) - 1;
    const uint64_t v2 = (v1 << 13) + ((v1 * ((uint64_t{1} << 60) - v1 * d40)) >> 47);
    const uint64_t e = ((v2 >> 1) & (0 - d0)) - v2 * d63;
    const uint64_t v3 = (hi(uint128{v2} * e) >> 1) + (v2 << 31);
    return v3 - hi(uint128{v3} * d + d) - d;
}

uint64_t reciprocal_3by2(uint64_t d1, uint64_t d0) noexcept
{
    // Möller & Granlund, Algorithm 6: adjust the reciprocal of d1 for the low word d0. The
    // paper's four conditional corrections are taken about a quarter to a half of the time on
    // random divisors, so they are computed as 0/1 values instead of branches.
    uint64_t v = reciprocal_2by1(d1);
    uint64_t p = d1 * v + d0;
    const uint64_t c1 = p < d0 ? 1 : 0;           // d1 * v + d0 carried out
    const uint64_t c1b = c1 & (p >= d1 ? 1 : 0);  // ... and needs a second step
    v -= c1 + c1b;
    p -= (0 - c1) & d1;
    p -= (0 - c1b) & d1;
    const uint128 t = uint128{v} * d0;
    p += hi(t);
    const uint64_t c2 = p < hi(t) ? 1 : 0;
    const uint64_t c2b = c2 & (make128(p, lo(t)) >= make128(d1, d0) ? 1 : 0);
    return v - c2 - c2b;
}

}  // namespace detail

DivResult udivrem(const uint256& a, const uint256& b) noexcept
{
    ULTRA_ASSERT(b != 0);
    DivResult r;  // every path fills this one object, so it is built in place (NRVO)
    if (a < b) {
        r.rem = a;
    } else if ((a[1] | a[2] | a[3]) == 0) {  // then b <= a fits in a word too
        r.quot[0] = a[0] / b[0];
        r.rem[0] = a[0] % b[0];
    } else {
        udivrem_words<4>(a.w, b, r.quot.w, r.rem.w);
    }
    return r;
}

uint256 sdiv(const uint256& a, const uint256& b) noexcept
{
    if (!b) return {};
    const uint64_t a_sign = sign_mask(a);
    const uint64_t b_sign = sign_mask(b);
    return negate_if(negate_if(a, a_sign) / negate_if(b, b_sign), a_sign ^ b_sign);
}

uint256 smod(const uint256& a, const uint256& b) noexcept
{
    if (!b) return {};
    const uint64_t a_sign = sign_mask(a);
    return negate_if(negate_if(a, a_sign) % negate_if(b, sign_mask(b)), a_sign);
}

uint256 addmod(const uint256& a, const uint256& b, const uint256& m) noexcept
{
    if (!m) return {};
    // Reduce each operand below m first; then a + b < 2m and one conditional subtraction ends
    // it. When a + b carries out of 256 bits the true sum is >= 2^256 > m, so subtracting m
    // with wrap-around gives the exact result.
    const uint256 x = reduce_once(a, m);
    const uint256 y = reduce_once(b, m);
    bool carry = false;
    uint256 s;
    s[0] = detail::addc(x[0], y[0], carry);
    s[1] = detail::addc(x[1], y[1], carry);
    s[2] = detail::addc(x[2], y[2], carry);
    s[3] = detail::addc(x[3], y[3], carry);
    if (carry || s >= m) s -= m;
    return s;
}

uint256 mulmod(const uint256& a, const uint256& b, const uint256& m) noexcept
{
    if (!m) return {};
    if ((a[1] | a[2] | a[3] | b[1] | b[2] | b[3] | m[1] | m[2] | m[3]) == 0)
        return static_cast<uint64_t>(uint128{a[0]} * b[0] % m[0]);
    const uint512 p = umul(a, b);
    if (significant_words(p.w, 8) < significant_words(m.w, 4))
        return {p.w[0], p.w[1], p.w[2], p.w[3]};
    uint64_t quot[8];
    uint256 rem;
    udivrem_words<8>(p.w, m, quot, rem.w);
    return rem;
}

uint256 exp(const uint256& base, const uint256& exponent) noexcept
{
    if (base == 2) return exponent < 256 ? uint256{1} << exponent[0] : uint256{};
    const unsigned bits = 256 - clz(exponent);
    if (bits <= 32) {
        // Short exponents: right-to-left binary; the squarings and the multiplications into
        // the result form two independent dependency chains.
        uint256 result = 1;
        uint256 b = base;
        for (unsigned i = 0; i < bits; ++i) {
            if ((exponent[0] >> i) & 1) result *= b;
            if (i + 1 < bits) b = square(b);
        }
        return result;
    }
    // Long exponents: left-to-right with a fixed 4-bit window, which needs 15 multiplications
    // for the table plus one per nibble instead of one per set bit, and no data-dependent
    // branch (a multiplication by table[0] == 1 is cheaper than a mispredicted branch).
    uint256 table[16];
    table[0] = 1;
    table[1] = base;
    for (size_t i = 2; i < 16; i += 2) {
        table[i] = square(table[i / 2]);
        table[i + 1] = table[i] * base;
    }
    const auto nibble = [&](unsigned k) { return (exponent[k / 16] >> (k % 16 * 4)) & 0xf; };
    unsigned k = (bits + 3) / 4 - 1;
    uint256 result = table[nibble(k)];
    while (k-- > 0) {
        result = square(square(square(square(result))));
        result *= table[nibble(k)];
    }
    return result;
}

std::string to_hex_string(const uint256& x)
{
    constexpr char kDigits[] = "0123456789abcdef";
    const unsigned ndigits = x ? (256 - clz(x) + 3) / 4 : 1;
    std::string s(2 + ndigits, '0');
    s[1] = 'x';
    for (unsigned i = 0; i < ndigits; ++i)
        s[s.size() - 1 - i] = kDigits[(x[i / 16] >> (i % 16 * 4)) & 0xf];
    return s;
}

std::string to_string(const uint256& x)
{
    if (!x) return "0";
    // Peel off 19 decimal digits at a time (10^19 is the largest power of ten below 2^64).
    constexpr uint64_t kChunk = 10'000'000'000'000'000'000ull;
    char buf[80];
    size_t pos = sizeof(buf);
    uint256 v = x;
    while (v) {
        const auto [q, r] = udivrem(v, kChunk);
        uint64_t chunk = r[0];
        v = q;
        for (int i = 0; i < 19 && (v || chunk); ++i) {
            buf[--pos] = static_cast<char>('0' + chunk % 10);
            chunk /= 10;
        }
    }
    return std::string(buf + pos, sizeof(buf) - pos);
}

}  // namespace ultra
