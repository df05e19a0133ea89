// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/wallet/bip32.hpp>
#include <ultra/wallet/bip39.hpp>

using namespace ultra;
using namespace ultra::wallet;

namespace {

/// The published SHA-256 of bip-0039/english.txt (one word per line, LF-terminated).
constexpr std::string_view kEnglishTxtSha256 =
    "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";

struct TrezorVector
{
    std::string_view entropy;
    std::string_view mnemonic;
    std::string_view seed;  // with the passphrase "TREZOR"
    std::string_view xprv;  // the BIP-32 master key of that seed
};

// A selection of the Trezor reference vectors (python-mnemonic vectors.json, English, passphrase
// "TREZOR"): every word count, the all-zero/all-one/pattern entropies and a few random ones.
const TrezorVector kTrezor[] = {
    {"00000000000000000000000000000000",
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
     "about",
     "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf"
     "1"
     "41630c7a3c4ab7c81b2f001698e7463b04",
     "xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SPmYHrEpTuuRhxMwvK"
     "Dwq"
     "dKiGJS9XFKzUsAF"},
    {"7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
     "legal winner thank year wave sausage worth useful legal winner thank yellow",
     "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c10"
     "69b"
     "e3a3a5bd381ee6260e8d9739fce1f607",
     "xprv9s21ZrQH143K2gA81bYFHqU68xz1cX2APaSq5tt6MFSLeXnCKV1RVUJt9FWNTbrrryem4ZckN8k4Ls1H6nwdvDTvn"
     "V7z"
     "EXs2HgPezuVccsq"},
    {"80808080808080808080808080808080",
     "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
     "d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0"
     "358"
     "d18d69fe4f985ec81778c1b370b652a8",
     "xprv9s21ZrQH143K2shfP28KM3nr5Ap1SXjz8gc2rAqqMEynmjt6o1qboCDpxckqXavCwdnYds6yBHZGKHv7ef2eTXy46"
     "1PX"
     "UjBFQg6PrwY4Gzq"},
    {"ffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
     "ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c6f15b1"
     "1c6"
     "1dee327651a14c34e18231052e48c069",
     "xprv9s21ZrQH143K2V4oox4M8Zmhi2Fjx5XK4Lf7GKRvPSgydU3mjZuKGCTg7UPiBUD7ydVPvSLtg9hjp7MQTYsW67rZH"
     "AXe"
     "ccqYqrsx8LcXnyd"},
    {"000000000000000000000000000000000000000000000000",
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
     "abandon "
     "abandon abandon abandon abandon abandon agent",
     "035895f2f481b1b0f01fcf8c289c794660b289981a78f8106447707fdd9666ca06da5a9a565181599b79f53b844d8"
     "a71"
     "dd9f439c52a3d7b3e8a79c906ac845fa",
     "xprv9s21ZrQH143K3mEDrypcZ2usWqFgzKB6jBBx9B6GfC7fu26X6hPRzVjzkqkPvDqp6g5eypdk6cyhGnBngbjeHTe4L"
     "suL"
     "G1cCmKJka5SMkmU"},
    {"0000000000000000000000000000000000000000000000000000000000000000",
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
     "abandon "
     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art",
     "bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a"
     "7c3"
     "de6f5d4a10be8ed2a5e608d68f92fcc8",
     "xprv9s21ZrQH143K32qBagUJAMU2LsHg3ka7jqMcV98Y7gVeVyNStwYS3U7yVVoDZ4btbRNf4h6ibWpY22iRmXq35qgLs"
     "79f"
     "312g2kj5539ebPM"},
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo "
     "vote",
     "dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3"
     "992"
     "c456cdf60f5d4564b8ba3f05a69890ad",
     "xprv9s21ZrQH143K2WFF16X85T2QCpndrGwx6GueB72Zf3AHwHJaknRXNF37ZmDrtHrrLSHvbuRejXcnYxoZKvRquTPyp"
     "2Ji"
     "NG3XcjQyzSEgqCB"},
    {"9e885d952ad362caeb4efe34a8e91bd2",
     "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
     "274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e5476c91689f9c8a54fd55bd38606aa6a"
     "859"
     "5ad213d4c9c9f9aca3fb217069a41028",
     "xprv9s21ZrQH143K2oZ9stBYpoaZ2ktHj7jLz7iMqpgg1En8kKFTXJHsjxry1JbKH19YrDTicVwKPehFKTbmaxgVEc5Tp"
     "HdS"
     "1aYhB2s9aFJBeJH"},
    {"6610b25967cdcca9d59875f5cb50b0ea75433311869e930b",
     "gravity machine north sort system female filter attitude volume fold club stay feature "
     "office "
     "ecology stable narrow fog",
     "628c3827a8823298ee685db84f55caa34b5cc195a778e52d45f59bcf75aba68e4d7590e101dc414bc1bbd5737666f"
     "bbe"
     "f35d1f1903953b66624f910feef245ac",
     "xprv9s21ZrQH143K3uT8eQowUjsxrmsA9YUuQQK1RLqFufzybxD6DH6gPY7NjJ5G3EPHjsWDrs9iivSbmvjc9DQJbJGat"
     "fa9"
     "pv4MZ3wjr8qWPAK"},
    {"68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c",
     "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy "
     "gospel tennis maple dilemma loan word shrug inflict delay length",
     "64c87cde7e12ecf6704ab95bb1408bef047c22db4cc7491c4271d170a1b213d20b385bc1588d9c7b38f1b39d41566"
     "5b8"
     "a9030c9ec653d75e65f847d8fc1fc440",
     "xprv9s21ZrQH143K2XTAhys3pMNcGn261Fi5Ta2Pw8PwaVPhg3D8DWkzWQwjTJfskj8ofb81i9NP2cUNKxwjueJHHMQAn"
     "xti"
     "vTA75uUFqPFeWzk"},
};

Bytes unhex(std::string_view h)
{
    auto b = from_hex(h);
    EXPECT_TRUE(b.has_value()) << h;
    return b.value_or(Bytes{});
}

}  // namespace

TEST(Bip39, WordlistIsThePublishedFile)
{
    const auto& words = bip39_english_wordlist();
    std::string file;
    for (const auto w : words) {
        file += w;
        file += '\n';
    }
    uint8_t digest[32];
    unsigned int len = 0;
    ASSERT_EQ(EVP_Digest(file.data(), file.size(), digest, &len, EVP_sha256(), nullptr), 1);
    EXPECT_EQ(to_hex(BytesView{digest, len}), kEnglishTxtSha256);
    EXPECT_EQ(words.front(), "abandon");
    EXPECT_EQ(words.back(), "zoo");
}

// Lookup is a binary search: the list must be strictly sorted. BIP-39 also promises that the
// first four letters identify a word.
TEST(Bip39, WordlistIsSortedWithUniquePrefixes)
{
    const auto& words = bip39_english_wordlist();
    for (size_t i = 1; i < words.size(); ++i) {
        EXPECT_LT(words[i - 1], words[i]) << i;
        EXPECT_NE(words[i - 1].substr(0, 4), words[i].substr(0, 4)) << i;
    }
    EXPECT_EQ(bip39_word_index("abandon"), 0);
    EXPECT_EQ(bip39_word_index("zoo"), 2047);
    EXPECT_EQ(bip39_word_index("junk"), 970);
    EXPECT_EQ(bip39_word_index("test"), 1788);
    EXPECT_EQ(bip39_word_index("Test"), -1);
    EXPECT_EQ(bip39_word_index("tes"), -1);
    EXPECT_EQ(bip39_word_index(""), -1);
}

TEST(Bip39, TrezorVectors)
{
    for (const auto& v : kTrezor) {
        SCOPED_TRACE(v.mnemonic);
        const Bytes entropy = unhex(v.entropy);

        const auto mnemonic = entropy_to_mnemonic(entropy);
        ASSERT_TRUE(mnemonic.has_value());
        EXPECT_EQ(*mnemonic, v.mnemonic);

        const auto back = mnemonic_to_entropy(v.mnemonic);
        ASSERT_TRUE(back.has_value()) << back.error().message;
        EXPECT_EQ(*back, entropy);

        const auto seed = mnemonic_to_seed(v.mnemonic, "TREZOR");
        ASSERT_TRUE(seed.has_value()) << seed.error().message;
        EXPECT_EQ(to_hex(seed->view()), v.seed);

        const auto master = master_key_from_seed(seed->view());
        ASSERT_TRUE(master.has_value());
        EXPECT_EQ(to_base58(*master), v.xprv);
    }
}

// Without a passphrase (the common case): the seed of the first vector's sentence, as ethers
// v6 and the BIP-39 reference compute it.
TEST(Bip39, EmptyPassphrase)
{
    const auto seed = mnemonic_to_seed(kTrezor[0].mnemonic);
    ASSERT_TRUE(seed.has_value());
    EXPECT_EQ(to_hex(seed->view()),
              "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086"
              "206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4");
}

// Extra whitespace is not part of the sentence: the seed is that of the single-spaced form.
TEST(Bip39, WhitespaceIsNormalised)
{
    const std::string messy =
        "  legal winner\tthank year wave sausage worth useful legal winner thank\n yellow \n";
    const auto normal = normalize_mnemonic(messy);
    ASSERT_TRUE(normal.has_value());
    EXPECT_EQ(*normal, kTrezor[1].mnemonic);
    const auto seed = mnemonic_to_seed(messy, "TREZOR");
    ASSERT_TRUE(seed.has_value());
    EXPECT_EQ(to_hex(seed->view()), kTrezor[1].seed);
}

TEST(Bip39, UnknownWord)
{
    const auto r = mnemonic_to_seed("test test tset test test test test test test test test junk");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, WalletErrc::kUnknownWord);
    EXPECT_NE(r.error().message.find("'tset' (word 3)"), std::string::npos) << r.error().message;

    // Words are lower case.
    const auto upper =
        validate_mnemonic("Test test test test test test test test test test test junk");
    ASSERT_FALSE(upper.has_value());
    EXPECT_EQ(upper.error().code, WalletErrc::kUnknownWord);
}

TEST(Bip39, WrongChecksum)
{
    // Twelve valid words, but "abandon" x 12 has checksum bits 0000 where SHA-256 of the zero
    // entropy needs 0011 ("about").
    const auto r = validate_mnemonic(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon abandon abandon");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, WalletErrc::kChecksum);
    EXPECT_NE(r.error().message.find("checksum"), std::string::npos);

    // Two words swapped.
    const auto swapped =
        mnemonic_to_seed("test test test test test test test test test test junk test");
    ASSERT_FALSE(swapped.has_value());
    EXPECT_EQ(swapped.error().code, WalletErrc::kChecksum);

    // Every one-word change of a valid 12-word sentence's last word but one is caught
    // (the 4 checksum bits leave 1 in 16 last words valid).
    int valid_last_words = 0;
    for (const auto w : bip39_english_wordlist()) {
        const std::string s =
            "test test test test test test test test test test test " + std::string{w};
        if (validate_mnemonic(s).has_value()) ++valid_last_words;
    }
    EXPECT_EQ(valid_last_words, 128);  // 7 free entropy bits of the last word: 2^7 sentences
}

TEST(Bip39, WrongWordCount)
{
    for (const std::string_view s :
         {"", "   ", "test", "test test test test test test test test test test junk",
          "test test test test test test test test test test test test junk",
          "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
          "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
          "abandon abandon abandon about"}) {
        const auto r = validate_mnemonic(s);
        ASSERT_FALSE(r.has_value()) << s;
        EXPECT_EQ(r.error().code, WalletErrc::kWordCount) << s;
        EXPECT_NE(r.error().message.find("12, 15, 18, 21 or 24 words"), std::string::npos);
    }
}

TEST(Bip39, NonAsciiIsRejected)
{
    const auto r =
        mnemonic_to_seed("test test test test test test test test test test test j\xc3\xbcnk");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, WalletErrc::kNonAscii);
    EXPECT_NE(r.error().message.find("non-ASCII"), std::string::npos);

    const auto p = mnemonic_to_seed(kTrezor[0].mnemonic, "pass\xc3\xa9");
    ASSERT_FALSE(p.has_value());
    EXPECT_EQ(p.error().code, WalletErrc::kNonAscii);
    EXPECT_NE(p.error().message.find("passphrase"), std::string::npos);
}

TEST(Bip39, BadEntropyLength)
{
    for (const size_t len : {0, 15, 17, 33, 64}) {
        const auto r = entropy_to_mnemonic(Bytes(len, 0x42));
        ASSERT_FALSE(r.has_value()) << len;
        EXPECT_EQ(r.error().code, WalletErrc::kEntropyLength);
    }
}

// entropy -> mnemonic -> entropy for every length, over patterned entropies.
TEST(Bip39, RoundTrip)
{
    for (size_t len = 16; len <= 32; len += 4) {
        for (unsigned pattern = 0; pattern < 64; ++pattern) {
            Bytes entropy(len, 0);
            for (size_t i = 0; i < len; ++i)
                entropy[i] = static_cast<uint8_t>(pattern * 37 + i * 101 + (pattern >> 3));
            const auto m = entropy_to_mnemonic(entropy);
            ASSERT_TRUE(m.has_value());
            const auto back = mnemonic_to_entropy(*m);
            ASSERT_TRUE(back.has_value()) << *m;
            EXPECT_EQ(*back, entropy);
        }
    }
}
