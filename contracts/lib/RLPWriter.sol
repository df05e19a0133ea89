// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title RLPWriter
/// @notice The little RLP encoding NativeRollup needs (Yellow Paper, Appendix B): EXECUTE's
///         trace `[header, [tx_0, tx_1, ...], witness]`, built in one allocation. `header` and
///         `witness` are already RLP items and are copied as they are; each transaction (its
///         canonical EIP-2718 encoding) is wrapped as an RLP byte string.
/// @dev Nothing here checks that `header` and `witness` are well-formed RLP: EXECUTE decodes the
///      trace strictly and answers "invalid" for anything else.
library RLPWriter {
    /// @notice RLP `[header, [tx...], witness]`: the trace of EXECUTE's input (SPEC.md § EXECUTE).
    function encodeTrace(
        bytes calldata header,
        bytes[] calldata transactions,
        bytes calldata witness
    )
        internal
        pure
        returns (bytes memory out)
    {
        uint256 txsPayload = 0;
        for (uint256 i = 0; i < transactions.length; ++i) {
            txsPayload += encodedStringLength(transactions[i]);
        }
        uint256 txsLength = prefixLength(txsPayload) + txsPayload;
        uint256 payload = header.length + txsLength + witness.length;

        out = new bytes(prefixLength(payload) + payload);
        uint256 pos = writePrefix(out, 0, payload, 0xc0);
        pos = copy(out, pos, header);
        pos = writePrefix(out, pos, txsPayload, 0xc0);
        for (uint256 i = 0; i < transactions.length; ++i) {
            pos = writeString(out, pos, transactions[i]);
        }
        pos = copy(out, pos, witness);
        assert(pos == out.length);
    }

    /// @notice The RLP of the byte string `data`.
    function encodeString(bytes calldata data) internal pure returns (bytes memory out) {
        out = new bytes(encodedStringLength(data));
        writeString(out, 0, data);
    }

    /// @notice The size of the RLP of the byte string `data`: one byte below 0x80 is its own
    ///         encoding, anything else takes a length prefix.
    function encodedStringLength(bytes calldata data) internal pure returns (uint256) {
        if (data.length == 1 && uint8(data[0]) < 0x80) return 1;
        return prefixLength(data.length) + data.length;
    }

    /// @notice The size of the prefix of a string or list with a payload of `length` bytes: one
    ///         byte below 56, else one byte plus the big-endian length's bytes.
    function prefixLength(uint256 length) internal pure returns (uint256) {
        return length < 56 ? 1 : 1 + byteLength(length);
    }

    /// @notice The number of bytes of `value` in big-endian without leading zeros (0 for 0).
    function byteLength(uint256 value) internal pure returns (uint256 n) {
        while (value != 0) {
            ++n;
            value >>= 8;
        }
    }

    /// @notice Writes the prefix of a payload of `length` bytes at `out[pos]`: `base + length`
    ///         below 56, else `base + 55 + n` and the n length bytes. `base` is 0x80 for a
    ///         string, 0xc0 for a list. Returns the position after it.
    function writePrefix(bytes memory out, uint256 pos, uint256 length, uint8 base)
        internal
        pure
        returns (uint256)
    {
        if (length < 56) {
            out[pos] = bytes1(uint8(base + length));
            return pos + 1;
        }
        uint256 n = byteLength(length);
        out[pos] = bytes1(uint8(base + 55 + n));
        for (uint256 i = 0; i < n; ++i) {
            out[pos + n - i] = bytes1(uint8(length >> (8 * i)));
        }
        return pos + 1 + n;
    }

    /// @notice Writes the RLP of the byte string `data` at `out[pos]`; returns the position
    ///         after it.
    function writeString(bytes memory out, uint256 pos, bytes calldata data)
        internal
        pure
        returns (uint256)
    {
        if (data.length == 1 && uint8(data[0]) < 0x80) {
            out[pos] = data[0];
            return pos + 1;
        }
        return copy(out, writePrefix(out, pos, data.length, 0x80), data);
    }

    /// @notice Copies `data` to `out[pos]`; returns the position after it.
    function copy(bytes memory out, uint256 pos, bytes calldata data)
        internal
        pure
        returns (uint256)
    {
        require(pos + data.length <= out.length);
        assembly ("memory-safe") {
            calldatacopy(add(add(out, 0x20), pos), data.offset, data.length)
        }
        return pos + data.length;
    }
}
