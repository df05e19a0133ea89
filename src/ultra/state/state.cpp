// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "state.hpp"

#include <algorithm>
#include <type_traits>

namespace ultra::state {
namespace {
/// For the static_assert in rollback(): false for every type, so that an unhandled journal
/// entry type fails to compile.
template <typename>
inline constexpr bool kUnhandledEntry = false;
}  // namespace

void State::set_error(StateError e) noexcept
{
    if (!error_) error_ = e;
}

State::Account& State::load(const Address& addr)
{
    const auto it = accounts_.find(addr);
    if (it != accounts_.end()) return it->second;

    Account acc;
    auto r = view_.account(addr);
    if (!r) {
        set_error(r.error());  // answer "absent"; the execution layer aborts on error()
    } else if (r->has_value()) {
        const AccountInfo& info = **r;
        acc.existed = true;
        acc.initial = info;
        acc.exists = true;
        acc.nonce = info.nonce;
        acc.balance = info.balance;
        acc.code_hash = info.code_hash;
    }
    acc.code_loaded = acc.code_hash == kEmptyHash;
    return accounts_.emplace(addr, std::move(acc)).first->second;
}

State::Account& State::load_for_write(const Address& addr)
{
    Account& acc = load(addr);
    if (!acc.exists) {
        journal_.emplace_back(ExistenceChange{addr, false});
        acc.exists = true;
    }
    return acc;
}

State::StorageSlot& State::load_slot(const Address& addr, Account& acc, const Bytes32& key)
{
    const auto it = acc.storage.find(key);
    if (it != acc.storage.end()) return it->second;

    Bytes32 value;
    // Absent accounts and discarded storage have no slots: nothing to ask the view.
    if (acc.existed && !acc.storage_discarded) {
        auto r = view_.storage(addr, key);
        if (r)
            value = *r;
        else
            set_error(r.error());
    }
    return acc.storage.emplace(key, StorageSlot{value, value, value}).first->second;
}

// --- Accounts ------------------------------------------------------------------------------------

bool State::exists(const Address& addr)
{
    return load(addr).exists;
}

bool State::is_empty(const Address& addr)
{
    const Account& acc = load(addr);
    return acc.nonce == 0 && acc.balance == 0 && acc.code_hash == kEmptyHash;
}

uint64_t State::get_nonce(const Address& addr)
{
    return load(addr).nonce;
}

uint256 State::get_balance(const Address& addr)
{
    return load(addr).balance;
}

Hash256 State::get_code_hash(const Address& addr)
{
    return load(addr).code_hash;
}

BytesView State::get_code(const Address& addr)
{
    Account& acc = load(addr);
    if (!acc.code_loaded) {
        auto r = view_.code(acc.code_hash);
        if (r)
            acc.code = std::move(*r);
        else
            set_error(r.error());  // empty code stands in; error() aborts the block
        acc.code_loaded = true;
    }
    return acc.code;
}

bool State::has_storage(const Address& addr)
{
    Account& acc = load(addr);
    for (const auto& [key, slot] : acc.storage)
        if (!slot.current.is_zero()) return true;
    if (!acc.existed || acc.storage_discarded) return false;
    // Slots cached as zero may have been non-zero in the view; storage can only be emptied by
    // code running at the address, which then has code or a nonce (see docs/state.md).
    auto r = view_.has_storage(addr);
    if (!r) {
        set_error(r.error());
        return false;
    }
    return *r;
}

void State::set_nonce(const Address& addr, uint64_t nonce)
{
    Account& acc = load_for_write(addr);
    journal_.emplace_back(NonceChange{addr, acc.nonce});
    acc.nonce = nonce;
}

void State::increment_nonce(const Address& addr)
{
    Account& acc = load_for_write(addr);
    ULTRA_ASSERT(acc.nonce < UINT64_MAX);
    journal_.emplace_back(NonceChange{addr, acc.nonce});
    ++acc.nonce;
}

void State::set_balance(const Address& addr, const uint256& balance)
{
    Account& acc = load_for_write(addr);
    journal_.emplace_back(BalanceChange{addr, acc.balance});
    acc.balance = balance;
}

void State::add_balance(const Address& addr, const uint256& amount)
{
    Account& acc = load_for_write(addr);
    journal_.emplace_back(BalanceChange{addr, acc.balance});
    acc.balance += amount;
}

void State::sub_balance(const Address& addr, const uint256& amount)
{
    Account& acc = load_for_write(addr);
    ULTRA_ASSERT(acc.balance >= amount);
    journal_.emplace_back(BalanceChange{addr, acc.balance});
    acc.balance -= amount;
}

void State::set_code(const Address& addr, Bytes code)
{
    Account& acc = load_for_write(addr);
    journal_.emplace_back(CodeChange{addr, acc.code_hash, std::move(acc.code), acc.code_loaded});
    acc.code_hash = keccak256(code);
    acc.code = std::move(code);
    acc.code_loaded = true;
}

// --- Storage -------------------------------------------------------------------------------------

Bytes32 State::get_storage(const Address& addr, const Bytes32& key)
{
    Account& acc = load(addr);
    return load_slot(addr, acc, key).current;
}

Bytes32 State::get_original_storage(const Address& addr, const Bytes32& key)
{
    Account& acc = load(addr);
    return load_slot(addr, acc, key).original;
}

StorageWrite State::set_storage(const Address& addr, const Bytes32& key, const Bytes32& value)
{
    Account& acc = load_for_write(addr);
    StorageSlot& slot = load_slot(addr, acc, key);
    const StorageWrite seen{slot.original, slot.current};
    if (slot.current != value) {
        journal_.emplace_back(StorageChange{addr, key, slot.current});
        slot.current = value;
    }
    return seen;
}

Bytes32 State::get_transient_storage(const Address& addr, const Bytes32& key) const
{
    const auto it = transient_.find(SlotKey{addr, key});
    return it != transient_.end() ? it->second : Bytes32{};
}

void State::set_transient_storage(const Address& addr, const Bytes32& key, const Bytes32& value)
{
    Bytes32& v = transient_[SlotKey{addr, key}];
    if (v == value) return;
    journal_.emplace_back(TransientStorageChange{SlotKey{addr, key}, v});
    v = value;
}

// --- Life cycle
// ------------------------------------------------------------------------------------

void State::discard_storage(const Address& addr, Account& acc)
{
    journal_.emplace_back(StorageDiscard{addr, std::move(acc.storage), acc.storage_discarded});
    acc.storage.clear();  // moved-from: make it a valid empty map
    acc.storage_discarded = true;
}

void State::create_account(const Address& addr)
{
    // Keep the code in memory: a diff that deletes the account must be able to restore it.
    // (Unreachable with code on a valid chain: code at the address is a collision.)
    (void)get_code(addr);
    Account& acc = load_for_write(addr);
    discard_storage(addr, acc);
    journal_.emplace_back(CreatedMark{addr, acc.created});
    acc.created = true;
}

bool State::is_created(const Address& addr) const
{
    const auto it = accounts_.find(addr);
    return it != accounts_.end() && it->second.created;
}

bool State::destruct(const Address& addr)
{
    if (!destructed_.insert(addr).second) return false;
    journal_.emplace_back(Destructed{addr});
    return true;
}

bool State::is_destructed(const Address& addr) const
{
    return destructed_.contains(addr);
}

void State::touch(const Address& addr)
{
    if (touched_.insert(addr).second) journal_.emplace_back(Touched{addr});
}

bool State::is_touched(const Address& addr) const
{
    return touched_.contains(addr);
}

// --- Access sets ---------------------------------------------------------------------------------

bool State::access_account(const Address& addr)
{
    if (!warm_accounts_.insert(addr).second) return true;
    journal_.emplace_back(AccountAccessed{addr});
    return false;
}

bool State::is_warm(const Address& addr) const
{
    return warm_accounts_.contains(addr);
}

bool State::access_storage(const Address& addr, const Bytes32& key)
{
    const SlotKey slot{addr, key};
    if (!warm_slots_.insert(slot).second) return true;
    journal_.emplace_back(StorageAccessed{slot});
    return false;
}

bool State::is_warm_storage(const Address& addr, const Bytes32& key) const
{
    return warm_slots_.contains(SlotKey{addr, key});
}

// --- Journal
// ---------------------------------------------------------------------------------------

void State::rollback(size_t cp)
{
    ULTRA_ASSERT(cp <= journal_.size());
    while (journal_.size() > cp) {
        std::visit(
            [this](auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, ExistenceChange>) {
                    accounts_.at(e.addr).exists = e.prev;
                } else if constexpr (std::is_same_v<T, NonceChange>) {
                    accounts_.at(e.addr).nonce = e.prev;
                } else if constexpr (std::is_same_v<T, BalanceChange>) {
                    accounts_.at(e.addr).balance = e.prev;
                } else if constexpr (std::is_same_v<T, CodeChange>) {
                    Account& acc = accounts_.at(e.addr);
                    acc.code_hash = e.prev_hash;
                    acc.code = std::move(e.prev_code);
                    acc.code_loaded = e.prev_loaded;
                } else if constexpr (std::is_same_v<T, StorageChange>) {
                    accounts_.at(e.addr).storage.at(e.key).current = e.prev;
                } else if constexpr (std::is_same_v<T, StorageDiscard>) {
                    Account& acc = accounts_.at(e.addr);
                    acc.storage = std::move(e.prev_slots);
                    acc.storage_discarded = e.prev_discarded;
                } else if constexpr (std::is_same_v<T, CreatedMark>) {
                    accounts_.at(e.addr).created = e.prev;
                } else if constexpr (std::is_same_v<T, TransientStorageChange>) {
                    transient_[e.slot] = e.prev;
                } else if constexpr (std::is_same_v<T, Destructed>) {
                    destructed_.erase(e.addr);
                } else if constexpr (std::is_same_v<T, Touched>) {
                    touched_.erase(e.addr);
                } else if constexpr (std::is_same_v<T, AccountAccessed>) {
                    warm_accounts_.erase(e.addr);
                } else if constexpr (std::is_same_v<T, StorageAccessed>) {
                    warm_slots_.erase(e.slot);
                } else {
                    static_assert(kUnhandledEntry<T>, "journal entry type not reverted");
                }
            },
            journal_.back());
        journal_.pop_back();
    }
}

// --- End of a transaction ----------------------------------------------------------------------

void State::delete_account(Account& acc)
{
    acc.exists = false;
    acc.nonce = 0;
    acc.balance = 0;
    acc.code_hash = kEmptyHash;
    acc.code.clear();
    acc.code_loaded = true;
    acc.storage.clear();
    acc.storage_discarded = true;
    acc.created = false;
}

void State::delete_destructed_accounts()
{
    for (const Address& addr : destructed_) delete_account(load(addr));
    destructed_.clear();
}

void State::delete_touched_empty_accounts()
{
    for (const Address& addr : touched_) {
        Account& acc = load(addr);
        if (acc.exists && acc.nonce == 0 && acc.balance == 0 && acc.code_hash == kEmptyHash)
            delete_account(acc);
    }
    touched_.clear();
}

void State::clear_transient_storage() noexcept
{
    transient_.clear();
}

void State::clear_access_sets() noexcept
{
    warm_accounts_.clear();
    warm_slots_.clear();
}

void State::commit_transaction()
{
    // Only what this transaction wrote can differ from its start, and the journal lists exactly
    // that (the entries since the last commit; rolled-back ones were popped): a slot's current
    // value changes only through a journaled StorageChange, `created` is set only with a
    // CreatedMark. Walking the journal rather than every cached account and slot keeps a block
    // linear in its transactions' work. An entry whose account or slot is gone (deleted at the
    // end of the transaction, storage discarded) has nothing left to commit.
    for (const JournalEntry& entry : journal_) {
        if (const auto* change = std::get_if<StorageChange>(&entry)) {
            const auto acc = accounts_.find(change->addr);
            if (acc == accounts_.end()) continue;
            const auto slot = acc->second.storage.find(change->key);
            if (slot != acc->second.storage.end()) slot->second.original = slot->second.current;
        } else if (const auto* mark = std::get_if<CreatedMark>(&entry)) {
            const auto acc = accounts_.find(mark->addr);
            if (acc != accounts_.end()) acc->second.created = false;
        }
    }
    touched_.clear();
    destructed_.clear();
    journal_.clear();
}

void State::finalize_transaction(Revision rev)
{
    delete_destructed_accounts();
    if (rev >= Revision::kSpuriousDragon) delete_touched_empty_accounts();  // EIP-161
    clear_transient_storage();                                              // EIP-1153
    clear_access_sets();                                                    // EIP-2929
    commit_transaction();
}

// --- Result
// ----------------------------------------------------------------------------------------

StateDiff State::build_diff() const
{
    std::vector<const std::pair<const Address, Account>*> entries;
    entries.reserve(accounts_.size());
    for (const auto& entry : accounts_) entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });

    StateDiff diff;
    for (const auto* entry : entries) {
        const Address& addr = entry->first;
        const Account& acc = entry->second;
        // The view's account (and its storage) no longer applies.
        const bool deleted = acc.existed && (!acc.exists || acc.storage_discarded);
        if (deleted) diff.deleted_accounts.push_back(addr);
        if (!acc.exists) continue;

        AccountDiff d;
        d.address = addr;
        d.nonce = acc.nonce;
        d.balance = acc.balance;
        d.code_hash = acc.code_hash;
        if (acc.code_hash != acc.initial.code_hash || (deleted && acc.code_hash != kEmptyHash)) {
            ULTRA_ASSERT(acc.code_loaded);  // a changed code was set, so it is in memory
            d.code = acc.code;
        }
        for (const auto& [key, slot] : acc.storage)
            if (slot.current != slot.initial) d.storage.emplace_back(key, slot.current);
        std::sort(d.storage.begin(), d.storage.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });

        const bool changed = !acc.existed || deleted || acc.nonce != acc.initial.nonce ||
                             acc.balance != acc.initial.balance ||
                             acc.code_hash != acc.initial.code_hash || !d.storage.empty();
        if (changed) diff.modified_accounts.push_back(std::move(d));
    }
    return diff;
}

}  // namespace ultra::state
