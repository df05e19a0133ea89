// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "precompile.hpp"

namespace ultra::precompiles {

/// The order n of the P-256 (secp256r1) group, big-endian.
inline constexpr Bytes32 kP256N{{0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
                                 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51}};

/// The field prime p of P-256, big-endian: 2^256 − 2^224 + 2^192 + 2^96 − 1.
inline constexpr Bytes32 kP256P{{0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
                                 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

/// P256VERIFY (0x100, Osaka, EIP-7951): 6900 gas for any input.
[[nodiscard]] uint64_t p256verify_gas(BytesView input, Revision rev) noexcept;

/// P256VERIFY (0x100): ECDSA verification over P-256 of input = h ‖ r ‖ s ‖ qx ‖ qy (32 bytes
/// each). Returns the 32-byte word 1 when the signature is valid, and an EMPTY output (still a
/// success, never a failure) when it is not or when the input is malformed: length ≠ 160, r or s
/// outside [1, n−1], qx or qy ≥ p, (qx, qy) = (0, 0), or Q not on the curve. These checks are
/// done here, before OpenSSL sees the values (OpenSSL silently reduces coordinates ≥ p). The
/// verification itself (u1·G + u2·Q, x mod n = r) uses OpenSSL's EC arithmetic on one P-256
/// group object created lazily once per process and immutable afterwards.
[[nodiscard]] PrecompileResult p256verify_execute(BytesView input, Revision rev) noexcept;

}  // namespace ultra::precompiles
