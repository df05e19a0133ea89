// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "witness_state_view.hpp"

#include <ultra/core/keccak.hpp>
#include <ultra/trie/node.hpp>

namespace ultra::stateless {

WitnessStateView::WitnessStateView(const ExecutionWitness& witness, const Hash256& pre_state_root)
    : state_root_{pre_state_root}, nodes_{std::make_unique<trie::NodeSet>()}
{
    for (const Bytes& node : witness.state) nodes_->insert(node);
    for (const Bytes& code : witness.codes) codes_.try_emplace(keccak256(code), code);

    // The node set keys every node by its own hash: nothing to re-hash.
    constexpr auto kTrusted = trie::HashCheck::kTrusted;
    accounts_ = trie::PartialTrie{*nodes_, state_root_, kTrusted};
    accounts_.reveal_all();
    for (const BytesView leaf : accounts_.revealed_values()) {
        const auto account = state::decode_account(leaf);
        if (!account) continue;  // reading that account reports it
        const Hash256& root = account->storage_root;
        if (root == trie::kEmptyRoot || storage_.contains(root) || !nodes_->find(root)) continue;
        storage_.try_emplace(root, *nodes_, root, kTrusted).first->second.reveal_all();
    }
}

const trie::PartialTrie* WitnessStateView::storage_trie(const Hash256& storage_root) const
{
    const auto it = storage_.find(storage_root);
    return it != storage_.end() ? &it->second : nullptr;
}

Result<std::optional<state::DecodedAccount>, StatelessError> WitnessStateView::read_account(
    const Address& addr) const
{
    auto leaf = accounts_.get(keccak256(addr));
    if (!leaf) return unexpected(trie_error(leaf.error(), addr));
    if (!leaf->has_value()) return std::optional<state::DecodedAccount>{};
    auto account = state::decode_account(**leaf);
    if (!account) {
        StatelessError err;
        err.code = StatelessErrorCode::kMalformedAccount;
        err.cause = account.error();
        err.address = addr;
        return unexpected(err);
    }
    return std::optional<state::DecodedAccount>{*account};
}

Result<Bytes32, StatelessError> WitnessStateView::read_storage(const Address& addr,
                                                               const Bytes32& key) const
{
    ULTRA_TRY(const auto account, read_account(addr));
    if (!account || account->storage_root == trie::kEmptyRoot) return Bytes32{};
    const Hash256 hashed = keccak256(key);
    const trie::PartialTrie* storage = storage_trie(account->storage_root);
    auto leaf = storage != nullptr
                    ? storage->get(hashed)
                    : trie::get(*nodes_, account->storage_root, hashed, trie::HashCheck::kTrusted);
    if (!leaf) return unexpected(trie_error(leaf.error(), addr, key));
    if (!leaf->has_value()) return Bytes32{};
    auto value = state::decode_storage_value(**leaf);
    if (!value) {
        StatelessError err;
        err.code = StatelessErrorCode::kMalformedStorageValue;
        err.cause = value.error();
        err.address = addr;
        err.slot = key;
        return unexpected(err);
    }
    return *value;
}

Result<BytesView, StatelessError> WitnessStateView::read_code(const Hash256& code_hash) const
{
    if (code_hash == kEmptyHash) return BytesView{};
    const auto it = codes_.find(code_hash);
    if (it == codes_.end()) {
        StatelessError err;
        err.code = StatelessErrorCode::kMissingCode;
        err.expected = code_hash;
        return unexpected(err);
    }
    return BytesView{it->second};
}

Result<std::optional<state::AccountInfo>, state::StateError> WitnessStateView::account(
    const Address& addr) const
{
    const auto account = read_account(addr);
    if (!account) return unexpected(state::StateError::kMissingData);
    if (!account->has_value()) return std::optional<state::AccountInfo>{};
    return std::optional<state::AccountInfo>{(*account)->info};
}

Result<Bytes32, state::StateError> WitnessStateView::storage(const Address& addr,
                                                             const Bytes32& key) const
{
    const auto value = read_storage(addr, key);
    if (!value) return unexpected(state::StateError::kMissingData);
    return *value;
}

Result<Bytes, state::StateError> WitnessStateView::code(const Hash256& code_hash) const
{
    const auto code = read_code(code_hash);
    if (!code) return unexpected(state::StateError::kMissingData);
    if (code->empty()) return Bytes{};  // the empty view may have no data pointer
    return Bytes{*code};
}

Result<bool, state::StateError> WitnessStateView::has_storage(const Address& addr) const
{
    const auto account = read_account(addr);
    if (!account) return unexpected(state::StateError::kMissingData);
    return account->has_value() && (*account)->storage_root != trie::kEmptyRoot;
}

// ---------------------------------------------------------------------------------------------
// WitnessBlockHashes
// ---------------------------------------------------------------------------------------------

Result<WitnessBlockHashes, StatelessError> WitnessBlockHashes::make(std::span<const Bytes> headers)
{
    if (headers.size() > kMaxWitnessHeaders) {
        StatelessError err;
        err.code = StatelessErrorCode::kTooManyHeaders;
        err.got = uint64_t{headers.size()};
        err.expected = uint64_t{kMaxWitnessHeaders};
        return unexpected(err);
    }
    WitnessBlockHashes result;
    result.headers_.reserve(headers.size());
    result.hashes_.reserve(headers.size());
    for (size_t i = 0; i < headers.size(); ++i) {
        auto header = decode_block_header(headers[i]);
        if (!header) {
            StatelessError err;
            err.code = StatelessErrorCode::kMalformedHeader;
            err.got = uint64_t{i};
            err.cause = header.error();
            return unexpected(err);
        }
        if (i > 0) {
            const BlockHeader& prev = result.headers_.back();
            // A number at UINT64_MAX has no successor: prev.number + 1 would wrap to 0.
            if (prev.number == UINT64_MAX || header->number != prev.number + 1) {
                StatelessError err;
                err.code = StatelessErrorCode::kHeaderNumberMismatch;
                err.got = header->number;
                if (prev.number != UINT64_MAX) err.expected = prev.number + 1;
                return unexpected(err);
            }
            if (header->parent_hash != result.hashes_.back()) {
                StatelessError err;
                err.code = StatelessErrorCode::kHeaderParentMismatch;
                err.got = header->parent_hash;
                err.expected = result.hashes_.back();
                return unexpected(err);
            }
        }
        // decode_block_header() accepts canonical RLP only, so the bytes as given are the
        // header's encoding and their hash is the block hash.
        result.hashes_.push_back(keccak256(headers[i]));
        result.headers_.push_back(std::move(*header));
    }
    return result;
}

Result<Hash256, state::StateError> WitnessBlockHashes::block_hash(uint64_t number) const
{
    if (headers_.empty() || number < headers_.front().number || number > headers_.back().number)
        return unexpected(state::StateError::kMissingData);
    return hashes_[number - headers_.front().number];
}

}  // namespace ultra::stateless
