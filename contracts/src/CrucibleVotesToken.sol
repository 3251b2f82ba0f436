// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {CrucibleToken} from "./CrucibleToken.sol";

/// @title CrucibleVotesToken
/// @notice CrucibleToken with OpenZeppelin's ERC20Votes: every CrucibleToken rule (minter, burner,
/// collectors, cap, totalMinted/totalBurned) unchanged, plus delegation and checkpointed voting power
/// (block-number clock) for CrucibleGovernor. Deployed instead of CrucibleToken only when a run has
/// governance, so runs without it keep the plain token's gas.
/// Invariants (beyond CrucibleToken's):
/// - getVotes(d) == the sum of balanceOf(h) over holders h that delegated to d (tokens held by
///   Staking and TaskMarket vote only if those contracts delegate, which they never do).
/// - getPastTotalSupply(b) == totalSupply() at the end of block b.
contract CrucibleVotesToken is CrucibleToken, ERC20Votes {
    constructor(
        address emission_,
        address registry_,
        address staking_,
        address market_,
        address treasury,
        uint256 genesisSupply_,
        uint256 cap_
    ) CrucibleToken(emission_, registry_, staking_, market_, treasury, genesisSupply_, cap_) EIP712("Crucible", "1") {}

    function _update(address from, address to, uint256 value) internal override(CrucibleToken, ERC20Votes) {
        super._update(from, to, value);
    }
}
