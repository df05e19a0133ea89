// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound node` driven by viem: deploy TestToken, transfer, readContract (eth_call),
// contract events through eth_getLogs and a WebSocket subscription (watchContractEvent), gas
// estimates, reverts decoded by simulateContract (Error(string) and custom errors), and
// getProof verified in JavaScript against the block's state root.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
    BaseError, ContractFunctionRevertedError, createPublicClient, defineChain, encodeAbiParameters, keccak256, parseAbiItem, webSocket,
} from "viem";

import { loadContract } from "./lib/contracts.mjs";
import { viemClients } from "./lib/flows.mjs";
import { verifyAccountProof, verifyStorageProof } from "./lib/mpt.mjs";
import { devAccounts, nodeUnavailableReason, startNode } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 180000 };

async function withNode(fn) {
    const node = await startNode();
    try {
        await fn(node, viemClients(node.url, node.chainId));
    } catch (err) {
        err.message += `\n--- node output ---\n${node.logs()}`;
        throw err;
    } finally {
        await node.stop();
    }
}

async function deploy({ publicClient, walletClient }, name, args = []) {
    const c = loadContract(name);
    const hash = await walletClient.deployContract({ abi: c.abi, bytecode: c.bytecode, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 30000 });
    assert.equal(receipt.status, "success");
    return { address: receipt.contractAddress, abi: c.abi };
}

/// The ContractFunctionRevertedError inside a viem error, or null.
function revertOf(err) {
    if (!(err instanceof BaseError)) return null;
    return err.walk((e) => e instanceof ContractFunctionRevertedError) ?? null;
}

test("viem: deploy TestToken, transfer, readContract, events through eth_getLogs", options, async () => {
    await withNode(async (node, clients) => {
        const { publicClient, walletClient } = clients;
        const token = await deploy(clients, "TestToken", ["Viem", "VIE", 1000n]);
        const bob = devAccounts[1].address;
        assert.equal(await publicClient.readContract({ ...token, functionName: "symbol" }), "VIE");

        const gas = await publicClient.estimateContractGas({ ...token, functionName: "transfer", args: [bob, 100n], account: walletClient.account });
        assert.ok(gas > 21000n && gas < 100000n, `estimate ${gas}`);
        const hash = await walletClient.writeContract({ ...token, functionName: "transfer", args: [bob, 100n] });
        const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 30000 });
        assert.equal(receipt.status, "success");
        assert.ok(receipt.gasUsed <= gas);
        assert.equal(await publicClient.readContract({ ...token, functionName: "balanceOf", args: [bob] }), 100n);

        const events = await publicClient.getContractEvents({ ...token, eventName: "Transfer", fromBlock: 0n });
        assert.deepEqual(events.map((e) => e.args.value), [1000n, 100n]);
        const toBob = await publicClient.getLogs({
            address: token.address, fromBlock: 0n, toBlock: "latest",
            event: parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)"), args: { to: bob },
        });
        assert.equal(toBob.length, 1);
        assert.equal(toBob[0].transactionHash, hash);
        assert.equal(toBob[0].blockNumber, receipt.blockNumber);

        // A plain transfer through viem's own fill path (eth_fillTransaction answers -32601).
        const sent = await walletClient.sendTransaction({ to: bob, value: 5n });
        assert.equal((await publicClient.waitForTransactionReceipt({ hash: sent, timeout: 30000 })).status, "success");
        const block = await publicClient.getBlock({ blockTag: "latest", includeTransactions: true });
        assert.equal(block.transactions.at(-1).hash, sent);
        // Safe and finalized are the head on a single node.
        assert.equal((await publicClient.getBlock({ blockTag: "finalized" })).hash, block.hash);
    });
});

test("viem: watchContractEvent over a WebSocket", options, async () => {
    await withNode(async (node, clients) => {
        const { publicClient, walletClient } = clients;
        const token = await deploy(clients, "TestToken", ["Viem", "VIE", 1000n]);
        const chain = defineChain({ id: Number(node.chainId), name: "dev", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [node.url], webSocket: [node.wsUrl] } } });
        const ws = createPublicClient({ chain, transport: webSocket(node.wsUrl, { retryCount: 0 }) });
        let unwatch = () => {};
        let unwatchBlocks = () => {};
        try {
            const got = new Promise((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error("no Transfer log over the WebSocket")), 30000);
                unwatch = ws.watchContractEvent({
                    ...token, eventName: "Transfer", onError: reject,
                    onLogs: (logs) => {
                        clearTimeout(timer);
                        resolve(logs);
                    },
                });
            });
            const heads = [];
            unwatchBlocks = ws.watchBlockNumber({ onBlockNumber: (n) => heads.push(n), emitOnBegin: false });
            await new Promise((r) => setTimeout(r, 500));  // the subscriptions are set up
            const bob = devAccounts[1].address;
            const hash = await walletClient.writeContract({ ...token, functionName: "transfer", args: [bob, 7n] });
            const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 30000 });
            const logs = await got;
            assert.equal(logs[0].args.to, bob);
            assert.equal(logs[0].args.value, 7n);
            assert.equal(logs[0].transactionHash, hash);
            await new Promise((r) => setTimeout(r, 200));
            assert.ok(heads.includes(receipt.blockNumber), `heads ${heads}`);
        } finally {
            unwatch();
            unwatchBlocks();
            await new Promise((r) => setTimeout(r, 200));
            const socket = await ws.transport.getRpcClient?.();
            socket?.close?.();
        }
    });
});

test("viem: simulateContract decodes Error(string) and custom errors", options, async () => {
    await withNode(async (node, clients) => {
        const { publicClient, walletClient } = clients;
        const reverter = await deploy(clients, "Reverter");
        const account = walletClient.account;
        await assert.rejects(publicClient.simulateContract({ ...reverter, functionName: "revertWithReason", account }), (err) => revertOf(err)?.reason === "Reverter: always");
        await assert.rejects(publicClient.simulateContract({ ...reverter, functionName: "revertWithCustomError", args: [42n], account }), (err) => {
            const r = revertOf(err);
            return r?.data?.errorName === "Unauthorized" && r.data.args[1] === 42n && r.data.args[0] === account.address;
        });
        await assert.rejects(publicClient.simulateContract({ ...reverter, functionName: "revertEmpty", account }), (err) => revertOf(err)?.data?.errorName === "Empty");
        await assert.rejects(publicClient.estimateContractGas({ ...reverter, functionName: "requirePositive", args: [0n], account }), (err) => revertOf(err)?.reason === "Reverter: value must be positive");
        const { result } = await publicClient.simulateContract({ ...reverter, functionName: "requirePositive", args: [3n], account });
        assert.equal(result, 3n);
    });
});

test("viem: getProof verifies against the block's state root", options, async () => {
    await withNode(async (node, clients) => {
        const { publicClient, walletClient } = clients;
        const token = await deploy(clients, "TestToken", ["Viem", "VIE", 1000n]);
        const bob = devAccounts[1].address;
        const hash = await walletClient.writeContract({ ...token, functionName: "transfer", args: [bob, 321n] });
        const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 30000 });
        const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
        const slot = keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [bob, 3n]));
        const proof = await publicClient.getProof({ address: token.address, storageKeys: [slot], blockNumber: receipt.blockNumber });
        const account = verifyAccountProof(block.stateRoot, proof);
        assert.ok(account);
        assert.equal(verifyStorageProof(account.storageHash, proof.storageProof[0]), 321n);
        assert.equal(proof.storageProof[0].value, 321n);
    });
});
