// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/types/access_list.hpp>
#include <ultra/core/types/authorization.hpp>
#include <ultra/core/types/tx_error.hpp>
#include <ultra/core/uint256.hpp>
#include <vector>

namespace ultra {

/// The EIP-2718 transaction type: the first byte of a typed envelope, 0 for the untyped legacy
/// RLP list.
enum class TxType : uint8_t
{
    kLegacy = 0,      ///< Yellow Paper §4.2, with or without an EIP-155 chain id
    kAccessList = 1,  ///< EIP-2930 (Berlin)
    kDynamicFee = 2,  ///< EIP-1559 (London)
    kBlob = 3,        ///< EIP-4844 (Cancun)
    kSetCode = 4,     ///< EIP-7702 (Prague)
};

/// A signed transaction of any type, as one flat struct: the fields a type does not have keep
/// their default values and are neither encoded nor decoded.
///
/// Fees: types 0 and 1 have a single `gas_price`, held in both max_fee_per_gas and
/// max_priority_fee_per_gas (the encoding writes max_fee_per_gas), so that the EIP-1559 fee
/// arithmetic of the execution layer is the same for every type. Use set_gas_price() for them.
struct Transaction
{
    TxType type = TxType::kLegacy;  ///< the envelope type

    /// The chain id the signature commits to. Typed transactions always have one; a legacy
    /// transaction has one only if signed with EIP-155 (v = 2 * chain_id + 35 + y_parity).
    std::optional<uint64_t> chain_id;

    uint64_t nonce = 0;                ///< the sender's nonce (a 64-bit field by EIP-2681)
    uint256 max_priority_fee_per_gas;  ///< type >= 2; the gas price for types 0 and 1
    uint256 max_fee_per_gas;           ///< type >= 2; the gas price for types 0 and 1
    uint64_t gas_limit = 0;            ///< `gas` in the Yellow Paper
    std::optional<Address> to;         ///< the recipient; std::nullopt is a contract creation
    uint256 value;                     ///< wei transferred
    Bytes data;                        ///< call data, or init code of a creation
    AccessList access_list;            ///< type >= 1 (EIP-2930)
    uint256 max_fee_per_blob_gas;      ///< type 3 (EIP-4844)
    std::vector<Hash256> blob_versioned_hashes;     ///< type 3 (EIP-4844)
    std::vector<Authorization> authorization_list;  ///< type 4 (EIP-7702)

    uint8_t y_parity = 0;  ///< signature recovery id, 0 or 1 (legacy: derived from v)
    uint256 r;             ///< signature r
    uint256 s;             ///< signature s

    /// Sets the single gas price of a type 0 or 1 transaction (both fee fields).
    void set_gas_price(const uint256& price) noexcept
    {
        max_fee_per_gas = price;
        max_priority_fee_per_gas = price;
    }

    friend bool operator==(const Transaction&, const Transaction&) = default;
};

/// The signature's `v` as encoded: for a legacy transaction 27 + y_parity, or with EIP-155
/// 2 * chain_id + 35 + y_parity; for typed transactions y_parity itself.
[[nodiscard]] uint256 signature_v(const Transaction& tx) noexcept;

// ---------------------------------------------------------------------------------------------
// Encoding (EIP-2718)
// ---------------------------------------------------------------------------------------------

/// Decodes a transaction from its canonical encoding: the RLP list of a legacy transaction, or
/// `type || rlp(fields)` for a typed one, with no trailing bytes.
///
/// Strict: every integer canonical and in range, field counts exact, `to` empty or 20 bytes,
/// access-list addresses 20 bytes and keys 32 bytes. Legacy v must be 27, 28 or >= 35 (EIP-155)
/// and typed y_parity 0 or 1; other values are kInvalidSignature. An RLP string wrapping a
/// transaction (the form used inside block bodies) is kTypeNotSupported here.
/// Nothing revision-dependent is checked: see validate_transaction_static().
[[nodiscard]] Result<Transaction, TxError> decode_transaction(BytesView encoded) noexcept;

/// Decodes one transaction as it appears as an item of a block body's transaction list, and
/// consumes it: a legacy transaction is the RLP list itself, a typed one is an RLP string whose
/// payload is the typed envelope (a legacy list inside a string is rejected). EIP-2718.
[[nodiscard]] Result<Transaction, TxError> decode_transaction_item(BytesView& from) noexcept;

/// The canonical encoding: what decode_transaction() accepts, and what the transaction hash is
/// the keccak of. (A legacy chain id so large that v = 2 * chain_id + 36 exceeds 64 bits encodes,
/// but decode_transaction() rejects it: v must fit 64 bits.)
[[nodiscard]] Bytes encode_transaction(const Transaction& tx);

/// Appends the block-body item form (see decode_transaction_item()): the legacy RLP list as is, a
/// typed envelope wrapped in an RLP string. (The transactions trie stores the unwrapped
/// encode_transaction().)
void encode_transaction_item(Bytes& out, const Transaction& tx);

// ---------------------------------------------------------------------------------------------
// Hashes and the sender
// ---------------------------------------------------------------------------------------------

/// The transaction hash: keccak256(encode_transaction(tx)).
[[nodiscard]] Hash256 transaction_hash(const Transaction& tx);

/// The hash the sender signed:
/// - legacy: keccak256(rlp([nonce, gas_price, gas, to, value, data])), or with an EIP-155 chain
///   id keccak256(rlp([nonce, gas_price, gas, to, value, data, chain_id, 0, 0]));
/// - typed: keccak256(type || rlp(the fields without y_parity, r, s)) (EIP-2718).
[[nodiscard]] Hash256 signing_hash(const Transaction& tx);

/// Recovers the sender from the signature over signing_hash(tx) (Yellow Paper Appendix F).
/// Does not apply the revision's signature rules (low s, EIP-155): validate_transaction_static()
/// does; call it first. kEcRecoveryFailed when no public key recovers, kInvalidSignature when r
/// or s is outside [1, n-1].
[[nodiscard]] Result<Address, TxError> recover_sender(const Transaction& tx);

}  // namespace ultra
