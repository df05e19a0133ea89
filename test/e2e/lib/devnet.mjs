// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound devnet` for the e2e tests: starts it on a datadir, waits for devnet.json, stops it.
//
//   const devnet = await startDevnet(datadir, { rollups: 1, port: await freePort() });
//   try { ... devnet.config.l1.rpc, devnet.config.rollups[0].rpc ... } finally { await devnet.stop(); }
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { repoRoot, ultrasoundBinary } from "./node.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Starts `ultrasound devnet` on `datadir` and waits for devnet.json (written once every
/// sequencer serves). Returns {config, logs(), stop()}; stop() sends SIGINT (SIGKILL after 10 s)
/// and resolves to the exit {code, signal}. The datadir is the caller's to remove.
export async function startDevnet(datadir, { rollups = 2, port, blockTime = 0.5, timeoutMs = 60000 } = {}) {
    const file = join(datadir, "devnet.json");
    // devnet.json is rewritten (atomically) on every start: wait for a newer one, since a
    // restart must find the old one to reuse its contracts.
    const startedAt = Date.now() - 100;
    const child = spawn(ultrasoundBinary(), [
        "devnet", "--datadir", datadir, "--rollups", String(rollups), "--http.port", String(port),
        "--l2-block-time", String(blockTime),
    ], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (c) => {
        output += c;
        if (output.length > 1 << 20) output = output.slice(-(1 << 19));  // keep the tail
        if (process.env.ULTRA_E2E_VERBOSE) process.stderr.write(`[devnet] ${c}`);
    };
    child.stdout.setEncoding("utf8").on("data", collect);
    child.stderr.setEncoding("utf8").on("data", collect);
    let exited = null;
    const exitPromise = new Promise((r) => child.on("exit", (code, signal) => { exited = { code, signal }; r(exited); }));
    const stop = async () => {
        if (!exited) {
            child.kill("SIGINT");
            const timer = setTimeout(() => { if (!exited) child.kill("SIGKILL"); }, 10000);
            await exitPromise;
            clearTimeout(timer);
        }
        return exited;
    };
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !exited) {
        if (existsSync(file) && statSync(file).mtimeMs > startedAt) {
            try {
                return { config: JSON.parse(readFileSync(file, "utf8")), logs: () => output, stop };
            } catch { /* being written */ }
        }
        await sleep(100);
    }
    await stop();
    throw new Error(`ultrasound devnet did not write ${file}\n--- output ---\n${output}`);
}

/// Polls `fn` every 100 ms until it returns a truthy value, which it returns (throws after `ms`,
/// naming `what`).
export async function until(fn, ms, what) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        const v = await fn();
        if (v) return v;
        await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
}
