// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Runs the official transaction fixtures (fixtures/transaction/README.md): every TransactionTests
// file is decoded and statically validated with the rules of each fork it has a result for
// (chain id 1). An expected exception must be rejected (by decoding, static validation or sender
// recovery); a valid transaction must give the sender, the hash and the intrinsic gas.
//
// The same checks run on the signed transactions (`txbytes`) of the EEST state tests
// (fixtures/state/eest/state_tests, Frontier..Osaka), which cover types 3 and 4, the Prague
// calldata floor and the Osaka gas cap that TransactionTests lacks. There, an expected exception
// is required to be a rejection only when every alternative is a static rule (the others need
// the sender's account or the block); such a transaction must still decode and give the sender.
//
// One gtest per fixture file; the output ends with per-fork counts and `N passed, N failed`.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/transaction_validation.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/infra/json.hpp>
#include <utils/fixture_registry.hpp>
#include <utils/fixtures.hpp>
#include <vector>

namespace {
using namespace ultra;
using nlohmann::json;
namespace fs = std::filesystem;

/// Fixture cases we knowingly fail, as "<file stem>/<test name>/<fork>" -> reason. Must stay
/// empty unless a reason is written down; every entry is still run and must still fail.
const std::map<std::string, std::string, std::less<>> kKnownFailures = {};

struct Counts
{
    size_t passed = 0;
    size_t failed = 0;
    size_t reason_matched = 0;  ///< rejections whose TxError name equals the expected one
    size_t rejections = 0;      ///< expected rejections seen
};

std::map<std::string, Counts> g_by_fork;  // "suite / fork" -> counts (sorted output)
std::map<std::string, Counts> g_by_suite;

constexpr uint64_t kChainId = 1;

/// "TransactionException.A|TransactionException.B" -> {"A", "B"}.
std::vector<std::string> exception_names(std::string_view s)
{
    std::vector<std::string> names;
    while (!s.empty()) {
        const size_t bar = s.find('|');
        std::string_view one = s.substr(0, bar);
        if (const size_t dot = one.rfind('.'); dot != std::string_view::npos)
            one.remove_prefix(dot + 1);
        names.emplace_back(one);
        if (bar == std::string_view::npos) break;
        s.remove_prefix(bar + 1);
    }
    return names;
}

/// Exceptions that decoding and validate_transaction_static() fully decide at `rev`.
bool is_static_exception(const std::string& name, Revision rev)
{
    static const std::set<std::string, std::less<>> kStatic = {
        "INTRINSIC_GAS_TOO_LOW",
        "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST",
        "INITCODE_SIZE_EXCEEDED",
        "GAS_LIMIT_EXCEEDS_MAXIMUM",
        "NONCE_TOO_BIG",
        "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS",
        "GASLIMIT_PRICE_PRODUCT_OVERFLOW",
        "TYPE_1_TX_PRE_FORK",
        "TYPE_2_TX_PRE_FORK",
        "TYPE_3_TX_PRE_FORK",
        "TYPE_4_TX_PRE_FORK",
        "TYPE_3_TX_ZERO_BLOBS",
        "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH",
        "TYPE_3_TX_CONTRACT_CREATION",
        "TYPE_3_TX_WITH_FULL_BLOBS",
        "TYPE_4_EMPTY_AUTHORIZATION_LIST",
        "TYPE_4_TX_CONTRACT_CREATION",
        "INVALID_SIGNATURE_VRS",
        "INVALID_CHAINID",
        "EC_RECOVERY_FAIL",
    };
    // Before Osaka the blob count is bounded only by the block's blob schedule (EIP-7594 adds
    // the per-transaction limit).
    if (name == "TYPE_3_TX_BLOB_COUNT_EXCEEDED") return rev >= Revision::kOsaka;
    return kStatic.contains(name);
}

/// What our code says about one transaction at one revision.
struct Outcome
{
    std::optional<TxError> error;  ///< the first rejection, if any
    Transaction tx;                ///< valid when decoded
    bool decoded = false;
    IntrinsicGas gas;
    Address sender;
};

Outcome evaluate(BytesView bytes, Revision rev)
{
    Outcome o;
    auto tx = decode_transaction(bytes);
    if (!tx) {
        o.error = tx.error();
        return o;
    }
    o.decoded = true;
    o.tx = std::move(*tx);
    auto gas = validate_transaction_static(o.tx, rev, kChainId);
    if (!gas) {
        o.error = gas.error();
        return o;
    }
    o.gas = *gas;
    auto sender = recover_sender(o.tx);
    if (!sender) {
        o.error = sender.error();
        return o;
    }
    o.sender = *sender;
    return o;
}

/// Checks the decoded form: encoding it again must give the input bytes exactly.
std::string check_round_trip(const Outcome& o, BytesView bytes)
{
    if (encode_transaction(o.tx) != bytes) return "re-encoding differs from the input";
    if (transaction_hash(o.tx) != keccak256(bytes)) return "transaction_hash differs";
    return "";
}

std::optional<uint64_t> parse_u64(const json& j)
{
    const auto v = parse_uint256(j.get<std::string>());
    if (!v || (*v)[1] != 0 || (*v)[2] != 0 || (*v)[3] != 0) return std::nullopt;
    return (*v)[0];
}

void record(const std::string& suite,
            const std::string& fork,
            const std::string& id,
            const std::string& reason,
            Counts& local)
{
    auto& f = g_by_fork[suite + " / " + fork];
    auto& s = g_by_suite[suite];
    const auto known = kKnownFailures.find(id);
    if (known != kKnownFailures.end()) {
        EXPECT_NE(reason, "") << id << ": listed as a known failure (" << known->second
                              << ") but passes: remove it from kKnownFailures";
        ++f.failed;
        ++s.failed;
        ++local.failed;
        return;
    }
    EXPECT_EQ(reason, "") << id;
    ++(reason.empty() ? f.passed : f.failed);
    ++(reason.empty() ? s.passed : s.failed);
    ++(reason.empty() ? local.passed : local.failed);
}

void count_rejection(const std::string& fork, const std::string& suite, bool matched)
{
    ++g_by_fork[suite + " / " + fork].rejections;
    ++g_by_suite[suite].rejections;
    if (matched) {
        ++g_by_fork[suite + " / " + fork].reason_matched;
        ++g_by_suite[suite].reason_matched;
    }
}

// --- TransactionTests --------------------------------------------------------------------------

std::string run_transaction_case(const std::string& fork,
                                 Revision rev,
                                 BytesView bytes,
                                 const json& result)
{
    const Outcome o = evaluate(bytes, rev);
    if (result.contains("exception")) {
        if (!o.error) return "accepted, expected " + result["exception"].get<std::string>();
        const auto names = exception_names(result["exception"].get<std::string>());
        const bool matched =
            std::find(names.begin(), names.end(), to_string(*o.error)) != names.end();
        count_rejection(fork, "TransactionTests", matched);
        return "";
    }
    if (o.error) return "rejected: " + std::string{to_string(*o.error)};
    if (auto r = check_round_trip(o, bytes); !r.empty()) return r;
    const auto sender = fixed_from_hex<20>(result["sender"].get<std::string>());
    if (!sender || *sender != o.sender) return "sender " + to_0x_hex(o.sender);
    const auto hash = fixed_from_hex<32>(result["hash"].get<std::string>());
    if (!hash || *hash != keccak256(bytes)) return "hash mismatch";
    const auto gas = parse_u64(result["intrinsicGas"]);
    if (!gas || *gas != o.gas.intrinsic) return "intrinsic gas " + std::to_string(o.gas.intrinsic);
    return "";
}

void run_transaction_file(const fs::path& path)
{
    const json tests = infra::load_json(path);
    ASSERT_TRUE(tests.is_object());
    ASSERT_FALSE(tests.empty());
    Counts local;
    for (const auto& [name, test] : tests.items()) {
        const auto bytes = from_hex(test["txbytes"].get<std::string>());
        ASSERT_TRUE(bytes.has_value()) << name;
        for (const auto& [fork, result] : test["result"].items()) {
            const auto rev = revision_from_string(fork);
            ASSERT_TRUE(rev.has_value()) << "unknown fork " << fork;
            const std::string id = path.stem().string() + "/" + name + "/" + fork;
            record("TransactionTests", fork, id, run_transaction_case(fork, *rev, *bytes, result),
                   local);
        }
    }
    EXPECT_GT(local.passed + local.failed, 0u);
}

// --- EEST state tests' txbytes -----------------------------------------------------------------

std::string run_state_case(const std::string& fork,
                           Revision rev,
                           BytesView bytes,
                           const json& entry,
                           const Address& expected_sender)
{
    const Outcome o = evaluate(bytes, rev);
    if (entry.contains("expectException")) {
        const auto names = exception_names(entry["expectException"].get<std::string>());
        const bool all_static = std::all_of(
            names.begin(), names.end(), [&](const auto& n) { return is_static_exception(n, rev); });
        if (all_static) {
            if (!o.error)
                return "accepted, expected " + entry["expectException"].get<std::string>();
            const bool matched =
                std::find(names.begin(), names.end(), to_string(*o.error)) != names.end();
            count_rejection(fork, "EestStateTxbytes", matched);
            return "";
        }
        // Rejected by a rule that needs state: the transaction itself must still be well formed.
        if (!o.decoded) return "decoding failed: " + std::string{to_string(*o.error)};
        if (auto r = check_round_trip(o, bytes); !r.empty()) return r;
        const auto sender = recover_sender(o.tx);
        if (!sender || *sender != expected_sender) return "sender mismatch";
        return "";
    }
    if (o.error) return "rejected: " + std::string{to_string(*o.error)};
    if (auto r = check_round_trip(o, bytes); !r.empty()) return r;
    if (o.sender != expected_sender) return "sender " + to_0x_hex(o.sender);
    return "";
}

void run_state_file(const fs::path& path)
{
    const json tests = infra::load_json(path);
    ASSERT_TRUE(tests.is_object());
    Counts local;
    for (const auto& [name, test] : tests.items()) {
        const auto sender = fixed_from_hex<20>(test["transaction"]["sender"].get<std::string>());
        ASSERT_TRUE(sender.has_value()) << name;
        if (test.contains("config") && test["config"].contains("chainid")) {
            ASSERT_EQ(parse_u64(test["config"]["chainid"]), kChainId) << name;
        }
        for (const auto& [fork, entries] : test["post"].items()) {
            const auto rev = revision_from_string(fork);
            ASSERT_TRUE(rev.has_value()) << "unknown fork " << fork;
            for (size_t i = 0; i < entries.size(); ++i) {
                const json& entry = entries[i];
                if (!entry.contains("txbytes")) continue;
                const auto bytes = from_hex(entry["txbytes"].get<std::string>());
                ASSERT_TRUE(bytes.has_value()) << name;
                const std::string id =
                    path.stem().string() + "/" + name + "/" + fork + "/" + std::to_string(i);
                record("EestStateTxbytes", fork, id,
                       run_state_case(fork, *rev, *bytes, entry, *sender), local);
            }
        }
    }
}

// --- Registration ------------------------------------------------------------------------------

TEST(TransactionFixtures, ExceptionNames)
{
    EXPECT_EQ(exception_names("TransactionException.A|TransactionException.B_C"),
              (std::vector<std::string>{"A", "B_C"}));
    EXPECT_EQ(exception_names("INTRINSIC_GAS_TOO_LOW"),
              (std::vector<std::string>{"INTRINSIC_GAS_TOO_LOW"}));
}

TEST(TransactionFixtures, FixturesPresent)
{
    // Guards against a silently empty run when the fixture folder moves.
    EXPECT_TRUE(fs::is_directory(test::fixtures_dir() / "transaction" / "TransactionTests"));
}

void print_counts(const char* title, const std::map<std::string, Counts>& counts)
{
    std::cout << title << "\n";
    for (const auto& [key, c] : counts) {
        std::cout << "  " << key << ": " << c.passed << " passed, " << c.failed << " failed";
        if (c.rejections != 0)
            std::cout << " (reason name matched for " << c.reason_matched << " of " << c.rejections
                      << " rejections)";
        std::cout << "\n";
    }
}

}  // namespace

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    const fs::path root = test::fixtures_dir();
    test::register_fixture_files("TransactionTests", root / "transaction" / "TransactionTests",
                                 test::file_test(run_transaction_file));
    test::register_fixture_files("EestStateTxbytes", root / "state" / "eest" / "state_tests",
                                 test::file_test(run_state_file), [](const std::string& rel) {
                                     return rel.rfind("static/", 0) == 0;
                                 });
    const int status = RUN_ALL_TESTS();
    if (!GTEST_FLAG_GET(list_tests)) {
        print_counts("By suite and fork:", g_by_fork);
        print_counts("By suite:", g_by_suite);
        size_t passed = 0;
        size_t failed = 0;
        for (const auto& [fork, c] : g_by_fork) {
            passed += c.passed;
            failed += c.failed;
        }
        std::cout << passed << " passed, " << failed << " failed" << std::endl;
    }
    return status;
}
