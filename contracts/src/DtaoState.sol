// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DtaoMath} from "./DtaoMath.sol";
import {DtaoToken} from "./DtaoToken.sol";

/// @title DtaoState
/// @notice DtaoNetwork's parameters, storage, errors and checks (see DtaoNetwork.sol).
abstract contract DtaoState {
    struct Params {
        uint256 taoWeight;
        uint256 movingAlpha;
        uint256 emaHalvingBlocks;
        uint256 feeRate;
        uint256 ownerCut;
        uint256 minLock;
        uint256 lockReductionInterval;
        uint256 subnetLimit;
    }

    struct Subnet {
        uint256 tao;
        uint256 alphaIn;
        uint256 alphaOut;
        uint256 protocolAlpha;
        uint256 ema;
        uint256 minerBurned;
        uint256 ownerCut;
        uint256 firstEmissionBlock;
        uint256 pendingServer;
        uint256 pendingValidator;
        uint256 pendingRoot;
        uint256 pendingOwner;
        bool emissionEnabled;
        address owner;
        DtaoToken alpha;
    }

    address public immutable driver;
    DtaoToken public immutable tao;
    uint256 public immutable taoWeight;
    uint256 public immutable movingAlpha;
    uint256 public immutable emaHalvingBlocks;
    uint256 public immutable feeRate;
    uint256 public immutable ownerCut;
    uint256 public immutable minLock;
    uint256 public immutable lockReductionInterval;
    uint256 public immutable subnetLimit;

    Subnet[] internal subnets;
    mapping(address => uint256) public rootStake;
    uint256 public rootTao;
    uint256 public totalIssuance;
    uint256 public blockNumber;
    uint256 public lastLock;
    uint256 public lastRegistrationBlock;

    error NotDriver();
    error UnknownSubnet();
    error SubnetLimitReached();
    error LockAboveLimit();
    error InsufficientBalance();
    error StakeTooSmall();
    error UnstakeTooSmall();
    error ZeroAmount();
    error LengthMismatch();
    error GenesisClosed();
    error ReserveTooSmall();
    error TradeTooLarge();
    error ZeroOutput();

    event SubnetRegistered(uint256 indexed netuid, address indexed owner, uint256 lock, address alpha);
    event Staked(uint256 indexed netuid, address indexed who, uint256 taoIn, uint256 alphaOut, uint256 fee);
    event Unstaked(uint256 indexed netuid, address indexed who, uint256 alphaIn, uint256 taoOut, uint256 fee);

    constructor(address driver_, Params memory p) {
        driver = driver_;
        taoWeight = p.taoWeight;
        movingAlpha = p.movingAlpha;
        emaHalvingBlocks = p.emaHalvingBlocks;
        feeRate = p.feeRate;
        ownerCut = p.ownerCut;
        minLock = p.minLock;
        lockReductionInterval = p.lockReductionInterval;
        subnetLimit = p.subnetLimit;
        lastLock = p.minLock / 2;
        tao = new DtaoToken("TAO", "TAO");
    }

    /// @notice The genesis allocation, in as many calls as it takes, before any subnet or block.
    function genesis(address[] calldata to, uint256[] calldata amounts) external onlyDriver {
        if (to.length != amounts.length) revert LengthMismatch();
        if (blockNumber != 0 || subnets.length != 0) revert GenesisClosed();
        for (uint256 i = 0; i < to.length; i++) {
            tao.mint(to[i], amounts[i]);
            totalIssuance += amounts[i];
        }
    }

    modifier onlyDriver() {
        if (msg.sender != driver) revert NotDriver();
        _;
    }

    function _subnet(uint256 netuid) internal view returns (Subnet storage) {
        if (netuid == 0 || netuid > subnets.length) revert UnknownSubnet();
        return subnets[netuid - 1];
    }

    function _revertSwap(uint8 code) internal pure {
        if (code == DtaoMath.RESERVE_TOO_SMALL) revert ReserveTooSmall();
        if (code == DtaoMath.TRADE_TOO_LARGE) revert TradeTooLarge();
        revert ZeroOutput();
    }

}
