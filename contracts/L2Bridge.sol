// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BridgeMessages} from "./lib/BridgeMessages.sol";

/// @title L2Bridge
/// @notice The L2 half of a native rollup's bridge: a predeploy at
///         0x0000000000000000000000000000000000b71d6E whose code and pre-minted balance (all the
///         L2 ETH there will ever be, e.g. 2^100 wei) are in the L2 genesis
///         (src/ultra/node/l2_genesis.hpp). It has no constructor and no configuration: its
///         storage starts empty.
///
///         Deposits: L1Bridge appends each deposit to a hash chain whose roots the rollup
///         anchors into L2 blocks (the header's parentBeaconBlockRoot, which the EIP-4788
///         contract stores on L2). claimDeposits() replays the chain from the last root claimed
///         and pays the recipients when it reaches the current block's anchor.
///
///         Withdrawals: withdraw() keeps the ETH and records a hash in `withdrawals`, which
///         L1Bridge proves against an L2 state root with a Merkle-Patricia storage proof.
///
///         Storage layout (fixed: L1Bridge proves slot 3):
///         slot 0 lastDepositRoot, slot 1 depositCount, slot 2 withdrawalCount,
///         slot 3 withdrawals (mapping uint256 => bytes32), slot 4 credits (mapping address =>
///         uint256).
contract L2Bridge {
    /// @notice A deposit as L1Bridge hashed it (its nonce is its position in the chain).
    struct Deposit {
        address sender;
        address l2Recipient;
        uint256 amount;
    }

    /// @notice The gas a deposit's payment may use: enough for a contract's receive(), too
    ///         little for a recipient to make the claim run out of gas. A payment that fails is
    ///         credited instead (claimCredit()).
    uint256 public constant DEPOSIT_CALL_GAS = 60_000;

    /// @notice The deposit chain's root after the last claimed deposit (zero before any).
    bytes32 public lastDepositRoot;
    /// @notice The number of deposits claimed: the nonce of the next one.
    uint256 public depositCount;
    /// @notice The number of withdrawals made: the id of the next one.
    uint256 public withdrawalCount;
    /// @notice withdrawals[id] = BridgeMessages.withdrawalHash(id, l2Sender, l1Recipient,
    ///         amount). Slot BridgeMessages.WITHDRAWALS_SLOT.
    mapping(uint256 => bytes32) public withdrawals;
    /// @notice Deposits whose payment failed, claimable by their recipient.
    mapping(address => uint256) public credits;

    /// @notice Deposit `nonce` was paid to `l2Recipient`.
    event DepositClaimed(
        uint256 indexed nonce, address indexed sender, address indexed l2Recipient, uint256 amount
    );
    /// @notice Deposit `nonce`'s payment failed; the amount is credited to `l2Recipient`.
    event DepositCredited(uint256 indexed nonce, address indexed l2Recipient, uint256 amount);
    /// @notice `l2Sender` withdrew `amount` to `l1Recipient` on L1; claim it with L1Bridge.
    event WithdrawalInitiated(
        uint256 indexed id,
        address indexed l2Sender,
        address indexed l1Recipient,
        uint256 amount,
        bytes32 withdrawalHash
    );

    /// @notice The deposits do not lead from lastDepositRoot to the current block's anchor.
    error AnchorMismatch(bytes32 computed, bytes32 anchor);
    /// @notice The EIP-4788 contract has no root for this block.
    error AnchorUnavailable();
    /// @notice Nothing was given to claim.
    error NoDeposits();
    /// @notice A withdrawal must carry value.
    error ZeroAmount();
    /// @notice The caller has no credit.
    error NoCredit();
    /// @notice Paying the credit failed.
    error PaymentFailed();

    /// @notice Claims the next deposits of the chain, in order: replays the chain from
    ///         lastDepositRoot over `deposits` (nonces depositCount, depositCount + 1, ...) and
    ///         requires the result to equal the current L2 block's anchor; then pays each
    ///         recipient (a payment that fails is credited to the recipient). Permissionless:
    ///         the anchor, which the L1 contract checked was published by L1Bridge, is the
    ///         proof.
    /// @dev Checks: at least one deposit; the replayed root equals currentAnchor().
    function claimDeposits(Deposit[] calldata deposits) external {
        if (deposits.length == 0) revert NoDeposits();
        bytes32 anchor = currentAnchor();
        bytes32 root = lastDepositRoot;
        uint256 first = depositCount;
        for (uint256 i = 0; i < deposits.length; ++i) {
            Deposit calldata d = deposits[i];
            root = BridgeMessages.nextDepositRoot(
                root, first + i, d.sender, d.l2Recipient, d.amount
            );
        }
        if (root != anchor) revert AnchorMismatch(root, anchor);

        lastDepositRoot = root;
        depositCount = first + deposits.length;

        for (uint256 i = 0; i < deposits.length; ++i) {
            Deposit calldata d = deposits[i];
            (bool ok,) = d.l2Recipient.call{value: d.amount, gas: DEPOSIT_CALL_GAS}("");
            if (ok) {
                emit DepositClaimed(first + i, d.sender, d.l2Recipient, d.amount);
            } else {
                credits[d.l2Recipient] += d.amount;
                emit DepositCredited(first + i, d.l2Recipient, d.amount);
            }
        }
    }

    /// @notice Pays the caller the deposits credited to it (those whose payment failed).
    /// @dev Checks: a non-zero credit; the payment succeeds.
    function claimCredit() external {
        uint256 amount = credits[msg.sender];
        if (amount == 0) revert NoCredit();
        credits[msg.sender] = 0;
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert PaymentFailed();
    }

    /// @notice Withdraws msg.value to `l1Recipient` on L1: records the withdrawal's hash under a
    ///         new id (the ETH stays here, back in the pre-minted supply). Claim it on L1 with
    ///         L1Bridge.claimWithdrawal() once an L2 block after this one is settled.
    /// @dev Checks: a non-zero value.
    function withdraw(address l1Recipient) external payable returns (uint256 id) {
        if (msg.value == 0) revert ZeroAmount();
        id = withdrawalCount++;
        bytes32 h = BridgeMessages.withdrawalHash(id, msg.sender, l1Recipient, msg.value);
        withdrawals[id] = h;
        emit WithdrawalInitiated(id, msg.sender, l1Recipient, msg.value, h);
    }

    /// @notice The current L2 block's anchor: its parentBeaconBlockRoot, which the EIP-4788
    ///         system call stored under block.timestamp.
    function currentAnchor() public view returns (bytes32) {
        (bool ok, bytes memory ret) =
            BridgeMessages.BEACON_ROOTS.staticcall(abi.encode(block.timestamp));
        if (!ok || ret.length != 32) revert AnchorUnavailable();
        return abi.decode(ret, (bytes32));
    }
}
