// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

namespace ultra::precompiles {

/// SHA256 (0x02, Frontier; YP Appendix E): 60 + 12 · ⌈|input| / 32⌉ gas.
[[nodiscard]] uint64_t sha256_gas(BytesView input, Revision rev) noexcept;

/// SHA256 (0x02): the 32-byte SHA-256 digest of the whole input. Never fails.
[[nodiscard]] PrecompileResult sha256_execute(BytesView input, Revision rev) noexcept;

/// RIPEMD160 (0x03, Frontier; YP Appendix E): 600 + 120 · ⌈|input| / 32⌉ gas.
[[nodiscard]] uint64_t ripemd160_gas(BytesView input, Revision rev) noexcept;

/// RIPEMD160 (0x03): the 20-byte RIPEMD-160 digest left-padded with zeros to 32 bytes. Never
/// fails.
[[nodiscard]] PrecompileResult ripemd160_execute(BytesView input, Revision rev) noexcept;

/// IDENTITY (0x04, Frontier; YP Appendix E): 15 + 3 · ⌈|input| / 32⌉ gas.
[[nodiscard]] uint64_t identity_gas(BytesView input, Revision rev) noexcept;

/// IDENTITY (0x04): a copy of the input. Never fails.
[[nodiscard]] PrecompileResult identity_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
