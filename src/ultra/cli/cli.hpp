// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ultra::cli {

/// Runs the `ultrasound` command line; returns the process exit code. Every error (bad flags,
/// unreadable files, malformed input) is printed to stderr with a non-zero code, never thrown.
int run(int argc, char** argv);

}  // namespace ultra::cli
