// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <ultra/core/assert.hpp>
#include <ultra/crypto/bls12_381.hpp>

// RFC 9380 map_to_curve for BLS12-381 (suites BLS12381G1_XMD:SHA-256_SSWU_RO_ and
// BLS12381G2_XMD:SHA-256_SSWU_RO_), as used by EIP-2537's MAP_FP_TO_G1 / MAP_FP2_TO_G2:
// simplified SWU (RFC 9380 §6.6.2) onto an isogenous curve E' with A'B' ≠ 0, then the isogeny
// E' → E (§6.6.3, constants from Appendix E.2 / E.3, identical to EIP-2537's
// assets/eip-2537/field_to_curve.md), then cofactor clearing (§7).

namespace ultra::crypto::bls12_381 {

namespace {

// ---------------------------------------------------------------------------------------------
// G1: E1': y² = x³ + A'x + B', Z = 11, and the 11-isogeny (RFC 9380 Appendix E.2).

constexpr Fp kG1A = fp_hex(
    "0x144698a3b8e9433d693a02c96d4982b0ea985383ee66a8d8e8981aefd881ac98936f8da0e0f97f5cf428082d58"
    "4c1d");
constexpr Fp kG1B = fp_hex(
    "0x12e2908d11688030018b12e8753eee3b2016c1f0f24f4070a0b9c14fcef35ef55a23215a316ceaa5d1cc48e98e"
    "172be0");
constexpr Fp kG1Z = fp_from_u64(11);
/// −B'/A' and B'/(Z·A') (derived; the unit tests recompute them).
constexpr Fp kG1MinusBOverA = fp_hex(
    "0x0793154fd85631d966ef2470460c78f6a928ad9f5bdbfac21df39753aa278ba751bdfcf95a84188e29d670675e"
    "4c9c7c");
constexpr Fp kG1BOverZA = fp_hex(
    "0x123939a31626a32de772bc7a591ea140683bca0c62efb105310d5ce1d27d1aadf79a5d5cbe8e2c4ff7d4816af7"
    "6d2814");

/// x_num coefficients k_(1,0) … k_(1,11).
constexpr std::array<Fp, 12> kG1XNum = {
    fp_hex("0x11a05f2b1e833340b809101dd99815856b303e88a2d7005ff2627b56cdb4e2c85610c2d5f2e62d6eaeac"
           "1662734649b7"),
    fp_hex("0x17294ed3e943ab2f0588bab22147a81c7c17e75b2f6a8417f565e33c70d1e86b4838f2a6f318c356e834"
           "eef1b3cb83bb"),
    fp_hex("0x0d54005db97678ec1d1048c5d10a9a1bce032473295983e56878e501ec68e25c958c3e3d2a09729fe017"
           "9f9dac9edcb0"),
    fp_hex("0x1778e7166fcc6db74e0609d307e55412d7f5e4656a8dbf25f1b33289f1b330835336e25ce3107193c5b3"
           "88641d9b6861"),
    fp_hex("0x0e99726a3199f4436642b4b3e4118e5499db995a1257fb3f086eeb65982fac18985a286f301e77c45115"
           "4ce9ac8895d9"),
    fp_hex("0x1630c3250d7313ff01d1201bf7a74ab5db3cb17dd952799b9ed3ab9097e68f90a0870d2dcae73d19cd13"
           "c1c66f652983"),
    fp_hex("0x0d6ed6553fe44d296a3726c38ae652bfb11586264f0f8ce19008e218f9c86b2a8da25128c1052ecaddd7"
           "f225a139ed84"),
    fp_hex("0x17b81e7701abdbe2e8743884d1117e53356de5ab275b4db1a682c62ef0f2753339b7c8f8c8f475af9ccb"
           "5618e3f0c88e"),
    fp_hex("0x080d3cf1f9a78fc47b90b33563be990dc43b756ce79f5574a2c596c928c5d1de4fa295f296b74e956d71"
           "986a8497e317"),
    fp_hex("0x169b1f8e1bcfa7c42e0c37515d138f22dd2ecb803a0c5c99676314baf4bb1b7fa3190b2edc0327797f24"
           "1067be390c9e"),
    fp_hex("0x10321da079ce07e272d8ec09d2565b0dfa7dccdde6787f96d50af36003b14866f69b771f8c285decca67"
           "df3f1605fb7b"),
    fp_hex("0x06e08c248e260e70bd1e962381edee3d31d79d7e22c837bc23c0bf1bc24c6b68c24b1b80b64d391fa9c8"
           "ba2e8ba2d229"),
};

/// x_den coefficients k_(2,0) … k_(2,9) (monic: the x'^10 coefficient is 1).
constexpr std::array<Fp, 10> kG1XDen = {
    fp_hex("0x08ca8d548cff19ae18b2e62f4bd3fa6f01d5ef4ba35b48ba9c9588617fc8ac62b558d681be343df8993c"
           "f9fa40d21b1c"),
    fp_hex("0x12561a5deb559c4348b4711298e536367041e8ca0cf0800c0126c2588c48bf5713daa8846cb026e9e5c8"
           "276ec82b3bff"),
    fp_hex("0x0b2962fe57a3225e8137e629bff2991f6f89416f5a718cd1fca64e00b11aceacd6a3d0967c94fedcfcc2"
           "39ba5cb83e19"),
    fp_hex("0x03425581a58ae2fec83aafef7c40eb545b08243f16b1655154cca8abc28d6fd04976d5243eecf5c4130d"
           "e8938dc62cd8"),
    fp_hex("0x13a8e162022914a80a6f1d5f43e7a07dffdfc759a12062bb8d6b44e833b306da9bd29ba81f35781d539d"
           "395b3532a21e"),
    fp_hex("0x0e7355f8e4e667b955390f7f0506c6e9395735e9ce9cad4d0a43bcef24b8982f7400d24bc4228f11c02d"
           "f9a29f6304a5"),
    fp_hex("0x0772caacf16936190f3e0c63e0596721570f5799af53a1894e2e073062aede9cea73b3538f0de06cec25"
           "74496ee84a3a"),
    fp_hex("0x14a7ac2a9d64a8b230b3f5b074cf01996e7f63c21bca68a81996e1cdf9822c580fa5b9489d11e2d311f7"
           "d99bbdcc5a5e"),
    fp_hex("0x0a10ecf6ada54f825e920b3dafc7a3cce07f8d1d7161366b74100da67f39883503826692abba43704776"
           "ec3a79a1d641"),
    fp_hex("0x095fc13ab9e92ad4476d6e3eb3a56680f682b4ee96f7d03776df533978f31c1593174e4b4b7865002d63"
           "84d168ecdd0a"),
};

/// y_num coefficients k_(3,0) … k_(3,15).
constexpr std::array<Fp, 16> kG1YNum = {
    fp_hex("0x090d97c81ba24ee0259d1f094980dcfa11ad138e48a869522b52af6c956543d3cd0c7aee9b3ba3c2be98"
           "45719707bb33"),
    fp_hex("0x134996a104ee5811d51036d776fb46831223e96c254f383d0f906343eb67ad34d6c56711962fa8bfe097"
           "e75a2e41c696"),
    fp_hex("0x00cc786baa966e66f4a384c86a3b49942552e2d658a31ce2c344be4b91400da7d26d521628b00523b8df"
           "e240c72de1f6"),
    fp_hex("0x01f86376e8981c217898751ad8746757d42aa7b90eeb791c09e4a3ec03251cf9de405aba9ec61deca635"
           "5c77b0e5f4cb"),
    fp_hex("0x08cc03fdefe0ff135caf4fe2a21529c4195536fbe3ce50b879833fd221351adc2ee7f8dc099040a841b6"
           "daecf2e8fedb"),
    fp_hex("0x16603fca40634b6a2211e11db8f0a6a074a7d0d4afadb7bd76505c3d3ad5544e203f6326c95a807299b2"
           "3ab13633a5f0"),
    fp_hex("0x04ab0b9bcfac1bbcb2c977d027796b3ce75bb8ca2be184cb5231413c4d634f3747a87ac2460f415ec961"
           "f8855fe9d6f2"),
    fp_hex("0x0987c8d5333ab86fde9926bd2ca6c674170a05bfe3bdd81ffd038da6c26c842642f64550fedfe935a15e"
           "4ca31870fb29"),
    fp_hex("0x09fc4018bd96684be88c9e221e4da1bb8f3abd16679dc26c1e8b6e6a1f20cabe69d65201c78607a36037"
           "0e577bdba587"),
    fp_hex("0x0e1bba7a1186bdb5223abde7ada14a23c42a0ca7915af6fe06985e7ed1e4d43b9b3f7055dd4eba6f2baf"
           "aaebca731c30"),
    fp_hex("0x19713e47937cd1be0dfd0b8f1d43fb93cd2fcbcb6caf493fd1183e416389e61031bf3a5cce3fbafce813"
           "711ad011c132"),
    fp_hex("0x18b46a908f36f6deb918c143fed2edcc523559b8aaf0c2462e6bfe7f911f643249d9cdf41b44d606ce07"
           "c8a4d0074d8e"),
    fp_hex("0x0b182cac101b9399d155096004f53f447aa7b12a3426b08ec02710e807b4633f06c851c1919211f20d4c"
           "04f00b971ef8"),
    fp_hex("0x0245a394ad1eca9b72fc00ae7be315dc757b3b080d4c158013e6632d3c40659cc6cf90ad1c232a6442d9"
           "d3f5db980133"),
    fp_hex("0x05c129645e44cf1102a159f748c4a3fc5e673d81d7e86568d9ab0f5d396a7ce46ba1049b6579afb7866b"
           "1e715475224b"),
    fp_hex("0x15e6be4e990f03ce4ea50b3b42df2eb5cb181d8f84965a3957add4fa95af01b2b665027efec01c7704b4"
           "56be69c8b604"),
};

/// y_den coefficients k_(4,0) … k_(4,14) (monic: the x'^15 coefficient is 1).
constexpr std::array<Fp, 15> kG1YDen = {
    fp_hex("0x16112c4c3a9c98b252181140fad0eae9601a6de578980be6eec3232b5be72e7a07f3688ef60c206d0147"
           "9253b03663c1"),
    fp_hex("0x1962d75c2381201e1a0cbd6c43c348b885c84ff731c4d59ca4a10356f453e01f78a4260763529e3532f6"
           "102c2e49a03d"),
    fp_hex("0x058df3306640da276faaae7d6e8eb15778c4855551ae7f310c35a5dd279cd2eca6757cd636f96f891e25"
           "38b53dbf67f2"),
    fp_hex("0x16b7d288798e5395f20d23bf89edb4d1d115c5dbddbcd30e123da489e726af41727364f2c28297ada8d2"
           "6d98445f5416"),
    fp_hex("0x0be0e079545f43e4b00cc912f8228ddcc6d19c9f0f69bbb0542eda0fc9dec916a20b15dc0fd2ededda39"
           "142311a5001d"),
    fp_hex("0x08d9e5297186db2d9fb266eaac783182b70152c65550d881c5ecd87b6f0f5a6449f38db9dfa9cce202c6"
           "477faaf9b7ac"),
    fp_hex("0x166007c08a99db2fc3ba8734ace9824b5eecfdfa8d0cf8ef5dd365bc400a0051d5fa9c01a58b1fb93d1a"
           "1399126a775c"),
    fp_hex("0x16a3ef08be3ea7ea03bcddfabba6ff6ee5a4375efa1f4fd7feb34fd206357132b920f5b00801dee460ee"
           "415a15812ed9"),
    fp_hex("0x1866c8ed336c61231a1be54fd1d74cc4f9fb0ce4c6af5920abc5750c4bf39b4852cfe2f7bb9248836b23"
           "3d9d55535d4a"),
    fp_hex("0x167a55cda70a6e1cea820597d94a84903216f763e13d87bb5308592e7ea7d4fbc7385ea3d529b35e346e"
           "f48bb8913f55"),
    fp_hex("0x04d2f259eea405bd48f010a01ad2911d9c6dd039bb61a6290e591b36e636a5c871a5c29f4f83060400f8"
           "b49cba8f6aa8"),
    fp_hex("0x0accbb67481d033ff5852c1e48c50c477f94ff8aefce42d28c0f9a88cea7913516f968986f7ebbea9684"
           "b529e2561092"),
    fp_hex("0x0ad6b9514c767fe3c3613144b45f1496543346d98adf02267d5ceef9a00d9b8693000763e3b90ac11e99"
           "b138573345cc"),
    fp_hex("0x02660400eb2e4f3b628bdd0d53cd76f2bf565b94e72927c1cb748df27942480e420517bd8714cc80d1fa"
           "dc1326ed06f7"),
    fp_hex("0x0e0fa1d816ddc03e6b24255e0d7819c171c40f65e273b853324efcd6356caa205ca2f570f13497804415"
           "473a1d634b8f"),
};

// ---------------------------------------------------------------------------------------------
// G2: E2': y² = x³ + 240u·x + 1012(1 + u), Z = −(2 + u), and the 3-isogeny (Appendix E.3).

constexpr Fp2 kG2A = {Fp{}, fp_from_u64(240)};
constexpr Fp2 kG2B = {fp_from_u64(1012), fp_from_u64(1012)};
constexpr Fp2 kG2Z = {-fp_from_u64(2), -kFpOne};
constexpr Fp2 kG2MinusBOverA = fp2_hex(
    "0x083c12791abdd5d2fe2f284f0cc6e5aa9b8c2d3f6f3f792302cf75e62bfc4df1d6834443da4988887"
    "25d8cccccccb1c3",
    "0x11c4ff711ec210c74cec7f673684c72cc8eb1e458445999c64615cbacab4a8324828bbbad70a77774"
    "7a173333332f8e8");
constexpr Fp2 kG2BOverZA = fp2_hex(
    "0x01a59d4b6bbf912a32d63b43028e2deeebe8d5d97ca64b6d66f64ac7a265a9305e1a40da5edb81b4e"
    "3ac4f5c28f5bd27",
    "0x15103a07f641331bb298f5ed3ba1230aa0bcc9f87d923077324df24a0f7ffa93045d3d6f94c17ae10"
    "efa11eb851e7336");

constexpr Fp kIso3A = fp_hex(
    "0x05c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaa"
    "aa97d6");
constexpr Fp kIso3B = fp_hex(
    "0x11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffff"
    "ffc71a");
constexpr Fp kIso3C = fp_hex(
    "0x11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffff"
    "ffc71e");
constexpr Fp kIso3D = fp_hex(
    "0x08ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffff"
    "ffe38d");
constexpr Fp kIso3E = fp_hex(
    "0x171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaa"
    "aa5ed1");

/// x_num: k_(1,0) … k_(1,3).
constexpr std::array<Fp2, 4> kG2XNum = {
    Fp2{kIso3A, kIso3A},
    Fp2{Fp{}, kIso3B},
    Fp2{kIso3C, kIso3D},
    Fp2{kIso3E, Fp{}},
};

/// x_den: k_(2,0), k_(2,1) (monic degree 2).
constexpr std::array<Fp2, 2> kG2XDen = {
    fp2_hex("0x0",
            "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffaa63"),
    fp2_hex("0xc",
            "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffaa9f"),
};

/// y_num: k_(3,0) … k_(3,3).
constexpr std::array<Fp2, 4> kG2YNum = {
    fp2_hex("0x1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f681"
            "2cfc71c71c6d706",
            "0x1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f681"
            "2cfc71c71c6d706"),
    fp2_hex("0x0",
            "0x05c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c62"
            "38aaaaaaaa97be"),
    fp2_hex("0x11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d55552"
            "6a9ffffffffc71c",
            "0x08ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa93"
            "54ffffffffe38f"),
    fp2_hex("0x124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e"
            "1b371c71c718b10",
            "0x0"),
};

/// y_den: k_(4,0) … k_(4,2) (monic degree 3).
constexpr std::array<Fp2, 3> kG2YDen = {
    fp2_hex("0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffa8fb",
            "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffa8fb"),
    fp2_hex("0x0",
            "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffa9d3"),
    fp2_hex("0x12",
            "0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9f"
            "effffffffaa99"),
};

// ---------------------------------------------------------------------------------------------

/// Σ k_i·x^i (Horner), plus x^N when `monic` (k has N entries).
template <typename F, size_t N>
F horner(const std::array<F, N>& k, const F& x, bool monic) noexcept
{
    F acc = monic ? x + k[N - 1] : k[N - 1];
    for (size_t i = N - 1; i-- > 0;) acc = acc * x + k[i];
    return acc;
}

/// The field's canonical "1".
template <typename F>
F one() noexcept;
template <>
Fp one<Fp>() noexcept
{
    return kFpOne;
}
template <>
Fp2 one<Fp2>() noexcept
{
    return kFp2One;
}

/// RFC 9380 §6.6.2 simplified SWU onto y² = x³ + A·x + B (A, B ≠ 0); returns affine (x, y).
template <typename F>
void sswu(const F& u,
          const F& a,
          const F& b,
          const F& z,
          const F& minus_b_over_a,
          const F& b_over_za,
          F& x_out,
          F& y_out) noexcept
{
    const F zu2 = z * square(u);
    const F tv = square(zu2) + zu2;  // Z²u⁴ + Zu²
    const F x1 = is_zero(tv) ? b_over_za : minus_b_over_a * (one<F>() + inverse(tv));
    const F gx1 = (square(x1) + a) * x1 + b;
    F x;
    F y;
    if (is_square(gx1)) {
        x = x1;
        const auto s = sqrt(gx1);
        ULTRA_ASSERT(s.has_value());
        y = *s;
    } else {
        x = zu2 * x1;
        const F gx2 = (square(x) + a) * x + b;
        const auto s = sqrt(gx2);  // g(x2) = Z³u⁶·g(x1) is a square when g(x1) is not
        ULTRA_ASSERT(s.has_value());
        y = *s;
    }
    if (sgn0(u) != sgn0(y)) y = -y;
    x_out = x;
    y_out = y;
}

/// Applies an isogeny given by x = xn/xd, y = y'·yn/yd and returns the image in Jacobian
/// coordinates without inverting: Z = xd·yd, X = xn·yd·Z, Y = y'·yn·xd·Z² (the point at
/// infinity when a denominator vanishes, RFC 9380 §6.6.3).
template <typename F>
Jacobian<F> iso_image(const F& xn, const F& xd, const F& yn, const F& yd, const F& yprime) noexcept
{
    const F z = xd * yd;
    if (is_zero(z)) return {};
    return {xn * yd * z, yprime * yn * xd * square(z), z};
}

G1 map_to_curve_g1_jacobian(const Fp& u) noexcept
{
    Fp x;
    Fp y;
    sswu(u, kG1A, kG1B, kG1Z, kG1MinusBOverA, kG1BOverZA, x, y);
    return iso_image(horner(kG1XNum, x, false), horner(kG1XDen, x, true), horner(kG1YNum, x, false),
                     horner(kG1YDen, x, true), y);
}

G2 map_to_curve_g2_jacobian(const Fp2& u) noexcept
{
    Fp2 x;
    Fp2 y;
    sswu(u, kG2A, kG2B, kG2Z, kG2MinusBOverA, kG2BOverZA, x, y);
    return iso_image(horner(kG2XNum, x, false), horner(kG2XDen, x, true), horner(kG2YNum, x, false),
                     horner(kG2YDen, x, true), y);
}

}  // namespace

G1Affine map_to_curve_g1(const Fp& u) noexcept
{
    return to_affine(map_to_curve_g1_jacobian(u));
}

G2Affine map_to_curve_g2(const Fp2& u) noexcept
{
    return to_affine(map_to_curve_g2_jacobian(u));
}

G1Affine map_fp_to_g1(const Fp& u) noexcept
{
    return to_affine(clear_cofactor(map_to_curve_g1_jacobian(u)));
}

G2Affine map_fp2_to_g2(const Fp2& u) noexcept
{
    return to_affine(clear_cofactor(map_to_curve_g2_jacobian(u)));
}

}  // namespace ultra::crypto::bls12_381
