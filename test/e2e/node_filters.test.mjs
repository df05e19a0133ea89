// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound node`'s polling filters (eth_newFilter & co.) driven over HTTP as dapps use them:
// ethers v6 `contract.on(...)` and `provider.on("pending")` (a provider without the `polling`
// option subscribes through eth_newFilter / eth_newPendingTransactionFilter and polls
// eth_getFilterChanges at each new block), viem's createContractEventFilter / createEventFilter /
// createBlockFilter with getFilterChanges and getFilterLogs, and watchContractEvent over HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ContractFactory, JsonRpcProvider, Wallet } from "ethers";
import { createPublicClient, defineChain, http, parseAbiItem } from "viem";

import { loadContract } from "./lib/contracts.mjs";
import { viemClients } from "./lib/flows.mjs";
import { devAccounts, nodeUnavailableReason, rpc, startNode } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 180000 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Runs `fn(node)` against a fresh node; appends the node's output to a failure.
async function withNode(fn) {
    const node = await startNode();
    try {
        await fn(node);
    } catch (err) {
        err.message += `\n--- node output ---\n${node.logs()}`;
        throw err;
    } finally {
        await node.stop();
    }
}

/// An ethers provider that uses filter ids for events (no `polling` option) and records the
/// JSON-RPC methods it sends; settle() waits for the requests in flight (ethers uninstalls its
/// filters in the background: destroying the provider under such a request rejects it).
function filteringProvider(node) {
    const provider = new JsonRpcProvider(node.url, Number(node.chainId), { cacheTimeout: -1, staticNetwork: true, pollingInterval: 100 });
    const methods = [];
    const inflight = new Set();
    const send = provider.send.bind(provider);
    provider.send = (method, params) => {
        methods.push(method);
        const p = send(method, params);
        inflight.add(p);
        p.then(() => inflight.delete(p), () => inflight.delete(p));
        return p;
    };
    const settle = () => Promise.allSettled([...inflight]);
    return { provider, methods, settle };
}

/// Waits until `predicate()` holds (polling every 20 ms) or fails with `what` after `ms`.
async function until(predicate, what, ms = 20000) {
    const deadline = Date.now() + ms;
    while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(20);
    }
}

async function deployToken(wallet) {
    const c = loadContract("TestToken");
    const token = await new ContractFactory(c.abi, c.bytecode, wallet).deploy("Test", "TST", 1000n);
    await token.waitForDeployment();
    return token;
}

test("ethers: contract.on over HTTP receives the events of later transactions through a filter id", options, async () => {
    await withNode(async (node) => {
        const { provider, methods, settle } = filteringProvider(node);
        try {
            const wallet = new Wallet(devAccounts[0].privateKey, provider);
            const token = await deployToken(wallet);
            const bob = devAccounts[1].address;
            const carol = devAccounts[2].address;
            const seen = [];
            await token.on("Transfer", (from, to, value, ev) => seen.push({ from, to, value, hash: ev.log.transactionHash }));
            // The subscriber installs its filter asynchronously: transactions sent before that
            // are (correctly) not reported, so wait for it.
            await until(() => methods.includes("eth_newFilter") && methods.includes("eth_getFilterChanges"), "eth_newFilter");

            const first = await (await token.transfer(bob, 42n)).wait();
            await until(() => seen.length >= 1, "the first Transfer event");
            const second = await (await token.transfer(carol, 7n)).wait();
            await until(() => seen.length >= 2, "the second Transfer event");
            await sleep(500);  // a few more polls: nothing is reported twice
            assert.deepEqual(seen, [
                { from: wallet.address, to: bob, value: 42n, hash: first.hash },
                { from: wallet.address, to: carol, value: 7n, hash: second.hash },
            ]);
            assert.ok(!methods.includes("eth_getLogs"), `ethers fell back to eth_getLogs: ${methods}`);

            await token.removeAllListeners();
            await until(() => methods.includes("eth_uninstallFilter"), "eth_uninstallFilter");
            await settle();
        } finally {
            provider.destroy();
        }
    });
});

test("ethers: provider.on(\"pending\") over HTTP through eth_newPendingTransactionFilter", options, async () => {
    await withNode(async (node) => {
        const { provider, methods, settle } = filteringProvider(node);
        try {
            const wallet = new Wallet(devAccounts[0].privateKey, provider);
            const pending = [];
            await provider.on("pending", (hash) => pending.push(hash));
            await until(() => methods.includes("eth_getFilterChanges"), "eth_newPendingTransactionFilter");
            assert.ok(methods.includes("eth_newPendingTransactionFilter"));
            // ethers polls at each new block; automine makes one per transaction.
            const tx = await wallet.sendTransaction({ to: devAccounts[1].address, value: 1n });
            await tx.wait();
            await until(() => pending.includes(tx.hash), "the pending transaction's hash");
            const tx2 = await wallet.sendTransaction({ to: devAccounts[2].address, value: 2n });
            await tx2.wait();
            await until(() => pending.includes(tx2.hash), "the second hash");
            assert.deepEqual(pending, [tx.hash, tx2.hash]);
            await provider.removeAllListeners();
            await until(() => methods.includes("eth_uninstallFilter"), "eth_uninstallFilter");
            await settle();
        } finally {
            provider.destroy();
        }
    });
});

test("viem: event, contract event and block filters with getFilterChanges and getFilterLogs", options, async () => {
    await withNode(async (node) => {
        const clients = viemClients(node.url, node.chainId);
        const { publicClient, walletClient } = clients;
        const c = loadContract("TestToken");
        const deployHash = await walletClient.deployContract({ abi: c.abi, bytecode: c.bytecode, args: ["Viem", "VIE", 1000n] });
        const deployed = await publicClient.waitForTransactionReceipt({ hash: deployHash, timeout: 30000 });
        const token = { address: deployed.contractAddress, abi: c.abi };
        const bob = devAccounts[1].address;
        const carol = devAccounts[2].address;

        const contractFilter = await publicClient.createContractEventFilter({ ...token, eventName: "Transfer" });
        const toBob = await publicClient.createEventFilter({
            address: token.address, event: parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)"), args: { to: bob },
        });
        const history = await publicClient.createContractEventFilter({ ...token, eventName: "Transfer", fromBlock: 0n });
        const blocks = await publicClient.createBlockFilter();
        const pending = await publicClient.createPendingTransactionFilter();
        assert.deepEqual(await publicClient.getFilterChanges({ filter: contractFilter }), []);

        const h1 = await walletClient.writeContract({ ...token, functionName: "transfer", args: [bob, 10n] });
        const r1 = await publicClient.waitForTransactionReceipt({ hash: h1, timeout: 30000 });
        const h2 = await walletClient.writeContract({ ...token, functionName: "transfer", args: [carol, 20n] });
        const r2 = await publicClient.waitForTransactionReceipt({ hash: h2, timeout: 30000 });

        const changes = await publicClient.getFilterChanges({ filter: contractFilter });
        assert.deepEqual(changes.map((l) => [l.eventName, l.args.to, l.args.value, l.transactionHash]), [["Transfer", bob, 10n, h1], ["Transfer", carol, 20n, h2]]);
        assert.deepEqual(await publicClient.getFilterChanges({ filter: contractFilter }), []);
        const bobs = await publicClient.getFilterChanges({ filter: toBob });
        assert.deepEqual(bobs.map((l) => [l.args.value, l.blockNumber]), [[10n, r1.blockNumber]]);
        // The whole range (the mint at deployment included), not moving the cursor.
        const all = await publicClient.getFilterLogs({ filter: history });
        assert.deepEqual(all.map((l) => l.args.value), [1000n, 10n, 20n]);
        assert.equal((await publicClient.getFilterChanges({ filter: history })).length, 2);

        const hashes = await publicClient.getFilterChanges({ filter: blocks });
        const b1 = await publicClient.getBlock({ blockNumber: r1.blockNumber });
        const b2 = await publicClient.getBlock({ blockNumber: r2.blockNumber });
        assert.deepEqual(hashes, [b1.hash, b2.hash]);
        assert.deepEqual(await publicClient.getFilterChanges({ filter: pending }), [h1, h2]);

        assert.equal(await publicClient.uninstallFilter({ filter: contractFilter }), true);
        assert.equal(await publicClient.uninstallFilter({ filter: contractFilter }), false);
        await assert.rejects(publicClient.getFilterChanges({ filter: contractFilter }), /filter not found/);
        await assert.rejects(rpc(node.url, "eth_getFilterChanges", ["0x1234"]), /-32000 filter not found/);
        await assert.rejects(rpc(node.url, "eth_newFilter", [{ fromBlock: "0x9", toBlock: "0x2" }]), /invalid block range params/);
    });
});

test("viem: watchContractEvent over HTTP polls a filter", options, async () => {
    await withNode(async (node) => {
        const clients = viemClients(node.url, node.chainId);
        const { publicClient, walletClient } = clients;
        const c = loadContract("TestToken");
        const deployHash = await walletClient.deployContract({ abi: c.abi, bytecode: c.bytecode, args: ["Viem", "VIE", 1000n] });
        const deployed = await publicClient.waitForTransactionReceipt({ hash: deployHash, timeout: 30000 });
        const token = { address: deployed.contractAddress, abi: c.abi };

        // A client whose requests are recorded, to see which methods viem polls with.
        const methods = [];
        const inflight = new Set();
        const fetchFn = (url, init) => {
            methods.push(JSON.parse(init.body).method);
            const p = fetch(url, init);
            inflight.add(p);
            p.then(() => inflight.delete(p), () => inflight.delete(p));
            return p;
        };
        const chain = defineChain({ id: Number(node.chainId), name: "dev", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [node.url] } } });
        const watcher = createPublicClient({ chain, transport: http(node.url, { retryCount: 0, fetchFn }), pollingInterval: 50 });
        const seen = [];
        const errors = [];
        const unwatch = watcher.watchContractEvent({
            ...token, eventName: "Transfer", onError: (e) => errors.push(e), onLogs: (logs) => seen.push(...logs),
        });
        try {
            // viem creates the filter at its first poll and reads the changes at the next ones.
            await until(() => methods.includes("eth_getFilterChanges"), "eth_getFilterChanges");
            const bob = devAccounts[1].address;
            const hash = await walletClient.writeContract({ ...token, functionName: "transfer", args: [bob, 5n] });
            await publicClient.waitForTransactionReceipt({ hash, timeout: 30000 });
            await until(() => seen.length >= 1, "the Transfer log");
            assert.equal(seen.length, 1);
            assert.equal(seen[0].args.to, bob);
            assert.equal(seen[0].args.value, 5n);
            assert.equal(seen[0].transactionHash, hash);
            assert.deepEqual(errors, []);
            assert.ok(methods.includes("eth_newFilter"));
            assert.ok(!methods.includes("eth_getLogs"), `viem fell back to eth_getLogs: ${methods}`);
        } finally {
            unwatch();
            // viem stops polling only once its eth_uninstallFilter is answered: let it be,
            // before the node goes.
            await until(() => methods.includes("eth_uninstallFilter"), "eth_uninstallFilter");
            await Promise.allSettled([...inflight]);
            await sleep(100);
        }
    });
});
