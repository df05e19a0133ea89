// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "validate.hpp"

#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>

#include "state_root.hpp"
#include "witness_state_view.hpp"

namespace ultra::stateless {

namespace {

/// Post-state (and intermediate) roots on partial tries revealed from the witness.
class WitnessStateRoots final : public execution::StateRootProvider
{
public:
    explicit WitnessStateRoots(const WitnessStateView& view) noexcept : view_{view} {}

    Result<Hash256, state::StateError> state_root(const state::StateDiff& diff) override
    {
        auto root = compute_post_state_root(view_, diff);
        if (root) return *root;
        if (!first_error_) first_error_ = root.error();
        return unexpected(state::StateError::kMissingData);
    }

    [[nodiscard]] const std::optional<StatelessError>& first_error() const noexcept
    {
        return first_error_;
    }

private:
    const WitnessStateView& view_;
    std::optional<StatelessError> first_error_;
};

/// A block number carried in a 32-byte big-endian word.
std::string number_text(const Bytes32& word)
{
    uint64_t n = 0;
    for (size_t i = 24; i < 32; ++i) n = (n << 8) | word[i];
    return std::to_string(n);
}

ValidationError failed(ValidationCheck check)
{
    ValidationError e;
    e.check = check;
    return e;
}

ValidationError mismatched(ValidationCheck check, const Bytes32& got, const Bytes32& expected)
{
    ValidationError e = failed(check);
    e.got = got;
    e.expected = expected;
    return e;
}

}  // namespace

std::string_view to_string(ValidationCheck check) noexcept
{
    switch (check) {
        case ValidationCheck::kWitness: return "witness";
        case ValidationCheck::kMissingParent: return "missing parent";
        case ValidationCheck::kParentNumber: return "parent number";
        case ValidationCheck::kParentHash: return "parent hash";
        case ValidationCheck::kPreStateRoot: return "pre-state root";
        case ValidationCheck::kBlock: return "block";
        case ValidationCheck::kStateUnavailable: return "state unavailable";
    }
    return "unknown check";
}

std::string ValidationError::to_string() const
{
    std::string out{stateless::to_string(check)};
    if (check == ValidationCheck::kMissingParent) return out + ": the witness has no headers";
    if (block) return out + ": " + block->to_string();
    if (witness) return out + ": " + describe(*witness);
    if (got && expected) {
        if (check == ValidationCheck::kParentNumber)
            return out + " mismatch: got " + number_text(*got) + ", expected " +
                   number_text(*expected);
        return out + " mismatch: got " + to_0x_hex(got->view()) + ", expected " +
               to_0x_hex(expected->view());
    }
    return out;
}

Result<ValidatedBlock, ValidationError> validate_block(const Block& block,
                                                       const ExecutionWitness& witness,
                                                       const ValidationOptions& options)
{
    // 1. The ancestors form a chain ending at the block's parent.
    auto hashes = WitnessBlockHashes::make(witness.headers);
    if (!hashes) {
        ValidationError e = failed(ValidationCheck::kWitness);
        e.witness = hashes.error();
        return unexpected(std::move(e));
    }
    const BlockHeader* parent = hashes->last();
    if (parent == nullptr) return unexpected(failed(ValidationCheck::kMissingParent));
    if (parent->number + 1 != block.header.number)
        return unexpected(mismatched(ValidationCheck::kParentNumber,
                                     to_bytes32(uint256{parent->number}),
                                     to_bytes32(uint256{block.header.number - 1})));
    const Hash256& parent_hash = hashes->hashes().back();
    if (parent_hash != block.header.parent_hash)
        return unexpected(
            mismatched(ValidationCheck::kParentHash, block.header.parent_hash, parent_hash));

    // 2. The parent's state is the expected pre-state.
    if (options.expected_pre_state_root && parent->state_root != *options.expected_pre_state_root)
        return unexpected(mismatched(ValidationCheck::kPreStateRoot, parent->state_root,
                                     *options.expected_pre_state_root));

    // 3. Execute against the witness.
    const WitnessStateView view{witness, parent->state_root};
    const WitnessReads reads{view};
    WitnessStateRoots roots{view};
    execution::ChainContext chain{
        options.config,
        *parent,
        options.config.has_total_difficulty_fork() ? options.parent_total_difficulty : std::nullopt,
        options.ancestors,
        reads,
        roots,
        *hashes,
        options.precompiles,
        options.deposit_contract,
        options.stop_past_header_gas_used};
    auto result = execution::state_transition(chain, block);
    if (!result) {
        if (result.error().is_invalid()) {
            ValidationError e = failed(ValidationCheck::kBlock);
            e.block = std::move(result.error());
            return unexpected(std::move(e));
        }
        ValidationError e = failed(ValidationCheck::kStateUnavailable);
        e.witness = reads.first_error() ? reads.first_error() : roots.first_error();
        return unexpected(std::move(e));
    }
    return ValidatedBlock{header_hash(block.header), std::move(*result)};
}

}  // namespace ultra::stateless
