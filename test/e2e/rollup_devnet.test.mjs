// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound devnet` end to end with ethers v6: devnet.json's names; a deposit on L1 reaches
// its recipient on L2; an L2 transfer; every L2 block settles on L1 (NativeRollup's head and
// stateRootAt match the L2 node's blocks); two rollups progress independently; a restart on the
// same datadir reuses the deployed contracts and continues the chains.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { test } from "node:test";
import { Contract, Wallet, parseEther } from "ethers";

import { startDevnet, until } from "./lib/devnet.mjs";
import { ethersProvider } from "./lib/flows.mjs";
import { freePort, nodeUnavailableReason, runUltrasound, tempDatadir } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 240000 };

const rollupAbi = [
    "function stateRoot() view returns (bytes32)",
    "function blockNumber() view returns (uint256)",
    "function blockHash() view returns (bytes32)",
    "function stateRootAt(uint256) view returns (bytes32)",
    "function bridge() view returns (address)",
];
const l1BridgeAbi = ["function deposit(address l2Recipient) payable returns (bytes32)"];

/// Waits until the rollup has settled L2 block `n`, then checks that its recorded state root is
/// the L2 node's block `n` state root.
async function assertSettled(l1Rollup, l2, n) {
    await until(async () => (await l1Rollup.blockNumber()) >= BigInt(n), 30000, `L2 block ${n} to settle`);
    const block = await l2.getBlock(n);
    assert.equal(await l1Rollup.stateRootAt(n), block.stateRoot);
}

test("devnet: deposit, L2 transfer, settlement, two rollups, restart", options, async () => {
    const datadir = tempDatadir();
    const port = await freePort();
    let devnet = await startDevnet(datadir, { port });
    try {
        const { config } = devnet;
        // The documented names.
        assert.equal(typeof config.l1.rpc, "string");
        assert.equal(config.l1.chainId, 1337);
        assert.ok(config.accounts.length >= 2 && config.accounts[0].address && config.accounts[0].privateKey);
        assert.equal(config.rollups.length, 2);
        assert.deepEqual(config.rollups.map((r) => r.chainId), [100001, 100002]);
        for (const r of config.rollups)
            for (const k of ["rpc", "chainId", "rollup", "l1Bridge", "l2Bridge"]) assert.ok(r[k] !== undefined, k);

        const l1 = ethersProvider(config.l1.rpc, config.l1.chainId);
        const [r0, r1] = config.rollups;
        const l2 = ethersProvider(r0.rpc, r0.chainId);
        const rollup0 = new Contract(r0.rollup, rollupAbi, l1);
        const rollup1 = new Contract(r1.rollup, rollupAbi, l1);
        assert.equal((await rollup0.bridge()).toLowerCase(), r0.l1Bridge.toLowerCase());
        // Different settings: the first is based, the second sequenced by its proposer (dev
        // account 2) with forced inclusion, governed by account 0.
        const settings = new Contract(r1.rollup, [
            "function sequencing() view returns (uint8)",
            "function isSequencer(address) view returns (bool)",
            "function forcedInclusionDelay() view returns (uint64)",
            "function owner() view returns (address)",
            "function genesisBlockHash() view returns (bytes32)",
        ], l1);
        assert.equal(Number(await new Contract(r0.rollup, ["function sequencing() view returns (uint8)"], l1).sequencing()), 0);
        assert.equal(Number(await settings.sequencing()), 1);
        assert.equal(await settings.isSequencer(config.accounts[2].address), true);
        assert.equal(await settings.isSequencer(config.accounts[1].address), false);
        assert.equal(await settings.forcedInclusionDelay(), 60n);
        assert.equal(await settings.owner(), config.accounts[0].address);
        assert.deepEqual(config.rollups.map((r) => r.sequencing), ["based", "sequenced"]);
        // The genesis files are the deployed genesis.
        for (const r of config.rollups) {
            assert.ok(existsSync(r.genesis), r.genesis);
            assert.equal(JSON.parse(readFileSync(r.genesis, "utf8")).chainId, r.chainId);
            const printed = runUltrasound(["l2-genesis", r.genesis]);
            assert.equal(printed.status, 0, printed.stderr);
            const values = JSON.parse(printed.stdout);
            assert.equal(values.blockHash, r.genesisHash);
            assert.equal(values.blockHash, await new Contract(r.rollup, ["function genesisBlockHash() view returns (bytes32)"], l1).genesisBlockHash());
            assert.equal(values.stateRoot, await new Contract(r.rollup, ["function genesisStateRoot() view returns (bytes32)"], l1).genesisStateRoot());
        }
        assert.equal(Number((await l2.getNetwork()).chainId), 100001);

        // Deposit on L1 → balance on L2 (a fresh recipient key).
        const user = Wallet.createRandom();
        const depositor = new Wallet(config.accounts[9].privateKey, l1);
        const bridge = new Contract(r0.l1Bridge, l1BridgeAbi, depositor);
        const tx = await bridge.deposit(user.address, { value: parseEther("3") });
        assert.equal((await tx.wait()).status, 1);
        await until(async () => (await l2.getBalance(user.address)) === parseEther("3"), 30000, "the deposit on L2");

        // An L2 transfer from the depositee.
        const l2User = user.connect(l2);
        const to = Wallet.createRandom().address;
        const sent = await l2User.sendTransaction({ to, value: parseEther("1") });
        const receipt = await sent.wait();
        assert.equal(receipt.status, 1);
        assert.equal(await l2.getBalance(to), parseEther("1"));

        // Settlement: the transfer's block and the current head.
        await assertSettled(rollup0, l2, receipt.blockNumber);
        const settled = Number(await rollup0.blockNumber());
        assert.equal(await rollup0.stateRoot(), (await l2.getBlock(settled)).stateRoot);
        assert.equal(await rollup0.blockHash(), (await l2.getBlock(settled)).hash);

        // The second rollup progresses on its own chain.
        const l2b = ethersProvider(r1.rpc, r1.chainId);
        await assertSettled(rollup1, l2b, 2);
        assert.equal(await l2b.getBalance(user.address), 0n);

        // Restart on the same datadir: same contracts, the chains continue.
        const headBefore = Number(await rollup0.blockNumber());
        assert.equal((await devnet.stop()).code, 0, devnet.logs());
        devnet = await startDevnet(datadir, { port });
        assert.equal(devnet.config.rollups[0].rollup, r0.rollup);
        assert.equal(devnet.config.rollups[1].rollup, r1.rollup);
        const l2again = ethersProvider(devnet.config.rollups[0].rpc, r0.chainId);
        assert.equal(await l2again.getBalance(to), parseEther("1"));
        const rollup0again = new Contract(r0.rollup, rollupAbi, ethersProvider(devnet.config.l1.rpc, 1337));
        await assertSettled(rollup0again, l2again, headBefore + 2);
    } catch (err) {
        err.message += `\nL1 ${devnet.config.l1.rpc} L2 ${devnet.config.rollups.map((r) => r.rpc).join(" ")}\n--- devnet output ---\n${devnet.logs().slice(-1500)}`;
        throw err;
    } finally {
        await devnet.stop();
        rmSync(datadir, { recursive: true, force: true });
    }
});

test("rollup: bad arguments are refused with exit code 2", options, () => {
    const key = "0x" + "11".repeat(32);
    const rollup = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    let r = runUltrasound(["rollup", "--rollup", "0x1234", "--key", key]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--rollup: not an address/);
    r = runUltrasound(["rollup", "--rollup", rollup, "--key", "0x12"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--key/);
    r = runUltrasound(["rollup", "--mode", "follower", "--rollup", rollup]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /a follower needs --genesis FILE/);
    r = runUltrasound(["rollup", "--mode", "watcher", "--rollup", rollup, "--key", key]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--mode watcher: expected sequencer, proposer or follower/);
    r = runUltrasound(["rollup", "--mode", "proposer", "--rollup", rollup]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--mode proposer needs --key/);
});

test("rollup: an unreachable L1 is a clear error", options, async () => {
    const port = await freePort();
    const datadir = tempDatadir();
    const r = runUltrasound(["rollup", "--l1-rpc", `http://127.0.0.1:${port}`, "--rollup",
        "0x5FbDB2315678afecb367f032d93F642f64180aa3", "--key", "0x" + "11".repeat(32),
        "--datadir", datadir]);
    rmSync(datadir, { recursive: true, force: true });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /L1 at http:\/\/127\.0\.0\.1:\d+: eth_chainId to .*cannot connect/);
});
