// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Persistence of `ultrasound node`: the chain survives kill -9 (a transaction whose receipt was
// returned is never lost), a restart continues the chain, and a datadir that is damaged
// (garbage in CURRENT, in the MANIFEST) or belongs to another chain makes the node exit with a
// non-zero code and a clear message instead of starting.
import assert from "node:assert/strict";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Wallet } from "ethers";

import { ethersProvider } from "./lib/flows.mjs";
import { devAccounts, freePort, nodeArgs, nodeUnavailableReason, rpc, runUltrasound, startNode, tempDatadir } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 180000 };

/// Runs the node on `datadir` expecting it to refuse to start: {status, output}.
async function expectRefusal(datadir, extraArgs = []) {
    const port = await freePort();
    const r = runUltrasound([...nodeArgs({ port, datadir }), ...extraArgs], { timeoutMs: 30000 });
    assert.equal(r.signal, null, `the node did not exit by itself (killed by ${r.signal}):\n${r.stdout}${r.stderr}`);
    assert.notEqual(r.status, 0, `the node started on a bad datadir:\n${r.stdout}${r.stderr}`);
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/// A datadir with a few blocks in it, the node stopped cleanly.
async function datadirWithBlocks() {
    const datadir = tempDatadir();
    const node = await startNode({ datadir });
    try {
        await rpc(node.url, "anvil_mine", ["0x3"]);
        assert.equal(BigInt(await rpc(node.url, "eth_blockNumber")), 3n);
    } finally {
        await node.stop();
    }
    return datadir;
}

test("persistence: kill -9 loses no reported block, and a restart continues the chain", options, async () => {
    const datadir = tempDatadir();
    try {
        const bob = devAccounts[1].address;
        let expected = null;
        for (let round = 0; round < 3; round++) {
            const node = await startNode({ datadir });
            const provider = ethersProvider(node.url, node.chainId);
            try {
                if (expected) {
                    // Everything reported before the kill is there.
                    const head = await provider.getBlock("latest");
                    assert.equal(head.number, expected.number);
                    assert.equal(head.hash, expected.hash);
                    assert.equal(await provider.getBalance(bob), expected.bobBalance);
                    for (const hash of expected.txs) {
                        const r = await provider.getTransactionReceipt(hash);
                        assert.ok(r && r.status === 1, `receipt of ${hash} lost`);
                    }
                }
                const wallet = new Wallet(devAccounts[0].privateKey, provider);
                const txs = [];
                for (let i = 0; i < 3; i++) {
                    const tx = await wallet.sendTransaction({ to: bob, value: 1000n + BigInt(i) });
                    await tx.wait(1, 30000);
                    txs.push(tx.hash);
                }
                await rpc(node.url, "anvil_mine", ["0x2"]);
                // The last receipt was returned: kill at once.
                const head = await provider.getBlock("latest");
                expected = { number: head.number, hash: head.hash, bobBalance: await provider.getBalance(bob), txs: [...(expected?.txs ?? []), ...txs] };
            } finally {
                provider.destroy();
                await node.kill9();
            }
        }
        // A clean restart after the last kill, and the chain goes on.
        const node = await startNode({ datadir });
        try {
            assert.equal(BigInt(await rpc(node.url, "eth_blockNumber")), BigInt(expected.number));
            await rpc(node.url, "evm_mine");
            const head = await rpc(node.url, "eth_getBlockByNumber", ["latest", false]);
            assert.equal(BigInt(head.number), BigInt(expected.number) + 1n);
            assert.equal(head.parentHash, expected.hash);
        } finally {
            await node.stop();
        }
    } finally {
        rmSync(datadir, { recursive: true, force: true });
    }
});

test("persistence: SIGINT and SIGTERM stop the node cleanly with exit code 0", options, async () => {
    const datadir = tempDatadir();
    try {
        for (const signal of ["SIGINT", "SIGTERM"]) {
            const node = await startNode({ datadir });
            await rpc(node.url, "evm_mine");
            const exited = new Promise((resolve) => node.process.once("exit", (code, sig) => resolve({ code, sig })));
            node.process.kill(signal);
            const { code, sig } = await exited;
            assert.equal(sig, null, `killed by ${sig}`);
            assert.equal(code, 0, node.logs());
            assert.match(node.logs(), new RegExp(`Received ${signal}`));
            assert.match(node.logs(), /Stopped at block \d+/);
            await node.stop();
        }
        // Both runs' blocks are there.
        const node = await startNode({ datadir });
        try {
            assert.equal(BigInt(await rpc(node.url, "eth_blockNumber")), 2n);
        } finally {
            await node.stop();
        }
    } finally {
        rmSync(datadir, { recursive: true, force: true });
    }
});

test("persistence: kill -9 during a run of anvil_mine leaves a consistent chain", options, async () => {
    const datadir = tempDatadir();
    try {
        const node = await startNode({ datadir });
        // Kill while a long run of blocks is being committed.
        const mining = rpc(node.url, "anvil_mine", ["0x2710"], { timeoutMs: 60000 }).catch(() => null);
        await new Promise((r) => setTimeout(r, 300));
        await node.kill9();
        await mining;
        const again = await startNode({ datadir });
        try {
            const number = BigInt(await rpc(again.url, "eth_blockNumber"));
            const head = await rpc(again.url, "eth_getBlockByNumber", ["latest", false]);
            assert.equal(BigInt(head.number), number);
            if (number > 0n) {
                const parent = await rpc(again.url, "eth_getBlockByNumber", [`0x${(number - 1n).toString(16)}`, false]);
                assert.equal(head.parentHash, parent.hash);
            }
            // The state at the head is readable and the chain continues.
            assert.ok(BigInt(await rpc(again.url, "eth_getBalance", [devAccounts[0].address, "latest"])) > 0n);
            await rpc(again.url, "evm_mine");
            assert.equal(BigInt(await rpc(again.url, "eth_blockNumber")), number + 1n);
        } finally {
            await again.stop();
        }
    } finally {
        rmSync(datadir, { recursive: true, force: true });
    }
});

test("persistence: garbage in CURRENT is refused with a clear message", options, async () => {
    const datadir = await datadirWithBlocks();
    try {
        writeFileSync(join(datadir, "CURRENT"), "this is not a manifest name\n");
        const { output } = await expectRefusal(datadir);
        assert.match(output, /ultrasound node: datadir .* (damaged|corrupt|cannot be opened)/i);
        assert.ok(output.includes(datadir), output);
    } finally {
        rmSync(datadir, { recursive: true, force: true });
    }
});

test("persistence: garbage in the MANIFEST is refused with a clear message", options, async () => {
    const datadir = await datadirWithBlocks();
    try {
        const manifests = readdirSync(datadir).filter((f) => f.startsWith("MANIFEST-"));
        assert.ok(manifests.length > 0);
        for (const m of manifests) writeFileSync(join(datadir, m), Buffer.alloc(4096, 0xa5));
        const { output } = await expectRefusal(datadir);
        assert.match(output, /ultrasound node: datadir .* (damaged|corrupt|not an ultrasound|cannot be opened)/i);
    } finally {
        rmSync(datadir, { recursive: true, force: true });
    }
});

test("persistence: a datadir of another chain is refused, naming both chains", options, async () => {
    const datadir = await datadirWithBlocks();
    const specFile = join(tempDatadir(), "chain7.json");
    try {
        writeFileSync(specFile, JSON.stringify({ chainId: 7 }));
        const { output } = await expectRefusal(datadir, ["--chain", specFile]);
        assert.match(output, /belongs to chain id 1337 with genesis 0x[0-9a-f]{64}, not chain id 7/);
        // Other dev accounts make another genesis: refused as well.
        const other = await expectRefusal(datadir, ["--accounts", "3"]);
        assert.match(other.output, /belongs to chain id 1337 with genesis/);
        // The original configuration still opens it.
        const node = await startNode({ datadir });
        try {
            assert.equal(BigInt(await rpc(node.url, "eth_blockNumber")), 3n);
        } finally {
            await node.stop();
        }
    } finally {
        rmSync(datadir, { recursive: true, force: true });
        rmSync(join(specFile, ".."), { recursive: true, force: true });
    }
});

test("persistence: a directory that is not a database is refused and left untouched", options, async () => {
    const datadir = tempDatadir();
    try {
        writeFileSync(join(datadir, "notes.txt"), "my files\n");
        const { output } = await expectRefusal(datadir);
        assert.match(output, /not an ultrasound|not a database|no RocksDB/i);
        assert.deepEqual(readdirSync(datadir), ["notes.txt"]);
    } finally {
        rmSync(datadir, { recursive: true, force: true });
    }
});
