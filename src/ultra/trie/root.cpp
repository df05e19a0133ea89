// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "root.hpp"

#include <algorithm>
#include <cstring>
#include <ultra/core/assert.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <vector>

#include "nibbles.hpp"
#include "node.hpp"

namespace ultra::trie {
namespace {

// Room left in front of a node's payload for its list header (at most 1 + 8 bytes).
constexpr size_t kHeaderRoom = 9;
constexpr uint8_t kHashPrefix = 0x80 + 32;

bool key_less(const KeyValue& a, const KeyValue& b) noexcept
{
    const size_t n = std::min(a.key.size(), b.key.size());
    const int c = n == 0 ? 0 : std::memcmp(a.key.data(), b.key.data(), n);
    return c < 0 || (c == 0 && a.key.size() < b.key.size());
}

// Builds the trie of a sorted range recursively. Each call appends the node's reference, as
// an item of its parent's list (0xa0 + hash, or the embedded RLP), to one shared buffer: a node
// writes its payload after the references of its already finished siblings, then replaces that
// payload with its own reference. The buffer grows to (depth x largest node), once.
class Builder
{
public:
    explicit Builder(std::span<const KeyValue> entries) noexcept : kv_{entries} {}

    Hash256 run()
    {
        if (kv_.empty()) return kEmptyRoot;
        buf_.reserve(4096);
        build(0, kv_.size(), 0);
        if (buf_.size() == 33 && buf_[0] == kHashPrefix)
            return Hash256::from_view(BytesView{buf_}.substr(1));
        return keccak256(buf_);  // a root is hashed even when shorter than 32 bytes
    }

private:
    // Appends the reference of the node holding entries [lo, hi), all of which share their
    // first `depth` nibbles.
    void build(size_t lo, size_t hi, size_t depth)
    {
        const size_t mark = begin_node();
        if (hi - lo == 1) {
            const KeyValue& e = kv_[lo];
            encode_leaf_payload(e.key, depth, e.value);
            end_node(mark);
            return;
        }
        const BytesView first = kv_[lo].key;
        const BytesView last = kv_[hi - 1].key;
        const size_t common = common_prefix_length_packed(first, last, depth);
        if (common > 0) {
            // An extension over the common part, then the branch.
            const size_t n = hex_prefix_length(common);
            if (n > 1) rlp::encode_header(buf_, false, n);
            append_path(first, depth, common);
            build_branch(lo, hi, depth + common);
        } else {
            build_branch_payload(lo, hi, depth);
        }
        end_node(mark);
    }

    // Appends the reference of the branch over [lo, hi) at `depth`.
    void build_branch(size_t lo, size_t hi, size_t depth)
    {
        const size_t mark = begin_node();
        build_branch_payload(lo, hi, depth);
        end_node(mark);
    }

    // Appends the 17 items of the branch over [lo, hi) at `depth`.
    void build_branch_payload(size_t lo, size_t hi, size_t depth)
    {
        // Sorted and unique, so at most the first key ends here: it is the branch value.
        BytesView value;
        if (2 * kv_[lo].key.size() == depth) {
            value = kv_[lo].value;
            ++lo;
        }
        size_t i = lo;
        for (uint8_t slot = 0; slot < 16; ++slot) {
            if (i == hi || nibble_at(kv_[i].key, depth) != slot) {
                buf_.push_back(0x80);
                continue;
            }
            size_t j = i + 1;
            while (j < hi && nibble_at(kv_[j].key, depth) == slot) ++j;
            build(i, j, depth + 1);
            i = j;
        }
        rlp::encode(buf_, value);
    }

    void encode_leaf_payload(BytesView key, size_t depth, BytesView value)
    {
        const size_t n = hex_prefix_length(2 * key.size() - depth);
        if (n > 1) rlp::encode_header(buf_, false, n);
        hex_prefix_encode_packed(buf_, key, depth, true);
        rlp::encode(buf_, value);
    }

    // Appends the hex-prefix (extension) encoding of `count` nibbles of `key` from `begin`.
    void append_path(BytesView key, size_t begin, size_t count)
    {
        path_.resize(count);
        for (size_t i = 0; i < count; ++i) path_[i] = nibble_at(key, begin + i);
        hex_prefix_encode(buf_, path_, false);
    }

    size_t begin_node()
    {
        const size_t mark = buf_.size();
        buf_.resize(mark + kHeaderRoom);
        return mark;
    }

    // The payload is buf_[mark + kHeaderRoom, end): prefix the list header, then replace the
    // node with its reference.
    void end_node(size_t mark)
    {
        const size_t payload_size = buf_.size() - mark - kHeaderRoom;
        header_.clear();
        rlp::encode_header(header_, true, payload_size);
        const size_t start = mark + kHeaderRoom - header_.size();
        std::memcpy(&buf_[start], header_.data(), header_.size());
        const size_t rlp_size = buf_.size() - start;
        if (rlp_size >= kHashReferenceThreshold) {
            const Hash256 h = keccak256(BytesView{buf_}.substr(start));
            buf_.resize(mark + 33);
            buf_[mark] = kHashPrefix;
            std::memcpy(&buf_[mark + 1], h.data(), 32);
        } else {
            std::memmove(&buf_[mark], &buf_[start], rlp_size);
            buf_.resize(mark + rlp_size);
        }
    }

    std::span<const KeyValue> kv_;
    Bytes buf_;
    Bytes header_;
    Nibbles path_;
};

// An entry to sort with the first 8 bytes of its key, big-endian and zero-padded, inline:
// most comparisons are then decided without following the key pointers (cache misses).
// Padding keeps the order: where two padded prefixes differ, the shorter key (if one ended) is
// a proper prefix of the other, or the first differing real bytes decide.
struct SortItem
{
    uint64_t prefix;
    KeyValue kv;
};

void sort_by_key(std::span<KeyValue> entries)
{
    constexpr size_t kSmall = 64;
    if (entries.size() <= kSmall) {
        std::sort(entries.begin(), entries.end(), key_less);
        return;
    }
    std::vector<SortItem> items(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        const BytesView key = entries[i].key;
        uint64_t prefix = 0;
        for (size_t j = 0; j < 8; ++j) prefix = (prefix << 8) | (j < key.size() ? key[j] : 0);
        items[i] = {prefix, entries[i]};
    }
    std::sort(items.begin(), items.end(), [](const SortItem& a, const SortItem& b) {
        return a.prefix != b.prefix ? a.prefix < b.prefix : key_less(a.kv, b.kv);
    });
    for (size_t i = 0; i < entries.size(); ++i) entries[i] = items[i].kv;
}

}  // namespace

Hash256 root_sorted(std::span<const KeyValue> entries)
{
    for (size_t i = 0; i < entries.size(); ++i) {
        ULTRA_ASSERT(!entries[i].value.empty());
        if (i > 0) ULTRA_ASSERT(key_less(entries[i - 1], entries[i]));
    }
    return Builder{entries}.run();
}

Hash256 root(std::span<KeyValue> entries)
{
    const auto end = std::remove_if(entries.begin(), entries.end(),
                                    [](const KeyValue& e) { return e.value.empty(); });
    const auto live = entries.first(static_cast<size_t>(end - entries.begin()));
    sort_by_key(live);
    return root_sorted(live);
}

Hash256 secure_root(std::span<const KeyValue> entries)
{
    std::vector<Hash256> hashed(entries.size());
    std::vector<KeyValue> kv;
    kv.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].value.empty()) continue;
        hashed[i] = keccak256(entries[i].key);
        kv.push_back({hashed[i].view(), entries[i].value});
    }
    return root(kv);
}

namespace {
template <typename T>
Hash256 ordered_root_impl(std::span<const T> values)
{
    // RLP(i) in byte order: 1..127 (one byte each), then 0 (0x80), then 128.. (0x81 xx,
    // 0x82 xx xx, ...: longer encodings have larger first bytes, and equal lengths compare as
    // big-endian numbers).
    const size_t n = values.size();
    Bytes keys;
    keys.reserve(n * 4);
    std::vector<std::pair<size_t, size_t>> spans;  // (offset, size) of each key in `keys`
    std::vector<size_t> order;
    order.reserve(n);
    for (size_t i = 1; i < std::min<size_t>(n, 128); ++i) order.push_back(i);
    if (n > 0) order.push_back(0);
    for (size_t i = 128; i < n; ++i) order.push_back(i);
    spans.reserve(n);
    for (const size_t i : order) {
        const size_t offset = keys.size();
        rlp::encode(keys, static_cast<uint64_t>(i));
        spans.emplace_back(offset, keys.size() - offset);
    }
    std::vector<KeyValue> kv;
    kv.reserve(n);
    for (size_t k = 0; k < order.size(); ++k) {
        const BytesView value{values[order[k]]};
        if (value.empty()) continue;
        kv.push_back({BytesView{keys}.substr(spans[k].first, spans[k].second), value});
    }
    return root_sorted(kv);
}
}  // namespace

Hash256 ordered_trie_root(std::span<const Bytes> values)
{
    return ordered_root_impl(values);
}

Hash256 ordered_trie_root(std::span<const BytesView> values)
{
    return ordered_root_impl(values);
}

}  // namespace ultra::trie
