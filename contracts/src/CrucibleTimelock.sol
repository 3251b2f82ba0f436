// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title CrucibleTimelock
/// @notice OpenZeppelin's TimelockController as deployed for a run with governance: the Governor is
/// its only proposer (and canceller), anyone may execute a ready operation, and it administers
/// itself (no admin). It is GovernedSubnetRegistry's parameter admin.
/// Invariant: an operation runs only `getMinDelay()` seconds after it was scheduled (the session
/// mines one second per block, so the delay counts blocks).
contract CrucibleTimelock is TimelockController {
    constructor(uint256 minDelay, address governor)
        TimelockController(minDelay, _one(governor), _one(address(0)), address(0))
    {}

    function _one(address a) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }
}
