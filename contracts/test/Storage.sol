// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Storage
/// @notice A value, a mapping and a byte string in storage, with an event per write: for
///         eth_getStorageAt, eth_call at past blocks, state persistence across node restarts
///         and log filters.
contract Storage {
    uint256 public value;
    mapping(uint256 => uint256) public slots;
    bytes public blob;
    address public lastWriter;

    event ValueChanged(address indexed writer, uint256 oldValue, uint256 newValue);
    event SlotChanged(uint256 indexed key, uint256 value);

    constructor(uint256 initial) {
        value = initial;
    }

    function set(uint256 newValue) external {
        emit ValueChanged(msg.sender, value, newValue);
        value = newValue;
        lastWriter = msg.sender;
    }

    function setSlot(uint256 key, uint256 slotValue) external {
        slots[key] = slotValue;
        emit SlotChanged(key, slotValue);
    }

    function setBlob(bytes calldata data) external {
        blob = data;
    }

    /// @notice The value plus `delta`, without writing: a pure read for eth_call.
    function peek(uint256 delta) external view returns (uint256) {
        return value + delta;
    }

    /// @notice Accepts ether; the balance shows in eth_getBalance.
    receive() external payable {}
}
