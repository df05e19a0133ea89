// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Transactions: round trips of every type, hand-checked vectors (EIP-155's example, a mainnet
// transaction, an EEST set-code transaction), strict decoding, intrinsic gas per revision and
// the static validation rules.

#include <gtest/gtest.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <limits>
#include <random>
#include <set>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/transaction_validation.hpp>
#include <ultra/core/uint256.hpp>
#include <utils/fixtures.hpp>

namespace {
using namespace ultra;
using namespace ultra::literals;

// --- Test signer (libsecp256k1 directly, independent of the code under test) -------------------

const secp256k1_context* signing_context()
{
    static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN);
    return ctx;
}

/// The address of a private key: keccak256(uncompressed public key without 0x04)[12:].
Address address_of(const Bytes32& key)
{
    secp256k1_pubkey pub;
    EXPECT_EQ(secp256k1_ec_pubkey_create(signing_context(), &pub, key.data()), 1);
    uint8_t out[65];
    size_t len = sizeof(out);
    secp256k1_ec_pubkey_serialize(signing_context(), out, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
    const Hash256 h = keccak256(BytesView{out + 1, 64});
    return Address::from_view(BytesView{h.data() + 12, 20});
}

struct Sig
{
    uint256 r;
    uint256 s;
    uint8_t y_parity;
};

/// A low-s recoverable signature of `hash` (libsecp256k1 normalises s).
Sig sign(const Hash256& hash, const Bytes32& key)
{
    secp256k1_ecdsa_recoverable_signature sig;
    EXPECT_EQ(secp256k1_ecdsa_sign_recoverable(signing_context(), &sig, hash.data(), key.data(),
                                               nullptr, nullptr),
              1);
    uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(signing_context(), compact, &recid,
                                                            &sig);
    return {load_be(compact), load_be(compact + 32), static_cast<uint8_t>(recid)};
}

void sign_tx(Transaction& tx, const Bytes32& key)
{
    const Sig s = sign(signing_hash(tx), key);
    tx.r = s.r;
    tx.s = s.s;
    tx.y_parity = s.y_parity;
}

const Bytes32 kKey = "0x4646464646464646464646464646464646464646464646464646464646464646"_b32;

uint256 u256(std::string_view s)
{
    const auto v = parse_uint256(s);
    EXPECT_TRUE(v.has_value()) << s;
    return v.value_or(uint256{});
}

// --- Hand-checked vectors -----------------------------------------------------------------------

TEST(Transaction, Eip155Example)
{
    // EIP-155 "Example": every constant below is quoted from the EIP text (eips.ethereum.org).
    const Bytes signed_tx =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025"
        "a0"
        "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb70330"
        "4b3800ccf555c9f3dc64214b297fb1966a3b6d83"_hex;
    const Bytes signing_data =
        "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080"_hex;
    const Hash256 expected_signing_hash =
        "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"_b32;
    ASSERT_EQ(keccak256(signing_data), expected_signing_hash);  // the EIP is self-consistent

    const auto tx = decode_transaction(signed_tx);
    ASSERT_TRUE(tx.has_value()) << to_string(tx.error());
    EXPECT_EQ(tx->type, TxType::kLegacy);
    EXPECT_EQ(tx->nonce, 9u);
    EXPECT_EQ(tx->max_fee_per_gas, uint256{20'000'000'000});
    EXPECT_EQ(tx->gas_limit, 21000u);
    EXPECT_EQ(tx->to, "0x3535353535353535353535353535353535353535"_addr);
    EXPECT_EQ(tx->value, uint256{1'000'000'000'000'000'000});
    EXPECT_TRUE(tx->data.empty());
    EXPECT_EQ(tx->chain_id, 1u);
    EXPECT_EQ(signature_v(*tx), uint256{37});
    EXPECT_EQ(
        tx->r,
        u256("18515461264373351373200002665853028612451056578545711640558177340181847433846"));
    EXPECT_EQ(
        tx->s,
        u256("46948507304638947509940763649030358759909902576025900602547168820602576006531"));

    EXPECT_EQ(signing_hash(*tx), expected_signing_hash);
    EXPECT_EQ(encode_transaction(*tx), signed_tx);
    const auto sender = recover_sender(*tx);
    ASSERT_TRUE(sender.has_value());
    EXPECT_EQ(*sender, address_of(kKey));
    EXPECT_EQ(*sender, "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"_addr);

    EXPECT_TRUE(validate_transaction_static(*tx, Revision::kSpuriousDragon, 1).has_value());
    // Before EIP-155, v = 37 is not a valid signature; with another chain id it is the wrong chain.
    EXPECT_EQ(validate_transaction_static(*tx, Revision::kTangerineWhistle, 1).error(),
              TxError::kInvalidSignature);
    EXPECT_EQ(validate_transaction_static(*tx, Revision::kLondon, 5).error(),
              TxError::kInvalidChainId);
}

TEST(Transaction, MainnetPreEip155)
{
    // Mainnet transaction 0x0c79e3ae...debe (v = 27, no chain id); sender from the chain.
    const Bytes raw =
        "0xf8708308f7da8506fc23ac0083015f9094ef9f4c1d4103d42e05d54063337086d6884aee9a880e0c8912851e"
        "356c801ba04ed3077c674d49918f3dce6e25781070fce36b915e4c36554e704556f6a3e00ba03974fb9426ce34"
        "d0c520f1245e75f5b14a62795dd01c69063079a5353eb6cfb7"_hex;
    const auto tx = decode_transaction(raw);
    ASSERT_TRUE(tx.has_value()) << to_string(tx.error());
    EXPECT_EQ(tx->chain_id, std::nullopt);
    EXPECT_EQ(signature_v(*tx), uint256{27});
    EXPECT_EQ(tx->nonce, 0x08f7dau);
    EXPECT_EQ(transaction_hash(*tx),
              "0x0c79e3ae36150eb36d6a631cc8d6250db4b9b832a82ac58ea356357f5987debe"_b32);
    const auto sender = recover_sender(*tx);
    ASSERT_TRUE(sender.has_value());
    EXPECT_EQ(*sender, "0xea674fdde714fd979de3edf0f56aa9716b898ec8"_addr);
}

TEST(Transaction, EestSetCodeTransaction)
{
    // From the EEST state test prague/eip7702_set_code_tx/test_self_sponsored_set_code (Osaka):
    // the transaction's sender and the authorization's signer are given by the fixture.
    const Bytes raw =
        "0x04f8c1018080078398968094257182563fd0aa86c431d17127f623f0e69949c38080c0f85cf85a80949eacad"
        "da90600e3aa05ffc43bf7c0b0d721c5c660101a0cb3e49fd48a06945e76f5f1e06fc98fc8b4f8ea820c7509891"
        "c8a3713d9eba67a032a7f78ad5588799858ddffdf8304ad4cf435d0176f385417c7f14694532cc6a80a09e7711"
        "a558733e363a18a5b79cb061b256e3f3661db0e08a5eb80c583de4f3e8a038f50ef2fc28e35dcb5b980911fcfe"
        "a096bc1624f42d03304aa54848fccfe9fe"_hex;
    const Address signer = "0x257182563fd0aa86c431d17127f623f0e69949c3"_addr;
    const auto tx = decode_transaction(raw);
    ASSERT_TRUE(tx.has_value()) << to_string(tx.error());
    EXPECT_EQ(tx->type, TxType::kSetCode);
    EXPECT_EQ(tx->max_fee_per_gas, uint256{7});
    EXPECT_EQ(tx->gas_limit, 10'000'000u);
    ASSERT_EQ(tx->authorization_list.size(), 1u);
    const Authorization& auth = tx->authorization_list[0];
    EXPECT_EQ(auth.chain_id, uint256{0});
    EXPECT_EQ(auth.address, "0x9eacadda90600e3aa05ffc43bf7c0b0d721c5c66"_addr);
    EXPECT_EQ(auth.nonce, 1u);
    EXPECT_EQ(auth.y_parity, 1);
    EXPECT_EQ(recover_authority(auth, 1), signer);
    EXPECT_EQ(recover_authority(auth, 12345), signer);  // chain id 0 is valid on any chain
    EXPECT_EQ(recover_sender(*tx).value(), signer);
    EXPECT_EQ(encode_transaction(*tx), raw);

    const auto gas = validate_transaction_static(*tx, Revision::kOsaka, 1);
    ASSERT_TRUE(gas.has_value()) << to_string(gas.error());
    EXPECT_EQ(gas->intrinsic, 21000u + 25000u);
    EXPECT_EQ(validate_transaction_static(*tx, Revision::kCancun, 1).error(),
              TxError::kType4TxPreFork);
}

// --- Round trips --------------------------------------------------------------------------------

Transaction make_tx(TxType type)
{
    Transaction tx;
    tx.type = type;
    tx.nonce = 0x1234;
    tx.gas_limit = 1'000'000;
    tx.to = "0x00000000000000000000000000000000000000aa"_addr;
    tx.value = u256("0x0123456789abcdef0123456789abcdef");
    tx.data = "0x00010203ff"_hex;
    if (type == TxType::kLegacy || type == TxType::kAccessList) {
        tx.set_gas_price(uint256{1'000'000'007});
    } else {
        tx.max_priority_fee_per_gas = 2;
        tx.max_fee_per_gas = u256("0xffffffffffffffffffffffffffffffff");
    }
    if (type != TxType::kLegacy) {
        tx.chain_id = 1;
        tx.access_list = {
            {"0x00000000000000000000000000000000000000bb"_addr,
             {"0x0000000000000000000000000000000000000000000000000000000000000001"_b32,
              "0xff00000000000000000000000000000000000000000000000000000000000002"_b32}},
            {"0x00000000000000000000000000000000000000cc"_addr, {}},
        };
    }
    if (type == TxType::kBlob) {
        tx.max_fee_per_blob_gas = 3;
        tx.blob_versioned_hashes = {
            "0x0100000000000000000000000000000000000000000000000000000000000001"_b32,
            "0x01000000000000000000000000000000000000000000000000000000000000ff"_b32};
    }
    if (type == TxType::kSetCode) {
        Authorization a;
        a.chain_id = 1;
        a.address = "0x00000000000000000000000000000000000000dd"_addr;
        a.nonce = 7;
        const Sig s = sign(authorization_signing_hash(a), kKey);
        a.r = s.r;
        a.s = s.s;
        a.y_parity = s.y_parity;
        tx.authorization_list = {a};
    }
    sign_tx(tx, kKey);
    return tx;
}

class RoundTrip : public testing::TestWithParam<TxType>
{};

TEST_P(RoundTrip, EncodeDecodeRecover)
{
    const Transaction tx = make_tx(GetParam());
    const Bytes encoded = encode_transaction(tx);
    if (tx.type == TxType::kLegacy)
        EXPECT_GE(encoded[0], 0xc0);  // an RLP list
    else
        EXPECT_EQ(encoded[0], static_cast<uint8_t>(tx.type));  // EIP-2718 type byte

    const auto decoded = decode_transaction(encoded);
    ASSERT_TRUE(decoded.has_value()) << to_string(decoded.error());
    EXPECT_EQ(*decoded, tx);
    EXPECT_EQ(transaction_hash(*decoded), keccak256(encoded));
    EXPECT_EQ(recover_sender(*decoded).value(), address_of(kKey));
    EXPECT_TRUE(validate_transaction_static(*decoded, Revision::kOsaka, 1).has_value());

    // The block-body form: typed envelopes are wrapped in an RLP string.
    Bytes item;
    encode_transaction_item(item, tx);
    item += "0xc0"_hex;  // a following item must be left in place
    BytesView view = item;
    const auto from_item = decode_transaction_item(view);
    ASSERT_TRUE(from_item.has_value()) << to_string(from_item.error());
    EXPECT_EQ(*from_item, tx);
    EXPECT_EQ(view, BytesView{"0xc0"_hex});
    if (tx.type != TxType::kLegacy) {
        EXPECT_GE(item[0], 0x80);  // an RLP string...
        EXPECT_LT(item[0], 0xc0);  // ...not a list
        // The wrapped form is not a canonical transaction encoding.
        EXPECT_EQ(decode_transaction(BytesView{item}.substr(0, item.size() - 1)).error(),
                  TxError::kTypeNotSupported);
    }

    // Any change to a signed field changes the signing hash and so the sender.
    Transaction other = *decoded;
    other.nonce += 1;
    EXPECT_NE(signing_hash(other), signing_hash(tx));
    const auto other_sender = recover_sender(other);
    EXPECT_TRUE(!other_sender || *other_sender != address_of(kKey));
}

INSTANTIATE_TEST_SUITE_P(Transaction,
                         RoundTrip,
                         testing::Values(TxType::kLegacy,
                                         TxType::kAccessList,
                                         TxType::kDynamicFee,
                                         TxType::kBlob,
                                         TxType::kSetCode));

TEST(Transaction, LegacyWithoutChainIdAndCreation)
{
    Transaction tx;
    tx.set_gas_price(1);
    tx.gas_limit = 60000;
    tx.data = "0x600060005560"_hex;
    sign_tx(tx, kKey);
    EXPECT_EQ(signature_v(tx), uint256{27} + tx.y_parity);
    const Bytes encoded = encode_transaction(tx);
    const auto decoded = decode_transaction(encoded);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->to, std::nullopt);
    EXPECT_EQ(decoded->chain_id, std::nullopt);
    EXPECT_EQ(recover_sender(*decoded).value(), address_of(kKey));
    // Pre-EIP-155 signing hash: rlp of the six fields only.
    Bytes six;
    six += "0x80"_hex;      // nonce 0
    six += "0x01"_hex;      // gas price 1
    six += "0x82ea60"_hex;  // gas 60000
    six += "0x80"_hex;      // to: empty
    six += "0x80"_hex;      // value 0
    six += "0x86600060005560"_hex;
    Bytes list{static_cast<uint8_t>(0xc0 + six.size())};
    list += six;
    EXPECT_EQ(signing_hash(tx), keccak256(list));
}

// --- Strict decoding ----------------------------------------------------------------------------

TxError decode_error(const Bytes& b)
{
    const auto r = decode_transaction(b);
    EXPECT_FALSE(r.has_value()) << to_hex(b);
    return r ? TxError::kNonceIsMax : r.error();  // kNonceIsMax: never produced by decoding
}

/// A legacy transaction's list from its already-encoded fields.
Bytes legacy_list(const std::vector<Bytes>& fields)
{
    Bytes payload;
    for (const auto& f : fields) payload += f;
    Bytes out;
    if (payload.size() < 56) {
        out.push_back(static_cast<uint8_t>(0xc0 + payload.size()));
    } else {
        out.push_back(0xf8);
        out.push_back(static_cast<uint8_t>(payload.size()));
    }
    return out + payload;
}

std::vector<Bytes> valid_legacy_fields()
{
    const Transaction tx = make_tx(TxType::kLegacy);
    return {"0x821234"_hex,
            "0x843b9aca07"_hex,
            "0x830f4240"_hex,
            "0x9400000000000000000000000000000000000000aa"_hex,
            "0x900123456789abcdef0123456789abcdef"_hex,
            "0x8500010203ff"_hex,
            Bytes{static_cast<uint8_t>(0x1b + tx.y_parity)},
            [&] {
                Bytes b{0xa0};
                b.resize(33);
                store_be(b.data() + 1, tx.r);
                return b;
            }(),
            [&] {
                Bytes b{0xa0};
                b.resize(33);
                store_be(b.data() + 1, tx.s);
                return b;
            }()};
}

TEST(TransactionDecoding, HandBuiltLegacyIsAccepted)
{
    const auto tx = decode_transaction(legacy_list(valid_legacy_fields()));
    ASSERT_TRUE(tx.has_value()) << to_string(tx.error());
    EXPECT_EQ(tx->nonce, 0x1234u);
    EXPECT_EQ(recover_sender(*tx).value(), address_of(kKey));
}

TEST(TransactionDecoding, LegacyFieldErrors)
{
    auto with = [](size_t i, Bytes field) {
        auto f = valid_legacy_fields();
        f[i] = std::move(field);
        return legacy_list(f);
    };
    EXPECT_EQ(decode_error(with(0, "0x83001234"_hex)), TxError::kRlpLeadingZeros);
    EXPECT_EQ(decode_error(with(0, "0x00"_hex)), TxError::kRlpLeadingZeros);
    EXPECT_EQ(decode_error(with(0, "0x8105"_hex)), TxError::kRlpNonCanonicalSize);
    EXPECT_EQ(decode_error(with(0, "0x89010000000000000000"_hex)), TxError::kNonceOverflow);
    EXPECT_EQ(decode_error(with(0, "0xc0"_hex)), TxError::kRlpInvalidField);
    EXPECT_EQ(decode_error(with(2, "0x89010000000000000000"_hex)), TxError::kGasLimitOverflow);
    EXPECT_EQ(decode_error(with(3, "0x930000000000000000000000000000000000aa"_hex)),
              TxError::kAddressTooShort);
    EXPECT_EQ(decode_error(with(3, "0x95000000000000000000000000000000000000aa00"_hex)),
              TxError::kAddressTooLong);
    Bytes big_value{0xa1, 0x01};
    big_value.resize(34);
    EXPECT_EQ(decode_error(with(4, big_value)), TxError::kValueOverflow);
    EXPECT_EQ(decode_error(with(6, "0x1d"_hex)), TxError::kInvalidSignature);  // v = 29
    EXPECT_EQ(decode_error(with(6, "0x80"_hex)), TxError::kInvalidSignature);  // v = 0

    auto fields = valid_legacy_fields();
    fields.pop_back();
    EXPECT_EQ(decode_error(legacy_list(fields)), TxError::kRlpTooFewElements);
    fields = valid_legacy_fields();
    fields.push_back("0x80"_hex);
    EXPECT_EQ(decode_error(legacy_list(fields)), TxError::kRlpTooManyElements);
}

TEST(TransactionDecoding, EnvelopeErrors)
{
    const Bytes legacy = encode_transaction(make_tx(TxType::kLegacy));
    const Bytes typed = encode_transaction(make_tx(TxType::kDynamicFee));
    EXPECT_EQ(decode_error(legacy + "0x00"_hex), TxError::kRlpMalformed);  // trailing byte
    EXPECT_EQ(decode_error(typed + "0x00"_hex), TxError::kRlpMalformed);
    EXPECT_EQ(decode_error(legacy.substr(0, legacy.size() - 1)), TxError::kRlpMalformed);
    EXPECT_EQ(decode_error(Bytes{}), TxError::kTypeNotSupported);
    Bytes wrong_type = typed;
    wrong_type[0] = 0x05;
    EXPECT_EQ(decode_error(wrong_type), TxError::kTypeNotSupported);
    wrong_type[0] = 0x00;
    EXPECT_EQ(decode_error(wrong_type), TxError::kTypeNotSupported);
    // A type-2 payload read as type 1: its 16-byte max fee lands in the gas limit.
    Bytes as_type1 = typed;
    as_type1[0] = 0x01;
    EXPECT_EQ(decode_error(as_type1), TxError::kGasLimitOverflow);
    Bytes as_type3 = typed;
    as_type3[0] = 0x03;
    EXPECT_FALSE(decode_transaction(as_type3).has_value());
    // A legacy list wrapped in a string is neither form.
    Bytes wrapped;
    wrapped.push_back(0xb8);
    wrapped.push_back(static_cast<uint8_t>(legacy.size()));
    wrapped += legacy;
    EXPECT_EQ(decode_error(wrapped), TxError::kTypeNotSupported);
    BytesView item = wrapped;
    EXPECT_EQ(decode_transaction_item(item).error(), TxError::kTypeNotSupported);
    EXPECT_EQ(item.size(), wrapped.size());  // nothing consumed on error
    // Typed y_parity must be 0 or 1.
    Transaction t = make_tx(TxType::kDynamicFee);
    t.y_parity = 2;
    EXPECT_EQ(decode_error(encode_transaction(t)), TxError::kInvalidSignature);
}

TEST(TransactionDecoding, BlobNetworkWrapperIsRejected)
{
    // EIP-4844 network form: type 3 || rlp([tx_payload_body, blobs, commitments, proofs]).
    const Bytes typed = encode_transaction(make_tx(TxType::kBlob));
    const BytesView body = BytesView{typed}.substr(1);  // the tx payload list
    Bytes inner{body};
    inner += "0xc0c0c0"_hex;
    Bytes wrapper{0x03};
    wrapper.push_back(0xf9);
    wrapper.push_back(static_cast<uint8_t>(inner.size() >> 8));
    wrapper.push_back(static_cast<uint8_t>(inner.size()));
    wrapper += inner;
    EXPECT_EQ(decode_error(wrapper), TxError::kType3TxWithFullBlobs);
}

TEST(TransactionDecoding, AccessListErrors)
{
    Transaction tx = make_tx(TxType::kAccessList);
    const Bytes good = encode_transaction(tx);
    // Locate the first storage key (0x...01) and the address 0x..bb in the encoding and damage
    // their length prefixes: a 31-byte key and a 21-byte address.
    const Bytes key_enc =
        "0xa00000000000000000000000000000000000000000000000000000000000000001"_hex;
    const size_t key_pos = good.find(key_enc);
    ASSERT_NE(key_pos, Bytes::npos);
    {
        Bytes b = good;
        b[key_pos] = 0x9f;  // 31 bytes, then the last byte (0x01) reads as the next item
        EXPECT_EQ(decode_error(b), TxError::kStorageKeyTooShort);
    }
    {
        // Re-encode with a 19-byte address in the access list.
        Transaction t = tx;
        const Bytes enc = encode_transaction(t);
        const Bytes addr_enc = "0x9400000000000000000000000000000000000000bb"_hex;
        const size_t pos = enc.find(addr_enc);
        ASSERT_NE(pos, Bytes::npos);
        Bytes b = enc;
        b[pos] = 0x93;
        EXPECT_EQ(decode_error(b), TxError::kAddressTooShort);
    }
}

TEST(TransactionDecoding, MutationsDecodeOnlyToCanonicalEncodings)
{
    // Strictness as a property: whatever a mutated encoding decodes to must encode back to the
    // very same bytes (there is exactly one encoding per transaction), and nothing crashes.
    std::mt19937_64 rng{20260101};
    std::vector<Bytes> seeds;
    for (const TxType t : {TxType::kLegacy, TxType::kAccessList, TxType::kDynamicFee, TxType::kBlob,
                           TxType::kSetCode})
        seeds.push_back(encode_transaction(make_tx(t)));
    size_t accepted = 0;
    const uint64_t iterations = test::scaled(20000);
    for (uint64_t i = 0; i < iterations; ++i) {
        Bytes b = seeds[i % seeds.size()];
        const size_t edits = 1 + rng() % 3;
        for (size_t e = 0; e < edits; ++e) {
            const size_t pos = rng() % b.size();
            switch (rng() % 4) {
                case 0: b[pos] = static_cast<uint8_t>(rng()); break;
                case 1: b[pos] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
                case 2: b.erase(pos, 1); break;
                default: b.insert(pos, 1, static_cast<uint8_t>(rng())); break;
            }
            if (b.empty()) b.push_back(0xc0);
        }
        const auto tx = decode_transaction(b);
        if (!tx) continue;
        ++accepted;
        ASSERT_EQ(encode_transaction(*tx), b) << to_hex(b);
    }
    // Flipping bits inside r, s, data or a hash keeps the structure: some mutants are valid.
    EXPECT_GT(accepted, 0u);
}

// --- Intrinsic gas ------------------------------------------------------------------------------

TEST(IntrinsicGas, PerRevision)
{
    Transaction tx;
    tx.to = "0x00000000000000000000000000000000000000aa"_addr;
    tx.data = "0x0000ff01"_hex;  // 2 zero, 2 nonzero bytes
    EXPECT_EQ(intrinsic_gas(tx, Revision::kFrontier).intrinsic, 21000u + 2 * 4 + 2 * 68);
    EXPECT_EQ(intrinsic_gas(tx, Revision::kIstanbul).intrinsic, 21000u + 2 * 4 + 2 * 16);
    EXPECT_EQ(intrinsic_gas(tx, Revision::kCancun).floor, 0u);
    // EIP-7623: tokens = 2 + 2 * 4 = 10; floor = 21000 + 10 * 10.
    EXPECT_EQ(intrinsic_gas(tx, Revision::kPrague).floor, 21100u);
    EXPECT_EQ(calldata_tokens(tx.data), 10u);

    tx.to.reset();  // creation
    EXPECT_EQ(intrinsic_gas(tx, Revision::kFrontier).intrinsic, 21000u + 2 * 4 + 2 * 68);
    EXPECT_EQ(intrinsic_gas(tx, Revision::kHomestead).intrinsic, 53000u + 2 * 4 + 2 * 68);
    EXPECT_EQ(intrinsic_gas(tx, Revision::kLondon).intrinsic, 53000u + 2 * 4 + 2 * 16);
    EXPECT_EQ(intrinsic_gas(tx, Revision::kShanghai).intrinsic, 53000u + 40 + 2);  // 1 word
    tx.data.assign(33, 0x00);                                                      // 2 words
    EXPECT_EQ(intrinsic_gas(tx, Revision::kShanghai).intrinsic, 53000u + 33 * 4 + 2 * 2);

    Transaction al;
    al.type = TxType::kAccessList;
    al.to = "0x00000000000000000000000000000000000000aa"_addr;
    al.access_list = {{Address{}, {Bytes32{}, Bytes32{}}}, {Address{}, {}}};
    EXPECT_EQ(intrinsic_gas(al, Revision::kBerlin).intrinsic, 21000u + 2 * 2400 + 2 * 1900);

    Transaction sc;
    sc.type = TxType::kSetCode;
    sc.to = Address{};
    sc.authorization_list.resize(3);
    EXPECT_EQ(intrinsic_gas(sc, Revision::kPrague).intrinsic, 21000u + 3 * 25000);
    EXPECT_EQ(intrinsic_gas(sc, Revision::kPrague).minimum(), 96000u);
}

// --- Static validation --------------------------------------------------------------------------

TEST(ValidateStatic, TypesPerRevision)
{
    EXPECT_EQ(
        validate_transaction_static(make_tx(TxType::kAccessList), Revision::kIstanbul, 1).error(),
        TxError::kType1TxPreFork);
    EXPECT_TRUE(validate_transaction_static(make_tx(TxType::kAccessList), Revision::kBerlin, 1));
    EXPECT_EQ(
        validate_transaction_static(make_tx(TxType::kDynamicFee), Revision::kBerlin, 1).error(),
        TxError::kType2TxPreFork);
    EXPECT_TRUE(validate_transaction_static(make_tx(TxType::kDynamicFee), Revision::kLondon, 1));
    EXPECT_EQ(validate_transaction_static(make_tx(TxType::kBlob), Revision::kShanghai, 1).error(),
              TxError::kType3TxPreFork);
    EXPECT_TRUE(validate_transaction_static(make_tx(TxType::kBlob), Revision::kCancun, 1));
    EXPECT_EQ(validate_transaction_static(make_tx(TxType::kSetCode), Revision::kCancun, 1).error(),
              TxError::kType4TxPreFork);
    EXPECT_TRUE(validate_transaction_static(make_tx(TxType::kSetCode), Revision::kPrague, 1));
}

TEST(ValidateStatic, Signature)
{
    Transaction tx = make_tx(TxType::kDynamicFee);
    EXPECT_EQ(validate_transaction_static(tx, Revision::kLondon, 2).error(),
              TxError::kInvalidChainId);

    // High s: the same signature with s' = n - s and the other parity is valid before EIP-2.
    Transaction legacy = make_tx(TxType::kLegacy);
    const uint256 n = from_bytes32(kSecp256k1N);
    Transaction high = legacy;
    high.s = n - legacy.s;
    high.y_parity = static_cast<uint8_t>(1 - legacy.y_parity);
    EXPECT_TRUE(validate_transaction_static(high, Revision::kFrontier, 1));
    EXPECT_EQ(recover_sender(high).value(), address_of(kKey));
    EXPECT_EQ(validate_transaction_static(high, Revision::kHomestead, 1).error(),
              TxError::kInvalidSignature);

    Transaction bad = legacy;
    bad.r = 0;
    EXPECT_EQ(validate_transaction_static(bad, Revision::kFrontier, 1).error(),
              TxError::kInvalidSignature);
    EXPECT_EQ(recover_sender(bad).error(), TxError::kInvalidSignature);
    bad.r = n;
    EXPECT_EQ(validate_transaction_static(bad, Revision::kFrontier, 1).error(),
              TxError::kInvalidSignature);
    bad = legacy;
    bad.s = 0;
    EXPECT_EQ(validate_transaction_static(bad, Revision::kFrontier, 1).error(),
              TxError::kInvalidSignature);
}

TEST(ValidateStatic, GasAndFees)
{
    Transaction tx = make_tx(TxType::kDynamicFee);
    const uint64_t need = intrinsic_gas(tx, Revision::kLondon).intrinsic;
    tx.gas_limit = need - 1;
    EXPECT_EQ(validate_transaction_static(tx, Revision::kLondon, 1).error(),
              TxError::kIntrinsicGasTooLow);
    tx.gas_limit = need;
    EXPECT_EQ(validate_transaction_static(tx, Revision::kLondon, 1).value().intrinsic, need);

    // EIP-7623: enough for the intrinsic gas but under the floor.
    Transaction heavy = make_tx(TxType::kDynamicFee);
    heavy.access_list.clear();
    heavy.data.assign(1000, 0xff);  // intrinsic 21000 + 16000, floor 21000 + 40000
    heavy.gas_limit = 37000;
    EXPECT_TRUE(validate_transaction_static(heavy, Revision::kCancun, 1));
    EXPECT_EQ(validate_transaction_static(heavy, Revision::kPrague, 1).error(),
              TxError::kIntrinsicGasBelowFloorGasCost);
    heavy.gas_limit = 61000;
    EXPECT_EQ(validate_transaction_static(heavy, Revision::kPrague, 1).value().floor, 61000u);

    Transaction fees = make_tx(TxType::kDynamicFee);
    fees.max_priority_fee_per_gas = fees.max_fee_per_gas + 1;
    EXPECT_EQ(validate_transaction_static(fees, Revision::kLondon, 1).error(),
              TxError::kPriorityGreaterThanMaxFee);
    fees.max_priority_fee_per_gas = 0;
    fees.max_fee_per_gas = ~uint256{} / fees.gas_limit;  // exactly fits
    EXPECT_TRUE(validate_transaction_static(fees, Revision::kLondon, 1));
    fees.max_fee_per_gas = fees.max_fee_per_gas + 1;  // gas_limit * fee >= 2^256
    EXPECT_EQ(validate_transaction_static(fees, Revision::kLondon, 1).error(),
              TxError::kGasLimitPriceProductOverflow);

    Transaction nonce = make_tx(TxType::kLegacy);
    nonce.nonce = std::numeric_limits<uint64_t>::max();
    EXPECT_EQ(validate_transaction_static(nonce, Revision::kFrontier, 1).error(),
              TxError::kNonceTooBig);
    nonce.nonce -= 1;
    EXPECT_TRUE(validate_transaction_static(nonce, Revision::kFrontier, 1));

    Transaction cap = make_tx(TxType::kDynamicFee);
    cap.gas_limit = kTxGasLimitCap + 1;
    EXPECT_TRUE(validate_transaction_static(cap, Revision::kPrague, 1));
    EXPECT_EQ(validate_transaction_static(cap, Revision::kOsaka, 1).error(),
              TxError::kGasLimitExceedsMaximum);
    cap.gas_limit = kTxGasLimitCap;
    EXPECT_TRUE(validate_transaction_static(cap, Revision::kOsaka, 1));
}

TEST(ValidateStatic, InitCodeSize)
{
    Transaction tx = make_tx(TxType::kLegacy);
    tx.to.reset();
    tx.data.assign(kMaxInitCodeSize + 1, 0x01);
    tx.gas_limit = 10'000'000;
    EXPECT_TRUE(validate_transaction_static(tx, Revision::kParis, 1));
    EXPECT_EQ(validate_transaction_static(tx, Revision::kShanghai, 1).error(),
              TxError::kInitCodeSizeExceeded);
    tx.data.resize(kMaxInitCodeSize);
    EXPECT_TRUE(validate_transaction_static(tx, Revision::kShanghai, 1));
}

TEST(ValidateStatic, BlobRules)
{
    Transaction tx = make_tx(TxType::kBlob);
    Transaction t = tx;
    t.to.reset();
    EXPECT_EQ(validate_transaction_static(t, Revision::kCancun, 1).error(),
              TxError::kType3TxContractCreation);
    t = tx;
    t.blob_versioned_hashes.clear();
    EXPECT_EQ(validate_transaction_static(t, Revision::kCancun, 1).error(),
              TxError::kType3TxZeroBlobs);
    t = tx;
    t.blob_versioned_hashes[1][0] = 0x02;
    EXPECT_EQ(validate_transaction_static(t, Revision::kCancun, 1).error(),
              TxError::kType3TxInvalidBlobVersionedHash);
    t = tx;
    t.blob_versioned_hashes.assign(7, t.blob_versioned_hashes[0]);
    EXPECT_TRUE(validate_transaction_static(t, Revision::kPrague, 1));  // block limit: elsewhere
    EXPECT_EQ(validate_transaction_static(t, Revision::kOsaka, 1).error(),
              TxError::kType3TxBlobCountExceeded);  // EIP-7594
    t.blob_versioned_hashes.resize(kMaxBlobsPerTx);
    EXPECT_TRUE(validate_transaction_static(t, Revision::kOsaka, 1));
}

TEST(ValidateStatic, SetCodeRules)
{
    Transaction tx = make_tx(TxType::kSetCode);
    Transaction t = tx;
    t.to.reset();
    EXPECT_EQ(validate_transaction_static(t, Revision::kPrague, 1).error(),
              TxError::kType4TxContractCreation);
    t = tx;
    t.authorization_list.clear();
    EXPECT_EQ(validate_transaction_static(t, Revision::kPrague, 1).error(),
              TxError::kType4EmptyAuthorizationList);
}

// --- Authorizations ---------------------------------------------------------------------------

TEST(Authorization, RecoverAuthorityRules)
{
    Authorization a;
    a.chain_id = 1;
    a.address = "0x00000000000000000000000000000000000000dd"_addr;
    a.nonce = 5;
    auto signed_auth = [&](Authorization x) {
        const Sig s = sign(authorization_signing_hash(x), kKey);
        x.r = s.r;
        x.s = s.s;
        x.y_parity = s.y_parity;
        return x;
    };
    const Authorization good = signed_auth(a);
    EXPECT_EQ(recover_authority(good, 1), address_of(kKey));
    EXPECT_EQ(recover_authority(good, 2), std::nullopt);  // wrong chain

    Authorization any_chain = a;
    any_chain.chain_id = 0;
    EXPECT_EQ(recover_authority(signed_auth(any_chain), 99), address_of(kKey));

    Authorization max_nonce = a;
    max_nonce.nonce = std::numeric_limits<uint64_t>::max();
    EXPECT_EQ(recover_authority(signed_auth(max_nonce), 1), std::nullopt);

    Authorization high_s = good;
    high_s.s = from_bytes32(kSecp256k1N) - good.s;
    high_s.y_parity = static_cast<uint8_t>(1 - good.y_parity);
    EXPECT_EQ(recover_authority(high_s, 1), std::nullopt);

    Authorization bad_parity = good;
    bad_parity.y_parity = 2;
    EXPECT_EQ(recover_authority(bad_parity, 1), std::nullopt);

    // The signed message: keccak(0x05 || rlp([1, address, 5])).
    const Bytes msg =
        "0x05d70194"
        "00000000000000000000000000000000000000dd"
        "05"_hex;
    EXPECT_EQ(authorization_signing_hash(a), keccak256(msg));
}

TEST(TxError, NamesAreDistinct)
{
    std::set<std::string_view> names;
    for (int i = 0; i <= static_cast<int>(TxError::kType3TxMaxBlobGasAllowanceExceeded); ++i) {
        const auto name = to_string(static_cast<TxError>(i));
        EXPECT_NE(name, "UNKNOWN") << i;
        EXPECT_TRUE(names.insert(name).second) << name;
    }
    EXPECT_EQ(to_string(TxError::kIntrinsicGasTooLow), "INTRINSIC_GAS_TOO_LOW");
    EXPECT_EQ(to_string(TxError::kType4EmptyAuthorizationList), "TYPE_4_EMPTY_AUTHORIZATION_LIST");
}

}  // namespace
