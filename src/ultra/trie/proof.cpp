// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "proof.hpp"

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
        auto decoded = decode_node(rlp);
        if (!decoded) return unexpected(ProofError::kMalformedNode);
        const DecodedNode& node = *decoded;
        // An extension always leads to a branch in a canonical trie.
        if (after_extension && node.kind != NodeKind::kBranch)
            return unexpected(ProofError::kMalformedNode);
        BytesView next;
        switch (node.kind) {
            case NodeKind::kLeaf:
                if (key_nibbles - depth == node.path.size() &&
                    key_starts_with(node.path, key, depth))
                    return present(node.value);
                return absent();
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
