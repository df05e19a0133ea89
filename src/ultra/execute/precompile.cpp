// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "precompile.hpp"

#include "abi.hpp"
#include "market.hpp"
#include "verify.hpp"

namespace ultra::execute {
namespace {

/// An exceptional halt: all gas consumed, the caller's frame reverted by the host.
evm::CallResult halt(evm::StatusCode status) noexcept
{
    evm::CallResult r;
    r.status = status;
    r.gas_left = 0;
    return r;
}

/// for_each()'s merge of EXECUTE's address into Ethereum's increasing list.
struct MergeContext
{
    Address execute;
    bool emitted = false;
    void (*fn)(const Address&, void*);
    void* ctx;
};

void merge_one(const Address& addr, void* p)
{
    auto& m = *static_cast<MergeContext*>(p);
    if (!m.emitted && m.execute <= addr) {
        m.emitted = true;
        if (m.execute != addr) m.fn(m.execute, m.ctx);
    }
    m.fn(addr, m.ctx);
}

}  // namespace

uint64_t execute_gas_cost(uint64_t input_size, const ExecuteConfig& config) noexcept
{
    if (input_size == 0) return config.query_gas_cost;
    const uint128 cost = uint128{config.gas_cost} + uint128{config.gas_per_byte} * input_size;
    return cost > ~uint64_t{0} ? ~uint64_t{0} : static_cast<uint64_t>(cost);
}

ExecutePrecompiles::ExecutePrecompiles(const ChainConfig& l1_config,
                                       const execution::PrecompileSet* l2_precompiles)
    : l1_config_{l1_config}, l2_custom_{l2_precompiles}
{
    ULTRA_ASSERT(l1_config_.execute.has_value());
    base_fee_ = std::min(std::max(config().base_fee_floor, uint256{1}), kMaxExecuteBaseFee);
}

bool ExecutePrecompiles::is_precompile(const Address& addr, Revision rev) const noexcept
{
    return addr == config().address || StandardPrecompiles::is_precompile(addr, rev);
}

void ExecutePrecompiles::for_each(Revision rev,
                                  void (*fn)(const Address&, void*),
                                  void* ctx) const noexcept
{
    MergeContext m{config().address, false, fn, ctx};
    StandardPrecompiles::for_each(rev, &merge_one, &m);
    if (!m.emitted) fn(m.execute, ctx);
}

evm::CallResult ExecutePrecompiles::run(const evm::Message& msg,
                                        Revision rev,
                                        state::State& state) const noexcept
{
    if (msg.code_address == config().address) return run_execute(msg, rev, state);
    return StandardPrecompiles::run(msg, rev, state);
}

void ExecutePrecompiles::begin_block(state::State& state,
                                     const execution::BlockEnv& /*env*/,
                                     Revision /*rev*/) const noexcept
{
    const ExecuteConfig& cfg = config();
    const uint256 fee = from_bytes32(state.get_storage(cfg.address, kBaseFeeSlot));
    const uint256 used = from_bytes32(state.get_storage(cfg.address, kGasUsedSlot));
    const uint64_t used64 =
        used > uint256{~uint64_t{0}} ? ~uint64_t{0} : static_cast<uint64_t>(used);
    base_fee_ = execute_base_fee_after(ExecuteFigures{fee, used64}, cfg);
    block_gas_used_ = 0;
}

void ExecutePrecompiles::end_block(state::State& state,
                                   const execution::BlockEnv& /*env*/,
                                   Revision rev) const noexcept
{
    const Address& addr = config().address;
    // A system account: nonce 1 keeps it from ever being "empty" (EIP-161) with its storage.
    if (state.get_nonce(addr) == 0) state.set_nonce(addr, 1);
    state.set_storage(addr, kBaseFeeSlot, to_bytes32(base_fee_));
    state.set_storage(addr, kGasUsedSlot, to_bytes32(uint256{block_gas_used_}));
    state.finalize_transaction(rev);
}

void ExecutePrecompiles::set_block_figures(const uint256& base_fee,
                                           uint64_t block_gas_used) noexcept
{
    base_fee_ = base_fee;
    block_gas_used_ = block_gas_used;
}

const execution::PrecompileSet& ExecutePrecompiles::l2_precompiles() const noexcept
{
    return l2_custom_ != nullptr ? *l2_custom_ : l2_standard_;
}

evm::CallResult ExecutePrecompiles::run_execute(const evm::Message& msg,
                                                Revision rev,
                                                state::State& state) const noexcept
{
    const ExecuteConfig& cfg = config();

    // 1. The L1 gas, before any work, whatever comes next.
    const uint64_t cost = execute_gas_cost(msg.input.size(), cfg);
    if (msg.gas < 0 || cost > static_cast<uint64_t>(msg.gas))
        return halt(evm::StatusCode::kOutOfGas);
    evm::CallResult r;
    r.gas_left = msg.gas - static_cast<int64_t>(cost);

    // Only a plain CALL moved value into the EXECUTE account (Host::execute_message).
    const bool received_value = msg.kind == evm::CallKind::kCall && msg.value != 0;
    const auto give_back = [&](const uint256& amount) {
        if (amount == 0) return;
        state.sub_balance(cfg.address, amount);
        state.add_balance(msg.sender, amount);
    };

    // 2. The query.
    if (msg.input.empty()) {
        if (received_value) give_back(msg.value);
        r.output = encode_fee(base_fee_);
        return r;
    }

    // 3. Verification writes state (the burn, the count): never static (EIP-214), and only as
    // itself: DELEGATECALL/CALLCODE would run it on the caller's account.
    if (msg.is_static) return halt(evm::StatusCode::kStaticModeViolation);
    if (msg.kind != evm::CallKind::kCall) return halt(evm::StatusCode::kPrecompileFailure);

    // 4. The ABI: a bad one is an invalid trace that claims no gas.
    const auto input = decode_input(msg.input);
    if (!input) {
        if (received_value) give_back(msg.value);
        r.output = encode_output(ExecuteOutput{});
        return r;
    }

    // 5. The block's cumulative limit: the call that would pass it fails.
    if (block_gas_used_ > cfg.cumulative_gas_limit ||
        input->gas_used > cfg.cumulative_gas_limit - block_gas_used_)
        return halt(evm::StatusCode::kPrecompileFailure);

    // 6. The fee: gasUsed × executeBaseFee, paid as the call's value (fee ≤ 2^128 - 1 and
    // gasUsed < 2^64: no overflow).
    const uint256 fee = uint256{input->gas_used} * base_fee_;
    if (msg.value < fee) {
        if (received_value) give_back(msg.value);
        r.output = encode_output(ExecuteOutput{});
        return r;
    }

    // 7. Count (outside the journal: a revert of the caller does not undo it), burn, return the
    // excess, verify.
    block_gas_used_ += input->gas_used;
    if (fee != 0) state.sub_balance(cfg.address, fee);
    give_back(msg.value - fee);
    const auto out = verify(*input, VerifyContext{l1_config_, rev, l2_precompiles()});
    r.output = encode_output(out ? *out : ExecuteOutput{});
    return r;
}

}  // namespace ultra::execute
