// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace ultra::wallet {

/// What went wrong in the wallet: the kind, for code to branch on.
enum class WalletErrc
{
    kNonAscii,            ///< a mnemonic or passphrase with non-ASCII text (no NFKD here)
    kWordCount,           ///< a mnemonic whose word count is not 12, 15, 18, 21 or 24
    kUnknownWord,         ///< a word that is not in the BIP-39 English list
    kChecksum,            ///< the BIP-39 checksum bits do not match the entropy
    kEntropyLength,       ///< entropy that is not 16, 20, 24, 28 or 32 bytes
    kSeedLength,          ///< a BIP-32 seed outside 16..64 bytes
    kInvalidPath,         ///< a derivation path that does not parse
    kInvalidKey,          ///< a private key outside [1, n-1]
    kInvalidChild,        ///< BIP-32: this index gives an invalid key (use the next one)
    kHardenedFromPublic,  ///< BIP-32: a hardened child asked of a public-only key
    kDepthOverflow,       ///< BIP-32: deeper than 255 levels
    kCrypto,              ///< OpenSSL or libsecp256k1 failed unexpectedly
};

/// A wallet error: its kind and a message for people, naming the offending input
/// ("unknown word 'tset' (word 3)").
struct WalletError
{
    WalletErrc code = WalletErrc::kCrypto;  ///< the kind
    std::string message;                    ///< what and where, for people

    friend bool operator==(const WalletError&, const WalletError&) = default;
};

/// A WalletError whose message is the concatenation of `parts`
/// (`make_error(WalletErrc::kUnknownWord, {"unknown word '", word, "'"})`).
[[nodiscard]] WalletError make_error(WalletErrc code,
                                     std::initializer_list<std::string_view> parts);

/// The name of an error kind: "non-ASCII", "word count", ...
[[nodiscard]] std::string_view to_string(WalletErrc code) noexcept;

}  // namespace ultra::wallet
