// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The EXECUTE benchmark's generated L2 block: a 30M-gas Osaka block of ERC-20 transfers and
// constant-product swaps over a large token state, executed statefully through a
// RecordingStateView and turned into the EXECUTE input an L2 sequencer would post.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/execute/abi.hpp>

namespace ultra::bench {

/// What the mixed block is made of. The defaults are the benchmark's.
struct MixedBlockOptions
{
    /// Token holders: each is a funded EOA of the account trie and holds both tokens, so each
    /// token's storage trie has about this many slots.
    size_t holders = 100'000;
    /// How many of the holders have keys and send the block's transactions (each sends one
    /// transaction while there are fewer transactions than senders).
    size_t senders = 2'000;
    /// The block's gas limit; transactions are added until the next one does not fit.
    uint64_t gas_limit = 30'000'000;
    /// The L2's chain id.
    uint64_t chain_id = 901;
    /// The seed of every random choice (balances, nonces, the transaction mix).
    uint64_t seed = 0x5eed;
    /// Per 100 transactions: how many are token transfers to an existing holder, and how many
    /// to a fresh address (never seen before); the rest are swaps.
    unsigned transfers_existing_percent = 40;
    unsigned transfers_fresh_percent = 20;  ///< see transfers_existing_percent
};

/// What the builder made, besides the input.
struct MixedBlockStats
{
    size_t accounts = 0;            ///< accounts of the pre-state
    size_t storage_slots = 0;       ///< non-zero storage slots of the pre-state (all accounts)
    size_t token_slots = 0;         ///< slots of one token's storage trie (token A)
    size_t transactions = 0;        ///< in the block
    size_t transfers_existing = 0;  ///< token transfers to a holder
    size_t transfers_fresh = 0;     ///< token transfers to a fresh address
    size_t swaps = 0;               ///< pair swaps
    size_t logs = 0;                ///< logs of the block's receipts
    uint64_t gas_transfers_existing = 0;  ///< gas used by the transfers to holders
    uint64_t gas_transfers_fresh = 0;     ///< gas used by the transfers to fresh addresses
    uint64_t gas_swaps = 0;               ///< gas used by the swaps
    uint64_t gas_used = 0;                ///< the header's gas used
    double build_seconds = 0;  ///< wall time to build the state, the block and the witness
};

/// The generated block as EXECUTE sees it.
struct MixedBlock
{
    execute::ExecuteInput input;  ///< chainId, roots, gasUsed and the trace
    Bytes encoded;                ///< encode_input(input): what the L1 contract passes
    MixedBlockStats stats;        ///< how it was made
};

/// Builds the mixed block of `options` for an L1 at revision `rev` of `l1` (the block is built
/// on l2_chain_config(l1, rev, chain id), the chain verify() checks it on):
/// 1. the pre-state: the system contracts, `holders` funded EOAs (the first `senders` with keys
///    derived from a counter), two BenchToken contracts whose storage gives every holder a
///    balance of each token and every sender an unlimited allowance for the pair, and a
///    BenchPair with 10^9 tokens of liquidity on each side (storage written directly, in the
///    contracts' documented layouts);
/// 2. an Osaka genesis header over it, the parent;
/// 3. block 1 built with execution::build_block() over a stateless::RecordingStateView of the
///    pre-state, from signed type-2 transactions in the options' mix until the next one does
///    not fit the gas limit; every receipt must be successful;
/// 4. the witness (make_witness() of the block's diff, the parent as its one header) and the
///    EXECUTE input, encoded as `ultrasound witness` encodes fixture blocks.
/// Errors are English messages (a failed build, a failed transaction).
[[nodiscard]] Result<MixedBlock, std::string> build_mixed_block(const ChainConfig& l1,
                                                                Revision rev,
                                                                const MixedBlockOptions& options);

}  // namespace ultra::bench
