// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/state/state.hpp>

#include "transaction.hpp"

/// System calls: the calls the protocol itself makes at block start and end, from
/// SYSTEM_ADDRESS to a system contract, with no fee, no nonce and no gas charged to anyone
/// (execution-specs process_system_transaction; evmone system_contracts.cpp; revm
/// run_system_call). The contracts and when they run:
/// - EIP-4788 beacon roots (Cancun): block start, input the parent beacon block root;
/// - EIP-2935 history storage (Prague): block start, input the parent hash;
/// - EIP-7002 withdrawal requests and EIP-7251 consolidation requests (Prague): block end, no
///   input, the return data are the requests.
namespace ultra::execution {

namespace detail {
/// Not constexpr on purpose: hex_constant() calls it on a malformed literal, which makes the
/// constant's evaluation, and so the build, fail.
inline void malformed_hex_constant() noexcept {}

/// A byte-array constant from `hex` (exactly 2·N hex digits, no prefix), parsed at compile time:
/// for the protocol's addresses and hashes. A malformed literal does not compile.
template <size_t N>
consteval FixedBytes<N> hex_constant(std::string_view hex)
{
    const auto nibble = [](char c) -> uint8_t {
        if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
        if (c >= 'A' && c <= 'F') return static_cast<uint8_t>(c - 'A' + 10);
        malformed_hex_constant();
        return 0;
    };
    if (hex.size() != 2 * N) malformed_hex_constant();
    FixedBytes<N> out;
    for (size_t i = 0; i < N; ++i)
        out.bytes[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
    return out;
}
}  // namespace detail

/// SYSTEM_ADDRESS (EIP-4788): the caller and origin of every system call. It never holds an
/// account because of them.
inline constexpr Address kSystemAddress =
    detail::hex_constant<20>("fffffffffffffffffffffffffffffffffffffffe");

/// EIP-4788 BEACON_ROOTS_ADDRESS.
inline constexpr Address kBeaconRootsAddress =
    detail::hex_constant<20>("000F3df6D732807Ef1319fB7B8bB8522d0Beac02");

/// EIP-2935 HISTORY_STORAGE_ADDRESS.
inline constexpr Address kHistoryStorageAddress =
    detail::hex_constant<20>("0000F90827F1C53a10cb7A02335B175320002935");

/// EIP-7002 WITHDRAWAL_REQUEST_PREDEPLOY_ADDRESS.
inline constexpr Address kWithdrawalRequestPredeployAddress =
    detail::hex_constant<20>("00000961Ef480Eb55e80D19ad83579A64c007002");

/// EIP-7251 CONSOLIDATION_REQUEST_PREDEPLOY_ADDRESS.
inline constexpr Address kConsolidationRequestPredeployAddress =
    detail::hex_constant<20>("0000BBdDc7CE488642fb579F8B00f3a590007251");

/// SYSTEM_TRANSACTION_GAS (EIP-4788, EIP-2935, EIP-7002, EIP-7251): the gas of a system call,
/// outside the block's gas limit.
inline constexpr int64_t kSystemTransactionGas = 30'000'000;

/// The outcome of a system call.
struct SystemCallOutput
{
    bool has_code = false;  ///< the target has code (without code nothing runs)
    bool success = false;   ///< the call neither reverted nor halted exceptionally
    Bytes return_data;      ///< the call's RETURN data when it succeeded
};

/// Runs the system call `target(data)` on `state` (execution-specs
/// process_unchecked_system_transaction): a top-level CALL from kSystemAddress with
/// ORIGIN = kSystemAddress, GASPRICE = the block's base fee, kSystemTransactionGas gas, no value,
/// no access list, fresh transient storage, then the end-of-transaction rules of `rev`
/// (State::finalize_transaction). When the target has no code nothing runs and the state is
/// untouched (has_code false). A failed call leaves no trace in the state. Logs are discarded.
///
/// Precondition: `state` is between transactions. The only error is a state read the view could
/// not answer; whether a failure or missing code invalidates the block is the caller's rule
/// (EIP-7002/EIP-7251 from Prague: see apply_body()).
[[nodiscard]] Result<SystemCallOutput, state::StateError> process_system_transaction(
    state::State& state,
    const ExecutionContext& ctx,
    Revision rev,
    const Address& target,
    BytesView data);

}  // namespace ultra::execution
