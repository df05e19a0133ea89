// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

/// @file
/// The rollup node's loop (docs/rollup.md § The rollup node): an L2 Node kept equal to what L1
/// settled, and, for a proposing role, one more block per step settled with
/// NativeRollup.advance().
///
/// The L2 chain is L1's: a block enters the L2 datadir only once L1 settled it, either because
/// this node's advance() landed (build_payload(), then commit_payload()) or because it was
/// derived from L1 (another proposer's block, or a block this node settled just before a
/// crash). So two proposers racing for the same number never fork the L2: the loser drops its
/// payload, imports the winner's block, and its transactions wait in its pool for the next one.
///
/// One step():
///   1. sync: import every block L1 settled after the L2 head, in order: the BlockAdvanced event
///      names the L1 transaction whose calldata holds the block (header, transactions); it is
///      re-executed in full (Node::import_block()) and must give the event's hash. A datadir
///      with stored blocks L1 lacks (made by an older version) has them resubmitted; one that
///      disagrees with L1 is an error (it never forks away from L1).
///   2. a follower stops here. A sequencer or proposer checks that it may advance now (Based,
///      on the allow-list, or forcedInclusionOpen()).
///   3. the anchor: L1Bridge.depositRoot() becomes the block's parent_beacon_block_root, with a
///      claimDeposits transaction for the deposits since the L2 bridge's lastDepositRoot
///      (signed by the relayer) as the block's first transaction; then the inbox's unincluded
///      transactions in queue order (forced inclusion), then the pool.
///   4. build on the head at max(head + 1, L1's latest timestamp), record the witness, send
///      advance() and wait for it; commit the block only when L1 took it.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/node/node.hpp>
#include <ultra/node/rollup_l1.hpp>

namespace ultra::node {

/// What a rollup node does.
enum class RollupRole : uint8_t
{
    /// Proposes a block every step (empty ones too), e.g. the allow-listed sequencer of a
    /// Sequenced rollup or the single proposer of a devnet.
    kSequencer,
    /// A based proposer: proposes only when it has something to include (pool transactions,
    /// deposits to claim, overdue inbox transactions) and it may advance; competes with others.
    kProposer,
    /// Derives the chain from L1 only; proposes nothing.
    kFollower,
};

/// "sequencer", "proposer", "follower".
[[nodiscard]] std::string_view to_string(RollupRole role) noexcept;
/// The role named `name` (as to_string() spells it).
[[nodiscard]] std::optional<RollupRole> rollup_role_from_string(std::string_view name) noexcept;

/// The per-block choices of a proposer, shared with the L2 Node's payload hook.
class RollupAnchor
{
public:
    /// The anchor of the next blocks.
    void set(const Hash256& anchor);
    /// The anchor set last (zero at first).
    [[nodiscard]] Hash256 get() const;

    /// A Node payload hook that gives each block the current anchor as its
    /// parent_beacon_block_root and `coinbase` as its fee recipient. Keeps `self` alive.
    [[nodiscard]] static PayloadHook hook(std::shared_ptr<RollupAnchor> self,
                                          const Address& coinbase);

private:
    mutable std::mutex mutex_;
    Hash256 anchor_;
};

/// The L2 block an advance() call carries: its header and transactions (no ommers, and an
/// empty withdrawals list when the header has a withdrawals root). Checks that the claimed
/// post-state root and gas are the header's. Errors name what does not decode.
[[nodiscard]] Result<Block, std::string> block_from_advance(const rollup_abi::AdvanceCall& call);

/// Options of a RollupDriver.
struct RollupDriverOptions
{
    RollupRole role = RollupRole::kSequencer;  ///< what the node does
    /// False: leave the inbox out of the blocks (a censoring sequencer: for testing forced
    /// inclusion only).
    bool include_inbox = true;
};

/// What one step() did.
struct RollupStep
{
    uint64_t imported = 0;     ///< blocks derived from L1 (settled by others, or before a crash)
    uint64_t resubmitted = 0;  ///< stored blocks L1 lacked, settled now
    uint64_t synced_head = 0;  ///< the L2 head after the imports (set when imported > 0)
    /// The block this node proposed and L1 settled in this step, if any.
    std::optional<uint64_t> block_number;
    Hash256 block_hash;                        ///< its hash
    uint64_t deposits_claimed = 0;             ///< deposits its claim transaction covers
    uint64_t inbox_included = 0;               ///< queued L1-inbox transactions it includes
    std::optional<AdvanceReceipt> settlement;  ///< its advance() on L1
    std::string idle;  ///< why nothing was proposed (a follower, not allowed, nothing to do)
};

/// The rollup loop over an L2 node opened in MiningMode::kManual (proposing roles: with
/// RollupAnchor::hook(anchor, proposer) as its payload hook). Not thread-safe: one thread
/// calls step().
class RollupDriver
{
public:
    /// Drives `l2` from `l1`; `relayer_key` signs the L2 claimDeposits transactions (its
    /// address needs L2 ETH; unused by a follower).
    RollupDriver(Node& l2,
                 std::shared_ptr<RollupAnchor> anchor,
                 RollupL1& l1,
                 const Bytes32& relayer_key,
                 RollupDriverOptions options = {});

    /// Checks that the L2 node's genesis is the one the rollup was deployed with
    /// (genesisBlockHash()): otherwise no block of L1 could ever be imported.
    [[nodiscard]] Result<void, std::string> check_genesis();

    /// Step 1: brings the L2 head to L1's settled head. Returns the blocks imported plus those
    /// resubmitted.
    [[nodiscard]] Result<RollupStep, std::string> sync();

    /// One step (see the file comment).
    [[nodiscard]] Result<RollupStep, std::string> step();

    /// Submits stored L2 block `number` with advance().
    [[nodiscard]] Result<AdvanceReceipt, std::string> settle_stored(uint64_t number);

private:
    /// The advance() call that settles `block` (a child of a stored block): its witness
    /// recorded on a large stack, header, transactions.
    [[nodiscard]] Result<rollup_abi::AdvanceCall, std::string> advance_call(
        const Block& block) const;
    /// Imports settled blocks head + 1 .. `to` from L1.
    [[nodiscard]] Result<uint64_t, std::string> import_settled(uint64_t to);
    /// The claimDeposits transaction for the deposits between the L2 bridge's root and
    /// `anchor` (std::nullopt: nothing to claim), and how many it covers.
    [[nodiscard]] Result<std::optional<std::pair<Transaction, uint64_t>>, std::string>
    deposit_claim(const Hash256& anchor);
    /// Builds the block, settles it and commits it.
    [[nodiscard]] Result<void, std::string> propose(RollupStep& out);

    Node& l2_;
    std::shared_ptr<RollupAnchor> anchor_;
    RollupL1& l1_;
    Bytes32 relayer_key_;
    RollupDriverOptions options_;
    /// The L1 block of the last settlement imported: later ones are searched from there.
    uint64_t l1_cursor_ = 0;
};

}  // namespace ultra::node
