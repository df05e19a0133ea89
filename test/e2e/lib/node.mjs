// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// The end-to-end harness: starts `ultrasound node` (or anvil, the reference dev node) on a free
// loopback port with a temporary datadir, waits until it answers eth_chainId, and stops it.
//
//   const node = await startNode();          // { url, port, datadir, chainId, logs(), stop() }
//   try { ... ethers/viem against node.url ... } finally { await node.stop(); }
//
// Environment: ULTRASOUND_BIN (the CLI; default <repo>/$ULTRA_BUILD_DIR/bin/ultrasound with
// ULTRA_BUILD_DIR=build), ULTRA_E2E_KEEP=1 keeps datadirs, ULTRA_E2E_VERBOSE=1 echoes node logs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/// The dev mnemonic's first accounts (anvil/Hardhat defaults, funded by a dev node).
export const devAccounts = [
    { address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", privateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" },
    { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", privateKey: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" },
    { address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", privateKey: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a" },
];

/// The ultrasound CLI this run tests.
export function ultrasoundBinary() {
    if (process.env.ULTRASOUND_BIN) return resolve(process.env.ULTRASOUND_BIN);
    const build = process.env.ULTRA_BUILD_DIR ?? "build";
    for (const rel of ["bin/ultrasound", "apps/ultrasound"]) {
        const p = resolve(repoRoot, build, rel);
        if (existsSync(p)) return p;
    }
    return resolve(repoRoot, build, "bin/ultrasound");
}

/// Why `ultrasound node` cannot be tested yet, or null when it can: the binary is missing, or
/// its --help lists no `node` subcommand.
export function nodeUnavailableReason(bin = ultrasoundBinary()) {
    if (!existsSync(bin)) return `${bin} does not exist: build it first (make build)`;
    const r = spawnSync(bin, ["--help"], { encoding: "utf8", timeout: 10000 });
    if (r.error) return `${bin} --help failed: ${r.error.message}`;
    const help = `${r.stdout}\n${r.stderr}`;
    const sub = help.split(/\n\s*Subcommands:\s*\n/)[1] ?? "";
    if (!/^\s*node\s/m.test(sub)) return "`ultrasound node` does not exist yet (`ultrasound --help` lists no node command)";
    return null;
}

/// The anvil binary shipped in node_modules (@foundry-rs/anvil), or null.
export function anvilBinary() {
    const p = join(repoRoot, "node_modules", ".bin", "anvil");
    return existsSync(p) ? p : null;
}

/// A TCP port that was free on 127.0.0.1 a moment ago.
export function freePort() {
    return new Promise((resolvePort, reject) => {
        const srv = createServer();
        srv.unref();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const { port } = srv.address();
            srv.close(() => resolvePort(port));
        });
    });
}

/// One JSON-RPC call over HTTP; throws on a transport error or a JSON-RPC error object.
export async function rpc(url, method, params = [], { timeoutMs = 5000 } = {}) {
    const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.json();
    if (body.error) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
    return body.result;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Spawns `command args`, then polls eth_chainId on `url` until it answers (or the process dies,
/// or `timeoutMs` passes: then it is killed and the error carries its output).
async function startServer({ name, command, args, url, port, datadir, ownsDatadir = true, env, timeoutMs }) {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk) => {
        output += chunk;
        if (output.length > 1 << 20) output = output.slice(-(1 << 19));  // keep the tail
        if (process.env.ULTRA_E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
    };
    child.stdout.setEncoding("utf8").on("data", collect);
    child.stderr.setEncoding("utf8").on("data", collect);
    let exited = null;
    const exitPromise = new Promise((r) => child.on("exit", (code, signal) => { exited = { code, signal }; r(exited); }));

    const removeDatadir = () => {
        if (datadir && ownsDatadir && !process.env.ULTRA_E2E_KEEP) rmSync(datadir, { recursive: true, force: true });
    };
    const stop = async () => {
        if (!exited) {
            child.kill("SIGTERM");
            const timer = setTimeout(() => { if (!exited) child.kill("SIGKILL"); }, 5000);
            await exitPromise;
            clearTimeout(timer);
        }
        removeDatadir();
        return exited;
    };
    // kill -9: the process gets no chance to finish anything; the datadir is kept.
    const kill9 = async () => {
        if (!exited) {
            child.kill("SIGKILL");
            await exitPromise;
        }
        return exited;
    };

    const deadline = Date.now() + timeoutMs;
    let lastError = null;
    while (Date.now() < deadline) {
        if (exited) break;
        try {
            const chainId = BigInt(await rpc(url, "eth_chainId", [], { timeoutMs: 1000 }));
            const wsUrl = url.replace(/^http:/, "ws:");
            return { name, url, wsUrl, port, datadir, chainId, process: child, logs: () => output, stop, kill9 };
        } catch (err) {
            lastError = err;
            await sleep(100);
        }
    }
    const how = exited ? `exited (code ${exited.code}, signal ${exited.signal})` : `did not answer eth_chainId within ${timeoutMs} ms (${lastError?.message})`;
    await stop();
    throw new Error(`${name} ${how}: ${command} ${args.join(" ")}\n--- output ---\n${output}`);
}

/// The command line of `ultrasound node` for a port and a datadir. One place to change if the
/// node's flags differ.
export function nodeArgs({ port, datadir }) {
    return ["node", "--http.addr", "127.0.0.1", "--http.port", String(port), "--datadir", datadir];
}

/// A fresh temporary directory for a datadir (the caller removes it, or passes it to startNode
/// with `datadir`, which then leaves it in place).
export function tempDatadir() {
    return mkdtempSync(join(tmpdir(), "ultrasound-e2e-"));
}

/// Starts `ultrasound node` on a free loopback port with a fresh temporary datadir (removed by
/// stop()), or on `datadir` when given (kept: restart tests reopen it). `args` are appended to
/// the command line. Resolves once eth_chainId answers.
export async function startNode({ args = [], env = {}, timeoutMs = 30000, bin = ultrasoundBinary(), datadir = null } = {}) {
    const port = await freePort();
    const ownsDatadir = datadir === null;
    const dir = datadir ?? tempDatadir();
    return startServer({
        name: "ultrasound node", command: bin, args: [...nodeArgs({ port, datadir: dir }), ...args],
        url: `http://127.0.0.1:${port}`, port, datadir: dir, ownsDatadir, env, timeoutMs,
    });
}

/// Runs `ultrasound args...` to completion: {status, stdout, stderr}.
export function runUltrasound(args, { timeoutMs = 120000, bin = ultrasoundBinary() } = {}) {
    const r = spawnSync(bin, args, { cwd: repoRoot, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/// Starts anvil (the reference dev node from node_modules) at Osaka on a free loopback port:
/// the same dev accounts and chain id 31337. Used to check the harness and, later, to compare.
export async function startAnvil({ args = [], env = {}, timeoutMs = 30000 } = {}) {
    const bin = anvilBinary();
    if (!bin) throw new Error("node_modules/.bin/anvil is missing: run scripts/install-deps");
    const port = await freePort();
    return startServer({
        name: "anvil", command: bin,
        args: ["--host", "127.0.0.1", "--port", String(port), "--hardfork", "osaka", "--silent", ...args],
        url: `http://127.0.0.1:${port}`, port, datadir: null, env, timeoutMs,
    });
}
