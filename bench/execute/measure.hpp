// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Timing of EXECUTE's verify() on one input, and of the same work split into its phases.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/execute/verify.hpp>

namespace ultra::bench {

/// Seconds of one phase or run: the calling thread's CPU time and the wall time.
struct Seconds
{
    double cpu = 0;   ///< CLOCK_THREAD_CPUTIME_ID: what the thread itself used
    double wall = 0;  ///< steady_clock: includes time other processes took the core
};

/// verify()'s work in the order validate_block() does it, each phase timed on its own:
struct Split
{
    /// decode_input() (the ABI), decode_trace() (header, every transaction, the witness lists)
    /// and WitnessBlockHashes::make() (decoding and hashing the witness headers).
    Seconds decode;
    /// Building the WitnessStateView: hashing every witness node and code, revealing the
    /// account trie and the storage tries from the pre-state root.
    Seconds trie;
    /// execution::state_transition() without the post-state root: header validation, the
    /// transactions root, sender recovery, the system calls, every transaction, receipts root
    /// and bloom.
    Seconds execution;
    /// compute_post_state_root() on the revealed tries (what state_transition() asks its
    /// StateRootProvider for).
    Seconds root;
    /// Part of `execution`, timed on its own: recovering every transaction's sender
    /// (recover_sender(), which validate_transaction() calls once per transaction), in a
    /// separate loop over the decoded transactions.
    Seconds senders;

    /// The sum of the four phases (`senders` is inside `execution`).
    [[nodiscard]] Seconds total() const noexcept;
};

/// The figures of one EXECUTE input.
struct Measurement
{
    uint64_t gas_used = 0;     ///< the input's claimed (and the header's) gas used
    size_t transactions = 0;   ///< in the trace
    size_t input_bytes = 0;    ///< the ABI-encoded input
    size_t trace_bytes = 0;    ///< the RLP trace inside it
    size_t witness_bytes = 0;  ///< the RLP witness [nodes, codes, headers] inside the trace
    size_t nodes = 0;          ///< witness trie nodes
    size_t node_bytes = 0;     ///< their total size
    size_t codes = 0;          ///< witness codes
    size_t code_bytes = 0;     ///< their total size
    size_t header_bytes = 0;   ///< the witness headers' total size
    unsigned repetitions = 0;  ///< how many timed runs each median is of
    Seconds verify;            ///< median of verify(BytesView) (ABI decoding included)
    Split split;               ///< the median of each phase, over as many runs
    double verify_spread = 0;  ///< (max - min) / median of the verify() CPU times

    /// Mgas per second of verify()'s median CPU time.
    [[nodiscard]] double mgas_per_cpu_second() const noexcept;
    /// Mgas per second of verify()'s median wall time.
    [[nodiscard]] double mgas_per_wall_second() const noexcept;
    /// Witness bytes per Mgas of gas used.
    [[nodiscard]] double witness_bytes_per_mgas() const noexcept;
};

/// Checks that verify(`input`, `ctx`) says valid (an error message otherwise, with nothing
/// timed), then times it `repetitions` times and the split as many times, alternating, and
/// keeps the medians. The split's run must reach the same state root as the header (a
/// divergence is an error).
[[nodiscard]] Result<Measurement, std::string> measure(BytesView input,
                                                       const execute::VerifyContext& ctx,
                                                       unsigned repetitions);

}  // namespace ultra::bench
