// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DtaoMath} from "./DtaoMath.sol";
import {DtaoState} from "./DtaoState.sol";

/// @title DtaoCoinbase
/// @notice DtaoNetwork's block emission: run_coinbase and the EMA update, block by block, as
/// runBlock in sim/protocol/dtaoCoinbase.ts.
abstract contract DtaoCoinbase is DtaoState {
    /// @notice Runs `blocks` blocks of coinbase (runBlock in sim/protocol/dtaoCoinbase.ts).
    function runBlocks(uint256 blocks) external onlyDriver {
        uint256 n = subnets.length;
        Subnet[] memory m = new Subnet[](n);
        for (uint256 i = 0; i < n; i++) m[i] = subnets[i];
        uint256 issuance = totalIssuance;
        uint256 b = blockNumber;
        for (uint256 k = 0; k < blocks; k++) {
            issuance += _coinbase(m, issuance);
            for (uint256 i = 0; i < n; i++) {
                m[i].ema = DtaoMath.updateEma(
                    m[i].ema,
                    DtaoMath.spotPrice(m[i].tao, m[i].alphaIn),
                    b,
                    m[i].firstEmissionBlock,
                    movingAlpha,
                    emaHalvingBlocks
                );
            }
            b++;
        }
        for (uint256 i = 0; i < n; i++) subnets[i] = m[i];
        totalIssuance = issuance;
        blockNumber = b;
    }

    /// One block's run_coinbase over every subnet (in memory); returns the TAO minted into pools.
    function _coinbase(Subnet[] memory m, uint256 issuance) internal view returns (uint256 minted) {
        uint256 n = m.length;
        uint256 emission = DtaoMath.blockEmission(issuance);
        uint256[] memory w = new uint256[](n);
        uint256 sumW = 0;
        uint256 sumEma = 0;
        for (uint256 i = 0; i < n; i++) {
            sumEma += m[i].ema;
            w[i] = m[i].emissionEnabled ? (m[i].ema * (DtaoMath.WAD - m[i].minerBurned)) / DtaoMath.WAD : 0;
            sumW += w[i];
        }
        if (sumW == 0) {
            for (uint256 i = 0; i < n; i++) {
                w[i] = m[i].emissionEnabled ? m[i].ema : 0;
                sumW += w[i];
            }
        }
        bool rootSell = sumEma > DtaoMath.WAD;
        for (uint256 i = 0; i < n; i++) {
            uint256 share = sumW == 0 ? 0 : (w[i] * DtaoMath.WAD) / sumW;
            minted += _emitTo(m[i], (emission * share) / DtaoMath.WAD, rootSell);
        }
    }

    function _emitTo(Subnet memory s, uint256 taoShare, bool rootSell) internal view returns (uint256 minted) {
        uint256 issued = s.alphaIn + s.alphaOut;
        uint256 a = DtaoMath.blockEmission(issued);
        uint256 rp = DtaoMath.rootProportion(taoWeight, rootTao, issued);
        (uint256 taoIn, uint256 alphaIn, uint256 excess) =
            DtaoMath.injectionTerms(taoShare, DtaoMath.spotPrice(s.tao, s.alphaIn), rp, a);
        if (excess > 0) {
            (uint8 code, uint256 bought,) = DtaoMath.swap(s.tao, s.alphaIn, excess, 0);
            if (code == DtaoMath.SWAP_OK) {
                s.tao += excess;
                s.alphaIn -= bought;
                s.alphaOut += bought;
                s.protocolAlpha += bought;
                minted += excess;
            }
        }
        s.tao += taoIn;
        s.alphaIn += alphaIn;
        minted += taoIn;
        s.alphaOut += a;
        uint256 rpAfter = DtaoMath.rootProportion(taoWeight, rootTao, s.alphaIn + s.alphaOut);
        uint256 cut = (a * s.ownerCut) / DtaoMath.U16;
        uint256 rest = a - cut;
        uint256 root = (rpAfter * rest) / (2 * DtaoMath.WAD);
        uint256 server = rest / 2;
        s.pendingOwner += cut;
        s.pendingServer += server;
        s.pendingValidator += rest - server - root;
        if (rootSell) s.pendingRoot += root;
        else s.alphaOut -= root;
    }

}
