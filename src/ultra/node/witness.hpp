// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/stateless/witness.hpp>

namespace ultra::node {

class Node;

/// The execution witness of the stored block `block_hash` (debug_executionWitness): the block
/// is executed again with execution::state_transition() over its parent's state, read from the
/// archived trie nodes (storage::TrieStateView) through a view that records every account,
/// slot, code and BLOCKHASH read; then the witness is what a stateless validator fetches for
/// those reads and for the post-state root: the trie nodes on the paths of the accounts and
/// slots read, of the keys the block writes, and the siblings its deletions collapse (found by
/// replaying the reads and stateless::compute_post_state_root() over the stored nodes and
/// recording each node fetched), the codes read, the keys (addresses, then slots), and the
/// headers from the oldest block BLOCKHASH read (else the parent) to the parent, oldest first.
/// stateless::validate_block() accepts the block from it alone.
///
/// Runs on the calling thread: call it on a thread with a large stack (run_on_large_stack())
/// when the block may nest EXECUTE. Errors (English): an unknown block, the genesis (it has no
/// parent), a re-execution that does not reproduce the stored block, a storage failure.
[[nodiscard]] Result<stateless::ExecutionWitness, std::string> block_witness(
    const Node& node,
    const Hash256& block_hash);

/// The execution witness of `block`, whose parent is stored but which need not be (a payload
/// the rollup proposer is about to settle): as above.
[[nodiscard]] Result<stateless::ExecutionWitness, std::string> block_witness(const Node& node,
                                                                             const Block& block);

}  // namespace ultra::node
