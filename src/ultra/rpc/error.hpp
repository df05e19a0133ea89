// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/types/tx_error.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::rpc {

/// JSON-RPC 2.0 error codes (https://www.jsonrpc.org/specification §5.1) and the Ethereum
/// codes go-ethereum uses on top of them.
/// @{
inline constexpr int kParseError = -32700;      ///< the body is not JSON
inline constexpr int kInvalidRequest = -32600;  ///< JSON, but not a request object
inline constexpr int kMethodNotFound = -32601;  ///< no such method (or subscription kind)
inline constexpr int kInvalidParams = -32602;   ///< the arguments do not decode
inline constexpr int kInternalError = -32603;   ///< the handler failed unexpectedly
/// go-ethereum's default code for an error without one: "nonce too low", "insufficient funds
/// for gas * price + value", "already known", ...
inline constexpr int kServerError = -32000;
/// go-ethereum: eth_subscribe over a transport without notifications (HTTP).
inline constexpr int kNotificationsUnsupported = -32001;
/// go-ethereum: eth_call / eth_estimateGas hit REVERT; `data` holds the revert output.
inline constexpr int kExecutionReverted = 3;
/// @}

/// An error a method handler reports to its caller: it becomes the response's `error` object
/// {code, message, data?}. Handlers throw it (that is the error style of this impure layer);
/// the Dispatcher catches it at the boundary. Any other exception a handler lets escape becomes
/// kInternalError.
class RpcError : public std::exception
{
public:
    /// An error with a code, a message and optional structured data.
    RpcError(int code, std::string message, std::optional<nlohmann::json> data = std::nullopt);

    /// The JSON-RPC error code.
    [[nodiscard]] int code() const noexcept { return code_; }
    /// The human-readable message.
    [[nodiscard]] const std::string& message() const noexcept { return message_; }
    /// The optional `data` member.
    [[nodiscard]] const std::optional<nlohmann::json>& data() const noexcept { return data_; }
    /// The message (std::exception interface).
    [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }

    /// The `error` object of a response: {"code", "message"[, "data"]}.
    [[nodiscard]] nlohmann::json to_json() const;

private:
    int code_;
    std::string message_;
    std::optional<nlohmann::json> data_;
};

/// -32602 with `message` (for instance "invalid argument 0: hex string without 0x prefix").
[[nodiscard]] RpcError invalid_params(std::string message);

/// -32601 "the method X does not exist/is not available" (go-ethereum's text).
[[nodiscard]] RpcError method_not_found(std::string_view method);

/// -32603 with `message`.
[[nodiscard]] RpcError internal_error(std::string message);

/// -32000 with `message`: go-ethereum's code for transaction-pool and state errors.
[[nodiscard]] RpcError server_error(std::string message);

// ---------------------------------------------------------------------------------------------
// Execution errors (go-ethereum's texts, so that ethers, viem and cast recognise them)
// ---------------------------------------------------------------------------------------------

/// The reason a revert output carries, as go-ethereum's abi.UnpackRevert decodes it:
/// `Error(string)` (selector 0x08c379a0) gives the string; `Panic(uint256)` (0x4e487b71) gives
/// Solidity's description of the panic code ("assert(false)", "arithmetic underflow or
/// overflow", ... or "unknown panic code: 0x.."). std::nullopt for anything else (custom
/// errors, empty output, malformed ABI).
[[nodiscard]] std::optional<std::string> decode_revert_reason(BytesView output);

/// Code 3: "execution reverted" or "execution reverted: <reason>" (decode_revert_reason), with
/// the raw output as `data` ("0x…", "0x" when empty), as go-ethereum's eth_call answers.
[[nodiscard]] RpcError execution_reverted(BytesView output);

/// -32000 "nonce too low: address 0x…, tx: N state: M" (the address EIP-55 checksummed).
[[nodiscard]] RpcError nonce_too_low(const Address& sender,
                                     uint64_t tx_nonce,
                                     uint64_t state_nonce);

/// -32000 "nonce too high: address 0x…, tx: N state: M".
[[nodiscard]] RpcError nonce_too_high(const Address& sender,
                                      uint64_t tx_nonce,
                                      uint64_t state_nonce);

/// -32000 "insufficient funds for gas * price + value: address 0x… have H want W" (decimal wei).
[[nodiscard]] RpcError insufficient_funds(const Address& sender,
                                          const uint256& have,
                                          const uint256& want);

/// -32000 "intrinsic gas too low: have H, want W".
[[nodiscard]] RpcError intrinsic_gas_too_low(uint64_t have, uint64_t want);

/// -32000 "max fee per gas less than block base fee: address 0x…, maxFeePerGas: F, baseFee: B"
/// (EIP-1559).
[[nodiscard]] RpcError fee_cap_too_low(const Address& sender,
                                       const uint256& max_fee_per_gas,
                                       const uint256& base_fee);

/// go-ethereum's base message for a transaction rejected with `e` ("nonce too low",
/// "insufficient funds for gas * price + value", "intrinsic gas too low", "transaction type not
/// supported", ...): what eth_sendRawTransaction answers when no detail is at hand. Encoding
/// errors read "invalid transaction encoding: <fixture name>".
[[nodiscard]] std::string tx_error_message(TxError e);

/// -32000 with tx_error_message(e).
[[nodiscard]] RpcError tx_error(TxError e);

/// EIP-55 mixed-case checksum encoding of an address
/// ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").
[[nodiscard]] std::string to_checksum_address(const Address& addr);

}  // namespace ultra::rpc
