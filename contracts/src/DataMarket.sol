// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title DataMarket
/// @notice Data providers list shards of training data (a content hash and a posted price); buyers
/// pay in the token into escrow; the escrow is released to the provider (less the market fee) when
/// the buyer confirms a delivery whose hash matches the listing's content hash, which records the
/// buyer's licence on-chain; a purchase not confirmed within `deliveryWindow` blocks may be refunded
/// to the buyer.
/// Invariants:
/// - token.balanceOf(this) >= totalEscrow, and totalEscrow == sum of the amounts of Pending purchases.
/// - A purchase leaves Pending exactly once: Settled (amount - fee to the provider, fee to the
///   treasury, licence granted) or Refunded (amount to the buyer). Nothing else moves escrow.
/// - A buyer holds at most one Pending or Settled purchase per listing (no double payment).
/// Known limit (by design of a hash-only market): the buyer alone attests delivery, so a buyer who
/// received the data may still let the window lapse and take a refund. The simulation's honest
/// buyers confirm every matching delivery.
contract DataMarket is ReentrancyGuard {
    using SafeERC20 for IERC20;

    enum Status {
        None,
        Pending,
        Settled,
        Refunded
    }

    struct Listing {
        address provider;
        bytes32 contentHash;
        uint256 price;
        bool active;
    }

    struct Purchase {
        uint256 listingId;
        address buyer;
        uint256 amount;
        uint64 deadline;
        Status status;
    }

    /// @notice Largest fee, in basis points of the price.
    uint16 public constant MAX_FEE_BPS = 5_000;

    IERC20 public immutable token;
    address public immutable treasury;
    uint16 public immutable feeBps;
    uint64 public immutable deliveryWindow;

    uint256 public totalEscrow;
    Listing[] private _listings;
    Purchase[] private _purchases;
    /// @notice listing => buyer => licensed (set when a purchase of that listing settles).
    mapping(uint256 => mapping(address => bool)) public licensed;
    /// @notice listing => buyer => a Pending or Settled purchase exists.
    mapping(uint256 => mapping(address => bool)) public holds;
    /// @notice What each provider has been paid (fees excluded).
    mapping(address => uint256) public revenueOf;
    uint256 public totalFees;

    event Listed(uint256 indexed listingId, address indexed provider, bytes32 contentHash, uint256 price);
    event Delisted(uint256 indexed listingId);
    event Purchased(uint256 indexed purchaseId, uint256 indexed listingId, address indexed buyer, uint256 amount);
    event Settled(uint256 indexed purchaseId, uint256 providerAmount, uint256 fee);
    event Refunded(uint256 indexed purchaseId, uint256 amount);

    error FeeTooHigh(uint16 feeBps);
    error ZeroPrice();
    error ZeroHash();
    error NoSuchListing(uint256 listingId);
    error NoSuchPurchase(uint256 purchaseId);
    error NotProvider(address caller);
    error NotBuyer(address caller);
    error ListingInactive(uint256 listingId);
    error OwnListing(uint256 listingId);
    error AlreadyHolds(uint256 listingId, address buyer);
    error NotPending(uint256 purchaseId);
    error HashMismatch(bytes32 expected, bytes32 delivered);
    error WindowOpen(uint256 purchaseId, uint64 deadline);

    constructor(IERC20 token_, address treasury_, uint16 feeBps_, uint64 deliveryWindow_) {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        token = token_;
        treasury = treasury_;
        feeBps = feeBps_;
        deliveryWindow = deliveryWindow_;
    }

    /// @notice Lists a shard by its content hash at a posted price; the caller is its provider.
    function list(bytes32 contentHash, uint256 price) external returns (uint256 listingId) {
        if (price == 0) revert ZeroPrice();
        if (contentHash == bytes32(0)) revert ZeroHash();
        listingId = _listings.length;
        _listings.push(Listing(msg.sender, contentHash, price, true));
        emit Listed(listingId, msg.sender, contentHash, price);
    }

    /// @notice Withdraws a listing from sale (pending purchases still settle or refund). Only its provider.
    function delist(uint256 listingId) external {
        Listing storage l = _listing(listingId);
        if (msg.sender != l.provider) revert NotProvider(msg.sender);
        if (!l.active) revert ListingInactive(listingId);
        l.active = false;
        emit Delisted(listingId);
    }

    /// @notice Pays the listing's price into escrow (the caller must have approved it).
    function purchase(uint256 listingId) external nonReentrant returns (uint256 purchaseId) {
        Listing storage l = _listing(listingId);
        if (!l.active) revert ListingInactive(listingId);
        if (msg.sender == l.provider) revert OwnListing(listingId);
        if (holds[listingId][msg.sender]) revert AlreadyHolds(listingId, msg.sender);
        holds[listingId][msg.sender] = true;
        purchaseId = _purchases.length;
        uint64 deadline = uint64(block.number) + deliveryWindow;
        _purchases.push(Purchase(listingId, msg.sender, l.price, deadline, Status.Pending));
        totalEscrow += l.price;
        emit Purchased(purchaseId, listingId, msg.sender, l.price);
        token.safeTransferFrom(msg.sender, address(this), l.price);
    }

    /// @notice The buyer confirms delivery with the hash of what it received: when it matches the
    /// listing's content hash the escrow goes to the provider (less the fee) and the licence is
    /// recorded. Only the purchase's buyer, while Pending.
    function confirmDelivery(uint256 purchaseId, bytes32 deliveredHash) external nonReentrant {
        Purchase storage p = _purchase(purchaseId);
        if (msg.sender != p.buyer) revert NotBuyer(msg.sender);
        if (p.status != Status.Pending) revert NotPending(purchaseId);
        Listing storage l = _listings[p.listingId];
        if (deliveredHash != l.contentHash) revert HashMismatch(l.contentHash, deliveredHash);
        p.status = Status.Settled;
        licensed[p.listingId][p.buyer] = true;
        totalEscrow -= p.amount;
        uint256 fee = (p.amount * feeBps) / 10_000;
        uint256 toProvider = p.amount - fee;
        revenueOf[l.provider] += toProvider;
        totalFees += fee;
        emit Settled(purchaseId, toProvider, fee);
        if (toProvider > 0) token.safeTransfer(l.provider, toProvider);
        if (fee > 0) token.safeTransfer(treasury, fee);
    }

    /// @notice Returns an unconfirmed purchase's escrow to its buyer once the delivery window has
    /// passed. Only the buyer.
    function refund(uint256 purchaseId) external nonReentrant {
        Purchase storage p = _purchase(purchaseId);
        if (msg.sender != p.buyer) revert NotBuyer(msg.sender);
        if (p.status != Status.Pending) revert NotPending(purchaseId);
        if (block.number <= p.deadline) revert WindowOpen(purchaseId, p.deadline);
        p.status = Status.Refunded;
        holds[p.listingId][p.buyer] = false;
        totalEscrow -= p.amount;
        emit Refunded(purchaseId, p.amount);
        token.safeTransfer(p.buyer, p.amount);
    }

    function listingCount() external view returns (uint256) {
        return _listings.length;
    }

    function purchaseCount() external view returns (uint256) {
        return _purchases.length;
    }

    function listing(uint256 listingId) external view returns (Listing memory) {
        return _listing(listingId);
    }

    function purchaseOf(uint256 purchaseId) external view returns (Purchase memory) {
        return _purchase(purchaseId);
    }

    function _listing(uint256 listingId) private view returns (Listing storage) {
        if (listingId >= _listings.length) revert NoSuchListing(listingId);
        return _listings[listingId];
    }

    function _purchase(uint256 purchaseId) private view returns (Purchase storage) {
        if (purchaseId >= _purchases.length) revert NoSuchPurchase(purchaseId);
        return _purchases[purchaseId];
    }
}
