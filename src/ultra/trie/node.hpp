// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>

#include "errors.hpp"
#include "nibbles.hpp"

/// The node codec of the Merkle-Patricia trie (Yellow Paper, Appendix D; execution-specs
/// trie.py encode_internal_node): leaves [hp(path, leaf), value], extensions
/// [hp(path, extension), child], branches [child_0 .. child_15, value]. A child is referenced by
/// its RLP itself when that is shorter than 32 bytes ("embedded"/"inline"), otherwise by the
/// keccak256 of its RLP. Everything here is reusable by a partial (witness-revealed) trie and by
/// node storage, which see nodes only as RLP keyed by hash.
namespace ultra::trie {

/// keccak256(RLP("")) = keccak256(0x80): the root of the empty trie (execution-specs
/// EMPTY_TRIE_ROOT).
inline constexpr Hash256 kEmptyRoot{{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6,
                                     0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
                                     0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0,
                                     0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

/// A node's RLP is embedded in its parent when shorter than this, else referenced by hash.
inline constexpr size_t kHashReferenceThreshold = 32;

/// How a parent refers to a node: the node's RLP when shorter than 32 bytes, else keccak256 of
/// it; or nothing (an empty branch slot). 33 bytes, no allocation, so tries can cache one per
/// node. The two non-empty forms are told apart by size: a hash is exactly 32 bytes, an embedded
/// node is 1..31.
class NodeReference
{
public:
    /// The empty reference (no child).
    constexpr NodeReference() noexcept = default;

    /// The reference to the node whose RLP is `rlp` (hashes it when rlp.size() >= 32).
    /// Precondition: rlp is non-empty.
    [[nodiscard]] static NodeReference from_rlp(BytesView rlp) noexcept;

    /// A reference by hash.
    [[nodiscard]] static NodeReference from_hash(const Hash256& hash) noexcept;

    /// A reference from its raw form as DecodedNode gives it: empty (none), a 32-byte hash, or
    /// an embedded node's RLP of 1..31 bytes. Precondition: v.size() <= 32.
    [[nodiscard]] static NodeReference from_view(BytesView v) noexcept;

    /// True for "no child".
    [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
    /// True when this is a keccak256 hash (else an embedded node's RLP, or empty).
    [[nodiscard]] constexpr bool is_hash() const noexcept { return size_ == 32; }
    /// The raw bytes: the hash, or the embedded node's RLP; empty for no child.
    [[nodiscard]] BytesView view() const noexcept { return {bytes_.data(), size_}; }
    /// The hash. Precondition: is_hash().
    [[nodiscard]] Hash256 hash() const noexcept;
    /// Makes this the empty reference.
    constexpr void clear() noexcept { size_ = 0; }

    /// Size of this reference as an item of the parent's RLP list (see append_to()).
    [[nodiscard]] size_t encoded_length() const noexcept
    {
        return is_hash() ? 33 : (empty() ? 1 : size_);
    }

    /// Appends this reference as an item of the parent's RLP list: a hash as a 32-byte string,
    /// an embedded node as its own RLP, no child as the empty string 0x80.
    void append_to(Bytes& out) const;

    /// The root hash when this references a trie's root node: the hash itself, or keccak256 of
    /// the embedded RLP (a root is always hashed, however short); kEmptyRoot when empty.
    [[nodiscard]] Hash256 root_hash() const noexcept;

    /// Same kind and same bytes.
    friend bool operator==(const NodeReference& a, const NodeReference& b) noexcept
    {
        return a.view() == b.view();
    }

private:
    uint8_t size_ = 0;
    std::array<uint8_t, 32> bytes_{};
};

/// The three kinds of trie node. (The empty trie is the RLP empty string, not a node.)
enum class NodeKind : uint8_t
{
    kLeaf,
    kExtension,
    kBranch,
};

/// A node decoded by decode_node(). Its views point into the RLP that was decoded, which must
/// outlive it. A child reference is a BytesView that is empty (no child), 32 bytes (a keccak256
/// hash) or 1..31 bytes (the RLP of an embedded node, to be decoded in turn).
struct DecodedNode
{
    NodeKind kind = NodeKind::kBranch;
    Nibbles path;                          ///< leaf and extension: the (partial) path
    BytesView value;                       ///< leaf value (non-empty); branch value (may be empty)
    BytesView child;                       ///< extension: reference to the child (never empty)
    std::array<BytesView, 16> children{};  ///< branch: references to the 16 children
};

/// Decodes one trie node from its RLP. Strict: `rlp` must be exactly one canonical RLP list of
/// 2 or 17 items; paths use valid hex prefix; an extension has a non-empty path and a child; a
/// leaf's value is non-empty; each child is empty, a 32-byte string or an embedded list shorter
/// than 32 bytes (itself canonical RLP). Not checked here (a single node cannot tell): that a
/// branch has at least two entries and that an extension leads to a branch. Never crashes on
/// malformed input.
[[nodiscard]] Result<DecodedNode, NodeError> decode_node(BytesView rlp);

/// decode_node()'s result with the path left in place (no unpacking, no allocation): what the
/// tries' walks use. All views point into the decoded RLP, which must outlive it.
struct NodeView
{
    NodeKind kind = NodeKind::kBranch;
    PackedPath path;                       ///< leaf and extension: the (partial) path
    BytesView value;                       ///< leaf value (non-empty); branch value (may be empty)
    BytesView child;                       ///< extension: reference to the child (never empty)
    std::array<BytesView, 16> children{};  ///< branch: references to the 16 children
};

/// decode_node() without unpacking the path: same checks, same errors.
[[nodiscard]] Result<NodeView, NodeError> decode_node_view(BytesView rlp);

/// Appends the RLP of a leaf with the given remaining path and value. Precondition: value is
/// non-empty (an empty value is an absent key).
void encode_leaf(Bytes& out, NibblesView path, BytesView value);

/// Appends the RLP of a leaf whose path is the nibbles [begin, 2 * key.size()) of the packed
/// `key` (no unpacking). Precondition: as encode_leaf() and begin <= 2 * key.size().
void encode_leaf_packed(Bytes& out, BytesView key, size_t begin, BytesView value);

/// Appends the RLP of an extension. Preconditions: path is non-empty, child is not empty.
void encode_extension(Bytes& out, NibblesView path, const NodeReference& child);

/// Appends the RLP of a branch; empty references are empty slots, `value` may be empty.
void encode_branch(Bytes& out, std::span<const NodeReference, 16> children, BytesView value);

/// Length of the RLP encoding of the byte string `s` (1 for a single byte below 0x80).
[[nodiscard]] size_t rlp_string_length(BytesView s) noexcept;

}  // namespace ultra::trie
