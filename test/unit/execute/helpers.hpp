// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Test helpers for EXECUTE: a transaction signer on libsecp256k1 (independent of the code under
// test), a hand assembler for EVM bytecode, and a block builder that executes a block
// statefully through a RecordingStateView (execution::apply_body) and returns the block with its
// witness, as an L2 sequencer would.
#pragma once

#include <gtest/gtest.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <map>
#include <string>
#include <ultra/core/chain_config.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execute/abi.hpp>
#include <ultra/execute/trace.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/difficulty.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/execution/requests.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/state/state.hpp>
#include <ultra/stateless/recording_state_view.hpp>
#include <ultra/trie/node.hpp>
#include <utility>
#include <vector>

namespace ultra::execute::test {

// ---------------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------------

inline const secp256k1_context* signing_context()
{
    static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN);
    return ctx;
}

/// The address of a private key: keccak256(uncompressed public key without 0x04)[12:].
inline Address address_of(const Bytes32& key)
{
    secp256k1_pubkey pub;
    EXPECT_EQ(secp256k1_ec_pubkey_create(signing_context(), &pub, key.data()), 1);
    uint8_t out[65];
    size_t len = sizeof(out);
    secp256k1_ec_pubkey_serialize(signing_context(), out, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
    const Hash256 h = keccak256(BytesView{out + 1, 64});
    return Address::from_view(BytesView{h.data() + 12, 20});
}

/// Signs `tx` in place with `key` (low s, as libsecp256k1 always produces).
inline void sign_tx(Transaction& tx, const Bytes32& key)
{
    const Hash256 hash = signing_hash(tx);
    secp256k1_ecdsa_recoverable_signature sig;
    EXPECT_EQ(secp256k1_ecdsa_sign_recoverable(signing_context(), &sig, hash.data(), key.data(),
                                               nullptr, nullptr),
              1);
    uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(signing_context(), compact, &recid,
                                                            &sig);
    tx.r = load_be(compact);
    tx.s = load_be(compact + 32);
    tx.y_parity = static_cast<uint8_t>(recid);
}

// ---------------------------------------------------------------------------------------------
// A hand assembler (opcodes as in the Yellow Paper, Appendix H)
// ---------------------------------------------------------------------------------------------

namespace op {
inline constexpr uint8_t STOP = 0x00, ADD = 0x01, SUB = 0x03, LT = 0x10, GT = 0x11, EQ = 0x14,
                         ISZERO = 0x15, ADDRESS = 0x30, CALLVALUE = 0x34, CALLDATALOAD = 0x35,
                         CALLDATASIZE = 0x36, CALLDATACOPY = 0x37, EXTCODECOPY = 0x3c,
                         RETURNDATASIZE = 0x3d, RETURNDATACOPY = 0x3e, NUMBER = 0x43, POP = 0x50,
                         MLOAD = 0x51, MSTORE = 0x52, SLOAD = 0x54, SSTORE = 0x55, JUMP = 0x56,
                         JUMPI = 0x57, GAS = 0x5a, JUMPDEST = 0x5b, DUP1 = 0x80, DUP2 = 0x81,
                         DUP3 = 0x82, DUP4 = 0x83, SWAP1 = 0x90, LOG0 = 0xa0, CALL = 0xf1,
                         RETURN = 0xf3, STATICCALL = 0xfa;
}  // namespace op

/// Builds bytecode: opcodes, minimal PUSHes, labels (JUMPDESTs) and PUSH2s of labels.
class Asm
{
public:
    /// Appends one opcode.
    Asm& op(uint8_t o)
    {
        code_.push_back(o);
        return *this;
    }
    /// Appends opcodes.
    Asm& operator()(std::initializer_list<uint8_t> ops)
    {
        for (const uint8_t o : ops) code_.push_back(o);
        return *this;
    }
    /// PUSHn of `v` with the fewest bytes (PUSH1 for zero).
    Asm& push(const uint256& v)
    {
        const unsigned n = std::max(1u, count_significant_bytes(v));
        code_.push_back(static_cast<uint8_t>(0x5f + n));
        uint8_t word[32];
        store_be(word, v);
        code_.append(word + 32 - n, n);
        return *this;
    }
    /// PUSH20 of an address.
    Asm& push(const Address& a)
    {
        code_.push_back(0x73);
        code_.append(a.data(), 20);
        return *this;
    }
    /// A JUMPDEST named `name`.
    Asm& label(const std::string& name)
    {
        labels_[name] = code_.size();
        code_.push_back(op::JUMPDEST);
        return *this;
    }
    /// PUSH2 of the label's position (patched by build()).
    Asm& push_label(const std::string& name)
    {
        code_.push_back(0x61);
        fixups_.emplace_back(code_.size(), name);
        code_.append(2, 0);
        return *this;
    }
    /// The code with every label patched.
    Bytes build() const
    {
        Bytes out = code_;
        for (const auto& [pos, name] : fixups_) {
            const size_t target = labels_.at(name);
            out[pos] = static_cast<uint8_t>(target >> 8);
            out[pos + 1] = static_cast<uint8_t>(target);
        }
        return out;
    }

private:
    Bytes code_;
    std::map<std::string, size_t> labels_;
    std::vector<std::pair<size_t, std::string>> fixups_;
};

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/// BLOCKHASH over a list of headers (the parent and its ancestors).
class HeaderHashes final : public state::BlockHashes
{
public:
    explicit HeaderHashes(const std::vector<BlockHeader>& headers)
    {
        for (const auto& h : headers) hashes_[h.number] = header_hash(h);
    }
    Result<Hash256, state::StateError> block_hash(uint64_t number) const override
    {
        const auto it = hashes_.find(number);
        if (it == hashes_.end()) return unexpected(state::StateError::kMissingData);
        return it->second;
    }

private:
    std::map<uint64_t, Hash256> hashes_;
};

/// Roots over an in-memory parent that remembers every diff asked about (the intermediate roots
/// of pre-Byzantium receipts), for the witness.
class RecordingRoots final : public execution::StateRootProvider
{
public:
    explicit RecordingRoots(const state::InMemoryState& parent) : inner_{parent} {}
    Result<Hash256, state::StateError> state_root(const state::StateDiff& diff) override
    {
        diffs_.push_back(diff);
        return inner_.state_root(diff);
    }
    std::vector<state::StateDiff> diffs_;

private:
    execution::InMemoryStateRoots inner_;
};

/// Deploys the system contracts `rev` calls (EIP-4788, EIP-2935, EIP-7002, EIP-7251), as a
/// genesis allocation does.
inline void add_system_contracts(state::InMemoryState& s, Revision rev)
{
    for (const auto& c : execution::kSystemContracts) {
        if (rev < c.since) continue;
        state::InMemoryAccount a;
        a.nonce = 1;
        a.code = Bytes{c.code};
        s.set_account(c.address, a);
    }
}

/// A genesis header of `rev`'s format over `state`.
inline BlockHeader genesis_header(Revision rev,
                                  const state::InMemoryState& state,
                                  uint64_t gas_limit)
{
    BlockHeader h;
    h.ommers_hash = kEmptyOmmersHash;
    h.state_root = state.state_root();
    h.transactions_root = trie::kEmptyRoot;
    h.receipts_root = trie::kEmptyRoot;
    h.gas_limit = gas_limit;
    h.timestamp = 1'000;
    if (rev < Revision::kParis) h.difficulty = 131'072;
    if (rev >= Revision::kLondon) h.base_fee_per_gas = 7;
    if (rev >= Revision::kShanghai) h.withdrawals_root = trie::kEmptyRoot;
    if (rev >= Revision::kCancun) {
        h.blob_gas_used = 0;
        h.excess_blob_gas = 0;
        h.parent_beacon_block_root = Hash256{};
    }
    if (rev >= Revision::kPrague) h.requests_hash = execution::compute_requests_hash({});
    return h;
}

/// What build_block() made.
struct BuiltBlock
{
    Block block;                          ///< the block, valid on its parent
    stateless::ExecutionWitness witness;  ///< nodes, codes, and the parent as the only header
    state::InMemoryState post;            ///< the state after the block
    execution::BlockOutput output;        ///< receipts, totals
};

/// Header fields a test chooses.
struct HeaderChoice
{
    Address coinbase;
    uint64_t time_step = 12;
    Hash256 anchor;  ///< the parent beacon block root (Cancun on)
    Hash256 prev_randao;
};

/// Builds the valid block on `parent` (over `pre`) holding `txs`, on `config` with `precompiles`:
/// header fields from the parent by the protocol's rules, then the body executed statefully
/// through a RecordingStateView, then the results and roots filled in, then the witness.
inline BuiltBlock build_block(const ChainConfig& config,
                              const BlockHeader& parent,
                              const state::InMemoryState& pre,
                              std::vector<Transaction> txs,
                              const HeaderChoice& choice,
                              const execution::PrecompileSet& precompiles)
{
    BuiltBlock out;
    BlockHeader& h = out.block.header;
    h.parent_hash = header_hash(parent);
    h.ommers_hash = kEmptyOmmersHash;
    h.coinbase = choice.coinbase;
    h.number = parent.number + 1;
    h.gas_limit = parent.gas_limit;
    h.timestamp = parent.timestamp + choice.time_step;
    h.mix_hash = choice.prev_randao;
    const Revision rev = config.revision_at(h.number, h.timestamp);
    if (rev >= Revision::kLondon)
        h.base_fee_per_gas = execution::calculate_base_fee(parent.gas_limit, parent.gas_used,
                                                           parent.base_fee_per_gas.value_or(0));
    if (rev >= Revision::kShanghai) h.withdrawals_root = trie::kEmptyRoot;
    if (rev >= Revision::kCancun) {
        h.blob_gas_used = 0;
        h.excess_blob_gas = 0;
        h.parent_beacon_block_root = choice.anchor;
        h.excess_blob_gas = execution::calculate_excess_blob_gas(config, h, parent);
    }
    if (rev >= Revision::kPrague) h.requests_hash = execution::compute_requests_hash({});
    if (rev < Revision::kParis)
        h.difficulty = execution::calculate_difficulty(config, rev, h, parent);
    h.transactions_root = execution::transactions_root(txs);
    out.block.transactions = std::move(txs);
    if (rev >= Revision::kShanghai) out.block.withdrawals.emplace();

    const stateless::RecordingStateView recorder{pre};
    state::State st{recorder};
    RecordingRoots roots{pre};
    const HeaderHashes hashes{{parent}};
    const execution::BlockEnv env = execution::make_block_env(config, h, rev);
    const execution::BlockContext ctx{
        .config = config,
        .rev = rev,
        .env = env,
        .parent_hash = h.parent_hash,
        .parent_beacon_block_root = h.parent_beacon_block_root,
        .block_hashes = hashes,
        .precompiles = precompiles,
        .deposit_contract = execution::kMainnetDepositContractAddress,
        .intermediate_roots = &roots,
        .max_gas_used = std::nullopt,
    };
    auto output = execution::apply_body(st, ctx, out.block.transactions, {},
                                        out.block.withdrawals.value_or(std::vector<Withdrawal>{}));
    EXPECT_TRUE(output) << (output ? "" : output.error().to_string());
    if (!output) return out;
    out.output = std::move(*output);
    h.gas_used = out.output.block_gas_used;
    h.receipts_root = out.output.receipts_root();
    h.logs_bloom = out.output.logs_bloom();
    const state::StateDiff diff = st.build_diff();
    out.post = pre;
    out.post.apply(diff);
    h.state_root = out.post.state_root();

    std::vector<state::StateDiff> diffs = roots.diffs_;
    diffs.push_back(diff);
    auto witness = recorder.make_witness(diffs);
    EXPECT_TRUE(witness);
    if (!witness) return out;
    out.witness = std::move(*witness);
    out.witness.keys.clear();
    out.witness.headers.push_back(encode_block_header(parent));
    return out;
}

/// The EXECUTE input of a built block.
inline ExecuteInput make_input(uint64_t chain_id, const BlockHeader& parent, const BuiltBlock& b)
{
    Trace trace{b.block.header, b.block.transactions, b.witness};
    return ExecuteInput{chain_id, parent.state_root, b.block.header.state_root,
                        b.block.header.gas_used, encode_trace(trace)};
}

}  // namespace ultra::execute::test

namespace ultra::execute::test {

/// A small valid L2 block of revision `rev` and the EXECUTE input proving it.
struct L2Sample
{
    BlockHeader parent;
    BuiltBlock built;
    ExecuteInput input;
};

/// An L2 block 1 on a genesis with the system contracts of `rev`, a funded sender (`key`) and
/// `extra` accounts: `txs` (signed by the caller) executed with Ethereum's precompiles.
inline L2Sample make_l2_sample(Revision rev,
                               uint64_t chain_id,
                               const state::InMemoryState& genesis,
                               std::vector<Transaction> txs,
                               uint64_t gas_limit = 30'000'000)
{
    ChainConfig l2 = chain_config_for_network(to_string(rev)).value();
    l2.chain_id = chain_id;
    L2Sample s;
    s.parent = genesis_header(rev, genesis, gas_limit);
    const execution::StandardPrecompiles precompiles;
    s.built = build_block(l2, s.parent, genesis, std::move(txs), HeaderChoice{}, precompiles);
    s.input = make_input(chain_id, s.parent, s.built);
    return s;
}

}  // namespace ultra::execute::test
