// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "authorization.hpp"

#include <limits>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/core/types/rlp_u256.hpp>

namespace ultra {

namespace {
/// EIP-7702 MAGIC: the domain separator of authorization signatures.
constexpr uint8_t kSetCodeAuthorizationMagic = 0x05;
}  // namespace

Hash256 authorization_signing_hash(const Authorization& auth)
{
    Bytes fields;
    rlp::encode_u256(fields, auth.chain_id);
    rlp::encode(fields, auth.address);
    rlp::encode(fields, auth.nonce);
    Bytes msg{kSetCodeAuthorizationMagic};
    rlp::encode_list(msg, fields);
    return keccak256(msg);
}

std::optional<Address> recover_authority(const Authorization& auth, uint64_t chain_id)
{
    // EIP-7702 "verify the chain id is 0 or the ID of the current chain".
    if (auth.chain_id != 0 && auth.chain_id != uint256{chain_id}) return std::nullopt;
    // EIP-7702 / EIP-2681: "verify the nonce is less than 2**64 - 1".
    if (auth.nonce == std::numeric_limits<uint64_t>::max()) return std::nullopt;
    if (auth.y_parity > 1) return std::nullopt;
    uint8_t sig[64];
    store_be(sig, auth.r);
    store_be(sig + 32, auth.s);
    if (!is_valid_secp256k1_scalar(sig) || !is_valid_secp256k1_scalar(sig + 32))
        return std::nullopt;
    if (!is_low_s(sig + 32)) return std::nullopt;  // EIP-7702 requires s <= n/2 (as EIP-2)
    return ecrecover(authorization_signing_hash(auth), sig, auth.y_parity);
}

}  // namespace ultra
