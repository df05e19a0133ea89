// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {RLPReader} from "./RLPReader.sol";

/// @title MerkleTrie
/// @notice Verifies Merkle-Patricia proofs (Yellow Paper, Appendix D) in the format of
///         eth_getProof (EIP-1186) and of our trie's prove(): the RLP of every node on the key's
///         path that its parent references by hash, root first. Nodes shorter than 32 bytes are
///         embedded in their parent and are not separate proof entries.
/// @dev The keys of Ethereum's secure tries are 32-byte hashes (keccak256 of the address or of
///      the slot), so a key is 64 nibbles and a branch never carries a value for it.
library MerkleTrie {
    using RLPReader for RLPReader.Item;

    /// @notice The root of the empty trie: keccak256(rlp("")). Its proofs are empty.
    bytes32 internal constant EMPTY_ROOT =
        0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421;

    /// @notice A proof node does not hash to the reference its parent (or the root) gives.
    error ProofHashMismatch(uint256 index);
    /// @notice The proof ends before the key's position in the trie is reached.
    error ProofTooShort();
    /// @notice Nodes are left in the proof after the key's position was reached.
    error ProofTooLong();
    /// @notice A node is neither a 17-item branch nor a 2-item leaf or extension, a reference
    ///         is neither a 32-byte hash nor an embedded node, or a path is malformed.
    error MalformedNode();

    /// @notice The value stored under `key` in the trie of root `root`, proven by `proof`:
    ///         (true, value) for an inclusion proof, (false, "") for an exclusion proof (the
    ///         empty trie's is empty). Reverts when the proof proves neither.
    function get(bytes32 root, bytes32 key, bytes[] memory proof)
        internal
        pure
        returns (bool found, bytes memory value)
    {
        if (root == EMPTY_ROOT) {
            if (proof.length != 0) revert ProofTooLong();
            return (false, "");
        }
        uint256 depth = 0; // nibbles of the key consumed
        uint256 next = 0; // the next proof entry
        bytes32 expected = root;
        RLPReader.Item memory node;
        bool embedded = false;
        while (true) {
            if (!embedded) {
                if (next == proof.length) revert ProofTooShort();
                if (keccak256(proof[next]) != expected) revert ProofHashMismatch(next);
                node = RLPReader.toItem(proof[next]);
                ++next;
            }
            // A branch has 17 items (16 children and a value), a leaf or extension 2 (a path and
            // a value or child). Only the item the key leads to is looked at.
            (uint256 count, RLPReader.Item memory child) =
                node.listItem(depth < 64 ? nibble(key, depth) : 16);
            if (count == 17) {
                if (depth == 64) revert MalformedNode(); // a branch value: not in a secure trie
                ++depth;
                if (child.isEmptyString()) break; // absent
            } else if (count == 2) {
                (, RLPReader.Item memory pathItem) = node.listItem(0);
                (bool leaf, uint256 path, uint256 pathNibbles) = decodePath(pathItem);
                if (pathNibbles > 64 - depth || !matches(key, depth, path, pathNibbles)) break;
                depth += pathNibbles;
                (, child) = node.listItem(1);
                if (leaf) {
                    if (depth != 64) break; // a leaf whose key is shorter: not this key
                    if (next != proof.length) revert ProofTooLong();
                    return (true, child.readBytes());
                }
            } else {
                revert MalformedNode();
            }
            // Follow the reference: a 32-byte hash (the next proof entry) or an embedded node.
            if (child.isList()) {
                node = child;
                embedded = true;
            } else {
                expected = child.readHash();
                embedded = false;
            }
        }
        if (next != proof.length) revert ProofTooLong();
        return (false, "");
    }

    /// @notice Decodes a leaf or extension path (hex-prefix encoding, Yellow Paper Appendix C):
    ///         whether the node is a leaf, the path's nibbles left-aligned in a word, and their
    ///         number. A path longer than 64 nibbles is malformed (keys are 32 bytes).
    function decodePath(RLPReader.Item memory item)
        private
        pure
        returns (bool leaf, uint256 path, uint256 nibbles)
    {
        (bool list, uint256 payloadPtr, uint256 payloadLength,) =
            RLPReader.decode(item.ptr, item.length);
        if (list || payloadLength == 0 || payloadLength > 33) revert MalformedNode();
        uint256 first = RLPReader.byteAt(payloadPtr);
        uint256 flags = first >> 4;
        if (flags > 3) revert MalformedNode();
        leaf = flags >= 2;
        if (flags % 2 == 1) {
            // Odd: the first nibble is the low half of the flag byte.
            nibbles = 2 * payloadLength - 1;
            assembly ("memory-safe") {
                path := shl(4, mload(payloadPtr))
            }
        } else {
            if (first & 0x0f != 0) revert MalformedNode();
            nibbles = 2 * payloadLength - 2;
            assembly ("memory-safe") {
                path := mload(add(payloadPtr, 1))
            }
        }
        if (nibbles > 64) revert MalformedNode();
        // Clear what follows the path (the next item's bytes, or anything in memory after it).
        path = nibbles == 0 ? 0 : path & (type(uint256).max << (256 - 4 * nibbles));
    }

    /// @notice Whether the `count` nibbles of `path` (left-aligned) equal the key's nibbles from
    ///         `depth` on. Precondition: depth + count <= 64.
    function matches(bytes32 key, uint256 depth, uint256 path, uint256 count)
        private
        pure
        returns (bool)
    {
        if (count == 0) return true;
        uint256 mask = type(uint256).max << (256 - 4 * count);
        return ((uint256(key) << (4 * depth)) & mask) == path;
    }

    /// @notice The nibble of `key` at position `i` < 64 (0 = the high half of the first byte).
    function nibble(bytes32 key, uint256 i) private pure returns (uint256) {
        return (uint256(key) >> (4 * (63 - i))) & 0x0f;
    }
}
