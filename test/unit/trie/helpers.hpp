// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cryptopp/keccak.h>

#include <cstdint>
#include <random>
#include <ultra/core/bytes.hpp>

namespace ultra::trie::test {

/// Keccak-256 by Crypto++, an implementation independent of ours (the oracle for hand-built
/// expected roots).
inline Hash256 oracle_keccak256(BytesView data)
{
    CryptoPP::Keccak_256 h;
    h.Update(data.data(), data.size());
    Hash256 out;
    h.Final(out.data());
    return out;
}

/// `n` bytes from `rng`.
inline Bytes random_bytes(std::mt19937_64& rng, size_t n)
{
    Bytes b(n, 0);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    return b;
}

}  // namespace ultra::trie::test
