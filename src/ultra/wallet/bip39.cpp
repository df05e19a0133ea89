// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "bip39.hpp"

#include <algorithm>
#include <vector>

#include "hash.hpp"

namespace ultra::wallet {
namespace {

constexpr uint32_t kPbkdf2Iterations = 2048;

bool is_space(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// The index of the first non-ASCII byte of `s`, or npos.
size_t first_non_ascii(std::string_view s) noexcept
{
    for (size_t i = 0; i < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
    return std::string_view::npos;
}

std::vector<std::string_view> split_words(std::string_view s)
{
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        const size_t start = i;
        while (i < s.size() && !is_space(s[i])) ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    return words;
}

/// Parses and checks the sentence; returns the entropy and the words.
Result<Bytes, WalletError> decode(std::string_view mnemonic, std::vector<std::string_view>& words)
{
    if (const size_t at = first_non_ascii(mnemonic); at != std::string_view::npos) {
        return unexpected(
            make_error(WalletErrc::kNonAscii,
                       {"the mnemonic has a non-ASCII byte at offset ", std::to_string(at),
                        ": only the English wordlist is supported (no NFKD normalisation)"}));
    }
    words = split_words(mnemonic);
    const size_t n = words.size();
    if (n < 12 || n > 24 || n % 3 != 0) {
        return unexpected(make_error(
            WalletErrc::kWordCount,
            {"a mnemonic has 12, 15, 18, 21 or 24 words, this one has ", std::to_string(n)}));
    }

    // The sentence is a bit string of 11 * n bits: ENT entropy bits, then ENT / 32 checksum bits.
    const size_t total_bits = 11 * n;
    const size_t checksum_bits = total_bits / 33;
    const size_t entropy_bytes = (total_bits - checksum_bits) / 8;
    Bytes bits((total_bits + 7) / 8, 0);
    for (size_t w = 0; w < n; ++w) {
        const int index = bip39_word_index(words[w]);
        if (index < 0) {
            return unexpected(
                make_error(WalletErrc::kUnknownWord,
                           {"unknown word '", words[w], "' (word ", std::to_string(w + 1),
                            ") is not in the BIP-39 English wordlist"}));
        }
        for (size_t b = 0; b < 11; ++b) {
            if ((static_cast<unsigned>(index) >> (10 - b)) & 1u) {
                const size_t pos = w * 11 + b;
                bits[pos / 8] = static_cast<uint8_t>(bits[pos / 8] | (0x80u >> (pos % 8)));
            }
        }
    }

    Bytes entropy = bits.substr(0, entropy_bytes);
    const Bytes32 hash = sha256(entropy);
    for (size_t b = 0; b < checksum_bits; ++b) {
        const size_t pos = entropy_bytes * 8 + b;
        const bool have = (bits[pos / 8] >> (7 - pos % 8)) & 1u;
        const bool want = (hash[b / 8] >> (7 - b % 8)) & 1u;
        if (have != want) {
            return unexpected(WalletError{
                WalletErrc::kChecksum,
                "the mnemonic's checksum does not match: a word is wrong or out of order"});
        }
    }
    return entropy;
}

}  // namespace

int bip39_word_index(std::string_view word) noexcept
{
    const auto& list = bip39_english_wordlist();
    const auto it = std::lower_bound(list.begin(), list.end(), word);
    if (it == list.end() || *it != word) return -1;
    return static_cast<int>(it - list.begin());
}

Result<std::string, WalletError> entropy_to_mnemonic(BytesView entropy)
{
    const size_t len = entropy.size();
    if (len < 16 || len > 32 || len % 4 != 0) {
        return unexpected(make_error(
            WalletErrc::kEntropyLength,
            {"BIP-39 entropy is 16, 20, 24, 28 or 32 bytes, not ", std::to_string(len)}));
    }
    const Bytes32 hash = sha256(entropy);
    Bytes bits{entropy};
    bits.push_back(hash[0]);  // the checksum is at most 8 bits (ENT / 32 <= 8)
    const size_t n = (len * 8 + len / 4) / 11;

    const auto& list = bip39_english_wordlist();
    std::string out;
    for (size_t w = 0; w < n; ++w) {
        unsigned index = 0;
        for (size_t b = 0; b < 11; ++b) {
            const size_t pos = w * 11 + b;
            index = (index << 1) | ((bits[pos / 8] >> (7 - pos % 8)) & 1u);
        }
        if (w != 0) out += ' ';
        out += list[index];
    }
    return out;
}

Result<Bytes, WalletError> mnemonic_to_entropy(std::string_view mnemonic)
{
    std::vector<std::string_view> words;
    return decode(mnemonic, words);
}

Result<void, WalletError> validate_mnemonic(std::string_view mnemonic)
{
    std::vector<std::string_view> words;
    auto r = decode(mnemonic, words);
    if (!r) return unexpected(std::move(r).error());
    return {};
}

Result<std::string, WalletError> normalize_mnemonic(std::string_view mnemonic)
{
    std::vector<std::string_view> words;
    auto r = decode(mnemonic, words);
    if (!r) return unexpected(std::move(r).error());
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i != 0) out += ' ';
        out += words[i];
    }
    return out;
}

Result<Seed, WalletError> mnemonic_to_seed(std::string_view mnemonic, std::string_view passphrase)
{
    ULTRA_TRY(const std::string sentence, normalize_mnemonic(mnemonic));
    if (const size_t at = first_non_ascii(passphrase); at != std::string_view::npos) {
        return unexpected(make_error(WalletErrc::kNonAscii,
                                     {"the passphrase has a non-ASCII byte at offset ",
                                      std::to_string(at), " (no NFKD normalisation here)"}));
    }
    const std::string salt = std::string{"mnemonic"}.append(passphrase);
    return pbkdf2_hmac_sha512(to_bytes_view(sentence), to_bytes_view(salt), kPbkdf2Iterations);
}

}  // namespace ultra::wallet
