// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @notice What the escrow reads of the Governor (CrucibleBallotGovernor): recorded ballots and the
/// last block of a proposal's vote.
interface IBallotRecord {
    function ballotOf(uint256 proposalId, address account) external view returns (bool voted, uint8 support);
    function proposalDeadline(uint256 proposalId) external view returns (uint256);
}

/// @title VoteBribeEscrow
/// @notice A vote buyer's bribes, escrowed on-chain: the buyer deposits one amount per holder for a
/// vote `support` on a Governor proposal while its vote is open; a holder claims its amount only once
/// the Governor records its ballot with that support; after the vote the buyer takes back every
/// amount whose holder did not vote that way (the rest stays claimable: a recorded ballot is final).
/// Invariants:
/// - token.balanceOf(this) >= totalEscrowed, and totalEscrowed == the sum of the unpaid amounts.
/// - A holder is paid at most once per offer, only its own amount, only with a matching ballot.
/// - The buyer is refunded at most the amounts of holders whose ballot does not match, only after the
///   proposal's deadline block.
contract VoteBribeEscrow is ReentrancyGuard {
    using SafeERC20 for IERC20;

    struct Offer {
        address buyer;
        uint256 proposalId;
        uint8 support;
        address[] holders;
    }

    IERC20 public immutable token;
    IBallotRecord public immutable governor;
    uint256 public totalEscrowed;

    Offer[] private _offers;
    mapping(uint256 offerId => mapping(address holder => uint256)) public bribeOf;
    mapping(uint256 offerId => mapping(address holder => bool)) public claimed;

    event BribeOffered(uint256 indexed offerId, address indexed buyer, uint256 indexed proposalId, uint256 total);
    event BribeClaimed(uint256 indexed offerId, address indexed holder, uint256 amount);
    event BribeRefunded(uint256 indexed offerId, address indexed buyer, uint256 amount);

    error EmptyOffer();
    error LengthMismatch();
    error InvalidSupport(uint8 support);
    error ZeroBribe(address holder);
    error DuplicateHolder(address holder);
    error VotingClosed(uint256 proposalId);
    error UnknownOffer(uint256 offerId);
    error NoBribe(uint256 offerId, address holder);
    error AlreadyClaimed(uint256 offerId, address holder);
    error NotVoted(uint256 offerId, address holder);
    error VoteMismatch(uint256 offerId, address holder, uint8 support);
    error NotBuyer(address caller);
    error VoteNotOver(uint256 proposalId);
    error NothingToRefund(uint256 offerId);

    constructor(IERC20 token_, IBallotRecord governor_) {
        token = token_;
        governor = governor_;
    }

    /// @notice Escrows amounts[i] for holders[i] should it vote `support` on `proposalId`; the buyer
    /// must have approved their sum. Only while the vote is open (up to its deadline block).
    function offer(uint256 proposalId, uint8 support, address[] calldata holders, uint256[] calldata amounts)
        external
        nonReentrant
        returns (uint256 offerId)
    {
        if (holders.length == 0) revert EmptyOffer();
        if (holders.length != amounts.length) revert LengthMismatch();
        if (support > 2) revert InvalidSupport(support);
        if (block.number > governor.proposalDeadline(proposalId)) revert VotingClosed(proposalId);
        offerId = _offers.length;
        Offer storage o = _offers.push();
        (o.buyer, o.proposalId, o.support, o.holders) = (msg.sender, proposalId, support, holders);
        uint256 total;
        for (uint256 i = 0; i < holders.length; i++) {
            if (amounts[i] == 0) revert ZeroBribe(holders[i]);
            if (bribeOf[offerId][holders[i]] != 0) revert DuplicateHolder(holders[i]);
            bribeOf[offerId][holders[i]] = amounts[i];
            total += amounts[i];
        }
        totalEscrowed += total;
        emit BribeOffered(offerId, msg.sender, proposalId, total);
        token.safeTransferFrom(msg.sender, address(this), total);
    }

    /// @notice Pays the caller its amount of `offerId` once the Governor records its ballot with the
    /// offer's support.
    function claim(uint256 offerId) external nonReentrant returns (uint256 amount) {
        Offer storage o = _offer(offerId);
        amount = bribeOf[offerId][msg.sender];
        if (claimed[offerId][msg.sender]) revert AlreadyClaimed(offerId, msg.sender);
        if (amount == 0) revert NoBribe(offerId, msg.sender);
        (bool voted, uint8 support) = governor.ballotOf(o.proposalId, msg.sender);
        if (!voted) revert NotVoted(offerId, msg.sender);
        if (support != o.support) revert VoteMismatch(offerId, msg.sender, support);
        claimed[offerId][msg.sender] = true;
        bribeOf[offerId][msg.sender] = 0;
        totalEscrowed -= amount;
        emit BribeClaimed(offerId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice After the vote, returns to the buyer every amount of `offerId` whose holder did not
    /// vote the offer's way (a matching holder's amount stays claimable).
    function refund(uint256 offerId) external nonReentrant returns (uint256 amount) {
        Offer storage o = _offer(offerId);
        if (msg.sender != o.buyer) revert NotBuyer(msg.sender);
        if (block.number <= governor.proposalDeadline(o.proposalId)) revert VoteNotOver(o.proposalId);
        for (uint256 i = 0; i < o.holders.length; i++) {
            address h = o.holders[i];
            uint256 owed = bribeOf[offerId][h];
            if (owed == 0) continue;
            (bool voted, uint8 support) = governor.ballotOf(o.proposalId, h);
            if (voted && support == o.support) continue;
            bribeOf[offerId][h] = 0;
            amount += owed;
        }
        if (amount == 0) revert NothingToRefund(offerId);
        totalEscrowed -= amount;
        emit BribeRefunded(offerId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    function offerCount() external view returns (uint256) {
        return _offers.length;
    }

    /// @notice An offer's buyer, proposal, support and holders.
    function offerOf(uint256 offerId) external view returns (Offer memory) {
        return _offer(offerId);
    }

    function _offer(uint256 offerId) private view returns (Offer storage) {
        if (offerId >= _offers.length) revert UnknownOffer(offerId);
        return _offers[offerId];
    }
}
