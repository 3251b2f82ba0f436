// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {EmissionSplit} from "./EmissionSplit.sol";
import {Staking} from "./Staking.sol";
import {SubnetParams, SubnetRegistry} from "./SubnetRegistry.sol";
import {TaskMarket} from "./TaskMarket.sol";

/// @title Emission
/// @notice Mints each subnet epoch's emission and pays it from the mechanism's incentive and dividend
/// vectors: owner / miners / validators by the subnet's split; a validator keeps its take and the rest
/// compounds into its staking pool (all of it stays liquid when the pool has no stakers). The epoch's
/// task fees are released the same way, or refunded when the epoch fails.
/// Invariants:
/// - Only governance settles an epoch, each (netuid, epoch) at most once (paid or failed).
/// - epochEmission() == min(baseEpochEmission >> halvings(), cap - totalMinted), where halvings() is
///   the k with totalMinted in [cap - cap/2^k, cap - cap/2^(k+1)) (subtensor block_emission.rs).
/// - What an epoch mints (mintedFor) == the sum of its owner, miner and validator payouts <= its
///   epochEmission; totalEmitted == sum of mintedFor == token.totalMinted - token.genesisSupply.
/// - Released fees == the epoch's escrow exactly (rounding dust goes to the owner). Every settled epoch
///   is closed in TaskMarket too (released, or refunded when it has no fees or nobody earned), so no
///   fee can be posted to it afterwards and be locked.
/// - distribute takes the incentive and dividend vectors packed: exactly 32 bytes per registered UID,
///   in UID order, its incentive then its dividend as big-endian uint128 (any other length reverts
///   SharesNotPacked), so a 10,000-UID epoch is 320 KB of calldata, not 640 KB of two uint256[].
contract Emission {
    enum Status {
        Open,
        Paid,
        Failed
    }

    struct Payouts {
        uint256[] combined;
        uint256[] liquid;
        uint256[] staked;
        uint256 stakedTotal;
        uint256 pools;
    }

    CrucibleToken public immutable token;
    SubnetRegistry public immutable registry;
    Staking public immutable staking;
    TaskMarket public immutable market;
    address public immutable governance;
    uint256 public immutable baseEpochEmission;

    uint256 public totalEmitted;
    mapping(uint16 => mapping(uint64 => Status)) public statusOf;
    mapping(uint16 => mapping(uint64 => uint256)) public mintedFor;
    /// @notice 1 + the highest epoch settled (paid or failed) in a subnet; 0 while none.
    mapping(uint16 => uint64) public frontier;

    event EpochDistributed(
        uint16 indexed netuid, uint64 indexed epoch, uint256 emission, uint256 minted, uint256 ownerAmount, uint256 fees
    );
    /// @notice Per-UID payouts of an epoch (indexed by UID): miner part, validator part, and the part
    /// of the validator's that compounded into its pool.
    event UidsPaid(uint16 indexed netuid, uint64 indexed epoch, uint256[] miner, uint256[] validator, uint256[] staked);
    event EpochFailed(uint16 indexed netuid, uint64 indexed epoch, uint256 refunded);

    error NotGovernance(address caller);
    error EpochSettled(uint16 netuid, uint64 epoch);
    error SharesNotPacked(uint256 length, uint256 expected);
    error PaidMoreThanMinted(uint256 paid, uint256 minted);

    constructor(
        CrucibleToken token_,
        SubnetRegistry registry_,
        Staking staking_,
        TaskMarket market_,
        address governance_,
        uint256 baseEpochEmission_
    ) {
        token = token_;
        registry = registry_;
        staking = staking_;
        market = market_;
        governance = governance_;
        baseEpochEmission = baseEpochEmission_;
    }

    /// @notice Halvings so far: floor(log2(cap / (cap - totalMinted))).
    function halvings() public view returns (uint256 k) {
        uint256 cap = token.cap();
        uint256 minted = token.totalMinted();
        while (k < 255 && minted >= cap - (cap >> (k + 1))) ++k;
    }

    /// @notice What the next settled epoch may mint.
    function epochEmission() public view virtual returns (uint256) {
        uint256 room = token.cap() - token.totalMinted();
        uint256 e = baseEpochEmission >> halvings();
        return e < room ? e : room;
    }

    /// @notice Pays epoch `epoch` of `netuid` from the incentive and dividend vectors in `shares`
    /// (packed, see EmissionSplit: 32 bytes per UID, incentive then dividend as big-endian uint128,
    /// any common scale) and releases its task fees. Only governance, once per epoch.
    function distribute(uint16 netuid, uint64 epoch, bytes calldata shares) external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        if (statusOf[netuid][epoch] != Status.Open) revert EpochSettled(netuid, epoch);
        address[] memory keys = registry.hotkeys(netuid);
        uint256 packedLength = keys.length * EmissionSplit.SHARE_ENTRY_BYTES;
        if (shares.length != packedLength) revert SharesNotPacked(shares.length, packedLength);
        SubnetParams memory p = registry.params(netuid);
        uint256 emission = epochEmission();
        EmissionSplit.Parts memory e = EmissionSplit.split(emission, p.ownerBps, p.minerBps, shares);
        if (e.assigned > emission) revert PaidMoreThanMinted(e.assigned, emission);
        Payouts memory pay = _payouts(netuid, keys, e);
        uint256 fees = market.escrowOf(netuid, epoch);

        // Effects.
        statusOf[netuid][epoch] = Status.Paid;
        _advance(netuid, epoch);
        mintedFor[netuid][epoch] = e.assigned;
        totalEmitted += e.assigned;
        emit EpochDistributed(netuid, epoch, emission, e.assigned, e.owner, fees);
        emit UidsPaid(netuid, epoch, e.miner, e.validator, pay.staked);

        // Interactions (protocol contracts only).
        registry.recordEmission(netuid, pay.combined);
        _mintPayouts(p.owner, e.owner, keys, pay.liquid, pay.stakedTotal);
        if (pay.stakedTotal > 0) _compound(netuid, keys, pay.staked, pay.pools);
        if (fees == 0) {
            market.refund(netuid, epoch); // closes the epoch: nothing can be posted to it any more
        } else {
            EmissionSplit.Parts memory f = EmissionSplit.split(fees, p.ownerBps, p.minerBps, shares);
            _settleFees(netuid, epoch, fees, p.owner, keys, f);
        }
    }

    /// @notice Marks epoch `epoch` of `netuid` failed: nothing is minted and its task fees are
    /// refunded. Only governance, once per epoch.
    function failEpoch(uint16 netuid, uint64 epoch) external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        if (statusOf[netuid][epoch] != Status.Open) revert EpochSettled(netuid, epoch);
        registry.count(netuid); // reverts NoSuchSubnet
        statusOf[netuid][epoch] = Status.Failed;
        _advance(netuid, epoch);
        uint256 fees = market.escrowOf(netuid, epoch);
        emit EpochFailed(netuid, epoch, fees);
        market.refund(netuid, epoch); // with or without fees: closes the epoch in the market
    }

    function _advance(uint16 netuid, uint64 epoch) private {
        if (epoch >= frontier[netuid]) frontier[netuid] = epoch + 1;
    }

    /// @dev Per UID: combined emission (for pruning), the liquid part and the part compounded into
    /// the validator's pool (dividend minus take, when the pool has stakers).
    function _payouts(uint16 netuid, address[] memory keys, EmissionSplit.Parts memory e)
        private
        view
        returns (Payouts memory pay)
    {
        uint256 n = keys.length;
        pay.combined = new uint256[](n);
        pay.staked = new uint256[](n);
        pay.liquid = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 v = e.validator[i];
            pay.combined[i] = e.miner[i] + v;
            pay.liquid[i] = pay.combined[i];
            if (v == 0) continue;
            (uint16 takeBps, bool hasStakers) = staking.rewardTerms(netuid, keys[i]);
            if (!hasStakers) continue;
            uint256 toPool = v - (v * takeBps) / 10_000;
            if (toPool == 0) continue;
            pay.staked[i] = toPool;
            pay.liquid[i] -= toPool;
            pay.stakedTotal += toPool;
            ++pay.pools;
        }
    }

    function _mintPayouts(
        address owner,
        uint256 ownerAmount,
        address[] memory keys,
        uint256[] memory liquid,
        uint256 stakedTotal
    ) private {
        uint256 n = keys.length;
        address[] memory to = new address[](n + 2);
        uint256[] memory amounts = new uint256[](n + 2);
        uint256 k = 0;
        if (ownerAmount > 0) (to[k], amounts[k++]) = (owner, ownerAmount);
        if (stakedTotal > 0) (to[k], amounts[k++]) = (address(staking), stakedTotal);
        for (uint256 i = 0; i < n; ++i) {
            if (liquid[i] > 0) (to[k], amounts[k++]) = (keys[i], liquid[i]);
        }
        if (k == 0) return;
        assembly {
            mstore(to, k)
            mstore(amounts, k)
        }
        token.mintBatch(to, amounts);
    }

    function _compound(uint16 netuid, address[] memory keys, uint256[] memory staked, uint256 pools) private {
        address[] memory hotkeys = new address[](pools);
        uint256[] memory amounts = new uint256[](pools);
        uint256 k = 0;
        for (uint256 i = 0; i < keys.length; ++i) {
            if (staked[i] > 0) (hotkeys[k], amounts[k++]) = (keys[i], staked[i]);
        }
        staking.addRewards(netuid, hotkeys, amounts);
    }

    function _settleFees(
        uint16 netuid,
        uint64 epoch,
        uint256 fees,
        address owner,
        address[] memory keys,
        EmissionSplit.Parts memory f
    ) private {
        if (f.assigned == f.owner) {
            market.refund(netuid, epoch); // nobody earned anything this epoch
            return;
        }
        uint256 n = keys.length;
        address[] memory to = new address[](n + 1);
        uint256[] memory amounts = new uint256[](n + 1);
        (to[0], amounts[0]) = (owner, f.owner + (fees - f.assigned));
        uint256 k = 1;
        for (uint256 i = 0; i < n; ++i) {
            uint256 a = f.miner[i] + f.validator[i];
            if (a > 0) (to[k], amounts[k++]) = (keys[i], a);
        }
        assembly {
            mstore(to, k)
            mstore(amounts, k)
        }
        market.release(netuid, epoch, to, amounts);
    }
}
