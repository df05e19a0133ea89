// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "chain_store.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <exception>
#include <system_error>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/trie/partial_trie.hpp>
#include <unordered_map>

#include "database.hpp"

namespace ultra::storage {
namespace {

namespace fs = std::filesystem;
using detail::Database;
using detail::slice;
using detail::Table;
using detail::view;

// The `meta` table's keys. The node's own entries live under kNodeMetaPrefix.
constexpr std::string_view kMetaSchemaVersion = "schema_version";
constexpr std::string_view kMetaChainId = "chain_id";
constexpr std::string_view kMetaGenesisHash = "genesis_hash";
constexpr std::string_view kMetaHead = "head";
constexpr std::string_view kNodeMetaPrefix = "node:";

constexpr std::array<Table, detail::kTableCount> kTables = {
    Table::kHeaders,  Table::kBodies,  Table::kReceipts, Table::kCanonical, Table::kTxIndex,
    Table::kAccounts, Table::kStorage, Table::kCode,     Table::kTrieNodes, Table::kMeta,
};

BytesView key_of(std::string_view s) noexcept
{
    return to_bytes_view(s);
}

Bytes be_bytes(uint64_t v, size_t width)
{
    Bytes out;
    for (size_t i = width; i > 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * (i - 1))));
    return out;
}

std::optional<uint64_t> from_be(BytesView b, size_t width) noexcept
{
    if (b.size() != width) return std::nullopt;
    uint64_t v = 0;
    for (const uint8_t x : b) v = (v << 8) | x;
    return v;
}

StoreError make_error(StoreErrorCode code, const fs::path& dir, std::string_view what)
{
    return StoreError::make(code, "datadir " + dir.string() + " " + std::string{what});
}

// The flat `storage` table's key: address ‖ slot.
Bytes storage_key(const Address& addr, const Bytes32& key)
{
    Bytes k{addr.view()};
    k.append(key.view());
    return k;
}

// An exclusive end key above every `storage` key of `addr` (they are all 52 bytes long).
Bytes storage_range_end(const Address& addr)
{
    Bytes k{addr.view()};
    k.append(32, 0xff);
    k.push_back(0x00);
    return k;
}

bool is_modified(const state::StateDiff& diff, const Address& addr)
{
    const auto it = std::lower_bound(
        diff.modified_accounts.begin(), diff.modified_accounts.end(), addr,
        [](const state::AccountDiff& d, const Address& a) { return d.address < a; });
    return it != diff.modified_accounts.end() && it->address == addr;
}

// The RocksDB options of every table: a shared LRU block cache and 10-bit bloom filters (most
// reads are point lookups of keys that exist or, for fresh accounts, do not).
rocksdb::ColumnFamilyOptions table_options(const std::shared_ptr<rocksdb::Cache>& cache)
{
    rocksdb::ColumnFamilyOptions cf;
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = cache;
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    t.cache_index_and_filter_blocks = true;
    t.pin_l0_filter_and_index_blocks_in_cache = true;
    cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    cf.write_buffer_size = size_t{16} << 20;
    return cf;
}

rocksdb::DBOptions db_options()
{
    rocksdb::DBOptions o;
    o.create_if_missing = true;
    o.create_missing_column_families = true;
    o.paranoid_checks = true;
    o.db_write_buffer_size = size_t{128} << 20;  // memtables of all tables together
    o.max_background_jobs = 2;
    o.keep_log_file_num = 2;
    o.max_log_file_size = size_t{1} << 20;
    return o;
}

// A RocksDB failure while opening: the lock of another process, corruption, or I/O.
StoreError open_error(const fs::path& dir, const rocksdb::Status& s)
{
    const std::string msg = s.ToString();
    if (s.IsIOError() && msg.find("lock") != std::string::npos) {
        return make_error(StoreErrorCode::kLocked, dir,
                          "is in use by another process (or already open in this one): " + msg);
    }
    if (s.IsCorruption())
        return make_error(StoreErrorCode::kCorruption, dir, "holds a damaged database: " + msg);
    return make_error(StoreErrorCode::kIo, dir, "cannot be opened: " + msg);
}

// The nodes of a block being committed, in front of the stored ones.
class LayeredSource final : public trie::NodeSource
{
public:
    LayeredSource(const std::unordered_map<Hash256, BytesView, FixedBytesHash>& fresh,
                  const Database& db) noexcept
        : fresh_{fresh}, stored_{db}
    {}

    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override
    {
        const auto it = fresh_.find(hash);
        if (it != fresh_.end()) return it->second;
        return stored_.find(hash);
    }

    [[nodiscard]] const std::optional<StoreError>& failure() const noexcept
    {
        return stored_.failure();
    }

private:
    const std::unordered_map<Hash256, BytesView, FixedBytesHash>& fresh_;
    detail::DbNodeSource stored_;
};

// The `trie_nodes` table as a NodeSource that keeps the database alive (trie_node_source()).
class OwningNodeSource final : public trie::NodeSource
{
public:
    explicit OwningNodeSource(std::shared_ptr<const Database> db) noexcept
        : db_{std::move(db)}, source_{*db_}
    {}

    [[nodiscard]] std::optional<BytesView> find(const Hash256& hash) const override
    {
        return source_.find(hash);
    }

private:
    std::shared_ptr<const Database> db_;
    detail::DbNodeSource source_;
};

// The genesis alloc as a diff over the empty state.
state::StateDiff alloc_diff(const state::InMemoryState& alloc)
{
    state::StateDiff diff;
    for (const auto& [addr, acc] : alloc.accounts()) {
        state::AccountDiff& d = diff.modified_accounts.emplace_back();
        d.address = addr;
        d.nonce = acc.nonce;
        d.balance = acc.balance;
        d.code_hash = acc.code_hash;
        if (!acc.code.empty()) d.code = acc.code;
        d.storage.assign(acc.storage.begin(), acc.storage.end());
    }
    return diff;
}

std::string describe_chain(uint64_t chain_id, const Hash256& genesis)
{
    return "chain id " + std::to_string(chain_id) + " with genesis " + to_0x_hex(genesis);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------------

ChainStore::ChainStore(fs::path dir,
                       ChainIdentity chain,
                       std::shared_ptr<Database> db,
                       std::optional<ChainHead> head,
                       bool sync)
    : dir_{std::move(dir)}, chain_{chain}, db_{std::move(db)}, sync_{sync}, head_{head}
{}

ChainStore::~ChainStore() = default;

StoreResult<std::unique_ptr<ChainStore>> ChainStore::open(const fs::path& dir,
                                                          const ChainIdentity& chain,
                                                          const OpenOptions& options)
try {
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status))
            return unexpected(make_error(StoreErrorCode::kNotADatabase, dir, "is not a directory"));
        const bool has_current = fs::exists(dir / "CURRENT", ec);
        const bool empty = fs::is_empty(dir, ec);
        if (ec) {
            return unexpected(
                make_error(StoreErrorCode::kIo, dir, "cannot be read: " + ec.message()));
        }
        if (!has_current && !empty) {
            return unexpected(make_error(
                StoreErrorCode::kNotADatabase, dir,
                "is not empty and holds no ultrasound database (no RocksDB CURRENT file); "
                "refusing to write into it"));
        }
    } else {
        if (!options.create_if_missing)
            return unexpected(make_error(StoreErrorCode::kNotFound, dir, "does not exist"));
        fs::create_directories(dir, ec);
        if (ec) {
            return unexpected(
                make_error(StoreErrorCode::kIo, dir, "cannot be created: " + ec.message()));
        }
    }

    const rocksdb::DBOptions dbo = db_options();
    const rocksdb::ColumnFamilyOptions cfo =
        table_options(rocksdb::NewLRUCache(options.block_cache_bytes));

    // An existing database must have every table of ours; unknown families are opened too
    // (RocksDB requires it) and left alone.
    std::vector<std::string> existing;
    if (fs::exists(dir / "CURRENT", ec)) {
        const rocksdb::Status s =
            rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions{}, dir.string(), &existing);
        if (!s.ok()) return unexpected(open_error(dir, s));
        for (const Table t : kTables) {
            const std::string name{detail::table_name(t)};
            if (std::find(existing.begin(), existing.end(), name) == existing.end()) {
                // ListColumnFamilies() skips what it cannot parse: a damaged manifest also
                // looks like a foreign database. A read-only open tells them apart.
                rocksdb::Options probe;
                probe.paranoid_checks = true;
                rocksdb::DB* raw = nullptr;
                const rocksdb::Status ps = rocksdb::DB::OpenForReadOnly(probe, dir.string(), &raw);
                delete raw;
                if (!ps.ok()) return unexpected(open_error(dir, ps));
                return unexpected(make_error(StoreErrorCode::kNotADatabase, dir,
                                             "holds a RocksDB database that is not an ultrasound "
                                             "chain database (no table '" +
                                                 name + "')"));
            }
        }
    }
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    families.emplace_back(rocksdb::kDefaultColumnFamilyName, cfo);
    for (const Table t : kTables) families.emplace_back(std::string{detail::table_name(t)}, cfo);
    for (const std::string& name : existing) {
        if (name == rocksdb::kDefaultColumnFamilyName) continue;
        if (std::any_of(kTables.begin(), kTables.end(),
                        [&](Table t) { return detail::table_name(t) == name; }))
            continue;
        families.emplace_back(name, cfo);
    }

    auto db = std::make_shared<Database>();
    db->dir = dir;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    const rocksdb::Status s = rocksdb::DB::Open(dbo, dir.string(), families, &handles, &raw);
    if (!s.ok()) return unexpected(open_error(dir, s));
    db->db = raw;
    db->default_cf = handles[0];
    for (size_t i = 0; i < detail::kTableCount; ++i) db->cf[i] = handles[1 + i];
    for (size_t i = 1 + detail::kTableCount; i < handles.size(); ++i)
        db->extra_cf.push_back(handles[i]);

    // The identity: recorded by a new database, checked by an existing one.
    ULTRA_TRY(const auto schema, db->get(Table::kMeta, key_of(kMetaSchemaVersion)));
    if (!schema) {
        rocksdb::WriteBatch batch;
        batch.Put((*db)[Table::kMeta], slice(key_of(kMetaSchemaVersion)),
                  slice(be_bytes(kSchemaVersion, 4)));
        batch.Put((*db)[Table::kMeta], slice(key_of(kMetaChainId)),
                  slice(be_bytes(chain.chain_id, 8)));
        batch.Put((*db)[Table::kMeta], slice(key_of(kMetaGenesisHash)), slice(chain.genesis_hash));
        rocksdb::WriteOptions wo;
        wo.sync = true;
        const rocksdb::Status ws = db->db->Write(wo, &batch);
        if (!ws.ok()) return unexpected(db->error(ws, "recording the chain identity"));
        return std::unique_ptr<ChainStore>{
            new ChainStore{dir, chain, std::move(db), std::nullopt, options.sync}};
    }

    const auto version = from_be(*schema, 4);
    if (!version) {
        return unexpected(
            make_error(StoreErrorCode::kCorruption, dir, "has a malformed schema version entry"));
    }
    if (*version != kSchemaVersion) {
        return unexpected(make_error(StoreErrorCode::kSchemaMismatch, dir,
                                     "has storage schema version " + std::to_string(*version) +
                                         "; this build of ultrasound reads version " +
                                         std::to_string(kSchemaVersion)));
    }
    ULTRA_TRY(const auto stored_id, db->get(Table::kMeta, key_of(kMetaChainId)));
    ULTRA_TRY(const auto stored_genesis, db->get(Table::kMeta, key_of(kMetaGenesisHash)));
    const auto chain_id = stored_id ? from_be(*stored_id, 8) : std::nullopt;
    if (!chain_id || !stored_genesis || stored_genesis->size() != 32) {
        return unexpected(
            make_error(StoreErrorCode::kCorruption, dir, "has a malformed chain identity"));
    }
    const Hash256 genesis = Hash256::from_view(*stored_genesis);
    if (*chain_id != chain.chain_id || genesis != chain.genesis_hash) {
        return unexpected(make_error(StoreErrorCode::kWrongChain, dir,
                                     "belongs to " + describe_chain(*chain_id, genesis) + ", not " +
                                         describe_chain(chain.chain_id, chain.genesis_hash)));
    }

    ULTRA_TRY(const auto stored_head, db->get(Table::kMeta, key_of(kMetaHead)));
    std::optional<ChainHead> head;
    if (stored_head) {
        head = decode_head(*stored_head);
        if (!head)
            return unexpected(make_error(StoreErrorCode::kCorruption, dir, "has a malformed head"));
        ULTRA_TRY(const auto canonical, db->get(Table::kCanonical, block_num_key(head->number)));
        if (!canonical || *canonical != Bytes{head->hash.view()}) {
            return unexpected(make_error(StoreErrorCode::kCorruption, dir,
                                         "has a head that is not in its canonical chain"));
        }
    }
    return std::unique_ptr<ChainStore>{
        new ChainStore{dir, chain, std::move(db), head, options.sync}};
} catch (const std::exception& e) {
    return unexpected(
        make_error(StoreErrorCode::kIo, dir, std::string{"cannot be opened: "} + e.what()));
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

StoreResult<void> ChainStore::commit_genesis(const Block& genesis,
                                             const state::InMemoryState& alloc)
{
    const Hash256 hash = header_hash(genesis.header);
    if (head()) {
        ULTRA_TRY(const auto stored, canonical_hash(0));
        if (stored && *stored == hash) return {};
        return unexpected(make_error(StoreErrorCode::kInvalidArgument, dir_,
                                     "already has a different genesis block"));
    }
    if (genesis.header.number != 0 || hash != chain_.genesis_hash) {
        return unexpected(make_error(StoreErrorCode::kInvalidArgument, dir_,
                                     "belongs to genesis " + to_0x_hex(chain_.genesis_hash) +
                                         ", but the genesis block given is block " +
                                         std::to_string(genesis.header.number) + " " +
                                         to_0x_hex(hash)));
    }
    const state::StateDiff diff = alloc_diff(alloc);
    TrieStateRoots roots{db_, trie::kEmptyRoot};
    const auto root = roots.state_root(diff);
    if (!root) {
        return unexpected(make_error(StoreErrorCode::kIo, dir_,
                                     "could not compute the genesis state root: " +
                                         std::string{state::to_string(root.error())}));
    }
    if (*root != genesis.header.state_root) {
        return unexpected(make_error(StoreErrorCode::kInvalidArgument, dir_,
                                     "refuses the genesis: its alloc has state root " +
                                         to_0x_hex(*root) + ", its header " +
                                         to_0x_hex(genesis.header.state_root)));
    }
    return commit_block(genesis, {}, diff, roots.new_nodes());
}

StoreResult<void> ChainStore::commit_block(const Block& block,
                                           std::span<const execution::TxReceipt> receipts,
                                           const state::StateDiff& diff,
                                           std::span<const Bytes> new_trie_nodes,
                                           std::span<const MetaEntry> meta,
                                           bool sync)
{
    const std::lock_guard lock{write_mutex_};
    const BlockHeader& header = block.header;
    const Hash256 hash = header_hash(header);
    const std::string block_name = "block " + std::to_string(header.number) + " " + to_0x_hex(hash);
    auto refuse = [&](std::string why) {
        return unexpected(make_error(StoreErrorCode::kInvalidArgument, dir_,
                                     "refuses " + block_name + ": " + why));
    };

    const std::optional<ChainHead> parent = head();
    if (parent) {
        if (header.number != parent->number + 1 || header.parent_hash != parent->hash) {
            return refuse("it does not extend the head, block " + std::to_string(parent->number) +
                          " " + to_0x_hex(parent->hash));
        }
    } else if (header.number != 0 || hash != chain_.genesis_hash) {
        return refuse("the first block must be the genesis " + to_0x_hex(chain_.genesis_hash));
    }
    if (receipts.size() != block.transactions.size()) {
        return refuse(std::to_string(receipts.size()) + " receipts for " +
                      std::to_string(block.transactions.size()) + " transactions");
    }

    // The new nodes by hash: their keys in `trie_nodes`, and the source that reads the new state.
    std::unordered_map<Hash256, BytesView, FixedBytesHash> fresh;
    fresh.reserve(new_trie_nodes.size());
    for (const Bytes& node : new_trie_nodes) fresh.emplace(keccak256(node), node);
    const LayeredSource source{fresh, *db_};
    const Hash256& root = header.state_root;
    if (root != trie::kEmptyRoot && !source.find(root)) {
        if (source.failure()) return unexpected(*source.failure());
        return refuse("its state root " + to_0x_hex(root) +
                      " is neither stored nor among the new trie nodes");
    }

    rocksdb::WriteBatch batch;
    auto* const accounts_cf = (*db_)[Table::kAccounts];
    auto* const storage_cf = (*db_)[Table::kStorage];

    // The flat state, in StateDiff's order: deletions (with all their storage), then the modified
    // accounts, whose leaves are read back from the new state root: that checks the nodes
    // against the diff and gives each account's new storage root.
    for (const Address& addr : diff.deleted_accounts) {
        // Drop the account's slots, if it had any (a range tombstone costs every later read of
        // the table a little, so none is written for an account without storage).
        ULTRA_TRY(const auto old_account, db_->get(Table::kAccounts, addr));
        bool had_storage = false;
        if (old_account) {
            const auto decoded = state::decode_account(*old_account);
            had_storage = !decoded || decoded->storage_root != trie::kEmptyRoot;
        }
        if (had_storage) batch.DeleteRange(storage_cf, slice(addr), slice(storage_range_end(addr)));
        if (is_modified(diff, addr)) continue;
        const auto leaf = trie::get(source, root, keccak256(addr), trie::HashCheck::kTrusted);
        if (!leaf || leaf->has_value()) {
            if (source.failure()) return unexpected(*source.failure());
            return refuse("deleted account " + to_0x_hex(addr) +
                          " is not proven absent by the new trie nodes");
        }
        batch.Delete(accounts_cf, slice(addr));
    }
    for (const state::AccountDiff& d : diff.modified_accounts) {
        const auto leaf = trie::get(source, root, keccak256(d.address), trie::HashCheck::kTrusted);
        if (!leaf || !leaf->has_value()) {
            if (source.failure()) return unexpected(*source.failure());
            return refuse("account " + to_0x_hex(d.address) +
                          " of the diff is not in the state of the new trie nodes");
        }
        const auto account = state::decode_account(**leaf);
        if (!account || account->info != state::AccountInfo{d.nonce, d.balance, d.code_hash})
            return refuse("account " + to_0x_hex(d.address) + " differs from the diff in the trie");
        batch.Put(accounts_cf, slice(d.address), slice(**leaf));
        if (d.code && !d.code->empty())
            batch.Put((*db_)[Table::kCode], slice(d.code_hash), slice(*d.code));
        for (const auto& [key, value] : d.storage) {
            const Bytes k = storage_key(d.address, key);
            if (value.is_zero())
                batch.Delete(storage_cf, slice(k));
            else
                batch.Put(storage_cf, slice(k), slice(value));
        }
    }

    for (const auto& [node_hash, node] : fresh)
        batch.Put((*db_)[Table::kTrieNodes], slice(node_hash), slice(node));

    // The block.
    batch.Put((*db_)[Table::kHeaders], slice(hash), slice(encode_block_header(header)));
    batch.Put((*db_)[Table::kBodies], slice(hash), slice(encode_body(block)));
    std::vector<Hash256> tx_hashes;
    tx_hashes.reserve(block.transactions.size());
    for (const Transaction& tx : block.transactions) tx_hashes.push_back(transaction_hash(tx));
    batch.Put((*db_)[Table::kReceipts], slice(hash), slice(encode_receipts(tx_hashes, receipts)));
    batch.Put((*db_)[Table::kCanonical], slice(block_num_key(header.number)), slice(hash));
    for (size_t i = 0; i < tx_hashes.size(); ++i) {
        const TxLocation loc{hash, header.number, static_cast<uint32_t>(i)};
        batch.Put((*db_)[Table::kTxIndex], slice(tx_hashes[i]), slice(encode_tx_location(loc)));
    }
    for (const MetaEntry& e : meta) {
        const std::string key = std::string{kNodeMetaPrefix} + e.key;
        batch.Put((*db_)[Table::kMeta], slice(key_of(key)), slice(e.value));
    }
    const ChainHead new_head{hash, header.number, root};
    batch.Put((*db_)[Table::kMeta], slice(key_of(kMetaHead)), slice(encode_head(new_head)));

    rocksdb::WriteOptions wo;
    wo.sync = sync_ && sync;
    const rocksdb::Status s = db_->db->Write(wo, &batch);
    if (!s.ok()) return unexpected(db_->error(s, "committing " + block_name));

    const std::lock_guard head_lock{head_mutex_};
    head_ = new_head;
    return {};
}

StoreResult<void> ChainStore::sync_wal()
{
    const rocksdb::Status s = db_->db->SyncWAL();
    if (!s.ok()) return unexpected(db_->error(s, "syncing the write-ahead log"));
    return {};
}

StoreResult<void> ChainStore::put_meta(std::string_view key, BytesView value)
{
    const std::string k = std::string{kNodeMetaPrefix} + std::string{key};
    rocksdb::WriteOptions wo;
    wo.sync = sync_;
    const rocksdb::Status s =
        db_->db->Put(wo, (*db_)[Table::kMeta], slice(key_of(k)), slice(value));
    if (!s.ok()) return unexpected(db_->error(s, "writing meta entry " + std::string{key}));
    return {};
}

StoreResult<std::optional<Bytes>> ChainStore::get_meta(std::string_view key) const
{
    const std::string k = std::string{kNodeMetaPrefix} + std::string{key};
    return db_->get(Table::kMeta, key_of(k));
}

// ---------------------------------------------------------------------------------------------
// Chain reads
// ---------------------------------------------------------------------------------------------

std::optional<ChainHead> ChainStore::head() const
{
    const std::lock_guard lock{head_mutex_};
    return head_;
}

StoreResult<std::optional<Hash256>> ChainStore::canonical_hash(uint64_t number) const
{
    ULTRA_TRY(const auto value, db_->get(Table::kCanonical, block_num_key(number)));
    if (!value) return std::optional<Hash256>{};
    if (value->size() != 32) {
        return unexpected(
            make_error(StoreErrorCode::kCorruption, dir_,
                       "has a malformed canonical entry for block " + std::to_string(number)));
    }
    return std::optional<Hash256>{Hash256::from_view(*value)};
}

StoreResult<std::optional<BlockHeader>> ChainStore::header(const Hash256& hash) const
{
    ULTRA_TRY(const auto value, db_->get(Table::kHeaders, hash));
    if (!value) return std::optional<BlockHeader>{};
    auto decoded = decode_block_header(*value);
    if (!decoded) {
        return unexpected(make_error(StoreErrorCode::kCorruption, dir_,
                                     "has a malformed header for block " + to_0x_hex(hash)));
    }
    return std::optional<BlockHeader>{std::move(decoded).value()};
}

StoreResult<std::optional<BlockHeader>> ChainStore::header_by_number(uint64_t number) const
{
    ULTRA_TRY(const auto hash, canonical_hash(number));
    if (!hash) return std::optional<BlockHeader>{};
    return header(*hash);
}

StoreResult<std::optional<Block>> ChainStore::block(const Hash256& hash) const
{
    ULTRA_TRY(const auto header_rlp, db_->get(Table::kHeaders, hash));
    if (!header_rlp) return std::optional<Block>{};
    ULTRA_TRY(const auto body, db_->get(Table::kBodies, hash));
    if (!body) {
        return unexpected(make_error(StoreErrorCode::kCorruption, dir_,
                                     "has no body for block " + to_0x_hex(hash)));
    }
    auto decoded = decode_block_parts(*header_rlp, *body);
    if (!decoded) {
        return unexpected(make_error(StoreErrorCode::kCorruption, dir_,
                                     "has a malformed block " + to_0x_hex(hash)));
    }
    return std::optional<Block>{std::move(decoded).value()};
}

StoreResult<std::optional<BlockReceipts>> ChainStore::receipts(const Hash256& hash) const
{
    ULTRA_TRY(const auto value, db_->get(Table::kReceipts, hash));
    if (!value) return std::optional<BlockReceipts>{};
    auto decoded = decode_receipts(*value);
    if (!decoded) {
        return unexpected(make_error(StoreErrorCode::kCorruption, dir_,
                                     "has malformed receipts for block " + to_0x_hex(hash)));
    }
    return std::optional<BlockReceipts>{std::move(decoded).value()};
}

StoreResult<std::optional<TxLocation>> ChainStore::tx_location(const Hash256& tx_hash) const
{
    ULTRA_TRY(const auto value, db_->get(Table::kTxIndex, tx_hash));
    if (!value) return std::optional<TxLocation>{};
    const auto loc = decode_tx_location(*value);
    if (!loc) {
        return unexpected(
            make_error(StoreErrorCode::kCorruption, dir_,
                       "has a malformed index entry for transaction " + to_0x_hex(tx_hash)));
    }
    return std::optional<TxLocation>{*loc};
}

StoreResult<void> ChainStore::for_each_block_logs(
    uint64_t from,
    uint64_t to,
    const std::function<bool(const Bloom&)>& may_match,
    const std::function<bool(const BlockLogs&)>& visit) const
{
    const auto h = head();
    if (!h || from > to || from > h->number) return {};
    to = std::min(to, h->number);
    for (uint64_t n = from; n <= to; ++n) {
        ULTRA_TRY(const auto hash, canonical_hash(n));
        if (!hash) break;  // cannot happen below the head; be safe
        ULTRA_TRY(const auto hdr, header(*hash));
        if (!hdr) {
            return unexpected(make_error(StoreErrorCode::kCorruption, dir_,
                                         "has no header for canonical block " + std::to_string(n)));
        }
        if (!may_match(hdr->logs_bloom)) continue;
        ULTRA_TRY(const auto rs, receipts(*hash));
        if (!rs) {
            return unexpected(
                make_error(StoreErrorCode::kCorruption, dir_,
                           "has no receipts for canonical block " + std::to_string(n)));
        }
        if (!visit(BlockLogs{*hash, *hdr, *rs})) break;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

std::unique_ptr<HeadStateView> ChainStore::state_view_at_head() const
{
    // The head and the snapshot must agree: read the head at the snapshot.
    auto snapshot = std::make_shared<const detail::Snapshot>(db_);
    std::optional<ChainHead> h;
    const auto value = db_->get(Table::kMeta, key_of(kMetaHead), snapshot->get());
    if (value && *value) h = decode_head(**value);
    return std::make_unique<HeadStateView>(db_, std::move(snapshot), h);
}

std::unique_ptr<TrieStateView> ChainStore::state_view_at(const Hash256& state_root) const
{
    return std::make_unique<TrieStateView>(db_, state_root);
}

StoreResult<bool> ChainStore::has_state(const Hash256& state_root) const
{
    if (state_root == trie::kEmptyRoot) return true;
    ULTRA_TRY(const auto node, db_->get(Table::kTrieNodes, state_root));
    return node.has_value();
}

std::unique_ptr<TrieStateRoots> ChainStore::state_roots(const Hash256& parent_state_root) const
{
    return std::make_unique<TrieStateRoots>(db_, parent_state_root);
}

std::unique_ptr<CanonicalBlockHashes> ChainStore::block_hashes() const
{
    return std::make_unique<CanonicalBlockHashes>(db_);
}

std::unique_ptr<trie::NodeSource> ChainStore::trie_node_source() const
{
    return std::make_unique<OwningNodeSource>(db_);
}

StoreResult<AccountProof> ChainStore::proof(const Hash256& state_root,
                                            const Address& address,
                                            std::span<const Bytes32> slots) const
{
    const detail::DbNodeSource source{*db_};
    auto proof = make_proof(source, state_root, address, slots);
    if (proof) return std::move(proof).value();
    if (source.failure()) return unexpected(*source.failure());
    if (proof.error() == trie::ProofError::kMissingNode) {
        return unexpected(make_error(StoreErrorCode::kNotFound, dir_,
                                     "does not hold the state of root " + to_0x_hex(state_root)));
    }
    return unexpected(make_error(StoreErrorCode::kCorruption, dir_,
                                 "has a damaged trie node under state root " +
                                     to_0x_hex(state_root) + ": " +
                                     std::string{trie::to_string(proof.error())}));
}

StoreResult<Hash256> ChainStore::flat_state_root() const
{
    const detail::Snapshot snapshot{db_};
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot.get();
    std::unique_ptr<rocksdb::Iterator> accounts{db_->db->NewIterator(ro, (*db_)[Table::kAccounts])};
    std::unique_ptr<rocksdb::Iterator> slots{db_->db->NewIterator(ro, (*db_)[Table::kStorage])};
    auto corrupt = [&](const std::string& what) {
        return unexpected(make_error(StoreErrorCode::kCorruption, dir_, "has " + what));
    };

    trie::MerklePatriciaTrie account_trie;
    slots->SeekToFirst();
    for (accounts->SeekToFirst(); accounts->Valid(); accounts->Next()) {
        const BytesView key = view(accounts->key());
        if (key.size() != 20) return corrupt("a malformed account key");
        const Address addr = Address::from_view(key);
        const auto account = state::decode_account(view(accounts->value()));
        if (!account) return corrupt("a malformed account " + to_0x_hex(addr));

        // Both tables are in address order: the slots of `addr` come next in `storage`, and
        // anything before them belongs to no account.
        trie::MerklePatriciaTrie storage_trie;
        for (; slots->Valid(); slots->Next()) {
            const BytesView sk = view(slots->key());
            if (sk.size() != 52 || view(slots->value()).size() != 32)
                return corrupt("a malformed storage entry");
            if (sk.substr(0, 20) != key) {
                if (sk.substr(0, 20) < key)
                    return corrupt("storage of absent account " + to_0x_hex(sk.substr(0, 20)));
                break;
            }
            storage_trie.put(keccak256(sk.substr(20)),
                             state::encode_storage_value(Bytes32::from_view(view(slots->value()))));
        }
        account_trie.put(keccak256(addr),
                         state::encode_account(account->info, storage_trie.root_hash()));
    }
    if (slots->Valid())
        return corrupt("storage of absent account " + to_0x_hex(view(slots->key()).substr(0, 20)));
    if (!accounts->status().ok())
        return unexpected(db_->error(accounts->status(), "scanning accounts"));
    if (!slots->status().ok()) return unexpected(db_->error(slots->status(), "scanning storage"));
    return account_trie.root_hash();
}

}  // namespace ultra::storage
