// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pthread.h>

#include <cstddef>
#include <functional>

namespace ultra::node {

/// The native stack of the node's execution threads: 64 MiB. EXECUTE runs an L2 block inside
/// an L1 call on the same thread, so a block that nests deep L1 frames around deep L2 frames
/// needs several times the 2.8 MiB measured for 1000 + 1024 frames in a Release build
/// (docs/execute.md § Limits); sanitizer builds use several times more per frame, and a rollup
/// of a rollup nests once more. The memory is reserved, not committed: only the pages touched
/// cost anything.
inline constexpr size_t kExecutionStackSize = size_t{64} << 20;

/// A thread with a stack of a chosen size (std::thread cannot choose one). Runs `fn` once;
/// join() waits for it. The destructor joins a thread that was not joined.
class LargeStackThread
{
public:
    /// Starts a thread with a `stack_size`-byte stack running `fn`. Throws std::system_error
    /// when the thread cannot be created.
    LargeStackThread(std::function<void()> fn, size_t stack_size = kExecutionStackSize);
    /// Joins the thread if it was not joined.
    ~LargeStackThread();

    LargeStackThread(const LargeStackThread&) = delete;
    LargeStackThread& operator=(const LargeStackThread&) = delete;

    /// Waits for the thread to finish. Idempotent.
    void join();

private:
    static void* trampoline(void* self) noexcept;

    std::function<void()> fn_;
    pthread_t thread_{};
    bool joined_ = false;
};

/// Runs `fn` on a new thread with a `stack_size`-byte stack and waits for it: for work that may
/// nest EXECUTE (re-executing a block for its witness) called from a thread with an ordinary
/// stack. An exception `fn` throws is rethrown here.
void run_on_large_stack(const std::function<void()>& fn, size_t stack_size = kExecutionStackSize);

}  // namespace ultra::node
