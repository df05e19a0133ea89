// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "system_calls.hpp"

#include <ultra/evm/host.hpp>

#include "host.hpp"

namespace ultra::execution {

Result<SystemCallOutput, state::StateError> process_system_transaction(state::State& state,
                                                                       const ExecutionContext& ctx,
                                                                       Revision rev,
                                                                       const Address& target,
                                                                       BytesView data)
{
    SystemCallOutput out;
    const bool has_code = !state.get_code(target).empty();
    if (const auto e = state.error()) return unexpected(*e);
    // Without code the call would do nothing: no value moves and no account is touched.
    if (!has_code) return out;
    out.has_code = true;

    Host host{state, rev, ctx.block, ctx.block_hashes, ctx.precompiles, ctx.vm, ctx.code_cache};
    host.set_tx(kSystemAddress, ctx.block.base_fee, {});

    evm::Message msg;
    msg.kind = evm::CallKind::kCall;
    msg.gas = kSystemTransactionGas;
    msg.sender = kSystemAddress;
    msg.recipient = target;
    msg.code_address = target;
    msg.input = data;
    evm::CallResult result = host.call(msg);
    host.check_state_error();
    if (host.has_internal_error() || result.status == evm::StatusCode::kInternalError)
        return unexpected(state.error().value_or(state::StateError::kMissingData));

    out.success = result.status == evm::StatusCode::kSuccess;
    if (out.success) out.return_data = std::move(result.output);
    // The system call is a transaction of its own: its writes become the originals of the next
    // transaction (EIP-2200), its transient storage and warm sets end here.
    state.finalize_transaction(rev);
    if (const auto e = state.error()) return unexpected(*e);
    return out;
}

}  // namespace ultra::execution
