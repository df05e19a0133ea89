// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ultra {

/// The EVM revisions (hard forks that change execution), in activation order. Code compares them
/// with `>=`: `if (rev >= Revision::kBerlin)  // EIP-2929`. Forks that only move the difficulty
/// bomb (Muir/Arrow/Gray Glacier) are not revisions: the block layer handles them. BPO1..BPO4 only
/// change the blob schedule; they execute as Osaka.
enum class Revision : uint8_t
{
    kFrontier = 0,
    kHomestead = 1,         ///< EIP-2, EIP-7, EIP-8
    kTangerineWhistle = 2,  ///< EIP-150 ("EIP150" in fixtures)
    kSpuriousDragon = 3,    ///< EIP-155, EIP-158/161, EIP-170 ("EIP158")
    kByzantium = 4,
    kConstantinople = 5,
    kPetersburg = 6,  ///< "ConstantinopleFix": Constantinople without EIP-1283
    kIstanbul = 7,
    kBerlin = 8,
    kLondon = 9,
    kParis = 10,  ///< The Merge ("Paris", PREVRANDAO)
    kShanghai = 11,
    kCancun = 12,
    kPrague = 13,
    kOsaka = 14,
};

/// The newest revision the project implements.
inline constexpr Revision kLatestRevision = Revision::kOsaka;
inline constexpr size_t kNumRevisions = static_cast<size_t>(kLatestRevision) + 1;

/// The fixture name of a revision ("Frontier", "EIP150", "ConstantinopleFix", ...).
[[nodiscard]] constexpr std::string_view to_string(Revision rev) noexcept
{
    switch (rev) {
        case Revision::kFrontier: return "Frontier";
        case Revision::kHomestead: return "Homestead";
        case Revision::kTangerineWhistle: return "EIP150";
        case Revision::kSpuriousDragon: return "EIP158";
        case Revision::kByzantium: return "Byzantium";
        case Revision::kConstantinople: return "Constantinople";
        case Revision::kPetersburg: return "ConstantinopleFix";
        case Revision::kIstanbul: return "Istanbul";
        case Revision::kBerlin: return "Berlin";
        case Revision::kLondon: return "London";
        case Revision::kParis: return "Paris";
        case Revision::kShanghai: return "Shanghai";
        case Revision::kCancun: return "Cancun";
        case Revision::kPrague: return "Prague";
        case Revision::kOsaka: return "Osaka";
    }
    return "unknown";
}

/// Parses a fixture fork name. Accepts the fixture spellings and common aliases
/// ("TangerineWhistle", "SpuriousDragon", "Petersburg", "Merge"); BPO1..BPO4 map to Osaka
/// (their blob schedule is separate data). Unknown names give std::nullopt.
[[nodiscard]] constexpr std::optional<Revision> revision_from_string(std::string_view name) noexcept
{
    struct Entry
    {
        std::string_view name;
        Revision rev;
    };
    constexpr Entry kNames[] = {
        {"Frontier", Revision::kFrontier},
        {"Homestead", Revision::kHomestead},
        {"EIP150", Revision::kTangerineWhistle},
        {"TangerineWhistle", Revision::kTangerineWhistle},
        {"EIP158", Revision::kSpuriousDragon},
        {"SpuriousDragon", Revision::kSpuriousDragon},
        {"Byzantium", Revision::kByzantium},
        {"Constantinople", Revision::kConstantinople},
        {"ConstantinopleFix", Revision::kPetersburg},
        {"Petersburg", Revision::kPetersburg},
        {"Istanbul", Revision::kIstanbul},
        {"Berlin", Revision::kBerlin},
        {"London", Revision::kLondon},
        {"Paris", Revision::kParis},
        {"Merge", Revision::kParis},
        {"Shanghai", Revision::kShanghai},
        {"Cancun", Revision::kCancun},
        {"Prague", Revision::kPrague},
        {"Osaka", Revision::kOsaka},
        {"BPO1", Revision::kOsaka},
        {"BPO2", Revision::kOsaka},
        {"BPO3", Revision::kOsaka},
        {"BPO4", Revision::kOsaka},
    };
    for (const auto& e : kNames)
        if (e.name == name) return e.rev;
    return std::nullopt;
}

}  // namespace ultra
