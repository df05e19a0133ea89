// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "node.hpp"

#include <cstring>
#include <ultra/core/assert.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/rlp/encode.hpp>

namespace ultra::trie {
namespace {

constexpr uint8_t kEmptyString = 0x80;
constexpr uint8_t kHashPrefix = 0x80 + 32;  // RLP header of a 32-byte string
constexpr uint8_t kFirstListPrefix = 0xc0;

// Length of the RLP string holding a hex-prefix path of `nibble_count` nibbles. The first byte
// of a hex prefix is at most 0x3f, so a one-byte prefix encodes as itself.
size_t path_item_length(size_t nibble_count) noexcept
{
    const size_t n = hex_prefix_length(nibble_count);
    return n == 1 ? 1 : rlp::header_length(n) + n;
}

void append_path_header(Bytes& out, size_t nibble_count)
{
    const size_t n = hex_prefix_length(nibble_count);
    if (n > 1) rlp::encode_header(out, false, n);
}

// Decodes a child reference from its raw item (header included).
Result<BytesView, NodeError> decode_reference(BytesView item)
{
    if (item[0] >= kFirstListPrefix) {
        if (item.size() >= kHashReferenceThreshold) return unexpected(NodeError::kInvalidReference);
        if (!rlp::validate(item)) return unexpected(NodeError::kInvalidRlp);
        return item;
    }
    auto s = rlp::decode_string(item);
    if (!s) return unexpected(NodeError::kInvalidRlp);
    if (!s->empty() && s->size() != 32) return unexpected(NodeError::kInvalidReference);
    return *s;
}

// Decodes a byte-string item (a path or a value).
Result<BytesView, NodeError> decode_bytes(BytesView item)
{
    auto s = rlp::decode_string(item);
    if (!s) {
        return unexpected(s.error() == rlp::DecodingError::kUnexpectedList
                              ? NodeError::kUnexpectedList
                              : NodeError::kInvalidRlp);
    }
    return *s;
}

}  // namespace

NodeReference NodeReference::from_rlp(BytesView rlp) noexcept
{
    ULTRA_ASSERT(!rlp.empty());
    if (rlp.size() >= kHashReferenceThreshold) return from_hash(keccak256(rlp));
    NodeReference r;
    r.size_ = static_cast<uint8_t>(rlp.size());
    std::memcpy(r.bytes_.data(), rlp.data(), rlp.size());
    return r;
}

NodeReference NodeReference::from_hash(const Hash256& hash) noexcept
{
    NodeReference r;
    r.size_ = 32;
    r.bytes_ = hash.bytes;
    return r;
}

NodeReference NodeReference::from_view(BytesView v) noexcept
{
    ULTRA_ASSERT(v.size() <= 32);
    NodeReference r;
    r.size_ = static_cast<uint8_t>(v.size());
    if (!v.empty()) std::memcpy(r.bytes_.data(), v.data(), v.size());
    return r;
}

Hash256 NodeReference::hash() const noexcept
{
    ULTRA_ASSERT(is_hash());
    Hash256 h;
    h.bytes = bytes_;
    return h;
}

void NodeReference::append_to(Bytes& out) const
{
    if (is_hash()) {
        out.push_back(kHashPrefix);
        out.append(bytes_.data(), 32);
    } else if (empty()) {
        out.push_back(kEmptyString);
    } else {
        out.append(bytes_.data(), size_);
    }
}

Hash256 NodeReference::root_hash() const noexcept
{
    if (is_hash()) return hash();
    if (empty()) return kEmptyRoot;
    return keccak256(view());
}

size_t rlp_string_length(BytesView s) noexcept
{
    if (s.size() == 1 && s[0] < 0x80) return 1;
    return rlp::header_length(s.size()) + s.size();
}

void encode_leaf(Bytes& out, NibblesView path, BytesView value)
{
    ULTRA_ASSERT(!value.empty());
    rlp::encode_header(out, true, path_item_length(path.size()) + rlp_string_length(value));
    append_path_header(out, path.size());
    hex_prefix_encode(out, path, true);
    rlp::encode(out, value);
}

void encode_leaf_packed(Bytes& out, BytesView key, size_t begin, BytesView value)
{
    ULTRA_ASSERT(!value.empty());
    const size_t nibbles = 2 * key.size() - begin;
    rlp::encode_header(out, true, path_item_length(nibbles) + rlp_string_length(value));
    append_path_header(out, nibbles);
    hex_prefix_encode_packed(out, key, begin, true);
    rlp::encode(out, value);
}

void encode_extension(Bytes& out, NibblesView path, const NodeReference& child)
{
    ULTRA_ASSERT(!path.empty() && !child.empty());
    rlp::encode_header(out, true, path_item_length(path.size()) + child.encoded_length());
    append_path_header(out, path.size());
    hex_prefix_encode(out, path, false);
    child.append_to(out);
}

void encode_branch(Bytes& out, std::span<const NodeReference, 16> children, BytesView value)
{
    size_t payload = rlp_string_length(value);
    for (const auto& c : children) payload += c.encoded_length();
    rlp::encode_header(out, true, payload);
    for (const auto& c : children) c.append_to(out);
    rlp::encode(out, value);
}

Result<NodeView, NodeError> decode_node_view(BytesView rlp)
{
    BytesView in = rlp;
    auto list = rlp::decode_list(in);
    if (!list) {
        return unexpected(list.error() == rlp::DecodingError::kUnexpectedString
                              ? NodeError::kNotAList
                              : NodeError::kInvalidRlp);
    }
    if (!in.empty()) return unexpected(NodeError::kInvalidRlp);

    // Split the payload into raw items (at most 17). The items of a branch are mostly hashes
    // (0xa0 and 32 bytes) and empty slots (0x80): those need no general header decoding.
    std::array<BytesView, 17> items;
    size_t count = 0;
    BytesView payload = *list;
    while (!payload.empty()) {
        if (count == items.size()) return unexpected(NodeError::kInvalidItemCount);
        const uint8_t prefix = payload[0];
        if (prefix == kEmptyString) {
            items[count++] = payload.substr(0, 1);
            payload.remove_prefix(1);
        } else if (prefix == kHashPrefix && payload.size() >= 33) {
            items[count++] = payload.substr(0, 33);
            payload.remove_prefix(33);
        } else {
            auto item = rlp::decode_raw(payload);
            if (!item) return unexpected(NodeError::kInvalidRlp);
            items[count++] = *item;
        }
    }

    NodeView node;
    if (count == 2) {
        ULTRA_TRY(const BytesView encoded_path, decode_bytes(items[0]));
        ULTRA_TRY(const HexPrefixView hp, hex_prefix_decode_view(encoded_path));
        node.path = hp.path;
        if (hp.is_leaf) {
            node.kind = NodeKind::kLeaf;
            ULTRA_TRY(node.value, decode_bytes(items[1]));
            if (node.value.empty()) return unexpected(NodeError::kEmptyLeafValue);
        } else {
            node.kind = NodeKind::kExtension;
            if (node.path.empty()) return unexpected(NodeError::kEmptyExtension);
            ULTRA_TRY(node.child, decode_reference(items[1]));
            if (node.child.empty()) return unexpected(NodeError::kInvalidReference);
        }
        return node;
    }
    if (count == 17) {
        node.kind = NodeKind::kBranch;
        for (size_t i = 0; i < 16; ++i) {
            const BytesView item = items[i];
            if (item.size() == 1 && item[0] == kEmptyString) continue;  // no child
            if (item.size() == 33 && item[0] == kHashPrefix) {
                node.children[i] = item.substr(1);
                continue;
            }
            ULTRA_TRY(node.children[i], decode_reference(item));
        }
        ULTRA_TRY(node.value, decode_bytes(items[16]));
        return node;
    }
    return unexpected(NodeError::kInvalidItemCount);
}

Result<DecodedNode, NodeError> decode_node(BytesView rlp)
{
    ULTRA_TRY(const NodeView view, decode_node_view(rlp));
    DecodedNode node;
    node.kind = view.kind;
    node.path = view.path.unpack();
    node.value = view.value;
    node.child = view.child;
    node.children = view.children;
    return node;
}

}  // namespace ultra::trie
