// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @dev What Staking reads of Weights: the epoch open now (owner slashes are bounded per epoch).
interface IEpochClock {
    function currentEpoch(uint16 netuid) external view returns (uint64);
    function anyEpochOpened(uint16 netuid) external view returns (bool);
}

/// @title Staking
/// @notice Stake on a hotkey in a subnet, from the hotkey itself or from delegators. Each (subnet,
/// hotkey) is a pool: stakers hold shares, dividends net of the validator's take compound into the
/// pool, slashes burn a share of it. Unstaked tokens wait `cooldownBlocks` before withdrawal, still
/// in the pool's unbonding part, which every slash of the pool reaches too (unstaking ahead of a
/// slash does not dodge it).
/// Invariants:
/// - token.balanceOf(this) == totalStaked + totalUnbonding; totalUnbonding == sum over pools of
///   pool.unbonding; a pool's unbondingShares == sum of its stakers' unbonding shares.
/// - totalStaked == sum over pools of pool.stake; a pool's shares == sum of its stakers' shares.
/// - A staker withdraws at most the value of its shares (floor(shares · stake / totalShares)); a pool
///   with shares always holds stake > 0 (slashBps < 10_000 and withdrawals round shares up).
/// - Only Emission adds rewards (tokens it minted here first); only Weights (proven commit/reveal
///   mismatch), the subnet owner or governance slash, and slashed tokens are burned.
/// - An owner/governance slash (a flag for a misbehaving UID, what `slashing.flagMiners` models: a
///   decision, not a proof) names the hotkey it expects at the UID, and hits a hotkey at most once
///   per open epoch of Weights: at most slashBps of a pool per epoch by decision.
/// - A validator's take is at most maxTakeBps; a raise is at most TAKE_STEP_BPS over the take in
///   force and takes effect TAKE_DELAY_BLOCKS after it was asked (a cut takes effect at once).
contract Staking {
    using SafeERC20 for CrucibleToken;

    struct Pool {
        uint256 stake;
        uint256 shares;
        uint256 unbonding; // tokens unstaked from this pool, still cooling down (slashable)
        uint256 unbondingShares;
    }

    struct Take {
        uint16 bps;
        bool set;
        uint16 pendingBps; // a raise waiting for its block
        uint64 pendingFrom; // 0 when none
    }

    struct Unbonding {
        uint256 shares; // of the pool's unbonding part
        uint64 releaseBlock;
    }

    /// @notice How much a validator may raise its take in one step, and how long a raise waits.
    uint16 public constant TAKE_STEP_BPS = 500;
    uint64 public constant TAKE_DELAY_BLOCKS = 50;

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
    mapping(uint16 => mapping(address => Take)) internal _takes;
    mapping(uint16 => mapping(address => mapping(address => Unbonding))) private _unbonding;
    /// @notice 1 + the last epoch in which the owner/governance slashed (netuid, hotkey); 0 if never.
    mapping(uint16 => mapping(address => uint64)) public ownerSlashedIn;

    event Staked(uint16 indexed netuid, address indexed hotkey, address indexed staker, uint256 amount);
    event Unstaked(uint16 indexed netuid, address indexed hotkey, address indexed staker, uint256 amount);
    event Withdrawn(address indexed staker, uint256 amount);
    event TakeSet(uint16 indexed netuid, address indexed hotkey, uint16 bps, uint64 fromBlock);
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
    error HotkeyMismatch(uint16 uid, address expected, address actual);
    error TakeStepTooLarge(uint16 bps, uint16 current, uint16 step);
    error NoOpenEpoch(uint16 netuid);
    error AlreadySlashedThisEpoch(uint16 netuid, address hotkey, uint64 epoch);

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

    /// @notice Stakes `amount` of the caller's tokens on `hotkey`, which must hold `uid` in `netuid`
    /// (a registration ordered first cannot redirect the stake).
    function stake(uint16 netuid, uint16 uid, address hotkey, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        _deposit(netuid, _pinned(netuid, uid, hotkey), amount);
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
    /// cooldown (at once when cooldownBlocks is 0). Until then the tokens stay in the pool's
    /// unbonding part, which slashes reach.
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
            return;
        }
        uint256 minted =
            pool.unbondingShares == 0 ? amount : Math.mulDiv(amount, pool.unbondingShares, pool.unbonding);
        Unbonding storage u = _unbonding[netuid][hotkey][msg.sender];
        u.shares += minted;
        u.releaseBlock = uint64(block.number) + cooldownBlocks;
        pool.unbondingShares += minted;
        pool.unbonding += amount;
        totalUnbonding += amount;
    }

    /// @notice Withdraws the caller's unbonded tokens from `hotkey`'s pool once the cooldown has
    /// passed: what its unbonding shares are worth now (less any slash since it unstaked).
    function withdraw(uint16 netuid, address hotkey) external {
        Pool storage pool = _pools[netuid][hotkey];
        Unbonding memory u = _unbonding[netuid][hotkey][msg.sender];
        if (u.shares == 0) revert NothingToWithdraw();
        if (block.number < u.releaseBlock) revert StillCoolingDown(u.releaseBlock);
        uint256 amount = Math.mulDiv(u.shares, pool.unbonding, pool.unbondingShares);
        delete _unbonding[netuid][hotkey][msg.sender];
        pool.unbondingShares -= u.shares;
        pool.unbonding -= amount;
        totalUnbonding -= amount;
        emit Withdrawn(msg.sender, amount);
        if (amount > 0) token.safeTransfer(msg.sender, amount);
    }

    /// @notice Sets the caller's take (share of its dividends kept before the pool) in `netuid`. A cut
    /// takes effect at once; a raise of at most TAKE_STEP_BPS over the take in force takes effect
    /// TAKE_DELAY_BLOCKS later (so delegators can leave before it).
    function setTake(uint16 netuid, uint16 bps) external virtual {
        if (bps > maxTakeBps) revert TakeTooHigh(bps, maxTakeBps);
        uint16 current = takeOf(netuid, msg.sender);
        uint64 from = uint64(block.number);
        if (bps > current) {
            if (bps - current > TAKE_STEP_BPS) revert TakeStepTooLarge(bps, current, TAKE_STEP_BPS);
            from += TAKE_DELAY_BLOCKS;
            _takes[netuid][msg.sender] = Take(current, true, bps, from);
        } else {
            _takes[netuid][msg.sender] = Take(bps, true, 0, 0);
        }
        emit TakeSet(netuid, msg.sender, bps, from);
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

    /// @notice Burns the subnet's slashBps of the pool of `hotkey`, which must hold `uid`: an
    /// owner/governance decision, at most once per hotkey per open epoch of Weights.
    function slashByOwner(uint16 netuid, uint16 uid, address hotkey) external returns (uint256) {
        if (msg.sender != registry.ownerOf(netuid) && msg.sender != governance) {
            revert NotOwnerOrGovernance(msg.sender);
        }
        _pinned(netuid, uid, hotkey);
        IEpochClock clock = IEpochClock(weights);
        if (!clock.anyEpochOpened(netuid)) revert NoOpenEpoch(netuid);
        uint64 epoch = clock.currentEpoch(netuid);
        if (ownerSlashedIn[netuid][hotkey] == epoch + 1) revert AlreadySlashedThisEpoch(netuid, hotkey, epoch);
        ownerSlashedIn[netuid][hotkey] = epoch + 1;
        return _slash(netuid, hotkey, registry.params(netuid).slashBps);
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

    /// @notice What `staker` has cooling down from `hotkey`'s pool: its value now and its release block.
    function unbondingOf(uint16 netuid, address hotkey, address staker)
        external
        view
        returns (uint256 amount, uint64 releaseBlock)
    {
        Pool storage pool = _pools[netuid][hotkey];
        Unbonding memory u = _unbonding[netuid][hotkey][staker];
        if (u.shares == 0) return (0, u.releaseBlock);
        return (Math.mulDiv(u.shares, pool.unbonding, pool.unbondingShares), u.releaseBlock);
    }

    /// @notice The take in force now (a pending raise counts from its block).
    function takeOf(uint16 netuid, address hotkey) public view virtual returns (uint16) {
        Take memory t = _takes[netuid][hotkey];
        if (!t.set) return defaultTakeBps;
        if (t.pendingFrom != 0 && block.number >= t.pendingFrom) return t.pendingBps;
        return t.bps;
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

    function _pinned(uint16 netuid, uint16 uid, address expected) private view returns (address hotkey) {
        hotkey = registry.hotkeyOf(netuid, uid);
        if (hotkey != expected) revert HotkeyMismatch(uid, expected, hotkey);
    }

    /// @dev Burns `bps` of the pool's stake and of its unbonding part.
    function _slash(uint16 netuid, address hotkey, uint16 bps) private returns (uint256 amount) {
        Pool storage pool = _pools[netuid][hotkey];
        uint256 fromStake = (pool.stake * bps) / 10_000;
        uint256 fromUnbonding = (pool.unbonding * bps) / 10_000;
        amount = fromStake + fromUnbonding;
        if (amount == 0) return 0;
        pool.stake -= fromStake;
        pool.unbonding -= fromUnbonding;
        totalStaked -= fromStake;
        totalUnbonding -= fromUnbonding;
        emit Slashed(netuid, hotkey, msg.sender, amount);
        token.burn(amount);
    }
}
