// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "proof.hpp"

#include <cstring>
#include <ultra/core/keccak.hpp>

#include "key_path.hpp"
#include "nibbles.hpp"
#include "node.hpp"

namespace ultra::trie {
namespace {
using detail::absent;
using detail::key_starts_with;
using detail::present;

// Follows `key` from `root`, fetching every node referenced by hash with `fetch` (a callable
// Hash256 -> Result<BytesView, ProofError> that has checked the hash). Embedded nodes are views
// into the node that holds them, which stays valid because nothing is fetched meanwhile.
template <typename Fetch>
ProofResult walk(const Hash256& root, BytesView key, Fetch&& fetch)
{
    if (root == kEmptyRoot) return absent();
    ULTRA_TRY(BytesView rlp, fetch(root));
    const size_t key_nibbles = 2 * key.size();
    size_t depth = 0;
    bool after_extension = false;
    while (true) {
        auto decoded = decode_node_view(rlp);
        if (!decoded) return unexpected(ProofError::kMalformedNode);
        const NodeView& node = *decoded;
        // An extension always leads to a branch in a canonical trie.
        if (after_extension && node.kind != NodeKind::kBranch)
            return unexpected(ProofError::kMalformedNode);
        BytesView next;
        switch (node.kind) {
            case NodeKind::kLeaf:
                return detail::is_rest(node.path, key, depth) ? present(node.value) : absent();
            case NodeKind::kExtension:
                if (!key_starts_with(node.path, key, depth)) return absent();
                depth += node.path.size();
                next = node.child;
                after_extension = true;
                break;
            case NodeKind::kBranch:
                if (key_nibbles == depth)
                    return node.value.empty() ? absent() : present(node.value);
                next = node.children[nibble_at(key, depth)];
                if (next.empty()) return absent();
                ++depth;
                after_extension = false;
                break;
        }
        if (next.size() == 32) {
            ULTRA_TRY(rlp, fetch(Hash256::from_view(next)));
            // A node shorter than 32 bytes must be embedded, never referenced by hash.
            if (rlp.size() < kHashReferenceThreshold) return unexpected(ProofError::kMalformedNode);
        } else {
            rlp = next;
        }
    }
}

}  // namespace

void NodeSet::insert(BytesView rlp)
{
    nodes_.try_emplace(keccak256(rlp), rlp);
}

std::optional<BytesView> NodeSet::find(const Hash256& hash) const
{
    const auto it = nodes_.find(hash);
    if (it == nodes_.end()) return std::nullopt;
    return BytesView{it->second};
}

namespace {
// Filter bits per node: a lookup of an absent hash passes the filter with probability ~1/32.
constexpr size_t kFilterBitsPerNode = 32;
}  // namespace

void NodeViewSet::reserve(size_t n)
{
    index_.reserve(n);
    keys_.reserve(n);
    if (64 * filter_.size() < kFilterBitsPerNode * n) rebuild_filter(kFilterBitsPerNode * n);
}

// Bits 64..127 of the hash (the index uses bits 0..63): independent of the slot.
size_t NodeViewSet::filter_bit(const Hash256& hash) const noexcept
{
    uint64_t h = 0;
    std::memcpy(&h, hash.data() + 8, sizeof h);
    return static_cast<size_t>(h) & (64 * filter_.size() - 1);
}

// A filter of at least `bits` bits (a power of two) holding every key.
void NodeViewSet::rebuild_filter(size_t bits)
{
    size_t words = 1;
    while (64 * words < bits) words *= 2;
    filter_.assign(words, 0);
    for (const Hash256& key : keys_) {
        const size_t bit = filter_bit(key);
        filter_[bit / 64] |= uint64_t{1} << (bit % 64);
    }
}

void NodeViewSet::insert(BytesView rlp)
{
    const Hash256 hash = keccak256(rlp);
    if (!index_.try_emplace(hash, rlp).second) return;
    keys_.push_back(hash);
    if (64 * filter_.size() < kFilterBitsPerNode * keys_.size()) {
        rebuild_filter(2 * kFilterBitsPerNode * keys_.size());
        return;
    }
    const size_t bit = filter_bit(hash);
    filter_[bit / 64] |= uint64_t{1} << (bit % 64);
}

std::optional<BytesView> NodeViewSet::find(const Hash256& hash) const
{
    if (filter_.empty()) return std::nullopt;
    const size_t bit = filter_bit(hash);
    if ((filter_[bit / 64] >> (bit % 64) & 1) == 0) return std::nullopt;
    const BytesView* rlp = index_.find(hash);
    if (rlp == nullptr) return std::nullopt;
    return *rlp;
}

ProofResult get(const NodeSource& nodes, const Hash256& root, BytesView key)
{
    auto fetch = [&nodes](const Hash256& hash) -> Result<BytesView, ProofError> {
        const auto rlp = nodes.find(hash);
        if (!rlp) return unexpected(ProofError::kMissingNode);
        if (keccak256(*rlp) != hash) return unexpected(ProofError::kHashMismatch);
        return *rlp;
    };
    return walk(root, key, fetch);
}

ProofResult verify_proof(const Hash256& root, BytesView key, std::span<const Bytes> proof)
{
    size_t used = 0;
    auto fetch = [&](const Hash256& hash) -> Result<BytesView, ProofError> {
        if (used == proof.size()) return unexpected(ProofError::kMissingNode);
        const BytesView rlp{proof[used]};
        if (keccak256(rlp) != hash) return unexpected(ProofError::kHashMismatch);
        ++used;
        return rlp;
    };
    ULTRA_TRY(std::optional<Bytes> result, walk(root, key, fetch));
    if (used != proof.size()) return unexpected(ProofError::kExtraNodes);
    return result;
}

}  // namespace ultra::trie
