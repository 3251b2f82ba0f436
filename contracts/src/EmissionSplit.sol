// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title EmissionSplit
/// @notice Splits an amount owner / miners / validators (basis points) and each side over UIDs in
/// proportion to the mechanism's incentive (miners) and dividend (validators) vectors (subtensor
/// `distribute_emission`). A side with no shares passes its part to the other; when neither side has
/// shares only the owner's cut is assigned. Every amount is floored, so the parts never sum to more
/// than `total`; `assigned` is their exact sum.
/// The two vectors come packed (what Emission.distribute takes): 32 bytes per UID in UID order, its
/// incentive then its dividend as big-endian uint128 (a 10,000-UID epoch is 320 KB of calldata, not
/// 640 KB of two uint256[]). The caller checks `shares.length == 32 * n` first.
library EmissionSplit {
    /// @notice Bytes one UID takes in packed shares: incentive then dividend, big-endian uint128 each.
    uint256 internal constant SHARE_ENTRY_BYTES = 32;

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
        bytes calldata shares
    ) internal pure returns (Parts memory parts) {
        uint256 n = shares.length / SHARE_ENTRY_BYTES;
        parts.miner = new uint256[](n);
        parts.validator = new uint256[](n);
        parts.owner = (total * ownerBps) / 10_000;
        uint256 minersPool = (total * minerBps) / 10_000;
        uint256 validatorsPool = total - parts.owner - minersPool;
        (uint256 sumI, uint256 sumD) = _sums(shares, n);
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
            (uint256 inc, uint256 div) = shareAt(shares, i);
            if (sumI > 0 && inc > 0) {
                parts.miner[i] = Math.mulDiv(minersPool, inc, sumI);
                assigned += parts.miner[i];
            }
            if (sumD > 0 && div > 0) {
                parts.validator[i] = Math.mulDiv(validatorsPool, div, sumD);
                assigned += parts.validator[i];
            }
        }
        parts.assigned = assigned;
    }

    /// @notice Incentive and dividend of UID `i` in packed `shares` (the caller keeps `i` in range).
    function shareAt(bytes calldata shares, uint256 i) internal pure returns (uint256 incentive, uint256 dividend) {
        uint256 word;
        assembly {
            word := calldataload(add(shares.offset, mul(i, 32)))
        }
        incentive = word >> 128;
        dividend = word & type(uint128).max;
    }

    /// @dev Sums of the n incentives and of the n dividends (each < n * 2^128: no overflow).
    function _sums(bytes calldata shares, uint256 n) private pure returns (uint256 sumI, uint256 sumD) {
        for (uint256 i = 0; i < n; ++i) {
            (uint256 inc, uint256 div) = shareAt(shares, i);
            sumI += inc;
            sumD += div;
        }
    }
}
