// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "large_stack.hpp"

#include <cerrno>
#include <exception>
#include <system_error>

namespace ultra::node {

LargeStackThread::LargeStackThread(std::function<void()> fn, size_t stack_size) : fn_{std::move(fn)}
{
    pthread_attr_t attr;
    if (const int e = pthread_attr_init(&attr); e != 0)
        throw std::system_error(e, std::generic_category(), "pthread_attr_init");
    int e = pthread_attr_setstacksize(&attr, stack_size);
    if (e == 0) e = pthread_create(&thread_, &attr, &LargeStackThread::trampoline, this);
    pthread_attr_destroy(&attr);
    if (e != 0) throw std::system_error(e, std::generic_category(), "pthread_create");
}

LargeStackThread::~LargeStackThread()
{
    join();
}

void LargeStackThread::join()
{
    if (joined_) return;
    joined_ = true;
    pthread_join(thread_, nullptr);
}

void* LargeStackThread::trampoline(void* self) noexcept
{
    // An exception escaping a thread's function would terminate the process anyway; the callers
    // catch what they expect.
    static_cast<LargeStackThread*>(self)->fn_();
    return nullptr;
}

void run_on_large_stack(const std::function<void()>& fn, size_t stack_size)
{
    std::exception_ptr error;
    LargeStackThread thread{[&] {
                                try {
                                    fn();
                                } catch (...) {
                                    error = std::current_exception();
                                }
                            },
                            stack_size};
    thread.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace ultra::node
