// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/uint256.hpp>

#include "host.hpp"

namespace ultra::evm {

/// Observes execution instruction by instruction (what an EIP-3155 trace needs). Installed on a
/// Vm with Vm::set_tracer(); the interpreter then runs a separately compiled traced loop, so the
/// untraced loop pays nothing. Implementations that print live outside the pure core.
class Tracer
{
public:
    virtual ~Tracer() = default;

    /// A frame starts executing `code` (after analysis, before the first instruction).
    virtual void on_execution_start(const Message& msg, BytesView code) noexcept = 0;

    /// Before the instruction at `pc` runs and before anything is charged for it. `stack` is
    /// bottom first; `memory` is the frame's whole memory. Views are valid during the call.
    virtual void on_instruction(const Message& msg,
                                uint32_t pc,
                                uint8_t opcode,
                                int64_t gas_left,
                                std::span<const uint256> stack,
                                BytesView memory) noexcept = 0;

    /// The frame ended with `result`.
    virtual void on_execution_end(const Message& msg, const CallResult& result) noexcept = 0;
};

}  // namespace ultra::evm
