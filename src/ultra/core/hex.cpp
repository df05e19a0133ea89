// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "hex.hpp"

#include "assert.hpp"

namespace ultra {
namespace {
constexpr char kDigits[] = "0123456789abcdef";

constexpr int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string to_hex(BytesView bytes)
{
    std::string s(bytes.size() * 2, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) {
        s[2 * i] = kDigits[bytes[i] >> 4];
        s[2 * i + 1] = kDigits[bytes[i] & 0xf];
    }
    return s;
}

std::string to_0x_hex(BytesView bytes)
{
    return "0x" + to_hex(bytes);
}

std::optional<Bytes> from_hex(std::string_view hex)
{
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
    if (hex.size() % 2 != 0) return std::nullopt;
    Bytes out(hex.size() / 2, 0);
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_value(hex[2 * i]);
        const int lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<uint8_t>((hi << 4) | lo);
    }
    return out;
}

namespace literals {
Bytes operator""_hex(const char* s, size_t n)
{
    auto b = from_hex({s, n});
    ULTRA_ASSERT(b.has_value());
    return std::move(*b);
}

Bytes32 operator""_b32(const char* s, size_t n)
{
    auto b = fixed_from_hex<32>({s, n});
    ULTRA_ASSERT(b.has_value());
    return *b;
}

Address operator""_addr(const char* s, size_t n)
{
    auto b = fixed_from_hex<20>({s, n});
    ULTRA_ASSERT(b.has_value());
    return *b;
}
}  // namespace literals
}  // namespace ultra
