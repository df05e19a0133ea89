// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Checks the harness itself against anvil (the reference dev node shipped in node_modules): the
// same start/wait/stop cycle and client flow the ultrasound tests use, plus the contract
// artifacts the build compiles.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { test } from "node:test";
import { ContractFactory, Interface, Wallet } from "ethers";

import { loadContract } from "./lib/contracts.mjs";
import { ethersProvider, smokeFlow } from "./lib/flows.mjs";
import { anvilBinary, devAccounts, freePort, nodeUnavailableReason, rpc, startAnvil } from "./lib/node.mjs";

const noAnvil = anvilBinary() ? false : "node_modules/.bin/anvil is missing (run scripts/install-deps)";

test("harness: anvil starts on a free port, answers eth_chainId and stops", { skip: noAnvil, timeout: 60000 }, async () => {
    const node = await startAnvil();
    assert.equal(node.chainId, 31337n);
    assert.match(node.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(BigInt(await rpc(node.url, "eth_blockNumber")), 0n);
    const exit = await node.stop();
    assert.ok(exit.signal === "SIGTERM" || exit.code === 0, `anvil stopped: ${JSON.stringify(exit)}`);
    await assert.rejects(rpc(node.url, "eth_chainId", [], { timeoutMs: 1000 }));
});

test("harness: the smoke flow passes against anvil", { skip: noAnvil, timeout: 120000 }, async () => {
    const node = await startAnvil();
    try {
        await smokeFlow(node);
    } finally {
        await node.stop();
    }
});

test("harness: the test contracts deploy and behave on anvil", { skip: noAnvil, timeout: 120000 }, async () => {
    const node = await startAnvil();
    const provider = ethersProvider(node.url, node.chainId);
    try {
        const wallet = new Wallet(devAccounts[0].privateKey, provider);
        const deploy = async (name, ...args) => {
            const c = loadContract(name);
            const contract = await new ContractFactory(c.abi, c.bytecode, wallet).deploy(...args);
            await contract.waitForDeployment();
            assert.equal(await provider.getCode(await contract.getAddress()), c.deployedBytecode);
            return contract;
        };

        const token = await deploy("TestToken", "Test", "TST", 1000n);
        const receipt = await (await token.transfer(devAccounts[1].address, 250n)).wait();
        const transfer = token.interface.parseLog(receipt.logs[0]);
        assert.equal(transfer.name, "Transfer");
        assert.equal(transfer.args.value, 250n);
        assert.equal(await token.balanceOf(devAccounts[1].address), 250n);

        const reverter = await deploy("Reverter");
        await assert.rejects(reverter.revertWithReason(), (err) => err.reason === "Reverter: always");
        await assert.rejects(reverter.revertWithCustomError(42n), (err) => {
            const decoded = new Interface(loadContract("Reverter").abi).parseError(err.data);
            return decoded.name === "Unauthorized" && decoded.args.code === 42n;
        });

        const storage = await deploy("Storage", 7n);
        await (await storage.set(99n)).wait();
        assert.equal(await storage.value(), 99n);
        assert.equal(BigInt(await provider.getStorage(await storage.getAddress(), 0)), 99n);
    } finally {
        provider.destroy();
        await node.stop();
    }
});

test("harness: the node check explains why ultrasound node is unavailable", () => {
    assert.match(nodeUnavailableReason("/nonexistent/ultrasound"), /does not exist/);
    if (existsSync("/bin/true")) assert.match(nodeUnavailableReason("/bin/true"), /no node command/);
});

test("harness: freePort gives a port that can be listened on", async () => {
    const port = await freePort();
    assert.ok(port > 0 && port < 65536);
    const srv = createServer();
    await new Promise((ok, fail) => srv.once("error", fail).listen(port, "127.0.0.1", ok));
    assert.equal(srv.address().port, port);
    await new Promise((ok) => srv.close(ok));
});
