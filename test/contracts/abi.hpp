// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// A small Solidity ABI encoder for the contract tests, written from the ABI specification
// (docs.soliditylang.org/en/latest/abi-spec.html): static words, `bytes`, dynamic arrays `T[]`
// and tuples (structs), head/tail layout with offsets relative to the enclosing tuple; and the
// few readers the tests need (words of return data, event topics, custom-error selectors).
#pragma once

#include <cstring>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/uint256.hpp>
#include <utility>
#include <vector>

namespace ultra::test::abi {

/// One ABI value: a 32-byte word (uintN, bool, address, bytes32, enums), a `bytes`, a dynamic
/// array `T[]` of values, or a tuple.
struct Value
{
    enum class Kind : uint8_t
    {
        kWord,
        kBytes,
        kArray,
        kTuple,
    };
    Kind kind = Kind::kWord;
    Bytes32 word;
    Bytes bytes;
    std::vector<Value> items;

    /// Whether the encoding is dynamic (takes an offset in the enclosing head).
    [[nodiscard]] bool is_dynamic() const
    {
        if (kind == Kind::kBytes || kind == Kind::kArray) return true;
        if (kind == Kind::kTuple)
            for (const Value& v : items)
                if (v.is_dynamic()) return true;
        return false;
    }
};

/// A uint word.
inline Value word(const uint256& v)
{
    return Value{Value::Kind::kWord, to_bytes32(v), {}, {}};
}
/// A bytes32 word.
inline Value word(const Bytes32& v)
{
    return Value{Value::Kind::kWord, v, {}, {}};
}
/// An address word (right-aligned).
inline Value word(const Address& a)
{
    Bytes32 w;
    std::memcpy(w.data() + 12, a.data(), 20);
    return Value{Value::Kind::kWord, w, {}, {}};
}
/// A bool word.
inline Value boolean(bool b)
{
    return word(uint256{b ? 1u : 0u});
}
/// A `bytes` value.
inline Value bytes(BytesView b)
{
    return Value{Value::Kind::kBytes, {}, Bytes{b}, {}};
}
/// A dynamic array `T[]`.
inline Value array(std::vector<Value> items)
{
    return Value{Value::Kind::kArray, {}, {}, std::move(items)};
}
/// A tuple (a struct).
inline Value tuple(std::vector<Value> items)
{
    return Value{Value::Kind::kTuple, {}, {}, std::move(items)};
}

inline Bytes encode_tuple(const std::vector<Value>& items);

/// The encoding of one value (for a tuple member: what goes in its head if static, in the tail
/// if dynamic).
inline Bytes encode_value(const Value& v)
{
    switch (v.kind) {
        case Value::Kind::kWord: return Bytes{v.word.view()};
        case Value::Kind::kBytes: {
            Bytes out{to_bytes32(uint256{v.bytes.size()}).view()};
            out += v.bytes;
            out.append((32 - v.bytes.size() % 32) % 32, 0);
            return out;
        }
        case Value::Kind::kArray: {
            Bytes out{to_bytes32(uint256{v.items.size()}).view()};
            out += encode_tuple(v.items);
            return out;
        }
        case Value::Kind::kTuple: return encode_tuple(v.items);
    }
    return {};
}

/// The head/tail encoding of a sequence of values: each static value inline, each dynamic one
/// as an offset (from the start of this sequence) to its encoding in the tail.
inline Bytes encode_tuple(const std::vector<Value>& items)
{
    size_t head_size = 0;
    for (const Value& v : items) head_size += v.is_dynamic() ? 32 : encode_value(v).size();
    Bytes head;
    Bytes tail;
    for (const Value& v : items) {
        if (v.is_dynamic()) {
            head += to_bytes32(uint256{head_size + tail.size()}).view();
            tail += encode_value(v);
        } else {
            head += encode_value(v);
        }
    }
    return head + tail;
}

/// The first four bytes of keccak256(signature): a function or error selector.
inline Bytes selector(std::string_view signature)
{
    const Hash256 h = keccak256(to_bytes_view(signature));
    return Bytes{h.data(), 4};
}

/// keccak256(signature): an event's topic 0.
inline Hash256 event_topic(std::string_view signature)
{
    return keccak256(to_bytes_view(signature));
}

/// Calldata: the selector of `signature` and the encoded arguments.
inline Bytes call(std::string_view signature, const std::vector<Value>& args = {})
{
    return selector(signature) + encode_tuple(args);
}

/// Word `i` of ABI data (zero when out of range, which a test then notices).
inline Bytes32 word_at(BytesView data, size_t i)
{
    Bytes32 w;
    if (data.size() >= 32 * (i + 1)) std::memcpy(w.data(), data.data() + 32 * i, 32);
    return w;
}

/// Word `i` of ABI data as a number.
inline uint256 uint_at(BytesView data, size_t i)
{
    return from_bytes32(word_at(data, i));
}

/// Word `i` of ABI data as an address (its low 20 bytes).
inline Address address_at(BytesView data, size_t i)
{
    const Bytes32 w = word_at(data, i);
    return Address::from_view(BytesView{w.data() + 12, 20});
}

/// The revert data of a custom error: its selector and its encoded arguments.
inline Bytes error(std::string_view signature, const std::vector<Value>& args = {})
{
    return call(signature, args);
}

}  // namespace ultra::test::abi
