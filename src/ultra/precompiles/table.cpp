// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "table.hpp"

#include <cstring>

namespace ultra::precompiles {
namespace {

/// The largest "small" precompile number (0x01..0x11 are indexed directly).
constexpr uint16_t kMaxSmall = 0x11;
constexpr uint16_t kP256VerifyNumber = 0x100;

/// kIndex[number] = 1 + position in kPrecompiles, or 0: built from the table itself so that
/// wiring a new entry needs no change here.
constexpr auto kIndex = [] {
    std::array<uint8_t, kMaxSmall + 1> index{};
    for (size_t i = 0; i < kPrecompiles.size(); ++i)
        if (kPrecompiles[i].address <= kMaxSmall)
            index[kPrecompiles[i].address] = static_cast<uint8_t>(i + 1);
    return index;
}();

constexpr const Precompile* find_large(uint16_t number) noexcept
{
    for (const auto& p : kPrecompiles)
        if (p.address == number) return &p;
    return nullptr;
}

constexpr const Precompile* kP256Verify = find_large(kP256VerifyNumber);

static_assert(
    [] {
        for (size_t i = 1; i < kPrecompiles.size(); ++i)
            if (kPrecompiles[i - 1].address >= kPrecompiles[i].address) return false;
        for (const auto& p : kPrecompiles)
            if (p.address == 0 || (p.address > kMaxSmall && p.address != kP256VerifyNumber))
                return false;
        return true;
    }(),
    "kPrecompiles must be sorted by address, within 0x01..0x11 or 0x100");

}  // namespace

const Precompile* find_precompile(const Address& addr, Revision rev) noexcept
{
    uint64_t high[2];
    uint16_t mid = 0;
    std::memcpy(high, addr.data(), 16);
    std::memcpy(&mid, addr.data() + 16, 2);
    if ((high[0] | high[1] | mid) != 0) return nullptr;
    const auto number = static_cast<uint16_t>((addr.bytes[18] << 8) | addr.bytes[19]);
    const Precompile* p = nullptr;
    if (number <= kMaxSmall) {
        if (kIndex[number] != 0) p = &kPrecompiles[kIndex[number] - 1];
    } else if (number == kP256VerifyNumber) {
        p = kP256Verify;
    }
    return p != nullptr && rev >= p->since ? p : nullptr;
}

}  // namespace ultra::precompiles
