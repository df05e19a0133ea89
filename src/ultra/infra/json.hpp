// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace ultra::infra {

/// Reads and parses a JSON (or .json.gz) file. Throws FileError naming the file and the parse
/// position on malformed JSON.
[[nodiscard]] nlohmann::json load_json(const std::filesystem::path& path);

}  // namespace ultra::infra
