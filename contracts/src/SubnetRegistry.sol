// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SubnetRegistry
/// @notice One subnet: addresses (hotkeys) register for consecutive UIDs 0, 1, 2, ...
/// Invariants:
/// - UIDs are dense: the registered UIDs are exactly 0 .. count()-1, and count() <= maxUids.
/// - An address holds at most one UID and a UID belongs to exactly one address, forever
///   (no pruning yet).
contract SubnetRegistry {
    /// @notice The most UIDs this subnet can hold.
    uint16 public immutable maxUids;

    address[] private _hotkeys;
    uint64[] private _registeredAt;
    /// @dev UID + 1 per address; 0 means not registered.
    mapping(address => uint256) private _uidPlusOne;

    event Registered(uint16 indexed uid, address indexed hotkey, uint64 blockNumber);

    error AlreadyRegistered(address hotkey, uint16 uid);
    error SubnetFull(uint16 maxUids);
    error NotRegistered(address hotkey);
    error UidOutOfRange(uint16 uid, uint16 count);

    constructor(uint16 maxUids_) {
        maxUids = maxUids_;
    }

    /// @notice Registers the caller and returns its new UID.
    function register() external returns (uint16 uid) {
        uint256 existing = _uidPlusOne[msg.sender];
        if (existing != 0) revert AlreadyRegistered(msg.sender, uint16(existing - 1));
        uint256 next = _hotkeys.length;
        if (next >= maxUids) revert SubnetFull(maxUids);
        uid = uint16(next);
        _hotkeys.push(msg.sender);
        _registeredAt.push(uint64(block.number));
        _uidPlusOne[msg.sender] = next + 1;
        emit Registered(uid, msg.sender, uint64(block.number));
    }

    /// @notice The UID of `hotkey`; reverts with NotRegistered if it has none.
    function uidOf(address hotkey) external view returns (uint16) {
        uint256 plusOne = _uidPlusOne[hotkey];
        if (plusOne == 0) revert NotRegistered(hotkey);
        return uint16(plusOne - 1);
    }

    /// @notice Whether `hotkey` holds a UID, and which (0 when it holds none).
    function lookup(address hotkey) external view returns (bool registered, uint16 uid) {
        uint256 plusOne = _uidPlusOne[hotkey];
        if (plusOne == 0) return (false, 0);
        return (true, uint16(plusOne - 1));
    }

    /// @notice The address that holds `uid`.
    function hotkeyOf(uint16 uid) external view returns (address) {
        if (uid >= _hotkeys.length) revert UidOutOfRange(uid, uint16(_hotkeys.length));
        return _hotkeys[uid];
    }

    /// @notice Number of registered UIDs.
    function count() external view returns (uint16) {
        return uint16(_hotkeys.length);
    }

    /// @notice All hotkeys, indexed by UID.
    function hotkeys() external view returns (address[] memory) {
        return _hotkeys;
    }

    /// @notice All hotkeys and the block each registered in, indexed by UID.
    function registrations() external view returns (address[] memory, uint64[] memory) {
        return (_hotkeys, _registeredAt);
    }
}
