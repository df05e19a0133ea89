// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// The rollup sequencer (docs/rollup.md § The rollup node): an L2 Node whose every block is
/// settled on L1 with NativeRollup.advance(), strictly in order. One step():
///   1. catch up: every L2 block after the rollup's head on L1 is submitted (restart safety:
///      the L1 head says what is settled, so nothing is submitted twice and nothing is lost);
///   2. the anchor: the L1 bridge's depositRoot(); when it moved past the L2 bridge's
///      lastDepositRoot, a claimDeposits transaction for the deposits in between (read from
///      L1's Deposit events) is signed by the relayer and pooled on L2;
///   3. one L2 block is mined with parent_beacon_block_root = the anchor and coinbase = the
///      proposer (the contract's Proposer coinbase policy), at a timestamp ≤ L1's;
///   4. it is settled: its witness is recorded and advance() is sent and waited for.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/node/node.hpp>
#include <ultra/node/rollup_l1.hpp>

namespace ultra::node {

/// The per-block choices of the sequencer, shared with the L2 Node's payload hook.
class SequencerAnchor
{
public:
    /// The anchor of the next blocks.
    void set(const Hash256& anchor);
    /// The anchor set last (zero at first).
    [[nodiscard]] Hash256 get() const;

    /// A Node payload hook that gives each block the current anchor as its
    /// parent_beacon_block_root and `coinbase` as its fee recipient. Keeps `self` alive.
    [[nodiscard]] static PayloadHook hook(std::shared_ptr<SequencerAnchor> self,
                                          const Address& coinbase);

private:
    mutable std::mutex mutex_;
    Hash256 anchor_;
};

/// What one step() did.
struct SequencerStep
{
    uint64_t resubmitted = 0;       ///< blocks settled while catching up
    uint64_t block_number = 0;      ///< the new L2 block
    Hash256 block_hash;             ///< its hash
    uint64_t deposits_claimed = 0;  ///< deposits its claim transaction covers
    AdvanceReceipt settlement;      ///< its advance() on L1
};

/// The sequencer over an L2 node opened in MiningMode::kManual with
/// SequencerAnchor::hook(anchor, proposer) as its payload hook. Not thread-safe: one thread
/// calls step().
class RollupSequencer
{
public:
    /// Sequences `l2` (kManual mining), settling through `l1`; `relayer_key` signs the L2
    /// claimDeposits transactions (fund its address in the L2 genesis).
    RollupSequencer(Node& l2,
                    std::shared_ptr<SequencerAnchor> anchor,
                    RollupL1& l1,
                    const Bytes32& relayer_key);

    /// Settles every L2 block after the rollup's L1 head, in order. Returns how many were sent.
    /// Errors: L1 is ahead of this datadir, or settled a block with another hash.
    [[nodiscard]] Result<uint64_t, std::string> catch_up();

    /// Catches up, then makes and settles one block (see the file comment).
    [[nodiscard]] Result<SequencerStep, std::string> step();

    /// Submits L2 block `number` (stored) with advance().
    [[nodiscard]] Result<AdvanceReceipt, std::string> settle(uint64_t number);

private:
    /// Pools the claim of the deposits between the L2 bridge's root and `anchor`. Returns how
    /// many deposits it covers (0: nothing to claim).
    [[nodiscard]] Result<uint64_t, std::string> claim_deposits(const Hash256& anchor);

    Node& l2_;
    std::shared_ptr<SequencerAnchor> anchor_;
    RollupL1& l1_;
    Bytes32 relayer_key_;
};

}  // namespace ultra::node
