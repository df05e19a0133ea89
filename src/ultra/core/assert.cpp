// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "assert.hpp"

#include <cstdlib>

namespace ultra {
void assertion_failed(const char* /*expr*/, const char* /*file*/, int /*line*/) noexcept
{
    std::abort();
}
}  // namespace ultra
