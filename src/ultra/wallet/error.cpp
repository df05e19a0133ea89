// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "error.hpp"

namespace ultra::wallet {

WalletError make_error(WalletErrc code, std::initializer_list<std::string_view> parts)
{
    WalletError e{code, {}};
    for (const std::string_view part : parts) e.message.append(part);
    return e;
}

std::string_view to_string(WalletErrc code) noexcept
{
    switch (code) {
        case WalletErrc::kNonAscii: return "non-ASCII";
        case WalletErrc::kWordCount: return "word count";
        case WalletErrc::kUnknownWord: return "unknown word";
        case WalletErrc::kChecksum: return "checksum";
        case WalletErrc::kEntropyLength: return "entropy length";
        case WalletErrc::kSeedLength: return "seed length";
        case WalletErrc::kInvalidPath: return "invalid path";
        case WalletErrc::kInvalidKey: return "invalid key";
        case WalletErrc::kInvalidChild: return "invalid child";
        case WalletErrc::kHardenedFromPublic: return "hardened from public";
        case WalletErrc::kDepthOverflow: return "depth overflow";
        case WalletErrc::kCrypto: return "crypto";
    }
    return "unknown";
}

}  // namespace ultra::wallet
