// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gmp.h>

#include <algorithm>
#include <bit>
#include <ultra/crypto/bls12_381.hpp>
#include <vector>

namespace ultra::crypto::bls12_381 {

namespace {

// ---------------------------------------------------------------------------------------------
// Constants

/// b of E: y² = x³ + 4, and b' = 4(u + 1) of the twist E'.
template <typename F>
struct CurveB;
template <>
struct CurveB<Fp>
{
    static constexpr Fp kB = fp_from_u64(4);
};
template <>
struct CurveB<Fp2>
{
    static constexpr Fp2 kB = {fp_from_u64(4), fp_from_u64(4)};
};

constexpr G1Affine kG1Generator{
    fp_hex("0x17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3"
           "af00adb22c6bb"),
    fp_hex("0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40ca"
           "a232946c5e7e1"),
    false,
};

constexpr G2Affine kG2Generator{
    fp2_hex("0x024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd4"
            "8056c8c121bdb8",
            "0x13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5a"
            "c7d055d042b7e"),
    fp2_hex("0x0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e1"
            "93548608b82801",
            "0x0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aa"
            "a9075ff05f79be"),
    false,
};

/// β, a primitive cube root of unity in Fp with σ(x, y) = (βx, y) acting on G1 as [−x²]
/// (checked on the generator by the unit tests).
constexpr Fp kBeta =
    fp_hex("0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe");

/// ψ(x, y) = (x̄·kPsiX, ȳ·kPsiY): kPsiX = 1/ξ^((p−1)/3), kPsiY = 1/ξ^((p−1)/2).
constexpr Fp2 kPsiX =
    fp2_hex("0x0",
            "0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bf"
            "d00000000aaad");
constexpr Fp2 kPsiY = fp2_hex(
    "0x135203e60180a68ee2e9c448d77a2cd91c3dedd930b1cf60ef396489f61eb45e304466cf3e67fa0af1e"
    "e7b04121bdea2",
    "0x06af0e0437ff400b6831e36d6bd17ffe48395dabc2d3435e77f76e17009241c5ee67992f72ec05f4c8"
    "1084fbede3cc09");
/// ψ²(x, y) = (x·kPsi2X, −y) with kPsi2X = 1/ξ^((p²−1)/3) (in Fp).
constexpr Fp kPsi2X = fp_hex(
    "0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd0000000"
    "0aaac");

// ---------------------------------------------------------------------------------------------
// Generic short-Weierstrass (a = 0) arithmetic in Jacobian coordinates.

template <typename F>
bool on_curve(const Affine<F>& p) noexcept
{
    if (p.infinity) return true;
    return square(p.y) == square(p.x) * p.x + CurveB<F>::kB;
}

/// The field's 1.
template <typename F>
constexpr F one_of() noexcept;
template <>
constexpr Fp one_of<Fp>() noexcept
{
    return kFpOne;
}
template <>
constexpr Fp2 one_of<Fp2>() noexcept
{
    return kFp2One;
}

template <typename F>
Jacobian<F> jac(const Affine<F>& p) noexcept
{
    if (p.infinity) return {};
    return {p.x, p.y, F{kFpOne}};
}

template <>
Jacobian<Fp2> jac(const Affine<Fp2>& p) noexcept
{
    if (p.infinity) return {};
    return {p.x, p.y, kFp2One};
}

template <typename F>
Affine<F> affine(const Jacobian<F>& p) noexcept
{
    if (is_zero(p.z)) return {};
    const F zinv = inverse(p.z);
    const F zinv2 = square(zinv);
    return {p.x * zinv2, p.y * zinv2 * zinv, false};
}

/// dbl-2009-l (a = 0): 2M + 5S.
template <typename F>
Jacobian<F> jdbl(const Jacobian<F>& p) noexcept
{
    const F a = square(p.x);
    const F b = square(p.y);
    const F c = square(b);
    const F d = dbl(square(p.x + b) - a - c);
    const F e = dbl(a) + a;
    const F f = square(e);
    Jacobian<F> r;
    r.x = f - dbl(d);
    const F c8 = dbl(dbl(dbl(c)));
    r.y = e * (d - r.x) - c8;
    r.z = dbl(p.y * p.z);
    return r;
}

/// add-2007-bl: 11M + 5S, complete (infinity, doubling and inverse cases).
template <typename F>
Jacobian<F> jadd(const Jacobian<F>& p, const Jacobian<F>& q) noexcept
{
    if (is_zero(p.z)) return q;
    if (is_zero(q.z)) return p;
    const F z1z1 = square(p.z);
    const F z2z2 = square(q.z);
    const F u1 = p.x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F rr = dbl(s2 - s1);
    if (is_zero(h)) {
        if (is_zero(rr)) return jdbl(p);
        return {};
    }
    const F i = square(dbl(h));
    const F j = h * i;
    const F v = u1 * i;
    Jacobian<F> r;
    r.x = square(rr) - j - dbl(v);
    r.y = rr * (v - r.x) - dbl(s1 * j);
    r.z = (square(p.z + q.z) - z1z1 - z2z2) * h;
    return r;
}

/// madd-2007-bl (Q affine): 7M + 4S, complete.
template <typename F>
Jacobian<F> jadd_mixed(const Jacobian<F>& p, const Affine<F>& q) noexcept
{
    if (q.infinity) return p;
    if (is_zero(p.z)) return jac(q);
    const F z1z1 = square(p.z);
    const F u2 = q.x * z1z1;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - p.x;
    const F rr = dbl(s2 - p.y);
    if (is_zero(h)) {
        if (is_zero(rr)) return jdbl(p);
        return {};
    }
    const F hh = square(h);
    const F i = dbl(dbl(hh));
    const F j = h * i;
    const F v = p.x * i;
    Jacobian<F> r;
    r.x = square(rr) - j - dbl(v);
    r.y = rr * (v - r.x) - dbl(p.y * j);
    r.z = square(p.z + h) - z1z1 - hh;
    return r;
}

template <typename F>
Jacobian<F> jneg(const Jacobian<F>& p) noexcept
{
    return {p.x, -p.y, p.z};
}

template <typename F>
bool jequal(const Jacobian<F>& p, const Jacobian<F>& q) noexcept
{
    const bool pi = is_zero(p.z);
    const bool qi = is_zero(q.z);
    if (pi || qi) return pi == qi;
    const F z1z1 = square(p.z);
    const F z2z2 = square(q.z);
    if (p.x * z2z2 != q.x * z1z1) return false;
    return p.y * z2z2 * q.z == q.y * z1z1 * p.z;
}

/// Bits [offset, offset + width) of a 256-bit scalar (width ≤ 32; bits past 255 read as 0).
uint32_t scalar_bits(const Scalar& k, unsigned offset, unsigned width) noexcept
{
    if (offset >= 256) return 0;
    const unsigned limb = offset / 64;
    const unsigned shift = offset % 64;
    uint64_t v = k[limb] >> shift;
    if (shift + width > 64 && limb + 1 < 4) v |= k[limb + 1] << (64 - shift);
    return static_cast<uint32_t>(v & ((uint64_t{1} << width) - 1));
}

/// [k]P, fixed 4-bit window over all 256 bits.
template <typename F>
Jacobian<F> jmul(const Jacobian<F>& p, const Scalar& k) noexcept
{
    std::array<Jacobian<F>, 16> table;
    table[1] = p;
    table[2] = jdbl(p);
    for (size_t i = 3; i < 16; ++i) table[i] = jadd(table[i - 1], p);
    Jacobian<F> r;
    for (unsigned w = 64; w-- > 0;) {
        if (!is_zero(r.z)) r = jdbl(jdbl(jdbl(jdbl(r))));
        const uint32_t d = scalar_bits(k, 4 * w, 4);
        if (d != 0) r = jadd(r, table[d]);
    }
    return r;
}

/// [|x|]P: |x| = 0xd201000000010000 has bits 63, 62, 60, 57, 48 and 16 set.
template <typename F>
Jacobian<F> jmul_abs_x(const Jacobian<F>& p) noexcept
{
    Jacobian<F> r = p;
    for (int bit = 62; bit >= 0; --bit) {
        r = jdbl(r);
        if (((kAbsX >> bit) & 1) != 0) r = jadd(r, p);
    }
    return r;
}

/// Normalises Jacobian points to affine with one inversion (Montgomery's trick).
template <typename F, size_t N>
std::array<Affine<F>, N> batch_affine(const std::array<Jacobian<F>, N>& pts) noexcept
{
    std::array<F, N> prefix;
    F acc = one_of<F>();
    for (size_t i = 0; i < N; ++i) {
        prefix[i] = acc;
        if (!is_zero(pts[i].z)) acc = acc * pts[i].z;
    }
    F inv = inverse(acc);
    std::array<Affine<F>, N> out{};
    for (size_t i = N; i-- > 0;) {
        if (is_zero(pts[i].z)) continue;  // stays the point at infinity
        const F zinv = inv * prefix[i];
        inv = inv * pts[i].z;
        const F zinv2 = square(zinv);
        out[i] = {pts[i].x * zinv2, pts[i].y * zinv2 * zinv, false};
    }
    return out;
}

/// Σ [k_j]P_j over M points with scalars of `bits` bits (≤ 256) by Shamir's trick: a table of
/// all 2^M − 1 subset sums (normalised to affine once, so the main loop uses mixed additions),
/// then one doubling and at most one addition per bit.
template <typename F, size_t M>
Jacobian<F> straus(const std::array<Jacobian<F>, M>& points,
                   const std::array<Scalar, M>& scalars,
                   unsigned bits) noexcept
{
    constexpr size_t kEntries = size_t{1} << M;
    std::array<Jacobian<F>, kEntries> sums{};
    for (size_t mask = 1; mask < kEntries; ++mask) {
        const auto low = static_cast<size_t>(std::countr_zero(mask));
        sums[mask] = jadd(sums[mask & (mask - 1)], points[low]);
    }
    const std::array<Affine<F>, kEntries> table = batch_affine(sums);
    Jacobian<F> acc;
    for (unsigned bit = bits; bit-- > 0;) {
        if (!is_zero(acc.z)) acc = jdbl(acc);
        size_t mask = 0;
        for (size_t j = 0; j < M; ++j) mask |= size_t{scalar_bits(scalars[j], bit, 1)} << j;
        if (mask != 0) acc = jadd_mixed(acc, table[mask]);
    }
    return acc;
}

/// x² = 0xac45a4010001a4020000000100000000 (little-endian limbs).
constexpr std::array<uint64_t, 2> kXSquared = {0x0000000100000000, 0xac45a4010001a402};

/// GLV split: k mod r = k0 + k1·x² with 0 ≤ k0 < x², k1 < 2^128.
void glv_split(const Scalar& k, Scalar& k0, Scalar& k1) noexcept
{
    static_assert(sizeof(mp_limb_t) == sizeof(uint64_t));
    const Scalar kr = reduce_scalar(k);
    mp_limb_t n[4] = {kr[0], kr[1], kr[2], kr[3]};
    const mp_limb_t d[2] = {kXSquared[0], kXSquared[1]};
    mp_limb_t q[3] = {};
    mp_limb_t rem[2] = {};
    mpn_tdiv_qr(q, rem, 0, n, 4, d, 2);
    k0 = {rem[0], rem[1], 0, 0};
    k1 = {q[0], q[1], 0, 0};  // q[2] = 0 since k < 2^255 < 2^128·x²
}

/// GLS split: k mod r = Σ d_i·|x|^i, i = 0..3, d_i < |x| (r < |x|⁴).
std::array<Scalar, 4> gls_split(const Scalar& k) noexcept
{
    Scalar kr = reduce_scalar(k);
    std::array<Scalar, 4> digits{};
    for (auto& digit : digits) {
        uint64_t rem = 0;
        for (size_t i = 4; i-- > 0;) {
            const uint128 cur = (static_cast<uint128>(rem) << 64) | kr[i];
            kr[i] = static_cast<uint64_t>(cur / kAbsX);
            rem = static_cast<uint64_t>(cur % kAbsX);
        }
        digit = {rem, 0, 0, 0};
    }
    return digits;
}

/// −σ(P) = (βx, −y) = [x²]P on G1.
G1 minus_sigma(const G1Affine& p) noexcept
{
    if (p.infinity) return {};
    return {p.x * kBeta, -p.y, kFpOne};
}

template <typename F>
bool by_order(const Affine<F>& p) noexcept
{
    return is_zero(jmul(jac(p), kGroupOrder).z);
}

// ---------------------------------------------------------------------------------------------
// Pippenger

/// Window width for n points: ⌊log2(n)⌋ − 1 (measured best at 16 and 128 points), in [2, 16].
unsigned pippenger_window(size_t n) noexcept
{
    const auto lg = static_cast<unsigned>(std::bit_width(n));
    if (lg <= 3) return 2;
    return std::min(16u, lg - 2);
}

template <typename F>
Jacobian<F> pippenger(std::span<const Affine<F>> points, std::span<const Scalar> scalars) noexcept
{
    const size_t n = std::min(points.size(), scalars.size());
    if (n == 0) return {};
    if (n == 1) return mul_subgroup(points[0], scalars[0]);

    const unsigned c = pippenger_window(n);
    const unsigned windows = (255 + c - 1) / c + 1;
    const int32_t half = int32_t{1} << (c - 1);
    const int32_t full = int32_t{1} << c;

    // Signed base-2^c digits in [−2^(c−1), 2^(c−1)): digits[i·windows + w].
    std::vector<int32_t> digits(n * windows);
    for (size_t i = 0; i < n; ++i) {
        const Scalar k = reduce_scalar(scalars[i]);
        int32_t carry = 0;
        for (unsigned w = 0; w < windows; ++w) {
            int32_t v = static_cast<int32_t>(scalar_bits(k, w * c, c)) + carry;
            carry = 0;
            if (v >= half) {
                v -= full;
                carry = 1;
            }
            digits[i * windows + w] = v;
        }
    }

    std::vector<Jacobian<F>> buckets(static_cast<size_t>(half));
    Jacobian<F> result;
    for (unsigned w = windows; w-- > 0;) {
        if (!is_zero(result.z))
            for (unsigned j = 0; j < c; ++j) result = jdbl(result);
        std::fill(buckets.begin(), buckets.end(), Jacobian<F>{});
        bool any = false;
        for (size_t i = 0; i < n; ++i) {
            const int32_t d = digits[i * windows + w];
            if (d == 0 || points[i].infinity) continue;
            any = true;
            if (d > 0) {
                auto& b = buckets[static_cast<size_t>(d - 1)];
                b = jadd_mixed(b, points[i]);
            } else {
                Affine<F> negp = points[i];
                negp.y = -negp.y;
                auto& b = buckets[static_cast<size_t>(-d - 1)];
                b = jadd_mixed(b, negp);
            }
        }
        if (!any) continue;
        // Σ (j+1)·bucket[j] by running sums from the top bucket down.
        Jacobian<F> running;
        Jacobian<F> sum;
        for (size_t j = buckets.size(); j-- > 0;) {
            running = jadd(running, buckets[j]);
            sum = jadd(sum, running);
        }
        result = jadd(result, sum);
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Compressed (ZCash) encoding helpers

constexpr uint8_t kFlagCompressed = 0x80;
constexpr uint8_t kFlagInfinity = 0x40;
constexpr uint8_t kFlagSign = 0x20;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

const G1Affine& g1_generator() noexcept
{
    return kG1Generator;
}

const G2Affine& g2_generator() noexcept
{
    return kG2Generator;
}

bool is_on_curve(const G1Affine& p) noexcept
{
    return on_curve(p);
}

bool is_on_curve(const G2Affine& p) noexcept
{
    return on_curve(p);
}

G1 to_jacobian(const G1Affine& p) noexcept
{
    return jac(p);
}

G2 to_jacobian(const G2Affine& p) noexcept
{
    return jac(p);
}

G1Affine to_affine(const G1& p) noexcept
{
    return affine(p);
}

G2Affine to_affine(const G2& p) noexcept
{
    return affine(p);
}

G1 add(const G1& p, const G1& q) noexcept
{
    return jadd(p, q);
}

G2 add(const G2& p, const G2& q) noexcept
{
    return jadd(p, q);
}

G1 add(const G1& p, const G1Affine& q) noexcept
{
    return jadd_mixed(p, q);
}

G2 add(const G2& p, const G2Affine& q) noexcept
{
    return jadd_mixed(p, q);
}

G1 dbl(const G1& p) noexcept
{
    return jdbl(p);
}

G2 dbl(const G2& p) noexcept
{
    return jdbl(p);
}

G1 neg(const G1& p) noexcept
{
    return jneg(p);
}

G2 neg(const G2& p) noexcept
{
    return jneg(p);
}

G1Affine neg(const G1Affine& p) noexcept
{
    if (p.infinity) return p;
    return {p.x, -p.y, false};
}

G2Affine neg(const G2Affine& p) noexcept
{
    if (p.infinity) return p;
    return {p.x, -p.y, false};
}

bool equal(const G1& p, const G1& q) noexcept
{
    return jequal(p, q);
}

bool equal(const G2& p, const G2& q) noexcept
{
    return jequal(p, q);
}

G1 mul(const G1& p, const Scalar& k) noexcept
{
    return jmul(p, k);
}

G2 mul(const G2& p, const Scalar& k) noexcept
{
    return jmul(p, k);
}

G1 mul_by_abs_x(const G1& p) noexcept
{
    return jmul_abs_x(p);
}

G2 mul_by_abs_x(const G2& p) noexcept
{
    return jmul_abs_x(p);
}

G1 mul_subgroup(const G1Affine& p, const Scalar& k) noexcept
{
    Scalar k0;
    Scalar k1;
    glv_split(k, k0, k1);
    return straus<Fp, 2>({jac(p), minus_sigma(p)}, {k0, k1}, 128);
}

G2 mul_subgroup(const G2Affine& q, const Scalar& k) noexcept
{
    const G2 q0 = jac(q);
    const G2 q2 = psi2(q0);
    return straus<Fp2, 4>({q0, jneg(psi(q0)), q2, jneg(psi(q2))}, gls_split(k), 64);
}

G1 double_mul_subgroup(const G1Affine& p,
                       const Scalar& a,
                       const G1Affine& q,
                       const Scalar& b) noexcept
{
    Scalar a0;
    Scalar a1;
    Scalar b0;
    Scalar b1;
    glv_split(a, a0, a1);
    glv_split(b, b0, b1);
    return straus<Fp, 4>({jac(p), minus_sigma(p), jac(q), minus_sigma(q)}, {a0, a1, b0, b1}, 128);
}

G2 psi(const G2& p) noexcept
{
    return {conjugate(p.x) * kPsiX, conjugate(p.y) * kPsiY, conjugate(p.z)};
}

G2 psi2(const G2& p) noexcept
{
    return {p.x * kPsi2X, -p.y, p.z};
}

bool in_subgroup(const G1Affine& p) noexcept
{
    if (p.infinity) return true;
    const G1 pj = jac(p);
    const G1 x2p = jmul_abs_x(jmul_abs_x(pj));  // [x²]P
    const G1 sigma{p.x * kBeta, p.y, kFpOne};
    return jequal(jneg(x2p), sigma);
}

bool in_subgroup(const G2Affine& p) noexcept
{
    if (p.infinity) return true;
    const G2 pj = jac(p);
    return jequal(psi(pj), jneg(jmul_abs_x(pj)));  // ψ(P) = [x]P, x < 0
}

bool in_subgroup_by_order(const G1Affine& p) noexcept
{
    return by_order(p);
}

bool in_subgroup_by_order(const G2Affine& p) noexcept
{
    return by_order(p);
}

G1 msm(std::span<const G1Affine> points, std::span<const Scalar> scalars) noexcept
{
    return pippenger(points, scalars);
}

G2 msm(std::span<const G2Affine> points, std::span<const Scalar> scalars) noexcept
{
    return pippenger(points, scalars);
}

G1 clear_cofactor(const G1& p) noexcept
{
    return jadd(jmul_abs_x(p), p);  // [1 − x]P = [1 + |x|]P
}

G2 clear_cofactor(const G2& p) noexcept
{
    // RFC 9380 G.3 with c1 = x (negative): [x]Q = −[|x|]Q.
    const G2 t1 = jneg(jmul_abs_x(p));  // x·P
    G2 t2 = psi(p);                     // ψ(P)
    G2 t3 = psi2(jdbl(p));              // ψ²(2P)
    t3 = jadd(t3, jneg(t2));            // ψ²(2P) − ψ(P)
    t2 = jadd(t1, t2);                  // x·P + ψ(P)
    t2 = jneg(jmul_abs_x(t2));          // x²·P + x·ψ(P)
    t3 = jadd(t3, t2);
    t3 = jadd(t3, jneg(t1));
    return jadd(t3, jneg(p));
}

Scalar reduce_scalar(const Scalar& k) noexcept
{
    Scalar r = k;
    // 2^256 < 3r, so at most two subtractions.
    for (int round = 0; round < 2; ++round) {
        bool ge = true;
        for (size_t i = 4; i-- > 0;) {
            if (r[i] != kGroupOrder[i]) {
                ge = r[i] > kGroupOrder[i];
                break;
            }
        }
        if (!ge) break;
        uint64_t borrow = 0;
        for (size_t i = 0; i < 4; ++i) {
            const uint128 s = static_cast<uint128>(r[i]) - kGroupOrder[i] - borrow;
            r[i] = static_cast<uint64_t>(s);
            borrow = static_cast<uint64_t>(s >> 64) & 1;
        }
    }
    return r;
}

std::optional<G1Affine> g1_from_compressed(std::span<const uint8_t, 48> in) noexcept
{
    const uint8_t flags = in[0];
    if ((flags & kFlagCompressed) == 0) return std::nullopt;
    if ((flags & kFlagInfinity) != 0) {
        if ((flags & ~(kFlagCompressed | kFlagInfinity)) != 0) return std::nullopt;
        for (size_t i = 1; i < 48; ++i)
            if (in[i] != 0) return std::nullopt;
        return G1Affine{};
    }
    std::array<uint8_t, 48> xb{};
    std::copy(in.begin(), in.end(), xb.begin());
    xb[0] &= 0x1f;
    const auto x = fp_from_bytes(xb);
    if (!x) return std::nullopt;
    const auto y = sqrt(square(*x) * *x + CurveB<Fp>::kB);
    if (!y) return std::nullopt;
    const bool want_largest = (flags & kFlagSign) != 0;
    const Fp yy = is_lexicographically_largest(*y) == want_largest ? *y : -*y;
    return G1Affine{*x, yy, false};
}

std::optional<G2Affine> g2_from_compressed(std::span<const uint8_t, 96> in) noexcept
{
    const uint8_t flags = in[0];
    if ((flags & kFlagCompressed) == 0) return std::nullopt;
    if ((flags & kFlagInfinity) != 0) {
        if ((flags & ~(kFlagCompressed | kFlagInfinity)) != 0) return std::nullopt;
        for (size_t i = 1; i < 96; ++i)
            if (in[i] != 0) return std::nullopt;
        return G2Affine{};
    }
    std::array<uint8_t, 48> c1b{};
    std::array<uint8_t, 48> c0b{};
    std::copy(in.begin(), in.begin() + 48, c1b.begin());
    std::copy(in.begin() + 48, in.end(), c0b.begin());
    c1b[0] &= 0x1f;
    const auto c1 = fp_from_bytes(c1b);
    const auto c0 = fp_from_bytes(c0b);
    if (!c1 || !c0) return std::nullopt;
    const Fp2 x{*c0, *c1};
    const auto y = sqrt(square(x) * x + CurveB<Fp2>::kB);
    if (!y) return std::nullopt;
    const bool want_largest = (flags & kFlagSign) != 0;
    const Fp2 yy = is_lexicographically_largest(*y) == want_largest ? *y : -*y;
    return G2Affine{x, yy, false};
}

std::array<uint8_t, 48> g1_to_compressed(const G1Affine& p) noexcept
{
    std::array<uint8_t, 48> out{};
    if (p.infinity) {
        out[0] = kFlagCompressed | kFlagInfinity;
        return out;
    }
    fp_to_bytes(p.x, out);
    out[0] |= kFlagCompressed;
    if (is_lexicographically_largest(p.y)) out[0] |= kFlagSign;
    return out;
}

std::array<uint8_t, 96> g2_to_compressed(const G2Affine& p) noexcept
{
    std::array<uint8_t, 96> out{};
    if (p.infinity) {
        out[0] = kFlagCompressed | kFlagInfinity;
        return out;
    }
    fp_to_bytes(p.x.c1, std::span<uint8_t, 48>(out.data(), 48));
    fp_to_bytes(p.x.c0, std::span<uint8_t, 48>(out.data() + 48, 48));
    out[0] |= kFlagCompressed;
    if (is_lexicographically_largest(p.y)) out[0] |= kFlagSign;
    return out;
}

}  // namespace ultra::crypto::bls12_381
