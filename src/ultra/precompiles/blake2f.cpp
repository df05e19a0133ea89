// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "blake2f.hpp"

namespace ultra::precompiles {
namespace {

constexpr size_t kInputSize = 213;  ///< EIP-152

/// BLAKE2b initialisation vector (RFC 7693 §2.6: the SHA-512 IV).
constexpr uint64_t kIv[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

/// Message word permutations, one per round modulo 10 (RFC 7693 §2.7).
constexpr uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

inline uint64_t rotr(uint64_t x, unsigned n) noexcept
{
    return (x >> n) | (x << (64 - n));
}

/// The mixing function G (RFC 7693 §3.1) on the state words a, b, c, d.
inline void
mix(uint64_t v[16], size_t a, size_t b, size_t c, size_t d, uint64_t x, uint64_t y) noexcept
{
    v[a] = v[a] + v[b] + x;
    v[d] = rotr(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];
    v[b] = rotr(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y;
    v[d] = rotr(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];
    v[b] = rotr(v[b] ^ v[c], 63);
}

/// One BLAKE2b round with the message schedule of round R (mod 10) known at compile time, so
/// that every message word index is a constant and the state can live in registers.
template <size_t R>
inline void round(uint64_t v[16], const uint64_t m[16]) noexcept
{
    constexpr const uint8_t* s = kSigma[R];
    mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

inline uint64_t load_le64(const uint8_t* p) noexcept
{
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) v |= uint64_t{p[i]} << (8 * i);
    return v;
}

inline void store_le64(uint8_t* p, uint64_t v) noexcept
{
    for (size_t i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace

void blake2b_compress(uint32_t rounds,
                      uint64_t h[8],
                      const uint64_t m[16],
                      uint64_t t0,
                      uint64_t t1,
                      bool last_block) noexcept
{
    uint64_t v[16];
    for (size_t i = 0; i < 8; ++i) {
        v[i] = h[i];
        v[i + 8] = kIv[i];
    }
    v[12] ^= t0;
    v[13] ^= t1;
    if (last_block) v[14] = ~v[14];

    // Whole 10-round cycles (the schedule repeats every 10 rounds), then the remainder.
    for (uint32_t cycles = rounds / 10; cycles != 0; --cycles) {
        round<0>(v, m);
        round<1>(v, m);
        round<2>(v, m);
        round<3>(v, m);
        round<4>(v, m);
        round<5>(v, m);
        round<6>(v, m);
        round<7>(v, m);
        round<8>(v, m);
        round<9>(v, m);
    }
    const uint32_t rest = rounds % 10;
    if (rest > 0) round<0>(v, m);
    if (rest > 1) round<1>(v, m);
    if (rest > 2) round<2>(v, m);
    if (rest > 3) round<3>(v, m);
    if (rest > 4) round<4>(v, m);
    if (rest > 5) round<5>(v, m);
    if (rest > 6) round<6>(v, m);
    if (rest > 7) round<7>(v, m);
    if (rest > 8) round<8>(v, m);

    for (size_t i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

uint64_t blake2f_gas(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != kInputSize) return 0;
    return (uint64_t{input[0]} << 24) | (uint64_t{input[1]} << 16) | (uint64_t{input[2]} << 8) |
           uint64_t{input[3]};  // EIP-152: GFROUND = 1 per round
}

PrecompileResult blake2f_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != kInputSize) return unexpected(PrecompileError::kInvalidInput);
    const uint8_t f = input[212];
    if (f > 1) return unexpected(PrecompileError::kInvalidInput);

    const uint32_t rounds = (uint32_t{input[0]} << 24) | (uint32_t{input[1]} << 16) |
                            (uint32_t{input[2]} << 8) | uint32_t{input[3]};
    uint64_t h[8];
    uint64_t m[16];
    for (size_t i = 0; i < 8; ++i) h[i] = load_le64(&input[4 + 8 * i]);
    for (size_t i = 0; i < 16; ++i) m[i] = load_le64(&input[68 + 8 * i]);
    const uint64_t t0 = load_le64(&input[196]);
    const uint64_t t1 = load_le64(&input[204]);

    blake2b_compress(rounds, h, m, t0, t1, f == 1);

    Bytes out(64, 0);
    for (size_t i = 0; i < 8; ++i) store_le64(&out[8 * i], h[i]);
    return out;
}

}  // namespace ultra::precompiles
