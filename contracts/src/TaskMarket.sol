// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @dev What TaskMarket reads of Emission: 1 + the highest epoch settled in a subnet (0 if none).
interface IEmissionFrontier {
    function frontier(uint16 netuid) external view returns (uint64);
}

/// @title TaskMarket
/// @notice Users escrow a fee per task batch for a subnet epoch. When the epoch is paid, Emission
/// releases the escrow to the subnet's owner, miners and validators in proportion to the epoch's
/// incentive and dividends; when it fails, every batch is refunded to its user.
/// Invariants:
/// - token.balanceOf(this) == totalEscrow == sum of escrowOf over open epochs.
/// - An epoch's escrow leaves exactly once, all of it: released (amounts summing to the escrow) or
///   refunded (each batch's fee to its user). Only Emission triggers either.
/// - No batch is accepted for a settled epoch (Emission closes every epoch it settles here, with fees
///   or without), nor for one more than MAX_EPOCHS_AHEAD past the subnet's settlement frontier, so
///   every escrowed fee belongs to an epoch Emission can still settle: released or refunded.
/// - An epoch holds at most MAX_BATCHES_PER_EPOCH batches, so its refund loop fits in a block.
contract TaskMarket {
    using SafeERC20 for CrucibleToken;

    enum Status {
        Open,
        Released,
        Refunded
    }

    struct Batch {
        address user;
        uint16 netuid;
        uint64 epoch;
        uint32 tasks;
        uint256 fee;
    }

    /// @notice Batches one epoch may hold (its refund pays each: ~35k gas a batch, < 10M gas in all).
    uint256 public constant MAX_BATCHES_PER_EPOCH = 256;
    /// @notice How far past the subnet's settlement frontier a batch may be posted.
    uint64 public constant MAX_EPOCHS_AHEAD = 16;

    CrucibleToken public immutable token;
    SubnetRegistry public immutable registry;
    address public immutable emission;

    uint256 public totalEscrow;
    Batch[] private _batches;
    mapping(uint16 => mapping(uint64 => uint256)) public escrowOf;
    mapping(uint16 => mapping(uint64 => Status)) public statusOf;
    mapping(uint16 => mapping(uint64 => uint256[])) private _batchIds;

    event TasksPosted(uint256 indexed id, uint16 indexed netuid, uint64 indexed epoch, address user, uint32 tasks, uint256 fee);
    event FeesReleased(uint16 indexed netuid, uint64 indexed epoch, uint256 total, uint256 recipients);
    event FeesRefunded(uint16 indexed netuid, uint64 indexed epoch, uint256 total, uint256 batches);

    error ZeroFee();
    error NotEmission(address caller);
    error EpochClosed(uint16 netuid, uint64 epoch);
    error LengthMismatch(uint256 recipients, uint256 amounts);
    error WrongReleaseTotal(uint256 total, uint256 escrow);
    error EpochTooFarAhead(uint16 netuid, uint64 epoch, uint64 frontier);
    error EpochFull(uint16 netuid, uint64 epoch);

    constructor(CrucibleToken token_, SubnetRegistry registry_, address emission_) {
        token = token_;
        registry = registry_;
        emission = emission_;
    }

    /// @notice Escrows `fee` of the caller's tokens for `tasks` tasks in epoch `epoch` of `netuid`.
    function postTasks(uint16 netuid, uint64 epoch, uint32 tasks, uint256 fee) external returns (uint256 id) {
        if (fee == 0) revert ZeroFee();
        registry.count(netuid); // reverts NoSuchSubnet
        if (statusOf[netuid][epoch] != Status.Open) revert EpochClosed(netuid, epoch);
        uint64 frontier = IEmissionFrontier(emission).frontier(netuid);
        if (epoch > frontier + MAX_EPOCHS_AHEAD) revert EpochTooFarAhead(netuid, epoch, frontier);
        if (_batchIds[netuid][epoch].length >= MAX_BATCHES_PER_EPOCH) revert EpochFull(netuid, epoch);
        id = _batches.length;
        _batches.push(Batch(msg.sender, netuid, epoch, tasks, fee));
        _batchIds[netuid][epoch].push(id);
        escrowOf[netuid][epoch] += fee;
        totalEscrow += fee;
        emit TasksPosted(id, netuid, epoch, msg.sender, tasks, fee);
        token.collect(msg.sender, fee);
    }

    /// @notice Pays the escrow of (`netuid`, `epoch`) out: `amounts[i]` to `recipients[i]`, summing to
    /// the escrow. Only Emission.
    function release(uint16 netuid, uint64 epoch, address[] calldata recipients, uint256[] calldata amounts)
        external
    {
        if (msg.sender != emission) revert NotEmission(msg.sender);
        if (recipients.length != amounts.length) revert LengthMismatch(recipients.length, amounts.length);
        uint256 escrow = _close(netuid, epoch, Status.Released);
        uint256 total = 0;
        for (uint256 i = 0; i < amounts.length; ++i) {
            total += amounts[i];
        }
        if (total != escrow) revert WrongReleaseTotal(total, escrow);
        emit FeesReleased(netuid, epoch, total, recipients.length);
        for (uint256 i = 0; i < recipients.length; ++i) {
            if (amounts[i] > 0) token.safeTransfer(recipients[i], amounts[i]);
        }
    }

    /// @notice Refunds every batch of (`netuid`, `epoch`) to its user. Only Emission.
    function refund(uint16 netuid, uint64 epoch) external {
        if (msg.sender != emission) revert NotEmission(msg.sender);
        uint256 escrow = _close(netuid, epoch, Status.Refunded);
        uint256[] storage ids = _batchIds[netuid][epoch];
        emit FeesRefunded(netuid, epoch, escrow, ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            Batch storage b = _batches[ids[i]];
            token.safeTransfer(b.user, b.fee);
        }
    }

    function batchCount() external view returns (uint256) {
        return _batches.length;
    }

    function batch(uint256 id) external view returns (Batch memory) {
        return _batches[id];
    }

    function batchIdsOf(uint16 netuid, uint64 epoch) external view returns (uint256[] memory) {
        return _batchIds[netuid][epoch];
    }

    function _close(uint16 netuid, uint64 epoch, Status to) private returns (uint256 escrow) {
        if (statusOf[netuid][epoch] != Status.Open) revert EpochClosed(netuid, epoch);
        statusOf[netuid][epoch] = to;
        escrow = escrowOf[netuid][epoch];
        escrowOf[netuid][epoch] = 0;
        totalEscrow -= escrow;
    }
}
