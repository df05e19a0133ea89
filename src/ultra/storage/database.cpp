// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "database.hpp"

namespace ultra::storage::detail {

std::string_view table_name(Table t) noexcept
{
    switch (t) {
        case Table::kHeaders: return "headers";
        case Table::kBodies: return "bodies";
        case Table::kReceipts: return "receipts";
        case Table::kCanonical: return "canonical";
        case Table::kTxIndex: return "tx_index";
        case Table::kAccounts: return "accounts";
        case Table::kStorage: return "storage";
        case Table::kCode: return "code";
        case Table::kTrieNodes: return "trie_nodes";
        case Table::kMeta: return "meta";
    }
    return "unknown";
}

Database::~Database()
{
    if (db == nullptr) return;
    for (auto* h : cf)
        if (h != nullptr) (void)db->DestroyColumnFamilyHandle(h);
    for (auto* h : extra_cf) (void)db->DestroyColumnFamilyHandle(h);
    if (default_cf != nullptr) (void)db->DestroyColumnFamilyHandle(default_cf);
    (void)db->Close();
    delete db;
}

StoreResult<std::optional<Bytes>> Database::get(Table t,
                                                BytesView key,
                                                const rocksdb::Snapshot* snapshot) const
{
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot;
    rocksdb::PinnableSlice value;
    const rocksdb::Status s = db->Get(ro, (*this)[t], slice(key), &value);
    if (s.IsNotFound()) return std::optional<Bytes>{};
    if (!s.ok())
        return unexpected(error(s, std::string{"reading table "} + std::string{table_name(t)}));
    return std::optional<Bytes>{Bytes{view(value)}};
}

StoreError Database::error(const rocksdb::Status& status, std::string_view what) const
{
    const StoreErrorCode code =
        status.IsCorruption() ? StoreErrorCode::kCorruption : StoreErrorCode::kIo;
    return StoreError::make(code, "datadir " + dir.string() + ": " + std::string{what} +
                                      " failed: " + status.ToString());
}

std::optional<BytesView> DbNodeSource::find(const Hash256& hash) const
{
    value_.Reset();
    const rocksdb::Status s =
        db_->db->Get(rocksdb::ReadOptions{}, (*db_)[Table::kTrieNodes], slice(hash), &value_);
    if (s.IsNotFound()) return std::nullopt;
    if (!s.ok()) {
        if (!failure_) failure_ = db_->error(s, "reading a trie node");
        return std::nullopt;
    }
    return view(value_);
}

}  // namespace ultra::storage::detail
