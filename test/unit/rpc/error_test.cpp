// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <ultra/core/hex.hpp>
#include <ultra/rpc/error.hpp>

using namespace ultra;
using namespace ultra::literals;
using namespace ultra::rpc;

namespace {

/// ABI encoding of Error(string) for a short reason, written out by hand.
Bytes error_string_abi(std::string_view reason)
{
    Bytes out = "0x08c379a0"_hex;
    Bytes word(32, 0);
    word[31] = 0x20;  // offset
    out += word;
    word.assign(32, 0);
    word[31] = static_cast<uint8_t>(reason.size());  // length
    out += word;
    Bytes text(32 * ((reason.size() + 31) / 32), 0);
    std::copy(reason.begin(), reason.end(), text.begin());
    out += text;
    return out;
}

Bytes panic_abi(uint8_t code)
{
    Bytes out = "0x4e487b71"_hex;
    Bytes word(32, 0);
    word[31] = code;
    return out + word;
}

}  // namespace

TEST(RpcError, ErrorObject)
{
    const RpcError plain{kInvalidParams, "bad"};
    EXPECT_EQ(plain.to_json(), (nlohmann::json{{"code", -32602}, {"message", "bad"}}));
    EXPECT_STREQ(plain.what(), "bad");
    const RpcError with_data{3, "execution reverted", nlohmann::json("0x")};
    EXPECT_EQ(with_data.to_json()["data"], "0x");
    EXPECT_EQ(method_not_found("eth_foo").message(),
              "the method eth_foo does not exist/is not available");
    EXPECT_EQ(method_not_found("eth_foo").code(), -32601);
    EXPECT_EQ(invalid_params("x").code(), -32602);
    EXPECT_EQ(internal_error("x").code(), -32603);
    EXPECT_EQ(server_error("x").code(), -32000);
}

TEST(RpcError, RevertReasons)
{
    EXPECT_EQ(decode_revert_reason(error_string_abi("not owner")), "not owner");
    EXPECT_EQ(decode_revert_reason(error_string_abi("")), "");
    EXPECT_EQ(decode_revert_reason(panic_abi(0x01)), "assert(false)");
    EXPECT_EQ(decode_revert_reason(panic_abi(0x11)), "arithmetic underflow or overflow");
    EXPECT_EQ(decode_revert_reason(panic_abi(0x12)), "division or modulo by zero");
    EXPECT_EQ(decode_revert_reason(panic_abi(0x99)), "unknown panic code: 0x99");
    // A custom error, empty output, truncated ABI: no reason.
    EXPECT_EQ(decode_revert_reason("0x12345678"_hex), std::nullopt);
    EXPECT_EQ(decode_revert_reason(Bytes{}), std::nullopt);
    Bytes truncated = error_string_abi("not owner");
    truncated.resize(4 + 64 + 3);
    EXPECT_EQ(decode_revert_reason(truncated), std::nullopt);
    Bytes bad_offset = error_string_abi("x");
    bad_offset[4 + 31] = 0xff;
    EXPECT_EQ(decode_revert_reason(bad_offset), std::nullopt);
    EXPECT_EQ(decode_revert_reason("0x4e487b71"_hex), std::nullopt);
}

TEST(RpcError, ExecutionReverted)
{
    const Bytes output = error_string_abi("not owner");
    const RpcError e = execution_reverted(output);
    EXPECT_EQ(e.code(), 3);
    EXPECT_EQ(e.message(), "execution reverted: not owner");
    EXPECT_EQ(e.data(), nlohmann::json(to_0x_hex(output)));
    const RpcError empty = execution_reverted({});
    EXPECT_EQ(empty.message(), "execution reverted");
    EXPECT_EQ(empty.data(), nlohmann::json("0x"));
    EXPECT_EQ(execution_reverted("0xdeadbeef"_hex).message(), "execution reverted");
}

TEST(RpcError, ChecksumAddressEip55)
{
    // The test vectors of EIP-55.
    for (const char* s : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                          "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
        const auto addr = fixed_from_hex<20>(s);
        ASSERT_TRUE(addr.has_value());
        EXPECT_EQ(to_checksum_address(*addr), s);
    }
}

TEST(RpcError, GethTransactionErrors)
{
    const Address sender = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"_addr;
    EXPECT_EQ(nonce_too_low(sender, 1, 5).message(),
              "nonce too low: address 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, tx: 1 state: 5");
    EXPECT_EQ(nonce_too_low(sender, 1, 5).code(), -32000);
    EXPECT_EQ(nonce_too_high(sender, 9, 5).message(),
              "nonce too high: address 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, tx: 9 state: 5");
    EXPECT_EQ(insufficient_funds(sender, 100, 21000).message(),
              "insufficient funds for gas * price + value: address "
              "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed have 100 want 21000");
    EXPECT_EQ(intrinsic_gas_too_low(21000, 53000).message(),
              "intrinsic gas too low: have 21000, want 53000");
    EXPECT_EQ(fee_cap_too_low(sender, 1, 7).message(),
              "max fee per gas less than block base fee: address "
              "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, maxFeePerGas: 1, baseFee: 7");
    EXPECT_EQ(tx_error_message(TxError::kNonceMismatchTooLow), "nonce too low");
    EXPECT_EQ(tx_error_message(TxError::kInsufficientAccountFunds),
              "insufficient funds for gas * price + value");
    EXPECT_EQ(tx_error_message(TxError::kType4TxPreFork), "transaction type not supported");
    EXPECT_EQ(tx_error_message(TxError::kIntrinsicGasTooLow), "intrinsic gas too low");
    EXPECT_EQ(tx_error_message(TxError::kRlpMalformed).rfind("invalid transaction encoding: ", 0),
              0u);
    EXPECT_EQ(tx_error(TxError::kInsufficientMaxFeePerGas).message(),
              "max fee per gas less than block base fee");
    EXPECT_EQ(tx_error(TxError::kInsufficientMaxFeePerGas).code(), -32000);
}
