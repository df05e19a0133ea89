// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to ultra::storage: the RocksDB handle and its column families. Only the library's
// .cpp files include this header, so that users of the storage API never see RocksDB.

#include <rocksdb/db.h>
#include <rocksdb/slice.h>
#include <rocksdb/snapshot.h>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/trie/proof.hpp>

#include "errors.hpp"

namespace ultra::storage::detail {

/// The column families of a datadir (docs/storage.md § Tables).
enum class Table : uint8_t
{
    kHeaders,    ///< block hash -> header RLP
    kBodies,     ///< block hash -> encode_body()
    kReceipts,   ///< block hash -> encode_receipts()
    kCanonical,  ///< be64(number) -> block hash
    kTxIndex,    ///< tx hash -> encode_tx_location()
    kAccounts,   ///< address -> account RLP with its storage root (the latest state)
    kStorage,    ///< address ‖ slot -> 32-byte value (the latest state; zero slots absent)
    kCode,       ///< code hash -> code
    kTrieNodes,  ///< node hash -> node RLP (every account- and storage-trie node ever written)
    kMeta,       ///< schema, chain identity, head, and the node's own entries
};

/// Number of Table values.
inline constexpr size_t kTableCount = 10;

/// The column family name of `t` ("headers", ...).
[[nodiscard]] std::string_view table_name(Table t) noexcept;

/// A RocksDB slice over `b` (no copy).
[[nodiscard]] inline rocksdb::Slice slice(BytesView b) noexcept
{
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

/// The bytes of a RocksDB slice (no copy).
[[nodiscard]] inline BytesView view(const rocksdb::Slice& s) noexcept
{
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

/// An open database: the DB, one handle per Table and the datadir (for messages). Shared by the
/// ChainStore and every view it hands out, so that a view may outlive the store safely.
/// RocksDB's DB is safe for concurrent use; so is this.
struct Database
{
    std::filesystem::path dir;                                   ///< the datadir
    rocksdb::DB* db = nullptr;                                   ///< owned
    rocksdb::ColumnFamilyHandle* default_cf = nullptr;           ///< owned, unused
    std::array<rocksdb::ColumnFamilyHandle*, kTableCount> cf{};  ///< owned
    std::vector<rocksdb::ColumnFamilyHandle*> extra_cf;  ///< unknown families (opened, unused)

    Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    /// Releases the handles and closes the database.
    ~Database();

    /// The handle of `t`.
    [[nodiscard]] rocksdb::ColumnFamilyHandle* operator[](Table t) const noexcept
    {
        return cf[static_cast<size_t>(t)];
    }

    /// The value of `key` in `t` (at `snapshot` when given), std::nullopt when absent.
    [[nodiscard]] StoreResult<std::optional<Bytes>>
    get(Table t, BytesView key, const rocksdb::Snapshot* snapshot = nullptr) const;

    /// A StoreError for a failed RocksDB call: the datadir, `what` was being done, RocksDB's
    /// message; kCorruption for corruption, kIo otherwise.
    [[nodiscard]] StoreError error(const rocksdb::Status& status, std::string_view what) const;
};

/// A RocksDB snapshot released when the last owner goes (views share one).
class Snapshot
{
public:
    /// A snapshot of `db` now.
    explicit Snapshot(std::shared_ptr<const Database> db)
        : db_{std::move(db)}, snapshot_{db_->db->GetSnapshot()}
    {}
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;
    ~Snapshot() { db_->db->ReleaseSnapshot(snapshot_); }

    /// The RocksDB snapshot, for ReadOptions::snapshot.
    [[nodiscard]] const rocksdb::Snapshot* get() const noexcept { return snapshot_; }

private:
    std::shared_ptr<const Database> db_;
    const rocksdb::Snapshot* snapshot_;
};

/// A trie::NodeSource over the `trie_nodes` table. One per thread: find()'s view lives in the
/// source's buffer until the next find(). A RocksDB failure reads as a missing node and is kept in
/// failure().
class DbNodeSource final : public trie::NodeSource
{
public:
    /// A source over `db`'s trie nodes; `db` must outlive it.
    explicit DbNodeSource(const Database& db) noexcept : db_{&db} {}

    /// See trie::NodeSource::find().
    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override;

    /// The first RocksDB failure met (not NotFound), if any.
    [[nodiscard]] const std::optional<StoreError>& failure() const noexcept { return failure_; }

private:
    const Database* db_;
    mutable rocksdb::PinnableSlice value_;
    mutable std::optional<StoreError> failure_;
};

}  // namespace ultra::storage::detail
