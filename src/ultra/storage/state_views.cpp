// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "state_views.hpp"

#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/stateless/state_root.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/trie/proof.hpp>

#include "database.hpp"

namespace ultra::storage {
namespace {

using detail::Table;
using state::StateError;

// The flat `storage` table's key: address ‖ slot.
Bytes storage_key(const Address& addr, const Bytes32& key)
{
    Bytes k{addr.view()};
    k.append(key.view());
    return k;
}

// A stored account value (the trie leaf: account RLP with its storage root).
Result<std::optional<state::DecodedAccount>, StateError> decode_stored_account(
    const std::optional<Bytes>& value)
{
    if (!value) return std::optional<state::DecodedAccount>{};
    auto decoded = state::decode_account(*value);
    if (!decoded) return unexpected(StateError::kStorageFailure);
    return std::optional<state::DecodedAccount>{*decoded};
}

// A read through the trie nodes: a missing node is missing data (an unknown root), unless the
// database failed; any other trie error means a damaged node.
StateError trie_read_error(trie::ProofError e, const detail::DbNodeSource& source)
{
    if (e == trie::ProofError::kMissingNode && !source.failure()) return StateError::kMissingData;
    return StateError::kStorageFailure;
}

Result<Bytes, StateError> read_code(const detail::Database& db,
                                    const Hash256& code_hash,
                                    const rocksdb::Snapshot* snapshot)
{
    if (code_hash == kEmptyHash) return Bytes{};
    const auto value = db.get(Table::kCode, code_hash, snapshot);
    if (!value) return unexpected(StateError::kStorageFailure);
    if (!*value) return unexpected(StateError::kMissingData);
    return std::move(**value);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// HeadStateView
// ---------------------------------------------------------------------------------------------

HeadStateView::HeadStateView(std::shared_ptr<const detail::Database> db,
                             std::shared_ptr<const detail::Snapshot> snapshot,
                             std::optional<ChainHead> head) noexcept
    : db_{std::move(db)}, snapshot_{std::move(snapshot)}, head_{head}
{}

HeadStateView::~HeadStateView() = default;

Result<std::optional<state::DecodedAccount>, StateError> HeadStateView::account_with_root(
    const Address& addr) const
{
    const auto value = db_->get(Table::kAccounts, addr, snapshot_->get());
    if (!value) return unexpected(StateError::kStorageFailure);
    return decode_stored_account(*value);
}

Result<std::optional<state::AccountInfo>, StateError> HeadStateView::account(
    const Address& addr) const
{
    ULTRA_TRY(const auto acc, account_with_root(addr));
    if (!acc) return std::optional<state::AccountInfo>{};
    return std::optional<state::AccountInfo>{acc->info};
}

Result<Bytes32, StateError> HeadStateView::storage(const Address& addr, const Bytes32& key) const
{
    const auto value = db_->get(Table::kStorage, storage_key(addr, key), snapshot_->get());
    if (!value) return unexpected(StateError::kStorageFailure);
    if (!*value) return Bytes32{};
    if ((*value)->size() != 32) return unexpected(StateError::kStorageFailure);
    return Bytes32::from_view(**value);
}

Result<Bytes, StateError> HeadStateView::code(const Hash256& code_hash) const
{
    return read_code(*db_, code_hash, snapshot_->get());
}

Result<bool, StateError> HeadStateView::has_storage(const Address& addr) const
{
    ULTRA_TRY(const auto acc, account_with_root(addr));
    return acc.has_value() && acc->storage_root != trie::kEmptyRoot;
}

// ---------------------------------------------------------------------------------------------
// TrieStateView
// ---------------------------------------------------------------------------------------------

TrieStateView::TrieStateView(std::shared_ptr<const detail::Database> db,
                             const Hash256& state_root) noexcept
    : db_{std::move(db)}, state_root_{state_root}
{}

TrieStateView::~TrieStateView() = default;

Result<std::optional<state::DecodedAccount>, StateError> TrieStateView::account_with_root(
    const Address& addr) const
{
    const detail::DbNodeSource source{*db_};
    const auto leaf = trie::get(source, state_root_, keccak256(addr));
    if (!leaf) return unexpected(trie_read_error(leaf.error(), source));
    return decode_stored_account(*leaf);
}

Result<std::optional<state::AccountInfo>, StateError> TrieStateView::account(
    const Address& addr) const
{
    ULTRA_TRY(const auto acc, account_with_root(addr));
    if (!acc) return std::optional<state::AccountInfo>{};
    return std::optional<state::AccountInfo>{acc->info};
}

Result<Bytes32, StateError> TrieStateView::storage(const Address& addr, const Bytes32& key) const
{
    ULTRA_TRY(const auto acc, account_with_root(addr));
    if (!acc || acc->storage_root == trie::kEmptyRoot) return Bytes32{};
    const detail::DbNodeSource source{*db_};
    const auto leaf = trie::get(source, acc->storage_root, keccak256(key));
    if (!leaf) return unexpected(trie_read_error(leaf.error(), source));
    if (!*leaf) return Bytes32{};
    const auto value = state::decode_storage_value(**leaf);
    if (!value) return unexpected(StateError::kStorageFailure);
    return *value;
}

Result<Bytes, StateError> TrieStateView::code(const Hash256& code_hash) const
{
    return read_code(*db_, code_hash, nullptr);
}

Result<bool, StateError> TrieStateView::has_storage(const Address& addr) const
{
    ULTRA_TRY(const auto acc, account_with_root(addr));
    return acc.has_value() && acc->storage_root != trie::kEmptyRoot;
}

// ---------------------------------------------------------------------------------------------
// TrieStateRoots
// ---------------------------------------------------------------------------------------------

TrieStateRoots::TrieStateRoots(std::shared_ptr<const detail::Database> db,
                               const Hash256& parent_state_root) noexcept
    : db_{std::move(db)}, parent_state_root_{parent_state_root}
{}

TrieStateRoots::~TrieStateRoots() = default;

Result<Hash256, StateError> TrieStateRoots::state_root(const state::StateDiff& diff)
{
    new_nodes_.clear();
    last_error_.reset();
    const detail::DbNodeSource source{*db_};
    std::vector<Bytes> nodes;
    // Nodes are re-hashed on the way in: a damaged node is reported, never built upon.
    auto root = stateless::compute_post_state_root(source, parent_state_root_, diff, nodes,
                                                   trie::HashCheck::kVerify);
    if (!root) {
        last_error_ = root.error();
        const bool missing =
            root.error().code == stateless::StatelessErrorCode::kMissingNode && !source.failure();
        return unexpected(missing ? StateError::kMissingData : StateError::kStorageFailure);
    }
    new_nodes_ = std::move(nodes);
    return *root;
}

// ---------------------------------------------------------------------------------------------
// CanonicalBlockHashes
// ---------------------------------------------------------------------------------------------

CanonicalBlockHashes::CanonicalBlockHashes(std::shared_ptr<const detail::Database> db) noexcept
    : db_{std::move(db)}
{}

CanonicalBlockHashes::~CanonicalBlockHashes() = default;

Result<Hash256, StateError> CanonicalBlockHashes::block_hash(uint64_t number) const
{
    const auto value = db_->get(Table::kCanonical, block_num_key(number));
    if (!value) return unexpected(StateError::kStorageFailure);
    if (!*value) return unexpected(StateError::kMissingData);
    if ((*value)->size() != 32) return unexpected(StateError::kStorageFailure);
    return Hash256::from_view(**value);
}

}  // namespace ultra::storage
