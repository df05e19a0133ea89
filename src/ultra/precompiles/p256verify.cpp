// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "p256verify.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include <cstring>
#include <ultra/core/assert.hpp>

namespace ultra::precompiles {
namespace {

constexpr uint64_t kP256VerifyGas = 6900;  ///< EIP-7951
constexpr size_t kInputSize = 160;

/// The P-256 group and its curve coefficients, created on first use and never modified.
struct Curve
{
    EC_GROUP* group;
    BIGNUM* p;
    BIGNUM* a;
    BIGNUM* b;
};

const Curve& curve() noexcept
{
    static const Curve c = [] {
        Curve r{EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), BN_new(), BN_new(), BN_new()};
        ULTRA_ASSERT(r.group != nullptr && r.p != nullptr && r.a != nullptr && r.b != nullptr);
        ULTRA_ASSERT(EC_GROUP_get_curve(r.group, r.p, r.a, r.b, nullptr) == 1);
        return r;
    }();
    return c;
}

/// True when the big-endian 32-byte `v` is < `bound`.
bool less_than(const uint8_t* v, const Bytes32& bound) noexcept
{
    return std::memcmp(v, bound.data(), 32) < 0;
}

bool is_zero32(const uint8_t* v) noexcept
{
    for (size_t i = 0; i < 32; ++i)
        if (v[i] != 0) return false;
    return true;
}

/// A BN_CTX holding every temporary of one verification; all are freed with it.
class BnScope
{
public:
    BnScope() noexcept : ctx_{BN_CTX_new()}
    {
        ULTRA_ASSERT(ctx_ != nullptr);
        BN_CTX_start(ctx_);
    }
    ~BnScope()
    {
        BN_CTX_end(ctx_);
        BN_CTX_free(ctx_);
    }
    BnScope(const BnScope&) = delete;
    BnScope& operator=(const BnScope&) = delete;

    BN_CTX* ctx() noexcept { return ctx_; }

    /// A fresh temporary.
    BIGNUM* fresh() noexcept
    {
        BIGNUM* v = BN_CTX_get(ctx_);
        ULTRA_ASSERT(v != nullptr);
        return v;
    }

    /// A temporary holding the 32 big-endian bytes at `be32`.
    BIGNUM* load(const uint8_t* be32) noexcept
    {
        BIGNUM* v = fresh();
        ULTRA_ASSERT(BN_bin2bn(be32, 32, v) != nullptr);
        return v;
    }

private:
    BN_CTX* ctx_;
};

/// Owns one EC_POINT.
struct Point
{
    EC_POINT* p;
    explicit Point(const EC_GROUP* g) noexcept : p{EC_POINT_new(g)} { ULTRA_ASSERT(p != nullptr); }
    ~Point() { EC_POINT_free(p); }
    Point(const Point&) = delete;
    Point& operator=(const Point&) = delete;
};

/// y² ≡ x³ + a·x + b (mod p), with x, y already known to be < p.
bool is_on_curve(BnScope& bn, const Curve& c, const BIGNUM* x, const BIGNUM* y) noexcept
{
    BN_CTX* ctx = bn.ctx();
    BIGNUM* lhs = bn.fresh();
    BIGNUM* rhs = bn.fresh();
    BIGNUM* t = bn.fresh();
    if (BN_mod_sqr(lhs, y, c.p, ctx) != 1) return false;
    if (BN_mod_sqr(rhs, x, c.p, ctx) != 1) return false;         // x²
    if (BN_mod_add(rhs, rhs, c.a, c.p, ctx) != 1) return false;  // x² + a
    if (BN_mod_mul(rhs, rhs, x, c.p, ctx) != 1) return false;    // x³ + a·x
    if (BN_mod_add(t, rhs, c.b, c.p, ctx) != 1) return false;    // x³ + a·x + b
    return BN_cmp(lhs, t) == 0;
}

/// Standard ECDSA verification (SEC 1 §4.1.4) of an in-range signature against an on-curve key.
bool verify(const uint8_t* in) noexcept
{
    const Curve& c = curve();
    BnScope bn;
    BN_CTX* ctx = bn.ctx();

    const BIGNUM* e = bn.load(in);
    const BIGNUM* r = bn.load(in + 32);
    const BIGNUM* s = bn.load(in + 64);
    const BIGNUM* qx = bn.load(in + 96);
    const BIGNUM* qy = bn.load(in + 128);
    if (!is_on_curve(bn, c, qx, qy)) return false;

    Point q{c.group};
    if (EC_POINT_set_affine_coordinates(c.group, q.p, qx, qy, ctx) != 1) return false;

    const BIGNUM* n = EC_GROUP_get0_order(c.group);
    BIGNUM* w = bn.fresh();
    BIGNUM* u1 = bn.fresh();
    BIGNUM* u2 = bn.fresh();
    if (BN_mod_inverse(w, s, n, ctx) == nullptr) return false;  // s⁻¹ mod n
    if (BN_mod_mul(u1, e, w, n, ctx) != 1) return false;        // e·s⁻¹
    if (BN_mod_mul(u2, r, w, n, ctx) != 1) return false;        // r·s⁻¹

    Point rp{c.group};
    if (EC_POINT_mul(c.group, rp.p, u1, q.p, u2, ctx) != 1) return false;
    if (EC_POINT_is_at_infinity(c.group, rp.p) == 1) return false;

    BIGNUM* x = bn.fresh();
    if (EC_POINT_get_affine_coordinates(c.group, rp.p, x, nullptr, ctx) != 1) return false;
    BIGNUM* v = bn.fresh();
    if (BN_nnmod(v, x, n, ctx) != 1) return false;
    return BN_cmp(v, r) == 0;
}

}  // namespace

uint64_t p256verify_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kP256VerifyGas;
}

PrecompileResult p256verify_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != kInputSize) return Bytes{};
    const uint8_t* in = input.data();
    const uint8_t* r = in + 32;
    const uint8_t* s = in + 64;
    const uint8_t* qx = in + 96;
    const uint8_t* qy = in + 128;
    // EIP-7951 input checks, done on the raw bytes before any library call.
    if (is_zero32(r) || !less_than(r, kP256N)) return Bytes{};
    if (is_zero32(s) || !less_than(s, kP256N)) return Bytes{};
    if (!less_than(qx, kP256P) || !less_than(qy, kP256P)) return Bytes{};
    if (is_zero32(qx) && is_zero32(qy)) return Bytes{};  // the point at infinity
    if (!verify(in)) return Bytes{};

    Bytes out(32, 0);
    out[31] = 1;
    return out;
}

}  // namespace ultra::precompiles
