// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Ethash light verification (crypto/ethash.hpp) and Keccak-512 (core/keccak.hpp).
// Vectors: go-ethereum consensus/ethash/algorithm_test.go (reduced-size cache, dataset and
// hashimoto; mainnet block 3311058), ethereum/tests PoWTests/ethash_tests.json (epoch 0 at full
// size), and the sealed headers of the legacy fixtures whose sealEngine is Ethash.

#include <cryptopp/keccak.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/crypto/ethash.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {
using namespace ultra;
using namespace ultra::literals;
namespace ethash = ultra::crypto::ethash;
namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Keccak-512
// ---------------------------------------------------------------------------------------------

TEST(Keccak512, EmptyInput)
{
    EXPECT_EQ(to_hex(keccak512({})),
              "0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304"
              "c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e");
}

TEST(Keccak512, MatchesCryptoPP)
{
    std::mt19937_64 rng{512};
    // Every length around the 72-byte rate boundaries, then random lengths.
    for (size_t len = 0; len < 300 + test::scaled(200); ++len) {
        Bytes data(len, 0);
        for (auto& b : data) b = static_cast<uint8_t>(rng());
        CryptoPP::Keccak_512 reference;
        uint8_t expected[64];
        reference.CalculateDigest(expected, data.data(), data.size());
        EXPECT_EQ(to_hex(keccak512(data)), to_hex(BytesView{expected, 64})) << len;
    }
}

// ---------------------------------------------------------------------------------------------
// Sizes and seeds
// ---------------------------------------------------------------------------------------------

TEST(Ethash, Sizes)
{
    // go-ethereum's lookup tables (cacheSizes, datasetSizes), first entries.
    EXPECT_EQ(ethash::cache_size(0), 16'776'896u);
    EXPECT_EQ(ethash::cache_size(1), 16'907'456u);
    EXPECT_EQ(ethash::cache_size(2), 17'039'296u);
    EXPECT_EQ(ethash::cache_size(3), 17'170'112u);
    EXPECT_EQ(ethash::dataset_size(0), 1'073'739'904u);
    EXPECT_EQ(ethash::dataset_size(1), 1'082'130'304u);
    EXPECT_EQ(ethash::dataset_size(2), 1'090'514'816u);
    EXPECT_EQ(ethash::dataset_size(4), 1'107'293'056u);
    EXPECT_EQ(ethash::epoch_of(29'999), 0u);
    EXPECT_EQ(ethash::epoch_of(30'000), 1u);
}

TEST(Ethash, SeedHash)
{
    EXPECT_EQ(ethash::seed_hash(0), Hash256{});
    EXPECT_EQ(ethash::seed_hash(1), keccak256(Hash256{}));
    EXPECT_EQ(ethash::seed_hash(2), keccak256(keccak256(Hash256{})));
}

// ---------------------------------------------------------------------------------------------
// go-ethereum algorithm_test.go: a 1024-byte cache and a 32 KiB dataset
// ---------------------------------------------------------------------------------------------

TEST(Ethash, SmallCacheGeneration)
{
    // TestCacheGeneration: the first two and the last of the 16 items.
    const auto c0 = ethash::Cache::generate(ethash::seed_hash(0), 1024, 0);
    ASSERT_EQ(c0.num_items(), 16u);
    const std::string b0 = to_hex(c0.to_bytes());
    EXPECT_EQ(b0.substr(0, 256),
              "7ce2991c951f7bf4c4c1bb119887ee07871eb5339d7b97b8588e85c742de90e5"
              "bafd5bbe6ce93a134fb6be9ad3e30db99d9528a2ea7846833f52e9ca119b6b54"
              "8979480c46e19972bd0738779c932c1b43e665a2fd3122fc3ddb2691f353ceb0"
              "ed3e38b8f51fd55b6940290743563c9f8fa8822e611924657501a12aafab8a8d");
    EXPECT_EQ(b0.substr(2048 - 128),
              "845f64fd8324bb85312979dead74f764c9677aab89801ad4f927f1c00f12e28f"
              "22422bb44200d1969d9ab377dd6b099dc6dbc3222e9321b2c1e84f8e2f07731c");

    const auto c1 = ethash::Cache::generate(ethash::seed_hash(1), 1024, 1);
    EXPECT_EQ(to_hex(c1.to_bytes()).substr(0, 128),
              "1f56855d59cc5a085720899b4377a0198f1abe948d85fe5820dc0e346b7c0931"
              "b9cde8e541d751de3b2b3275d0aabfae316209d5879297d8bd99f8a033c9d4df");
}

TEST(Ethash, SmallDatasetItems)
{
    // TestDatasetGeneration: the first two 64-byte items of the 32 KiB dataset.
    const auto cache = ethash::Cache::generate(ethash::seed_hash(0), 1024, 0);
    EXPECT_EQ(to_hex(cache.dataset_item(0)),
              "4bc09fbd530a041dd2ec296110a29e8f130f179c59d223f51ecce3126e8b0c74"
              "326abc2f32ccd9d7f976bd0944e3ccf8479db39343cbbffa467046ca97e2da63");
    EXPECT_EQ(to_hex(cache.dataset_item(1)),
              "da5f9d9688c7c33ab7b8aace570e422fa48b24659b72fc534669209d66389ca1"
              "5b099c5604601e7581488e3bd6925cec0f12d465f8004d4fa84793f8e1e46a1b");
}

TEST(Ethash, SmallHashimoto)
{
    // TestHashimoto.
    const auto cache = ethash::Cache::generate(Hash256{}, 1024, 0);
    const auto r = ethash::hashimoto_light(
        cache, 32 * 1024, "0xc9149cc0386e689d789a1c2f3d5d169a61a6218ed30e74414dc736e442ef3d1f"_b32,
        0);
    EXPECT_EQ(r.mix_digest,
              "0xe4073cffaef931d37117cefd9afd27ea0f1cad6a981dd2605c4a1ac97c519800"_b32);
    EXPECT_EQ(r.result, "0xd3539235ee2e6f8db665c0a72169f55b7f6c605712330b778ec3944f0eb5a557"_b32);
}

// ---------------------------------------------------------------------------------------------
// Full-size caches
// ---------------------------------------------------------------------------------------------

/// The epoch caches the tests share (built once: ~16 MiB and a fraction of a second each).
const ethash::Cache& cache_for_epoch(uint64_t epoch)
{
    static std::map<uint64_t, std::unique_ptr<ethash::Cache>> caches;
    auto& slot = caches[epoch];
    if (!slot) slot = std::make_unique<ethash::Cache>(ethash::Cache::for_epoch(epoch));
    return *slot;
}

TEST(Ethash, PowTestsEpoch0)
{
    // ethereum/tests PoWTests/ethash_tests.json "first".
    const auto& cache = cache_for_epoch(0);
    EXPECT_EQ(cache.num_items() * 64, 16'776'896u);
    EXPECT_EQ(keccak256(cache.to_bytes()),
              "0x35ded12eecf2ce2e8da2e15c06d463aae9b84cb2530a00b932e4bbc484cde353"_b32);
    const auto r = ethash::hashimoto_light(
        cache, 1'073'739'904,
        "0x60fd9f3354a63d0b93307d4f0a3196d7284c718d7335ee677caebe78fc0bd922"_b32,
        0x4242424242424242);
    EXPECT_EQ(r.mix_digest,
              "0x45c73dd21eb93306b93b4e9c4dc1bbd7767f1d73307f7d216c1cff8605560689"_b32);
    EXPECT_EQ(r.result, "0x4cf6e056930a9b35b07efa86dcd57ee3f8cfc78a1db06624a78c60e35751d2b8"_b32);
}

TEST(Ethash, MainnetBlock3311058)
{
    // The mainnet header of go-ethereum's TestConcurrentDiskCacheGeneration (epoch 110).
    BlockHeader h;
    h.parent_hash = "0xd783efa4d392943503f28438ad5830b2d5964696ffc285f338585e9fe0a37a05"_b32;
    h.ommers_hash = kEmptyOmmersHash;
    h.coinbase = "0xc0ea08a2d404d3172d2add29a45be56da40e2949"_addr;
    h.state_root = "0x77d14e10470b5850332524f8cd6f69ad21f070ce92dca33ab2858300242ef2f1"_b32;
    h.transactions_root = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"_b32;
    h.receipts_root = h.transactions_root;
    h.difficulty = 167'925'187'834'220;
    h.number = 3'311'058;
    h.gas_limit = 4'015'682;
    h.gas_used = 0;
    h.timestamp = 1'488'928'920;
    h.extra_data = to_bytes_view("www.bw.com");
    h.mix_hash = "0x3e140b0784516af5e5ec6730f2fb20cca22f32be399b9e4ad77d32541f798cd0"_b32;
    h.nonce = FixedBytes<8>::from_view("0xf400cd0006070c49"_hex);

    const auto& cache = cache_for_epoch(ethash::epoch_of(h.number));
    EXPECT_EQ(cache.epoch(), 110u);
    EXPECT_TRUE(ethash::verify_seal(cache, h));

    BlockHeader wrong_nonce = h;
    wrong_nonce.nonce[7] ^= 1;
    EXPECT_FALSE(ethash::verify_seal(cache, wrong_nonce));
    BlockHeader wrong_mix = h;
    wrong_mix.mix_hash[0] ^= 1;
    EXPECT_FALSE(ethash::verify_seal(cache, wrong_mix));
    // A difficulty far above the one sealed for: the result misses the target.
    BlockHeader harder = h;
    harder.difficulty = uint256{1} << 200;
    EXPECT_FALSE(ethash::verify_seal(cache, harder));
}

TEST(Ethash, MeetsDifficulty)
{
    const Hash256 zero{};
    Hash256 max;
    max.bytes.fill(0xff);
    EXPECT_FALSE(ethash::meets_difficulty(zero, 0));
    EXPECT_TRUE(ethash::meets_difficulty(max, 1));  // target 2^256
    // Difficulty 2: target 2^255; the result 2^255 passes, 2^255 + 1 does not.
    Hash256 half{};
    half[0] = 0x80;
    EXPECT_TRUE(ethash::meets_difficulty(half, 2));
    half[31] = 1;
    EXPECT_FALSE(ethash::meets_difficulty(half, 2));
    // Difficulty 3: target ⌊2^256 / 3⌋ = 0x5555...55.
    Hash256 third;
    third.bytes.fill(0x55);
    EXPECT_TRUE(ethash::meets_difficulty(third, 3));
    third[31] = 0x56;
    EXPECT_FALSE(ethash::meets_difficulty(third, 3));
}

// ---------------------------------------------------------------------------------------------
// Sealed headers of the legacy fixtures (sealEngine Ethash)
// ---------------------------------------------------------------------------------------------

bool expects_exception(const json& block)
{
    for (const auto& [key, value] : block.items())
        if (key.starts_with("expectException")) return true;
    return false;
}

bool seals_ok(const Block& b)
{
    if (!ethash::verify_seal(cache_for_epoch(ethash::epoch_of(b.header.number)), b.header))
        return false;
    for (const auto& ommer : b.ommers)
        if (!ethash::verify_seal(cache_for_epoch(ethash::epoch_of(ommer.number)), ommer))
            return false;
    return true;
}

TEST(Ethash, LegacyFixtureSeals)
{
    const fs::path root = test::fixtures_dir() / "blockchain/legacy_constantinople/BlockchainTests";
    ASSERT_TRUE(fs::is_directory(root));
    size_t valid = 0;
    size_t rejected = 0;
    std::vector<fs::path> paths = infra::list_json_files(root / "ValidBlocks");
    for (const auto& p : infra::list_json_files(root / "InvalidBlocks")) paths.push_back(p);
    for (const auto& path : paths) {
        const std::string text = infra::read_file(path);
        if (text.find("\"Ethash\"") == std::string::npos) continue;
        const json file = json::parse(text);
        for (const auto& [name, test] : file.items()) {
            if (test.value("sealEngine", "") != "Ethash") continue;
            SCOPED_TRACE(name);
            const bool bad_seal =
                name.starts_with("wrongMixHash") || name.starts_with("nonceWrong");
            for (const auto& b : test.at("blocks")) {
                const auto rlp = from_hex(b.at("rlp").get<std::string>());
                ASSERT_TRUE(rlp.has_value());
                auto block = decode_block(*rlp);
                if (!block) continue;  // an undecodable invalid block: not a seal case
                if (!expects_exception(b)) {
                    // ~7 ms a header: the sanitizer job (scaled to 10 %) checks a tenth of them.
                    if (valid >= test::scaled(1000)) continue;
                    EXPECT_TRUE(seals_ok(*block)) << "block " << block->header.number;
                    ++valid;
                } else if (bad_seal) {
                    // These tests break the mix hash or nonce of the last block (or its ommer).
                    EXPECT_FALSE(seals_ok(*block)) << "block " << block->header.number;
                    ++rejected;
                }
            }
        }
    }
    EXPECT_GE(valid, std::min<uint64_t>(test::scaled(1000), 100));
    EXPECT_GT(rejected, 5u);
    std::cout << valid << " sealed blocks verified, " << rejected << " bad seals rejected\n";
}

}  // namespace
