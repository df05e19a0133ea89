// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/authorization.hpp>
#include <ultra/core/types/transaction.hpp>

#include "error.hpp"

namespace ultra::wallet {

/// Signs `tx` in place with `private_key`: sets y_parity, r and s from a deterministic
/// (RFC 6979), low-s signature of signing_hash(tx). Any type: 0 (legacy: EIP-155 when
/// tx.chain_id is set, otherwise the pre-EIP-155 form with v = 27/28), 1 (EIP-2930),
/// 2 (EIP-1559), 3 (EIP-4844), 4 (EIP-7702; its authorizations are signed separately, see
/// sign_authorization(), and are part of the signed fields).
///
/// Signs what it is given: nothing else of the transaction is validated. kInvalidKey when the
/// key is not in [1, n-1].
[[nodiscard]] Result<void, WalletError> sign_transaction(Transaction& tx,
                                                         const Bytes32& private_key);

/// Signs an EIP-7702 authorization tuple in place: y_parity, r, s over
/// authorization_signing_hash(auth) = keccak256(0x05 ‖ rlp([chain_id, address, nonce])).
/// kInvalidKey when the key is not in [1, n-1].
[[nodiscard]] Result<void, WalletError> sign_authorization(Authorization& auth,
                                                           const Bytes32& private_key);

}  // namespace ultra::wallet
