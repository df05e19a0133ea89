// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Reverter
/// @notice Every way a call can fail, for the node's error reporting (eth_call and
///         eth_estimateGas revert data, receipts with status 0) as ethers and viem decode it.
contract Reverter {
    error Unauthorized(address caller, uint256 code);
    error Empty();

    uint256 public counter;

    /// @notice Reverts with Error(string) "Reverter: always".
    function revertWithReason() external pure {
        revert("Reverter: always");
    }

    /// @notice require() with a reason: reverts unless `value` is positive.
    function requirePositive(uint256 value) external pure returns (uint256) {
        require(value > 0, "Reverter: value must be positive");
        return value;
    }

    /// @notice Reverts with the custom error Unauthorized(msg.sender, code).
    function revertWithCustomError(uint256 code) external view {
        revert Unauthorized(msg.sender, code);
    }

    /// @notice Reverts with the custom error Empty(), which has no arguments.
    function revertEmpty() external pure {
        revert Empty();
    }

    /// @notice Reverts with no data at all.
    function revertWithoutData() external pure {
        revert();
    }

    /// @notice Panics with code 0x12 (division by zero) when `divisor` is 0.
    function divide(uint256 dividend, uint256 divisor) external pure returns (uint256) {
        return dividend / divisor;
    }

    /// @notice Panics with code 0x01 (assert) when `ok` is false.
    function assertTrue(bool ok) external pure {
        assert(ok);
    }

    /// @notice A state change that is then undone by a revert: the counter must stay unchanged
    ///         and the transaction must be mined with status 0.
    function incrementThenRevert() external {
        counter += 1;
        revert("Reverter: undone");
    }

    /// @notice A successful state change, to tell a good transaction from a reverted one.
    function increment() external {
        counter += 1;
    }
}
