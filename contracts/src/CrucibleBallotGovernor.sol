// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingBallots} from "./GovernorCountingBallots.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title CrucibleBallotGovernor
/// @notice CrucibleGovernor with GovernorCountingBallots instead of GovernorCountingSimple: every
/// ballot is recorded (`ballotOf`, what VoteBribeEscrow checks before it pays) and ballots count
/// linearly or, with `quadratic`, by the square root of their votes. Deployed instead of
/// CrucibleGovernor only when a run has a vote buyer or quadratic counting, so other governance runs
/// keep CrucibleGovernor's gas.
/// Invariants: those of CrucibleGovernor, with "for > against" on the counted votes and the quorum on
/// the raw votes (for + abstain).
contract CrucibleBallotGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingBallots,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    constructor(
        IVotes token_,
        TimelockController timelock_,
        uint48 votingDelayBlocks,
        uint32 votingPeriodBlocks,
        uint256 proposalThresholdWei,
        uint256 quorumBps,
        bool quadratic_
    )
        Governor("Crucible Governor")
        GovernorSettings(votingDelayBlocks, votingPeriodBlocks, proposalThresholdWei)
        GovernorVotes(token_)
        GovernorVotesQuorumFraction(quorumBps)
        GovernorTimelockControl(timelock_)
        GovernorCountingBallots(quadratic_)
    {}

    /// @notice Quorum numerators are basis points.
    function quorumDenominator() public pure override returns (uint256) {
        return 10_000;
    }

    function state(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
