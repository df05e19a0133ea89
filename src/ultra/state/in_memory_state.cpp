// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "in_memory_state.hpp"

#include <ultra/trie/node.hpp>
#include <ultra/trie/root.hpp>
#include <vector>

namespace ultra::state {

Result<std::optional<AccountInfo>, StateError> InMemoryState::account(const Address& addr) const
{
    const InMemoryAccount* acc = find(addr);
    if (acc == nullptr) return std::optional<AccountInfo>{};
    return std::optional<AccountInfo>{acc->info()};
}

Result<Bytes32, StateError> InMemoryState::storage(const Address& addr, const Bytes32& key) const
{
    const InMemoryAccount* acc = find(addr);
    if (acc == nullptr) return Bytes32{};
    const auto it = acc->storage.find(key);
    return it != acc->storage.end() ? it->second : Bytes32{};
}

Result<Bytes, StateError> InMemoryState::code(const Hash256& code_hash) const
{
    if (code_hash == kEmptyHash) return Bytes{};
    const auto it = codes_.find(code_hash);
    if (it == codes_.end()) return unexpected(StateError::kMissingData);
    return it->second;
}

Result<bool, StateError> InMemoryState::has_storage(const Address& addr) const
{
    const InMemoryAccount* acc = find(addr);
    return acc != nullptr && !acc->storage.empty();
}

InMemoryAccount& InMemoryState::set_account(const Address& addr, InMemoryAccount account)
{
    account.code_hash = keccak256(account.code);
    if (!account.code.empty()) codes_.emplace(account.code_hash, account.code);
    std::erase_if(account.storage, [](const auto& kv) { return kv.second.is_zero(); });
    InMemoryAccount& stored = accounts_[addr];
    stored = std::move(account);
    return stored;
}

void InMemoryState::set_storage(const Address& addr, const Bytes32& key, const Bytes32& value)
{
    const auto it = accounts_.find(addr);
    ULTRA_ASSERT(it != accounts_.end());
    if (value.is_zero())
        it->second.storage.erase(key);
    else
        it->second.storage[key] = value;
}

bool InMemoryState::erase(const Address& addr)
{
    return accounts_.erase(addr) != 0;
}

void InMemoryState::apply(const StateDiff& diff)
{
    for (const Address& addr : diff.deleted_accounts) accounts_.erase(addr);
    for (const AccountDiff& d : diff.modified_accounts) {
        InMemoryAccount& acc = accounts_[d.address];
        acc.nonce = d.nonce;
        acc.balance = d.balance;
        if (d.code) {
            acc.code = *d.code;
            acc.code_hash = keccak256(acc.code);
            ULTRA_ASSERT(acc.code_hash == d.code_hash);
            if (!acc.code.empty()) codes_.emplace(acc.code_hash, acc.code);
        }
        ULTRA_ASSERT(acc.code_hash == d.code_hash);  // the diff carries code for every change
        for (const auto& [key, value] : d.storage) {
            if (value.is_zero())
                acc.storage.erase(key);
            else
                acc.storage[key] = value;
        }
    }
}

const InMemoryAccount* InMemoryState::find(const Address& addr) const noexcept
{
    const auto it = accounts_.find(addr);
    return it != accounts_.end() ? &it->second : nullptr;
}

Hash256 InMemoryState::storage_root(const InMemoryAccount& account)
{
    if (account.storage.empty()) return trie::kEmptyRoot;
    // `values` is reserved up front: the views in `entries` must not move.
    std::vector<Bytes> values;
    values.reserve(account.storage.size());
    std::vector<trie::KeyValue> entries;
    entries.reserve(account.storage.size());
    for (const auto& [key, value] : account.storage) {
        values.push_back(encode_storage_value(value));
        entries.push_back({key.view(), values.back()});
    }
    return trie::secure_root(entries);
}

Hash256 InMemoryState::state_root() const
{
    // `values` is reserved up front: the views in `entries` must not move.
    std::vector<Bytes> values;
    values.reserve(accounts_.size());
    std::vector<trie::KeyValue> entries;
    entries.reserve(accounts_.size());
    for (const auto& [addr, acc] : accounts_) {
        values.push_back(encode_account(acc.info(), storage_root(acc)));
        entries.push_back({addr.view(), values.back()});
    }
    return trie::secure_root(entries);
}

}  // namespace ultra::state
