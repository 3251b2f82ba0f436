// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DtaoCoinbase} from "./DtaoCoinbase.sol";
import {DtaoEpoch} from "./DtaoEpoch.sol";
import {DtaoMath} from "./DtaoMath.sol";
import {DtaoState} from "./DtaoState.sol";
import {DtaoToken} from "./DtaoToken.sol";

/// @title DtaoNetwork
/// @notice The dynamic-TAO economy (../shared/reference/dtao.md): TAO (the root token), one alpha
/// token and one TAO↔alpha pool per subnet, stake in and out through the pool, root stake, subnet
/// registration at the lock cost (the lock seeds the pool at the median price), and the block
/// emission split across subnets by EMA price with TAO and alpha injected into the pools, excess TAO
/// spent on chain buys, and alpha accumulated for owner, miners, validators and root, paid by
/// `distribute` each epoch. Mirrored by sim/protocol/memory/dtaoMemoryNetwork.ts (differential test).
/// Its block counter is its own (`blockNumber`, advanced by `runBlocks`), not the EVM's.
/// Invariants:
/// - totalIssuance == tao.totalSupply() + rootTao + Σ subnet.tao (TAO is minted only into pools).
/// - subnet.alphaOut == alpha.totalSupply() + protocolAlpha + the four pending accumulators.
/// - A swap never lowers x·y; fees are burned (no block author).
contract DtaoNetwork is DtaoCoinbase, DtaoEpoch {
    constructor(address driver_, Params memory p) DtaoState(driver_, p) {}

    // ----------------------------------------------------------------------------------- reads

    function subnetCount() external view returns (uint256) {
        return subnets.length;
    }

    function subnet(uint256 netuid) external view returns (Subnet memory) {
        return _subnet(netuid);
    }

    function spotPrice(uint256 netuid) public view returns (uint256) {
        Subnet storage s = _subnet(netuid);
        return DtaoMath.spotPrice(s.tao, s.alphaIn);
    }

    function alphaOf(uint256 netuid, address who) external view returns (uint256) {
        return _subnet(netuid).alpha.balanceOf(who);
    }

    /// @notice What registering a subnet costs now.
    function lockCost() public view returns (uint256) {
        return DtaoMath.lockCost(
            lastLock,
            minLock,
            lockReductionInterval,
            DtaoMath.blockEmission(totalIssuance),
            blockNumber - lastRegistrationBlock
        );
    }

    /// @notice The median spot price of the subnets (1.0 when there are none).
    function medianPrice() public view returns (uint256) {
        uint256 n = subnets.length;
        if (n == 0) return DtaoMath.WAD;
        uint256[] memory p = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            uint256 v = DtaoMath.spotPrice(subnets[i].tao, subnets[i].alphaIn);
            uint256 j = i;
            while (j > 0 && p[j - 1] > v) {
                p[j] = p[j - 1];
                j--;
            }
            p[j] = v;
        }
        uint256 m = n % 2 == 1 ? p[n / 2] : (p[n / 2 - 1] + p[n / 2]) / 2;
        return m == 0 ? DtaoMath.WAD : m;
    }

    // ---------------------------------------------------------------------------------- writes

    /// @notice Registers a subnet for the lock cost (at most `maxLock`): the lock is burned from the
    /// caller and seeds the pool at the median price; the caller owns the subnet.
    function registerSubnet(uint256 maxLock) external returns (uint256 netuid) {
        if (subnets.length >= subnetLimit) revert SubnetLimitReached();
        uint256 cost = lockCost();
        if (cost > maxLock) revert LockAboveLimit();
        if (tao.balanceOf(msg.sender) < cost) revert InsufficientBalance();
        uint256 price = medianPrice();
        tao.burn(msg.sender, cost);
        netuid = subnets.length + 1;
        Subnet storage s = subnets.push();
        s.tao = cost;
        s.alphaIn = (cost * DtaoMath.WAD) / price;
        s.ownerCut = ownerCut;
        s.firstEmissionBlock = blockNumber + 1;
        s.emissionEnabled = true;
        s.owner = msg.sender;
        s.alpha = new DtaoToken("alpha", "ALPHA");
        lastLock = cost;
        lastRegistrationBlock = blockNumber;
        emit SubnetRegistered(netuid, msg.sender, cost, address(s.alpha));
    }

    /// @notice Stakes `taoIn` TAO into subnet `netuid`: swapped for alpha through the pool (fee burned).
    function stake(uint256 netuid, uint256 taoIn) external {
        Subnet storage s = _subnet(netuid);
        uint256 fee = (taoIn * feeRate) / DtaoMath.U16;
        if (taoIn < DtaoMath.MIN_STAKE + fee) revert StakeTooSmall();
        if (tao.balanceOf(msg.sender) < taoIn) revert InsufficientBalance();
        (uint8 code, uint256 out,) = DtaoMath.swap(s.tao, s.alphaIn, taoIn, feeRate);
        if (code != DtaoMath.SWAP_OK) _revertSwap(code);
        tao.burn(msg.sender, taoIn);
        s.tao += taoIn - fee;
        s.alphaIn -= out;
        s.alphaOut += out;
        totalIssuance -= fee;
        s.alpha.mint(msg.sender, out);
        emit Staked(netuid, msg.sender, taoIn, out, fee);
    }

    /// @notice Unstakes `alphaIn` alpha from subnet `netuid`: sold through the pool for TAO (the fee,
    /// in alpha, is burned). The TAO out must be ≥ 0.002 unless the whole position is closed.
    function unstake(uint256 netuid, uint256 alphaIn) external {
        Subnet storage s = _subnet(netuid);
        if (alphaIn == 0) revert ZeroAmount();
        uint256 held = s.alpha.balanceOf(msg.sender);
        if (held < alphaIn) revert InsufficientBalance();
        (uint8 code, uint256 out, uint256 fee) = DtaoMath.swap(s.alphaIn, s.tao, alphaIn, feeRate);
        if (code != DtaoMath.SWAP_OK) _revertSwap(code);
        if (out < DtaoMath.MIN_STAKE && alphaIn != held) revert UnstakeTooSmall();
        s.alpha.burn(msg.sender, alphaIn);
        s.alphaIn += alphaIn - fee;
        s.alphaOut -= alphaIn;
        s.tao -= out;
        tao.mint(msg.sender, out);
        emit Unstaked(netuid, msg.sender, alphaIn, out, fee);
    }

    /// @notice Stakes TAO on root (netuid 0): 1:1, no fee.
    function stakeRoot(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (tao.balanceOf(msg.sender) < amount) revert InsufficientBalance();
        tao.burn(msg.sender, amount);
        rootStake[msg.sender] += amount;
        rootTao += amount;
    }

    function unstakeRoot(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (rootStake[msg.sender] < amount) revert InsufficientBalance();
        rootStake[msg.sender] -= amount;
        rootTao -= amount;
        tao.mint(msg.sender, amount);
    }

    /// @notice Governance: turns a subnet's TAO emission on or off (it still mints alpha).
    function setEmissionEnabled(uint256 netuid, bool enabled) external onlyDriver {
        _subnet(netuid).emissionEnabled = enabled;
    }

}
