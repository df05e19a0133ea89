// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Smoke test of `ultrasound node` with ethers v6 and viem. Skipped, with the reason, while the
// CLI has no `node` command.
import { test } from "node:test";

import { smokeFlow } from "./lib/flows.mjs";
import { nodeUnavailableReason, startNode } from "./lib/node.mjs";

const unavailable = nodeUnavailableReason();

test("ultrasound node: eth_chainId, funded dev accounts, ethers and viem transfers", { skip: unavailable ?? false, timeout: 120000 }, async () => {
    const node = await startNode();
    try {
        await smokeFlow(node);
    } catch (err) {
        err.message += `\n--- node output ---\n${node.logs()}`;
        throw err;
    } finally {
        await node.stop();
    }
});
