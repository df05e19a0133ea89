// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {BridgeMessages} from "./lib/BridgeMessages.sol";
import {MerkleTrie} from "./lib/MerkleTrie.sol";
import {RLPReader} from "./lib/RLPReader.sol";

/// @notice What L1Bridge needs from its rollup: the settled L2 state roots.
interface IStateRoots {
    /// @notice The L2 state root after block `l2BlockNumber`; reverts when it is not kept.
    function stateRootAt(uint256 l2BlockNumber) external view returns (bytes32);
}

/// @title L1Bridge
/// @notice The L1 half of a native rollup's bridge (one per rollup; NativeRollup deploys it).
///
///         Deposits: deposit() keeps the ETH and appends a message to a hash chain,
///         root_n = keccak256(abi.encode(root_{n-1}, n, sender, l2Recipient, amount)) with
///         root_{-1} = 0, and publishes every root. The rollup accepts an L2 block only if its
///         anchor (parentBeaconBlockRoot) is a published root, and L2Bridge.claimDeposits()
///         replays the chain up to that anchor to pay the recipients on L2.
///
///         Withdrawals: claimWithdrawal() pays a withdrawal recorded by L2Bridge.withdraw(),
///         proven with an account proof of the L2 bridge predeploy against a settled L2 state
///         root and a storage proof of its withdrawals slot (eth_getProof's format). Each
///         withdrawal is paid once.
contract L1Bridge {
    using RLPReader for RLPReader.Item;

    /// @notice A withdrawal as L2Bridge.withdraw() recorded it.
    struct Withdrawal {
        uint256 id;
        address l2Sender;
        address l1Recipient;
        uint256 amount;
    }

    /// @notice The rollup whose settled state roots prove withdrawals.
    IStateRoots public immutable rollup;

    /// @notice The number of deposits: the nonce of the next one.
    uint256 public depositCount;
    /// @notice The deposit chain's latest root (zero before the first deposit).
    bytes32 public depositRoot;
    /// @notice Whether `root` is a root of the deposit chain (a valid L2 anchor).
    mapping(bytes32 => bool) public isPublished;
    /// @notice Whether withdrawal `id` was paid.
    mapping(uint256 => bool) public claimed;

    bool private transient locked_;

    /// @notice Deposit `nonce`: `amount` from `sender` to `l2Recipient`; `root` is the chain's
    ///         root after it.
    event Deposit(
        uint256 indexed nonce,
        address indexed sender,
        address indexed l2Recipient,
        uint256 amount,
        bytes32 root
    );
    /// @notice Withdrawal `id` was paid to `l1Recipient`.
    event WithdrawalClaimed(uint256 indexed id, address indexed l1Recipient, uint256 amount);

    /// @notice A deposit must carry value.
    error ZeroAmount();
    /// @notice Withdrawal `id` was already paid.
    error AlreadyClaimed(uint256 id);
    /// @notice The account proof does not show the L2 bridge predeploy.
    error BridgeAccountNotProven();
    /// @notice The storage proof does not show the withdrawal's hash in its slot.
    error WithdrawalNotProven(uint256 id);
    /// @notice Paying the recipient failed.
    error PaymentFailed();
    /// @notice claimWithdrawal() was re-entered.
    error Reentrancy();

    /// @notice A bridge for `rollup_`.
    constructor(IStateRoots rollup_) {
        rollup = rollup_;
    }

    /// @notice Deposits msg.value for `l2Recipient` on L2: appends a message to the deposit
    ///         chain and publishes the new root. The rollup's next L2 blocks may anchor it;
    ///         then anyone may claim it on L2 (L2Bridge.claimDeposits()).
    /// @dev Checks: a non-zero value.
    function deposit(address l2Recipient) external payable returns (bytes32 root) {
        if (msg.value == 0) revert ZeroAmount();
        uint256 nonce = depositCount;
        root = BridgeMessages.nextDepositRoot(
            depositRoot, nonce, msg.sender, l2Recipient, msg.value
        );
        depositRoot = root;
        depositCount = nonce + 1;
        isPublished[root] = true;
        emit Deposit(nonce, msg.sender, l2Recipient, msg.value, root);
    }

    /// @notice Pays withdrawal `w` to its L1 recipient. Anyone may call (a relayer, the
    ///         recipient). `accountProof` proves the L2 bridge predeploy's account against the
    ///         L2 state root after block `l2BlockNumber` (rollup.stateRootAt()); `storageProof`
    ///         proves slot BridgeMessages.withdrawalSlot(w.id) of its storage. Both are
    ///         eth_getProof's lists for that block.
    /// @dev Checks, in order: not re-entered; not claimed; the state root is kept by the rollup;
    ///      the account proof shows the predeploy; the storage proof shows
    ///      withdrawalHash(w) in the withdrawal's slot. Then marks it claimed and pays
    ///      (checks-effects-interactions, and a re-entrancy guard).
    function claimWithdrawal(
        uint256 l2BlockNumber,
        Withdrawal calldata w,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external {
        if (locked_) revert Reentrancy();
        locked_ = true;
        if (claimed[w.id]) revert AlreadyClaimed(w.id);

        bytes32 stateRoot = rollup.stateRootAt(l2BlockNumber);
        bytes32 storageRoot = bridgeStorageRoot(stateRoot, accountProof);
        bytes32 slotKey = keccak256(abi.encode(BridgeMessages.withdrawalSlot(w.id)));
        (bool found, bytes memory value) = MerkleTrie.get(storageRoot, slotKey, storageProof);
        bytes32 expected = BridgeMessages.withdrawalHash(w.id, w.l2Sender, w.l1Recipient, w.amount);
        if (!found || RLPReader.toItem(value).readWord() != expected) {
            revert WithdrawalNotProven(w.id);
        }

        claimed[w.id] = true;
        emit WithdrawalClaimed(w.id, w.l1Recipient, w.amount);
        (bool ok,) = w.l1Recipient.call{value: w.amount}("");
        if (!ok) revert PaymentFailed();
        locked_ = false;
    }

    /// @notice The storage root of the L2 bridge predeploy in the L2 state of root `stateRoot`,
    ///         proven by `accountProof` (the account is RLP [nonce, balance, storageRoot,
    ///         codeHash]).
    function bridgeStorageRoot(bytes32 stateRoot, bytes[] memory accountProof)
        public
        pure
        returns (bytes32)
    {
        bytes32 accountKey = keccak256(abi.encodePacked(BridgeMessages.L2_BRIDGE));
        (bool found, bytes memory account) = MerkleTrie.get(stateRoot, accountKey, accountProof);
        if (!found) revert BridgeAccountNotProven();
        RLPReader.Item[] memory fields = RLPReader.toItem(account).readList();
        if (fields.length != 4) revert BridgeAccountNotProven();
        return fields[2].readHash();
    }
}
