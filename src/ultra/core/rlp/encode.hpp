// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <ultra/core/bytes.hpp>

namespace ultra::rlp {

/// RLP encoding (Yellow Paper, Appendix B). Every function appends to `out`.
/// Lists are written by encoding the payload first and then calling encode_list_header()
/// on a second buffer, or with wrap_list() which does both.

/// Appends the header of a string (is_list = false) or list of `payload_length` bytes.
void encode_header(Bytes& out, bool is_list, size_t payload_length);

/// Length of the header encode_header() would write.
[[nodiscard]] size_t header_length(size_t payload_length) noexcept;

/// Appends a byte string (a single byte < 0x80 encodes as itself).
void encode(Bytes& out, BytesView s);

/// Appends an unsigned integer as a minimal big-endian byte string (0 encodes as 0x80).
void encode(Bytes& out, uint64_t v);

/// Appends a fixed-size byte string (a hash or an address) as a byte string.
template <size_t N>
void encode(Bytes& out, const FixedBytes<N>& b)
{
    encode(out, b.view());
}

/// Appends a list whose items are already encoded back to back in `payload`.
void encode_list(Bytes& out, BytesView payload);

/// Returns the list made of `payload` (already encoded items).
[[nodiscard]] Bytes wrap_list(BytesView payload);

/// Minimal big-endian bytes of v (empty for 0): the RLP scalar form.
[[nodiscard]] Bytes big_endian_compact(uint64_t v);

}  // namespace ultra::rlp
