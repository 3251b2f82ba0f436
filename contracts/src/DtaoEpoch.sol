// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DtaoMath} from "./DtaoMath.sol";
import {DtaoState} from "./DtaoState.sol";

/// @title DtaoEpoch
/// @notice DtaoNetwork's epoch payout of the pending alpha, as distributeEpoch in
/// sim/protocol/dtaoDistribution.ts.
abstract contract DtaoEpoch is DtaoState {
    /// @notice Pays a subnet's pending alpha for its epoch (see distributeEpoch in
    /// sim/protocol/dtaoDistribution.ts): the owner cut to the owner; miners S·I/ΣI (the owner's own
    /// hotkeys withheld); validators V' by their alpha part of D and R by their root part.
    function distribute(
        uint256 netuid,
        address[] calldata miners,
        uint256[] calldata incentive,
        address[] calldata validators,
        uint256[] calldata dividends
    ) external onlyDriver {
        if (miners.length != incentive.length || validators.length != dividends.length) revert LengthMismatch();
        Subnet storage s = _subnet(netuid);
        // Validators' stakes are read before anything is paid.
        uint256[] memory pays = _validatorPays(s, validators, dividends, _sum(incentive) == 0);
        uint256 paid = _payMiners(s, miners, incentive) + _mintAll(s, validators, pays);
        if (s.pendingOwner > 0) s.alpha.mint(s.owner, s.pendingOwner);
        paid += s.pendingOwner;
        s.alphaOut -= s.pendingServer + s.pendingValidator + s.pendingRoot + s.pendingOwner - paid;
        s.pendingServer = 0;
        s.pendingValidator = 0;
        s.pendingRoot = 0;
        s.pendingOwner = 0;
    }

    /// V' = ΣI > 0 ? V : V + S by the alpha parts, and R by the root parts.
    function _validatorPays(
        Subnet storage s,
        address[] calldata validators,
        uint256[] calldata dividends,
        bool noIncentive
    ) internal view returns (uint256[] memory pays) {
        (uint256[] memory alphaPart, uint256[] memory rootPart, uint256 sumAlpha, uint256 sumRoot) =
            _parts(s, validators, dividends);
        uint256 vPrime = noIncentive ? s.pendingValidator + s.pendingServer : s.pendingValidator;
        pays = new uint256[](validators.length);
        for (uint256 h = 0; h < validators.length; h++) {
            pays[h] = (sumAlpha == 0 ? 0 : (vPrime * alphaPart[h]) / sumAlpha)
                + (sumRoot == 0 ? 0 : (s.pendingRoot * rootPart[h]) / sumRoot);
        }
    }

    function _mintAll(Subnet storage s, address[] calldata to, uint256[] memory amounts)
        internal
        returns (uint256 total)
    {
        for (uint256 h = 0; h < to.length; h++) {
            if (amounts[h] > 0) s.alpha.mint(to[h], amounts[h]);
            total += amounts[h];
        }
    }

    function _sum(uint256[] calldata x) internal pure returns (uint256 total) {
        for (uint256 i = 0; i < x.length; i++) total += x[i];
    }

    function _payMiners(Subnet storage s, address[] calldata miners, uint256[] calldata incentive)
        internal
        returns (uint256 paid)
    {
        uint256 sumI = _sum(incentive);
        uint256 burnedIncentive = 0;
        for (uint256 j = 0; j < miners.length; j++) {
            uint256 pay = sumI == 0 ? 0 : (s.pendingServer * incentive[j]) / sumI;
            if (miners[j] == s.owner) {
                burnedIncentive += incentive[j];
            } else {
                if (pay > 0) s.alpha.mint(miners[j], pay);
                paid += pay;
            }
        }
        s.minerBurned = sumI == 0 ? 0 : (burnedIncentive * DtaoMath.WAD) / sumI;
    }

    function _parts(Subnet storage s, address[] calldata validators, uint256[] calldata dividends)
        internal
        view
        returns (uint256[] memory alphaPart, uint256[] memory rootPart, uint256 sumAlpha, uint256 sumRoot)
    {
        alphaPart = new uint256[](validators.length);
        rootPart = new uint256[](validators.length);
        for (uint256 h = 0; h < validators.length; h++) {
            uint256 weighted = taoWeight * rootStake[validators[h]];
            uint256 den = s.alpha.balanceOf(validators[h]) * DtaoMath.WAD + weighted;
            uint256 r = den == 0 ? 0 : (weighted * DtaoMath.WAD) / den;
            rootPart[h] = (dividends[h] * r) / DtaoMath.WAD;
            alphaPart[h] = dividends[h] - rootPart[h];
            sumAlpha += alphaPart[h];
            sumRoot += rootPart[h];
        }
    }
}
