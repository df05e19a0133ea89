// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "rollup_l1.hpp"

#include <exception>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/wallet/signer.hpp>

namespace ultra::node {

namespace {

/// Runs `f`, turning the client's exceptions into an error message prefixed with `what`.
template <typename F>
auto guarded(const std::string& what, F&& f) -> Result<decltype(f()), std::string>
{
    try {
        return f();
    } catch (const rpc::RpcError& e) {
        std::string msg = what + ": " + e.message();
        if (e.data() && e.data()->is_string()) {
            // A rollup's custom error by its name (a lost race reads "WrongParentHash(...)").
            const std::string data = e.data()->get<std::string>();
            const auto bytes = from_hex(data);
            const auto named = bytes ? rollup_abi::describe_custom_error(*bytes) : std::nullopt;
            msg += " (" + named.value_or(data) + ")";
        }
        return unexpected(std::move(msg));
    } catch (const std::exception& e) {
        return unexpected(what + ": " + e.what());
    }
}

Address execute_address()
{
    return *fixed_from_hex<20>(RollupL1::kExecuteAddress);
}

}  // namespace

RollupL1::RollupL1(rpc::Client& l1,
                   const Address& rollup,
                   const Bytes32& proposer_key,
                   uint64_t l1_chain_id)
    : l1_(l1), rollup_(rollup), key_(proposer_key), l1_chain_id_(l1_chain_id)
{}

Result<Address, std::string> RollupL1::proposer() const
{
    const auto address = private_key_to_address(key_);
    if (!address) return unexpected(std::string("invalid proposer key"));
    return *address;
}

Result<Bytes, std::string> RollupL1::call(const Address& to, BytesView data)
{
    return guarded("eth_call to " + to_hex(to.view()), [&] {
        rpc::CallRequest request;
        request.to = to;
        // (An empty view may have no data pointer: no copy from it.)
        request.input = data.empty() ? Bytes{} : Bytes{data.data(), data.size()};
        return l1_.call(request);
    });
}

Result<uint64_t, std::string> RollupL1::latest_timestamp()
{
    ULTRA_TRY(const auto latest, guarded("eth_getBlockByNumber", [&] {
                  return l1_.get_block_by_number(rpc::BlockTag::kLatest);
              }));
    if (!latest) return unexpected(std::string("eth_getBlockByNumber: no latest block"));
    return latest->block.header.timestamp;
}

Result<RollupHead, std::string> RollupL1::head()
{
    // Pin one L1 block so that the three views agree.
    ULTRA_TRY(const auto at, guarded("eth_blockNumber", [&] { return l1_.block_number(); }));
    const auto view = [&](std::string_view sig) {
        return guarded(std::string(sig), [&] {
            rpc::CallRequest request;
            request.to = rollup_;
            request.input = rollup_abi::view_call(sig);
            return l1_.call(request, at);
        });
    };
    ULTRA_TRY(const auto number_data, view("blockNumber()"));
    ULTRA_TRY(const auto hash_data, view("blockHash()"));
    ULTRA_TRY(const auto root_data, view("stateRoot()"));
    ULTRA_TRY(const auto number, rollup_abi::decode_uint(number_data));
    if (number > uint256{UINT64_MAX}) return unexpected(std::string("blockNumber(): too large"));
    RollupHead head;
    head.number = static_cast<uint64_t>(number);
    ULTRA_TRY(head.block_hash, rollup_abi::decode_word(hash_data));
    ULTRA_TRY(head.state_root, rollup_abi::decode_word(root_data));
    return head;
}

Result<Address, std::string> RollupL1::bridge()
{
    if (bridge_) return *bridge_;
    ULTRA_TRY(const auto data, call(rollup_, rollup_abi::view_call("bridge()")));
    ULTRA_TRY(const auto address, rollup_abi::decode_address(data));
    bridge_ = address;
    return address;
}

Result<uint256, std::string> RollupL1::execute_base_fee()
{
    ULTRA_TRY(const auto data, call(execute_address(), {}));
    return rollup_abi::decode_uint(data);
}

Result<Hash256, std::string> RollupL1::deposit_root()
{
    ULTRA_TRY(const auto bridge_address, bridge());
    ULTRA_TRY(const auto data, call(bridge_address, rollup_abi::view_call("depositRoot()")));
    return rollup_abi::decode_word(data);
}

Result<std::vector<rollup_abi::DepositMessage>, std::string>
RollupL1::deposits_between(uint64_t first_nonce, const Hash256& from_root, const Hash256& to_root)
{
    std::vector<rollup_abi::DepositMessage> out;
    if (from_root == to_root) return out;
    ULTRA_TRY(const auto bridge_address, bridge());
    ULTRA_TRY(const auto logs, logs_of(bridge_address, rollup_abi::kDepositEventSignature, {}, 0));
    Hash256 root = from_root;
    uint64_t next = first_nonce;
    for (const rpc::RpcLog& log : logs) {
        ULTRA_TRY(const auto d, rollup_abi::decode_deposit_log(log.log));
        if (d.nonce < next) continue;
        if (d.nonce != next)
            return unexpected("deposit " + std::to_string(next) + " is missing from the logs");
        root = rollup_abi::next_deposit_root(root, d.nonce, d.sender, d.l2_recipient, d.amount);
        if (root != d.root)
            return unexpected("deposit " + std::to_string(d.nonce) +
                              ": its root does not follow from the chain");
        out.push_back(d);
        ++next;
        if (root == to_root) return out;
    }
    return unexpected("the deposit events do not reach root 0x" + to_hex(to_root.view()));
}

Result<std::vector<rpc::RpcLog>, std::string> RollupL1::logs_of(const Address& address,
                                                                std::string_view event,
                                                                std::vector<Hash256> second_topic,
                                                                uint64_t from_l1_block)
{
    rpc::LogFilter filter;
    filter.from_block = from_l1_block;
    filter.to_block = rpc::BlockTag::kLatest;
    filter.addresses = {address};
    filter.topics = {{rollup_abi::event_topic(event)}};
    if (!second_topic.empty()) filter.topics.push_back(std::move(second_topic));
    return guarded("eth_getLogs", [&] { return l1_.get_logs(filter); });
}

Result<uint256, std::string> RollupL1::uint_view(std::string_view signature)
{
    ULTRA_TRY(const auto data, call(rollup_, rollup_abi::view_call(signature)));
    return rollup_abi::decode_uint(data);
}

Result<Hash256, std::string> RollupL1::genesis_block_hash()
{
    ULTRA_TRY(const auto data, call(rollup_, rollup_abi::view_call("genesisBlockHash()")));
    return rollup_abi::decode_word(data);
}

Result<uint64_t, std::string> RollupL1::chain_id()
{
    ULTRA_TRY(const auto id, uint_view("chainId()"));
    if (id == 0 || id > uint256{UINT64_MAX})
        return unexpected("no NativeRollup at " + to_0x_hex(rollup_));
    return static_cast<uint64_t>(id);
}

Result<std::vector<RollupL1::Settlement>, std::string> RollupL1::settlements(uint64_t from_l1_block,
                                                                             uint64_t first_number,
                                                                             uint64_t count)
{
    std::vector<Hash256> numbers;
    numbers.reserve(count);
    for (uint64_t i = 0; i < count; ++i) numbers.push_back(to_bytes32(uint256{first_number + i}));
    ULTRA_TRY(const auto logs, logs_of(rollup_, rollup_abi::kBlockAdvancedSignature,
                                       std::move(numbers), from_l1_block));
    std::vector<Settlement> out;
    out.reserve(logs.size());
    for (const rpc::RpcLog& log : logs) {
        ULTRA_TRY(auto event, rollup_abi::decode_block_advanced_log(log.log));
        out.push_back(Settlement{std::move(event), log.context.tx_hash, log.context.block_num});
    }
    return out;
}

Result<rollup_abi::AdvanceCall, std::string> RollupL1::advance_call(const Hash256& l1_tx)
{
    const std::string what = "L1 transaction " + to_0x_hex(l1_tx);
    ULTRA_TRY(const auto tx, guarded("eth_getTransactionByHash", [&] {
                  return l1_.request("eth_getTransactionByHash",
                                     nlohmann::json::array({to_0x_hex(l1_tx)}));
              }));
    if (!tx.is_object()) return unexpected(what + " is unknown to L1");
    const auto to = tx.contains("to") && tx["to"].is_string()
                        ? fixed_from_hex<20>(tx["to"].get<std::string>())
                        : std::nullopt;
    if (!to || *to != rollup_)
        return unexpected(what + " is not a call to the rollup (advance() through a contract " +
                          "cannot be derived from calldata)");
    const auto input = tx.contains("input") && tx["input"].is_string()
                           ? from_hex(tx["input"].get<std::string>())
                           : std::nullopt;
    if (!input) return unexpected(what + ": no input");
    auto call = rollup_abi::decode_advance(*input);
    if (!call) return unexpected(what + ": " + call.error());
    return call;
}

Result<bool, std::string> RollupL1::may_advance()
{
    if (!sequencing_) {
        ULTRA_TRY(const auto mode, uint_view("sequencing()"));
        if (mode > uint256{1}) return unexpected(std::string("sequencing(): unknown mode"));
        sequencing_ = static_cast<uint8_t>(mode);
    }
    if (*sequencing_ == 0) return true;  // Based
    ULTRA_TRY(const auto me, proposer());
    ULTRA_TRY(const auto listed, call(rollup_, rollup_abi::view_call("isSequencer(address)", me)));
    ULTRA_TRY(const auto is_listed, rollup_abi::decode_uint(listed));
    if (is_listed != 0) return true;
    ULTRA_TRY(const auto open, uint_view("forcedInclusionOpen()"));
    return open != 0;
}

Result<std::vector<rollup_abi::Enqueued>, std::string> RollupL1::pending_inbox()
{
    std::vector<rollup_abi::Enqueued> out;
    ULTRA_TRY(const auto head, uint_view("inboxHead()"));
    ULTRA_TRY(const auto length, uint_view("inboxLength()"));
    if (head >= length) return out;
    // The oldest unincluded ones, by their indexed position (a bounded answer).
    std::vector<Hash256> indexes;
    for (uint256 i = head; i < length && indexes.size() < kMaxInboxPerBlock; i = i + 1)
        indexes.push_back(to_bytes32(i));
    ULTRA_TRY(const auto logs,
              logs_of(rollup_, rollup_abi::kTransactionEnqueuedSignature, std::move(indexes), 0));
    for (const rpc::RpcLog& log : logs) {
        ULTRA_TRY(auto e, rollup_abi::decode_enqueued_log(log.log));
        if (uint256{e.index} >= head) out.push_back(std::move(e));
    }
    return out;
}

Result<AdvanceReceipt, std::string> RollupL1::submit_advance(const rollup_abi::AdvanceCall& call,
                                                             uint64_t gas_limit,
                                                             std::chrono::milliseconds timeout)
{
    ULTRA_TRY(const auto from, proposer());
    ULTRA_TRY(const auto fee, execute_base_fee());
    const Bytes data = rollup_abi::encode_advance(call);
    AdvanceReceipt result;
    result.value = rollup_abi::advance_value(call.gas_used, fee);

    ULTRA_TRY(const auto latest, guarded("eth_getBlockByNumber", [&] {
                  return l1_.get_block_by_number(rpc::BlockTag::kLatest);
              }));
    if (!latest) return unexpected(std::string("eth_getBlockByNumber: no latest block"));
    const uint256 base_fee = latest->block.header.base_fee_per_gas.value_or(uint256{0});
    const uint256 tip{1'000'000'000};

    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = l1_chain_id_;
    tx.to = rollup_;
    tx.value = result.value;
    tx.data = data;
    tx.max_priority_fee_per_gas = tip;
    tx.max_fee_per_gas = base_fee * 2 + tip;
    ULTRA_TRY(tx.nonce, guarded("eth_getTransactionCount", [&] {
                  return l1_.get_transaction_count(from, rpc::BlockTag::kPending);
              }));
    if (gas_limit == 0) {
        ULTRA_TRY(const auto estimate, guarded("advance() would revert", [&] {
                      rpc::CallRequest request;
                      request.from = from;
                      request.to = rollup_;
                      request.value = result.value;
                      request.input = data;
                      return rpc::quantity_u64_from_json(
                          l1_.request("eth_estimateGas", nlohmann::json::array({to_json(request)})),
                          "gas");
                  }));
        gas_limit = estimate + estimate / 5;  // 20 % headroom: state may move before inclusion
    }
    tx.gas_limit = gas_limit;
    if (!wallet::sign_transaction(tx, key_)) return unexpected(std::string("invalid proposer key"));
    ULTRA_TRY(result.tx_hash, guarded("eth_sendRawTransaction", [&] {
                  return l1_.send_raw_transaction(encode_transaction(tx));
              }));
    ULTRA_TRY(const auto receipt, guarded("waiting for the advance() receipt", [&] {
                  return l1_.wait_for_receipt(result.tx_hash, timeout);
              }));
    result.l1_block = receipt.context.block_num;
    result.gas_used = receipt.receipt.gas_used;
    if (!receipt.receipt.success)
        return unexpected("advance() reverted in L1 transaction 0x" +
                          to_hex(result.tx_hash.view()));
    return result;
}

}  // namespace ultra::node
