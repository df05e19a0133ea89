// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "decode.hpp"

#include <limits>
#include <vector>

namespace ultra::rlp {
namespace {

// Prefix bytes (Yellow Paper Appendix B): a single byte below kShortString is its own encoding;
// [kShortString, kLongString) is a string of up to 55 bytes; [kLongString, kShortList) a string
// whose length follows in 1..8 big-endian bytes; lists mirror this from kShortList.
constexpr uint8_t kShortString = 0x80;
constexpr uint8_t kLongString = 0xb8;
constexpr uint8_t kShortList = 0xc0;
constexpr uint8_t kLongList = 0xf8;
// Payloads shorter than this must use the short form.
constexpr size_t kMinLongPayload = 56;

// Reads the `n`-byte (1..8) big-endian payload length of a long-form header from the front of
// `from` and consumes it. The length must be canonical: no leading zero byte and at least 56.
DecodingResult<size_t> read_long_length(BytesView& from, size_t n) noexcept
{
    if (from.size() < n) return unexpected(DecodingError::kInputTooShort);
    if (from[0] == 0) return unexpected(DecodingError::kLeadingZero);
    uint64_t length = 0;
    for (size_t i = 0; i < n; ++i) length = (length << 8) | from[i];  // n <= 8: no overflow
    if constexpr (sizeof(size_t) < sizeof(uint64_t)) {
        if (length > std::numeric_limits<size_t>::max())
            return unexpected(DecodingError::kOverflow);
    }
    if (length < kMinLongPayload) return unexpected(DecodingError::kNonCanonicalSize);
    from.remove_prefix(n);
    return static_cast<size_t>(length);
}

// Decodes a byte string that is an unsigned integer of at most `max_bytes` bytes.
DecodingResult<BytesView> decode_uint(BytesView& from, size_t max_bytes) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(const BytesView s, decode_string(rest));
    // 0 is the empty string, so a leading zero byte (including the lone byte 0x00) is never
    // canonical; checked before the size so that a long zero-padded value names the real fault.
    if (!s.empty() && s[0] == 0) return unexpected(DecodingError::kLeadingZero);
    if (s.size() > max_bytes) return unexpected(DecodingError::kOverflow);
    from = rest;
    return s;
}

// The ends (offsets into the validated input) of the lists validate() is inside, innermost
// last. Nesting is usually shallow, so the first kInline levels live on the stack; deeper
// (adversarial) nesting spills to the heap instead of recursing.
class EndStack
{
public:
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] size_t top() const noexcept
    {
        return size_ <= kInline ? inline_[size_ - 1] : spill_.back();
    }
    void push(size_t end)
    {
        if (size_ < kInline)
            inline_[size_] = end;
        else
            spill_.push_back(end);
        ++size_;
    }
    void pop() noexcept
    {
        if (size_ > kInline) spill_.pop_back();
        --size_;
    }

private:
    static constexpr size_t kInline = 32;
    size_t inline_[kInline]{};
    std::vector<size_t> spill_;
    size_t size_ = 0;
};

}  // namespace

std::string_view to_string(DecodingError e) noexcept
{
    switch (e) {
        case DecodingError::kInputTooShort: return "input too short";
        case DecodingError::kInputTooLong: return "trailing bytes after the item";
        case DecodingError::kLeadingZero: return "leading zero";
        case DecodingError::kNonCanonicalSize: return "non-canonical size";
        case DecodingError::kOverflow: return "value too large";
        case DecodingError::kUnexpectedList: return "unexpected list";
        case DecodingError::kUnexpectedString: return "unexpected string";
        case DecodingError::kListLengthMismatch: return "list length mismatch";
        case DecodingError::kUnexpectedLength: return "unexpected length";
        case DecodingError::kInvalidValue: return "invalid value";
    }
    return "unknown decoding error";
}

DecodingResult<Header> decode_header(BytesView& from) noexcept
{
    if (from.empty()) return unexpected(DecodingError::kInputTooShort);
    BytesView rest = from;  // `from` is only updated on success
    const uint8_t prefix = rest[0];
    rest.remove_prefix(1);
    Header h;
    if (prefix < kShortString) {
        // The byte is its own payload: nothing to consume.
        h.payload_length = 1;
        return h;
    }
    if (prefix < kLongString) {
        h.payload_length = prefix - kShortString;
        // A single byte below 0x80 must be encoded as itself, not as 0x81 xx.
        if (h.payload_length == 1 && !rest.empty() && rest[0] < kShortString)
            return unexpected(DecodingError::kNonCanonicalSize);
    } else if (prefix < kShortList) {
        ULTRA_TRY(h.payload_length, read_long_length(rest, size_t{prefix} - (kLongString - 1)));
    } else if (prefix < kLongList) {
        h.is_list = true;
        h.payload_length = prefix - kShortList;
    } else {
        h.is_list = true;
        ULTRA_TRY(h.payload_length, read_long_length(rest, size_t{prefix} - (kLongList - 1)));
    }
    if (h.payload_length > rest.size()) return unexpected(DecodingError::kInputTooShort);
    from = rest;
    return h;
}

DecodingResult<BytesView> decode_string(BytesView& from) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(const Header h, decode_header(rest));
    if (h.is_list) return unexpected(DecodingError::kUnexpectedList);
    const BytesView payload = rest.substr(0, h.payload_length);
    from = rest.substr(h.payload_length);
    return payload;
}

DecodingResult<BytesView> decode_list(BytesView& from) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(const Header h, decode_header(rest));
    if (!h.is_list) return unexpected(DecodingError::kUnexpectedString);
    const BytesView payload = rest.substr(0, h.payload_length);
    from = rest.substr(h.payload_length);
    return payload;
}

DecodingResult<uint64_t> decode_uint64(BytesView& from) noexcept
{
    ULTRA_TRY(const BytesView s, decode_uint(from, sizeof(uint64_t)));
    uint64_t v = 0;
    for (const uint8_t b : s) v = (v << 8) | b;
    return v;
}

DecodingResult<BytesView> decode_uint_bytes(BytesView& from, size_t max_bytes) noexcept
{
    return decode_uint(from, max_bytes);
}

DecodingResult<BytesView> decode_raw(BytesView& from) noexcept
{
    ULTRA_TRY(const size_t n, item_length(from));
    const BytesView item = from.substr(0, n);
    from.remove_prefix(n);
    return item;
}

Result<void, DecodingError> expect_end(BytesView rest, Leftover leftover) noexcept
{
    if (leftover == Leftover::kProhibit && !rest.empty())
        return unexpected(DecodingError::kInputTooLong);
    return {};
}

Result<void, DecodingError> validate(BytesView data) noexcept
{
    // A single pass over the headers, without recursion (nesting depth is attacker-chosen).
    // `pos` is the offset of the next header; every item must end within its innermost list,
    // and a list is closed exactly when `pos` reaches its end.
    EndStack ends;
    size_t pos = 0;
    do {
        BytesView rest = data.substr(pos);
        ULTRA_TRY(const Header h, decode_header(rest));
        const size_t start = data.size() - rest.size();  // first payload byte
        const size_t end = start + h.payload_length;     // <= data.size(): decode_header checked
        if (!ends.empty() && end > ends.top())
            return unexpected(DecodingError::kListLengthMismatch);
        if (h.is_list && h.payload_length != 0) {
            ends.push(end);
            pos = start;
        } else {
            pos = end;
            while (!ends.empty() && pos == ends.top()) ends.pop();
        }
    } while (!ends.empty());
    if (pos != data.size()) return unexpected(DecodingError::kInputTooLong);
    return {};
}

DecodingResult<size_t> item_length(BytesView from) noexcept
{
    BytesView rest = from;
    ULTRA_TRY(const Header h, decode_header(rest));
    // The header fits in `from` and the payload in `rest`, so this neither overflows nor
    // exceeds from.size().
    return (from.size() - rest.size()) + h.payload_length;
}

}  // namespace ultra::rlp
