// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "transaction.hpp"

#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/core/types/rlp_u256.hpp>

namespace ultra {
namespace {

using rlp::DecodingError;

/// Maps an RLP error met while decoding a field; `overflow` names the field's range error.
TxError from_rlp(DecodingError e, TxError overflow) noexcept
{
    switch (e) {
        case DecodingError::kLeadingZero: return TxError::kRlpLeadingZeros;
        case DecodingError::kNonCanonicalSize: return TxError::kRlpNonCanonicalSize;
        case DecodingError::kOverflow: return overflow;
        case DecodingError::kUnexpectedList:
        case DecodingError::kUnexpectedString:
        case DecodingError::kUnexpectedLength:
        case DecodingError::kInvalidValue: return TxError::kRlpInvalidField;
        case DecodingError::kInputTooShort:
        case DecodingError::kInputTooLong:
        case DecodingError::kListLengthMismatch: return TxError::kRlpMalformed;
    }
    return TxError::kRlpMalformed;
}

/// Reads the fields of an RLP list payload one by one, turning RLP errors into TxErrors. Running
/// out of items is kRlpTooFewElements; items left at finish() are kRlpTooManyElements.
class FieldReader
{
public:
    explicit FieldReader(BytesView payload) noexcept : rest_{payload} {}

    Result<uint64_t, TxError> u64(TxError overflow) noexcept
    {
        if (rest_.empty()) return unexpected(TxError::kRlpTooFewElements);
        auto r = rlp::decode_uint64(rest_);
        if (!r) return unexpected(from_rlp(r.error(), overflow));
        return *r;
    }

    Result<uint256, TxError> u256(TxError overflow) noexcept
    {
        if (rest_.empty()) return unexpected(TxError::kRlpTooFewElements);
        auto r = rlp::decode_u256(rest_);
        if (!r) return unexpected(from_rlp(r.error(), overflow));
        return *r;
    }

    Result<BytesView, TxError> string() noexcept
    {
        if (rest_.empty()) return unexpected(TxError::kRlpTooFewElements);
        auto r = rlp::decode_string(rest_);
        if (!r) return unexpected(from_rlp(r.error(), TxError::kRlpMalformed));
        return *r;
    }

    /// A list's payload.
    Result<BytesView, TxError> list() noexcept
    {
        if (rest_.empty()) return unexpected(TxError::kRlpTooFewElements);
        auto r = rlp::decode_list(rest_);
        if (!r) return unexpected(from_rlp(r.error(), TxError::kRlpMalformed));
        return *r;
    }

    /// A 20-byte address (a different length is kAddressTooShort / kAddressTooLong).
    Result<Address, TxError> address() noexcept
    {
        ULTRA_TRY(const BytesView s, string());
        if (s.size() < Address::size()) return unexpected(TxError::kAddressTooShort);
        if (s.size() > Address::size()) return unexpected(TxError::kAddressTooLong);
        return Address::from_view(s);
    }

    /// The `to` field: empty for a contract creation, else a 20-byte address.
    Result<std::optional<Address>, TxError> recipient() noexcept
    {
        ULTRA_TRY(const BytesView s, string());
        if (s.empty()) return std::optional<Address>{};
        if (s.size() < Address::size()) return unexpected(TxError::kAddressTooShort);
        if (s.size() > Address::size()) return unexpected(TxError::kAddressTooLong);
        return std::optional<Address>{Address::from_view(s)};
    }

    /// True when the next item is a list (false at the end).
    [[nodiscard]] bool next_is_list() const noexcept { return !rest_.empty() && rest_[0] >= 0xc0; }

    Result<void, TxError> finish() const noexcept
    {
        if (!rest_.empty()) return unexpected(TxError::kRlpTooManyElements);
        return {};
    }

private:
    BytesView rest_;
};

Result<AccessList, TxError> decode_access_list(FieldReader& fields) noexcept
{
    ULTRA_TRY(const BytesView payload, fields.list());
    AccessList list;
    FieldReader entries{payload};
    while (!entries.finish()) {
        ULTRA_TRY(const BytesView entry_payload, entries.list());
        FieldReader entry{entry_payload};
        AccessListEntry e;
        ULTRA_TRY(e.address, entry.address());
        ULTRA_TRY(const BytesView keys_payload, entry.list());
        ULTRA_TRY_VOID(entry.finish());
        FieldReader keys{keys_payload};
        while (!keys.finish()) {
            ULTRA_TRY(const BytesView key, keys.string());
            if (key.size() < Bytes32::size()) return unexpected(TxError::kStorageKeyTooShort);
            if (key.size() > Bytes32::size()) return unexpected(TxError::kStorageKeyTooLong);
            e.storage_keys.push_back(Bytes32::from_view(key));
        }
        list.push_back(std::move(e));
    }
    return list;
}

Result<std::vector<Hash256>, TxError> decode_blob_hashes(FieldReader& fields) noexcept
{
    ULTRA_TRY(const BytesView payload, fields.list());
    std::vector<Hash256> hashes;
    FieldReader items{payload};
    while (!items.finish()) {
        ULTRA_TRY(const BytesView h, items.string());
        if (h.size() != Hash256::size()) return unexpected(TxError::kRlpInvalidField);
        hashes.push_back(Hash256::from_view(h));
    }
    return hashes;
}

Result<std::vector<Authorization>, TxError> decode_authorization_list(FieldReader& fields) noexcept
{
    ULTRA_TRY(const BytesView payload, fields.list());
    std::vector<Authorization> list;
    FieldReader items{payload};
    while (!items.finish()) {
        ULTRA_TRY(const BytesView tuple_payload, items.list());
        FieldReader tuple{tuple_payload};
        Authorization a;
        ULTRA_TRY(a.chain_id, tuple.u256(TxError::kChainIdOverflow));
        ULTRA_TRY(a.address, tuple.address());
        ULTRA_TRY(a.nonce, tuple.u64(TxError::kNonceOverflow));
        // EIP-7702: y_parity < 2^8 is a validity condition of the transaction; 0 or 1 only of
        // the authorization.
        ULTRA_TRY(const uint64_t y, tuple.u64(TxError::kInvalidSignature));
        if (y > 0xff) return unexpected(TxError::kInvalidSignature);
        a.y_parity = static_cast<uint8_t>(y);
        ULTRA_TRY(a.r, tuple.u256(TxError::kInvalidSignature));
        ULTRA_TRY(a.s, tuple.u256(TxError::kInvalidSignature));
        ULTRA_TRY_VOID(tuple.finish());
        list.push_back(a);
    }
    return list;
}

/// y_parity, r, s of a typed transaction.
Result<void, TxError> decode_typed_signature(FieldReader& fields, Transaction& tx) noexcept
{
    ULTRA_TRY(const uint64_t y, fields.u64(TxError::kInvalidSignature));
    if (y > 1) return unexpected(TxError::kInvalidSignature);
    tx.y_parity = static_cast<uint8_t>(y);
    ULTRA_TRY(tx.r, fields.u256(TxError::kInvalidSignature));
    ULTRA_TRY(tx.s, fields.u256(TxError::kInvalidSignature));
    return {};
}

Result<Transaction, TxError> decode_legacy_payload(BytesView payload) noexcept
{
    FieldReader f{payload};
    Transaction tx;
    tx.type = TxType::kLegacy;
    ULTRA_TRY(tx.nonce, f.u64(TxError::kNonceOverflow));
    ULTRA_TRY(const uint256 gas_price, f.u256(TxError::kGasPriceOverflow));
    tx.set_gas_price(gas_price);
    ULTRA_TRY(tx.gas_limit, f.u64(TxError::kGasLimitOverflow));
    ULTRA_TRY(tx.to, f.recipient());
    ULTRA_TRY(tx.value, f.u256(TxError::kValueOverflow));
    ULTRA_TRY(const BytesView data, f.string());
    tx.data = Bytes{data};
    ULTRA_TRY(const uint64_t v, f.u64(TxError::kInvalidSignature));
    if (v == 27 || v == 28) {
        tx.y_parity = static_cast<uint8_t>(v - 27);
    } else if (v >= 35) {  // EIP-155: v = 2 * chain_id + 35 + y_parity
        tx.chain_id = (v - 35) / 2;
        tx.y_parity = static_cast<uint8_t>((v - 35) % 2);
    } else {
        return unexpected(TxError::kInvalidSignature);
    }
    ULTRA_TRY(tx.r, f.u256(TxError::kInvalidSignature));
    ULTRA_TRY(tx.s, f.u256(TxError::kInvalidSignature));
    ULTRA_TRY_VOID(f.finish());
    return tx;
}

/// Decodes `rlp(fields)` of a typed transaction (the bytes after the type byte), which must be
/// exactly one list.
Result<Transaction, TxError> decode_typed_payload(TxType type, BytesView envelope) noexcept
{
    BytesView rest = envelope;
    auto list = rlp::decode_list(rest);
    if (!list) return unexpected(from_rlp(list.error(), TxError::kRlpMalformed));
    if (!rest.empty()) return unexpected(TxError::kRlpMalformed);

    FieldReader f{*list};
    // EIP-4844: the network form [tx_payload, blobs, commitments, proofs] is not a transaction.
    if (type == TxType::kBlob && f.next_is_list())
        return unexpected(TxError::kType3TxWithFullBlobs);

    Transaction tx;
    tx.type = type;
    ULTRA_TRY(tx.chain_id, f.u64(TxError::kChainIdOverflow));
    ULTRA_TRY(tx.nonce, f.u64(TxError::kNonceOverflow));
    if (type == TxType::kAccessList) {
        ULTRA_TRY(const uint256 gas_price, f.u256(TxError::kGasPriceOverflow));
        tx.set_gas_price(gas_price);
    } else {
        ULTRA_TRY(tx.max_priority_fee_per_gas, f.u256(TxError::kPriorityFeeOverflow));
        ULTRA_TRY(tx.max_fee_per_gas, f.u256(TxError::kGasPriceOverflow));
    }
    ULTRA_TRY(tx.gas_limit, f.u64(TxError::kGasLimitOverflow));
    ULTRA_TRY(tx.to, f.recipient());
    ULTRA_TRY(tx.value, f.u256(TxError::kValueOverflow));
    ULTRA_TRY(const BytesView data, f.string());
    tx.data = Bytes{data};
    ULTRA_TRY(tx.access_list, decode_access_list(f));
    if (type == TxType::kBlob) {
        ULTRA_TRY(tx.max_fee_per_blob_gas, f.u256(TxError::kBlobFeeOverflow));
        ULTRA_TRY(tx.blob_versioned_hashes, decode_blob_hashes(f));
    } else if (type == TxType::kSetCode) {
        ULTRA_TRY(tx.authorization_list, decode_authorization_list(f));
    }
    ULTRA_TRY_VOID(decode_typed_signature(f, tx));
    ULTRA_TRY_VOID(f.finish());
    return tx;
}

/// Decodes a typed envelope `type || rlp(fields)`.
Result<Transaction, TxError> decode_envelope(BytesView envelope) noexcept
{
    if (envelope.empty()) return unexpected(TxError::kTypeNotSupported);
    const uint8_t type = envelope[0];
    if (type < static_cast<uint8_t>(TxType::kAccessList) ||
        type > static_cast<uint8_t>(TxType::kSetCode))
        return unexpected(TxError::kTypeNotSupported);
    return decode_typed_payload(static_cast<TxType>(type), envelope.substr(1));
}

// --- Encoding ----------------------------------------------------------------------------------

void encode_recipient(Bytes& out, const std::optional<Address>& to)
{
    if (to)
        rlp::encode(out, *to);
    else
        rlp::encode(out, BytesView{});
}

void encode_access_list(Bytes& out, const AccessList& list)
{
    Bytes entries;
    for (const auto& e : list) {
        Bytes entry;
        rlp::encode(entry, e.address);
        Bytes keys;
        for (const auto& k : e.storage_keys) rlp::encode(keys, k);
        rlp::encode_list(entry, keys);
        rlp::encode_list(entries, entry);
    }
    rlp::encode_list(out, entries);
}

void encode_authorization_list(Bytes& out, const std::vector<Authorization>& list)
{
    Bytes items;
    for (const auto& a : list) {
        Bytes tuple;
        rlp::encode_u256(tuple, a.chain_id);
        rlp::encode(tuple, a.address);
        rlp::encode(tuple, a.nonce);
        rlp::encode(tuple, uint64_t{a.y_parity});
        rlp::encode_u256(tuple, a.r);
        rlp::encode_u256(tuple, a.s);
        rlp::encode_list(items, tuple);
    }
    rlp::encode_list(out, items);
}

/// The RLP payload (list items without the list header) of a transaction's fields, with the
/// signature (`signed_form`) or in the form that is signed.
Bytes encode_fields(const Transaction& tx, bool signed_form)
{
    Bytes p;
    if (tx.type == TxType::kLegacy) {
        rlp::encode(p, tx.nonce);
        rlp::encode_u256(p, tx.max_fee_per_gas);
        rlp::encode(p, tx.gas_limit);
        encode_recipient(p, tx.to);
        rlp::encode_u256(p, tx.value);
        rlp::encode(p, BytesView{tx.data});
        if (signed_form) {
            rlp::encode_u256(p, signature_v(tx));
            rlp::encode_u256(p, tx.r);
            rlp::encode_u256(p, tx.s);
        } else if (tx.chain_id) {  // EIP-155
            rlp::encode(p, *tx.chain_id);
            rlp::encode(p, uint64_t{0});
            rlp::encode(p, uint64_t{0});
        }
        return p;
    }

    rlp::encode(p, tx.chain_id.value_or(0));
    rlp::encode(p, tx.nonce);
    if (tx.type == TxType::kAccessList) {
        rlp::encode_u256(p, tx.max_fee_per_gas);
    } else {
        rlp::encode_u256(p, tx.max_priority_fee_per_gas);
        rlp::encode_u256(p, tx.max_fee_per_gas);
    }
    rlp::encode(p, tx.gas_limit);
    encode_recipient(p, tx.to);
    rlp::encode_u256(p, tx.value);
    rlp::encode(p, BytesView{tx.data});
    encode_access_list(p, tx.access_list);
    if (tx.type == TxType::kBlob) {
        rlp::encode_u256(p, tx.max_fee_per_blob_gas);
        Bytes hashes;
        for (const auto& h : tx.blob_versioned_hashes) rlp::encode(hashes, h);
        rlp::encode_list(p, hashes);
    } else if (tx.type == TxType::kSetCode) {
        encode_authorization_list(p, tx.authorization_list);
    }
    if (signed_form) {
        rlp::encode(p, uint64_t{tx.y_parity});
        rlp::encode_u256(p, tx.r);
        rlp::encode_u256(p, tx.s);
    }
    return p;
}

/// `type || rlp(list)` for typed transactions, `rlp(list)` for legacy ones.
Bytes encode_with_envelope(const Transaction& tx, bool signed_form)
{
    const Bytes fields = encode_fields(tx, signed_form);
    Bytes out;
    out.reserve(fields.size() + 10);
    if (tx.type != TxType::kLegacy) out.push_back(static_cast<uint8_t>(tx.type));
    rlp::encode_list(out, fields);
    return out;
}

}  // namespace

uint256 signature_v(const Transaction& tx) noexcept
{
    if (tx.type != TxType::kLegacy) return tx.y_parity;
    if (!tx.chain_id) return uint256{27} + tx.y_parity;
    return uint256{*tx.chain_id} * 2 + 35 + tx.y_parity;  // EIP-155
}

Result<Transaction, TxError> decode_transaction(BytesView encoded) noexcept
{
    if (encoded.empty()) return unexpected(TxError::kTypeNotSupported);
    const uint8_t first = encoded[0];
    if (first >= 0xc0) {  // a legacy transaction: the RLP list itself
        BytesView rest = encoded;
        auto payload = rlp::decode_list(rest);
        if (!payload) return unexpected(from_rlp(payload.error(), TxError::kRlpMalformed));
        if (!rest.empty()) return unexpected(TxError::kRlpMalformed);
        return decode_legacy_payload(*payload);
    }
    if (first >= 0x80) return unexpected(TxError::kTypeNotSupported);  // an RLP string wrapper
    return decode_envelope(encoded);  // EIP-2718: 0x00..0x7f is a type byte
}

Result<Transaction, TxError> decode_transaction_item(BytesView& from) noexcept
{
    if (from.empty()) return unexpected(TxError::kRlpMalformed);
    BytesView rest = from;
    if (from[0] >= 0xc0) {
        auto payload = rlp::decode_list(rest);
        if (!payload) return unexpected(from_rlp(payload.error(), TxError::kRlpMalformed));
        ULTRA_TRY(Transaction tx, decode_legacy_payload(*payload));
        from = rest;
        return tx;
    }
    auto envelope = rlp::decode_string(rest);
    if (!envelope) return unexpected(from_rlp(envelope.error(), TxError::kRlpMalformed));
    // A legacy list inside a string is not a typed envelope (EIP-2718: type bytes < 0x80).
    ULTRA_TRY(Transaction tx, decode_envelope(*envelope));
    from = rest;
    return tx;
}

Bytes encode_transaction(const Transaction& tx)
{
    return encode_with_envelope(tx, true);
}

void encode_transaction_item(Bytes& out, const Transaction& tx)
{
    const Bytes encoded = encode_transaction(tx);
    if (tx.type == TxType::kLegacy)
        out += encoded;
    else
        rlp::encode(out, BytesView{encoded});
}

Hash256 transaction_hash(const Transaction& tx)
{
    return keccak256(encode_transaction(tx));
}

Hash256 signing_hash(const Transaction& tx)
{
    return keccak256(encode_with_envelope(tx, false));
}

Result<Address, TxError> recover_sender(const Transaction& tx)
{
    uint8_t sig[64];
    store_be(sig, tx.r);
    store_be(sig + 32, tx.s);
    if (!is_valid_secp256k1_scalar(sig) || !is_valid_secp256k1_scalar(sig + 32) || tx.y_parity > 1)
        return unexpected(TxError::kInvalidSignature);
    const auto sender = ecrecover(signing_hash(tx), sig, tx.y_parity);
    if (!sender) return unexpected(TxError::kEcRecoveryFailed);
    return *sender;
}

}  // namespace ultra
