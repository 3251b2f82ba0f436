// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Staking} from "./Staking.sol";
import {SubnetParams, SubnetRegistry} from "./SubnetRegistry.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title Weights
/// @notice Validator permits and commit-reveal of weight rows, per subnet. The latest accepted row of
/// each UID stays on-chain until it reveals a new one (what the epoch driver reads).
/// Invariants:
/// - Only governance opens epochs (strictly increasing per subnet) and sets permits (at most
///   maxValidators). A permit counts only for a UID registered before the block it was set in, so a
///   replaced UID never inherits its predecessor's permit.
/// - A UID commits only while holding a permit, at most once per epoch, for the open epoch.
/// - A row travels and is stored packed: 4 bytes per entry, uid then weight, each a big-endian u16
///   (a 10,000-UID row is 40 KB of calldata, not 640 KB of uint16[] pairs).
/// - A reveal for epoch e is accepted only while the open epoch is exactly e + revealDelayEpochs, in a
///   later block than the commit, at most once, from the hotkey that committed, and only if
///   keccak256(abi.encode(netuid, e, hotkey, row, salt)) equals the commitment; any other reveal
///   reverts. Stored rows are whole entries with strictly increasing UIDs below the UID count.
/// - A hotkey that signed (EIP-712 typed data `Reveal`, domain "Crucible Weights" version 1 with this
///   chain's id and this contract's address, so a signature never replays on another deployment) a
///   reveal payload different from its commitment is slashed once per commitment (proveMismatch), by
///   anyone who holds that signature, while the open epoch is at most PROOF_WINDOW_EPOCHS past the
///   commitment's epoch.
contract Weights is EIP712 {
    struct Commitment {
        bytes32 hash;
        address hotkey;
        uint64 blockNumber; // 0 while none
        bool revealed;
        bool slashed;
    }

    /// @notice A reveal's content, as a validator signs it off-chain.
    struct RevealPayload {
        bytes row; // packed entries, as reveal takes them
        bytes32 salt;
    }

    struct Row {
        address hotkey;
        uint64 epoch; // the epoch the row was committed for
        uint64 blockNumber; // block of the accepted reveal
        bytes packed; // the revealed row as given: 4 bytes per entry, uid then weight (big-endian u16)
    }

    /// @notice The EIP-712 type a validator signs a reveal as.
    bytes32 public constant REVEAL_TYPEHASH =
        keccak256("Reveal(uint16 netuid,uint64 epoch,address hotkey,bytes row,bytes32 salt)");
    /// @notice How many epochs after a commitment's epoch a mismatch can still be proven.
    uint64 public constant PROOF_WINDOW_EPOCHS = 4;

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
    error RowNotPacked(uint256 length);
    error TooFewWeights(uint256 given, uint256 required);
    error UidsNotIncreasing(uint256 index);
    error UidOutOfRange(uint16 uid, uint16 count);
    error RevealMismatch();
    error NotAMismatch();
    error BadSignature(address signer, address hotkey);
    error AlreadySlashed(uint64 epoch, uint16 uid);
    error ProofTooLate(uint64 epoch, uint64 current);

    constructor(SubnetRegistry registry_, Staking staking_, address governance_) EIP712("Crucible Weights", "1") {
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

    /// @notice Reveals the row committed for `epoch`: `row` holds 4 bytes per entry, a UID then its
    /// weight (big-endian u16 each), UIDs strictly increasing.
    function reveal(uint16 netuid, uint64 epoch, bytes calldata row, bytes32 salt) external {
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
        uint256 entries = _checkRow(netuid, row, p.minAllowedWeights);
        if (commitHashOf(netuid, epoch, msg.sender, row, salt) != c.hash) revert RevealMismatch();
        c.revealed = true;
        Row storage stored = _rows[netuid][uid];
        stored.hotkey = msg.sender;
        stored.epoch = epoch;
        stored.blockNumber = uint64(block.number);
        stored.packed = row;
        emit WeightsRevealed(netuid, epoch, uid, entries);
    }

    /// @notice Slashes the validator that committed for (`netuid`, `epoch`, `uid`) when `signature` is
    /// its EIP-712 signature of `payload` (see revealDigest), a reveal different from its commitment,
    /// within PROOF_WINDOW_EPOCHS of `epoch`.
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
        uint64 current = currentEpoch[netuid];
        if (current > epoch && current - epoch > PROOF_WINDOW_EPOCHS) revert ProofTooLate(epoch, current);
        address hotkey = c.hotkey;
        if (keccak256(abi.encode(netuid, epoch, hotkey, payload.row, payload.salt)) == c.hash) {
            revert NotAMismatch();
        }
        _checkSigner(revealDigest(netuid, epoch, hotkey, payload), hotkey, signature);
        c.slashed = true;
        slashed = staking.slash(netuid, hotkey, registry.params(netuid).slashBps);
        emit MismatchProven(netuid, epoch, uid, msg.sender, slashed);
    }

    // ----- views -----

    /// @notice The hash a reveal must match: keccak256(abi.encode(netuid, epoch, hotkey, row, salt)).
    function commitHashOf(uint16 netuid, uint64 epoch, address hotkey, bytes calldata row, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(netuid, epoch, hotkey, row, salt));
    }

    /// @notice The EIP-712 digest a validator signs for a reveal of `payload` by `hotkey`.
    function revealDigest(uint16 netuid, uint64 epoch, address hotkey, RevealPayload calldata payload)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(abi.encode(REVEAL_TYPEHASH, netuid, epoch, hotkey, keccak256(payload.row), payload.salt))
        );
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

    /// @notice The latest accepted row of every UID still held by the hotkey that revealed it, packed
    /// as revealed: `epochs[i]`/`blocks[i]` are 0 and the row empty where UID i has none.
    function latestWeights(uint16 netuid)
        external
        view
        returns (uint64[] memory epochs, uint64[] memory blocks, bytes[] memory rows)
    {
        address[] memory keys = registry.hotkeys(netuid);
        uint256 n = keys.length;
        epochs = new uint64[](n);
        blocks = new uint64[](n);
        rows = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            Row storage row = _rows[netuid][uint16(i)];
            if (row.blockNumber == 0 || row.hotkey != keys[i]) continue;
            epochs[i] = row.epoch;
            blocks[i] = row.blockNumber;
            rows[i] = row.packed;
        }
    }

    // ----- internals -----

    /// @dev Reverts unless `signature` is `hotkey`'s over `digest`.
    function _checkSigner(bytes32 digest, address hotkey, bytes calldata signature) private pure {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signature);
        if (err != ECDSA.RecoverError.NoError || signer != hotkey) revert BadSignature(signer, hotkey);
    }

    /// @dev Checks a packed row (whole entries, at least min(minAllowed, n), UIDs strictly increasing
    /// below n) and returns its entry count.
    function _checkRow(uint16 netuid, bytes calldata row, uint16 minAllowed) private view returns (uint256 entries) {
        if (row.length % 4 != 0) revert RowNotPacked(row.length);
        entries = row.length / 4;
        uint16 n = registry.count(netuid);
        uint256 required = minAllowed < n ? minAllowed : n;
        if (entries < required) revert TooFewWeights(entries, required);
        uint256 next = 0; // the least UID the next entry may have
        for (uint256 i = 0; i < entries; ++i) {
            uint256 uid;
            assembly ("memory-safe") {
                uid := shr(240, calldataload(add(row.offset, shl(2, i))))
            }
            if (uid >= n) revert UidOutOfRange(uint16(uid), n);
            if (uid < next) revert UidsNotIncreasing(i);
            next = uid + 1;
        }
    }
}
