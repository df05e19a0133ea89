// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <ultra/core/revision.hpp>

#include "opcodes.hpp"

namespace ultra::evm {

/// The maximum number of items on the EVM stack (YP §9.5: "|μs| > 1024" is an exception).
inline constexpr int kStackLimit = 1024;

/// Static properties of one opcode, independent of the revision except for `since`.
struct Traits
{
    std::string_view name;             ///< Spec name; empty for a byte that is no opcode.
    uint8_t immediate_size = 0;        ///< Bytes of immediate data after the opcode (PUSHn: n).
    int8_t stack_height_required = 0;  ///< Items that must be on the stack (YP δ).
    int8_t stack_height_change = 0;    ///< Items pushed minus items popped (YP α − δ).
    std::optional<Revision> since;     ///< The revision that introduced it; none if undefined.
};

/// Traits of every byte value, generated from ULTRA_FOREACH_OPCODE.
inline constexpr std::array<Traits, 256> kTraits = [] {
    std::array<Traits, 256> t{};
#define ULTRA_X_TRAITS(NAME, VALUE, REQ, CHANGE, SINCE, FN)                                      \
    t[VALUE] =                                                                                   \
        Traits{#NAME, static_cast<uint8_t>((VALUE >= 0x60 && VALUE <= 0x7f) ? VALUE - 0x5f : 0), \
               REQ, CHANGE, Revision::SINCE};
    ULTRA_FOREACH_OPCODE(ULTRA_X_TRAITS)
#undef ULTRA_X_TRAITS
    return t;
}();

/// True when `op` is an instruction of revision `rev`.
[[nodiscard]] constexpr bool is_defined(uint8_t op, Revision rev) noexcept
{
    return kTraits[op].since.has_value() && rev >= *kTraits[op].since;
}

static_assert(kTraits[OP_PUSH32].immediate_size == 32);
static_assert(kTraits[OP_PUSH0].immediate_size == 0);
static_assert(kTraits[OP_SWAP16].stack_height_required == 17);
static_assert(!kTraits[0xef].since.has_value());

}  // namespace ultra::evm
