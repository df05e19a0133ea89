// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// SHA256 (0x02), RIPEMD160 (0x03), IDENTITY (0x04) and the crypto::sha256 / crypto::ripemd160
// wrappers: standard test vectors (FIPS 180-2 / the RIPEMD-160 authors' page) and gas at the
// word boundaries.
#include <gtest/gtest.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/crypto/ripemd160.hpp>
#include <ultra/crypto/sha256.hpp>
#include <ultra/precompiles/hash_precompiles.hpp>

namespace {
using namespace ultra;
using namespace ultra::precompiles;

const std::string kMillionA(1000000, 'a');
const std::string kAbcdbcd = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

TEST(Sha256, Vectors)
{
    EXPECT_EQ(to_hex(crypto::sha256({}).view()),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(to_hex(crypto::sha256(to_bytes_view("abc")).view()),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(to_hex(crypto::sha256(to_bytes_view(kAbcdbcd)).view()),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(to_hex(crypto::sha256(to_bytes_view(kMillionA)).view()),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Ripemd160, Vectors)
{
    EXPECT_EQ(to_hex(crypto::ripemd160({}).view()), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(to_hex(crypto::ripemd160(to_bytes_view("abc")).view()),
              "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    EXPECT_EQ(to_hex(crypto::ripemd160(to_bytes_view(kAbcdbcd)).view()),
              "12a053384a9c0c88e405a06c27dcf49ada62eb2b");
    EXPECT_EQ(to_hex(crypto::ripemd160(to_bytes_view(kMillionA)).view()),
              "52783243c1697bdbe16d37f97f68f08325dc1528");
}

TEST(HashPrecompiles, Outputs)
{
    const auto sha = sha256_execute(to_bytes_view("abc"), Revision::kFrontier);
    ASSERT_TRUE(sha.has_value());
    EXPECT_EQ(to_hex(*sha), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    const auto rip = ripemd160_execute(to_bytes_view("abc"), Revision::kFrontier);
    ASSERT_TRUE(rip.has_value());
    EXPECT_EQ(to_hex(*rip), "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc");

    const Bytes data = {0, 1, 2, 3, 0xff};
    EXPECT_EQ(*identity_execute(data, Revision::kFrontier), data);
    EXPECT_TRUE(identity_execute({}, Revision::kFrontier)->empty());
}

TEST(HashPrecompiles, GasAtWordBoundaries)
{
    struct Case
    {
        size_t size;
        uint64_t sha, rip, id;
    };
    const Case cases[] = {
        {0, 60, 600, 15},  {1, 72, 720, 18},  {32, 72, 720, 18},      {33, 84, 840, 21},
        {64, 84, 840, 21}, {65, 96, 960, 24}, {1024, 444, 4440, 111},
    };
    for (const auto& c : cases) {
        const Bytes in(c.size, 0x5a);
        EXPECT_EQ(sha256_gas(in, Revision::kFrontier), c.sha) << c.size;
        EXPECT_EQ(ripemd160_gas(in, Revision::kOsaka), c.rip) << c.size;
        EXPECT_EQ(identity_gas(in, Revision::kBerlin), c.id) << c.size;
    }
}

}  // namespace
