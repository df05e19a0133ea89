// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include <exception>
#include <iostream>
#include <ultra/cli/cli.hpp>

int main(int argc, char** argv)
{
    try {
        return ultra::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "ultrasound: error: " << e.what() << "\n";
        return 1;
    }
}
