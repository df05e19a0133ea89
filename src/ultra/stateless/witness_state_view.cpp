// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "witness_state_view.hpp"

#include <ultra/core/keccak.hpp>
#include <ultra/trie/node.hpp>

namespace ultra::stateless {

WitnessStateView::WitnessStateView(const ExecutionWitness& witness, const Hash256& pre_state_root)
    : state_root_{pre_state_root}, nodes_{std::make_unique<trie::NodeViewSet>()}
{
    nodes_->reserve(witness.state.size());
    for (const Bytes& node : witness.state) nodes_->insert(node);
    codes_.reserve(witness.codes.size());
    for (const Bytes& code : witness.codes) (void)codes_.try_emplace(keccak256(code), code);

    // The node set keys every node by its own hash: nothing to re-hash.
    constexpr auto kTrusted = trie::HashCheck::kTrusted;
    accounts_ = trie::PartialTrie{*nodes_, state_root_, kTrusted};
    accounts_.reveal_all();
    for (const trie::PartialTrie::Entry& leaf : accounts_.revealed_entries()) {
        if (leaf.key.size() != Hash256::size()) continue;  // no address hashes to it
        const auto account = state::decode_account(leaf.value);
        if (!account) continue;  // reading that account reports it
        KnownAccount known{*account, nullptr};
        const Hash256& root = account->storage_root;
        if (root != trie::kEmptyRoot) {
            auto it = storage_.find(root);
            if (it == storage_.end() && nodes_->find(root)) {
                it = storage_.try_emplace(root, *nodes_, root, kTrusted).first;
                it->second.reveal_all();
            }
            // Map nodes stay put, also when the view moves.
            if (it != storage_.end()) known.storage = &it->second;
        }
        (void)known_.try_emplace(Hash256::from_view(leaf.key), known);
    }
}

const trie::PartialTrie* WitnessStateView::storage_trie(const Hash256& storage_root) const
{
    const auto it = storage_.find(storage_root);
    return it != storage_.end() ? &it->second : nullptr;
}

const WitnessStateView::KnownAccount* WitnessStateView::known(const Hash256& hashed) const
{
    return known_.find(hashed);
}

Result<std::optional<state::DecodedAccount>, StatelessError> WitnessStateView::read_account(
    const Address& addr) const
{
    return read_account(addr, keccak256(addr));
}

Result<std::optional<state::DecodedAccount>, StatelessError> WitnessStateView::read_account(
    const Address& addr,
    const Hash256& hashed) const
{
    // A revealed leaf is what the walk below would reach: same answer, nothing to walk.
    if (const KnownAccount* k = known(hashed))
        return std::optional<state::DecodedAccount>{k->account};
    auto leaf = accounts_.get(hashed);
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

StorageLocation WitnessStateView::storage_location(const state::DecodedAccount& account) const
{
    if (account.storage_root == trie::kEmptyRoot) return {};
    return {account.storage_root, storage_trie(account.storage_root)};
}

Result<StorageLocation, StatelessError> WitnessStateView::storage_location(
    const Address& addr) const
{
    const Hash256 hashed = keccak256(addr);
    if (const KnownAccount* k = known(hashed)) {
        if (k->account.storage_root == trie::kEmptyRoot) return StorageLocation{};
        return StorageLocation{k->account.storage_root, k->storage};
    }
    ULTRA_TRY(const auto account, read_account(addr, hashed));
    if (!account) return StorageLocation{};
    return storage_location(*account);
}

Result<Bytes32, StatelessError> WitnessStateView::read_storage(const Address& addr,
                                                               const Bytes32& key) const
{
    ULTRA_TRY(const StorageLocation at, storage_location(addr));
    return read_storage(at, addr, key);
}

Result<Bytes32, StatelessError> WitnessStateView::read_storage(const StorageLocation& at,
                                                               const Address& addr,
                                                               const Bytes32& key) const
{
    if (at.root == trie::kEmptyRoot) return Bytes32{};
    const Hash256 hashed = keccak256(key);
    auto leaf = at.trie != nullptr ? at.trie->get(hashed)
                                   : trie::get(*nodes_, at.root, hashed, trie::HashCheck::kTrusted);
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
    const BytesView* code = codes_.find(code_hash);
    if (code == nullptr) {
        StatelessError err;
        err.code = StatelessErrorCode::kMissingCode;
        err.expected = code_hash;
        return unexpected(err);
    }
    return *code;
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
// WitnessReads
// ---------------------------------------------------------------------------------------------

template <typename T>
Result<T, state::StateError> WitnessReads::answer(Result<T, StatelessError> r) const
{
    if (r) return std::move(*r);
    if (!first_error_) first_error_ = r.error();
    return unexpected(state::StateError::kMissingData);
}

Result<StorageLocation, StatelessError> WitnessReads::location(const Address& addr) const
{
    if (const auto it = locations_.find(addr); it != locations_.end()) return it->second;
    ULTRA_TRY(const StorageLocation at, view_.storage_location(addr));
    locations_.emplace(addr, at);
    return at;
}

Result<std::optional<state::AccountInfo>, state::StateError> WitnessReads::account(
    const Address& addr) const
{
    auto account = view_.read_account(addr);
    if (account && account->has_value())
        locations_.try_emplace(addr, view_.storage_location(**account));
    if (account && !account->has_value()) locations_.try_emplace(addr);
    ULTRA_TRY(const auto decoded, answer(std::move(account)));
    if (!decoded) return std::optional<state::AccountInfo>{};
    return std::optional<state::AccountInfo>{decoded->info};
}

Result<Bytes32, state::StateError> WitnessReads::storage(const Address& addr,
                                                         const Bytes32& key) const
{
    auto at = location(addr);
    if (!at) return answer(Result<Bytes32, StatelessError>{unexpected(at.error())});
    return answer(view_.read_storage(*at, addr, key));
}

Result<Bytes, state::StateError> WitnessReads::code(const Hash256& code_hash) const
{
    ULTRA_TRY(const BytesView code, answer(view_.read_code(code_hash)));
    if (code.empty()) return Bytes{};  // the empty view may have no data pointer
    return Bytes{code};
}

Result<bool, state::StateError> WitnessReads::has_storage(const Address& addr) const
{
    ULTRA_TRY(const StorageLocation at, answer(location(addr)));
    return at.root != trie::kEmptyRoot;
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
