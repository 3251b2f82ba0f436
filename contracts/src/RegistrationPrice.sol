// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title RegistrationPrice
/// @notice The registration burn curve (subtensor `registration.rs`): the price decays with a
/// half-life in blocks, is multiplied on each registration, and is clamped to [min, max].
/// Pure fixed-point math (1e18), no state.
library RegistrationPrice {
    uint256 internal constant ONE = 1e18;
    /// @dev ln(2) in 1e18 fixed point.
    uint256 internal constant LN2 = 693147180559945309;

    /// @notice `price · 2^(-elapsed/halfLife)`; unchanged when halfLife is 0 (no decay).
    function decay(uint256 price, uint256 elapsed, uint256 halfLife) internal pure returns (uint256) {
        if (halfLife == 0 || elapsed == 0 || price == 0) return price;
        uint256 halvings = elapsed / halfLife;
        if (halvings >= 256) return 0;
        price >>= halvings;
        uint256 rest = elapsed % halfLife;
        if (rest == 0) return price;
        // 2^(-rest/halfLife) = e^(-ln2 · rest/halfLife), argument in (0, ln2).
        return (price * expNeg((LN2 * rest) / halfLife)) / ONE;
    }

    /// @notice e^(-x) for 0 <= x < 1e18 (1e18 fixed point), by its alternating Taylor series.
    function expNeg(uint256 x) internal pure returns (uint256) {
        uint256 sum = ONE;
        uint256 term = ONE;
        bool negative = true;
        for (uint256 i = 1; i < 40; ++i) {
            term = (term * x) / (ONE * i);
            if (term == 0) break;
            sum = negative ? sum - term : sum + term;
            negative = !negative;
        }
        return sum;
    }

    /// @notice `value` clamped to [lo, hi].
    function clamp(uint256 value, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return value < lo ? lo : value > hi ? hi : value;
    }
}
