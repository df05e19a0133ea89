// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "eth_json.hpp"

#include <algorithm>
#include <ultra/core/assert.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <utility>

namespace ultra::rpc {

using nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Field paths, rendered only when an error is reported
// ---------------------------------------------------------------------------------------------

/// A position inside the decoded value: a chain of member names and array indices living on
/// the decoders' stack frames ("accessList[0].storageKeys[3]").
class Path
{
public:
    explicit Path(std::string_view root) noexcept : root_{root} {}
    Path(const Path& parent, const char* key) noexcept : parent_{&parent}, key_{key} {}
    Path(const Path& parent, size_t index) noexcept : parent_{&parent}, index_{index} {}

    [[nodiscard]] std::string str() const
    {
        if (parent_ == nullptr) return std::string{root_};
        std::string s = parent_->str();
        if (key_ != nullptr) {
            if (!s.empty()) s += '.';
            s += key_;
        } else {
            s += '[' + std::to_string(index_) + ']';
        }
        return s;
    }

    /// Throws DecodeError "<path>: <reason>".
    [[noreturn]] void fail(std::string_view reason) const
    {
        std::string s = str();
        if (s.empty()) throw DecodeError{std::string{reason}};
        throw DecodeError{s + ": " + std::string{reason}};
    }

private:
    const Path* parent_ = nullptr;
    std::string_view root_;
    const char* key_ = nullptr;
    size_t index_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Hex
// ---------------------------------------------------------------------------------------------

constexpr char kHexDigits[] = "0123456789abcdef";

int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool has_0x_prefix(std::string_view s) noexcept
{
    return s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

const std::string& string_of(const json& j, const Path& path, const char* what)
{
    if (!j.is_string()) path.fail(std::string{"cannot unmarshal non-string into "} + what);
    return j.get_ref<const std::string&>();
}

/// go-ethereum's checkNumberText() and the digit loop of hexutil.Big/Uint64: returns the
/// digits after the prefix, at most `max_digits` of them.
std::string_view number_digits(std::string_view s, size_t max_digits, const Path& path)
{
    if (s.empty()) path.fail("empty hex string");
    if (!has_0x_prefix(s)) path.fail("hex string without 0x prefix");
    s.remove_prefix(2);
    if (s.empty()) path.fail("hex string \"0x\"");
    if (s.size() > 1 && s[0] == '0') path.fail("hex number with leading zero digits");
    if (s.size() > max_digits)
        path.fail(max_digits == 16 ? "hex number > 64 bits" : "hex number > 256 bits");
    for (const char c : s)
        if (hex_value(c) < 0) path.fail("invalid hex string");
    return s;
}

uint64_t parse_u64(const json& j, const Path& path)
{
    const std::string_view digits = number_digits(string_of(j, path, "a quantity"), 16, path);
    uint64_t v = 0;
    for (const char c : digits) v = (v << 4) | static_cast<uint64_t>(hex_value(c));
    return v;
}

uint256 parse_u256(const json& j, const Path& path)
{
    const std::string_view digits = number_digits(string_of(j, path, "a quantity"), 64, path);
    uint256 v;
    for (size_t i = 0; i < digits.size(); ++i) {
        const auto d = static_cast<uint64_t>(hex_value(digits[digits.size() - 1 - i]));
        v[i / 16] |= d << (i % 16 * 4);
    }
    return v;
}

/// go-ethereum's checkText(): the digits after the prefix, of even length.
std::string_view data_digits(std::string_view s, const Path& path)
{
    if (s.empty()) path.fail("empty hex string");
    if (!has_0x_prefix(s)) path.fail("hex string without 0x prefix");
    s.remove_prefix(2);
    if (s.size() % 2 != 0) path.fail("hex string of odd length");
    return s;
}

void decode_digits(std::string_view digits, uint8_t* out, const Path& path)
{
    for (size_t i = 0; i < digits.size(); i += 2) {
        const int hi = hex_value(digits[i]);
        const int lo = hex_value(digits[i + 1]);
        if (hi < 0 || lo < 0) path.fail("invalid hex string");
        out[i / 2] = static_cast<uint8_t>((hi << 4) | lo);
    }
}

Bytes parse_data(const json& j, const Path& path)
{
    const std::string_view digits = data_digits(string_of(j, path, "data"), path);
    Bytes out(digits.size() / 2, 0);
    decode_digits(digits, out.data(), path);
    return out;
}

template <size_t N>
FixedBytes<N> parse_fixed(const json& j, const Path& path, const char* what)
{
    const std::string_view digits = data_digits(string_of(j, path, what), path);
    if (digits.size() != 2 * N) {
        path.fail("hex string has length " + std::to_string(digits.size()) + ", want " +
                  std::to_string(2 * N) + " for " + what);
    }
    FixedBytes<N> out;
    decode_digits(digits, out.data(), path);
    return out;
}

Address parse_address(const json& j, const Path& path)
{
    return parse_fixed<20>(j, path, "address");
}

Hash256 parse_hash(const json& j, const Path& path)
{
    return parse_fixed<32>(j, path, "hash");
}

bool parse_bool(const json& j, const Path& path)
{
    if (!j.is_boolean()) path.fail("cannot unmarshal non-bool into a boolean");
    return j.get<bool>();
}

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

const json& require_object(const json& j, const Path& path)
{
    if (!j.is_object()) path.fail("cannot unmarshal non-object into an object");
    return j;
}

const json& require_array(const json& j, const Path& path)
{
    if (!j.is_array()) path.fail("cannot unmarshal non-array into an array");
    return j;
}

/// The member `key` of object `obj`, or nullptr when absent or null.
const json* member(const json& obj, const char* key)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

/// The member `key`, which must be present and not null.
const json& required(const json& obj, const char* key, const Path& path)
{
    const json* m = member(obj, key);
    if (m == nullptr) path.fail(std::string{"missing required field '"} + key + "'");
    return *m;
}

template <typename T, typename F>
std::optional<T> optional_member(const json& obj, const char* key, const Path& path, F&& parse)
{
    const json* m = member(obj, key);
    if (m == nullptr) return std::nullopt;
    return parse(*m, Path{path, key});
}

uint64_t req_u64(const json& obj, const char* key, const Path& path)
{
    return parse_u64(required(obj, key, path), Path{path, key});
}

uint256 req_u256(const json& obj, const char* key, const Path& path)
{
    return parse_u256(required(obj, key, path), Path{path, key});
}

Hash256 req_hash(const json& obj, const char* key, const Path& path)
{
    return parse_hash(required(obj, key, path), Path{path, key});
}

Address req_address(const json& obj, const char* key, const Path& path)
{
    return parse_address(required(obj, key, path), Path{path, key});
}

std::optional<uint64_t> opt_u64(const json& obj, const char* key, const Path& path)
{
    return optional_member<uint64_t>(obj, key, path, parse_u64);
}

std::optional<uint256> opt_u256(const json& obj, const char* key, const Path& path)
{
    return optional_member<uint256>(obj, key, path, parse_u256);
}

std::optional<Hash256> opt_hash(const json& obj, const char* key, const Path& path)
{
    return optional_member<Hash256>(obj, key, path, parse_hash);
}

std::optional<Address> opt_address(const json& obj, const char* key, const Path& path)
{
    return optional_member<Address>(obj, key, path, parse_address);
}

std::vector<Hash256> parse_hash_list(const json& j, const Path& path)
{
    require_array(j, path);
    std::vector<Hash256> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) out.push_back(parse_hash(j[i], Path{path, i}));
    return out;
}

json hash_list_to_json(std::span<const Hash256> hashes)
{
    json a = json::array();
    for (const auto& h : hashes) a.push_back(to_data(h));
    return a;
}

AccessList parse_access_list(const json& j, const Path& path)
{
    require_array(j, path);
    AccessList list;
    list.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const Path at{path, i};
        const json& e = require_object(j[i], at);
        AccessListEntry entry;
        entry.address = req_address(e, "address", at);
        entry.storage_keys =
            parse_hash_list(required(e, "storageKeys", at), Path{at, "storageKeys"});
        list.push_back(std::move(entry));
    }
    return list;
}

Authorization parse_authorization(const json& j, const Path& path)
{
    require_object(j, path);
    Authorization a;
    a.chain_id = req_u256(j, "chainId", path);
    a.address = req_address(j, "address", path);
    a.nonce = req_u64(j, "nonce", path);
    const uint64_t y = req_u64(j, "yParity", path);
    if (y > 0xff) Path{path, "yParity"}.fail("hex number > 8 bits");
    a.y_parity = static_cast<uint8_t>(y);
    a.r = req_u256(j, "r", path);
    a.s = req_u256(j, "s", path);
    return a;
}

std::vector<Authorization> parse_authorization_list(const json& j, const Path& path)
{
    require_array(j, path);
    std::vector<Authorization> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) out.push_back(parse_authorization(j[i], Path{path, i}));
    return out;
}

Withdrawal parse_withdrawal(const json& j, const Path& path)
{
    require_object(j, path);
    Withdrawal w;
    w.index = req_u64(j, "index", path);
    w.validator_index = req_u64(j, "validatorIndex", path);
    w.address = req_address(j, "address", path);
    w.amount = req_u64(j, "amount", path);
    return w;
}

std::optional<BlockTag> parse_tag(std::string_view s) noexcept
{
    if (s == "latest") return BlockTag::kLatest;
    if (s == "pending") return BlockTag::kPending;
    if (s == "safe") return BlockTag::kSafe;
    if (s == "finalized") return BlockTag::kFinalized;
    if (s == "earliest") return BlockTag::kEarliest;
    return std::nullopt;
}

constexpr uint64_t kMaxInt64 = 0x7fff'ffff'ffff'ffff;

BlockNumberOrTag parse_block_number(const json& j, const Path& path)
{
    const std::string& s = string_of(j, path, "a block number");
    if (auto tag = parse_tag(s)) return *tag;
    const uint64_t n = parse_u64(j, path);
    if (n > kMaxInt64) path.fail("block number larger than int64");
    return n;
}

BlockId to_block_id(const BlockNumberOrTag& n)
{
    if (const auto* tag = std::get_if<BlockTag>(&n)) return *tag;
    return std::get<uint64_t>(n);
}

/// min(max fee, base fee + priority fee) without overflow (EIP-1559 effective gas price).
uint256 effective_gas_price(const Transaction& tx, const uint256& base_fee) noexcept
{
    if (tx.max_fee_per_gas <= base_fee) return tx.max_fee_per_gas;
    const uint256 headroom = tx.max_fee_per_gas - base_fee;
    return base_fee + std::min(tx.max_priority_fee_per_gas, headroom);
}

std::optional<TxType> tx_type_of(uint64_t t) noexcept
{
    if (t > static_cast<uint64_t>(TxType::kSetCode)) return std::nullopt;
    return static_cast<TxType>(t);
}

/// "blockHash", "blockNumber", "transactionIndex": all three set or all three null/absent.
std::optional<TxLocation> parse_location(const json& j, const Path& path)
{
    const json* hash = member(j, "blockHash");
    const json* num = member(j, "blockNumber");
    const json* index = member(j, "transactionIndex");
    if (hash == nullptr && num == nullptr && index == nullptr) return std::nullopt;
    if (hash == nullptr || num == nullptr || index == nullptr)
        path.fail("blockHash, blockNumber and transactionIndex must be all set or all null");
    TxLocation loc;
    loc.block_hash = parse_hash(*hash, Path{path, "blockHash"});
    loc.block_num = parse_u64(*num, Path{path, "blockNumber"});
    loc.index = parse_u64(*index, Path{path, "transactionIndex"});
    loc.block_timestamp = opt_u64(j, "blockTimestamp", path);
    return loc;
}

RpcTransaction parse_transaction(const json& j, const Path& path)
{
    require_object(j, path);
    RpcTransaction out;
    Transaction& tx = out.tx;
    if (const auto t = opt_u64(j, "type", path)) {
        const auto type = tx_type_of(*t);
        if (!type) Path{path, "type"}.fail("transaction type not supported");
        tx.type = *type;
    }
    tx.nonce = req_u64(j, "nonce", path);
    tx.gas_limit = req_u64(j, "gas", path);
    tx.to = opt_address(j, "to", path);
    tx.value = req_u256(j, "value", path);
    {
        const json* input = member(j, "input");
        const json* data = member(j, "data");
        if (input == nullptr && data == nullptr) path.fail("missing required field 'input'");
        tx.data = input != nullptr ? parse_data(*input, Path{path, "input"})
                                   : parse_data(*data, Path{path, "data"});
    }
    tx.r = req_u256(j, "r", path);
    tx.s = req_u256(j, "s", path);
    const std::optional<uint64_t> chain_id = opt_u64(j, "chainId", path);

    if (tx.type == TxType::kLegacy) {
        tx.set_gas_price(req_u256(j, "gasPrice", path));
        const uint256 v = req_u256(j, "v", path);
        const Path vpath{path, "v"};
        if (v == 27 || v == 28) {
            tx.y_parity = static_cast<uint8_t>(v[0] - 27);
            if (chain_id && *chain_id != 0)
                Path{path, "chainId"}.fail("'chainId' does not match 'v'");
        } else if (v >= 35 && v[1] == 0 && v[2] == 0 && v[3] == 0) {
            // EIP-155: v = 2 * chain_id + 35 + y_parity.
            const uint64_t c = (v[0] - 35) / 2;
            tx.y_parity = static_cast<uint8_t>((v[0] - 35) % 2);
            tx.chain_id = c;
            if (chain_id && *chain_id != c)
                Path{path, "chainId"}.fail("'chainId' does not match 'v'");
        } else {
            vpath.fail("invalid legacy signature v");
        }
    } else {
        // EIP-2718 typed transactions: an explicit chain id and a y parity (EIP-2930 on).
        if (!chain_id) path.fail("missing required field 'chainId'");
        tx.chain_id = chain_id;
        const std::optional<uint64_t> y = opt_u64(j, "yParity", path);
        const std::optional<uint256> v = opt_u256(j, "v", path);
        if (!y && !v) path.fail("missing required field 'yParity'");
        if (y && v && uint256{*y} != *v) path.fail("'v' and 'yParity' do not match");
        const uint256 parity = y ? uint256{*y} : *v;
        if (parity > 1) Path{path, y ? "yParity" : "v"}.fail("invalid y parity (must be 0 or 1)");
        tx.y_parity = static_cast<uint8_t>(parity[0]);
        tx.access_list =
            parse_access_list(required(j, "accessList", path), Path{path, "accessList"});
        if (tx.type == TxType::kAccessList) {
            tx.set_gas_price(req_u256(j, "gasPrice", path));
        } else {
            // EIP-1559 fee fields (types 2-4).
            tx.max_fee_per_gas = req_u256(j, "maxFeePerGas", path);
            tx.max_priority_fee_per_gas = req_u256(j, "maxPriorityFeePerGas", path);
        }
        if (tx.type == TxType::kBlob) {
            // EIP-4844.
            tx.max_fee_per_blob_gas = req_u256(j, "maxFeePerBlobGas", path);
            tx.blob_versioned_hashes = parse_hash_list(required(j, "blobVersionedHashes", path),
                                                       Path{path, "blobVersionedHashes"});
        }
        if (tx.type == TxType::kSetCode) {
            // EIP-7702.
            tx.authorization_list = parse_authorization_list(required(j, "authorizationList", path),
                                                             Path{path, "authorizationList"});
        }
    }
    out.context.from = req_address(j, "from", path);
    out.context.hash = req_hash(j, "hash", path);
    out.context.location = parse_location(j, path);
    return out;
}

LogContext parse_log_context(const json& j, const Path& path)
{
    LogContext ctx;
    ctx.block_hash = req_hash(j, "blockHash", path);
    ctx.block_num = req_u64(j, "blockNumber", path);
    ctx.tx_hash = req_hash(j, "transactionHash", path);
    ctx.tx_index = req_u64(j, "transactionIndex", path);
    ctx.log_index = req_u64(j, "logIndex", path);
    if (const json* removed = member(j, "removed"))
        ctx.removed = parse_bool(*removed, Path{path, "removed"});
    ctx.block_timestamp = opt_u64(j, "blockTimestamp", path);
    return ctx;
}

RpcLog parse_log(const json& j, const Path& path)
{
    require_object(j, path);
    RpcLog out;
    out.log.address = req_address(j, "address", path);
    out.log.topics = parse_hash_list(required(j, "topics", path), Path{path, "topics"});
    if (out.log.topics.size() > 4) Path{path, "topics"}.fail("more than 4 topics");
    out.log.data = parse_data(required(j, "data", path), Path{path, "data"});
    out.context = parse_log_context(j, path);
    return out;
}

/// The header's optional fields, in RLP order, must be a prefix of the list (the encoder
/// asserts it; untrusted JSON must not reach that assertion).
void check_header_prefix(const BlockHeader& h, const Path& path)
{
    const bool present[] = {h.base_fee_per_gas.has_value(),
                            h.withdrawals_root.has_value(),
                            h.blob_gas_used.has_value(),
                            h.excess_blob_gas.has_value(),
                            h.parent_beacon_block_root.has_value(),
                            h.requests_hash.has_value()};
    static constexpr const char* kNames[] = {"baseFeePerGas",         "withdrawalsRoot",
                                             "blobGasUsed",           "excessBlobGas",
                                             "parentBeaconBlockRoot", "requestsHash"};
    for (size_t i = 1; i < std::size(present); ++i) {
        if (present[i] && !present[i - 1]) {
            path.fail(std::string{kNames[i]} + " present without " + kNames[i - 1]);
        }
    }
}

BlockHeader parse_header(const json& j, const Path& path)
{
    require_object(j, path);
    BlockHeader h;
    h.parent_hash = req_hash(j, "parentHash", path);
    h.ommers_hash = req_hash(j, "sha3Uncles", path);
    h.coinbase = req_address(j, "miner", path);
    h.state_root = req_hash(j, "stateRoot", path);
    h.transactions_root = req_hash(j, "transactionsRoot", path);
    h.receipts_root = req_hash(j, "receiptsRoot", path);
    h.logs_bloom =
        parse_fixed<256>(required(j, "logsBloom", path), Path{path, "logsBloom"}, "bloom");
    h.difficulty = req_u256(j, "difficulty", path);
    h.number = req_u64(j, "number", path);
    h.gas_limit = req_u64(j, "gasLimit", path);
    h.gas_used = req_u64(j, "gasUsed", path);
    h.timestamp = req_u64(j, "timestamp", path);
    h.extra_data = parse_data(required(j, "extraData", path), Path{path, "extraData"});
    h.mix_hash = req_hash(j, "mixHash", path);
    h.nonce = parse_fixed<8>(required(j, "nonce", path), Path{path, "nonce"}, "block nonce");
    h.base_fee_per_gas = opt_u256(j, "baseFeePerGas", path);
    h.withdrawals_root = opt_hash(j, "withdrawalsRoot", path);
    h.blob_gas_used = opt_u64(j, "blobGasUsed", path);
    h.excess_blob_gas = opt_u64(j, "excessBlobGas", path);
    h.parent_beacon_block_root = opt_hash(j, "parentBeaconBlockRoot", path);
    h.requests_hash = opt_hash(j, "requestsHash", path);
    check_header_prefix(h, path);
    return h;
}

void put_location(json& o, const std::optional<TxLocation>& loc)
{
    if (loc) {
        o["blockHash"] = to_data(loc->block_hash);
        o["blockNumber"] = to_quantity(loc->block_num);
        o["transactionIndex"] = to_quantity(loc->index);
        if (loc->block_timestamp) o["blockTimestamp"] = to_quantity(*loc->block_timestamp);
    } else {
        o["blockHash"] = nullptr;
        o["blockNumber"] = nullptr;
        o["transactionIndex"] = nullptr;
    }
}

json optional_address_json(const std::optional<Address>& a)
{
    return a ? json(to_data(*a)) : json(nullptr);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

std::string to_quantity(uint64_t v)
{
    char buf[2 + 16];
    size_t n = sizeof(buf);
    do {
        buf[--n] = kHexDigits[v & 0xf];
        v >>= 4;
    } while (v != 0);
    buf[--n] = 'x';
    buf[--n] = '0';
    return {buf + n, sizeof(buf) - n};
}

std::string to_quantity(const uint256& v)
{
    return to_hex_string(v);
}

std::string to_data(BytesView bytes)
{
    return to_0x_hex(bytes);
}

uint64_t quantity_u64_from_json(const json& j, std::string_view field)
{
    return parse_u64(j, Path{field});
}

uint256 quantity_from_json(const json& j, std::string_view field)
{
    return parse_u256(j, Path{field});
}

Bytes data_from_json(const json& j, std::string_view field)
{
    return parse_data(j, Path{field});
}

Address address_from_json(const json& j, std::string_view field)
{
    return parse_address(j, Path{field});
}

Hash256 hash_from_json(const json& j, std::string_view field)
{
    return parse_hash(j, Path{field});
}

// ---------------------------------------------------------------------------------------------
// Block ids
// ---------------------------------------------------------------------------------------------

std::string_view to_string(BlockTag tag) noexcept
{
    switch (tag) {
        case BlockTag::kLatest: return "latest";
        case BlockTag::kPending: return "pending";
        case BlockTag::kSafe: return "safe";
        case BlockTag::kFinalized: return "finalized";
        case BlockTag::kEarliest: return "earliest";
    }
    return "latest";
}

BlockNumberOrTag block_number_from_json(const json& j, std::string_view field)
{
    return parse_block_number(j, Path{field});
}

BlockId block_id_from_json(const json& j, std::string_view field)
{
    const Path path{field};
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& key = it.key();
            if (key != "blockNumber" && key != "blockHash" && key != "requireCanonical")
                path.fail("unknown field '" + key + "'");
        }
        const json* num = member(j, "blockNumber");
        const json* hash = member(j, "blockHash");
        if (num != nullptr && hash != nullptr)
            path.fail("cannot specify both BlockHash and BlockNumber, choose one or the other");
        if (num != nullptr) return to_block_id(parse_block_number(*num, Path{path, "blockNumber"}));
        if (hash == nullptr) path.fail("invalid arguments; neither block nor hash specified");
        BlockHashRef ref;
        ref.hash = parse_hash(*hash, Path{path, "blockHash"});
        if (const json* canonical = member(j, "requireCanonical"))
            ref.require_canonical = parse_bool(*canonical, Path{path, "requireCanonical"});
        return ref;
    }
    const std::string& s = string_of(j, path, "a block id");
    if (s.size() == 66) return BlockHashRef{parse_hash(j, path), false};
    return to_block_id(parse_block_number(j, path));
}

json to_json(const BlockNumberOrTag& id)
{
    if (const auto* tag = std::get_if<BlockTag>(&id)) return std::string{to_string(*tag)};
    return to_quantity(std::get<uint64_t>(id));
}

json to_json(const BlockId& id)
{
    if (const auto* tag = std::get_if<BlockTag>(&id)) return std::string{to_string(*tag)};
    if (const auto* n = std::get_if<uint64_t>(&id)) return to_quantity(*n);
    const auto& ref = std::get<BlockHashRef>(id);
    return json{{"blockHash", to_data(ref.hash)}, {"requireCanonical", ref.require_canonical}};
}

// ---------------------------------------------------------------------------------------------
// Transaction parts
// ---------------------------------------------------------------------------------------------

json to_json(const AccessList& list)
{
    json a = json::array();
    for (const auto& e : list) {
        a.push_back(
            {{"address", to_data(e.address)}, {"storageKeys", hash_list_to_json(e.storage_keys)}});
    }
    return a;
}

AccessList access_list_from_json(const json& j, std::string_view field)
{
    return parse_access_list(j, Path{field});
}

json to_json(const Authorization& auth)
{
    return {{"chainId", to_quantity(auth.chain_id)},
            {"address", to_data(auth.address)},
            {"nonce", to_quantity(auth.nonce)},
            {"yParity", to_quantity(uint64_t{auth.y_parity})},
            {"r", to_quantity(auth.r)},
            {"s", to_quantity(auth.s)}};
}

Authorization authorization_from_json(const json& j, std::string_view field)
{
    return parse_authorization(j, Path{field});
}

json to_json(const Withdrawal& w)
{
    return {{"index", to_quantity(w.index)},
            {"validatorIndex", to_quantity(w.validator_index)},
            {"address", to_data(w.address)},
            {"amount", to_quantity(w.amount)}};
}

Withdrawal withdrawal_from_json(const json& j, std::string_view field)
{
    return parse_withdrawal(j, Path{field});
}

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

json transaction_to_json(const Transaction& tx, const TxContext& ctx)
{
    json o = json::object();
    put_location(o, ctx.location);
    o["from"] = to_data(ctx.from);
    o["gas"] = to_quantity(tx.gas_limit);
    o["hash"] = to_data(ctx.hash ? *ctx.hash : transaction_hash(tx));
    o["input"] = to_data(tx.data);
    o["nonce"] = to_quantity(tx.nonce);
    o["to"] = optional_address_json(tx.to);
    o["value"] = to_quantity(tx.value);
    o["type"] = to_quantity(static_cast<uint64_t>(tx.type));
    o["v"] = to_quantity(signature_v(tx));
    o["r"] = to_quantity(tx.r);
    o["s"] = to_quantity(tx.s);
    if (tx.chain_id) o["chainId"] = to_quantity(*tx.chain_id);

    if (tx.type == TxType::kLegacy || tx.type == TxType::kAccessList) {
        o["gasPrice"] = to_quantity(tx.max_fee_per_gas);
    } else {
        // EIP-1559: a mined transaction shows the price it paid, a pending one its cap.
        const bool mined = ctx.location && ctx.location->base_fee;
        o["gasPrice"] = to_quantity(mined ? effective_gas_price(tx, *ctx.location->base_fee)
                                          : tx.max_fee_per_gas);
        o["maxFeePerGas"] = to_quantity(tx.max_fee_per_gas);
        o["maxPriorityFeePerGas"] = to_quantity(tx.max_priority_fee_per_gas);
    }
    if (tx.type != TxType::kLegacy) {
        // EIP-2930 onwards.
        o["accessList"] = to_json(tx.access_list);
        o["yParity"] = to_quantity(uint64_t{tx.y_parity});
    }
    if (tx.type == TxType::kBlob) {
        // EIP-4844.
        o["maxFeePerBlobGas"] = to_quantity(tx.max_fee_per_blob_gas);
        o["blobVersionedHashes"] = hash_list_to_json(tx.blob_versioned_hashes);
    }
    if (tx.type == TxType::kSetCode) {
        // EIP-7702.
        json list = json::array();
        for (const auto& a : tx.authorization_list) list.push_back(to_json(a));
        o["authorizationList"] = std::move(list);
    }
    return o;
}

RpcTransaction transaction_from_json(const json& j, std::string_view field)
{
    return parse_transaction(j, Path{field});
}

// ---------------------------------------------------------------------------------------------
// Logs and receipts
// ---------------------------------------------------------------------------------------------

json log_to_json(const execution::Log& log, const LogContext& ctx)
{
    json o = {{"address", to_data(log.address)},
              {"topics", hash_list_to_json(log.topics)},
              {"data", to_data(log.data)},
              {"blockHash", to_data(ctx.block_hash)},
              {"blockNumber", to_quantity(ctx.block_num)},
              {"transactionHash", to_data(ctx.tx_hash)},
              {"transactionIndex", to_quantity(ctx.tx_index)},
              {"logIndex", to_quantity(ctx.log_index)},
              {"removed", ctx.removed}};
    if (ctx.block_timestamp) o["blockTimestamp"] = to_quantity(*ctx.block_timestamp);
    return o;
}

RpcLog log_from_json(const json& j, std::string_view field)
{
    return parse_log(j, Path{field});
}

json receipt_to_json(const execution::TxReceipt& receipt, const ReceiptContext& ctx)
{
    json o = json::object();
    o["blockHash"] = to_data(ctx.block_hash);
    o["blockNumber"] = to_quantity(ctx.block_num);
    o["transactionHash"] = to_data(ctx.tx_hash);
    o["transactionIndex"] = to_quantity(ctx.tx_index);
    o["from"] = to_data(ctx.from);
    o["to"] = optional_address_json(ctx.to);
    o["gasUsed"] = to_quantity(receipt.gas_used);
    o["cumulativeGasUsed"] = to_quantity(receipt.cumulative_gas_used);
    o["contractAddress"] = optional_address_json(ctx.contract_address);
    json logs = json::array();
    for (size_t i = 0; i < receipt.logs.size(); ++i) {
        const LogContext lc{ctx.block_hash,     ctx.block_num,           ctx.tx_hash,
                            ctx.tx_index,       ctx.first_log_index + i, false,
                            ctx.block_timestamp};
        logs.push_back(log_to_json(receipt.logs[i], lc));
    }
    o["logs"] = std::move(logs);
    o["logsBloom"] = to_data(receipt.bloom);
    o["type"] = to_quantity(static_cast<uint64_t>(receipt.type));
    o["effectiveGasPrice"] = to_quantity(ctx.effective_gas_price);
    if (ctx.state_root) {
        o["root"] = to_data(*ctx.state_root);  // before Byzantium (EIP-658)
    } else {
        o["status"] = receipt.success ? "0x1" : "0x0";
    }
    if (receipt.type == TxType::kBlob) {
        // EIP-4844.
        o["blobGasUsed"] = to_quantity(receipt.blob_gas_used);
        if (ctx.blob_gas_price) o["blobGasPrice"] = to_quantity(*ctx.blob_gas_price);
    }
    return o;
}

RpcReceipt receipt_from_json(const json& j, std::string_view field)
{
    const Path path{field};
    require_object(j, path);
    RpcReceipt out;
    execution::TxReceipt& r = out.receipt;
    ReceiptContext& ctx = out.context;
    if (const auto t = opt_u64(j, "type", path)) {
        const auto type = tx_type_of(*t);
        if (!type) Path{path, "type"}.fail("transaction type not supported");
        r.type = *type;
    }
    ctx.block_hash = req_hash(j, "blockHash", path);
    ctx.block_num = req_u64(j, "blockNumber", path);
    ctx.tx_hash = req_hash(j, "transactionHash", path);
    ctx.tx_index = req_u64(j, "transactionIndex", path);
    ctx.from = req_address(j, "from", path);
    ctx.to = opt_address(j, "to", path);
    ctx.contract_address = opt_address(j, "contractAddress", path);
    r.gas_used = req_u64(j, "gasUsed", path);
    r.cumulative_gas_used = req_u64(j, "cumulativeGasUsed", path);
    ctx.effective_gas_price = req_u256(j, "effectiveGasPrice", path);
    r.bloom = parse_fixed<256>(required(j, "logsBloom", path), Path{path, "logsBloom"}, "bloom");
    if (const json* root = member(j, "root")) {
        ctx.state_root = parse_hash(*root, Path{path, "root"});
    } else {
        const uint64_t status = req_u64(j, "status", path);
        if (status > 1) Path{path, "status"}.fail("status must be 0x0 or 0x1");
        r.success = status == 1;
    }
    if (const auto blob_gas = opt_u64(j, "blobGasUsed", path)) r.blob_gas_used = *blob_gas;
    ctx.blob_gas_price = opt_u256(j, "blobGasPrice", path);

    const Path logs_path{path, "logs"};
    const json& logs = require_array(required(j, "logs", path), logs_path);
    for (size_t i = 0; i < logs.size(); ++i) {
        const Path at{logs_path, i};
        RpcLog log = parse_log(logs[i], at);
        if (i == 0) {
            ctx.first_log_index = log.context.log_index;
            ctx.block_timestamp = log.context.block_timestamp;
        }
        const LogContext want{ctx.block_hash,     ctx.block_num,           ctx.tx_hash,
                              ctx.tx_index,       ctx.first_log_index + i, false,
                              ctx.block_timestamp};
        if (log.context != want) at.fail("log context does not match the receipt");
        r.logs.push_back(std::move(log.log));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Headers and blocks
// ---------------------------------------------------------------------------------------------

json header_to_json(const BlockHeader& h, const std::optional<Hash256>& hash)
{
    json o = json::object();
    o["number"] = to_quantity(h.number);
    o["hash"] = to_data(hash ? *hash : header_hash(h));
    o["parentHash"] = to_data(h.parent_hash);
    o["nonce"] = to_data(h.nonce);
    o["mixHash"] = to_data(h.mix_hash);
    o["sha3Uncles"] = to_data(h.ommers_hash);
    o["logsBloom"] = to_data(h.logs_bloom);
    o["stateRoot"] = to_data(h.state_root);
    o["miner"] = to_data(h.coinbase);
    o["difficulty"] = to_quantity(h.difficulty);
    o["extraData"] = to_data(h.extra_data);
    o["gasLimit"] = to_quantity(h.gas_limit);
    o["gasUsed"] = to_quantity(h.gas_used);
    o["timestamp"] = to_quantity(h.timestamp);
    o["transactionsRoot"] = to_data(h.transactions_root);
    o["receiptsRoot"] = to_data(h.receipts_root);
    if (h.base_fee_per_gas) o["baseFeePerGas"] = to_quantity(*h.base_fee_per_gas);  // EIP-1559
    if (h.withdrawals_root) o["withdrawalsRoot"] = to_data(*h.withdrawals_root);    // EIP-4895
    if (h.blob_gas_used) o["blobGasUsed"] = to_quantity(*h.blob_gas_used);          // EIP-4844
    if (h.excess_blob_gas) o["excessBlobGas"] = to_quantity(*h.excess_blob_gas);    // EIP-4844
    if (h.parent_beacon_block_root)
        o["parentBeaconBlockRoot"] = to_data(*h.parent_beacon_block_root);  // EIP-4788
    if (h.requests_hash) o["requestsHash"] = to_data(*h.requests_hash);     // EIP-7685
    return o;
}

BlockHeader header_from_json(const json& j, std::string_view field)
{
    return parse_header(j, Path{field});
}

json block_to_json(const Block& block, const BlockJsonOptions& options)
{
    const BlockHeader& h = block.header;
    const Hash256 hash = options.hash ? *options.hash : header_hash(h);
    json o = header_to_json(h, hash);
    o["size"] = to_quantity(options.size ? *options.size : uint64_t{encode_block(block).size()});

    json txs = json::array();
    if (options.full_transactions) {
        ULTRA_ASSERT(options.senders.size() == block.transactions.size());
        for (size_t i = 0; i < block.transactions.size(); ++i) {
            TxLocation loc{hash, h.number, i, std::nullopt, h.base_fee_per_gas};
            if (options.transaction_timestamps) loc.block_timestamp = h.timestamp;
            txs.push_back(transaction_to_json(block.transactions[i],
                                              TxContext{options.senders[i], std::nullopt, loc}));
        }
    } else {
        for (const auto& tx : block.transactions) txs.push_back(to_data(transaction_hash(tx)));
    }
    o["transactions"] = std::move(txs);

    json uncles = json::array();
    for (const auto& ommer : block.ommers) uncles.push_back(to_data(header_hash(ommer)));
    o["uncles"] = std::move(uncles);

    if (block.withdrawals) {
        json ws = json::array();
        for (const auto& w : *block.withdrawals) ws.push_back(to_json(w));
        o["withdrawals"] = std::move(ws);  // EIP-4895
    }
    if (options.total_difficulty) o["totalDifficulty"] = to_quantity(*options.total_difficulty);
    if (options.extra) options.extra(o);
    return o;
}

RpcBlock block_from_json(const json& j, std::string_view field)
{
    const Path path{field};
    RpcBlock out;
    out.block.header = parse_header(j, path);
    out.hash = req_hash(j, "hash", path);
    out.size = opt_u64(j, "size", path);
    out.total_difficulty = opt_u256(j, "totalDifficulty", path);

    const Path txs_path{path, "transactions"};
    const json& txs = require_array(required(j, "transactions", path), txs_path);
    out.full_transactions = txs.empty() || !txs.front().is_string();
    for (size_t i = 0; i < txs.size(); ++i) {
        const Path at{txs_path, i};
        if (out.full_transactions) {
            if (!txs[i].is_object()) at.fail("cannot mix transaction hashes and objects");
            RpcTransaction t = parse_transaction(txs[i], at);
            out.transaction_hashes.push_back(*t.context.hash);
            out.senders.push_back(t.context.from);
            out.block.transactions.push_back(std::move(t.tx));
        } else {
            if (!txs[i].is_string()) at.fail("cannot mix transaction hashes and objects");
            out.transaction_hashes.push_back(parse_hash(txs[i], at));
        }
    }
    if (const json* uncles = member(j, "uncles"))
        out.uncle_hashes = parse_hash_list(*uncles, Path{path, "uncles"});
    if (const json* ws = member(j, "withdrawals")) {
        const Path ws_path{path, "withdrawals"};
        require_array(*ws, ws_path);
        std::vector<Withdrawal> list;
        for (size_t i = 0; i < ws->size(); ++i)
            list.push_back(parse_withdrawal((*ws)[i], Path{ws_path, i}));
        out.block.withdrawals = std::move(list);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Call requests
// ---------------------------------------------------------------------------------------------

CallRequest call_request_from_json(const json& j, std::string_view field)
{
    const Path path{field};
    require_object(j, path);
    CallRequest r;
    r.from = opt_address(j, "from", path);
    r.to = opt_address(j, "to", path);
    r.gas = opt_u64(j, "gas", path);
    r.gas_price = opt_u256(j, "gasPrice", path);
    r.max_fee_per_gas = opt_u256(j, "maxFeePerGas", path);
    r.max_priority_fee_per_gas = opt_u256(j, "maxPriorityFeePerGas", path);
    r.max_fee_per_blob_gas = opt_u256(j, "maxFeePerBlobGas", path);
    r.value = opt_u256(j, "value", path);
    r.nonce = opt_u64(j, "nonce", path);
    const auto input = optional_member<Bytes>(j, "input", path, parse_data);
    const auto data = optional_member<Bytes>(j, "data", path, parse_data);
    if (input && data && *input != *data) {
        path.fail(
            "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass "
            "transaction call data");
    }
    r.input = input ? input : data;
    r.access_list = optional_member<AccessList>(j, "accessList", path, parse_access_list);
    if (const auto t = opt_u64(j, "type", path)) {
        const auto type = tx_type_of(*t);
        if (!type) Path{path, "type"}.fail("transaction type not supported");
        r.type = *type;
    }
    r.chain_id = opt_u64(j, "chainId", path);
    r.authorization_list = optional_member<std::vector<Authorization>>(j, "authorizationList", path,
                                                                       parse_authorization_list);
    r.blob_versioned_hashes =
        optional_member<std::vector<Hash256>>(j, "blobVersionedHashes", path, parse_hash_list);
    return r;
}

json to_json(const CallRequest& r)
{
    json o = json::object();
    if (r.from) o["from"] = to_data(*r.from);
    if (r.to) o["to"] = to_data(*r.to);
    if (r.gas) o["gas"] = to_quantity(*r.gas);
    if (r.gas_price) o["gasPrice"] = to_quantity(*r.gas_price);
    if (r.max_fee_per_gas) o["maxFeePerGas"] = to_quantity(*r.max_fee_per_gas);
    if (r.max_priority_fee_per_gas)
        o["maxPriorityFeePerGas"] = to_quantity(*r.max_priority_fee_per_gas);
    if (r.max_fee_per_blob_gas) o["maxFeePerBlobGas"] = to_quantity(*r.max_fee_per_blob_gas);
    if (r.value) o["value"] = to_quantity(*r.value);
    if (r.nonce) o["nonce"] = to_quantity(*r.nonce);
    if (r.input) o["input"] = to_data(*r.input);
    if (r.access_list) o["accessList"] = to_json(*r.access_list);
    if (r.type) o["type"] = to_quantity(static_cast<uint64_t>(*r.type));
    if (r.chain_id) o["chainId"] = to_quantity(*r.chain_id);
    if (r.authorization_list) {
        json list = json::array();
        for (const auto& a : *r.authorization_list) list.push_back(to_json(a));
        o["authorizationList"] = std::move(list);
    }
    if (r.blob_versioned_hashes)
        o["blobVersionedHashes"] = hash_list_to_json(*r.blob_versioned_hashes);
    return o;
}

// ---------------------------------------------------------------------------------------------
// Log filters
// ---------------------------------------------------------------------------------------------

bool LogFilter::matches(const Address& address, std::span<const Bytes32> log_topics) const
{
    if (!addresses.empty() &&
        std::find(addresses.begin(), addresses.end(), address) == addresses.end())
        return false;
    if (topics.size() > log_topics.size()) return false;
    for (size_t i = 0; i < topics.size(); ++i) {
        const auto& alternatives = topics[i];
        if (alternatives.empty()) continue;  // wildcard
        if (std::find(alternatives.begin(), alternatives.end(), log_topics[i]) ==
            alternatives.end())
            return false;
    }
    return true;
}

bool LogFilter::may_match(const Bloom& bloom) const
{
    if (!addresses.empty() &&
        std::none_of(addresses.begin(), addresses.end(),
                     [&](const Address& a) { return bloom_may_contain(bloom, a); }))
        return false;
    for (const auto& alternatives : topics) {
        if (alternatives.empty()) continue;
        if (std::none_of(alternatives.begin(), alternatives.end(),
                         [&](const Hash256& t) { return bloom_may_contain(bloom, t); }))
            return false;
    }
    return true;
}

LogFilter log_filter_from_json(const json& j, std::string_view field)
{
    constexpr size_t kMaxTopics = 4;
    const Path path{field};
    require_object(j, path);
    LogFilter f;
    f.from_block = optional_member<BlockNumberOrTag>(j, "fromBlock", path, parse_block_number);
    f.to_block = optional_member<BlockNumberOrTag>(j, "toBlock", path, parse_block_number);
    f.block_hash = opt_hash(j, "blockHash", path);
    if (f.block_hash && (f.from_block || f.to_block))
        path.fail("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");

    if (const json* address = member(j, "address")) {
        const Path apath{path, "address"};
        if (address->is_string()) {
            f.addresses.push_back(parse_address(*address, apath));
        } else if (address->is_array()) {
            for (size_t i = 0; i < address->size(); ++i)
                f.addresses.push_back(parse_address((*address)[i], Path{apath, i}));
        } else {
            apath.fail("invalid addresses in query");
        }
    }
    if (const json* topics = member(j, "topics")) {
        const Path tpath{path, "topics"};
        require_array(*topics, tpath);
        if (topics->size() > kMaxTopics) tpath.fail("exceed max topics");
        for (size_t i = 0; i < topics->size(); ++i) {
            const Path at{tpath, i};
            const json& t = (*topics)[i];
            std::vector<Hash256> alternatives;
            if (t.is_string()) {
                alternatives.push_back(parse_hash(t, at));
            } else if (t.is_array()) {
                bool wildcard = false;
                for (size_t k = 0; k < t.size(); ++k) {
                    if (t[k].is_null()) {
                        wildcard = true;  // a null alternative matches anything
                    } else if (t[k].is_string()) {
                        alternatives.push_back(parse_hash(t[k], Path{at, k}));
                    } else {
                        Path{at, k}.fail("invalid topic(s)");
                    }
                }
                if (wildcard) alternatives.clear();
            } else if (!t.is_null()) {
                at.fail("invalid topic(s)");
            }
            f.topics.push_back(std::move(alternatives));
        }
    }
    return f;
}

json to_json(const LogFilter& f)
{
    json o = json::object();
    if (f.from_block) o["fromBlock"] = to_json(*f.from_block);
    if (f.to_block) o["toBlock"] = to_json(*f.to_block);
    if (f.block_hash) o["blockHash"] = to_data(*f.block_hash);
    if (f.addresses.size() == 1) {
        o["address"] = to_data(f.addresses.front());
    } else if (!f.addresses.empty()) {
        json a = json::array();
        for (const auto& addr : f.addresses) a.push_back(to_data(addr));
        o["address"] = std::move(a);
    }
    if (!f.topics.empty()) {
        json t = json::array();
        for (const auto& alternatives : f.topics) {
            if (alternatives.empty()) {
                t.push_back(nullptr);
            } else if (alternatives.size() == 1) {
                t.push_back(to_data(alternatives.front()));
            } else {
                t.push_back(hash_list_to_json(alternatives));
            }
        }
        o["topics"] = std::move(t);
    }
    return o;
}

bool bloom_may_contain(const Bloom& bloom, BytesView value) noexcept
{
    const Hash256 h = keccak256(value);
    for (size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((static_cast<unsigned>(h[i]) << 8) | h[i + 1]) & 2047u;
        if ((bloom[255 - bit / 8] & (1u << (bit % 8))) == 0) return false;
    }
    return true;
}

}  // namespace ultra::rpc
