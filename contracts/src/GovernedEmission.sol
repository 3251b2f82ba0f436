// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";
import {Emission} from "./Emission.sol";
import {Staking} from "./Staking.sol";
import {SubnetRegistry} from "./SubnetRegistry.sol";
import {TaskMarket} from "./TaskMarket.sol";

/// @title GovernedEmission
/// @notice Emission whose supply policy (the emission per epoch before halvings) can change after
/// deployment, by one address only: the parameter admin (the run's TimelockController). Deployed
/// instead of Emission only when a run's governance can change it, so other runs keep Emission's code
/// and gas. The cap and the halving rule are the token's and do not change.
/// Invariants (beyond Emission's, with baseEpochEmission read as governedEpochEmission):
/// - Only parameterAdmin changes governedEpochEmission; every other caller reverts NotParameterAdmin.
/// - 0 < governedEpochEmission <= 2 · baseEpochEmission (the deployed rate): governance can slow
///   issuance or at most double it, never stop it; other values revert EmissionOutOfBounds.
/// - epochEmission() == min(governedEpochEmission >> halvings(), cap - totalMinted).
contract GovernedEmission is Emission {
    address public immutable parameterAdmin;
    uint256 public governedEpochEmission;

    event EpochEmissionChanged(uint256 amount);

    error NotParameterAdmin(address caller);
    error EmissionOutOfBounds(uint256 amount, uint256 max);

    constructor(
        CrucibleToken token_,
        SubnetRegistry registry_,
        Staking staking_,
        TaskMarket market_,
        address governance_,
        uint256 baseEpochEmission_,
        address parameterAdmin_
    ) Emission(token_, registry_, staking_, market_, governance_, baseEpochEmission_) {
        parameterAdmin = parameterAdmin_;
        governedEpochEmission = baseEpochEmission_;
    }

    /// @notice The emission per epoch before halvings (wei), in 1 .. 2 · baseEpochEmission.
    function setEpochEmission(uint256 amount) external {
        if (msg.sender != parameterAdmin) revert NotParameterAdmin(msg.sender);
        if (amount == 0 || amount > 2 * baseEpochEmission) revert EmissionOutOfBounds(amount, 2 * baseEpochEmission);
        governedEpochEmission = amount;
        emit EpochEmissionChanged(amount);
    }

    /// @notice What the next settled epoch may mint, at the governed rate.
    function epochEmission() public view override returns (uint256) {
        uint256 room = token.cap() - token.totalMinted();
        uint256 e = governedEpochEmission >> halvings();
        return e < room ? e : room;
    }
}
