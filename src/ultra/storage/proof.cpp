// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "proof.hpp"

#include <ultra/core/keccak.hpp>
#include <ultra/trie/node.hpp>

namespace ultra::storage {
namespace {

// A NodeSource that copies every node it serves into `out`: a read of one key fetches exactly
// the hashed nodes on the key's path, root first, which is the key's proof.
class RecordingSource final : public trie::NodeSource
{
public:
    RecordingSource(const trie::NodeSource& inner, std::vector<Bytes>& out) noexcept
        : inner_{inner}, out_{out}
    {}

    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override
    {
        auto node = inner_.find(hash);
        if (node) out_.emplace_back(*node);
        return node;
    }

private:
    const trie::NodeSource& inner_;
    std::vector<Bytes>& out_;
};

}  // namespace

Result<AccountProof, trie::ProofError> make_proof(const trie::NodeSource& nodes,
                                                  const Hash256& state_root,
                                                  const Address& address,
                                                  std::span<const Bytes32> slots)
{
    AccountProof out;
    out.address = address;
    {
        const RecordingSource recorder{nodes, out.account_proof};
        ULTRA_TRY(const auto leaf, trie::get(recorder, state_root, keccak256(address)));
        if (leaf) {
            auto account = state::decode_account(*leaf);
            if (!account) return unexpected(trie::ProofError::kMalformedNode);
            out.account = *account;
        }
    }
    const Hash256 storage_root = out.account ? out.account->storage_root : trie::kEmptyRoot;
    for (const Bytes32& key : slots) {
        StorageProof& sp = out.storage_proofs.emplace_back();
        sp.key = key;
        const RecordingSource recorder{nodes, sp.proof};
        ULTRA_TRY(const auto leaf, trie::get(recorder, storage_root, keccak256(key)));
        if (leaf) {
            const auto value = state::decode_storage_value(*leaf);
            if (!value) return unexpected(trie::ProofError::kMalformedNode);
            sp.value = *value;
        }
    }
    return out;
}

}  // namespace ultra::storage
