// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rollup_abi.hpp"

#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <ultra/contracts/l1_bridge.hpp>
#include <ultra/contracts/native_rollup.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>

namespace ultra::node::rollup_abi {

namespace {

/// Appends a uint256 as a big-endian word.
void put_word(Bytes& out, const uint256& v)
{
    out += to_bytes32(v).view();
}

/// Appends an address right-aligned in a word.
void put_address(Bytes& out, const Address& a)
{
    out.append(12, 0);
    out.append(a.data(), a.size());
}

/// Appends `bytes`: its length, then the data padded with zeros to a multiple of 32.
void put_bytes(Bytes& out, BytesView data)
{
    put_word(out, uint256{data.size()});
    out += data;
    out.append((32 - data.size() % 32) % 32, 0);
}

/// The size of put_bytes(data)'s output.
size_t bytes_size(BytesView data)
{
    return 32 + (data.size() + 31) / 32 * 32;
}

/// Reads word `offset` of `data` (bounds checked by the caller).
uint256 word_at(BytesView data, size_t offset)
{
    Bytes32 w;
    std::memcpy(w.data(), data.data() + offset, 32);
    return from_bytes32(w);
}

/// A word of `data` at `offset` that must be a size or offset within `limit` (so it fits
/// size_t and the arithmetic on it cannot overflow).
Result<size_t, std::string> small_at(BytesView data, size_t offset, size_t limit, const char* what)
{
    if (offset > data.size() || data.size() - offset < 32)
        return unexpected(std::string(what) + ": out of bounds");
    const uint256 v = word_at(data, offset);
    if (v > uint256{limit}) return unexpected(std::string(what) + ": too large");
    return static_cast<size_t>(v);
}

/// Reads `bytes` whose length word is at `offset` of `args`.
Result<Bytes, std::string> read_bytes(BytesView args, size_t offset, const char* what)
{
    ULTRA_TRY(auto length, small_at(args, offset, args.size(), what));
    const size_t start = offset + 32;
    if (args.size() - start < length) return unexpected(std::string(what) + ": data out of bounds");
    return Bytes(args.data() + start, length);
}

}  // namespace

Bytes selector(std::string_view signature)
{
    const Hash256 h = keccak256(to_bytes_view(signature));
    return Bytes{h.data(), 4};
}

Hash256 event_topic(std::string_view signature)
{
    return keccak256(to_bytes_view(signature));
}

Bytes view_call(std::string_view signature)
{
    return selector(signature);
}

Bytes encode_advance(const AdvanceCall& call)
{
    Bytes out = selector(kAdvanceSignature);
    const size_t head = 5 * 32;
    const size_t header_at = head;
    const size_t txs_at = header_at + bytes_size(call.header);
    // The transactions array: its length, one offset per element (relative to the first
    // offset word), then the elements.
    size_t txs_size = 32 + 32 * call.transactions.size();
    for (const Bytes& tx : call.transactions) txs_size += bytes_size(tx);
    const size_t witness_at = txs_at + txs_size;

    out += call.post_state_root.view();
    put_word(out, uint256{call.gas_used});
    put_word(out, uint256{header_at});
    put_word(out, uint256{txs_at});
    put_word(out, uint256{witness_at});
    put_bytes(out, call.header);
    put_word(out, uint256{call.transactions.size()});
    size_t element_at = 32 * call.transactions.size();
    for (const Bytes& tx : call.transactions) {
        put_word(out, uint256{element_at});
        element_at += bytes_size(tx);
    }
    for (const Bytes& tx : call.transactions) put_bytes(out, tx);
    put_bytes(out, call.witness);
    return out;
}

Result<AdvanceCall, std::string> decode_advance(BytesView calldata)
{
    const Bytes sel = selector(kAdvanceSignature);
    if (calldata.size() < 4 || calldata.substr(0, 4) != BytesView{sel})
        return unexpected(std::string("not an advance() call"));
    const BytesView args = calldata.substr(4);
    if (args.size() < 5 * 32) return unexpected(std::string("advance(): arguments too short"));
    AdvanceCall call;
    std::memcpy(call.post_state_root.data(), args.data(), 32);
    const uint256 gas = word_at(args, 32);
    if (gas > uint256{UINT64_MAX}) return unexpected(std::string("gasUsed: not a uint64"));
    call.gas_used = static_cast<uint64_t>(gas);
    ULTRA_TRY(auto header_at, small_at(args, 64, args.size(), "header offset"));
    ULTRA_TRY(auto txs_at, small_at(args, 96, args.size(), "transactions offset"));
    ULTRA_TRY(auto witness_at, small_at(args, 128, args.size(), "witness offset"));
    ULTRA_TRY(auto header, read_bytes(args, header_at, "header"));
    call.header = std::move(header);
    ULTRA_TRY(auto witness, read_bytes(args, witness_at, "witness"));
    call.witness = std::move(witness);

    ULTRA_TRY(auto count, small_at(args, txs_at, args.size() / 32, "transactions length"));
    const size_t base = txs_at + 32;  // offsets are relative to the first element's offset word
    if (args.size() - base < 32 * count)
        return unexpected(std::string("transactions: offsets out of bounds"));
    call.transactions.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        ULTRA_TRY(auto rel, small_at(args, base + 32 * i, args.size(), "transaction offset"));
        if (rel > args.size() - base)
            return unexpected(std::string("transaction offset: out of bounds"));
        ULTRA_TRY(auto tx, read_bytes(args, base + rel, "transaction"));
        call.transactions.push_back(std::move(tx));
    }
    return call;
}

uint256 advance_value(uint64_t gas_used, const uint256& execute_base_fee, uint64_t margin_percent)
{
    const uint256 fee = uint256{gas_used} * execute_base_fee;
    if (fee == 0) return fee;
    return fee * uint256{100 + margin_percent} / uint256{100} + 1;
}

Result<uint256, std::string> decode_uint(BytesView data)
{
    if (data.size() != 32)
        return unexpected("want one 32-byte word, got " + std::to_string(data.size()) + " bytes");
    return word_at(data, 0);
}

Result<Hash256, std::string> decode_word(BytesView data)
{
    if (data.size() != 32)
        return unexpected("want one 32-byte word, got " + std::to_string(data.size()) + " bytes");
    Hash256 h;
    std::memcpy(h.data(), data.data(), 32);
    return h;
}

Result<Address, std::string> decode_address(BytesView data)
{
    ULTRA_TRY(auto w, decode_word(data));
    for (size_t i = 0; i < 12; ++i)
        if (w[i] != 0) return unexpected(std::string("not an address word"));
    Address a;
    std::memcpy(a.data(), w.data() + 12, 20);
    return a;
}

Result<DepositMessage, std::string> decode_deposit_log(const execution::Log& log)
{
    if (log.topics.size() != 4 || log.topics[0] != event_topic(kDepositEventSignature))
        return unexpected(std::string("not a Deposit event"));
    if (log.data.size() != 64) return unexpected(std::string("Deposit: data is not two words"));
    DepositMessage d;
    const uint256 nonce = from_bytes32(log.topics[1]);
    if (nonce > uint256{UINT64_MAX}) return unexpected(std::string("Deposit: nonce too large"));
    d.nonce = static_cast<uint64_t>(nonce);
    ULTRA_TRY(auto sender, decode_address(log.topics[2].view()));
    ULTRA_TRY(auto recipient, decode_address(log.topics[3].view()));
    d.sender = sender;
    d.l2_recipient = recipient;
    d.amount = word_at(log.data, 0);
    std::memcpy(d.root.data(), log.data.data() + 32, 32);
    return d;
}

Result<BlockAdvanced, std::string> decode_block_advanced_log(const execution::Log& log)
{
    if (log.topics.size() != 2 || log.topics[0] != event_topic(kBlockAdvancedSignature))
        return unexpected(std::string("not a BlockAdvanced event"));
    if (log.data.size() != 4 * 32)
        return unexpected(std::string("BlockAdvanced: data is not four words"));
    BlockAdvanced e;
    const uint256 number = from_bytes32(log.topics[1]);
    if (number > uint256{UINT64_MAX})
        return unexpected(std::string("BlockAdvanced: number too large"));
    e.number = static_cast<uint64_t>(number);
    std::memcpy(e.block_hash.data(), log.data.data(), 32);
    std::memcpy(e.state_root.data(), log.data.data() + 32, 32);
    ULTRA_TRY(e.proposer, decode_address(BytesView{log.data}.substr(64, 32)));
    e.burned_fees = word_at(log.data, 96);
    return e;
}

Result<Enqueued, std::string> decode_enqueued_log(const execution::Log& log)
{
    if (log.topics.size() != 3 || log.topics[0] != event_topic(kTransactionEnqueuedSignature))
        return unexpected(std::string("not a TransactionEnqueued event"));
    const BytesView data = log.data;
    if (data.size() < 3 * 32) return unexpected(std::string("TransactionEnqueued: data too short"));
    Enqueued e;
    const uint256 index = from_bytes32(log.topics[1]);
    if (index > uint256{UINT64_MAX})
        return unexpected(std::string("TransactionEnqueued: index too large"));
    e.index = static_cast<uint64_t>(index);
    e.tx_hash = log.topics[2];
    ULTRA_TRY(e.sender, decode_address(data.substr(0, 32)));
    ULTRA_TRY(const size_t offset, small_at(data, 32, data.size(), "TransactionEnqueued offset"));
    ULTRA_TRY(e.signed_tx, read_bytes(data, offset, "TransactionEnqueued signedTx"));
    if (keccak256(e.signed_tx) != e.tx_hash)
        return unexpected(std::string("TransactionEnqueued: txHash is not the bytes' hash"));
    return e;
}

std::optional<std::string> describe_custom_error(BytesView revert_data)
{
    if (revert_data.size() < 4) return std::nullopt;
    // The errors of both contracts' ABIs, read once.
    struct Error
    {
        std::string name;
        std::vector<std::pair<std::string, std::string>> inputs;  // (name, type)
    };
    static const std::map<Bytes, Error> errors = [] {
        std::map<Bytes, Error> out;
        for (const std::string_view abi :
             {contracts::native_rollup::kAbi, contracts::l1_bridge::kAbi}) {
            const auto j = nlohmann::json::parse(abi, nullptr, false);
            if (!j.is_array()) continue;
            for (const auto& item : j) {
                if (item.value("type", "") != "error") continue;
                Error e;
                e.name = item.value("name", "");
                std::string signature = e.name + "(";
                for (const auto& input : item.value("inputs", nlohmann::json::array())) {
                    const std::string type = input.value("type", "");
                    signature += (e.inputs.empty() ? "" : ",") + type;
                    e.inputs.emplace_back(input.value("name", ""), type);
                }
                out.emplace(selector(signature + ")"), std::move(e));
            }
        }
        return out;
    }();
    const auto it = errors.find(Bytes{revert_data.substr(0, 4)});
    if (it == errors.end()) return std::nullopt;
    const Error& e = it->second;
    const BytesView args = revert_data.substr(4);
    std::string out = e.name + "(";
    for (size_t i = 0; i < e.inputs.size(); ++i) {
        const auto& [name, type] = e.inputs[i];
        if (args.size() < 32 * (i + 1)) return std::nullopt;
        const BytesView word = args.substr(32 * i, 32);
        out += (i ? ", " : "") + name + "=";
        if (type.starts_with("uint")) {
            Bytes32 w;
            std::memcpy(w.data(), word.data(), 32);
            out += to_string(from_bytes32(w));
        } else if (type == "address") {
            out += "0x" + to_hex(word.substr(12));
        } else if (type == "bytes32") {
            out += "0x" + to_hex(word);
        } else {
            out += "…";  // dynamic (a string): not decoded here
        }
    }
    return out + ")";
}

Bytes view_call(std::string_view signature, const Address& arg)
{
    Bytes out = selector(signature);
    put_address(out, arg);
    return out;
}

Hash256 next_deposit_root(const Hash256& root,
                          uint64_t nonce,
                          const Address& sender,
                          const Address& l2_recipient,
                          const uint256& amount)
{
    Bytes buf;
    buf.reserve(5 * 32);
    buf += root.view();
    put_word(buf, uint256{nonce});
    put_address(buf, sender);
    put_address(buf, l2_recipient);
    put_word(buf, amount);
    return keccak256(buf);
}

Bytes encode_claim_deposits(std::span<const DepositMessage> deposits)
{
    Bytes out = selector("claimDeposits((address,address,uint256)[])");
    // One dynamic argument: its offset, then the array (length, then the static tuples inline).
    put_word(out, uint256{32});
    put_word(out, uint256{deposits.size()});
    for (const DepositMessage& d : deposits) {
        put_address(out, d.sender);
        put_address(out, d.l2_recipient);
        put_word(out, d.amount);
    }
    return out;
}

Bytes encode_rollup_constructor(const RollupConfig& config,
                                const Hash256& genesis_state_root,
                                const Hash256& genesis_block_hash)
{
    // (Config, bytes32, bytes32): Config is dynamic (it holds address[]), so the head is its
    // offset and the two roots; its own head has 12 members, sequencers as an offset relative
    // to the start of the Config encoding.
    Bytes out;
    put_word(out, uint256{3 * 32});
    out += genesis_state_root.view();
    out += genesis_block_hash.view();
    put_word(out, uint256{config.chain_id});
    put_word(out, uint256{config.l2_gas_limit});
    put_word(out, uint256{config.sequencing});
    put_word(out, uint256{12 * 32});
    put_word(out, uint256{config.forced_inclusion_delay});
    put_word(out, uint256{config.coinbase_policy});
    put_address(out, config.treasury);
    put_word(out, uint256{config.governance});
    put_address(out, config.owner);
    put_word(out, uint256{config.timelock_delay});
    put_word(out, uint256{config.state_root_history});
    put_address(out, config.execute);
    put_word(out, uint256{config.sequencers.size()});
    for (const Address& a : config.sequencers) put_address(out, a);
    return out;
}

Bytes native_rollup_creation_code(const RollupConfig& config,
                                  const Hash256& genesis_state_root,
                                  const Hash256& genesis_block_hash)
{
    Bytes code{contracts::native_rollup::kBytecode.data(),
               contracts::native_rollup::kBytecode.size()};
    code += encode_rollup_constructor(config, genesis_state_root, genesis_block_hash);
    return code;
}

}  // namespace ultra::node::rollup_abi
