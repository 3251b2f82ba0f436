// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Staking} from "./Staking.sol";
import {SubnetParams, SubnetRegistry} from "./SubnetRegistry.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// @title Weights
/// @notice Validator permits and commit-reveal of weight rows, per subnet. The latest accepted row of
/// each UID stays on-chain until it reveals a new one (what the epoch driver reads).
/// Invariants:
/// - Only governance opens epochs (strictly increasing per subnet) and sets permits (at most
///   maxValidators). A permit counts only for a UID registered before the block it was set in, so a
///   replaced UID never inherits its predecessor's permit.
/// - A UID commits only while holding a permit, at most once per epoch, for the open epoch.
/// - A reveal for epoch e is accepted only while the open epoch is exactly e + revealDelayEpochs, in a
///   later block than the commit, at most once, from the hotkey that committed, and only if
///   keccak256(abi.encode(netuid, e, hotkey, uids, weights, salt)) equals the commitment; any other
///   reveal reverts. Stored rows have strictly increasing UIDs below the UID count.
/// - A hotkey that signed (EIP-191) a reveal payload different from its commitment is slashed once per
///   commitment (proveMismatch), by anyone who holds that signature.
contract Weights {
    struct Commitment {
        bytes32 hash;
        address hotkey;
        uint64 blockNumber; // 0 while none
        bool revealed;
        bool slashed;
    }

    /// @notice A reveal's content, as a validator signs it off-chain.
    struct RevealPayload {
        uint16[] uids;
        uint16[] weights;
        bytes32 salt;
    }

    struct Row {
        address hotkey;
        uint64 epoch; // the epoch the row was committed for
        uint64 blockNumber; // block of the accepted reveal
        uint32 length;
        uint256[] packed; // 8 entries per word: uid << 16 | weight, 32 bits each
    }

    SubnetRegistry public immutable registry;
    Staking public immutable staking;
    address public immutable governance;

    mapping(uint16 => uint64) public currentEpoch;
    mapping(uint16 => bool) public anyEpochOpened;
    mapping(uint16 => uint256[]) private _permitWords;
    mapping(uint16 => uint64) public permitBlock;
    mapping(uint16 => mapping(uint16 => mapping(uint64 => Commitment))) private _commitments;
    mapping(uint16 => mapping(uint16 => Row)) private _rows;

    event EpochOpened(uint16 indexed netuid, uint64 indexed epoch);
    event PermitsSet(uint16 indexed netuid, uint16[] uids);
    event WeightsCommitted(uint16 indexed netuid, uint64 indexed epoch, uint16 indexed uid, bytes32 hash);
    event WeightsRevealed(uint16 indexed netuid, uint64 indexed epoch, uint16 indexed uid, uint256 entries);
    event MismatchProven(uint16 indexed netuid, uint64 indexed epoch, uint16 indexed uid, address prover, uint256 slashed);

    error NotGovernance(address caller);
    error EpochNotIncreasing(uint64 current, uint64 requested);
    error TooManyPermits(uint256 given, uint16 max);
    error NoOpenEpoch(uint16 netuid);
    error NoValidatorPermit(uint16 uid);
    error AlreadyCommitted(uint64 epoch, uint16 uid);
    error NoCommit(uint64 epoch, uint16 uid);
    error NotCommitter(address caller, address hotkey);
    error AlreadyRevealed(uint64 epoch, uint16 uid);
    error RevealTooEarly(uint64 epoch, uint64 current);
    error RevealTooLate(uint64 epoch, uint64 current);
    error RevealInCommitBlock(uint64 commitBlock);
    error LengthMismatch(uint256 uids, uint256 weights);
    error TooFewWeights(uint256 given, uint256 required);
    error UidsNotIncreasing(uint256 index);
    error UidOutOfRange(uint16 uid, uint16 count);
    error RevealMismatch();
    error NotAMismatch();
    error BadSignature(address signer, address hotkey);
    error AlreadySlashed(uint64 epoch, uint16 uid);

    constructor(SubnetRegistry registry_, Staking staking_, address governance_) {
        registry = registry_;
        staking = staking_;
        governance = governance_;
    }

    /// @notice Opens `epoch` of `netuid` for commits (and reveals of epoch - revealDelayEpochs).
    function openEpoch(uint16 netuid, uint64 epoch) external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        registry.count(netuid); // reverts NoSuchSubnet
        if (anyEpochOpened[netuid] && epoch <= currentEpoch[netuid]) {
            revert EpochNotIncreasing(currentEpoch[netuid], epoch);
        }
        currentEpoch[netuid] = epoch;
        anyEpochOpened[netuid] = true;
        emit EpochOpened(netuid, epoch);
    }

    /// @notice Replaces the validator permits of `netuid` with `uids` (the mechanism's top-k).
    function setPermits(uint16 netuid, uint16[] calldata uids) external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        uint16 maxValidators = registry.params(netuid).maxValidators;
        if (uids.length > maxValidators) revert TooManyPermits(uids.length, maxValidators);
        uint16 n = registry.count(netuid);
        uint256 wordCount = (uint256(n) + 255) / 256;
        uint256[] memory words = new uint256[](wordCount);
        for (uint256 i = 0; i < uids.length; ++i) {
            if (uids[i] >= n) revert UidOutOfRange(uids[i], n);
            words[uids[i] >> 8] |= 1 << (uids[i] & 255);
        }
        _permitWords[netuid] = words;
        permitBlock[netuid] = uint64(block.number);
        emit PermitsSet(netuid, uids);
    }

    /// @notice Commits the caller's weights hash for the open epoch of `netuid`.
    function commit(uint16 netuid, bytes32 hash) external {
        if (!anyEpochOpened[netuid]) revert NoOpenEpoch(netuid);
        uint16 uid = registry.uidOf(netuid, msg.sender);
        if (!hasPermit(netuid, uid)) revert NoValidatorPermit(uid);
        uint64 epoch = currentEpoch[netuid];
        Commitment storage c = _commitments[netuid][uid][epoch];
        if (c.blockNumber != 0) revert AlreadyCommitted(epoch, uid);
        c.hash = hash;
        c.hotkey = msg.sender;
        c.blockNumber = uint64(block.number);
        emit WeightsCommitted(netuid, epoch, uid, hash);
    }

    /// @notice Reveals the row committed for `epoch`: `weights[i]` on UID `uids[i]`.
    function reveal(uint16 netuid, uint64 epoch, uint16[] calldata uids, uint16[] calldata weights, bytes32 salt)
        external
    {
        SubnetParams memory p = registry.params(netuid);
        uint64 current = currentEpoch[netuid];
        if (!anyEpochOpened[netuid] || current < epoch || current - epoch < p.revealDelayEpochs) {
            revert RevealTooEarly(epoch, current);
        }
        if (current - epoch > p.revealDelayEpochs) revert RevealTooLate(epoch, current);
        uint16 uid = registry.uidOf(netuid, msg.sender);
        Commitment storage c = _commitments[netuid][uid][epoch];
        if (c.blockNumber == 0) revert NoCommit(epoch, uid);
        if (c.hotkey != msg.sender) revert NotCommitter(msg.sender, c.hotkey);
        if (c.revealed) revert AlreadyRevealed(epoch, uid);
        if (block.number <= c.blockNumber) revert RevealInCommitBlock(c.blockNumber);
        uint256[] memory packed = _checkAndPack(netuid, uids, weights, p.minAllowedWeights);
        if (commitHashOf(netuid, epoch, msg.sender, uids, weights, salt) != c.hash) revert RevealMismatch();
        c.revealed = true;
        Row storage row = _rows[netuid][uid];
        row.hotkey = msg.sender;
        row.epoch = epoch;
        row.blockNumber = uint64(block.number);
        row.length = uint32(uids.length);
        row.packed = packed;
        emit WeightsRevealed(netuid, epoch, uid, uids.length);
    }

    /// @notice Slashes the validator that committed for (`netuid`, `epoch`, `uid`) when `signature` is
    /// its EIP-191 signature over the commit hash of `payload`, a reveal different from its commitment.
    function proveMismatch(
        uint16 netuid,
        uint64 epoch,
        uint16 uid,
        RevealPayload calldata payload,
        bytes calldata signature
    ) external returns (uint256 slashed) {
        Commitment storage c = _commitments[netuid][uid][epoch];
        if (c.blockNumber == 0) revert NoCommit(epoch, uid);
        if (c.slashed) revert AlreadySlashed(epoch, uid);
        address hotkey = c.hotkey;
        _checkMismatch(
            keccak256(abi.encode(netuid, epoch, hotkey, payload.uids, payload.weights, payload.salt)),
            c.hash,
            hotkey,
            signature
        );
        c.slashed = true;
        slashed = staking.slash(netuid, hotkey, registry.params(netuid).slashBps);
        emit MismatchProven(netuid, epoch, uid, msg.sender, slashed);
    }

    // ----- views -----

    /// @notice The hash a reveal must match: keccak256(abi.encode(netuid, epoch, hotkey, uids, weights, salt)).
    function commitHashOf(
        uint16 netuid,
        uint64 epoch,
        address hotkey,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(netuid, epoch, hotkey, uids, weights, salt));
    }

    /// @notice Whether `uid` holds a validator permit now.
    function hasPermit(uint16 netuid, uint16 uid) public view returns (bool) {
        uint256[] storage words = _permitWords[netuid];
        if (uint256(uid >> 8) >= words.length) return false;
        if ((words[uid >> 8] >> (uid & 255)) & 1 == 0) return false;
        (, uint64 registeredAt) = registry.neuronOf(netuid, uid);
        return registeredAt < permitBlock[netuid];
    }

    /// @notice Permit flags of every UID, indexed by UID.
    function permits(uint16 netuid) external view returns (bool[] memory out) {
        uint16 n = registry.count(netuid);
        out = new bool[](n);
        for (uint16 uid = 0; uid < n; ++uid) {
            out[uid] = hasPermit(netuid, uid);
        }
    }

    function commitmentOf(uint16 netuid, uint64 epoch, uint16 uid) external view returns (Commitment memory) {
        return _commitments[netuid][uid][epoch];
    }

    /// @notice The latest accepted row of every UID still held by the hotkey that revealed it:
    /// `epochs[i]`/`blocks[i]` are 0 and the row empty where UID i has none.
    function latestWeights(uint16 netuid)
        external
        view
        returns (uint64[] memory epochs, uint64[] memory blocks, uint16[][] memory uids, uint16[][] memory weights)
    {
        address[] memory keys = registry.hotkeys(netuid);
        uint256 n = keys.length;
        epochs = new uint64[](n);
        blocks = new uint64[](n);
        uids = new uint16[][](n);
        weights = new uint16[][](n);
        for (uint256 i = 0; i < n; ++i) {
            Row storage row = _rows[netuid][uint16(i)];
            if (row.blockNumber == 0 || row.hotkey != keys[i]) continue;
            epochs[i] = row.epoch;
            blocks[i] = row.blockNumber;
            (uids[i], weights[i]) = _unpack(row);
        }
    }

    // ----- internals -----

    /// @dev Reverts unless `claimed` differs from `committed` and `signature` is `hotkey`'s over it.
    function _checkMismatch(bytes32 claimed, bytes32 committed, address hotkey, bytes calldata signature)
        private
        pure
    {
        if (claimed == committed) revert NotAMismatch();
        (address signer, ECDSA.RecoverError err,) =
            ECDSA.tryRecover(MessageHashUtils.toEthSignedMessageHash(claimed), signature);
        if (err != ECDSA.RecoverError.NoError || signer != hotkey) revert BadSignature(signer, hotkey);
    }

    function _checkAndPack(uint16 netuid, uint16[] calldata uids, uint16[] calldata weights, uint16 minAllowed)
        private
        view
        returns (uint256[] memory packed)
    {
        if (uids.length != weights.length) revert LengthMismatch(uids.length, weights.length);
        uint16 n = registry.count(netuid);
        uint256 required = minAllowed < n ? minAllowed : n;
        if (uids.length < required) revert TooFewWeights(uids.length, required);
        packed = new uint256[]((uids.length + 7) / 8);
        for (uint256 i = 0; i < uids.length; ++i) {
            if (uids[i] >= n) revert UidOutOfRange(uids[i], n);
            if (i > 0 && uids[i] <= uids[i - 1]) revert UidsNotIncreasing(i);
            packed[i >> 3] |= ((uint256(uids[i]) << 16) | weights[i]) << ((i & 7) * 32);
        }
    }

    function _unpack(Row storage row) private view returns (uint16[] memory uids, uint16[] memory weights) {
        uint256 len = row.length;
        uids = new uint16[](len);
        weights = new uint16[](len);
        uint256 word;
        for (uint256 i = 0; i < len; ++i) {
            if (i & 7 == 0) word = row.packed[i >> 3];
            uint256 entry = word >> ((i & 7) * 32);
            uids[i] = uint16(entry >> 16);
            weights[i] = uint16(entry);
        }
    }
}
