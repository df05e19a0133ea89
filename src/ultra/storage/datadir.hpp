// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string_view>

namespace ultra::storage {

/// The default datadir of the chain called `name` (e.g. "dev"): $XDG_DATA_HOME/ultrasound/<name>
/// when XDG_DATA_HOME is set to an absolute path (XDG Base Directory Specification), else
/// $HOME/.local/share/ultrasound/<name>, else (no usable HOME) ./ultrasound-data/<name>. Reads
/// the environment; creates nothing.
[[nodiscard]] std::filesystem::path default_datadir(std::string_view name);

}  // namespace ultra::storage
