// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "recording_state_view.hpp"

#include <map>
#include <ultra/core/assert.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <ultra/trie/proof.hpp>
#include <vector>

#include "state_root.hpp"

namespace ultra::stateless {
namespace {

// A NodeSource that remembers every node it served.
class RecordingNodeSource final : public trie::NodeSource
{
public:
    explicit RecordingNodeSource(const trie::NodeSource& inner) noexcept : inner_{inner} {}

    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override
    {
        const auto rlp = inner_.find(hash);
        if (rlp) used_.insert(hash);
        return rlp;
    }

    [[nodiscard]] const std::set<Hash256>& used() const noexcept { return used_; }

private:
    const trie::NodeSource& inner_;
    mutable std::set<Hash256> used_;
};

// The fully revealed storage trie of `account`.
trie::PartialTrie build_storage_trie(const state::InMemoryAccount& account)
{
    trie::PartialTrie storage;
    for (const auto& [key, value] : account.storage) {
        const auto put = storage.put(keccak256(key), state::encode_storage_value(value));
        ULTRA_ASSERT(put.has_value());  // a trie without stubs needs no node
    }
    return storage;
}

}  // namespace

Result<std::optional<state::AccountInfo>, state::StateError> RecordingStateView::account(
    const Address& addr) const
{
    accounts_.insert(addr);
    return state_.account(addr);
}

Result<Bytes32, state::StateError> RecordingStateView::storage(const Address& addr,
                                                               const Bytes32& key) const
{
    accounts_.insert(addr);
    slots_.emplace(addr, key);
    return state_.storage(addr, key);
}

Result<Bytes, state::StateError> RecordingStateView::code(const Hash256& code_hash) const
{
    auto code = state_.code(code_hash);
    if (code && !code->empty()) codes_.insert(code_hash);
    return code;
}

Result<bool, state::StateError> RecordingStateView::has_storage(const Address& addr) const
{
    accounts_.insert(addr);
    return state_.has_storage(addr);
}

Result<ExecutionWitness, StatelessError> RecordingStateView::make_witness(
    const state::StateDiff& diff) const
{
    return make_witness(std::span<const state::StateDiff>{&diff, 1});
}

Result<ExecutionWitness, StatelessError> RecordingStateView::make_witness(
    std::span<const state::StateDiff> diffs) const
{
    // The keys whose preimages the witness lists, and the accounts whose storage tries matter.
    std::set<Address> addresses = accounts_;
    std::set<Bytes32> slot_keys;
    std::set<Address> storage_accounts;
    for (const auto& [addr, key] : slots_) {
        slot_keys.insert(key);
        storage_accounts.insert(addr);
    }
    for (const state::StateDiff& diff : diffs) {
        for (const Address& addr : diff.deleted_accounts) addresses.insert(addr);
        for (const state::AccountDiff& d : diff.modified_accounts) {
            addresses.insert(d.address);
            if (!d.storage.empty()) storage_accounts.insert(d.address);
            for (const auto& slot : d.storage) slot_keys.insert(slot.first);
        }
    }

    // The full node set of the state's account trie and of the storage tries that matter.
    std::vector<Bytes> all_nodes;
    std::map<Address, Hash256> storage_roots;
    for (const Address& addr : storage_accounts) {
        const state::InMemoryAccount* account = state_.find(addr);
        if (account == nullptr || account->storage.empty()) continue;
        trie::PartialTrie storage = build_storage_trie(*account);
        storage_roots.emplace(addr, storage.root_hash());
        storage.collect_nodes(all_nodes);
    }
    trie::PartialTrie accounts;
    for (const auto& [addr, account] : state_.accounts()) {
        const auto known = storage_roots.find(addr);
        const Hash256 storage_root = known != storage_roots.end()
                                         ? known->second
                                         : state::InMemoryState::storage_root(account);
        const auto put =
            accounts.put(keccak256(addr), state::encode_account(account.info(), storage_root));
        ULTRA_ASSERT(put.has_value());  // a trie without stubs needs no node
    }
    const Hash256 pre_state_root = accounts.root_hash();
    accounts.collect_nodes(all_nodes);
    trie::NodeSet full;
    for (const Bytes& node : all_nodes) full.insert(node);
    all_nodes = {};

    // Replay what the stateless side does, recording every node it fetches: the reads of
    // WitnessStateView, then compute_post_state_root() for each diff.
    const RecordingNodeSource recorder{full};
    constexpr auto kTrusted = trie::HashCheck::kTrusted;
    for (const Address& addr : accounts_) {
        const auto leaf = trie::get(recorder, pre_state_root, keccak256(addr), kTrusted);
        ULTRA_ASSERT(leaf.has_value());  // the node set is complete
    }
    for (const auto& [addr, key] : slots_) {
        const auto leaf = trie::get(recorder, pre_state_root, keccak256(addr), kTrusted);
        ULTRA_ASSERT(leaf.has_value());
        if (!leaf->has_value()) continue;
        const auto account = state::decode_account(**leaf);
        ULTRA_ASSERT(account.has_value());
        const auto slot = trie::get(recorder, account->storage_root, keccak256(key), kTrusted);
        ULTRA_ASSERT(slot.has_value());
    }
    for (const state::StateDiff& diff : diffs)
        ULTRA_TRY_VOID(compute_post_state_root(recorder, pre_state_root, diff, kTrusted));

    ExecutionWitness witness;
    witness.state.reserve(recorder.used().size());
    for (const Hash256& hash : recorder.used()) witness.state.emplace_back(*full.find(hash));
    witness.codes.reserve(codes_.size());
    for (const Hash256& hash : codes_) witness.codes.push_back(state_.code(hash).value());
    witness.keys.reserve(addresses.size() + slot_keys.size());
    for (const Address& addr : addresses) witness.keys.emplace_back(addr.view());
    for (const Bytes32& key : slot_keys) witness.keys.emplace_back(key.view());
    return witness;
}

}  // namespace ultra::stateless
