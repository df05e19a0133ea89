// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "mixed_block.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <random>
#include <string_view>
#include <ultra/contracts/bench_pair.hpp>
#include <ultra/contracts/bench_token.hpp>
#include <ultra/core/assert.hpp>
#include <ultra/core/crypto/secp256k1.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/core/types/block.hpp>
#include <ultra/core/types/transaction.hpp>
#include <ultra/execute/trace.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/execution/block.hpp>
#include <ultra/execution/block_builder.hpp>
#include <ultra/execution/precompile_set.hpp>
#include <ultra/execution/requests.hpp>
#include <ultra/execution/system_contracts.hpp>
#include <ultra/state/in_memory_state.hpp>
#include <ultra/stateless/recording_state_view.hpp>
#include <ultra/trie/node.hpp>
#include <ultra/wallet/signer.hpp>
#include <utility>
#include <vector>

namespace ultra::bench {
namespace {

// --- Addresses and storage layouts (contracts/bench/*.sol) -----------------------------------

using namespace ultra::literals;

const Address kTokenA = "0xb0b0000000000000000000000000000000000a0a"_addr;
const Address kTokenB = "0xb0b0000000000000000000000000000000000b0b"_addr;
const Address kPair = "0xb0b00000000000000000000000000000000a1b1b"_addr;
const Address kCoinbase = "0xc0ffee0000000000000000000000000000000001"_addr;

constexpr uint64_t kTotalSupplySlot = 0;  // BenchToken
constexpr uint64_t kBalanceOfSlot = 1;    // BenchToken
constexpr uint64_t kAllowanceSlot = 2;    // BenchToken
constexpr uint64_t kToken0Slot = 0;       // BenchPair
constexpr uint64_t kToken1Slot = 1;       // BenchPair
constexpr uint64_t kReservesSlot = 2;     // BenchPair: reserve0 | reserve1 << 112 | time << 224

constexpr uint64_t kGwei = 1'000'000'000;
const uint256 kEther = uint256{1'000'000'000'000'000'000};
const uint256 kToken = kEther;  // 18 decimals
const uint256 kLiquidity = uint256{1'000'000'000} * kToken;

constexpr uint64_t kGenesisTime = 1'750'000'000;
constexpr uint64_t kTransferGasLimit = 90'000;
constexpr uint64_t kSwapGasLimit = 250'000;

/// A 32-byte word holding `addr` right-aligned (the ABI's and the storage key's encoding).
Bytes32 address_word(const Address& addr)
{
    Bytes32 w;
    std::memcpy(w.data() + 12, addr.data(), 20);
    return w;
}

/// Solidity's mapping slot: keccak256(key ‖ slot), both 32-byte words.
Bytes32 mapping_slot(const Bytes32& key, const Bytes32& slot)
{
    uint8_t buf[64];
    std::memcpy(buf, key.data(), 32);
    std::memcpy(buf + 32, slot.data(), 32);
    return keccak256(BytesView{buf, 64});
}

Bytes32 balance_slot(const Address& holder)
{
    return mapping_slot(address_word(holder), to_bytes32(uint256{kBalanceOfSlot}));
}

Bytes32 allowance_slot(const Address& owner, const Address& spender)
{
    return mapping_slot(address_word(spender),
                        mapping_slot(address_word(owner), to_bytes32(uint256{kAllowanceSlot})));
}

/// keccak256 of `tag` ‖ big-endian `i`: the counter-derived keys and addresses.
Hash256 tagged_hash(std::string_view tag, uint64_t i)
{
    Bytes buf{reinterpret_cast<const uint8_t*>(tag.data()), tag.size()};
    for (int shift = 56; shift >= 0; shift -= 8) buf.push_back(static_cast<uint8_t>(i >> shift));
    return keccak256(buf);
}

Address address_from_hash(const Hash256& h)
{
    return Address::from_view(h.view().substr(12));
}

/// The first 4 bytes of keccak256(signature): an ABI function selector.
Bytes selector(std::string_view signature)
{
    const Hash256 h =
        keccak256(BytesView{reinterpret_cast<const uint8_t*>(signature.data()), signature.size()});
    return Bytes{h.data(), 4};
}

void append_word(Bytes& out, const Bytes32& w)
{
    out.append(w.data(), 32);
}

// --- The pre-state -----------------------------------------------------------------------------

struct Holder
{
    Address address;
    uint256 balance_a;  ///< token A
    uint256 balance_b;  ///< token B
};

struct Sender
{
    Bytes32 key;
    size_t holder = 0;   ///< index in the holder list
    uint64_t nonce = 0;  ///< the next nonce to use
};

struct PreState
{
    state::InMemoryState state;
    std::vector<Holder> holders;
    std::vector<Sender> senders;
    size_t token_slots = 0;
};

Result<PreState, std::string> make_pre_state(const MixedBlockOptions& o, std::mt19937_64& rng)
{
    if (o.senders == 0 || o.senders > o.holders)
        return unexpected(std::string{"need 1 <= senders <= holders"});
    PreState pre;
    for (const auto& c : execution::kSystemContracts) {
        state::InMemoryAccount a;
        a.nonce = 1;  // EIP-161 never deletes it
        a.code = Bytes{c.code};
        pre.state.set_account(c.address, std::move(a));
    }

    pre.holders.reserve(o.holders);
    pre.senders.reserve(o.senders);
    for (size_t i = 0; i < o.holders; ++i) {
        Holder h;
        if (i < o.senders) {
            Sender s;
            s.key = tagged_hash("ultrasound/bench/execute/sender", i);
            const auto addr = private_key_to_address(s.key);
            if (!addr) return unexpected("sender key " + std::to_string(i) + " is not valid");
            h.address = *addr;
            s.holder = i;
            pre.senders.push_back(s);
        } else {
            h.address = address_from_hash(tagged_hash("ultrasound/bench/execute/holder", i));
        }
        h.balance_a = uint256{1 + rng() % 1'000'000} * kToken;
        h.balance_b = uint256{1 + rng() % 1'000'000} * kToken;
        state::InMemoryAccount account;
        account.nonce = rng() % 64;
        account.balance = kEther + uint256{rng() % 1'000'000} * uint256{1'000'000'000'000};
        if (i < o.senders) pre.senders.back().nonce = account.nonce;
        pre.state.set_account(h.address, std::move(account));
        pre.holders.push_back(h);
    }

    // The tokens: every holder's balance, the pair's liquidity, the senders' allowances.
    for (const bool a : {true, false}) {
        state::InMemoryAccount token;
        token.nonce = 1;
        token.code = Bytes{contracts::bench_token::kDeployedBytecode.data(),
                           contracts::bench_token::kDeployedBytecode.size()};
        uint256 supply = kLiquidity;
        for (const Holder& h : pre.holders) {
            const uint256& b = a ? h.balance_a : h.balance_b;
            token.storage[balance_slot(h.address)] = to_bytes32(b);
            supply += b;
        }
        token.storage[balance_slot(kPair)] = to_bytes32(kLiquidity);
        const Bytes32 unlimited = to_bytes32(~uint256{0});
        for (const Sender& s : pre.senders)
            token.storage[allowance_slot(pre.holders[s.holder].address, kPair)] = unlimited;
        token.storage[to_bytes32(uint256{kTotalSupplySlot})] = to_bytes32(supply);
        if (a) pre.token_slots = token.storage.size();
        pre.state.set_account(a ? kTokenA : kTokenB, std::move(token));
    }

    state::InMemoryAccount pair;
    pair.nonce = 1;
    pair.code = Bytes{contracts::bench_pair::kDeployedBytecode.data(),
                      contracts::bench_pair::kDeployedBytecode.size()};
    // BenchPair orders its tokens by address.
    const Address& token0 = std::min(kTokenA, kTokenB);
    const Address& token1 = std::max(kTokenA, kTokenB);
    pair.storage[to_bytes32(uint256{kToken0Slot})] = address_word(token0);
    pair.storage[to_bytes32(uint256{kToken1Slot})] = address_word(token1);
    pair.storage[to_bytes32(uint256{kReservesSlot})] =
        to_bytes32(kLiquidity | (kLiquidity << 112) | (uint256{kGenesisTime & 0xffff'ffff} << 224));
    pre.state.set_account(kPair, std::move(pair));
    return pre;
}

BlockHeader genesis_header(const state::InMemoryState& state, uint64_t gas_limit)
{
    BlockHeader h;
    h.ommers_hash = kEmptyOmmersHash;
    h.state_root = state.state_root();
    h.transactions_root = trie::kEmptyRoot;
    h.receipts_root = trie::kEmptyRoot;
    h.gas_limit = gas_limit;
    h.timestamp = kGenesisTime;
    h.base_fee_per_gas = uint256{kGwei};                     // EIP-1559
    h.withdrawals_root = trie::kEmptyRoot;                   // EIP-4895
    h.blob_gas_used = 0;                                     // EIP-4844
    h.excess_blob_gas = 0;                                   // EIP-4844
    h.parent_beacon_block_root = Hash256{};                  // EIP-4788
    h.requests_hash = execution::compute_requests_hash({});  // EIP-7685
    return h;
}

// --- The transactions --------------------------------------------------------------------------

enum class Kind : uint8_t
{
    kTransferExisting,
    kTransferFresh,
    kSwap,
};

/// Offers signed transactions in the options' mix, one per sender in turn, until the block is
/// full: a swap that does not fit switches to transfers only, a transfer that does not fit ends
/// the block.
class MixedSource final : public execution::TransactionSource
{
public:
    MixedSource(PreState& pre,
                const MixedBlockOptions& o,
                std::mt19937_64& rng,
                std::vector<Kind>& kinds)
        : pre_{pre}, o_{o}, rng_{rng}, kinds_{kinds}
    {}

    execution::CandidateTransaction peek() override
    {
        if (done_) return {};
        if (!pending_) make_next();
        const Sender& s = pre_.senders[next_sender_ % pre_.senders.size()];
        return {&*pending_, pre_.holders[s.holder].address};
    }

    void accept() override
    {
        Sender& s = pre_.senders[next_sender_ % pre_.senders.size()];
        ++s.nonce;
        ++next_sender_;
        kinds_.push_back(pending_kind_);
        pending_.reset();
    }

    void reject(TxError reason) override
    {
        pending_.reset();
        if (reason != TxError::kGasAllowanceExceeded) {
            error_ = reason;
            done_ = true;
        } else if (transfers_only_) {
            done_ = true;
        } else {
            transfers_only_ = true;
        }
    }

    /// The reason of a rejection other than "the block is full", if any.
    [[nodiscard]] const std::optional<TxError>& error() const noexcept { return error_; }

private:
    void make_next()
    {
        Sender& s = pre_.senders[next_sender_ % pre_.senders.size()];
        Holder& from = pre_.holders[s.holder];
        const unsigned roll = static_cast<unsigned>(rng_() % 100);
        Kind kind = Kind::kSwap;
        if (roll < o_.transfers_existing_percent)
            kind = Kind::kTransferExisting;
        else if (roll < o_.transfers_existing_percent + o_.transfers_fresh_percent)
            kind = Kind::kTransferFresh;
        if (transfers_only_ && kind == Kind::kSwap) kind = Kind::kTransferExisting;
        const bool use_a = (rng_() & 1) != 0;
        // Amounts stay far below every balance: at most 1/64 of it per transaction.
        const uint256& balance = use_a ? from.balance_a : from.balance_b;
        const uint256 amount = balance / 64 / uint256{1 + rng_() % 16} + 1;

        Transaction tx;
        tx.type = TxType::kDynamicFee;
        tx.chain_id = o_.chain_id;
        tx.nonce = s.nonce;
        tx.max_priority_fee_per_gas = uint256{kGwei / 10};
        tx.max_fee_per_gas = uint256{10 * kGwei};
        if (kind == Kind::kSwap) {
            tx.gas_limit = kSwapGasLimit;
            tx.to = kPair;
            // swap(zeroForOne, amountIn, minOut, to): selling token A is zeroForOne when A is
            // token0.
            const bool zero_for_one = use_a == (kTokenA < kTokenB);
            tx.data = selector("swap(bool,uint256,uint256,address)");
            append_word(tx.data, to_bytes32(uint256{zero_for_one ? 1u : 0u}));
            append_word(tx.data, to_bytes32(amount));
            append_word(tx.data, to_bytes32(uint256{1}));
            append_word(tx.data, address_word(from.address));
        } else {
            Address to;
            if (kind == Kind::kTransferFresh) {
                to = address_from_hash(tagged_hash("ultrasound/bench/execute/fresh", fresh_++));
            } else {
                size_t j = static_cast<size_t>(rng_() % pre_.holders.size());
                if (j == s.holder) j = (j + 1) % pre_.holders.size();
                to = pre_.holders[j].address;
            }
            tx.gas_limit = kTransferGasLimit;
            tx.to = use_a ? kTokenA : kTokenB;
            tx.data = selector("transfer(address,uint256)");
            append_word(tx.data, address_word(to));
            append_word(tx.data, to_bytes32(amount));
        }
        // A later transaction of the same sender must stay within its balance.
        (use_a ? from.balance_a : from.balance_b) -= amount;
        const auto signed_ok = wallet::sign_transaction(tx, s.key);
        ULTRA_ASSERT(signed_ok.has_value());
        pending_ = std::move(tx);
        pending_kind_ = kind;
    }

    PreState& pre_;
    const MixedBlockOptions& o_;
    std::mt19937_64& rng_;
    std::vector<Kind>& kinds_;
    std::optional<Transaction> pending_;
    Kind pending_kind_ = Kind::kSwap;
    size_t next_sender_ = 0;
    uint64_t fresh_ = 0;
    bool transfers_only_ = false;
    bool done_ = false;
    std::optional<TxError> error_;
};

/// BLOCKHASH over the genesis alone.
class GenesisHashes final : public state::BlockHashes
{
public:
    explicit GenesisHashes(const Hash256& genesis) noexcept : genesis_{genesis} {}
    Result<Hash256, state::StateError> block_hash(uint64_t number) const override
    {
        if (number == 0) return genesis_;
        return unexpected(state::StateError::kMissingData);
    }

private:
    Hash256 genesis_;
};

}  // namespace

Result<MixedBlock, std::string> build_mixed_block(const ChainConfig& l1,
                                                  Revision rev,
                                                  const MixedBlockOptions& options)
{
    const auto start = std::chrono::steady_clock::now();
    std::mt19937_64 rng{options.seed};
    auto pre = make_pre_state(options, rng);
    if (!pre) return unexpected(std::move(pre.error()));

    const ChainConfig config = execute::l2_chain_config(l1, rev, options.chain_id);
    const BlockHeader genesis = genesis_header(pre->state, options.gas_limit);
    const GenesisHashes hashes{header_hash(genesis)};
    const execution::StandardPrecompiles precompiles;
    const stateless::RecordingStateView recorder{pre->state};
    execution::InMemoryStateRoots roots{pre->state};
    const execution::ChainContext chain{config,   genesis, std::nullopt, {},
                                        recorder, roots,   hashes,       precompiles};

    execution::PayloadAttributes attributes;
    attributes.timestamp = genesis.timestamp + 12;
    attributes.fee_recipient = kCoinbase;
    attributes.prev_randao = tagged_hash("ultrasound/bench/execute/randao", 1);
    attributes.parent_beacon_block_root = tagged_hash("ultrasound/bench/execute/beacon", 1);
    attributes.gas_limit = options.gas_limit;

    std::vector<Kind> kinds;
    MixedSource source{*pre, options, rng, kinds};
    auto built = execution::build_block(chain, attributes, source);
    if (!built) return unexpected("build_block failed: " + built.error().to_string());
    if (source.error())
        return unexpected("a transaction was rejected: " + std::string{to_string(*source.error())});
    const auto& receipts = built->result.output.receipts;
    MixedBlockStats stats;
    for (size_t i = 0; i < receipts.size(); ++i) {
        if (!receipts[i].success)
            return unexpected("transaction " + std::to_string(i) + " failed (gas used " +
                              std::to_string(receipts[i].gas_used) + ")");
        stats.logs += receipts[i].logs.size();
    }

    auto witness = recorder.make_witness(built->result.diff);
    if (!witness) return unexpected("make_witness: " + stateless::describe(witness.error()));
    witness->keys.clear();  // not part of the encoding
    witness->headers.push_back(encode_block_header(genesis));

    const Block& block = built->block;
    MixedBlock out;
    out.input.chain_id = options.chain_id;
    out.input.pre_state_root = genesis.state_root;
    out.input.post_state_root = block.header.state_root;
    out.input.gas_used = block.header.gas_used;
    out.input.trace =
        execute::encode_trace(execute::Trace{block.header, block.transactions, *witness});
    out.encoded = execute::encode_input(out.input);

    stats.accounts = pre->state.accounts().size();
    for (const auto& [addr, account] : pre->state.accounts())
        stats.storage_slots += account.storage.size();
    stats.token_slots = pre->token_slots;
    stats.transactions = block.transactions.size();
    for (size_t i = 0; i < kinds.size() && i < receipts.size(); ++i) {
        const uint64_t gas = receipts[i].gas_used;
        switch (kinds[i]) {
            case Kind::kTransferExisting:
                ++stats.transfers_existing;
                stats.gas_transfers_existing += gas;
                break;
            case Kind::kTransferFresh:
                ++stats.transfers_fresh;
                stats.gas_transfers_fresh += gas;
                break;
            case Kind::kSwap:
                ++stats.swaps;
                stats.gas_swaps += gas;
                break;
        }
    }
    stats.gas_used = block.header.gas_used;
    stats.build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.stats = stats;
    return out;
}

}  // namespace ultra::bench
