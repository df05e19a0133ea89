// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "state_root.hpp"

#include <algorithm>
#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/trie/node.hpp>

namespace ultra::stateless {
namespace {

bool is_modified(const state::StateDiff& diff, const Address& addr)
{
    const auto it = std::lower_bound(
        diff.modified_accounts.begin(), diff.modified_accounts.end(), addr,
        [](const state::AccountDiff& d, const Address& a) { return d.address < a; });
    return it != diff.modified_accounts.end() && it->address == addr;
}

bool is_deleted(const state::StateDiff& diff, const Address& addr)
{
    return std::binary_search(diff.deleted_accounts.begin(), diff.deleted_accounts.end(), addr);
}

// The storage root `d` leaves its account with: its slot writes applied to `storage`, the
// account's storage trie before the diff. Appends the trie's new nodes to `new_nodes` if set.
Result<Hash256, StatelessError> apply_storage(trie::PartialTrie storage,
                                              const state::AccountDiff& d,
                                              std::vector<Bytes>* new_nodes)
{
    for (const auto& [key, value] : d.storage) {
        const Hash256 hashed = keccak256(key);
        if (value.is_zero()) {
            const auto erased = storage.erase(hashed);
            if (!erased) return unexpected(trie_error(erased.error(), d.address, key));
        } else {
            const auto put = storage.put(hashed, state::encode_storage_value(value));
            if (!put) return unexpected(trie_error(put.error(), d.address, key));
        }
    }
    if (new_nodes != nullptr) storage.collect_new_nodes(*new_nodes);
    return storage.root_hash();
}

// The diff applied to `accounts` (the pre-state account trie), in the documented order;
// `storage_trie(root)` gives the pre-state storage trie of that root. Appends every updated
// trie's new nodes to `new_nodes` if set.
template <typename StorageTrie>
Result<Hash256, StatelessError> apply_diff(trie::PartialTrie& accounts,
                                           const state::StateDiff& diff,
                                           const StorageTrie& storage_trie,
                                           std::vector<Bytes>* new_nodes = nullptr)
{
    for (const Address& addr : diff.deleted_accounts) {
        if (is_modified(diff, addr)) continue;
        const auto erased = accounts.erase(keccak256(addr));
        if (!erased) return unexpected(trie_error(erased.error(), addr));
    }

    for (const state::AccountDiff& d : diff.modified_accounts) {
        if (d.code && keccak256(*d.code) != d.code_hash) {
            StatelessError err;
            err.code = StatelessErrorCode::kCodeHashMismatch;
            err.address = d.address;
            err.got = keccak256(*d.code);
            err.expected = d.code_hash;
            return unexpected(err);
        }
        const Hash256 key = keccak256(d.address);
        Hash256 storage_root = trie::kEmptyRoot;
        if (!is_deleted(diff, d.address)) {
            const auto leaf = accounts.get(key);
            if (!leaf) return unexpected(trie_error(leaf.error(), d.address));
            if (leaf->has_value()) {
                const auto account = state::decode_account(**leaf);
                if (!account) {
                    StatelessError err;
                    err.code = StatelessErrorCode::kMalformedAccount;
                    err.cause = account.error();
                    err.address = d.address;
                    return unexpected(err);
                }
                storage_root = account->storage_root;
            }
        }
        if (!d.storage.empty()) {
            ULTRA_TRY(storage_root, apply_storage(storage_trie(storage_root), d, new_nodes));
        }
        const state::AccountInfo info{d.nonce, d.balance, d.code_hash};
        const auto put = accounts.put(key, state::encode_account(info, storage_root));
        if (!put) return unexpected(trie_error(put.error(), d.address));
    }

    if (new_nodes != nullptr) accounts.collect_new_nodes(*new_nodes);
    return accounts.root_hash();
}

}  // namespace

Result<Hash256, StatelessError> compute_post_state_root(const trie::NodeSource& nodes,
                                                        const Hash256& pre_state_root,
                                                        const state::StateDiff& diff,
                                                        trie::HashCheck check)
{
    trie::PartialTrie accounts{nodes, pre_state_root, check};
    return apply_diff(accounts, diff, [&](const Hash256& root) {
        return trie::PartialTrie{nodes, root, check};
    });
}

Result<Hash256, StatelessError> compute_post_state_root(const trie::NodeSource& nodes,
                                                        const Hash256& pre_state_root,
                                                        const state::StateDiff& diff,
                                                        std::vector<Bytes>& new_nodes,
                                                        trie::HashCheck check)
{
    trie::PartialTrie accounts{nodes, pre_state_root, check};
    return apply_diff(
        accounts, diff,
        [&](const Hash256& root) {
            return trie::PartialTrie{nodes, root, check};
        },
        &new_nodes);
}

Result<Hash256, StatelessError> compute_post_state_root(const WitnessStateView& pre,
                                                        const state::StateDiff& diff)
{
    // Start from the view's revealed tries (copies: the view stays the pre-state), so that
    // nothing is decoded twice. A trie revealed in advance needs exactly the nodes a lazily
    // revealed one does: revealing changes no contents, and a node the witness lacks is a stub
    // in both. The node set keys every node by its own hash: nothing to re-hash.
    trie::PartialTrie accounts = pre.account_trie();
    return apply_diff(accounts, diff, [&](const Hash256& root) {
        const trie::PartialTrie* revealed = pre.storage_trie(root);
        return revealed != nullptr
                   ? *revealed
                   : trie::PartialTrie{pre.nodes(), root, trie::HashCheck::kTrusted};
    });
}

}  // namespace ultra::stateless
