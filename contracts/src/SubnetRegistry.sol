// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CrucibleToken} from "./CrucibleToken.sol";
import {RegistrationPrice} from "./RegistrationPrice.sol";

/// @notice A subnet's owner and hyperparameters, fixed when the subnet is created.
struct SubnetParams {
    address owner;
    /// Nominal blocks per epoch (informational: the epoch driver opens epochs).
    uint32 tempo;
    uint16 maxUids;
    /// Most validator permits the driver may hand out at once.
    uint16 maxValidators;
    uint16 revealDelayEpochs;
    /// A weight row must name at least min(minAllowedWeights, registered UIDs) UIDs.
    uint16 minAllowedWeights;
    /// Emission split in basis points; ownerBps + minerBps + validatorBps == 10_000.
    uint16 ownerBps;
    uint16 minerBps;
    uint16 validatorBps;
    /// Share of a pool's stake burned by one slash, in basis points (< 10_000).
    uint16 slashBps;
    /// Blocks after registration during which a UID cannot be pruned.
    uint64 immunityPeriod;
    /// Registration price half-life in blocks (0: no decay).
    uint64 burnHalfLife;
    /// Price multiplier applied after each registration, in basis points (12_600 = ×1.26).
    uint32 burnIncreaseBps;
    uint128 minBurn;
    uint128 maxBurn;
    uint128 initialBurn;
}

/// @title SubnetRegistry
/// @notice Subnets and their UIDs. Registering burns the subnet's current registration price; a full
/// subnet replaces its non-immune UID with the lowest emission (ties: oldest, then lowest uid).
/// Invariants:
/// - Per subnet, UIDs are dense (0 .. count-1), count <= maxUids, and each UID has one hotkey.
/// - No address holds two UIDs in a subnet: uidOf(netuid, hotkeyOf(netuid, uid)) == uid for every
///   registered UID, and a replaced hotkey holds none.
/// - A registration burns exactly the price it reports (never above the caller's maxPrice); the
///   price after it is clamp(price · burnIncreaseBps / 10_000, minBurn, maxBurn).
/// - A UID is only ever replaced once not immune (block.number - registeredAt >= immunityPeriod).
/// - Only the governance address creates subnets; only the Emission contract records emission.
contract SubnetRegistry {
    using RegistrationPrice for uint256;

    struct Neuron {
        uint64 registeredAt;
        uint128 emission; // last epoch's emission, for pruning
    }

    struct Subnet {
        SubnetParams params;
        uint128 burnPrice; // price after the last registration
        uint64 burnBlock; // block of the last registration (or creation)
        address[] hotkeys;
        Neuron[] neurons;
    }

    CrucibleToken public immutable token;
    address public immutable emission;
    address public immutable governance;

    Subnet[] internal _subnets;
    /// @dev netuid => hotkey => UID + 1 (0: not registered).
    mapping(uint16 => mapping(address => uint256)) private _uidPlusOne;

    event SubnetCreated(uint16 indexed netuid, address indexed owner, SubnetParams params);
    event Registered(uint16 indexed netuid, uint16 indexed uid, address indexed hotkey, uint256 price);
    event Deregistered(uint16 indexed netuid, uint16 indexed uid, address indexed hotkey, uint128 emission);
    event EmissionRecorded(uint16 indexed netuid, uint256 uids);

    error NotGovernance(address caller);
    error NotEmission(address caller);
    error InvalidParams(string reason);
    error NoSuchSubnet(uint16 netuid);
    error AlreadyRegistered(address hotkey, uint16 uid);
    error PriceAboveMax(uint256 price, uint256 maxPrice);
    error AllUidsImmune(uint16 netuid);
    error NotRegistered(address hotkey);
    error UidOutOfRange(uint16 uid, uint16 count);
    error LengthMismatch(uint256 got, uint256 expected);

    constructor(CrucibleToken token_, address emission_, address governance_) {
        token = token_;
        emission = emission_;
        governance = governance_;
    }

    /// @notice Creates a subnet with `p` and returns its netuid (0, 1, 2, ...). Only governance.
    function createSubnet(SubnetParams calldata p) external returns (uint16 netuid) {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        if (p.maxUids == 0) revert InvalidParams("maxUids");
        if (p.maxValidators == 0) revert InvalidParams("maxValidators");
        if (uint256(p.ownerBps) + p.minerBps + p.validatorBps != 10_000) revert InvalidParams("split");
        if (p.slashBps >= 10_000) revert InvalidParams("slashBps");
        if (p.revealDelayEpochs > 100) revert InvalidParams("revealDelayEpochs");
        if (p.minBurn > p.maxBurn || p.initialBurn < p.minBurn || p.initialBurn > p.maxBurn) {
            revert InvalidParams("burn bounds");
        }
        if (_subnets.length >= type(uint16).max) revert InvalidParams("too many subnets");
        netuid = uint16(_subnets.length);
        Subnet storage s = _subnets.push();
        s.params = p;
        s.burnPrice = p.initialBurn;
        s.burnBlock = uint64(block.number);
        emit SubnetCreated(netuid, p.owner, p);
    }

    /// @notice Registers the caller in `netuid`, burning the current price (at most `maxPrice`).
    /// When the subnet is full the prune candidate is replaced. Returns the caller's UID.
    function register(uint16 netuid, uint256 maxPrice) external returns (uint16 uid) {
        Subnet storage s = _subnet(netuid);
        uint256 existing = _uidPlusOne[netuid][msg.sender];
        if (existing != 0) revert AlreadyRegistered(msg.sender, uint16(existing - 1));
        uint256 price = _currentPrice(s);
        if (price > maxPrice) revert PriceAboveMax(price, maxPrice);

        // Effects.
        s.burnPrice = uint128((price * s.params.burnIncreaseBps / 10_000).clamp(s.params.minBurn, s.params.maxBurn));
        s.burnBlock = uint64(block.number);
        uint256 registered = s.hotkeys.length;
        if (registered < s.params.maxUids) {
            uid = uint16(registered);
            s.hotkeys.push(msg.sender);
            s.neurons.push(Neuron(uint64(block.number), 0));
        } else {
            (bool found, uint16 victim) = _pruneCandidate(s);
            if (!found) revert AllUidsImmune(netuid);
            uid = victim;
            address old = s.hotkeys[uid];
            emit Deregistered(netuid, uid, old, s.neurons[uid].emission);
            delete _uidPlusOne[netuid][old];
            s.hotkeys[uid] = msg.sender;
            s.neurons[uid] = Neuron(uint64(block.number), 0);
        }
        _uidPlusOne[netuid][msg.sender] = uint256(uid) + 1;
        emit Registered(netuid, uid, msg.sender, price);

        // Interaction: reverts (ERC20InsufficientBalance) and undoes everything if the caller is short.
        if (price > 0) token.burnFrom(msg.sender, price);
    }

    /// @notice Records each UID's emission of the epoch just paid (pruning reads it). Only Emission.
    function recordEmission(uint16 netuid, uint256[] calldata perUid) external {
        if (msg.sender != emission) revert NotEmission(msg.sender);
        Subnet storage s = _subnet(netuid);
        if (perUid.length != s.neurons.length) revert LengthMismatch(perUid.length, s.neurons.length);
        for (uint256 i = 0; i < perUid.length; ++i) {
            s.neurons[i].emission = SafeCast.toUint128(perUid[i]);
        }
        emit EmissionRecorded(netuid, perUid.length);
    }

    // ----- views -----

    function subnetCount() external view returns (uint16) {
        return uint16(_subnets.length);
    }

    function params(uint16 netuid) external view returns (SubnetParams memory) {
        return _subnet(netuid).params;
    }

    function ownerOf(uint16 netuid) external view returns (address) {
        return _subnet(netuid).params.owner;
    }

    /// @notice The price a registration in this block would burn now.
    function registrationPrice(uint16 netuid) external view returns (uint256) {
        return _currentPrice(_subnet(netuid));
    }

    function count(uint16 netuid) external view returns (uint16) {
        return uint16(_subnet(netuid).hotkeys.length);
    }

    /// @notice The UID of `hotkey` in `netuid`; reverts with NotRegistered if it has none.
    function uidOf(uint16 netuid, address hotkey) external view returns (uint16) {
        uint256 plusOne = _uidPlusOne[netuid][hotkey];
        if (plusOne == 0) revert NotRegistered(hotkey);
        return uint16(plusOne - 1);
    }

    /// @notice Whether `hotkey` holds a UID in `netuid`, and which (0 when none).
    function lookup(uint16 netuid, address hotkey) external view returns (bool registered, uint16 uid) {
        uint256 plusOne = _uidPlusOne[netuid][hotkey];
        if (plusOne == 0) return (false, 0);
        return (true, uint16(plusOne - 1));
    }

    /// @notice The hotkey holding `uid`; reverts with UidOutOfRange past the last UID.
    function hotkeyOf(uint16 netuid, uint16 uid) external view returns (address) {
        Subnet storage s = _subnet(netuid);
        if (uid >= s.hotkeys.length) revert UidOutOfRange(uid, uint16(s.hotkeys.length));
        return s.hotkeys[uid];
    }

    /// @notice The hotkey holding `uid` and the block it registered in.
    function neuronOf(uint16 netuid, uint16 uid) external view returns (address hotkey, uint64 registeredAt) {
        Subnet storage s = _subnet(netuid);
        if (uid >= s.hotkeys.length) revert UidOutOfRange(uid, uint16(s.hotkeys.length));
        return (s.hotkeys[uid], s.neurons[uid].registeredAt);
    }

    function hotkeys(uint16 netuid) external view returns (address[] memory) {
        return _subnet(netuid).hotkeys;
    }

    /// @notice Every UID's hotkey, registration block and last recorded emission, indexed by UID.
    function registrations(uint16 netuid)
        external
        view
        returns (address[] memory keys, uint64[] memory registeredAt, uint128[] memory emissions)
    {
        Subnet storage s = _subnet(netuid);
        uint256 n = s.neurons.length;
        keys = s.hotkeys;
        registeredAt = new uint64[](n);
        emissions = new uint128[](n);
        for (uint256 i = 0; i < n; ++i) {
            registeredAt[i] = s.neurons[i].registeredAt;
            emissions[i] = s.neurons[i].emission;
        }
    }

    function isImmune(uint16 netuid, uint16 uid) external view returns (bool) {
        Subnet storage s = _subnet(netuid);
        if (uid >= s.neurons.length) revert UidOutOfRange(uid, uint16(s.neurons.length));
        return block.number - s.neurons[uid].registeredAt < s.params.immunityPeriod;
    }

    /// @notice The UID a registration would replace now (found is false while none is prunable).
    function pruneCandidate(uint16 netuid) external view returns (bool found, uint16 uid) {
        return _pruneCandidate(_subnet(netuid));
    }

    // ----- internals -----

    function _subnet(uint16 netuid) internal view returns (Subnet storage) {
        if (netuid >= _subnets.length) revert NoSuchSubnet(netuid);
        return _subnets[netuid];
    }

    function _currentPrice(Subnet storage s) private view returns (uint256) {
        uint256 decayed = uint256(s.burnPrice).decay(block.number - s.burnBlock, s.params.burnHalfLife);
        return decayed.clamp(s.params.minBurn, s.params.maxBurn);
    }

    /// @dev Lowest emission among non-immune UIDs; ties: earliest registration, then lowest uid.
    function _pruneCandidate(Subnet storage s) private view returns (bool found, uint16 uid) {
        uint256 n = s.neurons.length;
        uint256 immunity = s.params.immunityPeriod;
        uint256 bestEmission;
        uint256 bestBlock;
        for (uint256 i = 0; i < n; ++i) {
            Neuron memory neuron = s.neurons[i];
            if (block.number - neuron.registeredAt < immunity) continue;
            if (
                !found || neuron.emission < bestEmission
                    || (neuron.emission == bestEmission && neuron.registeredAt < bestBlock)
            ) {
                found = true;
                uid = uint16(i);
                bestEmission = neuron.emission;
                bestBlock = neuron.registeredAt;
            }
        }
    }
}
