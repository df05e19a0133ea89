// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/uint256.hpp>
#include <vector>

#include "code_analysis.hpp"
#include "execution_state.hpp"
#include "instruction_traits.hpp"
#include "tracing.hpp"

namespace ultra::evm {

/// The buffers of the frames at one call depth: stack, memory, return data, code analysis.
/// Reused by every frame that runs at that depth.
struct FrameBuffers
{
    /// Stack slots; slot 0 is a sentinel so an empty stack's top pointer stays in bounds.
    std::unique_ptr<uint256[]> stack = std::make_unique<uint256[]>(kStackLimit + 1);
    Memory memory;                        ///< Frame memory.
    Bytes return_data;                    ///< RETURNDATA buffer.
    CodeAnalysis analysis;                ///< Scratch analysis for execute(..., BytesView code).
    std::optional<TxContext> tx_context;  ///< The frame's lazily fetched context.
    bool in_use = false;                  ///< Guards against two live frames sharing the buffers.
};

/// The interpreter's reusable working memory: one FrameBuffers per call depth, created on
/// first use. Owned by the caller, one per transaction or per nested EXECUTE (never global,
/// never thread_local: an L2 block executed inside an L1 call must not reuse the L1 frames'
/// buffers). Not thread-safe; the interpreter keeps no other state.
class Vm
{
public:
    Vm() = default;
    Vm(const Vm&) = delete;
    Vm& operator=(const Vm&) = delete;

    /// The buffers for `depth`, marked in use. Precondition: 0 <= depth <= 1024 and no live
    /// frame at that depth (asserted).
    [[nodiscard]] FrameBuffers& acquire(int32_t depth)
    {
        ULTRA_ASSERT(depth >= 0 && depth <= kCallDepthLimit);
        const auto d = static_cast<size_t>(depth);
        if (frames_.size() <= d) frames_.resize(d + 1);
        if (!frames_[d]) frames_[d] = std::make_unique<FrameBuffers>();
        auto& f = *frames_[d];
        ULTRA_ASSERT(!f.in_use);
        f.in_use = true;
        return f;
    }

    /// Releases the buffers of `depth`.
    void release(int32_t depth) noexcept { frames_[static_cast<size_t>(depth)]->in_use = false; }

    /// Installs a tracer for every frame run on this Vm (nullptr removes it). Not owned.
    void set_tracer(Tracer* tracer) noexcept { tracer_ = tracer; }

    /// The installed tracer, or nullptr.
    [[nodiscard]] Tracer* tracer() const noexcept { return tracer_; }

private:
    std::vector<std::unique_ptr<FrameBuffers>> frames_;
    Tracer* tracer_ = nullptr;
};

}  // namespace ultra::evm
