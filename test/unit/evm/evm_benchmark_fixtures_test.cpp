// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// End-to-end check of the interpreter on the evm-benchmarks state tests (London): each post
// entry is one call from the sender to a standalone contract. A minimal transaction wrapper
// (intrinsic gas, EIP-3529 refund cap, fee payment) runs the interpreter over the MockHost and
// the resulting post-state root and logs hash must equal the fixture's. These contracts make
// no nested calls, so the mock host is enough; the full state-test runner lives in test/spec.
#include <nlohmann/json.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/infra/json.hpp>
#include <ultra/trie/mpt.hpp>

#include "evm_test_helpers.hpp"
#include "utils/fixtures.hpp"

using namespace ultra;
using namespace ultra::evm;
using namespace ultra::evm::test;

namespace {

uint256 parse_u256(const nlohmann::json& j)
{
    const auto v = parse_uint256(j.get<std::string>());
    EXPECT_TRUE(v.has_value());
    return v.value_or(uint256{});
}

Bytes parse_bytes(const nlohmann::json& j)
{
    const auto v = from_hex(j.get<std::string>());
    EXPECT_TRUE(v.has_value());
    return v.value_or(Bytes{});
}

Address parse_address(const nlohmann::json& j)
{
    return Address::from_view(parse_bytes(j));
}

/// Minimal big-endian bytes of x (RLP scalar form).
Bytes compact(const uint256& x)
{
    uint8_t be[32];
    store_be(be, x);
    size_t skip = 0;
    while (skip < 32 && be[skip] == 0) ++skip;
    return Bytes{be + skip, 32 - skip};
}

Hash256 state_root(const std::map<Address, MockAccount>& accounts)
{
    trie::SecureTrie state;
    for (const auto& [address, acc] : accounts) {
        trie::SecureTrie storage;
        for (const auto& [key, value] : acc.storage) {
            if (value.is_zero()) continue;
            Bytes v;
            rlp::encode(v, compact(from_bytes32(value)));
            storage.put(key, v);
        }
        Bytes payload;
        rlp::encode(payload, acc.nonce);
        rlp::encode(payload, compact(acc.balance));
        rlp::encode(payload, storage.root_hash());
        rlp::encode(payload, keccak256(acc.code));
        state.put(address, rlp::wrap_list(payload));
    }
    return state.root_hash();
}

/// Runs one post entry; returns an empty string on success, else what differed.
std::string run_entry(const nlohmann::json& t, const nlohmann::json& post)
{
    constexpr Revision kRev = Revision::kLondon;
    MockHost host;
    host.rev = kRev;
    for (const auto& [a, acc] : t["pre"].items()) {
        MockAccount m;
        m.balance = parse_u256(acc["balance"]);
        m.nonce = static_cast<uint64_t>(parse_u256(acc["nonce"])[0]);
        m.code = parse_bytes(acc["code"]);
        for (const auto& [k, v] : acc["storage"].items())
            m.storage[to_bytes32(*parse_uint256(k))] = to_bytes32(parse_u256(v));
        host.accounts[parse_address(nlohmann::json(a))] = m;
    }
    const auto& tx = t["transaction"];
    const auto& idx = post["indexes"];
    const Address sender = parse_address(tx["sender"]);
    const Address to = parse_address(tx["to"]);
    const Bytes data = parse_bytes(tx["data"][idx["data"].get<size_t>()]);
    const auto gas_limit =
        static_cast<int64_t>(parse_u256(tx["gasLimit"][idx["gas"].get<size_t>()])[0]);
    const uint256 value = parse_u256(tx["value"][idx["value"].get<size_t>()]);
    const uint256 gas_price = parse_u256(tx["gasPrice"]);
    const uint256 base_fee = parse_u256(t["env"]["currentBaseFee"]);
    const Address coinbase = parse_address(t["env"]["currentCoinbase"]);
    host.tx.gas_price = gas_price;
    host.tx.origin = sender;
    host.tx.coinbase = coinbase;
    host.tx.number = static_cast<int64_t>(parse_u256(t["env"]["currentNumber"])[0]);
    host.tx.timestamp = static_cast<int64_t>(parse_u256(t["env"]["currentTimestamp"])[0]);
    host.tx.gas_limit = static_cast<int64_t>(parse_u256(t["env"]["currentGasLimit"])[0]);
    host.tx.base_fee = base_fee;
    host.tx.chain_id = 1;

    // Intrinsic gas: 21000 + EIP-2028 calldata cost.
    int64_t intrinsic = 21000;
    for (const auto b : data) intrinsic += b == 0 ? 4 : 16;
    // Buy gas, bump the nonce, transfer the value.
    host.accounts[sender].balance -= uint256{static_cast<uint64_t>(gas_limit)} * gas_price;
    host.accounts[sender].nonce += 1;
    host.accounts[sender].balance -= value;
    host.accounts[to].balance += value;
    // EIP-2929: sender and recipient start warm (precompiles are never touched here).
    host.warm_accounts = {sender, to};

    Vm vm;
    Message msg;
    msg.gas = gas_limit - intrinsic;
    msg.recipient = to;
    msg.code_address = to;
    msg.sender = sender;
    msg.input = data;
    msg.value = value;
    const Bytes code = host.accounts[to].code;
    const auto r = execute(vm, host, kRev, msg, code);
    if (r.status != StatusCode::kSuccess) return "status " + std::to_string(int(r.status));
    int64_t gas_used = gas_limit - r.gas_left;
    gas_used -= std::min(r.gas_refund, gas_used / 5);  // EIP-3529
    const uint256 used{static_cast<uint64_t>(gas_used)};
    host.accounts[sender].balance +=
        uint256{static_cast<uint64_t>(gas_limit - gas_used)} * gas_price;
    host.accounts[coinbase].balance += used * (gas_price - base_fee);

    std::string err;
    const auto root = state_root(host.accounts);
    if (to_0x_hex(root) != post["hash"].get<std::string>())
        err += "state root " + to_0x_hex(root) + " (gas used " + std::to_string(gas_used) + ") ";
    // keccak256(rlp([])): these contracts emit no logs.
    if (!host.logs.empty() ||
        post["logs"].get<std::string>() !=
            "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")
        err += "logs";
    return err;
}

}  // namespace

TEST(evm_benchmark_fixtures, london_post_state_roots)
{
    const auto dir = ultra::test::fixtures_dir() / "benchmarks" / "evm-benchmarks";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no fixtures at " << dir;
    int passed = 0;
    int failed = 0;
    for (const auto& file : infra::list_json_files(dir)) {
        const auto j = infra::load_json(file);
        for (const auto& [name, t] : j.items()) {
            int i = 0;
            for (const auto& post : t["post"]["London"]) {
                const auto err = run_entry(t, post);
                if (err.empty()) {
                    ++passed;
                } else {
                    ++failed;
                    ADD_FAILURE() << file.filename() << " " << name << " #" << i << ": " << err;
                }
                ++i;
            }
        }
    }
    EXPECT_GT(passed, 0);
    std::cout << passed << " passed, " << failed << " failed\n";
}
