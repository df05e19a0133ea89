// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rollup_sequencer.hpp"

#include <algorithm>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/stateless/witness.hpp>
#include <ultra/wallet/signer.hpp>

#include "l2_genesis.hpp"
#include "large_stack.hpp"
#include "witness.hpp"

namespace ultra::node {

void SequencerAnchor::set(const Hash256& anchor)
{
    std::lock_guard lock(mutex_);
    anchor_ = anchor;
}

Hash256 SequencerAnchor::get() const
{
    std::lock_guard lock(mutex_);
    return anchor_;
}

PayloadHook SequencerAnchor::hook(std::shared_ptr<SequencerAnchor> self, const Address& coinbase)
{
    return [self = std::move(self), coinbase](const HeadState&,
                                              execution::PayloadAttributes& attributes) {
        // EIP-4788: the L2 block's parent beacon block root carries the deposit anchor.
        attributes.parent_beacon_block_root = self->get();
        attributes.fee_recipient = coinbase;
    };
}

RollupSequencer::RollupSequencer(Node& l2,
                                 std::shared_ptr<SequencerAnchor> anchor,
                                 RollupL1& l1,
                                 const Bytes32& relayer_key)
    : l2_(l2), anchor_(std::move(anchor)), l1_(l1), relayer_key_(relayer_key)
{}

Result<AdvanceReceipt, std::string> RollupSequencer::settle(uint64_t number)
{
    const auto hash = l2_.store().canonical_hash(number);
    if (!hash) return unexpected(hash.error().message);
    if (!*hash) return unexpected("L2 block " + std::to_string(number) + " is not stored");
    const auto block = l2_.store().block(**hash);
    if (!block) return unexpected(block.error().message);
    if (!*block) return unexpected("L2 block " + std::to_string(number) + " is not stored");

    // The witness re-executes the block: on a large stack, like the producer.
    Result<stateless::ExecutionWitness, std::string> witness{unexpected(std::string("not run"))};
    run_on_large_stack([&] { witness = block_witness(l2_, **hash); });
    if (!witness)
        return unexpected("witness of L2 block " + std::to_string(number) + ": " + witness.error());

    rollup_abi::AdvanceCall call;
    call.post_state_root = (*block)->header.state_root;
    call.gas_used = (*block)->header.gas_used;
    call.header = encode_block_header((*block)->header);
    for (const Transaction& tx : (*block)->transactions)
        call.transactions.push_back(encode_transaction(tx));
    call.witness = stateless::encode_witness(*witness);
    auto receipt = l1_.submit_advance(call);
    if (!receipt)
        return unexpected("settling L2 block " + std::to_string(number) + ": " + receipt.error());
    return *receipt;
}

Result<uint64_t, std::string> RollupSequencer::catch_up()
{
    ULTRA_TRY(const auto settled, l1_.head());
    const uint64_t l2_head = l2_.head()->header.number;
    if (settled.number > l2_head)
        return unexpected("L1 has settled L2 block " + std::to_string(settled.number) +
                          " but this datadir's head is block " + std::to_string(l2_head));
    const auto ours = l2_.store().canonical_hash(settled.number);
    if (!ours) return unexpected(ours.error().message);
    if (!*ours || **ours != settled.block_hash)
        return unexpected("L1 settled L2 block " + std::to_string(settled.number) + " as 0x" +
                          to_hex(settled.block_hash.view()) + ", not this datadir's block");
    uint64_t sent = 0;
    for (uint64_t n = settled.number + 1; n <= l2_head; ++n) {
        ULTRA_TRY_VOID(settle(n));
        ++sent;
    }
    return sent;
}

Result<uint64_t, std::string> RollupSequencer::claim_deposits(const Hash256& anchor)
{
    const std::shared_ptr<const HeadState> head = l2_.head();
    // L2Bridge storage: slot 0 lastDepositRoot, slot 1 depositCount.
    const auto last_root = head->state->storage(kL2BridgeAddress, Bytes32{});
    Bytes32 count_slot;
    count_slot[31] = 1;
    const auto count = head->state->storage(kL2BridgeAddress, count_slot);
    if (!last_root || !count)
        return unexpected(std::string("reading the L2 bridge: ") +
                          std::string(to_string(!last_root ? last_root.error() : count.error())));
    if (*last_root == anchor) return uint64_t{0};
    const uint256 claimed = from_bytes32(*count);
    if (claimed > uint256{UINT64_MAX})
        return unexpected(std::string("L2 bridge depositCount too large"));
    ULTRA_TRY(const auto deposits,
              l1_.deposits_between(static_cast<uint64_t>(claimed), *last_root, anchor));
    if (deposits.empty()) return uint64_t{0};

    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = l2_.chain_id();
    tx.to = kL2BridgeAddress;
    tx.data = rollup_abi::encode_claim_deposits(deposits);
    tx.gas_limit = 100'000 + 90'000 * deposits.size();
    tx.max_priority_fee_per_gas = uint256{0};
    tx.max_fee_per_gas = l2_.next_base_fee(head->header) * 2;
    // The relayer's nonce: sign once to learn its address.
    if (!wallet::sign_transaction(tx, relayer_key_))
        return unexpected(std::string("invalid relayer key"));
    const auto relayer = recover_sender(tx);
    if (!relayer) return unexpected(std::string("invalid relayer key"));
    tx.nonce = l2_.pending_nonce(*relayer);
    if (!wallet::sign_transaction(tx, relayer_key_))
        return unexpected(std::string("invalid relayer key"));
    const auto pooled = l2_.submit(tx);
    if (!pooled) return unexpected("pooling the deposit claim: " + pooled.error().message);
    return static_cast<uint64_t>(deposits.size());
}

Result<SequencerStep, std::string> RollupSequencer::step()
{
    SequencerStep out;
    ULTRA_TRY(out.resubmitted, catch_up());

    ULTRA_TRY(const auto root, l1_.deposit_root());
    anchor_->set(root);
    ULTRA_TRY(out.deposits_claimed, claim_deposits(root));

    // The block's time: not before L1's latest block (so it is never in the future for the
    // L1 block that settles it), and after its parent.
    ULTRA_TRY(const auto l1_time, l1_.latest_timestamp());
    const uint64_t timestamp = std::max(l2_.head()->header.timestamp + 1, l1_time);
    ULTRA_TRY(const auto hashes, l2_.mine(1, timestamp));
    if (hashes.size() != 1) return unexpected(std::string("the L2 node made no block"));
    out.block_hash = hashes[0];
    out.block_number = l2_.head()->header.number;
    ULTRA_TRY(out.settlement, settle(out.block_number));
    return out;
}

}  // namespace ultra::node
