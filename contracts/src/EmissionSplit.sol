// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title EmissionSplit
/// @notice Splits an amount owner / miners / validators (basis points) and each side over UIDs in
/// proportion to the mechanism's incentive (miners) and dividend (validators) vectors (subtensor
/// `distribute_emission`). A side with no shares passes its part to the other; when neither side has
/// shares only the owner's cut is assigned. Every amount is floored, so the parts never sum to more
/// than `total`; `assigned` is their exact sum.
library EmissionSplit {
    struct Parts {
        uint256 owner;
        uint256[] miner;
        uint256[] validator;
        uint256 assigned;
    }

    function split(
        uint256 total,
        uint16 ownerBps,
        uint16 minerBps,
        uint256[] calldata incentive,
        uint256[] calldata dividends
    ) internal pure returns (Parts memory parts) {
        uint256 n = incentive.length;
        parts.miner = new uint256[](n);
        parts.validator = new uint256[](n);
        parts.owner = (total * ownerBps) / 10_000;
        uint256 minersPool = (total * minerBps) / 10_000;
        uint256 validatorsPool = total - parts.owner - minersPool;
        uint256 sumI = _sum(incentive);
        uint256 sumD = _sum(dividends);
        if (sumI == 0) {
            validatorsPool += minersPool;
            minersPool = 0;
        }
        if (sumD == 0) {
            minersPool += validatorsPool;
            validatorsPool = 0;
        }
        uint256 assigned = parts.owner;
        for (uint256 i = 0; i < n; ++i) {
            if (sumI > 0 && incentive[i] > 0) {
                parts.miner[i] = Math.mulDiv(minersPool, incentive[i], sumI);
                assigned += parts.miner[i];
            }
            if (sumD > 0 && dividends[i] > 0) {
                parts.validator[i] = Math.mulDiv(validatorsPool, dividends[i], sumD);
                assigned += parts.validator[i];
            }
        }
        parts.assigned = assigned;
    }

    function _sum(uint256[] calldata xs) private pure returns (uint256 s) {
        for (uint256 i = 0; i < xs.length; ++i) {
            s += xs[i];
        }
    }
}
