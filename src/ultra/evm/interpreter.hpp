// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/revision.hpp>

#include "code_analysis.hpp"
#include "host.hpp"
#include "vm.hpp"

namespace ultra::evm {

/// Executes the code of ONE frame under revision `rev`: every instruction and all the gas that
/// belongs to it (memory expansion, copies, EXP/KECCAK256/LOG, SSTORE and refunds, EIP-2929
/// surcharges, CALL/CREATE costs with the EIP-150 rule, EIP-7702 delegation). Nested frames,
/// value transfers and state changes go through `host`.
///
/// Returns the frame's status, gas_left (zero after an exceptional halt), gas_refund (zero
/// unless the status is kSuccess) and output (RETURN/REVERT data). Precondition: msg.depth is
/// 0..1024 and no other frame of `vm` runs at msg.depth.
[[nodiscard]] CallResult execute(Vm& vm,
                                 Host& host,
                                 Revision rev,
                                 const Message& msg,
                                 const CodeAnalysis& code) noexcept;

/// As above, analysing `code` into the depth's reusable buffer first.
[[nodiscard]] CallResult execute(Vm& vm,
                                 Host& host,
                                 Revision rev,
                                 const Message& msg,
                                 BytesView code) noexcept;

}  // namespace ultra::evm
