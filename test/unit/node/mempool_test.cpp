// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The mempool: ordering by effective tip then arrival with nonce order per sender, gaps
// (pending / queued), replacement at +10 %, every admission error with go-ethereum's text,
// removal after inclusion, re-validation on a new head, concurrent admission.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/node/mempool.hpp>

#include "sandbox.hpp"

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::node;
using test::Sandbox;

constexpr uint64_t kGwei = 1'000'000'000;

MempoolConfig devnet_pool()
{
    MempoolConfig c;
    c.chain_id = kDevnetChainId;
    return c;
}

/// The hashes PendingTransactions offers, accepting each.
std::vector<Hash256> drain(PendingTransactions& pending)
{
    std::vector<Hash256> order;
    for (auto c = pending.peek(); c.tx != nullptr; c = pending.peek()) {
        order.push_back(transaction_hash(*c.tx));
        pending.accept();
    }
    return order;
}

TEST(Mempool, OrdersByEffectiveTipThenArrivalInNonceOrder)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    // The next base fee: 1 gwei × 7/8 = 875,000,000 (the genesis used no gas).
    ASSERT_EQ(sb.next_base_fee(), uint256{875'000'000});
    const Transaction a0 = sb.transfer(0, 0, 10 * kGwei, 1 * kGwei);
    const Transaction a1 = sb.transfer(0, 1, 10 * kGwei, 5 * kGwei);
    const Transaction b0 = sb.transfer(1, 0, 10 * kGwei, 3 * kGwei);
    const Transaction c0 = sb.transfer(2, 0, 10 * kGwei, 3 * kGwei);
    // Tip 1 gwei, but max fee 1 gwei leaves only 125,000,000 above the base fee.
    const Transaction d0 = sb.transfer(3, 0, 1 * kGwei, 1 * kGwei);
    for (const auto* tx : {&a1, &a0, &b0, &c0, &d0}) ASSERT_TRUE(pool.add(*tx, sb.pool_head()));
    EXPECT_EQ(pool.size(), 5u);
    EXPECT_EQ(pool.pending_count(), 5u);

    auto pending = pool.pending(sb.next_base_fee());
    EXPECT_EQ(pending.remaining(), 5u);
    // B and C tie at 3 gwei: B arrived first. A's nonce 0 (1 gwei) must precede its nonce 1
    // (5 gwei), which then comes before D's 0.125 gwei.
    const std::vector<Hash256> expected{transaction_hash(b0), transaction_hash(c0),
                                        transaction_hash(a0), transaction_hash(a1),
                                        transaction_hash(d0)};
    EXPECT_EQ(drain(pending), expected);

    // The candidates carry their senders.
    auto again = pool.pending(sb.next_base_fee());
    EXPECT_EQ(again.peek().sender, sb.keys[1].address);
}

TEST(Mempool, RejectSkipsTheRestOfTheSender)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    const Transaction a0 = sb.transfer(0, 0, 10 * kGwei, 5 * kGwei);
    const Transaction a1 = sb.transfer(0, 1, 10 * kGwei, 5 * kGwei);
    const Transaction b0 = sb.transfer(1, 0, 10 * kGwei, 1 * kGwei);
    for (const auto* tx : {&a0, &a1, &b0}) ASSERT_TRUE(pool.add(*tx, sb.pool_head()));
    auto pending = pool.pending(sb.next_base_fee());
    ASSERT_EQ(transaction_hash(*pending.peek().tx), transaction_hash(a0));
    pending.reject(TxError::kGasAllowanceExceeded);
    EXPECT_EQ(drain(pending), std::vector<Hash256>{transaction_hash(b0)});
}

TEST(Mempool, GapsAreQueuedUntilFilled)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    const Address a = sb.keys[0].address;
    ASSERT_TRUE(pool.add(sb.transfer(0, 0), sb.pool_head()));
    ASSERT_TRUE(pool.add(sb.transfer(0, 2), sb.pool_head()));
    ASSERT_TRUE(pool.add(sb.transfer(0, 3), sb.pool_head()));
    EXPECT_EQ(pool.pending_count(), 1u);
    EXPECT_EQ(pool.queued_count(), 2u);
    EXPECT_EQ(pool.next_nonce(a, 0), 1u);
    const MempoolContent content = pool.content();
    ASSERT_EQ(content.pending.at(a).size(), 1u);
    ASSERT_EQ(content.queued.at(a).size(), 2u);
    EXPECT_EQ(content.queued.at(a)[0].tx.nonce, 2u);
    EXPECT_EQ(content.queued.at(a)[1].tx.nonce, 3u);
    // Only the executable run is offered to the builder.
    auto pending = pool.pending(sb.next_base_fee());
    EXPECT_EQ(pending.remaining(), 1u);

    ASSERT_TRUE(pool.add(sb.transfer(0, 1), sb.pool_head()));
    EXPECT_EQ(pool.pending_count(), 4u);
    EXPECT_EQ(pool.queued_count(), 0u);
    EXPECT_EQ(pool.next_nonce(a, 0), 4u);
    EXPECT_EQ(pool.next_nonce(sb.keys[1].address, 7), 7u);
}

TEST(Mempool, ReplacementNeedsTenPercentMoreOnBothFees)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    const Transaction original = sb.transfer(0, 0, 10 * kGwei, 1 * kGwei);
    const auto h0 = pool.add(original, sb.pool_head());
    ASSERT_TRUE(h0);

    // Exactly +10 % on both: accepted, and the original is gone.
    const Transaction bumped = sb.transfer(0, 0, 11 * kGwei, 1'100'000'000);
    const auto h1 = pool.add(bumped, sb.pool_head());
    ASSERT_TRUE(h1) << h1.error().message;
    EXPECT_FALSE(pool.contains(*h0));
    EXPECT_TRUE(pool.contains(*h1));
    EXPECT_EQ(pool.size(), 1u);

    // +10 % on the max fee (12.1 gwei) but +9.09 % on the tip (1.2 gwei < 1.21 gwei): refused.
    const auto low_tip = pool.add(sb.transfer(0, 0, 12'100'000'000, 1'200'000'000), sb.pool_head());
    ASSERT_FALSE(low_tip);
    EXPECT_EQ(low_tip.error().error, MempoolError::kReplacementUnderpriced);
    EXPECT_EQ(low_tip.error().message, "replacement transaction underpriced");
    // One wei below +10 % on the max fee: refused.
    const auto low_fee = pool.add(sb.transfer(0, 0, 12'099'999'999, 2 * kGwei), sb.pool_head());
    ASSERT_FALSE(low_fee);
    EXPECT_EQ(low_fee.error().message, "replacement transaction underpriced");
    // The same fees with another value: refused.
    Transaction same_fees = bumped;
    same_fees.value = 2;
    test::sign(same_fees, sb.keys[0]);
    EXPECT_EQ(pool.add(same_fees, sb.pool_head()).error().error,
              MempoolError::kReplacementUnderpriced);
    EXPECT_TRUE(pool.contains(*h1));
    EXPECT_EQ(pool.size(), 1u);
}

/// Expects `tx` refused with `error` and a message starting with `message`.
void expect_refused(Mempool& pool,
                    const Transaction& tx,
                    const PoolHead& head,
                    MempoolError error,
                    const std::string& message)
{
    const auto r = pool.add(tx, head);
    ASSERT_FALSE(r) << message;
    EXPECT_EQ(r.error().error, error) << r.error().message;
    EXPECT_EQ(r.error().message.substr(0, message.size()), message);
    EXPECT_EQ(std::string{to_string(error)}, r.error().message.substr(0, to_string(error).size()));
}

TEST(Mempool, EveryAdmissionErrorHasGethsText)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    const PoolHead head = sb.pool_head();

    const Transaction ok = sb.transfer(0, 0);
    ASSERT_TRUE(pool.add(ok, head));
    expect_refused(pool, ok, head, MempoolError::kAlreadyKnown, "already known");

    // An unfunded key: 21,000 × 10 gwei + 1 wei = 210,000,000,000,001.
    const test::TestKey poor = test::make_test_key(9);
    Transaction broke = sb.transfer(0, 0);
    test::sign(broke, poor);
    expect_refused(pool, broke, head, MempoolError::kInsufficientFunds,
                   "insufficient funds for gas * price + value: balance 0, tx cost "
                   "210000000000001, overshot 210000000000001");

    Transaction low_gas = sb.transfer(1, 0);
    low_gas.gas_limit = 20'000;
    test::sign(low_gas, sb.keys[1]);
    expect_refused(pool, low_gas, head, MempoolError::kIntrinsicGasTooLow,
                   "intrinsic gas too low: gas 20000, minimum needed 21000");

    Transaction too_much_gas = sb.transfer(1, 0);
    too_much_gas.gas_limit = 17'000'000;  // EIP-7825: above 2^24 in Osaka
    test::sign(too_much_gas, sb.keys[1]);
    expect_refused(pool, too_much_gas, head, MempoolError::kGasLimitTooHigh,
                   "transaction gas limit too high: cap: 16777216, tx: 17000000");

    expect_refused(pool, sb.transfer(1, 0, 800'000'000, 0), head, MempoolError::kFeeCapTooLow,
                   "max fee per gas less than block base fee: address " +
                       to_0x_hex(sb.keys[1].address.view()) +
                       ", maxFeePerGas: 800000000, baseFee: 875000000");

    expect_refused(pool, sb.transfer(1, 0, 10 * kGwei, 11 * kGwei), head,
                   MempoolError::kTipAboveFeeCap,
                   "max priority fee per gas higher than max fee per gas");

    Transaction bad_sig = sb.transfer(1, 0);
    bad_sig.r = 0;
    expect_refused(pool, bad_sig, head, MempoolError::kInvalidSender, "invalid sender");

    Transaction other_chain = sb.transfer(1, 0);
    other_chain.chain_id = 5;
    test::sign(other_chain, sb.keys[1]);
    expect_refused(pool, other_chain, head, MempoolError::kInvalidChainId,
                   "invalid chain id for signer: have 5 want 1337");

    Transaction blob = sb.transfer(1, 0);
    blob.type = TxType::kBlob;
    blob.max_fee_per_blob_gas = 1;
    blob.blob_versioned_hashes.push_back(
        "0x0100000000000000000000000000000000000000000000000000000000000001"_b32);
    test::sign(blob, sb.keys[1]);
    expect_refused(pool, blob, head, MempoolError::kBlobTransactionsNotSupported,
                   "blob transactions are not supported");

    Transaction floor = sb.transfer(1, 0);
    floor.data.assign(100, 0xaa);  // intrinsic 21,000 + 1,600; EIP-7623 floor 21,000 + 4,000
    floor.gas_limit = 23'000;
    test::sign(floor, sb.keys[1]);
    expect_refused(pool, floor, head, MempoolError::kFloorDataGas,
                   "insufficient gas for floor data gas cost: gas 23000, minimum needed 25000");

    Transaction max_nonce = sb.transfer(1, ~uint64_t{0});
    expect_refused(pool, max_nonce, head, MempoolError::kNonceMax, "nonce has max value");

    Transaction init = sb.transfer(1, 0);
    init.to.reset();
    init.data.assign(kMaxInitCodeSize + 1, 0);
    init.gas_limit = 600'000;
    test::sign(init, sb.keys[1]);
    expect_refused(pool, init, head, MempoolError::kMaxInitCodeSizeExceeded,
                   "max initcode size exceeded: code size 49153, limit 49152");

    // The head moved past nonce 0 of key 0.
    sb.mine(pool);
    ASSERT_EQ(pool.size(), 0u);
    Transaction stale = sb.transfer(0, 0);
    stale.value = 5;
    test::sign(stale, sb.keys[0]);
    expect_refused(pool, stale, sb.pool_head(), MempoolError::kNonceTooLow,
                   "nonce too low: next nonce 1, tx nonce 0");
}

TEST(Mempool, PolicyErrors)
{
    Sandbox sb;
    MempoolConfig config = devnet_pool();
    config.min_tip = kGwei;
    config.max_per_sender = 2;
    config.max_transactions = 3;
    config.max_tx_size = 200;
    Mempool pool{config};
    const PoolHead head = sb.pool_head();

    expect_refused(pool, sb.transfer(0, 0, 10 * kGwei, 500'000'000), head,
                   MempoolError::kUnderpriced,
                   "transaction underpriced: gas tip cap 500000000, minimum needed 1000000000");

    Transaction big = sb.transfer(0, 0);
    big.data.assign(300, 0);
    big.gas_limit = 100'000;
    test::sign(big, sb.keys[0]);
    expect_refused(pool, big, head, MempoolError::kOversizedData,
                   "oversized data: transaction size ");

    ASSERT_TRUE(pool.add(sb.transfer(0, 0), head));
    ASSERT_TRUE(pool.add(sb.transfer(0, 1), head));
    expect_refused(pool, sb.transfer(0, 2), head, MempoolError::kAccountLimitExceeded,
                   "account limit exceeded: pooled 2 txs");
    // A replacement does not count against the limits.
    EXPECT_TRUE(pool.add(sb.transfer(0, 1, 20 * kGwei, 2 * kGwei), head));
    ASSERT_TRUE(pool.add(sb.transfer(1, 0), head));
    expect_refused(pool, sb.transfer(2, 0), head, MempoolError::kTxPoolOverflow, "txpool is full");
}

TEST(Mempool, FundsCoverEveryPooledTransactionOfTheSender)
{
    // Key 4 holds exactly one transfer's cost (21,000 × 10 gwei + 1) plus 21,000 × 10 gwei.
    const test::TestKey k = test::make_test_key(4);
    ChainSpec spec = Sandbox::default_spec();
    spec.alloc[k.address].balance = uint256{420'000'000'000'001};
    Sandbox sb{spec};
    Mempool pool{devnet_pool()};
    Transaction t0 = sb.transfer(0, 0);
    test::sign(t0, k);
    ASSERT_TRUE(pool.add(t0, sb.pool_head()));
    Transaction t1 = sb.transfer(0, 1);
    test::sign(t1, k);
    // 2 × 210,000,000,000,001 = 420,000,000,000,002: one wei short.
    expect_refused(pool, t1, sb.pool_head(), MempoolError::kInsufficientFunds,
                   "insufficient funds for gas * price + value: balance 420000000000001, queued "
                   "cost 210000000000001, tx cost 210000000000001, overshot 1");
}

TEST(Mempool, SenderWithCodeIsRefusedUnlessDelegated)
{
    const test::TestKey contract = test::make_test_key(5);
    const test::TestKey delegated = test::make_test_key(6);
    ChainSpec spec = Sandbox::default_spec();
    spec.alloc[contract.address] = {test::kEther, 0, "0x00"_hex, {}};
    spec.alloc[delegated.address] = {
        test::kEther, 0, "0xef01000000000000000000000000000000000000000001"_hex, {}};
    Sandbox sb{spec};
    Mempool pool{devnet_pool()};
    Transaction from_contract = sb.transfer(0, 0);
    test::sign(from_contract, contract);
    expect_refused(pool, from_contract, sb.pool_head(), MempoolError::kSenderNoEoa,
                   "sender not an eoa: address " + to_0x_hex(contract.address.view()));
    Transaction from_delegated = sb.transfer(0, 0);
    test::sign(from_delegated, delegated);
    EXPECT_TRUE(pool.add(from_delegated, sb.pool_head()));  // EIP-7702
}

TEST(Mempool, TypeAndBlockLimitsOfOlderForks)
{
    const auto spec = parse_chain_spec(R"({"chainId": 1337, "forks": {"Cancun": 0}})");
    ASSERT_TRUE(spec);
    ChainSpec funded = *spec;
    for (uint8_t i = 0; i < 4; ++i)
        funded.alloc[test::make_test_key(i).address].balance = test::kEther;
    Sandbox sb{funded};
    Mempool pool{devnet_pool()};
    const PoolHead head = sb.pool_head();
    ASSERT_EQ(head.rev, Revision::kCancun);

    Transaction set_code = sb.transfer(0, 0);
    set_code.type = TxType::kSetCode;
    set_code.authorization_list.push_back({});
    test::sign(set_code, sb.keys[0]);
    expect_refused(pool, set_code, head, MempoolError::kTxTypeNotSupported,
                   "transaction type not supported: type 4 rejected at Cancun");

    Transaction huge = sb.transfer(0, 0);
    huge.gas_limit = 31'000'000;  // no EIP-7825 cap before Osaka: the block's limit applies
    test::sign(huge, sb.keys[0]);
    expect_refused(pool, huge, head, MempoolError::kExceedsBlockGasLimit,
                   "exceeds block gas limit");
}

TEST(Mempool, IncludedTransactionsLeaveThePool)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    const Transaction a0 = sb.transfer(0, 0);
    const Transaction a1 = sb.transfer(0, 1);
    const Transaction b0 = sb.transfer(1, 0);
    const Transaction c1 = sb.transfer(2, 1);  // queued: C's nonce is 0
    for (const auto* tx : {&a0, &a1, &b0, &c1}) ASSERT_TRUE(pool.add(*tx, sb.pool_head()));

    const auto b1 = sb.mine(pool);
    EXPECT_EQ(b1.block.transactions.size(), 3u);
    EXPECT_EQ(sb.last_update.included.size(), 3u);
    EXPECT_TRUE(sb.last_update.dropped.empty());
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_TRUE(pool.contains(transaction_hash(c1)));
    EXPECT_EQ(pool.queued_count(), 1u);

    ASSERT_TRUE(pool.add(sb.transfer(2, 0), sb.pool_head()));
    EXPECT_EQ(pool.pending_count(), 2u);
    const auto b2 = sb.mine(pool);
    EXPECT_EQ(b2.block.transactions.size(), 2u);
    EXPECT_EQ(pool.size(), 0u);
    EXPECT_EQ(sb.state.find(sb.keys[2].address)->nonce, 2u);
}

TEST(Mempool, NewHeadDropsStaleAndUnaffordableTransactions)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    const Transaction a0 = sb.transfer(0, 0);
    const Transaction b0 = sb.transfer(1, 0);
    const Transaction c0 = sb.transfer(2, 0);
    for (const auto* tx : {&a0, &b0, &c0}) ASSERT_TRUE(pool.add(*tx, sb.pool_head()));

    // A head where A's nonce moved on (its transaction was replaced elsewhere) and B is broke.
    state::InMemoryState moved = sb.state;
    auto a = *moved.find(sb.keys[0].address);
    a.nonce = 1;
    moved.set_account(sb.keys[0].address, a);
    auto b = *moved.find(sb.keys[1].address);
    b.balance = 0;
    moved.set_account(sb.keys[1].address, b);
    const PoolHead head{moved, Revision::kOsaka, sb.next_base_fee(), sb.head.gas_limit};
    const auto update = pool.on_new_head(head);
    EXPECT_TRUE(update.included.empty());
    ASSERT_EQ(update.dropped.size(), 2u);
    EXPECT_FALSE(pool.contains(transaction_hash(a0)));
    EXPECT_FALSE(pool.contains(transaction_hash(b0)));
    EXPECT_TRUE(pool.contains(transaction_hash(c0)));
    EXPECT_EQ(pool.size(), 1u);
}

TEST(Mempool, ConcurrentAdmission)
{
    Sandbox sb;
    Mempool pool{devnet_pool()};
    constexpr uint64_t kPerThread = 25;
    std::vector<std::vector<Transaction>> txs(4);
    for (size_t k = 0; k < 4; ++k)
        for (uint64_t n = 0; n < kPerThread; ++n) txs[k].push_back(sb.transfer(k, n));
    const PoolHead head = sb.pool_head();
    std::vector<std::thread> threads;
    for (size_t k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            for (const auto& tx : txs[k]) EXPECT_TRUE(pool.add(tx, head));
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(pool.size(), 100u);
    EXPECT_EQ(pool.pending_count(), 100u);
    // All of them fit one block (100 × 21,000 gas) and leave the pool.
    const auto block = sb.mine(pool);
    EXPECT_EQ(block.block.transactions.size(), 100u);
    EXPECT_EQ(pool.size(), 0u);
}

}  // namespace
