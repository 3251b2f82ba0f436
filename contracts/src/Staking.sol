// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Staking
/// @notice Stake on a hotkey in a subnet, from the hotkey itself or from delegators. Each (subnet,
/// hotkey) is a pool: stakers hold shares, dividends net of the validator's take compound into the
/// pool, slashes burn a share of it. Unstaked tokens wait `cooldownBlocks` before withdrawal.
/// Invariants:
/// - token.balanceOf(this) == totalStaked + totalUnbonding.
/// - totalStaked == sum over pools of pool.stake; a pool's shares == sum of its stakers' shares.
/// - A staker withdraws at most the value of its shares (floor(shares · stake / totalShares)); a pool
///   with shares always holds stake > 0 (slashBps < 10_000 and withdrawals round shares up).
/// - Only Emission adds rewards (tokens it minted here first); only Weights (proven commit/reveal
///   mismatch), the subnet owner or governance slash, and slashed tokens are burned.
/// - A validator's take is at most maxTakeBps.
contract Staking {
    using SafeERC20 for CrucibleToken;

    struct Pool {
        uint256 stake;
        uint256 shares;
    }

    struct Take {
        uint16 bps;
        bool set;
    }

    struct Unbonding {
        uint256 amount;
        uint64 releaseBlock;
    }

    CrucibleToken public immutable token;
    SubnetRegistry public immutable registry;
    address public immutable weights;
    address public immutable emission;
    address public immutable governance;
    uint64 public immutable cooldownBlocks;
    uint16 public immutable defaultTakeBps;
    uint16 public immutable maxTakeBps;

    uint256 public totalStaked;
    uint256 public totalUnbonding;
    mapping(uint16 => mapping(address => Pool)) private _pools;
    mapping(uint16 => mapping(address => mapping(address => uint256))) private _shares;
    mapping(uint16 => mapping(address => Take)) private _takes;
    mapping(address => Unbonding) private _unbonding;

    event Staked(uint16 indexed netuid, address indexed hotkey, address indexed staker, uint256 amount);
    event Unstaked(uint16 indexed netuid, address indexed hotkey, address indexed staker, uint256 amount);
    event Withdrawn(address indexed staker, uint256 amount);
    event TakeSet(uint16 indexed netuid, address indexed hotkey, uint16 bps);
    event RewardsAdded(uint16 indexed netuid, uint256 pools, uint256 total);
    event Slashed(uint16 indexed netuid, address indexed hotkey, address indexed by, uint256 amount);

    error ZeroAmount();
    error NotEmission(address caller);
    error NotWeights(address caller);
    error NotOwnerOrGovernance(address caller);
    error TakeTooHigh(uint16 bps, uint16 max);
    error InsufficientStake(uint256 staked, uint256 requested);
    error NothingToWithdraw();
    error StillCoolingDown(uint64 releaseBlock);
    error LengthMismatch(uint256 a, uint256 b);
    error NoStakers(uint16 netuid, address hotkey);

    constructor(
        CrucibleToken token_,
        SubnetRegistry registry_,
        address weights_,
        address emission_,
        address governance_,
        uint64 cooldownBlocks_,
        uint16 defaultTakeBps_,
        uint16 maxTakeBps_
    ) {
        token = token_;
        registry = registry_;
        weights = weights_;
        emission = emission_;
        governance = governance_;
        cooldownBlocks = cooldownBlocks_;
        defaultTakeBps = defaultTakeBps_;
        maxTakeBps = maxTakeBps_;
    }

    /// @notice Stakes `amount` of the caller's tokens on the hotkey holding `uid` in `netuid`.
    function stake(uint16 netuid, uint16 uid, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        _deposit(netuid, registry.hotkeyOf(netuid, uid), amount);
        token.collect(msg.sender, amount);
    }

    /// @notice Stakes on many UIDs of `netuid` in one call (one delegator spreading its stake).
    function stakeMany(uint16 netuid, uint16[] calldata uids, uint256[] calldata amounts) external {
        if (uids.length != amounts.length) revert LengthMismatch(uids.length, amounts.length);
        uint256 total = 0;
        for (uint256 i = 0; i < uids.length; ++i) {
            if (amounts[i] == 0) revert ZeroAmount();
            _deposit(netuid, registry.hotkeyOf(netuid, uids[i]), amounts[i]);
            total += amounts[i];
        }
        if (total > 0) token.collect(msg.sender, total);
    }

    /// @notice Unstakes `amount` (tokens) of the caller's stake on `hotkey`; withdrawable after the
    /// cooldown (at once when cooldownBlocks is 0).
    function unstake(uint16 netuid, address hotkey, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Pool storage pool = _pools[netuid][hotkey];
        uint256 mine = _shares[netuid][hotkey][msg.sender];
        uint256 value = pool.shares == 0 ? 0 : Math.mulDiv(mine, pool.stake, pool.shares);
        if (amount > value) revert InsufficientStake(value, amount);
        uint256 burned = Math.mulDiv(amount, pool.shares, pool.stake, Math.Rounding.Ceil);
        _shares[netuid][hotkey][msg.sender] = mine - burned;
        pool.shares -= burned;
        pool.stake -= amount;
        totalStaked -= amount;
        emit Unstaked(netuid, hotkey, msg.sender, amount);
        if (cooldownBlocks == 0) {
            token.safeTransfer(msg.sender, amount);
        } else {
            Unbonding storage u = _unbonding[msg.sender];
            u.amount += amount;
            u.releaseBlock = uint64(block.number) + cooldownBlocks;
            totalUnbonding += amount;
        }
    }

    /// @notice Withdraws the caller's unbonded tokens once the cooldown has passed.
    function withdraw() external {
        Unbonding memory u = _unbonding[msg.sender];
        if (u.amount == 0) revert NothingToWithdraw();
        if (block.number < u.releaseBlock) revert StillCoolingDown(u.releaseBlock);
        delete _unbonding[msg.sender];
        totalUnbonding -= u.amount;
        emit Withdrawn(msg.sender, u.amount);
        token.safeTransfer(msg.sender, u.amount);
    }

    /// @notice Sets the caller's take (share of its dividends kept before the pool) in `netuid`.
    function setTake(uint16 netuid, uint16 bps) external {
        if (bps > maxTakeBps) revert TakeTooHigh(bps, maxTakeBps);
        _takes[netuid][msg.sender] = Take(bps, true);
        emit TakeSet(netuid, msg.sender, bps);
    }

    /// @notice Compounds `amounts[i]` into the pool of `hotkeys[i]`. Only Emission, which has minted
    /// the sum to this contract; every pool must have stakers.
    function addRewards(uint16 netuid, address[] calldata hotkeys, uint256[] calldata amounts) external {
        if (msg.sender != emission) revert NotEmission(msg.sender);
        if (hotkeys.length != amounts.length) revert LengthMismatch(hotkeys.length, amounts.length);
        uint256 total = 0;
        for (uint256 i = 0; i < hotkeys.length; ++i) {
            Pool storage pool = _pools[netuid][hotkeys[i]];
            if (pool.shares == 0) revert NoStakers(netuid, hotkeys[i]);
            pool.stake += amounts[i];
            total += amounts[i];
        }
        totalStaked += total;
        emit RewardsAdded(netuid, hotkeys.length, total);
    }

    /// @notice Burns `bps` of `hotkey`'s pool (a proven commit/reveal mismatch). Only Weights.
    function slash(uint16 netuid, address hotkey, uint16 bps) external returns (uint256) {
        if (msg.sender != weights) revert NotWeights(msg.sender);
        return _slash(netuid, hotkey, bps);
    }

    /// @notice Burns the subnet's slashBps of the pool on `uid`: an owner/governance decision.
    function slashByOwner(uint16 netuid, uint16 uid) external returns (uint256) {
        if (msg.sender != registry.ownerOf(netuid) && msg.sender != governance) {
            revert NotOwnerOrGovernance(msg.sender);
        }
        return _slash(netuid, registry.hotkeyOf(netuid, uid), registry.params(netuid).slashBps);
    }

    // ----- views -----

    /// @notice Pool stake of every UID's hotkey in `netuid`, indexed by UID (what the mechanism reads).
    function stakes(uint16 netuid) external view returns (uint256[] memory out) {
        address[] memory keys = registry.hotkeys(netuid);
        out = new uint256[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) {
            out[i] = _pools[netuid][keys[i]].stake;
        }
    }

    function stakeOf(uint16 netuid, address hotkey) external view returns (uint256) {
        return _pools[netuid][hotkey].stake;
    }

    function poolOf(uint16 netuid, address hotkey) external view returns (Pool memory) {
        return _pools[netuid][hotkey];
    }

    /// @notice What `staker` could unstake from `hotkey` now.
    function stakeBy(uint16 netuid, address hotkey, address staker) external view returns (uint256) {
        Pool storage pool = _pools[netuid][hotkey];
        if (pool.shares == 0) return 0;
        return Math.mulDiv(_shares[netuid][hotkey][staker], pool.stake, pool.shares);
    }

    function sharesOf(uint16 netuid, address hotkey, address staker) external view returns (uint256) {
        return _shares[netuid][hotkey][staker];
    }

    function unbondingOf(address staker) external view returns (Unbonding memory) {
        return _unbonding[staker];
    }

    function takeOf(uint16 netuid, address hotkey) public view returns (uint16) {
        Take memory t = _takes[netuid][hotkey];
        return t.set ? t.bps : defaultTakeBps;
    }

    /// @notice What Emission needs to pay a validator: its take and whether its pool has stakers.
    function rewardTerms(uint16 netuid, address hotkey) external view returns (uint16 takeBps, bool hasStakers) {
        return (takeOf(netuid, hotkey), _pools[netuid][hotkey].shares > 0);
    }

    // ----- internals -----

    function _deposit(uint16 netuid, address hotkey, uint256 amount) private {
        Pool storage pool = _pools[netuid][hotkey];
        uint256 minted = pool.shares == 0 ? amount : Math.mulDiv(amount, pool.shares, pool.stake);
        if (minted == 0) revert ZeroAmount();
        pool.shares += minted;
        pool.stake += amount;
        _shares[netuid][hotkey][msg.sender] += minted;
        totalStaked += amount;
        emit Staked(netuid, hotkey, msg.sender, amount);
    }

    function _slash(uint16 netuid, address hotkey, uint16 bps) private returns (uint256 amount) {
        Pool storage pool = _pools[netuid][hotkey];
        amount = (pool.stake * bps) / 10_000;
        if (amount == 0) return 0;
        pool.stake -= amount;
        totalStaked -= amount;
        emit Slashed(netuid, hotkey, msg.sender, amount);
        token.burn(amount);
    }
}
