// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrucibleToken} from "./CrucibleToken.sol";

/// @title Emission
/// @notice Mints each epoch's emission to the recipients the epoch driver computed off-chain.
/// Invariants:
/// - Only the driver pays, each epoch at most once, and exactly `emissionPerEpoch` per paid epoch, so
///   the token's supply grows by emissionPerEpoch × (number of paid epochs) and nothing else.
contract Emission {
    CrucibleToken public immutable token;
    address public immutable driver;
    uint256 public immutable emissionPerEpoch;

    uint256 public epochsPaid;
    mapping(uint64 => bool) public paid;

    event EpochPaid(uint64 indexed epoch, uint256 total, uint256 recipients);

    error NotDriver(address caller);
    error EpochAlreadyPaid(uint64 epoch);
    error LengthMismatch(uint256 recipients, uint256 amounts);
    error WrongEmissionTotal(uint256 total, uint256 expected);

    constructor(CrucibleToken token_, address driver_, uint256 emissionPerEpoch_) {
        token = token_;
        driver = driver_;
        emissionPerEpoch = emissionPerEpoch_;
    }

    /// @notice Mints `amounts[i]` to `recipients[i]`; the amounts must sum to emissionPerEpoch.
    function payEpoch(uint64 epoch, address[] calldata recipients, uint256[] calldata amounts) external {
        if (msg.sender != driver) revert NotDriver(msg.sender);
        if (paid[epoch]) revert EpochAlreadyPaid(epoch);
        if (recipients.length != amounts.length) revert LengthMismatch(recipients.length, amounts.length);
        uint256 total = 0;
        for (uint256 i = 0; i < amounts.length; ++i) {
            total += amounts[i];
        }
        if (total != emissionPerEpoch) revert WrongEmissionTotal(total, emissionPerEpoch);
        paid[epoch] = true;
        ++epochsPaid;
        emit EpochPaid(epoch, total, recipients.length);
        token.mintBatch(recipients, amounts);
    }
}
