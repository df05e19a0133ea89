// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/wallet/bip32.hpp>

using namespace ultra;
using namespace ultra::wallet;

namespace {

struct Chain
{
    std::string_view path;
    std::string_view xpub;
    std::string_view xprv;
};

// BIP-32 "Test vector 1".
constexpr std::string_view kSeed1 = "000102030405060708090a0b0c0d0e0f";
const Chain kVector1[] = {
    {"m",
     "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg"
     "7u"
     "sUDFdp6W1EGMcet8",
     "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGt"
     "RB"
     "eJgk33yuGBxrMPHi"},
    {"m/0H",
     "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5s"
     "ki"
     "8PX9rL2dZXvgGDnw",
     "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7Xnx"
     "Hr"
     "nYeSvkzY7d2bhkJ7"},
    {"m/0H/1",
     "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2A"
     "xY"
     "ysAA7xmALppuCkwQ",
     "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU"
     "4p"
     "WcQDnRnrVA1xe8fs"},
    {"m/0H/1/2H",
     "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trk"
     "rX"
     "7x7DogT5Uv6fcLW5",
     "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtp"
     "gP"
     "4mLTj34bhnZX7UiM"},
    {"m/0H/1/2H/2",
     "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7f"
     "e5"
     "JnJ7dh8zL4fiyLHV",
     "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wD"
     "vU"
     "AKRHSC34sJ7in334"},
    {"m/0H/1/2H/2/1000000000",
     "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEY"
     "BV"
     "PamhGW6cFJodrTHy",
     "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZ"
     "RE"
     "PSL39UNdE3BBDu76"},
};

// BIP-32 "Test vector 2".
constexpr std::string_view kSeed2 =
    "fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875"
    "726f6c696663605d5a5754514e4b484542";
const Chain kVector2[] = {
    {"m",
     "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY"
     "47"
     "LJhkJ8UB7WEGuduB",
     "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3L"
     "qF"
     "tT2emdEXVYsCzC2U"},
    {"m/0",
     "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap"
     "6r"
     "1D3tgFxHmwMkQTPH",
     "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM"
     "1f"
     "wqWpWkeS3v86pgKt"},
    {"m/0/2147483647H",
     "xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDM"
     "BU"
     "4Zn9h8LZNnBC5y4a",
     "xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzm"
     "ju"
     "Hc2YmYRmagcEPdU9"},
    {"m/0/2147483647H/1",
     "xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537w"
     "Tf"
     "unKau47EL2dhHKon",
     "xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHu"
     "WS"
     "6T8XA2ECKADdw4Ef"},
    {"m/0/2147483647H/1/2147483646H",
     "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaD"
     "Mz"
     "QLcgJvLJuZZvRcEL",
     "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTj"
     "Sy"
     "QbLYnMpCqE2VbFWc"},
    {"m/0/2147483647H/1/2147483646H/2",
     "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9r"
     "Xp"
     "VGyy3bdW6EEgAtqt",
     "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBY"
     "JU"
     "uekgW4BYPJcr9E7j"},
};

ExtendedKey master_of(std::string_view seed_hex)
{
    const auto seed = from_hex(seed_hex);
    EXPECT_TRUE(seed.has_value());
    auto m = master_key_from_seed(*seed);
    EXPECT_TRUE(m.has_value());
    return m.value_or(ExtendedKey{});
}

void check_vector(std::string_view seed_hex, std::span<const Chain> chains)
{
    const ExtendedKey master = master_of(seed_hex);
    for (const auto& c : chains) {
        SCOPED_TRACE(c.path);
        const auto key = derive_path(master, c.path);
        ASSERT_TRUE(key.has_value()) << key.error().message;
        EXPECT_EQ(to_base58(*key), c.xprv);
        EXPECT_EQ(to_base58(neuter(*key)), c.xpub);
    }
}

}  // namespace

TEST(Bip32, TestVector1)
{
    check_vector(kSeed1, kVector1);
}

TEST(Bip32, TestVector2)
{
    check_vector(kSeed2, kVector2);
}

// CKDpub: deriving normal children from the public parent gives the public keys of the private
// derivation (BIP-32: N(CKDpriv(k, i)) = CKDpub(N(k), i)), checked against the published xpubs.
TEST(Bip32, PublicDerivationMatchesPrivate)
{
    const ExtendedKey master = master_of(kSeed1);
    const auto parent = derive_path(master, "m/0H/1/2H");
    ASSERT_TRUE(parent.has_value());
    auto key = neuter(*parent);
    for (const uint32_t index : {2u, 1000000000u}) {
        auto child = derive_child(key, index);
        ASSERT_TRUE(child.has_value()) << child.error().message;
        EXPECT_FALSE(child->private_key.has_value());
        key = *child;
    }
    EXPECT_EQ(to_base58(key), kVector1[5].xpub);

    const ExtendedKey master2 = master_of(kSeed2);
    const auto from_public = derive_child(neuter(master2), 0);
    ASSERT_TRUE(from_public.has_value());
    EXPECT_EQ(to_base58(*from_public), kVector2[1].xpub);
}

TEST(Bip32, HardenedFromPublicIsAnError)
{
    const ExtendedKey master = master_of(kSeed1);
    const auto r = derive_child(neuter(master), kHardened);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, WalletErrc::kHardenedFromPublic);
    EXPECT_NE(r.error().message.find("0'"), std::string::npos) << r.error().message;
}

TEST(Bip32, Fingerprint)
{
    // The master key of test vector 1 is known by its fingerprint 3442193e (its children's
    // parent fingerprint).
    const ExtendedKey master = master_of(kSeed1);
    EXPECT_EQ(fingerprint(master), 0x3442193eu);
    const auto child = derive_child(master, kHardened);
    ASSERT_TRUE(child.has_value());
    EXPECT_EQ(child->parent_fingerprint, 0x3442193eu);
    EXPECT_EQ(child->depth, 1);
    EXPECT_EQ(child->child_number, kHardened);
}

TEST(Bip32, SeedLength)
{
    for (const size_t len : {0, 15, 65, 100}) {
        const auto r = master_key_from_seed(Bytes(len, 1));
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code, WalletErrc::kSeedLength);
    }
    EXPECT_TRUE(master_key_from_seed(Bytes(16, 1)).has_value());
    EXPECT_TRUE(master_key_from_seed(Bytes(64, 1)).has_value());
}

TEST(Bip32, DepthLimit)
{
    ExtendedKey key = master_of(kSeed1);
    for (int i = 0; i < 255; ++i) {
        auto child = derive_child(key, 0);
        ASSERT_TRUE(child.has_value()) << i;
        key = *child;
    }
    EXPECT_EQ(key.depth, 255);
    const auto r = derive_child(key, 0);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, WalletErrc::kDepthOverflow);
}

TEST(Bip32, ParsePath)
{
    const auto p = parse_derivation_path("m/44'/60'/0'/0/3");
    ASSERT_TRUE(p.has_value());
    const std::vector<uint32_t> want{44 | kHardened, 60 | kHardened, kHardened, 0, 3};
    EXPECT_EQ(*p, want);

    const auto h = parse_derivation_path("m/0h/2147483647H/1");
    ASSERT_TRUE(h.has_value());
    const std::vector<uint32_t> want_h{kHardened, 0xffffffffu, 1};
    EXPECT_EQ(*h, want_h);

    const auto root = parse_derivation_path("m");
    ASSERT_TRUE(root.has_value());
    EXPECT_TRUE(root->empty());
}

TEST(Bip32, ParsePathErrors)
{
    for (const std::string_view bad :
         {"", "44'/60'", "M/0", "m/", "m//0", "m/0/", "m/x", "m/-1", "m/1''", "m/2147483648",
          "m/99999999999999999999", "m/0 ", "m0", "m/'", "m/1h2"}) {
        const auto r = parse_derivation_path(bad);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().code, WalletErrc::kInvalidPath) << bad;
        EXPECT_NE(r.error().message.find(std::string{bad}), std::string::npos);
    }
    const ExtendedKey master = master_of(kSeed1);
    const auto d = derive_path(master, "m/0/x");
    ASSERT_FALSE(d.has_value());
    EXPECT_EQ(d.error().code, WalletErrc::kInvalidPath);
}
