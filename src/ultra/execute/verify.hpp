// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/execution/precompile_set.hpp>

#include "abi.hpp"
#include "errors.hpp"
#include "trace.hpp"

namespace ultra::execute {

/// The chain an L2 block is validated on by EXECUTE (SPEC.md § EXECUTE; docs/execute.md "The L2
/// chain"): every revision up to `rev` — the L1's revision at the call, whatever the L2
/// header's number or timestamp says — active from genesis (so a fork is never "at" an L2
/// block: no EIP-1559 fork-block rule, for instance), chain id `chain_id`, no DAO fork, the
/// L1's blob parameters (and, from Osaka, the L1's timestamp-scheduled BPO forks), the L1's
/// difficulty-bomb delays from genesis when the L1 has them, and the L1's EXECUTE settings
/// (used only when the caller gives the L2 an ExecutePrecompiles: rollups of rollups).
[[nodiscard]] ChainConfig l2_chain_config(const ChainConfig& l1, Revision rev, uint64_t chain_id);

/// What verify() needs besides the input: the L1 chain and the revision at the call, and the
/// L2's precompiles (an ExecutePrecompiles here opens the door to rollups of rollups; its
/// per-block state is its own, so never pass the L1's instance).
struct VerifyContext
{
    const ChainConfig& l1_config;                    ///< the L1 chain (blob params, bomb delays)
    Revision rev;                                    ///< the L1's revision at the call
    const execution::PrecompileSet& l2_precompiles;  ///< the L2 block's precompiles
};

/// Verifies an L2 block (SPEC.md § EXECUTE rules 1 to 5) in this order, the cheap rules first:
/// 1. the trace decodes (decode_trace());
/// 2. the witness has a parent header that decodes; the header's parent hash is its keccak256;
///    its state root is preStateRoot;
/// 3. the header's state root is postStateRoot, its gas used is gasUsed;
/// 4. the L2 restrictions on the header and the transactions: the empty ommers hash, from
///    Shanghai the empty withdrawals root (EIP-4895), from Prague the hash of no requests
///    (EIP-7685), no blob transaction (EIP-4844), every chain id equal to chainId (in block
///    order, the first offending transaction is named);
/// 5. stateless::validate_block() on l2_chain_config(): the witness's headers as a chain, the
///    header against its parent, the body's roots, execution from the witness (stopping as soon
///    as the gas passes gasUsed), every result root against the header — a block invalid there
///    is kInvalidBlock, a node or code missing from the witness kStateUnavailable.
/// Valid: the output's facts with valid = true. Never crashes, on any input.
[[nodiscard]] Result<ExecuteOutput, ExecuteError> verify(const ExecuteInput& input,
                                                         const VerifyContext& ctx);

/// decode_input() then verify(): an ABI error is rule 1's failure.
[[nodiscard]] Result<ExecuteOutput, ExecuteError> verify(BytesView input, const VerifyContext& ctx);

}  // namespace ultra::execute
