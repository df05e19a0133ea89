// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The rollup node's three modes end to end on `ultrasound devnet`'s L1, with ethers v6:
// - a follower started from scratch derives the sequencer's chain from L1 alone (same hashes and
//   state roots as the sequencer and NativeRollup.stateRootAt), refuses transactions, continues
//   after a restart on its datadir, and refuses a genesis file that is not the rollup's;
// - a censoring sequencer (--ignore-inbox) of a Sequenced rollup loses its exclusivity once an
//   enqueued transaction is overdue: a based proposer includes it, then exclusivity is back;
// - two based proposers competing on one Based rollup (with a follower) keep one chain: every
//   transaction included once, one settlement per L2 block number, the same head everywhere.
// Each test deploys or uses its own rollup on its own devnet; expected values are computed here
// (genesis values, amounts, event topics), never taken from the node under test.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
    Contract, ContractFactory, Wallet, ZeroAddress, id, keccak256, parseEther, parseUnits, toBeHex, toQuantity,
} from "ethers";

import { loadContract } from "./lib/contracts.mjs";
import { startDevnet, until } from "./lib/devnet.mjs";
import { ethersProvider } from "./lib/flows.mjs";
import { freePort, nodeUnavailableReason, rpc, tempDatadir } from "./lib/node.mjs";
import { l2Genesis, runRollupToExit, startRollup } from "./lib/rollup.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 120000 };

/// docs/rollup.md: the events of NativeRollup, by their declared signatures.
const BLOCK_ADVANCED_TOPIC = id("BlockAdvanced(uint256,bytes32,bytes32,address,uint256)");
const ENQUEUED_TOPIC = id("TransactionEnqueued(uint256,bytes32,address,bytes)");
const INCLUDED_TOPIC = id("QueuedTransactionIncluded(uint256,bytes32,uint256)");
const l1BridgeAbi = ["function deposit(address l2Recipient) payable returns (bytes32)"];

/// One JSON-RPC call over HTTP: the whole response body ({result} or {error}).
async function rpcBody(url, method, params = []) {
    const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        signal: AbortSignal.timeout(5000),
    });
    return res.json();
}

/// The L2 head number of the node at `url`.
async function headNumber(url) {
    return Number(await rpc(url, "eth_blockNumber"));
}

/// The node's block `n` (header only), or null.
async function blockAt(url, n, full = false) {
    return rpc(url, "eth_getBlockByNumber", [toQuantity(n), full]);
}

/// A transaction's receipt on the node at `url`, or null.
async function receiptOn(url, hash) {
    return rpc(url, "eth_getTransactionReceipt", [hash]);
}

/// A signed L2 transfer (EIP-1559) from `wallet`: fixed gas and fees (the L2 base fee starts at
/// 1 gwei and only falls under empty blocks), so nothing is asked of a node.
function signTransfer(wallet, { chainId, nonce, to, value }) {
    return wallet.signTransaction({
        type: 2, chainId, nonce, to, value, gasLimit: 21000,
        maxFeePerGas: parseUnits("3", "gwei"), maxPriorityFeePerGas: parseUnits("1", "gwei"),
    });
}

/// Everything a test starts, stopped and removed in `finally` (rollup nodes first, then the
/// devnet), with the tails of their outputs appended to a failure.
class Scope {
    constructor() {
        this.devnet = null;
        this.nodes = [];
        this.dirs = [];
        this.providers = [];
    }

    /// A fresh temporary directory, removed at the end.
    dir() {
        const d = tempDatadir();
        this.dirs.push(d);
        return d;
    }

    /// An ethers provider, destroyed at the end.
    provider(url, chainId) {
        const p = ethersProvider(url, chainId);
        this.providers.push(p);
        return p;
    }

    /// Starts `ultrasound rollup` (lib/rollup.mjs startRollup options), stopped at the end.
    async rollup(opts) {
        const node = await startRollup(opts);
        this.nodes.push(node);
        return node;
    }

    describe() {
        let s = "";
        for (const n of this.nodes) s += `\n--- ${n.name} (${n.url}) output ---\n${n.logs().slice(-2500)}`;
        if (this.devnet) s += `\n--- devnet output ---\n${this.devnet.logs().slice(-1500)}`;
        return s;
    }

    async close() {
        for (const p of this.providers) p.destroy();
        await Promise.all(this.nodes.map((n) => n.stop()));
        if (this.devnet) await this.devnet.stop();
        if (!process.env.ULTRA_E2E_KEEP) for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
    }
}

/// Starts a one-rollup devnet (free port, temporary datadir, 0.5 s L2 blocks), runs
/// `body(config, scope)` and stops everything.
async function withDevnet(body) {
    const scope = new Scope();
    try {
        scope.devnet = await startDevnet(scope.dir(), { rollups: 1, port: await freePort(), blockTime: 0.5 });
        await body(scope.devnet.config, scope);
    } catch (err) {
        err.message += scope.describe();
        throw err;
    } finally {
        await scope.close();
    }
}

/// Writes an L2 genesis file (src/ultra/node/l2_genesis.hpp) into `dir`: `chainId`, and `alloc`
/// of {address: wei}.
function writeGenesis(dir, name, chainId, alloc) {
    const file = join(dir, name);
    const entries = Object.entries(alloc).map(([a, wei]) => [a, { balance: toBeHex(wei) }]);
    writeFileSync(file, JSON.stringify({ chainId, alloc: Object.fromEntries(entries) }, null, 2));
    return file;
}

/// Deploys a NativeRollup from `deployer` for the genesis `g` (l2Genesis()): the policy of
/// `config` over the defaults (Proposer coinbase, no governance, 30M gas, default EXECUTE).
async function deployRollup(deployer, g, config) {
    const artifact = loadContract("NativeRollup");
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
    const deployed = await factory.deploy({
        chainId: g.chainId, l2GasLimit: 30_000_000, sequencing: 0, sequencers: [], forcedInclusionDelay: 0,
        coinbasePolicy: 0, treasury: ZeroAddress, governance: 0, owner: ZeroAddress, timelockDelay: 0,
        stateRootHistory: 0, execute: ZeroAddress, ...config,
    }, g.stateRoot, g.blockHash);
    await deployed.waitForDeployment();
    const rollup = new Contract(await deployed.getAddress(), artifact.abi, deployer.provider);
    assert.equal(await rollup.genesisBlockHash(), g.blockHash);
    assert.equal(await rollup.stateRoot(), g.stateRoot);
    assert.equal(await rollup.blockNumber(), 0n);
    return rollup;
}

/// Every BlockAdvanced event of `rollup` so far: {number, blockHash, stateRoot, proposer,
/// l1Block, l1Tx}, in L1 order.
async function settlements(l1, rollup) {
    const logs = await l1.getLogs({ address: await rollup.getAddress(), fromBlock: 0, toBlock: "latest", topics: [BLOCK_ADVANCED_TOPIC] });
    return logs.map((log) => {
        const ev = rollup.interface.parseLog(log);
        return {
            number: Number(ev.args.number), blockHash: ev.args.blockHash, stateRoot: ev.args.stateRoot,
            proposer: ev.args.proposer, l1Block: log.blockNumber, l1Tx: log.transactionHash,
        };
    });
}

/// Waits until the node at `url` has L2 block `n` and returns it.
async function waitForBlock(url, n, ms, what) {
    await until(async () => (await headNumber(url)) >= n, ms, `${what} to reach L2 block ${n}`);
    return blockAt(url, n);
}

test("rollup modes: a follower from scratch reaches the sequencer's state root; a wrong genesis is refused", options, () => withDevnet(async (config, scope) => {
    const [r] = config.rollups;
    const l1 = scope.provider(config.l1.rpc, config.l1.chainId);
    const l2 = scope.provider(r.rpc, r.chainId);
    const rollup = new Contract(r.rollup, loadContract("NativeRollup").abi, l1);

    // The genesis file devnet wrote is the rollup's.
    const g = l2Genesis(r.genesis);
    assert.equal(g.chainId, r.chainId);
    assert.equal(g.blockHash, r.genesisHash);
    assert.equal(await rollup.genesisBlockHash(), g.blockHash);
    assert.equal(await rollup.genesisStateRoot(), g.stateRoot);

    // A genesis file of another chain id, and one with an extra alloc entry: refused at start.
    const dir = scope.dir();
    const base = JSON.parse(readFileSync(r.genesis, "utf8"));
    const otherChainId = r.chainId + 1;
    const otherChain = join(dir, "other-chain.json");
    writeFileSync(otherChain, JSON.stringify({ ...base, chainId: otherChainId }));
    const extraAlloc = join(dir, "extra-alloc.json");
    writeFileSync(extraAlloc, JSON.stringify({ ...base, alloc: { ...base.alloc, [Wallet.createRandom().address]: { balance: "0x1" } } }));
    const extraHash = l2Genesis(extraAlloc).blockHash;
    assert.notEqual(extraHash, r.genesisHash);
    const refused = await Promise.all([otherChain, extraAlloc].map((genesis) => runRollupToExit({
        mode: "follower", l1Rpc: config.l1.rpc, rollup: r.rollup, genesis, datadir: scope.dir(),
    })));
    for (const res of refused) {
        assert.equal(res.signal, null, res.output);
        assert.notEqual(res.code, 0, res.output);
        assert.match(res.output, /genesis/i);
        assert.doesNotMatch(res.output, /L2 JSON-RPC:/);
    }
    assert.match(refused[0].output, new RegExp(`chain id ${otherChainId}\\b.*\\b${r.chainId}\\b`));
    // The message names both genesis hashes: the deployed one and the file's.
    assert.ok(refused[1].output.includes(r.genesisHash.slice(2)), refused[1].output);
    assert.ok(refused[1].output.includes(extraHash.slice(2)), refused[1].output);

    // Content: a deposit for the user (account 5: accounts 0 and 1 are the devnet's), then an L2
    // transfer from it.
    const user = config.accounts[5];
    const deposited = parseEther("2");
    const bridge = new Contract(r.l1Bridge, l1BridgeAbi, new Wallet(user.privateKey, l1));
    assert.equal((await (await bridge.deposit(user.address, { value: deposited })).wait()).status, 1);
    await until(async () => (await l2.getBalance(user.address)) === deposited, 30000, "the deposit on L2");
    const recipient = Wallet.createRandom().address;
    const amount = parseEther("0.5");
    const l2User = new Wallet(user.privateKey, l2);
    const response = await l2User.sendTransaction({ to: recipient, value: amount });
    const transfer = await response.wait();
    assert.equal(transfer.status, 1);
    assert.equal(transfer.gasUsed, 21000n);
    await until(async () => (await rollup.blockNumber()) >= BigInt(transfer.blockNumber), 30000, "the transfer to settle");

    // A follower from scratch.
    const datadir = scope.dir();
    const followerOptions = {
        name: "follower", mode: "follower", l1Rpc: config.l1.rpc, rollup: r.rollup, genesis: r.genesis, datadir, blockTime: 0.2,
    };
    let follower = await scope.rollup(followerOptions);
    assert.equal(Number(await rpc(follower.url, "eth_chainId")), r.chainId);
    assert.equal((await blockAt(follower.url, 0)).hash, r.genesisHash);
    const n = Number(await rollup.blockNumber());
    assert.ok(n >= transfer.blockNumber);
    const ours = await waitForBlock(follower.url, n, 40000, "the follower");
    const theirs = await blockAt(r.rpc, n);
    assert.equal(ours.hash, theirs.hash);
    assert.equal(ours.stateRoot, theirs.stateRoot);
    assert.equal(ours.stateRoot, await rollup.stateRootAt(n));
    // The transfer, re-executed by the follower.
    const derived = await receiptOn(follower.url, transfer.hash);
    assert.equal(Number(derived.status), 1);
    assert.equal(derived.blockHash, transfer.blockHash);
    // Balances at block n: the recipient got the amount; the user paid it and the fee (EIP-1559:
    // 21000 gas at the block's base fee plus the tip it signed, capped by its fee cap).
    const baseFee = BigInt((await blockAt(follower.url, transfer.blockNumber)).baseFeePerGas);
    const tip = response.maxPriorityFeePerGas < response.maxFeePerGas - baseFee ? response.maxPriorityFeePerGas : response.maxFeePerGas - baseFee;
    const fee = 21000n * (baseFee + tip);
    for (const url of [follower.url, r.rpc]) {
        assert.equal(BigInt(await rpc(url, "eth_getBalance", [recipient, toQuantity(n)])), amount);
        assert.equal(BigInt(await rpc(url, "eth_getBalance", [user.address, toQuantity(n)])), deposited - amount - fee);
    }

    // A follower pools nothing: eth_sendRawTransaction is a JSON-RPC error.
    const raw = await l2User.signTransaction(await l2User.populateTransaction({ to: recipient, value: 1n }));
    const body = await rpcBody(follower.url, "eth_sendRawTransaction", [raw]);
    assert.equal(body.result, undefined);
    assert.equal(typeof body.error?.code, "number", JSON.stringify(body));
    assert.match(body.error.message, /follower/);
    assert.equal(await rpc(follower.url, "eth_getTransactionByHash", [keccak256(raw)]), null);

    // Stopped and restarted on the same datadir: it continues from where it was.
    const before = await headNumber(follower.url);
    assert.ok(before >= n);
    const exit = await follower.stop();
    assert.equal(exit.code, 0, follower.logs());
    const stoppedAt = Number(/Stopped at L2 block (\d+)/.exec(follower.logs())?.[1]);
    assert.ok(stoppedAt >= before, follower.logs());
    follower = await scope.rollup({ ...followerOptions, name: "follower (restarted)" });
    assert.ok((await headNumber(follower.url)) >= stoppedAt);
    assert.equal(BigInt(await rpc(follower.url, "eth_getBalance", [recipient, "latest"])), amount);
    const later = await waitForBlock(follower.url, stoppedAt + 2, 30000, "the restarted follower");
    assert.equal(later.hash, (await waitForBlock(r.rpc, stoppedAt + 2, 30000, "the sequencer")).hash);
}));

test("rollup modes: a censoring sequencer loses exclusivity after the forced-inclusion deadline", options, () => withDevnet(async (config, scope) => {
    const l1 = scope.provider(config.l1.rpc, config.l1.chainId);
    // Accounts 0 and 1 are the devnet's: S sequences, P proposes, U uses the L2, D deploys.
    const [S, P, U, D] = [6, 7, 8, 9].map((i) => config.accounts[i]);
    const chainId = 4242;
    const genesis = writeGenesis(scope.dir(), "genesis.json", chainId,
        { [S.address]: parseEther("100"), [P.address]: parseEther("100"), [U.address]: parseEther("100") });
    const g = l2Genesis(genesis);
    assert.equal(g.chainId, chainId);
    const delay = 3;
    const rollup = await deployRollup(new Wallet(D.privateKey, l1), g, { sequencing: 1, sequencers: [S.address], forcedInclusionDelay: delay });
    const address = await rollup.getAddress();
    assert.equal(await rollup.isSequencer(S.address), true);
    assert.equal(await rollup.isSequencer(P.address), false);

    const common = { l1Rpc: config.l1.rpc, rollup: address, genesis, blockTime: 0.5 };
    // The proposing modes check their genesis too: the dev genesis (no --genesis: it funds only
    // the key's address) and the devnet rollup's file (chain id 100001) are refused.
    const wrong = await Promise.all([
        runRollupToExit({ ...common, mode: "proposer", key: P.privateKey, genesis: null, datadir: scope.dir() }),
        runRollupToExit({ ...common, mode: "sequencer", key: S.privateKey, genesis: config.rollups[0].genesis, datadir: scope.dir() }),
    ]);
    for (const res of wrong) {
        assert.equal(res.signal, null, res.output);
        assert.notEqual(res.code, 0, res.output);
        assert.doesNotMatch(res.output, /L2 JSON-RPC:/);
    }
    assert.match(wrong[0].output, new RegExp(`deployed with L2 genesis ${g.blockHash}`));
    assert.match(wrong[1].output, new RegExp(`chain id ${config.rollups[0].chainId}\\b.*\\b${chainId}\\b`));
    const sequencer = await scope.rollup({ ...common, name: "sequencer", mode: "sequencer", key: S.privateKey, ignoreInbox: true, datadir: scope.dir() });
    const proposer = await scope.rollup({ ...common, name: "proposer", mode: "proposer", key: P.privateKey, datadir: scope.dir() });
    assert.match(sequencer.logs(), /Inbox:\s+IGNORED/);

    // The sequencer advances; the proposer may not, and follows.
    await until(async () => (await rollup.blockNumber()) >= 3n, 30000, "the sequencer to settle 3 blocks");
    await until(() => /not proposing: not a sequencer/.test(proposer.logs()), 20000, "the proposer to say it may not advance");
    await waitForBlock(proposer.url, 3, 20000, "the proposer");
    assert.ok((await settlements(l1, rollup)).every((s) => s.proposer === S.address));

    // U's L2 transfer, signed for chain 4242 with U's L2 nonce, enqueued on L1.
    const u = new Wallet(U.privateKey);
    assert.equal(Number(await rpc(sequencer.url, "eth_getTransactionCount", [U.address, "latest"])), 0);
    const to = Wallet.createRandom().address;
    const value = parseEther("1");
    const signed = await signTransfer(u, { chainId, nonce: 0, to, value });
    const txHash = keccak256(signed);
    const enqueued = await (await rollup.connect(new Wallet(U.privateKey, l1)).enqueue(signed)).wait();
    assert.equal(enqueued.status, 1);
    const queuedEvents = enqueued.logs.filter((log) => log.topics[0] === ENQUEUED_TOPIC).map((log) => rollup.interface.parseLog(log));
    assert.equal(queuedEvents.length, 1);
    assert.equal(queuedEvents[0].args.index, 0n);
    assert.equal(queuedEvents[0].args.txHash, txHash);
    assert.equal(queuedEvents[0].args.sender, U.address);
    assert.equal(queuedEvents[0].args.signedTx, signed);
    const queuedAt = (await l1.getBlock(enqueued.blockNumber)).timestamp;
    assert.equal(await rollup.inboxLength(), 1n);
    assert.equal(await rollup.forcedInclusionOpen({ blockTag: enqueued.blockNumber }), false);

    // After the deadline, the transaction is included on L2, by P.
    const found = await until(async () => {
        for (const node of [sequencer, proposer]) {
            const rc = await receiptOn(node.url, txHash);
            if (rc) return rc;
        }
        return null;
    }, 45000, "the enqueued transaction to be included on L2");
    assert.equal(Number(found.status), 1);
    const k = Number(found.blockNumber);
    const all = await settlements(l1, rollup);
    const atK = all.filter((s) => s.number === k);
    assert.equal(atK.length, 1);
    assert.equal(atK[0].proposer, P.address);
    assert.equal(atK[0].blockHash, found.blockHash);
    // Settled after the deadline, in L1 time; every block before it is the sequencer's.
    assert.ok((await l1.getBlock(atK[0].l1Block)).timestamp > queuedAt + delay);
    assert.ok(all.filter((s) => s.number < k).every((s) => s.proposer === S.address));
    assert.ok(all.filter((s) => s.number < k).length >= 3);
    const included = (await l1.getTransactionReceipt(atK[0].l1Tx)).logs.filter((log) => log.topics[0] === INCLUDED_TOPIC)
        .map((log) => rollup.interface.parseLog(log));
    assert.equal(included.length, 1);
    assert.deepEqual([...included[0].args], [0n, txHash, BigInt(k)]);
    assert.equal(await rollup.inboxHead(), 1n);
    assert.equal(await rollup.forcedInclusionOpen(), false);
    // Only the inbox transaction's block is P's: exclusivity is back.
    for (const node of [sequencer, proposer]) {
        await waitForBlock(node.url, k, 20000, node.name);
        assert.equal(BigInt(await rpc(node.url, "eth_getBalance", [to, "latest"])), value);
        assert.equal((await receiptOn(node.url, txHash)).blockHash, found.blockHash);
    }

    // The sequencer goes on: it settles blocks after k, and its head is L1's again.
    await until(async () => (await settlements(l1, rollup)).some((s) => s.number > k + 1 && s.proposer === S.address),
        30000, "the sequencer to settle blocks after the forced inclusion");
    await until(async () => {
        const at = await l1.getBlockNumber();
        const number = Number(await rollup.blockNumber({ blockTag: at }));
        const hash = await rollup.blockHash({ blockTag: at });
        return (await headNumber(sequencer.url)) === number && (await blockAt(sequencer.url, number))?.hash === hash;
    }, 20000, "the sequencer's head to be the rollup's");
    const final = await settlements(l1, rollup);
    assert.deepEqual(final.filter((s) => s.proposer === P.address).map((s) => s.number), [k]);
    assert.deepEqual(final.map((s) => s.number), final.map((_, i) => i + 1));
    assert.match(proposer.logs(), new RegExp(`L2 block ${k} 0x[0-9a-f]{64} settled in L1 block \\d+, 1 inbox transactions`));
}));

test("rollup modes: two competing based proposers keep one chain", options, (t) => withDevnet(async (config, scope) => {
    const l1 = scope.provider(config.l1.rpc, config.l1.chainId);
    const [A, B, U, D] = [6, 7, 8, 9].map((i) => config.accounts[i]);
    const chainId = 4243;
    const genesis = writeGenesis(scope.dir(), "genesis.json", chainId,
        { [A.address]: parseEther("100"), [B.address]: parseEther("100"), [U.address]: parseEther("100") });
    const g = l2Genesis(genesis);
    const rollup = await deployRollup(new Wallet(D.privateKey, l1), g, { sequencing: 0 });

    const common = { l1Rpc: config.l1.rpc, rollup: await rollup.getAddress(), genesis, blockTime: 0.1 };
    const proposers = [
        await scope.rollup({ ...common, name: "proposer A", mode: "proposer", key: A.privateKey, datadir: scope.dir() }),
        await scope.rollup({ ...common, name: "proposer B", mode: "proposer", key: B.privateKey, datadir: scope.dir() }),
    ];
    const follower = await scope.rollup({ ...common, name: "follower", mode: "follower", datadir: scope.dir() });
    const addresses = [A.address, B.address];

    // Nothing to include: nothing is proposed.
    for (const p of proposers) await until(() => /not proposing: nothing to propose/.test(p.logs()), 20000, `${p.name} to idle`);
    assert.equal(await rollup.blockNumber(), 0n);

    const u = new Wallet(U.privateKey);
    const sent = [];  // {hash, to, value, target: index of the proposer, or -1 for both}
    const send = async (nonce, target) => {
        const to = Wallet.createRandom().address;
        const value = parseEther("0.01") * BigInt(nonce + 1);
        const raw = await signTransfer(u, { chainId, nonce, to, value });
        const targets = target < 0 ? proposers : [proposers[target]];
        for (const res of await Promise.all(targets.map((p) => rpcBody(p.url, "eth_sendRawTransaction", [raw]))))
            assert.equal(res.result, keccak256(raw), JSON.stringify(res));
        sent.push({ hash: keccak256(raw), to, value, target });
    };
    const minedOnFollower = (from) => until(async () => {
        for (const s of sent.slice(from)) if (!(await receiptOn(follower.url, s.hash))) return false;
        return true;
    }, 40000, "every transaction to be mined (receipts on the follower)");

    // Alternately to A and B (nonces 0..5 at once: each proposer holds every other one, so they
    // take turns).
    const alternate = 6;
    for (let i = 0; i < alternate; ++i) await send(i, i % 2);
    await minedOnFollower(0);
    // The same transaction to both at once: a race for the block, won by one.
    const raced = 6;
    for (let i = alternate; i < alternate + raced; ++i) {
        await send(i, -1);
        await minedOnFollower(i);
    }

    // Both idle again; the head is settled and the same everywhere.
    const h = Number(await rollup.blockNumber());
    await until(async () => {
        const heads = await Promise.all([...proposers, follower].map((n) => headNumber(n.url)));
        return heads.every((x) => x === h) && Number(await rollup.blockNumber()) === h;
    }, 20000, "every node at the rollup's head");
    const head = await rollup.blockHash();
    for (const n of [...proposers, follower]) assert.equal((await blockAt(n.url, h)).hash, head, n.name);

    // One settlement per L2 block number, 1..h, by A or B; both won blocks.
    const all = await settlements(l1, rollup);
    assert.deepEqual(all.map((s) => s.number), Array.from({ length: h }, (_, i) => i + 1));
    assert.ok(all.every((s) => addresses.includes(s.proposer)));
    const wins = addresses.map((a) => all.filter((s) => s.proposer === a).length);
    assert.ok(wins[0] > 0 && wins[1] > 0, `wins ${wins}`);

    // Every transaction included exactly once, with the same receipt on all three nodes; an
    // alternated one by the proposer it was sent to.
    const seen = new Map();
    for (let n = 1; n <= h; ++n) {
        const block = await blockAt(follower.url, n, true);
        assert.equal(block.hash, all[n - 1].blockHash);
        // A proposer proposes only when it has something to include.
        assert.ok(block.transactions.length > 0, `L2 block ${n} is empty`);
        for (const tx of block.transactions) seen.set(tx.hash, (seen.get(tx.hash) ?? 0) + 1);
    }
    assert.equal(seen.size, sent.length);
    const raceWins = [0, 0];
    for (const s of sent) {
        assert.equal(seen.get(s.hash), 1, s.hash);
        const receipts = await Promise.all([...proposers, follower].map((n) => receiptOn(n.url, s.hash)));
        for (const rc of receipts) {
            assert.equal(Number(rc.status), 1);
            assert.equal(rc.blockHash, receipts[2].blockHash);
        }
        const winner = addresses.indexOf(all[Number(receipts[2].blockNumber) - 1].proposer);
        if (s.target >= 0) assert.equal(winner, s.target, `transaction ${s.hash} was sent to ${addresses[s.target]}`);
        else ++raceWins[winner];
        for (const n of [...proposers, follower]) assert.equal(BigInt(await rpc(n.url, "eth_getBalance", [s.to, "latest"])), s.value);
    }
    const lost = proposers.map((p) => (p.logs().match(/proposing L2 block \d+: .*\(retrying\)/g) ?? []).length);
    t.diagnostic(`blocks won: A ${wins[0]}, B ${wins[1]} of ${h}; a transaction sent to both won by A ${raceWins[0]}, `
        + `B ${raceWins[1]} times; proposals lost to the other: A ${lost[0]}, B ${lost[1]}`);
}));
