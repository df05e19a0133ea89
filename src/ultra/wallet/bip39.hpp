// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>

#include "error.hpp"

/// BIP-39 mnemonic sentences (English wordlist only).
///
/// Limitation: BIP-39 normalises the sentence and the passphrase with Unicode NFKD; for ASCII
/// text that is the identity, and this implementation accepts ASCII only (anything else is
/// WalletErrc::kNonAscii rather than a silently different seed).
namespace ultra::wallet {

/// The number of words in a BIP-39 wordlist.
inline constexpr size_t kBip39WordCount = 2048;

/// A 512-bit BIP-39 seed: the input of BIP-32 master key generation.
using Seed = FixedBytes<64>;

/// The BIP-39 English wordlist, sorted (so a word's index is its 11-bit value).
[[nodiscard]] const std::array<std::string_view, kBip39WordCount>&
bip39_english_wordlist() noexcept;

/// The index of `word` in the English wordlist, or -1 when it is not there (exact,
/// case-sensitive match: the list is lower-case).
[[nodiscard]] int bip39_word_index(std::string_view word) noexcept;

/// The mnemonic sentence of `entropy` (16, 20, 24, 28 or 32 bytes, giving 12 to 24 words):
/// entropy ‖ first ENT/32 bits of SHA-256(entropy), cut into 11-bit word indexes, joined by
/// single spaces. kEntropyLength for another length.
[[nodiscard]] Result<std::string, WalletError> entropy_to_mnemonic(BytesView entropy);

/// Parses and validates a mnemonic and returns its entropy. Words are separated by any run of
/// ASCII spaces, tabs or newlines (leading and trailing whitespace ignored). Errors, in the
/// order checked: kNonAscii, kWordCount (not 12/15/18/21/24 words), kUnknownWord (naming the
/// word and its position), kChecksum.
[[nodiscard]] Result<Bytes, WalletError> mnemonic_to_entropy(std::string_view mnemonic);

/// Validates a mnemonic exactly as mnemonic_to_entropy() does.
[[nodiscard]] Result<void, WalletError> validate_mnemonic(std::string_view mnemonic);

/// The mnemonic's words joined by single spaces (the form BIP-39 hashes), after the checks of
/// mnemonic_to_entropy().
[[nodiscard]] Result<std::string, WalletError> normalize_mnemonic(std::string_view mnemonic);

/// The BIP-39 seed: PBKDF2-HMAC-SHA512(password = the normalised sentence, salt = "mnemonic" ‖
/// passphrase, 2048 iterations, 64 bytes).
///
/// Stricter than BIP-39, which derives a seed from any sentence: the mnemonic must validate
/// (mnemonic_to_entropy()'s errors), so that a mistyped dev mnemonic fails loudly instead of
/// funding unknown accounts. A non-ASCII passphrase is kNonAscii.
[[nodiscard]] Result<Seed, WalletError> mnemonic_to_seed(std::string_view mnemonic,
                                                         std::string_view passphrase = {});

}  // namespace ultra::wallet
