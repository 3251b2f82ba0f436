// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Staking
/// @notice Holders stake tokens onto registered UIDs (their own or another's, as delegators).
/// Invariants:
/// - totalStaked == sum over UIDs of stakeOf(uid) == sum over (uid, staker) of stakeBy(uid, staker)
///   == the tokens this contract received through stake() minus those it returned through unstake().
/// - A staker can only withdraw what it staked on that UID.
contract Staking {
    using SafeERC20 for CrucibleToken;

    CrucibleToken public immutable token;
    SubnetRegistry public immutable registry;

    uint256 public totalStaked;
    mapping(uint16 => uint256) private _uidStake;
    mapping(uint16 => mapping(address => uint256)) private _stakeBy;

    event Staked(uint16 indexed uid, address indexed staker, uint256 amount, uint256 uidStake);
    event Unstaked(uint16 indexed uid, address indexed staker, uint256 amount, uint256 uidStake);

    error ZeroAmount();
    error UidNotRegistered(uint16 uid);
    error InsufficientStake(uint16 uid, uint256 staked, uint256 requested);

    constructor(CrucibleToken token_, SubnetRegistry registry_) {
        token = token_;
        registry = registry_;
    }

    /// @notice Moves `amount` of the caller's tokens into stake on `uid`.
    function stake(uint16 uid, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (uid >= registry.count()) revert UidNotRegistered(uid);
        uint256 uidStake = _uidStake[uid] + amount;
        _uidStake[uid] = uidStake;
        _stakeBy[uid][msg.sender] += amount;
        totalStaked += amount;
        emit Staked(uid, msg.sender, amount, uidStake);
        // Reverts (ERC20InsufficientBalance) and undoes the above if the caller lacks the tokens.
        token.stakeFrom(msg.sender, amount);
    }

    /// @notice Returns `amount` of the caller's stake on `uid` to the caller.
    function unstake(uint16 uid, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 mine = _stakeBy[uid][msg.sender];
        if (mine < amount) revert InsufficientStake(uid, mine, amount);
        _stakeBy[uid][msg.sender] = mine - amount;
        uint256 uidStake = _uidStake[uid] - amount;
        _uidStake[uid] = uidStake;
        totalStaked -= amount;
        emit Unstaked(uid, msg.sender, amount, uidStake);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Total stake on `uid`.
    function stakeOf(uint16 uid) external view returns (uint256) {
        return _uidStake[uid];
    }

    /// @notice What `staker` has staked on `uid`.
    function stakeBy(uint16 uid, address staker) external view returns (uint256) {
        return _stakeBy[uid][staker];
    }

    /// @notice Stake per UID for every registered UID, indexed by UID.
    function stakes() external view returns (uint256[] memory out) {
        uint16 n = registry.count();
        out = new uint256[](n);
        for (uint16 uid = 0; uid < n; ++uid) {
            out[uid] = _uidStake[uid];
        }
    }
}
