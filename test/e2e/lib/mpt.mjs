// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Merkle-Patricia proof verification in JavaScript (keccak256 and RLP from ethers' utilities),
// independent of the node's C++ trie code: eth_getProof's accountProof and storageProof are
// checked against the block's state root and the account's storage root.
import { decodeRlp, getBytes, hexlify, keccak256, toBeHex, zeroPadValue } from "ethers";

const EMPTY_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

/// The nibbles of a byte string.
function nibbles(bytes) {
    const out = [];
    for (const b of bytes) out.push(b >> 4, b & 15);
    return out;
}

/// Decodes a hex-prefix path (Yellow Paper appendix C): {path: nibbles, leaf: bool}.
function decodeHexPrefix(bytes) {
    const n = nibbles(bytes);
    const flag = n[0];
    if (flag > 3) throw new Error(`bad hex-prefix flag ${flag}`);
    return { leaf: flag >= 2, path: flag % 2 === 1 ? n.slice(1) : n.slice(2) };
}

/// Verifies the Merkle proof `proof` (hex strings, root first, as eth_getProof returns them) of
/// `key` (bytes or hex: the trie key, i.e. keccak256 of the address or slot) against `root`.
/// Returns the value (a hex string) for an inclusion proof, null for an exclusion proof; throws
/// when the proof does not prove either.
export function verifyProof(root, key, proof) {
    const path = nibbles(getBytes(key));
    if (root.toLowerCase() === EMPTY_ROOT) {
        if (proof.length !== 0) throw new Error("a proof for the empty trie must be empty");
        return null;
    }
    // `expected` is a 32-byte hash reference, or the RLP item of an embedded node.
    let expected = { hash: root.toLowerCase() };
    let pos = 0;
    let i = 0;
    let node = null;
    const next = () => {
        if (expected.hash) {
            if (i >= proof.length) throw new Error(`proof ends early at node ${i}`);
            const rlp = proof[i++];
            if (keccak256(rlp) !== expected.hash) throw new Error(`proof node ${i - 1} does not hash to its reference`);
            return decodeRlp(rlp);
        }
        return expected.item;
    };
    const reference = (item) => {
        // A child is a 32-byte hash, empty (no child), or an embedded node (a list).
        if (Array.isArray(item)) return { item };
        const b = getBytes(item);
        if (b.length === 0) return null;
        if (b.length !== 32) throw new Error("a child reference must be 32 bytes or embedded");
        return { hash: hexlify(b) };
    };
    for (;;) {
        node = next();
        if (!Array.isArray(node)) throw new Error("a trie node must be a list");
        if (node.length === 17) {
            if (pos === path.length) {
                const v = getBytes(node[16]);
                if (i !== proof.length) throw new Error("extra proof nodes");
                return v.length ? hexlify(v) : null;
            }
            const child = reference(node[path[pos++]]);
            if (child === null) {
                if (i !== proof.length) throw new Error("extra proof nodes");
                return null;
            }
            expected = child;
        } else if (node.length === 2) {
            const { leaf, path: seg } = decodeHexPrefix(getBytes(node[0]));
            const rest = path.slice(pos, pos + seg.length);
            const matches = rest.length === seg.length && rest.every((x, k) => x === seg[k]);
            if (!matches) {
                if (i !== proof.length) throw new Error("extra proof nodes");
                return null;
            }
            pos += seg.length;
            if (leaf) {
                if (pos !== path.length) throw new Error("a leaf before the end of the key");
                if (i !== proof.length) throw new Error("extra proof nodes");
                return hexlify(getBytes(node[1]));
            }
            const child = reference(node[1]);
            if (child === null) throw new Error("an extension without a child");
            expected = child;
        } else {
            throw new Error(`a trie node has ${node.length} items`);
        }
    }
}

/// The account an eth_getProof result proves, checked against `stateRoot`: {nonce, balance,
/// storageHash, codeHash} as bigint/hex, or null when proven absent. Throws when the proof or
/// the reported fields do not match.
export function verifyAccountProof(stateRoot, proof) {
    const leaf = verifyProof(stateRoot, keccak256(proof.address), proof.accountProof);
    if (leaf === null) return null;
    const [nonce, balance, storageHash, codeHash] = decodeRlp(leaf);
    const account = {
        nonce: nonce === "0x" ? 0n : BigInt(nonce),
        balance: balance === "0x" ? 0n : BigInt(balance),
        storageHash: hexlify(storageHash),
        codeHash: hexlify(codeHash),
    };
    if (BigInt(proof.nonce) !== account.nonce) throw new Error("nonce differs from the proof");
    if (BigInt(proof.balance) !== account.balance) throw new Error("balance differs from the proof");
    if (proof.storageHash.toLowerCase() !== account.storageHash) throw new Error("storageHash differs from the proof");
    if (proof.codeHash.toLowerCase() !== account.codeHash) throw new Error("codeHash differs from the proof");
    return account;
}

/// The value a storageProof item proves under `storageRoot` (a bigint; 0n when absent). Throws
/// when the proof or the reported value does not match.
export function verifyStorageProof(storageRoot, item) {
    const slot = zeroPadValue(toBeHex(BigInt(item.key)), 32);
    const leaf = verifyProof(storageRoot, keccak256(slot), item.proof);
    const value = leaf === null ? 0n : BigInt(decodeRlp(leaf));
    if (BigInt(item.value) !== value) throw new Error(`slot ${item.key}: value differs from the proof`);
    return value;
}
