// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title RLPReader
/// @notice An RLP decoder over memory (Yellow Paper, Appendix B) for the Merkle-Patricia proof
///         verifier: an item is a view (memory pointer and length) into the bytes it was read
///         from, so reading a node copies nothing until a value is asked for.
/// @dev Every read is bounds-checked against the enclosing item: a malformed input reverts with
///      MalformedRLP and never reads memory outside its bytes. Canonical form (shortest length
///      prefixes, single bytes below 0x80 not wrapped) is not required: the proof verifier only
///      reads nodes whose bytes a trusted root commits to.
library RLPReader {
    /// @notice A view of one encoded item: `ptr` is the memory address of its first byte,
    ///         `length` the size of the whole encoding (prefix and payload).
    struct Item {
        uint256 ptr;
        uint256 length;
    }

    /// @notice The input is not the RLP the caller expected (truncated, overlong, a list where
    ///         a string was expected, or the other way round).
    error MalformedRLP();

    /// @notice The item that `data` encodes; it must fill `data` exactly.
    function toItem(bytes memory data) internal pure returns (Item memory item) {
        uint256 ptr;
        assembly ("memory-safe") {
            ptr := add(data, 0x20)
        }
        (,, uint256 payloadLength, uint256 prefix) = decode(ptr, data.length);
        if (prefix + payloadLength != data.length) revert MalformedRLP();
        item = Item(ptr, data.length);
    }

    /// @notice Whether `item` is a list.
    function isList(Item memory item) internal pure returns (bool list) {
        (list,,,) = decode(item.ptr, item.length);
    }

    /// @notice The items of the list `item`, in order. Reverts unless `item` is a list whose
    ///         payload is exactly a sequence of items.
    function readList(Item memory item) internal pure returns (Item[] memory items) {
        (bool list,, uint256 payloadLength, uint256 prefix) = decode(item.ptr, item.length);
        if (!list) revert MalformedRLP();
        uint256 start = item.ptr + prefix;
        uint256 end = start + payloadLength;
        // Count, then fill: the array is allocated once. Every step advances by at least one
        // byte and stays within `end` (decode() checks), so the loops end.
        uint256 count = 0;
        for (uint256 p = start; p < end; ++count) {
            p += itemLength(p, end - p);
        }
        items = new Item[](count);
        uint256 pos = start;
        for (uint256 i = 0; i < count; ++i) {
            uint256 length = itemLength(pos, end - pos);
            items[i] = Item(pos, length);
            pos += length;
        }
    }

    /// @notice The number of items of the list `item`, and its item number `index` (zero-length
    ///         when `index` is past the end), in one pass and without allocating the list.
    ///         Reverts unless `item` is a list whose payload is exactly a sequence of items.
    function listItem(Item memory item, uint256 index)
        internal
        pure
        returns (uint256 count, Item memory found)
    {
        (bool list,, uint256 payloadLength, uint256 prefix) = decode(item.ptr, item.length);
        if (!list) revert MalformedRLP();
        uint256 pos = item.ptr + prefix;
        uint256 end = pos + payloadLength;
        // decode() keeps every item within `end`: nothing below can overflow or underflow.
        unchecked {
            while (pos < end) {
                uint256 length = itemLength(pos, end - pos);
                if (count == index) found = Item(pos, length);
                pos += length;
                ++count;
            }
        }
    }

    /// @notice The payload of the string `item`, copied. Reverts if `item` is a list.
    function readBytes(Item memory item) internal pure returns (bytes memory out) {
        (bool list, uint256 payloadPtr, uint256 payloadLength,) = decode(item.ptr, item.length);
        if (list) revert MalformedRLP();
        out = new bytes(payloadLength);
        assembly ("memory-safe") {
            mcopy(add(out, 0x20), payloadPtr, payloadLength)
        }
    }

    /// @notice The payload of the string `item` as a 32-byte word, right-aligned (a big-endian
    ///         number or a hash). Reverts if `item` is a list or its payload exceeds 32 bytes.
    function readWord(Item memory item) internal pure returns (bytes32 word) {
        (bool list, uint256 payloadPtr, uint256 payloadLength,) = decode(item.ptr, item.length);
        if (list || payloadLength > 32) revert MalformedRLP();
        if (payloadLength == 0) return bytes32(0);
        assembly ("memory-safe") {
            word := shr(mul(8, sub(32, payloadLength)), mload(payloadPtr))
        }
    }

    /// @notice The payload of the string `item`, which must be exactly 32 bytes (a hash).
    function readHash(Item memory item) internal pure returns (bytes32 word) {
        (bool list, uint256 payloadPtr, uint256 payloadLength,) = decode(item.ptr, item.length);
        if (list || payloadLength != 32) revert MalformedRLP();
        assembly ("memory-safe") {
            word := mload(payloadPtr)
        }
    }

    /// @notice Whether `item` is the empty string 0x80.
    function isEmptyString(Item memory item) internal pure returns (bool) {
        (bool list,, uint256 payloadLength,) = decode(item.ptr, item.length);
        return !list && payloadLength == 0;
    }

    /// @notice Decodes the prefix of the item at memory address `ptr`, which has at most
    ///         `available` bytes: whether it is a list, where its payload starts, the payload's
    ///         length and the prefix's length. Reverts when the encoding does not fit.
    function decode(uint256 ptr, uint256 available)
        internal
        pure
        returns (bool list, uint256 payloadPtr, uint256 payloadLength, uint256 prefix)
    {
        if (available == 0) revert MalformedRLP();
        bool fits;
        // The hot path of proof verification (every item of every node), hence assembly.
        assembly ("memory-safe") {
            let b0 := byte(0, mload(ptr))
            switch lt(b0, 0x80)
            case 1 {
                // A single byte is its own encoding.
                payloadPtr := ptr
                payloadLength := 1
            }
            default {
                let lengthBytes := 0
                switch lt(b0, 0xc0)
                case 1 {
                    // A string: 0x80 + length, or 0xb7 + the length's size then the length.
                    switch lt(b0, 0xb8)
                    case 1 { payloadLength := sub(b0, 0x80) }
                    default { lengthBytes := sub(b0, 0xb7) }
                }
                default {
                    // A list: 0xc0 + length, or 0xf7 + the length's size then the length.
                    list := 1
                    switch lt(b0, 0xf8)
                    case 1 { payloadLength := sub(b0, 0xc0) }
                    default { lengthBytes := sub(b0, 0xf7) }
                }
                prefix := add(1, lengthBytes)
                // At most 8 length bytes: the length stays below 2^64, no sum below overflows.
                if lengthBytes {
                    payloadLength := shr(mul(8, sub(32, lengthBytes)), mload(add(ptr, 1)))
                }
                payloadPtr := add(ptr, prefix)
            }
            // prefix <= available, and payloadLength <= available - prefix (the subtraction is
            // only meaningful when the first holds, which `and` requires anyway).
            fits := and(
                iszero(gt(prefix, available)),
                iszero(gt(payloadLength, sub(available, prefix)))
            )
        }
        if (!fits) revert MalformedRLP();
    }

    /// @notice The size of the item at `ptr`, which has at most `available` bytes.
    function itemLength(uint256 ptr, uint256 available) private pure returns (uint256) {
        (,, uint256 payloadLength, uint256 prefix) = decode(ptr, available);
        return prefix + payloadLength;
    }

    /// @notice The byte at memory address `ptr`.
    function byteAt(uint256 ptr) internal pure returns (uint256 b) {
        assembly ("memory-safe") {
            b := byte(0, mload(ptr))
        }
    }
}
