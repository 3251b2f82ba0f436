// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Staking} from "./Staking.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";

/// @title Weights
/// @notice Commit-reveal of validators' weights, epoch by epoch.
/// Invariants:
/// - Only the driver opens epochs, and epoch numbers strictly increase.
/// - A UID commits at most once per epoch, only for the open epoch, only while registered with stake.
/// - A reveal for epoch e is accepted only while the open epoch is exactly e + revealDelayEpochs, in a
///   later block than the commit, at most once, and only if
///   keccak256(abi.encode(e, msg.sender, uids, weights, salt)) equals the commitment.
/// - Stored rows are sparse, u16, with strictly increasing UIDs that were registered at reveal time.
contract Weights {
    struct Commitment {
        bytes32 hash;
        uint64 blockNumber; // block of the commit; 0 while none
        uint64 revealedAt; // block of the accepted reveal; 0 while unrevealed
    }

    SubnetRegistry public immutable registry;
    Staking public immutable staking;
    address public immutable driver;
    uint64 public immutable revealDelayEpochs;

    uint64 public currentEpoch;
    bool public anyEpochOpened;

    mapping(uint64 => mapping(uint16 => Commitment)) private _commitments;
    mapping(uint64 => uint16[]) private _revealers;
    mapping(uint64 => mapping(uint16 => uint16[])) private _rowUids;
    mapping(uint64 => mapping(uint16 => uint16[])) private _rowWeights;

    event EpochOpened(uint64 indexed epoch, uint64 blockNumber);
    event WeightsCommitted(uint64 indexed epoch, uint16 indexed uid, bytes32 hash);
    event WeightsRevealed(uint64 indexed epoch, uint16 indexed uid, uint256 entries);

    error NotDriver(address caller);
    error EpochNotIncreasing(uint64 current, uint64 requested);
    error NoOpenEpoch();
    error NoStake(uint16 uid);
    error AlreadyCommitted(uint64 epoch, uint16 uid);
    error NoCommit(uint64 epoch, uint16 uid);
    error AlreadyRevealed(uint64 epoch, uint16 uid);
    error RevealTooEarly(uint64 epoch, uint64 current);
    error RevealTooLate(uint64 epoch, uint64 current);
    error RevealInCommitBlock(uint64 commitBlock);
    error LengthMismatch(uint256 uids, uint256 weights);
    error UidsNotIncreasing(uint256 index);
    error UidOutOfRange(uint16 uid, uint16 count);
    error RevealMismatch();

    constructor(SubnetRegistry registry_, Staking staking_, address driver_, uint64 revealDelayEpochs_) {
        registry = registry_;
        staking = staking_;
        driver = driver_;
        revealDelayEpochs = revealDelayEpochs_;
    }

    /// @notice Opens `epoch` for commits (and for reveals of epoch - revealDelayEpochs). Only the driver.
    function openEpoch(uint64 epoch) external {
        if (msg.sender != driver) revert NotDriver(msg.sender);
        if (anyEpochOpened && epoch <= currentEpoch) revert EpochNotIncreasing(currentEpoch, epoch);
        currentEpoch = epoch;
        anyEpochOpened = true;
        emit EpochOpened(epoch, uint64(block.number));
    }

    /// @notice Commits the caller's weights hash for the open epoch.
    function commit(bytes32 hash) external {
        if (!anyEpochOpened) revert NoOpenEpoch();
        uint16 uid = registry.uidOf(msg.sender);
        if (staking.stakeOf(uid) == 0) revert NoStake(uid);
        uint64 epoch = currentEpoch;
        Commitment storage c = _commitments[epoch][uid];
        if (c.blockNumber != 0) revert AlreadyCommitted(epoch, uid);
        c.hash = hash;
        c.blockNumber = uint64(block.number);
        emit WeightsCommitted(epoch, uid, hash);
    }

    /// @notice Reveals the weights committed for `epoch`: `weights[i]` on UID `uids[i]`.
    function reveal(uint64 epoch, uint16[] calldata uids, uint16[] calldata weights, bytes32 salt) external {
        uint64 current = currentEpoch;
        if (!anyEpochOpened || current < epoch || current - epoch < revealDelayEpochs) {
            revert RevealTooEarly(epoch, current);
        }
        if (current - epoch > revealDelayEpochs) revert RevealTooLate(epoch, current);
        uint16 uid = registry.uidOf(msg.sender);
        Commitment storage c = _commitments[epoch][uid];
        if (c.blockNumber == 0) revert NoCommit(epoch, uid);
        if (c.revealedAt != 0) revert AlreadyRevealed(epoch, uid);
        if (block.number <= c.blockNumber) revert RevealInCommitBlock(c.blockNumber);
        if (uids.length != weights.length) revert LengthMismatch(uids.length, weights.length);
        uint16 n = registry.count();
        for (uint256 i = 0; i < uids.length; ++i) {
            if (uids[i] >= n) revert UidOutOfRange(uids[i], n);
            if (i > 0 && uids[i] <= uids[i - 1]) revert UidsNotIncreasing(i);
        }
        if (keccak256(abi.encode(epoch, msg.sender, uids, weights, salt)) != c.hash) revert RevealMismatch();
        c.revealedAt = uint64(block.number);
        _revealers[epoch].push(uid);
        _rowUids[epoch][uid] = uids;
        _rowWeights[epoch][uid] = weights;
        emit WeightsRevealed(epoch, uid, uids.length);
    }

    /// @notice The commitment of `uid` for `epoch` (blockNumber 0 when none).
    function commitmentOf(uint64 epoch, uint16 uid) external view returns (Commitment memory) {
        return _commitments[epoch][uid];
    }

    /// @notice Every accepted reveal of `epoch`, in reveal order: the revealing UIDs, the block of each
    /// reveal, and each revealer's sparse row. `uidCount` is the number of registered UIDs now.
    function revealedWeights(uint64 epoch)
        external
        view
        returns (
            uint16 uidCount,
            uint16[] memory revealers,
            uint64[] memory revealedAt,
            uint16[][] memory uids,
            uint16[][] memory weights
        )
    {
        uidCount = registry.count();
        revealers = _revealers[epoch];
        uint256 k = revealers.length;
        revealedAt = new uint64[](k);
        uids = new uint16[][](k);
        weights = new uint16[][](k);
        for (uint256 i = 0; i < k; ++i) {
            uint16 uid = revealers[i];
            revealedAt[i] = _commitments[epoch][uid].revealedAt;
            uids[i] = _rowUids[epoch][uid];
            weights[i] = _rowWeights[epoch][uid];
        }
    }
}
