// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The polling filters: FilterManager on its own (ids, expiry on a fake clock, the bounds, the
// pending-transaction ring, serialised polls), then eth_newFilter & co. in process over a node
// that mines on request: each filter kind, changes since the last poll only, fromBlock/toBlock,
// address and topic matching, eth_getFilterLogs, uninstalling, expiry, the bounds, unknown ids
// and bad parameters with go-ethereum's codes and texts.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <ultra/core/hex.hpp>
#include <ultra/node/filters.hpp>
#include <vector>

#include "node_helpers.hpp"
#include "unit/execute/helpers.hpp"

namespace ultra::test {
namespace {

using nlohmann::json;
using node::FilterError;
using node::FilterKind;
using node::FilterManager;
using node::FilterOptions;
using node::FilterPoll;
namespace op = execute::test::op;

// ---------------------------------------------------------------------------------------------
// FilterManager
// ---------------------------------------------------------------------------------------------

/// A clock the test moves by hand.
struct FakeClock
{
    node::FilterClock::time_point now{std::chrono::hours{1}};

    /// Options that read this clock.
    FilterOptions options(FilterOptions o = {})
    {
        o.clock = [this] { return now; };
        return o;
    }
};

Hash256 hash_of(uint8_t n)
{
    Hash256 h;
    h[31] = n;
    h[0] = 0xaa;
    return h;
}

/// Polls `id` and returns what the callback saw (the callback reports `advance_to`).
std::optional<std::pair<uint64_t, std::vector<Hash256>>> poll_view(FilterManager& m,
                                                                   const std::string& id,
                                                                   uint64_t advance_to = 0)
{
    std::pair<uint64_t, std::vector<Hash256>> seen;
    const auto r = m.poll(id, [&](const FilterPoll& view) {
        seen.first = view.next_block;
        seen.second.assign(view.transactions.begin(), view.transactions.end());
        return advance_to;
    });
    if (!r) return std::nullopt;
    return seen;
}

TEST(FilterManager, IdsAreRandom128BitQuantities)
{
    FilterManager m;
    std::set<std::string> ids;
    for (int i = 0; i < 300; ++i) {
        const auto id = m.install_block_filter(1);
        ASSERT_TRUE(id);
        ASSERT_TRUE(id->starts_with("0x")) << *id;
        ASSERT_GE(id->size(), 3u);
        ASSERT_LE(id->size(), 34u);
        // A quantity: lower-case hex digits without leading zeros.
        EXPECT_NE((*id)[2], '0') << *id;
        EXPECT_EQ(id->find_first_not_of("0123456789abcdef", 2), std::string::npos) << *id;
        ids.insert(*id);
    }
    EXPECT_EQ(ids.size(), 300u);
    // 300 ids of 128 random bits: the shortest has lost a digit or two at most.
    size_t shortest = 34;
    for (const auto& id : ids) shortest = std::min(shortest, id.size());
    EXPECT_GE(shortest, 30u);
    EXPECT_EQ(m.size(), 300u);
}

TEST(FilterManager, KindsCursorsAndCriteria)
{
    FilterManager m;
    rpc::LogFilter criteria;
    criteria.addresses.push_back(Address{});
    const auto logs = m.install_log_filter(criteria, 7);
    const auto blocks = m.install_block_filter(9);
    const auto pending = m.install_pending_transaction_filter(true);
    ASSERT_TRUE(logs && blocks && pending);

    FilterKind kind = FilterKind::kBlocks;
    bool full = false;
    ASSERT_TRUE(m.poll(*logs, [&](const FilterPoll& v) {
        kind = v.kind;
        EXPECT_EQ(v.criteria, criteria);
        EXPECT_EQ(v.next_block, 7u);
        return uint64_t{12};
    }));
    EXPECT_EQ(kind, FilterKind::kLogs);
    EXPECT_EQ(poll_view(m, *logs, 12)->first, 12u);  // the cursor moved to what was returned
    ASSERT_TRUE(m.poll(*pending, [&](const FilterPoll& v) {
        kind = v.kind;
        full = v.full_transactions;
        return uint64_t{0};
    }));
    EXPECT_EQ(kind, FilterKind::kPendingTransactions);
    EXPECT_TRUE(full);

    const auto read = m.log_criteria(*logs);
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, criteria);
    // eth_getFilterLogs knows log filters only.
    EXPECT_EQ(m.log_criteria(*blocks).error(), FilterError::kNotFound);
    EXPECT_EQ(m.log_criteria(*pending).error(), FilterError::kNotFound);
    EXPECT_EQ(m.log_criteria("0x1234").error(), FilterError::kNotFound);
    EXPECT_EQ(node::to_string(FilterError::kNotFound), "filter not found");
}

TEST(FilterManager, UninstallAndUnknownIds)
{
    FilterManager m;
    const auto id = m.install_block_filter(1);
    ASSERT_TRUE(id);
    EXPECT_FALSE(m.uninstall("0xdeadbeef"));
    EXPECT_TRUE(m.uninstall(*id));
    EXPECT_FALSE(m.uninstall(*id));
    EXPECT_FALSE(poll_view(m, *id));
    EXPECT_EQ(m.poll(*id, [](const FilterPoll&) { return uint64_t{0}; }).error(),
              FilterError::kNotFound);
    EXPECT_EQ(m.size(), 0u);
}

TEST(FilterManager, FiltersExpireWhenNotPolledForTheTimeout)
{
    FakeClock clock;
    FilterOptions o;
    o.timeout = std::chrono::minutes{5};
    FilterManager m{clock.options(o)};
    const auto polled = m.install_block_filter(1);
    const auto read = m.install_log_filter({}, 1);
    const auto idle = m.install_pending_transaction_filter(false);
    ASSERT_TRUE(polled && read && idle);

    clock.now += std::chrono::minutes{4};
    ASSERT_TRUE(poll_view(m, *polled, 1));  // resets its deadline
    ASSERT_TRUE(m.log_criteria(*read));     // so does eth_getFilterLogs
    clock.now += std::chrono::minutes{4};   // 8 minutes after installation
    EXPECT_TRUE(poll_view(m, *polled, 1));
    EXPECT_TRUE(m.log_criteria(*read));
    EXPECT_FALSE(poll_view(m, *idle));  // expired at 5 minutes
    EXPECT_FALSE(m.uninstall(*idle));
    EXPECT_EQ(m.size(), 2u);

    clock.now += std::chrono::minutes{5};  // exactly the timeout: expired
    EXPECT_FALSE(poll_view(m, *polled, 1));
    EXPECT_FALSE(m.uninstall(*read));
    EXPECT_EQ(m.size(), 0u);
}

TEST(FilterManager, ExpiryOnTheRealClockWithAShortTimeout)
{
    FilterOptions o;
    o.timeout = std::chrono::milliseconds{500};
    FilterManager m{o};
    const auto kept = m.install_block_filter(1);
    const auto dropped = m.install_block_filter(1);
    ASSERT_TRUE(kept && dropped);
    for (int i = 0; i < 14; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
        ASSERT_TRUE(poll_view(m, *kept, 1)) << "poll " << i;
    }
    EXPECT_FALSE(poll_view(m, *dropped, 1));
    EXPECT_EQ(m.size(), 1u);
}

TEST(FilterManager, AtMostMaxFilters)
{
    FakeClock clock;
    FilterOptions o;
    o.max_filters = 3;
    o.timeout = std::chrono::seconds{10};
    FilterManager m{clock.options(o)};
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(*m.install_block_filter(1));
    EXPECT_EQ(m.install_block_filter(1).error(), FilterError::kTooManyFilters);
    EXPECT_EQ(m.install_log_filter({}, 1).error(), FilterError::kTooManyFilters);
    EXPECT_EQ(m.install_pending_transaction_filter(false).error(), FilterError::kTooManyFilters);
    EXPECT_EQ(node::to_string(FilterError::kTooManyFilters), "too many filters");
    // Uninstalling makes room.
    EXPECT_TRUE(m.uninstall(ids[0]));
    const auto again = m.install_pending_transaction_filter(false);
    ASSERT_TRUE(again);
    EXPECT_EQ(m.install_block_filter(1).error(), FilterError::kTooManyFilters);
    // So does expiry: a full store sweeps before refusing.
    clock.now += std::chrono::seconds{10};
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(m.install_block_filter(1)) << i;
    EXPECT_EQ(m.size(), 3u);
}

TEST(FilterManager, PendingTransactionsSinceTheLastPollOldestDroppedBeyondTheBound)
{
    FilterOptions o;
    o.max_pending_transactions = 3;
    FilterManager m{o};
    // Nothing is kept while no pending-transaction filter exists.
    m.add_pending_transaction(hash_of(100));
    const auto first = m.install_pending_transaction_filter(false);
    ASSERT_TRUE(first);
    EXPECT_TRUE(poll_view(m, *first)->second.empty());

    for (uint8_t i = 1; i <= 5; ++i) m.add_pending_transaction(hash_of(i));
    const auto second = m.install_pending_transaction_filter(false);  // sees 6 on
    ASSERT_TRUE(second);
    // The first filter missed 5 admissions with room for 3: the two oldest are dropped.
    EXPECT_EQ(poll_view(m, *first)->second, (std::vector{hash_of(3), hash_of(4), hash_of(5)}));
    EXPECT_TRUE(poll_view(m, *first)->second.empty());
    m.add_pending_transaction(hash_of(6));
    EXPECT_EQ(poll_view(m, *first)->second, std::vector{hash_of(6)});
    EXPECT_EQ(poll_view(m, *second)->second, std::vector{hash_of(6)});
    EXPECT_TRUE(poll_view(m, *second)->second.empty());

    // With the last pending filter gone the ring is emptied; a new filter starts afresh.
    EXPECT_TRUE(m.uninstall(*first));
    EXPECT_TRUE(m.uninstall(*second));
    m.add_pending_transaction(hash_of(7));
    const auto third = m.install_pending_transaction_filter(false);
    m.add_pending_transaction(hash_of(8));
    EXPECT_EQ(poll_view(m, *third)->second, std::vector{hash_of(8)});
}

TEST(FilterManager, AFailedPollLeavesTheCursor)
{
    FilterManager m;
    const auto blocks = m.install_block_filter(5);
    const auto pending = m.install_pending_transaction_filter(false);
    m.add_pending_transaction(hash_of(1));
    const auto fail = [](const FilterPoll&) -> uint64_t { throw std::runtime_error{"storage"}; };
    EXPECT_THROW((void)m.poll(*blocks, fail), std::runtime_error);
    EXPECT_THROW((void)m.poll(*pending, fail), std::runtime_error);
    EXPECT_EQ(poll_view(m, *blocks, 9)->first, 5u);
    EXPECT_EQ(poll_view(m, *pending)->second, std::vector{hash_of(1)});
    EXPECT_EQ(poll_view(m, *blocks, 9)->first, 9u);
}

TEST(FilterManager, PollsOfOneFilterAreSerialised)
{
    FilterManager m;
    const auto id = m.install_block_filter(0);
    ASSERT_TRUE(id);
    constexpr int kPolls = 200;
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    const auto worker = [&] {
        for (int i = 0; i < kPolls; ++i) {
            const auto r = m.poll(*id, [&](const FilterPoll& v) {
                if (inside.fetch_add(1) != 0) overlapped = true;
                std::this_thread::yield();
                inside.fetch_sub(1);
                return v.next_block + 1;
            });
            ASSERT_TRUE(r);
        }
    };
    std::thread a{worker};
    std::thread b{worker};
    a.join();
    b.join();
    EXPECT_FALSE(overlapped);
    // No poll saw a stale cursor: every one moved it by exactly one.
    EXPECT_EQ(poll_view(m, *id, 0)->first, uint64_t{2 * kPolls});
}

// ---------------------------------------------------------------------------------------------
// eth_newFilter & co. over a node
// ---------------------------------------------------------------------------------------------

/// Two contracts in the genesis alloc with the same code: called with a word w, they emit
/// LOG2(topics 0x77 and w, data w).
const Address kEmitterA = [] {
    Address a;
    a[18] = 0x20;
    a[19] = 0x0a;
    return a;
}();
const Address kEmitterB = [] {
    Address a;
    a[18] = 0x20;
    a[19] = 0x0b;
    return a;
}();
/// An account without code.
const Address kNobody = [] {
    Address a;
    a[19] = 0xb0;
    return a;
}();

Bytes emitter_code()
{
    execute::test::Asm a;
    a.push(0)({op::CALLDATALOAD, 0x80}).push(0)({op::MSTORE});  // DUP1, MSTORE(0, w)
    a.push(0x77).push(32).push(0)({0xa2, op::STOP});            // LOG2(0, 32, 0x77, w)
    return a.build();
}

std::string hex(BytesView b)
{
    return to_0x_hex(b);
}

std::string word(uint64_t w)
{
    return hex(to_bytes32(uint256{w}));
}

/// A node that mines only on request, with its own handlers (options of the test's choosing)
/// on an in-process dispatcher.
class FilterNode
{
public:
    explicit FilterNode(node::EthApiOptions options = {})
    {
        node::NodeConfig config = test_node_config(dir_.path(), node::MiningMode::kManual);
        node::GenesisAccount emitter;
        emitter.code = emitter_code();
        config.spec.alloc[kEmitterA] = emitter;
        config.spec.alloc[kEmitterB] = emitter;
        // eth_sendTransaction signs with test key 1.
        config.dev_accounts.push_back({make_test_key(1).address, make_test_key(1).secret});
        auto opened = node::Node::open(std::move(config));
        if (!opened) throw std::runtime_error{"cannot open the node: " + opened.error()};
        node_ = std::move(*opened);
        api_ = std::make_unique<node::EthApi>(*node_, std::move(options));
        api_->register_methods(dispatcher_);
        node_->start();
    }
    ~FilterNode() { node_->stop(); }
    FilterNode(const FilterNode&) = delete;
    FilterNode& operator=(const FilterNode&) = delete;

    /// The whole response of `method`.
    json call(const std::string& method, json params = json::array())
    {
        const json request = {
            {"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", std::move(params)}};
        rpc::CallContext ctx;
        ctx.transport = rpc::Transport::kHttp;
        return json::parse(*dispatcher_.handle(request.dump(), ctx));
    }

    /// The result of a call that must succeed.
    json result(const std::string& method, json params = json::array())
    {
        const json r = call(method, std::move(params));
        EXPECT_FALSE(r.contains("error")) << method << ": " << r.dump();
        return r.value("result", json{});
    }

    /// The error object of a call that must fail.
    json error(const std::string& method, json params = json::array())
    {
        const json r = call(method, std::move(params));
        EXPECT_TRUE(r.contains("error")) << method << ": " << r.dump();
        return r.value("error", json{});
    }

    /// Sends a call of `emitter` with word `w` from Alice through eth_sendRawTransaction; returns
    /// the hash. It stays pending until mine().
    std::string emit(const Address& emitter, uint64_t w)
    {
        const Transaction tx = devnet_tx(make_test_key(0), nonce_++, emitter, 0,
                                         Bytes{to_bytes32(uint256{w}).view()}, 100'000);
        return result("eth_sendRawTransaction", {hex(encode_transaction(tx))});
    }

    /// Mines `count` blocks with what is pending.
    void mine(uint64_t count = 1) { ASSERT_TRUE(node_->mine(count, std::nullopt)); }

    /// The hash of block `n`.
    std::string block_hash(uint64_t n)
    {
        return result("eth_getBlockByNumber", {rpc::to_quantity(n), false})["hash"];
    }

private:
    NodeTempDir dir_;
    rpc::Dispatcher dispatcher_;
    std::unique_ptr<node::Node> node_;
    std::unique_ptr<node::EthApi> api_;
    uint64_t nonce_ = 0;
};

/// The "data" words of log objects.
std::vector<std::string> data_of(const json& logs)
{
    std::vector<std::string> out;
    for (const json& l : logs) out.push_back(l.at("data"));
    return out;
}

TEST(EthFilters, BlockFilterReportsEachNewBlockOnce)
{
    FilterNode n;
    n.mine();  // before the filter: never reported
    const json id = n.result("eth_newBlockFilter");
    ASSERT_TRUE(id.is_string());
    EXPECT_EQ(n.result("eth_getFilterChanges", {id}), json::array());
    n.mine(2);
    EXPECT_EQ(n.result("eth_getFilterChanges", {id}),
              json::array({n.block_hash(2), n.block_hash(3)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {id}), json::array());
    n.emit(kEmitterA, 1);
    n.mine();
    EXPECT_EQ(n.result("eth_getFilterChanges", {id}), json::array({n.block_hash(4)}));
    // A second filter starts at the head it was made at.
    const json later = n.result("eth_newBlockFilter");
    n.mine();
    EXPECT_EQ(n.result("eth_getFilterChanges", {later}), json::array({n.block_hash(5)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {id}), json::array({n.block_hash(5)}));
    // eth_getFilterLogs is for log filters only.
    EXPECT_EQ(n.error("eth_getFilterLogs", {id})["message"], "filter not found");
}

TEST(EthFilters, LogFilterReportsNewMatchingLogsSinceTheLastPoll)
{
    FilterNode n;
    n.emit(kEmitterA, 1);  // block 1, before the filters
    n.mine();
    const json all = n.result("eth_newFilter", {json::object()});
    const json by_address = n.result("eth_newFilter", {{{"address", hex(kEmitterA)}}});
    const json by_addresses =
        n.result("eth_newFilter", {{{"address", {hex(kEmitterB), hex(kNobody)}}}});
    const json by_topic = n.result("eth_newFilter", {{{"topics", {word(0x77), word(3)}}}});
    const json by_alternatives =
        n.result("eth_newFilter", {{{"topics", {nullptr, {word(2), word(4)}}}}});
    const json no_match = n.result("eth_newFilter", {{{"topics", {word(0x78)}}}});
    EXPECT_EQ(n.result("eth_getFilterChanges", {all}), json::array());

    n.emit(kEmitterA, 2);  // block 2
    n.emit(kEmitterB, 3);
    n.mine();
    const json logs = n.result("eth_getFilterChanges", {all});
    ASSERT_EQ(logs.size(), 2u);
    EXPECT_EQ(data_of(logs), (std::vector{word(2), word(3)}));
    EXPECT_EQ(logs[0]["address"], hex(kEmitterA));
    EXPECT_EQ(logs[0]["blockNumber"], "0x2");
    EXPECT_EQ(logs[0]["blockHash"], n.block_hash(2));
    EXPECT_EQ(logs[1]["logIndex"], "0x1");
    EXPECT_EQ(logs[1]["transactionIndex"], "0x1");
    EXPECT_EQ(logs[1]["topics"], json::array({word(0x77), word(3)}));
    EXPECT_EQ(logs[1]["removed"], false);
    // The same log objects as eth_getLogs.
    EXPECT_EQ(logs, n.result("eth_getLogs", {{{"fromBlock", "0x2"}, {"toBlock", "0x2"}}}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {all}), json::array());  // nothing new

    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {by_address})), std::vector{word(2)});
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {by_addresses})), std::vector{word(3)});
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {by_topic})), std::vector{word(3)});
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {by_alternatives})), std::vector{word(2)});
    EXPECT_EQ(n.result("eth_getFilterChanges", {no_match}), json::array());

    n.emit(kEmitterB, 4);  // block 3
    n.mine();
    n.mine();              // block 4: empty
    n.emit(kEmitterA, 5);  // block 5
    n.mine();
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {all})), (std::vector{word(4), word(5)}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {by_address})), std::vector{word(5)});
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {by_alternatives})), std::vector{word(4)});
    EXPECT_EQ(n.result("eth_getFilterChanges", {by_topic}), json::array());
}

TEST(EthFilters, FromBlockAndToBlockBoundTheChanges)
{
    FilterNode n;
    n.mine();  // head 1
    const json window = n.result("eth_newFilter", {{{"fromBlock", "0x3"}, {"toBlock", "0x4"}}});
    const json until = n.result("eth_newFilter", {{{"toBlock", "0x2"}}});
    const json from_zero = n.result("eth_newFilter", {{{"fromBlock", "earliest"}}});
    for (uint64_t w = 2; w <= 6; ++w) {  // blocks 2..6, one log each
        n.emit(kEmitterA, w);
        n.mine();
    }
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {window})), (std::vector{word(3), word(4)}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {until})), std::vector{word(2)});
    // From block 0, but changes are what came after the filter.
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {from_zero})),
              (std::vector{word(2), word(3), word(4), word(5), word(6)}));
    n.emit(kEmitterA, 7);
    n.mine();
    EXPECT_EQ(n.result("eth_getFilterChanges", {window}), json::array());  // past toBlock
    EXPECT_EQ(n.result("eth_getFilterChanges", {until}), json::array());
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {from_zero})), std::vector{word(7)});
}

TEST(EthFilters, GetFilterLogsIsEthGetLogsOverTheFilter)
{
    FilterNode n;
    n.emit(kEmitterA, 1);
    n.emit(kEmitterB, 2);
    n.mine();
    const json range =
        n.result("eth_newFilter", {{{"fromBlock", "0x0"}, {"address", hex(kEmitterA)}}});
    const json latest = n.result("eth_newFilter", {json::object()});
    const json by_hash = n.result("eth_newFilter", {{{"blockHash", n.block_hash(1)}}});
    n.emit(kEmitterA, 3);
    n.mine();
    // The whole range, old logs included; it does not move the cursor.
    EXPECT_EQ(data_of(n.result("eth_getFilterLogs", {range})), (std::vector{word(1), word(3)}));
    EXPECT_EQ(n.result("eth_getFilterLogs", {range}),
              n.result("eth_getLogs", {{{"fromBlock", "0x0"}, {"address", hex(kEmitterA)}}}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {range})), std::vector{word(3)});
    // "latest" is the head at the time of the call.
    EXPECT_EQ(data_of(n.result("eth_getFilterLogs", {latest})), std::vector{word(3)});
    // A blockHash filter: its block's logs; no new block is that block.
    EXPECT_EQ(data_of(n.result("eth_getFilterLogs", {by_hash})), (std::vector{word(1), word(2)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {by_hash}), json::array());
}

TEST(EthFilters, PendingTransactionFilterReportsAdmittedHashes)
{
    FilterNode n;
    n.emit(kEmitterA, 1);  // before the filter
    const json hashes = n.result("eth_newPendingTransactionFilter");
    const json full = n.result("eth_newPendingTransactionFilter", {true});
    EXPECT_EQ(n.result("eth_getFilterChanges", {hashes}), json::array());
    const std::string a = n.emit(kEmitterA, 2);
    const std::string b = n.emit(kEmitterB, 3);
    EXPECT_EQ(n.result("eth_getFilterChanges", {hashes}), json::array({a, b}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {hashes}), json::array());
    // eth_sendTransaction (a dev account signs) is seen too.
    const json sent = n.result("eth_sendTransaction", {{{"from", hex(make_test_key(1).address)},
                                                        {"to", hex(kNobody)},
                                                        {"value", "0x1"},
                                                        {"gas", "0x5208"}}});
    ASSERT_TRUE(sent.is_string());
    EXPECT_EQ(n.result("eth_getFilterChanges", {hashes}), json::array({sent}));
    // Full objects: pooled (no block yet), then mined (with their block).
    const json objects = n.result("eth_getFilterChanges", {full});
    ASSERT_EQ(objects.size(), 3u);
    EXPECT_EQ(objects[0]["hash"], a);
    EXPECT_EQ(objects[0]["from"], hex(make_test_key(0).address));
    EXPECT_EQ(objects[0]["blockNumber"], nullptr);
    EXPECT_EQ(objects[1]["hash"], b);
    EXPECT_EQ(objects[2]["hash"], sent);
    EXPECT_EQ(objects[2]["from"], hex(make_test_key(1).address));
    const std::string c = n.emit(kEmitterA, 4);
    n.mine();
    const json mined = n.result("eth_getFilterChanges", {full});
    ASSERT_EQ(mined.size(), 1u);
    EXPECT_EQ(mined[0]["hash"], c);
    EXPECT_EQ(mined[0]["blockNumber"], "0x1");
    // A refused transaction is not reported.
    const json dup =
        n.call("eth_sendRawTransaction",
               {hex(encode_transaction(devnet_tx(make_test_key(0), 0, kEmitterA, 0)))});
    EXPECT_TRUE(dup.contains("error"));
    EXPECT_EQ(n.result("eth_getFilterChanges", {hashes}), json::array({c}));
}

TEST(EthFilters, UninstallAndUnknownIds)
{
    FilterNode n;
    const json id = n.result("eth_newBlockFilter");
    const json pending = n.result("eth_newPendingTransactionFilter");
    // Ids are case-insensitive hex.
    std::string upper = id.get<std::string>();
    for (size_t i = 2; i < upper.size(); ++i)
        upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
    EXPECT_EQ(n.result("eth_getFilterChanges", {upper}), json::array());
    EXPECT_EQ(n.result("eth_uninstallFilter", {id}), true);
    EXPECT_EQ(n.result("eth_uninstallFilter", {id}), false);
    for (const json& unknown : {id, json("0x0"), json("0x1234abcd"), json("nonsense")}) {
        const json e = n.error("eth_getFilterChanges", {unknown});
        EXPECT_EQ(e["code"], -32000);
        EXPECT_EQ(e["message"], "filter not found");
        EXPECT_EQ(n.error("eth_getFilterLogs", {unknown})["message"], "filter not found");
        EXPECT_EQ(n.result("eth_uninstallFilter", {unknown}), false);
    }
    EXPECT_EQ(n.result("eth_uninstallFilter", {pending}), true);
}

TEST(EthFilters, BadParameters)
{
    FilterNode n;
    const auto expect_error = [&](const std::string& method, json params, int code,
                                  const std::string& message) {
        const json e = n.error(method, params);
        EXPECT_EQ(e["code"], code) << method << " " << params.dump() << ": " << e.dump();
        EXPECT_EQ(e["message"], message) << method << " " << params.dump();
    };
    expect_error("eth_newFilter", json::array(), -32602, "missing value for required argument 0");
    expect_error("eth_newFilter", {{{"fromBlock", "0x5"}, {"toBlock", "0x2"}}}, -32000,
                 "invalid block range params");
    expect_error("eth_newFilter", {{{"fromBlock", "pending"}}}, -32000,
                 "pending logs are not supported");
    expect_error("eth_newFilter", {{{"toBlock", "pending"}}}, -32000,
                 "pending logs are not supported");
    expect_error("eth_newFilter", {json::object(), json::object()}, -32602,
                 "too many arguments, want at most 1");
    const json five_topics = {{{"topics", {nullptr, nullptr, nullptr, nullptr, nullptr}}}};
    EXPECT_EQ(n.error("eth_newFilter", five_topics)["code"], -32602);
    EXPECT_NE(n.error("eth_newFilter", five_topics)["message"].get<std::string>().find(
                  "exceed max topics"),
              std::string::npos);
    const json both = {{{"blockHash", word(1)}, {"fromBlock", "0x1"}}};
    EXPECT_NE(n.error("eth_newFilter", both)["message"].get<std::string>().find(
                  "cannot specify both BlockHash and FromBlock/ToBlock"),
              std::string::npos);
    EXPECT_EQ(n.error("eth_newFilter", {{{"address", "0x12"}}})["code"], -32602);
    expect_error("eth_newBlockFilter", {"0x1"}, -32602, "too many arguments, want at most 0");
    expect_error("eth_newPendingTransactionFilter", {"yes"}, -32602,
                 "invalid argument 0: expected a boolean");
    expect_error("eth_getFilterChanges", json::array(), -32602,
                 "missing value for required argument 0");
    expect_error("eth_getFilterChanges", {123}, -32602,
                 "invalid argument 0: filter id must be a string");
    expect_error("eth_getFilterLogs", {json::object()}, -32602,
                 "invalid argument 0: filter id must be a string");
    expect_error("eth_uninstallFilter", {true}, -32602,
                 "invalid argument 0: filter id must be a string");
    // Nothing was installed by the failed calls.
    EXPECT_TRUE(n.result("eth_newBlockFilter").is_string());
}

TEST(EthFilters, AtMostMaxFiltersAndExpiryAfterTheTimeout)
{
    node::EthApiOptions options;
    options.filters.max_filters = 2;
    options.filters.timeout = std::chrono::milliseconds{400};
    FilterNode n{options};
    const json a = n.result("eth_newBlockFilter");
    const json b = n.result("eth_newFilter", {json::object()});
    const json refused = n.error("eth_newPendingTransactionFilter");
    EXPECT_EQ(refused["code"], -32000);
    EXPECT_EQ(refused["message"], "too many filters: at most 2 may be installed");
    EXPECT_EQ(n.result("eth_uninstallFilter", {b}), true);
    const json c = n.result("eth_newPendingTransactionFilter");
    // `a` is polled; `c` is left alone and expires.
    for (int i = 0; i < 12; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
        EXPECT_EQ(n.result("eth_getFilterChanges", {a}), json::array()) << i;
    }
    EXPECT_EQ(n.error("eth_getFilterChanges", {c})["message"], "filter not found");
    EXPECT_TRUE(n.result("eth_newBlockFilter").is_string());  // room again
}

TEST(EthFilters, APollCoversAtMostTheBlockRangeLimit)
{
    node::EthApiOptions options;
    options.max_logs_block_range = 2;
    FilterNode n{options};
    const json blocks = n.result("eth_newBlockFilter");
    const json logs = n.result("eth_newFilter", {json::object()});
    for (uint64_t w = 1; w <= 5; ++w) {
        n.emit(kEmitterA, w);
        n.mine();
    }
    // Oldest first, two blocks per poll, nothing lost.
    EXPECT_EQ(n.result("eth_getFilterChanges", {blocks}),
              json::array({n.block_hash(1), n.block_hash(2)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {blocks}),
              json::array({n.block_hash(3), n.block_hash(4)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {blocks}), json::array({n.block_hash(5)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {blocks}), json::array());
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), (std::vector{word(1), word(2)}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), (std::vector{word(3), word(4)}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), std::vector{word(5)});
    // eth_getFilterLogs keeps eth_getLogs' limit.
    const json wide = n.result("eth_newFilter", {{{"fromBlock", "0x0"}}});
    EXPECT_EQ(n.error("eth_getFilterLogs", {wide})["message"], "exceed maximum block range: 2");
}

TEST(EthFilters, APollStopsAtTheBlockThatWouldExceedTheLogLimit)
{
    node::EthApiOptions options;
    options.max_logs = 3;
    FilterNode n{options};
    const json logs = n.result("eth_newFilter", {json::object()});
    uint64_t w = 0;
    for (int block = 0; block < 3; ++block) {  // blocks 1..3, two logs each
        n.emit(kEmitterA, ++w);
        n.emit(kEmitterB, ++w);
        n.mine();
    }
    for (int i = 0; i < 4; ++i) n.emit(kEmitterA, ++w);  // block 4: four logs
    n.mine();
    n.emit(kEmitterA, ++w);  // block 5
    n.mine();
    // Whole blocks only: 2 + 2 > 3, so one block per poll; the first block of a poll is given
    // whole even beyond the limit.
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), (std::vector{word(1), word(2)}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), (std::vector{word(3), word(4)}));
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), (std::vector{word(5), word(6)}));
    EXPECT_EQ(n.result("eth_getFilterChanges", {logs}).size(), 4u);
    EXPECT_EQ(data_of(n.result("eth_getFilterChanges", {logs})), std::vector{word(11)});
    EXPECT_EQ(n.result("eth_getFilterChanges", {logs}), json::array());
    // eth_getFilterLogs keeps eth_getLogs' limit.
    const json wide = n.result("eth_newFilter", {{{"fromBlock", "0x0"}}});
    EXPECT_EQ(n.error("eth_getFilterLogs", {wide})["message"],
              "query returned more than 3 results");
}

}  // namespace
}  // namespace ultra::test
