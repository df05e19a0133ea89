// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <map>
#include <ultra/core/hex.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/proof.hpp>
#include <utils/fixtures.hpp>
#include <vector>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;
using Model = std::map<Bytes, Bytes>;

struct RandomTrie
{
    MerklePatriciaTrie trie;
    Model model;
};

RandomTrie make_trie(uint64_t seed, size_t n)
{
    std::mt19937_64 rng{seed};
    RandomTrie r;
    const std::vector<uint8_t> alphabet = {0x00, 0x01, 0x10, 0xff};
    for (size_t i = 0; i < n; ++i) {
        Bytes key;
        if (seed % 2 == 0) {
            key = test::random_bytes(rng, 32);
        } else {
            key.resize(rng() % 5);
            for (auto& b : key) b = alphabet[rng() % alphabet.size()];
        }
        const Bytes value = test::random_bytes(rng, 1 + rng() % 50);
        r.trie.put(key, value);
        r.model[key] = value;
    }
    return r;
}

// What the model says about `key`.
std::optional<Bytes> truth(const Model& m, const Bytes& key)
{
    const auto it = m.find(key);
    if (it == m.end()) return std::nullopt;
    return it->second;
}

TEST(Proof, InclusionAndExclusion)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(60); ++seed) {
        RandomTrie t = make_trie(seed, 1 + seed * 7 % 300);
        const Hash256 root = t.trie.root_hash();
        std::mt19937_64 rng{seed + 1000};
        for (const auto& [k, v] : t.model) {
            const auto proof = t.trie.prove(k);
            ASSERT_FALSE(proof.empty());
            const auto r = verify_proof(root, k, proof);
            ASSERT_TRUE(r) << to_string(r.error());
            ASSERT_TRUE(r->has_value());
            ASSERT_EQ(**r, v);
        }
        for (int i = 0; i < 100; ++i) {
            Bytes key = test::random_bytes(rng, rng() % 2 == 0 ? 32 : rng() % 5);
            if (t.model.contains(key)) continue;
            const auto r = verify_proof(root, key, t.trie.prove(key));
            ASSERT_TRUE(r) << to_string(r.error());
            ASSERT_FALSE(r->has_value());
        }
    }
}

TEST(Proof, EmptyTrie)
{
    MerklePatriciaTrie t;
    const auto r = verify_proof(kEmptyRoot, to_bytes_view("k"), t.prove(to_bytes_view("k")));
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->has_value());
    const std::vector<Bytes> junk{"0x80"_hex};
    EXPECT_EQ(verify_proof(kEmptyRoot, to_bytes_view("k"), junk).error(), ProofError::kExtraNodes);
}

TEST(Proof, SingleEmbeddedRootIsStillHashed)
{
    MerklePatriciaTrie t;
    t.put("0x01"_hex, "0x02"_hex);  // root RLP is 4 bytes
    const auto proof = t.prove("0x01"_hex);
    ASSERT_EQ(proof.size(), 1u);
    EXPECT_LT(proof[0].size(), 32u);
    const auto r = verify_proof(t.root_hash(), "0x01"_hex, proof);
    ASSERT_TRUE(r && r->has_value());
    EXPECT_EQ(**r, "0x02"_hex);
}

TEST(Proof, TamperedProofsAreRejected)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(40); ++seed) {
        RandomTrie t = make_trie(seed, 50 + seed * 13 % 400);
        const Hash256 root = t.trie.root_hash();
        std::mt19937_64 rng{seed};
        for (const auto& [k, v] : t.model) {
            const auto proof = t.trie.prove(k);

            // Any flipped bit breaks the hash chain.
            auto flipped = proof;
            auto& node = flipped[rng() % flipped.size()];
            node[rng() % node.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
            ASSERT_EQ(verify_proof(root, k, flipped).error(), ProofError::kHashMismatch);

            // Missing the last node: incomplete.
            auto truncated = proof;
            truncated.pop_back();
            ASSERT_EQ(verify_proof(root, k, truncated).error(), ProofError::kMissingNode);

            // A node too many.
            auto extended = proof;
            extended.push_back(proof.front());
            ASSERT_EQ(verify_proof(root, k, extended).error(), ProofError::kExtraNodes);

            // Against another root.
            Hash256 other = root;
            other[0] ^= 1;
            ASSERT_EQ(verify_proof(other, k, proof).error(), ProofError::kHashMismatch);

            // Out of order.
            if (proof.size() >= 2) {
                auto swapped = proof;
                std::swap(swapped[0], swapped[1]);
                ASSERT_EQ(verify_proof(root, k, swapped).error(), ProofError::kHashMismatch);
            }
        }
    }
}

// A proof for one key, checked against another, proves the truth about that key or fails;
// it never proves something false.
TEST(Proof, ProofOfAnotherKeyNeverLies)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(30); ++seed) {
        RandomTrie t = make_trie(seed, 1 + seed * 11 % 200);
        const Hash256 root = t.trie.root_hash();
        std::vector<Bytes> keys;
        for (const auto& [k, v] : t.model) keys.push_back(k);
        std::mt19937_64 rng{seed};
        for (int i = 0; i < 200; ++i) {
            const Bytes& a = keys[rng() % keys.size()];
            const Bytes b =
                rng() % 2 == 0 ? keys[rng() % keys.size()] : test::random_bytes(rng, rng() % 33);
            const auto r = verify_proof(root, b, t.trie.prove(a));
            if (r) {
                ASSERT_EQ(*r, truth(t.model, b));
            }
        }
    }
}

// Nodes that hash correctly but break the trie's rules.
TEST(Proof, MalformedNodesWithValidHashes)
{
    const Bytes key = "0x10"_hex;
    {
        const std::vector<Bytes> proof{"0xdeadbeef"_hex};
        EXPECT_EQ(verify_proof(test::oracle_keccak256(proof[0]), key, proof).error(),
                  ProofError::kMalformedNode);
    }
    {
        // An extension [1] leading to a leaf (must lead to a branch).
        Bytes leaf;
        encode_leaf(leaf, Nibbles{0}, Bytes(40, 0x77));
        Bytes ext;
        encode_extension(ext, Nibbles{1}, NodeReference::from_rlp(leaf));
        const std::vector<Bytes> proof{ext, leaf};
        EXPECT_EQ(verify_proof(test::oracle_keccak256(ext), key, proof).error(),
                  ProofError::kMalformedNode);
    }
    {
        // A short (embeddable) leaf referenced by hash.
        Bytes leaf;
        encode_leaf(leaf, Nibbles{0}, to_bytes_view("v"));
        ASSERT_LT(leaf.size(), 32u);
        std::array<NodeReference, 16> children;
        children[1] = NodeReference::from_hash(test::oracle_keccak256(leaf));
        children[2] = children[1];
        Bytes branch;
        encode_branch(branch, children, {});
        const std::vector<Bytes> proof{branch, leaf};
        EXPECT_EQ(verify_proof(test::oracle_keccak256(branch), key, proof).error(),
                  ProofError::kMalformedNode);
    }
}

// Arbitrary proofs never crash the verifier.
TEST(Proof, ArbitraryProofsDoNotCrash)
{
    RandomTrie t = make_trie(2, 300);
    const Hash256 real_root = t.trie.root_hash();
    std::mt19937_64 rng{77};
    size_t errors = 0;
    const uint64_t rounds = ultra::test::scaled(50000);
    for (uint64_t round = 0; round < rounds; ++round) {
        std::vector<Bytes> proof;
        const Bytes key = test::random_bytes(rng, rng() % 33);
        if (round % 2 == 0) {
            for (size_t i = 0, n = rng() % 4; i < n; ++i)
                proof.push_back(test::random_bytes(rng, rng() % 80));
        } else {
            auto it = t.model.begin();
            std::advance(it, static_cast<long>(rng() % t.model.size()));
            proof = t.trie.prove(it->first);
            auto& node = proof[rng() % proof.size()];
            const size_t pos = rng() % node.size();
            if (rng() % 2 == 0)
                node[pos] = static_cast<uint8_t>(rng());
            else
                node.erase(pos, 1 + rng() % 3);
        }
        // Root: the real one, or the hash of the (possibly mutated) first node so that the
        // walk gets past the root check and decodes what follows.
        const Hash256 root =
            (!proof.empty() && rng() % 2 == 0) ? test::oracle_keccak256(proof[0]) : real_root;
        const auto r = verify_proof(root, key, proof);
        if (!r) ++errors;
    }
    EXPECT_GT(errors, 0u);
}

// The NodeSource seam: reading through the union of proofs, as a stateless client reads a
// witness; a key whose nodes are missing is an error, never an absence.
TEST(NodeSource, ReadsThroughNodeSet)
{
    RandomTrie t = make_trie(4, 400);
    const Hash256 root = t.trie.root_hash();
    std::vector<Bytes> keys;
    for (const auto& [k, v] : t.model) keys.push_back(k);

    NodeSet witness;
    for (size_t i = 0; i < keys.size() / 2; ++i)
        for (const auto& node : t.trie.prove(keys[i])) witness.insert(node);
    EXPECT_GT(witness.size(), 0u);

    size_t missing = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        const auto r = get(witness, root, keys[i]);
        if (i < keys.size() / 2) {
            ASSERT_TRUE(r) << to_string(r.error());
            ASSERT_EQ(*r, truth(t.model, keys[i]));
        } else if (!r) {
            ASSERT_EQ(r.error(), ProofError::kMissingNode);
            ++missing;
        } else {
            ASSERT_EQ(*r, truth(t.model, keys[i]));
        }
    }
    EXPECT_GT(missing, 0u);

    // An empty source proves nothing but the empty trie.
    const NodeSet none;
    EXPECT_EQ(get(none, root, keys[0]).error(), ProofError::kMissingNode);
    const auto empty = get(none, kEmptyRoot, keys[0]);
    ASSERT_TRUE(empty);
    EXPECT_FALSE(empty->has_value());
}

// A source that serves wrong bytes for a hash is caught by the re-hash.
TEST(NodeSource, WrongBytesAreDetected)
{
    class Lying final : public NodeSource
    {
    public:
        std::optional<BytesView> find(const Hash256&) const override { return BytesView{node_}; }

    private:
        Bytes node_ = "0xc22001"_hex;
    };
    EXPECT_EQ(get(Lying{}, kEmptyRoot == Hash256{} ? Hash256{} : Hash256{{1}}, "0x01"_hex).error(),
              ProofError::kHashMismatch);
}

}  // namespace
}  // namespace ultra::trie
