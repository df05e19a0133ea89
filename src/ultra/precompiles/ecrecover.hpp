// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

namespace ultra::precompiles {

/// ECRECOVER (0x01, Frontier; Yellow Paper Appendix E): 3000 gas.
[[nodiscard]] uint64_t ecrecover_gas(BytesView input, Revision rev) noexcept;

/// ECRECOVER (0x01). The input is right-padded with zeros to 128 bytes and read as hash ‖ v ‖ r ‖ s
/// (32 bytes each). v must be the 32-byte word 27 or 28, r and s must be in [1, n−1] (a high s is
/// accepted here, unlike in transactions). Returns the signer's address left-padded to 32 bytes,
/// or an EMPTY output (still a success) on any invalid input or unrecoverable key. Never fails.
[[nodiscard]] PrecompileResult ecrecover_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
