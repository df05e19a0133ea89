// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>
#include <ultra/core/bytes.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/uint256.hpp>

namespace ultra::state {

/// An account's scalar fields as the state trie holds them (Yellow Paper §4.1), without the
/// storage root, which a StateView need not compute.
struct AccountInfo
{
    uint64_t nonce = 0;              ///< transactions sent / contracts created (EIP-2681: 64 bits)
    uint256 balance;                 ///< wei
    Hash256 code_hash = kEmptyHash;  ///< keccak256 of the code; kEmptyHash without code

    /// EIP-161 "empty": no nonce, no balance, no code.
    [[nodiscard]] bool is_empty() const noexcept
    {
        return nonce == 0 && balance == 0 && code_hash == kEmptyHash;
    }

    friend bool operator==(const AccountInfo&, const AccountInfo&) = default;
};

/// Why a state read could not be answered. Never a consensus outcome: the execution that needed
/// the read must be aborted, not treated as if the value were zero (GUIDE §3.4).
enum class StateError : uint8_t
{
    kMissingData,     ///< the view does not know the answer (e.g. an incomplete witness)
    kStorageFailure,  ///< the backing store failed (I/O error, corruption)
};

/// A short English description of `e`.
[[nodiscard]] std::string_view to_string(StateError e) noexcept;

/// The RLP of an account in the state trie: [nonce, balance, storage_root, code_hash].
[[nodiscard]] Bytes encode_account(const AccountInfo& info, const Hash256& storage_root);

/// An account decoded from the state trie.
struct DecodedAccount
{
    AccountInfo info;      ///< nonce, balance, code hash
    Hash256 storage_root;  ///< root of the account's storage trie

    friend bool operator==(const DecodedAccount&, const DecodedAccount&) = default;
};

/// Decodes encode_account()'s output strictly (canonical integers, 32-byte hashes, no
/// trailing bytes).
[[nodiscard]] rlp::DecodingResult<DecodedAccount> decode_account(BytesView encoded) noexcept;

/// The RLP of a storage value in a storage trie: its minimal big-endian bytes as an RLP string.
/// Precondition: value is not zero (zero values are absent from the trie).
[[nodiscard]] Bytes encode_storage_value(const Bytes32& value);

/// Decodes encode_storage_value()'s output strictly: at most 32 bytes, no leading zero, not zero.
[[nodiscard]] rlp::DecodingResult<Bytes32> decode_storage_value(BytesView encoded) noexcept;

}  // namespace ultra::state
