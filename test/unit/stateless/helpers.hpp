// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state_diff.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/proof.hpp>
#include <vector>

namespace ultra::stateless::test {

/// `n` random bytes.
inline Bytes random_bytes(std::mt19937_64& rng, size_t n)
{
    Bytes b(n, 0);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

/// A random fixed-size value.
template <size_t N>
FixedBytes<N> random_fixed(std::mt19937_64& rng)
{
    FixedBytes<N> b;
    for (auto& x : b.bytes) x = static_cast<uint8_t>(rng());
    return b;
}

/// A random non-zero storage value: often small (short encodings), sometimes full width.
inline Bytes32 random_value(std::mt19937_64& rng)
{
    Bytes32 v;
    if (rng() % 2 == 0) {
        v[31] = static_cast<uint8_t>(1 + rng() % 255);
    } else {
        v = random_fixed<32>(rng);
        v[0] |= 1;
    }
    return v;
}

/// A random account: small nonce, random balance, code 30 % of the time, up to `max_slots`
/// random slots.
inline state::InMemoryAccount random_account(std::mt19937_64& rng, size_t max_slots)
{
    state::InMemoryAccount acc;
    acc.nonce = rng() % 4;
    acc.balance = uint256{rng() % 3 == 0 ? 0 : rng()};
    if (rng() % 10 < 3) acc.code = random_bytes(rng, 1 + rng() % 80);
    const size_t slots = max_slots == 0 ? 0 : rng() % (max_slots + 1);
    for (size_t i = 0; i < slots; ++i) acc.storage[random_fixed<32>(rng)] = random_value(rng);
    return acc;
}

/// A random state of `accounts` accounts with up to `max_slots` slots each.
inline state::InMemoryState random_state(std::mt19937_64& rng, size_t accounts, size_t max_slots)
{
    state::InMemoryState s;
    for (size_t i = 0; i < accounts; ++i)
        s.set_account(random_fixed<20>(rng), random_account(rng, max_slots));
    return s;
}

/// A random diff over `s` that follows StateDiff's contract: deletions of existing accounts
/// (some re-created), modifications of existing accounts (fields, code, slots zeroed —
/// forcing collapses — or written), new accounts. Both lists sorted, storage sorted by key.
inline state::StateDiff random_diff(std::mt19937_64& rng, const state::InMemoryState& s)
{
    state::StateDiff diff;
    std::map<Address, state::AccountDiff> modified;
    auto new_code = [&](state::AccountDiff& d) {
        if (rng() % 3 == 0) {
            d.code = random_bytes(rng, 1 + rng() % 60);
            d.code_hash = keccak256(*d.code);
        }
    };
    auto new_slots = [&](std::map<Bytes32, Bytes32>& out, size_t n) {
        for (size_t i = 0; i < n; ++i) out[random_fixed<32>(rng)] = random_value(rng);
    };
    for (const auto& [addr, acc] : s.accounts()) {
        const uint64_t dice = rng() % 10;
        if (dice < 2) {
            diff.deleted_accounts.push_back(addr);
            if (rng() % 3 == 0) {  // re-created afresh
                state::AccountDiff d;
                d.address = addr;
                d.nonce = rng() % 3;
                d.balance = uint256{rng() % 1000};
                new_code(d);
                std::map<Bytes32, Bytes32> slots;
                new_slots(slots, rng() % 3);
                d.storage.assign(slots.begin(), slots.end());
                modified[addr] = d;
            }
        } else if (dice < 6) {
            state::AccountDiff d;
            d.address = addr;
            d.nonce = acc.nonce + rng() % 2;
            d.balance = rng() % 2 == 0 ? acc.balance : uint256{rng()};
            d.code_hash = acc.code_hash;
            new_code(d);
            std::map<Bytes32, Bytes32> slots;
            for (const auto& [key, value] : acc.storage) {
                const uint64_t r = rng() % 10;
                if (r < 4)
                    slots[key] = Bytes32{};  // delete: forces collapses
                else if (r < 6)
                    slots[key] = random_value(rng);
                else if (r < 7)
                    slots[key] = value;  // unchanged value written back
            }
            new_slots(slots, rng() % 3);
            if (rng() % 8 == 0) slots[random_fixed<32>(rng)] = Bytes32{};  // absent slot zeroed
            d.storage.assign(slots.begin(), slots.end());
            modified[addr] = d;
        }
    }
    for (uint64_t i = rng() % 4; i > 0; --i) {  // new accounts
        state::AccountDiff d;
        d.address = random_fixed<20>(rng);
        d.nonce = rng() % 2;
        d.balance = uint256{rng() % 5};
        new_code(d);
        std::map<Bytes32, Bytes32> slots;
        new_slots(slots, rng() % 4);
        d.storage.assign(slots.begin(), slots.end());
        modified[d.address] = d;
    }
    for (auto& [addr, d] : modified) diff.modified_accounts.push_back(std::move(d));
    std::sort(diff.deleted_accounts.begin(), diff.deleted_accounts.end());
    return diff;
}

/// The account trie of `s` as an in-memory MerklePatriciaTrie keyed by keccak256(address), and
/// each account's storage trie: the independent oracle for proofs.
struct StateTries
{
    trie::MerklePatriciaTrie accounts;
    std::map<Address, trie::MerklePatriciaTrie> storage;

    explicit StateTries(const state::InMemoryState& s)
    {
        for (const auto& [addr, acc] : s.accounts()) {
            trie::MerklePatriciaTrie& st = storage[addr];
            for (const auto& [key, value] : acc.storage)
                st.put(keccak256(key), state::encode_storage_value(value));
            accounts.put(keccak256(addr), state::encode_account(acc.info(), st.root_hash()));
        }
    }

    /// Adds the proof of `addr` to `out`.
    void prove_account(const Address& addr, std::vector<Bytes>& out)
    {
        for (Bytes& n : accounts.prove(keccak256(addr))) out.push_back(std::move(n));
    }

    /// Adds the proof of the slot (of an existing account) to `out`.
    void prove_slot(const Address& addr, const Bytes32& key, std::vector<Bytes>& out)
    {
        for (Bytes& n : storage.at(addr).prove(keccak256(key))) out.push_back(std::move(n));
    }
};

/// A NodeSource over a NodeSet that records every hash it was asked for and found.
class RecordingSource final : public trie::NodeSource
{
public:
    explicit RecordingSource(const trie::NodeSource& inner) : inner_{inner} {}

    std::optional<BytesView> find(const Hash256& hash) const override
    {
        auto r = inner_.find(hash);
        if (r) used_.insert(hash);
        return r;
    }

    const std::set<Hash256>& used() const { return used_; }

private:
    const trie::NodeSource& inner_;
    mutable std::set<Hash256> used_;
};

/// A NodeSource over a NodeSet without one hash.
class DroppingSource final : public trie::NodeSource
{
public:
    DroppingSource(const trie::NodeSource& inner, const Hash256& dropped)
        : inner_{inner}, dropped_{dropped}
    {}

    std::optional<BytesView> find(const Hash256& hash) const override
    {
        if (hash == dropped_) return std::nullopt;
        return inner_.find(hash);
    }

private:
    const trie::NodeSource& inner_;
    Hash256 dropped_;
};

}  // namespace ultra::stateless::test
