// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>

namespace ultra::rlp {

/// Why an RLP input was rejected. Decoding is strict (canonical encodings only), as consensus
/// requires: Yellow Paper Appendix B plus the canonical-form rules the clients enforce.
enum class DecodingError : uint8_t
{
    kInputTooShort,       ///< the input ends before the item does
    kInputTooLong,        ///< bytes remain after the top-level item (Leftover::kProhibit)
    kLeadingZero,         ///< a length or an integer has a leading zero byte
    kNonCanonicalSize,    ///< a short form could have been used (e.g. 0xb8 0x05, or 0x81 0x05)
    kOverflow,            ///< a length or an integer does not fit its type
    kUnexpectedList,      ///< a string was expected
    kUnexpectedString,    ///< a list was expected
    kListLengthMismatch,  ///< a list's items do not exactly fill its payload
    kUnexpectedLength,    ///< a fixed-size string (hash, address) has the wrong length
    kInvalidValue,        ///< a structurally valid item with a value the type forbids
};

/// A short English reason for `e` ("leading zero", ...), for error messages.
[[nodiscard]] std::string_view to_string(DecodingError e) noexcept;

template <typename T>
using DecodingResult = Result<T, DecodingError>;

/// Whether bytes may remain after the item decoded from a top-level input.
enum class Leftover : uint8_t
{
    kProhibit,
    kAllow
};

/// Every decode_* function consumes the item it decodes from the front of `from` on success and
/// leaves `from` unchanged on error.

/// An item's header: string or list, and the length of its payload.
struct Header
{
    bool is_list = false;
    size_t payload_length = 0;
};

/// Decodes an item header from the front of `from` and consumes it (not the payload). Checks
/// canonical form and that the payload fits in what remains of `from`.
/// A single byte < 0x80 is a string of length 1 whose header is empty (nothing is consumed).
[[nodiscard]] DecodingResult<Header> decode_header(BytesView& from) noexcept;

/// Decodes a byte string from the front of `from`, consuming it; a list is kUnexpectedList.
[[nodiscard]] DecodingResult<BytesView> decode_string(BytesView& from) noexcept;

/// Decodes a list header and returns its payload view, consuming header and payload.
[[nodiscard]] DecodingResult<BytesView> decode_list(BytesView& from) noexcept;

/// Decodes an unsigned integer (canonical: no leading zero bytes, 0 is the empty string).
[[nodiscard]] DecodingResult<uint64_t> decode_uint64(BytesView& from) noexcept;

/// Decodes an unsigned integer of at most `max_bytes` bytes and returns its big-endian bytes
/// without leading zeros (the uint256 layer turns them into a number). kOverflow if longer.
[[nodiscard]] DecodingResult<BytesView> decode_uint_bytes(BytesView& from,
                                                          size_t max_bytes) noexcept;

/// Decodes a string of exactly N bytes (a hash or an address).
template <size_t N>
[[nodiscard]] DecodingResult<FixedBytes<N>> decode_fixed(BytesView& from) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(const BytesView s, decode_string(rest));
    if (s.size() != N) return unexpected(DecodingError::kUnexpectedLength);
    from = rest;
    return FixedBytes<N>::from_view(s);
}

/// Decodes one item of either kind and returns its whole encoding (header + payload), consuming
/// it. Only the header is checked; the payload is not looked into (see validate()).
[[nodiscard]] DecodingResult<BytesView> decode_raw(BytesView& from) noexcept;

/// What a top-level decoder calls on the bytes left after its item: kInputTooLong if any remain
/// and `leftover` is Leftover::kProhibit.
[[nodiscard]] Result<void, DecodingError> expect_end(
    BytesView rest,
    Leftover leftover = Leftover::kProhibit) noexcept;

/// Checks that `data` is exactly one well-formed RLP item (recursively: every nested item is
/// canonical and every list is exactly filled), with no trailing bytes.
[[nodiscard]] Result<void, DecodingError> validate(BytesView data) noexcept;

/// Number of bytes the whole item (header + payload) at the front of `from` occupies;
/// `from` is not consumed.
[[nodiscard]] DecodingResult<size_t> item_length(BytesView from) noexcept;

}  // namespace ultra::rlp
