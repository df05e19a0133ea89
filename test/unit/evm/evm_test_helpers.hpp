// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Test helpers for the interpreter: a tiny bytecode builder, a mock Host with EIP-2200
// storage classification and EIP-2929 access sets, and a gtest fixture that runs one frame.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/uint256.hpp>
#include <ultra/evm/interpreter.hpp>
#include <vector>

namespace ultra::evm {

// ---- bytecode builder ------------------------------------------------------------------------

/// Appends an opcode: `push(1) + push(2) + OP_ADD`.
inline Bytes operator+(Bytes code, Opcode op)
{
    code.push_back(op);
    return code;
}

namespace test {

/// One opcode as code.
inline Bytes op(Opcode o)
{
    return Bytes{static_cast<uint8_t>(o)};
}

/// PUSHn with the minimal n (PUSH1 for zero; never PUSH0, so it works in every revision).
inline Bytes push(const uint256& v)
{
    uint8_t be[32];
    store_be(be, v);
    size_t skip = 0;
    while (skip < 31 && be[skip] == 0) ++skip;
    const size_t n = 32 - skip;
    Bytes code{static_cast<uint8_t>(OP_PUSH1 + n - 1)};
    code.append(be + skip, n);
    return code;
}

/// PUSH20 of an address.
inline Bytes push(const Address& a)
{
    Bytes code{OP_PUSH20};
    code.append(a.data(), 20);
    return code;
}

/// PUSH of raw bytes (1..32).
inline Bytes push_bytes(BytesView b)
{
    Bytes code{static_cast<uint8_t>(OP_PUSH1 + b.size() - 1)};
    code.append(b);
    return code;
}

/// Stores the top of the stack at memory[0..32) and returns it.
inline Bytes ret_top()
{
    return push(0) + OP_MSTORE + push(32) + push(0) + OP_RETURN;
}

/// SSTORE(key, value).
inline Bytes sstore(const uint256& key, const uint256& value)
{
    return push(value) + push(key) + OP_SSTORE;
}

/// A call-family instruction with all arguments pushed (value only for CALL and CALLCODE).
inline Bytes call(Opcode kind,
                  const uint256& gas,
                  const Address& to,
                  const uint256& value = 0,
                  uint64_t in_off = 0,
                  uint64_t in_size = 0,
                  uint64_t out_off = 0,
                  uint64_t out_size = 0)
{
    Bytes c = push(out_size) + push(out_off) + push(in_size) + push(in_off);
    if (kind == OP_CALL || kind == OP_CALLCODE) c += push(value);
    return c + push(to) + push(gas) + kind;
}

/// The gas of a call-family instruction's argument pushes (each push costs 3).
constexpr int64_t call_push_cost(Opcode kind)
{
    return (kind == OP_CALL || kind == OP_CALLCODE ? 7 : 6) * 3;
}

/// An address as a stack word (right-aligned, YP: the low 160 bits).
inline uint256 word(const Address& a)
{
    uint8_t buf[32] = {};
    std::copy_n(a.data(), 20, buf + 12);
    return load_be(buf);
}

/// YP eq. 326: the total cost of `words` words of memory, 3·a + ⌊a²/512⌋.
constexpr int64_t mem_cost_words(int64_t words)
{
    return 3 * words + words * words / 512;
}

/// An address with `b` as its last byte.
inline Address addr(uint8_t b)
{
    Address a;
    a[19] = b;
    a[0] = 0xa0;
    return a;
}

/// Copies a view; an empty view may have a null data pointer, which libstdc++'s copy may not see.
inline Bytes to_bytes(BytesView v)
{
    return v.empty() ? Bytes{} : Bytes{v};
}

// ---- mock host -------------------------------------------------------------------------------

/// An account of the mock world.
struct MockAccount
{
    uint256 balance;
    uint64_t nonce = 0;
    Bytes code;
    std::map<Bytes32, Bytes32> storage;   ///< Current values.
    std::map<Bytes32, Bytes32> original;  ///< Values at the start of the transaction if dirty.
};

/// A recorded call.
struct RecordedCall
{
    Message msg;
    Bytes input;
};

/// A recorded log.
struct RecordedLog
{
    Address addr;
    Bytes data;
    std::vector<Bytes32> topics;
};

/// An in-memory Host for unit tests. Storage classification follows EIP-2200's definitions,
/// account_exists follows EIP-161 from Spurious Dragon, access sets start cold.
class MockHost : public Host
{
public:
    Revision rev = kLatestRevision;
    std::map<Address, MockAccount> accounts;
    std::set<Address> warm_accounts;
    std::set<std::pair<Address, Bytes32>> warm_slots;
    std::map<std::pair<Address, Bytes32>, Bytes32> transient;
    std::set<Address> destructed;
    std::vector<std::pair<Address, Address>> selfdestructs;
    std::vector<RecordedCall> calls;
    std::vector<RecordedLog> logs;
    std::map<int64_t, Bytes32> block_hashes;
    std::vector<Bytes32> blob_hashes;
    TxContext tx;
    /// What call() returns; default: success, all gas unused, no output.
    std::function<CallResult(const Message&)> on_call;
    /// When set, storage reads fail as if a witness lacked the slot.
    bool missing_storage = false;

    bool account_exists(const Address& a) noexcept override
    {
        const auto it = accounts.find(a);
        if (it == accounts.end()) return false;
        if (rev < Revision::kSpuriousDragon) return true;
        const auto& acc = it->second;
        return acc.nonce != 0 || acc.balance != 0 || !acc.code.empty();  // EIP-161
    }
    Bytes32 get_storage(const Address& a, const Bytes32& key) noexcept override
    {
        if (missing_storage) {
            set_internal_error();
            return {};
        }
        const auto it = accounts.find(a);
        if (it == accounts.end()) return {};
        const auto s = it->second.storage.find(key);
        return s != it->second.storage.end() ? s->second : Bytes32{};
    }
    StorageStatus set_storage(const Address& a,
                              const Bytes32& key,
                              const Bytes32& value) noexcept override
    {
        auto& acc = accounts[a];
        const Bytes32 current = acc.storage[key];
        if (!acc.original.contains(key)) acc.original[key] = current;
        const Bytes32 orig = acc.original[key];
        acc.storage[key] = value;
        const Bytes32 zero{};
        if (current == value) return StorageStatus::kAssigned;
        if (orig == current) {
            if (orig == zero) return StorageStatus::kAdded;
            if (value == zero) return StorageStatus::kDeleted;
            return StorageStatus::kModified;
        }
        if (orig != zero && current == zero)
            return value == orig ? StorageStatus::kDeletedRestored : StorageStatus::kDeletedAdded;
        if (orig != zero && value == zero) return StorageStatus::kModifiedDeleted;
        if (orig == zero && value == zero) return StorageStatus::kAddedDeleted;
        if (value == orig) return StorageStatus::kModifiedRestored;
        return StorageStatus::kAssigned;
    }
    uint256 get_balance(const Address& a) noexcept override
    {
        const auto it = accounts.find(a);
        return it != accounts.end() ? it->second.balance : uint256{};
    }
    size_t get_code_size(const Address& a) noexcept override
    {
        const auto it = accounts.find(a);
        return it != accounts.end() ? it->second.code.size() : 0;
    }
    Bytes32 get_code_hash(const Address& a) noexcept override
    {
        const auto it = accounts.find(a);
        if (it == accounts.end()) return {};
        const auto& acc = it->second;
        if (acc.nonce == 0 && acc.balance == 0 && acc.code.empty()) return {};
        return keccak256(acc.code);
    }
    size_t copy_code(const Address& a, size_t offset, uint8_t* buf, size_t size) noexcept override
    {
        const auto it = accounts.find(a);
        if (it == accounts.end()) return 0;
        const auto& code = it->second.code;
        if (offset >= code.size()) return 0;
        const size_t n = std::min(size, code.size() - offset);
        std::copy_n(code.data() + offset, n, buf);
        return n;
    }
    bool selfdestruct(const Address& a, const Address& beneficiary) noexcept override
    {
        selfdestructs.emplace_back(a, beneficiary);
        return destructed.insert(a).second;
    }
    CallResult call(const Message& msg) noexcept override
    {
        calls.push_back({msg, to_bytes(msg.input)});
        calls.back().msg.input = calls.back().input;
        if (on_call) return on_call(msg);
        CallResult r;
        r.gas_left = msg.gas;
        return r;
    }
    TxContext get_tx_context() noexcept override
    {
        TxContext t = tx;
        t.blob_hashes = blob_hashes;
        return t;
    }
    Bytes32 get_block_hash(int64_t n) noexcept override
    {
        const auto it = block_hashes.find(n);
        return it != block_hashes.end() ? it->second : Bytes32{};
    }
    void emit_log(const Address& a,
                  BytesView data,
                  std::span<const Bytes32> topics) noexcept override
    {
        logs.push_back({a, to_bytes(data), {topics.begin(), topics.end()}});
    }
    AccessStatus access_account(const Address& a) noexcept override
    {
        return warm_accounts.insert(a).second ? AccessStatus::kCold : AccessStatus::kWarm;
    }
    AccessStatus access_storage(const Address& a, const Bytes32& key) noexcept override
    {
        return warm_slots.insert({a, key}).second ? AccessStatus::kCold : AccessStatus::kWarm;
    }
    Bytes32 get_transient_storage(const Address& a, const Bytes32& key) noexcept override
    {
        const auto it = transient.find({a, key});
        return it != transient.end() ? it->second : Bytes32{};
    }
    void set_transient_storage(const Address& a,
                               const Bytes32& key,
                               const Bytes32& value) noexcept override
    {
        transient[{a, key}] = value;
    }
};

// ---- fixture ---------------------------------------------------------------------------------

/// The address whose code runs in EvmTest.
inline const Address kSelf = addr(0x01);
/// The caller of EvmTest's frame.
inline const Address kCaller = addr(0x02);

/// Runs one frame: set `rev`, `host` and `msg` fields, then `execute(gas, code)`.
class EvmTest : public ::testing::Test
{
protected:
    Revision rev = kLatestRevision;
    MockHost host;
    Vm vm;
    Message msg;
    Bytes input;
    CallResult result;
    int64_t gas_used = 0;

    void execute(int64_t gas, const Bytes& code)
    {
        host.rev = rev;
        msg.gas = gas;
        msg.recipient = kSelf;
        msg.code_address = kSelf;
        msg.sender = kCaller;
        msg.input = input;
        result = evm::execute(vm, host, rev, msg, code);
        gas_used = gas - result.gas_left;
    }

    void execute(const Bytes& code) { execute(1'000'000, code); }

    /// The 32-byte output as a number.
    [[nodiscard]] uint256 output_word() const
    {
        EXPECT_EQ(result.output.size(), 32u);
        return result.output.size() == 32 ? load_be(result.output.data()) : uint256{};
    }
};

}  // namespace test
}  // namespace ultra::evm
