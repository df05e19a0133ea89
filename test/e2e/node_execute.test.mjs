// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// EXECUTE from a contract on `ultrasound node`: ExecuteCaller (contracts/test) forwards an input
// and the execute fee to 0x…0101. The input is a real L2 block: `ultrasound witness` turns an
// Osaka blockchain fixture block into abi.encode(chainId, preStateRoot, postStateRoot, gasUsed,
// trace). The fee is gasUsed × executeBaseFee, the base fee asked with an eth_call of EXECUTE
// with empty data. Valid input: the output's valid flag is 1 and names the L2 block; a flipped
// post-state root: the flag is 0; too little value: invalid too, and nothing is counted.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { ContractFactory, Wallet, getBytes, hexlify } from "ethers";

import { loadContract } from "./lib/contracts.mjs";
import { ethersProvider } from "./lib/flows.mjs";
import { devAccounts, nodeUnavailableReason, repoRoot, rpc, runUltrasound, startNode } from "./lib/node.mjs";

const EXECUTE = "0x0000000000000000000000000000000000000101";
const fixturesDir = resolve(process.env.ULTRA_FIXTURES ?? join(repoRoot, "..", "shared", "fixtures"));
/// An Osaka blockchain fixture with an L2-eligible block (one CLZ transaction).
const fixture = join(fixturesDir, "blockchain/eest/blockchain_tests/osaka/eip7939_count_leading_zeros/test_clz_stack_underflow.json.gz");

const unavailable = nodeUnavailableReason() ?? (existsSync(fixture) ? null : `fixture missing: ${fixture}`);
const options = { skip: unavailable ?? false, timeout: 180000 };

/// Every file under `dir`, recursively.
function walk(dir) {
    return readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/// The EXECUTE inputs `ultrasound witness` writes for the fixture whose fork is Osaka (our L1's
/// rules), as hex strings.
function osakaInputs() {
    const out = mkdtempSync(join(tmpdir(), "ultrasound-witness-"));
    try {
        const r = runUltrasound(["witness", "--blocktest", fixture, "--out", out]);
        assert.equal(r.status, 0, `ultrasound witness failed:\n${r.stdout}\n${r.stderr}`);
        const inputs = walk(out)
            .filter((p) => p.endsWith(".bin") && readFileSync(p.replace(/\.bin$/, ".fork"), "utf8").trim() === "Osaka")
            .map((p) => hexlify(readFileSync(p)));
        assert.ok(inputs.length > 0, "the fixture gives no Osaka input");
        return inputs;
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
}

/// The ABI words of an input: word 3 is gasUsed, word 2 the post-state root.
const word = (input, i) => hexlify(getBytes(input).slice(32 * i, 32 * (i + 1)));

/// `input` with one byte of the claimed post-state root flipped.
function flipPostStateRoot(input) {
    const bytes = getBytes(input);
    bytes[64 + 5] ^= 0x01;
    return hexlify(bytes);
}

test("EXECUTE from a contract: a fixture block's input is valid, a flipped post root is not", options, async () => {
    const [input] = osakaInputs();
    const gasUsed = BigInt(word(input, 3));
    assert.ok(gasUsed > 0n);

    const node = await startNode();
    const provider = ethersProvider(node.url, node.chainId);
    try {
        const wallet = new Wallet(devAccounts[0].privateKey, provider);
        const artifact = loadContract("ExecuteCaller");
        const caller = await new ContractFactory(artifact.abi, artifact.bytecode, wallet).deploy();
        await caller.waitForDeployment();

        // The fee the next block charges: EXECUTE with empty data, through eth_call, and as the
        // contract sees it.
        const fee = BigInt(await rpc(node.url, "eth_call", [{ to: EXECUTE, data: "0x" }, "latest"]));
        assert.ok(fee >= 1n);
        assert.equal(await caller.executeFee(), fee);

        // Valid.
        const valid = await (await caller.execute(input, { value: gasUsed * fee })).wait();
        assert.equal(valid.status, 1);
        assert.equal(await caller.lastSuccess(), true);
        assert.equal(await caller.lastValid(), true);
        assert.notEqual(await caller.lastBlockHash(), "0x" + "00".repeat(32));
        assert.equal(await caller.lastNumber(), 1n);  // the fixture's block 1
        const event = caller.interface.parseLog(valid.logs.at(-1));
        assert.equal(event.args.valid, true);
        assert.equal(event.args.value, gasUsed * fee);
        // The block object shows the execute gas its calls claimed and the fee they paid.
        const block = await rpc(node.url, "eth_getBlockByNumber", [`0x${valid.blockNumber.toString(16)}`, false]);
        assert.equal(BigInt(block.executeGasUsed), gasUsed);
        assert.equal(BigInt(block.executeBaseFee), fee);
        // The fee was burned: the caller holds nothing, EXECUTE's account kept nothing.
        assert.equal(await provider.getBalance(await caller.getAddress()), 0n);
        assert.equal(await provider.getBalance(EXECUTE), 0n);

        // Invalid: one byte of the claimed post-state root flipped.
        const fee2 = BigInt(await rpc(node.url, "eth_call", [{ to: EXECUTE, data: "0x" }, "latest"]));
        const invalid = await (await caller.execute(flipPostStateRoot(input), { value: gasUsed * fee2 })).wait();
        assert.equal(invalid.status, 1);
        assert.equal(await caller.lastSuccess(), true);
        assert.equal(await caller.lastValid(), false);
        assert.equal(await caller.lastBlockHash(), "0x" + "00".repeat(32));
        const output = await caller.lastOutput();
        assert.equal(output, "0x" + "00".repeat(320));
        const block2 = await rpc(node.url, "eth_getBlockByNumber", [`0x${invalid.blockNumber.toString(16)}`, false]);
        assert.equal(BigInt(block2.executeGasUsed), gasUsed);  // burned and counted all the same

        // Too little value: invalid, and nothing counted.
        const cheap = await (await caller.execute(input, { value: 1n, gasLimit: 2_000_000n })).wait();
        assert.equal(await caller.lastValid(), gasUsed * fee2 <= 1n);
        const block3 = await rpc(node.url, "eth_getBlockByNumber", [`0x${cheap.blockNumber.toString(16)}`, false]);
        assert.equal(BigInt(block3.executeGasUsed), gasUsed * fee2 <= 1n ? gasUsed : 0n);
    } catch (err) {
        err.message += `\n--- node output ---\n${node.logs()}`;
        throw err;
    } finally {
        provider.destroy();
        await node.stop();
    }
});
