// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ultra/core/bytes.hpp>

#include "nibbles.hpp"
#include "proof.hpp"

/// Small helpers shared by the walks over RLP nodes (proof.cpp, partial_trie.cpp).
namespace ultra::trie::detail {

/// A proven absence.
inline ProofResult absent()
{
    return std::optional<Bytes>{};
}

/// A proven value.
inline ProofResult present(BytesView value)
{
    return std::optional<Bytes>{Bytes{value}};
}

/// Whether the nibbles of the packed `key` from `depth` on start with `path` (a NibblesView or
/// a PackedPath).
template <typename Path>
bool key_starts_with(const Path& path, BytesView key, size_t depth) noexcept
{
    if (2 * key.size() - depth < path.size()) return false;
    for (size_t i = 0; i < path.size(); ++i)
        if (path[i] != nibble_at(key, depth + i)) return false;
    return true;
}

/// Whether the nibbles of the packed `key` from `depth` on are exactly `path`.
template <typename Path>
bool is_rest(const Path& path, BytesView key, size_t depth) noexcept
{
    return 2 * key.size() - depth == path.size() && key_starts_with(path, key, depth);
}

}  // namespace ultra::trie::detail
