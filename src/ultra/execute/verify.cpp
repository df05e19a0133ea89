// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "verify.hpp"

#include <span>
#include <ultra/core/keccak.hpp>
#include <ultra/execution/requests.hpp>
#include <ultra/stateless/validate.hpp>
#include <ultra/trie/node.hpp>

namespace ultra::execute {
namespace {

/// SPEC rule 2: the parent is the last witness header, the header names it, its state root is
/// the claimed pre-state root.
Result<void, ExecuteError> check_parent(const Trace& trace, const ExecuteInput& input)
{
    if (trace.witness.headers.empty())
        return unexpected(ExecuteError::of(ExecuteErrorCode::kMissingParent));
    const Bytes& parent_rlp = trace.witness.headers.back();
    const auto parent = decode_block_header(parent_rlp);
    if (!parent) {
        ExecuteError e = ExecuteError::of(ExecuteErrorCode::kMalformedParent);
        e.rlp = parent.error();
        return unexpected(std::move(e));
    }
    const Hash256 parent_hash = keccak256(parent_rlp);
    if (trace.header.parent_hash != parent_hash)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kParentMismatch,
                                                 trace.header.parent_hash, parent_hash));
    if (parent->state_root != input.pre_state_root)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kPreStateRootMismatch,
                                                 parent->state_root, input.pre_state_root));
    return {};
}

/// SPEC rule 3: the header says what the caller claims.
Result<void, ExecuteError> check_claims(const BlockHeader& header, const ExecuteInput& input)
{
    if (header.state_root != input.post_state_root)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kPostStateRootMismatch,
                                                 header.state_root, input.post_state_root));
    if (header.gas_used != input.gas_used)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kGasUsedMismatch,
                                                 header.gas_used, input.gas_used));
    return {};
}

/// SPEC rule 4: no ommers, withdrawals, requests or blob transactions; one chain id.
Result<void, ExecuteError> check_l2_restrictions(const Trace& trace,
                                                 const ExecuteInput& input,
                                                 Revision rev)
{
    const BlockHeader& header = trace.header;
    if (header.ommers_hash != kEmptyOmmersHash)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kOmmersNotAllowed,
                                                 header.ommers_hash, kEmptyOmmersHash));
    // EIP-4895: the body has an empty withdrawals list, so the root must be the empty trie's.
    // (Whether the field must be present is validate_header()'s rule.)
    if (rev >= Revision::kShanghai && header.withdrawals_root &&
        *header.withdrawals_root != trie::kEmptyRoot)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kWithdrawalsNotAllowed,
                                                 *header.withdrawals_root, trie::kEmptyRoot));
    // EIP-7685: the header commits to no requests (state_transition() then checks that
    // execution produced none against this same hash).
    if (rev >= Revision::kPrague && header.requests_hash) {
        const Hash256 none = execution::compute_requests_hash({});
        if (*header.requests_hash != none)
            return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kRequestsNotAllowed,
                                                     *header.requests_hash, none));
    }
    for (size_t i = 0; i < trace.transactions.size(); ++i) {
        const Transaction& tx = trace.transactions[i];
        if (tx.type == TxType::kBlob) {  // EIP-4844: no blobs on an L2
            ExecuteError e = ExecuteError::of(ExecuteErrorCode::kBlobTransactionNotAllowed);
            e.index = i;
            return unexpected(std::move(e));
        }
        // A legacy transaction signed without EIP-155 has no chain id: nothing to compare.
        if (tx.chain_id && *tx.chain_id != input.chain_id) {
            ExecuteError e = ExecuteError::mismatch(ExecuteErrorCode::kChainIdMismatch,
                                                    *tx.chain_id, input.chain_id);
            e.index = i;
            return unexpected(std::move(e));
        }
    }
    return {};
}

ExecuteError validation_error(stateless::ValidationError v)
{
    using stateless::ValidationCheck;
    ExecuteErrorCode code = ExecuteErrorCode::kInvalidBlock;
    switch (v.check) {
        case ValidationCheck::kMissingParent: code = ExecuteErrorCode::kMissingParent; break;
        case ValidationCheck::kParentHash: code = ExecuteErrorCode::kParentMismatch; break;
        case ValidationCheck::kPreStateRoot: code = ExecuteErrorCode::kPreStateRootMismatch; break;
        case ValidationCheck::kStateUnavailable: code = ExecuteErrorCode::kStateUnavailable; break;
        case ValidationCheck::kWitness:
        case ValidationCheck::kParentNumber:
        case ValidationCheck::kBlock: break;
    }
    ExecuteError e = ExecuteError::of(code);
    e.validation = std::move(v);
    return e;
}

}  // namespace

ChainConfig l2_chain_config(const ChainConfig& l1, Revision rev, uint64_t chain_id)
{
    ChainConfig c;
    c.chain_id = chain_id;
    for (size_t i = 0; i <= static_cast<size_t>(rev); ++i) c.forks[i] = ForkCondition::at_block(0);
    // The bomb delays (EIP-2384, EIP-4345, EIP-5133) are block numbers of the L1's; an L2 that
    // follows the L1 has them from its genesis. They matter only before Paris, and only for
    // numbers in the millions.
    if (l1.muir_glacier_block) c.muir_glacier_block = 0;
    if (l1.arrow_glacier_block) c.arrow_glacier_block = 0;
    if (l1.gray_glacier_block) c.gray_glacier_block = 0;
    c.blob_params = l1.blob_params;
    // EIP-7892: BPO forks change only blob parameters and are scheduled by timestamp, like the
    // L2's own blocks; without blob transactions they only move BLOBBASEFEE's denominator.
    if (rev >= Revision::kOsaka) c.bpo_forks = l1.bpo_forks;
    c.execute = l1.execute;
    return c;
}

Result<ExecuteOutput, ExecuteError> verify(const ExecuteInput& input, const VerifyContext& ctx)
{
    // Rule 1: the trace decodes (the ABI was decoded by the caller).
    ULTRA_TRY(Trace trace, decode_trace(input.trace));
    // Rules 2 to 4: everything that needs no execution.
    ULTRA_TRY_VOID(check_parent(trace, input));
    ULTRA_TRY_VOID(check_claims(trace.header, input));
    ULTRA_TRY_VOID(check_l2_restrictions(trace, input, ctx.rev));

    // Rules 4 and 5: the block against its parent, executed from the witness.
    const ChainConfig config = l2_chain_config(ctx.l1_config, ctx.rev, input.chain_id);
    Block block;
    block.header = std::move(trace.header);
    block.transactions = std::move(trace.transactions);
    if (ctx.rev >= Revision::kShanghai) block.withdrawals.emplace();  // EIP-4895: none on L2
    const stateless::ValidationOptions options{
        .config = config,
        .precompiles = ctx.l2_precompiles,
        .expected_pre_state_root = input.pre_state_root,
        .ancestors = {},                    // no ommers on an L2
        .stop_past_header_gas_used = true,  // SPEC: what makes charging gasUsed safe
        .deposit_contract = execution::kMainnetDepositContractAddress,
    };
    auto validated = stateless::validate_block(block, trace.witness, options);
    if (!validated) return unexpected(validation_error(std::move(validated.error())));

    const BlockHeader& header = block.header;
    ExecuteOutput out;
    out.valid = true;
    out.block_hash = validated->block_hash;
    out.parent_hash = header.parent_hash;
    out.number = header.number;
    out.timestamp = header.timestamp;
    out.gas_limit = header.gas_limit;
    out.coinbase = header.coinbase;
    out.anchor = header.parent_beacon_block_root.value_or(Hash256{});  // EIP-4788
    out.receipts_root = header.receipts_root;
    // EIP-1559: the base fee of every unit of gas is burned; nothing before London.
    out.burned_fees = header.base_fee_per_gas.value_or(0) * uint256{header.gas_used};
    return out;
}

Result<ExecuteOutput, ExecuteError> verify(BytesView input, const VerifyContext& ctx)
{
    ULTRA_TRY(const ExecuteInput decoded, decode_input(input));
    return verify(decoded, ctx);
}

}  // namespace ultra::execute
