// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// BLAKE2F (0x09, EIP-152) beyond the geth vectors: the compression function drives a full
// 12-round BLAKE2b-512 that must match Crypto++ on multi-block messages; gas and malformed inputs.
#include <cryptopp/blake2.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/precompiles/blake2f.hpp>
#include <utils/fixtures.hpp>

namespace {
using namespace ultra;
using namespace ultra::precompiles;

constexpr uint64_t kIv[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

/// Unkeyed BLAKE2b-512 (RFC 7693) built on blake2b_compress.
Bytes blake2b512(BytesView data)
{
    uint64_t h[8];
    for (size_t i = 0; i < 8; ++i) h[i] = kIv[i];
    h[0] ^= 0x01010040;  // depth 1, fanout 1, no key, 64-byte digest
    uint64_t t = 0;
    size_t off = 0;
    do {
        const size_t n = std::min<size_t>(128, data.size() - off);
        const bool last = off + n == data.size();
        uint8_t block[128]{};
        if (n != 0) std::memcpy(block, data.data() + off, n);
        uint64_t m[16];
        for (size_t i = 0; i < 16; ++i) {
            m[i] = 0;
            for (size_t j = 0; j < 8; ++j) m[i] |= uint64_t{block[8 * i + j]} << (8 * j);
        }
        t += n;
        blake2b_compress(12, h, m, t, 0, last);
        off += n;
        if (last) break;
    } while (true);
    Bytes out(64, 0);
    for (size_t i = 0; i < 64; ++i) out[i] = static_cast<uint8_t>(h[i / 8] >> (8 * (i % 8)));
    return out;
}

Bytes cryptopp_blake2b512(BytesView data)
{
    CryptoPP::BLAKE2b hasher(false, 64);
    hasher.Update(data.data(), data.size());
    Bytes out(64, 0);
    hasher.Final(out.data());
    return out;
}

TEST(Blake2f, FullHashMatchesCryptopp)
{
    // RFC 7693 Appendix A: BLAKE2b-512("abc").
    EXPECT_EQ(to_hex(blake2b512(to_bytes_view("abc"))),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
              "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    std::mt19937 rng{152};
    for (size_t size :
         {size_t{0}, size_t{1}, size_t{127}, size_t{128}, size_t{129}, size_t{256}, size_t{1000}}) {
        Bytes data(size, 0);
        for (auto& b : data) b = static_cast<uint8_t>(rng());
        EXPECT_EQ(to_hex(blake2b512(data)), to_hex(cryptopp_blake2b512(data))) << size;
    }
}

/// The EIP-152 "vector 5" input (BLAKE2b-512 of "abc": IV-derived h, m = "abc", t = 3) with the
/// given rounds and final flag.
Bytes eip152_input(uint32_t rounds, uint8_t f)
{
    Bytes in(213, 0);
    in[0] = static_cast<uint8_t>(rounds >> 24);
    in[1] = static_cast<uint8_t>(rounds >> 16);
    in[2] = static_cast<uint8_t>(rounds >> 8);
    in[3] = static_cast<uint8_t>(rounds);
    for (size_t i = 0; i < 8; ++i) {
        const uint64_t h = i == 0 ? kIv[0] ^ 0x01010040 : kIv[i];
        for (size_t j = 0; j < 8; ++j) in[4 + 8 * i + j] = static_cast<uint8_t>(h >> (8 * j));
    }
    in[68] = 'a';
    in[69] = 'b';
    in[70] = 'c';
    in[196] = 3;  // t0 = 3 (little-endian)
    in[212] = f;
    return in;
}

TEST(Blake2f, Eip152Vector5)
{
    const auto out = blake2f_execute(eip152_input(12, 1), Revision::kIstanbul);
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(to_hex(*out),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
              "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Blake2f, Gas)
{
    EXPECT_EQ(blake2f_gas(eip152_input(0, 1), Revision::kIstanbul), 0u);
    EXPECT_EQ(blake2f_gas(eip152_input(12, 1), Revision::kIstanbul), 12u);
    EXPECT_EQ(blake2f_gas(eip152_input(0xffffffff, 1), Revision::kOsaka), 4294967295u);
    EXPECT_EQ(blake2f_gas(eip152_input(0x01020304, 0), Revision::kOsaka), 0x01020304u);
    EXPECT_EQ(blake2f_gas(Bytes(212, 0xff), Revision::kOsaka), 0u);  // wrong size: fails anyway
    EXPECT_EQ(blake2f_gas({}, Revision::kOsaka), 0u);
}

TEST(Blake2f, MalformedInputsFail)
{
    EXPECT_TRUE(blake2f_execute(eip152_input(12, 1), Revision::kIstanbul).has_value());
    EXPECT_TRUE(blake2f_execute(eip152_input(12, 0), Revision::kIstanbul).has_value());
    EXPECT_FALSE(blake2f_execute(eip152_input(12, 2), Revision::kIstanbul).has_value());
    EXPECT_FALSE(blake2f_execute(eip152_input(12, 0xff), Revision::kIstanbul).has_value());
    const Bytes ok = eip152_input(12, 1);
    EXPECT_FALSE(blake2f_execute(ok.substr(0, 212), Revision::kIstanbul).has_value());
    EXPECT_FALSE(blake2f_execute(ok + Bytes(1, 0), Revision::kIstanbul).has_value());
    EXPECT_FALSE(blake2f_execute({}, Revision::kIstanbul).has_value());
}

}  // namespace
