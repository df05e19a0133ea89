// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "block.hpp"

#include <ultra/core/hex.hpp>
#include <ultra/core/rlp/encode.hpp>
#include <ultra/evm/vm.hpp>
#include <ultra/trie/root.hpp>

#include "host.hpp"
#include "system_calls.hpp"
#include "transaction.hpp"

namespace ultra::execution {
namespace {

/// 10^9: wei per gwei (EIP-4895 amounts are in gwei).
constexpr uint64_t kWeiPerGwei = 1'000'000'000;

using detail::hex_constant;

/// execution-specs dao_fork/dao.py DAO_ACCOUNTS: The DAO, its extraBalance, every child DAO of
/// its creator and their extraBalance accounts, as recorded at mainnet block 1,880,000.
constexpr Address kDaoAccounts[] = {
    hex_constant<20>("d4fe7bc31cedb7bfb8a345f31e668033056b2728"),
    hex_constant<20>("b3fb0e5aba0e20e5c49d252dfd30e102b171a425"),
    hex_constant<20>("2c19c7f9ae8b751e37aeb2d93a699722395ae18f"),
    hex_constant<20>("ecd135fa4f61a655311e86238c92adcd779555d2"),
    hex_constant<20>("1975bd06d486162d5dc297798dfc41edd5d160a7"),
    hex_constant<20>("a3acf3a1e16b1d7c315e23510fdd7847b48234f6"),
    hex_constant<20>("319f70bab6845585f412ec7724b744fec6095c85"),
    hex_constant<20>("06706dd3f2c9abf0a21ddcc6941d9b86f0596936"),
    hex_constant<20>("5c8536898fbb74fc7445814902fd08422eac56d0"),
    hex_constant<20>("6966ab0d485353095148a2155858910e0965b6f9"),
    hex_constant<20>("779543a0491a837ca36ce8c635d6154e3c4911a6"),
    hex_constant<20>("2a5ed960395e2a49b1c758cef4aa15213cfd874c"),
    hex_constant<20>("5c6e67ccd5849c0d29219c4f95f1a7a93b3f5dc5"),
    hex_constant<20>("9c50426be05db97f5d64fc54bf89eff947f0a321"),
    hex_constant<20>("200450f06520bdd6c527622a273333384d870efb"),
    hex_constant<20>("be8539bfe837b67d1282b2b1d61c3f723966f049"),
    hex_constant<20>("6b0c4d41ba9ab8d8cfb5d379c69a612f2ced8ecb"),
    hex_constant<20>("f1385fb24aad0cd7432824085e42aff90886fef5"),
    hex_constant<20>("d1ac8b1ef1b69ff51d1d401a476e7e612414f091"),
    hex_constant<20>("8163e7fb499e90f8544ea62bbf80d21cd26d9efd"),
    hex_constant<20>("51e0ddd9998364a2eb38588679f0d2c42653e4a6"),
    hex_constant<20>("627a0a960c079c21c34f7612d5d230e01b4ad4c7"),
    hex_constant<20>("f0b1aa0eb660754448a7937c022e30aa692fe0c5"),
    hex_constant<20>("24c4d950dfd4dd1902bbed3508144a54542bba94"),
    hex_constant<20>("9f27daea7aca0aa0446220b98d028715e3bc803d"),
    hex_constant<20>("a5dc5acd6a7968a4554d89d65e59b7fd3bff0f90"),
    hex_constant<20>("d9aef3a1e38a39c16b31d1ace71bca8ef58d315b"),
    hex_constant<20>("63ed5a272de2f6d968408b4acb9024f4cc208ebf"),
    hex_constant<20>("6f6704e5a10332af6672e50b3d9754dc460dfa4d"),
    hex_constant<20>("77ca7b50b6cd7e2f3fa008e24ab793fd56cb15f6"),
    hex_constant<20>("492ea3bb0f3315521c31f273e565b868fc090f17"),
    hex_constant<20>("0ff30d6de14a8224aa97b78aea5388d1c51c1f00"),
    hex_constant<20>("9ea779f907f0b315b364b0cfc39a0fde5b02a416"),
    hex_constant<20>("ceaeb481747ca6c540a000c1f3641f8cef161fa7"),
    hex_constant<20>("cc34673c6c40e791051898567a1222daf90be287"),
    hex_constant<20>("579a80d909f346fbfb1189493f521d7f48d52238"),
    hex_constant<20>("e308bd1ac5fda103967359b2712dd89deffb7973"),
    hex_constant<20>("4cb31628079fb14e4bc3cd5e30c2f7489b00960c"),
    hex_constant<20>("ac1ecab32727358dba8962a0f3b261731aad9723"),
    hex_constant<20>("4fd6ace747f06ece9c49699c7cabc62d02211f75"),
    hex_constant<20>("440c59b325d2997a134c2c7c60a8c61611212bad"),
    hex_constant<20>("4486a3d68fac6967006d7a517b889fd3f98c102b"),
    hex_constant<20>("9c15b54878ba618f494b38f0ae7443db6af648ba"),
    hex_constant<20>("27b137a85656544b1ccb5a0f2e561a5703c6a68f"),
    hex_constant<20>("21c7fdb9ed8d291d79ffd82eb2c4356ec0d81241"),
    hex_constant<20>("23b75c2f6791eef49c69684db4c6c1f93bf49a50"),
    hex_constant<20>("1ca6abd14d30affe533b24d7a21bff4c2d5e1f3b"),
    hex_constant<20>("b9637156d330c0d605a791f1c31ba5890582fe1c"),
    hex_constant<20>("6131c42fa982e56929107413a9d526fd99405560"),
    hex_constant<20>("1591fc0f688c81fbeb17f5426a162a7024d430c2"),
    hex_constant<20>("542a9515200d14b68e934e9830d91645a980dd7a"),
    hex_constant<20>("c4bbd073882dd2add2424cf47d35213405b01324"),
    hex_constant<20>("782495b7b3355efb2833d56ecb34dc22ad7dfcc4"),
    hex_constant<20>("58b95c9a9d5d26825e70a82b6adb139d3fd829eb"),
    hex_constant<20>("3ba4d81db016dc2890c81f3acec2454bff5aada5"),
    hex_constant<20>("b52042c8ca3f8aa246fa79c3feaa3d959347c0ab"),
    hex_constant<20>("e4ae1efdfc53b73893af49113d8694a057b9c0d1"),
    hex_constant<20>("3c02a7bc0391e86d91b7d144e61c2c01a25a79c5"),
    hex_constant<20>("0737a6b837f97f46ebade41b9bc3e1c509c85c53"),
    hex_constant<20>("97f43a37f595ab5dd318fb46e7a155eae057317a"),
    hex_constant<20>("52c5317c848ba20c7504cb2c8052abd1fde29d03"),
    hex_constant<20>("4863226780fe7c0356454236d3b1c8792785748d"),
    hex_constant<20>("5d2b2e6fcbe3b11d26b525e085ff818dae332479"),
    hex_constant<20>("5f9f3392e9f62f63b8eac0beb55541fc8627f42c"),
    hex_constant<20>("057b56736d32b86616a10f619859c6cd6f59092a"),
    hex_constant<20>("9aa008f65de0b923a2a4f02012ad034a5e2e2192"),
    hex_constant<20>("304a554a310c7e546dfe434669c62820b7d83490"),
    hex_constant<20>("914d1b8b43e92723e64fd0a06f5bdb8dd9b10c79"),
    hex_constant<20>("4deb0033bb26bc534b197e61d19e0733e5679784"),
    hex_constant<20>("07f5c1e1bc2c93e0402f23341973a0e043f7bf8a"),
    hex_constant<20>("35a051a0010aba705c9008d7a7eff6fb88f6ea7b"),
    hex_constant<20>("4fa802324e929786dbda3b8820dc7834e9134a2a"),
    hex_constant<20>("9da397b9e80755301a3b32173283a91c0ef6c87e"),
    hex_constant<20>("8d9edb3054ce5c5774a420ac37ebae0ac02343c6"),
    hex_constant<20>("0101f3be8ebb4bbd39a2e3b9a3639d4259832fd9"),
    hex_constant<20>("5dc28b15dffed94048d73806ce4b7a4612a1d48f"),
    hex_constant<20>("bcf899e6c7d9d5a215ab1e3444c86806fa854c76"),
    hex_constant<20>("12e626b0eebfe86a56d633b9864e389b45dcb260"),
    hex_constant<20>("a2f1ccba9395d7fcb155bba8bc92db9bafaeade7"),
    hex_constant<20>("ec8e57756626fdc07c63ad2eafbd28d08e7b0ca5"),
    hex_constant<20>("d164b088bd9108b60d0ca3751da4bceb207b0782"),
    hex_constant<20>("6231b6d0d5e77fe001c2a460bd9584fee60d409b"),
    hex_constant<20>("1cba23d343a983e9b5cfd19496b9a9701ada385f"),
    hex_constant<20>("a82f360a8d3455c5c41366975bde739c37bfeb8a"),
    hex_constant<20>("9fcd2deaff372a39cc679d5c5e4de7bafb0b1339"),
    hex_constant<20>("005f5cee7a43331d5a3d3eec71305925a62f34b6"),
    hex_constant<20>("0e0da70933f4c7849fc0d203f5d1d43b9ae4532d"),
    hex_constant<20>("d131637d5275fd1a68a3200f4ad25c71a2a9522e"),
    hex_constant<20>("bc07118b9ac290e4622f5e77a0853539789effbe"),
    hex_constant<20>("47e7aa56d6bdf3f36be34619660de61275420af8"),
    hex_constant<20>("acd87e28b0c9d1254e868b81cba4cc20d9a32225"),
    hex_constant<20>("adf80daec7ba8dcf15392f1ac611fff65d94f880"),
    hex_constant<20>("5524c55fb03cf21f549444ccbecb664d0acad706"),
    hex_constant<20>("40b803a9abce16f50f36a77ba41180eb90023925"),
    hex_constant<20>("fe24cdd8648121a43a7c86d289be4dd2951ed49f"),
    hex_constant<20>("17802f43a0137c506ba92291391a8a8f207f487d"),
    hex_constant<20>("253488078a4edf4d6f42f113d1e62836a942cf1a"),
    hex_constant<20>("86af3e9626fce1957c82e88cbf04ddf3a2ed7915"),
    hex_constant<20>("b136707642a4ea12fb4bae820f03d2562ebff487"),
    hex_constant<20>("dbe9b615a3ae8709af8b93336ce9b477e4ac0940"),
    hex_constant<20>("f14c14075d6c4ed84b86798af0956deef67365b5"),
    hex_constant<20>("ca544e5c4687d109611d0f8f928b53a25af72448"),
    hex_constant<20>("aeeb8ff27288bdabc0fa5ebb731b6f409507516c"),
    hex_constant<20>("cbb9d3703e651b0d496cdefb8b92c25aeb2171f7"),
    hex_constant<20>("6d87578288b6cb5549d5076a207456a1f6a63dc0"),
    hex_constant<20>("b2c6f0dfbb716ac562e2d85d6cb2f8d5ee87603e"),
    hex_constant<20>("accc230e8a6e5be9160b8cdf2864dd2a001c28b6"),
    hex_constant<20>("2b3455ec7fedf16e646268bf88846bd7a2319bb2"),
    hex_constant<20>("4613f3bca5c44ea06337a9e439fbc6d42e501d0a"),
    hex_constant<20>("d343b217de44030afaa275f54d31a9317c7f441e"),
    hex_constant<20>("84ef4b2357079cd7a7c69fd7a37cd0609a679106"),
    hex_constant<20>("da2fef9e4a3230988ff17df2165440f37e8b1708"),
    hex_constant<20>("f4c64518ea10f995918a454158c6b61407ea345c"),
    hex_constant<20>("7602b46df5390e432ef1c307d4f2c9ff6d65cc97"),
    hex_constant<20>("bb9bc244d798123fde783fcc1c72d3bb8c189413"),
    hex_constant<20>("807640a13483f8ac783c557fcdf27be11ea4ac7a"),
};
static_assert(std::size(kDaoAccounts) == 116);

Unexpected<BlockFailure> fail(BlockError e) noexcept
{
    return unexpected(BlockFailure::of(e));
}

Unexpected<BlockFailure> mismatch(BlockError e, const Hash256& computed, const Hash256& header)
{
    return unexpected(BlockFailure::mismatched(e, computed, header));
}

Unexpected<BlockFailure> mismatch(BlockError e, uint64_t computed, uint64_t header)
{
    return unexpected(
        BlockFailure::mismatched(e, to_bytes32(uint256{computed}), to_bytes32(uint256{header})));
}

Unexpected<BlockFailure> fail(BodyError e) noexcept
{
    return unexpected(BlockFailure::of(e));
}

Unexpected<BlockFailure> fail(state::StateError e) noexcept
{
    return unexpected(BlockFailure::unavailable(e));
}

/// execution-specs process_unchecked_system_transaction(), as a block step: a failure of the
/// call (or a missing contract) is ignored; only an unanswered state read aborts.
Result<void, BlockFailure> process_unchecked_system_transaction(state::State& state,
                                                                const ExecutionContext& ctx,
                                                                Revision rev,
                                                                const Address& target,
                                                                BytesView data)
{
    const auto out = process_system_transaction(state, ctx, rev, target, data);
    if (!out) return fail(out.error());
    return {};
}

/// execution-specs process_checked_system_transaction(): the contract must have code and the
/// call must succeed, else the block is invalid (EIP-7002, EIP-7251). Returns the call's output.
Result<Bytes, BlockFailure> process_checked_system_transaction(state::State& state,
                                                               const ExecutionContext& ctx,
                                                               Revision rev,
                                                               const Address& target)
{
    auto out = process_system_transaction(state, ctx, rev, target, {});
    if (!out) return fail(out.error());
    if (!out->has_code) return fail(BodyError::kSystemContractEmpty);
    if (!out->success) return fail(BodyError::kSystemContractCallFailed);
    return std::move(out->return_data);
}

/// Appends the request `type ‖ data` when `data` is not empty (EIP-7685: empty request lists
/// are left out of the hash).
void append_request(std::vector<Bytes>& requests, uint8_t type, BytesView data)
{
    if (data.empty()) return;
    Bytes request(1, type);
    request += data;
    requests.push_back(std::move(request));
}

/// execution-specs process_general_purpose_requests() (Prague): deposits, then withdrawal and
/// consolidation requests, in increasing type.
Result<void, BlockFailure> process_general_purpose_requests(state::State& state,
                                                            const ExecutionContext& exec,
                                                            const BlockContext& ctx,
                                                            BlockOutput& out)
{
    const auto deposits = parse_deposit_requests(out.receipts, ctx.deposit_contract);
    if (!deposits) return fail(BodyError::kInvalidDepositEventLayout);  // EIP-6110
    append_request(out.requests, kDepositRequestType, *deposits);

    ULTRA_TRY(const Bytes withdrawals,  // EIP-7002
              process_checked_system_transaction(state, exec, ctx.rev,
                                                 kWithdrawalRequestPredeployAddress));
    append_request(out.requests, kWithdrawalRequestType, withdrawals);

    ULTRA_TRY(const Bytes consolidations,  // EIP-7251
              process_checked_system_transaction(state, exec, ctx.rev,
                                                 kConsolidationRequestPredeployAddress));
    append_request(out.requests, kConsolidationRequestType, consolidations);
    return {};
}

/// EIP-4895 process_withdrawals(): credit each recipient; a recipient left empty (a zero amount
/// to an absent account) is removed again, as execution-specs Shanghai destroys it.
void process_withdrawals(state::State& state, std::span<const Withdrawal> withdrawals, Revision rev)
{
    for (const auto& wd : withdrawals) {
        state.add_balance(wd.address, uint256{wd.amount} * kWeiPerGwei);
        state.touch(wd.address);
    }
    state.finalize_transaction(rev);
}

/// Yellow Paper §11.3 pay_rewards(): the coinbase earns the block reward plus a nephew reward
/// per ommer, each ommer's coinbase an ommer reward.
void pay_rewards(state::State& state,
                 Revision rev,
                 const BlockEnv& env,
                 std::span<const BlockHeader> ommers)
{
    const uint256 miner_reward = block_reward(rev) + nephew_reward(rev) * uint256{ommers.size()};
    state.add_balance(env.coinbase, miner_reward);
    for (const auto& ommer : ommers)
        state.add_balance(ommer.coinbase, ommer_reward(rev, env.number, ommer.number));
    state.finalize_transaction(rev);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

std::string_view to_string(BodyError e) noexcept
{
    switch (e) {
        case BodyError::kInvalidTransaction: return "INVALID_TRANSACTION";
        case BodyError::kSystemContractEmpty: return "SYSTEM_CONTRACT_EMPTY";
        case BodyError::kSystemContractCallFailed: return "SYSTEM_CONTRACT_CALL_FAILED";
        case BodyError::kInvalidDepositEventLayout: return "INVALID_DEPOSIT_EVENT_LAYOUT";
    }
    return "UNKNOWN_BODY_ERROR";
}

BlockFailure BlockFailure::of(BlockError e) noexcept
{
    BlockFailure f;
    f.block = e;
    return f;
}

BlockFailure BlockFailure::mismatched(BlockError e,
                                      const Bytes32& computed,
                                      const Bytes32& header) noexcept
{
    BlockFailure f = of(e);
    f.mismatch = Mismatch{computed, header};
    return f;
}

BlockFailure BlockFailure::of(BodyError e) noexcept
{
    BlockFailure f;
    f.body = e;
    return f;
}

BlockFailure BlockFailure::invalid_transaction(TxError e, size_t index) noexcept
{
    BlockFailure f;
    f.body = BodyError::kInvalidTransaction;
    f.tx = e;
    f.tx_index = index;
    return f;
}

BlockFailure BlockFailure::unavailable(state::StateError e) noexcept
{
    BlockFailure f;
    f.state_error = e;
    return f;
}

std::string BlockFailure::to_string() const
{
    if (block) {
        std::string s{execution::to_string(*block)};
        if (mismatch) {
            // Totals print as numbers, roots and hashes as hex.
            const auto show = [](const Bytes32& v) {
                const uint256 x = from_bytes32(v);
                return x <= uint256{UINT64_MAX} ? ultra::to_string(x) : to_0x_hex(v);
            };
            s += " (computed " + show(mismatch->computed) + ", header " + show(mismatch->header) +
                 ")";
        }
        return s;
    }
    if (body) {
        std::string s{execution::to_string(*body)};
        if (tx)
            s += " (tx " + std::to_string(tx_index) + ": " + std::string{ultra::to_string(*tx)} +
                 ")";
        return s;
    }
    if (state_error) return "state unavailable: " + std::string{state::to_string(*state_error)};
    return "unknown failure";
}

// ---------------------------------------------------------------------------------------------
// Receipts and roots
// ---------------------------------------------------------------------------------------------

Bytes encode_receipt(const TxReceipt& receipt, const std::optional<Hash256>& post_state)
{
    Bytes payload;
    if (post_state) {
        rlp::encode(payload, *post_state);  // before Byzantium: the intermediate state root
    } else {
        rlp::encode(payload, uint64_t{receipt.success ? 1u : 0u});  // EIP-658 status
    }
    rlp::encode(payload, receipt.cumulative_gas_used);
    rlp::encode(payload, receipt.bloom);
    payload += encode_logs(receipt.logs);

    Bytes out;
    // EIP-2718: a typed transaction's receipt is its type byte followed by the RLP.
    if (receipt.type != TxType::kLegacy) out.push_back(static_cast<uint8_t>(receipt.type));
    rlp::encode_list(out, payload);
    return out;
}

Hash256 transactions_root(std::span<const Transaction> transactions)
{
    std::vector<Bytes> values;
    values.reserve(transactions.size());
    for (const auto& tx : transactions) values.push_back(encode_transaction(tx));
    return trie::ordered_trie_root(std::span<const Bytes>{values});
}

Hash256 withdrawals_root(std::span<const Withdrawal> withdrawals)
{
    std::vector<Bytes> values;
    values.reserve(withdrawals.size());
    for (const auto& wd : withdrawals) {
        Bytes encoded;
        encode_withdrawal(encoded, wd);
        values.push_back(std::move(encoded));
    }
    return trie::ordered_trie_root(std::span<const Bytes>{values});
}

Bloom BlockOutput::logs_bloom() const noexcept
{
    Bloom bloom;
    for (const auto& r : receipts)
        for (size_t i = 0; i < bloom.size(); ++i) bloom[i] |= r.bloom[i];
    return bloom;
}

Hash256 BlockOutput::receipts_root() const
{
    const bool with_roots = !intermediate_state_roots.empty();
    ULTRA_ASSERT(!with_roots || intermediate_state_roots.size() == receipts.size());
    std::vector<Bytes> values;
    values.reserve(receipts.size());
    for (size_t i = 0; i < receipts.size(); ++i)
        values.push_back(encode_receipt(
            receipts[i], with_roots ? std::optional{intermediate_state_roots[i]} : std::nullopt));
    return trie::ordered_trie_root(std::span<const Bytes>{values});
}

// ---------------------------------------------------------------------------------------------
// State roots
// ---------------------------------------------------------------------------------------------

Result<Hash256, state::StateError> InMemoryStateRoots::state_root(const state::StateDiff& diff)
{
    state::InMemoryState post = parent_;
    post.apply(diff);
    const Hash256 root = post.state_root();
    last_ = std::move(post);
    return root;
}

std::optional<state::InMemoryState> InMemoryStateRoots::take_post_state() noexcept
{
    auto post = std::move(last_);
    last_.reset();
    return post;
}

// ---------------------------------------------------------------------------------------------
// Block execution
// ---------------------------------------------------------------------------------------------

BlockEnv make_block_env(const ChainConfig& config, const BlockHeader& header, Revision rev) noexcept
{
    BlockEnv env;
    env.number = header.number;
    env.timestamp = header.timestamp;
    env.gas_limit = header.gas_limit;
    env.coinbase = header.coinbase;
    env.difficulty = header.difficulty;
    env.prev_randao = header.prev_randao();              // EIP-4399
    env.base_fee = header.base_fee_per_gas.value_or(0);  // EIP-1559
    if (rev >= Revision::kCancun) {
        // EIP-4844 / EIP-7691 / EIP-7892: the blob schedule in force at the block's time.
        const auto params = config.blob_params_at(header.number, header.timestamp);
        ULTRA_ASSERT(params.has_value());
        env.blob_base_fee =
            blob_base_fee(header.excess_blob_gas.value_or(0), params->base_fee_update_fraction);
        env.max_blob_gas_per_block = params->max * kGasPerBlob;
    }
    env.chain_id = config.chain_id;
    return env;
}

std::span<const Address> dao_accounts() noexcept
{
    return kDaoAccounts;
}

void apply_dao(state::State& state)
{
    for (const Address& addr : kDaoAccounts) {
        const uint256 balance = state.get_balance(addr);
        state.add_balance(kDaoRecoveryAddress, balance);
        state.set_balance(addr, 0);
    }
}

BodyExecution::BodyExecution(state::State& state, const BlockContext& ctx) noexcept
    : state_{state}, ctx_{ctx}, exec_{ctx.env, ctx.block_hashes, ctx.precompiles, vm_, code_cache_}
{}

Result<void, BlockFailure> BodyExecution::begin()
{
    const Revision rev = ctx_.rev;

    // The DAO fork's irregular state change, at the start of its block.
    if (ctx_.config.dao_fork_block == ctx_.env.number) {
        apply_dao(state_);
        state_.finalize_transaction(rev);
    }

    // Per-block accounting of stateful precompiles (EXECUTE's gas market; none for Ethereum's).
    ctx_.precompiles.begin_block(state_, ctx_.env, rev);

    // EIP-4788: the beacon roots contract stores the parent beacon block root.
    if (rev >= Revision::kCancun) {
        ULTRA_ASSERT(ctx_.parent_beacon_block_root.has_value());
        ULTRA_TRY_VOID(process_unchecked_system_transaction(state_, exec_, rev, kBeaconRootsAddress,
                                                            ctx_.parent_beacon_block_root->view()));
    }
    // EIP-2935: the history contract stores the parent hash.
    if (rev >= Revision::kPrague) {
        ULTRA_TRY_VOID(process_unchecked_system_transaction(
            state_, exec_, rev, kHistoryStorageAddress, ctx_.parent_hash.view()));
    }
    return {};
}

Result<void, BlockFailure> BodyExecution::apply(const Transaction& tx,
                                                std::optional<Address> sender)
{
    const Revision rev = ctx_.rev;
    // Invariants: every applied transaction used at most its gas limit, which was at most what
    // the block had left; the same for blob gas.
    const uint64_t gas_left = ctx_.env.gas_limit - out_.block_gas_used;
    const uint64_t blob_gas_left = ctx_.env.max_blob_gas_per_block - out_.blob_gas_used;
    auto receipt = apply_transaction(state_, exec_, tx, rev, gas_left, blob_gas_left, sender);
    if (!receipt) {
        const TxFailure& failure = receipt.error();
        if (failure.state_error) return fail(*failure.state_error);
        return unexpected(
            BlockFailure::invalid_transaction(*failure.invalid, out_.receipts.size()));
    }
    out_.block_gas_used += receipt->gas_used;
    out_.blob_gas_used += receipt->blob_gas_used;
    if (ctx_.max_gas_used && out_.block_gas_used > *ctx_.max_gas_used)
        return mismatch(BlockError::kInvalidGasUsed, out_.block_gas_used, *ctx_.max_gas_used);
    receipt->cumulative_gas_used = out_.block_gas_used;
    if (rev < Revision::kByzantium) {
        // Before EIP-658 a receipt holds the state root after its transaction.
        ULTRA_ASSERT(ctx_.intermediate_roots != nullptr);
        const auto root = ctx_.intermediate_roots->state_root(state_.build_diff());
        if (!root) return fail(root.error());
        out_.intermediate_state_roots.push_back(*root);
    }
    out_.receipts.push_back(std::move(*receipt));
    return {};
}

Result<BlockOutput, BlockFailure> BodyExecution::finish(std::span<const BlockHeader> ommers,
                                                        std::span<const Withdrawal> withdrawals)
{
    const Revision rev = ctx_.rev;

    if (rev >= Revision::kShanghai) process_withdrawals(state_, withdrawals, rev);  // EIP-4895

    if (rev >= Revision::kPrague)  // EIP-7685
        ULTRA_TRY_VOID(process_general_purpose_requests(state_, exec_, ctx_, out_));

    if (rev < Revision::kParis) pay_rewards(state_, rev, ctx_.env, ommers);  // EIP-3675

    ctx_.precompiles.end_block(state_, ctx_.env, rev);

    if (const auto e = state_.error()) return fail(*e);
    return std::move(out_);
}

Result<BlockOutput, BlockFailure> apply_body(state::State& state,
                                             const BlockContext& ctx,
                                             std::span<const Transaction> transactions,
                                             std::span<const BlockHeader> ommers,
                                             std::span<const Withdrawal> withdrawals)
{
    BodyExecution body{state, ctx};
    ULTRA_TRY_VOID(body.begin());
    for (const Transaction& tx : transactions) ULTRA_TRY_VOID(body.apply(tx));
    return body.finish(ommers, withdrawals);
}

Result<BlockResult, BlockFailure> state_transition(const ChainContext& chain, const Block& block)
{
    const ChainConfig& config = chain.config;
    const BlockHeader& header = block.header;
    const Revision rev =
        config.revision_at(header.number, header.timestamp, chain.parent_total_difficulty);

    // EIP-7934 (Osaka): the RLP size limit. Decoding is canonical, so re-encoding gives the size
    // of the bytes the block came in.
    const size_t rlp_size = rev >= Revision::kOsaka ? encode_block(block).size() : 0;
    if (const auto r = validate_block_shape(rev, block, rlp_size); !r) return fail(r.error());
    if (const auto r = validate_header(config, header, chain.parent, chain.parent_total_difficulty);
        !r)
        return fail(r.error());
    if (const auto r = validate_ommers(config, block, chain.ancestors); !r) return fail(r.error());

    // The commitments to the body, checked before the (expensive) execution.
    if (const Hash256 root = transactions_root(block.transactions);
        root != header.transactions_root)
        return mismatch(BlockError::kInvalidTransactionsRoot, root, header.transactions_root);
    std::span<const Withdrawal> withdrawals;
    if (block.withdrawals) {  // EIP-4895: present iff Shanghai (shape and header checked)
        withdrawals = *block.withdrawals;
        if (!header.withdrawals_root || withdrawals_root(withdrawals) != *header.withdrawals_root)
            return fail(BlockError::kInvalidWithdrawalsRoot);
    }

    const BlockEnv env = make_block_env(config, header, rev);
    state::State state{chain.parent_state};
    const BlockContext ctx{
        config,
        rev,
        env,
        header.parent_hash,
        header.parent_beacon_block_root,
        chain.block_hashes,
        chain.precompiles,
        chain.deposit_contract,
        &chain.state_roots,
        chain.stop_past_header_gas_used ? std::optional{header.gas_used} : std::nullopt};
    ULTRA_TRY(BlockOutput output,
              apply_body(state, ctx, block.transactions, block.ommers, withdrawals));

    if (output.block_gas_used != header.gas_used)
        return mismatch(BlockError::kInvalidGasUsed, output.block_gas_used, header.gas_used);
    // EIP-4844: the header's blob gas used is the transactions' total.
    if (rev >= Revision::kCancun && output.blob_gas_used != header.blob_gas_used.value_or(0))
        return mismatch(BlockError::kInvalidBlobGasUsed, output.blob_gas_used,
                        header.blob_gas_used.value_or(0));
    if (output.logs_bloom() != header.logs_bloom) return fail(BlockError::kInvalidLogsBloom);
    if (const Hash256 root = output.receipts_root(); root != header.receipts_root)
        return mismatch(BlockError::kInvalidReceiptsRoot, root, header.receipts_root);
    // EIP-7685: the header commits to the block's requests.
    if (rev >= Revision::kPrague) {
        const Hash256 requests_hash = compute_requests_hash(output.requests);
        if (requests_hash != header.requests_hash.value_or(Hash256{}))
            return mismatch(BlockError::kInvalidRequestsHash, requests_hash,
                            header.requests_hash.value_or(Hash256{}));
    }

    BlockResult result;
    result.rev = rev;
    result.diff = state.build_diff();
    const auto root = chain.state_roots.state_root(result.diff);
    if (!root) return fail(root.error());
    if (*root != header.state_root)
        return mismatch(BlockError::kInvalidStateRoot, *root, header.state_root);
    result.state_root = *root;
    result.output = std::move(output);
    return result;
}

}  // namespace ultra::execution
