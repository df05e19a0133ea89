// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Block headers, withdrawals and blocks (core/types/block.hpp) and the chain configuration
// (core/chain_config.hpp). Round trips use headers and blocks taken from the shared fixtures:
// the decoded fields are compared with the fixture's JSON header, the re-encoding must be
// byte-identical and the hash must be the fixture's `hash`.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {
using namespace ultra;
using namespace ultra::literals;
using nlohmann::json;
namespace fs = std::filesystem;

Bytes hex_bytes(const json& j)
{
    auto b = from_hex(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return b.value_or(Bytes{});
}

template <size_t N>
FixedBytes<N> hex_fixed(const json& j)
{
    auto b = fixed_from_hex<N>(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return b.value_or(FixedBytes<N>{});
}

uint256 hex_u256(const json& j)
{
    auto v = parse_uint256(j.get<std::string>());
    EXPECT_TRUE(v.has_value()) << j;
    return v.value_or(uint256{});
}

uint64_t hex_u64(const json& j)
{
    const uint256 v = hex_u256(j);
    EXPECT_TRUE(v[1] == 0 && v[2] == 0 && v[3] == 0) << j;
    return v[0];
}

/// A header built from a fixture's JSON form, independently of the RLP decoder.
BlockHeader header_from_json(const json& j)
{
    BlockHeader h;
    h.parent_hash = hex_fixed<32>(j.at("parentHash"));
    h.ommers_hash = hex_fixed<32>(j.at("uncleHash"));
    h.coinbase = hex_fixed<20>(j.at("coinbase"));
    h.state_root = hex_fixed<32>(j.at("stateRoot"));
    h.transactions_root = hex_fixed<32>(j.at("transactionsTrie"));
    h.receipts_root = hex_fixed<32>(j.at("receiptTrie"));
    h.logs_bloom = hex_fixed<256>(j.at("bloom"));
    h.difficulty = hex_u256(j.at("difficulty"));
    h.number = hex_u64(j.at("number"));
    h.gas_limit = hex_u64(j.at("gasLimit"));
    h.gas_used = hex_u64(j.at("gasUsed"));
    h.timestamp = hex_u64(j.at("timestamp"));
    h.extra_data = hex_bytes(j.at("extraData"));
    h.mix_hash = hex_fixed<32>(j.at("mixHash"));
    h.nonce = hex_fixed<8>(j.at("nonce"));
    if (j.contains("baseFeePerGas")) h.base_fee_per_gas = hex_u256(j["baseFeePerGas"]);
    if (j.contains("withdrawalsRoot")) h.withdrawals_root = hex_fixed<32>(j["withdrawalsRoot"]);
    if (j.contains("blobGasUsed")) h.blob_gas_used = hex_u64(j["blobGasUsed"]);
    if (j.contains("excessBlobGas")) h.excess_blob_gas = hex_u64(j["excessBlobGas"]);
    if (j.contains("parentBeaconBlockRoot"))
        h.parent_beacon_block_root = hex_fixed<32>(j["parentBeaconBlockRoot"]);
    if (j.contains("requestsHash")) h.requests_hash = hex_fixed<32>(j["requestsHash"]);
    return h;
}

/// Checks a fixture block: decodes, equals the JSON header, re-encodes identically, hashes to
/// the fixture's hash. Returns the number of blocks checked.
size_t check_block(const json& rlp_hex, const json& header_json, const json* withdrawals_json)
{
    const Bytes rlp = hex_bytes(rlp_hex);
    auto block = decode_block(rlp);
    EXPECT_TRUE(block.has_value());
    if (!block) return 0;
    EXPECT_EQ(block->header, header_from_json(header_json));
    EXPECT_EQ(to_hex(encode_block(*block)), to_hex(rlp));
    const Hash256 hash = hex_fixed<32>(header_json.at("hash"));
    EXPECT_EQ(to_hex(header_hash(block->header)), to_hex(hash));
    EXPECT_EQ(block->header.ommers_hash, ommers_hash(block->ommers));
    // The header alone round trips through the header codec too.
    const Bytes header_rlp = encode_block_header(block->header);
    auto header = decode_block_header(header_rlp);
    EXPECT_TRUE(header.has_value() && *header == block->header);
    if (withdrawals_json != nullptr) {
        EXPECT_TRUE(block->withdrawals.has_value());
        if (block->withdrawals) {
            EXPECT_EQ(block->withdrawals->size(), withdrawals_json->size());
            for (size_t i = 0; i < withdrawals_json->size() && i < block->withdrawals->size();
                 ++i) {
                const json& w = (*withdrawals_json)[i];
                const Withdrawal& d = (*block->withdrawals)[i];
                EXPECT_EQ(d.index, hex_u64(w.at("index")));
                EXPECT_EQ(d.validator_index, hex_u64(w.at("validatorIndex")));
                EXPECT_EQ(d.address, hex_fixed<20>(w.at("address")));
                EXPECT_EQ(d.amount, hex_u64(w.at("amount")));
            }
        }
    }
    return 1;
}

/// Round-trips the genesis and every valid block of every test in a fixture file.
size_t check_fixture_file(const fs::path& path)
{
    const json file = infra::load_json(path);
    size_t checked = 0;
    for (const auto& [name, test] : file.items()) {
        SCOPED_TRACE(name);
        checked += check_block(test.at("genesisRLP"), test.at("genesisBlockHeader"), nullptr);
        for (const auto& b : test.at("blocks")) {
            if (!b.contains("blockHeader")) continue;  // an invalid block: not a round trip
            const json* withdrawals = b.contains("withdrawals") ? &b["withdrawals"] : nullptr;
            checked += check_block(b.at("rlp"), b.at("blockHeader"), withdrawals);
        }
    }
    return checked;
}

fs::path blockchain_dir()
{
    return test::fixtures_dir() / "blockchain";
}

// One fixture file per header layout: 15 fields with ommers (Frontier..Berlin), London, Paris,
// Shanghai (withdrawals), Cancun (blob gas), Prague and Osaka (requests hash).
TEST(BlockFixtures, RoundTripLegacyUncles)
{
    const auto p = blockchain_dir() / "legacy_cancun/BlockchainTests/ValidBlocks/bcUncleTest";
    ASSERT_TRUE(fs::is_directory(p));
    size_t n = 0;
    for (const auto& f : infra::list_json_files(p)) n += check_fixture_file(f);
    EXPECT_GT(n, 50u);
}

TEST(BlockFixtures, RoundTripTransitions)
{
    const auto p = blockchain_dir() / "legacy_cancun/BlockchainTests/TransitionTests";
    ASSERT_TRUE(fs::is_directory(p));
    size_t n = 0;
    for (const auto& f : infra::list_json_files(p)) n += check_fixture_file(f);
    EXPECT_GT(n, 100u);
}

TEST(BlockFixtures, RoundTripWithdrawals)
{
    const auto p = blockchain_dir() / "eest/blockchain_tests/shanghai";
    ASSERT_TRUE(fs::is_directory(p));
    size_t n = 0;
    for (const auto& f : infra::list_json_files(p)) n += check_fixture_file(f);
    EXPECT_GT(n, 100u);
}

TEST(BlockFixtures, RoundTripCancunPragueOsaka)
{
    size_t n = 0;
    for (const char* dir : {"eest/blockchain_tests/cancun/eip4844_blobs",
                            "eest/blockchain_tests/prague/eip7002_el_triggerable_withdrawals",
                            "eest/blockchain_tests/osaka/eip7918_blob_reserve_price"}) {
        const auto p = blockchain_dir() / dir;
        ASSERT_TRUE(fs::is_directory(p)) << p;
        for (const auto& f : infra::list_json_files(p)) n += check_fixture_file(f);
    }
    EXPECT_GT(n, 100u);
}

// ---------------------------------------------------------------------------------------------
// Hand-built headers
// ---------------------------------------------------------------------------------------------

BlockHeader full_header()
{
    BlockHeader h;
    h.parent_hash = "0x1111111111111111111111111111111111111111111111111111111111111111"_b32;
    h.ommers_hash = kEmptyOmmersHash;
    h.coinbase = "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba"_addr;
    h.state_root = "0x2222222222222222222222222222222222222222222222222222222222222222"_b32;
    h.transactions_root = "0x3333333333333333333333333333333333333333333333333333333333333333"_b32;
    h.receipts_root = "0x4444444444444444444444444444444444444444444444444444444444444444"_b32;
    h.logs_bloom[7] = 0x80;
    h.difficulty = 0;
    h.number = 1;
    h.gas_limit = 30'000'000;
    h.gas_used = 21'000;
    h.timestamp = 12;
    h.extra_data = "0x00"_hex;
    h.base_fee_per_gas = 7;
    h.withdrawals_root = "0x5555555555555555555555555555555555555555555555555555555555555555"_b32;
    h.blob_gas_used = 0x20000;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash256{};
    h.requests_hash = "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_b32;
    return h;
}

/// The RLP list payload of `h` split into its fields.
std::vector<Bytes> fields_of(const BlockHeader& h)
{
    const Bytes rlp = encode_block_header(h);
    BytesView v{rlp};
    auto payload = rlp::decode_list(v);
    EXPECT_TRUE(payload.has_value());
    std::vector<Bytes> fields;
    BytesView p = payload.value_or(BytesView{});
    while (!p.empty()) {
        auto item = rlp::decode_raw(p);
        EXPECT_TRUE(item.has_value());
        if (!item) break;
        fields.emplace_back(*item);
    }
    return fields;
}

Bytes list_of(const std::vector<Bytes>& fields)
{
    Bytes payload;
    for (const auto& f : fields) payload += f;
    return rlp::wrap_list(payload);
}

TEST(BlockHeader, FieldCountFollowsOptionals)
{
    BlockHeader h = full_header();
    EXPECT_EQ(fields_of(h).size(), 21u);
    h.requests_hash.reset();
    EXPECT_EQ(fields_of(h).size(), 20u);
    h.parent_beacon_block_root.reset();
    h.excess_blob_gas.reset();
    h.blob_gas_used.reset();
    EXPECT_EQ(fields_of(h).size(), 17u);
    h.withdrawals_root.reset();
    EXPECT_EQ(fields_of(h).size(), 16u);
    h.base_fee_per_gas.reset();
    EXPECT_EQ(fields_of(h).size(), 15u);
}

TEST(BlockHeader, RoundTripEveryPrefixOfOptionals)
{
    BlockHeader h = full_header();
    for (int step = 0; step <= 6; ++step) {
        const Bytes rlp = encode_block_header(h);
        auto d = decode_block_header(rlp);
        ASSERT_TRUE(d.has_value()) << step;
        EXPECT_EQ(*d, h) << step;
        // Drop the last present optional field.
        if (h.requests_hash)
            h.requests_hash.reset();
        else if (h.parent_beacon_block_root)
            h.parent_beacon_block_root.reset();
        else if (h.excess_blob_gas)
            h.excess_blob_gas.reset();
        else if (h.blob_gas_used)
            h.blob_gas_used.reset();
        else if (h.withdrawals_root)
            h.withdrawals_root.reset();
        else
            h.base_fee_per_gas.reset();
    }
}

TEST(BlockHeader, DecodeRejectsWrongFieldCounts)
{
    const std::vector<Bytes> fields = fields_of(full_header());
    ASSERT_EQ(fields.size(), 21u);
    // 14 fields: too few.
    std::vector<Bytes> few(fields.begin(), fields.begin() + 14);
    EXPECT_EQ(decode_block_header(list_of(few)).error(), rlp::DecodingError::kListLengthMismatch);
    // 22 fields: too many.
    std::vector<Bytes> many = fields;
    many.push_back(fields.back());
    EXPECT_EQ(decode_block_header(list_of(many)).error(), rlp::DecodingError::kListLengthMismatch);
    // 18 and 19 fields decode (only some of the Cancun fields): validation rejects them later.
    std::vector<Bytes> eighteen(fields.begin(), fields.begin() + 18);
    auto d = decode_block_header(list_of(eighteen));
    ASSERT_TRUE(d.has_value());
    EXPECT_TRUE(d->blob_gas_used.has_value());
    EXPECT_FALSE(d->excess_blob_gas.has_value());
}

TEST(BlockHeader, DecodeRejectsMalformedFields)
{
    std::vector<Bytes> fields = fields_of(full_header());
    // A 255-byte bloom.
    auto bad = fields;
    Bytes bloom;
    rlp::encode(bloom, BytesView{Bytes(255, 0)});
    bad[6] = bloom;
    EXPECT_EQ(decode_block_header(list_of(bad)).error(), rlp::DecodingError::kUnexpectedLength);
    // A 7-byte nonce.
    bad = fields;
    bad[14] = "0x870000000000000000"_hex.substr(0, 8);
    EXPECT_EQ(decode_block_header(list_of(bad)).error(), rlp::DecodingError::kUnexpectedLength);
    // A 19-byte coinbase.
    bad = fields;
    Bytes coinbase;
    rlp::encode(coinbase, BytesView{Bytes(19, 1)});
    bad[2] = coinbase;
    EXPECT_EQ(decode_block_header(list_of(bad)).error(), rlp::DecodingError::kUnexpectedLength);
    // A number with a leading zero byte: 0x82 0x00 0x01.
    bad = fields;
    bad[8] = "0x820001"_hex;
    EXPECT_EQ(decode_block_header(list_of(bad)).error(), rlp::DecodingError::kLeadingZero);
    // A 9-byte gas limit does not fit 64 bits.
    bad = fields;
    bad[9] = "0x89010000000000000000"_hex;
    EXPECT_EQ(decode_block_header(list_of(bad)).error(), rlp::DecodingError::kOverflow);
    // The extra data as a list.
    bad = fields;
    bad[12] = "0xc0"_hex;
    EXPECT_EQ(decode_block_header(list_of(bad)).error(), rlp::DecodingError::kUnexpectedList);
    // A header that is a string, and trailing bytes after the header.
    EXPECT_EQ(decode_block_header("0x83010203"_hex).error(), rlp::DecodingError::kUnexpectedString);
    Bytes trailing = list_of(fields) + "0x00"_hex;
    EXPECT_EQ(decode_block_header(trailing).error(), rlp::DecodingError::kInputTooLong);
}

TEST(BlockHeader, SealHashLeavesOutMixHashAndNonce)
{
    BlockHeader h = full_header();
    h.withdrawals_root.reset();
    h.blob_gas_used.reset();
    h.excess_blob_gas.reset();
    h.parent_beacon_block_root.reset();
    h.requests_hash.reset();
    h.difficulty = 0x20000;
    h.nonce[7] = 0x2a;
    h.mix_hash[0] = 0x99;
    const std::vector<Bytes> fields = fields_of(h);
    ASSERT_EQ(fields.size(), 16u);
    // London: the 13 fields before mix_hash, then the base fee (go-ethereum SealHash).
    Bytes payload;
    for (size_t i = 0; i < 13; ++i) payload += fields[i];
    EXPECT_EQ(seal_hash(h), keccak256(rlp::wrap_list(payload + fields[15])));
    // Pre-London: the 13 fields only.
    h.base_fee_per_gas.reset();
    EXPECT_EQ(seal_hash(h), keccak256(rlp::wrap_list(payload)));
    // The seal does not change the seal hash; it changes the block hash.
    const Hash256 before = seal_hash(h);
    const Hash256 hash_before = header_hash(h);
    h.nonce[0] = 1;
    h.mix_hash[1] = 1;
    EXPECT_EQ(seal_hash(h), before);
    EXPECT_NE(header_hash(h), hash_before);
    EXPECT_EQ(h.nonce_value(), 0x010000000000002au);
}

TEST(BlockHeader, OmmersHashOfNoOmmersIsTheEmptyListHash)
{
    EXPECT_EQ(ommers_hash({}), kEmptyOmmersHash);
    EXPECT_EQ(kEmptyOmmersHash, keccak256("0xc0"_hex));
}

// ---------------------------------------------------------------------------------------------
// Withdrawals and blocks
// ---------------------------------------------------------------------------------------------

TEST(Withdrawal, RoundTripAndStrictness)
{
    const Withdrawal w{0x10, 0x20, "0x00000000000000000000000000000000000000ff"_addr,
                       1'000'000'000};
    Bytes rlp;
    encode_withdrawal(rlp, w);
    // [0x10, 0x20, 20-byte address, 0x3b9aca00]: a 28-byte payload.
    EXPECT_EQ(to_hex(rlp), "dc102094" + std::string(38, '0') + "ff843b9aca00");
    BytesView v{rlp};
    auto d = decode_withdrawal_item(v);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, w);
    EXPECT_TRUE(v.empty());

    // Without the amount: too few fields.
    Bytes three_fields = rlp::wrap_list(BytesView{rlp}.substr(1, 23));
    BytesView t{three_fields};
    EXPECT_EQ(decode_withdrawal_item(t).error(), rlp::DecodingError::kListLengthMismatch);
    // A 19-byte address.
    Bytes short_address = "0xdb10209300000000000000000000000000000000000000843b9aca00"_hex;
    BytesView sa{short_address};
    EXPECT_EQ(decode_withdrawal_item(sa).error(), rlp::DecodingError::kUnexpectedLength);
}

Block sample_block()
{
    Block b;
    b.header = full_header();
    Transaction legacy;
    legacy.nonce = 1;
    legacy.set_gas_price(10);
    legacy.gas_limit = 21000;
    legacy.to = "0x00000000000000000000000000000000000000aa"_addr;
    legacy.value = 5;
    legacy.y_parity = 1;
    legacy.r = 1;
    legacy.s = 2;
    Transaction typed = legacy;
    typed.type = TxType::kDynamicFee;
    typed.chain_id = 1;
    typed.max_fee_per_gas = 20;
    b.transactions = {legacy, typed};
    b.withdrawals = std::vector<Withdrawal>{{1, 2, Address{}, 3}};
    return b;
}

TEST(Block, RoundTrip)
{
    const Block b = sample_block();
    const Bytes rlp = encode_block(b);
    auto d = decode_block(rlp);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, b);
    EXPECT_EQ(encode_block(*d), rlp);

    Block no_withdrawals = b;
    no_withdrawals.withdrawals.reset();
    auto d3 = decode_block(encode_block(no_withdrawals));
    ASSERT_TRUE(d3.has_value());
    EXPECT_FALSE(d3->withdrawals.has_value());

    Block empty_withdrawals = b;
    empty_withdrawals.withdrawals->clear();
    auto d4 = decode_block(encode_block(empty_withdrawals));
    ASSERT_TRUE(d4.has_value());
    ASSERT_TRUE(d4->withdrawals.has_value());
    EXPECT_TRUE(d4->withdrawals->empty());
}

TEST(Block, DecodeRejectsBadStructure)
{
    const Block b = sample_block();
    Bytes header;
    encode_block_header(header, b.header);
    const Bytes empty_list = "0xc0"_hex;

    // Five items.
    EXPECT_EQ(
        decode_block(rlp::wrap_list(header + empty_list + empty_list + empty_list + empty_list))
            .error()
            .rlp,
        rlp::DecodingError::kListLengthMismatch);
    // Two items.
    EXPECT_EQ(decode_block(rlp::wrap_list(header + empty_list)).error().rlp,
              rlp::DecodingError::kListLengthMismatch);
    // The transactions as a string.
    EXPECT_EQ(decode_block(rlp::wrap_list(header + "0x80"_hex + empty_list)).error().rlp,
              rlp::DecodingError::kUnexpectedString);
    // Trailing bytes after the block.
    Bytes trailing = encode_block(b) + "0x01"_hex;
    EXPECT_EQ(decode_block(trailing).error().rlp, rlp::DecodingError::kInputTooLong);
}

TEST(Block, DecodeReportsTheFailingTransaction)
{
    Block b = sample_block();
    Bytes header;
    encode_block_header(header, b.header);
    // Transaction 1 is a typed envelope not wrapped in an RLP string (EIP-2718 forbids it).
    Bytes txs;
    encode_transaction_item(txs, b.transactions[0]);
    txs += encode_transaction(b.transactions[1]);
    const Bytes rlp = rlp::wrap_list(header + rlp::wrap_list(txs) + "0xc0"_hex);
    auto d = decode_block(rlp);
    ASSERT_FALSE(d.has_value());
    EXPECT_TRUE(d.error().tx_error.has_value());
    EXPECT_EQ(d.error().tx_index, 1u);
}

TEST(Block, Eip7934SizeLimit)
{
    EXPECT_EQ(kMaxBlockSize, 10u * 1024 * 1024);
    EXPECT_EQ(kBlockSizeSafetyMargin, 2u * 1024 * 1024);
    EXPECT_EQ(kMaxRlpBlockSize, 8'388'608u);
    EXPECT_FALSE(exceeds_max_rlp_block_size(8'388'608));
    EXPECT_TRUE(exceeds_max_rlp_block_size(8'388'609));
}

// ---------------------------------------------------------------------------------------------
// Chain configuration
// ---------------------------------------------------------------------------------------------

ChainConfig network(std::string_view name)
{
    auto c = chain_config_for_network(name);
    EXPECT_TRUE(c.has_value()) << name;
    return c.value_or(ChainConfig{});
}

TEST(ChainConfig, SingleForkNetworks)
{
    const std::pair<const char*, Revision> cases[] = {
        {"Frontier", Revision::kFrontier},
        {"Homestead", Revision::kHomestead},
        {"EIP150", Revision::kTangerineWhistle},
        {"EIP158", Revision::kSpuriousDragon},
        {"Byzantium", Revision::kByzantium},
        {"Constantinople", Revision::kConstantinople},
        {"ConstantinopleFix", Revision::kPetersburg},
        {"Istanbul", Revision::kIstanbul},
        {"MuirGlacier", Revision::kIstanbul},
        {"Berlin", Revision::kBerlin},
        {"London", Revision::kLondon},
        {"ArrowGlacier", Revision::kLondon},
        {"GrayGlacier", Revision::kLondon},
        {"Paris", Revision::kParis},
        {"Merge", Revision::kParis},
        {"Shanghai", Revision::kShanghai},
        {"Cancun", Revision::kCancun},
        {"Prague", Revision::kPrague},
        {"Osaka", Revision::kOsaka},
        {"BPO1", Revision::kOsaka},
        {"BPO4", Revision::kOsaka},
    };
    for (const auto& [name, rev] : cases) {
        const ChainConfig c = network(name);
        EXPECT_EQ(c.revision_at(0, 0), rev) << name;
        EXPECT_EQ(c.revision_at(10'000'000, 2'000'000'000), rev) << name;
        EXPECT_EQ(c.chain_id, 1u);
        EXPECT_FALSE(c.dao_fork_block.has_value()) << name;
    }
    EXPECT_FALSE(network("Istanbul").muir_glacier_block.has_value());
    EXPECT_EQ(network("Berlin").muir_glacier_block, std::optional<uint64_t>{0});
    EXPECT_FALSE(network("London").arrow_glacier_block.has_value());
    EXPECT_EQ(network("ArrowGlacier").arrow_glacier_block, std::optional<uint64_t>{0});
    EXPECT_EQ(network("Paris").gray_glacier_block, std::optional<uint64_t>{0});
}

TEST(ChainConfig, BlockTransitions)
{
    const ChainConfig c = network("FrontierToHomesteadAt5");
    EXPECT_EQ(c.revision_at(4, 0), Revision::kFrontier);
    EXPECT_EQ(c.revision_at(5, 0), Revision::kHomestead);

    const ChainConfig fix = network("ByzantiumToConstantinopleFixAt5");
    EXPECT_EQ(fix.revision_at(4, 0), Revision::kByzantium);
    EXPECT_EQ(fix.revision_at(5, 0), Revision::kPetersburg);
    EXPECT_TRUE(fix.is_active(Revision::kConstantinople, 5, 0));
    EXPECT_FALSE(fix.is_active(Revision::kConstantinople, 4, 0));

    EXPECT_EQ(network("HomesteadToEIP150At5").revision_at(5, 0), Revision::kTangerineWhistle);
    EXPECT_EQ(network("EIP158ToByzantiumAt5").revision_at(4, 0), Revision::kSpuriousDragon);
    EXPECT_EQ(network("BerlinToLondonAt5").revision_at(4, 0), Revision::kBerlin);
    EXPECT_EQ(network("BerlinToLondonAt5").revision_at(5, 0), Revision::kLondon);

    const ChainConfig dao = network("HomesteadToDaoAt5");
    EXPECT_EQ(dao.revision_at(100, 0), Revision::kHomestead);
    EXPECT_EQ(dao.dao_fork_block, std::optional<uint64_t>{5});
    EXPECT_FALSE(dao.requires_dao_extra_data(4));
    EXPECT_TRUE(dao.requires_dao_extra_data(5));
    EXPECT_TRUE(dao.requires_dao_extra_data(14));
    EXPECT_FALSE(dao.requires_dao_extra_data(15));
}

TEST(ChainConfig, TimestampTransitions)
{
    const ChainConfig c = network("ShanghaiToCancunAtTime15k");
    EXPECT_EQ(c.revision_at(1, 14'999), Revision::kShanghai);
    EXPECT_EQ(c.revision_at(1, 15'000), Revision::kCancun);
    EXPECT_FALSE(c.blob_params_at(1, 14'999).has_value());
    EXPECT_EQ(c.blob_params_at(1, 15'000), (BlobParams{3, 6, 3338477}));

    const ChainConfig p = network("CancunToPragueAtTime15k");
    EXPECT_EQ(p.blob_params_at(1, 14'999), (BlobParams{3, 6, 3338477}));
    EXPECT_EQ(p.blob_params_at(1, 15'000), (BlobParams{6, 9, 5007716}));

    EXPECT_EQ(network("ParisToShanghaiAtTime15k").revision_at(3, 14'999), Revision::kParis);
    EXPECT_EQ(network("PragueToOsakaAtTime15k").revision_at(3, 15'000), Revision::kOsaka);

    // BPO forks change the blob schedule, not the revision.
    const ChainConfig bpo = network("OsakaToBPO1AtTime15k");
    EXPECT_EQ(bpo.revision_at(1, 15'000), Revision::kOsaka);
    EXPECT_EQ(bpo.blob_fork_at(1, 14'999), std::optional<BlobFork>{BlobFork::kOsaka});
    EXPECT_EQ(bpo.blob_fork_at(1, 15'000), std::optional<BlobFork>{BlobFork::kBpo1});
    EXPECT_EQ(bpo.blob_params_at(1, 15'000), (BlobParams{10, 15, 8346193}));

    const ChainConfig b34 = network("BPO3ToBPO4AtTime15k");
    EXPECT_EQ(b34.blob_fork_at(1, 0), std::optional<BlobFork>{BlobFork::kBpo3});
    EXPECT_EQ(b34.blob_fork_at(1, 15'000), std::optional<BlobFork>{BlobFork::kBpo4});
    EXPECT_EQ(b34.blob_params_at(1, 15'000), (BlobParams{14, 21, 13739630}));
}

TEST(ChainConfig, TotalDifficultyTransition)
{
    const ChainConfig c = network("ArrowGlacierToParisAtDiffC0000");
    EXPECT_TRUE(c.has_total_difficulty_fork());
    EXPECT_FALSE(network("Paris").has_total_difficulty_fork());
    EXPECT_EQ(c.revision_at(6, 0), Revision::kLondon);  // no total difficulty given
    EXPECT_EQ(c.revision_at(6, 0, uint256{0xBFFFF}), Revision::kLondon);
    EXPECT_EQ(c.revision_at(6, 0, uint256{0xC0000}), Revision::kParis);
    EXPECT_EQ(c.arrow_glacier_block, std::optional<uint64_t>{0});
}

TEST(ChainConfig, BlobScheduleOverride)
{
    ChainConfig c = network("BPO2");
    EXPECT_EQ(c.blob_params_at(0, 0), (BlobParams{14, 21, 11684671}));
    const auto fork = blob_fork_from_string("BPO2");
    ASSERT_TRUE(fork.has_value());
    c.blob_params[static_cast<size_t>(*fork)] = BlobParams{1, 2, 3};
    EXPECT_EQ(c.blob_params_at(0, 0), (BlobParams{1, 2, 3}));
    EXPECT_EQ(to_string(BlobFork::kBpo2), "BPO2");
    EXPECT_FALSE(blob_fork_from_string("BPO9").has_value());
    EXPECT_FALSE(network("Shanghai").blob_params_at(0, 0).has_value());
}

TEST(ChainConfig, UnknownNetworksAreErrors)
{
    for (const char* name :
         {"", "Frontierr", "Amsterdam", "FrontierToHomesteadAt6", "HomesteadToFrontierAt5",
          "FooToBarAt5", "ParisToShanghaiAtTime16k", "To", "At5"}) {
        auto c = chain_config_for_network(name);
        EXPECT_FALSE(c.has_value()) << name;
    }
    EXPECT_EQ(chain_config_for_network("Frontierr").error(), ConfigError::kUnknownNetwork);
    EXPECT_EQ(chain_config_for_network("HomesteadToFrontierAt5").error(),
              ConfigError::kUnsupportedTransition);
    // BPO forks are scheduled by timestamp: a block transition to one is refused.
    EXPECT_EQ(chain_config_for_network("OsakaToBPO1At5").error(),
              ConfigError::kUnsupportedTransition);
    EXPECT_EQ(to_string(ConfigError::kUnknownNetwork), "unknown network");
}

}  // namespace
