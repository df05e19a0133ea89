// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// P256VERIFY (0x100, EIP-7951) beyond the geth vectors: the range checks we do ourselves (r, s in
// [1, n−1]; qx, qy < p; no point at infinity; on the curve), including a valid signature whose
// key is re-encoded with qx + p (OpenSSL alone would reduce it and accept), and random signatures
// made with OpenSSL's EVP signing API.
#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/crypto/sha256.hpp>
#include <ultra/precompiles/p256verify.hpp>
#include <utils/fixtures.hpp>

namespace {
using namespace ultra;
using namespace ultra::precompiles;

// go-ethereum's p256Verify "CallP256Verify" vector: h ‖ r ‖ s ‖ qx ‖ qy, valid.
const Bytes kValid = *from_hex(
    "4cee90eb86eaa050036147a12d49004b6b9c72bd725d39d4785011fe190f0b4da73bd4903f0ce3b639bbbf6e8e80"
    "d16931ff4bcf5993d58468e8fb19086e8cac36dbcd03009df8c59286b162af3bd7fcc0450c9aa81be5d10d312af6"
    "c66b1d604aebd3099c618202fcfe16ae7770b0c49ab5eadf74b754204a3bb6060e44eff37618b065f9832de4ca6c"
    "a971a7a1adc826d0f7c00181a5fb2ddf79ae00b4e10e");
const std::string kOne = "0000000000000000000000000000000000000000000000000000000000000001";

bool verifies(const Bytes& in)
{
    const auto r = p256verify_execute(in, Revision::kOsaka);
    EXPECT_TRUE(r.has_value());  // never a failure
    if (r->empty()) return false;
    EXPECT_EQ(to_hex(*r), kOne);
    return true;
}

/// `in` with the 32-byte field at `offset` replaced.
Bytes with_field(Bytes in, size_t offset, BytesView value)
{
    in.replace(offset, 32, value.data(), 32);
    return in;
}

Bytes bn32(const BIGNUM* v)
{
    Bytes out(32, 0);
    EXPECT_EQ(BN_bn2binpad(v, out.data(), 32), 32);
    return out;
}

struct Bn
{
    BIGNUM* v = BN_new();
    ~Bn() { BN_free(v); }
};

TEST(P256Verify, ConstantsMatchOpenSsl)
{
    EC_GROUP* g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    ASSERT_NE(g, nullptr);
    Bn p, a, b;
    ASSERT_EQ(EC_GROUP_get_curve(g, p.v, a.v, b.v, nullptr), 1);
    EXPECT_EQ(to_hex(bn32(p.v)), to_hex(kP256P.view()));
    EXPECT_EQ(to_hex(bn32(EC_GROUP_get0_order(g))), to_hex(kP256N.view()));
    EC_GROUP_free(g);
}

TEST(P256Verify, GasIsConstant)
{
    EXPECT_EQ(p256verify_gas(kValid, Revision::kOsaka), 6900u);
    EXPECT_EQ(p256verify_gas({}, Revision::kOsaka), 6900u);
    EXPECT_EQ(p256verify_gas(Bytes(1000, 0), Revision::kOsaka), 6900u);
}

TEST(P256Verify, ValidAndTampered)
{
    EXPECT_TRUE(verifies(kValid));
    Bytes bad_hash = kValid;
    bad_hash[0] ^= 1;
    EXPECT_FALSE(verifies(bad_hash));
}

TEST(P256Verify, HighSIsAccepted)
{
    // (r, n − s) is the other valid signature for the same key and hash (no malleability check).
    Bn n, s, ns;
    BN_bin2bn(kP256N.data(), 32, n.v);
    BN_bin2bn(kValid.data() + 64, 32, s.v);
    ASSERT_EQ(BN_sub(ns.v, n.v, s.v), 1);
    EXPECT_TRUE(verifies(with_field(kValid, 64, bn32(ns.v))));
}

TEST(P256Verify, WrongLength)
{
    EXPECT_FALSE(verifies({}));
    EXPECT_FALSE(verifies(kValid.substr(0, 159)));
    EXPECT_FALSE(verifies(kValid + Bytes(1, 0)));
    EXPECT_FALSE(verifies(kValid + kValid));
}

TEST(P256Verify, ScalarRangeChecks)
{
    const Bytes zero(32, 0);
    Bytes n_minus_1{kP256N.view()};
    n_minus_1[31] -= 1;
    const Bytes all_ff(32, 0xff);
    EXPECT_FALSE(verifies(with_field(kValid, 32, zero)));           // r = 0
    EXPECT_FALSE(verifies(with_field(kValid, 32, kP256N.view())));  // r = n
    EXPECT_FALSE(verifies(with_field(kValid, 32, all_ff)));         // r > n
    EXPECT_FALSE(verifies(with_field(kValid, 64, zero)));           // s = 0
    EXPECT_FALSE(verifies(with_field(kValid, 64, kP256N.view())));  // s = n
    EXPECT_FALSE(verifies(with_field(kValid, 64, all_ff)));         // s > n
    // n − 1 is in range (the signature is just wrong).
    EXPECT_FALSE(verifies(with_field(kValid, 32, n_minus_1)));
}

TEST(P256Verify, PublicKeyChecks)
{
    const Bytes zero(32, 0);
    EXPECT_FALSE(verifies(with_field(kValid, 96, kP256P.view())));                // qx = p
    EXPECT_FALSE(verifies(with_field(kValid, 128, kP256P.view())));               // qy = p
    EXPECT_FALSE(verifies(with_field(with_field(kValid, 96, zero), 128, zero)));  // infinity
    Bytes off_curve = kValid;
    off_curve[159] ^= 1;  // qy + 1 or − 1: not on the curve
    EXPECT_FALSE(verifies(off_curve));
}

/// A key Q = (x, y) with a small x, and a valid signature for it made without its private key:
/// R = u1·G + u2·Q, r = R.x mod n, s = r / u2, h = u1·s (so that h/s = u1 and r/s = u2).
TEST(P256Verify, NonCanonicalCoordinateIsRejected)
{
    EC_GROUP* g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    BN_CTX* ctx = BN_CTX_new();
    Bn p, a, b, x, rhs, t, y, u1, u2, n, rx, r, s, h, xp;
    ASSERT_EQ(EC_GROUP_get_curve(g, p.v, a.v, b.v, ctx), 1);
    BN_copy(n.v, EC_GROUP_get0_order(g));

    // The smallest x ≥ 1 on the curve: y² = x³ + a·x + b must be a square mod p.
    bool found = false;
    for (unsigned xi = 1; xi < 100 && !found; ++xi) {
        BN_set_word(x.v, xi);
        BN_mod_sqr(rhs.v, x.v, p.v, ctx);
        BN_mod_add(rhs.v, rhs.v, a.v, p.v, ctx);
        BN_mod_mul(rhs.v, rhs.v, x.v, p.v, ctx);
        BN_mod_add(rhs.v, rhs.v, b.v, p.v, ctx);
        found = BN_mod_sqrt(y.v, rhs.v, p.v, ctx) != nullptr;
    }
    ASSERT_TRUE(found);

    EC_POINT* q = EC_POINT_new(g);
    EC_POINT* rp = EC_POINT_new(g);
    ASSERT_EQ(EC_POINT_set_affine_coordinates(g, q, x.v, y.v, ctx), 1);
    BN_set_word(u1.v, 7);
    BN_set_word(u2.v, 11);
    ASSERT_EQ(EC_POINT_mul(g, rp, u1.v, q, u2.v, ctx), 1);
    ASSERT_EQ(EC_POINT_get_affine_coordinates(g, rp, rx.v, nullptr, ctx), 1);
    BN_nnmod(r.v, rx.v, n.v, ctx);
    BN_mod_inverse(t.v, u2.v, n.v, ctx);
    BN_mod_mul(s.v, r.v, t.v, n.v, ctx);
    BN_mod_mul(h.v, u1.v, s.v, n.v, ctx);

    const Bytes in = bn32(h.v) + bn32(r.v) + bn32(s.v) + bn32(x.v) + bn32(y.v);
    EXPECT_TRUE(verifies(in));

    // Same point with x + p (< 2^256 because x is tiny): must be rejected by the range check.
    BN_add(xp.v, x.v, p.v);
    ASSERT_LE(BN_num_bytes(xp.v), 32);
    EXPECT_FALSE(verifies(with_field(in, 96, bn32(xp.v))));

    EC_POINT_free(q);
    EC_POINT_free(rp);
    BN_CTX_free(ctx);
    EC_GROUP_free(g);
}

TEST(P256Verify, RandomOpenSslSignatures)
{
    std::mt19937 rng{7951};
    const uint64_t count = test::scaled(30);
    for (uint64_t i = 0; i < count; ++i) {
        EVP_PKEY* key = EVP_EC_gen("P-256");
        ASSERT_NE(key, nullptr);
        Bytes msg(1 + rng() % 200, 0);
        for (auto& c : msg) c = static_cast<uint8_t>(rng());

        EVP_MD_CTX* md = EVP_MD_CTX_new();
        ASSERT_EQ(EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key), 1);
        size_t der_len = 0;
        ASSERT_EQ(EVP_DigestSign(md, nullptr, &der_len, msg.data(), msg.size()), 1);
        Bytes der(der_len, 0);
        ASSERT_EQ(EVP_DigestSign(md, der.data(), &der_len, msg.data(), msg.size()), 1);
        EVP_MD_CTX_free(md);

        const uint8_t* p = der.data();
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len));
        ASSERT_NE(sig, nullptr);
        const BIGNUM* r = nullptr;
        const BIGNUM* s = nullptr;
        ECDSA_SIG_get0(sig, &r, &s);
        BIGNUM* qx = nullptr;
        BIGNUM* qy = nullptr;
        ASSERT_EQ(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &qx), 1);
        ASSERT_EQ(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &qy), 1);

        const Hash256 h = crypto::sha256(msg);
        const Bytes in = Bytes{h.view()} + bn32(r) + bn32(s) + bn32(qx) + bn32(qy);
        EXPECT_TRUE(verifies(in));
        Bytes tampered = in;
        tampered[rng() % 96] ^= static_cast<uint8_t>(1u << (rng() % 8));  // h, r or s
        EXPECT_FALSE(verifies(tampered));

        BN_free(qx);
        BN_free(qy);
        ECDSA_SIG_free(sig);
        EVP_PKEY_free(key);
    }
}

}  // namespace
