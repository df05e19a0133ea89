// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "stop_signals.hpp"

#include <pthread.h>

namespace ultra::cli {

StopSignals::StopSignals() noexcept
{
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
}

std::string_view StopSignals::wait() const noexcept
{
    int signal = 0;
    sigwait(&signals_, &signal);
    return signal == SIGINT ? "SIGINT" : "SIGTERM";
}

}  // namespace ultra::cli
