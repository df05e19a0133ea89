// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/execution/precompile_set.hpp>

#include "errors.hpp"
#include "witness.hpp"

namespace ultra::stateless {

/// Which check of stateless validation failed (validate_block(), in the order it checks).
enum class ValidationCheck : uint8_t
{
    kWitness,           ///< the witness's headers are malformed or not a chain (`witness` says how)
    kMissingParent,     ///< the witness has no headers: there is no parent
    kParentNumber,      ///< the last witness header's number is not the block's number - 1
    kParentHash,        ///< the block's parent hash is not keccak256 of the last witness header
    kPreStateRoot,      ///< the parent's state root is not the expected pre-state root
    kBlock,             ///< the block is invalid (`block` says which rule)
    kStateUnavailable,  ///< a read or a root update the witness cannot prove (`witness` says what)
};

/// "witness", "missing parent", "parent number", "parent hash", "pre-state root", "block",
/// "state unavailable".
[[nodiscard]] std::string_view to_string(ValidationCheck check) noexcept;

/// Why stateless validation rejected a block: the check, and the structured reason behind it.
struct ValidationError
{
    ValidationCheck check = ValidationCheck::kWitness;  ///< which check failed
    /// kWitness, kStateUnavailable: the witness's error (for a read the witness cannot prove
    /// during execution, the first such error of the witness view, when known).
    std::optional<StatelessError> witness;
    /// kBlock: the block rule that failed (from execution::state_transition()).
    std::optional<execution::BlockFailure> block;
    /// kParentNumber, kParentHash, kPreStateRoot: what was found and what was required.
    std::optional<Bytes32> got;
    std::optional<Bytes32> expected;

    /// A one-line English message: "block: INVALID_STATE_ROOT (computed 0x.., header 0x..)",
    /// "state unavailable: trie node missing from the witness (account 0x..)".
    [[nodiscard]] std::string to_string() const;
};

/// How to validate: the chain rules and the knobs EXECUTE needs.
struct ValidationOptions
{
    /// The fork schedule and chain id the block is validated under.
    const ChainConfig& config;
    /// The chain's precompiles.
    const execution::PrecompileSet& precompiles;
    /// The pre-state root the parent must have (EXECUTE's preStateRoot); unchecked when empty.
    std::optional<Hash256> expected_pre_state_root;
    /// The block's recent ancestors for ommer validation (parent first, as
    /// execution::ChainContext): a witness carries headers, not bodies, so a caller that knows
    /// the ancestors' ommers passes them; empty makes any block with ommers invalid.
    std::span<const execution::OmmerAncestor> ancestors;
    /// The parent's total difficulty, for a chain whose Merge activates by total difficulty
    /// (ChainConfig::has_total_difficulty_fork(); a witness's headers cannot prove it); ignored
    /// otherwise.
    std::optional<uint256> parent_total_difficulty{};
    /// Stop as soon as the cumulative gas used passes the header's gasUsed (EXECUTE: what makes
    /// charging the claimed gas safe); the block is then invalid with kInvalidGasUsed.
    bool stop_past_header_gas_used = false;
    /// EIP-6110: the chain's deposit contract.
    Address deposit_contract = execution::kMainnetDepositContractAddress;
};

/// What a block validated from its witness produced.
struct ValidatedBlock
{
    Hash256 block_hash;             ///< keccak256 of the header
    execution::BlockResult result;  ///< diff, post-state root, receipts, totals
};

/// Validates `block` from `witness` alone (reth stateless_validation; SPEC.md § EXECUTE rules 2
/// to 5), in this order:
/// 1. the witness's headers form a chain (WitnessBlockHashes::make); the last is the parent,
///    whose number is the block's minus one and whose hash is the block's parent hash;
/// 2. the parent's state root equals `expected_pre_state_root` when given;
/// 3. execution::state_transition() against the parent, with a WitnessStateView over the
///    parent's state root as the parent state, the witness headers for BLOCKHASH, and the
///    post-state root (and pre-Byzantium intermediate roots) computed on partial tries revealed
///    from the witness (compute_post_state_root()).
/// A read or a root update the witness cannot prove is kStateUnavailable (never a guess, never
/// a different root). The caller compares whatever else it was given (EXECUTE's
/// postStateRoot and gasUsed) with the header, which state_transition() checked the results
/// against.
[[nodiscard]] Result<ValidatedBlock, ValidationError> validate_block(
    const Block& block,
    const ExecutionWitness& witness,
    const ValidationOptions& options);

}  // namespace ultra::stateless
