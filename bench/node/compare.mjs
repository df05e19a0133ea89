#!/usr/bin/env node
// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound node` against anvil (node_modules/@foundry-rs/anvil, --hardfork osaka), on the
// same machine, with the same client and the same workload, one node at a time:
//   1. raw value transfers per second with automine: N transactions signed in advance are sent
//      with eth_sendRawTransaction by S senders in parallel (each in nonce order, one request in
//      flight per sender), timed until every receipt is there (after a warm-up of 200);
//   2. ERC-20 transfers per second: the same with TestToken.transfer() calls;
//   3. eth_call latency: balanceOf() called M times one after the other, p50 and p99;
//   4. eth_getLogs over 10,000 blocks: blocks with token transfers every 1,000 blocks, the rest
//      mined empty (anvil_mine), then the token's Transfer logs of the last 10,000 blocks.
// Both nodes run chain id 1337 so that the very same signed transactions are sent to each.
// Ours fsyncs every block (its default; anvil keeps everything in memory).
//
// Usage: node bench/node/compare.mjs [--transfers N] [--tokens N] [--calls M] [--senders S]
//                                    [--only ultrasound|anvil] [--ultrasound-url URL] [--timeout S]
// (--ultrasound-url: measure a node started by hand on a fresh devnet datadir, e.g. under a
// profiler, instead of starting one.)
// Environment: ULTRASOUND_BIN / ULTRA_BUILD_DIR as for the e2e tests (test/e2e/lib/node.mjs).
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { HDNodeWallet, Interface, Transaction, getCreateAddress, keccak256, toBeHex } from "ethers";

import { loadContract } from "../../test/e2e/lib/contracts.mjs";
import { anvilBinary, nodeUnavailableReason, startAnvil, startNode } from "../../test/e2e/lib/node.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
    return acc;
}, []));
const N_TRANSFERS = Number(args.transfers ?? 1000);
const N_TOKENS = Number(args.tokens ?? 1000);
const N_CALLS = Number(args.calls ?? 2000);
const SENDERS = Number(args.senders ?? 10);
const WARMUP = 200;
/// How long a receipt may take (anvil's automine falls far behind under this load).
const RECEIPT_TIMEOUT_MS = Number(args.timeout ?? 900) * 1000;
const MNEMONIC = "test test test test test test test test test test test junk";
const LOG_BLOCKS = 10000;
const CHAIN_ID = 1337n;

// ---------------------------------------------------------------------------------------------
// A small JSON-RPC client over keep-alive HTTP (the same for both nodes)
// ---------------------------------------------------------------------------------------------

function client(url) {
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const { hostname, port } = new URL(url);
    let id = 0;
    const call = (method, params = []) => new Promise((resolve, reject) => {
        const body = JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params });
        const req = request({ hostname, port, method: "POST", path: "/", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => {
                try {
                    const r = JSON.parse(Buffer.concat(chunks).toString("utf8"));
                    if (r.error) reject(new Error(`${method}: ${r.error.code} ${r.error.message}`));
                    else resolve(r.result);
                } catch (err) {
                    reject(err);
                }
            });
        });
        req.on("error", reject);
        req.end(body);
    });
    return { call, close: () => agent.destroy() };
}

/// Runs `fn(i)` for i in [0, n) with at most `c` in flight.
async function pool(n, c, fn) {
    let next = 0;
    const worker = async () => {
        while (next < n) await fn(next++);
    };
    await Promise.all([...Array(Math.min(c, n))].map(worker));
}

/// A JSON-RPC quantity (no leading zeros).
const quantity = (n) => `0x${BigInt(n).toString(16)}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Waits until `hash` has a receipt (polling every 2 ms).
async function waitReceipt(rpc, hash, timeoutMs = RECEIPT_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        const r = await rpc.call("eth_getTransactionReceipt", [hash]);
        if (r) return r;
        await sleep(2);
    }
    const tx = await rpc.call("eth_getTransactionByHash", [hash]).catch((e) => e.message);
    const pool = await rpc.call("txpool_status").catch((e) => e.message);
    throw new Error(`no receipt for ${hash} after ${timeoutMs} ms: transaction ${JSON.stringify(tx)}, pool ${JSON.stringify(pool)}`);
}

// ---------------------------------------------------------------------------------------------
// The workload, signed once
// ---------------------------------------------------------------------------------------------

const token = loadContract("TestToken");
const tokenIface = new Interface(token.abi);
/// The senders: the first SENDERS accounts of the dev mnemonic (both nodes fund them).
const senders = [...Array(SENDERS).keys()].map((i) => HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`));
const nonces = senders.map(() => 0);
const owner = 0;  // sender 0 deploys the token

/// Signs the next transaction of sender `s` (nonces in signing order, which is sending order).
function sign(s, fields) {
    const tx = Transaction.from({
        type: 2, chainId: CHAIN_ID, nonce: nonces[s]++, maxFeePerGas: 100_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, ...fields,
    });
    tx.signature = senders[s].signingKey.sign(tx.unsignedHash);
    return { raw: tx.serialized, hash: tx.hash };
}

/// `count` transactions spread over the senders: one list per sender, each in nonce order.
function perSender(count, build) {
    const lists = senders.map(() => []);
    for (let i = 0; i < count; i++) {
        const s = i % senders.length;
        lists[s].push(sign(s, build(i)));
    }
    return lists;
}

function recipient(i) {
    return "0x" + keccak256(toBeHex(i + 1, 32)).slice(26);
}

console.error(`signing ${WARMUP + N_TRANSFERS} transfers and ${N_TOKENS + 10 * 50 + SENDERS} token transactions...`);
const warmup = perSender(WARMUP, (i) => ({ to: recipient(900000 + i), value: 1n, gasLimit: 21000n }));
const transfers = perSender(N_TRANSFERS, (i) => ({ to: recipient(i), value: 1n, gasLimit: 21000n }));
const tokenAddress = getCreateAddress({ from: senders[owner].address, nonce: nonces[owner] });
const deployTx = sign(owner, { data: token.bytecode + tokenIface.encodeDeploy(["Bench", "BNC", 10n ** 30n]).slice(2), gasLimit: 2_000_000n });
/// The owner hands every other sender tokens to move.
const funding = senders.map((w, s) => (s === owner ? null : sign(owner, { to: tokenAddress, gasLimit: 80000n, data: tokenIface.encodeFunctionData("transfer", [w.address, 10n ** 27n]) }))).filter(Boolean);
const tokenTransfers = perSender(N_TOKENS, (i) => ({
    to: tokenAddress, gasLimit: 80000n, data: tokenIface.encodeFunctionData("transfer", [recipient(i), 1n]),
}));
const logRounds = [...Array(10)].map((_, k) => perSender(50, (i) => ({
    to: tokenAddress, gasLimit: 80000n, data: tokenIface.encodeFunctionData("transfer", [recipient(100000 + 50 * k + i), 1n]),
})));

// ---------------------------------------------------------------------------------------------
// One node
// ---------------------------------------------------------------------------------------------

/// Sends every sender's list (one sender per worker, in nonce order, so SENDERS requests are in
/// flight), then waits for every receipt; returns transactions per second.
async function sendAll(rpc, lists) {
    const total = lists.reduce((n, l) => n + l.length, 0);
    const t0 = performance.now();
    await Promise.all(lists.map(async (list) => {
        for (const tx of list) await rpc.call("eth_sendRawTransaction", [tx.raw]);
    }));
    if (process.env.BENCH_VERBOSE) console.error(`  sent ${total} in ${(performance.now() - t0).toFixed(0)} ms`);
    // Each sender's last transaction is mined last; then check them all.
    await Promise.all(lists.filter((l) => l.length).map((l) => waitReceipt(rpc, l.at(-1).hash)));
    const all = lists.flat();
    await pool(all.length, 32, async (i) => {
        const r = await waitReceipt(rpc, all[i].hash);
        if (r.status !== "0x1") throw new Error(`transaction ${all[i].hash} failed`);
    });
    if (process.env.BENCH_VERBOSE) console.error(`  all receipts after ${(performance.now() - t0).toFixed(0)} ms`);
    return total / ((performance.now() - t0) / 1000);
}

function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function measure(node) {
    const rpc = client(node.url);
    const out = {};
    try {
        if (BigInt(await rpc.call("eth_chainId")) !== CHAIN_ID) throw new Error(`${node.name} is not on chain ${CHAIN_ID}`);
        console.error(`[${node.name}] value transfers...`);
        await sendAll(rpc, warmup);
        out.transfers = await sendAll(rpc, transfers);

        console.error(`[${node.name}] ERC-20 transfers...`);
        await rpc.call("eth_sendRawTransaction", [deployTx.raw]);
        const deployed = await waitReceipt(rpc, deployTx.hash);
        if (deployed.contractAddress?.toLowerCase() !== tokenAddress.toLowerCase()) throw new Error("the token is not where expected");
        await sendAll(rpc, [funding]);
        out.tokens = await sendAll(rpc, tokenTransfers);

        console.error(`[${node.name}] eth_call latency...`);
        const data = tokenIface.encodeFunctionData("balanceOf", [senders[owner].address]);
        for (let i = 0; i < 200; i++) await rpc.call("eth_call", [{ to: tokenAddress, data }, "latest"]);  // warm-up
        const lat = [];
        for (let i = 0; i < N_CALLS; i++) {
            const t = performance.now();
            const r = await rpc.call("eth_call", [{ to: tokenAddress, data }, "latest"]);
            lat.push(performance.now() - t);
            if (i === 0 && BigInt(r) === 0n) throw new Error("balanceOf returned 0");
        }
        lat.sort((a, b) => a - b);
        out.callP50 = percentile(lat, 50);
        out.callP99 = percentile(lat, 99);

        console.error(`[${node.name}] mining ${LOG_BLOCKS} blocks with logs...`);
        const tMine = performance.now();
        for (let k = 0; k < 10; k++) {
            await sendAll(rpc, logRounds[k]);
            await rpc.call("anvil_mine", [quantity(LOG_BLOCKS / 10)]);
        }
        out.mineSeconds = (performance.now() - tMine) / 1000;
        const head = BigInt(await rpc.call("eth_blockNumber"));
        const from = head - BigInt(LOG_BLOCKS) + 1n;
        const filter = { address: tokenAddress, fromBlock: quantity(from), toBlock: quantity(head), topics: [tokenIface.getEvent("Transfer").topicHash] };
        const times = [];
        let count = 0;
        for (let i = 0; i < 5; i++) {
            const t = performance.now();
            const logs = await rpc.call("eth_getLogs", [filter]);
            times.push(performance.now() - t);
            count = logs.length;
        }
        times.sort((a, b) => a - b);
        out.getLogsMs = times[2];
        out.getLogsCount = count;
        // Every filter-matching log in the range: the transfers of the last 10,000 blocks.
        const expectedMin = 10 * 50 - 50;
        if (count < expectedMin) throw new Error(`eth_getLogs returned ${count} logs, expected at least ${expectedMin}`);
    } finally {
        rpc.close();
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Both, and the table
// ---------------------------------------------------------------------------------------------

const results = {};
if (args.only !== "anvil") {
    if (args["ultrasound-url"]) {
        // A node started by hand (on a fresh chain 1337 datadir): for profiling it.
        results.ultrasound = await measure({ name: "ultrasound node", url: args["ultrasound-url"] });
    } else {
        const why = nodeUnavailableReason();
        if (why) throw new Error(why);
        const node = await startNode({ args: ["--silent"] });
        try {
            results.ultrasound = await measure(node);
        } finally {
            await node.stop();
        }
    }
}
if (args.only !== "ultrasound") {
    if (!anvilBinary()) throw new Error("node_modules/.bin/anvil is missing: run scripts/install-deps");
    const node = await startAnvil({ args: ["--chain-id", String(CHAIN_ID)] });
    try {
        results.anvil = await measure(node);
    } finally {
        await node.stop();
    }
}

const rows = [
    ["value transfers/s (automine)", "transfers", (v) => v.toFixed(0), true],
    ["ERC-20 transfers/s (automine)", "tokens", (v) => v.toFixed(0), true],
    ["eth_call p50 (ms)", "callP50", (v) => v.toFixed(3), false],
    ["eth_call p99 (ms)", "callP99", (v) => v.toFixed(3), false],
    [`eth_getLogs over ${LOG_BLOCKS} blocks (ms)`, "getLogsMs", (v) => v.toFixed(1), false],
    [`mining ${LOG_BLOCKS} blocks with logs (s)`, "mineSeconds", (v) => v.toFixed(2), false],
];
const u = results.ultrasound;
const a = results.anvil;
console.log(`\nultrasound node vs anvil — ${N_TRANSFERS} transfers, ${N_TOKENS} ERC-20 transfers, ${N_CALLS} calls, ${SENDERS} senders in parallel`);
console.log("| workload | ultrasound | anvil | ultrasound / anvil |");
console.log("|---|---:|---:|---:|");
for (const [label, key, fmt, higherIsBetter] of rows) {
    const uv = u?.[key];
    const av = a?.[key];
    let ratio = "";
    if (uv !== undefined && av !== undefined) {
        const r = higherIsBetter ? uv / av : av / uv;
        ratio = `${r.toFixed(2)}× ${higherIsBetter ? "" : "(faster)"}`.trim();
    }
    console.log(`| ${label} | ${uv === undefined ? "-" : fmt(uv)} | ${av === undefined ? "-" : fmt(av)} | ${ratio} |`);
}
console.log("\n(ratios > 1 mean ultrasound is better: more per second, or less time)");
