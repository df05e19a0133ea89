// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ultra/core/bytes.hpp>
#include <ultra/core/result.hpp>
#include <ultra/core/rlp/decode.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/core/types/tx_error.hpp>
#include <ultra/core/uint256.hpp>
#include <vector>

namespace ultra {

/// The 2048-bit logs bloom of a header or receipt (Yellow Paper §4.3.1, M3:2048).
using Bloom = FixedBytes<256>;

/// The 64-bit proof-of-work nonce, as the 8-byte string the header carries.
using BlockNonce = FixedBytes<8>;

/// keccak256(rlp([])): the ommers hash of a block without ommers, and of every block from Paris
/// (EIP-3675).
inline constexpr Hash256 kEmptyOmmersHash{{0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a,
                                           0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
                                           0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13,
                                           0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47}};

/// A block header with every field up to Osaka (Yellow Paper §4.3 and the EIPs that appended
/// fields). The optional fields appear in the RLP in declaration order; a header has a prefix of
/// them: a later one is present only if all the earlier ones are (encode_block_header() asserts it,
/// the decoder cannot produce anything else). Which ones a revision requires is validation's
/// business (execution/header_validation.hpp), not this type's.
struct BlockHeader
{
    Hash256 parent_hash;        ///< H_p: keccak256 of the parent header's RLP
    Hash256 ommers_hash;        ///< H_o: keccak256 of the ommer headers' RLP list
    Address coinbase;           ///< H_c: the beneficiary of fees and rewards
    Hash256 state_root;         ///< H_r: the state trie root after the block
    Hash256 transactions_root;  ///< H_t: the transactions trie root
    Hash256 receipts_root;      ///< H_e: the receipts trie root
    Bloom logs_bloom;           ///< H_b: the union of the receipts' blooms
    uint256 difficulty;         ///< H_d: proof-of-work difficulty; 0 from Paris (EIP-3675)
    uint64_t number = 0;        ///< H_i: the number of ancestors
    uint64_t gas_limit = 0;     ///< H_l
    uint64_t gas_used = 0;      ///< H_g
    uint64_t timestamp = 0;     ///< H_s: Unix time in seconds
    Bytes extra_data;           ///< H_x: at most 32 bytes on a valid header
    /// H_m: the proof-of-work mix digest; from Paris the beacon chain's RANDAO mix (EIP-4399
    /// renames it prev_randao, see prev_randao()).
    Hash256 mix_hash;
    BlockNonce nonce;  ///< H_n: the proof-of-work nonce; zero from Paris (EIP-3675)

    std::optional<uint256> base_fee_per_gas;          ///< EIP-1559 (London)
    std::optional<Hash256> withdrawals_root;          ///< EIP-4895 (Shanghai)
    std::optional<uint64_t> blob_gas_used;            ///< EIP-4844 (Cancun)
    std::optional<uint64_t> excess_blob_gas;          ///< EIP-4844 (Cancun)
    std::optional<Hash256> parent_beacon_block_root;  ///< EIP-4788 (Cancun)
    std::optional<Hash256> requests_hash;             ///< EIP-7685 (Prague)

    /// The RANDAO mix of a post-merge header: the same field as mix_hash (EIP-4399).
    [[nodiscard]] const Hash256& prev_randao() const noexcept { return mix_hash; }

    /// The nonce as the big-endian integer it encodes.
    [[nodiscard]] uint64_t nonce_value() const noexcept;

    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

/// An EIP-4895 withdrawal: a beacon-chain validator's balance moved to an execution address.
/// RLP: [index, validator_index, address, amount].
struct Withdrawal
{
    uint64_t index = 0;            ///< a counter over every withdrawal of the chain
    uint64_t validator_index = 0;  ///< the beacon-chain validator
    Address address;               ///< the recipient
    uint64_t amount = 0;           ///< in gwei (the balance increases by amount * 10^9 wei)

    friend bool operator==(const Withdrawal&, const Withdrawal&) = default;
};

/// A block: its header and body. RLP: [header, transactions, ommers] before Shanghai, then
/// [header, transactions, ommers, withdrawals] (EIP-4895). Requests (EIP-7685) are not in the
/// body: only their hash is, in the header.
struct Block
{
    BlockHeader header;                                  ///< the header
    std::vector<Transaction> transactions;               ///< in block order
    std::vector<BlockHeader> ommers;                     ///< uncle headers; none from Paris
    std::optional<std::vector<Withdrawal>> withdrawals;  ///< present iff the RLP has the 4th item

    friend bool operator==(const Block&, const Block&) = default;
};

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

/// The number of RLP fields of a header without any optional field (Frontier..Berlin).
inline constexpr size_t kHeaderBaseFieldCount = 15;
/// The number of RLP fields with every optional field (Prague, Osaka).
inline constexpr size_t kHeaderMaxFieldCount = 21;

/// Appends the RLP of `header` (a list of 15 to 21 fields: as many as its optionals require).
/// Precondition: the optional fields present form a prefix of the optional list.
void encode_block_header(Bytes& out, const BlockHeader& header);

/// The RLP of `header`.
[[nodiscard]] Bytes encode_block_header(const BlockHeader& header);

/// Decodes one header from the front of `from` and consumes it. Strict: a list of 15 to 21
/// fields (the count decides which optional fields are present, in order; another count is
/// kListLengthMismatch), canonical integers (difficulty and base fee up to 256 bits, the other
/// scalars up to 64 bits: kOverflow beyond), hashes of 32 bytes, the coinbase of 20, the bloom of
/// 256 and the nonce of 8 (kUnexpectedLength otherwise).
[[nodiscard]] rlp::DecodingResult<BlockHeader> decode_block_header_item(BytesView& from) noexcept;

/// Decodes a header that is the whole of `encoded` (no trailing bytes).
[[nodiscard]] rlp::DecodingResult<BlockHeader> decode_block_header(BytesView encoded) noexcept;

/// The block hash: keccak256 of the header's RLP.
[[nodiscard]] Hash256 header_hash(const BlockHeader& header);

/// The proof-of-work seal hash (the "header hash" Ethash mixes with the nonce): keccak256 of the
/// RLP of the header without mix_hash and nonce; the London base fee stays in it when present
/// (as go-ethereum's SealHash). Meaningful for pre-merge headers only.
[[nodiscard]] Hash256 seal_hash(const BlockHeader& header);

/// keccak256 of the RLP list of `ommers`: the value a header's ommers_hash must have
/// (kEmptyOmmersHash for none).
[[nodiscard]] Hash256 ommers_hash(const std::vector<BlockHeader>& ommers);

// ---------------------------------------------------------------------------------------------
// Withdrawals
// ---------------------------------------------------------------------------------------------

/// Appends the RLP of a withdrawal: [index, validator_index, address, amount].
void encode_withdrawal(Bytes& out, const Withdrawal& w);

/// Decodes one withdrawal from the front of `from` and consumes it (a list of exactly 4 fields,
/// 64-bit scalars, a 20-byte address).
[[nodiscard]] rlp::DecodingResult<Withdrawal> decode_withdrawal_item(BytesView& from) noexcept;

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/// Why a block's RLP was rejected: either the structure, the header, an ommer or a withdrawal is
/// malformed (an RLP error), or one of the transactions does not decode (a TxError).
struct BlockDecodingError
{
    /// The RLP reason; meaningful when tx_error is empty.
    rlp::DecodingError rlp = rlp::DecodingError::kInvalidValue;
    /// Set when transaction number tx_index failed to decode.
    std::optional<TxError> tx_error;
    size_t tx_index = 0;  ///< the failing transaction's position, when tx_error is set

    friend bool operator==(const BlockDecodingError&, const BlockDecodingError&) = default;
};

/// Decodes a block that is the whole of `encoded`: the list [header, transactions, ommers] or
/// [header, transactions, ommers, withdrawals], nothing else, no trailing bytes. Transactions are
/// the block-body items of decode_transaction_item() (EIP-2718: a typed transaction is an RLP
/// string holding its envelope). Whether the withdrawals may or must be present depends on the
/// revision: validate_block_shape() in execution/header_validation.hpp checks it.
[[nodiscard]] Result<Block, BlockDecodingError> decode_block(BytesView encoded) noexcept;

/// The RLP of `block` (the 4-item form iff block.withdrawals is set). Decoding is canonical, so
/// encode_block(decode_block(b).value()) == b for every b that decodes.
[[nodiscard]] Bytes encode_block(const Block& block);

// ---------------------------------------------------------------------------------------------
// EIP-7934: RLP execution block size limit (Osaka)
// ---------------------------------------------------------------------------------------------

/// EIP-7934 MAX_BLOCK_SIZE: 10 MiB.
inline constexpr size_t kMaxBlockSize = 10'485'760;
/// EIP-7934 SAFETY_MARGIN: 2 MiB left for the beacon block around the execution payload.
inline constexpr size_t kBlockSizeSafetyMargin = 2'097'152;
/// EIP-7934 MAX_RLP_BLOCK_SIZE = MAX_BLOCK_SIZE - SAFETY_MARGIN = 8 MiB.
inline constexpr size_t kMaxRlpBlockSize = kMaxBlockSize - kBlockSizeSafetyMargin;

/// EIP-7934 exceed_max_rlp_block_size(): true when a block whose RLP is `rlp_size` bytes long is
/// too large (strictly more than kMaxRlpBlockSize). Applies from Osaka.
[[nodiscard]] constexpr bool exceeds_max_rlp_block_size(size_t rlp_size) noexcept
{
    return rlp_size > kMaxRlpBlockSize;
}

}  // namespace ultra
