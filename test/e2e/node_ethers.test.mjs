// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound node` driven by ethers v6 as a dapp would: deploy TestToken (compiled by the
// build), transfer, balanceOf through eth_call, events through eth_getLogs and a WebSocket
// subscription, gas estimates, reverts with a reason and with custom error data, rapid sends
// from one account, and eth_getProof verified in JavaScript against the block's state root.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    AbiCoder, Contract, ContractFactory, Interface, NonceManager, Wallet, WebSocketProvider, keccak256, parseEther,
} from "ethers";

import { loadContract } from "./lib/contracts.mjs";
import { ethersProvider } from "./lib/flows.mjs";
import { verifyAccountProof, verifyStorageProof } from "./lib/mpt.mjs";
import { devAccounts, nodeUnavailableReason, startNode } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 180000 };

/// Runs `fn(node, provider, wallet)` against a fresh node; appends the node's output to a failure.
async function withNode(fn) {
    const node = await startNode();
    const provider = ethersProvider(node.url, node.chainId);
    try {
        await fn(node, provider, new Wallet(devAccounts[0].privateKey, provider));
    } catch (err) {
        err.message += `\n--- node output ---\n${node.logs()}`;
        throw err;
    } finally {
        provider.destroy();
        await node.stop();
    }
}

async function deploy(wallet, name, ...args) {
    const c = loadContract(name);
    const contract = await new ContractFactory(c.abi, c.bytecode, wallet).deploy(...args);
    await contract.waitForDeployment();
    return contract;
}

/// A JSON-RPC quantity (no leading zeros, unlike ethers' toBeHex).
const quantity = (n) => `0x${BigInt(n).toString(16)}`;

/// Resolves with the first value `register(resolve)` delivers, or rejects after `ms`.
function within(ms, what, register) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
        register((v) => {
            clearTimeout(timer);
            resolve(v);
        });
    });
}

/// The storage slot of balanceOf[owner] in TestToken (name 0, symbol 1, totalSupply 2,
/// balanceOf 3: Solidity's mapping layout keccak256(key ‖ slot)).
function balanceSlot(owner) {
    return keccak256(AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [owner, 3n]));
}

test("ethers: deploy TestToken, transfer, balanceOf through eth_call, Transfer events through eth_getLogs", options, async () => {
    await withNode(async (node, provider, wallet) => {
        const token = await deploy(wallet, "TestToken", "Test", "TST", 1000n);
        const address = await token.getAddress();
        assert.equal(await provider.getCode(address), loadContract("TestToken").deployedBytecode);
        assert.equal(await token.name(), "Test");
        assert.equal(await token.totalSupply(), 1000n);

        const bob = devAccounts[1].address;
        const receipt = await (await token.transfer(bob, 250n)).wait();
        assert.equal(receipt.status, 1);
        const event = token.interface.parseLog(receipt.logs[0]);
        assert.equal(event.name, "Transfer");
        assert.equal(event.args.to, bob);
        assert.equal(event.args.value, 250n);
        assert.equal(await token.balanceOf(bob), 250n);
        assert.equal(await token.balanceOf(wallet.address), 750n);

        // Both Transfer events (the mint at deployment and the transfer), in order.
        const all = await token.queryFilter(token.filters.Transfer(), 0, "latest");
        assert.deepEqual(all.map((e) => e.args.value), [1000n, 250n]);
        assert.equal(all[1].transactionHash, receipt.hash);
        assert.equal(all[1].blockNumber, receipt.blockNumber);
        // A topic filter on the recipient; another recipient matches nothing.
        const toBob = await provider.getLogs({ address, fromBlock: 0, topics: [token.filters.Transfer().fragment.topicHash, null, AbiCoder.defaultAbiCoder().encode(["address"], [bob])] });
        assert.equal(toBob.length, 1);
        const toCarol = await token.queryFilter(token.filters.Transfer(null, devAccounts[2].address), 0);
        assert.equal(toCarol.length, 0);
        // The block hash form of eth_getLogs.
        const byHash = await provider.getLogs({ blockHash: receipt.blockHash });
        assert.equal(byHash.length, 1);
        assert.equal(byHash[0].transactionHash, receipt.hash);
    });
});

test("ethers: events and new heads through a WebSocket subscription", options, async () => {
    await withNode(async (node, provider, wallet) => {
        const token = await deploy(wallet, "TestToken", "Test", "TST", 1000n);
        const ws = new WebSocketProvider(node.wsUrl, Number(node.chainId));
        try {
            const watched = new Contract(await token.getAddress(), token.interface, ws);
            const bob = devAccounts[1].address;
            const transfer = within(30000, "a Transfer event", (done) => {
                watched.on("Transfer", (from, to, value, ev) => done({ from, to, value, ev }));
            });
            const head = within(30000, "a new head", (done) => ws.once("block", done));
            // ethers subscribes asynchronously: give the subscriptions a moment to be set up.
            await new Promise((r) => setTimeout(r, 500));
            const receipt = await (await token.transfer(bob, 42n)).wait();
            const got = await transfer;
            assert.equal(got.to, bob);
            assert.equal(got.value, 42n);
            assert.equal(got.ev.log.transactionHash, receipt.hash);
            assert.ok((await head) >= receipt.blockNumber);
            // Let ethers finish its eth_unsubscribe calls before the socket goes.
            await watched.removeAllListeners();
            await ws.removeAllListeners();
            await new Promise((r) => setTimeout(r, 300));
        } finally {
            ws.destroy();
        }
    });
});

test("ethers: gas estimates, reverts with a reason and with custom error data", options, async () => {
    await withNode(async (node, provider, wallet) => {
        const token = await deploy(wallet, "TestToken", "Test", "TST", 1000n);
        const bob = devAccounts[1].address;
        const gas = await token.transfer.estimateGas(bob, 1n);
        assert.ok(gas > 21000n && gas < 100000n, `estimate ${gas}`);
        const r = await (await token.transfer(bob, 1n, { gasLimit: gas })).wait();
        assert.equal(r.status, 1);
        assert.ok(r.gasUsed <= gas);

        const reverter = await deploy(wallet, "Reverter");
        await assert.rejects(reverter.revertWithReason(), (err) => err.reason === "Reverter: always");
        await assert.rejects(reverter.requirePositive(0n), (err) => err.reason === "Reverter: value must be positive");
        assert.equal(await reverter.requirePositive(5n), 5n);
        const iface = new Interface(loadContract("Reverter").abi);
        await assert.rejects(reverter.revertWithCustomError(42n), (err) => {
            const decoded = iface.parseError(err.data);
            return decoded.name === "Unauthorized" && decoded.args.code === 42n;
        });
        await assert.rejects(reverter.divide(1n, 0n), (err) => err.revert?.name === "Panic" && BigInt(err.revert.args[0]) === 0x12n);
        await assert.rejects(reverter.incrementThenRevert.estimateGas(), (err) => err.reason === "Reverter: undone");
        // The token's own custom error, from an estimate.
        await assert.rejects(token.connect(new Wallet(devAccounts[2].privateKey, provider)).transfer.estimateGas(bob, 1n), (err) => {
            const decoded = token.interface.parseError(err.data);
            return decoded.name === "InsufficientBalance" && decoded.args.needed === 1n;
        });

        // A reverting transaction sent anyway is mined with status 0 and changes nothing.
        const tx = await reverter.incrementThenRevert({ gasLimit: 100000n });
        await assert.rejects(tx.wait(), (err) => err.code === "CALL_EXCEPTION" && err.receipt.status === 0);
        assert.equal(await reverter.counter(), 0n);
        await (await reverter.increment()).wait();
        assert.equal(await reverter.counter(), 1n);
    });
});

test("ethers: rapid sends from one account keep their nonces", options, async () => {
    await withNode(async (node, provider, wallet) => {
        const start = await provider.getTransactionCount(wallet.address, "pending");
        const bob = devAccounts[1].address;
        const before = await provider.getBalance(bob);
        // One after the other without waiting for blocks: "pending" counts the pool.
        const sent = [];
        for (let i = 0; i < 25; i++) sent.push(await wallet.sendTransaction({ to: bob, value: 1n }));
        assert.deepEqual(sent.map((t) => t.nonce), [...Array(25).keys()].map((i) => start + i));
        // Concurrently, through ethers' NonceManager.
        const manager = new NonceManager(new Wallet(devAccounts[2].privateKey, provider));
        const parallel = await Promise.all([...Array(10)].map(() => manager.sendTransaction({ to: bob, value: 1n })));
        const receipts = await Promise.all([...sent, ...parallel].map((t) => t.wait(1, 30000)));
        assert.ok(receipts.every((r) => r.status === 1));
        assert.equal(await provider.getTransactionCount(wallet.address), start + 25);
        assert.equal(await provider.getBalance(bob), before + 35n);
        // A replayed nonce is refused with go-ethereum's text.
        const stale = await wallet.signTransaction(await wallet.populateTransaction({ to: bob, value: 1n, nonce: start }));
        await assert.rejects(provider.broadcastTransaction(stale), (err) => /nonce too low/.test(err.message));
    });
});

test("ethers: eth_getProof verifies against the block's state root", options, async () => {
    await withNode(async (node, provider, wallet) => {
        const token = await deploy(wallet, "TestToken", "Test", "TST", 1000n);
        const address = await token.getAddress();
        const bob = devAccounts[1].address;
        await (await token.transfer(bob, 250n)).wait();
        const block = await provider.getBlock("latest");

        // The token: its account, and its balanceOf slots.
        const proof = await provider.send("eth_getProof", [address, [balanceSlot(bob), balanceSlot(wallet.address), "0x2"], quantity(block.number)]);
        const account = verifyAccountProof(block.stateRoot, proof);
        assert.ok(account !== null);
        assert.equal(account.codeHash, keccak256(await provider.getCode(address)));
        assert.equal(verifyStorageProof(account.storageHash, proof.storageProof[0]), 250n);
        assert.equal(verifyStorageProof(account.storageHash, proof.storageProof[1]), 750n);
        assert.equal(verifyStorageProof(account.storageHash, proof.storageProof[2]), 1000n);  // totalSupply

        // An externally owned account and an absent one.
        const eoa = await provider.send("eth_getProof", [wallet.address, [], "latest"]);
        assert.equal(verifyAccountProof(block.stateRoot, eoa).balance, await provider.getBalance(wallet.address));
        const nobody = "0x00000000000000000000000000000000000000aa";
        assert.equal(verifyAccountProof(block.stateRoot, await provider.send("eth_getProof", [nobody, [], "latest"])), null);

        // An older block: the proof checks against that block's root.
        const older = await provider.getBlock(block.number - 1);
        const before = await provider.send("eth_getProof", [address, [balanceSlot(bob)], quantity(older.number)]);
        const oldAccount = verifyAccountProof(older.stateRoot, before);
        assert.equal(verifyStorageProof(oldAccount.storageHash, before.storageProof[0]), 0n);
        // A proof does not verify against another root.
        assert.throws(() => verifyAccountProof(older.stateRoot, proof));
        // Balances through the same node for comparison.
        assert.ok((await provider.getBalance(wallet.address)) < parseEther("10000"));
    });
});
