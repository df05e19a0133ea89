// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "nibbles.hpp"

#include <algorithm>
#include <ultra/core/assert.hpp>

namespace ultra::trie {

Nibbles unpack_nibbles(BytesView bytes)
{
    Nibbles out(2 * bytes.size(), 0);
    for (size_t i = 0; i < bytes.size(); ++i) {
        out[2 * i] = static_cast<uint8_t>(bytes[i] >> 4);
        out[2 * i + 1] = static_cast<uint8_t>(bytes[i] & 0x0f);
    }
    return out;
}

Bytes pack_nibbles(NibblesView nibbles)
{
    ULTRA_ASSERT(nibbles.size() % 2 == 0);
    Bytes out(nibbles.size() / 2, 0);
    for (size_t i = 0; i < out.size(); ++i) {
        const uint8_t hi = nibbles[2 * i];
        const uint8_t lo = nibbles[2 * i + 1];
        ULTRA_ASSERT(hi < 16 && lo < 16);
        out[i] = static_cast<uint8_t>((hi << 4) | lo);
    }
    return out;
}

size_t common_prefix_length(NibblesView a, NibblesView b) noexcept
{
    const size_t n = std::min(a.size(), b.size());
    size_t i = 0;
    while (i < n && a[i] == b[i]) ++i;
    return i;
}

size_t common_prefix_length_packed(BytesView a, BytesView b, size_t begin) noexcept
{
    const size_t n = 2 * std::min(a.size(), b.size());
    size_t i = begin;
    // Finish an odd starting nibble, then compare whole bytes, then the nibbles of the first
    // differing byte.
    if (i < n && (i & 1) != 0) {
        if (nibble_at(a, i) != nibble_at(b, i)) return 0;
        ++i;
    }
    while (i < n && a[i / 2] == b[i / 2]) i += 2;
    if (i < n && nibble_at(a, i) == nibble_at(b, i)) ++i;
    return i - begin;
}

void hex_prefix_encode(Bytes& out, NibblesView path, bool is_leaf)
{
    const uint8_t flag = is_leaf ? 2 : 0;
    size_t i = 0;
    if (path.size() % 2 != 0) {
        ULTRA_ASSERT(path[0] < 16);
        out.push_back(static_cast<uint8_t>(((flag + 1) << 4) | path[0]));
        i = 1;
    } else {
        out.push_back(static_cast<uint8_t>(flag << 4));
    }
    for (; i < path.size(); i += 2) {
        ULTRA_ASSERT(path[i] < 16 && path[i + 1] < 16);
        out.push_back(static_cast<uint8_t>((path[i] << 4) | path[i + 1]));
    }
}

Bytes hex_prefix_encode(NibblesView path, bool is_leaf)
{
    Bytes out;
    out.reserve(hex_prefix_length(path.size()));
    hex_prefix_encode(out, path, is_leaf);
    return out;
}

void hex_prefix_encode_packed(Bytes& out, BytesView key, size_t begin, bool is_leaf)
{
    const size_t end = 2 * key.size();
    ULTRA_ASSERT(begin <= end);
    const uint8_t flag = is_leaf ? 2 : 0;
    if ((begin & 1) != 0) {
        // Keys are whole bytes, so an odd start means an odd path: the flag byte carries the
        // first nibble and the rest is byte-aligned.
        out.push_back(static_cast<uint8_t>(((flag + 1) << 4) | nibble_at(key, begin)));
        out.append(key.substr(begin / 2 + 1));
    } else {
        // An even path: the flag byte is padded with a zero nibble.
        out.push_back(static_cast<uint8_t>(flag << 4));
        out.append(key.substr(begin / 2));
    }
}

void PackedPath::unpack_to(uint8_t* out) const noexcept
{
    size_t i = begin_;
    const size_t end = 2 * bytes_.size();
    if (i < end && (i & 1) != 0) *out++ = nibble_at(bytes_, i++);
    for (; i < end; i += 2) {
        const uint8_t b = bytes_[i / 2];
        *out++ = static_cast<uint8_t>(b >> 4);
        *out++ = static_cast<uint8_t>(b & 0x0f);
    }
}

Nibbles PackedPath::unpack() const
{
    Nibbles out(size(), 0);
    unpack_to(out.data());
    return out;
}

Result<HexPrefixView, NodeError> hex_prefix_decode_view(BytesView encoded) noexcept
{
    if (encoded.empty()) return unexpected(NodeError::kInvalidHexPrefix);
    const uint8_t flag = encoded[0] >> 4;
    if (flag > 3) return unexpected(NodeError::kInvalidHexPrefix);
    const bool odd = (flag & 1) != 0;
    if (!odd && (encoded[0] & 0x0f) != 0) return unexpected(NodeError::kInvalidHexPrefix);
    return HexPrefixView{PackedPath{encoded, odd ? size_t{1} : size_t{2}}, (flag & 2) != 0};
}

Result<HexPrefix, NodeError> hex_prefix_decode(BytesView encoded)
{
    ULTRA_TRY(const HexPrefixView hp, hex_prefix_decode_view(encoded));
    return HexPrefix{hp.path.unpack(), hp.is_leaf};
}

}  // namespace ultra::trie
