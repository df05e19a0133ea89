// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/state/state_diff.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <ultra/trie/proof.hpp>
#include <vector>

#include "errors.hpp"
#include "witness_state_view.hpp"

namespace ultra::stateless {

/// The state root after applying `diff` to the state of root `pre_state_root` whose trie nodes
/// `nodes` holds (reth StatelessTrie::calculate_state_root): the account trie and the storage
/// tries are PartialTries revealed from `nodes`, updated in a fixed order, then hashed.
///
/// The order (StateDiff's contract, sorted, so that the nodes needed are a function of the
/// diff alone):
/// 1. every deleted account that the diff does not also modify is erased, in address order;
/// 2. every modified account, in address order: its storage trie (empty when the account was
///    deleted, else the one its pre-state leaf names) gets the diff's slot writes in key order
///    (a zero value erases the slot), then the account leaf is written with the new storage
///    root. An account both deleted and modified is thus overwritten rather than erased first:
///    the result is the same, and erasing it could need a collapse sibling for nothing.
///
/// Errors: kMissingNode when a node on an updated key's path, or the remaining child of a
/// branch that a deletion collapses, is not in `nodes` (never a guess, never a different
/// root); kInvalidNode, kMalformedAccount as for reads; kCodeHashMismatch when an entry's new
/// code does not hash to its code hash. Precondition: `diff` follows StateDiff's contract
/// (sorted lists).
[[nodiscard]] Result<Hash256, StatelessError> compute_post_state_root(
    const trie::NodeSource& nodes,
    const Hash256& pre_state_root,
    const state::StateDiff& diff,
    trie::HashCheck check = trie::HashCheck::kVerify);

/// compute_post_state_root() that also appends to `new_nodes` the RLP of every account-trie and
/// storage-trie node the diff created or changed and the post-state still references by hash
/// (PartialTrie::collect_new_nodes() of each updated trie): with the nodes of the pre-state, they
/// are every node of the post-state, so a node database that stores them can serve the
/// post-state root in turn (storage/'s archive of trie nodes). A node may be listed twice, or
/// be one the source already has (a subtree changed back, two equal storage tries); keyed by
/// hash, storing it again is harmless. On error `new_nodes` holds an unspecified prefix: discard
/// it. Same root and errors as the overload without `new_nodes`.
[[nodiscard]] Result<Hash256, StatelessError> compute_post_state_root(
    const trie::NodeSource& nodes,
    const Hash256& pre_state_root,
    const state::StateDiff& diff,
    std::vector<Bytes>& new_nodes,
    trie::HashCheck check = trie::HashCheck::kVerify);

/// compute_post_state_root() over the witness of `pre` (its nodes and pre-state root).
[[nodiscard]] Result<Hash256, StatelessError> compute_post_state_root(const WitnessStateView& pre,
                                                                      const state::StateDiff& diff);

}  // namespace ultra::stateless
