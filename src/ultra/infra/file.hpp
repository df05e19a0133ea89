// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ultra::infra {

/// An I/O or format error that names the file it concerns.
class FileError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Reads a whole file. A name ending in ".gz" is inflated with zlib (gzip format), so the
/// fixtures' `.json.gz` files read as their upstream JSON. Throws FileError naming the file when
/// it cannot be opened, read or inflated (a truncated gzip stream is an error, not a short read).
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// Every regular file under `path` (recursively, sorted) whose name ends in ".json" or
/// ".json.gz"; `path` itself when it is such a file. Throws FileError if `path` does not exist.
[[nodiscard]] std::vector<std::filesystem::path> list_json_files(const std::filesystem::path& path);

}  // namespace ultra::infra
