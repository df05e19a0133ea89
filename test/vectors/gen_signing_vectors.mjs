// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Generates signing.json: transactions of every type (0 with and without EIP-155, 1, 2, 3, 4)
// and EIP-7702 authorizations, signed by ethers v6 (an independent implementation of RFC 6979
// ECDSA and of the typed-transaction encodings), for test/unit/wallet/signer_test.cpp.
//
//   node test/vectors/gen_signing_vectors.mjs        (rewrites test/vectors/signing.json)
//
// Deterministic: the same ethers version gives the same file, so a re-run must not change it.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Transaction, Wallet, keccak256, toBeHex, version } from "ethers";

const keys = [
    // anvil/Hardhat dev accounts 0 and 1
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    // the smallest and the largest valid keys: 1 and n - 1
    "0x0000000000000000000000000000000000000000000000000000000000000001",
    "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
];

const to = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const accessList = [
    {
        address: "0x000000000000000000000000000000000000dEaD",
        storageKeys: [
            "0x0000000000000000000000000000000000000000000000000000000000000000",
            "0x00000000000000000000000000000000000000000000000000000000000000ff",
        ],
    },
    { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", storageKeys: [] },
];
const blobHashes = [
    "0x01a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
    "0x0100000000000000000000000000000000000000000000000000000000000001",
];

// One template per case; `from` is filled in per key.
const cases = [
    { name: "legacy pre-EIP-155 transfer", tx: { type: 0, nonce: 0, gasPrice: 1000000000n, gasLimit: 21000n, to, value: 1n } },
    { name: "legacy EIP-155 transfer", tx: { type: 0, chainId: 31337n, nonce: 7, gasPrice: 2000000000n, gasLimit: 21000n, to, value: 10n ** 18n } },
    { name: "legacy EIP-155 creation, mainnet", tx: { type: 0, chainId: 1n, nonce: 255, gasPrice: 30000000000n, gasLimit: 500000n, to: null, value: 0n, data: "0x6080604052348015600e575f5ffd5b50603e80601a5f395ff3fe60806040525f5ffdfea164736f6c6343000825000a" } },
    { name: "legacy EIP-155 large chain id", tx: { type: 0, chainId: 4294967295n, nonce: 1, gasPrice: 1n, gasLimit: 100000n, to, value: 0n, data: "0xa9059cbb" } },
    { name: "EIP-2930 access list", tx: { type: 1, chainId: 31337n, nonce: 3, gasPrice: 1500000000n, gasLimit: 60000n, to, value: 12345n, data: "0x01020304", accessList } },
    { name: "EIP-2930 creation without access list", tx: { type: 1, chainId: 1n, nonce: 0, gasPrice: 1n, gasLimit: 53000n, to: null, value: 0n, data: "0x00", accessList: [] } },
    { name: "EIP-1559 transfer", tx: { type: 2, chainId: 31337n, nonce: 0, maxPriorityFeePerGas: 1000000000n, maxFeePerGas: 3000000000n, gasLimit: 21000n, to, value: 10n ** 17n } },
    { name: "EIP-1559 call with access list, huge value", tx: { type: 2, chainId: 17000n, nonce: 1000000, maxPriorityFeePerGas: 0n, maxFeePerGas: 100n, gasLimit: 30000000n, to, value: 2n ** 255n + 1n, data: "0xdeadbeef00", accessList } },
    { name: "EIP-4844 blob transaction", tx: { type: 3, chainId: 31337n, nonce: 2, maxPriorityFeePerGas: 1n, maxFeePerGas: 1000n, gasLimit: 100000n, to, value: 0n, data: "0x", accessList: [], maxFeePerBlobGas: 1000000n, blobVersionedHashes: blobHashes } },
    { name: "EIP-4844 blob transaction with access list", tx: { type: 3, chainId: 1n, nonce: 9, maxPriorityFeePerGas: 2n, maxFeePerGas: 2000n, gasLimit: 210000n, to, value: 5n, data: "0xcafe", accessList, maxFeePerBlobGas: 1n, blobVersionedHashes: blobHashes.slice(0, 1) } },
    { name: "EIP-7702 set code", tx: { type: 4, chainId: 31337n, nonce: 4, maxPriorityFeePerGas: 1n, maxFeePerGas: 7n, gasLimit: 80000n, to, value: 0n, data: "0x", accessList: [] }, auths: [{ chainId: 31337n, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", nonce: 5n }] },
    { name: "EIP-7702 two authorizations, any chain", tx: { type: 4, chainId: 1n, nonce: 0, maxPriorityFeePerGas: 3n, maxFeePerGas: 9n, gasLimit: 120000n, to, value: 1n, data: "0x1234", accessList }, auths: [{ chainId: 0n, address: "0x000000000000000000000000000000000000dEaD", nonce: 0n }, { chainId: 1n, address: to, nonce: 1n }] },
];

const hex = (v) => (v == null ? null : typeof v === "bigint" || typeof v === "number" ? toBeHex(v) : v);

const vectors = [];
for (const key of keys) {
    const wallet = new Wallet(key);
    for (const c of cases) {
        const fields = { ...c.tx };
        const authorizations = [];
        if (c.auths) {
            // Each authorization is signed by the same key (the account delegates its own code).
            fields.authorizationList = c.auths.map((a) => wallet.authorizeSync(a));
            for (const a of fields.authorizationList) {
                authorizations.push({
                    chainId: hex(a.chainId),
                    address: a.address,
                    nonce: hex(a.nonce),
                    yParity: a.signature.yParity,
                    r: a.signature.r,
                    s: a.signature.s,
                });
            }
        }
        const tx = Transaction.from(fields);
        const unsigned = tx.unsignedSerialized;
        const signingHash = tx.unsignedHash;
        const raw = await wallet.signTransaction(fields);
        const signed = Transaction.from(raw);
        if (signed.from !== wallet.address) throw new Error(`${c.name}: sender mismatch`);
        if (keccak256(raw) !== signed.hash) throw new Error(`${c.name}: hash mismatch`);
        vectors.push({
            name: c.name,
            type: c.tx.type,
            privateKey: key,
            address: wallet.address,
            unsigned,
            signingHash,
            yParity: signed.signature.yParity,
            r: signed.signature.r,
            s: signed.signature.s,
            // The v as encoded: EIP-155 (or 27/28) for legacy, the bare y parity for typed.
            v: hex(c.tx.type === 0 ? signed.signature.networkV ?? BigInt(signed.signature.v) : signed.signature.yParity),
            raw,
            hash: signed.hash,
            authorizations,
        });
    }
}

const out = join(dirname(fileURLToPath(import.meta.url)), "signing.json");
writeFileSync(out, JSON.stringify({ generator: `ethers ${version}`, vectors }, null, 1) + "\n");
console.log(`wrote ${vectors.length} vectors to ${out}`);
