// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <span>
#include <ultra/evm/code_analysis.hpp>
#include <ultra/evm/host.hpp>
#include <ultra/evm/vm.hpp>
#include <ultra/state/state.hpp>
#include <ultra/state/state_view.hpp>
#include <unordered_map>
#include <vector>

#include "block_env.hpp"
#include "precompile_set.hpp"
#include "receipt.hpp"

namespace ultra::execution {

/// Analysed code by code hash, reused across the frames and transactions of a block. Owned by
/// whoever executes the block; never shared between threads or nested executions.
class CodeCache
{
public:
    /// The analysis of `code`, whose keccak256 is `code_hash`.
    const evm::CodeAnalysis& get(const Hash256& code_hash, BytesView code);

private:
    std::unordered_map<Hash256, std::unique_ptr<evm::CodeAnalysis>> cache_;
};

/// The EVM host over a journaled state::State: nested calls and creations, value transfers,
/// precompiles through the injected PrecompileSet, logs, and the per-revision world rules
/// (EIP-161 existence, EIP-6780 SELFDESTRUCT, EIP-3541/EIP-170 code checks, EIP-7610
/// collisions). Mirrors execution-specs vm/interpreter.py (process_message_call,
/// process_create_message, process_message) with one frame-revert point (GUIDE example 6).
///
/// One Host serves one transaction. It owns the logs of the transaction; state changes go to
/// the State. A read the State cannot answer makes the host report an internal error.
class Host final : public evm::Host
{
public:
    Host(state::State& state,
         Revision rev,
         const BlockEnv& block,
         const state::BlockHashes& block_hashes,
         const PrecompileSet& precompiles,
         evm::Vm& vm,
         CodeCache& code_cache) noexcept
        : state_{state},
          rev_{rev},
          block_{block},
          block_hashes_{block_hashes},
          precompiles_{precompiles},
          vm_{vm},
          code_cache_{code_cache}
    {}

    /// Sets the transaction part of the context (ORIGIN, GASPRICE, BLOBHASH).
    void set_tx(const Address& origin,
                const uint256& gas_price,
                std::span<const Bytes32> blob_hashes) noexcept
    {
        origin_ = origin;
        gas_price_ = gas_price;
        blob_hashes_ = blob_hashes;
    }

    /// Runs the transaction's top-level creation at `new_address` (the sender's nonce was
    /// already incremented by the transaction): the collision check, then the creation.
    evm::CallResult create_at_top_level(const evm::Message& msg, const Address& new_address);

    /// The logs emitted by frames that did not revert.
    [[nodiscard]] std::vector<Log>& logs() noexcept { return logs_; }

    /// Marks the host failed when the state has met a read it could not answer.
    void check_state_error() noexcept
    {
        if (state_.error()) set_internal_error();
    }

    // evm::Host
    bool account_exists(const Address& addr) noexcept override;
    Bytes32 get_storage(const Address& addr, const Bytes32& key) noexcept override;
    evm::StorageStatus set_storage(const Address& addr,
                                   const Bytes32& key,
                                   const Bytes32& value) noexcept override;
    uint256 get_balance(const Address& addr) noexcept override;
    size_t get_code_size(const Address& addr) noexcept override;
    Bytes32 get_code_hash(const Address& addr) noexcept override;
    size_t copy_code(const Address& addr,
                     size_t code_offset,
                     uint8_t* buffer,
                     size_t buffer_size) noexcept override;
    bool selfdestruct(const Address& addr, const Address& beneficiary) noexcept override;
    evm::CallResult call(const evm::Message& msg) noexcept override;
    evm::TxContext get_tx_context() noexcept override;
    Bytes32 get_block_hash(int64_t block_num) noexcept override;
    void emit_log(const Address& addr,
                  BytesView data,
                  std::span<const Bytes32> topics) noexcept override;
    evm::AccessStatus access_account(const Address& addr) noexcept override;
    evm::AccessStatus access_storage(const Address& addr, const Bytes32& key) noexcept override;
    Bytes32 get_transient_storage(const Address& addr, const Bytes32& key) noexcept override;
    void set_transient_storage(const Address& addr,
                               const Bytes32& key,
                               const Bytes32& value) noexcept override;

private:
    evm::CallResult execute_message(const evm::Message& msg);
    evm::CallResult create(const evm::Message& msg);
    evm::CallResult process_create_message(const evm::Message& msg, const Address& new_address);
    evm::CallResult run_code(const evm::Message& msg);
    /// Rolls the state and the logs back to a frame's checkpoints (with the RIPEMD-160 rule).
    void revert_frame(size_t cp, size_t log_cp, bool frame_is_ripemd160);
    /// Moves `value` and (execution-specs touch_account) makes sure the recipient exists.
    void transfer(const Address& from, const Address& to, const uint256& value);

    state::State& state_;
    Revision rev_;
    const BlockEnv& block_;
    const state::BlockHashes& block_hashes_;
    const PrecompileSet& precompiles_;
    evm::Vm& vm_;
    CodeCache& code_cache_;
    Address origin_;
    uint256 gas_price_;
    std::span<const Bytes32> blob_hashes_;
    std::vector<Log> logs_;
};

/// The address of a contract created by CREATE: keccak256(rlp([sender, nonce]))[12:]
/// (Yellow Paper eq. 85).
[[nodiscard]] Address create_address(const Address& sender, uint64_t nonce) noexcept;

/// The address of a contract created by CREATE2 (EIP-1014):
/// keccak256(0xff ‖ sender ‖ salt ‖ keccak256(init_code))[12:].
[[nodiscard]] Address create2_address(const Address& sender,
                                      const Bytes32& salt,
                                      BytesView init_code) noexcept;

/// EIP-7702: the delegate of `code` when it is a delegation designator 0xef0100 ‖ address.
[[nodiscard]] std::optional<Address> delegation_target(BytesView code) noexcept;

}  // namespace ultra::execution
