// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "abi.hpp"

namespace ultra::execute {
namespace {

constexpr size_t kWord = 32;

/// Appends a 32-byte word holding `v` big-endian.
void put_word(Bytes& out, const uint256& v)
{
    uint8_t word[kWord];
    store_be(word, v);
    out.append(word, kWord);
}

/// Appends a 32-byte word.
void put_word(Bytes& out, const Bytes32& v)
{
    out.append(v.data(), kWord);
}

/// Appends an address word: 12 zero bytes then the address.
void put_word(Bytes& out, const Address& a)
{
    out.append(kWord - Address::size(), 0);
    out.append(a.data(), Address::size());
}

/// Word `i` of `data` (precondition: it is there).
Bytes32 word_at(BytesView data, size_t i)
{
    return Bytes32::from_view(data.substr(i * kWord, kWord));
}

/// Whether the first `n` bytes of `w` are zero.
bool high_bytes_zero(const Bytes32& w, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (w[i] != 0) return false;
    return true;
}

/// The low 8 bytes of a word, big-endian.
uint64_t low_u64(const Bytes32& w)
{
    uint64_t v = 0;
    for (size_t i = kWord - 8; i < kWord; ++i) v = (v << 8) | w[i];
    return v;
}

/// A word as an error value: a number when it fits 64 bits, else the word itself.
stateless::ErrorValue word_value(const Bytes32& w)
{
    if (high_bytes_zero(w, kWord - 8)) return low_u64(w);
    return w;
}

/// A uint64 word: its high 24 bytes must be zero.
Result<uint64_t, ExecuteError> uint64_word(BytesView data, size_t i)
{
    const Bytes32 w = word_at(data, i);
    if (!high_bytes_zero(w, kWord - 8)) {
        ExecuteError e = ExecuteError::of(ExecuteErrorCode::kUint64Overflow);
        e.index = i;
        e.got = w;
        return unexpected(std::move(e));
    }
    return low_u64(w);
}

/// `n` rounded up to a multiple of 32 (n is at most kMaxInputSize, so nothing overflows).
size_t padded(size_t n)
{
    return (n + kWord - 1) / kWord * kWord;
}

ExecuteError malformed_output(std::optional<uint64_t> word)
{
    ExecuteError e = ExecuteError::of(ExecuteErrorCode::kMalformedOutput);
    e.index = word;
    return e;
}

}  // namespace

Bytes encode_input(const ExecuteInput& input)
{
    Bytes out;
    out.reserve(kInputHeadSize + padded(input.trace.size()));
    put_word(out, uint256{input.chain_id});
    put_word(out, input.pre_state_root);
    put_word(out, input.post_state_root);
    put_word(out, uint256{input.gas_used});
    put_word(out, uint256{kTraceOffset});
    put_word(out, uint256{input.trace.size()});
    out += input.trace;
    out.append(padded(input.trace.size()) - input.trace.size(), 0);
    return out;
}

Result<ExecuteInput, ExecuteError> decode_input(BytesView input)
{
    if (input.size() < kInputHeadSize)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kInputTooShort,
                                                 uint64_t{input.size()}, uint64_t{kInputHeadSize}));
    if (input.size() > kMaxInputSize)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kInputTooLarge,
                                                 uint64_t{input.size()}, uint64_t{kMaxInputSize}));
    ExecuteInput out;
    ULTRA_TRY(out.chain_id, uint64_word(input, 0));
    out.pre_state_root = word_at(input, 1);
    out.post_state_root = word_at(input, 2);
    ULTRA_TRY(out.gas_used, uint64_word(input, 3));

    const Bytes32 offset = word_at(input, 4);
    if (!high_bytes_zero(offset, kWord - 8) || low_u64(offset) != kTraceOffset)
        return unexpected(
            ExecuteError::mismatch(ExecuteErrorCode::kBadOffset, word_value(offset), kTraceOffset));

    const Bytes32 length_word = word_at(input, 5);
    const size_t available = input.size() - kInputHeadSize;
    if (!high_bytes_zero(length_word, kWord - 8) || low_u64(length_word) > available)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kBadLength,
                                                 word_value(length_word), uint64_t{available}));
    const auto length = static_cast<size_t>(low_u64(length_word));
    const size_t total = kInputHeadSize + padded(length);
    if (input.size() < total)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kInputTooShort,
                                                 uint64_t{input.size()}, uint64_t{total}));
    for (size_t i = kInputHeadSize + length; i < total; ++i) {
        if (input[i] != 0) {
            ExecuteError e = ExecuteError::of(ExecuteErrorCode::kNonZeroPadding);
            e.index = i;
            return unexpected(std::move(e));
        }
    }
    if (input.size() > total)
        return unexpected(ExecuteError::mismatch(ExecuteErrorCode::kTrailingBytes,
                                                 uint64_t{input.size()}, uint64_t{total}));
    out.trace = Bytes{input.substr(kInputHeadSize, length)};
    return out;
}

Bytes encode_output(const ExecuteOutput& o)
{
    if (!o.valid) return Bytes(kOutputSize, 0);
    Bytes out;
    out.reserve(kOutputSize);
    put_word(out, uint256{1});
    put_word(out, o.block_hash);
    put_word(out, o.parent_hash);
    put_word(out, uint256{o.number});
    put_word(out, uint256{o.timestamp});
    put_word(out, uint256{o.gas_limit});
    put_word(out, o.coinbase);
    put_word(out, o.anchor);
    put_word(out, o.receipts_root);
    put_word(out, o.burned_fees);
    return out;
}

Result<ExecuteOutput, ExecuteError> decode_output(BytesView output)
{
    if (output.size() != kOutputSize) {
        ExecuteError e = malformed_output(std::nullopt);
        e.got = uint64_t{output.size()};
        e.expected = uint64_t{kOutputSize};
        return unexpected(std::move(e));
    }
    const Bytes32 valid = word_at(output, 0);
    if (!high_bytes_zero(valid, kWord - 1) || valid[kWord - 1] > 1)
        return unexpected(malformed_output(0));
    ExecuteOutput o;
    o.valid = valid[kWord - 1] == 1;
    if (!o.valid) {
        for (size_t i = 1; i < kOutputSize / kWord; ++i)
            if (!word_at(output, i).is_zero()) return unexpected(malformed_output(i));
        return o;
    }
    o.block_hash = word_at(output, 1);
    o.parent_hash = word_at(output, 2);
    for (const size_t i : {size_t{3}, size_t{4}, size_t{5}})
        if (!high_bytes_zero(word_at(output, i), kWord - 8)) return unexpected(malformed_output(i));
    o.number = low_u64(word_at(output, 3));
    o.timestamp = low_u64(word_at(output, 4));
    o.gas_limit = low_u64(word_at(output, 5));
    const Bytes32 coinbase = word_at(output, 6);
    if (!high_bytes_zero(coinbase, kWord - Address::size())) return unexpected(malformed_output(6));
    o.coinbase = Address::from_view(coinbase.view().substr(kWord - Address::size()));
    o.anchor = word_at(output, 7);
    o.receipts_root = word_at(output, 8);
    o.burned_fees = from_bytes32(word_at(output, 9));
    return o;
}

Bytes encode_fee(const uint256& fee)
{
    Bytes out;
    put_word(out, fee);
    return out;
}

}  // namespace ultra::execute
