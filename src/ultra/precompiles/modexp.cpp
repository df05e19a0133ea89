// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "modexp.hpp"

#include <gmp.h>

#include <algorithm>

#include "common.hpp"

namespace ultra::precompiles {
namespace {

__extension__ using uint128 = unsigned __int128;

/// Lengths are clamped to this value (2^80) when read: any length at or above it already costs
/// more than UINT64_MAX gas whenever it matters, and all products stay within 128 bits or are
/// detected as overflowing.
constexpr uint128 kLengthCap = uint128{1} << 80;

constexpr uint64_t kEip7823MaxLength = 1024;  ///< EIP-7823 (Osaka) bound on each length
constexpr uint64_t kMaxModulusLength = uint64_t{1} << 24;  ///< defensive cap, see modexp.hpp

/// The three declared lengths, each clamped to kLengthCap.
struct Lengths
{
    uint128 base;
    uint128 exp;
    uint128 mod;
};

/// Reads the 32-byte big-endian length word at `offset`, clamped to kLengthCap.
uint128 read_length(BytesView input, size_t offset) noexcept
{
    uint8_t word[32];
    read_padded(word, sizeof(word), input, offset);
    for (size_t i = 0; i < 16; ++i)
        if (word[i] != 0) return kLengthCap;
    uint128 v = 0;
    for (size_t i = 16; i < 32; ++i) v = (v << 8) | word[i];
    return std::min(v, kLengthCap);
}

Lengths read_lengths(BytesView input) noexcept
{
    return {read_length(input, 0), read_length(input, 32), read_length(input, 64)};
}

/// Offset of the exponent in the input, or SIZE_MAX when the base alone already runs past the
/// end of the input (then the exponent reads as zero).
size_t exp_offset(BytesView input, const Lengths& len) noexcept
{
    if (len.base > input.size()) return SIZE_MAX;
    return 96 + static_cast<size_t>(len.base);
}

/// Bit length of the exponent's head: its first min(32, Le) bytes read as a big-endian number.
unsigned exp_head_bit_length(BytesView input, const Lengths& len) noexcept
{
    const size_t offset = exp_offset(input, len);
    if (offset == SIZE_MAX) return 0;
    const size_t head_size = len.exp < 32 ? static_cast<size_t>(len.exp) : 32;
    uint8_t head[32];
    read_padded(head, head_size, input, offset);
    for (size_t i = 0; i < head_size; ++i) {
        if (head[i] != 0)
            return static_cast<unsigned>((head_size - i - 1) * 8) +
                   (32u - static_cast<unsigned>(__builtin_clz(head[i])));
    }
    return 0;
}

/// The adjusted exponent length ("iteration count"), at least 1. `bits_per_byte` is 8 (EIP-198,
/// EIP-2565) or 16 (EIP-7883) for the exponent bytes beyond the first 32.
uint128 iteration_count(const Lengths& len, unsigned head_bits, unsigned bits_per_byte) noexcept
{
    const uint128 head_part = head_bits > 0 ? head_bits - 1 : 0;
    uint128 count = head_part;
    if (len.exp > 32) count += bits_per_byte * (len.exp - 32);  // < 2^85: no overflow
    return std::max(count, uint128{1});
}

/// Clamps a 128-bit gas value to uint64.
uint64_t to_gas(uint128 v) noexcept
{
    return v > kGasInfinite ? kGasInfinite : static_cast<uint64_t>(v);
}

/// a · b / divisor, saturating when the product exceeds 128 bits (then the quotient is far above
/// UINT64_MAX anyway for the divisors used here).
uint64_t mul_div(uint128 a, uint128 b, uint64_t divisor) noexcept
{
    uint128 p = 0;
    if (__builtin_mul_overflow(a, b, &p)) return kGasInfinite;
    return to_gas(p / divisor);
}

/// EIP-198 multiplication complexity of x-byte operands (Byzantium..Istanbul).
bool eip198_complexity(uint128 x, uint128& out) noexcept
{
    uint128 sq = 0;
    if (__builtin_mul_overflow(x, x, &sq)) return false;
    if (x <= 64)
        out = sq;
    else if (x <= 1024)
        out = sq / 4 + 96 * x - 3072;
    else
        out = sq / 16 + 480 * x - 199680;
    return true;
}

}  // namespace

uint64_t modexp_gas(BytesView input, Revision rev) noexcept
{
    const Lengths len = read_lengths(input);
    const unsigned head_bits = exp_head_bit_length(input, len);
    const uint128 max_len = std::max(len.base, len.mod);
    const uint128 words = (max_len + 7) / 8;

    if (rev >= Revision::kOsaka) {
        // EIP-7883: minimum 500, complexity 16 up to 32 bytes else 2·words², no divisor,
        // 16 iterations per exponent byte beyond 32.
        uint128 complexity = 16;
        if (max_len > 32) {
            uint128 sq = 0;
            if (__builtin_mul_overflow(words, words, &sq) || sq > (~uint128{0}) / 2)
                return kGasInfinite;
            complexity = 2 * sq;
        }
        return std::max<uint64_t>(500, mul_div(complexity, iteration_count(len, head_bits, 16), 1));
    }
    if (rev >= Revision::kBerlin) {
        // EIP-2565: minimum 200, complexity words², divisor 3.
        uint128 complexity = 0;
        if (__builtin_mul_overflow(words, words, &complexity)) return kGasInfinite;
        return std::max<uint64_t>(200, mul_div(complexity, iteration_count(len, head_bits, 8), 3));
    }
    // EIP-198: piecewise complexity, divisor 20 (GQUADDIVISOR).
    uint128 complexity = 0;
    if (!eip198_complexity(max_len, complexity)) return kGasInfinite;
    return mul_div(complexity, iteration_count(len, head_bits, 8), 20);
}

namespace {

/// RAII owner of one GMP integer.
class Mpz
{
public:
    Mpz() noexcept { mpz_init(v_); }
    ~Mpz() { mpz_clear(v_); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    mpz_ptr get() noexcept { return v_; }

    /// Sets the value from big-endian bytes.
    void load(BytesView be) noexcept
    {
        if (be.empty())
            mpz_set_ui(v_, 0);
        else
            mpz_import(v_, be.size(), 1, 1, 1, 0, be.data());
    }

private:
    mpz_t v_;
};

}  // namespace

PrecompileResult modexp_execute(BytesView input, Revision rev) noexcept
{
    const Lengths len = read_lengths(input);
    // EIP-7823: each length is at most 1024 bytes from Osaka on.
    if (rev >= Revision::kOsaka && (len.base > kEip7823MaxLength || len.exp > kEip7823MaxLength ||
                                    len.mod > kEip7823MaxLength))
        return unexpected(PrecompileError::kInvalidInput);

    if (len.mod == 0) return Bytes{};  // also covers base = mod = 0 with any exponent length
    if (len.mod > kMaxModulusLength) return unexpected(PrecompileError::kInvalidInput);

    const auto mod_len = static_cast<size_t>(len.mod);
    Bytes out(mod_len, 0);

    // The modulus follows the base and the exponent. If it starts at or past the end of the
    // input it is zero; otherwise the base and the exponent lie entirely inside the input, so
    // nothing below allocates more than the input and the output.
    const uint128 mod_start = 96 + len.base + len.exp;
    if (mod_start >= input.size()) return out;
    Bytes mod_bytes(mod_len, 0);
    read_padded(mod_bytes.data(), mod_len, input, static_cast<size_t>(mod_start));

    Mpz base, exp, mod, result;
    mod.load(mod_bytes);
    if (mpz_sgn(mod.get()) == 0) return out;  // never call mpz_powm with 0 (SIGFPE)

    const auto base_len = static_cast<size_t>(len.base);
    base.load(input.substr(96, base_len));
    exp.load(input.substr(96 + base_len, static_cast<size_t>(len.exp)));
    mpz_powm(result.get(), base.get(), exp.get(), mod.get());

    if (mpz_sgn(result.get()) != 0) {
        const size_t n = (mpz_sizeinbase(result.get(), 2) + 7) / 8;  // ≤ mod_len: result < mod
        size_t written = 0;
        mpz_export(out.data() + (mod_len - n), &written, 1, 1, 1, 0, result.get());
    }
    return out;
}

}  // namespace ultra::precompiles
