// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "keccak.hpp"

#include <bit>
#include <cstring>

namespace ultra {
namespace {
constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

constexpr size_t kRate = 136;  // (1600 - 2 * 256) / 8 bytes
constexpr size_t kRateLanes = kRate / 8;

// The lanes (x + 5y) that the permutation keeps complemented: Abe, Abi, Ago, Aki, Ami, Asa in
// the Keccak team's naming. This "lane complementing" transform (from the Keccak team's
// implementation overview) makes chi cost one NOT per row instead of five; every round maps the
// set onto itself, so the complements are applied once on entry and once on exit.
constexpr size_t kComplementedLanes[] = {1, 2, 8, 12, 17, 20};

inline void complement_lanes(uint64_t* s) noexcept
{
    for (const size_t i : kComplementedLanes) s[i] = ~s[i];
}

inline uint64_t load_le64(const uint8_t* p) noexcept
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    return v;
}

// Keccak-f[1600] on a state whose kComplementedLanes are stored complemented. One round is
// theta, rho+pi, chi and iota, written out lane by lane so that the compiler keeps the state in
// registers (the structure of the "keccak-compact"/XKCP reference, rewritten here). Measured
// with the project's flags (x86-64 baseline, g++ 12): fully unrolling the 24 rounds is ~25 %
// slower than this loop, and lane complementing saves ~7 % of the permutation.
void permute_complemented(uint64_t st[25]) noexcept
{
    uint64_t a00 = st[0], a01 = st[1], a02 = st[2], a03 = st[3], a04 = st[4];
    uint64_t a05 = st[5], a06 = st[6], a07 = st[7], a08 = st[8], a09 = st[9];
    uint64_t a10 = st[10], a11 = st[11], a12 = st[12], a13 = st[13], a14 = st[14];
    uint64_t a15 = st[15], a16 = st[16], a17 = st[17], a18 = st[18], a19 = st[19];
    uint64_t a20 = st[20], a21 = st[21], a22 = st[22], a23 = st[23], a24 = st[24];

    for (int round = 0; round < 24; ++round) {
        // theta
        const uint64_t c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
        const uint64_t c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
        const uint64_t c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
        const uint64_t c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
        const uint64_t c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
        const uint64_t d0 = c4 ^ std::rotl(c1, 1);
        const uint64_t d1 = c0 ^ std::rotl(c2, 1);
        const uint64_t d2 = c1 ^ std::rotl(c3, 1);
        const uint64_t d3 = c2 ^ std::rotl(c4, 1);
        const uint64_t d4 = c3 ^ std::rotl(c0, 1);

        // rho and pi: b[y][2x+3y] = rot(a[x][y] ^ d[x], r[x][y])
        const uint64_t b00 = a00 ^ d0;
        const uint64_t b10 = std::rotl(a01 ^ d1, 1);
        const uint64_t b20 = std::rotl(a02 ^ d2, 62);
        const uint64_t b05 = std::rotl(a03 ^ d3, 28);
        const uint64_t b15 = std::rotl(a04 ^ d4, 27);
        const uint64_t b16 = std::rotl(a05 ^ d0, 36);
        const uint64_t b01 = std::rotl(a06 ^ d1, 44);
        const uint64_t b11 = std::rotl(a07 ^ d2, 6);
        const uint64_t b21 = std::rotl(a08 ^ d3, 55);
        const uint64_t b06 = std::rotl(a09 ^ d4, 20);
        const uint64_t b07 = std::rotl(a10 ^ d0, 3);
        const uint64_t b17 = std::rotl(a11 ^ d1, 10);
        const uint64_t b02 = std::rotl(a12 ^ d2, 43);
        const uint64_t b12 = std::rotl(a13 ^ d3, 25);
        const uint64_t b22 = std::rotl(a14 ^ d4, 39);
        const uint64_t b23 = std::rotl(a15 ^ d0, 41);
        const uint64_t b08 = std::rotl(a16 ^ d1, 45);
        const uint64_t b18 = std::rotl(a17 ^ d2, 15);
        const uint64_t b03 = std::rotl(a18 ^ d3, 21);
        const uint64_t b13 = std::rotl(a19 ^ d4, 8);
        const uint64_t b14 = std::rotl(a20 ^ d0, 18);
        const uint64_t b24 = std::rotl(a21 ^ d1, 2);
        const uint64_t b09 = std::rotl(a22 ^ d2, 61);
        const uint64_t b19 = std::rotl(a23 ^ d3, 56);
        const uint64_t b04 = std::rotl(a24 ^ d4, 14);

        // chi, a[x] = b[x] ^ (~b[x+1] & b[x+2]) row by row, rewritten for the complemented
        // lanes: with the inputs' and outputs' complement patterns fixed, each row needs only
        // one NOT (De Morgan turns ~u & v into u | v or u & v depending on which are stored
        // complemented).
        const uint64_t n02 = ~b02;
        a00 = b00 ^ (b01 | b02);
        a01 = b01 ^ (n02 | b03);
        a02 = b02 ^ (b03 & b04);
        a03 = b03 ^ (b04 | b00);
        a04 = b04 ^ (b00 & b01);
        const uint64_t n09 = ~b09;
        a05 = b05 ^ (b06 | b07);
        a06 = b06 ^ (b07 & b08);
        a07 = b07 ^ (b08 | n09);
        a08 = b08 ^ (b09 | b05);
        a09 = b09 ^ (b05 & b06);
        const uint64_t n13 = ~b13;
        a10 = b10 ^ (b11 | b12);
        a11 = b11 ^ (b12 & b13);
        a12 = b12 ^ (n13 & b14);
        a13 = n13 ^ (b14 | b10);
        a14 = b14 ^ (b10 & b11);
        const uint64_t n18 = ~b18;
        a15 = b15 ^ (b16 & b17);
        a16 = b16 ^ (b17 | b18);
        a17 = b17 ^ (n18 | b19);
        a18 = n18 ^ (b19 & b15);
        a19 = b19 ^ (b15 | b16);
        const uint64_t n21 = ~b21;
        a20 = b20 ^ (n21 & b22);
        a21 = n21 ^ (b22 | b23);
        a22 = b22 ^ (b23 & b24);
        a23 = b23 ^ (b24 | b20);
        a24 = b24 ^ (b20 & b21);

        // iota
        a00 ^= kRoundConstants[round];
    }

    st[0] = a00, st[1] = a01, st[2] = a02, st[3] = a03, st[4] = a04;
    st[5] = a05, st[6] = a06, st[7] = a07, st[8] = a08, st[9] = a09;
    st[10] = a10, st[11] = a11, st[12] = a12, st[13] = a13, st[14] = a14;
    st[15] = a15, st[16] = a16, st[17] = a17, st[18] = a18, st[19] = a19;
    st[20] = a20, st[21] = a21, st[22] = a22, st[23] = a23, st[24] = a24;
}

}  // namespace

void keccakf1600(uint64_t st[25]) noexcept
{
    complement_lanes(st);
    permute_complemented(st);
    complement_lanes(st);
}

Hash256 keccak256(BytesView data) noexcept
{
    uint64_t s[25] = {};
    complement_lanes(s);
    const uint8_t* p = data.data();
    size_t n = data.size();
    for (; n >= kRate; n -= kRate, p += kRate) {
        for (size_t i = 0; i < kRateLanes; ++i) s[i] ^= load_le64(p + 8 * i);
        permute_complemented(s);
    }

    // The last, partial block is absorbed in place rather than through a padded copy of a whole
    // block: its full lanes directly, then one lane assembled in a register from the tail bytes
    // and the first padding byte 0x01, and the final padding bit at the end of the rate.
    const size_t full_lanes = n / 8;
    for (size_t i = 0; i < full_lanes; ++i) s[i] ^= load_le64(p + 8 * i);
    const size_t tail = n % 8;
    uint64_t last = uint64_t{0x01} << (8 * tail);
    for (size_t i = 0; i < tail; ++i) last |= uint64_t{p[8 * full_lanes + i]} << (8 * i);
    s[full_lanes] ^= last;
    s[kRateLanes - 1] ^= uint64_t{0x80} << 56;
    permute_complemented(s);
    complement_lanes(s);

    Hash256 h;
    for (size_t i = 0; i < 4; ++i) {
        uint64_t v = s[i];
        if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
        std::memcpy(h.bytes.data() + 8 * i, &v, 8);
    }
    return h;
}

Hash512 keccak512(BytesView data) noexcept
{
    // A plain sponge over keccakf1600(): Ethash hashes short inputs (one block), so this
    // function does not need keccak256's in-place tricks.
    constexpr size_t kRate512 = 72;  // (1600 - 2 * 512) / 8 bytes
    uint64_t s[25] = {};
    const uint8_t* p = data.data();
    size_t n = data.size();
    for (; n >= kRate512; n -= kRate512, p += kRate512) {
        for (size_t i = 0; i < kRate512 / 8; ++i) s[i] ^= load_le64(p + 8 * i);
        keccakf1600(s);
    }
    uint8_t block[kRate512] = {};
    if (n != 0) std::memcpy(block, p, n);  // p is null for an empty input
    block[n] ^= 0x01;
    block[kRate512 - 1] ^= 0x80;
    for (size_t i = 0; i < kRate512 / 8; ++i) s[i] ^= load_le64(block + 8 * i);
    keccakf1600(s);

    Hash512 h;
    for (size_t i = 0; i < 8; ++i) {
        uint64_t v = s[i];
        if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
        std::memcpy(h.bytes.data() + 8 * i, &v, 8);
    }
    return h;
}

}  // namespace ultra
