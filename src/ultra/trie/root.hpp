// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <ultra/core/bytes.hpp>

/// One-shot trie roots over a batch of key/value pairs: the fast path for the state root of a
/// full state, and the transactions, receipts and withdrawals roots of a block. The builder sorts
/// the keys and then hashes the trie bottom-up in one pass, writing every node into one reused
/// buffer: no node objects, no per-node allocation. It agrees with MerklePatriciaTrie::root_hash()
/// over the same key/value set.
namespace ultra::trie {

/// A key/value pair by view; the bytes are owned by the caller.
struct KeyValue
{
    BytesView key;    ///< the trie key (any length)
    BytesView value;  ///< the value; empty means absent
};

/// The root of the trie holding `entries` (execution-specs trie.py root()). Sorts `entries` in
/// place. Entries with an empty value are absent (as with trie_set()). Precondition: keys are
/// unique (checked with ULTRA_ASSERT).
[[nodiscard]] Hash256 root(std::span<KeyValue> entries);

/// The root of the trie holding `entries`, which must already be sorted by key, strictly
/// ascending (byte-wise), with non-empty values (both checked with ULTRA_ASSERT).
[[nodiscard]] Hash256 root_sorted(std::span<const KeyValue> entries);

/// The root of the secure trie holding `entries`: each key replaced by keccak256(key) (the
/// state trie and the storage tries). Precondition: keys are unique.
[[nodiscard]] Hash256 secure_root(std::span<const KeyValue> entries);

/// The root of the trie mapping RLP(i) to values[i] (execution-specs: the transactions,
/// receipts and withdrawals tries of a block; each value is the item's encoding). An empty
/// value is absent. No sorting: the RLP keys are emitted directly in byte order.
[[nodiscard]] Hash256 ordered_trie_root(std::span<const Bytes> values);

/// ordered_trie_root() over views.
[[nodiscard]] Hash256 ordered_trie_root(std::span<const BytesView> values);

}  // namespace ultra::trie
