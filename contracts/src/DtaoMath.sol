// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title DtaoMath
/// @notice The dynamic-TAO integer rules (../shared/reference/dtao.md), step for step the same as
/// sim/protocol/dtaoPool.ts and dtaoEmission.ts: amounts in rao (9 decimals), fractions in wad
/// (1e18), every division floored. The pool is constant product (weights 0.5).
library DtaoMath {
    uint256 internal constant RAO = 1e9;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant U16 = 65_535;
    uint256 internal constant MIN_RESERVE = 1e6;
    uint256 internal constant MIN_STAKE = 2e6;
    uint256 internal constant MAX_TRADE_RATIO = 1_000;
    uint256 internal constant ISSUANCE_CAP = 21_000_000 * 1e9;

    /// Swap outcome codes (0 = ok); the network reverts with the matching custom error.
    uint8 internal constant SWAP_OK = 0;
    uint8 internal constant RESERVE_TOO_SMALL = 1;
    uint8 internal constant TRADE_TOO_LARGE = 2;
    uint8 internal constant ZERO_OUTPUT = 3;

    function blockEmission(uint256 issuance) internal pure returns (uint256) {
        if (issuance >= ISSUANCE_CAP) return 0;
        uint256 left = ISSUANCE_CAP - issuance;
        uint256 k = 0;
        while ((left << (k + 1)) <= ISSUANCE_CAP) k++;
        return RAO >> k;
    }

    function spotPrice(uint256 tao, uint256 alpha) internal pure returns (uint256) {
        return alpha == 0 ? 0 : (tao * WAD) / alpha;
    }

    /// @return code SWAP_OK or a refusal; out the output; fee the fee taken from the input.
    function swap(uint256 inReserve, uint256 outReserve, uint256 amountIn, uint256 feeRate)
        internal
        pure
        returns (uint8 code, uint256 out, uint256 fee)
    {
        fee = (amountIn * feeRate) / U16;
        uint256 net = amountIn - fee;
        if (outReserve < MIN_RESERVE) return (RESERVE_TOO_SMALL, 0, fee);
        if (net > MAX_TRADE_RATIO * inReserve) return (TRADE_TOO_LARGE, 0, fee);
        out = (outReserve * net) / (inReserve + net);
        if (out == 0) return (ZERO_OUTPUT, 0, fee);
        return (SWAP_OK, out, fee);
    }

    function rootProportion(uint256 taoWeight, uint256 rootTao, uint256 issuance) internal pure returns (uint256) {
        uint256 num = taoWeight * rootTao;
        uint256 den = num + issuance * WAD;
        return den == 0 ? 0 : (num * WAD) / den;
    }

    /// @return taoIn TAO injected; alphaIn alpha injected; excess TAO for the chain buy.
    function injectionTerms(uint256 taoShare, uint256 price, uint256 rp, uint256 alphaEmission)
        internal
        pure
        returns (uint256 taoIn, uint256 alphaIn, uint256 excess)
    {
        uint256 cap = (rp * alphaEmission) / WAD;
        if (price == 0) return (0, cap, taoShare);
        uint256 uncapped = (taoShare * WAD) / price;
        if (uncapped <= cap) return (taoShare, uncapped, 0);
        taoIn = (cap * price) / WAD;
        return (taoIn, cap, taoShare - taoIn);
    }

    function updateEma(
        uint256 ema,
        uint256 price,
        uint256 blockNumber,
        uint256 firstEmissionBlock,
        uint256 movingAlpha,
        uint256 halvingBlocks
    ) internal pure returns (uint256) {
        if (blockNumber + 1 <= firstEmissionBlock) return ema;
        uint256 b = blockNumber + 1 - firstEmissionBlock;
        uint256 a = (movingAlpha * b) / (b + halvingBlocks);
        uint256 p = price < WAD ? price : WAD;
        return ((WAD - a) * ema + a * p) / WAD;
    }

    function lockCost(
        uint256 lastLock,
        uint256 minLock,
        uint256 reductionInterval,
        uint256 taoEmission,
        uint256 blocksSinceLast
    ) internal pure returns (uint256) {
        uint256 effective = (reductionInterval * taoEmission) / RAO;
        uint256 decay = effective == 0 ? 0 : (lastLock * blocksSinceLast) / effective;
        uint256 cost = 2 * lastLock > decay ? 2 * lastLock - decay : 0;
        return cost > minLock ? cost : minLock;
    }
}
