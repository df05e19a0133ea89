// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The expected encodings were produced by ethers v6 (Interface.encodeFunctionData, AbiCoder),
// an implementation independent of ours, for the inputs written here.
#include <gtest/gtest.h>

#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/node/rollup_abi.hpp>

using namespace ultra;
using namespace ultra::literals;
using namespace ultra::node::rollup_abi;

namespace {

Bytes hex(std::string_view s)
{
    auto b = from_hex(s);
    EXPECT_TRUE(b.has_value()) << s;
    return b.has_value() ? *b : Bytes{};
}

/// ethers: advance(0xabab.., 21000, 0xf90201 + 30×11, [0x02f8aa + 35×22, 0x], 0xc3c0c0c0).
constexpr std::string_view kAdvanceHex =
    "0xb5008f53abababababababababababababababababababababababababababababababab"
    "0000000000000000000000000000000000000000000000000000000000005208"
    "00000000000000000000000000000000000000000000000000000000000000a0"
    "0000000000000000000000000000000000000000000000000000000000000100"
    "00000000000000000000000000000000000000000000000000000000000001e0"
    "0000000000000000000000000000000000000000000000000000000000000021"
    "f902011111111111111111111111111111111111111111111111111111111111"
    "1100000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000002"
    "0000000000000000000000000000000000000000000000000000000000000040"
    "00000000000000000000000000000000000000000000000000000000000000a0"
    "0000000000000000000000000000000000000000000000000000000000000026"
    "02f8aa2222222222222222222222222222222222222222222222222222222222"
    "2222222222220000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000004"
    "c3c0c0c000000000000000000000000000000000000000000000000000000000";

AdvanceCall sample_advance()
{
    AdvanceCall call;
    call.post_state_root = "0xabababababababababababababababababababababababababababababababab"_b32;
    call.gas_used = 21000;
    call.header = hex("0xf90201") + Bytes(30, 0x11);
    call.transactions = {hex("0x02f8aa") + Bytes(35, 0x22), Bytes{}};
    call.witness = hex("0xc3c0c0c0");
    return call;
}

TEST(RollupAbi, EncodesAdvanceAsEthersDoes)
{
    EXPECT_EQ("0x" + to_hex(encode_advance(sample_advance())), kAdvanceHex);
}

TEST(RollupAbi, DecodesAdvance)
{
    const auto decoded = decode_advance(hex(kAdvanceHex));
    ASSERT_TRUE(decoded.has_value()) << decoded.error();
    EXPECT_EQ(*decoded, sample_advance());

    AdvanceCall empty;
    empty.gas_used = 0;
    const auto round = decode_advance(encode_advance(empty));
    ASSERT_TRUE(round.has_value()) << round.error();
    EXPECT_TRUE(round->transactions.empty());
    EXPECT_TRUE(round->header.empty());
}

TEST(RollupAbi, RejectsMalformedAdvance)
{
    const Bytes good = hex(kAdvanceHex);
    EXPECT_FALSE(decode_advance(Bytes{}).has_value());
    Bytes wrong_selector = good;
    wrong_selector[0] ^= 1;
    EXPECT_EQ(decode_advance(wrong_selector).error(), "not an advance() call");
    // Truncated anywhere before the witness's last byte: never accepted, never out of bounds.
    // (The final zero padding may be missing, as Solidity's calldata decoder allows.)
    for (size_t n = 0; n < good.size() - 28; n += 7)
        EXPECT_FALSE(decode_advance(BytesView{good}.substr(0, n)).has_value()) << n;
    // A huge header offset (word 2 of the arguments).
    Bytes bad_offset = good;
    bad_offset[4 + 64] = 0xff;
    EXPECT_EQ(decode_advance(bad_offset).error(), "header offset: too large");
    // gasUsed above 2^64 - 1.
    Bytes big_gas = good;
    big_gas[4 + 32 + 23] = 1;
    EXPECT_EQ(decode_advance(big_gas).error(), "gasUsed: not a uint64");
    // A transaction length beyond the data.
    Bytes long_tx = good;
    long_tx[4 + 0x1c0 + 30] = 0x7f;
    EXPECT_FALSE(decode_advance(long_tx).has_value());
}

TEST(RollupAbi, ClaimDepositsAsEthersDoes)
{
    const DepositMessage a{0,
                           "0x00000000000000000000000000000000000a11ce"_addr,
                           "0x000000000000000000000000000000000000b0b0"_addr,
                           uint256{1000000000000000000ULL},
                           {}};
    const DepositMessage b{1,
                           "0x000000000000000000000000000000000000c0c0"_addr,
                           "0x000000000000000000000000000000000000d0d0"_addr,
                           uint256{5},
                           {}};
    const DepositMessage both[] = {a, b};
    EXPECT_EQ("0x" + to_hex(encode_claim_deposits(both)),
              "0x9a95174f"
              "0000000000000000000000000000000000000000000000000000000000000020"
              "0000000000000000000000000000000000000000000000000000000000000002"
              "00000000000000000000000000000000000000000000000000000000000a11ce"
              "000000000000000000000000000000000000000000000000000000000000b0b0"
              "0000000000000000000000000000000000000000000000000de0b6b3a7640000"
              "000000000000000000000000000000000000000000000000000000000000c0c0"
              "000000000000000000000000000000000000000000000000000000000000d0d0"
              "0000000000000000000000000000000000000000000000000000000000000005");
}

TEST(RollupAbi, DepositChainAndEvent)
{
    const auto alice = "0x00000000000000000000000000000000000a11ce"_addr;
    const auto bob = "0x000000000000000000000000000000000000b0b0"_addr;
    const Hash256 root = next_deposit_root({}, 0, alice, bob, uint256{1000000000000000000ULL});
    EXPECT_EQ(root, "0x38213d7f3c6e12df5249ce0d92b5d1cbb0b713d34ea0d87d815cec7ae230cfcf"_b32);
    EXPECT_EQ(event_topic(kDepositEventSignature),
              "0x360711a7ebd233fb67b0f0ccba989357c8bb3a472585b01dab2524269a86a49e"_b32);

    execution::Log log;
    log.address = "0x00000000000000000000000000000000000000bb"_addr;
    log.topics = {"0x360711a7ebd233fb67b0f0ccba989357c8bb3a472585b01dab2524269a86a49e"_b32,
                  "0x0000000000000000000000000000000000000000000000000000000000000007"_b32,
                  "0x00000000000000000000000000000000000000000000000000000000000a11ce"_b32,
                  "0x000000000000000000000000000000000000000000000000000000000000b0b0"_b32};
    log.data = hex("0x0000000000000000000000000000000000000000000000000000000000000009") +
               Bytes(root.view());
    const auto d = decode_deposit_log(log);
    ASSERT_TRUE(d.has_value()) << d.error();
    EXPECT_EQ(d->nonce, 7u);
    EXPECT_EQ(d->sender, alice);
    EXPECT_EQ(d->l2_recipient, bob);
    EXPECT_EQ(d->amount, uint256{9});
    EXPECT_EQ(d->root, root);

    execution::Log other = log;
    other.topics[0][0] ^= 1;
    EXPECT_FALSE(decode_deposit_log(other).has_value());
    execution::Log short_data = log;
    short_data.data.resize(32);
    EXPECT_FALSE(decode_deposit_log(short_data).has_value());
    execution::Log dirty_address = log;
    dirty_address.topics[2][0] = 1;
    EXPECT_FALSE(decode_deposit_log(dirty_address).has_value());
}

TEST(RollupAbi, WordsAndValue)
{
    EXPECT_EQ("0x" + to_hex(view_call("stateRoot()")), "0x9588eca2");
    EXPECT_EQ("0x" + to_hex(view_call("blockNumber()")), "0x57e871e7");
    const Bytes one_word =
        hex("0x00000000000000000000000000000000000000000000000000000000000003e8");
    EXPECT_EQ(decode_uint(one_word).value(), uint256{1000});
    EXPECT_EQ(decode_address(one_word).value(), "0x00000000000000000000000000000000000003e8"_addr);
    EXPECT_FALSE(decode_uint(Bytes(31, 0)).has_value());
    EXPECT_FALSE(decode_word(Bytes(33, 0)).has_value());
    EXPECT_FALSE(decode_address(Bytes(32, 0xff)).has_value());

    EXPECT_EQ(advance_value(0, uint256{7}), uint256{0});
    EXPECT_EQ(advance_value(21000, uint256{0}), uint256{0});
    EXPECT_EQ(advance_value(21000, uint256{7}), uint256{294001});      // 2 × 147000 + 1
    EXPECT_EQ(advance_value(21000, uint256{7}, 10), uint256{161701});  // 1.1 × 147000 + 1
}

TEST(RollupAbi, ConstructorAsEthersDoes)
{
    RollupConfig c;
    c.chain_id = 100001;
    c.l2_gas_limit = 30000000;
    c.sequencing = 1;
    c.sequencers = {"0x00000000000000000000000000000000000a11ce"_addr,
                    "0x000000000000000000000000000000000000b0b0"_addr};
    c.forced_inclusion_delay = 3600;
    c.coinbase_policy = 1;
    c.treasury = "0x000000000000000000000000000000000000c0c0"_addr;
    c.governance = 2;
    c.owner = "0x000000000000000000000000000000000000d0d0"_addr;
    c.timelock_delay = 86400;
    c.state_root_history = 0;
    c.execute = "0x0000000000000000000000000000000000000101"_addr;
    EXPECT_EQ(
        "0x" + to_hex(encode_rollup_constructor(
                   c, "0x1212121212121212121212121212121212121212121212121212121212121212"_b32,
                   "0x3434343434343434343434343434343434343434343434343434343434343434"_b32)),
        "0x0000000000000000000000000000000000000000000000000000000000000060"
        "1212121212121212121212121212121212121212121212121212121212121212"
        "3434343434343434343434343434343434343434343434343434343434343434"
        "00000000000000000000000000000000000000000000000000000000000186a1"
        "0000000000000000000000000000000000000000000000000000000001c9c380"
        "0000000000000000000000000000000000000000000000000000000000000001"
        "0000000000000000000000000000000000000000000000000000000000000180"
        "0000000000000000000000000000000000000000000000000000000000000e10"
        "0000000000000000000000000000000000000000000000000000000000000001"
        "000000000000000000000000000000000000000000000000000000000000c0c0"
        "0000000000000000000000000000000000000000000000000000000000000002"
        "000000000000000000000000000000000000000000000000000000000000d0d0"
        "0000000000000000000000000000000000000000000000000000000000015180"
        "0000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000101"
        "0000000000000000000000000000000000000000000000000000000000000002"
        "00000000000000000000000000000000000000000000000000000000000a11ce"
        "000000000000000000000000000000000000000000000000000000000000b0b0");
}

TEST(RollupAbi, NamesTheContractsCustomErrors)
{
    using node::rollup_abi::describe_custom_error;
    using node::rollup_abi::selector;
    EXPECT_EQ(describe_custom_error(selector("InvalidBlock()")), "InvalidBlock()");
    Bytes wrong = selector("WrongBlockNumber(uint256,uint256)");
    wrong += to_bytes32(uint256{3}).view();
    wrong += to_bytes32(uint256{4}).view();
    EXPECT_EQ(describe_custom_error(wrong), "WrongBlockNumber(expected=3, actual=4)");
    Bytes caller = selector("NotSequencer(address)");
    caller.append(12, 0);
    caller += "0x00000000000000000000000000000000000a11ce"_addr.view();
    EXPECT_EQ(describe_custom_error(caller),
              "NotSequencer(caller=0x00000000000000000000000000000000000a11ce)");
    // An L1Bridge error too.
    Bytes claimed = selector("AlreadyClaimed(uint256)");
    claimed += to_bytes32(uint256{7}).view();
    EXPECT_EQ(describe_custom_error(claimed), "AlreadyClaimed(id=7)");
    // Not theirs, or cut short: no name.
    EXPECT_EQ(describe_custom_error(selector("Error(string)")), std::nullopt);
    EXPECT_EQ(describe_custom_error(BytesView{wrong}.substr(0, 40)), std::nullopt);
    EXPECT_EQ(describe_custom_error(Bytes{0x01, 0x02}), std::nullopt);
}

}  // namespace
