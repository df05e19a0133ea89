// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <ultra/core/bytes.hpp>
#include <ultra/core/uint256.hpp>

#include "gas_costs.hpp"

namespace ultra::evm {

/// How a frame ended (evmc_status_code's consensus subset plus the internal error).
enum class StatusCode : uint8_t
{
    kSuccess,                    ///< STOP, RETURN or SELFDESTRUCT (or running off the code).
    kRevert,                     ///< REVERT (EIP-140): state reverted, gas_left returned.
    kOutOfGas,                   ///< Some charge exceeded gas_left.
    kInvalidInstruction,         ///< The designated INVALID instruction 0xfe (EIP-141).
    kUndefinedInstruction,       ///< A byte that is no instruction of the revision.
    kStackOverflow,              ///< More than 1024 stack items.
    kStackUnderflow,             ///< Too few stack items.
    kBadJumpDestination,         ///< JUMP/JUMPI to a byte that is not a JUMPDEST opcode.
    kInvalidMemoryAccess,        ///< RETURNDATACOPY past the return data (EIP-211).
    kCallDepthExceeded,          ///< A host may report it; the interpreter itself pushes 0.
    kStaticModeViolation,        ///< A state change inside STATICCALL (EIP-214).
    kPrecompileFailure,          ///< A precompile rejected its input (host only).
    kContractValidationFailure,  ///< Deployed code invalid: EIP-170 size, EIP-3541 0xEF (host).
    kFailure,                    ///< Other host-side exceptional halt (e.g. CREATE collision).
    /// The host could not answer a query (a witness lacked data). Not a consensus outcome:
    /// the frame stops at once and the execution layer aborts the block (GUIDE.md §8.3).
    kInternalError,
};

/// True for the statuses that consume all gas of the frame (exceptional halts).
[[nodiscard]] constexpr bool is_exceptional(StatusCode s) noexcept
{
    return s != StatusCode::kSuccess && s != StatusCode::kRevert;
}

/// EIP-2929 access status of an account or a storage slot before the access.
enum class AccessStatus : uint8_t
{
    kCold,  ///< First access in the transaction (now warm).
    kWarm,  ///< Already accessed (or pre-warmed by EIP-2930 lists, precompiles, EIP-3651).
};

/// The kind of a message call.
enum class CallKind : uint8_t
{
    kCall,          ///< CALL and STATICCALL (with Message::is_static).
    kDelegateCall,  ///< EIP-7 (Homestead).
    kCallCode,      ///< CALLCODE: the caller's storage, the callee's code.
    kCreate,        ///< CREATE, and the creation transaction.
    kCreate2,       ///< EIP-1014 (Constantinople).
};

/// The input of one frame (YP §8 message call / §7 contract creation parameters).
struct Message
{
    CallKind kind = CallKind::kCall;  ///< What kind of frame this is.
    bool is_static = false;           ///< Inside STATICCALL (EIP-214): no state changes allowed.
    /// EIP-7702: code_address was reached through a delegation designator, so the host runs
    /// the delegate's code and never a precompile at that address.
    bool is_delegated = false;
    int32_t depth = 0;  ///< 0 for the transaction's own frame.
    int64_t gas = 0;    ///< Gas available to the frame.
    Address recipient;  ///< The account whose storage and balance the code acts on.
    Address sender;     ///< CALLER.
    /// Call data, or the init code of a creation. Valid for the duration of the call only.
    BytesView input;
    uint256 value;         ///< CALLVALUE (for DELEGATECALL: the caller's value, not transferred).
    Bytes32 salt;          ///< CREATE2 salt.
    Address code_address;  ///< Whose code runs (differs from recipient for CALLCODE etc.).
};

/// The outcome of a frame.
struct CallResult
{
    StatusCode status = StatusCode::kSuccess;  ///< How the frame ended.
    int64_t gas_left = 0;                      ///< Zero after an exceptional halt.
    int64_t gas_refund = 0;  ///< Refund counter delta of this frame (may be negative).
    Bytes output;            ///< RETURN/REVERT data; the host fills the deployed code's place.
    Address create_address;  ///< The new account, for a successful CREATE/CREATE2.
};

/// Block and transaction data the instructions read (ORIGIN, GASPRICE, COINBASE, ...).
struct TxContext
{
    uint256 gas_price;      ///< Effective gas price (GASPRICE).
    Address origin;         ///< ORIGIN.
    Address coinbase;       ///< COINBASE.
    int64_t number = 0;     ///< NUMBER.
    int64_t timestamp = 0;  ///< TIMESTAMP.
    int64_t gas_limit = 0;  ///< GASLIMIT (of the block).
    /// PREVRANDAO from Paris (EIP-4399); before it the block difficulty, big-endian.
    Bytes32 prev_randao;
    uint256 chain_id;       ///< CHAINID (EIP-1344).
    uint256 base_fee;       ///< BASEFEE (EIP-3198).
    uint256 blob_base_fee;  ///< BLOBBASEFEE (EIP-7516).
    /// The transaction's blob versioned hashes (BLOBHASH, EIP-4844); owned by the host and
    /// valid during the whole execution.
    std::span<const Bytes32> blob_hashes;
};

/// What the interpreter needs from the world (the role of evmc::Host). Implemented by the
/// execution library (state, nested frames, precompiles, journaling) and by test mocks.
///
/// Revision-dependent world rules are the host's: account_exists() follows EIP-161, call()
/// implements value transfer, nonces, address derivation, collisions, EIP-170/3541 code checks,
/// precompiles and EIP-6780; selfdestruct() moves the balance.
///
/// A host that cannot answer a query (a stateless witness lacked the data) returns a neutral
/// value and calls set_internal_error(); the interpreter then stops the frame with
/// StatusCode::kInternalError, and a call() in that situation returns that status.
class Host
{
public:
    virtual ~Host() = default;

    /// True if the account exists; from Spurious Dragon (EIP-161) an empty account counts as
    /// not existing ("is_account_alive").
    [[nodiscard]] virtual bool account_exists(const Address& addr) noexcept = 0;

    /// The current value of a storage slot (zero if unset).
    [[nodiscard]] virtual Bytes32 get_storage(const Address& addr, const Bytes32& key) noexcept = 0;

    /// Writes a storage slot and classifies the write against the slot's original (start of
    /// transaction) and current values.
    virtual StorageStatus set_storage(const Address& addr,
                                      const Bytes32& key,
                                      const Bytes32& value) noexcept = 0;

    /// The balance of an account (zero if it does not exist).
    [[nodiscard]] virtual uint256 get_balance(const Address& addr) noexcept = 0;

    /// The size of an account's code (for an EIP-7702 account: of its 23-byte designator).
    [[nodiscard]] virtual size_t get_code_size(const Address& addr) noexcept = 0;

    /// The code hash of an account, or zero if the account does not exist or is empty
    /// (EIP-1052 with EIP-161).
    [[nodiscard]] virtual Bytes32 get_code_hash(const Address& addr) noexcept = 0;

    /// Copies code[code_offset, code_offset + buffer_size) clipped to the code into `buffer`;
    /// returns the number of bytes copied.
    virtual size_t copy_code(const Address& addr,
                             size_t code_offset,
                             uint8_t* buffer,
                             size_t buffer_size) noexcept = 0;

    /// Registers `addr` for destruction and moves its balance to `beneficiary`. Returns true
    /// when `addr` was not already registered in this transaction (the pre-London refund is
    /// granted once per account).
    virtual bool selfdestruct(const Address& addr, const Address& beneficiary) noexcept = 0;

    /// Runs a nested frame (call, precompile or creation) and returns its outcome. The
    /// interpreter has already charged the call costs and checked depth and balance.
    virtual CallResult call(const Message& msg) noexcept = 0;

    /// The block and transaction context.
    [[nodiscard]] virtual TxContext get_tx_context() noexcept = 0;

    /// The hash of block `block_num`; the interpreter only asks for the 256 previous blocks.
    [[nodiscard]] virtual Bytes32 get_block_hash(int64_t block_num) noexcept = 0;

    /// Appends a log record (LOG0..LOG4).
    virtual void emit_log(const Address& addr,
                          BytesView data,
                          std::span<const Bytes32> topics) noexcept = 0;

    /// Marks an account warm (EIP-2929) and returns its status before this access.
    virtual AccessStatus access_account(const Address& addr) noexcept = 0;

    /// Marks a storage slot warm (EIP-2929) and returns its status before this access.
    virtual AccessStatus access_storage(const Address& addr, const Bytes32& key) noexcept = 0;

    /// TLOAD (EIP-1153).
    [[nodiscard]] virtual Bytes32 get_transient_storage(const Address& addr,
                                                        const Bytes32& key) noexcept = 0;

    /// TSTORE (EIP-1153).
    virtual void set_transient_storage(const Address& addr,
                                       const Bytes32& key,
                                       const Bytes32& value) noexcept = 0;

    /// True once a query could not be answered (sticky for the life of the host).
    [[nodiscard]] bool has_internal_error() const noexcept { return internal_error_; }

protected:
    /// Records that a query could not be answered; see the class comment.
    void set_internal_error() noexcept { internal_error_ = true; }

private:
    bool internal_error_ = false;
};

}  // namespace ultra::evm
