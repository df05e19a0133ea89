// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>

#include "errors.hpp"

namespace ultra::trie {

/// A nibble path, unpacked: one nibble (0..15) per byte, high nibble of each key byte first.
/// Keys themselves stay packed (BytesView); nibble_at() reads them without unpacking.
using Nibbles = Bytes;

/// A non-owning view of an unpacked nibble path.
using NibblesView = BytesView;

/// The i-th nibble of the packed byte string `bytes` (high nibble first).
/// Precondition: i < 2 * bytes.size().
[[nodiscard]] constexpr uint8_t nibble_at(BytesView bytes, size_t i) noexcept
{
    const uint8_t b = bytes[i >> 1];
    return (i & 1) != 0 ? static_cast<uint8_t>(b & 0x0f) : static_cast<uint8_t>(b >> 4);
}

/// Unpacks `bytes` into 2 * bytes.size() nibbles.
[[nodiscard]] Nibbles unpack_nibbles(BytesView bytes);

/// Packs an even-length nibble path back into bytes. Precondition: nibbles.size() is even and
/// every element is < 16 (checked with ULTRA_ASSERT).
[[nodiscard]] Bytes pack_nibbles(NibblesView nibbles);

/// Length of the longest common prefix of two nibble paths.
[[nodiscard]] size_t common_prefix_length(NibblesView a, NibblesView b) noexcept;

/// Length of the longest common prefix of the nibbles of the packed keys `a` and `b`, both read
/// from nibble `begin` on. Precondition: begin <= 2 * min(a.size(), b.size()).
[[nodiscard]] size_t common_prefix_length_packed(BytesView a, BytesView b, size_t begin) noexcept;

/// Size in bytes of the hex-prefix encoding of a path of `nibble_count` nibbles.
[[nodiscard]] constexpr size_t hex_prefix_length(size_t nibble_count) noexcept
{
    return nibble_count / 2 + 1;
}

/// Appends the hex-prefix ("compact") encoding of `path` (Yellow Paper, Appendix C): a first
/// nibble holding 2 * is_leaf + (path length odd), then, for an even path, a zero nibble, then
/// the path. Precondition: every element of `path` is < 16.
void hex_prefix_encode(Bytes& out, NibblesView path, bool is_leaf);

/// Returns the hex-prefix encoding of `path` (see the appending overload).
[[nodiscard]] Bytes hex_prefix_encode(NibblesView path, bool is_leaf);

/// Appends the hex-prefix encoding of the nibbles [begin, 2 * key.size()) of the packed `key`,
/// without unpacking it (how leaves of the in-memory trie and of the root builder are written).
/// Precondition: begin <= 2 * key.size().
void hex_prefix_encode_packed(Bytes& out, BytesView key, size_t begin, bool is_leaf);

/// A decoded hex-prefix path.
struct HexPrefix
{
    Nibbles path;          ///< the nibbles (possibly empty)
    bool is_leaf = false;  ///< the terminator flag: true for a leaf, false for an extension
};

/// A nibble path read in place from packed bytes, without unpacking: the nibbles
/// [begin, 2 * bytes.size()) of `bytes` (how a node's hex-prefix path is read: begin is 1 for an
/// odd path, 2 for an even one). A view: the bytes must outlive it.
class PackedPath
{
public:
    /// The empty path.
    constexpr PackedPath() noexcept = default;
    /// The nibbles of `bytes` from nibble `begin` on. Precondition: begin <= 2 * bytes.size().
    constexpr PackedPath(BytesView bytes, size_t begin) noexcept : bytes_{bytes}, begin_{begin} {}

    /// Number of nibbles.
    [[nodiscard]] constexpr size_t size() const noexcept { return 2 * bytes_.size() - begin_; }
    /// True for the empty path.
    [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }
    /// The i-th nibble. Precondition: i < size().
    [[nodiscard]] constexpr uint8_t operator[](size_t i) const noexcept
    {
        return nibble_at(bytes_, begin_ + i);
    }
    /// Writes the size() nibbles, one per byte, to `out`.
    void unpack_to(uint8_t* out) const noexcept;
    /// The nibbles, unpacked.
    [[nodiscard]] Nibbles unpack() const;

private:
    BytesView bytes_;
    size_t begin_ = 0;
};

/// A hex-prefix path decoded in place (see hex_prefix_decode_view()).
struct HexPrefixView
{
    PackedPath path;       ///< the nibbles, read from the encoded bytes
    bool is_leaf = false;  ///< the terminator flag
};

/// hex_prefix_decode() without unpacking: the path views `encoded`, which must outlive it.
/// Same checks and errors.
[[nodiscard]] Result<HexPrefixView, NodeError> hex_prefix_decode_view(BytesView encoded) noexcept;

/// Decodes a hex-prefix encoded path. Strict: the input must be non-empty, the flag nibble must
/// be 0..3 and, for an even path, the padding nibble must be zero (else kInvalidHexPrefix).
[[nodiscard]] Result<HexPrefix, NodeError> hex_prefix_decode(BytesView encoded);

}  // namespace ultra::trie
