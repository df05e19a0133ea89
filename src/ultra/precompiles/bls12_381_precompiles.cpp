// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bls12_381_precompiles.hpp"

#include <array>
#include <optional>
#include <ultra/crypto/bls12_381.hpp>
#include <vector>

#include "common.hpp"

namespace ultra::precompiles {

namespace {

using namespace crypto::bls12_381;

// EIP-2537 gas schedule (final, as activated in Prague).
constexpr uint64_t kG1AddGas = 375;
constexpr uint64_t kG1MulGas = 12000;
constexpr uint64_t kG2AddGas = 600;
constexpr uint64_t kG2MulGas = 22500;
constexpr uint64_t kPairingPerPairGas = 32600;
constexpr uint64_t kPairingBaseGas = 37700;
constexpr uint64_t kMapFpToG1Gas = 5500;
constexpr uint64_t kMapFp2ToG2Gas = 23800;
constexpr uint64_t kDiscountMultiplier = 1000;

constexpr size_t kFpLen = 64;
constexpr size_t kG1Len = 128;
constexpr size_t kG2Len = 256;
constexpr size_t kScalarLen = 32;
constexpr size_t kG1MsmPairLen = kG1Len + kScalarLen;  // 160
constexpr size_t kG2MsmPairLen = kG2Len + kScalarLen;  // 288
constexpr size_t kPairingPairLen = kG1Len + kG2Len;    // 384

/// EIP-2537 G1 MSM discounts for k = 1..128 (per mille).
constexpr std::array<uint16_t, 128> kG1Discount = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665,
    661,  658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615,
    613,  611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585,
    584,  582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563,
    562,  561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545,
    544,  543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529,
    528,  528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
};
constexpr uint64_t kG1MaxDiscount = 519;

/// EIP-2537 G2 MSM discounts for k = 1..128.
constexpr std::array<uint16_t, 128> kG2Discount = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699,
    693,  688,  683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629,
    627,  624,  622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592,
    590,  589,  587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567,
    566,  565,  563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548,
    547,  546,  545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534, 533,
    532,  532,  531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
};
constexpr uint64_t kG2MaxDiscount = 524;

uint64_t msm_gas(size_t k,
                 uint64_t mul_gas,
                 const std::array<uint16_t, 128>& table,
                 uint64_t max_discount) noexcept
{
    if (k == 0) return 0;
    const uint64_t discount = k <= table.size() ? table[k - 1] : max_discount;
    return saturating_mul(saturating_mul(static_cast<uint64_t>(k), mul_gas), discount) /
           kDiscountMultiplier;
}

/// An Fp element: 16 zero bytes then 48 big-endian bytes of a value < p.
std::optional<Fp> decode_fp(const uint8_t* in) noexcept
{
    for (size_t i = 0; i < 16; ++i)
        if (in[i] != 0) return std::nullopt;
    return fp_from_bytes(std::span<const uint8_t, 48>(in + 16, 48));
}

std::optional<Fp2> decode_fp2(const uint8_t* in) noexcept
{
    const auto c0 = decode_fp(in);
    const auto c1 = decode_fp(in + kFpLen);
    if (!c0 || !c1) return std::nullopt;
    return Fp2{*c0, *c1};
}

bool all_zero(const uint8_t* in, size_t n) noexcept
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; ++i) acc |= in[i];
    return acc == 0;
}

/// A G1 point on the curve (no subgroup check); 128 zero bytes are the point at infinity.
std::optional<G1Affine> decode_g1(const uint8_t* in) noexcept
{
    const auto x = decode_fp(in);
    const auto y = decode_fp(in + kFpLen);
    if (!x || !y) return std::nullopt;
    if (all_zero(in, kG1Len)) return G1Affine{};
    const G1Affine p{*x, *y, false};
    if (!is_on_curve(p)) return std::nullopt;
    return p;
}

std::optional<G2Affine> decode_g2(const uint8_t* in) noexcept
{
    const auto x = decode_fp2(in);
    const auto y = decode_fp2(in + 2 * kFpLen);
    if (!x || !y) return std::nullopt;
    if (all_zero(in, kG2Len)) return G2Affine{};
    const G2Affine p{*x, *y, false};
    if (!is_on_curve(p)) return std::nullopt;
    return p;
}

void encode_fp(const Fp& a, uint8_t* out) noexcept
{
    fp_to_bytes(a, std::span<uint8_t, 48>(out + 16, 48));  // out[0..16) stays zero
}

Bytes encode_g1(const G1Affine& p) noexcept
{
    Bytes out(kG1Len, 0);
    if (!p.infinity) {
        encode_fp(p.x, out.data());
        encode_fp(p.y, out.data() + kFpLen);
    }
    return out;
}

Bytes encode_g2(const G2Affine& p) noexcept
{
    Bytes out(kG2Len, 0);
    if (!p.infinity) {
        encode_fp(p.x.c0, out.data());
        encode_fp(p.x.c1, out.data() + kFpLen);
        encode_fp(p.y.c0, out.data() + 2 * kFpLen);
        encode_fp(p.y.c1, out.data() + 3 * kFpLen);
    }
    return out;
}

Scalar decode_scalar(const uint8_t* in) noexcept
{
    Scalar k{};
    for (size_t i = 0; i < 4; ++i) {
        uint64_t w = 0;
        for (size_t j = 0; j < 8; ++j) w = (w << 8) | in[8 * (3 - i) + j];
        k[i] = w;
    }
    return k;
}

template <typename Affine, size_t kPointLen, typename Decode, typename Encode>
PrecompileResult msm_execute(BytesView input, Decode decode, Encode encode) noexcept
{
    constexpr size_t kPairLen = kPointLen + kScalarLen;
    if (input.empty() || input.size() % kPairLen != 0)
        return unexpected(PrecompileError::kInvalidInput);
    const size_t k = input.size() / kPairLen;
    std::vector<Affine> points(k);
    std::vector<Scalar> scalars(k);
    for (size_t i = 0; i < k; ++i) {
        const uint8_t* slice = input.data() + i * kPairLen;
        const auto p = decode(slice);
        if (!p || !in_subgroup(*p)) return unexpected(PrecompileError::kInvalidInput);
        points[i] = *p;
        scalars[i] = decode_scalar(slice + kPointLen);
    }
    return encode(
        to_affine(msm(std::span<const Affine>(points), std::span<const Scalar>(scalars))));
}

}  // namespace

uint64_t bls12_g1add_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kG1AddGas;
}

PrecompileResult bls12_g1add_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != 2 * kG1Len) return unexpected(PrecompileError::kInvalidInput);
    const auto p = decode_g1(input.data());
    const auto q = decode_g1(input.data() + kG1Len);
    if (!p || !q) return unexpected(PrecompileError::kInvalidInput);
    return encode_g1(to_affine(add(to_jacobian(*p), *q)));
}

uint64_t bls12_g1msm_gas(BytesView input, Revision /*rev*/) noexcept
{
    return msm_gas(input.size() / kG1MsmPairLen, kG1MulGas, kG1Discount, kG1MaxDiscount);
}

PrecompileResult bls12_g1msm_execute(BytesView input, Revision /*rev*/) noexcept
{
    return msm_execute<G1Affine, kG1Len>(input, decode_g1, encode_g1);
}

uint64_t bls12_g2add_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kG2AddGas;
}

PrecompileResult bls12_g2add_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != 2 * kG2Len) return unexpected(PrecompileError::kInvalidInput);
    const auto p = decode_g2(input.data());
    const auto q = decode_g2(input.data() + kG2Len);
    if (!p || !q) return unexpected(PrecompileError::kInvalidInput);
    return encode_g2(to_affine(add(to_jacobian(*p), *q)));
}

uint64_t bls12_g2msm_gas(BytesView input, Revision /*rev*/) noexcept
{
    return msm_gas(input.size() / kG2MsmPairLen, kG2MulGas, kG2Discount, kG2MaxDiscount);
}

PrecompileResult bls12_g2msm_execute(BytesView input, Revision /*rev*/) noexcept
{
    return msm_execute<G2Affine, kG2Len>(input, decode_g2, encode_g2);
}

uint64_t bls12_pairing_check_gas(BytesView input, Revision /*rev*/) noexcept
{
    const auto k = static_cast<uint64_t>(input.size() / kPairingPairLen);
    return saturating_add(saturating_mul(kPairingPerPairGas, k), kPairingBaseGas);
}

PrecompileResult bls12_pairing_check_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.empty() || input.size() % kPairingPairLen != 0)
        return unexpected(PrecompileError::kInvalidInput);
    const size_t k = input.size() / kPairingPairLen;
    std::vector<PairingInput> pairs(k);
    for (size_t i = 0; i < k; ++i) {
        const uint8_t* slice = input.data() + i * kPairingPairLen;
        const auto p = decode_g1(slice);
        const auto q = decode_g2(slice + kG1Len);
        if (!p || !q || !in_subgroup(*p) || !in_subgroup(*q))
            return unexpected(PrecompileError::kInvalidInput);
        pairs[i] = {*p, *q};
    }
    Bytes out(32, 0);
    out[31] = pairing_check(pairs) ? 1 : 0;
    return out;
}

uint64_t bls12_map_fp_to_g1_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kMapFpToG1Gas;
}

PrecompileResult bls12_map_fp_to_g1_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != kFpLen) return unexpected(PrecompileError::kInvalidInput);
    const auto u = decode_fp(input.data());
    if (!u) return unexpected(PrecompileError::kInvalidInput);
    return encode_g1(map_fp_to_g1(*u));
}

uint64_t bls12_map_fp2_to_g2_gas(BytesView /*input*/, Revision /*rev*/) noexcept
{
    return kMapFp2ToG2Gas;
}

PrecompileResult bls12_map_fp2_to_g2_execute(BytesView input, Revision /*rev*/) noexcept
{
    if (input.size() != 2 * kFpLen) return unexpected(PrecompileError::kInvalidInput);
    const auto u = decode_fp2(input.data());
    if (!u) return unexpected(PrecompileError::kInvalidInput);
    return encode_g2(map_fp2_to_g2(*u));
}

}  // namespace ultra::precompiles
