// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ultra/core/bytes.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::rlp {

/// Appends a 256-bit unsigned integer as an RLP scalar: its minimal big-endian bytes (0 encodes
/// as the empty string 0x80). Yellow Paper Appendix B.
void encode_u256(Bytes& out, const uint256& v);

/// Number of bytes encode_u256() appends.
[[nodiscard]] size_t encoded_length_u256(const uint256& v) noexcept;

/// Decodes an RLP scalar of at most 32 bytes (canonical: no leading zero byte, 0 is the empty
/// string), consuming it. kOverflow when longer than 32 bytes.
[[nodiscard]] DecodingResult<uint256> decode_u256(BytesView& from) noexcept;

}  // namespace ultra::rlp
