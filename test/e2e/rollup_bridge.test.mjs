// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The rollup bridge and EXECUTE end to end on `ultrasound devnet`, with ethers v6:
// - a withdrawal L2 → L1: deposit on L1, L2Bridge.withdraw() on L2, then
//   L1Bridge.claimWithdrawal() with eth_getProof's proofs against the settled L2 state root
//   (paid once; a wrong amount and a second claim are refused with their custom errors);
// - an invalid block: the calldata our sequencer sent to settle L2 blocks is replayed on a fresh
//   NativeRollup with the same L2 genesis, tampered (state root, gas used, a transaction, the
//   body) and genuine: EXECUTE refuses the first (InvalidBlock), accepts the second.
// Every expected value (hashes, slots, selectors, balances) is computed here from its
// definition (docs/rollup.md), never taken from what the code under test returned.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import {
    AbiCoder, Contract, ContractFactory, Interface, Wallet, ZeroAddress, ZeroHash, getBytes, hexlify, id,
    keccak256, parseEther, toBeHex, toQuantity, zeroPadValue,
} from "ethers";

import { loadContract } from "./lib/contracts.mjs";
import { startDevnet, until } from "./lib/devnet.mjs";
import { ethersProvider } from "./lib/flows.mjs";
import { verifyAccountProof, verifyStorageProof } from "./lib/mpt.mjs";
import { freePort, nodeUnavailableReason, tempDatadir } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 180000 };

const abi = AbiCoder.defaultAbiCoder();
/// The L2 bridge predeploy (docs/rollup.md § Bridge) and its withdrawals mapping's slot.
const L2_BRIDGE = "0x0000000000000000000000000000000000b71d6E";
const WITHDRAWALS_SLOT = 3n;
/// docs/rollup.md: the event a settlement emits, by its declared signature.
const BLOCK_ADVANCED_TOPIC = id("BlockAdvanced(uint256,bytes32,bytes32,address,uint256)");

/// The revert data carried by an ethers error (a CALL_EXCEPTION from eth_call/eth_estimateGas).
function revertData(err) {
    for (const d of [err.data, err.info?.error?.data, err.error?.data]) {
        if (typeof d === "string" && d.startsWith("0x")) return d;
    }
    return null;
}

/// Runs `call` (a function returning a promise), which must revert with the custom error
/// `signature` (e.g. "AlreadyClaimed(uint256)"), or one of them when it is a list; `args`
/// (optional) are its expected arguments. The selector is checked against keccak256(signature)
/// and the data decoded with `iface`. Returns the decoded error.
async function assertReverts(call, iface, signature, args = null) {
    const accepted = Array.isArray(signature) ? signature : [signature];
    let err = null;
    try {
        await call();
    } catch (e) {
        err = e;
    }
    assert.ok(err, `expected a revert with ${accepted.join(" or ")}, but the call succeeded`);
    const data = revertData(err);
    assert.ok(data && data.length >= 10, `no revert data: ${err.shortMessage ?? err.message}`);
    const match = accepted.find((sig) => data.slice(0, 10) === id(sig).slice(0, 10));
    assert.ok(match, `reverted with ${data}, not ${accepted.join(" or ")}`);
    const parsed = iface.parseError(data);
    assert.equal(parsed.signature, match);
    // ethers decodes it as well when the contract has the ABI.
    if (err.revert) assert.equal(err.revert.signature, match);
    if (args !== null) assert.deepEqual([...parsed.args], args);
    return parsed;
}

/// withdrawals[id]'s value: keccak256(abi.encode(id, l2Sender, l1Recipient, amount)).
function withdrawalHash(w) {
    return keccak256(abi.encode(["uint256", "address", "address", "uint256"], [w.id, w.l2Sender, w.l1Recipient, w.amount]));
}

/// withdrawals[id]'s storage slot: keccak256(abi.encode(id, 3)) (Solidity's mapping layout).
function withdrawalSlot(withdrawalId) {
    return keccak256(abi.encode(["uint256", "uint256"], [withdrawalId, WITHDRAWALS_SLOT]));
}

/// Starts a one-rollup devnet on a free port and a temporary datadir, runs `body(devnet)`, and
/// stops and removes it (the devnet's output is appended to a failure).
async function withDevnet(body) {
    const datadir = tempDatadir();
    const devnet = await startDevnet(datadir, { rollups: 1, port: await freePort(), blockTime: 0.5 });
    try {
        await body(devnet);
    } catch (err) {
        err.message += `\nL1 ${devnet.config.l1.rpc} L2 ${devnet.config.rollups[0].rpc}\n--- devnet output ---\n${devnet.logs().slice(-2000)}`;
        throw err;
    } finally {
        await devnet.stop();
        rmSync(datadir, { recursive: true, force: true });
    }
}

test("bridge: a withdrawal L2 → L1 is paid once with eth_getProof's proofs", options, () => withDevnet(async ({ config }) => {
    const [r] = config.rollups;
    assert.equal(r.l2Bridge.toLowerCase(), L2_BRIDGE.toLowerCase());
    const l1 = ethersProvider(config.l1.rpc, config.l1.chainId);
    const l2 = ethersProvider(r.rpc, r.chainId);
    try {
        const rollupArtifact = loadContract("NativeRollup");
        const l1BridgeArtifact = loadContract("L1Bridge");
        const l2BridgeArtifact = loadContract("L2Bridge");
        const rollup = new Contract(r.rollup, rollupArtifact.abi, l1);
        // Account 0 deployed the rollup and account 1 proposes: the user is account 5, the
        // claimer account 3.
        const user = config.accounts[5];
        const l1User = new Wallet(user.privateKey, l1);
        const l2User = new Wallet(user.privateKey, l2);
        const claimer = new Wallet(config.accounts[3].privateKey, l1);
        const l1Bridge = new Contract(r.l1Bridge, l1BridgeArtifact.abi, claimer);
        const l2Bridge = new Contract(L2_BRIDGE, l2BridgeArtifact.abi, l2User);

        // Deposit on L1 to the user's own L2 address (unfunded in the L2 genesis).
        const deposited = parseEther("2");
        assert.equal(await l2.getBalance(user.address), 0n);
        const bridgeBefore = await l1.getBalance(r.l1Bridge);
        const dep = await l1Bridge.connect(l1User).deposit(user.address, { value: deposited });
        assert.equal((await dep.wait()).status, 1);
        assert.equal(await l1.getBalance(r.l1Bridge), bridgeBefore + deposited);
        await until(async () => (await l2.getBalance(user.address)) === deposited, 30000, "the deposit on L2");

        // Withdraw on L2 to a fresh L1 address.
        const l1Recipient = Wallet.createRandom().address;
        assert.equal(await l1.getBalance(l1Recipient), 0n);
        const amount = parseEther("1.25");
        const expectedId = await l2Bridge.withdrawalCount();
        const wtx = await l2Bridge.withdraw(l1Recipient, { value: amount });
        const wreceipt = await wtx.wait();
        assert.equal(wreceipt.status, 1);
        const initiated = wreceipt.logs
            .filter((log) => log.address.toLowerCase() === L2_BRIDGE.toLowerCase())
            .map((log) => l2Bridge.interface.parseLog(log))
            .filter((ev) => ev?.name === "WithdrawalInitiated");
        assert.equal(initiated.length, 1);
        const ev = initiated[0].args;
        const w = { id: expectedId, l2Sender: user.address, l1Recipient, amount };
        assert.equal(ev.id, w.id);
        assert.equal(ev.l2Sender, w.l2Sender);
        assert.equal(ev.l1Recipient, w.l1Recipient);
        assert.equal(ev.amount, w.amount);
        assert.equal(ev.withdrawalHash, withdrawalHash(w));
        assert.equal(await l2Bridge.withdrawals(w.id), withdrawalHash(w));

        // Wait for the withdrawal's block to settle on L1.
        const n = wreceipt.blockNumber;
        await until(async () => (await rollup.blockNumber()) >= BigInt(n), 30000, `L2 block ${n} to settle`);
        const block = await l2.getBlock(n);
        assert.equal(await rollup.stateRootAt(n), block.stateRoot);

        // The proofs, as eth_getProof gives them at that block; checked here with an independent
        // JS verifier before the contract sees them.
        const slot = withdrawalSlot(w.id);
        const proof = await l2.send("eth_getProof", [L2_BRIDGE, [slot], toQuantity(n)]);
        assert.equal(proof.storageProof.length, 1);
        assert.equal(BigInt(proof.storageProof[0].key), BigInt(slot));
        const account = verifyAccountProof(block.stateRoot, proof);
        assert.ok(account, "the L2 bridge account is proven");
        assert.equal(verifyStorageProof(account.storageHash, proof.storageProof[0]), BigInt(withdrawalHash(w)));
        const claimArgs = (wd) => [n, wd, proof.accountProof, proof.storageProof[0].proof];

        // A wrong amount is not proven (checked before the real claim: not AlreadyClaimed).
        const wrong = { ...w, amount: w.amount + 1n };
        await assertReverts(() => l1Bridge.claimWithdrawal.staticCall(...claimArgs(wrong)), l1Bridge.interface,
            "WithdrawalNotProven(uint256)", [w.id]);
        await assertReverts(() => l1Bridge.claimWithdrawal.estimateGas(...claimArgs({ ...w, l1Recipient: claimer.address })),
            l1Bridge.interface, "WithdrawalNotProven(uint256)", [w.id]);
        assert.equal(await l1Bridge.claimed(w.id), false);

        // The claim, from a third account: the recipient is paid the amount.
        const claimerBefore = await l1.getBalance(claimer.address);
        const ctx = await l1Bridge.claimWithdrawal(...claimArgs(w));
        const creceipt = await ctx.wait();
        assert.equal(creceipt.status, 1);
        assert.equal(await l1.getBalance(l1Recipient), amount);
        assert.equal(await l1.getBalance(r.l1Bridge), bridgeBefore + deposited - amount);
        assert.equal(await l1.getBalance(claimer.address), claimerBefore - creceipt.gasUsed * creceipt.gasPrice);
        const claimed = creceipt.logs
            .filter((log) => log.address.toLowerCase() === r.l1Bridge.toLowerCase())
            .map((log) => l1Bridge.interface.parseLog(log))
            .filter((e) => e?.name === "WithdrawalClaimed");
        assert.equal(claimed.length, 1);
        assert.equal(claimed[0].args.id, w.id);
        assert.equal(claimed[0].args.l1Recipient, l1Recipient);
        assert.equal(claimed[0].args.amount, amount);
        assert.equal(await l1Bridge.claimed(w.id), true);

        // Paid once.
        await assertReverts(() => l1Bridge.claimWithdrawal.staticCall(...claimArgs(w)), l1Bridge.interface,
            "AlreadyClaimed(uint256)", [w.id]);
        assert.equal(await l1.getBalance(l1Recipient), amount);
    } finally {
        l1.destroy();
        l2.destroy();
    }
}));

test("rollup: EXECUTE refuses a tampered block from our sequencer and accepts the genuine one", options, () => withDevnet(async ({ config }) => {
    const [r] = config.rollups;
    const l1 = ethersProvider(config.l1.rpc, config.l1.chainId);
    const l2 = ethersProvider(r.rpc, r.chainId);
    try {
        const artifact = loadContract("NativeRollup");
        const iface = new Interface(artifact.abi);
        assert.equal(iface.getEvent("BlockAdvanced").topicHash, BLOCK_ADVANCED_TOPIC);
        const devnetRollup = new Contract(r.rollup, artifact.abi, l1);
        // Nothing is deposited in this test: every L2 block's anchor is zero, which the fresh
        // rollup (no deposits in its bridge either) accepts.

        /// The advance() arguments our sequencer sent to settle L2 block `number`: the calldata of
        /// the transaction that emitted its BlockAdvanced event.
        const settlement = async (number) => {
            await until(async () => (await devnetRollup.blockNumber()) >= BigInt(number), 30000, `L2 block ${number} to settle`);
            const logs = await l1.getLogs({
                address: r.rollup, fromBlock: 0, toBlock: "latest",
                topics: [BLOCK_ADVANCED_TOPIC, zeroPadValue(toBeHex(number), 32)],
            });
            assert.equal(logs.length, 1, `one BlockAdvanced for L2 block ${number}`);
            const tx = await l1.getTransaction(logs[0].transactionHash);
            assert.equal(tx.to.toLowerCase(), r.rollup.toLowerCase());
            const call = iface.parseTransaction({ data: tx.data });
            assert.equal(call.name, "advance");
            const [postStateRoot, gasUsed, header, transactions, witness] = call.args;
            // The calldata is the L2 node's block: its header hashes to the block hash.
            const block = await l2.send("eth_getBlockByNumber", [toQuantity(number), false]);
            assert.equal(keccak256(header), block.hash);
            assert.equal(postStateRoot, block.stateRoot);
            assert.equal(gasUsed, BigInt(block.gasUsed));
            assert.equal(transactions.length, block.transactions.length);
            const event = iface.parseLog(logs[0]);
            assert.equal(event.args.blockHash, block.hash);
            assert.equal(event.args.stateRoot, block.stateRoot);
            return { block, args: { postStateRoot, gasUsed, header, transactions: [...transactions], witness } };
        };

        // L2 genesis and block 1, made before anything else happened on the L2.
        const genesis = await l2.send("eth_getBlockByNumber", ["0x0", false]);
        const one = await settlement(1);
        assert.equal(one.block.parentHash, genesis.hash);

        // A fresh NativeRollup on the same L1 with the same L2 genesis: Based, the treasury
        // coinbase policy (the coinbase of our sequencer's blocks), no governance.
        const sender = new Wallet(config.accounts[6].privateKey, l1);
        const factory = new ContractFactory(artifact.abi, artifact.bytecode, sender);
        const deployed = await factory.deploy({
            chainId: r.chainId, l2GasLimit: 30_000_000, sequencing: 0, sequencers: [], forcedInclusionDelay: 0,
            coinbasePolicy: 1, treasury: one.block.miner, governance: 0, owner: ZeroAddress, timelockDelay: 0,
            stateRootHistory: 0, execute: ZeroAddress,
        }, genesis.stateRoot, genesis.hash);
        await deployed.waitForDeployment();
        const fresh = new Contract(await deployed.getAddress(), artifact.abi, sender);
        assert.equal(await fresh.blockNumber(), 0n);
        assert.equal(await fresh.stateRoot(), genesis.stateRoot);
        assert.equal(await fresh.blockHash(), genesis.hash);

        const argv = (a) => [a.postStateRoot, a.gasUsed, a.header, a.transactions, a.witness];
        // What the contract asks for the claimed gas, twice (the excess comes back).
        const value = async (a) => (await fresh.requiredFee(a.gasUsed)) * 2n;
        const advanceReverts = async (a, signature) => {
            const v = await value(a);
            return assertReverts(() => fresh.advance.staticCall(...argv(a), { value: v }), iface, signature);
        };

        // a) The post-state root with one bit flipped.
        const flipped = getBytes(one.args.postStateRoot);
        flipped[31] ^= 1;
        const badRoot = { ...one.args, postStateRoot: hexlify(flipped) };
        await advanceReverts(badRoot, "InvalidBlock()");
        await assertReverts(async () => fresh.advance.estimateGas(...argv(badRoot), { value: await value(badRoot) }),
            iface, "InvalidBlock()");
        assert.equal(await fresh.blockNumber(), 0n);
        // b) The gas used plus one.
        await advanceReverts({ ...one.args, gasUsed: one.args.gasUsed + 1n }, "InvalidBlock()");
        assert.equal(await fresh.blockNumber(), 0n);
        assert.equal(await fresh.stateRoot(), genesis.stateRoot);

        // c) The genuine block.
        const good = await fresh.advance(...argv(one.args), { value: await value(one.args) });
        assert.equal((await good.wait()).status, 1);
        assert.equal(await fresh.blockNumber(), 1n);
        assert.equal(await fresh.stateRoot(), one.block.stateRoot);
        assert.equal(await fresh.blockHash(), one.block.hash);
        assert.equal(await fresh.stateRootAt(1), one.block.stateRoot);

        // d) The same block again: its pre-state is no longer the head.
        await advanceReverts(one.args, ["InvalidBlock()", "WrongBlockNumber(uint256,uint256)"]);
        assert.equal(await fresh.blockNumber(), 1n);

        // e) A block with a transaction (an L2 transfer by the L2-funded proposer, account 1,
        //    made after block 1): the settled blocks before it are replayed, then it is
        //    tampered with (a transaction byte, the body dropped) and sent genuinely.
        const proposer = new Wallet(config.accounts[1].privateKey, l2);
        const to = Wallet.createRandom().address;
        const transfer = await proposer.sendTransaction({ to, value: parseEther("0.5") });
        const treceipt = await transfer.wait();
        assert.equal(treceipt.status, 1);
        const k = treceipt.blockNumber;
        assert.ok(k >= 2, `the transfer is after block 1 (block ${k})`);
        for (let i = 2; i < k; ++i) {
            const { args } = await settlement(i);
            const tx = await fresh.advance(...argv(args), { value: await value(args) });
            assert.equal((await tx.wait()).status, 1);
        }
        assert.equal(await fresh.blockNumber(), BigInt(k - 1));
        const withTx = await settlement(k);
        assert.equal(withTx.args.transactions.length, 1);
        assert.equal(keccak256(withTx.args.transactions[0]), treceipt.hash);
        assert.ok(withTx.args.gasUsed >= 21000n);

        // A byte of the transaction (its last: in the signature) changed.
        const txBytes = getBytes(withTx.args.transactions[0]);
        txBytes[txBytes.length - 1] ^= 0x01;
        await advanceReverts({ ...withTx.args, transactions: [hexlify(txBytes)] }, "InvalidBlock()");
        // The body dropped (the header still commits to the transaction).
        await advanceReverts({ ...withTx.args, transactions: [] }, "InvalidBlock()");
        // A tampered root sent for real: mined, reverted, and the fee was not kept (the sender
        // paid only its L1 gas).
        const paying = { ...withTx.args, postStateRoot: ZeroHash };
        const payingValue = await value(paying);
        assert.ok(payingValue > 0n, "a block with gas has an execute fee");
        const before = await l1.getBalance(sender.address);
        const reverted = await fresh.advance(...argv(paying), { value: payingValue, gasLimit: 3_000_000 });
        await assert.rejects(reverted.wait(), (e) => e.code === "CALL_EXCEPTION");
        const rreceipt = await l1.getTransactionReceipt(reverted.hash);
        assert.equal(rreceipt.status, 0);
        assert.equal(await l1.getBalance(sender.address), before - rreceipt.gasUsed * rreceipt.gasPrice);
        assert.equal(await fresh.blockNumber(), BigInt(k - 1));

        // The genuine block: the head is the L2 node's block k.
        const goodK = await fresh.advance(...argv(withTx.args), { value: await value(withTx.args) });
        assert.equal((await goodK.wait()).status, 1);
        assert.equal(await fresh.blockNumber(), BigInt(k));
        assert.equal(await fresh.stateRoot(), withTx.block.stateRoot);
        assert.equal(await fresh.blockHash(), withTx.block.hash);
        assert.equal(await l2.getBalance(to), parseEther("0.5"));
    } finally {
        l1.destroy();
        l2.destroy();
    }
}));
