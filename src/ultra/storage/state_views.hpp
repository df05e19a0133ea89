// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/state/state_view.hpp>
#include <ultra/stateless/errors.hpp>
#include <vector>

#include "encoding.hpp"

namespace ultra::storage {

namespace detail {
struct Database;
class Snapshot;
}  // namespace detail

/// The state after the head block, read from the flat tables (`accounts`, `storage`, `code`):
/// one RocksDB lookup per read, whatever the size of the state. Made by
/// ChainStore::state_view_at_head().
///
/// Consistency: the view reads a RocksDB snapshot taken when it was made, so it keeps showing
/// the state of head() even while later blocks are committed (and it is the state a block built
/// on head() executes against). Holding a view pins the data of that snapshot: drop views when
/// done. Thread-safe (StateView's contract); may outlive its ChainStore.
///
/// Errors: kStorageFailure when RocksDB fails or a stored account does not decode;
/// kMissingData only for a code hash that no account ever had.
class HeadStateView final : public state::StateView
{
public:
    /// A view of `db` at `snapshot`, whose head (std::nullopt before the genesis) is `head`.
    /// Use ChainStore::state_view_at_head().
    HeadStateView(std::shared_ptr<const detail::Database> db,
                  std::shared_ptr<const detail::Snapshot> snapshot,
                  std::optional<ChainHead> head) noexcept;
    ~HeadStateView() override;

    /// The account at `addr`, or std::nullopt.
    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override;
    /// The slot's value, zero when absent.
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override;
    /// The code of that hash; empty for kEmptyHash.
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override;
    /// Whether the account's storage root is not the empty root.
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override;

    /// The account with its storage root, or std::nullopt (what eth_getProof reports besides
    /// the proof).
    [[nodiscard]] Result<std::optional<state::DecodedAccount>, state::StateError> account_with_root(
        const Address& addr) const;

    /// The head whose post-state this view shows; std::nullopt for an empty store (the view
    /// is then the empty state).
    [[nodiscard]] const std::optional<ChainHead>& head() const noexcept { return head_; }

private:
    std::shared_ptr<const detail::Database> db_;
    std::shared_ptr<const detail::Snapshot> snapshot_;
    std::optional<ChainHead> head_;
};

/// The state of any stored state root, read by walking the archived trie nodes from that root
/// (eth_getBalance & co. at an old block, eth_getProof). Each read costs one RocksDB lookup per
/// trie level (about 7 for the account, 7 more for a slot, on a state of millions of accounts),
/// and every node fetched is re-hashed against its reference. Made by
/// ChainStore::state_view_at(). Thread-safe; may outlive its ChainStore.
///
/// Errors: kMissingData when a node under the root is not stored (an unknown state root, or a
/// root that was never committed); kStorageFailure when RocksDB fails or a node or leaf does not
/// decode or does not hash to its reference.
class TrieStateView final : public state::StateView
{
public:
    /// A view of the state whose root is `state_root` in `db`. Use ChainStore::state_view_at().
    TrieStateView(std::shared_ptr<const detail::Database> db, const Hash256& state_root) noexcept;
    ~TrieStateView() override;

    /// The account at `addr`, or std::nullopt.
    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override;
    /// The slot's value, zero when absent.
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override;
    /// The code of that hash; empty for kEmptyHash.
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override;
    /// Whether the account's storage root is not the empty root.
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override;

    /// The account with its storage root, or std::nullopt.
    [[nodiscard]] Result<std::optional<state::DecodedAccount>, state::StateError> account_with_root(
        const Address& addr) const;

    /// The root this view reads.
    [[nodiscard]] const Hash256& state_root() const noexcept { return state_root_; }

private:
    std::shared_ptr<const detail::Database> db_;
    Hash256 state_root_;
};

/// The incremental state root over the archived trie nodes (the store's StateRootProvider): the
/// parent's account trie and the storage tries the diff touches are PartialTries revealed from
/// the `trie_nodes` table, so a root costs O(changes × depth) lookups and hashes, not O(state)
/// (stateless::compute_post_state_root() over a NodeSource of the table). It also yields the
/// trie nodes the post-state adds, which ChainStore::commit_block() persists.
///
/// Use: make one per block with ChainStore::state_roots(parent state root), hand it to
/// execution::state_transition() (or call state_root() while building a block), then commit
/// with new_nodes(). Each state_root() call starts again from the parent: the nodes kept are
/// those of the last call. Not thread-safe (one block, one thread).
class TrieStateRoots final : public execution::StateRootProvider
{
public:
    /// Roots over the state of `parent_state_root` in `db`. Use ChainStore::state_roots().
    TrieStateRoots(std::shared_ptr<const detail::Database> db,
                   const Hash256& parent_state_root) noexcept;
    ~TrieStateRoots() override;

    /// The parent's root with `diff` applied (StateDiff's contract). kMissingData when a node
    /// the update needs is not stored (the parent root is unknown); kStorageFailure when RocksDB
    /// fails or a stored node is damaged. last_error() then says exactly what happened.
    [[nodiscard]] Result<Hash256, state::StateError> state_root(
        const state::StateDiff& diff) override;

    /// The trie nodes of the last successful state_root(): what commit_block() must store.
    [[nodiscard]] const std::vector<Bytes>& new_nodes() const noexcept { return new_nodes_; }

    /// new_nodes(), moved out.
    [[nodiscard]] std::vector<Bytes> take_new_nodes() noexcept { return std::move(new_nodes_); }

    /// The structured error of the last failed state_root(), if it failed.
    [[nodiscard]] const std::optional<stateless::StatelessError>& last_error() const noexcept
    {
        return last_error_;
    }

    /// The root this provider updates.
    [[nodiscard]] const Hash256& parent_state_root() const noexcept { return parent_state_root_; }

private:
    std::shared_ptr<const detail::Database> db_;
    Hash256 parent_state_root_;
    std::vector<Bytes> new_nodes_;
    std::optional<stateless::StatelessError> last_error_;
};

/// BLOCKHASH over the `canonical` table: the hash of any committed block number. Thread-safe;
/// may outlive its ChainStore. Numbers above the head are kMissingData (the caller asks only
/// for ancestors).
class CanonicalBlockHashes final : public state::BlockHashes
{
public:
    /// Hashes from `db`. Use ChainStore::block_hashes().
    explicit CanonicalBlockHashes(std::shared_ptr<const detail::Database> db) noexcept;
    ~CanonicalBlockHashes() override;

    /// The canonical hash of block `number`.
    [[nodiscard]] Result<Hash256, state::StateError> block_hash(uint64_t number) const override;

private:
    std::shared_ptr<const detail::Database> db_;
};

}  // namespace ultra::storage
