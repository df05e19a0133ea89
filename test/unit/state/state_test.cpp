// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The journaled State overlay: reads through a StateView, every journal entry type rolled back
// at nested checkpoints, original values (EIP-2200), end-of-transaction rules (EIP-161, 6780,
// 1153, 2929), the StateDiff it builds, and the missing-data rule.

#include <gtest/gtest.h>

#include <map>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state.hpp>

namespace {
using namespace ultra;
using namespace ultra::literals;
using namespace ultra::state;

Bytes32 b32(uint64_t v)
{
    return to_bytes32(uint256{v});
}

const Address kAlice = "0x00000000000000000000000000000000000a11ce"_addr;
const Address kBob = "0x0000000000000000000000000000000000000b0b"_addr;
const Address kCarol = "0x00000000000000000000000000000000000ca201"_addr;
const Address kNobody = "0x000000000000000000000000000000000000dead"_addr;
const Bytes kCode = "0x6001600055"_hex;

/// Alice: nonce 1, balance 100, code, slots 1 -> 10 and 2 -> 20. Bob: balance 5. Carol: an
/// existing empty account.
InMemoryState make_pre()
{
    InMemoryState pre;
    InMemoryAccount alice;
    alice.nonce = 1;
    alice.balance = 100;
    alice.code = kCode;
    alice.storage = {{b32(1), b32(10)}, {b32(2), b32(20)}};
    pre.set_account(kAlice, alice);
    InMemoryAccount bob;
    bob.balance = 5;
    pre.set_account(kBob, bob);
    pre.set_account(kCarol, InMemoryAccount{});
    return pre;
}

/// A view that answers nothing: the witness that lacks everything.
class MissingView final : public StateView
{
public:
    explicit MissingView(StateError e = StateError::kMissingData) : error_{e} {}
    mutable int calls = 0;

    Result<std::optional<AccountInfo>, StateError> account(const Address&) const override
    {
        ++calls;
        return unexpected(error_);
    }
    Result<Bytes32, StateError> storage(const Address&, const Bytes32&) const override
    {
        ++calls;
        return unexpected(error_);
    }
    Result<Bytes, StateError> code(const Hash256&) const override
    {
        ++calls;
        return unexpected(error_);
    }
    Result<bool, StateError> has_storage(const Address&) const override
    {
        ++calls;
        return unexpected(error_);
    }

private:
    StateError error_;
};

/// A view over an InMemoryState that fails only for one address's storage and for code: a
/// witness that proves accounts but lacks some slots.
class PartialView final : public StateView
{
public:
    PartialView(const InMemoryState& full, Address missing) : full_{full}, missing_{missing} {}

    Result<std::optional<AccountInfo>, StateError> account(const Address& a) const override
    {
        return full_.account(a);
    }
    Result<Bytes32, StateError> storage(const Address& a, const Bytes32& k) const override
    {
        if (a == missing_) return unexpected(StateError::kMissingData);
        return full_.storage(a, k);
    }
    Result<Bytes, StateError> code(const Hash256&) const override
    {
        return unexpected(StateError::kStorageFailure);
    }
    Result<bool, StateError> has_storage(const Address& a) const override
    {
        return full_.has_storage(a);
    }

private:
    const InMemoryState& full_;
    Address missing_;
};

// --- Reads -----------------------------------------------------------------------------------

TEST(State, ReadsThroughTheView)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    EXPECT_TRUE(s.exists(kAlice));
    EXPECT_EQ(s.get_nonce(kAlice), 1u);
    EXPECT_EQ(s.get_balance(kAlice), uint256{100});
    EXPECT_EQ(s.get_code_hash(kAlice), keccak256(kCode));
    EXPECT_EQ(s.get_code(kAlice), BytesView{kCode});
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), b32(10));
    EXPECT_EQ(s.get_storage(kAlice, b32(3)), Bytes32{});
    EXPECT_TRUE(s.has_storage(kAlice));
    EXPECT_FALSE(s.has_storage(kBob));

    EXPECT_FALSE(s.exists(kNobody));
    EXPECT_TRUE(s.is_empty(kNobody));
    EXPECT_TRUE(s.is_dead(kNobody));
    EXPECT_EQ(s.get_code_hash(kNobody), kEmptyHash);
    EXPECT_TRUE(s.exists(kCarol));
    EXPECT_TRUE(s.is_empty(kCarol));
    EXPECT_TRUE(s.is_dead(kCarol));
    EXPECT_FALSE(s.is_dead(kBob));
    EXPECT_FALSE(s.exists(kNobody));  // reads never create
    EXPECT_EQ(s.error(), std::nullopt);
    EXPECT_EQ(s.build_diff(), StateDiff{});  // reads change nothing
}

// --- The missing-data rule -------------------------------------------------------------------

TEST(State, MissingDataIsAnErrorNotAZero)
{
    const MissingView view;
    State s{view};
    EXPECT_EQ(s.get_balance(kAlice), uint256{0});    // a neutral answer...
    EXPECT_EQ(s.error(), StateError::kMissingData);  // ...and the error that voids it
    EXPECT_FALSE(s.exists(kAlice));
}

TEST(State, FirstErrorWins)
{
    const InMemoryState pre = make_pre();
    const PartialView view{pre, kAlice};
    State s{view};
    EXPECT_EQ(s.get_balance(kAlice), uint256{100});  // accounts are provable
    EXPECT_EQ(s.error(), std::nullopt);
    EXPECT_EQ(s.get_storage(kBob, b32(1)), Bytes32{});  // Bob has no storage: no view call
    EXPECT_EQ(s.error(), std::nullopt);
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), Bytes32{});  // unprovable slot
    EXPECT_EQ(s.error(), StateError::kMissingData);
    EXPECT_TRUE(s.get_code(kAlice).empty());         // second failure, another kind
    EXPECT_EQ(s.error(), StateError::kMissingData);  // the first one is kept
}

TEST(State, StorageFailurePropagates)
{
    const MissingView view{StateError::kStorageFailure};
    State s{view};
    s.set_storage(kAlice, b32(1), b32(2));
    EXPECT_EQ(s.error(), StateError::kStorageFailure);
}

TEST(State, AccessSetsAndTransientStorageDoNotReadTheView)
{
    const MissingView view;
    State s{view};
    EXPECT_FALSE(s.access_account(kAlice));
    EXPECT_TRUE(s.access_account(kAlice));
    EXPECT_FALSE(s.access_storage(kAlice, b32(1)));
    EXPECT_TRUE(s.is_warm_storage(kAlice, b32(1)));
    s.set_transient_storage(kAlice, b32(1), b32(7));
    EXPECT_EQ(s.get_transient_storage(kAlice, b32(1)), b32(7));
    s.touch(kBob);
    s.destruct(kBob);
    EXPECT_EQ(view.calls, 0);
    EXPECT_EQ(s.error(), std::nullopt);
}

// --- Journal: every entry type, nested checkpoints ---------------------------------------------

TEST(Journal, Balance)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    const size_t cp0 = s.checkpoint();
    s.add_balance(kAlice, 1);
    const size_t cp1 = s.checkpoint();
    s.sub_balance(kAlice, 50);
    s.set_balance(kAlice, 7);
    EXPECT_EQ(s.get_balance(kAlice), uint256{7});
    s.rollback(cp1);
    EXPECT_EQ(s.get_balance(kAlice), uint256{101});
    s.rollback(cp0);
    EXPECT_EQ(s.get_balance(kAlice), uint256{100});
    EXPECT_EQ(s.build_diff(), StateDiff{});
}

TEST(Journal, Nonce)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    const size_t cp0 = s.checkpoint();
    s.increment_nonce(kAlice);
    const size_t cp1 = s.checkpoint();
    s.set_nonce(kAlice, 40);
    s.rollback(cp1);
    EXPECT_EQ(s.get_nonce(kAlice), 2u);
    s.rollback(cp0);
    EXPECT_EQ(s.get_nonce(kAlice), 1u);
}

TEST(Journal, Code)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    const size_t cp0 = s.checkpoint();
    s.set_code(kAlice, "0x00"_hex);
    const size_t cp1 = s.checkpoint();
    s.set_code(kAlice, "0xfe"_hex);
    EXPECT_EQ(s.get_code_hash(kAlice), keccak256("0xfe"_hex));
    s.rollback(cp1);
    EXPECT_EQ(s.get_code(kAlice), BytesView{"0x00"_hex});
    s.rollback(cp0);
    EXPECT_EQ(s.get_code_hash(kAlice), keccak256(kCode));
    EXPECT_EQ(s.get_code(kAlice), BytesView{kCode});  // reloaded from the view
}

TEST(Journal, Storage)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    const size_t cp0 = s.checkpoint();
    EXPECT_EQ(s.set_storage(kAlice, b32(1), b32(11)).current, b32(10));
    const size_t cp1 = s.checkpoint();
    const StorageWrite w = s.set_storage(kAlice, b32(1), b32(12));
    EXPECT_EQ(w.original, b32(10));
    EXPECT_EQ(w.current, b32(11));
    s.set_storage(kAlice, b32(5), b32(55));
    s.rollback(cp1);
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), b32(11));
    EXPECT_EQ(s.get_storage(kAlice, b32(5)), Bytes32{});
    s.rollback(cp0);
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), b32(10));
    EXPECT_EQ(s.get_original_storage(kAlice, b32(1)), b32(10));
}

TEST(Journal, AccountCreationAndStorageDiscard)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.set_storage(kAlice, b32(1), b32(11));
    const size_t cp0 = s.checkpoint();
    s.create_account(kAlice);
    EXPECT_TRUE(s.is_created(kAlice));
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), Bytes32{});  // discarded
    EXPECT_EQ(s.get_storage(kAlice, b32(2)), Bytes32{});  // never loaded, also gone
    EXPECT_EQ(s.get_original_storage(kAlice, b32(2)), Bytes32{});
    EXPECT_FALSE(s.has_storage(kAlice));
    const size_t cp1 = s.checkpoint();
    s.set_storage(kAlice, b32(2), b32(99));
    EXPECT_TRUE(s.has_storage(kAlice));
    s.rollback(cp1);
    EXPECT_EQ(s.get_storage(kAlice, b32(2)), Bytes32{});
    s.rollback(cp0);
    EXPECT_FALSE(s.is_created(kAlice));
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), b32(11));
    EXPECT_EQ(s.get_original_storage(kAlice, b32(1)), b32(10));
    EXPECT_EQ(s.get_storage(kAlice, b32(2)), b32(20));  // the view again
}

TEST(Journal, Existence)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    const size_t cp0 = s.checkpoint();
    s.add_balance(kNobody, 0);  // a zero transfer creates the account (pre-EIP-161 semantics)
    EXPECT_TRUE(s.exists(kNobody));
    const size_t cp1 = s.checkpoint();
    s.create_account(kBob);  // already exists: only the created mark and discard
    s.rollback(cp1);
    EXPECT_TRUE(s.exists(kNobody));
    s.rollback(cp0);
    EXPECT_FALSE(s.exists(kNobody));
    EXPECT_EQ(s.build_diff(), StateDiff{});
}

TEST(Journal, TransientStorage)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.set_transient_storage(kAlice, b32(1), b32(1));
    const size_t cp0 = s.checkpoint();
    s.set_transient_storage(kAlice, b32(1), b32(2));
    const size_t cp1 = s.checkpoint();
    s.set_transient_storage(kAlice, b32(1), b32(3));
    s.set_transient_storage(kBob, b32(1), b32(4));
    s.rollback(cp1);
    EXPECT_EQ(s.get_transient_storage(kAlice, b32(1)), b32(2));
    EXPECT_EQ(s.get_transient_storage(kBob, b32(1)), Bytes32{});
    s.rollback(cp0);
    EXPECT_EQ(s.get_transient_storage(kAlice, b32(1)), b32(1));
}

TEST(Journal, DestructedTouchedAndWarmSets)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.access_account(kAlice);
    const size_t cp0 = s.checkpoint();
    EXPECT_TRUE(s.destruct(kAlice));
    EXPECT_FALSE(s.destruct(kAlice));  // once per transaction
    s.touch(kBob);
    s.access_account(kBob);
    s.access_storage(kBob, b32(1));
    const size_t cp1 = s.checkpoint();
    s.touch(kCarol);
    s.access_account(kCarol);
    s.access_storage(kBob, b32(2));
    EXPECT_TRUE(s.access_account(kAlice));  // already warm: no entry
    s.rollback(cp1);
    EXPECT_FALSE(s.is_touched(kCarol));
    EXPECT_FALSE(s.is_warm(kCarol));
    EXPECT_FALSE(s.is_warm_storage(kBob, b32(2)));
    EXPECT_TRUE(s.is_touched(kBob));
    EXPECT_TRUE(s.is_destructed(kAlice));
    s.rollback(cp0);
    EXPECT_FALSE(s.is_destructed(kAlice));
    EXPECT_FALSE(s.is_touched(kBob));
    EXPECT_FALSE(s.is_warm(kBob));
    EXPECT_FALSE(s.is_warm_storage(kBob, b32(1)));
    EXPECT_TRUE(s.is_warm(kAlice));   // warmed before cp0
    EXPECT_TRUE(s.destruct(kAlice));  // first again after the rollback
}

TEST(Journal, EverythingAtOnceRestoresTheSameDiff)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.set_balance(kBob, 6);
    const StateDiff before = s.build_diff();
    const size_t cp = s.checkpoint();
    s.set_nonce(kAlice, 9);
    s.add_balance(kCarol, 1);
    s.set_code(kNobody, "0x60ff"_hex);
    s.set_storage(kAlice, b32(2), Bytes32{});
    s.create_account(kCarol);
    s.set_transient_storage(kAlice, b32(1), b32(1));
    s.destruct(kAlice);
    s.touch(kBob);
    s.access_account(kNobody);
    s.access_storage(kAlice, b32(9));
    EXPECT_NE(s.build_diff(), before);
    s.rollback(cp);
    EXPECT_EQ(s.build_diff(), before);
    EXPECT_EQ(s.checkpoint(), cp);
}

// --- Originals and end of transaction -----------------------------------------------------------

TEST(State, OriginalValueIsTheTransactionStart)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.set_storage(kAlice, b32(1), b32(11));
    s.set_storage(kAlice, b32(1), b32(12));
    EXPECT_EQ(s.get_original_storage(kAlice, b32(1)), b32(10));
    s.finalize_transaction(Revision::kCancun);
    EXPECT_EQ(s.get_original_storage(kAlice, b32(1)), b32(12));
    const StorageWrite w = s.set_storage(kAlice, b32(1), b32(13));
    EXPECT_EQ(w.original, b32(12));
    EXPECT_EQ(w.current, b32(12));
}

TEST(State, FinalizeClearsPerTransactionSets)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.access_account(kAlice);
    s.access_storage(kAlice, b32(1));
    s.set_transient_storage(kAlice, b32(1), b32(1));
    s.create_account(kNobody);
    s.finalize_transaction(Revision::kCancun);
    EXPECT_FALSE(s.is_warm(kAlice));
    EXPECT_FALSE(s.is_warm_storage(kAlice, b32(1)));
    EXPECT_EQ(s.get_transient_storage(kAlice, b32(1)), Bytes32{});
    EXPECT_FALSE(s.is_created(kNobody));
    EXPECT_EQ(s.checkpoint(), 0u);
}

TEST(State, TouchedEmptyAccountsAreDeletedFromSpuriousDragon)
{
    const InMemoryState pre = make_pre();
    for (const Revision rev : {Revision::kTangerineWhistle, Revision::kSpuriousDragon}) {
        State s{pre};
        s.add_balance(kNobody, 0);  // created empty
        s.touch(kNobody);
        s.touch(kCarol);  // existing empty
        s.touch(kBob);    // not empty
        s.finalize_transaction(rev);
        const StateDiff diff = s.build_diff();
        if (rev < Revision::kSpuriousDragon) {
            EXPECT_TRUE(s.exists(kNobody));
            EXPECT_TRUE(s.exists(kCarol));
            ASSERT_EQ(diff.modified_accounts.size(), 1u);  // the new empty account is state
            EXPECT_EQ(diff.modified_accounts[0].address, kNobody);
            EXPECT_TRUE(diff.deleted_accounts.empty());
        } else {
            EXPECT_FALSE(s.exists(kNobody));
            EXPECT_FALSE(s.exists(kCarol));
            EXPECT_TRUE(s.exists(kBob));
            EXPECT_TRUE(diff.modified_accounts.empty());
            EXPECT_EQ(diff.deleted_accounts, std::vector<Address>{kCarol});  // Nobody never was
        }
    }
}

TEST(State, DestructedAccountsAreDeleted)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.destruct(kAlice);
    EXPECT_TRUE(s.exists(kAlice));  // until the end of the transaction
    s.finalize_transaction(Revision::kShanghai);
    EXPECT_FALSE(s.exists(kAlice));
    EXPECT_EQ(s.get_storage(kAlice, b32(1)), Bytes32{});  // storage went with it
    EXPECT_TRUE(s.get_code(kAlice).empty());
    const StateDiff diff = s.build_diff();
    EXPECT_EQ(diff.deleted_accounts, std::vector<Address>{kAlice});
    EXPECT_TRUE(diff.modified_accounts.empty());
}

// --- The diff
// -------------------------------------------------------------------------------------

TEST(StateDiff, ContentsAndOrder)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    // Touch accounts in an order unrelated to their addresses.
    s.set_storage(kAlice, b32(9), b32(90));
    s.set_storage(kAlice, b32(1), b32(11));
    s.set_storage(kAlice, b32(2), b32(21));
    s.set_storage(kAlice, b32(2), b32(20));    // back to the view's value: not a change
    s.set_storage(kAlice, b32(3), Bytes32{});  // zero to zero: not a change
    s.set_code(kNobody, "0x60016000"_hex);
    s.set_nonce(kNobody, 1);
    s.sub_balance(kBob, 5);
    s.add_balance(kBob, 5);  // net zero: not a change
    s.add_balance(kCarol, 3);
    s.finalize_transaction(Revision::kCancun);

    const StateDiff diff = s.build_diff();
    EXPECT_TRUE(diff.deleted_accounts.empty());
    ASSERT_EQ(diff.modified_accounts.size(), 3u);
    // Address order: 0x..00dead < 0x..0a11ce < 0x..0ca201.
    const AccountDiff& nobody = diff.modified_accounts[0];
    const AccountDiff& alice = diff.modified_accounts[1];
    const AccountDiff& carol = diff.modified_accounts[2];
    EXPECT_EQ(nobody.address, kNobody);
    EXPECT_EQ(alice.address, kAlice);
    EXPECT_EQ(carol.address, kCarol);

    EXPECT_EQ(alice.nonce, 1u);
    EXPECT_EQ(alice.balance, uint256{100});
    EXPECT_EQ(alice.code, std::nullopt);  // unchanged code is not repeated
    EXPECT_EQ(alice.code_hash, keccak256(kCode));
    const std::vector<std::pair<Bytes32, Bytes32>> alice_storage = {{b32(1), b32(11)},
                                                                    {b32(9), b32(90)}};
    EXPECT_EQ(alice.storage, alice_storage);

    EXPECT_EQ(carol.balance, uint256{3});
    EXPECT_TRUE(carol.storage.empty());

    EXPECT_EQ(nobody.nonce, 1u);
    EXPECT_EQ(nobody.code, "0x60016000"_hex);
    EXPECT_EQ(nobody.code_hash, keccak256("0x60016000"_hex));
}

TEST(StateDiff, DeletedThenRecreatedAppearsInBothLists)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.destruct(kAlice);
    s.finalize_transaction(Revision::kShanghai);
    s.add_balance(kAlice, 1);  // a later transaction sends it value
    s.set_storage(kAlice, b32(7), b32(70));
    s.finalize_transaction(Revision::kShanghai);
    const StateDiff diff = s.build_diff();
    EXPECT_EQ(diff.deleted_accounts, std::vector<Address>{kAlice});
    ASSERT_EQ(diff.modified_accounts.size(), 1u);
    const AccountDiff& d = diff.modified_accounts[0];
    EXPECT_EQ(d.balance, uint256{1});
    EXPECT_EQ(d.nonce, 0u);
    EXPECT_EQ(d.code_hash, kEmptyHash);
    const std::vector<std::pair<Bytes32, Bytes32>> storage = {{b32(7), b32(70)}};
    EXPECT_EQ(d.storage, storage);  // slots 1 and 2 are gone with the deletion

    InMemoryState post = pre;
    post.apply(diff);
    const InMemoryAccount* alice = post.find(kAlice);
    ASSERT_NE(alice, nullptr);
    EXPECT_EQ(alice->storage.size(), 1u);
    EXPECT_TRUE(alice->code.empty());
}

TEST(StateDiff, ApplyGivesTheExpectedRoot)
{
    const InMemoryState pre = make_pre();
    State s{pre};
    s.sub_balance(kAlice, 30);
    s.add_balance(kBob, 30);
    s.increment_nonce(kAlice);
    s.set_storage(kAlice, b32(1), Bytes32{});  // deletes the slot
    s.set_storage(kAlice, b32(4), b32(40));
    s.create_account(kNobody);
    s.set_code(kNobody, "0x00"_hex);
    s.set_nonce(kNobody, 1);
    s.touch(kCarol);
    s.finalize_transaction(Revision::kLondon);

    InMemoryState post = pre;
    post.apply(s.build_diff());

    // The same post-state written directly.
    InMemoryState expected;
    InMemoryAccount alice;
    alice.nonce = 2;
    alice.balance = 70;
    alice.code = kCode;
    alice.storage = {{b32(2), b32(20)}, {b32(4), b32(40)}};
    expected.set_account(kAlice, alice);
    InMemoryAccount bob;
    bob.balance = 35;
    expected.set_account(kBob, bob);
    InMemoryAccount nobody;
    nobody.nonce = 1;
    nobody.code = "0x00"_hex;
    expected.set_account(kNobody, nobody);  // Carol, empty and touched, is gone (EIP-161)

    EXPECT_EQ(post.accounts().size(), 3u);
    EXPECT_EQ(post.state_root(), expected.state_root());
    EXPECT_NE(post.state_root(), pre.state_root());
}

}  // namespace
