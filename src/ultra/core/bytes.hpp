// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ultra {

/// An owned byte string (small-string optimised, cheap to append to).
using Bytes = std::basic_string<uint8_t>;

/// A non-owning view of bytes. Decoders take a `BytesView&` and consume it.
using BytesView = std::basic_string_view<uint8_t>;

/// A fixed-size byte array with value semantics, ordering and hashing: the base of Bytes32
/// (hashes, storage keys and values) and Address.
template <size_t N>
struct FixedBytes
{
    std::array<uint8_t, N> bytes{};

    static constexpr size_t size() noexcept { return N; }
    constexpr uint8_t* data() noexcept { return bytes.data(); }
    constexpr const uint8_t* data() const noexcept { return bytes.data(); }
    constexpr uint8_t& operator[](size_t i) noexcept { return bytes[i]; }
    constexpr const uint8_t& operator[](size_t i) const noexcept { return bytes[i]; }
    constexpr operator BytesView() const noexcept { return {bytes.data(), N}; }
    [[nodiscard]] constexpr BytesView view() const noexcept { return {bytes.data(), N}; }

    /// True when every byte is zero.
    [[nodiscard]] constexpr bool is_zero() const noexcept
    {
        for (auto b : bytes)
            if (b != 0) return false;
        return true;
    }

    /// Copies exactly N bytes from `v`; precondition: v.size() == N.
    static FixedBytes from_view(BytesView v) noexcept
    {
        FixedBytes r;
        std::memcpy(r.bytes.data(), v.data(), N);
        return r;
    }

    friend constexpr bool operator==(const FixedBytes&, const FixedBytes&) = default;
    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
};

/// 32 bytes: hashes, storage keys and values, roots.
using Bytes32 = FixedBytes<32>;
/// A Keccak-256 or other 256-bit hash.
using Hash256 = Bytes32;
/// A 20-byte account address.
using Address = FixedBytes<20>;

/// Hashes a FixedBytes for unordered containers (lookups only: never iterate them into outputs).
struct FixedBytesHash
{
    template <size_t N>
    size_t operator()(const FixedBytes<N>& b) const noexcept
    {
        uint64_t h;
        std::memcpy(&h, b.bytes.data() + N - 8, 8);  // hashes and addresses are well mixed
        return static_cast<size_t>(h);
    }
};

/// Views the characters of a std::string_view as bytes.
inline BytesView to_bytes_view(std::string_view s) noexcept
{
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace ultra

template <size_t N>
struct std::hash<ultra::FixedBytes<N>> : ultra::FixedBytesHash
{};
