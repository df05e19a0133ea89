// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/state/account.hpp>
#include <ultra/state/state_view.hpp>
#include <ultra/trie/hash_index.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <ultra/trie/proof.hpp>
#include <unordered_map>
#include <vector>

#include "errors.hpp"
#include "witness.hpp"

namespace ultra::stateless {

/// Where the slots of an account are read from (WitnessStateView::storage_location()).
struct StorageLocation
{
    /// The account's storage root; kEmptyRoot for an account without storage or proven absent.
    Hash256 root = trie::kEmptyRoot;
    /// The view's revealed storage trie of that root, or nullptr (then reads walk the nodes).
    const trie::PartialTrie* trie = nullptr;
};

/// The pre-state of a block as an execution witness proves it (reth crates/stateless trie.rs +
/// witness_db.rs): a StateView whose every answer is established by the witness's nodes from
/// the pre-state root, or is an error (GUIDE rule 4) — never a default:
/// - account(addr): the account trie leaf at keccak256(addr), or its proven absence;
/// - storage(addr, key): the leaf at keccak256(key) of the storage trie whose root the
///   account holds (zero for a proven-absent slot or account);
/// - code(hash): the witness code with that keccak256 (kEmptyHash: empty code);
/// - has_storage(addr): whether the account's storage root is not the empty root.
/// Every read the nodes cannot prove (a missing node, a node that is not a canonical trie
/// node, a leaf that does not decode, an unknown code) is StateError::kMissingData; the read_*
/// methods give the structured StatelessError behind it.
///
/// Construction hashes every node and code once (the node set is keyed by those hashes, so
/// nothing is re-hashed later) and decodes, once, every node reachable from the pre-state root
/// and from the storage roots of the accounts found: the account trie and those storage tries
/// become PartialTries revealed as far as the witness goes (reveal_all()), so reads decode
/// nothing, and every account leaf revealed is decoded once and kept by its key, so that a
/// read of a proven account (or of one of its slots) starts at its storage trie. Nothing is
/// rejected up front: a read reaching a node the witness lacks or that is not a canonical trie
/// node fails then, and unused or garbage entries are harmless. Reads do not change the view:
/// it is safe for concurrent const use.
///
/// Lifetime: the view keeps views into the witness's nodes and codes, not copies, so the
/// ExecutionWitness must outlive it and not change meanwhile (validate_block() builds the view
/// over the witness it was given; a temporary witness is rejected at compile time). Move-only
/// (the tries point into its node set).
class WitnessStateView final : public state::StateView
{
public:
    /// The state of root `pre_state_root` as proven by `witness` (its nodes and codes; headers
    /// and keys are not used here), which must outlive the view.
    WitnessStateView(const ExecutionWitness& witness, const Hash256& pre_state_root);
    /// Not from a temporary: the view would point into freed nodes.
    WitnessStateView(ExecutionWitness&& witness, const Hash256& pre_state_root) = delete;

    // --- StateView -----------------------------------------------------------------------------

    /// The account at `addr`, nullopt when proven absent; kMissingData when not proven.
    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override;
    /// The slot's value, zero when proven absent (or the account proven absent).
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override;
    /// The witness code with that hash; empty for kEmptyHash; kMissingData when not in it.
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override;
    /// Whether the account's storage root is not the empty root; false for an absent account.
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override;

    // --- Structured reads ----------------------------------------------------------------------

    /// The account at `addr` with its storage root, nullopt when proven absent. Errors:
    /// kMissingNode, kInvalidNode, kMalformedAccount.
    [[nodiscard]] Result<std::optional<state::DecodedAccount>, StatelessError> read_account(
        const Address& addr) const;
    /// The slot's value (zero when absent). Errors: read_account()'s, and kMissingNode,
    /// kInvalidNode, kMalformedStorageValue in the storage trie.
    [[nodiscard]] Result<Bytes32, StatelessError> read_storage(const Address& addr,
                                                               const Bytes32& key) const;
    /// Where the slots of the account at `addr` are (read_storage(addr, key) is
    /// read_storage(storage_location(addr), addr, key)): for a caller that reads several
    /// slots of one account and keeps it. Errors: read_account()'s.
    [[nodiscard]] Result<StorageLocation, StatelessError> storage_location(
        const Address& addr) const;
    /// The slot's value (zero when absent) in the storage `at`, which storage_location(addr)
    /// gave for this view. Errors: kMissingNode, kInvalidNode, kMalformedStorageValue (with
    /// `addr` and `key`).
    [[nodiscard]] Result<Bytes32, StatelessError> read_storage(const StorageLocation& at,
                                                               const Address& addr,
                                                               const Bytes32& key) const;
    /// The storage location of an account read_account() gave.
    [[nodiscard]] StorageLocation storage_location(const state::DecodedAccount& account) const;
    /// The code with that hash, as a view valid while this view lives. Error: kMissingCode.
    [[nodiscard]] Result<BytesView, StatelessError> read_code(const Hash256& code_hash) const;

    // --- Inspection ----------------------------------------------------------------------------

    /// The pre-state root the view reads from.
    [[nodiscard]] const Hash256& state_root() const noexcept { return state_root_; }
    /// The witness's trie nodes, keyed by their keccak256 (what the tries reveal from).
    [[nodiscard]] const trie::NodeSource& nodes() const noexcept { return *nodes_; }
    /// The pre-state account trie, revealed as far as the witness goes.
    [[nodiscard]] const trie::PartialTrie& account_trie() const noexcept { return accounts_; }
    /// The revealed storage trie of root `storage_root`, or nullptr when the witness does not
    /// hold its root node under a proven account (reads then walk the node set directly).
    [[nodiscard]] const trie::PartialTrie* storage_trie(const Hash256& storage_root) const;

private:
    /// An account leaf of the revealed account trie, decoded once.
    struct KnownAccount
    {
        state::DecodedAccount account;
        const trie::PartialTrie* storage = nullptr;  // its revealed storage trie, if any
    };

    /// The decoded leaf at `hashed` (keccak256 of the address) when the account trie revealed
    /// it, else nullptr (absent, not proven, or not an account: read_account() says which).
    [[nodiscard]] const KnownAccount* known(const Hash256& hashed) const;
    /// read_account() of the account whose key is `hashed`.
    [[nodiscard]] Result<std::optional<state::DecodedAccount>, StatelessError> read_account(
        const Address& addr,
        const Hash256& hashed) const;

    Hash256 state_root_;
    // Views into the witness's nodes; on the heap: the tries keep its address.
    std::unique_ptr<trie::NodeViewSet> nodes_;
    trie::PartialTrie accounts_;
    // By storage root. Node-based: KnownAccount::storage points into it.
    std::unordered_map<Hash256, trie::PartialTrie, FixedBytesHash> storage_;
    // Every revealed account leaf by its key (keccak256 of the address): a read of a known
    // account starts at its storage trie, without walking the account trie again.
    trie::HashIndex<KnownAccount> known_;
    trie::HashIndex<BytesView> codes_;  // views into the witness's codes
};

/// The pre-state reads of one block's execution over a WitnessStateView, from one thread (what
/// validate_block() hands to state_transition()): the view's answers, and
/// - the structured reason of the first read the view could not answer (first_error());
/// - each account's StorageLocation, kept by address once the account or one of its slots is
///   read, so that further slot reads of that account start at its storage trie instead of
///   hashing the address and looking the account up again.
/// Not thread-safe (it remembers); one per validation. The view must outlive it.
class WitnessReads final : public state::StateView
{
public:
    /// Reads from `view`.
    explicit WitnessReads(const WitnessStateView& view) noexcept : view_{view} {}
    /// Not from a temporary view.
    explicit WitnessReads(WitnessStateView&& view) = delete;

    /// WitnessStateView::account().
    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override;
    /// WitnessStateView::storage().
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override;
    /// WitnessStateView::code().
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override;
    /// WitnessStateView::has_storage().
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override;

    /// The reason of the first read that failed, if any.
    [[nodiscard]] const std::optional<StatelessError>& first_error() const noexcept
    {
        return first_error_;
    }

private:
    template <typename T>
    Result<T, state::StateError> answer(Result<T, StatelessError> r) const;
    Result<StorageLocation, StatelessError> location(const Address& addr) const;

    const WitnessStateView& view_;
    mutable std::unordered_map<Address, StorageLocation, FixedBytesHash> locations_;
    mutable std::optional<StatelessError> first_error_;
};

/// The hashes of the ancestors an execution witness carries (its `headers`), for BLOCKHASH:
/// header i's hash is keccak256 of its RLP as given. Built only from a contiguous chain: each
/// header's number is its predecessor's plus one and its parent hash its predecessor's hash.
/// block_hash(n) answers for the numbers of those headers and is kMissingData for any other.
class WitnessBlockHashes final : public state::BlockHashes
{
public:
    /// Decodes and links `headers` (oldest first, at most kMaxWitnessHeaders). Errors:
    /// kTooManyHeaders, kMalformedHeader (got: the index), kHeaderNumberMismatch,
    /// kHeaderParentMismatch. An empty list is allowed (then every number is kMissingData);
    /// requiring the parent is the block validator's business.
    [[nodiscard]] static Result<WitnessBlockHashes, StatelessError> make(
        std::span<const Bytes> headers);

    /// The hash of block `number` when it is one of the headers, else kMissingData.
    [[nodiscard]] Result<Hash256, state::StateError> block_hash(uint64_t number) const override;

    /// The decoded headers, oldest first.
    [[nodiscard]] const std::vector<BlockHeader>& headers() const noexcept { return headers_; }
    /// The headers' hashes, in the same order.
    [[nodiscard]] const std::vector<Hash256>& hashes() const noexcept { return hashes_; }
    /// The newest header (the parent of the block to execute), or nullptr when there is none.
    [[nodiscard]] const BlockHeader* last() const noexcept
    {
        return headers_.empty() ? nullptr : &headers_.back();
    }

private:
    std::vector<BlockHeader> headers_;
    std::vector<Hash256> hashes_;
};

}  // namespace ultra::stateless
