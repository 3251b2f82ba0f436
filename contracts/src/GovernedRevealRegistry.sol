// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {GovernedSubnetRegistry} from "./GovernedSubnetRegistry.sol";
import {SubnetParams} from "./SubnetRegistry.sol";

/// @title GovernedRevealRegistry
/// @notice GovernedSubnetRegistry whose commit-reveal delay can change too (by the parameter admin
/// only). Deployed instead of GovernedSubnetRegistry only when a run's governance can change the
/// delay, so other governance runs keep that contract's code and gas.
/// Invariants (beyond GovernedSubnetRegistry's): revealDelayEpochs <= 100 after every change (the
/// bound createSubnet enforces; a larger value reverts InvalidParams("revealDelayEpochs")). Weights
/// reads the delay when a reveal arrives, so a commit made under the old delay is revealed under the
/// new one (a shorter delay makes a waiting commit late: RevealTooLate).
contract GovernedRevealRegistry is GovernedSubnetRegistry {
    constructor(CrucibleToken token_, address emission_, address governance_, address parameterAdmin_)
        GovernedSubnetRegistry(token_, emission_, governance_, parameterAdmin_)
    {}

    /// @notice Epochs between a commit and its reveal (<= 100).
    function setRevealDelay(uint16 netuid, uint16 revealDelayEpochs) external {
        SubnetParams storage p = _admin(netuid);
        if (revealDelayEpochs > 100) revert InvalidParams("revealDelayEpochs");
        p.revealDelayEpochs = revealDelayEpochs;
        emit ParamsChanged(netuid, p);
    }
}
