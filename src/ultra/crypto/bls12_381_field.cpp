// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bls12_381_field.hpp"

#include <gmp.h>

#include <cstring>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace ultra::crypto::bls12_381 {

// ---------------------------------------------------------------------------------------------
// Montgomery multiplication with mulx/adcx/adox (x86-64 BMI2 + ADX).
//
// CIOS with two independent carry chains: adcx carries the low halves, adox the high halves,
// so each limb product costs one mulx and two flag-chained additions. The six outer rounds are
// unrolled and rotate the seven accumulator registers instead of shifting limbs; the final
// conditional subtraction is branch-free (cmovnc). Registers: rdi = out, rsi = a, rcx = b,
// r8..r14 = accumulator, rax/rbx = product halves, rdx = mulx multiplicand.

#if defined(__x86_64__) && defined(__ELF__)

namespace detail {
namespace {

using Wide = std::array<uint64_t, 12>;

/// a + b on six limbs without reduction (a, b < p, so the sum is < 2^382).
std::array<uint64_t, 6> add_unreduced(const Fp& a, const Fp& b) noexcept
{
    std::array<uint64_t, 6> r{};
    unsigned char c = 0;
    for (size_t i = 0; i < 6; ++i) {
        unsigned long long t;
        c = _addcarry_u64(c, a.v[i], b.v[i], &t);
        r[i] = t;
    }
    return r;
}

/// a ← a − b on 12 limbs; returns the borrow.
bool sub_wide(Wide& a, const Wide& b) noexcept
{
    unsigned char br = 0;
    for (size_t i = 0; i < 12; ++i) {
        unsigned long long t;
        br = _subborrow_u64(br, a[i], b[i], &t);
        a[i] = t;
    }
    return br != 0;
}

/// a ← a + p·2^384 (the carry out cancels the borrow of the subtraction before).
void add_p_high(Wide& a) noexcept
{
    unsigned char c = 0;
    for (size_t i = 0; i < 6; ++i) {
        unsigned long long t;
        c = _addcarry_u64(c, a[6 + i], kModulus[i], &t);
        a[6 + i] = t;
    }
}

}  // namespace
}  // namespace detail

extern "C" void ultra_bls12_381_mont_mul_adx(uint64_t* out,
                                             const uint64_t* a,
                                             const uint64_t* b) noexcept;

// The common end of both routines: r14, r8..r12 (< 2p) minus p unless that borrows, stored to
// [rdi]; then the saved registers are restored and the routine returns.
#define ULTRA_BLS_SUB_P_STORE_RET                     \
    "mov rax, r14\n"                                  \
    "sub rax, qword ptr [rip + .Lultra_bls_p]\n"      \
    "mov rbx, r8\n"                                   \
    "sbb rbx, qword ptr [rip + .Lultra_bls_p + 8]\n"  \
    "mov rdx, r9\n"                                   \
    "sbb rdx, qword ptr [rip + .Lultra_bls_p + 16]\n" \
    "mov r15, r10\n"                                  \
    "sbb r15, qword ptr [rip + .Lultra_bls_p + 24]\n" \
    "mov rbp, r11\n"                                  \
    "sbb rbp, qword ptr [rip + .Lultra_bls_p + 32]\n" \
    "mov rsi, r12\n"                                  \
    "sbb rsi, qword ptr [rip + .Lultra_bls_p + 40]\n" \
    "cmovnc r14, rax\n"                               \
    "cmovnc r8, rbx\n"                                \
    "cmovnc r9, rdx\n"                                \
    "cmovnc r10, r15\n"                               \
    "cmovnc r11, rbp\n"                               \
    "cmovnc r12, rsi\n"                               \
    "mov qword ptr [rdi], r14\n"                      \
    "mov qword ptr [rdi + 8], r8\n"                   \
    "mov qword ptr [rdi + 16], r9\n"                  \
    "mov qword ptr [rdi + 24], r10\n"                 \
    "mov qword ptr [rdi + 32], r11\n"                 \
    "mov qword ptr [rdi + 40], r12\n"                 \
    "pop r15\n"                                       \
    "pop r14\n"                                       \
    "pop r13\n"                                       \
    "pop r12\n"                                       \
    "pop rbp\n"                                       \
    "pop rbx\n"                                       \
    "ret\n"

// t[0..6] = a · b[0] (first round: plain add/adc chain).
#define ULTRA_BLS_MUL_FIRST(T0, T1, T2, T3, T4, T5, T6) \
    "mov rdx, qword ptr [rcx]\n"                        \
    "mulx " #T1 ", " #T0                                \
    ", qword ptr [rsi]\n"                               \
    "mulx " #T2                                         \
    ", rax, qword ptr [rsi + 8]\n"                      \
    "add " #T1                                          \
    ", rax\n"                                           \
    "mulx " #T3                                         \
    ", rax, qword ptr [rsi + 16]\n"                     \
    "adc " #T2                                          \
    ", rax\n"                                           \
    "mulx " #T4                                         \
    ", rax, qword ptr [rsi + 24]\n"                     \
    "adc " #T3                                          \
    ", rax\n"                                           \
    "mulx " #T5                                         \
    ", rax, qword ptr [rsi + 32]\n"                     \
    "adc " #T4                                          \
    ", rax\n"                                           \
    "mulx " #T6                                         \
    ", rax, qword ptr [rsi + 40]\n"                     \
    "adc " #T5                                          \
    ", rax\n"                                           \
    "adc " #T6 ", 0\n"

// t[0..6] = t[0..5] + a · b[OFF/8].
#define ULTRA_BLS_MAC(OFF, T0, T1, T2, T3, T4, T5, T6) \
    "mov rdx, qword ptr [rcx + " #OFF                  \
    "]\n"                                              \
    "xor " #T6 ", " #T6                                \
    "\n"                                               \
    "mulx rbx, rax, qword ptr [rsi]\n"                 \
    "adcx " #T0                                        \
    ", rax\n"                                          \
    "adox " #T1                                        \
    ", rbx\n"                                          \
    "mulx rbx, rax, qword ptr [rsi + 8]\n"             \
    "adcx " #T1                                        \
    ", rax\n"                                          \
    "adox " #T2                                        \
    ", rbx\n"                                          \
    "mulx rbx, rax, qword ptr [rsi + 16]\n"            \
    "adcx " #T2                                        \
    ", rax\n"                                          \
    "adox " #T3                                        \
    ", rbx\n"                                          \
    "mulx rbx, rax, qword ptr [rsi + 24]\n"            \
    "adcx " #T3                                        \
    ", rax\n"                                          \
    "adox " #T4                                        \
    ", rbx\n"                                          \
    "mulx rbx, rax, qword ptr [rsi + 32]\n"            \
    "adcx " #T4                                        \
    ", rax\n"                                          \
    "adox " #T5                                        \
    ", rbx\n"                                          \
    "mulx rbx, rax, qword ptr [rsi + 40]\n"            \
    "adcx " #T5                                        \
    ", rax\n"                                          \
    "adox " #T6                                        \
    ", rbx\n"                                          \
    "mov eax, 0\n"                                     \
    "adcx " #T6 ", rax\n"

// t += m·p with m = t[0]·(−p⁻¹) mod 2^64, which zeroes t[0] (the caller then drops it).
#define ULTRA_BLS_REDUCE(T0, T1, T2, T3, T4, T5, T6)        \
    "mov rdx, " #T0                                         \
    "\n"                                                    \
    "imul rdx, qword ptr [rip + .Lultra_bls_inv]\n"         \
    "xor eax, eax\n"                                        \
    "mulx rbx, rax, qword ptr [rip + .Lultra_bls_p]\n"      \
    "adcx " #T0                                             \
    ", rax\n"                                               \
    "adox " #T1                                             \
    ", rbx\n"                                               \
    "mulx rbx, rax, qword ptr [rip + .Lultra_bls_p + 8]\n"  \
    "adcx " #T1                                             \
    ", rax\n"                                               \
    "adox " #T2                                             \
    ", rbx\n"                                               \
    "mulx rbx, rax, qword ptr [rip + .Lultra_bls_p + 16]\n" \
    "adcx " #T2                                             \
    ", rax\n"                                               \
    "adox " #T3                                             \
    ", rbx\n"                                               \
    "mulx rbx, rax, qword ptr [rip + .Lultra_bls_p + 24]\n" \
    "adcx " #T3                                             \
    ", rax\n"                                               \
    "adox " #T4                                             \
    ", rbx\n"                                               \
    "mulx rbx, rax, qword ptr [rip + .Lultra_bls_p + 32]\n" \
    "adcx " #T4                                             \
    ", rax\n"                                               \
    "adox " #T5                                             \
    ", rbx\n"                                               \
    "mulx rbx, rax, qword ptr [rip + .Lultra_bls_p + 40]\n" \
    "adcx " #T5                                             \
    ", rax\n"                                               \
    "adox " #T6                                             \
    ", rbx\n"                                               \
    "mov eax, 0\n"                                          \
    "adcx " #T6 ", rax\n"

// clang-format off
asm(".intel_syntax noprefix\n"
    ".section .rodata\n"
    ".p2align 3\n"
    ".Lultra_bls_p:\n"
    ".quad 0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624\n"
    ".quad 0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a\n"
    ".Lultra_bls_inv:\n"
    ".quad 0x89f3fffcfffcfffd\n"
    ".text\n"
    ".p2align 4\n"
    ".globl ultra_bls12_381_mont_mul_adx\n"
    ".hidden ultra_bls12_381_mont_mul_adx\n"
    ".type ultra_bls12_381_mont_mul_adx, @function\n"
    "ultra_bls12_381_mont_mul_adx:\n"
    "push rbx\n"
    "push rbp\n"
    "push r12\n"
    "push r13\n"
    "push r14\n"
    "push r15\n"
    "mov rcx, rdx\n"
    ULTRA_BLS_MUL_FIRST(r8, r9, r10, r11, r12, r13, r14)
    ULTRA_BLS_REDUCE(r8, r9, r10, r11, r12, r13, r14)
    ULTRA_BLS_MAC(8, r9, r10, r11, r12, r13, r14, r8)
    ULTRA_BLS_REDUCE(r9, r10, r11, r12, r13, r14, r8)
    ULTRA_BLS_MAC(16, r10, r11, r12, r13, r14, r8, r9)
    ULTRA_BLS_REDUCE(r10, r11, r12, r13, r14, r8, r9)
    ULTRA_BLS_MAC(24, r11, r12, r13, r14, r8, r9, r10)
    ULTRA_BLS_REDUCE(r11, r12, r13, r14, r8, r9, r10)
    ULTRA_BLS_MAC(32, r12, r13, r14, r8, r9, r10, r11)
    ULTRA_BLS_REDUCE(r12, r13, r14, r8, r9, r10, r11)
    ULTRA_BLS_MAC(40, r13, r14, r8, r9, r10, r11, r12)
    ULTRA_BLS_REDUCE(r13, r14, r8, r9, r10, r11, r12)
    // result limbs: r14, r8, r9, r10, r11, r12 (< 2p); subtract p unless that borrows.
    ULTRA_BLS_SUB_P_STORE_RET
    ".size ultra_bls12_381_mont_mul_adx, .-ultra_bls12_381_mont_mul_adx\n"
    ".att_syntax prefix\n");
// clang-format on

// 768-bit product a·b (no reduction), for lazily reduced Fp2 products.
extern "C" void ultra_bls12_381_mul_wide_adx(uint64_t* out,
                                             const uint64_t* a,
                                             const uint64_t* b) noexcept;
// Montgomery reduction t·2^-384 mod p of a 768-bit t < p·2^384: six reduction rounds on the low
// half alone, then the high half added, then one conditional subtraction.
extern "C" void ultra_bls12_381_redc_adx(uint64_t* out, const uint64_t* t) noexcept;

// clang-format off
asm(".intel_syntax noprefix\n"
    ".text\n"
    ".p2align 4\n"
    ".globl ultra_bls12_381_mul_wide_adx\n"
    ".hidden ultra_bls12_381_mul_wide_adx\n"
    ".type ultra_bls12_381_mul_wide_adx, @function\n"
    "ultra_bls12_381_mul_wide_adx:\n"
    "push rbx\n"
    "push r12\n"
    "push r13\n"
    "push r14\n"
    "mov rcx, rdx\n"
    ULTRA_BLS_MUL_FIRST(r8, r9, r10, r11, r12, r13, r14)
    "mov qword ptr [rdi], r8\n"
    ULTRA_BLS_MAC(8, r9, r10, r11, r12, r13, r14, r8)
    "mov qword ptr [rdi + 8], r9\n"
    ULTRA_BLS_MAC(16, r10, r11, r12, r13, r14, r8, r9)
    "mov qword ptr [rdi + 16], r10\n"
    ULTRA_BLS_MAC(24, r11, r12, r13, r14, r8, r9, r10)
    "mov qword ptr [rdi + 24], r11\n"
    ULTRA_BLS_MAC(32, r12, r13, r14, r8, r9, r10, r11)
    "mov qword ptr [rdi + 32], r12\n"
    ULTRA_BLS_MAC(40, r13, r14, r8, r9, r10, r11, r12)
    "mov qword ptr [rdi + 40], r13\n"
    "mov qword ptr [rdi + 48], r14\n"
    "mov qword ptr [rdi + 56], r8\n"
    "mov qword ptr [rdi + 64], r9\n"
    "mov qword ptr [rdi + 72], r10\n"
    "mov qword ptr [rdi + 80], r11\n"
    "mov qword ptr [rdi + 88], r12\n"
    "pop r14\n"
    "pop r13\n"
    "pop r12\n"
    "pop rbx\n"
    "ret\n"
    ".size ultra_bls12_381_mul_wide_adx, .-ultra_bls12_381_mul_wide_adx\n"
    ".p2align 4\n"
    ".globl ultra_bls12_381_redc_adx\n"
    ".hidden ultra_bls12_381_redc_adx\n"
    ".type ultra_bls12_381_redc_adx, @function\n"
    "ultra_bls12_381_redc_adx:\n"
    "push rbx\n"
    "push rbp\n"
    "push r12\n"
    "push r13\n"
    "push r14\n"
    "push r15\n"
    "mov r8, qword ptr [rsi]\n"
    "mov r9, qword ptr [rsi + 8]\n"
    "mov r10, qword ptr [rsi + 16]\n"
    "mov r11, qword ptr [rsi + 24]\n"
    "mov r12, qword ptr [rsi + 32]\n"
    "mov r13, qword ptr [rsi + 40]\n"
    "xor r14, r14\n"
    ULTRA_BLS_REDUCE(r8, r9, r10, r11, r12, r13, r14)
    "xor r8, r8\n"
    ULTRA_BLS_REDUCE(r9, r10, r11, r12, r13, r14, r8)
    "xor r9, r9\n"
    ULTRA_BLS_REDUCE(r10, r11, r12, r13, r14, r8, r9)
    "xor r10, r10\n"
    ULTRA_BLS_REDUCE(r11, r12, r13, r14, r8, r9, r10)
    "xor r11, r11\n"
    ULTRA_BLS_REDUCE(r12, r13, r14, r8, r9, r10, r11)
    "xor r12, r12\n"
    ULTRA_BLS_REDUCE(r13, r14, r8, r9, r10, r11, r12)
    // U = r14, r8..r12 (≤ p); add the high half (< p): the sum is < 2p.
    "add r14, qword ptr [rsi + 48]\n"
    "adc r8, qword ptr [rsi + 56]\n"
    "adc r9, qword ptr [rsi + 64]\n"
    "adc r10, qword ptr [rsi + 72]\n"
    "adc r11, qword ptr [rsi + 80]\n"
    "adc r12, qword ptr [rsi + 88]\n"
    ULTRA_BLS_SUB_P_STORE_RET
    ".size ultra_bls12_381_redc_adx, .-ultra_bls12_381_redc_adx\n"
    ".att_syntax prefix\n");
// clang-format on

#undef ULTRA_BLS_MUL_FIRST
#undef ULTRA_BLS_MAC
#undef ULTRA_BLS_REDUCE
#undef ULTRA_BLS_SUB_P_STORE_RET

namespace detail {

namespace {
bool cpu_has_adx() noexcept
{
    // CPUID leaf 7, sub-leaf 0: EBX bit 8 = BMI2 (mulx), bit 19 = ADX (adcx/adox).
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
    return (ebx & (1u << 8)) != 0 && (ebx & (1u << 19)) != 0;
}
}  // namespace

const bool kHasAdx = cpu_has_adx();

Fp fp_mont_mul_adx(const Fp& a, const Fp& b) noexcept
{
    Fp r;
    ultra_bls12_381_mont_mul_adx(r.v.data(), a.v.data(), b.v.data());
    return r;
}

Fp fp_mont_sqr_adx(const Fp& a) noexcept
{
    Fp r;
    ultra_bls12_381_mont_mul_adx(r.v.data(), a.v.data(), a.v.data());
    return r;
}

Fp2 fp2_mul_lazy_adx(const Fp2& a, const Fp2& b) noexcept
{
    // c0 = a0b0 − a1b1 and c1 = (a0 + a1)(b0 + b1) − a0b0 − a1b1 are formed on 768-bit
    // products and reduced once each: 3 products, 2 reductions (instead of 3 full Montgomery
    // products). The sums a0 + a1, b0 + b1 stay unreduced (< 2p < 2^382).
    Wide t0;
    Wide t1;
    Wide t2;
    ultra_bls12_381_mul_wide_adx(t0.data(), a.c0.v.data(), b.c0.v.data());
    ultra_bls12_381_mul_wide_adx(t1.data(), a.c1.v.data(), b.c1.v.data());
    const std::array<uint64_t, 6> sa = add_unreduced(a.c0, a.c1);
    const std::array<uint64_t, 6> sb = add_unreduced(b.c0, b.c1);
    ultra_bls12_381_mul_wide_adx(t2.data(), sa.data(), sb.data());
    sub_wide(t2, t0);  // a0b1 + a1b0 + a1b1 ≥ 0
    sub_wide(t2, t1);  // a0b1 + a1b0 < 2p² < p·2^384
    Wide d = t0;
    if (sub_wide(d, t1)) add_p_high(d);  // a0b0 − a1b1 (+ p·2^384 if negative)
    Fp2 r;
    ultra_bls12_381_redc_adx(r.c0.v.data(), d.data());
    ultra_bls12_381_redc_adx(r.c1.v.data(), t2.data());
    return r;
}

}  // namespace detail

#elif defined(__x86_64__)

namespace detail {
const bool kHasAdx = false;
Fp fp_mont_mul_adx(const Fp& a, const Fp& b) noexcept
{
    return fp_mont_mul(a, b);
}
Fp fp_mont_sqr_adx(const Fp& a) noexcept
{
    return fp_mont_mul(a, a);
}
Fp2 fp2_mul_lazy_adx(const Fp2& a, const Fp2& b) noexcept
{
    return fp2_mul_plain(a, b);
}
}  // namespace detail

#endif

// ---------------------------------------------------------------------------------------------
// Exponents derived from p at compile time.

namespace {

using Limbs = std::array<uint64_t, 6>;

constexpr Limbs sub_small(Limbs a, uint64_t s) noexcept
{
    for (auto& limb : a) {
        const uint64_t prev = limb;
        limb -= s;
        if (prev >= s) break;
        s = 1;
    }
    return a;
}

constexpr Limbs add_small(Limbs a, uint64_t s) noexcept
{
    for (auto& limb : a) {
        limb += s;
        if (limb >= s) break;
        s = 1;
    }
    return a;
}

constexpr Limbs shr(Limbs a, unsigned k) noexcept
{
    for (size_t i = 0; i < 6; ++i) {
        const uint64_t hi = i + 1 < 6 ? a[i + 1] : 0;
        a[i] = (a[i] >> k) | (hi << (64 - k));
    }
    return a;
}

constexpr Limbs kPMinus2 = sub_small(kModulus, 2);
constexpr Limbs kPPlus1Div4 = shr(add_small(kModulus, 1), 2);
constexpr Limbs kPMinus1Div2 = shr(sub_small(kModulus, 1), 1);
constexpr Limbs kPMinus3Div4 = shr(sub_small(kModulus, 3), 2);

/// Left-to-right square-and-multiply with a 4-bit fixed window, shared by every field.
template <typename F, typename Sqr, typename Mul>
F pow_window(const F& a, const F& one, std::span<const uint64_t> e, Sqr sqr_fn, Mul mul_fn) noexcept
{
    std::array<F, 16> table;
    table[0] = one;
    table[1] = a;
    for (size_t i = 2; i < 16; ++i) table[i] = mul_fn(table[i - 1], a);
    F r = one;
    bool started = false;
    for (size_t limb = e.size(); limb-- > 0;) {
        for (int nib = 15; nib >= 0; --nib) {
            const auto d = static_cast<size_t>((e[limb] >> (4 * nib)) & 0xf);
            if (started) r = sqr_fn(sqr_fn(sqr_fn(sqr_fn(r))));
            if (d != 0) {
                r = started ? mul_fn(r, table[d]) : table[d];
                started = true;
            }
        }
    }
    return r;
}

bool is_one(const Fp& a) noexcept
{
    return a == kFpOne;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Fp

Fp pow(const Fp& a, std::span<const uint64_t> exponent) noexcept
{
    return pow_window(
        a, kFpOne, exponent, [](const Fp& x) { return square(x); },
        [](const Fp& x, const Fp& y) { return x * y; });
}

Fp inverse(const Fp& a) noexcept
{
    // Variable-time extended GCD (GMP's Lehmer/half-gcd mpn_gcdext): about 10x faster than
    // Fermat's a^(p−2). With A = a·R the stored value, gcdext gives A⁻¹ and
    // mont(A⁻¹, R³) = a⁻¹·R. U = A + p ≥ V = p satisfies mpn_gcdext's U ≥ V precondition and
    // U ≡ A (mod p).
    if (is_zero(a)) return Fp{};  // inv0
    mp_limb_t u[7] = {};
    mp_limb_t v[7] = {};
    mp_limb_t g[7] = {};
    mp_limb_t s[7] = {};
    static_assert(sizeof(mp_limb_t) == sizeof(uint64_t));
    mp_limb_t carry = 0;
    for (size_t i = 0; i < 6; ++i) {
        const uint128 t = static_cast<uint128>(a.v[i]) + kModulus[i] + carry;
        u[i] = static_cast<mp_limb_t>(t);
        carry = static_cast<mp_limb_t>(t >> 64);
    }
    std::memcpy(v, kModulus.data(), sizeof(uint64_t) * 6);
    mp_size_t sn = 0;
    const mp_size_t gn = mpn_gcdext(g, s, &sn, u, 6, v, 6);
    if (gn != 1 || g[0] != 1) return Fp{};  // unreachable: p is prime and a ≠ 0
    Limbs inv{};
    const size_t n = static_cast<size_t>(sn < 0 ? -sn : sn);
    for (size_t i = 0; i < n && i < 6; ++i) inv[i] = s[i];
    if (sn < 0) {  // A⁻¹ = p − |S|
        uint64_t borrow = 0;
        for (size_t i = 0; i < 6; ++i) {
            const uint128 t = static_cast<uint128>(kModulus[i]) - inv[i] - borrow;
            inv[i] = static_cast<uint64_t>(t);
            borrow = static_cast<uint64_t>(t >> 64) & 1;
        }
    }
    constexpr Fp kR3{{0xed48ac6bd94ca1e0, 0x315f831e03a7adf8, 0x9a53352a615e29dd,
                      0x34c04e5e921e1761, 0x2512d43565724728, 0x0aa6346091755d4d}};
    return Fp{inv} * kR3;
}

Fp inverse_fermat(const Fp& a) noexcept
{
    return pow(a, kPMinus2);  // 0^(p−2) = 0 as inv0 requires
}

bool is_square(const Fp& a) noexcept
{
    if (is_zero(a)) return true;
    return is_one(pow(a, kPMinus1Div2));  // Euler's criterion
}

std::optional<Fp> sqrt(const Fp& a) noexcept
{
    const Fp c = pow(a, kPPlus1Div4);  // p ≡ 3 (mod 4)
    if (square(c) != a) return std::nullopt;
    return c;
}

bool sgn0(const Fp& a) noexcept
{
    return (fp_to_canonical(a)[0] & 1) != 0;
}

bool is_lexicographically_largest(const Fp& a) noexcept
{
    const Limbs c = fp_to_canonical(a);
    for (size_t i = 6; i-- > 0;) {
        if (c[i] != kPMinus1Div2[i]) return c[i] > kPMinus1Div2[i];
    }
    return false;
}

std::optional<Fp> fp_from_bytes(std::span<const uint8_t, 48> in) noexcept
{
    Limbs limbs{};
    for (size_t i = 0; i < 6; ++i) {
        uint64_t w = 0;
        for (size_t j = 0; j < 8; ++j) w = (w << 8) | in[8 * (5 - i) + j];
        limbs[i] = w;
    }
    for (size_t i = 6; i-- > 0;) {
        if (limbs[i] < kModulus[i]) return fp_from_canonical(limbs);
        if (limbs[i] > kModulus[i]) return std::nullopt;
    }
    return std::nullopt;  // equal to p
}

void fp_to_bytes(const Fp& a, std::span<uint8_t, 48> out) noexcept
{
    const Limbs c = fp_to_canonical(a);
    for (size_t i = 0; i < 6; ++i) {
        for (size_t j = 0; j < 8; ++j)
            out[8 * (5 - i) + j] = static_cast<uint8_t>(c[i] >> (8 * (7 - j)));
    }
}

// ---------------------------------------------------------------------------------------------
// Fp2

Fp2 inverse(const Fp2& a) noexcept
{
    const Fp t = inverse(square(a.c0) + square(a.c1));  // 1/(c0² + c1²)
    return {a.c0 * t, -(a.c1 * t)};
}

Fp2 pow(const Fp2& a, std::span<const uint64_t> exponent) noexcept
{
    return pow_window(
        a, kFp2One, exponent, [](const Fp2& x) { return square(x); },
        [](const Fp2& x, const Fp2& y) { return x * y; });
}

bool is_square(const Fp2& a) noexcept
{
    return is_square(square(a.c0) + square(a.c1));  // the norm N(a) = a·ā
}

std::optional<Fp2> sqrt(const Fp2& a) noexcept
{
    // Adj & Rodríguez-Henríquez, "Square root computation over even extension fields",
    // Algorithm 9 (q = p² with p ≡ 3 mod 4).
    const Fp2 a1 = pow(a, kPMinus3Div4);
    const Fp2 alpha = a1 * (a1 * a);
    const Fp2 x0 = a1 * a;
    Fp2 x;
    if (alpha == Fp2{-kFpOne, Fp{}}) {
        x = Fp2{-x0.c1, x0.c0};  // u·x0
    } else {
        const Fp2 b = pow(alpha + kFp2One, kPMinus1Div2);
        x = b * x0;
    }
    if (square(x) != a) return std::nullopt;
    return x;
}

bool sgn0(const Fp2& a) noexcept
{
    const bool sign0 = sgn0(a.c0);
    const bool zero0 = is_zero(a.c0);
    const bool sign1 = sgn0(a.c1);
    return sign0 || (zero0 && sign1);
}

bool is_lexicographically_largest(const Fp2& a) noexcept
{
    if (!is_zero(a.c1)) return is_lexicographically_largest(a.c1);
    return is_lexicographically_largest(a.c0);
}

// ---------------------------------------------------------------------------------------------
// Fp6

Fp6 operator+(const Fp6& a, const Fp6& b) noexcept
{
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
}

Fp6 operator-(const Fp6& a, const Fp6& b) noexcept
{
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
}

Fp6 operator-(const Fp6& a) noexcept
{
    return {-a.c0, -a.c1, -a.c2};
}

Fp6 operator*(const Fp6& a, const Fp6& b) noexcept
{
    const Fp2 t0 = a.c0 * b.c0;
    const Fp2 t1 = a.c1 * b.c1;
    const Fp2 t2 = a.c2 * b.c2;
    const Fp2 c0 = t0 + mul_by_xi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2);
    const Fp2 c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + mul_by_xi(t2);
    const Fp2 c2 = (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1;
    return {c0, c1, c2};
}

Fp6 square(const Fp6& a) noexcept
{
    const Fp2 s0 = square(a.c0);
    const Fp2 s1 = dbl(a.c0 * a.c1);
    const Fp2 s2 = square(a.c0 - a.c1 + a.c2);
    const Fp2 s3 = dbl(a.c1 * a.c2);
    const Fp2 s4 = square(a.c2);
    return {s0 + mul_by_xi(s3), s1 + mul_by_xi(s4), s1 + s2 + s3 - s0 - s4};
}

Fp6 mul_by_v(const Fp6& a) noexcept
{
    return {mul_by_xi(a.c2), a.c0, a.c1};
}

Fp6 mul_by_01(const Fp6& a, const Fp2& b0, const Fp2& b1) noexcept
{
    const Fp2 t0 = a.c0 * b0;
    const Fp2 t1 = a.c1 * b1;
    const Fp2 c0 = t0 + mul_by_xi(a.c2 * b1);
    const Fp2 c1 = (a.c0 + a.c1) * (b0 + b1) - t0 - t1;
    const Fp2 c2 = t1 + a.c2 * b0;
    return {c0, c1, c2};
}

Fp6 mul_by_1(const Fp6& a, const Fp2& b1) noexcept
{
    return {mul_by_xi(a.c2 * b1), a.c0 * b1, a.c1 * b1};
}

Fp6 inverse(const Fp6& a) noexcept
{
    const Fp2 t0 = square(a.c0) - mul_by_xi(a.c1 * a.c2);
    const Fp2 t1 = mul_by_xi(square(a.c2)) - a.c0 * a.c1;
    const Fp2 t2 = square(a.c1) - a.c0 * a.c2;
    const Fp2 d = inverse(a.c0 * t0 + mul_by_xi(a.c2 * t1 + a.c1 * t2));
    return {t0 * d, t1 * d, t2 * d};
}

bool is_zero(const Fp6& a) noexcept
{
    return is_zero(a.c0) && is_zero(a.c1) && is_zero(a.c2);
}

// ---------------------------------------------------------------------------------------------
// Fp12

Fp12 operator*(const Fp12& a, const Fp12& b) noexcept
{
    const Fp6 t0 = a.c0 * b.c0;
    const Fp6 t1 = a.c1 * b.c1;
    return {t0 + mul_by_v(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 square(const Fp12& a) noexcept
{
    const Fp6 t = a.c0 * a.c1;
    const Fp6 c0 = (a.c0 + a.c1) * (a.c0 + mul_by_v(a.c1)) - t - mul_by_v(t);
    return {c0, t + t};
}

Fp12 mul_by_014(const Fp12& a, const Fp2& l0, const Fp2& l1, const Fp2& l4) noexcept
{
    const Fp6 t0 = mul_by_01(a.c0, l0, l1);
    const Fp6 t1 = mul_by_1(a.c1, l4);
    const Fp6 c1 = mul_by_01(a.c0 + a.c1, l0, l1 + l4) - t0 - t1;
    return {t0 + mul_by_v(t1), c1};
}

Fp12 conjugate(const Fp12& a) noexcept
{
    return {a.c0, -a.c1};
}

Fp12 inverse(const Fp12& a) noexcept
{
    const Fp6 t = inverse(square(a.c0) - mul_by_v(square(a.c1)));
    return {a.c0 * t, -(a.c1 * t)};
}

namespace {

// γ_1,i = ξ^(i(p−1)/6) and γ_2,i = ξ^(i(p²−1)/6): recomputed by the unit tests.
constexpr FrobeniusConstants kFrobenius{
    {
        kFp2One,
        fp2_hex(
            "0x1904d3bf02bb0667c231beb4202c0d1f0fd603fd3cbd5f4f7b2443d784bab9c4f67ea53d63e7813d8d0"
            "775ed92235fb8",
            "0x00fc3e2b36c4e03288e9e902231f9fb854a14787b6c7b36fec0c8ec971f63c5f282d5ac14d6c7ec22cf"
            "78a126ddc4af3"),
        fp2_hex(
            "0x0",
            "0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bf"
            "d00000000aaac"),
        fp2_hex(
            "0x06af0e0437ff400b6831e36d6bd17ffe48395dabc2d3435e77f76e17009241c5ee67992f72ec05f4c8"
            "1084fbede3cc09",
            "0x06af0e0437ff400b6831e36d6bd17ffe48395dabc2d3435e77f76e17009241c5ee67992f72ec05f4c8"
            "1084fbede3cc09"),
        fp2_hex(
            "0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bf"
            "d00000000aaad",
            "0x0"),
        fp2_hex(
            "0x05b2cfd9013a5fd8df47fa6b48b1e045f39816240c0b8fee8beadf4d8e9c0566c63a3e6e257f87329b"
            "18fae980078116",
            "0x144e4211384586c16bd3ad4afa99cc9170df3560e77982d0db45f3536814f0bd5871c1908bd478cd1ee"
            "605167ff82995"),
    },
    {
        kFpOne,
        fp_hex(
            "0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffeffff"),
        fp_hex(
            "0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe"),
        fp_hex(
            "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffaaaa"),
        fp_hex(
            "0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bf"
            "d00000000aaac"),
        fp_hex(
            "0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bf"
            "d00000000aaad"),
    },
};

}  // namespace

const FrobeniusConstants& frobenius_constants() noexcept
{
    return kFrobenius;
}

Fp12 frobenius(const Fp12& a) noexcept
{
    // The coefficient of w^i (c0 holds w⁰, w², w⁴; c1 holds w¹, w³, w⁵) is conjugated and
    // multiplied by γ_1,i.
    const auto& g = kFrobenius.p1;
    return {
        {conjugate(a.c0.c0), conjugate(a.c0.c1) * g[2], conjugate(a.c0.c2) * g[4]},
        {conjugate(a.c1.c0) * g[1], conjugate(a.c1.c1) * g[3], conjugate(a.c1.c2) * g[5]},
    };
}

Fp12 frobenius2(const Fp12& a) noexcept
{
    const auto& g = kFrobenius.p2;
    return {
        {a.c0.c0, a.c0.c1 * g[2], a.c0.c2 * g[4]},
        {a.c1.c0 * g[1], a.c1.c1 * g[3], a.c1.c2 * g[5]},
    };
}

Fp12 cyclotomic_square(const Fp12& a) noexcept
{
    // Granger–Scott: view Fp12 as Fp4[t]/(t³ − s) with s = w³, t = w and Fp4 = Fp2[s]/(s² − ξ).
    // a = A0 + A1·t + A2·t² with A0 = g0 + g3·s, A1 = g1 + g4·s, A2 = g2 + g5·s (g_i the
    // coefficient of w^i). In the cyclotomic subgroup
    //   a² = (3A0² − 2Ā0) + (3s·A2² + 2Ā1)·t + (3A1² − 2Ā2)·t².
    const Fp2& g0 = a.c0.c0;
    const Fp2& g2 = a.c0.c1;
    const Fp2& g4 = a.c0.c2;
    const Fp2& g1 = a.c1.c0;
    const Fp2& g3 = a.c1.c1;
    const Fp2& g5 = a.c1.c2;

    // (x + y·s)² = (x² + ξy²) + 2xy·s
    const auto fp4_square = [](const Fp2& x, const Fp2& y, Fp2& r0, Fp2& r1) {
        const Fp2 x2 = square(x);
        const Fp2 y2 = square(y);
        r0 = x2 + mul_by_xi(y2);
        r1 = square(x + y) - x2 - y2;
    };
    Fp2 a0s0, a0s1, a1s0, a1s1, a2s0, a2s1;
    fp4_square(g0, g3, a0s0, a0s1);
    fp4_square(g1, g4, a1s0, a1s1);
    fp4_square(g2, g5, a2s0, a2s1);

    const auto triple_minus_2 = [](const Fp2& sq, const Fp2& old) {  // 3sq − 2old
        const Fp2 t = sq - old;
        return dbl(t) + sq;
    };
    const auto triple_plus_2 = [](const Fp2& sq, const Fp2& old) {  // 3sq + 2old
        const Fp2 t = sq + old;
        return dbl(t) + sq;
    };

    const Fp2 n0 = triple_minus_2(a0s0, g0);
    const Fp2 n3 = triple_plus_2(a0s1, g3);
    const Fp2 n1 = triple_plus_2(mul_by_xi(a2s1), g1);
    const Fp2 n4 = triple_minus_2(a2s0, g4);
    const Fp2 n2 = triple_minus_2(a1s0, g2);
    const Fp2 n5 = triple_plus_2(a1s1, g5);
    return {{n0, n2, n4}, {n1, n3, n5}};
}

Fp12 pow(const Fp12& a, std::span<const uint64_t> exponent) noexcept
{
    return pow_window(
        a, kFp12One, exponent, [](const Fp12& x) { return square(x); },
        [](const Fp12& x, const Fp12& y) { return x * y; });
}

}  // namespace ultra::crypto::bls12_381
