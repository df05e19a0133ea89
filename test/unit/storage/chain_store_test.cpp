// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <random>
#include <set>
#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/state/account.hpp>
#include <ultra/storage/chain_store.hpp>
#include <ultra/storage/datadir.hpp>
#include <ultra/storage/logs.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/trie/proof.hpp>
#include <utils/fixtures.hpp>

#include "helpers.hpp"

namespace ultra::storage {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::TestBlock;

constexpr uint64_t kChainId = 1337;

/// A chain of synthetic blocks committed to a store, with the model state after each block.
class Chain
{
public:
    explicit Chain(uint64_t seed, size_t accounts = 40, fs::path dir = {})
        : rng_{seed}, dir_path_{dir.empty() ? tmp_.path() / "datadir" : std::move(dir)}
    {
        models_.push_back(test::random_state(rng_, accounts, 5));
        TestBlock genesis;
        genesis.block = test::make_genesis(models_.back());
        blocks_.push_back(std::move(genesis));
        remember(models_.back());
        id_ = ChainIdentity{kChainId, header_hash(blocks_[0].block.header)};
        reopen();
        const auto committed = store_->commit_genesis(blocks_[0].block, models_[0]);
        EXPECT_TRUE(committed.has_value()) << committed.error().message;
    }

    /// Commits one more block with a random diff and `txs` transactions.
    void add_block(size_t txs = 3)
    {
        const state::StateDiff diff = test::random_diff(rng_, models_.back());
        TestBlock b = test::make_block(rng_, *store_, blocks_.back().block.header, diff, txs);
        const auto committed = store_->commit_block(b.block, b.receipts, b.diff, b.nodes);
        ASSERT_TRUE(committed.has_value()) << committed.error().message;
        state::InMemoryState next = models_.back();
        next.apply(diff);
        remember(next);
        models_.push_back(std::move(next));
        blocks_.push_back(std::move(b));
    }

    /// Closes and reopens the store.
    void reopen()
    {
        store_.reset();
        auto opened = ChainStore::open(dir_path_, id_);
        ASSERT_TRUE(opened.has_value()) << opened.error().message;
        store_ = std::move(opened).value();
    }

    ChainStore& store() { return *store_; }
    void close() { store_.reset(); }
    const fs::path& dir() const { return dir_path_; }
    const ChainIdentity& id() const { return id_; }
    const std::vector<TestBlock>& blocks() const { return blocks_; }
    const state::InMemoryState& model(size_t n) const { return models_[n]; }
    const std::set<Address>& addresses() const { return addresses_; }
    std::mt19937_64& rng() { return rng_; }

private:
    void remember(const state::InMemoryState& s)
    {
        for (const auto& [addr, acc] : s.accounts()) addresses_.insert(addr);
    }

    std::mt19937_64 rng_;
    TempDir tmp_;
    fs::path dir_path_;
    ChainIdentity id_;
    std::unique_ptr<ChainStore> store_;
    std::vector<state::InMemoryState> models_;
    std::vector<TestBlock> blocks_;
    std::set<Address> addresses_;  // every account that ever existed
};

/// Checks that `view` shows exactly `model`, also for accounts of `absent` not in it.
void expect_state(const state::StateView& view,
                  const state::InMemoryState& model,
                  const std::set<Address>& all)
{
    for (const Address& addr : all) {
        const auto acc = view.account(addr);
        ASSERT_TRUE(acc.has_value());
        const state::InMemoryAccount* expected = model.find(addr);
        if (expected == nullptr) {
            EXPECT_FALSE(acc->has_value()) << to_0x_hex(addr);
            EXPECT_EQ(view.storage(addr, Bytes32{}).value(), Bytes32{});
            EXPECT_FALSE(view.has_storage(addr).value());
            continue;
        }
        ASSERT_TRUE(acc->has_value()) << to_0x_hex(addr);
        EXPECT_EQ(**acc, expected->info());
        EXPECT_EQ(view.has_storage(addr).value(), !expected->storage.empty());
        for (const auto& [key, value] : expected->storage)
            EXPECT_EQ(view.storage(addr, key).value(), value);
        EXPECT_EQ(view.storage(addr, keccak256(addr)).value(), Bytes32{});  // an absent slot
        const auto code = view.code(expected->code_hash);
        ASSERT_TRUE(code.has_value());
        EXPECT_EQ(*code, expected->code);
    }
}

/// Checks every read of block `n` of `chain` against what was committed.
void expect_block(ChainStore& store, const Chain& chain, size_t n)
{
    const TestBlock& t = chain.blocks()[n];
    const Hash256 hash = header_hash(t.block.header);
    EXPECT_EQ(store.canonical_hash(n).value(), hash);
    EXPECT_EQ(store.header(hash).value(), t.block.header);
    EXPECT_EQ(store.header_by_number(n).value(), t.block.header);
    EXPECT_EQ(store.block(hash).value(), t.block);
    const auto receipts = store.receipts(hash).value();
    ASSERT_TRUE(receipts.has_value());
    ASSERT_EQ(receipts->receipts.size(), t.receipts.size());
    for (size_t i = 0; i < t.receipts.size(); ++i) {
        EXPECT_EQ(receipts->receipts[i].logs, t.receipts[i].logs);
        EXPECT_EQ(receipts->receipts[i].bloom, t.receipts[i].bloom);
        EXPECT_EQ(receipts->receipts[i].cumulative_gas_used, t.receipts[i].cumulative_gas_used);
        EXPECT_EQ(receipts->receipts[i].success, t.receipts[i].success);
        const Hash256 tx_hash = transaction_hash(t.block.transactions[i]);
        EXPECT_EQ(receipts->tx_hashes[i], tx_hash);
        const auto loc = store.tx_location(tx_hash).value();
        ASSERT_TRUE(loc.has_value());
        EXPECT_EQ(*loc, (TxLocation{hash, n, static_cast<uint32_t>(i)}));
    }
}

TEST(ChainStore, GenesisAndBlocksRoundTrip)
{
    Chain chain{1};
    ChainStore& store = chain.store();
    ASSERT_TRUE(store.head().has_value());
    EXPECT_EQ(store.head()->number, 0u);
    EXPECT_EQ(store.head()->hash, chain.id().genesis_hash);
    expect_state(*store.state_view_at_head(), chain.model(0), chain.addresses());

    for (size_t n = 1; n <= 8; ++n) {
        chain.add_block(n % 4);
        const auto head = store.head();
        ASSERT_TRUE(head.has_value());
        EXPECT_EQ(head->number, n);
        EXPECT_EQ(head->hash, header_hash(chain.blocks()[n].block.header));
        EXPECT_EQ(head->state_root, chain.model(n).state_root());
        expect_state(*store.state_view_at_head(), chain.model(n), chain.addresses());
        EXPECT_EQ(store.flat_state_root().value_or(Hash256{}), head->state_root);
    }
    for (size_t n = 0; n <= 8; ++n) expect_block(store, chain, n);
    EXPECT_FALSE(store.canonical_hash(9).value().has_value());
    EXPECT_FALSE(store.header(Hash256{}).value().has_value());
    EXPECT_FALSE(store.block(Hash256{}).value().has_value());
    EXPECT_FALSE(store.receipts(Hash256{}).value().has_value());
    EXPECT_FALSE(store.tx_location(Hash256{}).value().has_value());

    const auto hashes = store.block_hashes();
    EXPECT_EQ(hashes->block_hash(3).value(), header_hash(chain.blocks()[3].block.header));
    EXPECT_EQ(hashes->block_hash(9).error(), state::StateError::kMissingData);

    // Committing the same genesis again is a no-op.
    EXPECT_TRUE(store.commit_genesis(chain.blocks()[0].block, chain.model(0)).has_value());
    EXPECT_EQ(store.head()->number, 8u);
}

TEST(ChainStore, ReopenContinuesWhereItStopped)
{
    Chain chain{2};
    for (int i = 0; i < 5; ++i) chain.add_block();
    const auto before = chain.store().head();
    chain.reopen();
    ChainStore& store = chain.store();
    EXPECT_EQ(store.head(), before);
    expect_state(*store.state_view_at_head(), chain.model(5), chain.addresses());
    for (size_t n = 0; n <= 5; ++n) expect_block(store, chain, n);
    EXPECT_EQ(store.flat_state_root().value_or(Hash256{}), before->state_root);

    // New blocks build on the reopened head, and survive another reopening.
    for (int i = 0; i < 3; ++i) chain.add_block();
    chain.reopen();
    EXPECT_EQ(chain.store().head()->number, 8u);
    expect_state(*chain.store().state_view_at_head(), chain.model(8), chain.addresses());
    for (size_t n = 0; n <= 8; ++n) expect_block(chain.store(), chain, n);
}

TEST(ChainStore, ForeignDatadirIsRefused)
{
    Chain chain{3};
    chain.add_block();
    chain.close();

    const ChainIdentity other_id{1, chain.id().genesis_hash};
    auto r = ChainStore::open(chain.dir(), other_id);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, StoreErrorCode::kWrongChain);
    const std::string expected =
        "datadir " + chain.dir().string() + " belongs to chain id 1337 with genesis " +
        to_0x_hex(chain.id().genesis_hash) + ", not chain id 1 with genesis " +
        to_0x_hex(chain.id().genesis_hash);
    EXPECT_EQ(r.error().message, expected);

    const ChainIdentity other_genesis{kChainId, keccak256(Bytes{1})};
    r = ChainStore::open(chain.dir(), other_genesis);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, StoreErrorCode::kWrongChain);
    EXPECT_NE(r.error().message.find(to_0x_hex(keccak256(Bytes{1}))), std::string::npos);

    // The refusal changed nothing: the right chain still opens.
    chain.reopen();
    EXPECT_EQ(chain.store().head()->number, 1u);
}

TEST(ChainStore, BadDatadirsAreClearErrors)
{
    TempDir tmp;
    const ChainIdentity id{kChainId, keccak256(Bytes{})};

    // A file where the datadir should be.
    const fs::path file = tmp.path() / "file";
    std::ofstream{file} << "hello";
    auto r = ChainStore::open(file, id);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, StoreErrorCode::kNotADatabase);
    EXPECT_NE(r.error().message.find(file.string()), std::string::npos);

    // A directory of unrelated files: refused, and left as it was.
    const fs::path docs = tmp.path() / "docs";
    fs::create_directories(docs);
    std::ofstream{docs / "notes.txt"} << "precious";
    r = ChainStore::open(docs, id);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, StoreErrorCode::kNotADatabase);
    EXPECT_NE(r.error().message.find(docs.string()), std::string::npos);
    EXPECT_EQ(std::distance(fs::directory_iterator{docs}, fs::directory_iterator{}), 1);

    // Garbage where the database files are.
    const fs::path garbage = tmp.path() / "garbage";
    fs::create_directories(garbage);
    std::ofstream{garbage / "CURRENT"} << "\x01\x02 not a manifest name";
    std::ofstream{garbage / "MANIFEST-000001"} << std::string(300, '\x7f');
    r = ChainStore::open(garbage, id);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().code == StoreErrorCode::kCorruption ||
                r.error().code == StoreErrorCode::kIo)
        << r.error().message;
    EXPECT_NE(r.error().message.find(garbage.string()), std::string::npos);

    // A real database whose manifest was overwritten with garbage.
    const fs::path damaged = tmp.path() / "damaged";
    {
        auto store = ChainStore::open(damaged, id);
        ASSERT_TRUE(store.has_value());
    }
    for (const auto& entry : fs::directory_iterator{damaged}) {
        if (entry.path().filename().string().starts_with("MANIFEST"))
            std::ofstream{entry.path(), std::ios::trunc} << std::string(200, '\x55');
    }
    r = ChainStore::open(damaged, id);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().code == StoreErrorCode::kCorruption ||
                r.error().code == StoreErrorCode::kIo)
        << r.error().message;
    EXPECT_NE(r.error().message.find(damaged.string()), std::string::npos);

    // A RocksDB database of some other program.
    const fs::path foreign = tmp.path() / "foreign";
    {
        rocksdb::Options o;
        o.create_if_missing = true;
        rocksdb::DB* db = nullptr;
        ASSERT_TRUE(rocksdb::DB::Open(o, foreign.string(), &db).ok());
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions{}, "k", "v").ok());
        delete db;
    }
    r = ChainStore::open(foreign, id);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, StoreErrorCode::kNotADatabase);
    EXPECT_NE(r.error().message.find("not an ultrasound chain database"), std::string::npos);

    // Missing, without permission to create.
    r = ChainStore::open(tmp.path() / "missing", id, OpenOptions{.create_if_missing = false});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, StoreErrorCode::kNotFound);
}

TEST(ChainStore, SecondOpenOfTheSameDatadirIsLocked)
{
    Chain chain{4};
    const auto again = ChainStore::open(chain.dir(), chain.id());
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, StoreErrorCode::kLocked);
    EXPECT_NE(again.error().message.find("in use"), std::string::npos);
}

TEST(ChainStore, RefusesBlocksThatDoNotFit)
{
    Chain chain{5};
    chain.add_block();
    ChainStore& store = chain.store();
    const auto head = store.head();
    const BlockHeader& parent = chain.blocks().back().block.header;
    state::InMemoryState model = chain.model(1);
    auto expect_refused = [&](const StoreResult<void>& r, std::string_view words) {
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code, StoreErrorCode::kInvalidArgument);
        EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
        EXPECT_EQ(store.head(), head);
    };

    const state::StateDiff diff = test::random_diff(chain.rng(), model);
    TestBlock good = test::make_block(chain.rng(), store, parent, diff, 2);

    TestBlock wrong_parent = good;
    wrong_parent.block.header.parent_hash = Hash256{};
    expect_refused(store.commit_block(wrong_parent.block, wrong_parent.receipts, wrong_parent.diff,
                                      wrong_parent.nodes),
                   "does not extend the head");

    TestBlock wrong_number = good;
    wrong_number.block.header.number = 5;
    expect_refused(store.commit_block(wrong_number.block, wrong_number.receipts, wrong_number.diff,
                                      wrong_number.nodes),
                   "does not extend the head");

    expect_refused(store.commit_block(good.block, {}, good.diff, good.nodes), "receipts");

    if (good.block.header.state_root != head->state_root && !good.nodes.empty()) {
        expect_refused(store.commit_block(good.block, good.receipts, good.diff, {}), "state root");
    }

    // The nodes of another diff do not match this block's diff.
    if (!good.diff.modified_accounts.empty()) {
        TestBlock lying = good;
        lying.diff.modified_accounts.front().nonce += 1;
        expect_refused(store.commit_block(lying.block, lying.receipts, lying.diff, lying.nodes),
                       "differs from the diff");
    }

    // Nothing of the refused blocks leaked in; the good block still commits.
    EXPECT_FALSE(store.header(header_hash(good.block.header)).value().has_value());
    ASSERT_TRUE(store.commit_block(good.block, good.receipts, good.diff, good.nodes).has_value());
    model.apply(good.diff);
    EXPECT_EQ(store.flat_state_root().value_or(Hash256{}), model.state_root());
}

TEST(ChainStore, IncrementalRootEqualsInMemoryRoot)
{
    TempDir tmp;
    std::mt19937_64 rng{6};
    state::InMemoryState model = test::random_state(rng, 200, 8);
    const Block genesis = test::make_genesis(model);
    auto store = ChainStore::open(tmp.path(), {kChainId, header_hash(genesis.header)}).value();
    ASSERT_TRUE(store->commit_genesis(genesis, model).has_value());
    BlockHeader parent = genesis.header;
    for (uint64_t i = 0; i < ultra::test::scaled(40); ++i) {
        const state::StateDiff diff = test::random_diff(rng, model);
        auto roots = store->state_roots(parent.state_root);
        const auto root = roots->state_root(diff);
        ASSERT_TRUE(root.has_value());
        model.apply(diff);
        ASSERT_EQ(*root, model.state_root()) << "block " << i + 1;
        // Commit it so that the next root builds on the stored nodes.
        TestBlock b = test::make_block(rng, *store, parent, diff, 0);
        ASSERT_EQ(b.block.header.state_root, *root);
        ASSERT_TRUE(store->commit_block(b.block, b.receipts, b.diff, b.nodes).has_value());
        parent = b.block.header;
    }
    EXPECT_EQ(store->flat_state_root().value_or(Hash256{}), model.state_root());

    // A parent root the store does not have is missing data, not a wrong root.
    auto unknown = store->state_roots(keccak256(Bytes{42}));
    state::StateDiff one;
    state::AccountDiff d;
    d.address = Address{{1}};
    d.nonce = 1;
    one.modified_accounts.push_back(d);
    EXPECT_EQ(unknown->state_root(one).error(), state::StateError::kMissingData);
    ASSERT_TRUE(unknown->last_error().has_value());
    EXPECT_EQ(unknown->last_error()->code, stateless::StatelessErrorCode::kMissingNode);
}

TEST(ChainStore, ProofsVerifyAgainstTheStateRoot)
{
    Chain chain{7};
    for (int i = 0; i < 4; ++i) chain.add_block();
    ChainStore& store = chain.store();
    const Hash256 root = store.head()->state_root;
    const state::InMemoryState& model = chain.model(4);
    size_t checked_slots = 0;
    for (const Address& addr : chain.addresses()) {
        const state::InMemoryAccount* acc = model.find(addr);
        std::vector<Bytes32> slots{keccak256(addr)};  // absent
        if (acc != nullptr)
            for (const auto& [key, value] : acc->storage) slots.push_back(key);
        const auto proof = store.proof(root, addr, slots);
        ASSERT_TRUE(proof.has_value()) << proof.error().message;
        EXPECT_EQ(proof->address, addr);

        const auto proven = trie::verify_proof(root, keccak256(addr), proof->account_proof);
        ASSERT_TRUE(proven.has_value());
        ASSERT_EQ(proven->has_value(), acc != nullptr);
        const Hash256 storage_root =
            acc != nullptr ? state::InMemoryState::storage_root(*acc) : trie::kEmptyRoot;
        if (acc != nullptr) {
            EXPECT_EQ(**proven, state::encode_account(acc->info(), storage_root));
            ASSERT_TRUE(proof->account.has_value());
            EXPECT_EQ(proof->account->info, acc->info());
            EXPECT_EQ(proof->account->storage_root, storage_root);
        }
        ASSERT_EQ(proof->storage_proofs.size(), slots.size());
        for (size_t i = 0; i < slots.size(); ++i) {
            const StorageProof& sp = proof->storage_proofs[i];
            EXPECT_EQ(sp.key, slots[i]);
            const auto value = trie::verify_proof(storage_root, keccak256(slots[i]), sp.proof);
            ASSERT_TRUE(value.has_value());
            const Bytes32 expected = acc != nullptr && acc->storage.contains(slots[i])
                                         ? acc->storage.at(slots[i])
                                         : Bytes32{};
            EXPECT_EQ(sp.value, expected);
            EXPECT_EQ(value->has_value(), !expected.is_zero());
            if (value->has_value()) {
                EXPECT_EQ(**value, state::encode_storage_value(expected));
            }
            ++checked_slots;
        }
    }
    EXPECT_GT(checked_slots, chain.addresses().size());

    // A root the store never had.
    const auto missing = store.proof(keccak256(Bytes{7}), Address{}, {});
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, StoreErrorCode::kNotFound);
}

TEST(ChainStore, HistoricalReadsSeeOldValues)
{
    Chain chain{8};
    for (int i = 0; i < 6; ++i) chain.add_block();
    ChainStore& store = chain.store();
    for (size_t n = 0; n <= 6; ++n) {
        const Hash256 root = chain.blocks()[n].block.header.state_root;
        EXPECT_TRUE(store.has_state(root).value());
        expect_state(*store.state_view_at(root), chain.model(n), chain.addresses());
    }
    EXPECT_FALSE(store.has_state(keccak256(Bytes{9})).value());
    const auto unknown = store.state_view_at(keccak256(Bytes{9}));
    EXPECT_EQ(unknown->account(Address{}).error(), state::StateError::kMissingData);
    EXPECT_TRUE(store.has_state(trie::kEmptyRoot).value());
    EXPECT_FALSE(store.state_view_at(trie::kEmptyRoot)->account(Address{}).value().has_value());
}

TEST(ChainStore, HeadViewKeepsItsSnapshotWhileBlocksCommit)
{
    Chain chain{9};
    chain.add_block();
    const auto old_view = chain.store().state_view_at_head();
    ASSERT_TRUE(old_view->head().has_value());
    EXPECT_EQ(old_view->head()->number, 1u);
    chain.add_block();
    chain.add_block();
    expect_state(*old_view, chain.model(1), chain.addresses());
    expect_state(*chain.store().state_view_at_head(), chain.model(3), chain.addresses());
    // A view outlives its store.
    chain.close();
    expect_state(*old_view, chain.model(1), chain.addresses());
}

TEST(ChainStore, ConcurrentReadersSeeWholeBlocks)
{
    TempDir tmp;
    std::mt19937_64 rng{10};
    std::vector<state::InMemoryState> models{test::random_state(rng, 60, 4)};
    std::vector<state::StateDiff> diffs;
    const size_t blocks = ultra::test::scaled(30);
    for (size_t i = 0; i < blocks; ++i) {
        diffs.push_back(test::random_diff(rng, models.back()));
        models.push_back(models.back());
        models.back().apply(diffs.back());
    }
    std::set<Address> all;
    for (const auto& m : models)
        for (const auto& [addr, acc] : m.accounts()) all.insert(addr);

    const Block genesis = test::make_genesis(models[0]);
    auto store = ChainStore::open(tmp.path(), {kChainId, header_hash(genesis.header)}).value();
    ASSERT_TRUE(store->commit_genesis(genesis, models[0]).has_value());

    std::atomic<bool> done{false};
    std::atomic<size_t> mismatches{0};
    std::atomic<size_t> reads{0};
    auto reader = [&] {
        while (!done.load()) {
            const auto view = store->state_view_at_head();
            const size_t n = view->head()->number;
            for (const Address& addr : all) {
                const auto acc = view->account(addr);
                const auto* expected = models[n].find(addr);
                const bool same = acc.has_value() && acc->has_value() == (expected != nullptr) &&
                                  (expected == nullptr || **acc == expected->info());
                if (!same) ++mismatches;
            }
            ++reads;
        }
    };
    std::thread r1{reader};
    std::thread r2{reader};
    BlockHeader parent = genesis.header;
    std::mt19937_64 block_rng{11};
    for (size_t i = 0; i < blocks; ++i) {
        TestBlock b = test::make_block(block_rng, *store, parent, diffs[i], 1);
        ASSERT_TRUE(store->commit_block(b.block, b.receipts, b.diff, b.nodes).has_value());
        parent = b.block.header;
    }
    done = true;
    r1.join();
    r2.join();
    EXPECT_GT(reads.load(), 0u);
    EXPECT_EQ(mismatches.load(), 0u);
}

TEST(ChainStore, LogsAreFoundThroughHeaderBlooms)
{
    Chain chain{12};
    for (int i = 0; i < 12; ++i) chain.add_block(4);
    ChainStore& store = chain.store();

    LogFilter filter;
    filter.addresses = {Address{{0xe1}}};
    filter.topics = {{}, {Bytes32{{1}}, Bytes32{{2}}}};

    // Brute force over every receipt of blocks 2..9.
    std::vector<execution::Log> expected;
    size_t blocks_with_match = 0;
    for (size_t n = 2; n <= 9; ++n) {
        bool any = false;
        for (const auto& r : chain.blocks()[n].receipts)
            for (const auto& log : r.logs)
                if (filter.matches(log)) {
                    expected.push_back(log);
                    any = true;
                }
        blocks_with_match += any ? 1 : 0;
    }
    ASSERT_FALSE(expected.empty()) << "the seed gives no matching log";

    std::vector<execution::Log> found;
    size_t visited = 0;
    const auto r = store.for_each_block_logs(
        2, 9, [&](const Bloom& b) { return filter.may_match(b); },
        [&](const BlockLogs& block) {
            ++visited;
            EXPECT_EQ(header_hash(block.header), block.hash);
            for (const auto& receipt : block.receipts.receipts)
                for (const auto& log : receipt.logs)
                    if (filter.matches(log)) found.push_back(log);
            return true;
        });
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(found, expected);
    EXPECT_GE(visited, blocks_with_match);

    // An emitter that never logged: the blooms skip every block.
    LogFilter nobody;
    nobody.addresses = {Address{{0x99, 0x98}}};
    visited = 0;
    ASSERT_TRUE(store
                    .for_each_block_logs(
                        0, 100, [&](const Bloom& b) { return nobody.may_match(b); },
                        [&](const BlockLogs&) { return ++visited, true; })
                    .has_value());
    EXPECT_EQ(visited, 0u);

    // Early stop, and a range past the head.
    visited = 0;
    ASSERT_TRUE(store
                    .for_each_block_logs(
                        5, 1000, [](const Bloom&) { return true; },
                        [&](const BlockLogs&) { return ++visited < 3; })
                    .has_value());
    EXPECT_EQ(visited, 3u);
    visited = 0;
    ASSERT_TRUE(store
                    .for_each_block_logs(
                        10, 1000, [](const Bloom&) { return true; },
                        [&](const BlockLogs&) { return ++visited, true; })
                    .has_value());
    EXPECT_EQ(visited, 3u);  // blocks 10, 11, 12
}

TEST(ChainStore, MetaEntriesPersist)
{
    Chain chain{13};
    ChainStore& store = chain.store();
    EXPECT_FALSE(store.get_meta("chain_config").value().has_value());
    ASSERT_TRUE(store.put_meta("chain_config", to_bytes_view("{\"chainId\":1337}")).has_value());
    // The node's keys cannot overwrite the store's own entries.
    ASSERT_TRUE(store.put_meta("head", to_bytes_view("x")).has_value());

    // An entry written with a block.
    const state::StateDiff diff = test::random_diff(chain.rng(), chain.model(0));
    TestBlock b = test::make_block(chain.rng(), store, chain.blocks()[0].block.header, diff, 1);
    const std::vector<MetaEntry> meta{{"miner", Bytes{1, 2, 3}}};
    ASSERT_TRUE(store.commit_block(b.block, b.receipts, b.diff, b.nodes, meta).has_value());

    chain.reopen();
    EXPECT_EQ(chain.store().get_meta("chain_config").value(),
              Bytes{to_bytes_view("{\"chainId\":1337}")});
    EXPECT_EQ(chain.store().get_meta("miner").value(), (Bytes{1, 2, 3}));
    EXPECT_EQ(chain.store().head()->number, 1u);
}

TEST(LogFilter, MatchesLikeEthGetLogs)
{
    execution::Log log;
    log.address = Address{{0xaa}};
    log.topics = {Bytes32{{1}}, Bytes32{{2}}};
    const Bloom bloom = execution::logs_bloom(std::span{&log, 1});

    EXPECT_TRUE(LogFilter{}.matches(log));
    EXPECT_TRUE(LogFilter{}.may_match(bloom));
    EXPECT_TRUE((LogFilter{{Address{{0xbb}}, Address{{0xaa}}}, {}}).matches(log));
    EXPECT_FALSE((LogFilter{{Address{{0xbb}}}, {}}).matches(log));
    EXPECT_FALSE((LogFilter{{Address{{0xbb}}}, {}}).may_match(bloom));
    EXPECT_TRUE((LogFilter{{}, {{}, {Bytes32{{2}}}}}).matches(log));
    EXPECT_TRUE((LogFilter{{}, {{}, {Bytes32{{2}}}}}).may_match(bloom));
    EXPECT_FALSE((LogFilter{{}, {{Bytes32{{2}}}}}).matches(log));          // position matters
    EXPECT_FALSE((LogFilter{{}, {{}, {}, {Bytes32{{1}}}}}).matches(log));  // too few topics
    EXPECT_FALSE((LogFilter{{}, {{Bytes32{{3}}}}}).may_match(bloom));
    EXPECT_TRUE(bloom_contains(bloom, Address{{0xaa}}));
    EXPECT_FALSE(bloom_contains(Bloom{}, Address{{0xaa}}));
}

TEST(DefaultDatadir, FollowsXdgThenHome)
{
    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const char* old_home = std::getenv("HOME");
    const std::string saved_xdg = old_xdg != nullptr ? old_xdg : "";
    const std::string saved_home = old_home != nullptr ? old_home : "";

    ::setenv("XDG_DATA_HOME", "/data/xdg", 1);
    ::setenv("HOME", "/home/alice", 1);
    EXPECT_EQ(default_datadir("dev"), fs::path{"/data/xdg/ultrasound/dev"});
    ::setenv("XDG_DATA_HOME", "relative/ignored", 1);
    EXPECT_EQ(default_datadir("dev"), fs::path{"/home/alice/.local/share/ultrasound/dev"});
    ::unsetenv("XDG_DATA_HOME");
    EXPECT_EQ(default_datadir("l1"), fs::path{"/home/alice/.local/share/ultrasound/l1"});
    ::unsetenv("HOME");
    EXPECT_EQ(default_datadir("l1"), fs::path{"ultrasound-data/l1"});

    if (old_xdg != nullptr) ::setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
    if (old_home != nullptr) ::setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace
}  // namespace ultra::storage
