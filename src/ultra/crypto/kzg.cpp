// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <ultra/crypto/kzg.hpp>

namespace ultra::crypto::kzg {

using namespace bls12_381;

namespace {

/// KZG_SETUP_G2_MONOMIAL[1] of the mainnet trusted setup, as published in execution-specs
/// (src/ethereum/crypto/kzg.py, KZG_SETUP_G2_MONOMIAL_1) and c-kzg-4844's trusted_setup.txt.
constexpr std::array<uint8_t, 96> kTauG2Compressed = {
    0xb5, 0xbf, 0xd7, 0xdd, 0x8c, 0xde, 0xb1, 0x28, 0x84, 0x3b, 0xc2, 0x87, 0x23, 0x0a, 0xf3, 0x89,
    0x26, 0x18, 0x70, 0x75, 0xcb, 0xfb, 0xef, 0xa8, 0x10, 0x09, 0xa2, 0xce, 0x61, 0x5a, 0xc5, 0x3d,
    0x29, 0x14, 0xe5, 0x87, 0x0c, 0xb4, 0x52, 0xd2, 0xaf, 0xaa, 0xab, 0x24, 0xf3, 0x49, 0x9f, 0x72,
    0x18, 0x5c, 0xbf, 0xee, 0x53, 0x49, 0x27, 0x14, 0x73, 0x44, 0x29, 0xb7, 0xb3, 0x86, 0x08, 0xe2,
    0x39, 0x26, 0xc9, 0x11, 0xcc, 0xec, 0xea, 0xc9, 0xa3, 0x68, 0x51, 0x47, 0x7b, 0xa4, 0xc6, 0x0b,
    0x08, 0x70, 0x41, 0xde, 0x62, 0x10, 0x00, 0xed, 0xc9, 0x8e, 0xda, 0xda, 0x20, 0xc1, 0xde, 0xf2,
};

/// The same point decompressed (affine coordinates), so that no square root runs per call; the
/// unit tests check that it compresses back to kTauG2Compressed and lies in G2.
constexpr G2Affine kTauG2{
    fp2_hex("0x185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc"
            "98edada20c1def2",
            "0x15bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2a"
            "faaab24f3499f72"),
    fp2_hex("0x014353bdb96b626dd7d5ee8599d1fca2131569490e28de18e82451a496a9c9794ce26d105941f383e"
            "e689bfbbb832a99",
            "0x1666c54b0a32529503432fcae0181b4bef79de09fc63671fda5ed1ba9bfa07899495346f3d7ac9cd2"
            "3048ef30d0a154f"),
    false,
};

/// Reads a 32-byte big-endian scalar; nullopt unless it is < r (bytes_to_bls_field).
std::optional<Scalar> field_element(std::span<const uint8_t, 32> in) noexcept
{
    Scalar k{};
    for (size_t i = 0; i < 4; ++i) {
        uint64_t w = 0;
        for (size_t j = 0; j < 8; ++j) w = (w << 8) | in[8 * (3 - i) + j];
        k[i] = w;
    }
    for (size_t i = 4; i-- > 0;) {
        if (k[i] != kGroupOrder[i]) {
            if (k[i] > kGroupOrder[i]) return std::nullopt;
            return k;
        }
    }
    return std::nullopt;  // equal to r
}

/// Miller-loop lines of −G2 and [τ]G2, computed on first use (immutable afterwards; C++
/// guarantees thread-safe initialisation of function-local statics).
const G2Prepared& prepared_neg_g2() noexcept
{
    static const G2Prepared lines = prepare_g2(neg(g2_generator()));
    return lines;
}

const G2Prepared& prepared_tau() noexcept
{
    static const G2Prepared lines = prepare_g2(kTauG2);
    return lines;
}

}  // namespace

const G2Affine& setup_g2_tau() noexcept
{
    return kTauG2;
}

const std::array<uint8_t, 96>& setup_g2_tau_compressed() noexcept
{
    return kTauG2Compressed;
}

std::optional<G1Affine> decode_g1(std::span<const uint8_t, 48> in) noexcept
{
    auto p = g1_from_compressed(in);
    if (!p) return std::nullopt;
    if (!p->infinity && !in_subgroup(*p)) return std::nullopt;
    return p;
}

Result<bool, KzgError> verify_kzg_proof(std::span<const uint8_t, 48> commitment,
                                        std::span<const uint8_t, 32> z,
                                        std::span<const uint8_t, 32> y,
                                        std::span<const uint8_t, 48> proof) noexcept
{
    const auto zs = field_element(z);
    const auto ys = field_element(y);
    if (!zs || !ys) return unexpected(KzgError::kInvalidFieldElement);
    const auto c = decode_g1(commitment);
    if (!c) return unexpected(KzgError::kInvalidCommitment);
    const auto pi = decode_g1(proof);
    if (!pi) return unexpected(KzgError::kInvalidProof);

    // e(C − [y]G1, −G2)·e(π, [τ]G2 − [z]G2) = 1. Moving [z] to the G1 side,
    // e(π, −[z]G2) = e([z]π, −G2), keeps both G2 arguments fixed, so their Miller-loop lines are
    // precomputed once:
    //   e(C − [y]G1 + [z]π, −G2)·e(π, [τ]G2) = 1.
    Scalar minus_y{};
    if ((*ys)[0] != 0 || (*ys)[1] != 0 || (*ys)[2] != 0 || (*ys)[3] != 0) {
        uint64_t borrow = 0;  // r − y
        for (size_t i = 0; i < 4; ++i) {
            const uint128 s = static_cast<uint128>(kGroupOrder[i]) - (*ys)[i] - borrow;
            minus_y[i] = static_cast<uint64_t>(s);
            borrow = static_cast<uint64_t>(s >> 64) & 1;
        }
    }
    const G1 combined = add(double_mul_subgroup(g1_generator(), minus_y, *pi, *zs), *c);
    const std::array<PreparedPairingInput, 2> pairs{{
        {to_affine(combined), &prepared_neg_g2()},
        {*pi, &prepared_tau()},
    }};
    return final_exponentiation(miller_loop(pairs)) == kFp12One;
}

}  // namespace ultra::crypto::kzg
