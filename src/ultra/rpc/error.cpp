// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "error.hpp"

#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <utility>

namespace ultra::rpc {

RpcError::RpcError(int code, std::string message, std::optional<nlohmann::json> data)
    : code_{code}, message_{std::move(message)}, data_{std::move(data)}
{}

nlohmann::json RpcError::to_json() const
{
    nlohmann::json j = {{"code", code_}, {"message", message_}};
    if (data_) j["data"] = *data_;
    return j;
}

RpcError invalid_params(std::string message)
{
    return {kInvalidParams, std::move(message)};
}

RpcError method_not_found(std::string_view method)
{
    return {kMethodNotFound,
            "the method " + std::string{method} + " does not exist/is not available"};
}

RpcError internal_error(std::string message)
{
    return {kInternalError, std::move(message)};
}

RpcError server_error(std::string message)
{
    return {kServerError, std::move(message)};
}

namespace {

constexpr uint8_t kErrorSelector[4] = {0x08, 0xc3, 0x79, 0xa0};  // Error(string)
constexpr uint8_t kPanicSelector[4] = {0x4e, 0x48, 0x7b, 0x71};  // Panic(uint256)

bool has_selector(BytesView output, const uint8_t (&selector)[4]) noexcept
{
    return output.size() >= 4 && output[0] == selector[0] && output[1] == selector[1] &&
           output[2] == selector[2] && output[3] == selector[3];
}

/// A 32-byte ABI word at `offset` of `args` as a size, if it fits and the word exists.
std::optional<size_t> abi_size_at(BytesView args, size_t offset) noexcept
{
    if (offset > args.size() || args.size() - offset < 32) return std::nullopt;
    const uint256 v = load_be(args.data() + offset);
    if (v[1] != 0 || v[2] != 0 || v[3] != 0 || v[0] > args.size()) return std::nullopt;
    return static_cast<size_t>(v[0]);
}

/// Solidity's panic codes (https://docs.soliditylang.org/en/latest/control-structures.html,
/// "Panic via assert and Error via require"), worded as go-ethereum's abi package words them.
std::string panic_reason(const uint256& code)
{
    if (code[1] == 0 && code[2] == 0 && code[3] == 0) {
        switch (code[0]) {
            case 0x00: return "generic panic";
            case 0x01: return "assert(false)";
            case 0x11: return "arithmetic underflow or overflow";
            case 0x12: return "division or modulo by zero";
            case 0x21: return "enum overflow";
            case 0x22: return "invalid encoded storage byte array accessed";
            case 0x31: return "out-of-bounds array access; popping on an empty array";
            case 0x32: return "out-of-bounds access of an array or bytesN";
            case 0x41: return "out of memory";
            case 0x51: return "uninitialized function";
            default: break;
        }
    }
    return "unknown panic code: " + to_hex_string(code);
}

std::string address_detail(const Address& sender)
{
    return "address " + to_checksum_address(sender);
}

}  // namespace

std::optional<std::string> decode_revert_reason(BytesView output)
{
    if (has_selector(output, kErrorSelector)) {
        const BytesView args = output.substr(4);
        const auto offset = abi_size_at(args, 0);
        if (!offset) return std::nullopt;
        const auto length = abi_size_at(args, *offset);
        if (!length) return std::nullopt;
        const size_t start = *offset + 32;
        if (args.size() - start < *length) return std::nullopt;
        return std::string{reinterpret_cast<const char*>(args.data() + start), *length};
    }
    if (has_selector(output, kPanicSelector)) {
        const BytesView args = output.substr(4);
        if (args.size() < 32) return std::nullopt;
        return panic_reason(load_be(args.data()));
    }
    return std::nullopt;
}

RpcError execution_reverted(BytesView output)
{
    std::string message = "execution reverted";
    if (auto reason = decode_revert_reason(output)) message += ": " + *reason;
    return {kExecutionReverted, std::move(message), nlohmann::json(to_0x_hex(output))};
}

RpcError nonce_too_low(const Address& sender, uint64_t tx_nonce, uint64_t state_nonce)
{
    return server_error("nonce too low: " + address_detail(sender) + ", tx: " +
                        std::to_string(tx_nonce) + " state: " + std::to_string(state_nonce));
}

RpcError nonce_too_high(const Address& sender, uint64_t tx_nonce, uint64_t state_nonce)
{
    return server_error("nonce too high: " + address_detail(sender) + ", tx: " +
                        std::to_string(tx_nonce) + " state: " + std::to_string(state_nonce));
}

RpcError insufficient_funds(const Address& sender, const uint256& have, const uint256& want)
{
    return server_error("insufficient funds for gas * price + value: " + address_detail(sender) +
                        " have " + to_string(have) + " want " + to_string(want));
}

RpcError intrinsic_gas_too_low(uint64_t have, uint64_t want)
{
    return server_error("intrinsic gas too low: have " + std::to_string(have) + ", want " +
                        std::to_string(want));
}

RpcError fee_cap_too_low(const Address& sender,
                         const uint256& max_fee_per_gas,
                         const uint256& base_fee)
{
    return server_error("max fee per gas less than block base fee: " + address_detail(sender) +
                        ", maxFeePerGas: " + to_string(max_fee_per_gas) +
                        ", baseFee: " + to_string(base_fee));
}

std::string tx_error_message(TxError e)
{
    switch (e) {
        case TxError::kTypeNotSupported:
        case TxError::kType1TxPreFork:
        case TxError::kType2TxPreFork:
        case TxError::kType3TxPreFork:
        case TxError::kType4TxPreFork: return "transaction type not supported";
        case TxError::kInvalidSignature: return "invalid transaction v, r, s values";
        case TxError::kInvalidChainId: return "invalid chain id for signer";
        case TxError::kEcRecoveryFailed: return "invalid sender";
        case TxError::kNonceTooBig:
        case TxError::kNonceIsMax: return "nonce has max value";
        case TxError::kPriorityGreaterThanMaxFee:
            return "max priority fee per gas higher than max fee per gas";
        case TxError::kGasLimitPriceProductOverflow:
        case TxError::kInsufficientAccountFunds:
            return "insufficient funds for gas * price + value";
        case TxError::kIntrinsicGasTooLow: return "intrinsic gas too low";
        case TxError::kInitCodeSizeExceeded: return "max initcode size exceeded";
        case TxError::kType3TxZeroBlobs: return "blob transaction missing blob hashes";
        case TxError::kType3TxInvalidBlobVersionedHash: return "blob has invalid hash version";
        case TxError::kType3TxContractCreation: return "blob transaction of type create";
        case TxError::kType3TxBlobCountExceeded: return "too many blobs in transaction";
        case TxError::kType4EmptyAuthorizationList:
            return "EIP-7702 transaction with empty auth list";
        case TxError::kType4TxContractCreation:
            return "EIP-7702 transaction cannot be used to create contract";
        case TxError::kIntrinsicGasBelowFloorGasCost:
            return "insufficient gas for floor data gas cost";
        case TxError::kGasLimitExceedsMaximum: return "transaction gas limit too high";
        case TxError::kNonceMismatchTooLow: return "nonce too low";
        case TxError::kNonceMismatchTooHigh: return "nonce too high";
        case TxError::kSenderNotEoa: return "sender not an eoa";
        case TxError::kInsufficientMaxFeePerGas: return "max fee per gas less than block base fee";
        case TxError::kInsufficientMaxFeePerBlobGas:
            return "max fee per blob gas less than block blob gas fee";
        case TxError::kGasAllowanceExceeded: return "exceeds block gas limit";
        case TxError::kType3TxMaxBlobGasAllowanceExceeded: return "blob gas limit reached";
        default: break;
    }
    // The encoding group: RLP shape, field sizes and ranges.
    return "invalid transaction encoding: " + std::string{to_string(e)};
}

RpcError tx_error(TxError e)
{
    return server_error(tx_error_message(e));
}

std::string to_checksum_address(const Address& addr)
{
    const std::string lower = to_hex(addr);
    const Hash256 h = keccak256(to_bytes_view(lower));
    std::string out = "0x";
    out.reserve(42);
    for (size_t i = 0; i < lower.size(); ++i) {
        const char c = lower[i];
        const unsigned nibble = (i % 2 == 0) ? (h[i / 2] >> 4) : (h[i / 2] & 0x0f);
        out += (c >= 'a' && nibble >= 8) ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

}  // namespace ultra::rpc
