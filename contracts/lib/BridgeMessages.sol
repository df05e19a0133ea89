// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @title BridgeMessages
/// @notice What the two halves of a native rollup's bridge agree on: the L2 predeploy's address,
///         where it keeps its withdrawals, and how deposits and withdrawals are hashed.
///         docs/rollup.md § Bridge has the same definitions.
library BridgeMessages {
    /// @notice The L2 bridge predeploy, the same on every rollup ("b71d6e": bridge).
    address internal constant L2_BRIDGE = 0x0000000000000000000000000000000000b71d6E;

    /// @notice The EIP-4788 beacon roots contract: on L2 it stores each block's anchor
    ///         (its parentBeaconBlockRoot), keyed by the block's timestamp.
    address internal constant BEACON_ROOTS = 0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02;

    /// @notice The storage slot of L2Bridge's `withdrawals` mapping: withdrawal `id` is stored at
    ///         keccak256(abi.encode(id, WITHDRAWALS_SLOT)) (Solidity's mapping layout).
    uint256 internal constant WITHDRAWALS_SLOT = 3;

    /// @notice The deposit hash chain: the root after deposit `nonce`, given the root before it
    ///         (zero before the first deposit).
    function nextDepositRoot(
        bytes32 root,
        uint256 nonce,
        address sender,
        address l2Recipient,
        uint256 amount
    )
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(root, nonce, sender, l2Recipient, amount));
    }

    /// @notice What L2Bridge stores for withdrawal `id` and L1Bridge proves.
    function withdrawalHash(uint256 id, address l2Sender, address l1Recipient, uint256 amount)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(id, l2Sender, l1Recipient, amount));
    }

    /// @notice The storage slot of withdrawal `id` in L2Bridge.
    function withdrawalSlot(uint256 id) internal pure returns (bytes32) {
        return keccak256(abi.encode(id, WITHDRAWALS_SLOT));
    }
}
