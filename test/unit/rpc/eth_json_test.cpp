// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/rpc/eth_json.hpp>

using namespace ultra;
using namespace ultra::literals;
using namespace ultra::rpc;
using nlohmann::json;

namespace {

/// The message of the DecodeError `fn` throws ("" when it throws none).
template <typename F>
std::string decode_error(F&& fn)
{
    try {
        fn();
    } catch (const DecodeError& e) {
        return e.what();
    }
    return {};
}

const Address kAlice = "0x00000000000000000000000000000000000a11ce"_addr;
const Address kBob = "0x0000000000000000000000000000000000000b0b"_addr;
const Hash256 kHashA = "0x1111111111111111111111111111111111111111111111111111111111111111"_b32;
const Hash256 kHashB = "0x2222222222222222222222222222222222222222222222222222222222222222"_b32;
const Hash256 kHashC = "0x3333333333333333333333333333333333333333333333333333333333333333"_b32;

Transaction make_tx(TxType type)
{
    Transaction tx;
    tx.type = type;
    tx.nonce = 7;
    tx.gas_limit = 90000;
    tx.to = kBob;
    tx.value = 1000;
    tx.data = "0xdeadbeef"_hex;
    tx.r = 0x1234;
    tx.s = 0x5678;
    tx.y_parity = 1;
    if (type == TxType::kLegacy || type == TxType::kAccessList) {
        tx.set_gas_price(20);
    } else {
        tx.max_fee_per_gas = 100;
        tx.max_priority_fee_per_gas = 2;
    }
    if (type != TxType::kLegacy) {
        tx.chain_id = 1337;
        tx.access_list = {{kAlice, {kHashA, kHashB}}, {kBob, {}}};
    } else {
        tx.chain_id = 1;  // EIP-155: v = 2 * 1 + 35 + 1 = 38
    }
    if (type == TxType::kBlob) {
        tx.max_fee_per_blob_gas = 3;
        tx.blob_versioned_hashes = {kHashC};
    }
    if (type == TxType::kSetCode) {
        Authorization a;
        a.chain_id = 1337;
        a.address = kAlice;
        a.nonce = 4;
        a.y_parity = 1;
        a.r = 0xaa;
        a.s = 0xbb;
        tx.authorization_list = {a};
    }
    return tx;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

TEST(EthJson, QuantityEncoding)
{
    EXPECT_EQ(to_quantity(uint64_t{0}), "0x0");
    EXPECT_EQ(to_quantity(uint64_t{1}), "0x1");
    EXPECT_EQ(to_quantity(uint64_t{0x10}), "0x10");
    EXPECT_EQ(to_quantity(uint64_t{0x400}), "0x400");
    EXPECT_EQ(to_quantity(~uint64_t{0}), "0xffffffffffffffff");
    EXPECT_EQ(to_quantity(uint256{}), "0x0");
    EXPECT_EQ(to_quantity(uint256{0, 1, 0, 0}), "0x10000000000000000");
    EXPECT_EQ(to_quantity(~uint256{}), "0x" + std::string(64, 'f'));
}

TEST(EthJson, DataEncoding)
{
    EXPECT_EQ(to_data(Bytes{}), "0x");
    EXPECT_EQ(to_data("0x00ff0a"_hex), "0x00ff0a");
    EXPECT_EQ(to_data(kAlice), "0x00000000000000000000000000000000000a11ce");
}

TEST(EthJson, QuantityDecoding)
{
    EXPECT_EQ(quantity_u64_from_json("0x0"), 0u);
    EXPECT_EQ(quantity_u64_from_json("0x1f"), 31u);
    EXPECT_EQ(quantity_u64_from_json("0X1F"), 31u);
    EXPECT_EQ(quantity_u64_from_json("0xffffffffffffffff"), ~uint64_t{0});
    EXPECT_EQ(quantity_from_json("0x10000000000000000"), (uint256{0, 1, 0, 0}));
    EXPECT_EQ(quantity_from_json("0x" + std::string(64, 'f')), ~uint256{});
    for (uint64_t v : {uint64_t{0}, uint64_t{9}, uint64_t{0xabcdef}, ~uint64_t{0}})
        EXPECT_EQ(quantity_u64_from_json(to_quantity(v)), v);
}

TEST(EthJson, QuantityStrictErrors)
{
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json(json(5)); }),
              "cannot unmarshal non-string into a quantity");
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json(""); }), "empty hex string");
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json("12"); }),
              "hex string without 0x prefix");
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json("0x"); }), "hex string \"0x\"");
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json("0x01"); }),
              "hex number with leading zero digits");
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json("0x1g"); }), "invalid hex string");
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json("0x10000000000000000"); }),
              "hex number > 64 bits");
    EXPECT_EQ(decode_error([] { (void)quantity_from_json("0x1" + std::string(64, '0')); }),
              "hex number > 256 bits");
    // The field name prefixes the reason.
    EXPECT_EQ(decode_error([] { (void)quantity_u64_from_json("1", "gas"); }),
              "gas: hex string without 0x prefix");
}

TEST(EthJson, DataDecoding)
{
    EXPECT_EQ(data_from_json("0x"), Bytes{});
    EXPECT_EQ(data_from_json("0xABcd01"), "0xabcd01"_hex);
    EXPECT_EQ(decode_error([] { (void)data_from_json("abcd"); }), "hex string without 0x prefix");
    EXPECT_EQ(decode_error([] { (void)data_from_json("0xabc"); }), "hex string of odd length");
    EXPECT_EQ(decode_error([] { (void)data_from_json("0xzz"); }), "invalid hex string");
    EXPECT_EQ(decode_error([] { (void)data_from_json(""); }), "empty hex string");
    EXPECT_EQ(decode_error([] { (void)data_from_json(json::array()); }),
              "cannot unmarshal non-string into data");
}

TEST(EthJson, FixedSizeDecoding)
{
    EXPECT_EQ(address_from_json("0x00000000000000000000000000000000000A11CE"), kAlice);
    EXPECT_EQ(hash_from_json(to_data(kHashA)), kHashA);
    EXPECT_EQ(
        decode_error([] { (void)address_from_json("0x00000000000000000000000000000000000a11"); }),
        "hex string has length 38, want 40 for address");
    EXPECT_EQ(decode_error([] { (void)hash_from_json("0x11"); }),
              "hex string has length 2, want 64 for hash");
    EXPECT_EQ(
        decode_error([] { (void)address_from_json("0x0000000000000000000000000000000000000g0b"); }),
        "invalid hex string");
    EXPECT_EQ(decode_error([] { (void)address_from_json(nullptr, "to"); }),
              "to: cannot unmarshal non-string into address");
}

// ---------------------------------------------------------------------------------------------
// Block ids
// ---------------------------------------------------------------------------------------------

TEST(EthJson, BlockNumberOrTag)
{
    EXPECT_EQ(block_number_from_json("latest"), BlockNumberOrTag{BlockTag::kLatest});
    EXPECT_EQ(block_number_from_json("pending"), BlockNumberOrTag{BlockTag::kPending});
    EXPECT_EQ(block_number_from_json("safe"), BlockNumberOrTag{BlockTag::kSafe});
    EXPECT_EQ(block_number_from_json("finalized"), BlockNumberOrTag{BlockTag::kFinalized});
    EXPECT_EQ(block_number_from_json("earliest"), BlockNumberOrTag{BlockTag::kEarliest});
    EXPECT_EQ(block_number_from_json("0x2a"), BlockNumberOrTag{uint64_t{42}});
    EXPECT_EQ(block_number_from_json("0x7fffffffffffffff"),
              BlockNumberOrTag{uint64_t{0x7fffffffffffffff}});
    EXPECT_EQ(decode_error([] { (void)block_number_from_json("0x8000000000000000"); }),
              "block number larger than int64");
    EXPECT_EQ(decode_error([] { (void)block_number_from_json("Latest"); }),
              "hex string without 0x prefix");
    EXPECT_EQ(decode_error([] { (void)block_number_from_json(json(42)); }),
              "cannot unmarshal non-string into a block number");
    for (const auto tag : {BlockTag::kLatest, BlockTag::kPending, BlockTag::kSafe,
                           BlockTag::kFinalized, BlockTag::kEarliest}) {
        EXPECT_EQ(block_number_from_json(to_json(BlockNumberOrTag{tag})), BlockNumberOrTag{tag});
    }
    EXPECT_EQ(to_json(BlockNumberOrTag{uint64_t{255}}), json("0xff"));
}

TEST(EthJson, BlockIdEip1898)
{
    EXPECT_EQ(block_id_from_json("latest"), BlockId{BlockTag::kLatest});
    EXPECT_EQ(block_id_from_json("0x10"), BlockId{uint64_t{16}});
    EXPECT_EQ(block_id_from_json(to_data(kHashA)), (BlockId{BlockHashRef{kHashA, false}}));
    EXPECT_EQ(block_id_from_json(json{{"blockNumber", "0x5"}}), BlockId{uint64_t{5}});
    EXPECT_EQ(block_id_from_json(json{{"blockNumber", "safe"}}), BlockId{BlockTag::kSafe});
    EXPECT_EQ(block_id_from_json(json{{"blockHash", to_data(kHashB)}}),
              (BlockId{BlockHashRef{kHashB, false}}));
    EXPECT_EQ(block_id_from_json(json{{"blockHash", to_data(kHashB)}, {"requireCanonical", true}}),
              (BlockId{BlockHashRef{kHashB, true}}));

    EXPECT_EQ(
        decode_error([] {
            (void)block_id_from_json(json{{"blockHash", to_data(kHashB)}, {"blockNumber", "0x1"}});
        }),
        "cannot specify both BlockHash and BlockNumber, choose one or the other");
    EXPECT_EQ(decode_error([] { (void)block_id_from_json(json::object()); }),
              "invalid arguments; neither block nor hash specified");
    EXPECT_EQ(decode_error([] {
                  (void)block_id_from_json(json{{"blockNum", "0x1"}});
              }),
              "unknown field 'blockNum'");
    EXPECT_EQ(decode_error([] {
                  (void)block_id_from_json(
                      json{{"blockHash", to_data(kHashB)}, {"requireCanonical", "yes"}});
              }),
              "requireCanonical: cannot unmarshal non-bool into a boolean");
    EXPECT_EQ(decode_error([] {
                  (void)block_id_from_json(json{{"blockHash", "0x12"}});
              }),
              "blockHash: hex string has length 2, want 64 for hash");

    const BlockId ids[] = {BlockTag::kFinalized, uint64_t{77}, BlockHashRef{kHashC, true},
                           BlockHashRef{kHashA, false}};
    for (const auto& id : ids) EXPECT_EQ(block_id_from_json(to_json(id)), id);
    EXPECT_EQ(to_json(BlockId{BlockHashRef{kHashC, true}}),
              (json{{"blockHash", to_data(kHashC)}, {"requireCanonical", true}}));
}

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

TEST(EthJson, LegacyTransactionEip155Example)
{
    // The signed transaction of the EIP-155 specification's example (chain id 1).
    const Bytes raw =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000"
        "8025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761a"
        "ecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"_hex;
    const auto tx = decode_transaction(raw);
    ASSERT_TRUE(tx.has_value());
    const json j = transaction_to_json(tx.value(), TxContext{kAlice, std::nullopt, std::nullopt});
    EXPECT_EQ(j["nonce"], "0x9");
    EXPECT_EQ(j["gasPrice"], "0x4a817c800");
    EXPECT_EQ(j["gas"], "0x5208");
    EXPECT_EQ(j["to"], "0x3535353535353535353535353535353535353535");
    EXPECT_EQ(j["value"], "0xde0b6b3a7640000");
    EXPECT_EQ(j["input"], "0x");
    EXPECT_EQ(j["v"], "0x25");
    EXPECT_EQ(j["r"], "0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276");
    EXPECT_EQ(j["s"], "0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    EXPECT_EQ(j["chainId"], "0x1");
    EXPECT_EQ(j["type"], "0x0");
    EXPECT_EQ(j["hash"], to_data(keccak256(raw)));
    EXPECT_EQ(j["from"], to_data(kAlice));
    EXPECT_TRUE(j["blockHash"].is_null());
    EXPECT_TRUE(j["blockNumber"].is_null());
    EXPECT_TRUE(j["transactionIndex"].is_null());
    EXPECT_FALSE(j.contains("yParity"));
    EXPECT_FALSE(j.contains("accessList"));
    EXPECT_FALSE(j.contains("maxFeePerGas"));

    const RpcTransaction back = transaction_from_json(j);
    EXPECT_EQ(back.tx, tx.value());
    EXPECT_EQ(encode_transaction(back.tx), raw);
}

TEST(EthJson, TransactionFieldsPerType)
{
    const TxLocation loc{kHashA, 12, 3, 1700000000, uint256{7}};
    {
        const json j = transaction_to_json(make_tx(TxType::kLegacy), {kAlice, kHashB, loc});
        EXPECT_EQ(j["v"], "0x26");
        EXPECT_EQ(j["gasPrice"], "0x14");
        EXPECT_EQ(j["blockHash"], to_data(kHashA));
        EXPECT_EQ(j["blockNumber"], "0xc");
        EXPECT_EQ(j["transactionIndex"], "0x3");
        EXPECT_EQ(j["blockTimestamp"], "0x6553f100");
        EXPECT_EQ(j["hash"], to_data(kHashB));
    }
    {
        const json j = transaction_to_json(make_tx(TxType::kAccessList), {kAlice, kHashB, loc});
        EXPECT_EQ(j["type"], "0x1");
        EXPECT_EQ(j["chainId"], "0x539");
        EXPECT_EQ(j["yParity"], "0x1");
        EXPECT_EQ(j["v"], "0x1");
        EXPECT_EQ(j["gasPrice"], "0x14");
        EXPECT_EQ(j["accessList"][0]["address"], to_data(kAlice));
        EXPECT_EQ(j["accessList"][0]["storageKeys"][1], to_data(kHashB));
        EXPECT_EQ(j["accessList"][1]["storageKeys"], json::array());
        EXPECT_FALSE(j.contains("maxFeePerGas"));
    }
    {
        // EIP-1559: in a block the gas price is min(max fee, base fee + tip) = min(100, 7 + 2).
        const json mined = transaction_to_json(make_tx(TxType::kDynamicFee), {kAlice, kHashB, loc});
        EXPECT_EQ(mined["gasPrice"], "0x9");
        EXPECT_EQ(mined["maxFeePerGas"], "0x64");
        EXPECT_EQ(mined["maxPriorityFeePerGas"], "0x2");
        // Pending: the cap.
        const json pending =
            transaction_to_json(make_tx(TxType::kDynamicFee), {kAlice, kHashB, std::nullopt});
        EXPECT_EQ(pending["gasPrice"], "0x64");
        // The cap binds when base fee + tip exceeds it.
        TxLocation high = loc;
        high.base_fee = uint256{99};
        EXPECT_EQ(
            transaction_to_json(make_tx(TxType::kDynamicFee), {kAlice, kHashB, high})["gasPrice"],
            "0x64");
    }
    {
        const json j = transaction_to_json(make_tx(TxType::kBlob), {kAlice, kHashB, loc});
        EXPECT_EQ(j["maxFeePerBlobGas"], "0x3");
        EXPECT_EQ(j["blobVersionedHashes"], json::array({to_data(kHashC)}));
        EXPECT_FALSE(j.contains("authorizationList"));
    }
    {
        const json j = transaction_to_json(make_tx(TxType::kSetCode), {kAlice, kHashB, loc});
        EXPECT_EQ(j["type"], "0x4");
        EXPECT_EQ(j["authorizationList"][0], (json{{"chainId", "0x539"},
                                                   {"address", to_data(kAlice)},
                                                   {"nonce", "0x4"},
                                                   {"yParity", "0x1"},
                                                   {"r", "0xaa"},
                                                   {"s", "0xbb"}}));
        EXPECT_FALSE(j.contains("maxFeePerBlobGas"));
    }
}

TEST(EthJson, TransactionRoundTripEveryType)
{
    for (const auto type : {TxType::kLegacy, TxType::kAccessList, TxType::kDynamicFee,
                            TxType::kBlob, TxType::kSetCode}) {
        for (const bool mined : {false, true}) {
            SCOPED_TRACE(static_cast<int>(type) * 10 + mined);
            Transaction tx = make_tx(type);
            if (type == TxType::kDynamicFee) tx.to.reset();  // a creation: "to": null
            std::optional<TxLocation> loc;
            if (mined) loc = TxLocation{kHashA, 12, 3, std::nullopt, std::nullopt};
            const TxContext ctx{kBob, transaction_hash(tx), loc};
            const json j = transaction_to_json(tx, ctx);
            const RpcTransaction back = transaction_from_json(j);
            EXPECT_EQ(back.tx, tx);
            EXPECT_EQ(back.context, ctx);
            // Through text, as a client would see it.
            EXPECT_EQ(transaction_from_json(json::parse(j.dump())).tx, tx);
        }
    }
}

TEST(EthJson, TransactionDecodingErrors)
{
    const json legacy =
        transaction_to_json(make_tx(TxType::kLegacy), {kAlice, kHashB, std::nullopt});
    const json typed =
        transaction_to_json(make_tx(TxType::kDynamicFee), {kAlice, kHashB, std::nullopt});
    {
        json j = legacy;
        j.erase("nonce");
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "missing required field 'nonce'");
    }
    {
        json j = legacy;
        j["chainId"] = "0x2";  // v = 0x26 says chain 1
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "chainId: 'chainId' does not match 'v'");
    }
    {
        json j = legacy;
        j["v"] = "0x1d";
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "v: invalid legacy signature v");
    }
    {
        json j = typed;
        j["v"] = "0x0";
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "'v' and 'yParity' do not match");
    }
    {
        json j = typed;
        j["yParity"] = "0x2";
        j.erase("v");
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "yParity: invalid y parity (must be 0 or 1)");
    }
    {
        json j = typed;
        j["type"] = "0x5";
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j, "tx"); }),
                  "tx.type: transaction type not supported");
    }
    {
        json j = typed;
        j["accessList"][0]["storageKeys"][1] = "0x12";
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "accessList[0].storageKeys[1]: hex string has length 2, want 64 for hash");
    }
    {
        json j = typed;
        j["blockHash"] = to_data(kHashA);  // without number and index
        EXPECT_EQ(decode_error([&] { (void)transaction_from_json(j); }),
                  "blockHash, blockNumber and transactionIndex must be all set or all null");
    }
    {
        json j = typed;
        j.erase("input");
        j["data"] = "0x01";  // the old name is accepted
        EXPECT_EQ(transaction_from_json(j).tx.data, "0x01"_hex);
    }
}

// ---------------------------------------------------------------------------------------------
// Logs and receipts
// ---------------------------------------------------------------------------------------------

namespace {
execution::TxReceipt make_receipt(TxType type)
{
    execution::TxReceipt r;
    r.type = type;
    r.success = true;
    r.gas_used = 50000;
    r.cumulative_gas_used = 71000;
    r.blob_gas_used = type == TxType::kBlob ? 131072 : 0;
    r.logs = {{kAlice, {kHashA}, "0x01"_hex}, {kBob, {kHashB, kHashC}, {}}};
    r.bloom = execution::logs_bloom(r.logs);
    return r;
}

ReceiptContext make_receipt_context()
{
    ReceiptContext c;
    c.tx_hash = kHashC;
    c.tx_index = 1;
    c.block_hash = kHashA;
    c.block_num = 100;
    c.from = kAlice;
    c.to = kBob;
    c.effective_gas_price = 9;
    c.first_log_index = 5;
    return c;
}
}  // namespace

TEST(EthJson, LogRoundTrip)
{
    const execution::Log log{kAlice, {kHashA, kHashB}, "0xcafe"_hex};
    const LogContext ctx{kHashB, 9, kHashC, 2, 4, false, 1234};
    const json j = log_to_json(log, ctx);
    EXPECT_EQ(j["address"], to_data(kAlice));
    EXPECT_EQ(j["topics"], json::array({to_data(kHashA), to_data(kHashB)}));
    EXPECT_EQ(j["data"], "0xcafe");
    EXPECT_EQ(j["blockNumber"], "0x9");
    EXPECT_EQ(j["transactionIndex"], "0x2");
    EXPECT_EQ(j["logIndex"], "0x4");
    EXPECT_EQ(j["removed"], false);
    EXPECT_EQ(j["blockTimestamp"], "0x4d2");
    const RpcLog back = log_from_json(j);
    EXPECT_EQ(back.log, log);
    EXPECT_EQ(back.context, ctx);

    json five = j;
    five["topics"] = json::array(
        {to_data(kHashA), to_data(kHashA), to_data(kHashA), to_data(kHashA), to_data(kHashA)});
    EXPECT_EQ(decode_error([&] { (void)log_from_json(five); }), "topics: more than 4 topics");
}

TEST(EthJson, ReceiptFields)
{
    const json j = receipt_to_json(make_receipt(TxType::kDynamicFee), make_receipt_context());
    EXPECT_EQ(j["status"], "0x1");
    EXPECT_EQ(j["type"], "0x2");
    EXPECT_EQ(j["gasUsed"], "0xc350");
    EXPECT_EQ(j["cumulativeGasUsed"], "0x11558");
    EXPECT_EQ(j["effectiveGasPrice"], "0x9");
    EXPECT_EQ(j["blockNumber"], "0x64");
    EXPECT_EQ(j["transactionIndex"], "0x1");
    EXPECT_EQ(j["from"], to_data(kAlice));
    EXPECT_EQ(j["to"], to_data(kBob));
    EXPECT_TRUE(j["contractAddress"].is_null());
    ASSERT_EQ(j["logs"].size(), 2u);
    EXPECT_EQ(j["logs"][0]["logIndex"], "0x5");
    EXPECT_EQ(j["logs"][1]["logIndex"], "0x6");
    EXPECT_EQ(j["logs"][1]["transactionHash"], to_data(kHashC));
    EXPECT_EQ(j["logs"][1]["blockHash"], to_data(kHashA));
    EXPECT_EQ(j["logsBloom"].get<std::string>().size(), 2u + 512u);
    EXPECT_FALSE(j.contains("root"));
    EXPECT_FALSE(j.contains("blobGasUsed"));
    EXPECT_FALSE(j.contains("blobGasPrice"));

    // A failed creation.
    execution::TxReceipt failed = make_receipt(TxType::kLegacy);
    failed.success = false;
    ReceiptContext creation = make_receipt_context();
    creation.to.reset();
    creation.contract_address = kBob;
    const json c = receipt_to_json(failed, creation);
    EXPECT_EQ(c["status"], "0x0");
    EXPECT_TRUE(c["to"].is_null());
    EXPECT_EQ(c["contractAddress"], to_data(kBob));

    // EIP-4844.
    ReceiptContext blob_ctx = make_receipt_context();
    blob_ctx.blob_gas_price = 1;
    const json b = receipt_to_json(make_receipt(TxType::kBlob), blob_ctx);
    EXPECT_EQ(b["blobGasUsed"], "0x20000");
    EXPECT_EQ(b["blobGasPrice"], "0x1");

    // Before Byzantium (EIP-658): the intermediate root instead of the status.
    ReceiptContext old = make_receipt_context();
    old.state_root = kHashB;
    const json o = receipt_to_json(make_receipt(TxType::kLegacy), old);
    EXPECT_EQ(o["root"], to_data(kHashB));
    EXPECT_FALSE(o.contains("status"));
}

TEST(EthJson, ReceiptRoundTrip)
{
    for (const auto type : {TxType::kLegacy, TxType::kDynamicFee, TxType::kBlob}) {
        const execution::TxReceipt r = make_receipt(type);
        ReceiptContext ctx = make_receipt_context();
        if (type == TxType::kBlob) ctx.blob_gas_price = 3;
        const RpcReceipt back = receipt_from_json(receipt_to_json(r, ctx));
        EXPECT_EQ(back.context, ctx);
        EXPECT_EQ(back.receipt.type, r.type);
        EXPECT_EQ(back.receipt.success, r.success);
        EXPECT_EQ(back.receipt.gas_used, r.gas_used);
        EXPECT_EQ(back.receipt.cumulative_gas_used, r.cumulative_gas_used);
        EXPECT_EQ(back.receipt.blob_gas_used, r.blob_gas_used);
        EXPECT_EQ(back.receipt.logs, r.logs);
        EXPECT_EQ(back.receipt.bloom, r.bloom);
    }
    json bad = receipt_to_json(make_receipt(TxType::kLegacy), make_receipt_context());
    bad["logs"][1]["logIndex"] = "0x9";
    EXPECT_EQ(decode_error([&] { (void)receipt_from_json(bad); }),
              "logs[1]: log context does not match the receipt");
    bad = receipt_to_json(make_receipt(TxType::kLegacy), make_receipt_context());
    bad["status"] = "0x2";
    EXPECT_EQ(decode_error([&] { (void)receipt_from_json(bad); }),
              "status: status must be 0x0 or 0x1");
}

// ---------------------------------------------------------------------------------------------
// Headers and blocks
// ---------------------------------------------------------------------------------------------

namespace {
BlockHeader make_header(bool prague)
{
    BlockHeader h;
    h.parent_hash = kHashA;
    h.ommers_hash = kEmptyOmmersHash;
    h.coinbase = kBob;
    h.state_root = kHashB;
    h.transactions_root = kHashC;
    h.receipts_root = kHashA;
    h.logs_bloom[0] = 0x80;
    h.difficulty = prague ? uint256{0} : uint256{131072};
    h.number = 1000;
    h.gas_limit = 30'000'000;
    h.gas_used = 21000;
    h.timestamp = 1'700'000'000;
    h.extra_data = "0x7573"_hex;
    h.mix_hash = kHashC;
    h.nonce[7] = prague ? 0 : 0x42;
    if (prague) {
        h.base_fee_per_gas = 7;
        h.withdrawals_root = kHashB;
        h.blob_gas_used = 0;
        h.excess_blob_gas = 0;
        h.parent_beacon_block_root = kHashA;
        h.requests_hash = kHashC;
    }
    return h;
}
}  // namespace

TEST(EthJson, HeaderFieldsByFork)
{
    const BlockHeader frontier = make_header(false);
    const json f = header_to_json(frontier);
    EXPECT_EQ(f["number"], "0x3e8");
    EXPECT_EQ(f["hash"], to_data(header_hash(frontier)));
    EXPECT_EQ(f["nonce"], "0x0000000000000042");
    EXPECT_EQ(f["difficulty"], "0x20000");
    EXPECT_EQ(f["miner"], to_data(kBob));
    EXPECT_EQ(f["sha3Uncles"], to_data(kEmptyOmmersHash));
    EXPECT_EQ(f["extraData"], "0x7573");
    EXPECT_EQ(f["gasLimit"], "0x1c9c380");
    EXPECT_EQ(f["timestamp"], "0x6553f100");
    for (const char* key : {"baseFeePerGas", "withdrawalsRoot", "blobGasUsed", "excessBlobGas",
                            "parentBeaconBlockRoot", "requestsHash"})
        EXPECT_FALSE(f.contains(key)) << key;

    const BlockHeader prague = make_header(true);
    const json p = header_to_json(prague);
    EXPECT_EQ(p["baseFeePerGas"], "0x7");
    EXPECT_EQ(p["withdrawalsRoot"], to_data(kHashB));
    EXPECT_EQ(p["blobGasUsed"], "0x0");
    EXPECT_EQ(p["excessBlobGas"], "0x0");
    EXPECT_EQ(p["parentBeaconBlockRoot"], to_data(kHashA));
    EXPECT_EQ(p["requestsHash"], to_data(kHashC));
    EXPECT_EQ(p["nonce"], "0x0000000000000000");

    for (const auto& h : {frontier, prague}) {
        const BlockHeader back = header_from_json(header_to_json(h));
        EXPECT_EQ(back, h);
        EXPECT_EQ(header_hash(back), header_hash(h));
    }
    json gap = p;
    gap.erase("baseFeePerGas");
    EXPECT_EQ(decode_error([&] { (void)header_from_json(gap); }),
              "withdrawalsRoot present without baseFeePerGas");
    json short_nonce = f;
    short_nonce["nonce"] = "0x42";
    EXPECT_EQ(decode_error([&] { (void)header_from_json(short_nonce); }),
              "nonce: hex string has length 2, want 16 for block nonce");
}

TEST(EthJson, BlockObjects)
{
    Block block;
    block.header = make_header(true);
    block.transactions = {make_tx(TxType::kDynamicFee), make_tx(TxType::kLegacy)};
    block.withdrawals = std::vector<Withdrawal>{{1, 2, kAlice, 3}};
    const Hash256 hash = header_hash(block.header);

    BlockJsonOptions hashes_only;
    hashes_only.total_difficulty = uint256{17};
    hashes_only.extra = [](json& o) { o["executeGasUsed"] = "0x5"; };
    const json h = block_to_json(block, hashes_only);
    EXPECT_EQ(h["hash"], to_data(hash));
    EXPECT_EQ(h["size"], to_quantity(uint64_t{encode_block(block).size()}));
    EXPECT_EQ(h["transactions"], json::array({to_data(transaction_hash(block.transactions[0])),
                                              to_data(transaction_hash(block.transactions[1]))}));
    EXPECT_EQ(h["uncles"], json::array());
    EXPECT_EQ(h["withdrawals"][0], (json{{"index", "0x1"},
                                         {"validatorIndex", "0x2"},
                                         {"address", to_data(kAlice)},
                                         {"amount", "0x3"}}));
    EXPECT_EQ(h["totalDifficulty"], "0x11");
    EXPECT_EQ(h["executeGasUsed"], "0x5");

    const Address senders[] = {kAlice, kBob};
    BlockJsonOptions full;
    full.full_transactions = true;
    full.senders = senders;
    full.transaction_timestamps = true;
    const json f = block_to_json(block, full);
    ASSERT_EQ(f["transactions"].size(), 2u);
    EXPECT_EQ(f["transactions"][0]["from"], to_data(kAlice));
    EXPECT_EQ(f["transactions"][0]["blockHash"], to_data(hash));
    EXPECT_EQ(f["transactions"][0]["blockNumber"], "0x3e8");
    EXPECT_EQ(f["transactions"][1]["transactionIndex"], "0x1");
    EXPECT_EQ(f["transactions"][0]["gasPrice"], "0x9");  // base fee 7 + tip 2
    EXPECT_EQ(f["transactions"][1]["blockTimestamp"], "0x6553f100");
    EXPECT_FALSE(f.contains("totalDifficulty"));

    const RpcBlock back = block_from_json(f);
    EXPECT_TRUE(back.full_transactions);
    EXPECT_EQ(back.block, block);
    EXPECT_EQ(back.hash, hash);
    EXPECT_EQ(back.senders, (std::vector<Address>{kAlice, kBob}));
    EXPECT_EQ(back.size, encode_block(block).size());

    const RpcBlock thin = block_from_json(h);
    EXPECT_FALSE(thin.full_transactions);
    EXPECT_TRUE(thin.block.transactions.empty());
    EXPECT_EQ(thin.transaction_hashes[1], transaction_hash(block.transactions[1]));
    EXPECT_EQ(thin.total_difficulty, uint256{17});

    json mixed = f;
    mixed["transactions"][1] = to_data(kHashA);
    EXPECT_EQ(decode_error([&] { (void)block_from_json(mixed); }),
              "transactions[1]: cannot mix transaction hashes and objects");
}

// ---------------------------------------------------------------------------------------------
// Call requests and filters
// ---------------------------------------------------------------------------------------------

TEST(EthJson, CallRequest)
{
    const json j = {{"from", to_data(kAlice)},
                    {"to", to_data(kBob)},
                    {"gas", "0x5208"},
                    {"maxFeePerGas", "0x64"},
                    {"maxPriorityFeePerGas", "0x1"},
                    {"value", "0xde0b6b3a7640000"},
                    {"nonce", "0x3"},
                    {"input", "0x0102"},
                    {"data", "0x0102"},
                    {"accessList", to_json(AccessList{{kAlice, {kHashA}}})},
                    {"type", "0x2"},
                    {"chainId", "0x539"},
                    {"someUnknownField", 5}};
    const CallRequest r = call_request_from_json(j);
    EXPECT_EQ(r.from, kAlice);
    EXPECT_EQ(r.to, kBob);
    EXPECT_EQ(r.gas, 21000u);
    EXPECT_EQ(r.max_fee_per_gas, uint256{100});
    EXPECT_EQ(r.max_priority_fee_per_gas, uint256{1});
    EXPECT_FALSE(r.gas_price.has_value());
    EXPECT_EQ(r.value, (uint256{0x0de0b6b3a7640000}));
    EXPECT_EQ(r.nonce, 3u);
    EXPECT_EQ(r.input, "0x0102"_hex);
    EXPECT_EQ(r.type, TxType::kDynamicFee);
    EXPECT_EQ(r.chain_id, 1337u);
    ASSERT_TRUE(r.access_list.has_value());
    EXPECT_EQ(r.access_list->at(0).storage_keys.at(0), kHashA);
    EXPECT_EQ(call_request_from_json(to_json(r)), r);

    // "data" alone is the call data; nulls are absent.
    const CallRequest d = call_request_from_json(json{{"data", "0xff"}, {"to", nullptr}});
    EXPECT_EQ(d.input, "0xff"_hex);
    EXPECT_FALSE(d.to.has_value());
    EXPECT_EQ(call_request_from_json(json::object()), CallRequest{});

    EXPECT_EQ(decode_error([] {
                  (void)call_request_from_json(json{{"data", "0x01"}, {"input", "0x02"}});
              }),
              "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass "
              "transaction call data");
    EXPECT_EQ(decode_error([] {
                  (void)call_request_from_json(json{{"type", "0x7"}});
              }),
              "type: transaction type not supported");
    EXPECT_EQ(decode_error([] {
                  (void)call_request_from_json(json{{"gas", "21000"}});
              }),
              "gas: hex string without 0x prefix");
    EXPECT_EQ(decode_error([] { (void)call_request_from_json(json::array()); }),
              "cannot unmarshal non-object into an object");

    CallRequest auth;
    auth.authorization_list =
        std::vector<Authorization>{make_tx(TxType::kSetCode).authorization_list};
    auth.blob_versioned_hashes = std::vector<Hash256>{kHashA};
    auth.gas_price = 5;
    auth.max_fee_per_blob_gas = 2;
    EXPECT_EQ(call_request_from_json(to_json(auth)), auth);
}

TEST(EthJson, LogFilterDecoding)
{
    const json j = {{"fromBlock", "0x1"},
                    {"toBlock", "latest"},
                    {"address", json::array({to_data(kAlice), to_data(kBob)})},
                    {"topics", json::array({to_data(kHashA), nullptr,
                                            json::array({to_data(kHashB), to_data(kHashC)}),
                                            json::array({to_data(kHashB), nullptr})})}};
    const LogFilter f = log_filter_from_json(j);
    EXPECT_EQ(f.from_block, BlockNumberOrTag{uint64_t{1}});
    EXPECT_EQ(f.to_block, BlockNumberOrTag{BlockTag::kLatest});
    EXPECT_EQ(f.addresses, (std::vector<Address>{kAlice, kBob}));
    ASSERT_EQ(f.topics.size(), 4u);
    EXPECT_EQ(f.topics[0], std::vector<Hash256>{kHashA});
    EXPECT_TRUE(f.topics[1].empty());
    EXPECT_EQ(f.topics[2], (std::vector<Hash256>{kHashB, kHashC}));
    EXPECT_TRUE(f.topics[3].empty());  // a null alternative makes the position a wildcard
    EXPECT_EQ(log_filter_from_json(to_json(f)), f);

    const LogFilter single =
        log_filter_from_json(json{{"address", to_data(kAlice)}, {"blockHash", to_data(kHashC)}});
    EXPECT_EQ(single.addresses, std::vector<Address>{kAlice});
    EXPECT_EQ(single.block_hash, kHashC);
    EXPECT_EQ(log_filter_from_json(to_json(single)), single);

    EXPECT_EQ(
        decode_error([] {
            (void)log_filter_from_json(json{{"blockHash", to_data(kHashC)}, {"fromBlock", "0x1"}});
        }),
        "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    EXPECT_EQ(decode_error([] {
                  (void)log_filter_from_json(
                      json{{"topics", json::array({nullptr, nullptr, nullptr, nullptr, nullptr})}});
              }),
              "topics: exceed max topics");
    EXPECT_EQ(decode_error([] {
                  (void)log_filter_from_json(json{{"topics", json::array({json::array({5})})}});
              }),
              "topics[0][0]: invalid topic(s)");
    EXPECT_EQ(decode_error([] {
                  (void)log_filter_from_json(json{{"address", 5}});
              }),
              "address: invalid addresses in query");
    EXPECT_EQ(decode_error([] {
                  (void)log_filter_from_json(json{{"address", json::array({"0x12"})}});
              }),
              "address[0]: hex string has length 2, want 40 for address");
}

TEST(EthJson, LogFilterMatching)
{
    LogFilter f;
    f.addresses = {kAlice};
    f.topics = {{kHashA}, {}, {kHashB, kHashC}};
    const std::vector<Bytes32> match = {kHashA, kHashB, kHashC};
    const std::vector<Bytes32> wrong_third = {kHashA, kHashB, kHashA};
    const std::vector<Bytes32> too_short = {kHashA, kHashB};
    EXPECT_TRUE(f.matches(kAlice, match));
    EXPECT_FALSE(f.matches(kBob, match));
    EXPECT_FALSE(f.matches(kAlice, wrong_third));
    EXPECT_FALSE(f.matches(kAlice, too_short));
    EXPECT_TRUE(LogFilter{}.matches(kBob, too_short));

    // The bloom test agrees with the execution layer's bloom.
    const std::vector<execution::Log> logs = {{kAlice, match, {}}};
    const Bloom bloom = execution::logs_bloom(logs);
    EXPECT_TRUE(f.may_match(bloom));
    EXPECT_TRUE(bloom_may_contain(bloom, kAlice));
    EXPECT_FALSE(bloom_may_contain(bloom, kBob));
    LogFilter other = f;
    other.addresses = {kBob};
    EXPECT_FALSE(other.may_match(bloom));
    LogFilter topic_miss;
    topic_miss.topics = {
        {"0x4444444444444444444444444444444444444444444444444444444444444444"_b32}};
    EXPECT_FALSE(topic_miss.may_match(bloom));
    EXPECT_TRUE(LogFilter{}.may_match(Bloom{}));
}

TEST(EthJson, AccessListAndWithdrawalRoundTrip)
{
    const AccessList list = {{kAlice, {kHashA, kHashB}}, {kBob, {}}};
    EXPECT_EQ(access_list_from_json(to_json(list)), list);
    EXPECT_EQ(decode_error([] {
                  (void)access_list_from_json(json::array({json{{"address", to_data(kAlice)}}}));
              }),
              "[0]: missing required field 'storageKeys'");
    const Withdrawal w{~uint64_t{0}, 5, kBob, 32'000'000'000};
    EXPECT_EQ(withdrawal_from_json(to_json(w)), w);
    const Authorization a = make_tx(TxType::kSetCode).authorization_list[0];
    EXPECT_EQ(authorization_from_json(to_json(a)), a);
    json bad = to_json(a);
    bad["yParity"] = "0x100";
    EXPECT_EQ(decode_error([&] { (void)authorization_from_json(bad); }),
              "yParity: hex number > 8 bits");
}
