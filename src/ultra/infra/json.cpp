// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "json.hpp"

#include "file.hpp"

namespace ultra::infra {

nlohmann::json load_json(const std::filesystem::path& path)
{
    const std::string text = read_file(path);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw FileError(path.string() + ": malformed JSON: " + e.what());
    }
}

}  // namespace ultra::infra
