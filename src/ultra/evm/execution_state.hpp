// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <ultra/core/assert.hpp>
#include <ultra/core/bytes.hpp>
#include <ultra/core/revision.hpp>
#include <ultra/core/uint256.hpp>

#include "code_analysis.hpp"
#include "host.hpp"

namespace ultra::evm {

/// A view of the EVM stack through a pointer to its top item: stack[0] is the top, stack[1]
/// the item below. Instructions take it by value; the interpreter moves its own pointer by the
/// opcode's static stack_height_change afterwards, so pop()/push() here only matter to the
/// instruction body.
class StackTop
{
public:
    /// `top` points to the top item (or one below the first slot when empty).
    explicit StackTop(uint256* top) noexcept : top_{top} {}

    /// The i-th item from the top (0 = top).
    [[nodiscard]] uint256& operator[](int i) noexcept { return top_[-i]; }

    /// The top item.
    [[nodiscard]] uint256& top() noexcept { return *top_; }

    /// Removes and returns the top item (the storage stays valid until overwritten).
    uint256& pop() noexcept { return *top_--; }

    /// Pushes an item.
    void push(const uint256& v) noexcept { *++top_ = v; }

private:
    uint256* top_;
};

/// EVM memory: a zero-initialised byte array whose visible size is a multiple of 32 and only
/// grows. The buffer grows geometrically and is kept across frames at the same depth.
class Memory
{
public:
    Memory() noexcept = default;
    Memory(const Memory&) = delete;
    Memory& operator=(const Memory&) = delete;
    ~Memory() { std::free(data_); }

    /// The first byte (valid up to size()).
    [[nodiscard]] uint8_t* data() noexcept { return data_; }

    /// The visible size in bytes (YP μ_i × 32).
    [[nodiscard]] size_t size() const noexcept { return size_; }

    /// Makes the memory empty again, keeping the buffer.
    void clear() noexcept { size_ = 0; }

    /// Grows the visible size to `new_size` (a multiple of 32, larger than size()), zeroing
    /// the new bytes.
    void grow(size_t new_size) noexcept
    {
        if (new_size > capacity_) {
            size_t cap = capacity_ < kInitialCapacity ? kInitialCapacity : capacity_ * 2;
            while (cap < new_size) cap *= 2;
            auto* p = static_cast<uint8_t*>(std::realloc(data_, cap));
            ULTRA_ASSERT(p != nullptr);
            data_ = p;
            capacity_ = cap;
        }
        std::memset(data_ + size_, 0, new_size - size_);
        size_ = new_size;
    }

private:
    static constexpr size_t kInitialCapacity = 4 * 1024;
    uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

/// The state of one executing frame that instructions share, besides the stack pointer, the
/// program counter and gas_left (which the interpreter keeps in registers).
class ExecutionState
{
public:
    /// All references must outlive the frame.
    ExecutionState(Host& host_,
                   const Message& msg_,
                   Revision rev_,
                   Memory& memory_,
                   Bytes& return_data_,
                   const CodeAnalysis& code_,
                   std::optional<TxContext>& tx_context_cache) noexcept
        : host{host_},
          msg{msg_},
          rev{rev_},
          memory{memory_},
          return_data{return_data_},
          code{code_},
          tx_context_{tx_context_cache}
    {
        tx_context_.reset();
    }

    Host& host;                ///< The world.
    const Message& msg;        ///< This frame's message.
    const Revision rev;        ///< The rules in force.
    Memory& memory;            ///< This frame's memory.
    Bytes& return_data;        ///< Output of the last nested call (RETURNDATA*, EIP-211).
    const CodeAnalysis& code;  ///< The code being executed.
    int64_t gas_refund = 0;    ///< The frame's refund counter (YP A_r).
    size_t output_offset = 0;  ///< RETURN/REVERT data offset in memory.
    size_t output_size = 0;    ///< RETURN/REVERT data size.
    StatusCode status = StatusCode::kSuccess;  ///< Why the loop stopped.

    /// The block and transaction context, fetched from the host on first use.
    const TxContext& tx_context() noexcept
    {
        if (!tx_context_) [[unlikely]]
            fetch_tx_context();
        return *tx_context_;
    }

private:
    /// Lives in the depth's FrameBuffers, keeping the native stack frame small for deep
    /// recursion.
    std::optional<TxContext>& tx_context_;

    /// Out of line: the TxContext temporary must not enlarge the interpreter loop's frame.
    [[gnu::noinline]] void fetch_tx_context() noexcept { tx_context_ = host.get_tx_context(); }
};

}  // namespace ultra::evm
