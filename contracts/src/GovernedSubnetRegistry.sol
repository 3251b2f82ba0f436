// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {SubnetParams, SubnetRegistry} from "./SubnetRegistry.sol";

/// @title GovernedSubnetRegistry
/// @notice SubnetRegistry whose tunable hyperparameters can change after creation, by one address
/// only: the parameter admin (the run's TimelockController, so only a passed and queued Governor
/// proposal reaches them). Deployed instead of SubnetRegistry only when a run has governance.
/// Invariants (beyond SubnetRegistry's):
/// - Only parameterAdmin changes a subnet's parameters; every other caller reverts NotParameterAdmin.
/// - The bounds createSubnet enforces hold after every change: ownerBps + minerBps + validatorBps ==
///   10_000, slashBps < 10_000, minBurn <= maxBurn (the next price is clamped into the new bounds).
contract GovernedSubnetRegistry is SubnetRegistry {
    address public immutable parameterAdmin;

    event ParamsChanged(uint16 indexed netuid, SubnetParams params);

    error NotParameterAdmin(address caller);

    constructor(CrucibleToken token_, address emission_, address governance_, address parameterAdmin_)
        SubnetRegistry(token_, emission_, governance_)
    {
        parameterAdmin = parameterAdmin_;
    }

    /// @notice The emission split owner / miners / validators, in basis points summing to 10,000.
    function setEmissionSplit(uint16 netuid, uint16 ownerBps, uint16 minerBps, uint16 validatorBps) external {
        SubnetParams storage p = _admin(netuid);
        if (uint256(ownerBps) + minerBps + validatorBps != 10_000) revert InvalidParams("split");
        (p.ownerBps, p.minerBps, p.validatorBps) = (ownerBps, minerBps, validatorBps);
        emit ParamsChanged(netuid, p);
    }

    /// @notice The share of a pool one slash burns, in basis points (< 10,000).
    function setSlashBps(uint16 netuid, uint16 slashBps) external {
        SubnetParams storage p = _admin(netuid);
        if (slashBps >= 10_000) revert InvalidParams("slashBps");
        p.slashBps = slashBps;
        emit ParamsChanged(netuid, p);
    }

    /// @notice Blocks after registration during which a UID cannot be pruned.
    function setImmunityPeriod(uint16 netuid, uint64 immunityPeriod) external {
        SubnetParams storage p = _admin(netuid);
        p.immunityPeriod = immunityPeriod;
        emit ParamsChanged(netuid, p);
    }

    /// @notice The registration burn curve: bounds, increase per registration, half-life in blocks.
    function setRegistrationBurn(
        uint16 netuid,
        uint128 minBurn,
        uint128 maxBurn,
        uint32 burnIncreaseBps,
        uint64 burnHalfLife
    ) external {
        SubnetParams storage p = _admin(netuid);
        if (minBurn > maxBurn) revert InvalidParams("burn bounds");
        (p.minBurn, p.maxBurn, p.burnIncreaseBps, p.burnHalfLife) = (minBurn, maxBurn, burnIncreaseBps, burnHalfLife);
        emit ParamsChanged(netuid, p);
    }

    function _admin(uint16 netuid) internal view returns (SubnetParams storage) {
        if (msg.sender != parameterAdmin) revert NotParameterAdmin(msg.sender);
        return _subnet(netuid).params;
    }
}
