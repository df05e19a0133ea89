// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "host.hpp"

#include <cstring>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/evm/interpreter.hpp>

namespace ultra::execution {
namespace {
constexpr size_t kMaxCodeSize = 24576;      // EIP-170
constexpr int64_t kCodeDepositGas = 200;    // G_codedeposit
constexpr uint64_t kMaxNonce = UINT64_MAX;  // EIP-2681

Address ripemd160_address() noexcept
{
    Address a;
    a[19] = 0x03;
    return a;
}

bool is_create(evm::CallKind kind) noexcept
{
    return kind == evm::CallKind::kCreate || kind == evm::CallKind::kCreate2;
}
}  // namespace

const evm::CodeAnalysis& CodeCache::get(const Hash256& code_hash, BytesView code)
{
    auto& slot = cache_[code_hash];
    if (!slot) slot = std::make_unique<evm::CodeAnalysis>(code);
    return *slot;
}

Address create_address(const Address& sender, uint64_t nonce) noexcept
{
    Bytes payload;
    rlp::encode(payload, sender);
    rlp::encode(payload, nonce);
    const Hash256 h = keccak256(rlp::wrap_list(payload));
    Address a;
    std::memcpy(a.data(), h.data() + 12, 20);
    return a;
}

Address create2_address(const Address& sender, const Bytes32& salt, BytesView init_code) noexcept
{
    uint8_t buf[1 + 20 + 32 + 32];
    buf[0] = 0xff;
    std::memcpy(buf + 1, sender.data(), 20);
    std::memcpy(buf + 21, salt.data(), 32);
    const Hash256 code_hash = keccak256(init_code);
    std::memcpy(buf + 53, code_hash.data(), 32);
    const Hash256 h = keccak256({buf, sizeof(buf)});
    Address a;
    std::memcpy(a.data(), h.data() + 12, 20);
    return a;
}

std::optional<Address> delegation_target(BytesView code) noexcept
{
    if (code.size() != 23 || code[0] != 0xef || code[1] != 0x01 || code[2] != 0x00)
        return std::nullopt;
    return Address::from_view(code.substr(3));
}

void Host::transfer(const Address& from, const Address& to, const uint256& value)
{
    if (value != 0) state_.sub_balance(from, value);
    state_.add_balance(to, value);  // creates the account if absent (touch_account)
    state_.touch(to);
}

bool Host::account_exists(const Address& addr) noexcept
{
    // EIP-161: from Spurious Dragon an empty account counts as absent.
    const bool r = rev_ >= Revision::kSpuriousDragon ? !state_.is_dead(addr) : state_.exists(addr);
    check_state_error();
    return r;
}

Bytes32 Host::get_storage(const Address& addr, const Bytes32& key) noexcept
{
    const Bytes32 v = state_.get_storage(addr, key);
    check_state_error();
    return v;
}

evm::StorageStatus Host::set_storage(const Address& addr,
                                     const Bytes32& key,
                                     const Bytes32& value) noexcept
{
    using evm::StorageStatus;
    const auto [original, current] = state_.set_storage(addr, key, value);
    check_state_error();
    // The classification of EIP-2200 (and evmc_storage_status).
    if (current == value) return StorageStatus::kAssigned;
    if (original == current) {
        if (original.is_zero()) return StorageStatus::kAdded;
        if (value.is_zero()) return StorageStatus::kDeleted;
        return StorageStatus::kModified;
    }
    if (!original.is_zero()) {
        if (current.is_zero())
            return value == original ? StorageStatus::kDeletedRestored
                                     : StorageStatus::kDeletedAdded;
        if (value.is_zero()) return StorageStatus::kModifiedDeleted;
        if (value == original) return StorageStatus::kModifiedRestored;
        return StorageStatus::kAssigned;
    }
    return value.is_zero() ? StorageStatus::kAddedDeleted : StorageStatus::kAssigned;
}

uint256 Host::get_balance(const Address& addr) noexcept
{
    const uint256 b = state_.get_balance(addr);
    check_state_error();
    return b;
}

size_t Host::get_code_size(const Address& addr) noexcept
{
    const size_t n = state_.get_code(addr).size();
    check_state_error();
    return n;
}

Bytes32 Host::get_code_hash(const Address& addr) noexcept
{
    // EIP-1052: zero for a non-existent account, and (EIP-161) for an empty one.
    Bytes32 h;
    if (!state_.is_dead(addr)) h = state_.get_code_hash(addr);
    check_state_error();
    return h;
}

size_t Host::copy_code(const Address& addr,
                       size_t code_offset,
                       uint8_t* buffer,
                       size_t buffer_size) noexcept
{
    const BytesView code = state_.get_code(addr);
    check_state_error();
    if (code_offset >= code.size()) return 0;
    const size_t n = std::min(buffer_size, code.size() - code_offset);
    std::memcpy(buffer, code.data() + code_offset, n);
    return n;
}

bool Host::selfdestruct(const Address& addr, const Address& beneficiary) noexcept
{
    const uint256 balance = state_.get_balance(addr);
    bool first = false;
    if (rev_ >= Revision::kCancun) {
        // EIP-6780: the balance moves; the account is deleted only if it was created in this
        // transaction (then a self-beneficiary burns the ether).
        if (addr != beneficiary) {
            transfer(addr, beneficiary, balance);
        } else {
            state_.touch(beneficiary);
        }
        if (state_.is_created(addr)) {
            state_.set_balance(addr, 0);
            first = state_.destruct(addr);
        }
    } else {
        // Before EIP-6780 the beneficiary is credited first and the originator zeroed after,
        // so a self-beneficiary burns its balance.
        state_.add_balance(beneficiary, balance);
        state_.touch(beneficiary);
        state_.set_balance(addr, 0);
        first = state_.destruct(addr);
    }
    check_state_error();
    return first;
}

evm::CallResult Host::call(const evm::Message& msg) noexcept
{
    evm::CallResult r = is_create(msg.kind) ? create(msg) : execute_message(msg);
    check_state_error();
    if (has_internal_error()) {
        r.status = evm::StatusCode::kInternalError;
        r.gas_left = 0;
    }
    return r;
}

evm::CallResult Host::run_code(const evm::Message& msg)
{
    const BytesView code = state_.get_code(msg.code_address);
    if (code.empty()) {
        evm::CallResult r;
        r.gas_left = msg.gas;
        return r;
    }
    const Hash256 code_hash = state_.get_code_hash(msg.code_address);
    return evm::execute(vm_, *this, rev_, msg, code_cache_.get(code_hash, code));
}

evm::CallResult Host::execute_message(const evm::Message& msg)
{
    const size_t cp = state_.checkpoint();
    const size_t log_cp = logs_.size();

    if (msg.kind == evm::CallKind::kCall) {
        transfer(msg.sender, msg.recipient, msg.value);
    } else if (msg.kind == evm::CallKind::kCallCode) {
        state_.touch(msg.recipient);  // value moves from the caller to itself
    }

    evm::CallResult r;
    if (!msg.is_delegated && precompiles_.is_precompile(msg.code_address, rev_))
        r = precompiles_.run(msg, rev_, state_);
    else
        r = run_code(msg);

    if (r.status != evm::StatusCode::kSuccess) {
        revert_frame(cp, log_cp, msg.recipient == ripemd160_address());
        if (evm::is_exceptional(r.status)) r.gas_left = 0;
        r.gas_refund = 0;
    }
    return r;
}

void Host::revert_frame(size_t cp, size_t log_cp, bool frame_is_ripemd160)
{
    // The mainnet quirk of block 2675119 that every client keeps: RIPEMD-160 (0x03) stays
    // touched when the frame that touched it is reverted, so an empty 0x03 is still deleted at
    // the end of the transaction (EIP-161). For a failed call to 0x03 itself this is
    // execution-specs' incorporate_child_on_error; before Paris the fixtures (filled with geth,
    // whose journal keeps 0x03 dirty on any revert) extend it to any reverted frame that touched
    // 0x03. From Paris on empty accounts cannot exist (EIP-7523) and only the narrow rule is kept.
    const Address ripemd = ripemd160_address();
    const bool keep_touch =
        rev_ >= Revision::kSpuriousDragon &&
        (frame_is_ripemd160 || (rev_ < Revision::kParis && state_.is_touched(ripemd)));
    state_.rollback(cp);
    logs_.resize(log_cp);
    if (keep_touch && state_.exists(ripemd) && state_.is_empty(ripemd)) state_.touch(ripemd);
}

evm::CallResult Host::create(const evm::Message& msg)
{
    const uint64_t nonce = state_.get_nonce(msg.sender);
    if (nonce == kMaxNonce) {  // EIP-2681: the creation fails and the gas is returned
        evm::CallResult r;
        r.status = evm::StatusCode::kFailure;
        r.gas_left = msg.gas;
        return r;
    }
    state_.increment_nonce(msg.sender);
    const Address addr = msg.kind == evm::CallKind::kCreate2
                             ? create2_address(msg.sender, msg.salt, msg.input)
                             : create_address(msg.sender, nonce);
    if (rev_ >= Revision::kBerlin) state_.access_account(addr);  // EIP-2929

    // Collision (YP §7, EIP-684, EIP-7610): code, nonce or storage at the address.
    if (state_.get_nonce(addr) != 0 || state_.get_code_hash(addr) != kEmptyHash ||
        state_.has_storage(addr)) {
        evm::CallResult r;
        r.status = evm::StatusCode::kFailure;
        return r;
    }
    return process_create_message(msg, addr);
}

evm::CallResult Host::create_at_top_level(const evm::Message& msg, const Address& new_address)
{
    evm::CallResult r;
    if (state_.get_nonce(new_address) != 0 || state_.get_code_hash(new_address) != kEmptyHash ||
        state_.has_storage(new_address)) {
        r.status = evm::StatusCode::kFailure;
    } else {
        r = process_create_message(msg, new_address);
    }
    check_state_error();
    if (has_internal_error()) r.status = evm::StatusCode::kInternalError;
    return r;
}

evm::CallResult Host::process_create_message(const evm::Message& msg, const Address& new_address)
{
    const size_t cp = state_.checkpoint();
    const size_t log_cp = logs_.size();

    state_.create_account(new_address);
    if (rev_ >= Revision::kSpuriousDragon) state_.set_nonce(new_address, 1);  // EIP-161
    transfer(msg.sender, new_address, msg.value);

    evm::Message frame = msg;
    frame.recipient = new_address;
    frame.code_address = new_address;
    frame.input = {};  // init code runs with empty call data
    evm::CallResult r = evm::execute(vm_, *this, rev_, frame, msg.input);

    auto fail = [&](evm::StatusCode status) {
        revert_frame(cp, log_cp, false);
        r.status = status;
        r.gas_left = 0;
        r.gas_refund = 0;
        r.output.clear();
    };

    if (r.status != evm::StatusCode::kSuccess) {
        revert_frame(cp, log_cp, false);
        if (evm::is_exceptional(r.status)) r.gas_left = 0;
        r.gas_refund = 0;
        return r;
    }

    Bytes code = std::move(r.output);
    r.output.clear();
    if (rev_ >= Revision::kSpuriousDragon && code.size() > kMaxCodeSize) {  // EIP-170
        fail(evm::StatusCode::kContractValidationFailure);
        return r;
    }
    if (rev_ >= Revision::kLondon && !code.empty() && code[0] == 0xef) {  // EIP-3541
        fail(evm::StatusCode::kContractValidationFailure);
        return r;
    }
    const int64_t deposit = kCodeDepositGas * static_cast<int64_t>(code.size());
    if (r.gas_left < deposit) {
        if (rev_ >= Revision::kHomestead) {  // EIP-2: running out of deposit gas fails
            fail(evm::StatusCode::kOutOfGas);
            return r;
        }
        code.clear();  // Frontier: the contract is created without code
    } else {
        r.gas_left -= deposit;
    }
    if (!code.empty()) state_.set_code(new_address, std::move(code));
    r.create_address = new_address;
    return r;
}

evm::TxContext Host::get_tx_context() noexcept
{
    evm::TxContext ctx;
    ctx.gas_price = gas_price_;
    ctx.origin = origin_;
    ctx.coinbase = block_.coinbase;
    ctx.number = static_cast<int64_t>(block_.number);
    ctx.timestamp = static_cast<int64_t>(block_.timestamp);
    ctx.gas_limit = static_cast<int64_t>(block_.gas_limit);
    // EIP-4399: PREVRANDAO replaces DIFFICULTY from Paris.
    ctx.prev_randao = rev_ >= Revision::kParis ? block_.prev_randao : to_bytes32(block_.difficulty);
    ctx.chain_id = block_.chain_id;
    ctx.base_fee = block_.base_fee;
    ctx.blob_base_fee = block_.blob_base_fee;
    ctx.blob_hashes = blob_hashes_;
    return ctx;
}

Bytes32 Host::get_block_hash(int64_t block_num) noexcept
{
    auto h = block_hashes_.block_hash(static_cast<uint64_t>(block_num));
    if (!h) {
        set_internal_error();
        return {};
    }
    return *h;
}

void Host::emit_log(const Address& addr, BytesView data, std::span<const Bytes32> topics) noexcept
{
    // An empty view may carry a null pointer: never hand it to the string constructor.
    logs_.push_back(
        Log{addr, {topics.begin(), topics.end()}, data.empty() ? Bytes{} : Bytes{data}});
}

evm::AccessStatus Host::access_account(const Address& addr) noexcept
{
    return state_.access_account(addr) ? evm::AccessStatus::kWarm : evm::AccessStatus::kCold;
}

evm::AccessStatus Host::access_storage(const Address& addr, const Bytes32& key) noexcept
{
    return state_.access_storage(addr, key) ? evm::AccessStatus::kWarm : evm::AccessStatus::kCold;
}

Bytes32 Host::get_transient_storage(const Address& addr, const Bytes32& key) noexcept
{
    return state_.get_transient_storage(addr, key);
}

void Host::set_transient_storage(const Address& addr,
                                 const Bytes32& key,
                                 const Bytes32& value) noexcept
{
    state_.set_transient_storage(addr, key, value);
}

}  // namespace ultra::execution
