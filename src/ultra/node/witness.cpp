// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "witness.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/state/account.hpp>
#include <ultra/stateless/state_root.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <vector>

#include "node.hpp"

namespace ultra::node {
namespace {

// A StateView that forwards to another and records what was read (the stored-state analogue of
// stateless::RecordingStateView, which needs an in-memory state).
class RecordingView final : public state::StateView
{
public:
    explicit RecordingView(const state::StateView& inner) noexcept : inner_{inner} {}

    [[nodiscard]] Result<std::optional<state::AccountInfo>, state::StateError> account(
        const Address& addr) const override
    {
        accounts_.insert(addr);
        return inner_.account(addr);
    }
    [[nodiscard]] Result<Bytes32, state::StateError> storage(const Address& addr,
                                                             const Bytes32& key) const override
    {
        accounts_.insert(addr);
        slots_.emplace(addr, key);
        return inner_.storage(addr, key);
    }
    [[nodiscard]] Result<Bytes, state::StateError> code(const Hash256& code_hash) const override
    {
        auto code = inner_.code(code_hash);
        if (code && !code->empty()) codes_.insert(code_hash);
        return code;
    }
    [[nodiscard]] Result<bool, state::StateError> has_storage(const Address& addr) const override
    {
        accounts_.insert(addr);
        return inner_.has_storage(addr);
    }

    const state::StateView& inner_;
    mutable std::set<Address> accounts_;
    mutable std::set<std::pair<Address, Bytes32>> slots_;
    mutable std::set<Hash256> codes_;
};

// BLOCKHASH that remembers the oldest block asked for.
class RecordingHashes final : public state::BlockHashes
{
public:
    explicit RecordingHashes(const state::BlockHashes& inner) noexcept : inner_{inner} {}

    [[nodiscard]] Result<Hash256, state::StateError> block_hash(uint64_t number) const override
    {
        oldest_ = std::min(oldest_.value_or(number), number);
        return inner_.block_hash(number);
    }

    const state::BlockHashes& inner_;
    mutable std::optional<uint64_t> oldest_;
};

// Roots that remember every diff asked about (before Byzantium a block asks one per
// transaction, for the receipts' intermediate roots).
class RecordingRoots final : public execution::StateRootProvider
{
public:
    explicit RecordingRoots(execution::StateRootProvider& inner) noexcept : inner_{inner} {}

    [[nodiscard]] Result<Hash256, state::StateError> state_root(
        const state::StateDiff& diff) override
    {
        diffs_.push_back(diff);
        return inner_.state_root(diff);
    }

    execution::StateRootProvider& inner_;
    std::vector<state::StateDiff> diffs_;
};

// A NodeSource that copies every node it serves.
class RecordingNodeSource final : public trie::NodeSource
{
public:
    explicit RecordingNodeSource(const trie::NodeSource& inner) noexcept : inner_{inner} {}

    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override
    {
        const auto it = used_.find(hash);
        if (it != used_.end()) return BytesView{it->second};
        const auto rlp = inner_.find(hash);
        if (!rlp) return std::nullopt;
        return BytesView{used_.emplace(hash, Bytes{*rlp}).first->second};
    }

    const trie::NodeSource& inner_;
    mutable std::map<Hash256, Bytes> used_;
};

std::string store_error(const storage::StoreError& e)
{
    return e.message;
}

}  // namespace

Result<stateless::ExecutionWitness, std::string> block_witness(const Node& node,
                                                               const Hash256& block_hash)
{
    const storage::ChainStore& store = node.store();
    auto block = store.block(block_hash);
    if (!block) return unexpected(store_error(block.error()));
    if (!*block) return unexpected("unknown block " + to_0x_hex(block_hash));
    return block_witness(node, **block);
}

Result<stateless::ExecutionWitness, std::string> block_witness(const Node& node, const Block& b)
{
    const storage::ChainStore& store = node.store();
    if (b.header.number == 0) return unexpected(std::string{"the genesis block has no witness"});
    auto parent = store.header(b.header.parent_hash);
    if (!parent) return unexpected(store_error(parent.error()));
    if (!*parent)
        return unexpected("the parent of block " + std::to_string(b.header.number) +
                          " is not stored");
    const Hash256& pre_root = (*parent)->state_root;

    // Execute the block again, recording its reads.
    const std::unique_ptr<storage::TrieStateView> parent_state = store.state_view_at(pre_root);
    const RecordingView view{*parent_state};
    const RecordingHashes hashes{node.block_hashes()};
    const std::unique_ptr<storage::TrieStateRoots> trie_roots = store.state_roots(pre_root);
    RecordingRoots roots{*trie_roots};
    const std::unique_ptr<execution::PrecompileSet> precompiles = node.make_precompiles();
    const execution::ChainContext chain{
        .config = node.chain_config(),
        .parent = **parent,
        .parent_total_difficulty = std::nullopt,
        .ancestors = {},
        .parent_state = view,
        .state_roots = roots,
        .block_hashes = hashes,
        .precompiles = *precompiles,
        .deposit_contract = node.config().spec.deposit_contract,
        .stop_past_header_gas_used = false,
    };
    const auto result = execution::state_transition(chain, b);
    if (!result) {
        return unexpected("re-executing block " + std::to_string(b.header.number) +
                          " failed: " + result.error().to_string());
    }

    // Replay what the stateless side fetches, recording every node.
    const std::unique_ptr<trie::NodeSource> stored = store.trie_node_source();
    const RecordingNodeSource recorder{*stored};
    const auto missing = [&](const std::string& what) {
        return unexpected("the stored state of block " + std::to_string(b.header.number - 1) +
                          " lacks a trie node on the path of " + what);
    };
    constexpr auto kVerify = trie::HashCheck::kVerify;
    for (const Address& addr : view.accounts_)
        if (!trie::get(recorder, pre_root, keccak256(addr), kVerify))
            return missing(to_0x_hex(addr));
    for (const auto& [addr, key] : view.slots_) {
        const auto leaf = trie::get(recorder, pre_root, keccak256(addr), kVerify);
        if (!leaf) return missing(to_0x_hex(addr));
        if (!leaf->has_value()) continue;
        const auto account = state::decode_account(**leaf);
        if (!account) return unexpected("the stored account " + to_0x_hex(addr) + " is damaged");
        if (!trie::get(recorder, account->storage_root, keccak256(key), kVerify))
            return missing(to_0x_hex(addr) + " slot " + to_0x_hex(key));
    }
    std::vector<state::StateDiff> diffs = std::move(roots.diffs_);
    for (const state::StateDiff& diff : diffs) {
        const auto root = stateless::compute_post_state_root(recorder, pre_root, diff, kVerify);
        if (!root)
            return unexpected("recomputing the post-state root: " +
                              stateless::describe(root.error()));
    }

    stateless::ExecutionWitness witness;
    witness.state.reserve(recorder.used_.size());
    for (auto& [hash, rlp] : recorder.used_) witness.state.push_back(std::move(rlp));
    for (const Hash256& hash : view.codes_) {
        auto code = parent_state->code(hash);
        if (!code) return unexpected("the code " + to_0x_hex(hash) + " is not stored");
        witness.codes.push_back(std::move(*code));
    }
    std::set<Address> addresses = view.accounts_;
    std::set<Bytes32> slot_keys;
    for (const auto& [addr, key] : view.slots_) slot_keys.insert(key);
    for (const state::StateDiff& diff : diffs) {
        for (const Address& addr : diff.deleted_accounts) addresses.insert(addr);
        for (const state::AccountDiff& d : diff.modified_accounts) {
            addresses.insert(d.address);
            for (const auto& slot : d.storage) slot_keys.insert(slot.first);
        }
    }
    for (const Address& addr : addresses) witness.keys.emplace_back(addr.view());
    for (const Bytes32& key : slot_keys) witness.keys.emplace_back(key.view());

    // The headers from the oldest BLOCKHASH answer to the parent (at most 256 back).
    const uint64_t parent_num = b.header.number - 1;
    const uint64_t oldest = std::min(hashes.oldest_.value_or(parent_num), parent_num);
    for (uint64_t n = oldest; n <= parent_num; ++n) {
        auto header = store.header_by_number(n);
        if (!header) return unexpected(store_error(header.error()));
        if (!*header) return unexpected("header " + std::to_string(n) + " is not stored");
        witness.headers.push_back(encode_block_header(**header));
    }
    return witness;
}

}  // namespace ultra::node
