// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>

namespace ultra::test {

/// The shared fixtures folder: $ULTRA_FIXTURES if set, else ../shared/fixtures beside the repo.
[[nodiscard]] std::filesystem::path fixtures_dir();

/// Scales a randomised test's iteration count: $ULTRA_TEST_SCALE (a percentage, default 100)
/// lets the sanitizer job run fewer iterations; never below 1.
[[nodiscard]] uint64_t scaled(uint64_t iterations);

}  // namespace ultra::test
