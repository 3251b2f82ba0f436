// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {Staking} from "./Staking.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";

/// @title GovernedStaking
/// @notice Staking whose validator take ceiling can change after deployment, by one address only: the
/// parameter admin (the run's TimelockController). Deployed instead of Staking only when a run's
/// governance can change the take bound, so other runs keep Staking's code and gas.
/// Invariants (beyond Staking's):
/// - Only parameterAdmin changes takeCeilingBps; every other caller reverts NotParameterAdmin.
/// - takeCeilingBps <= maxTakeBps (the deployment's bound: governance can lower the ceiling and raise
///   it back, never above it); a larger value reverts TakeCeilingTooHigh.
/// - The take in force (takeOf, what Emission pays by) never exceeds takeCeilingBps: a take set
///   under a higher ceiling is clamped from the block the ceiling falls; setTake above it reverts
///   TakeTooHigh(bps, takeCeilingBps).
contract GovernedStaking is Staking {
    address public immutable parameterAdmin;
    uint16 public takeCeilingBps;

    event TakeCeilingChanged(uint16 bps);

    error NotParameterAdmin(address caller);
    error TakeCeilingTooHigh(uint16 bps, uint16 max);

    constructor(
        CrucibleToken token_,
        SubnetRegistry registry_,
        address weights_,
        address emission_,
        address governance_,
        uint64 cooldownBlocks_,
        uint16 defaultTakeBps_,
        uint16 maxTakeBps_,
        address parameterAdmin_
    ) Staking(token_, registry_, weights_, emission_, governance_, cooldownBlocks_, defaultTakeBps_, maxTakeBps_) {
        parameterAdmin = parameterAdmin_;
        takeCeilingBps = maxTakeBps_;
    }

    /// @notice The most take any validator may keep, in basis points (<= maxTakeBps).
    function setTakeCeiling(uint16 bps) external {
        if (msg.sender != parameterAdmin) revert NotParameterAdmin(msg.sender);
        if (bps > maxTakeBps) revert TakeCeilingTooHigh(bps, maxTakeBps);
        takeCeilingBps = bps;
        emit TakeCeilingChanged(bps);
    }

    /// @notice As Staking.setTake, bounded by the governed ceiling.
    function setTake(uint16 netuid, uint16 bps) external override {
        if (bps > takeCeilingBps) revert TakeTooHigh(bps, takeCeilingBps);
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

    /// @notice The take in force, clamped to the ceiling.
    function takeOf(uint16 netuid, address hotkey) public view override returns (uint16) {
        uint16 t = super.takeOf(netuid, hotkey);
        return t > takeCeilingBps ? takeCeilingBps : t;
    }
}
