// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "encode.hpp"

namespace ultra::rlp {

Bytes big_endian_compact(uint64_t v)
{
    Bytes b;
    int shift = 56;
    while (shift >= 0 && ((v >> shift) & 0xff) == 0) shift -= 8;
    for (; shift >= 0; shift -= 8) b.push_back(static_cast<uint8_t>(v >> shift));
    return b;
}

size_t header_length(size_t payload_length) noexcept
{
    if (payload_length < 56) return 1;
    size_t n = 0;
    for (uint64_t l = payload_length; l != 0; l >>= 8) ++n;
    return 1 + n;
}

void encode_header(Bytes& out, bool is_list, size_t payload_length)
{
    const uint8_t short_base = is_list ? 0xc0 : 0x80;
    const uint8_t long_base = is_list ? 0xf7 : 0xb7;
    if (payload_length < 56) {
        out.push_back(static_cast<uint8_t>(short_base + payload_length));
        return;
    }
    const Bytes len = big_endian_compact(payload_length);
    out.push_back(static_cast<uint8_t>(long_base + len.size()));
    out += len;
}

void encode(Bytes& out, BytesView s)
{
    if (s.size() == 1 && s[0] < 0x80) {
        out.push_back(s[0]);
        return;
    }
    encode_header(out, false, s.size());
    out += s;
}

void encode(Bytes& out, uint64_t v)
{
    if (v != 0 && v < 0x80) {
        out.push_back(static_cast<uint8_t>(v));
        return;
    }
    const Bytes b = big_endian_compact(v);
    encode_header(out, false, b.size());
    out += b;
}

void encode_list(Bytes& out, BytesView payload)
{
    encode_header(out, true, payload.size());
    out += payload;
}

Bytes wrap_list(BytesView payload)
{
    Bytes out;
    out.reserve(header_length(payload.size()) + payload.size());
    encode_list(out, payload);
    return out;
}

}  // namespace ultra::rlp
