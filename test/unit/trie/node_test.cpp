// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/core/hex.hpp>
#include <ultra/trie/node.hpp>

#include "helpers.hpp"

namespace ultra::trie {
namespace {

using namespace ultra::literals;

const Hash256 kSomeHash = "0x0102030405060708091011121314151617181920212223242526272829303132"_b32;

Bytes reencode(const DecodedNode& n)
{
    Bytes out;
    switch (n.kind) {
        case NodeKind::kLeaf: encode_leaf(out, n.path, n.value); break;
        case NodeKind::kExtension:
            encode_extension(out, n.path, NodeReference::from_view(n.child));
            break;
        case NodeKind::kBranch: {
            std::array<NodeReference, 16> refs;
            for (size_t i = 0; i < 16; ++i) refs[i] = NodeReference::from_view(n.children[i]);
            encode_branch(out, refs, n.value);
            break;
        }
    }
    return out;
}

TEST(Node, EmptyRootIsKeccakOfEmptyString)
{
    EXPECT_EQ(kEmptyRoot, test::oracle_keccak256("0x80"_hex));
    EXPECT_EQ(NodeReference{}.root_hash(), kEmptyRoot);
}

TEST(NodeReference, EmbeddedBelow32BytesHashedFrom32)
{
    const Bytes short_rlp(31, 0xc0);
    const auto r31 = NodeReference::from_rlp(short_rlp);
    EXPECT_FALSE(r31.is_hash());
    EXPECT_EQ(r31.view(), BytesView{short_rlp});
    EXPECT_EQ(r31.encoded_length(), 31u);
    EXPECT_EQ(r31.root_hash(), test::oracle_keccak256(short_rlp));

    const Bytes long_rlp(32, 0xc0);
    const auto r32 = NodeReference::from_rlp(long_rlp);
    EXPECT_TRUE(r32.is_hash());
    EXPECT_EQ(r32.hash(), test::oracle_keccak256(long_rlp));
    EXPECT_EQ(r32.root_hash(), test::oracle_keccak256(long_rlp));
    Bytes item;
    r32.append_to(item);
    EXPECT_EQ(item, "0xa0"_hex + Bytes{r32.view()});

    Bytes none;
    NodeReference{}.append_to(none);
    EXPECT_EQ(none, "0x80"_hex);
}

TEST(Node, EncodeLeafByHand)
{
    Bytes out;
    encode_leaf(out, Nibbles{1, 2, 3}, to_bytes_view("abc"));
    // [0x82 0x31 0x23 (hp: odd leaf), 0x83 "abc"]
    EXPECT_EQ(out, "0xc782312383616263"_hex);

    Bytes packed;
    encode_leaf_packed(packed, "0x0123"_hex, 1, to_bytes_view("abc"));
    EXPECT_EQ(packed, out);

    Bytes single;
    encode_leaf(single, Nibbles{}, "0x01"_hex);  // [0x20, 0x01]
    EXPECT_EQ(single, "0xc22001"_hex);
}

TEST(Node, EncodeExtensionByHand)
{
    Bytes out;
    encode_extension(out, Nibbles{0xa}, NodeReference::from_hash(kSomeHash));
    EXPECT_EQ(out, "0xe21aa0"_hex + Bytes{kSomeHash.view()});
}

TEST(Node, EncodeBranchByHand)
{
    std::array<NodeReference, 16> children;
    children[3] = NodeReference::from_hash(kSomeHash);
    const Bytes embedded_leaf = "0xc430826162"_hex;  // [0x30 (hp: leaf [0]), "ab"]
    children[7] = NodeReference::from_rlp(embedded_leaf);
    Bytes out;
    encode_branch(out, children, {});
    const Bytes expected = "0xf5808080a0"_hex + Bytes{kSomeHash.view()} + "0x808080"_hex +
                           embedded_leaf + "0x808080808080808080"_hex;
    EXPECT_EQ(out, expected);

    // 81 bytes of payload: a long list header.
    children[9] = NodeReference::from_hash(kSomeHash);
    children[7].clear();
    Bytes long_form;
    encode_branch(long_form, children, "0x05"_hex);
    EXPECT_EQ(long_form.substr(0, 2), "0xf851"_hex);
    EXPECT_EQ(long_form.size(), 2u + 0x51);
}

TEST(Node, DecodeRoundTrips)
{
    const std::vector<Bytes> nodes = {
        "0xc782312383616263"_hex,
        "0xc22001"_hex,
        "0xe21aa0"_hex + Bytes{kSomeHash.view()},
        "0xc61ac430826162"_hex,  // extension with an embedded leaf
        "0xf5808080a0"_hex + Bytes{kSomeHash.view()} + "0x808080c430826162808080808080808080"_hex,
    };
    for (const auto& rlp : nodes) {
        const auto n = decode_node(rlp);
        ASSERT_TRUE(n) << to_hex(rlp) << ": " << to_string(n.error());
        EXPECT_EQ(reencode(*n), rlp) << to_hex(rlp);
    }
    const Bytes leaf_rlp = "0xc782312383616263"_hex;
    const auto leaf = decode_node(leaf_rlp).value();
    EXPECT_EQ(leaf.kind, NodeKind::kLeaf);
    EXPECT_EQ(leaf.path, (Nibbles{1, 2, 3}));
    EXPECT_EQ(leaf.value, to_bytes_view("abc"));

    const Bytes branch_rlp = nodes[4];
    const auto branch = decode_node(branch_rlp).value();
    EXPECT_EQ(branch.kind, NodeKind::kBranch);
    EXPECT_EQ(branch.children[3], kSomeHash.view());
    EXPECT_EQ(branch.children[7], BytesView{"0xc430826162"_hex});
    EXPECT_TRUE(branch.children[0].empty());
    EXPECT_TRUE(branch.value.empty());
}

TEST(Node, DecodeRejectsMalformed)
{
    const Bytes thirty_one_items = "0xdf"_hex + Bytes(31, 0x01);  // a 32-byte list
    const Bytes sixteen_empty(16, 0x80);
    const std::vector<std::pair<Bytes, NodeError>> cases = {
        {"0x"_hex, NodeError::kInvalidRlp},
        {"0x80"_hex, NodeError::kNotAList},
        {"0x820102"_hex, NodeError::kNotAList},
        {"0xc0"_hex, NodeError::kInvalidItemCount},
        {"0xc3808080"_hex, NodeError::kInvalidItemCount},
        {"0xd2"_hex + sixteen_empty + "0x8080"_hex, NodeError::kInvalidItemCount},
        {"0xc2200100"_hex, NodeError::kInvalidRlp},  // trailing byte
        {"0xc52001"_hex, NodeError::kInvalidRlp},    // truncated
        {"0xf8022001"_hex, NodeError::kInvalidRlp},  // non-canonical list length
        {"0xc3208101"_hex, NodeError::kInvalidRlp},  // non-canonical single byte
        {"0xc22080"_hex, NodeError::kEmptyLeafValue},
        {"0xc24001"_hex, NodeError::kInvalidHexPrefix},
        {"0xc22101"_hex, NodeError::kInvalidHexPrefix},  // even path, padding not zero
        {"0xc2c020"_hex, NodeError::kUnexpectedList},    // path is a list
        {"0xc320c101"_hex, NodeError::kUnexpectedList},  // leaf value is a list
        {"0xc400c22001"_hex, NodeError::kEmptyExtension},
        {"0xc21a80"_hex, NodeError::kInvalidReference},  // extension without child
        {"0xe11a9f"_hex + Bytes(31, 0xaa), NodeError::kInvalidReference},  // 31-byte "hash"
        {"0xe11a"_hex + thirty_one_items, NodeError::kInvalidReference},   // embedded >= 32
        {"0xc41ac28101"_hex, NodeError::kInvalidRlp},  // embedded child not canonical
        {"0xd1"_hex + sixteen_empty + "0xc0"_hex, NodeError::kUnexpectedList},  // branch value
        {"0xd2"_hex + "0x8101"_hex + Bytes(15, 0x80) + "0x80"_hex, NodeError::kInvalidRlp},
        {"0xd2"_hex + "0x8180"_hex + Bytes(15, 0x80) + "0x80"_hex,
         NodeError::kInvalidReference},  // 1-byte string child
    };
    for (const auto& [rlp, want] : cases) {
        const auto n = decode_node(rlp);
        ASSERT_FALSE(n) << to_hex(rlp);
        EXPECT_EQ(n.error(), want) << to_hex(rlp) << ": got " << to_string(n.error());
    }
}

// Never crashes on arbitrary bytes; whatever it accepts is canonical (re-encodes identically).
TEST(Node, DecodeArbitraryBytes)
{
    std::mt19937_64 rng{3};
    const std::vector<Bytes> seeds = {
        "0xc782312383616263"_hex,
        "0xe21aa0"_hex + Bytes{kSomeHash.view()},
        "0xf5808080a0"_hex + Bytes{kSomeHash.view()} + "0x808080c430826162808080808080808080"_hex,
    };
    size_t accepted = 0;
    for (int round = 0; round < 200000; ++round) {
        Bytes input;
        if (round % 2 == 0) {
            input = test::random_bytes(rng, rng() % 48);
        } else {
            input = seeds[rng() % seeds.size()];
            const int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits && !input.empty(); ++e) {
                const size_t pos = rng() % input.size();
                switch (rng() % 3) {
                    case 0: input[pos] = static_cast<uint8_t>(rng()); break;
                    case 1: input.erase(pos, 1); break;
                    default: input.insert(pos, 1, static_cast<uint8_t>(rng())); break;
                }
            }
        }
        const auto n = decode_node(input);
        if (n) {
            ++accepted;
            ASSERT_EQ(reencode(*n), input) << to_hex(input);
        }
    }
    EXPECT_GT(accepted, 0u);
}

// decode_node_view() reads the path in place: the same node as decode_node(), for the shapes
// its fast paths take (hash and empty children) and the general ones (embedded children).
TEST(Node, DecodeViewReadsThePathInPlace)
{
    const Bytes leaf_rlp = "0xc782312383616263"_hex;  // odd path 1 2 3
    const auto leaf = decode_node_view(leaf_rlp).value();
    EXPECT_EQ(leaf.kind, NodeKind::kLeaf);
    ASSERT_EQ(leaf.path.size(), 3u);
    EXPECT_EQ(leaf.path[0], 1);
    EXPECT_EQ(leaf.path[2], 3);
    EXPECT_EQ(leaf.path.unpack(), (Nibbles{1, 2, 3}));
    EXPECT_EQ(leaf.value, to_bytes_view("abc"));
    EXPECT_EQ(leaf.value.data(), leaf_rlp.data() + 5);  // a view into the RLP

    const Bytes ext_rlp = "0xe4820012a0"_hex + Bytes{kSomeHash.view()};  // even path 1 2
    const auto ext = decode_node_view(ext_rlp).value();
    EXPECT_EQ(ext.kind, NodeKind::kExtension);
    EXPECT_EQ(ext.path.unpack(), (Nibbles{1, 2}));
    EXPECT_EQ(ext.child, kSomeHash.view());

    const Bytes branch_rlp =
        "0xf5808080a0"_hex + Bytes{kSomeHash.view()} + "0x808080c430826162808080808080808080"_hex;
    const auto branch = decode_node_view(branch_rlp).value();
    EXPECT_EQ(branch.kind, NodeKind::kBranch);
    EXPECT_TRUE(branch.path.empty());
    EXPECT_EQ(branch.children[3], kSomeHash.view());
    EXPECT_EQ(branch.children[7], BytesView{"0xc430826162"_hex});
    for (const size_t i : {0, 1, 2, 4, 5, 6, 8, 15}) EXPECT_TRUE(branch.children[i].empty());

    // A hash item cut short is not a hash: the general path rejects it.
    const Bytes cut = "0xd1a0"_hex + Bytes(16, 0x11);
    EXPECT_EQ(decode_node_view(cut).error(), NodeError::kInvalidRlp);
    // 0xa0 items are 32-byte strings wherever they are: a leaf value may be one.
    const Bytes leaf32 = "0xe220a0"_hex + Bytes{kSomeHash.view()};
    const auto v = decode_node_view(leaf32).value();
    EXPECT_EQ(v.kind, NodeKind::kLeaf);
    EXPECT_EQ(v.value, kSomeHash.view());
    EXPECT_TRUE(v.path.empty());
}

}  // namespace
}  // namespace ultra::trie
