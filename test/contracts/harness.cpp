// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
#include "harness.hpp"

#include <ultra/contracts/native_rollup.hpp>
#include <ultra/core/hex.hpp>
#include <ultra/core/keccak.hpp>
#include <ultra/execute/verify.hpp>
#include <ultra/execution/header_validation.hpp>
#include <ultra/state/account.hpp>
#include <ultra/stateless/recording_state_view.hpp>
#include <ultra/stateless/witness.hpp>
#include <ultra/trie/mpt.hpp>
#include <ultra/wallet/signer.hpp>

namespace ultra::test::rollup {

Result<Hash256, state::StateError> HeaderHashes::block_hash(uint64_t number) const
{
    const auto it = hashes_.find(number);
    if (it == hashes_.end()) return unexpected(state::StateError::kMissingData);
    return it->second;
}

Transaction make_tx(const TestKey& key,
                    uint64_t chain_id,
                    uint64_t nonce,
                    std::optional<Address> to,
                    const uint256& value,
                    Bytes data,
                    uint64_t gas_limit)
{
    Transaction tx;
    tx.type = TxType::kDynamicFee;
    tx.chain_id = chain_id;
    tx.nonce = nonce;
    tx.max_fee_per_gas = kGweiWei * 10;
    tx.max_priority_fee_per_gas = kGweiWei;
    tx.gas_limit = gas_limit;
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    const auto signed_ok = wallet::sign_transaction(tx, key.secret);
    EXPECT_TRUE(signed_ok);
    return tx;
}

Address create_address_of(const Address& sender, uint64_t nonce)
{
    Bytes payload;
    payload.push_back(0x80 + 20);
    payload += sender.view();
    if (nonce == 0) {
        payload.push_back(0x80);
    } else if (nonce < 0x80) {
        payload.push_back(static_cast<uint8_t>(nonce));
    } else {
        Bytes be;
        for (uint64_t n = nonce; n != 0; n >>= 8) be.insert(be.begin(), static_cast<uint8_t>(n));
        payload.push_back(static_cast<uint8_t>(0x80 + be.size()));
        payload += be;
    }
    Bytes list;
    list.push_back(static_cast<uint8_t>(0xc0 + payload.size()));
    list += payload;
    const Hash256 h = keccak256(list);
    return Address::from_view(BytesView{h.data() + 12, 20});
}

std::optional<execution::Log> find_log(const Receipt& receipt,
                                       const Address& emitter,
                                       const Hash256& topic0)
{
    for (const auto& log : receipt.logs)
        if (log.address == emitter && !log.topics.empty() && log.topics[0] == topic0) return log;
    return std::nullopt;
}

::testing::AssertionResult reverts_with(const node::CallResult& r, const Bytes& expected)
{
    if (r.status != evm::StatusCode::kRevert) {
        return ::testing::AssertionFailure()
               << "expected a revert with " << to_0x_hex(expected) << ", got status "
               << static_cast<int>(r.status) << " and output " << to_0x_hex(r.output);
    }
    if (r.output != expected) {
        return ::testing::AssertionFailure()
               << "reverted with " << to_0x_hex(r.output) << ", expected " << to_0x_hex(expected);
    }
    return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------------------------
// L1
// ---------------------------------------------------------------------------------------------

namespace {

node::ChainSpec l1_spec(const std::map<Address, node::GenesisAccount>& extra)
{
    const Keys keys;
    const std::vector<Address> funded{
        keys.deployer.address, keys.proposer.address, keys.sequencer.address, keys.user.address,
        keys.owner.address,    keys.stranger.address, keys.relayer.address};
    node::ChainSpec spec = node::devnet_chain_spec(funded, kEther * 1000);
    spec.config.execute->base_fee_floor = kExecuteBaseFee;
    spec.genesis.timestamp = kL1GenesisTime;
    for (const auto& [addr, account] : extra) spec.alloc[addr] = account;
    return spec;
}

}  // namespace

L1Chain::L1Chain(const std::map<Address, node::GenesisAccount>& extra)
    : config{l1_spec(extra).config}, precompiles{config}
{
    node::Genesis genesis = node::make_genesis(l1_spec(extra));
    state = std::move(genesis.state);
    head = genesis.block.header;
    hashes.add(head);
}

Transaction L1Chain::tx(const TestKey& key,
                        std::optional<Address> to,
                        const uint256& value,
                        Bytes data,
                        uint64_t gas_limit)
{
    return make_tx(key, kL1ChainId, nonces[key.address]++, to, value, std::move(data), gas_limit);
}

std::vector<Receipt> L1Chain::mine(const std::vector<Transaction>& txs)
{
    execution::PayloadAttributes attributes;
    attributes.timestamp = next_timestamp();
    attributes.fee_recipient = kL1Coinbase;
    attributes.prev_randao = keccak256(encode_block_header(head));
    attributes.parent_beacon_block_root = header_hash(head);
    attributes.gas_limit = head.gas_limit;
    execution::InMemoryStateRoots roots{state};
    const execution::ChainContext chain{config, head,  std::nullopt, {},
                                        state,  roots, hashes,       precompiles};
    execution::TransactionListSource source{txs};
    auto built = execution::build_block(chain, attributes, source);
    EXPECT_TRUE(built) << built.error().to_string();
    if (!built) return {};
    for (const auto& r : built->rejected)
        ADD_FAILURE() << "L1 transaction rejected: " << to_string(r.error);
    std::vector<Receipt> out;
    const auto& receipts = built->result.output.receipts;
    for (size_t i = 0; i < receipts.size(); ++i) {
        out.push_back(Receipt{receipts[i].success, receipts[i].gas_used,
                              node::effective_gas_price(built->block.transactions[i],
                                                        built->block.header.base_fee_per_gas),
                              receipts[i].logs});
    }
    state = roots.take_post_state().value();
    EXPECT_EQ(state.state_root(), built->block.header.state_root);
    head = built->block.header;
    hashes.add(head);
    return out;
}

Receipt L1Chain::send(const TestKey& key,
                      std::optional<Address> to,
                      const uint256& value,
                      const Bytes& data,
                      uint64_t gas_limit)
{
    auto receipts = mine({tx(key, to, value, data, gas_limit)});
    EXPECT_EQ(receipts.size(), 1u);
    return receipts.empty() ? Receipt{} : receipts.front();
}

void L1Chain::mine_until(uint64_t timestamp)
{
    while (head.timestamp < timestamp) mine({});
}

Address L1Chain::deploy(const TestKey& key, const Bytes& init_code)
{
    const uint64_t nonce = nonces[key.address];
    const Receipt r = send(key, std::nullopt, 0, init_code, 16'000'000);
    EXPECT_TRUE(r.success) << "deployment failed";
    const Address addr = create_address_of(key.address, nonce);
    const auto* account = state.find(addr);
    EXPECT_TRUE(account != nullptr && !account->code.empty()) << "no code at the new address";
    return addr;
}

node::CallResult L1Chain::call(const Address& from,
                               std::optional<Address> to,
                               const Bytes& data,
                               const uint256& value) const
{
    BlockHeader pending = head;
    pending.parent_hash = header_hash(head);
    pending.number = head.number + 1;
    pending.timestamp = next_timestamp();
    pending.coinbase = kL1Coinbase;
    pending.base_fee_per_gas =
        execution::calculate_base_fee(head.gas_limit, head.gas_used, *head.base_fee_per_gas);
    const execute::ExecutePrecompiles simulation = precompiles;  // counts on its own
    const node::CallContext ctx{config, pending, state, hashes, simulation};
    node::CallRequest request;
    request.from = from;
    request.to = to;
    request.input = data;
    request.value = value;
    request.gas = 12'000'000;
    auto result = node::call(ctx, request);
    EXPECT_TRUE(result) << result.error().message;
    if (!result) {
        node::CallResult failed;
        failed.status = evm::StatusCode::kFailure;
        return failed;
    }
    return std::move(*result);
}

Bytes L1Chain::view(const Address& to, const Bytes& data) const
{
    const node::CallResult r = call(Address{}, to, data);
    EXPECT_TRUE(r.success()) << "view failed: " << to_0x_hex(r.output);
    return r.output;
}

uint256 L1Chain::balance(const Address& addr) const
{
    const auto* account = state.find(addr);
    return account ? account->balance : uint256{0};
}

// ---------------------------------------------------------------------------------------------
// L2
// ---------------------------------------------------------------------------------------------

L2Chain::L2Chain(const ChainConfig& l1_config, node::L2GenesisConfig genesis_config)
    : genesis{node::make_l2_genesis(genesis_config).value()},
      config{execute::l2_chain_config(l1_config, Revision::kOsaka, genesis_config.chain_id)}
{
    state = genesis.state;
    head = genesis.block.header;
    hashes.add(head);
}

node::L2GenesisConfig L2Chain::default_genesis_config()
{
    node::L2GenesisConfig g;
    g.chain_id = kL2ChainId;
    g.gas_limit = 30'000'000;
    g.base_fee_per_gas = kGweiWei;
    node::GenesisAccount relayer;
    relayer.balance = kEther * 10;
    g.alloc[Keys{}.relayer.address] = relayer;
    return g;
}

Transaction L2Chain::tx(const TestKey& key,
                        std::optional<Address> to,
                        const uint256& value,
                        Bytes data,
                        uint64_t gas_limit)
{
    return make_tx(key, config.chain_id, nonces[key.address]++, to, value, std::move(data),
                   gas_limit);
}

L2Block L2Chain::build(const std::vector<Transaction>& txs,
                       const Address& coinbase,
                       const Hash256& anchor,
                       uint64_t timestamp) const
{
    return build_on(head, state, txs, coinbase, anchor, timestamp);
}

L2Block L2Chain::build_on(const BlockHeader& parent,
                          const state::InMemoryState& parent_state,
                          const std::vector<Transaction>& txs,
                          const Address& coinbase,
                          const Hash256& anchor,
                          uint64_t timestamp) const
{
    L2Block out;
    const stateless::RecordingStateView recorder{parent_state};
    execution::InMemoryStateRoots roots{parent_state};
    HeaderHashes block_hashes = hashes;
    block_hashes.add(parent);
    const execution::StandardPrecompiles precompiles;
    const execution::ChainContext chain{config,   parent, std::nullopt, {},
                                        recorder, roots,  block_hashes, precompiles};
    execution::PayloadAttributes attributes;
    attributes.timestamp = timestamp;
    attributes.fee_recipient = coinbase;
    attributes.parent_beacon_block_root = anchor;
    attributes.gas_limit = parent.gas_limit;
    execution::TransactionListSource source{txs};
    auto built = execution::build_block(chain, attributes, source);
    EXPECT_TRUE(built) << built.error().to_string();
    if (!built) return out;

    auto witness = recorder.make_witness(built->result.diff);
    EXPECT_TRUE(witness);
    if (!witness) return out;
    witness->keys.clear();
    witness->headers = {encode_block_header(parent)};

    out.block = built->block;
    out.parent = parent;
    out.header = encode_block_header(out.block.header);
    for (const auto& tx : out.block.transactions)
        out.transactions.push_back(encode_transaction(tx));
    out.witness = stateless::encode_witness(*witness);
    out.post = roots.take_post_state().value();
    out.receipts = built->result.output.receipts;
    out.rejected = built->rejected;
    return out;
}

void L2Chain::commit(const L2Block& b)
{
    EXPECT_EQ(b.block.header.parent_hash, header_hash(head)) << "not a child of the head";
    state = b.post;
    head = b.block.header;
    hashes.add(head);
}

L2Chain::BridgeProof L2Chain::bridge_proof(const state::InMemoryState& state, const Bytes32& slot)
{
    BridgeProof proof;
    trie::MerklePatriciaTrie accounts;
    for (const auto& [addr, account] : state.accounts()) {
        accounts.put(
            keccak256(addr.view()),
            state::encode_account(account.info(), state::InMemoryState::storage_root(account)));
    }
    EXPECT_EQ(accounts.root_hash(), state.state_root());
    proof.account_proof = accounts.prove(keccak256(node::kL2BridgeAddress.view()));

    trie::MerklePatriciaTrie storage;
    if (const auto* bridge = state.find(node::kL2BridgeAddress)) {
        for (const auto& [key, value] : bridge->storage)
            storage.put(keccak256(key.view()), state::encode_storage_value(value));
        EXPECT_EQ(storage.root_hash(), state::InMemoryState::storage_root(*bridge));
    }
    proof.storage_proof = storage.prove(keccak256(slot.view()));
    return proof;
}

// ---------------------------------------------------------------------------------------------
// The rollup
// ---------------------------------------------------------------------------------------------

Bytes rollup_init_code(const RollupConfig& config,
                       const Hash256& genesis_state_root,
                       const Hash256& genesis_hash)
{
    std::vector<abi::Value> sequencers;
    for (const Address& s : config.sequencers) sequencers.push_back(abi::word(s));
    const abi::Value cfg = abi::tuple({
        abi::word(uint256{config.chain_id}),
        abi::word(uint256{config.l2_gas_limit}),
        abi::word(uint256{config.sequencing}),
        abi::array(std::move(sequencers)),
        abi::word(uint256{config.forced_inclusion_delay}),
        abi::word(uint256{config.coinbase_policy}),
        abi::word(config.treasury),
        abi::word(uint256{config.governance}),
        abi::word(config.owner),
        abi::word(uint256{config.timelock_delay}),
        abi::word(uint256{config.state_root_history}),
        abi::word(config.execute),
    });
    Bytes code{contracts::native_rollup::kBytecode.data(),
               contracts::native_rollup::kBytecode.size()};
    code += abi::encode_tuple({cfg, abi::word(genesis_state_root), abi::word(genesis_hash)});
    return code;
}

Bytes advance_calldata(const L2Block& b,
                       std::optional<Hash256> post_state_root,
                       std::optional<uint64_t> gas_used)
{
    std::vector<abi::Value> txs;
    for (const Bytes& tx : b.transactions) txs.push_back(abi::bytes(tx));
    return abi::call("advance(bytes32,uint64,bytes,bytes[],bytes)",
                     {abi::word(post_state_root.value_or(b.block.header.state_root)),
                      abi::word(uint256{gas_used.value_or(b.block.header.gas_used)}),
                      abi::bytes(b.header), abi::array(std::move(txs)), abi::bytes(b.witness)});
}

RollupWorld::RollupWorld(const RollupConfig& rollup_config,
                         const node::L2GenesisConfig& l2_genesis,
                         const std::map<Address, node::GenesisAccount>& extra)
    : l1{extra}, l2{l1.config, l2_genesis}, config{rollup_config}
{
    rollup = l1.deploy(keys.deployer,
                       rollup_init_code(config, l2.head.state_root, header_hash(l2.head)));
    bridge = abi::address_at(l1.view(rollup, abi::call("bridge()")), 0);
}

L2Block RollupWorld::build(const std::vector<Transaction>& txs,
                           const Address& coinbase,
                           const Hash256& anchor) const
{
    return l2.build(txs, coinbase, anchor, l1.next_timestamp());
}

Receipt RollupWorld::advance(const TestKey& key, const L2Block& b, std::optional<uint256> value)
{
    const uint256 paid = value.value_or(fee(b.block.header.gas_used) * 2);
    const Receipt r = l1.send(key, rollup, paid, advance_calldata(b));
    if (r.success) l2.commit(b);
    return r;
}

node::CallResult RollupWorld::simulate_advance(const TestKey& key,
                                               const L2Block& b,
                                               std::optional<uint256> value,
                                               std::optional<Bytes> data) const
{
    const uint256 paid = value.value_or(fee(b.block.header.gas_used) * 2);
    return l1.call(key.address, rollup, data.value_or(advance_calldata(b)), paid);
}

Bytes32 RollupWorld::rollup_word(std::string_view signature,
                                 const std::vector<abi::Value>& args) const
{
    return abi::word_at(l1.view(rollup, abi::call(signature, args)), 0);
}

Bytes32 RollupWorld::bridge_word(std::string_view signature,
                                 const std::vector<abi::Value>& args) const
{
    return abi::word_at(l1.view(bridge, abi::call(signature, args)), 0);
}

}  // namespace ultra::test::rollup
