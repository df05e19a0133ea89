// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The Solidity Merkle-Patricia verifier (contracts/lib/MerkleTrie.sol, RLPReader.sol) through
// L1Bridge.bridgeStorageRoot(), against proofs made by our trie code over seeded random state
// tries of many sizes: it finds the L2 bridge's storage root wherever the account sits,
// proves its absence when it is not there, and reverts (never halts, never succeeds) on
// tampered or garbage proofs.

#include <gtest/gtest.h>

#include <random>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/proof.hpp>

#include "harness.hpp"
#include "utils/fixtures.hpp"

namespace ultra::test::rollup {
namespace {

constexpr const char* kBridgeStorageRoot = "bridgeStorageRoot(bytes32,bytes[])";

Bytes32 random_word(std::mt19937_64& rng)
{
    Bytes32 w;
    for (auto& b : w.bytes) b = static_cast<uint8_t>(rng());
    return w;
}

Bytes call_data(const Hash256& root, const std::vector<Bytes>& proof)
{
    std::vector<abi::Value> nodes;
    for (const Bytes& n : proof) nodes.push_back(abi::bytes(n));
    return abi::call(kBridgeStorageRoot, {abi::word(root), abi::array(std::move(nodes))});
}

/// A state trie of `others` random accounts, with the L2 bridge (storage root `storage_root`)
/// when `with_bridge`.
struct RandomState
{
    trie::MerklePatriciaTrie trie;
    Hash256 root;
};

RandomState random_state(std::mt19937_64& rng,
                         size_t others,
                         bool with_bridge,
                         const Hash256& storage_root)
{
    RandomState s;
    for (size_t i = 0; i < others; ++i) {
        const state::AccountInfo info{rng() % 1000, uint256{rng()}, random_word(rng)};
        s.trie.put(keccak256(random_word(rng).view()),
                   state::encode_account(info, random_word(rng)));
    }
    if (with_bridge) {
        const state::AccountInfo bridge{1, uint256{1} << 100, random_word(rng)};
        s.trie.put(keccak256(node::kL2BridgeAddress.view()),
                   state::encode_account(bridge, storage_root));
    }
    s.root = s.trie.root_hash();
    return s;
}

TEST(MerkleTrie, FindsTheBridgeAccountInRandomTries)
{
    RollupWorld w;
    std::mt19937_64 rng{20260101};
    const size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 100, 1000};
    const uint64_t rounds = scaled(4);
    size_t checked = 0;
    for (uint64_t round = 0; round < rounds; ++round) {
        for (const size_t others : sizes) {
            const Hash256 storage_root = random_word(rng);
            RandomState s = random_state(rng, others, true, storage_root);
            const std::vector<Bytes> proof = s.trie.prove(keccak256(node::kL2BridgeAddress.view()));
            // Our own verifier agrees that this is an inclusion proof.
            ASSERT_TRUE(trie::verify_proof(s.root, keccak256(node::kL2BridgeAddress.view()), proof)
                            .value()
                            .has_value());
            const Bytes out = w.l1.view(w.bridge, call_data(s.root, proof));
            EXPECT_EQ(abi::word_at(out, 0), storage_root) << others << " other accounts";
            ++checked;
        }
    }
    EXPECT_EQ(checked, rounds * std::size(sizes));
}

TEST(MerkleTrie, ProvesAbsenceAndRejectsTamperedProofs)
{
    RollupWorld w;
    std::mt19937_64 rng{7};
    const Bytes not_proven = abi::error("BridgeAccountNotProven()");
    const Bytes key{keccak256(node::kL2BridgeAddress.view()).view()};
    for (const size_t others : {1, 5, 40, 500}) {
        // Absent: an exclusion proof.
        RandomState absent = random_state(rng, others, false, Hash256{});
        const auto exclusion = absent.trie.prove(key);
        ASSERT_FALSE(trie::verify_proof(absent.root, key, exclusion).value().has_value());
        EXPECT_TRUE(reverts_with(w.l1.call(Address{}, w.bridge, call_data(absent.root, exclusion)),
                                 not_proven))
            << others;

        // Present, then tampered with.
        RandomState s = random_state(rng, others, true, random_word(rng));
        const auto proof = s.trie.prove(key);
        ASSERT_FALSE(proof.empty());
        // Each node flipped in turn: the hash check of that node fails.
        for (size_t i = 0; i < proof.size(); ++i) {
            std::vector<Bytes> bad = proof;
            bad[i][bad[i].size() - 1] ^= 0x80;
            EXPECT_TRUE(
                reverts_with(w.l1.call(Address{}, w.bridge, call_data(s.root, bad)),
                             abi::error("ProofHashMismatch(uint256)", {abi::word(uint256{i})})))
                << others << " node " << i;
        }
        // Against another root.
        EXPECT_TRUE(
            reverts_with(w.l1.call(Address{}, w.bridge, call_data(random_word(rng), proof)),
                         abi::error("ProofHashMismatch(uint256)", {abi::word(uint256{0})})));
        // Empty proof of a non-empty trie.
        EXPECT_TRUE(reverts_with(w.l1.call(Address{}, w.bridge, call_data(s.root, {})),
                                 abi::error("ProofTooShort()")));
    }
    // The empty trie: an empty proof proves every key absent.
    EXPECT_TRUE(
        reverts_with(w.l1.call(Address{}, w.bridge, call_data(trie::kEmptyRoot, {})), not_proven));
    EXPECT_TRUE(
        reverts_with(w.l1.call(Address{}, w.bridge, call_data(trie::kEmptyRoot, {Bytes{0x80}})),
                     abi::error("ProofTooLong()")));
}

TEST(MerkleTrie, GarbageNodesWithMatchingHashesRevert)
{
    // Nodes that hash to the root but are not trie nodes (random bytes, truncated or
    // overlong RLP, lists of the wrong arity): the verifier reverts, it never halts
    // exceptionally and never returns a root.
    RollupWorld w;
    std::mt19937_64 rng{99};
    std::vector<Bytes> garbage{
        Bytes{0x80},                          // the empty string
        Bytes{0xc0},                          // the empty list
        Bytes{0xc1, 0x80},                    // a one-item list
        Bytes{0xc3, 0x80, 0x80, 0x80},        // a three-item list
        Bytes{0xf8, 0xff, 0x80},              // a list longer than its bytes
        Bytes{0xb9, 0xff, 0xff},              // a string longer than its bytes
        Bytes{0xc2, 0x00, 0x80},              // a 2-item "leaf" whose path byte has flags 0
        Bytes{0xc4, 0x82, 0x20, 0x11, 0x80},  // a leaf with an even path and a bad pad nibble
        Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},  // 8-byte list length
    };
    for (uint64_t i = 0; i < scaled(40); ++i) {
        Bytes b(1 + rng() % 200, 0);
        for (auto& x : b) x = static_cast<uint8_t>(rng());
        garbage.push_back(b);
    }
    for (const Bytes& node : garbage) {
        const node::CallResult r =
            w.l1.call(Address{}, w.bridge, call_data(keccak256(node), {node}));
        EXPECT_EQ(r.status, evm::StatusCode::kRevert) << to_hex(node);
    }
}

}  // namespace
}  // namespace ultra::test::rollup
