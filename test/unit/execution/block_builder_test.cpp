// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// build_block(): every block built is imported again with state_transition() on the same parent
// (GUIDE rule 12: the producer's path and the importer's path must agree on every root, the diff
// and the receipts), over several blocks and forks; transactions that do not fit are skipped;
// the header fields follow the EIPs (expected values worked out by hand in the comments).

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/execution/host.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/trie/node.hpp>
#include <vector>

#include "test_signer.hpp"

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::execution;

constexpr uint64_t kGwei = 1'000'000'000;
const uint256 kEther = uint256{1'000'000'000'000'000'000};
const Address kCoinbase = "0x0000000000000000000000000000000000c0ffee"_addr;
const Address kBob = "0x0000000000000000000000000000000000000b0b"_addr;

/// Runtime code: SSTORE(0, calldata[0]); LOG1(0, 0, calldata[0]); STOP.
///   60 00 PUSH1 0 · 35 CALLDATALOAD · 80 DUP1 · 60 00 PUSH1 0 · 55 SSTORE ·
///   60 00 PUSH1 0 (size) · 60 00 PUSH1 0 (offset) · a1 LOG1 · 00 STOP
const Bytes kLoggerCode = "0x6000358060005560006000a100"_hex;
/// Init code returning kLoggerCode (13 bytes, which follow this 12-byte prefix):
///   60 0d PUSH1 13 · 60 0c PUSH1 12 · 60 00 PUSH1 0 · 39 CODECOPY · 60 0d PUSH1 13 ·
///   60 00 PUSH1 0 · f3 RETURN
const Bytes kLoggerInit = "0x600d600c600039600d6000f3"_hex + kLoggerCode;

/// BLOCKHASH over the blocks a test has built.
class ChainHashes final : public state::BlockHashes
{
public:
    Result<Hash256, state::StateError> block_hash(uint64_t number) const override
    {
        const auto it = hashes_.find(number);
        if (it == hashes_.end()) return unexpected(state::StateError::kMissingData);
        return it->second;
    }
    void add(const BlockHeader& header) { hashes_[header.number] = header_hash(header); }

private:
    std::map<uint64_t, Hash256> hashes_;
};

/// A small chain in memory: a genesis with funded keys and the system contracts of the fork,
/// and the head state, advanced block by block.
struct Sandbox
{
    explicit Sandbox(const char* network, uint64_t gas_limit = 30'000'000)
        : config{chain_config_for_network(network).value()}
    {
        config.chain_id = 1337;
        for (uint8_t i = 0; i < 4; ++i) {
            keys.push_back(test::make_test_key(i));
            state::InMemoryAccount a;
            a.balance = kEther * 100;
            state.set_account(keys.back().address, a);
        }
        const Revision rev = config.revision_at(0, 0);
        for (const auto& sc : kSystemContracts) {
            if (rev < sc.since) continue;
            state::InMemoryAccount a;
            a.nonce = 1;
            a.code = Bytes{sc.code};
            state.set_account(sc.address, a);
        }
        head.gas_limit = gas_limit;
        head.difficulty = rev >= Revision::kParis ? 0 : 0x20000;
        head.ommers_hash = kEmptyOmmersHash;
        head.transactions_root = trie::kEmptyRoot;
        head.receipts_root = trie::kEmptyRoot;
        if (rev >= Revision::kLondon) head.base_fee_per_gas = kGwei;
        if (rev >= Revision::kShanghai) head.withdrawals_root = trie::kEmptyRoot;
        if (rev >= Revision::kCancun) {
            head.blob_gas_used = 0;
            head.excess_blob_gas = 0;
            head.parent_beacon_block_root = Hash256{};
        }
        if (rev >= Revision::kPrague) head.requests_hash = compute_requests_hash({});
        head.state_root = state.state_root();
        hashes.add(head);
    }

    /// The attributes of the next block: 12 seconds after the head.
    PayloadAttributes attributes() const
    {
        PayloadAttributes a;
        a.timestamp = head.timestamp + 12;
        a.fee_recipient = kCoinbase;
        a.prev_randao = keccak256(to_bytes_view("randao"));
        a.parent_beacon_block_root = keccak256(to_bytes_view("beacon"));
        a.gas_limit = head.gas_limit;
        return a;
    }

    /// Builds a block from `txs`, imports it with state_transition() on the same parent and
    /// checks that both agree; then makes it the head. Returns the built block.
    BuiltBlock build_and_import(std::span<const Transaction> txs, const PayloadAttributes& attrs)
    {
        InMemoryStateRoots build_roots{state};
        const ChainContext build_chain{config, head,        std::nullopt, {},
                                       state,  build_roots, hashes,       precompiles};
        TransactionListSource source{txs};
        auto built = build_block(build_chain, attrs, source);
        EXPECT_TRUE(built) << built.error().to_string();
        if (!built) return {};

        InMemoryStateRoots import_roots{state};
        const ChainContext import_chain{config, head,         std::nullopt, {},
                                        state,  import_roots, hashes,       precompiles};
        const auto imported = state_transition(import_chain, built->block);
        EXPECT_TRUE(imported) << imported.error().to_string();
        if (!imported) return {};
        EXPECT_EQ(imported->state_root, built->block.header.state_root);
        EXPECT_EQ(imported->state_root, built->result.state_root);
        EXPECT_EQ(imported->diff, built->result.diff);
        EXPECT_EQ(imported->output.receipts_root(), built->result.output.receipts_root());
        EXPECT_EQ(imported->output.receipts.size(), built->result.output.receipts.size());
        for (size_t i = 0; i < imported->output.receipts.size(); ++i)
            EXPECT_EQ(encode_receipt(imported->output.receipts[i]),
                      encode_receipt(built->result.output.receipts[i]));
        EXPECT_EQ(imported->output.requests, built->result.output.requests);
        EXPECT_EQ(imported->rev, built->result.rev);
        // The block survives its own encoding (what the node stores and serves).
        const Block decoded = decode_block(encode_block(built->block)).value();
        EXPECT_EQ(header_hash(decoded.header), header_hash(built->block.header));

        state = import_roots.take_post_state().value();
        EXPECT_EQ(state.state_root(), built->block.header.state_root);
        head = built->block.header;
        hashes.add(head);
        return std::move(*built);
    }

    BuiltBlock build_and_import(std::span<const Transaction> txs)
    {
        return build_and_import(txs, attributes());
    }

    /// A transfer of `value` from key `from` with the chain's best type at revision `rev`.
    Transaction transfer(size_t from, const Address& to, uint64_t value, Revision rev) const
    {
        Transaction tx;
        if (rev >= Revision::kSpuriousDragon) tx.chain_id = config.chain_id;  // EIP-155
        tx.nonce = nonces.at(from);
        tx.to = to;
        tx.value = value;
        tx.gas_limit = 21'000;
        if (rev >= Revision::kLondon) {
            tx.type = TxType::kDynamicFee;
            tx.max_fee_per_gas = 10 * kGwei;
            tx.max_priority_fee_per_gas = 2 * kGwei;
        } else {
            tx.set_gas_price(10 * kGwei);
        }
        return test::signed_tx(tx, keys.at(from));
    }

    ChainConfig config;
    std::vector<test::TestKey> keys;
    std::map<size_t, uint64_t> nonces{{0, 0}, {1, 0}, {2, 0}, {3, 0}};
    state::InMemoryState state;
    BlockHeader head;
    ChainHashes hashes;
    StandardPrecompiles precompiles;
};

// ---------------------------------------------------------------------------------------------
// Gas limit
// ---------------------------------------------------------------------------------------------

TEST(NextGasLimit, MovesTowardTheDesiredLimitWithinTheBound)
{
    // 30,000,000 / 1024 = 29,296 (floor), so each block moves by at most 29,295.
    EXPECT_EQ(next_gas_limit(30'000'000, 36'000'000), 30'029'295u);
    EXPECT_EQ(next_gas_limit(30'000'000, 1'000), 29'970'705u);  // desired raised to 5000 first
    EXPECT_EQ(next_gas_limit(30'000'000, 30'000'100), 30'000'100u);
    EXPECT_EQ(next_gas_limit(30'000'000, 29'999'000), 29'999'000u);
    EXPECT_EQ(next_gas_limit(30'000'000, 30'000'000), 30'000'000u);
    // Every result passes the header rule.
    for (uint64_t desired : {0ull, 5'000ull, 29'000'000ull, 31'000'000ull, ~0ull})
        EXPECT_TRUE(check_gas_limit(next_gas_limit(30'000'000, desired), 30'000'000));
    // At the minimum the limit cannot go lower.
    EXPECT_EQ(next_gas_limit(5'000, 0), 5'000u);
}

// ---------------------------------------------------------------------------------------------
// Round trips through state_transition, per fork
// ---------------------------------------------------------------------------------------------

class BuildAndImport : public ::testing::TestWithParam<const char*>
{};

TEST_P(BuildAndImport, EveryBlockImportsWithTheSameRoots)
{
    Sandbox sb{GetParam()};
    const Revision rev = sb.config.revision_at(1, 12);

    // Block 1: transfers from three senders, a contract creation.
    std::vector<Transaction> txs;
    txs.push_back(sb.transfer(0, kBob, 1000, rev));
    sb.nonces[0]++;
    txs.push_back(sb.transfer(0, sb.keys[1].address, 2000, rev));
    sb.nonces[0]++;
    txs.push_back(sb.transfer(1, kBob, 3000, rev));
    sb.nonces[1]++;
    const std::optional<uint64_t> chain_id =
        rev >= Revision::kSpuriousDragon ? std::optional{sb.config.chain_id} : std::nullopt;
    Transaction create;
    create.chain_id = chain_id;
    create.nonce = sb.nonces[2]++;
    create.gas_limit = 200'000;
    create.set_gas_price(5 * kGwei);
    create.data = kLoggerInit;
    txs.push_back(test::signed_tx(create, sb.keys[2]));
    const Address logger = create_address(sb.keys[2].address, create.nonce);

    const BuiltBlock b1 = sb.build_and_import(txs);
    ASSERT_EQ(b1.block.transactions.size(), 4u);
    EXPECT_TRUE(b1.rejected.empty());
    ASSERT_EQ(b1.senders.size(), 4u);
    EXPECT_EQ(b1.senders[0], sb.keys[0].address);
    EXPECT_EQ(b1.senders[3], sb.keys[2].address);
    EXPECT_EQ(b1.block.header.number, 1u);
    ASSERT_TRUE(sb.state.find(logger));
    EXPECT_EQ(sb.state.find(logger)->code, kLoggerCode);
    // 3 transfers (21,000 each) and the creation: the block's gas is the receipts' total.
    EXPECT_EQ(b1.block.header.gas_used, b1.result.output.receipts.back().cumulative_gas_used);
    EXPECT_GT(b1.block.header.gas_used, 3 * 21'000u);

    // Block 2: calls to the new contract (a log, a storage write), with the fork's tx types.
    std::vector<Transaction> txs2;
    Transaction call;
    call.chain_id = chain_id;
    call.to = logger;
    call.gas_limit = 100'000;
    call.data = "0x00000000000000000000000000000000000000000000000000000000000000aa"_hex;
    if (rev >= Revision::kBerlin) {  // EIP-2930
        call.type = TxType::kAccessList;
        call.access_list.push_back({logger, {Bytes32{}}});
    }
    call.set_gas_price(3 * kGwei);
    call.nonce = sb.nonces[3]++;
    txs2.push_back(test::signed_tx(call, sb.keys[3]));
    if (rev >= Revision::kCancun) {  // EIP-4844: one blob
        Transaction blob;
        blob.type = TxType::kBlob;
        blob.chain_id = sb.config.chain_id;
        blob.nonce = sb.nonces[0]++;
        blob.to = kBob;
        blob.gas_limit = 21'000;
        blob.max_fee_per_gas = 10 * kGwei;
        blob.max_priority_fee_per_gas = kGwei;
        blob.max_fee_per_blob_gas = 10;
        blob.blob_versioned_hashes.push_back(
            "0x0100000000000000000000000000000000000000000000000000000000000001"_b32);
        txs2.push_back(test::signed_tx(blob, sb.keys[0]));
    }
    if (rev >= Revision::kPrague) {  // EIP-7702: key 1 delegates to the logger
        Authorization auth;
        auth.chain_id = sb.config.chain_id;
        auth.address = logger;
        auth.nonce = sb.nonces[1] + 1;  // the sender's own nonce is bumped first
        const auto sig = test::sign_hash(authorization_signing_hash(auth), sb.keys[1].secret);
        auth.r = sig.r;
        auth.s = sig.s;
        auth.y_parity = sig.y_parity;
        Transaction set_code;
        set_code.type = TxType::kSetCode;
        set_code.chain_id = sb.config.chain_id;
        set_code.nonce = sb.nonces[1]++;
        set_code.to = sb.keys[1].address;
        set_code.gas_limit = 200'000;
        set_code.max_fee_per_gas = 10 * kGwei;
        set_code.max_priority_fee_per_gas = kGwei;
        set_code.data = call.data;
        set_code.authorization_list.push_back(auth);
        txs2.push_back(test::signed_tx(set_code, sb.keys[1]));
        sb.nonces[1]++;  // the authorization bumped it again
    }
    const BuiltBlock b2 = sb.build_and_import(txs2);
    ASSERT_EQ(b2.block.transactions.size(), txs2.size()) << b2.rejected.size();
    ASSERT_FALSE(b2.result.output.receipts.empty());
    EXPECT_TRUE(b2.result.output.receipts[0].success);
    ASSERT_EQ(b2.result.output.receipts[0].logs.size(), 1u);
    EXPECT_EQ(b2.result.output.receipts[0].logs[0].address, logger);
    EXPECT_EQ(sb.state.find(logger)->storage.at(Bytes32{}),
              "0x00000000000000000000000000000000000000000000000000000000000000aa"_b32);
    if (rev >= Revision::kCancun) {
        // EIP-4844: one blob is 2^17 blob gas.
        EXPECT_EQ(b2.block.header.blob_gas_used, 131'072u);
    }
    if (rev >= Revision::kPrague) {
        // The delegated EOA ran the logger's code on its own storage.
        const auto* eoa = sb.state.find(sb.keys[1].address);
        ASSERT_TRUE(eoa);
        EXPECT_EQ(eoa->code, "0xef0100"_hex + Bytes{logger.view()});
        EXPECT_EQ(eoa->storage.at(Bytes32{}),
                  "0x00000000000000000000000000000000000000000000000000000000000000aa"_b32);
    }

    // Block 3: empty; block 4: one more transfer. The chain keeps importing.
    sb.build_and_import({});
    const std::vector<Transaction> txs4{sb.transfer(3, kBob, 1, rev)};
    const BuiltBlock b4 = sb.build_and_import(txs4);
    EXPECT_EQ(b4.block.header.number, 4u);
    EXPECT_EQ(b4.block.transactions.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Forks,
                         BuildAndImport,
                         ::testing::Values("Frontier",
                                           "Byzantium",
                                           "London",
                                           "Paris",
                                           "Shanghai",
                                           "Cancun",
                                           "Prague",
                                           "Osaka"));

// ---------------------------------------------------------------------------------------------
// Header fields
// ---------------------------------------------------------------------------------------------

TEST(BuildBlock, HeaderFieldsFollowTheEips)
{
    Sandbox sb{"Osaka"};
    PayloadAttributes attrs = sb.attributes();
    attrs.extra_data = Bytes{to_bytes_view("ultrasound")};
    attrs.gas_limit = 36'000'000;
    const BuiltBlock b1 = sb.build_and_import({}, attrs);
    const BlockHeader& h = b1.block.header;
    EXPECT_EQ(h.number, 1u);
    EXPECT_EQ(h.timestamp, 12u);
    EXPECT_EQ(h.coinbase, kCoinbase);
    EXPECT_EQ(h.extra_data, attrs.extra_data);
    EXPECT_EQ(h.mix_hash, attrs.prev_randao);
    EXPECT_EQ(h.parent_beacon_block_root, attrs.parent_beacon_block_root);
    // EIP-3675: no proof of work, no ommers.
    EXPECT_EQ(h.difficulty, 0);
    EXPECT_TRUE(h.nonce.is_zero());
    EXPECT_EQ(h.ommers_hash,
              "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"_b32);
    // Toward 36M by 30,000,000 / 1024 - 1.
    EXPECT_EQ(h.gas_limit, 30'029'295u);
    // EIP-1559 from an empty genesis: 1 gwei - 1 gwei × 15M / 15M / 8 = 875,000,000.
    EXPECT_EQ(h.base_fee_per_gas, uint256{875'000'000});
    // No transactions, no withdrawals: the empty trie root; the empty bloom.
    EXPECT_EQ(h.transactions_root,
              "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"_b32);
    EXPECT_EQ(h.receipts_root, h.transactions_root);
    EXPECT_EQ(h.withdrawals_root, h.transactions_root);
    EXPECT_EQ(h.logs_bloom, Bloom{});
    EXPECT_EQ(h.gas_used, 0u);
    EXPECT_EQ(h.blob_gas_used, 0u);
    EXPECT_EQ(h.excess_blob_gas, 0u);
    // EIP-7685: no requests is sha256("").
    EXPECT_EQ(h.requests_hash,
              "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_b32);
    EXPECT_TRUE(b1.block.withdrawals.has_value());
    EXPECT_TRUE(b1.block.ommers.empty());

    // The next empty block: 875,000,000 × 7/8 = 765,625,000.
    const BuiltBlock b2 = sb.build_and_import({});
    EXPECT_EQ(b2.block.header.base_fee_per_gas, uint256{765'625'000});
    EXPECT_EQ(b2.block.header.parent_hash, header_hash(b1.block.header));
}

TEST(BuildBlock, WithdrawalsAreCreditedInGwei)
{
    Sandbox sb{"Shanghai"};
    PayloadAttributes attrs = sb.attributes();
    attrs.withdrawals.push_back({7, 9, kBob, 5});
    sb.build_and_import({}, attrs);
    // EIP-4895: 5 gwei.
    ASSERT_TRUE(sb.state.find(kBob));
    EXPECT_EQ(sb.state.find(kBob)->balance, uint256{5'000'000'000});
}

TEST(BuildBlock, TheBeaconRootAndParentHashReachTheSystemContracts)
{
    Sandbox sb{"Prague"};
    const Hash256 genesis_hash = header_hash(sb.head);
    const PayloadAttributes attrs = sb.attributes();
    sb.build_and_import({}, attrs);
    // EIP-2935: slot (number - 1) % 8191 = 0 holds the parent hash.
    EXPECT_EQ(sb.state.find(kHistoryStorageAddress)->storage.at(Bytes32{}), genesis_hash);
    // EIP-4788: slot timestamp % 8191 = 12 holds the timestamp, slot 12 + 8191 the root.
    const auto* beacon = sb.state.find(kBeaconRootsAddress);
    ASSERT_TRUE(beacon);
    EXPECT_EQ(beacon->storage.at(to_bytes32(uint256{12 + 8191})), attrs.parent_beacon_block_root);
    EXPECT_EQ(beacon->storage.at(to_bytes32(uint256{12})), to_bytes32(uint256{12}));
}

// ---------------------------------------------------------------------------------------------
// Transactions that do not fit
// ---------------------------------------------------------------------------------------------

TEST(BuildBlock, SkipsTransactionsThatDoNotFitTheGasLeft)
{
    // A 50,000-gas chain: A (limit 30,000) leaves 29,000; B (limit 30,000) does not fit and is
    // skipped; C (limit 21,000) fits and leaves 8,000, below a transfer: building stops.
    Sandbox sb{"Cancun", 50'000};
    const Revision rev = Revision::kCancun;
    Transaction a = sb.transfer(0, kBob, 1, rev);
    a.gas_limit = 30'000;
    test::sign(a, sb.keys[0]);
    Transaction b = sb.transfer(1, kBob, 1, rev);
    b.gas_limit = 30'000;
    test::sign(b, sb.keys[1]);
    const Transaction c = sb.transfer(2, kBob, 1, rev);
    const Transaction d = sb.transfer(3, kBob, 1, rev);
    PayloadAttributes attrs = sb.attributes();
    const std::vector<Transaction> txs{a, b, c, d};
    const BuiltBlock built = sb.build_and_import(txs, attrs);
    ASSERT_EQ(built.block.transactions.size(), 2u);
    EXPECT_EQ(built.block.transactions[0], a);
    EXPECT_EQ(built.block.transactions[1], c);
    EXPECT_EQ(built.block.header.gas_used, 42'000u);
    ASSERT_EQ(built.rejected.size(), 1u);
    EXPECT_EQ(built.rejected[0].hash, transaction_hash(b));
    EXPECT_EQ(built.rejected[0].sender, sb.keys[1].address);
    EXPECT_EQ(built.rejected[0].error, TxError::kGasAllowanceExceeded);
}

TEST(BuildBlock, InvalidTransactionsAreRejectedWithTheirReason)
{
    Sandbox sb{"Osaka"};
    const Revision rev = Revision::kOsaka;
    const Transaction ok = sb.transfer(0, kBob, 1, rev);
    Transaction future = sb.transfer(1, kBob, 1, rev);
    future.nonce = 5;
    test::sign(future, sb.keys[1]);
    Transaction too_rich = sb.transfer(2, kBob, 1, rev);
    too_rich.value = kEther * 1000;
    test::sign(too_rich, sb.keys[2]);
    Transaction cheap = sb.transfer(3, kBob, 1, rev);
    cheap.max_fee_per_gas = 1;  // below the 875,000,000 base fee
    cheap.max_priority_fee_per_gas = 1;
    test::sign(cheap, sb.keys[3]);
    Transaction unsigned_tx = ok;
    unsigned_tx.nonce = 1;
    unsigned_tx.r = 0;  // no key recovers
    const std::vector<Transaction> txs{ok, future, too_rich, cheap, ok, unsigned_tx};
    const BuiltBlock built = sb.build_and_import(txs);
    ASSERT_EQ(built.block.transactions.size(), 1u);
    ASSERT_EQ(built.rejected.size(), 5u);
    EXPECT_EQ(built.rejected[0].error, TxError::kNonceMismatchTooHigh);
    EXPECT_EQ(built.rejected[1].error, TxError::kInsufficientAccountFunds);
    EXPECT_EQ(built.rejected[2].error, TxError::kInsufficientMaxFeePerGas);
    EXPECT_EQ(built.rejected[3].error, TxError::kNonceMismatchTooLow);  // `ok` again
    EXPECT_EQ(built.rejected[4].error, TxError::kInvalidSignature);
    EXPECT_FALSE(built.rejected[4].sender.has_value());
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

TEST(BuildBlock, AttributesThatBreakAHeaderRuleAreErrors)
{
    Sandbox sb{"Osaka"};
    InMemoryStateRoots roots{sb.state};
    const ChainContext chain{sb.config, sb.head, std::nullopt, {},
                             sb.state,  roots,   sb.hashes,    sb.precompiles};
    TransactionListSource none{{}};

    PayloadAttributes same_time = sb.attributes();
    same_time.timestamp = sb.head.timestamp;
    const auto r1 = build_block(chain, same_time, none);
    ASSERT_FALSE(r1);
    EXPECT_EQ(r1.error().block, BlockError::kTimestampNotAfterParent);

    PayloadAttributes long_extra = sb.attributes();
    long_extra.extra_data.assign(33, 0x61);
    const auto r2 = build_block(chain, long_extra, none);
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().block, BlockError::kExtraDataTooLong);
}

TEST(BuildBlock, APragueChainWithoutTheRequestContractsCannotBuild)
{
    Sandbox sb{"Prague"};
    sb.state.erase(kWithdrawalRequestPredeployAddress);
    sb.head.state_root = sb.state.state_root();
    InMemoryStateRoots roots{sb.state};
    const ChainContext chain{sb.config, sb.head, std::nullopt, {},
                             sb.state,  roots,   sb.hashes,    sb.precompiles};
    TransactionListSource none{{}};
    const auto r = build_block(chain, sb.attributes(), none);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().body, BodyError::kSystemContractEmpty);  // EIP-7002
}

}  // namespace
