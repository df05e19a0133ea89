// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <signal.h>

#include <string_view>

namespace ultra::cli {

/// SIGINT and SIGTERM taken synchronously by the thread that waits (the long-running commands:
/// node, rollup, devnet). Construct it before any thread starts (RocksDB's, the server's, the
/// producer's): the signals are blocked in the constructing thread and every thread started
/// after it inherits the mask, so none is interrupted and wait() gets them.
class StopSignals
{
public:
    /// Blocks SIGINT and SIGTERM in the calling thread (and the threads it starts later).
    StopSignals() noexcept;

    /// Waits for SIGINT or SIGTERM; returns its name, "SIGINT" or "SIGTERM".
    [[nodiscard]] std::string_view wait() const noexcept;

private:
    sigset_t signals_{};
};

}  // namespace ultra::cli
