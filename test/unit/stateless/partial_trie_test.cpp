// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <ultra/trie/proof.hpp>
#include <utils/fixtures.hpp>
#include <vector>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;
using stateless::test::random_bytes;
using Model = std::map<Bytes, Bytes>;

// A key: 32 random bytes (state tries), or 0..4 bytes over a tiny alphabet, which gives shared
// prefixes, keys that are prefixes of others (branch values) and embedded nodes.
Bytes random_key(std::mt19937_64& rng, bool short_keys)
{
    if (!short_keys) return random_bytes(rng, 32);
    static constexpr std::array<uint8_t, 4> kAlphabet = {0x00, 0x01, 0x10, 0xff};
    Bytes key(rng() % 5, 0);
    for (auto& b : key) b = kAlphabet[rng() % kAlphabet.size()];
    return key;
}

Bytes random_value(std::mt19937_64& rng)
{
    return random_bytes(rng, 1 + rng() % (rng() % 2 == 0 ? 4 : 60));
}

Model random_model(std::mt19937_64& rng, size_t n, bool short_keys)
{
    Model m;
    for (size_t i = 0; i < n; ++i) m[random_key(rng, short_keys)] = random_value(rng);
    return m;
}

MerklePatriciaTrie make_mpt(const Model& m)
{
    MerklePatriciaTrie t;
    for (const auto& [k, v] : m) t.put(k, v);
    return t;
}

// One update: an empty value erases.
struct Op
{
    Bytes key;
    Bytes value;
};

// Updates touching a random subset of `m`'s keys (new values, erasures, same values) and some
// keys it does not have (insertions, erasures of absent keys).
std::vector<Op> random_ops(std::mt19937_64& rng, const Model& m, size_t n, bool short_keys)
{
    std::vector<Op> ops;
    std::vector<Bytes> keys;
    for (const auto& kv : m) keys.push_back(kv.first);
    for (size_t i = 0; i < n; ++i) {
        const uint64_t dice = rng() % 10;
        if (!keys.empty() && dice < 4) {
            ops.push_back({keys[rng() % keys.size()], {}});
        } else if (!keys.empty() && dice < 7) {
            const Bytes& k = keys[rng() % keys.size()];
            ops.push_back({k, rng() % 4 == 0 ? m.at(k) : random_value(rng)});
        } else if (dice < 9) {
            ops.push_back({random_key(rng, short_keys), random_value(rng)});
        } else {
            ops.push_back({random_key(rng, short_keys), {}});
        }
    }
    return ops;
}

// The union of the MerklePatriciaTrie proofs of every key of `m`: every node of the trie
// referenced by hash (an oracle independent of PartialTrie).
NodeSet all_nodes(MerklePatriciaTrie& t, const Model& m)
{
    NodeSet s;
    for (const auto& kv : m)
        for (const Bytes& n : t.prove(kv.first)) s.insert(n);
    return s;
}

std::optional<Bytes> truth(const Model& m, const Bytes& key)
{
    const auto it = m.find(key);
    if (it == m.end()) return std::nullopt;
    return it->second;
}

// Whether two reads gave the same value or the same error.
bool same(const ProofResult& a, const ProofResult& b)
{
    if (a.has_value() != b.has_value()) return false;
    return a.has_value() ? *a == *b : a.error() == b.error();
}

// Applies one op to a PartialTrie.
Result<void, ProofError> apply(PartialTrie& t, const Op& op)
{
    if (op.value.empty()) {
        ULTRA_TRY_VOID(t.erase(op.key));
        return {};
    }
    return t.put(op.key, op.value);
}

struct Shape
{
    size_t keys;
    bool short_keys;
};

Shape shape_of(uint64_t seed)
{
    static constexpr std::array<size_t, 8> kSizes = {0, 1, 2, 3, 8, 30, 120, 400};
    return {kSizes[seed % kSizes.size()], seed % 3 == 1};
}

TEST(PartialTrie, FromEmptyMatchesMerklePatriciaTrie)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(200); ++seed) {
        std::mt19937_64 rng{seed};
        const Shape shape = shape_of(seed);
        PartialTrie p;
        MerklePatriciaTrie t;
        Model m;
        for (int round = 0; round < 4; ++round) {
            for (const Op& op : random_ops(rng, m, shape.keys + 5, shape.short_keys)) {
                ASSERT_TRUE(apply(p, op));
                t.put(op.key, op.value);
                if (op.value.empty())
                    m.erase(op.key);
                else
                    m[op.key] = op.value;
            }
            ASSERT_EQ(p.root_hash(), t.root_hash()) << "seed " << seed << " round " << round;
            for (const auto& [k, v] : m) {
                const auto r = p.get(k);
                ASSERT_TRUE(r && r->has_value());
                ASSERT_EQ(**r, v);
            }
        }
        // The nodes it collects are exactly the trie's hashed nodes.
        std::vector<Bytes> collected;
        p.collect_nodes(collected);
        std::set<Bytes> from_proofs;
        for (const auto& kv : m)
            for (const Bytes& n : t.prove(kv.first)) from_proofs.insert(n);
        ASSERT_EQ(std::set<Bytes>(collected.begin(), collected.end()), from_proofs);
    }
}

// Every node available: any sequence of updates succeeds and gives the full trie's root; reads
// before any reveal walk the stubs.
TEST(PartialTrie, RevealedFromAllNodes)
{
    size_t revealed = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(200); ++seed) {
        std::mt19937_64 rng{seed + 10'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie t = make_mpt(m);
        const Hash256 root = t.root_hash();
        const NodeSet nodes = all_nodes(t, m);
        const HashCheck check = seed % 2 == 0 ? HashCheck::kVerify : HashCheck::kTrusted;
        PartialTrie p{nodes, root, check};
        ASSERT_EQ(p.root_hash(), root);
        for (int i = 0; i < 30; ++i) {
            const Bytes key =
                m.empty() || rng() % 2 == 0
                    ? random_key(rng, shape.short_keys)
                    : std::next(m.begin(), static_cast<long>(rng() % m.size()))->first;
            const auto r = p.get(key);
            ASSERT_TRUE(r) << to_string(r.error());
            ASSERT_EQ(*r, truth(m, key));
            ASSERT_TRUE(same(get(nodes, root, key, check), get(nodes, root, key)));
        }
        Model model = m;
        for (const Op& op : random_ops(rng, m, 1 + shape.keys / 2 + rng() % 20, shape.short_keys)) {
            ASSERT_TRUE(apply(p, op));
            t.put(op.key, op.value);
            if (op.value.empty())
                model.erase(op.key);
            else
                model[op.key] = op.value;
            if (rng() % 4 == 0) {
                ASSERT_EQ(p.root_hash(), t.root_hash());
            }
        }
        ASSERT_EQ(p.root_hash(), t.root_hash()) << "seed " << seed;
        for (const auto& [k, v] : model) {
            const auto r = p.get(k);
            ASSERT_TRUE(r && r->has_value());
            ASSERT_EQ(**r, v);
        }
        revealed += p.revealed_count();
    }
    EXPECT_GT(revealed, 0u);
}

// The witness of a set of updates made of proofs only: the proofs (inclusion or exclusion) of
// every key touched, plus, for every erasure, the proofs of the erased key's neighbours at the
// time of the erasure (the remaining child of a collapsing branch holds one of them). With it,
// every update succeeds and the root is the full trie's.
TEST(PartialTrie, ProofsOfTouchedKeysAndNeighboursSuffice)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(300); ++seed) {
        std::mt19937_64 rng{seed + 20'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie pre = make_mpt(m);
        const Hash256 root = pre.root_hash();
        const auto ops = random_ops(rng, m, 1 + rng() % (2 + shape.keys), shape.short_keys);

        NodeSet witness;
        auto prove = [&](BytesView key) {
            for (const Bytes& n : pre.prove(key)) witness.insert(n);
        };
        MerklePatriciaTrie sim = pre;
        for (const Op& op : ops) {
            prove(op.key);
            if (op.value.empty() && sim.contains(op.key)) {
                for (const auto& neighbour : {sim.next(op.key), sim.prev(op.key)}) {
                    if (neighbour && m.contains(Bytes{neighbour->key})) prove(neighbour->key);
                }
            }
            sim.put(op.key, op.value);
        }

        PartialTrie p{witness, root};
        for (const Op& op : ops) {
            const auto r = apply(p, op);
            ASSERT_TRUE(r) << "seed " << seed << ": " << to_string(r.error());
        }
        ASSERT_EQ(p.root_hash(), sim.root_hash()) << "seed " << seed;
    }
}

// Proofs of the touched keys alone: an erasure may need a collapse sibling the witness lacks.
// Then it fails with kMissingNode and changes nothing (errors are atomic), so skipping it in
// the reference too gives the same root: never a different one.
TEST(PartialTrie, MissingSiblingIsAnAtomicError)
{
    size_t failures = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(300); ++seed) {
        std::mt19937_64 rng{seed + 30'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie ref = make_mpt(m);
        const Hash256 root = ref.root_hash();
        const auto ops = random_ops(rng, m, 1 + rng() % (2 + shape.keys), shape.short_keys);
        NodeSet witness;
        for (const Op& op : ops)
            for (const Bytes& n : ref.prove(op.key)) witness.insert(n);

        PartialTrie p{witness, root};
        for (const Op& op : ops) {
            const Hash256 before = p.root_hash();
            const auto r = apply(p, op);
            if (!r) {
                ASSERT_EQ(r.error(), ProofError::kMissingNode) << "seed " << seed;
                ASSERT_TRUE(op.value.empty());  // only a collapse needs more than the path
                ASSERT_EQ(p.root_hash(), before);
                ++failures;
                continue;
            }
            ref.put(op.key, op.value);
        }
        ASSERT_EQ(p.root_hash(), ref.root_hash()) << "seed " << seed;
    }
    EXPECT_GT(failures, 0u);  // the case was exercised
}

// Dropping any single node that a successful run fetched makes the same run fail with
// kMissingNode at some update; it never completes with another root.
TEST(PartialTrie, DroppingAUsedNodeIsAnError)
{
    size_t drops = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(120); ++seed) {
        std::mt19937_64 rng{seed + 40'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie t = make_mpt(m);
        const Hash256 root = t.root_hash();
        const NodeSet nodes = all_nodes(t, m);
        const auto ops = random_ops(rng, m, 1 + rng() % (2 + shape.keys), shape.short_keys);

        const stateless::test::RecordingSource recording{nodes};
        PartialTrie full{recording, root};
        for (const Op& op : ops) ASSERT_TRUE(apply(full, op));
        const Hash256 expected = full.root_hash();

        std::vector<Hash256> used(recording.used().begin(), recording.used().end());
        std::shuffle(used.begin(), used.end(), rng);
        if (used.size() > 12) used.resize(12);
        for (const Hash256& dropped : used) {
            const stateless::test::DroppingSource source{nodes, dropped};
            PartialTrie p{source, root};
            bool failed = false;
            for (const Op& op : ops) {
                const auto r = apply(p, op);
                if (!r) {
                    ASSERT_EQ(r.error(), ProofError::kMissingNode);
                    failed = true;
                    break;
                }
            }
            ASSERT_TRUE(failed) << "seed " << seed << ": ran without node " << to_hex(dropped)
                                << (p.root_hash() == expected ? " (same root)" : " (other root)");
            ++drops;
        }
    }
    EXPECT_GE(drops, ultra::test::scaled(100));  // ~4 per seed
}

// reveal_all() decodes every node the source has and nothing else changes: the root stays,
// proven keys read the same, the unproven stay errors, and the revealed values are the
// model's.
TEST(PartialTrie, RevealAll)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 60'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie t = make_mpt(m);
        const Hash256 root = t.root_hash();
        NodeSet witness;
        std::vector<Bytes> proven;
        for (const auto& kv : m) {
            if (rng() % 2 != 0) continue;
            proven.push_back(kv.first);
            for (const Bytes& n : t.prove(kv.first)) witness.insert(n);
        }
        PartialTrie lazy{witness, root};
        PartialTrie p{witness, root};
        p.reveal_all();
        EXPECT_EQ(p.revealed_count(), witness.size());
        EXPECT_EQ(p.root_hash(), root);
        std::set<Bytes> values;
        for (const BytesView v : p.revealed_values()) values.emplace(v);
        for (const Bytes& k : proven) {
            ASSERT_TRUE(values.contains(m.at(k)));
            const auto r = p.get(k);
            ASSERT_TRUE(r && r->has_value());
            ASSERT_EQ(**r, m.at(k));
        }
        for (const Bytes& v : values) {
            bool in_model = false;
            for (const auto& kv : m) in_model |= kv.second == v;
            ASSERT_TRUE(in_model);
        }
        for (const auto& kv : m) ASSERT_TRUE(same(p.get(kv.first), lazy.get(kv.first)));
    }
}

// Two keys whose paths part at the root: erasing one collapses the root branch into the other
// leaf, which must be revealed although no erased key leads there.
TEST(PartialTrie, CollapseNeedsTheRemainingSibling)
{
    const Bytes a = Bytes(32, 0x11);
    const Bytes b = Bytes(32, 0x22);
    const Bytes value(40, 0xab);  // long enough for the leaves to be hashed, not embedded
    MerklePatriciaTrie t;
    t.put(a, value);
    t.put(b, value);
    const Hash256 root = t.root_hash();

    NodeSet only_a;
    for (const Bytes& n : t.prove(a)) only_a.insert(n);
    ASSERT_EQ(only_a.size(), 2u);  // the root branch and a's leaf
    PartialTrie p{only_a, root};
    const auto r = p.erase(a);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), ProofError::kMissingNode);
    EXPECT_EQ(p.root_hash(), root);  // unchanged
    const auto still = p.get(a);
    ASSERT_TRUE(still && still->has_value());

    NodeSet both = only_a;
    for (const Bytes& n : t.prove(b)) both.insert(n);
    PartialTrie q{both, root};
    const auto erased = q.erase(a);
    ASSERT_TRUE(erased);
    EXPECT_TRUE(*erased);
    t.erase(a);
    EXPECT_EQ(q.root_hash(), t.root_hash());
    // The same root as a trie holding b alone, built independently.
    MerklePatriciaTrie alone;
    alone.put(b, value);
    EXPECT_EQ(q.root_hash(), alone.root_hash());
}

TEST(PartialTrie, EmptyRoot)
{
    const NodeSet none;
    PartialTrie p{none, kEmptyRoot};
    EXPECT_EQ(p.root_hash(), kEmptyRoot);
    const auto r = p.get("0x01"_hex);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->has_value());
    const auto e = p.erase("0x01"_hex);
    ASSERT_TRUE(e);
    EXPECT_FALSE(*e);
    ASSERT_TRUE(p.put("0x01"_hex, "0x02"_hex));
    MerklePatriciaTrie t;
    t.put("0x01"_hex, "0x02"_hex);
    EXPECT_EQ(p.root_hash(), t.root_hash());
    ASSERT_TRUE(p.erase("0x01"_hex));
    EXPECT_EQ(p.root_hash(), kEmptyRoot);
}

// A root node shorter than 32 bytes is still fetched by its hash (the root is always hashed).
TEST(PartialTrie, ShortRootNode)
{
    MerklePatriciaTrie t;
    t.put("0x01"_hex, "0x02"_hex);
    const Hash256 root = t.root_hash();
    const auto proof = t.prove("0x01"_hex);
    ASSERT_EQ(proof.size(), 1u);
    ASSERT_LT(proof[0].size(), 32u);
    NodeSet nodes;
    nodes.insert(proof[0]);
    PartialTrie p{nodes, root};
    const auto r = p.get("0x01"_hex);
    ASSERT_TRUE(r && r->has_value());
    EXPECT_EQ(**r, "0x02"_hex);
    EXPECT_EQ(p.root_hash(), root);
    ASSERT_TRUE(p.put("0x0102"_hex, "0x03"_hex));
    t.put("0x0102"_hex, "0x03"_hex);
    EXPECT_EQ(p.root_hash(), t.root_hash());
    EXPECT_EQ(p.revealed_count(), 1u);
}

// A source that answers every hash with the same bytes.
class FixedSource final : public NodeSource
{
public:
    explicit FixedSource(Bytes rlp) : rlp_{std::move(rlp)} {}
    std::optional<BytesView> find(const Hash256&) const override { return BytesView{rlp_}; }

private:
    Bytes rlp_;
};

TEST(PartialTrie, HashMismatch)
{
    MerklePatriciaTrie t;
    t.put(Bytes(32, 1), Bytes(40, 2));
    t.put(Bytes(32, 3), Bytes(40, 4));
    const Hash256 root = t.root_hash();
    const auto proof = t.prove(Bytes(32, 1));
    // The leaf's bytes served for the root's hash.
    const FixedSource wrong{proof.back()};
    PartialTrie p{wrong, root};
    const auto g = p.get(Bytes(32, 1));
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error(), ProofError::kHashMismatch);
    const auto put = p.put(Bytes(32, 5), "0x01"_hex);
    ASSERT_FALSE(put);
    EXPECT_EQ(put.error(), ProofError::kHashMismatch);
    EXPECT_EQ(p.root_hash(), root);  // still the stub
    // Trusted, the leaf is taken as the root: a wrong answer is the price of a lying source, so
    // kTrusted is only for sources keyed by their own hashes.
    PartialTrie trusting{wrong, root, HashCheck::kTrusted};
    EXPECT_TRUE(trusting.get(Bytes(32, 1)));
}

TEST(PartialTrie, MalformedNodes)
{
    // A node shorter than 32 bytes referenced by hash (it must be embedded).
    Bytes leaf;
    encode_leaf(leaf, Nibbles{1}, "0x61"_hex);
    ASSERT_LT(leaf.size(), 32u);
    const Hash256 leaf_hash = keccak256(leaf);
    std::array<NodeReference, 16> children{};
    children[0] = NodeReference::from_hash(leaf_hash);
    children[1] = NodeReference::from_hash(leaf_hash);
    Bytes branch;
    encode_branch(branch, children, {});
    NodeSet nodes;
    nodes.insert(branch);
    nodes.insert(leaf);
    const Hash256 root = keccak256(branch);
    {
        PartialTrie p{nodes, root};
        const Bytes key = "0x01"_hex;  // nibbles 0, 1: through child 0 to the leaf
        const auto g = p.get(key);
        ASSERT_FALSE(g);
        EXPECT_EQ(g.error(), ProofError::kMalformedNode);
        const auto put = p.put(key, "0x02"_hex);
        ASSERT_FALSE(put);
        EXPECT_EQ(put.error(), ProofError::kMalformedNode);
        EXPECT_EQ(p.root_hash(), root);
    }
    // A branch with a single entry.
    std::array<NodeReference, 16> one{};
    one[3] = NodeReference::from_rlp(leaf);
    Bytes lonely;
    encode_branch(lonely, one, {});
    NodeSet lonely_nodes;
    lonely_nodes.insert(lonely);
    {
        PartialTrie p{lonely_nodes, keccak256(lonely)};
        const auto put = p.put("0x31"_hex, "0x02"_hex);
        ASSERT_FALSE(put);
        EXPECT_EQ(put.error(), ProofError::kMalformedNode);
    }
    // An extension leading to a leaf.
    Bytes long_leaf;
    encode_leaf(long_leaf, Nibbles{1, 2}, Bytes(40, 7));
    Bytes ext;
    encode_extension(ext, Nibbles{5}, NodeReference::from_rlp(long_leaf));
    NodeSet ext_nodes;
    ext_nodes.insert(ext);
    ext_nodes.insert(long_leaf);
    {
        PartialTrie p{ext_nodes, keccak256(ext)};
        p.reveal_all();  // the leaf under the extension stays a stub
        EXPECT_EQ(p.revealed_count(), 1u);
        const auto g = p.get("0x51"_hex);
        ASSERT_FALSE(g);
        EXPECT_EQ(g.error(), ProofError::kMalformedNode);
        const auto put = p.put("0x5100"_hex, "0x02"_hex);
        ASSERT_FALSE(put);
        EXPECT_EQ(put.error(), ProofError::kMalformedNode);
    }
    // Garbage for a node.
    const FixedSource garbage{"0xc3010203"_hex};
    PartialTrie p{garbage, root, HashCheck::kTrusted};
    const auto g = p.get("0x01"_hex);
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error(), ProofError::kMalformedNode);
}

// The free get() with either hash check agrees with trie::get() (re-hashing) on random reads,
// including reads a partial witness cannot answer.
TEST(PartialTrie, TrustedGetAgreesWithGet)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 50'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie t = make_mpt(m);
        const Hash256 root = t.root_hash();
        NodeSet partial;
        for (const auto& kv : m)
            if (rng() % 2 == 0)
                for (const Bytes& n : t.prove(kv.first)) partial.insert(n);
        for (int i = 0; i < 50; ++i) {
            const Bytes key =
                m.empty() || rng() % 2 == 0
                    ? random_key(rng, shape.short_keys)
                    : std::next(m.begin(), static_cast<long>(rng() % m.size()))->first;
            const auto expected = get(partial, root, key);
            EXPECT_TRUE(same(get(partial, root, key, HashCheck::kTrusted), expected));
            EXPECT_TRUE(same(get(partial, root, key, HashCheck::kVerify), expected));
            if (expected) {
                EXPECT_EQ(*expected, truth(m, key));
            }
        }
    }
}

// revealed_entries() lists exactly the key/value pairs the revealed part proves: all of them
// when everything is revealed, the proven keys (and nothing outside the contents) otherwise;
// get() of each listed key gives its value.
TEST(PartialTrie, RevealedEntries)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 70'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie t = make_mpt(m);
        const Hash256 root = t.root_hash();
        const NodeSet all = all_nodes(t, m);
        PartialTrie full{all, root};
        full.reveal_all();
        Model listed;
        for (const PartialTrie::Entry& e : full.revealed_entries())
            ASSERT_TRUE(listed.emplace(e.key, Bytes{e.value}).second) << "listed twice";
        ASSERT_EQ(listed, m) << "seed " << seed;

        NodeSet some;
        std::vector<Bytes> proven;
        for (const auto& kv : m) {
            if (rng() % 2 != 0) continue;
            proven.push_back(kv.first);
            for (const Bytes& n : t.prove(kv.first)) some.insert(n);
        }
        PartialTrie part{some, root};
        part.reveal_all();
        Model partial;
        for (const PartialTrie::Entry& e : part.revealed_entries()) {
            ASSERT_EQ(truth(m, e.key), std::optional<Bytes>{Bytes{e.value}});
            const auto r = part.get(e.key);
            ASSERT_TRUE(r && r->has_value());
            ASSERT_EQ(**r, Bytes{e.value});
            partial.emplace(e.key, Bytes{e.value});
        }
        for (const Bytes& k : proven) ASSERT_TRUE(partial.contains(k));
    }
}

// A copy is an independent trie: updating it (or the original) leaves the other as it was,
// including the bytes the two shared when copied. Copies of copies too.
TEST(PartialTrie, CopiesAreIndependent)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(100); ++seed) {
        std::mt19937_64 rng{seed + 80'000};
        const Shape shape = shape_of(seed);
        const Model m = random_model(rng, shape.keys, shape.short_keys);
        MerklePatriciaTrie t = make_mpt(m);
        const Hash256 root = t.root_hash();
        const NodeSet nodes = all_nodes(t, m);
        PartialTrie original{nodes, root};
        if (seed % 2 == 0) original.reveal_all();

        PartialTrie copy = original;
        MerklePatriciaTrie copy_model = t;
        for (const Op& op : random_ops(rng, m, 1 + shape.keys / 2, shape.short_keys)) {
            ASSERT_TRUE(apply(copy, op));
            copy_model.put(op.key, op.value);
        }
        PartialTrie copy_of_copy = copy;
        ASSERT_EQ(copy.root_hash(), copy_model.root_hash());
        ASSERT_EQ(original.root_hash(), root) << "seed " << seed;
        for (const auto& [k, v] : m) {
            const auto r = original.get(k);
            ASSERT_TRUE(r && r->has_value());
            ASSERT_EQ(**r, v);
        }

        MerklePatriciaTrie original_model = t;
        for (const Op& op : random_ops(rng, m, 1 + shape.keys / 2, shape.short_keys)) {
            ASSERT_TRUE(apply(original, op));
            original_model.put(op.key, op.value);
        }
        ASSERT_EQ(original.root_hash(), original_model.root_hash());
        ASSERT_EQ(copy.root_hash(), copy_model.root_hash());
        ASSERT_EQ(copy_of_copy.root_hash(), copy_model.root_hash());
    }
}

// Values (and keys) that view the trie's own bytes, as revealed_values() gives them, are valid
// arguments to put(), however the trie's storage grows meanwhile.
TEST(PartialTrie, ItsOwnBytesAreValidArguments)
{
    for (uint64_t seed = 0; seed < ultra::test::scaled(50); ++seed) {
        std::mt19937_64 rng{seed + 90'000};
        const Model m = random_model(rng, 2 + seed % 60, seed % 2 == 0);
        MerklePatriciaTrie t = make_mpt(m);
        const NodeSet nodes = all_nodes(t, m);
        PartialTrie p{nodes, t.root_hash()};
        p.reveal_all();
        // Copy values to new keys, and use values as keys. The views are valid until the trie
        // changes: each is taken anew from the trie as it is.
        for (int round = 0; round < 20; ++round) {
            std::vector<BytesView> values = p.revealed_values();
            ASSERT_FALSE(values.empty());
            const BytesView v = values[rng() % values.size()];
            const Bytes v_copy{v};
            const Bytes new_key = random_key(rng, seed % 2 == 0);
            ASSERT_TRUE(p.put(new_key, v));
            t.put(new_key, v_copy);
            ASSERT_EQ(p.root_hash(), t.root_hash())
                << "seed " << seed << ", round " << round << ": value " << to_hex(v_copy)
                << " at key " << to_hex(new_key);

            values = p.revealed_values();
            const BytesView w = values[rng() % values.size()];
            const Bytes w_copy{w};
            ASSERT_TRUE(p.put(w, "0x0102"_hex));
            t.put(w_copy, "0x0102"_hex);
            ASSERT_EQ(p.root_hash(), t.root_hash()) << "seed " << seed << ", round " << round;
        }
    }
}

// Erasing by a key that views the trie's own bytes, while the erasure reveals nodes (which adds
// bytes, moving them) on the way.
TEST(PartialTrie, ErasingByItsOwnBytes)
{
    size_t present = 0;
    for (uint64_t seed = 0; seed < ultra::test::scaled(50); ++seed) {
        std::mt19937_64 rng{seed + 95'000};
        const bool short_keys = seed % 2 == 0;
        Model m = random_model(rng, 2 + seed % 60, short_keys);
        // Some values are also keys, so that erasing by a value erases something.
        for (int i = 0; i < 5; ++i) {
            const Bytes v = random_value(rng);
            m[v] = random_value(rng);
            m[random_key(rng, short_keys)] = v;
        }
        MerklePatriciaTrie t = make_mpt(m);
        const NodeSet nodes = all_nodes(t, m);
        for (int round = 0; round < 10; ++round) {
            PartialTrie lazy{nodes, t.root_hash()};  // nothing revealed yet
            // A value of the trie's own: put one (external) value, then read it back as a view.
            const Bytes key = random_key(rng, short_keys);
            Bytes value;  // a non-empty key of the trie
            while (value.empty())
                value = std::next(m.begin(), static_cast<long>(rng() % m.size()))->first;
            ASSERT_TRUE(lazy.put(key, value));
            MerklePatriciaTrie reference = t;
            reference.put(key, value);
            BytesView own;
            for (const BytesView v : lazy.revealed_values())
                if (v == BytesView{value}) own = v;
            ASSERT_FALSE(own.empty());
            const auto erased = lazy.erase(own);
            ASSERT_TRUE(erased);
            reference.erase(value);
            present += *erased ? 1 : 0;
            ASSERT_EQ(lazy.root_hash(), reference.root_hash()) << "seed " << seed;
        }
    }
    EXPECT_GT(present, 0u);
}

}  // namespace
}  // namespace ultra::trie
