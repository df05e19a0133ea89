// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "signer.hpp"

#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::wallet {
namespace {

Result<EcdsaSignature, WalletError> sign_hash(const Hash256& hash, const Bytes32& private_key)
{
    auto sig = secp256k1_sign(hash, private_key);
    if (!sig) {
        return unexpected(WalletError{WalletErrc::kInvalidKey,
                                      "the private key is not a secp256k1 scalar in [1, n-1]"});
    }
    return *sig;
}

}  // namespace

Result<void, WalletError> sign_transaction(Transaction& tx, const Bytes32& private_key)
{
    ULTRA_TRY(const EcdsaSignature sig, sign_hash(signing_hash(tx), private_key));
    tx.y_parity = sig.y_parity;
    tx.r = from_bytes32(sig.r);
    tx.s = from_bytes32(sig.s);
    return {};
}

Result<void, WalletError> sign_authorization(Authorization& auth, const Bytes32& private_key)
{
    ULTRA_TRY(const EcdsaSignature sig, sign_hash(authorization_signing_hash(auth), private_key));
    auth.y_parity = sig.y_parity;
    auth.r = from_bytes32(sig.r);
    auth.s = from_bytes32(sig.s);
    return {};
}

}  // namespace ultra::wallet
