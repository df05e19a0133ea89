// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "datadir.hpp"

#include <cstdlib>

namespace ultra::storage {
namespace {

// An environment variable holding an absolute path (the XDG rule: relative values are ignored).
const char* absolute_env(const char* variable)
{
    const char* value = std::getenv(variable);  // NOLINT(concurrency-mt-unsafe): read at startup
    if (value == nullptr || value[0] != '/') return nullptr;
    return value;
}

}  // namespace

std::filesystem::path default_datadir(std::string_view name)
{
    if (const char* xdg = absolute_env("XDG_DATA_HOME"))
        return std::filesystem::path{xdg} / "ultrasound" / name;
    if (const char* home = absolute_env("HOME"))
        return std::filesystem::path{home} / ".local" / "share" / "ultrasound" / name;
    return std::filesystem::path{"ultrasound-data"} / name;
}

}  // namespace ultra::storage
