// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/uint256.hpp>
#include <vector>

namespace ultra {

/// An EIP-7702 authorization tuple: the authority (recovered from the signature) lets its
/// account's code become a delegation to `address`.
/// RLP: [chain_id, address, nonce, y_parity, r, s].
struct Authorization
{
    uint256 chain_id;      ///< 0 (any chain) or the chain id; a 256-bit scalar per EIP-7702
    Address address;       ///< the delegation target
    uint64_t nonce = 0;    ///< the authority's expected nonce
    uint8_t y_parity = 0;  ///< signature recovery id as decoded (valid ones are 0 or 1)
    uint256 r;             ///< signature r
    uint256 s;             ///< signature s

    friend bool operator==(const Authorization&, const Authorization&) = default;
};

/// The message the authority signs: keccak256(0x05 || rlp([chain_id, address, nonce])) (EIP-7702
/// MAGIC = 0x05).
[[nodiscard]] Hash256 authorization_signing_hash(const Authorization& auth);

/// The authority of `auth` if the tuple passes the checks of EIP-7702 that need no state:
/// chain_id is 0 or `chain_id`, nonce < 2^64 - 1 (EIP-2681), y_parity is 0 or 1, r and s in
/// [1, n-1] with s <= n/2 (EIP-2), and a key recovers. std::nullopt otherwise: the execution layer
/// then skips the tuple (an invalid authorization does not invalidate its transaction).
[[nodiscard]] std::optional<Address> recover_authority(const Authorization& auth,
                                                       uint64_t chain_id);

}  // namespace ultra
