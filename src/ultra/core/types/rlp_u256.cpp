// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rlp_u256.hpp"

#include <ultra/core/rlp/encode.hpp>

namespace ultra::rlp {

void encode_u256(Bytes& out, const uint256& v)
{
    uint8_t be[32];
    store_be(be, v);
    const size_t skip = 32 - count_significant_bytes(v);
    encode(out, BytesView{be + skip, 32 - skip});
}

size_t encoded_length_u256(const uint256& v) noexcept
{
    const size_t n = count_significant_bytes(v);
    if (n == 1 && v[0] < 0x80) return 1;
    return 1 + n;  // at most 32 bytes: always the short string form
}

DecodingResult<uint256> decode_u256(BytesView& from) noexcept
{
    ULTRA_TRY(const BytesView be, decode_uint_bytes(from, 32));
    return load_be(be);
}

}  // namespace ultra::rlp
