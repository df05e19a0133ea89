// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The bridge end to end on our own EVM: a deposit on L1 is anchored into an L2 block and claimed
// on L2 through the L2Bridge predeploy; a withdrawal on L2 is settled by advance() and claimed
// on L1 with an eth_getProof-style proof made by our trie code — paid once, replays, wrong
// proofs and a re-entrant recipient rejected. Deposit roots, withdrawal hashes and storage slots
// are computed here from their definitions (docs/rollup.md § Bridge).

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>

#include "harness.hpp"
#include "unit/execute/helpers.hpp"

namespace ultra::test::rollup {
namespace {

using namespace ultra::literals;

const Hash256 kDepositEvent = abi::event_topic("Deposit(uint256,address,address,uint256,bytes32)");
const Hash256 kDepositClaimed = abi::event_topic("DepositClaimed(uint256,address,address,uint256)");
const Hash256 kDepositCredited = abi::event_topic("DepositCredited(uint256,address,uint256)");
const Hash256 kWithdrawalInitiated =
    abi::event_topic("WithdrawalInitiated(uint256,address,address,uint256,bytes32)");
const Hash256 kWithdrawalClaimed = abi::event_topic("WithdrawalClaimed(uint256,address,uint256)");

constexpr const char* kClaimWithdrawal =
    "claimWithdrawal(uint256,(uint256,address,address,uint256),bytes[],bytes[])";
constexpr const char* kClaimDeposits = "claimDeposits((address,address,uint256)[])";

/// A deposit as the test made it.
struct TestDeposit
{
    Address sender;
    Address recipient;
    uint256 amount;
};

Hash256 next_deposit_root(const Hash256& root, uint64_t nonce, const TestDeposit& d)
{
    return keccak256(
        abi::encode_tuple({abi::word(root), abi::word(uint256{nonce}), abi::word(d.sender),
                           abi::word(d.recipient), abi::word(d.amount)}));
}

Bytes claim_deposits(const std::vector<TestDeposit>& deposits)
{
    std::vector<abi::Value> items;
    for (const auto& d : deposits)
        items.push_back(
            abi::tuple({abi::word(d.sender), abi::word(d.recipient), abi::word(d.amount)}));
    return abi::call(kClaimDeposits, {abi::array(std::move(items))});
}

/// A withdrawal as the test made it.
struct TestWithdrawal
{
    uint64_t id = 0;
    Address l2_sender;
    Address l1_recipient;
    uint256 amount;

    /// keccak256(abi.encode(id, l2Sender, l1Recipient, amount)).
    [[nodiscard]] Hash256 hash() const
    {
        return keccak256(abi::encode_tuple({abi::word(uint256{id}), abi::word(l2_sender),
                                            abi::word(l1_recipient), abi::word(amount)}));
    }
    /// keccak256(abi.encode(id, 3)): Solidity's slot of withdrawals[id], the mapping at slot 3.
    [[nodiscard]] Bytes32 slot() const
    {
        return keccak256(abi::encode_tuple({abi::word(uint256{id}), abi::word(uint256{3})}));
    }
};

Bytes claim_withdrawal(uint64_t l2_block,
                       const TestWithdrawal& w,
                       const std::vector<Bytes>& account_proof,
                       const std::vector<Bytes>& storage_proof)
{
    std::vector<abi::Value> account;
    for (const Bytes& n : account_proof) account.push_back(abi::bytes(n));
    std::vector<abi::Value> storage;
    for (const Bytes& n : storage_proof) storage.push_back(abi::bytes(n));
    return abi::call(kClaimWithdrawal,
                     {abi::word(uint256{l2_block}),
                      abi::tuple({abi::word(uint256{w.id}), abi::word(w.l2_sender),
                                  abi::word(w.l1_recipient), abi::word(w.amount)}),
                      abi::array(std::move(account)), abi::array(std::move(storage))});
}

/// A slot of the L2Bridge in an L2 state.
uint256 bridge_slot(const state::InMemoryState& s, const Bytes32& slot)
{
    return from_bytes32(s.storage(node::kL2BridgeAddress, slot).value());
}

uint256 l2_balance(const state::InMemoryState& s, const Address& a)
{
    const auto* account = s.find(a);
    return account ? account->balance : uint256{0};
}

// ---------------------------------------------------------------------------------------------
// Deposits
// ---------------------------------------------------------------------------------------------

TEST(Bridge, DepositsAreAnchoredAndClaimedOnL2)
{
    RollupWorld w;
    const Keys& k = w.keys;
    const TestDeposit d0{k.user.address, k.stranger.address, kEther * 2};
    const TestDeposit d1{k.deployer.address, k.user.address, kEther * 3};

    const Receipt r0 = w.l1.send(k.user, w.bridge, d0.amount,
                                 abi::call("deposit(address)", {abi::word(d0.recipient)}));
    ASSERT_TRUE(r0.success);
    const Hash256 root0 = next_deposit_root(Hash256{}, 0, d0);
    const auto event = find_log(r0, w.bridge, kDepositEvent);
    ASSERT_TRUE(event.has_value());
    ASSERT_EQ(event->topics.size(), 4u);
    EXPECT_EQ(from_bytes32(event->topics[1]), 0);
    EXPECT_EQ(event->topics[2], abi::word(d0.sender).word);
    EXPECT_EQ(event->topics[3], abi::word(d0.recipient).word);
    EXPECT_EQ(abi::uint_at(event->data, 0), d0.amount);
    EXPECT_EQ(abi::word_at(event->data, 1), root0);
    EXPECT_EQ(w.bridge_word("depositRoot()"), root0);
    EXPECT_EQ(from_bytes32(w.bridge_word("isPublished(bytes32)", {abi::word(root0)})), 1);

    ASSERT_TRUE(w.l1.send(k.deployer, w.bridge, d1.amount,
                          abi::call("deposit(address)", {abi::word(d1.recipient)}))
                    .success);
    const Hash256 root1 = next_deposit_root(root0, 1, d1);
    EXPECT_EQ(w.bridge_word("depositRoot()"), root1);
    EXPECT_EQ(from_bytes32(w.bridge_word("depositCount()")), 2);
    EXPECT_EQ(w.l1.balance(w.bridge), kEther * 5);
    EXPECT_TRUE(reverts_with(w.l1.call(k.user.address, w.bridge,
                                       abi::call("deposit(address)", {abi::word(k.user.address)})),
                             abi::error("ZeroAmount()")));

    // L2 block 1, anchored at root1: the relayer claims both deposits.
    const Transaction claim =
        w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({d0, d1}), 300'000);
    const L2Block b1 = w.build({claim}, k.proposer.address, root1);
    ASSERT_TRUE(b1.rejected.empty());
    ASSERT_TRUE(b1.receipts.at(0).success);
    EXPECT_EQ(l2_balance(b1.post, d0.recipient), d0.amount);
    EXPECT_EQ(l2_balance(b1.post, d1.recipient), d1.amount);
    EXPECT_EQ(l2_balance(b1.post, node::kL2BridgeAddress), (uint256{1} << 100) - kEther * 5);
    EXPECT_EQ(bridge_slot(b1.post, Bytes32{}), from_bytes32(root1));  // lastDepositRoot
    EXPECT_EQ(bridge_slot(b1.post, to_bytes32(uint256{1})), 2);       // depositCount
    size_t claimed_events = 0;
    for (const auto& log : b1.receipts[0].logs)
        if (log.address == node::kL2BridgeAddress && log.topics.at(0) == kDepositClaimed)
            ++claimed_events;
    EXPECT_EQ(claimed_events, 2u);
    ASSERT_TRUE(w.advance(k.proposer, b1).success);

    // Claiming them again fails on L2: the chain has moved past them.
    const Transaction again =
        w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({d0, d1}), 300'000);
    const L2Block b2 = w.build({again}, k.proposer.address, root1);
    ASSERT_TRUE(b2.rejected.empty());
    EXPECT_FALSE(b2.receipts.at(0).success);
    EXPECT_EQ(l2_balance(b2.post, d0.recipient), d0.amount);
}

TEST(Bridge, AClaimMustReachTheBlockAnchorExactly)
{
    RollupWorld w;
    const Keys& k = w.keys;
    const TestDeposit d{k.user.address, k.stranger.address, kEther};
    ASSERT_TRUE(w.l1.send(k.user, w.bridge, d.amount,
                          abi::call("deposit(address)", {abi::word(d.recipient)}))
                    .success);
    const Hash256 root = next_deposit_root(Hash256{}, 0, d);

    // The right claim in a block anchored elsewhere fails on L2 (that block is not settled:
    // its anchor is no deposit root).
    const L2Block elsewhere =
        w.build({w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({d}), 300'000)},
                k.proposer.address, keccak256(to_bytes_view("another anchor")));
    ASSERT_TRUE(elsewhere.rejected.empty());
    EXPECT_FALSE(elsewhere.receipts.at(0).success);
    EXPECT_EQ(l2_balance(elsewhere.post, d.recipient), 0);
    w.l2.nonces[k.relayer.address] = 0;  // that transaction was never settled

    // A wrong amount and an empty claim fail under the right anchor, and pay nothing.
    const TestDeposit inflated{d.sender, d.recipient, d.amount * 2};
    const std::vector<Transaction> bad{
        w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({inflated}), 300'000),
        w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({}), 300'000),
    };
    const L2Block b1 = w.build(bad, k.proposer.address, root);
    ASSERT_TRUE(b1.rejected.empty());
    EXPECT_FALSE(b1.receipts.at(0).success);
    EXPECT_FALSE(b1.receipts.at(1).success);
    EXPECT_EQ(l2_balance(b1.post, d.recipient), 0);
    ASSERT_TRUE(w.advance(k.proposer, b1).success);

    // The right claim under the right anchor pays.
    const L2Block b2 =
        w.build({w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({d}), 300'000)},
                k.proposer.address, root);
    ASSERT_TRUE(b2.receipts.at(0).success);
    EXPECT_EQ(l2_balance(b2.post, d.recipient), d.amount);
}

TEST(Bridge, AFailedDepositPaymentIsCredited)
{
    // The L2 recipient is a contract that always fails: the claim still succeeds (a deposit
    // can never block the chain of deposits behind it) and credits the recipient.
    const Address sink = "0x000000000000000000000000000000000000dead"_addr;
    node::L2GenesisConfig g = L2Chain::default_genesis_config();
    g.alloc[sink].code = "0xfe"_hex;
    RollupWorld w{RollupConfig{}, g};
    const Keys& k = w.keys;
    const TestDeposit d{k.user.address, sink, kEther};
    ASSERT_TRUE(
        w.l1.send(k.user, w.bridge, d.amount, abi::call("deposit(address)", {abi::word(sink)}))
            .success);
    const Hash256 root = next_deposit_root(Hash256{}, 0, d);
    const L2Block b =
        w.build({w.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({d}), 300'000)},
                k.proposer.address, root);
    ASSERT_TRUE(b.receipts.at(0).success);
    EXPECT_EQ(l2_balance(b.post, sink), 0);
    // credits[sink]: the mapping at slot 4.
    const Bytes32 credit_slot =
        keccak256(abi::encode_tuple({abi::word(sink), abi::word(uint256{4})}));
    EXPECT_EQ(bridge_slot(b.post, credit_slot), kEther);
    bool credited = false;
    for (const auto& log : b.receipts[0].logs)
        credited |= log.address == node::kL2BridgeAddress && log.topics.at(0) == kDepositCredited;
    EXPECT_TRUE(credited);
    EXPECT_EQ(bridge_slot(b.post, to_bytes32(uint256{1})), 1);  // the chain moved on
}

// ---------------------------------------------------------------------------------------------
// Withdrawals
// ---------------------------------------------------------------------------------------------

/// A world where the user deposited 5 ether, claimed it on L2 and withdrew `amount` to
/// `l1_recipient` in L2 block 1, settled on L1.
struct WithdrawalWorld
{
    explicit WithdrawalWorld(const Address& l1_recipient,
                             const uint256& amount = kEther,
                             const std::map<Address, node::GenesisAccount>& extra = {})
        : world{RollupConfig{}, L2Chain::default_genesis_config(), extra}
    {
        const Keys& k = world.keys;
        const TestDeposit d{k.user.address, k.user.address, kEther * 5};
        EXPECT_TRUE(world.l1
                        .send(k.user, world.bridge, d.amount,
                              abi::call("deposit(address)", {abi::word(d.recipient)}))
                        .success);
        const Hash256 root = next_deposit_root(Hash256{}, 0, d);
        withdrawal = TestWithdrawal{0, k.user.address, l1_recipient, amount};
        const std::vector<Transaction> txs{
            world.l2.tx(k.relayer, node::kL2BridgeAddress, 0, claim_deposits({d}), 300'000),
            world.l2.tx(k.user, node::kL2BridgeAddress, amount,
                        abi::call("withdraw(address)", {abi::word(l1_recipient)}), 200'000),
        };
        block = world.build(txs, k.proposer.address, root);
        EXPECT_TRUE(block.rejected.empty());
        EXPECT_TRUE(block.receipts.at(0).success);
        EXPECT_TRUE(block.receipts.at(1).success);
        EXPECT_TRUE(world.advance(k.proposer, block).success);
        proof = L2Chain::bridge_proof(block.post, withdrawal.slot());
    }

    /// claimWithdrawal() of the withdrawal with the block-1 proof.
    [[nodiscard]] Bytes claim() const
    {
        return claim_withdrawal(1, withdrawal, proof.account_proof, proof.storage_proof);
    }

    RollupWorld world;
    TestWithdrawal withdrawal;
    L2Block block;
    L2Chain::BridgeProof proof;
};

TEST(Bridge, AWithdrawalIsRecordedOnL2AndPaidOnceOnL1)
{
    const Keys keys;
    WithdrawalWorld ww{keys.stranger.address};
    RollupWorld& w = ww.world;
    const Keys& k = w.keys;

    // On L2: withdrawals[0] holds the hash, at the documented slot; the ETH stayed in the
    // bridge (2^100 − 5 ether claimed + 1 ether withdrawn).
    EXPECT_EQ(bridge_slot(ww.block.post, ww.withdrawal.slot()), from_bytes32(ww.withdrawal.hash()));
    EXPECT_EQ(bridge_slot(ww.block.post, to_bytes32(uint256{2})), 1);  // withdrawalCount
    EXPECT_EQ(l2_balance(ww.block.post, node::kL2BridgeAddress),
              (uint256{1} << 100) - kEther * 5 + kEther);
    bool initiated = false;
    for (const auto& log : ww.block.receipts[1].logs) {
        if (log.address != node::kL2BridgeAddress || log.topics.at(0) != kWithdrawalInitiated)
            continue;
        initiated = true;
        EXPECT_EQ(abi::word_at(log.data, 1), ww.withdrawal.hash());
    }
    EXPECT_TRUE(initiated);

    // On L1: anyone (here the relayer) claims it for the recipient.
    const uint256 recipient_before = w.l1.balance(k.stranger.address);
    const Receipt r = w.l1.send(k.relayer, w.bridge, 0, ww.claim());
    ASSERT_TRUE(r.success);
    std::cout << "claimWithdrawal() gas (" << ww.proof.account_proof.size()
              << "-node account proof, " << ww.proof.storage_proof.size()
              << "-node storage proof): " << r.gas_used << "\n";
    EXPECT_EQ(w.l1.balance(k.stranger.address) - recipient_before, kEther);
    EXPECT_EQ(w.l1.balance(w.bridge), kEther * 4);
    EXPECT_EQ(from_bytes32(w.bridge_word("claimed(uint256)", {abi::word(uint256{0})})), 1);
    const auto claimed = find_log(r, w.bridge, kWithdrawalClaimed);
    ASSERT_TRUE(claimed.has_value());
    EXPECT_EQ(from_bytes32(claimed->topics.at(1)), 0);
    EXPECT_EQ(claimed->topics.at(2), abi::word(k.stranger.address).word);
    EXPECT_EQ(abi::uint_at(claimed->data, 0), kEther);

    // A replay reverts, simulated and mined; nothing more is paid.
    EXPECT_TRUE(reverts_with(w.l1.call(k.relayer.address, w.bridge, ww.claim()),
                             abi::error("AlreadyClaimed(uint256)", {abi::word(uint256{0})})));
    EXPECT_FALSE(w.l1.send(k.stranger, w.bridge, 0, ww.claim()).success);
    EXPECT_EQ(w.l1.balance(w.bridge), kEther * 4);

    // A later state root proves it as well (the withdrawal stays in L2 storage), and is still
    // refused.
    const L2Block b2 = w.build({}, k.proposer.address, Hash256{w.bridge_word("depositRoot()")});
    ASSERT_TRUE(w.advance(k.proposer, b2).success);
    const auto later = L2Chain::bridge_proof(b2.post, ww.withdrawal.slot());
    EXPECT_TRUE(reverts_with(
        w.l1.call(k.relayer.address, w.bridge,
                  claim_withdrawal(2, ww.withdrawal, later.account_proof, later.storage_proof)),
        abi::error("AlreadyClaimed(uint256)", {abi::word(uint256{0})})));
}

TEST(Bridge, WrongWithdrawalProofsAreRejected)
{
    const Keys keys;
    WithdrawalWorld ww{keys.stranger.address};
    RollupWorld& w = ww.world;
    const Address caller = w.keys.relayer.address;
    const auto attempt = [&](const Bytes& data) { return w.l1.call(caller, w.bridge, data); };
    const auto& account = ww.proof.account_proof;
    const auto& storage = ww.proof.storage_proof;
    ASSERT_GE(account.size(), 2u);
    ASSERT_GE(storage.size(), 1u);
    const Bytes not_proven = abi::error("WithdrawalNotProven(uint256)", {abi::word(uint256{0})});

    // Other withdrawal fields than those hashed on L2.
    TestWithdrawal more = ww.withdrawal;
    more.amount = kEther * 2;
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(1, more, account, storage)), not_proven));
    TestWithdrawal elsewhere = ww.withdrawal;
    elsewhere.l1_recipient = w.keys.user.address;
    EXPECT_TRUE(
        reverts_with(attempt(claim_withdrawal(1, elsewhere, account, storage)), not_proven));

    // A withdrawal that does not exist: the proof of its slot is an exclusion proof.
    TestWithdrawal absent = ww.withdrawal;
    absent.id = 1;
    const auto absent_proof = L2Chain::bridge_proof(ww.block.post, absent.slot());
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(1, absent, absent_proof.account_proof,
                                                      absent_proof.storage_proof)),
                             abi::error("WithdrawalNotProven(uint256)", {abi::word(uint256{1})})));

    // Tampered proofs.
    std::vector<Bytes> flipped = storage;
    flipped.back()[flipped.back().size() / 2] ^= 0x01;
    EXPECT_TRUE(reverts_with(
        attempt(claim_withdrawal(1, ww.withdrawal, account, flipped)),
        abi::error("ProofHashMismatch(uint256)", {abi::word(uint256{storage.size() - 1})})));
    std::vector<Bytes> short_account = account;
    short_account.pop_back();
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(1, ww.withdrawal, short_account, storage)),
                             abi::error("ProofTooShort()")));
    std::vector<Bytes> long_account = account;
    long_account.push_back(account.back());
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(1, ww.withdrawal, long_account, storage)),
                             abi::error("ProofTooLong()")));
    // The account and storage proofs swapped.
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(1, ww.withdrawal, storage, account)),
                             abi::error("ProofHashMismatch(uint256)", {abi::word(uint256{0})})));

    // The right proof against another block's root.
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(0, ww.withdrawal, account, storage)),
                             abi::error("ProofHashMismatch(uint256)", {abi::word(uint256{0})})));
    // A genuine proof at the genesis, where the bridge has no storage: the empty trie.
    const auto genesis_proof = L2Chain::bridge_proof(w.l2.genesis.state, ww.withdrawal.slot());
    EXPECT_TRUE(genesis_proof.storage_proof.empty());
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(0, ww.withdrawal, genesis_proof.account_proof,
                                                      genesis_proof.storage_proof)),
                             not_proven));
    // A block the rollup has not settled.
    EXPECT_TRUE(reverts_with(attempt(claim_withdrawal(2, ww.withdrawal, account, storage)),
                             abi::error("StateRootUnavailable(uint256)", {abi::word(uint256{2})})));

    // The genuine claim still works after all that.
    EXPECT_TRUE(w.l1.send(w.keys.relayer, w.bridge, 0, ww.claim()).success);
}

/// The attacker: called without value, it stores its calldata (slot 0x1000 the size, 0x1001…
/// the words) and forwards it to `bridge` (slot 1 = success). Receiving value, it counts
/// (slot 2 += 1) and calls the payer again with the stored calldata (slot 3 = success): a
/// re-entrant claim of the same withdrawal.
Bytes attacker_code(const Address& bridge)
{
    constexpr uint8_t ADD = 0x01, SHR = 0x1c, GT = 0x11, ISZERO = 0x15, CALLER = 0x33,
                      CALLVALUE = 0x34, CALLDATALOAD = 0x35, CALLDATASIZE = 0x36,
                      CALLDATACOPY = 0x37, POP = 0x50, MSTORE = 0x52, SLOAD = 0x54, SSTORE = 0x55,
                      JUMP = 0x56, JUMPI = 0x57, GAS = 0x5a, DUP1 = 0x80, DUP2 = 0x81, CALL = 0xf1,
                      STOP = 0x00;
    execute::test::Asm a;
    a.op(CALLVALUE).op(ISZERO).push_label("arm").op(JUMPI);
    // Receiving: slot 2 += 1; memory = the stored calldata; CALL(caller) with it.
    a.push(2).op(SLOAD).push(1).op(ADD).push(2).op(SSTORE);
    a.push(0);
    a.label("load");  // [i]
    a.op(DUP1).push(0x1000).op(SLOAD).op(GT).op(ISZERO).push_label("loaded").op(JUMPI);
    a.op(DUP1).push(5).op(SHR).push(0x1001).op(ADD).op(SLOAD);  // [i, word]
    a.op(DUP2).op(MSTORE);                                      // memory[i] = word
    a.push(32).op(ADD).push_label("load").op(JUMP);
    a.label("loaded").op(POP);
    a.push(0).push(0).push(0x1000).op(SLOAD).push(0).push(0).op(CALLER).op(GAS).op(CALL);
    a.push(3).op(SSTORE).op(STOP);
    // Arming: store the calldata, then forward it to the bridge.
    a.label("arm");
    a.op(CALLDATASIZE).push(0x1000).op(SSTORE);
    a.push(0);
    a.label("store");  // [i]
    a.op(DUP1).op(CALLDATASIZE).op(GT).op(ISZERO).push_label("stored").op(JUMPI);
    a.op(DUP1).op(CALLDATALOAD);                                 // [i, word]
    a.op(DUP2).push(5).op(SHR).push(0x1001).op(ADD).op(SSTORE);  // slot = word
    a.push(32).op(ADD).push_label("store").op(JUMP);
    a.label("stored").op(POP);
    a.op(CALLDATASIZE).push(0).push(0).op(CALLDATACOPY);
    a.push(0).push(0).op(CALLDATASIZE).push(0).push(0).push(bridge).op(GAS).op(CALL);
    a.push(1).op(SSTORE).op(STOP);
    return a.build();
}

TEST(Bridge, AReentrantRecipientCannotClaimTwice)
{
    const Keys keys;
    // The rollup and its bridge have predictable addresses: the deployer's first CREATE, then
    // the rollup's.
    const Address rollup = create_address_of(keys.deployer.address, 0);
    const Address bridge = create_address_of(rollup, 1);
    const Address attacker = "0x00000000000000000000000000000000a77ac4e5"_addr;
    std::map<Address, node::GenesisAccount> extra;
    extra[attacker].code = attacker_code(bridge);
    WithdrawalWorld ww{attacker, kEther, extra};
    RollupWorld& w = ww.world;
    ASSERT_EQ(w.bridge, bridge);
    ASSERT_EQ(w.l1.balance(bridge), kEther * 5);  // enough to pay twice

    const Receipt r = w.l1.send(w.keys.stranger, attacker, 0, ww.claim(), 12'000'000);
    ASSERT_TRUE(r.success);
    const auto slot = [&](uint64_t n) {
        return from_bytes32(w.l1.state.storage(attacker, to_bytes32(uint256{n})).value());
    };
    EXPECT_EQ(slot(1), 1);  // the outer claim succeeded
    EXPECT_EQ(slot(2), 1);  // the attacker was paid once...
    EXPECT_EQ(slot(3), 0);  // ...and its re-entrant claim failed
    EXPECT_EQ(w.l1.balance(attacker), kEther);
    EXPECT_EQ(w.l1.balance(bridge), kEther * 4);
    EXPECT_EQ(from_bytes32(w.bridge_word("claimed(uint256)", {abi::word(uint256{0})})), 1);
}

TEST(Bridge, ARecipientThatRefusesPaymentLeavesTheWithdrawalUnclaimed)
{
    const Address refuser = "0x00000000000000000000000000000000000fee0f"_addr;
    std::map<Address, node::GenesisAccount> extra;
    extra[refuser].code = "0xfe"_hex;
    WithdrawalWorld ww{refuser, kEther, extra};
    RollupWorld& w = ww.world;
    EXPECT_TRUE(reverts_with(w.l1.call(w.keys.relayer.address, w.bridge, ww.claim()),
                             abi::error("PaymentFailed()")));
    EXPECT_EQ(from_bytes32(w.bridge_word("claimed(uint256)", {abi::word(uint256{0})})), 0);
    EXPECT_EQ(w.l1.balance(w.bridge), kEther * 5);
}

}  // namespace
}  // namespace ultra::test::rollup
