// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bn254_precompiles.hpp"

#include <optional>
#include <ultra/crypto/bn254.hpp>
#include <vector>

#include "common.hpp"

namespace ultra::precompiles {

namespace {

namespace bn = crypto::bn254;

constexpr uint64_t kAddGasByzantium = 500;          ///< EIP-196
constexpr uint64_t kAddGasIstanbul = 150;           ///< EIP-1108
constexpr uint64_t kMulGasByzantium = 40000;        ///< EIP-196
constexpr uint64_t kMulGasIstanbul = 6000;          ///< EIP-1108
constexpr uint64_t kPairingBaseByzantium = 100000;  ///< EIP-197
constexpr uint64_t kPairingPairByzantium = 80000;   ///< EIP-197
constexpr uint64_t kPairingBaseIstanbul = 45000;    ///< EIP-1108
constexpr uint64_t kPairingPairIstanbul = 34000;    ///< EIP-1108

constexpr size_t kG1Size = 64;
constexpr size_t kG2Size = 128;
constexpr size_t kPairSize = kG1Size + kG2Size;

/// A G1 point from x ‖ y; std::nullopt when a coordinate is ≥ p or the point is off the curve.
std::optional<bn::G1Affine> decode_g1(const uint8_t* in) noexcept
{
    const auto x = bn::Fp::from_be_bytes(in);
    const auto y = bn::Fp::from_be_bytes(in + 32);
    if (!x || !y) return std::nullopt;
    const bn::G1Affine p{*x, *y};
    if (!p.is_infinity() && !bn::is_on_curve(p)) return std::nullopt;
    return p;
}

/// A G2 point from x_im ‖ x_re ‖ y_im ‖ y_re; std::nullopt when a coordinate is ≥ p, the point
/// is off the twist or outside the order-r subgroup.
std::optional<bn::G2Affine> decode_g2(const uint8_t* in) noexcept
{
    const auto x_im = bn::Fp::from_be_bytes(in);
    const auto x_re = bn::Fp::from_be_bytes(in + 32);
    const auto y_im = bn::Fp::from_be_bytes(in + 64);
    const auto y_re = bn::Fp::from_be_bytes(in + 96);
    if (!x_im || !x_re || !y_im || !y_re) return std::nullopt;
    const bn::G2Affine q{{*x_re, *x_im}, {*y_re, *y_im}};
    if (q.is_infinity()) return q;
    if (!bn::is_on_curve(q) || !bn::is_in_g2(q)) return std::nullopt;
    return q;
}

Bytes encode_g1(const bn::G1Affine& a) noexcept
{
    Bytes out(kG1Size, 0);
    if (!a.is_infinity()) {
        a.x.to_be_bytes(out.data());
        a.y.to_be_bytes(out.data() + 32);
    }
    return out;
}

}  // namespace

uint64_t bn254_add_gas(BytesView /*input*/, Revision rev) noexcept
{
    // EIP-1108: Istanbul reprices the alt_bn128 precompiles.
    return rev >= Revision::kIstanbul ? kAddGasIstanbul : kAddGasByzantium;
}

PrecompileResult bn254_add_execute(BytesView input, Revision /*rev*/) noexcept
{
    uint8_t buf[2 * kG1Size];
    read_padded(buf, sizeof(buf), input, 0);
    const auto p = decode_g1(buf);
    const auto q = decode_g1(buf + kG1Size);
    if (!p || !q) return unexpected(PrecompileError::kInvalidInput);
    return encode_g1(bn::add_affine(*p, *q));
}

uint64_t bn254_mul_gas(BytesView /*input*/, Revision rev) noexcept
{
    // EIP-1108: Istanbul reprices the alt_bn128 precompiles.
    return rev >= Revision::kIstanbul ? kMulGasIstanbul : kMulGasByzantium;
}

PrecompileResult bn254_mul_execute(BytesView input, Revision /*rev*/) noexcept
{
    uint8_t buf[kG1Size + 32];
    read_padded(buf, sizeof(buf), input, 0);
    const auto p = decode_g1(buf);
    if (!p) return unexpected(PrecompileError::kInvalidInput);
    const crypto::U256Limbs k = bn::Fp::limbs_from_be_bytes(buf + kG1Size);
    return encode_g1(bn::to_affine(bn::mul(*p, k)));
}

uint64_t bn254_pairing_gas(BytesView input, Revision rev) noexcept
{
    const uint64_t pairs = input.size() / kPairSize;
    // EIP-1108: Istanbul reprices the alt_bn128 precompiles.
    if (rev >= Revision::kIstanbul)
        return saturating_add(kPairingBaseIstanbul, saturating_mul(kPairingPairIstanbul, pairs));
    return saturating_add(kPairingBaseByzantium, saturating_mul(kPairingPairByzantium, pairs));
}

PrecompileResult bn254_pairing_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() % kPairSize != 0) return unexpected(PrecompileError::kInvalidInput);
    const size_t k = input.size() / kPairSize;
    std::vector<bn::G1Affine> ps;
    std::vector<bn::G2Affine> qs;
    ps.reserve(k);
    qs.reserve(k);
    for (size_t i = 0; i < k; ++i) {
        const uint8_t* pair = input.data() + i * kPairSize;
        const auto p = decode_g1(pair);
        if (!p) return unexpected(PrecompileError::kInvalidInput);
        const auto q = decode_g2(pair + kG1Size);
        if (!q) return unexpected(PrecompileError::kInvalidInput);
        ps.push_back(*p);
        qs.push_back(*q);
    }
    Bytes out(32, 0);
    out[31] = bn::pairing_check(ps, qs) ? 1 : 0;
    return out;
}

}  // namespace ultra::precompiles
