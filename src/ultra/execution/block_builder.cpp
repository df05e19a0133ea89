// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "block_builder.hpp"

#include <algorithm>
#include <ultra/core/types/transaction_validation.hpp>

#include "difficulty.hpp"

namespace ultra::execution {
namespace {

Unexpected<BlockFailure> fail(BlockError e) noexcept
{
    return unexpected(BlockFailure::of(e));
}

/// The header fields known before execution (step 1 of build_block()).
BlockHeader make_header(const ChainConfig& config,
                        const BlockHeader& parent,
                        const std::optional<uint256>& parent_total_difficulty,
                        const PayloadAttributes& attributes,
                        Revision rev)
{
    BlockHeader h;
    h.parent_hash = header_hash(parent);
    h.ommers_hash = kEmptyOmmersHash;
    h.coinbase = attributes.fee_recipient;
    h.number = parent.number + 1;
    h.timestamp = attributes.timestamp;
    h.extra_data = attributes.extra_data;
    h.mix_hash = attributes.prev_randao;  // EIP-4399: PREVRANDAO from Paris

    if (rev >= Revision::kLondon) {
        // EIP-1559: at the fork block the parent's limit is doubled (the target stays) and the
        // base fee starts at INITIAL_BASE_FEE.
        const bool fork_block = !config.is_active(Revision::kLondon, parent.number,
                                                  parent.timestamp, parent_total_difficulty);
        const uint64_t parent_limit =
            fork_block ? std::min(parent.gas_limit, ~uint64_t{0} / kElasticityMultiplier) *
                             kElasticityMultiplier
                       : parent.gas_limit;
        h.gas_limit = next_gas_limit(parent_limit, attributes.gas_limit);
        h.base_fee_per_gas =
            fork_block || !parent.base_fee_per_gas
                ? uint256{kInitialBaseFee}
                : calculate_base_fee(parent.gas_limit, parent.gas_used, *parent.base_fee_per_gas);
    } else {
        h.gas_limit = next_gas_limit(parent.gas_limit, attributes.gas_limit);
    }

    // EIP-3675: no proof of work from Paris (difficulty and nonce zero); before, the formula.
    if (rev < Revision::kParis) h.difficulty = calculate_difficulty(config, rev, h, parent);

    if (rev >= Revision::kShanghai) h.withdrawals_root = Hash256{};  // EIP-4895: filled later
    if (rev >= Revision::kCancun) {
        h.blob_gas_used = 0;  // EIP-4844: filled after execution
        h.excess_blob_gas = calculate_excess_blob_gas(config, h, parent);
        h.parent_beacon_block_root = attributes.parent_beacon_block_root;  // EIP-4788
    }
    if (rev >= Revision::kPrague) h.requests_hash = Hash256{};  // EIP-7685: filled later
    return h;
}

/// The size a transaction adds to the block's RLP: its item (a typed envelope is wrapped in an
/// RLP string).
size_t transaction_item_size(const Transaction& tx)
{
    Bytes item;
    encode_transaction_item(item, tx);
    return item.size();
}

}  // namespace

CandidateTransaction TransactionListSource::peek()
{
    if (next_ >= transactions_.size()) return {};
    return {&transactions_[next_], std::nullopt};
}

uint64_t next_gas_limit(uint64_t parent_gas_limit, uint64_t desired) noexcept
{
    desired = std::clamp(desired, kMinGasLimit, kMaxGasLimit);
    // Strictly inside the bound |limit - parent| < parent / 1024.
    const uint64_t step = parent_gas_limit / kGasLimitBoundDivisor;
    const uint64_t delta = step > 0 ? step - 1 : 0;
    if (parent_gas_limit < desired) return std::min(parent_gas_limit + delta, desired);
    if (parent_gas_limit > desired) return std::max(parent_gas_limit - delta, desired);
    return parent_gas_limit;
}

Result<BuiltBlock, BlockFailure> build_block(const ChainContext& chain,
                                             const PayloadAttributes& attributes,
                                             TransactionSource& source)
{
    const ChainConfig& config = chain.config;
    const BlockHeader& parent = chain.parent;
    if (parent.number == ~uint64_t{0}) return fail(BlockError::kInvalidNumber);
    const Revision rev =
        config.revision_at(parent.number + 1, attributes.timestamp, chain.parent_total_difficulty);

    BuiltBlock built;
    BlockHeader& header = built.block.header;
    header = make_header(config, parent, chain.parent_total_difficulty, attributes, rev);
    // Every rule the attributes could break, before anything runs (gas used is still 0).
    if (const auto r = validate_header(config, header, parent, chain.parent_total_difficulty); !r)
        return fail(r.error());

    const BlockEnv env = make_block_env(config, header, rev);
    state::State state{chain.parent_state};
    const BlockContext ctx{config,
                           rev,
                           env,
                           header.parent_hash,
                           header.parent_beacon_block_root,
                           chain.block_hashes,
                           chain.precompiles,
                           chain.deposit_contract,
                           &chain.state_roots,
                           std::nullopt};
    BodyExecution body{state, ctx};
    ULTRA_TRY_VOID(body.begin());

    std::vector<Transaction>& transactions = built.block.transactions;
    size_t transaction_bytes = 0;
    while (env.gas_limit - body.output().block_gas_used >= kTxBaseGas) {
        const CandidateTransaction candidate = source.peek();
        if (candidate.tx == nullptr) break;
        const Transaction& tx = *candidate.tx;

        // EIP-7934 (Osaka): the block must stay under the RLP size limit.
        const size_t size = rev >= Revision::kOsaka ? transaction_item_size(tx) : 0;
        if (transaction_bytes + size > kMaxBlockTransactionBytes) break;

        std::optional<Address> sender = candidate.sender;
        if (!sender) {
            auto recovered = recover_sender(tx);
            if (!recovered) {
                built.rejected.push_back({transaction_hash(tx), std::nullopt, recovered.error()});
                source.reject(recovered.error());
                continue;
            }
            sender = *recovered;
        }

        if (const auto r = body.apply(tx, sender); !r) {
            const BlockFailure& failure = r.error();
            // An invalid transaction left the state untouched: skip it. Anything else is fatal.
            if (failure.body != BodyError::kInvalidTransaction || !failure.tx)
                return unexpected(failure);
            built.rejected.push_back({transaction_hash(tx), sender, *failure.tx});
            source.reject(*failure.tx);
            continue;
        }
        transactions.push_back(tx);
        built.senders.push_back(*sender);
        transaction_bytes += size;
        source.accept();
    }

    const std::span<const Withdrawal> withdrawals =
        rev >= Revision::kShanghai ? std::span<const Withdrawal>{attributes.withdrawals}
                                   : std::span<const Withdrawal>{};
    ULTRA_TRY(BlockOutput output, body.finish({}, withdrawals));

    // The header fields execution gives.
    header.gas_used = output.block_gas_used;
    header.logs_bloom = output.logs_bloom();
    header.receipts_root = output.receipts_root();
    header.transactions_root = transactions_root(transactions);
    if (rev >= Revision::kShanghai) {  // EIP-4895
        built.block.withdrawals.emplace(withdrawals.begin(), withdrawals.end());
        header.withdrawals_root = withdrawals_root(withdrawals);
    }
    if (rev >= Revision::kCancun) header.blob_gas_used = output.blob_gas_used;  // EIP-4844
    if (rev >= Revision::kPrague)
        header.requests_hash = compute_requests_hash(output.requests);  // EIP-7685

    BlockResult& result = built.result;
    result.rev = rev;
    result.diff = state.build_diff();
    const auto root = chain.state_roots.state_root(result.diff);
    if (!root) return unexpected(BlockFailure::unavailable(root.error()));
    header.state_root = *root;
    result.state_root = *root;
    result.output = std::move(output);
    return built;
}

}  // namespace ultra::execution
