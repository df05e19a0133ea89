// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IStateRoots, L1Bridge} from "./L1Bridge.sol";
import {RLPWriter} from "./lib/RLPWriter.sol";

/// @title NativeRollup
/// @notice A native rollup: an L2 whose blocks L1 verifies by re-executing them with the
///         EXECUTE precompile (SPEC.md § EXECUTE). The contract is the rollup's derivation
///         function: it keeps the L2 head, asks EXECUTE whether a block turns the head's state
///         root into the claimed one, and enforces the rollup's own policy on the facts EXECUTE
///         returns (advance()). Deploy one per rollup; its constructor deploys the rollup's
///         L1Bridge. docs/rollup.md describes the settings and every check.
contract NativeRollup is IStateRoots {
    /// @notice Who may advance: anyone (an "ultra sound" based rollup) or an allow-list, with
    ///         forced inclusion through the inbox.
    enum Sequencing {
        Based,
        Sequenced
    }

    /// @notice Who the L2 block's coinbase (its priority fees) must be.
    enum CoinbasePolicy {
        Proposer,
        Treasury
    }

    /// @notice Who may change the mutable settings (sequencers, forced-inclusion delay,
    ///         treasury, owner): nobody, the owner at once, or the owner after a delay.
    enum Governance {
        None,
        Owner,
        Timelock
    }

    /// @notice The constructor's settings.
    struct Config {
        /// @dev The L2 chain id: every L2 transaction's chain id must be this (EXECUTE checks).
        uint64 chainId;
        /// @dev The largest gas limit an L2 block may have.
        uint64 l2GasLimit;
        Sequencing sequencing;
        /// @dev The initial allow-list (Sequenced).
        address[] sequencers;
        /// @dev Seconds a queued transaction may wait before anyone may advance (Sequenced).
        uint64 forcedInclusionDelay;
        CoinbasePolicy coinbasePolicy;
        /// @dev The coinbase of every L2 block (CoinbasePolicy.Treasury).
        address treasury;
        Governance governance;
        /// @dev The governor (Owner, Timelock); ignored with Governance.None.
        address owner;
        /// @dev Seconds between scheduling and executing a change (Timelock).
        uint64 timelockDelay;
        /// @dev How many past state roots stateRootAt() keeps; 0: DEFAULT_STATE_ROOT_HISTORY.
        uint64 stateRootHistory;
        /// @dev EXECUTE's address; zero: DEFAULT_EXECUTE.
        address execute;
    }

    /// @notice EXECUTE's output (SPEC.md § EXECUTE): the facts of the verified L2 block.
    struct BlockFacts {
        bool valid;
        bytes32 blockHash;
        bytes32 parentHash;
        uint64 number;
        uint64 timestamp;
        uint64 gasLimit;
        address coinbase;
        bytes32 anchor;
        bytes32 receiptsRoot;
        uint256 burnedFees;
    }

    /// @notice A transaction queued in the inbox (forced inclusion).
    struct QueuedTransaction {
        bytes32 txHash;
        uint64 queuedAt;
    }

    /// @notice One entry of the state-root ring buffer.
    struct StateRootEntry {
        bytes32 stateRoot;
        uint64 l2BlockNumber;
        uint64 l1Timestamp;
    }

    /// @notice The devnet's EXECUTE address (a chain-config value).
    address public constant DEFAULT_EXECUTE = 0x0000000000000000000000000000000000000101;
    /// @notice The default length of the state-root ring buffer.
    uint64 public constant DEFAULT_STATE_ROOT_HISTORY = 8192;
    /// @notice The size of EXECUTE's output: ten ABI words.
    uint256 private constant EXECUTE_OUTPUT_SIZE = 320;

    // --- Settings -----------------------------------------------------------------------------

    /// @notice The L2 chain id.
    uint64 public immutable chainId;
    /// @notice The largest gas limit an L2 block may have.
    uint64 public immutable l2GasLimit;
    /// @notice Based or sequenced.
    Sequencing public immutable sequencing;
    /// @notice Proposer or treasury.
    CoinbasePolicy public immutable coinbasePolicy;
    /// @notice None, owner or timelock.
    Governance public immutable governance;
    /// @notice Seconds between scheduleChange() and executeChange().
    uint64 public immutable timelockDelay;
    /// @notice How many past state roots are kept.
    uint64 public immutable stateRootHistory;
    /// @notice The EXECUTE precompile.
    address public immutable execute;
    /// @notice This rollup's L1 bridge (its published deposit roots are the valid anchors).
    L1Bridge public immutable bridge;
    /// @notice L2 block 0's hash: a rollup node checks its genesis against it before syncing.
    bytes32 public immutable genesisBlockHash;
    /// @notice L2 block 0's state root.
    bytes32 public immutable genesisStateRoot;

    /// @notice The governor (Owner and Timelock governance).
    address public owner;
    /// @notice The sequencer allow-list (Sequenced).
    mapping(address => bool) public isSequencer;
    /// @notice Seconds a queued transaction may wait before anyone may advance.
    uint64 public forcedInclusionDelay;
    /// @notice The coinbase of every L2 block under CoinbasePolicy.Treasury.
    address public treasury;

    // --- The L2 head ----------------------------------------------------------------------------

    /// @notice The L2 head's state root.
    bytes32 public stateRoot;
    /// @notice The L2 head's block hash.
    bytes32 public blockHash;
    /// @notice The L2 head's number.
    uint256 public blockNumber;
    /// @notice Σ burnedFees of the settled L2 blocks: the L2 base fees burned (EIP-1559), for
    ///         off-chain accounting. Nothing is paid from it (docs/rollup.md § Burned fees).
    uint256 public totalBurnedFees;

    mapping(uint256 => StateRootEntry) private stateRoots_;

    // --- The inbox ------------------------------------------------------------------------------

    /// @notice The queued transactions, oldest first.
    QueuedTransaction[] public inbox;
    /// @notice The index of the oldest queued transaction not yet included.
    uint256 public inboxHead;

    // --- Timelock -------------------------------------------------------------------------------

    /// @notice When each scheduled change (by keccak256 of its calldata) becomes executable.
    mapping(bytes32 => uint256) public scheduledAt;

    // --- Events ---------------------------------------------------------------------------------

    /// @notice L2 block `number` is settled. Its data is the calldata of the advance() call
    ///         that emitted this event.
    event BlockAdvanced(
        uint256 indexed number,
        bytes32 blockHash,
        bytes32 stateRoot,
        address proposer,
        uint256 burnedFees
    );
    /// @notice `signedTx` was queued at `index` (its hash is keccak256(signedTx)).
    event TransactionEnqueued(
        uint256 indexed index, bytes32 indexed txHash, address sender, bytes signedTx
    );
    /// @notice The queued transaction at `index` was included in L2 block `l2BlockNumber`.
    event QueuedTransactionIncluded(
        uint256 indexed index, bytes32 indexed txHash, uint256 l2BlockNumber
    );
    /// @notice `account` was added to or removed from the sequencer allow-list.
    event SequencerSet(address indexed account, bool enabled);
    /// @notice The forced-inclusion delay changed.
    event ForcedInclusionDelaySet(uint64 delay);
    /// @notice The treasury changed.
    event TreasurySet(address treasury);
    /// @notice The governor changed.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    /// @notice A change (the calldata of a governed setter) was scheduled, executable at `eta`.
    event ChangeScheduled(bytes32 indexed id, bytes change, uint256 eta);
    /// @notice A scheduled change was executed.
    event ChangeExecuted(bytes32 indexed id);
    /// @notice A scheduled change was cancelled.
    event ChangeCancelled(bytes32 indexed id);

    // --- Errors ---------------------------------------------------------------------------------

    /// @notice A setting is out of range.
    error InvalidConfig(string reason);
    /// @notice Sequenced: the caller is not a sequencer and no queued transaction is overdue.
    error NotSequencer(address caller);
    /// @notice msg.value does not pay gasUsed × executeBaseFee.
    error InsufficientFee(uint256 required, uint256 provided);
    /// @notice The EXECUTE call failed (not deployed, out of gas, or the block's cumulative
    ///         execute gas limit reached) or answered something else than its output.
    error ExecuteFailed();
    /// @notice EXECUTE found the block invalid (bad transition, post-state root, witness...).
    error InvalidBlock();
    /// @notice The block is not the head's successor.
    error WrongBlockNumber(uint256 expected, uint256 actual);
    /// @notice The block's parent is not the head.
    error WrongParentHash(bytes32 expected, bytes32 actual);
    /// @notice The block's timestamp is after the L1 block's.
    error TimestampInFuture(uint256 l2Timestamp, uint256 l1Timestamp);
    /// @notice The block's gas limit is above l2GasLimit.
    error GasLimitTooHigh(uint256 gasLimit, uint256 maxGasLimit);
    /// @notice The block's anchor is not a deposit root the bridge published (zero is accepted
    ///         only while there has been no deposit).
    error UnknownAnchor(bytes32 anchor);
    /// @notice The block's coinbase breaks the coinbase policy.
    error WrongCoinbase(address expected, address actual);
    /// @notice Returning the excess fee to the caller failed.
    error RefundFailed();
    /// @notice stateRootAt(): the block is in the future or no longer in the ring buffer.
    error StateRootUnavailable(uint256 l2BlockNumber);
    /// @notice An empty transaction cannot be queued.
    error EmptyTransaction();
    /// @notice Governance: the caller may not make this change.
    error Unauthorized(address caller);
    /// @notice Governance.None: the settings are immutable.
    error GovernanceDisabled();
    /// @notice Timelock: the change is not a governed setter, already scheduled, not
    ///         scheduled, or not yet executable.
    error BadChange(bytes32 id);

    /// @notice A rollup with `config`, whose L2 starts at the genesis block (number 0) of state
    ///         root `genesisStateRoot_` and hash `genesisBlockHash_` (src/ultra/node/l2_genesis.hpp
    ///         makes both). Deploys the rollup's L1Bridge.
    constructor(Config memory config, bytes32 genesisStateRoot_, bytes32 genesisBlockHash_) {
        if (config.chainId == 0) revert InvalidConfig("chainId");
        if (config.l2GasLimit == 0) revert InvalidConfig("l2GasLimit");
        if (config.coinbasePolicy == CoinbasePolicy.Treasury && config.treasury == address(0)) {
            revert InvalidConfig("treasury");
        }
        if (config.governance != Governance.None && config.owner == address(0)) {
            revert InvalidConfig("owner");
        }
        chainId = config.chainId;
        l2GasLimit = config.l2GasLimit;
        sequencing = config.sequencing;
        coinbasePolicy = config.coinbasePolicy;
        governance = config.governance;
        timelockDelay = config.timelockDelay;
        stateRootHistory =
            config.stateRootHistory == 0 ? DEFAULT_STATE_ROOT_HISTORY : config.stateRootHistory;
        execute = config.execute == address(0) ? DEFAULT_EXECUTE : config.execute;
        bridge = new L1Bridge(this);

        if (config.governance != Governance.None) owner = config.owner;
        for (uint256 i = 0; i < config.sequencers.length; ++i) {
            isSequencer[config.sequencers[i]] = true;
            emit SequencerSet(config.sequencers[i], true);
        }
        forcedInclusionDelay = config.forcedInclusionDelay;
        treasury = config.treasury;

        genesisBlockHash = genesisBlockHash_;
        genesisStateRoot = genesisStateRoot_;
        stateRoot = genesisStateRoot_;
        blockHash = genesisBlockHash_;
        stateRoots_[0] = StateRootEntry(genesisStateRoot_, 0, uint64(block.timestamp));
    }

    // --- Advancing ------------------------------------------------------------------------------

    /// @notice Settles the next L2 block. Builds EXECUTE's trace RLP [header, [tx...], witness],
    ///         calls EXECUTE with abi.encode(chainId, stateRoot, postStateRoot, gasUsed, trace)
    ///         and value msg.value, checks the facts EXECUTE returns, moves the head, and sends
    ///         what EXECUTE did not burn back to the caller. The calldata holds everything a
    ///         follower needs to re-execute the block (with the parent state it already has).
    /// @param postStateRoot The block's state root.
    /// @param gasUsed The block's gas used: priced at executeBaseFee() (pay requiredFee()).
    /// @param header The block's RLP header (its hash is keccak256(header)).
    /// @param transactions The block's transactions, each in its canonical encoding (a typed
    ///        envelope or a legacy RLP list): what eth_getRawTransaction returns.
    /// @param witness The RLP [nodes, codes, headers] of the execution witness; the last header
    ///        is the parent's.
    /// @dev Checks, in order: the caller may advance (Sequenced: a sequencer, or anyone while
    ///      a queued transaction is overdue); msg.value ≥ requiredFee(gasUsed); the EXECUTE call
    ///      succeeds; the block is valid; number = head + 1; parent hash = head's hash;
    ///      timestamp ≤ block.timestamp; gas limit ≤ l2GasLimit; the anchor is a published
    ///      deposit root (or zero while there has been no deposit); the coinbase policy.
    function advance(
        bytes32 postStateRoot,
        uint64 gasUsed,
        bytes calldata header,
        bytes[] calldata transactions,
        bytes calldata witness
    ) external payable {
        requireMayAdvance();
        uint256 fee = requiredFee(gasUsed);
        if (msg.value < fee) revert InsufficientFee(fee, msg.value);
        uint256 balanceBefore = address(this).balance - msg.value;

        bytes memory trace = RLPWriter.encodeTrace(header, transactions, witness);
        BlockFacts memory facts = callExecute(postStateRoot, gasUsed, trace);
        checkFacts(facts);

        uint256 number = blockNumber + 1;
        stateRoot = postStateRoot;
        blockHash = facts.blockHash;
        blockNumber = number;
        stateRoots_[number % stateRootHistory] =
            StateRootEntry(postStateRoot, uint64(number), uint64(block.timestamp));
        totalBurnedFees += facts.burnedFees;
        markIncluded(transactions, number);
        emit BlockAdvanced(number, facts.blockHash, postStateRoot, msg.sender, facts.burnedFees);

        // EXECUTE returned what it did not burn to this contract: pass it on.
        uint256 refund = address(this).balance - balanceBefore;
        if (refund != 0) {
            (bool ok,) = msg.sender.call{value: refund}("");
            if (!ok) revert RefundFailed();
        }
    }

    /// @notice Queues a signed L2 transaction (its canonical encoding) for forced inclusion.
    ///         If it is not included within forcedInclusionDelay seconds, anyone may advance
    ///         the rollup until it is. Its bytes are in the event, for any proposer to include.
    /// @dev Checks: a non-empty transaction. The bytes are not validated: a transaction that
    ///      can never be included keeps the rollup open to every proposer (docs/rollup.md).
    function enqueue(bytes calldata signedTx) external returns (uint256 index) {
        if (signedTx.length == 0) revert EmptyTransaction();
        bytes32 txHash = keccak256(signedTx);
        index = inbox.length;
        inbox.push(QueuedTransaction(txHash, uint64(block.timestamp)));
        emit TransactionEnqueued(index, txHash, msg.sender, signedTx);
    }

    // --- Views ----------------------------------------------------------------------------------

    /// @notice The L2 state root after block `l2BlockNumber`. Reverts with StateRootUnavailable
    ///         when the block is after the head or older than the ring buffer keeps.
    function stateRootAt(uint256 l2BlockNumber) external view returns (bytes32) {
        return stateRootEntry(l2BlockNumber).stateRoot;
    }

    /// @notice The L1 timestamp at which L2 block `l2BlockNumber` was settled (the deployment's
    ///         for the genesis). Reverts like stateRootAt().
    function settledAt(uint256 l2BlockNumber) external view returns (uint256) {
        return stateRootEntry(l2BlockNumber).l1Timestamp;
    }

    /// @notice The execute base fee of the current L1 block (wei per L2 gas): EXECUTE's answer to
    ///         an empty STATICCALL.
    function executeBaseFee() public view returns (uint256) {
        (bool ok, bytes memory ret) = execute.staticcall("");
        if (!ok || ret.length != 32) revert ExecuteFailed();
        return abi.decode(ret, (uint256));
    }

    /// @notice What advance() must be paid for a block of `gasUsed` L2 gas in this L1 block:
    ///         gasUsed × executeBaseFee(). Any excess is returned.
    function requiredFee(uint64 gasUsed) public view returns (uint256) {
        return uint256(gasUsed) * executeBaseFee();
    }

    /// @notice Whether the oldest queued transaction not yet included has waited longer than
    ///         forcedInclusionDelay: then anyone may advance.
    function forcedInclusionOpen() public view returns (bool) {
        uint256 head = inboxHead;
        if (head == inbox.length) return false;
        return block.timestamp > uint256(inbox[head].queuedAt) + forcedInclusionDelay;
    }

    /// @notice The number of transactions ever queued.
    function inboxLength() external view returns (uint256) {
        return inbox.length;
    }

    // --- Governance -----------------------------------------------------------------------------

    /// @notice Adds `account` to (enabled) or removes it from the sequencer allow-list.
    /// @dev Governed: see onlyGovernance.
    function setSequencer(address account, bool enabled) external onlyGovernance {
        isSequencer[account] = enabled;
        emit SequencerSet(account, enabled);
    }

    /// @notice Sets the forced-inclusion delay (seconds).
    /// @dev Governed: see onlyGovernance.
    function setForcedInclusionDelay(uint64 delay) external onlyGovernance {
        forcedInclusionDelay = delay;
        emit ForcedInclusionDelaySet(delay);
    }

    /// @notice Sets the treasury (the coinbase under CoinbasePolicy.Treasury).
    /// @dev Governed: see onlyGovernance. Checks: not zero under CoinbasePolicy.Treasury.
    function setTreasury(address newTreasury) external onlyGovernance {
        if (coinbasePolicy == CoinbasePolicy.Treasury && newTreasury == address(0)) {
            revert InvalidConfig("treasury");
        }
        treasury = newTreasury;
        emit TreasurySet(newTreasury);
    }

    /// @notice Hands governance to `newOwner` (zero: nobody can govern any more).
    /// @dev Governed: see onlyGovernance.
    function transferOwnership(address newOwner) external onlyGovernance {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    /// @notice Timelock: schedules `change` (the calldata of one of the governed setters),
    ///         executable by anyone timelockDelay seconds from now. Returns its id,
    ///         keccak256(change).
    /// @dev Checks: Timelock governance; the caller is the owner; `change` calls a governed
    ///      setter; it is not already scheduled.
    function scheduleChange(bytes calldata change) external returns (bytes32 id) {
        requireTimelockOwner();
        id = keccak256(change);
        if (!isGovernedSetter(change) || scheduledAt[id] != 0) revert BadChange(id);
        uint256 eta = block.timestamp + timelockDelay;
        scheduledAt[id] = eta;
        emit ChangeScheduled(id, change, eta);
    }

    /// @notice Timelock: cancels the scheduled change `id`.
    /// @dev Checks: Timelock governance; the caller is the owner; the change is scheduled.
    function cancelChange(bytes32 id) external {
        requireTimelockOwner();
        if (scheduledAt[id] == 0) revert BadChange(id);
        delete scheduledAt[id];
        emit ChangeCancelled(id);
    }

    /// @notice Timelock: executes the scheduled `change` once its delay has passed. Anyone may
    ///         call: the change was announced when scheduled.
    /// @dev Checks: scheduled and due; the setter's own checks (its revert is passed on).
    function executeChange(bytes calldata change) external {
        bytes32 id = keccak256(change);
        uint256 eta = scheduledAt[id];
        if (eta == 0 || block.timestamp < eta) revert BadChange(id);
        delete scheduledAt[id];
        (bool ok, bytes memory ret) = address(this).call(change);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        emit ChangeExecuted(id);
    }

    /// @notice Owner: the owner itself. Timelock: this contract (through executeChange()).
    ///         None: nobody.
    modifier onlyGovernance() {
        if (governance == Governance.None) revert GovernanceDisabled();
        address allowed = governance == Governance.Owner ? owner : address(this);
        if (msg.sender != allowed) revert Unauthorized(msg.sender);
        _;
    }

    // --- Internals ------------------------------------------------------------------------------

    /// @notice Reverts unless the caller may advance: anyone when Based, else a sequencer, or
    ///         anyone while a queued transaction is overdue.
    function requireMayAdvance() private view {
        if (sequencing == Sequencing.Based || isSequencer[msg.sender]) return;
        if (!forcedInclusionOpen()) revert NotSequencer(msg.sender);
    }

    /// @notice Calls EXECUTE with the head's state root and msg.value; decodes its output and
    ///         requires a valid block.
    function callExecute(bytes32 postStateRoot, uint64 gasUsed, bytes memory trace)
        private
        returns (BlockFacts memory facts)
    {
        bytes memory input = abi.encode(chainId, stateRoot, postStateRoot, gasUsed, trace);
        (bool ok, bytes memory ret) = execute.call{value: msg.value}(input);
        if (!ok || ret.length != EXECUTE_OUTPUT_SIZE) revert ExecuteFailed();
        facts = abi.decode(ret, (BlockFacts));
        if (!facts.valid) revert InvalidBlock();
    }

    /// @notice The rollup's policy on a valid block's facts.
    function checkFacts(BlockFacts memory facts) private view {
        if (facts.number != blockNumber + 1) revert WrongBlockNumber(blockNumber + 1, facts.number);
        if (facts.parentHash != blockHash) revert WrongParentHash(blockHash, facts.parentHash);
        if (facts.timestamp > block.timestamp) {
            revert TimestampInFuture(facts.timestamp, block.timestamp);
        }
        if (facts.gasLimit > l2GasLimit) revert GasLimitTooHigh(facts.gasLimit, l2GasLimit);
        bool anchorKnown = facts.anchor == bytes32(0)
            ? bridge.depositCount() == 0
            : bridge.isPublished(facts.anchor);
        if (!anchorKnown) revert UnknownAnchor(facts.anchor);
        address expected = coinbasePolicy == CoinbasePolicy.Proposer ? msg.sender : treasury;
        if (facts.coinbase != expected) revert WrongCoinbase(expected, facts.coinbase);
    }

    /// @notice Marks the queued transactions that `transactions` includes, in queue order.
    function markIncluded(bytes[] calldata transactions, uint256 l2BlockNumber) private {
        uint256 head = inboxHead;
        uint256 length = inbox.length;
        if (head == length) return;
        bytes32 next = inbox[head].txHash;
        for (uint256 i = 0; i < transactions.length && head < length; ++i) {
            if (keccak256(transactions[i]) != next) continue;
            emit QueuedTransactionIncluded(head, next, l2BlockNumber);
            ++head;
            if (head < length) next = inbox[head].txHash;
        }
        inboxHead = head;
    }

    /// @notice The ring-buffer entry of `l2BlockNumber`, or StateRootUnavailable.
    function stateRootEntry(uint256 l2BlockNumber)
        private
        view
        returns (StateRootEntry memory entry)
    {
        if (l2BlockNumber > blockNumber || blockNumber - l2BlockNumber >= stateRootHistory) {
            revert StateRootUnavailable(l2BlockNumber);
        }
        entry = stateRoots_[l2BlockNumber % stateRootHistory];
    }

    /// @notice Reverts unless governance is Timelock and the caller its owner.
    function requireTimelockOwner() private view {
        if (governance != Governance.Timelock) revert GovernanceDisabled();
        if (msg.sender != owner) revert Unauthorized(msg.sender);
    }

    /// @notice Whether `change` calls one of the governed setters.
    function isGovernedSetter(bytes calldata change) private pure returns (bool) {
        if (change.length < 4) return false;
        bytes4 selector = bytes4(change[:4]);
        return selector == this.setSequencer.selector
            || selector == this.setForcedInclusionDelay.selector
            || selector == this.setTreasury.selector
            || selector == this.transferOwnership.selector;
    }
}
