// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Client flows shared by the e2e tests: what ethers v6 and viem do against a dev node.
import assert from "node:assert/strict";
import { JsonRpcProvider, Wallet, parseEther } from "ethers";
import { createPublicClient, createWalletClient, defineChain, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { devAccounts } from "./node.mjs";

/// An ethers provider for an instant-mining dev node: no request cache (ethers v6 caches
/// identical calls for 250 ms, which reuses nonces), a static network (no chain-id re-polling).
export function ethersProvider(url, chainId) {
    return new JsonRpcProvider(url, Number(chainId), { cacheTimeout: -1, staticNetwork: true, polling: true, pollingInterval: 50 });
}

/// viem clients for the node at `url`.
export function viemClients(url, chainId, account = devAccounts[0]) {
    const chain = defineChain({
        id: Number(chainId), name: "dev", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [url] } },
    });
    const transport = http(url, { retryCount: 0 });
    return {
        publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
        walletClient: createWalletClient({ chain, transport, account: privateKeyToAccount(account.privateKey) }),
    };
}

/// The smoke flow: chain id and head through both clients, the dev accounts are funded, and a
/// transfer signed locally by each client (eth_sendRawTransaction) is mined with status 1.
export async function smokeFlow(node) {
    const provider = ethersProvider(node.url, node.chainId);
    try {
        const network = await provider.getNetwork();
        assert.equal(network.chainId, node.chainId);
        const head = await provider.getBlockNumber();
        assert.ok(head >= 0);

        const [alice, bob] = devAccounts;
        assert.ok((await provider.getBalance(alice.address)) > parseEther("1000"), "dev account 0 is funded");

        // ethers: a type-2 transfer.
        const wallet = new Wallet(alice.privateKey, provider);
        const before = await provider.getBalance(bob.address);
        const tx = await wallet.sendTransaction({ to: bob.address, value: parseEther("1.5") });
        const receipt = await tx.wait(1, 30000);
        assert.equal(receipt.status, 1);
        assert.equal(await provider.getBalance(bob.address), before + parseEther("1.5"));

        // viem: another transfer from the same account (the nonce must have advanced).
        const { publicClient, walletClient } = viemClients(node.url, node.chainId, alice);
        assert.equal(BigInt(await publicClient.getChainId()), node.chainId);
        const hash = await walletClient.sendTransaction({ to: bob.address, value: 7n });
        const r2 = await publicClient.waitForTransactionReceipt({ hash, timeout: 30000 });
        assert.equal(r2.status, "success");
        assert.equal(await publicClient.getBalance({ address: bob.address }), before + parseEther("1.5") + 7n);
        assert.equal(await publicClient.getTransactionCount({ address: alice.address }), 2);
    } finally {
        provider.destroy();
    }
}
