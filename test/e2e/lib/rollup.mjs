// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound rollup` and `ultrasound l2-genesis` for the e2e tests: starts a rollup node (any
// mode) on an L1, waits until it serves, stops it; runs one to its exit; reads a genesis file's
// L2 genesis values.
//
//   const node = await startRollup({ mode: "follower", l1Rpc, rollup, genesis, datadir });
//   try { ... node.url ... } finally { await node.stop(); }
import { spawn } from "node:child_process";

import { repoRoot, runUltrasound, ultrasoundBinary } from "./node.mjs";

/// The command line of `ultrasound rollup` (the L2 JSON-RPC on port 0: the node picks a free one
/// and prints it).
export function rollupArgs({ mode, l1Rpc, rollup, key = null, genesis = null, datadir, blockTime = 0.5, ignoreInbox = false, args = [] }) {
    const out = ["rollup", "--mode", mode, "--l1-rpc", l1Rpc, "--rollup", rollup, "--datadir", datadir,
        "--http.addr", "127.0.0.1", "--http.port", "0", "--block-time", String(blockTime)];
    if (key) out.push("--key", key);
    if (genesis) out.push("--genesis", genesis);
    if (ignoreInbox) out.push("--ignore-inbox");
    return [...out, ...args];
}

/// Spawns `ultrasound <args>` and collects its output. Returns {child, logs(), exited(),
/// exitPromise}.
function spawnUltrasound(name, args) {
    const child = spawn(ultrasoundBinary(), args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (c) => {
        output += c;
        if (output.length > 1 << 20) output = output.slice(-(1 << 19));  // keep the tail
        if (process.env.ULTRA_E2E_VERBOSE) process.stderr.write(`[${name}] ${c}`);
    };
    child.stdout.setEncoding("utf8").on("data", collect);
    child.stderr.setEncoding("utf8").on("data", collect);
    let exited = null;
    const exitPromise = new Promise((r) => child.on("exit", (code, signal) => { exited = { code, signal }; r(exited); }));
    return { child, logs: () => output, exited: () => exited, exitPromise };
}

/// Starts `ultrasound rollup` (options as rollupArgs(); `name` prefixes its verbose output) and
/// waits for its "L2 JSON-RPC:" line. Returns {name, url, datadir, logs(), exited(), stop()};
/// stop() sends SIGINT (SIGKILL after 10 s) and resolves to the exit {code, signal}; the datadir
/// is the caller's. Throws with the node's output if it exits or does not serve in `timeoutMs`.
export async function startRollup({ name = "rollup", timeoutMs = 30000, ...options }) {
    const p = spawnUltrasound(name, rollupArgs(options));
    const stop = async () => {
        if (!p.exited()) {
            p.child.kill("SIGINT");
            const timer = setTimeout(() => { if (!p.exited()) p.child.kill("SIGKILL"); }, 10000);
            await p.exitPromise;
            clearTimeout(timer);
        }
        return p.exited();
    };
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !p.exited()) {
        const m = /^L2 JSON-RPC:\s+(http:\/\/\S+)$/m.exec(p.logs());
        if (m) return { name, url: m[1], datadir: options.datadir, logs: p.logs, exited: p.exited, stop };
        await new Promise((r) => setTimeout(r, 50));
    }
    const how = p.exited() ? `exited (code ${p.exited().code}, signal ${p.exited().signal})` : `did not serve within ${timeoutMs} ms`;
    await stop();
    throw new Error(`${name} ${how}: ultrasound ${rollupArgs(options).join(" ")}\n--- output ---\n${p.logs()}`);
}

/// Runs `ultrasound rollup` (options as rollupArgs()) until it exits by itself (SIGKILL after
/// `timeoutMs`): {code, signal, output}. Asynchronous, so that the other processes of the test
/// keep being read meanwhile.
export async function runRollupToExit({ timeoutMs = 30000, ...options }) {
    const p = spawnUltrasound("rollup", rollupArgs(options));
    const timer = setTimeout(() => { if (!p.exited()) p.child.kill("SIGKILL"); }, timeoutMs);
    const { code, signal } = await p.exitPromise;
    clearTimeout(timer);
    return { code, signal, output: p.logs() };
}

/// `ultrasound l2-genesis file`: {chainId, stateRoot, blockHash}.
export function l2Genesis(file) {
    const r = runUltrasound(["l2-genesis", file], { timeoutMs: 30000 });
    if (r.status !== 0) throw new Error(`ultrasound l2-genesis ${file} failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout);
}
