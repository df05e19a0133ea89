// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal helpers shared by the precompile implementations (not part of the public API).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <ultra/core/bytes.hpp>

namespace ultra::precompiles {

/// The saturation value of every gas computation: a cost nobody can pay.
inline constexpr uint64_t kGasInfinite = std::numeric_limits<uint64_t>::max();

/// a + b, saturating at kGasInfinite.
[[nodiscard]] constexpr uint64_t saturating_add(uint64_t a, uint64_t b) noexcept
{
    return a > kGasInfinite - b ? kGasInfinite : a + b;
}

/// a · b, saturating at kGasInfinite.
[[nodiscard]] constexpr uint64_t saturating_mul(uint64_t a, uint64_t b) noexcept
{
    uint64_t r = 0;
    return __builtin_mul_overflow(a, b, &r) ? kGasInfinite : r;
}

/// Number of 32-byte words needed to hold `size` bytes: ceil(size / 32) (Yellow Paper's ⌈|I|/32⌉).
[[nodiscard]] constexpr uint64_t num_words(size_t size) noexcept
{
    return static_cast<uint64_t>(size / 32 + (size % 32 != 0 ? 1 : 0));
}

/// The "base + per_word · words(input)" cost shared by SHA256, RIPEMD160 and IDENTITY.
[[nodiscard]] constexpr uint64_t linear_cost(size_t size, uint64_t base, uint64_t per_word) noexcept
{
    return saturating_add(base, saturating_mul(per_word, num_words(size)));
}

/// Copies input[offset, offset + size) into `dst`, filling the part past the end of `input` with
/// zeros: the EVM's "input is implicitly right-padded with zeros" reading rule.
inline void read_padded(uint8_t* dst, size_t size, BytesView input, size_t offset) noexcept
{
    size_t n = 0;
    if (offset < input.size()) {
        n = input.size() - offset < size ? input.size() - offset : size;
        std::memcpy(dst, input.data() + offset, n);
    }
    if (n < size) std::memset(dst + n, 0, size - n);
}

}  // namespace ultra::precompiles
