// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ultra {
/// Aborts the process: an invariant of the program itself was broken (a bug, never bad input).
/// Pure code has no I/O, so it prints nothing; the debugger or core dump shows the call site.
[[noreturn]] void assertion_failed(const char* expr, const char* file, int line) noexcept;
}  // namespace ultra

/// Always-on assertion for cheap invariants (active with NDEBUG too).
#define ULTRA_ASSERT(expr) \
    ((expr) ? static_cast<void>(0) : ::ultra::assertion_failed(#expr, __FILE__, __LINE__))
