// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// `ultrasound node` under bad input: malformed JSON, invalid requests, wrong parameters, unknown
// methods, batches, an oversize body, garbage over a WebSocket, and a bounded flood of requests
// on loopback. Every bad request gets a JSON-RPC error object, and the node keeps serving.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { test } from "node:test";
import { WebSocket } from "ws";

import { nodeUnavailableReason, rpc, startNode } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();
const options = { skip: unavailable ?? false, timeout: 180000 };

/// POSTs `body` (a string or Buffer) and returns {status, json} (json null when not JSON).
async function post(url, body) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(20000) });
    const text = await res.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch {
        json = null;
    }
    return { status: res.status, json, text };
}

const call = (method, params = [], id = 1) => JSON.stringify({ jsonrpc: "2.0", id, method, params });

async function withNode(fn) {
    const node = await startNode();
    try {
        await fn(node);
        // Whatever happened, the node still answers.
        assert.equal(BigInt(await rpc(node.url, "eth_chainId")), 1337n);
    } catch (err) {
        err.message += `\n--- node output ---\n${node.logs()}`;
        throw err;
    } finally {
        await node.stop();
    }
}

test("bad input: malformed JSON, invalid requests, unknown methods and wrong params are error objects", options, async () => {
    await withNode(async (node) => {
        const malformed = await post(node.url, '{"jsonrpc":"2.0","id":1,"method":');
        assert.equal(malformed.status, 200);
        assert.equal(malformed.json.error.code, -32700);
        assert.equal(malformed.json.id, null);

        const notRequest = await post(node.url, '"hello"');
        assert.equal(notRequest.json.error.code, -32600);
        const noVersion = await post(node.url, JSON.stringify({ id: 7, method: "eth_chainId" }));
        assert.equal(noVersion.json.error.code, -32600);

        const unknown = await post(node.url, call("eth_doesNotExist"));
        assert.equal(unknown.json.error.code, -32601);
        assert.equal(unknown.json.error.message, "the method eth_doesNotExist does not exist/is not available");

        const badAddress = await post(node.url, call("eth_getBalance", ["0x1234", "latest"]));
        assert.equal(badAddress.json.error.code, -32602);
        assert.match(badAddress.json.error.message, /^invalid argument 0: /);
        const missing = await post(node.url, call("eth_getBalance", []));
        assert.equal(missing.json.error.code, -32602);
        assert.equal(missing.json.error.message, "missing value for required argument 0");
        const tooMany = await post(node.url, call("eth_blockNumber", [1, 2, 3]));
        assert.equal(tooMany.json.error.code, -32602);
        const badTag = await post(node.url, call("eth_getBlockByNumber", ["newest", false]));
        assert.equal(badTag.json.error.code, -32602);
        const badTx = await post(node.url, call("eth_sendRawTransaction", ["0xdeadbeef"]));
        assert.equal(badTx.json.error.code, -32000);
        const objectParams = await post(node.url, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBalance", params: { address: "0x00" } }));
        assert.equal(objectParams.json.error.code, -32602);

        // A batch mixes results and errors, in order; an empty batch is one error.
        const batch = await post(node.url, `[${call("eth_chainId", [], 1)},${call("nope", [], 2)},${call("eth_blockNumber", [], 3)}]`);
        assert.deepEqual(batch.json.map((r) => r.id), [1, 2, 3]);
        assert.equal(batch.json[0].result, "0x539");
        assert.equal(batch.json[1].error.code, -32601);
        const empty = await post(node.url, "[]");
        assert.equal(empty.json.error.code, -32600);

        // eth_subscribe needs a WebSocket.
        const sub = await post(node.url, call("eth_subscribe", ["newHeads"]));
        assert.equal(sub.json.error.code, -32001);
    });
});

test("bad input: an oversize body is refused with 413 and an error object", options, async () => {
    await withNode(async (node) => {
        const huge = call("eth_call", [{ data: `0x${"ab".repeat(3 * 1024 * 1024)}` }]);  // > 5 MiB
        const status = await new Promise((resolve, reject) => {
            const req = httpRequest(node.url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(huge) } }, (res) => {
                let text = "";
                res.setEncoding("utf8").on("data", (c) => (text += c)).on("end", () => resolve({ status: res.statusCode, text }));
            });
            req.on("error", reject);
            req.end(huge);
        });
        assert.equal(status.status, 413);
        assert.equal(JSON.parse(status.text).error.code, -32600);
    });
});

test("bad input: garbage over a WebSocket gets error objects and the socket keeps working", options, async () => {
    await withNode(async (node) => {
        const ws = new WebSocket(node.wsUrl);
        await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
        const replies = [];
        const next = () => new Promise((resolve) => {
            if (replies.length) return resolve(replies.shift());
            ws.once("message", (m) => resolve(JSON.parse(m.toString())));
        });
        try {
            ws.send("{not json");
            assert.equal((await next()).error.code, -32700);
            ws.send(call("eth_subscribe", ["noSuchKind"]));
            assert.equal((await next()).error.code, -32601);
            ws.send(call("eth_unsubscribe", ["0x1234"]));
            assert.equal((await next()).error.code, -32000);
            ws.send(call("eth_chainId"));
            assert.equal((await next()).result, "0x539");
        } finally {
            ws.close();
        }
    });
});

test("bad input: a bounded flood of requests is answered and the node keeps serving", options, async () => {
    await withNode(async (node) => {
        const total = 3000;
        const concurrency = 64;
        let next = 0;
        let ok = 0;
        const worker = async () => {
            while (next < total) {
                const i = next++;
                const body = i % 3 === 0 ? "{garbage" : i % 3 === 1 ? call("eth_blockNumber", [], i) : call("eth_getBalance", ["0x0000000000000000000000000000000000000001", "latest"], i);
                const r = await post(node.url, body);
                assert.equal(r.status, 200);
                assert.ok(r.json && (r.json.result !== undefined || r.json.error), r.text);
                ok++;
            }
        };
        await Promise.all([...Array(concurrency)].map(worker));
        assert.equal(ok, total);
    });
});
