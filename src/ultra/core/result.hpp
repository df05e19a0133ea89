// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "assert.hpp"

namespace ultra {

/// Wraps an error value so that it can be returned through a Result<T, E> unambiguously
/// (mirrors std::unexpected from C++23).
template <typename E>
struct Unexpected
{
    E error;
};

/// Makes an Unexpected<E> from an error value: `return unexpected(DecodingError::kInputTooShort);`
template <typename E>
[[nodiscard]] constexpr Unexpected<std::decay_t<E>> unexpected(E&& e)
{
    return {std::forward<E>(e)};
}

/// A value or an error: the subset of C++23 std::expected the project needs (g++ 12 has no
/// <expected> in C++20 mode). Never throws: accessing the wrong alternative aborts through
/// ULTRA_ASSERT, which is a programming error, not a runtime condition.
template <typename T, typename E>
class [[nodiscard]] Result
{
public:
    using value_type = T;
    using error_type = E;

    constexpr Result() requires std::is_default_constructible_v<T> : v_{std::in_place_index<0>} {}
    constexpr Result(const T& value) : v_{std::in_place_index<0>, value} {}
    constexpr Result(T&& value) : v_{std::in_place_index<0>, std::move(value)} {}
    template <typename G>
    constexpr Result(Unexpected<G> e) : v_{std::in_place_index<1>, std::move(e.error)}
    {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return v_.index() == 0; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] constexpr T& value() & noexcept
    {
        ULTRA_ASSERT(has_value());
        return *std::get_if<0>(&v_);
    }
    [[nodiscard]] constexpr const T& value() const& noexcept
    {
        ULTRA_ASSERT(has_value());
        return *std::get_if<0>(&v_);
    }
    [[nodiscard]] constexpr T&& value() && noexcept
    {
        ULTRA_ASSERT(has_value());
        return std::move(*std::get_if<0>(&v_));
    }
    [[nodiscard]] constexpr const E& error() const& noexcept
    {
        ULTRA_ASSERT(!has_value());
        return *std::get_if<1>(&v_);
    }
    [[nodiscard]] constexpr E&& error() && noexcept
    {
        ULTRA_ASSERT(!has_value());
        return std::move(*std::get_if<1>(&v_));
    }

    constexpr T& operator*() & noexcept { return value(); }
    constexpr const T& operator*() const& noexcept { return value(); }
    constexpr T&& operator*() && noexcept { return std::move(*this).value(); }
    constexpr T* operator->() noexcept { return &value(); }
    constexpr const T* operator->() const noexcept { return &value(); }

    /// The value, or `fallback` when this holds an error.
    template <typename U>
    [[nodiscard]] constexpr T value_or(U&& fallback) const&
    {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, E> v_;
};

/// Result<void, E>: success carries no value.
template <typename E>
class [[nodiscard]] Result<void, E>
{
public:
    using value_type = void;
    using error_type = E;

    constexpr Result() noexcept = default;
    template <typename G>
    constexpr Result(Unexpected<G> e) : has_error_{true}, error_{std::move(e.error)}
    {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return !has_error_; }
    constexpr explicit operator bool() const noexcept { return has_value(); }
    [[nodiscard]] constexpr const E& error() const noexcept
    {
        ULTRA_ASSERT(has_error_);
        return error_;
    }

private:
    bool has_error_ = false;
    E error_{};
};

}  // namespace ultra

/// Evaluates `expr` (a Result); on error returns the error from the enclosing function.
#define ULTRA_TRY_VOID(expr)                                               \
    do {                                                                   \
        auto ultra_try_res_ = (expr);                                      \
        if (!ultra_try_res_.has_value())                                   \
            return ::ultra::unexpected(std::move(ultra_try_res_).error()); \
    } while (false)

#define ULTRA_CONCAT_IMPL(a, b) a##b
#define ULTRA_CONCAT(a, b) ULTRA_CONCAT_IMPL(a, b)

/// `ULTRA_TRY(auto x, f());` declares x from f()'s value, or returns f()'s error.
#define ULTRA_TRY(decl, expr) ULTRA_TRY_IMPL(decl, expr, ULTRA_CONCAT(ultra_try_, __LINE__))
#define ULTRA_TRY_IMPL(decl, expr, tmp)                                       \
    auto tmp = (expr);                                                        \
    if (!tmp.has_value()) return ::ultra::unexpected(std::move(tmp).error()); \
    decl = std::move(tmp).value()
