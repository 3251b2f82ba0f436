// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title CrucibleToken
/// @notice The network's reward token (ERC-20, 18 decimals).
/// Invariants:
/// - totalSupply() == totalMinted - totalBurned, and totalMinted <= cap, at every point.
/// - The constructor mints the genesis supply to one treasury; afterwards only `emission` (the
///   Emission contract) mints, through mint/mintBatch.
/// - Tokens leave supply only by burning: a holder burns its own (`burn`; Staking burns slashed
///   stake this way) or the registry burns a registration price from the registrant (`burnFrom`).
/// - `collect` moves tokens from a holder only into the calling protocol contract (Staking or
///   TaskMarket), never elsewhere, so staking and escrow are one transaction without an approve.
/// - Every privileged address is immutable: fixed at deployment, no setter, no owner.
contract CrucibleToken is ERC20 {
    /// @notice The only address allowed to mint (the Emission contract).
    address public immutable emission;
    /// @notice The only address allowed to burn from another holder (the SubnetRegistry).
    address public immutable registry;
    /// @notice Protocol contracts allowed to `collect` into themselves.
    address public immutable staking;
    address public immutable market;
    /// @notice Upper bound of totalMinted (genesis included).
    uint256 public immutable cap;
    /// @notice Tokens minted at construction, all to the treasury.
    uint256 public immutable genesisSupply;

    /// @notice Everything ever minted (genesis included) and everything ever burned.
    uint256 public totalMinted;
    uint256 public totalBurned;

    error NotMinter(address caller);
    error NotRegistry(address caller);
    error NotCollector(address caller);
    error CapExceeded(uint256 minted, uint256 cap);
    error LengthMismatch(uint256 recipients, uint256 amounts);

    constructor(
        address emission_,
        address registry_,
        address staking_,
        address market_,
        address treasury,
        uint256 genesisSupply_,
        uint256 cap_
    ) ERC20("Crucible", "CRU") {
        emission = emission_;
        registry = registry_;
        staking = staking_;
        market = market_;
        cap = cap_;
        genesisSupply = genesisSupply_;
        _mint(treasury, genesisSupply_);
    }

    /// @notice Mints `amount` to `to`. Only the Emission contract.
    function mint(address to, uint256 amount) external {
        if (msg.sender != emission) revert NotMinter(msg.sender);
        _mint(to, amount);
    }

    /// @notice Mints `amounts[i]` to `recipients[i]` for every i. Only the Emission contract.
    function mintBatch(address[] calldata recipients, uint256[] calldata amounts) external {
        if (msg.sender != emission) revert NotMinter(msg.sender);
        if (recipients.length != amounts.length) revert LengthMismatch(recipients.length, amounts.length);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @notice Burns `amount` of the caller's tokens.
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    /// @notice Burns `amount` of `from`'s tokens (a registration price). Only the registry.
    function burnFrom(address from, uint256 amount) external {
        if (msg.sender != registry) revert NotRegistry(msg.sender);
        _burn(from, amount);
    }

    /// @notice Moves `amount` from `from` into the caller. Only Staking and TaskMarket.
    function collect(address from, uint256 amount) external {
        if (msg.sender != staking && msg.sender != market) revert NotCollector(msg.sender);
        _transfer(from, msg.sender, amount);
    }

    /// @notice Transfers `amounts[i]` of the caller's tokens to `recipients[i]` for every i.
    function transferBatch(address[] calldata recipients, uint256[] calldata amounts) external {
        if (recipients.length != amounts.length) revert LengthMismatch(recipients.length, amounts.length);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _transfer(msg.sender, recipients[i], amounts[i]);
        }
    }

    /// @notice Balances of many accounts in one call.
    function balancesOf(address[] calldata accounts) external view returns (uint256[] memory balances) {
        balances = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            balances[i] = balanceOf(accounts[i]);
        }
    }

    /// @dev Keeps totalMinted / totalBurned in step with every mint and burn, and enforces the cap.
    function _update(address from, address to, uint256 value) internal virtual override {
        if (from == address(0)) {
            uint256 minted = totalMinted + value;
            if (minted > cap) revert CapExceeded(minted, cap);
            totalMinted = minted;
        } else if (to == address(0)) {
            totalBurned += value;
        }
        super._update(from, to, value);
    }
}
