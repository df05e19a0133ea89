// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/state/account.hpp>
#include <ultra/state/state_diff.hpp>
#include <ultra/state/state_view.hpp>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

namespace ultra::state {

/// An (address, slot) pair: the key of warm slots and transient storage.
struct SlotKey
{
    Address address;  ///< the account
    Bytes32 key;      ///< the slot

    friend bool operator==(const SlotKey&, const SlotKey&) = default;
};

/// Hash of a SlotKey for unordered containers (lookups only).
struct SlotKeyHash
{
    size_t operator()(const SlotKey& k) const noexcept
    {
        return FixedBytesHash{}(k.address) * 31 + FixedBytesHash{}(k.key);
    }
};

/// What set_storage() saw before writing: the inputs of the EIP-2200 / EIP-1283 gas rules.
struct StorageWrite
{
    Bytes32 original;  ///< the value at the start of the transaction
    Bytes32 current;   ///< the value just before this write
};

/// The journaled overlay over a StateView that a block's transactions execute against
/// (GUIDE §8.3). It caches only the accounts and slots it reads or writes; every change is
/// recorded in a journal so that a failed call frame can be undone: `checkpoint()` gives a
/// position, `rollback(cp)` reverts every change made after it (nested checkpoints nest).
///
/// Besides accounts and storage it keeps the per-transaction sets the EVM host needs: accounts
/// touched (EIP-161), created in this transaction (EIP-6780), destructed (SELFDESTRUCT),
/// warm addresses and slots (EIP-2929), transient storage (EIP-1153), and each slot's value at
/// transaction start (EIP-2200). finalize_transaction() closes a transaction; build_diff() gives
/// the accumulated effect as a StateDiff. The gas refund counter is not here: it belongs to the
/// call frames (execution-specs keeps it per message and merges it on success).
///
/// Missing data: when the view fails a read (StateError), the State records the first error
/// (error() then returns it), answers a neutral value (absent account, zero slot, empty code) and
/// keeps going, so the interpreter needs no error path for reads; the execution layer checks
/// error() after each transaction (or call) and aborts the block (GUIDE §8.3).
///
/// Accounts are created implicitly: any write (balance, nonce, code, storage) to an absent
/// account makes it exist. Reads never create.
///
/// References: BytesViews returned by get_code() stay valid until that account's code changes
/// (set_code, rollback of it, deletion). The view must outlive the State. Not thread-safe.
class State
{
public:
    /// An overlay over `view`, which must outlive it.
    explicit State(const StateView& view) noexcept : view_{view} {}

    State(const State&) = delete;
    State& operator=(const State&) = delete;

    /// The first read error met, if any (sticky until the State is destroyed).
    [[nodiscard]] std::optional<StateError> error() const noexcept { return error_; }

    // --- Accounts ------------------------------------------------------------------------------

    /// Whether an account exists at `addr` (possibly empty: EIP-161 distinguishes the two).
    [[nodiscard]] bool exists(const Address& addr);

    /// EIP-161 "empty": nonce 0, balance 0 and no code. True for an absent account.
    [[nodiscard]] bool is_empty(const Address& addr);

    /// EIP-161 "dead": absent or empty.
    [[nodiscard]] bool is_dead(const Address& addr) { return !exists(addr) || is_empty(addr); }

    /// The nonce (0 for an absent account).
    [[nodiscard]] uint64_t get_nonce(const Address& addr);

    /// The balance (0 for an absent account).
    [[nodiscard]] uint256 get_balance(const Address& addr);

    /// The code hash (kEmptyHash for an absent account or one without code; EXTCODEHASH's 0 for
    /// dead accounts is the host's rule, EIP-1052/EIP-161).
    [[nodiscard]] Hash256 get_code_hash(const Address& addr);

    /// The code (empty for none). See the class comment for the view's lifetime.
    [[nodiscard]] BytesView get_code(const Address& addr);

    /// Whether the account has a non-zero storage slot (EIP-7610). Exact for every state the
    /// protocol can reach; see docs/state.md.
    [[nodiscard]] bool has_storage(const Address& addr);

    /// Sets the nonce.
    void set_nonce(const Address& addr, uint64_t nonce);

    /// Adds 1 to the nonce. Precondition: nonce < 2^64 - 1 (EIP-2681 checks come first).
    void increment_nonce(const Address& addr);

    /// Sets the balance.
    void set_balance(const Address& addr, const uint256& balance);

    /// Adds to the balance (wrapping is impossible: the total supply is far below 2^256).
    void add_balance(const Address& addr, const uint256& amount);

    /// Subtracts from the balance. Precondition: balance >= amount (asserted).
    void sub_balance(const Address& addr, const uint256& amount);

    /// Replaces the code (its hash is computed here).
    void set_code(const Address& addr, Bytes code);

    // --- Storage -----------------------------------------------------------------------------

    /// The current value of a slot.
    [[nodiscard]] Bytes32 get_storage(const Address& addr, const Bytes32& key);

    /// The value of a slot at the start of the current transaction (EIP-2200 "original"); zero
    /// for an account created in this transaction.
    [[nodiscard]] Bytes32 get_original_storage(const Address& addr, const Bytes32& key);

    /// Writes a slot; returns the original and the previous value (EIP-2200 inputs).
    StorageWrite set_storage(const Address& addr, const Bytes32& key, const Bytes32& value);

    /// EIP-1153 TLOAD: the transient value of a slot (zero unless set in this transaction).
    [[nodiscard]] Bytes32 get_transient_storage(const Address& addr, const Bytes32& key) const;

    /// EIP-1153 TSTORE.
    void set_transient_storage(const Address& addr, const Bytes32& key, const Bytes32& value);

    // --- Life cycle within a transaction ---------------------------------------------------

    /// The start of a contract creation at `addr` (execution-specs process_create_message): the
    /// account exists from now on, any storage it had is discarded (EIP-7610 makes this
    /// unreachable on valid chains, the spec still does it), and it counts as created in this
    /// transaction (EIP-6780). Balance and nonce are kept.
    void create_account(const Address& addr);

    /// Whether the account was created in the current transaction (EIP-6780).
    [[nodiscard]] bool is_created(const Address& addr) const;

    /// Marks the account for deletion at the end of the transaction (SELFDESTRUCT; from Cancun
    /// the host calls this only for accounts created in the transaction, EIP-6780). Returns true
    /// the first time in a transaction (the pre-London SELFDESTRUCT refund is paid once).
    bool destruct(const Address& addr);

    /// Whether the account is marked for deletion.
    [[nodiscard]] bool is_destructed(const Address& addr) const;

    /// Marks the account as touched (EIP-161): if it is empty at the end of the transaction
    /// (Spurious Dragon on), it is deleted. The host decides what touches (and re-touches
    /// 0x03 after a revert, the famous mainnet quirk).
    void touch(const Address& addr);

    /// Whether the account is touched in this transaction.
    [[nodiscard]] bool is_touched(const Address& addr) const;

    // --- EIP-2929 access sets ----------------------------------------------------------------

    /// Warms `addr`; returns whether it was already warm. Does not read the account.
    bool access_account(const Address& addr);

    /// Whether `addr` is warm.
    [[nodiscard]] bool is_warm(const Address& addr) const;

    /// Warms the slot; returns whether it was already warm. Does not read the slot.
    bool access_storage(const Address& addr, const Bytes32& key);

    /// Whether the slot is warm.
    [[nodiscard]] bool is_warm_storage(const Address& addr, const Bytes32& key) const;

    // --- Journal -------------------------------------------------------------------------------

    /// The current journal position.
    [[nodiscard]] size_t checkpoint() const noexcept { return journal_.size(); }

    /// Reverts every change made since `cp` (a position from checkpoint() in the current
    /// transaction; asserted <= the journal size). Read caches and error() are not reverted.
    void rollback(size_t cp);

    // --- End of a transaction (in this order; finalize_transaction() does all) ---------------

    /// Deletes every destructed account (execution-specs: accounts_to_delete).
    void delete_destructed_accounts();

    /// Deletes every touched account that exists and is empty (EIP-161). Call from Spurious
    /// Dragon on.
    void delete_touched_empty_accounts();

    /// Clears transient storage (EIP-1153: it lasts one transaction).
    void clear_transient_storage() noexcept;

    /// Empties the warm address and slot sets (EIP-2929: they last one transaction).
    void clear_access_sets() noexcept;

    /// Starts a new transaction: current values become the originals, the touched / created /
    /// destructed sets are emptied and the journal is cleared (earlier checkpoints are void).
    void commit_transaction();

    /// The end of a transaction at `rev`: delete destructed accounts, delete touched empty ones
    /// (from Spurious Dragon, EIP-161), clear transient storage and the access sets, commit.
    void finalize_transaction(Revision rev);

    // --- Result ----------------------------------------------------------------------------------

    /// The accumulated change relative to the view, sorted by address and slot: accounts whose
    /// fields, code or storage differ, accounts that did not exist in the view, and deleted
    /// accounts that existed in it. Call after finalize_transaction() (the pending
    /// transaction's destructions and touches are not applied by build_diff).
    [[nodiscard]] StateDiff build_diff() const;

private:
    struct StorageSlot
    {
        Bytes32 initial;   // the view's value (zero after the storage was discarded)
        Bytes32 original;  // at the start of the transaction
        Bytes32 current;
    };

    struct Account
    {
        bool existed = false;  // in the view
        AccountInfo initial;   // the view's fields (defaults when absent)
        bool exists = false;
        uint64_t nonce = 0;
        uint256 balance;
        Hash256 code_hash = kEmptyHash;
        Bytes code;
        bool code_loaded = false;
        bool storage_discarded = false;  // the view's storage no longer applies
        bool created = false;            // in this transaction (EIP-6780)
        std::unordered_map<Bytes32, StorageSlot, FixedBytesHash> storage;
    };

    // Journal entries: each holds what rollback() needs to restore.
    struct ExistenceChange
    {
        Address addr;
        bool prev;
    };
    struct NonceChange
    {
        Address addr;
        uint64_t prev;
    };
    struct BalanceChange
    {
        Address addr;
        uint256 prev;
    };
    struct CodeChange
    {
        Address addr;
        Hash256 prev_hash;
        Bytes prev_code;
        bool prev_loaded;
    };
    struct StorageChange
    {
        Address addr;
        Bytes32 key;
        Bytes32 prev;
    };
    struct StorageDiscard
    {
        Address addr;
        std::unordered_map<Bytes32, StorageSlot, FixedBytesHash> prev_slots;
        bool prev_discarded;
    };
    struct CreatedMark
    {
        Address addr;
        bool prev;
    };
    struct TransientStorageChange
    {
        SlotKey slot;
        Bytes32 prev;
    };
    struct Destructed
    {
        Address addr;
    };
    struct Touched
    {
        Address addr;
    };
    struct AccountAccessed
    {
        Address addr;
    };
    struct StorageAccessed
    {
        SlotKey slot;
    };
    using JournalEntry = std::variant<ExistenceChange,
                                      NonceChange,
                                      BalanceChange,
                                      CodeChange,
                                      StorageChange,
                                      StorageDiscard,
                                      CreatedMark,
                                      TransientStorageChange,
                                      Destructed,
                                      Touched,
                                      AccountAccessed,
                                      StorageAccessed>;

    /// The cached account, loading it from the view on first use.
    Account& load(const Address& addr);
    /// The cached account, made to exist (journaled) for a write.
    Account& load_for_write(const Address& addr);
    /// The cached slot, loading it from the view on first use.
    StorageSlot& load_slot(const Address& addr, Account& acc, const Bytes32& key);
    /// Discards the account's view storage and cached slots (journaled).
    void discard_storage(const Address& addr, Account& acc);
    /// Deletes an account outright (end of transaction; not journaled).
    void delete_account(Account& acc);
    void set_error(StateError e) noexcept;

    const StateView& view_;
    std::optional<StateError> error_;
    std::unordered_map<Address, Account, FixedBytesHash> accounts_;
    std::unordered_map<SlotKey, Bytes32, SlotKeyHash> transient_;
    std::unordered_set<Address, FixedBytesHash> touched_;
    std::unordered_set<Address, FixedBytesHash> destructed_;
    std::unordered_set<Address, FixedBytesHash> warm_accounts_;
    std::unordered_set<SlotKey, SlotKeyHash> warm_slots_;
    std::vector<JournalEntry> journal_;
};

}  // namespace ultra::state
