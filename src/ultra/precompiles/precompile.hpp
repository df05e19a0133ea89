// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>

namespace ultra::precompiles {

/// Why a precompile failed. Any failure is an exceptional halt of the call: all gas given to it
/// is consumed and the output is empty (execution-specs: the precompile raises
/// ExceptionalHalt/InvalidParameter).
enum class PrecompileError : uint8_t
{
    kInvalidInput,  ///< malformed input: wrong length, point not on curve, value ≥ modulus, ...
};

/// The result of running a stateless precompile: its output bytes or a failure.
using PrecompileResult = Result<Bytes, PrecompileError>;

/// Gas a precompile charges for `input` under `rev`, computed before it runs. Saturates at
/// UINT64_MAX (any cost above the call's gas is out of gas).
using GasFn = uint64_t (*)(BytesView input, Revision rev) noexcept;

/// Runs a precompile on `input` under `rev`. Pure: no state, no I/O, never crashes or loops on
/// any input.
using ExecuteFn = PrecompileResult (*)(BytesView input, Revision rev) noexcept;

/// One stateless precompiled contract (EVM-facing definition). The execution layer builds its
/// injectable PrecompileSet from these entries (GUIDE.md example 8); stateful ones (EXECUTE) are
/// added above this library.
struct Precompile
{
    uint16_t address;  ///< the low bytes of the address (0x01 .. 0x11, 0x100)
    Revision since;    ///< first revision where the address is a precompile
    std::string_view name;
    GasFn gas;
    ExecuteFn execute;
};

}  // namespace ultra::precompiles
