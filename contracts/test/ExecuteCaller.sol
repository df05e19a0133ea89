// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ExecuteCaller
/// @notice Calls the EXECUTE precompile (0x…0101) the way a native rollup's contract would, for
///         the node's end-to-end tests: forwards an input and the execute fee (msg.value) and
///         keeps what came back. docs/execute.md describes the input and the 320-byte output
///         abi.encode(bool valid, bytes32 blockHash, bytes32 parentHash, uint64 number,
///         uint64 timestamp, uint64 gasLimit, address coinbase, bytes32 anchor,
///         bytes32 receiptsRoot, uint256 burnedFees), all zero when the block is invalid.
contract ExecuteCaller {
    address public constant EXECUTE = address(0x0101);

    /// @notice Whether the last CALL to EXECUTE succeeded (false: it halted).
    bool public lastSuccess;
    /// @notice The output of the last call.
    bytes public lastOutput;
    /// @notice The output's valid flag.
    bool public lastValid;
    /// @notice The output's L2 block hash (zero when invalid).
    bytes32 public lastBlockHash;
    /// @notice The output's L2 block number (zero when invalid).
    uint64 public lastNumber;

    event Executed(bool success, bool valid, bytes32 blockHash, uint256 value);

    /// @notice Forwards `input` and msg.value to EXECUTE and stores the outcome.
    function execute(bytes calldata input) external payable returns (bool valid) {
        (bool ok, bytes memory out) = EXECUTE.call{value: msg.value}(input);
        lastSuccess = ok;
        lastOutput = out;
        bytes32 blockHash;
        uint64 number;
        if (ok && out.length == 320) {
            (valid, blockHash, , number) = abi.decode(out, (bool, bytes32, bytes32, uint64));
        }
        lastValid = valid;
        lastBlockHash = blockHash;
        lastNumber = number;
        emit Executed(ok, valid, blockHash, msg.value);
    }

    /// @notice The execute base fee of the current block (EXECUTE with an empty input).
    function executeFee() external view returns (uint256) {
        (bool ok, bytes memory out) = EXECUTE.staticcall("");
        require(ok && out.length == 32, "ExecuteCaller: fee query failed");
        return abi.decode(out, (uint256));
    }
}
