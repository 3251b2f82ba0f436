// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DtaoToken
/// @notice TAO (the root token) or one subnet's alpha: an ERC-20 with 9 decimals (1 token = 1e9
/// rao) that only the DtaoNetwork which deployed it mints and burns. Holders transfer freely.
contract DtaoToken is ERC20 {
    /// @notice The DtaoNetwork that deployed this token: the only minter and burner.
    address public immutable network;

    error NotNetwork();

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {
        network = msg.sender;
    }

    function decimals() public pure override returns (uint8) {
        return 9;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != network) revert NotNetwork();
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        if (msg.sender != network) revert NotNetwork();
        _burn(from, amount);
    }
}
