// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Block execution where the shared fixtures reach poorly: the EIP-7934 block size limit (no
// fixture exists), the EIP-7685 requests hash and the EIP-6110 deposit layout, receipt
// encodings per type, withdrawal crediting (EIP-4895), system calls (EIP-4788, EIP-7002,
// EIP-7251), block and ommer rewards, and the DAO fork's state change. Expected values come from
// the EIPs and the Yellow Paper (hand-built encodings, constants computed independently), never
// from the code under test.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/execution/requests.hpp>
#include <ultra/execution/system_calls.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state.hpp>

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::execution;

constexpr uint64_t kGwei = 1'000'000'000;
const uint256 kEther = uint256{1'000'000'000'000'000'000};

const Address kCoinbase = "0x0000000000000000000000000000000000c0ffee"_addr;
const Address kAlice = "0x00000000000000000000000000000000000a11ce"_addr;
const Address kBob = "0x0000000000000000000000000000000000000b0b"_addr;

/// BLOCKHASH is not used by these tests: every answer is "missing".
class NoBlockHashes final : public state::BlockHashes
{
public:
    Result<Hash256, state::StateError> block_hash(uint64_t) const override
    {
        return unexpected(state::StateError::kMissingData);
    }
};

/// The pieces apply_body() needs, for one revision.
struct Harness
{
    explicit Harness(const char* network)
        : config{chain_config_for_network(network).value()}, rev{config.revision_at(1, 1)}
    {
        env.number = 1;
        env.timestamp = 1;
        env.gas_limit = 30'000'000;
        env.coinbase = kCoinbase;
        env.base_fee = 7;
        if (rev >= Revision::kCancun) env.max_blob_gas_per_block = 6 * kGasPerBlob;
    }

    BlockContext context(std::optional<Hash256> beacon_root = std::nullopt) const
    {
        if (rev >= Revision::kCancun && !beacon_root) beacon_root = Hash256{};
        return BlockContext{config, rev, env, parent_hash, beacon_root, block_hashes, precompiles};
    }

    ChainConfig config;
    Revision rev;
    BlockEnv env;
    Hash256 parent_hash = "0x1111111111111111111111111111111111111111111111111111111111111111"_b32;
    NoBlockHashes block_hashes;
    StandardPrecompiles precompiles;
};

state::InMemoryAccount account_with_code(Bytes code)
{
    state::InMemoryAccount a;
    a.nonce = 1;
    a.code = std::move(code);
    return a;
}

// ---------------------------------------------------------------------------------------------
// EIP-7934: RLP execution block size limit
// ---------------------------------------------------------------------------------------------

TEST(BlockSizeLimit, ConstantsAreTheEips)
{
    // EIP-7934: MAX_BLOCK_SIZE 10 MiB, SAFETY_MARGIN 2 MiB, MAX_RLP_BLOCK_SIZE the difference.
    EXPECT_EQ(kMaxBlockSize, 10u * 1024 * 1024);
    EXPECT_EQ(kBlockSizeSafetyMargin, 2u * 1024 * 1024);
    EXPECT_EQ(kMaxRlpBlockSize, 8'388'608u);
    EXPECT_FALSE(exceeds_max_rlp_block_size(8'388'608));
    EXPECT_TRUE(exceeds_max_rlp_block_size(8'388'609));
}

/// A block whose RLP is exactly `size` bytes: one legacy transaction whose data is sized to fit.
Block block_of_size(size_t size)
{
    Block block;
    block.withdrawals.emplace();
    Transaction tx;
    tx.to = kBob;
    tx.gas_limit = 21'000;
    tx.r = 1;
    tx.s = 1;
    block.transactions.push_back(tx);
    size_t data = size - 1000;
    for (int i = 0; i < 8; ++i) {
        block.transactions[0].data.assign(data, 0x5a);
        const size_t got = encode_block(block).size();
        if (got == size) return block;
        data = data + size - got;
    }
    ADD_FAILURE() << "cannot size a block to " << size << " bytes";
    return block;
}

TEST(BlockSizeLimit, OsakaRejectsOneByteOverTheLimit)
{
    const Block at_limit = block_of_size(kMaxRlpBlockSize);
    const Block over_limit = block_of_size(kMaxRlpBlockSize + 1);
    ASSERT_EQ(encode_block(at_limit).size(), 8'388'608u);
    ASSERT_EQ(encode_block(over_limit).size(), 8'388'609u);

    EXPECT_TRUE(validate_block_shape(Revision::kOsaka, at_limit, 8'388'608));
    const auto over = validate_block_shape(Revision::kOsaka, over_limit, 8'388'609);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error(), BlockError::kBlockTooLarge);
    // Before Osaka there is no limit.
    EXPECT_TRUE(validate_block_shape(Revision::kPrague, over_limit, 8'388'609));
}

TEST(BlockSizeLimit, StateTransitionChecksTheSizeFirst)
{
    const state::InMemoryState pre;
    InMemoryStateRoots roots{pre};
    const NoBlockHashes hashes;
    const StandardPrecompiles precompiles;
    const BlockHeader parent;

    for (const char* network : {"Osaka", "Prague"}) {
        const ChainConfig config = chain_config_for_network(network).value();
        const ChainContext chain{config, parent, std::nullopt, {}, pre, roots, hashes, precompiles};
        Block over = block_of_size(kMaxRlpBlockSize + 1);
        over.header.number = 1;
        over.header.timestamp = 12;
        const auto r = state_transition(chain, over);
        ASSERT_FALSE(r);
        ASSERT_TRUE(r.error().is_invalid());
        const bool too_large = r.error().block == BlockError::kBlockTooLarge;
        EXPECT_EQ(too_large, std::string{network} == "Osaka") << network;

        // At the limit the size passes; the block then fails on its header (the parent hash).
        Block at = block_of_size(kMaxRlpBlockSize);
        at.header.number = 1;
        at.header.timestamp = 12;
        const auto r2 = state_transition(chain, at);
        ASSERT_FALSE(r2);
        EXPECT_NE(r2.error().block, BlockError::kBlockTooLarge) << network;
    }
}

// ---------------------------------------------------------------------------------------------
// EIP-7685 requests hash, EIP-6110 deposits
// ---------------------------------------------------------------------------------------------

TEST(Requests, HashOfNoRequestsIsSha256OfNothing)
{
    // EIP-7685: sha256 over the concatenation of the requests' sha256s; none gives sha256("").
    EXPECT_EQ(compute_requests_hash({}),
              "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_b32);
}

TEST(Requests, HashMatchesTheEipDefinition)
{
    // Expected values computed with Python's hashlib from the EIP-7685 definition:
    // m = sha256(); for r in requests: m.update(sha256(r).digest()); m.digest().
    Bytes deposit(1, kDepositRequestType);
    for (int i = 0; i < 192; ++i) deposit.push_back(static_cast<uint8_t>(i));
    Bytes withdrawal(1, kWithdrawalRequestType);
    withdrawal.append(76, 0xaa);
    Bytes consolidation(1, kConsolidationRequestType);
    consolidation.append(116, 0xbb);

    const std::vector<Bytes> one{deposit};
    EXPECT_EQ(compute_requests_hash(one),
              "0x57ec8b4e78011d9ab87d162b0a63c6a902bcb72d70660d89909138ff2d52b001"_b32);
    const std::vector<Bytes> all{deposit, withdrawal, consolidation};
    EXPECT_EQ(compute_requests_hash(all),
              "0x48546d5a7aad885aae5976b482b12188e0a814483c7dc3e15526c82ac9b48730"_b32);
    const std::vector<Bytes> only_withdrawal{withdrawal};
    EXPECT_EQ(compute_requests_hash(only_withdrawal),
              "0xdc9332efe738b445eb548d6f177b29d868792322f30c67bca7cc6d335bf102ba"_b32);
}

/// The ABI encoding of a DepositEvent(pubkey, withdrawal_credentials, amount, signature, index)
/// with each field's bytes set to a distinct value.
Bytes deposit_event_data()
{
    const auto word = [](uint64_t v) {
        Bytes w(32, 0);
        for (size_t i = 0; i < 8; ++i) w[31 - i] = static_cast<uint8_t>(v >> (8 * i));
        return w;
    };
    const auto padded = [](size_t n, uint8_t fill) {
        Bytes b(n, fill);
        b.resize((n + 31) / 32 * 32, 0);
        return b;
    };
    Bytes d;
    for (uint64_t offset : {160, 256, 320, 384, 512}) d += word(offset);
    d += word(48) + padded(48, 0x11);
    d += word(32) + padded(32, 0x22);
    d += word(8) + padded(8, 0x33);
    d += word(96) + padded(96, 0x44);
    d += word(8) + padded(8, 0x55);
    return d;
}

TEST(Deposits, ExtractsTheFieldsOfAWellFormedEvent)
{
    const Bytes data = deposit_event_data();
    ASSERT_EQ(data.size(), 576u);
    const auto request = extract_deposit_data(data);
    ASSERT_TRUE(request);
    Bytes expected;
    expected.append(48, 0x11);
    expected.append(32, 0x22);
    expected.append(8, 0x33);
    expected.append(96, 0x44);
    expected.append(8, 0x55);
    EXPECT_EQ(*request, expected);
}

TEST(Deposits, RejectsEveryLayoutDeviation)
{
    const Bytes good = deposit_event_data();
    EXPECT_EQ(extract_deposit_data(good.substr(0, 575)).error(),
              DepositLayoutError::kInvalidLength);
    Bytes longer = good;
    longer.push_back(0);
    EXPECT_EQ(extract_deposit_data(longer).error(), DepositLayoutError::kInvalidLength);

    // Each of the five offsets, and a high byte of the first offset word (the whole word counts).
    for (size_t pos : {31u, 63u, 95u, 127u, 159u, 0u}) {
        Bytes bad = good;
        bad[pos] ^= 0x01;
        EXPECT_EQ(extract_deposit_data(bad).error(), DepositLayoutError::kInvalidOffset) << pos;
    }
    // Each of the five length prefixes.
    for (size_t pos : {160u + 31, 256u + 31, 320u + 31, 384u + 31, 512u + 31, 160u}) {
        Bytes bad = good;
        bad[pos] ^= 0x01;
        EXPECT_EQ(extract_deposit_data(bad).error(), DepositLayoutError::kInvalidSize) << pos;
    }
}

TEST(Deposits, ParsesOnlyTheDepositContractsDepositEvents)
{
    TxReceipt r;
    const Bytes data = deposit_event_data();
    // Another contract's log, a log without topics and one with another first topic are ignored.
    r.logs.push_back({kAlice, {kDepositEventSignatureHash}, data});
    r.logs.push_back({kMainnetDepositContractAddress, {}, data});
    r.logs.push_back({kMainnetDepositContractAddress, {Bytes32{}}, Bytes{0x01}});
    r.logs.push_back({kMainnetDepositContractAddress, {kDepositEventSignatureHash}, data});
    TxReceipt r2;
    r2.logs.push_back({kMainnetDepositContractAddress, {kDepositEventSignatureHash}, data});
    const std::vector<TxReceipt> receipts{r, r2};

    const auto requests = parse_deposit_requests(receipts, kMainnetDepositContractAddress);
    ASSERT_TRUE(requests);
    EXPECT_EQ(requests->size(), 2 * kDepositRequestSize);
    EXPECT_EQ(requests->substr(0, kDepositRequestSize), extract_deposit_data(data).value());

    // A malformed deposit event makes the whole parse fail.
    TxReceipt bad;
    bad.logs.push_back({kMainnetDepositContractAddress, {kDepositEventSignatureHash}, Bytes{1}});
    const std::vector<TxReceipt> with_bad{r, bad};
    EXPECT_FALSE(parse_deposit_requests(with_bad, kMainnetDepositContractAddress));
}

TEST(Deposits, MainnetConstants)
{
    EXPECT_EQ(kMainnetDepositContractAddress, "0x00000000219ab540356cBB839Cbe05303d7705Fa"_addr);
    // keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)")
    EXPECT_EQ(kDepositEventSignatureHash,
              keccak256(to_bytes_view("DepositEvent(bytes,bytes,bytes,bytes,bytes)")));
}

// ---------------------------------------------------------------------------------------------
// Receipt encodings
// ---------------------------------------------------------------------------------------------

/// rlp([status-or-root, 21000, zero bloom, logs]) built by hand: `first` is the encoded first
/// field, `logs` the encoded list of logs.
std::string receipt_hex(const std::string& first, const std::string& logs)
{
    const std::string body = first + "825208" + "b90100" + std::string(512, '0') + logs;
    const size_t len = body.size() / 2;
    char header[32];
    std::snprintf(header, sizeof(header), "f9%04zx", len);
    return header + body;
}

TEST(Receipts, EncodingPerType)
{
    TxReceipt r;
    r.cumulative_gas_used = 21000;

    r.type = TxType::kLegacy;
    r.success = true;
    EXPECT_EQ(to_hex(encode_receipt(r)), receipt_hex("01", "c0"));  // EIP-658 status 1
    r.success = false;
    EXPECT_EQ(to_hex(encode_receipt(r)), receipt_hex("80", "c0"));  // status 0: empty string

    // EIP-2718: typed receipts are the type byte followed by the same RLP.
    for (TxType type :
         {TxType::kAccessList, TxType::kDynamicFee, TxType::kBlob, TxType::kSetCode}) {
        r.type = type;
        r.success = true;
        std::string expected = receipt_hex("01", "c0");
        expected.insert(0, 1, static_cast<char>('0' + static_cast<int>(type)));
        expected.insert(0, 1, '0');
        EXPECT_EQ(to_hex(encode_receipt(r)), expected);
    }

    // Before Byzantium the intermediate state root takes the status's place.
    r.type = TxType::kLegacy;
    const Hash256 root = "0xabababababababababababababababababababababababababababababababab"_b32;
    EXPECT_EQ(to_hex(encode_receipt(r, root)), receipt_hex("a0" + to_hex(root), "c0"));
}

TEST(Receipts, LogsAreEncodedAsAddressTopicsData)
{
    TxReceipt r;
    r.type = TxType::kDynamicFee;
    r.success = true;
    r.cumulative_gas_used = 21000;
    r.logs.push_back({kAlice,
                      {"0x0000000000000000000000000000000000000000000000000000000000000001"_b32},
                      Bytes{0xff}});
    // [address (0x94 ‖ 20), [topic (0xe1 0xa0 ‖ 32)], data (0x81 0xff)] = 21 + 34 + 2 = 57
    // bytes: 0xf8 0x39.
    const std::string log =
        std::string{"f83994"} + to_hex(kAlice) + "e1a0" + std::string(63, '0') + "1" + "81ff";
    // The list of one log: 59 bytes, 0xf8 0x3b.
    EXPECT_EQ(to_hex(encode_receipt(r)), "02" + receipt_hex("01", "f83b" + log));
}

// ---------------------------------------------------------------------------------------------
// EIP-4895 withdrawals
// ---------------------------------------------------------------------------------------------

TEST(Withdrawals, CreditAmountTimesOneGwei)
{
    Harness h{"Shanghai"};
    state::InMemoryState pre;
    state::InMemoryAccount bob;
    bob.balance = 5;
    pre.set_account(kBob, bob);
    state::State st{pre};

    const Address fresh = "0x00000000000000000000000000000000000f4e54"_addr;
    const Address nobody = "0x000000000000000000000000000000000000dead"_addr;
    const std::vector<Withdrawal> withdrawals{
        {0, 10, kAlice, 3},            // a new account gets 3 gwei
        {1, 11, kBob, 0},              // a zero amount to an existing account changes nothing
        {2, 12, kAlice, 4},            // two withdrawals to the same address add up
        {3, 13, nobody, 0},            // a zero amount to an absent account does not create it
        {4, 14, fresh, 0xffffffffff},  // a large amount in gwei
    };
    const auto out = apply_body(st, h.context(), {}, {}, withdrawals);
    ASSERT_TRUE(out) << out.error().to_string();

    EXPECT_EQ(st.get_balance(kAlice), uint256{7 * kGwei});
    EXPECT_EQ(st.get_balance(kBob), uint256{5});
    EXPECT_FALSE(st.exists(nobody));
    EXPECT_EQ(st.get_balance(fresh), uint256{0xffffffffff} * uint256{kGwei});
    // No transactions, no gas; from Paris the coinbase earns no block reward (EIP-3675).
    EXPECT_EQ(out->block_gas_used, 0u);
    EXPECT_FALSE(st.exists(kCoinbase));
}

TEST(Withdrawals, RootIsTheOrderedTrieOfTheirRlp)
{
    // The empty trie.
    EXPECT_EQ(withdrawals_root({}),
              "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"_b32);
    // One withdrawal: a trie with the single leaf rlp(0) = 0x80 → rlp(withdrawal); its root is
    // keccak256 of the leaf node [0x20 ‖ 0x80 path, value] (hex-prefix encoding, even leaf).
    const Withdrawal w{1, 2, kAlice, 3};
    Bytes value;  // rlp([1, 2, alice, 3]) = 0xd8 01 02 94 <alice> 03
    value += "0xd8010294"_hex;
    value += kAlice.view();
    value.push_back(0x03);
    Bytes leaf = "0xdd822080"_hex;  // list of 29 bytes: path string 0x82 0x20 0x80, then value
    leaf.push_back(0x99);           // the value as a string of 25 bytes
    leaf += value;
    // A node under 32 bytes would be inlined, but the root is always hashed.
    const std::vector<Withdrawal> one{w};
    EXPECT_EQ(withdrawals_root(one), keccak256(leaf));
}

// ---------------------------------------------------------------------------------------------
// System calls
// ---------------------------------------------------------------------------------------------

TEST(SystemCalls, Addresses)
{
    EXPECT_EQ(kSystemAddress, "0xfffffffffffffffffffffffffffffffffffffffe"_addr);
    EXPECT_EQ(kBeaconRootsAddress, "0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02"_addr);
    EXPECT_EQ(kHistoryStorageAddress, "0x0000F90827F1C53a10cb7A02335B175320002935"_addr);
    EXPECT_EQ(kWithdrawalRequestPredeployAddress,
              "0x00000961Ef480Eb55e80D19ad83579A64c007002"_addr);
    EXPECT_EQ(kConsolidationRequestPredeployAddress,
              "0x0000BBdDc7CE488642fb579F8B00f3a590007251"_addr);
    EXPECT_EQ(kSystemTransactionGas, 30'000'000);
}

TEST(SystemCalls, BeaconRootCallRunsAsTheSystemAddress)
{
    Harness h{"Cancun"};
    // CALLER→0, ORIGIN→1, GASPRICE→2, CALLDATALOAD(0)→3, GAS→4.
    const Bytes code = "0x335f55326001553a6002555f356003555a60045500"_hex;
    state::InMemoryState pre;
    pre.set_account(kBeaconRootsAddress, account_with_code(code));
    state::State st{pre};
    const Hash256 root = "0x5555555555555555555555555555555555555555555555555555555555555555"_b32;

    const auto out = apply_body(st, h.context(root), {}, {}, {});
    ASSERT_TRUE(out) << out.error().to_string();

    const auto slot = [&](uint64_t k) {
        return st.get_storage(kBeaconRootsAddress, to_bytes32(uint256{k}));
    };
    Bytes32 system;
    std::copy(kSystemAddress.bytes.begin(), kSystemAddress.bytes.end(), system.bytes.begin() + 12);
    EXPECT_EQ(slot(0), system);
    EXPECT_EQ(slot(1), system);
    EXPECT_EQ(slot(2), to_bytes32(uint256{7}));  // GASPRICE is the base fee
    EXPECT_EQ(slot(3), root);
    // The call had 30M gas, outside the block's gas; the three stores before GAS cost < 100k.
    const uint256 gas_seen = from_bytes32(slot(4));
    EXPECT_GT(gas_seen, uint256{29'900'000});
    EXPECT_LT(gas_seen, uint256{30'000'000});
    EXPECT_EQ(out->block_gas_used, 0u);
    // The system address pays nothing, gets no nonce and does not come into existence.
    EXPECT_FALSE(st.exists(kSystemAddress));
}

TEST(SystemCalls, MissingOrFailingBeaconRootsContractIsIgnored)
{
    Harness h{"Cancun"};
    const state::InMemoryState empty;
    state::State st{empty};
    EXPECT_TRUE(apply_body(st, h.context(), {}, {}, {}));
    EXPECT_FALSE(st.exists(kBeaconRootsAddress));

    state::InMemoryState pre;
    pre.set_account(kBeaconRootsAddress, account_with_code("0x60015f555f5ffd"_hex));  // revert
    state::State st2{pre};
    EXPECT_TRUE(apply_body(st2, h.context(), {}, {}, {}));
    EXPECT_EQ(st2.get_storage(kBeaconRootsAddress, Bytes32{}), Bytes32{});
}

TEST(SystemCalls, PragueRequestContractsMustExistAndSucceed)
{
    Harness h{"Prague"};
    const Bytes returns_76 = "0x604c5f52604c5ff3"_hex;  // MSTORE 76 at 0, RETURN 76 bytes
    const Bytes returns_nothing = "0x00"_hex;
    const Bytes reverts = "0x5f5ffd"_hex;

    const auto run = [&](std::optional<Bytes> withdrawal_code,
                         std::optional<Bytes> consolidation_code) {
        auto pre = std::make_unique<state::InMemoryState>();
        if (withdrawal_code)
            pre->set_account(kWithdrawalRequestPredeployAddress,
                             account_with_code(*withdrawal_code));
        if (consolidation_code)
            pre->set_account(kConsolidationRequestPredeployAddress,
                             account_with_code(*consolidation_code));
        state::State st{*pre};
        return apply_body(st, h.context(), {}, {}, {});
    };

    const auto no_7002 = run(std::nullopt, returns_nothing);
    ASSERT_FALSE(no_7002);
    EXPECT_EQ(no_7002.error().body, BodyError::kSystemContractEmpty);
    const auto no_7251 = run(returns_nothing, std::nullopt);
    ASSERT_FALSE(no_7251);
    EXPECT_EQ(no_7251.error().body, BodyError::kSystemContractEmpty);
    const auto failing = run(returns_nothing, reverts);
    ASSERT_FALSE(failing);
    EXPECT_EQ(failing.error().body, BodyError::kSystemContractCallFailed);

    // The return data are the requests; an empty list is left out.
    const auto ok = run(returns_76, returns_nothing);
    ASSERT_TRUE(ok) << ok.error().to_string();
    ASSERT_EQ(ok->requests.size(), 1u);
    Bytes expected(1, kWithdrawalRequestType);
    expected += to_bytes32(uint256{76}).view();
    expected.append(76 - 32, 0);
    EXPECT_EQ(ok->requests[0], expected);
}

// ---------------------------------------------------------------------------------------------
// Rewards and the DAO fork
// ---------------------------------------------------------------------------------------------

TEST(Rewards, BlockAndOmmerRewardsBeforeParis)
{
    Harness h{"Byzantium"};
    h.env.number = 10;
    BlockHeader ommer;
    ommer.number = 8;  // two generations older
    ommer.coinbase = kAlice;
    const std::vector<BlockHeader> ommers{ommer};
    const state::InMemoryState pre;
    state::State st{pre};
    const auto out = apply_body(st, h.context(), {}, ommers, {});
    ASSERT_TRUE(out) << out.error().to_string();
    // EIP-649: 3 ETH, plus 1/32 per ommer; the ommer's miner gets (8 - 2)/8 of 3 ETH.
    EXPECT_EQ(st.get_balance(kCoinbase), 3 * kEther + 3 * kEther / 32);
    EXPECT_EQ(st.get_balance(kAlice), 3 * kEther * 6 / 8);

    Harness paris{"Paris"};
    state::State st2{pre};
    ASSERT_TRUE(apply_body(st2, paris.context(), {}, {}, {}));
    EXPECT_FALSE(st2.exists(kCoinbase));  // EIP-3675: no reward
}

TEST(Dao, MovesEveryDaoBalanceToTheRecoveryContract)
{
    ASSERT_EQ(dao_accounts().size(), 116u);
    const Address the_dao = "0xbb9bc244d798123fde783fcc1c72d3bb8c189413"_addr;
    const Address extra_balance = "0x807640a13483f8ac783c557fcdf27be11ea4ac7a"_addr;
    EXPECT_NE(std::find(dao_accounts().begin(), dao_accounts().end(), the_dao),
              dao_accounts().end());
    EXPECT_EQ(kDaoRecoveryAddress, "0xbf4ed7b27f1d666546e30d74d50d173d20bca754"_addr);

    state::InMemoryState pre;
    state::InMemoryAccount dao;
    dao.balance = 1000;
    pre.set_account(the_dao, dao);
    state::InMemoryAccount extra;
    extra.balance = 234;
    pre.set_account(extra_balance, extra);
    state::InMemoryAccount recovery;
    recovery.balance = 1;
    pre.set_account(kDaoRecoveryAddress, recovery);
    state::State st{pre};
    apply_dao(st);
    EXPECT_EQ(st.get_balance(kDaoRecoveryAddress), uint256{1235});
    EXPECT_EQ(st.get_balance(the_dao), uint256{0});
    EXPECT_EQ(st.get_balance(extra_balance), uint256{0});
    // go-ethereum's ApplyDAOHardFork writes every listed account: absent ones now exist, empty.
    const Address first = dao_accounts()[0];
    EXPECT_TRUE(st.exists(first));
    EXPECT_TRUE(st.is_empty(first));
}

TEST(Dao, AppliedAtTheForkBlockOnly)
{
    Harness h{"HomesteadToDaoAt5"};
    const Address the_dao = "0xbb9bc244d798123fde783fcc1c72d3bb8c189413"_addr;
    state::InMemoryState pre;
    state::InMemoryAccount dao;
    dao.balance = 1000;
    pre.set_account(the_dao, dao);
    for (uint64_t number : {4u, 5u, 6u}) {
        h.env.number = number;
        state::State st{pre};
        InMemoryStateRoots roots{pre};
        BlockContext ctx = h.context();
        ctx.intermediate_roots = &roots;
        ASSERT_TRUE(apply_body(st, ctx, {}, {}, {}));
        EXPECT_EQ(st.get_balance(kDaoRecoveryAddress), uint256{number == 5 ? 1000u : 0u}) << number;
    }
}

// ---------------------------------------------------------------------------------------------
// Failures
// ---------------------------------------------------------------------------------------------

TEST(BlockFailure, NamesFollowTheFixtures)
{
    EXPECT_EQ(to_string(BodyError::kSystemContractEmpty), "SYSTEM_CONTRACT_EMPTY");
    EXPECT_EQ(to_string(BodyError::kSystemContractCallFailed), "SYSTEM_CONTRACT_CALL_FAILED");
    EXPECT_EQ(to_string(BodyError::kInvalidDepositEventLayout), "INVALID_DEPOSIT_EVENT_LAYOUT");
    const auto gas = BlockFailure::mismatched(
        BlockError::kInvalidGasUsed, to_bytes32(uint256{21000}), to_bytes32(uint256{21001}));
    EXPECT_EQ(gas.to_string(), "INVALID_GAS_USED (computed 21000, header 21001)");
    EXPECT_TRUE(gas.is_invalid());
    EXPECT_FALSE(BlockFailure::unavailable(state::StateError::kMissingData).is_invalid());
    const auto tx = BlockFailure::invalid_transaction(TxError::kNonceMismatchTooLow, 2);
    EXPECT_EQ(tx.body, BodyError::kInvalidTransaction);
    EXPECT_EQ(tx.tx_index, 2u);
}

}  // namespace
