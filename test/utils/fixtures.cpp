// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "fixtures.hpp"

#include <cstdlib>
#include <string>

namespace ultra::test {

std::filesystem::path fixtures_dir()
{
    if (const char* env = std::getenv("ULTRA_FIXTURES"); env != nullptr && *env != '\0') return env;
    return ULTRA_DEFAULT_FIXTURES_DIR;
}

uint64_t scaled(uint64_t iterations)
{
    uint64_t percent = 100;
    if (const char* env = std::getenv("ULTRA_TEST_SCALE"); env != nullptr && *env != '\0')
        percent = std::strtoull(env, nullptr, 10);
    const uint64_t n = iterations * percent / 100;
    return n == 0 ? 1 : n;
}

}  // namespace ultra::test
