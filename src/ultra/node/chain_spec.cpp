// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "chain_spec.hpp"

#include <algorithm>
#include <array>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/transaction_validation.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/execution/requests.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/infra/file.hpp>
#include <ultra/trie/node.hpp>

#include "l2_genesis.hpp"

namespace ultra::node {
namespace {

using nlohmann::json;

/// The one exception of this file: thrown where a member is wrong, caught at the API boundary
/// and turned into a ChainSpecError.
struct SpecError
{
    std::string field;
    std::string message;
};

[[noreturn]] void fail(const std::string& field, std::string message)
{
    throw SpecError{field, std::move(message)};
}

std::string member(const std::string& parent, std::string_view name)
{
    return parent.empty() ? std::string{name} : parent + "." + std::string{name};
}

/// Rejects every member of `j` not in `known`.
void check_members(const json& j, const std::string& path, std::span<const std::string_view> known)
{
    if (!j.is_object()) fail(path, "expected an object");
    for (const auto& [key, value] : j.items()) {
        (void)value;
        if (std::find(known.begin(), known.end(), key) == known.end())
            fail(member(path, key), "unknown member");
    }
}

bool is_hex_digit(char c) noexcept
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

uint8_t hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    return static_cast<uint8_t>(c - 'A' + 10);
}

constexpr const char* kQuantityExpected =
    "expected a quantity (a non-negative integer, a decimal string or a 0x-hex string)";

/// A non-negative integer: a JSON unsigned integer, a decimal string or a 0x-hex string, at most
/// 2^256 - 1.
uint256 parse_u256(const json& j, const std::string& path)
{
    if (j.is_number_unsigned()) return uint256{j.get<uint64_t>()};
    if (j.is_number_integer() && j.get<int64_t>() >= 0) return uint256{j.get<uint64_t>()};
    if (!j.is_string()) fail(path, kQuantityExpected);
    const std::string& s = j.get_ref<const std::string&>();
    const bool hex = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    if (s.empty() || (s.size() <= 2 && (s == "0x" || s == "0X"))) fail(path, kQuantityExpected);
    uint256 v;
    if (hex) {
        if (s.size() - 2 > 64) fail(path, "value exceeds 256 bits");
        for (size_t i = 2; i < s.size(); ++i) {
            if (!is_hex_digit(s[i])) fail(path, kQuantityExpected);
            v = (v << 4) | uint256{hex_value(s[i])};
        }
        return v;
    }
    const uint256 max_before_times_ten = ~uint256{0} / 10;
    for (const char c : s) {
        if (c < '0' || c > '9') fail(path, kQuantityExpected);
        const uint256 digit{static_cast<uint64_t>(c - '0')};
        if (v > max_before_times_ten || ~uint256{0} - v * 10 < digit)
            fail(path, "value exceeds 256 bits");
        v = v * 10 + digit;
    }
    return v;
}

uint64_t parse_u64(const json& j, const std::string& path)
{
    const uint256 v = parse_u256(j, path);
    if (v > uint256{~uint64_t{0}}) fail(path, "value exceeds 64 bits");
    return static_cast<uint64_t>(v);
}

/// 0x-prefixed hex of an even number of digits.
Bytes parse_bytes(const json& j, const std::string& path)
{
    if (!j.is_string()) fail(path, "expected a 0x-prefixed hex string");
    const std::string& s = j.get_ref<const std::string&>();
    if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        fail(path, "expected a 0x-prefixed hex string");
    auto bytes = from_hex(s);
    if (!bytes) fail(path, "invalid hex (an even number of hex digits is required)");
    return std::move(*bytes);
}

/// Exactly N bytes of hex, with or without the 0x prefix.
template <size_t N>
FixedBytes<N> parse_fixed_hex(const std::string& s, const std::string& path, const char* what)
{
    const auto v = fixed_from_hex<N>(s);
    if (!v)
        fail(path, std::string{"expected "} + what + " (" + std::to_string(N) + " bytes of hex)");
    return *v;
}

template <size_t N>
FixedBytes<N> parse_fixed(const json& j, const std::string& path, const char* what)
{
    if (!j.is_string()) fail(path, std::string{"expected "} + what);
    return parse_fixed_hex<N>(j.get_ref<const std::string&>(), path, what);
}

/// A storage key or value: 1 to 64 hex digits (with or without 0x), left-padded to 32 bytes.
Bytes32 parse_word(const std::string& s, const std::string& path)
{
    const size_t start = s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 2 : 0;
    const size_t digits = s.size() - start;
    if (digits == 0 || digits > 64) fail(path, "expected a 32-byte word (1 to 64 hex digits)");
    Bytes32 out;
    for (size_t i = 0; i < digits; ++i) {
        const char c = s[s.size() - 1 - i];
        if (!is_hex_digit(c)) fail(path, "expected a 32-byte word (1 to 64 hex digits)");
        const uint8_t nibble = hex_value(c);
        out.bytes[31 - i / 2] |= static_cast<uint8_t>(i % 2 == 0 ? nibble : nibble << 4);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Forks
// ---------------------------------------------------------------------------------------------

/// The fork names of the schema, in activation order: the revisions, then the BPO forks.
struct ForkName
{
    std::string_view name;
    std::string_view alias;
    bool is_bpo;
    size_t index;  ///< the Revision or the BPO index
};

constexpr std::array<ForkName, kNumRevisions + 4> kForkNames{{
    {"Frontier", "", false, 0},
    {"Homestead", "", false, 1},
    {"TangerineWhistle", "EIP150", false, 2},
    {"SpuriousDragon", "EIP158", false, 3},
    {"Byzantium", "", false, 4},
    {"Constantinople", "", false, 5},
    {"Petersburg", "ConstantinopleFix", false, 6},
    {"Istanbul", "", false, 7},
    {"Berlin", "", false, 8},
    {"London", "", false, 9},
    {"Paris", "Merge", false, 10},
    {"Shanghai", "", false, 11},
    {"Cancun", "", false, 12},
    {"Prague", "", false, 13},
    {"Osaka", "", false, 14},
    {"BPO1", "", true, 0},
    {"BPO2", "", true, 1},
    {"BPO3", "", true, 2},
    {"BPO4", "", true, 3},
}};
static_assert(kNumRevisions == 15);

/// A fork's activation: a number (a block for forks through Paris, a timestamp from Shanghai),
/// {"block": n}, {"timestamp": t}, or null (never).
ForkCondition parse_fork_condition(const json& j, const std::string& path, size_t position)
{
    if (j.is_null()) return ForkCondition::never();
    if (j.is_object()) {
        constexpr std::string_view kKnown[] = {"block", "timestamp"};
        check_members(j, path, kKnown);
        if (j.size() != 1) fail(path, R"(expected exactly one of "block" and "timestamp")");
        if (j.contains("block"))
            return ForkCondition::at_block(parse_u64(j.at("block"), member(path, "block")));
        return ForkCondition::at_timestamp(parse_u64(j.at("timestamp"), member(path, "timestamp")));
    }
    const uint64_t v = parse_u64(j, path);
    // go-ethereum's convention: block numbers through the Merge, timestamps from Shanghai.
    constexpr size_t kShanghaiPosition = static_cast<size_t>(Revision::kShanghai);
    return position < kShanghaiPosition ? ForkCondition::at_block(v)
                                        : ForkCondition::at_timestamp(v);
}

/// Whether `later` can follow `earlier` in the schedule (never activates before it).
bool ordered(const ForkCondition& earlier, const ForkCondition& later) noexcept
{
    using Kind = ForkCondition::Kind;
    if (later.kind == Kind::kNever) return true;
    if (earlier.kind == Kind::kNever) return false;
    if (earlier.kind == later.kind) return earlier.value <= later.value;
    // A block-activated fork after a timestamp one is only possible at genesis.
    if (earlier.kind == Kind::kTimestamp) return later.value == 0 && earlier.value == 0;
    return true;  // block, then timestamp
}

void parse_forks(const json& j, const std::string& path, ChainConfig& config)
{
    if (!j.is_object()) fail(path, "expected an object of fork name -> activation");
    std::array<std::optional<ForkCondition>, kForkNames.size()> given{};
    for (const auto& [key, value] : j.items()) {
        const auto it = std::find_if(kForkNames.begin(), kForkNames.end(), [&](const ForkName& f) {
            return f.name == key || (!f.alias.empty() && f.alias == key);
        });
        const std::string field = member(path, key);
        if (it == kForkNames.end()) fail(field, "unknown fork");
        const auto position = static_cast<size_t>(it - kForkNames.begin());
        if (given[position]) fail(field, "fork given twice (by name and by alias)");
        given[position] = parse_fork_condition(value, field, position);
        if (it->is_bpo && given[position]->kind == ForkCondition::Kind::kBlock &&
            given[position]->value != 0)
            fail(field, "a BPO fork activates by timestamp (EIP-7892)");
    }
    // The newest fork named: unnamed older forks activate at genesis, unnamed newer ones never.
    size_t newest = 0;
    for (size_t i = 0; i < given.size(); ++i)
        if (given[i]) newest = i;
    std::array<ForkCondition, kForkNames.size()> schedule{};
    for (size_t i = 0; i < given.size(); ++i) {
        if (given[i])
            schedule[i] = *given[i];
        else if (i < newest)
            schedule[i] = ForkCondition::at_block(0);
    }
    if (schedule[0].kind != ForkCondition::Kind::kBlock || schedule[0].value != 0)
        fail(member(path, "Frontier"), "Frontier is active from genesis (block 0)");
    for (size_t i = 1; i < schedule.size(); ++i) {
        if (!ordered(schedule[i - 1], schedule[i]))
            fail(member(path, kForkNames[i].name), "activates before " +
                                                       std::string{kForkNames[i - 1].name} +
                                                       " (forks must activate in order)");
    }
    for (size_t i = 0; i < kNumRevisions; ++i) config.forks[i] = schedule[i];
    for (size_t i = 0; i < 4; ++i) config.bpo_forks[i] = schedule[kNumRevisions + i];
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

ExecuteConfig parse_execute(const json& j, const std::string& path)
{
    constexpr std::string_view kKnown[] = {
        "address",      "gasCost",     "gasPerByte", "cumulativeGasLimit", "cumulativeGasTarget",
        "baseFeeFloor", "queryGasCost"};
    check_members(j, path, kKnown);
    ExecuteConfig e;
    if (j.contains("address"))
        e.address = parse_fixed<20>(j.at("address"), member(path, "address"), "an address");
    if (j.contains("gasCost")) e.gas_cost = parse_u64(j.at("gasCost"), member(path, "gasCost"));
    if (j.contains("gasPerByte"))
        e.gas_per_byte = parse_u64(j.at("gasPerByte"), member(path, "gasPerByte"));
    if (j.contains("cumulativeGasLimit"))
        e.cumulative_gas_limit =
            parse_u64(j.at("cumulativeGasLimit"), member(path, "cumulativeGasLimit"));
    if (j.contains("cumulativeGasTarget"))
        e.cumulative_gas_target =
            parse_u64(j.at("cumulativeGasTarget"), member(path, "cumulativeGasTarget"));
    if (j.contains("baseFeeFloor"))
        e.base_fee_floor = parse_u256(j.at("baseFeeFloor"), member(path, "baseFeeFloor"));
    if (j.contains("queryGasCost"))
        e.query_gas_cost = parse_u64(j.at("queryGasCost"), member(path, "queryGasCost"));
    if (e.cumulative_gas_target == 0)
        fail(member(path, "cumulativeGasTarget"), "must be greater than 0");
    if (e.cumulative_gas_target > e.cumulative_gas_limit)
        fail(member(path, "cumulativeGasTarget"), "must not exceed cumulativeGasLimit");
    if (e.base_fee_floor == 0) fail(member(path, "baseFeeFloor"), "must be at least 1 wei");
    return e;
}

GenesisSpec parse_genesis(const json& j, const std::string& path)
{
    constexpr std::string_view kKnown[] = {"gasLimit", "baseFeePerGas", "timestamp", "extraData",
                                           "coinbase", "prevRandao",    "difficulty"};
    check_members(j, path, kKnown);
    GenesisSpec g;
    if (j.contains("gasLimit")) {
        const std::string field = member(path, "gasLimit");
        g.gas_limit = parse_u64(j.at("gasLimit"), field);
        if (g.gas_limit < execution::kMinGasLimit || g.gas_limit > execution::kMaxGasLimit)
            fail(field, "must be between 5000 and 2^63 - 1");
    }
    if (j.contains("baseFeePerGas"))
        g.base_fee_per_gas = parse_u256(j.at("baseFeePerGas"), member(path, "baseFeePerGas"));
    if (j.contains("timestamp"))
        g.timestamp = parse_u64(j.at("timestamp"), member(path, "timestamp"));
    if (j.contains("extraData")) {
        const std::string field = member(path, "extraData");
        g.extra_data = parse_bytes(j.at("extraData"), field);
        if (g.extra_data.size() > execution::kMaxExtraDataSize) fail(field, "longer than 32 bytes");
    }
    if (j.contains("coinbase"))
        g.coinbase = parse_fixed<20>(j.at("coinbase"), member(path, "coinbase"), "an address");
    if (j.contains("prevRandao"))
        g.prev_randao =
            parse_fixed<32>(j.at("prevRandao"), member(path, "prevRandao"), "a 32-byte hash");
    if (j.contains("difficulty"))
        g.difficulty = parse_u256(j.at("difficulty"), member(path, "difficulty"));
    return g;
}

std::map<Address, GenesisAccount> parse_alloc(const json& j, const std::string& path)
{
    if (!j.is_object()) fail(path, "expected an object of address -> account");
    std::map<Address, GenesisAccount> alloc;
    for (const auto& [key, value] : j.items()) {
        const std::string field = member(path, key);
        const Address addr = parse_fixed_hex<20>(key, field, "an address");
        constexpr std::string_view kKnown[] = {"balance", "nonce", "code", "storage"};
        check_members(value, field, kKnown);
        GenesisAccount a;
        if (value.contains("balance"))
            a.balance = parse_u256(value.at("balance"), member(field, "balance"));
        if (value.contains("nonce")) a.nonce = parse_u64(value.at("nonce"), member(field, "nonce"));
        if (value.contains("code")) {
            a.code = parse_bytes(value.at("code"), member(field, "code"));
            if (a.code.size() > kMaxCodeSize)
                fail(member(field, "code"), "longer than 24,576 bytes (EIP-170)");
        }
        if (value.contains("storage")) {
            const std::string sfield = member(field, "storage");
            const json& storage = value.at("storage");
            if (!storage.is_object()) fail(sfield, "expected an object of slot -> value");
            for (const auto& [slot, word] : storage.items()) {
                const std::string wfield = member(sfield, slot);
                if (!word.is_string()) fail(wfield, "expected a 32-byte word (a hex string)");
                const Bytes32 k = parse_word(slot, wfield);
                const Bytes32 v = parse_word(word.get_ref<const std::string&>(), wfield);
                if (!v.is_zero()) a.storage[k] = v;
            }
        }
        if (!alloc.emplace(addr, std::move(a)).second)
            fail(field, "address given twice (in another spelling)");
    }
    return alloc;
}

ChainSpec parse_spec(const json& j)
{
    constexpr std::string_view kKnown[] = {"chainId", "forks",     "execute",        "genesis",
                                           "alloc",   "blockTime", "depositContract"};
    check_members(j, "", kKnown);
    ChainSpec spec = devnet_chain_spec();
    spec.config.execute.reset();  // a file enables EXECUTE explicitly
    if (!j.contains("chainId")) fail("chainId", "required");
    spec.config.chain_id = parse_u64(j.at("chainId"), "chainId");
    if (spec.config.chain_id == 0) fail("chainId", "must not be 0");
    if (j.contains("forks")) parse_forks(j.at("forks"), "forks", spec.config);
    if (j.contains("execute") && !j.at("execute").is_null()) {
        const json& e = j.at("execute");
        if (e.is_boolean()) {
            if (e.get<bool>()) spec.config.execute = ExecuteConfig{};
        } else {
            spec.config.execute = parse_execute(e, "execute");
        }
    }
    if (j.contains("genesis")) spec.genesis = parse_genesis(j.at("genesis"), "genesis");
    if (j.contains("alloc")) spec.alloc = parse_alloc(j.at("alloc"), "alloc");
    if (j.contains("blockTime")) spec.block_time = parse_u64(j.at("blockTime"), "blockTime");
    if (j.contains("depositContract"))
        spec.deposit_contract =
            parse_fixed<20>(j.at("depositContract"), "depositContract", "an address");
    return spec;
}

L2GenesisConfig parse_l2_genesis(const json& j)
{
    constexpr std::string_view kKnown[] = {"chainId", "gasLimit",      "timestamp", "baseFeePerGas",
                                           "fork",    "bridgeBalance", "alloc"};
    check_members(j, "", kKnown);
    L2GenesisConfig config;
    if (!j.contains("chainId")) fail("chainId", "required");
    config.chain_id = parse_u64(j.at("chainId"), "chainId");
    if (config.chain_id == 0) fail("chainId", "must not be 0");
    if (j.contains("gasLimit")) {
        config.gas_limit = parse_u64(j.at("gasLimit"), "gasLimit");
        if (config.gas_limit < execution::kMinGasLimit ||
            config.gas_limit > execution::kMaxGasLimit)
            fail("gasLimit", "must be between 5000 and 2^63 - 1");
    }
    if (j.contains("timestamp")) config.timestamp = parse_u64(j.at("timestamp"), "timestamp");
    if (j.contains("baseFeePerGas"))
        config.base_fee_per_gas = parse_u256(j.at("baseFeePerGas"), "baseFeePerGas");
    if (j.contains("fork")) {
        const json& f = j.at("fork");
        if (!f.is_string()) fail("fork", "expected a fork name (a string, e.g. \"Osaka\")");
        const auto rev = revision_from_string(f.get_ref<const std::string&>());
        if (!rev) fail("fork", "unknown fork " + f.get<std::string>());
        if (*rev < Revision::kCancun)
            fail("fork", "must be Cancun or later (the deposit anchor is EIP-4788's root)");
        config.rev = *rev;
    }
    if (j.contains("bridgeBalance"))
        config.bridge_balance = parse_u256(j.at("bridgeBalance"), "bridgeBalance");
    if (j.contains("alloc")) config.alloc = parse_alloc(j.at("alloc"), "alloc");
    if (config.alloc.contains(kL2BridgeAddress))
        fail("alloc", "must not define the L2Bridge predeploy " + to_0x_hex(kL2BridgeAddress));
    return config;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

std::string quantity(const uint256& v)
{
    return to_hex_string(v);
}

json condition_to_json(const ForkCondition& c)
{
    if (c.kind == ForkCondition::Kind::kTimestamp) return json{{"timestamp", c.value}};
    return json{{"block", c.value}};
}

/// Runs a reader, turning its SpecError (and nlohmann's) into a ChainSpecError: the API boundary
/// of both file formats.
template <typename T>
Result<T, ChainSpecError> read_checked(const json& j, T (*read)(const json&))
{
    try {
        return read(j);
    } catch (const SpecError& e) {
        return unexpected(ChainSpecError{e.field, e.message});
    } catch (const json::exception& e) {
        return unexpected(ChainSpecError{"", e.what()});
    }
}

/// Parses `text` as JSON and reads it with `from_json`.
template <typename T>
Result<T, ChainSpecError> parse_text(std::string_view text,
                                     Result<T, ChainSpecError> (*from_json)(const json&))
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return unexpected(ChainSpecError{"", std::string{"invalid JSON: "} + e.what()});
    }
    return from_json(j);
}

/// Reads the file at `path` with `from_json`; the path is appended to a content error.
template <typename T>
Result<T, ChainSpecError> load_file(const std::filesystem::path& path,
                                    Result<T, ChainSpecError> (*from_json)(const json&))
{
    std::string text;
    try {
        text = infra::read_file(path);
    } catch (const std::exception& e) {
        return unexpected(ChainSpecError{"", e.what()});
    }
    auto out = parse_text(text, from_json);
    if (!out) {
        ChainSpecError e = out.error();
        e.message += " (in " + path.string() + ")";
        return unexpected(std::move(e));
    }
    return out;
}

}  // namespace

std::string ChainSpecError::to_string() const
{
    return field.empty() ? message : field + ": " + message;
}

Result<ChainSpec, ChainSpecError> chain_spec_from_json(const nlohmann::json& j)
{
    return read_checked(j, parse_spec);
}

Result<ChainSpec, ChainSpecError> parse_chain_spec(std::string_view text)
{
    return parse_text(text, chain_spec_from_json);
}

Result<ChainSpec, ChainSpecError> load_chain_spec(const std::filesystem::path& path)
{
    return load_file(path, chain_spec_from_json);
}

nlohmann::json to_json(const ChainSpec& spec)
{
    json j;
    j["chainId"] = spec.config.chain_id;
    json forks = json::object();
    for (size_t i = 0; i < kForkNames.size(); ++i) {
        const ForkName& f = kForkNames[i];
        const ForkCondition& c = f.is_bpo ? spec.config.bpo_forks[f.index] : spec.config.forks[i];
        if (c.kind == ForkCondition::Kind::kNever) continue;
        forks[std::string{f.name}] = condition_to_json(c);
    }
    j["forks"] = forks;
    if (spec.config.execute) {
        const ExecuteConfig& e = *spec.config.execute;
        j["execute"] = {{"address", to_0x_hex(e.address.view())},
                        {"gasCost", e.gas_cost},
                        {"gasPerByte", e.gas_per_byte},
                        {"cumulativeGasLimit", e.cumulative_gas_limit},
                        {"cumulativeGasTarget", e.cumulative_gas_target},
                        {"baseFeeFloor", quantity(e.base_fee_floor)},
                        {"queryGasCost", e.query_gas_cost}};
    } else {
        j["execute"] = nullptr;
    }
    const GenesisSpec& g = spec.genesis;
    j["genesis"] = {{"gasLimit", g.gas_limit},
                    {"baseFeePerGas", quantity(g.base_fee_per_gas)},
                    {"timestamp", g.timestamp},
                    {"extraData", to_0x_hex(g.extra_data)},
                    {"coinbase", to_0x_hex(g.coinbase.view())},
                    {"prevRandao", to_0x_hex(g.prev_randao.view())}};
    if (g.difficulty) j["genesis"]["difficulty"] = quantity(*g.difficulty);
    json alloc = json::object();
    for (const auto& [addr, a] : spec.alloc) {
        json account = {{"balance", quantity(a.balance)}, {"nonce", a.nonce}};
        if (!a.code.empty()) account["code"] = to_0x_hex(a.code);
        if (!a.storage.empty()) {
            json storage = json::object();
            for (const auto& [k, v] : a.storage) storage[to_0x_hex(k.view())] = to_0x_hex(v.view());
            account["storage"] = storage;
        }
        alloc[to_0x_hex(addr.view())] = account;
    }
    j["alloc"] = alloc;
    j["blockTime"] = spec.block_time;
    j["depositContract"] = to_0x_hex(spec.deposit_contract.view());
    return j;
}

Result<L2GenesisConfig, ChainSpecError> l2_genesis_from_json(const nlohmann::json& j)
{
    return read_checked(j, parse_l2_genesis);
}

Result<L2GenesisConfig, ChainSpecError> load_l2_genesis(const std::filesystem::path& path)
{
    return load_file(path, l2_genesis_from_json);
}

nlohmann::json to_json(const L2GenesisConfig& config)
{
    json j;
    j["chainId"] = config.chain_id;
    j["gasLimit"] = config.gas_limit;
    j["timestamp"] = config.timestamp;
    j["baseFeePerGas"] = quantity(config.base_fee_per_gas);
    j["fork"] = std::string{to_string(config.rev)};
    j["bridgeBalance"] = quantity(config.bridge_balance);
    ChainSpec only_alloc;
    only_alloc.alloc = config.alloc;
    j["alloc"] = to_json(only_alloc)["alloc"];
    return j;
}

ChainSpec devnet_chain_spec(std::span<const Address> funded, const uint256& balance)
{
    ChainSpec spec;
    spec.config.chain_id = kDevnetChainId;
    for (size_t i = 0; i < kNumRevisions; ++i) spec.config.forks[i] = ForkCondition::at_block(0);
    spec.config.execute = ExecuteConfig{};
    spec.deposit_contract = execution::kMainnetDepositContractAddress;
    for (const Address& addr : funded) spec.alloc[addr].balance = balance;
    return spec;
}

Genesis make_genesis(const ChainSpec& spec)
{
    const ChainConfig& config = spec.config;
    const GenesisSpec& g = spec.genesis;
    const Revision rev = config.revision_at(0, g.timestamp);

    Genesis genesis;
    for (const auto& [addr, a] : spec.alloc) {
        state::InMemoryAccount account;
        account.balance = a.balance;
        account.nonce = a.nonce;
        account.code = a.code;
        account.storage = a.storage;
        genesis.state.set_account(addr, std::move(account));
    }
    for (const auto& sc : execution::kSystemContracts) {
        if (rev < sc.since || spec.alloc.contains(sc.address)) continue;
        state::InMemoryAccount account;
        account.nonce = 1;  // EIP-161 never deletes it
        account.code = Bytes{sc.code};
        genesis.state.set_account(sc.address, std::move(account));
    }

    BlockHeader& h = genesis.block.header;
    h.ommers_hash = kEmptyOmmersHash;
    h.coinbase = g.coinbase;
    h.state_root = genesis.state.state_root();
    h.transactions_root = trie::kEmptyRoot;
    h.receipts_root = trie::kEmptyRoot;
    // EIP-3675: a proof-of-stake genesis has no difficulty; before, the minimum unless given.
    h.difficulty = rev >= Revision::kParis ? uint256{0} : g.difficulty.value_or(0x20000);
    h.number = 0;
    h.gas_limit = g.gas_limit;
    h.timestamp = g.timestamp;
    h.extra_data = g.extra_data;
    h.mix_hash = g.prev_randao;
    if (rev >= Revision::kLondon) h.base_fee_per_gas = g.base_fee_per_gas;  // EIP-1559
    if (rev >= Revision::kShanghai) {                                       // EIP-4895
        h.withdrawals_root = trie::kEmptyRoot;
        genesis.block.withdrawals.emplace();
    }
    if (rev >= Revision::kCancun) {  // EIP-4844, EIP-4788
        h.blob_gas_used = 0;
        h.excess_blob_gas = 0;
        h.parent_beacon_block_root = Hash256{};
    }
    if (rev >= Revision::kPrague) h.requests_hash = execution::compute_requests_hash({});
    genesis.hash = header_hash(h);
    return genesis;
}

}  // namespace ultra::node
