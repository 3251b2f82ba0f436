// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title CrucibleToken
/// @notice The subnet's reward token.
/// Invariants:
/// - The constructor mints the whole genesis supply to one treasury (the deployer distributes it with
///   transferBatch); afterwards supply grows only through `mint`/`mintBatch`, callable only by
///   `minter` (the Emission contract), so totalSupply == genesisSupply + everything Emission paid.
/// - `minter` and `staking` are immutable: fixed at deployment, no setter, no owner.
/// - `stakeFrom` lets the Staking contract move tokens only from a holder into the Staking contract
///   itself (never elsewhere), so staking is one transaction without a prior approve.
contract CrucibleToken is ERC20 {
    /// @notice The only address allowed to mint (the Emission contract).
    address public immutable minter;
    /// @notice The only address allowed to call `stakeFrom` (the Staking contract).
    address public immutable staking;

    error NotMinter(address caller);
    error NotStaking(address caller);
    error LengthMismatch(uint256 recipients, uint256 amounts);

    /// @notice Tokens minted at construction, all to the treasury.
    uint256 public immutable genesisSupply;

    constructor(address minter_, address staking_, address treasury, uint256 genesisSupply_) ERC20("Crucible", "CRU") {
        minter = minter_;
        staking = staking_;
        genesisSupply = genesisSupply_;
        _mint(treasury, genesisSupply_);
    }

    /// @notice Mints `amount` to `to`. Only the minter.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _mint(to, amount);
    }

    /// @notice Mints `amounts[i]` to `recipients[i]` for every i. Only the minter.
    function mintBatch(address[] calldata recipients, uint256[] calldata amounts) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        if (recipients.length != amounts.length) revert LengthMismatch(recipients.length, amounts.length);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /// @notice Transfers `amounts[i]` of the caller's tokens to `recipients[i]` for every i.
    function transferBatch(address[] calldata recipients, uint256[] calldata amounts) external {
        if (recipients.length != amounts.length) revert LengthMismatch(recipients.length, amounts.length);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _transfer(msg.sender, recipients[i], amounts[i]);
        }
    }

    /// @notice Moves `amount` from `from` into the Staking contract. Only the Staking contract.
    function stakeFrom(address from, uint256 amount) external {
        if (msg.sender != staking) revert NotStaking(msg.sender);
        _transfer(from, staking, amount);
    }

    /// @notice Balances of many accounts in one call.
    function balancesOf(address[] calldata accounts) external view returns (uint256[] memory balances) {
        balances = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            balances[i] = balanceOf(accounts[i]);
        }
    }
}
