// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title GovernorCountingBallots
/// @notice A Governor counting extension in the manner of OpenZeppelin's GovernorCountingSimple
/// (against / for / abstain, quorum on for + abstain) that records every ballot, so a contract can
/// check how an account voted (VoteBribeEscrow pays only a matching recorded vote), and that counts
/// either linearly (simple) or quadratically: a ballot of w votes counts sqrt(w * 1e18) for the
/// decision (the square root in token units, kept in 18 decimals), while the quorum still counts the
/// votes themselves (participation in tokens).
/// Invariants: one ballot per account per proposal (GovernorAlreadyCastVote); a proposal succeeds
/// when the counted for > the counted against; quorum(snapshot) <= raw for + raw abstain.
abstract contract GovernorCountingBallots is Governor {
    enum VoteType {
        Against,
        For,
        Abstain
    }

    struct Tally {
        uint256[3] counted;
        uint256[3] raw;
        mapping(address voter => uint8) ballot; // 0: none; 1 + support otherwise
    }

    /// @notice Whether ballots count by the square root of their votes.
    bool public immutable quadratic;

    mapping(uint256 proposalId => Tally) private _tallies;

    constructor(bool quadratic_) {
        quadratic = quadratic_;
    }

    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain";
    }

    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        return _tallies[proposalId].ballot[account] != 0;
    }

    /// @notice How `account` voted on `proposalId`: (false, 0) when it has not.
    function ballotOf(uint256 proposalId, address account) public view returns (bool voted, uint8 support) {
        uint8 b = _tallies[proposalId].ballot[account];
        return b == 0 ? (false, 0) : (true, b - 1);
    }

    /// @notice The counted votes (square roots under quadratic counting), as GovernorCountingSimple.
    function proposalVotes(uint256 proposalId)
        public
        view
        virtual
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        uint256[3] storage c = _tallies[proposalId].counted;
        return (c[0], c[1], c[2]);
    }

    /// @notice The votes themselves (what the quorum counts).
    function proposalRawVotes(uint256 proposalId)
        public
        view
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        uint256[3] storage r = _tallies[proposalId].raw;
        return (r[0], r[1], r[2]);
    }

    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        uint256[3] storage r = _tallies[proposalId].raw;
        return quorum(proposalSnapshot(proposalId)) <= r[1] + r[2];
    }

    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        uint256[3] storage c = _tallies[proposalId].counted;
        return c[1] > c[0];
    }

    function _countVote(uint256 proposalId, address account, uint8 support, uint256 totalWeight, bytes memory)
        internal
        virtual
        override
        returns (uint256)
    {
        Tally storage t = _tallies[proposalId];
        if (t.ballot[account] != 0) revert GovernorAlreadyCastVote(account);
        if (support > uint8(VoteType.Abstain)) revert GovernorInvalidVoteType();
        t.ballot[account] = support + 1;
        uint256 counted = quadratic ? Math.sqrt(totalWeight * 1e18) : totalWeight;
        t.counted[support] += counted;
        t.raw[support] += totalWeight;
        return counted;
    }
}
