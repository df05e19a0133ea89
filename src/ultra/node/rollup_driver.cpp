// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rollup_driver.hpp"

#include <algorithm>
#include <set>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/stateless/witness.hpp>
#include <ultra/wallet/signer.hpp>

#include "l2_genesis.hpp"
#include "large_stack.hpp"
#include "witness.hpp"

namespace ultra::node {

namespace {

/// How many BlockAdvanced events one eth_getLogs asks for.
constexpr uint64_t kSettlementsPerQuery = 64;

}  // namespace

std::string_view to_string(RollupRole role) noexcept
{
    switch (role) {
        case RollupRole::kSequencer: return "sequencer";
        case RollupRole::kProposer: return "proposer";
        case RollupRole::kFollower: return "follower";
    }
    return "unknown";
}

std::optional<RollupRole> rollup_role_from_string(std::string_view name) noexcept
{
    for (const RollupRole r :
         {RollupRole::kSequencer, RollupRole::kProposer, RollupRole::kFollower})
        if (to_string(r) == name) return r;
    return std::nullopt;
}

void RollupAnchor::set(const Hash256& anchor)
{
    std::lock_guard lock(mutex_);
    anchor_ = anchor;
}

Hash256 RollupAnchor::get() const
{
    std::lock_guard lock(mutex_);
    return anchor_;
}

PayloadHook RollupAnchor::hook(std::shared_ptr<RollupAnchor> self, const Address& coinbase)
{
    return [self = std::move(self), coinbase](const HeadState&,
                                              execution::PayloadAttributes& attributes) {
        // EIP-4788: the L2 block's parent beacon block root carries the deposit anchor.
        attributes.parent_beacon_block_root = self->get();
        attributes.fee_recipient = coinbase;
    };
}

Result<Block, std::string> block_from_advance(const rollup_abi::AdvanceCall& call)
{
    auto header = decode_block_header(call.header);
    if (!header)
        return unexpected("the header does not decode: " + std::string(to_string(header.error())));
    Block block;
    block.header = std::move(*header);
    block.transactions.reserve(call.transactions.size());
    for (size_t i = 0; i < call.transactions.size(); ++i) {
        auto tx = decode_transaction(call.transactions[i]);
        if (!tx)
            return unexpected("transaction " + std::to_string(i) +
                              " does not decode: " + std::string(to_string(tx.error())));
        block.transactions.push_back(std::move(*tx));
    }
    // EIP-4895: a header with a withdrawals root has a withdrawals list; an L2 block's is empty.
    if (block.header.withdrawals_root) block.withdrawals.emplace();
    if (call.post_state_root != block.header.state_root)
        return unexpected(std::string("the claimed post-state root is not the header's"));
    if (call.gas_used != block.header.gas_used)
        return unexpected(std::string("the claimed gas used is not the header's"));
    return block;
}

RollupDriver::RollupDriver(Node& l2,
                           std::shared_ptr<RollupAnchor> anchor,
                           RollupL1& l1,
                           const Bytes32& relayer_key,
                           RollupDriverOptions options)
    : l2_(l2), anchor_(std::move(anchor)), l1_(l1), relayer_key_(relayer_key), options_(options)
{}

Result<void, std::string> RollupDriver::check_genesis()
{
    ULTRA_TRY(const auto deployed, l1_.genesis_block_hash());
    if (deployed != l2_.genesis_hash())
        return unexpected("the rollup was deployed with L2 genesis 0x" + to_hex(deployed.view()) +
                          ", but this node's genesis is 0x" + to_hex(l2_.genesis_hash().view()) +
                          " (another genesis file, chain id or dev allocation?)");
    return {};
}

Result<rollup_abi::AdvanceCall, std::string> RollupDriver::advance_call(const Block& block) const
{
    // The witness re-executes the block: on a large stack, like the producer.
    Result<stateless::ExecutionWitness, std::string> witness{unexpected(std::string("not run"))};
    run_on_large_stack([&] { witness = block_witness(l2_, block); });
    if (!witness)
        return unexpected("witness of L2 block " + std::to_string(block.header.number) + ": " +
                          witness.error());
    rollup_abi::AdvanceCall call;
    call.post_state_root = block.header.state_root;
    call.gas_used = block.header.gas_used;
    call.header = encode_block_header(block.header);
    for (const Transaction& tx : block.transactions)
        call.transactions.push_back(encode_transaction(tx));
    call.witness = stateless::encode_witness(*witness);
    return call;
}

Result<AdvanceReceipt, std::string> RollupDriver::settle_stored(uint64_t number)
{
    const auto hash = l2_.store().canonical_hash(number);
    if (!hash) return unexpected(hash.error().message);
    if (!*hash) return unexpected("L2 block " + std::to_string(number) + " is not stored");
    const auto block = l2_.store().block(**hash);
    if (!block) return unexpected(block.error().message);
    if (!*block) return unexpected("L2 block " + std::to_string(number) + " is not stored");

    ULTRA_TRY(const auto call, advance_call(**block));
    auto receipt = l1_.submit_advance(call);
    if (!receipt)
        return unexpected("settling L2 block " + std::to_string(number) + ": " + receipt.error());
    return *receipt;
}

Result<uint64_t, std::string> RollupDriver::import_settled(uint64_t to)
{
    uint64_t imported = 0;
    while (l2_.head()->header.number < to) {
        const uint64_t next = l2_.head()->header.number + 1;
        const uint64_t count = std::min<uint64_t>(kSettlementsPerQuery, to - next + 1);
        ULTRA_TRY(const auto found, l1_.settlements(l1_cursor_, next, count));
        uint64_t expected = next;
        for (const RollupL1::Settlement& s : found) {
            if (s.event.number != expected)
                return unexpected("L1 has no BlockAdvanced event for L2 block " +
                                  std::to_string(expected) + " before block " +
                                  std::to_string(s.event.number) + "'s");
            ULTRA_TRY(const auto call, l1_.advance_call(s.l1_tx));
            auto block = block_from_advance(call);
            if (!block)
                return unexpected("L2 block " + std::to_string(expected) + " in L1 transaction 0x" +
                                  to_hex(s.l1_tx.view()) + ": " + block.error());
            if (header_hash(block->header) != s.event.block_hash)
                return unexpected(
                    "L2 block " + std::to_string(expected) +
                    ": the calldata's header does not hash to the event's block hash");
            auto imported_hash = l2_.import_block(std::move(*block));
            if (!imported_hash)
                return unexpected("importing settled L2 block " + std::to_string(expected) + ": " +
                                  imported_hash.error());
            l1_cursor_ = s.l1_block;
            ++imported;
            ++expected;
        }
        if (expected == next)
            return unexpected("L1 says L2 block " + std::to_string(to) +
                              " is settled, but no BlockAdvanced event for block " +
                              std::to_string(next) + " was found");
    }
    return imported;
}

Result<RollupStep, std::string> RollupDriver::sync()
{
    RollupStep out;
    ULTRA_TRY(const auto settled, l1_.head());
    const uint64_t l2_head = l2_.head()->header.number;
    if (settled.number > l2_head) {
        ULTRA_TRY(out.imported, import_settled(settled.number));
        out.synced_head = l2_.head()->header.number;
        if (l2_.head()->hash != settled.block_hash)
            return unexpected("after importing, the L2 head 0x" + to_hex(l2_.head()->hash.view()) +
                              " is not the block L1 settled, 0x" +
                              to_hex(settled.block_hash.view()));
        return out;
    }
    const auto ours = l2_.store().canonical_hash(settled.number);
    if (!ours) return unexpected(ours.error().message);
    if (!*ours || **ours != settled.block_hash)
        return unexpected("L1 settled L2 block " + std::to_string(settled.number) + " as 0x" +
                          to_hex(settled.block_hash.view()) +
                          ", not this datadir's block: the datadir belongs to another history " +
                          "(start from an empty --datadir)");
    if (settled.number == l2_head) return out;
    if (options_.role == RollupRole::kFollower)
        return unexpected("this datadir has L2 blocks after " + std::to_string(settled.number) +
                          " that L1 has not settled; a follower cannot settle them");
    for (uint64_t n = settled.number + 1; n <= l2_head; ++n) {
        ULTRA_TRY_VOID(settle_stored(n));
        ++out.resubmitted;
    }
    return out;
}

Result<std::optional<std::pair<Transaction, uint64_t>>, std::string> RollupDriver::deposit_claim(
    const Hash256& anchor)
{
    using Claim = std::optional<std::pair<Transaction, uint64_t>>;
    const std::shared_ptr<const HeadState> head = l2_.head();
    // L2Bridge storage: slot 0 lastDepositRoot, slot 1 depositCount.
    const auto last_root = head->state->storage(kL2BridgeAddress, Bytes32{});
    Bytes32 count_slot;
    count_slot[31] = 1;
    const auto count = head->state->storage(kL2BridgeAddress, count_slot);
    if (!last_root || !count)
        return unexpected(std::string("reading the L2 bridge: ") +
                          std::string(to_string(!last_root ? last_root.error() : count.error())));
    if (*last_root == anchor) return Claim{};
    const uint256 claimed = from_bytes32(*count);
    if (claimed > uint256{UINT64_MAX})
        return unexpected(std::string("L2 bridge depositCount too large"));
    ULTRA_TRY(const auto deposits,
              l1_.deposits_between(static_cast<uint64_t>(claimed), *last_root, anchor));
    if (deposits.empty()) return Claim{};

    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = l2_.chain_id();
    tx.to = kL2BridgeAddress;
    tx.data = rollup_abi::encode_claim_deposits(deposits);
    tx.gas_limit = 100'000 + 90'000 * deposits.size();
    tx.max_priority_fee_per_gas = uint256{0};
    tx.max_fee_per_gas = l2_.next_base_fee(head->header) * 2;
    // The relayer's nonce at the head: the claim goes first in the block (the relayer's key is
    // the node's own; its pooled transactions, if any, follow it).
    const auto relayer = private_key_to_address(relayer_key_);
    if (!relayer) return unexpected(std::string("invalid relayer key"));
    const auto account = head->state->account(*relayer);
    if (!account) return unexpected(std::string("reading the relayer's L2 account failed"));
    tx.nonce = *account ? (*account)->nonce : 0;
    if (!wallet::sign_transaction(tx, relayer_key_))
        return unexpected(std::string("invalid relayer key"));
    return Claim{std::pair{std::move(tx), static_cast<uint64_t>(deposits.size())}};
}

Result<void, std::string> RollupDriver::propose(RollupStep& out)
{
    ULTRA_TRY(const auto allowed, l1_.may_advance());
    if (!allowed) {
        out.idle = "not a sequencer, and no queued transaction is overdue";
        return {};
    }
    ULTRA_TRY(const auto root, l1_.deposit_root());
    anchor_->set(root);
    std::vector<Transaction> first;
    ULTRA_TRY(auto claim, deposit_claim(root));
    uint64_t deposits = 0;
    std::optional<Hash256> claim_hash;
    if (claim) {
        claim_hash = transaction_hash(claim->first);
        first.push_back(std::move(claim->first));
        deposits = claim->second;
    }
    std::set<Hash256> queued;
    if (options_.include_inbox) {
        ULTRA_TRY(const auto inbox, l1_.pending_inbox());
        for (const rollup_abi::Enqueued& e : inbox) {
            // What the contract queued unchecked may be garbage: it is left out (and keeps the
            // rollup open to every proposer: docs/rollup.md § Forced inclusion).
            auto tx = decode_transaction(e.signed_tx);
            if (!tx || encode_transaction(*tx) != e.signed_tx) continue;
            queued.insert(e.tx_hash);
            first.push_back(std::move(*tx));
        }
    }
    if (options_.role == RollupRole::kProposer && first.empty() &&
        l2_.mempool().pending_count() == 0) {
        out.idle = "nothing to propose";
        return {};
    }

    // The block's time: not before L1's latest block (so it is never in the future for the
    // L1 block that settles it), and after its parent.
    ULTRA_TRY(const auto l1_time, l1_.latest_timestamp());
    const uint64_t timestamp = std::max(l2_.head()->header.timestamp + 1, l1_time);
    ULTRA_TRY(auto payload, l2_.build_payload(timestamp, std::move(first)));
    const uint64_t number = payload.block.header.number;

    ULTRA_TRY(const auto call, advance_call(payload.block));
    for (const Transaction& tx : payload.block.transactions) {
        const Hash256 tx_hash = transaction_hash(tx);
        if (queued.contains(tx_hash)) ++out.inbox_included;
        if (claim_hash && tx_hash == *claim_hash) out.deposits_claimed = deposits;
    }
    auto receipt = l1_.submit_advance(call);
    if (!receipt) {
        // Lost a race? Then L1 has this number from another proposer: not an error, the next
        // step imports that block (and this one's transactions are still pooled).
        const auto settled = l1_.head();
        if (settled && settled->number >= number) {
            out.idle = "another proposer settled L2 block " + std::to_string(number) + " first";
            return {};
        }
        return unexpected("proposing L2 block " + std::to_string(number) + ": " + receipt.error() +
                          " (the block is dropped; the next step derives what L1 settled)");
    }
    out.settlement = *receipt;
    ULTRA_TRY(out.block_hash, l2_.commit_payload(std::move(payload)));
    out.block_number = number;
    return {};
}

Result<RollupStep, std::string> RollupDriver::step()
{
    ULTRA_TRY(auto out, sync());
    if (options_.role == RollupRole::kFollower) {
        out.idle = "a follower";
        return out;
    }
    ULTRA_TRY_VOID(propose(out));
    return out;
}

}  // namespace ultra::node
