// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bytes.hpp"

namespace ultra {

/// Lower-case hex of `bytes`, without a "0x" prefix.
[[nodiscard]] std::string to_hex(BytesView bytes);

/// "0x" + lower-case hex of `bytes`.
[[nodiscard]] std::string to_0x_hex(BytesView bytes);

/// Parses hex with an optional "0x"/"0X" prefix. An odd number of digits or a non-hex character
/// gives std::nullopt. The empty string and "0x" give empty bytes.
[[nodiscard]] std::optional<Bytes> from_hex(std::string_view hex);

/// Parses hex into a FixedBytes<N>; the digits must encode exactly N bytes.
template <size_t N>
[[nodiscard]] std::optional<FixedBytes<N>> fixed_from_hex(std::string_view hex)
{
    auto b = from_hex(hex);
    if (!b || b->size() != N) return std::nullopt;
    return FixedBytes<N>::from_view(*b);
}

namespace literals {
/// Hex literal for tests and constants: "0xdeadbeef"_hex. Aborts on malformed hex.
Bytes operator""_hex(const char* s, size_t n);
/// 32-byte literal: "0x...64 digits"_b32. Aborts unless exactly 32 bytes.
Bytes32 operator""_b32(const char* s, size_t n);
/// 20-byte literal: "0x...40 digits"_addr. Aborts unless exactly 20 bytes.
Address operator""_addr(const char* s, size_t n);
}  // namespace literals

}  // namespace ultra
