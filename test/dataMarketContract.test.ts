import { keccak256, parseEther, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataMarketCall, DataMarketSession } from "../sim/protocol/dataMarketPort.ts";
import {
  type DataMarketFixture,
  MARKET_FEE_BPS,
  MARKET_WINDOW,
  startDataMarketFixture,
} from "./fixtures/chain/dataMarketFixture.ts";

/**
 * DataMarket.sol on a real Anvil, and the same expectations on its in-memory twin: escrow on purchase,
 * release on a matching delivery hash (fee to the treasury, licence recorded), the refund path after
 * the delivery window, access control, and every revert by name.
 */
let f: DataMarketFixture;
beforeAll(async () => {
  f = await startDataMarketFixture();
});
afterAll(async () => f?.stop());

const HASH_A = keccak256(toHex("shard A"));
const HASH_B = keccak256(toHex("shard B"));
const ZERO = `0x${"0".repeat(64)}` as const;
const PRICE = parseEther("10");
const FEE = (PRICE * BigInt(MARKET_FEE_BPS)) / 10_000n;

const errors = async (s: DataMarketSession, calls: DataMarketCall[]) =>
  (await s.submit(calls)).outcomes.map((o) => o.error ?? o.status);

describe.each(["anvil", "memory"] as const)("DataMarket (%s)", (backend) => {
  const session = () => f[backend];

  it("escrows a purchase and releases it, less the fee, on a matching delivery hash", async () => {
    const s = session();
    const [provider, buyer] = f.agents.map((a) => a.address);
    const before = await s.readBalances([provider, buyer, f.treasury.address]);
    expect(
      await errors(s, [
        { kind: "list", from: provider, contentHash: HASH_A, price: PRICE },
        { kind: "approve", from: buyer, amount: PRICE },
        { kind: "purchase", from: buyer, listingId: 0 },
      ]),
    ).toEqual(["success", "success", "success"]);
    let state = await s.readState();
    expect(state.totalEscrow).toBe(PRICE);
    expect(state.marketBalance).toBe(PRICE);
    expect(state.purchases[0]).toMatchObject({ listingId: 0, amount: PRICE, status: "pending" });
    expect(await s.isLicensed(0, buyer)).toBe(false);
    // A delivery whose hash differs from the listing's settles nothing.
    expect(
      await errors(s, [{ kind: "confirmDelivery", from: buyer, purchaseId: 0, deliveredHash: HASH_B }]),
    ).toEqual(["HashMismatch"]);
    expect(
      await errors(s, [{ kind: "confirmDelivery", from: buyer, purchaseId: 0, deliveredHash: HASH_A }]),
    ).toEqual(["success"]);
    state = await s.readState();
    expect(state.totalEscrow).toBe(0n);
    expect(state.marketBalance).toBe(0n);
    expect(state.totalFees).toBe(FEE);
    expect(state.purchases[0].status).toBe("settled");
    expect(await s.isLicensed(0, buyer)).toBe(true);
    const after = await s.readBalances([provider, buyer, f.treasury.address]);
    expect(after[0] - before[0]).toBe(PRICE - FEE);
    expect(before[1] - after[1]).toBe(PRICE);
    expect(after[2] - before[2]).toBe(FEE);
    expect(await s.readRevenue([provider])).toEqual([PRICE - FEE]);
    // Settled once: no second confirmation, no refund, no second purchase of the same listing.
    expect(
      await errors(s, [
        { kind: "confirmDelivery", from: buyer, purchaseId: 0, deliveredHash: HASH_A },
        { kind: "refund", from: buyer, purchaseId: 0 },
        { kind: "approve", from: buyer, amount: PRICE },
        { kind: "purchase", from: buyer, listingId: 0 },
      ]),
    ).toEqual(["NotPending", "NotPending", "success", "AlreadyHolds"]);
  });

  it("refunds an unconfirmed purchase to its buyer only after the delivery window", async () => {
    const s = session();
    const [provider, , buyer] = f.agents.map((a) => a.address);
    const [start] = await s.readBalances([buyer]);
    await s.submit([{ kind: "list", from: provider, contentHash: HASH_B, price: PRICE }]);
    const listingId = (await s.readState()).listings.length - 1;
    const bought = await s.submit([
      { kind: "approve", from: buyer, amount: PRICE },
      { kind: "purchase", from: buyer, listingId },
    ]);
    const purchaseId = (await s.readState()).purchases.length - 1;
    expect((await s.readState()).purchases[purchaseId].deadline).toBe(bought.block + BigInt(MARKET_WINDOW));
    // The deadline block itself is still inside the window.
    for (let b = 0; b < MARKET_WINDOW - 1; b++) {
      expect(await errors(s, [{ kind: "refund", from: buyer, purchaseId }])).toEqual(["WindowOpen"]);
    }
    expect(await errors(s, [{ kind: "refund", from: buyer, purchaseId }])).toEqual(["WindowOpen"]);
    expect(
      await errors(s, [
        { kind: "refund", from: f.agents[3].address, purchaseId },
        { kind: "refund", from: buyer, purchaseId },
        { kind: "confirmDelivery", from: buyer, purchaseId, deliveredHash: HASH_B },
      ]),
    ).toEqual(["NotBuyer", "success", "NotPending"]);
    expect((await s.readBalances([buyer]))[0]).toBe(start);
    expect(await s.isLicensed(listingId, buyer)).toBe(false);
    expect((await s.readState()).purchases[purchaseId].status).toBe("refunded");
    // A refunded buyer may buy again.
    expect(
      await errors(s, [
        { kind: "approve", from: buyer, amount: PRICE },
        { kind: "purchase", from: buyer, listingId },
      ]),
    ).toEqual(["success", "success"]);
  });

  it("names every refused call: bad listings, strangers, own listings, delisted shards, no allowance or balance", async () => {
    const s = session();
    const [provider, buyer, , stranger, poor] = f.agents.map((a) => a.address);
    await s.submit([{ kind: "list", from: provider, contentHash: HASH_A, price: PRICE }]);
    const id = (await s.readState()).listings.length - 1;
    expect(
      await errors(s, [
        { kind: "list", from: provider, contentHash: HASH_A, price: 0n },
        { kind: "list", from: provider, contentHash: ZERO, price: PRICE },
        { kind: "purchase", from: buyer, listingId: 999 },
        { kind: "confirmDelivery", from: buyer, purchaseId: 999, deliveredHash: HASH_A },
        { kind: "purchase", from: provider, listingId: id },
        { kind: "purchase", from: stranger, listingId: id },
        { kind: "delist", from: stranger, listingId: id },
        // `poor` approves but gives its tokens away first.
        { kind: "approve", from: poor, amount: PRICE },
        { kind: "transfer", from: poor, to: stranger, amount: parseEther("1000") },
        { kind: "purchase", from: poor, listingId: id },
        { kind: "approve", from: buyer, amount: PRICE },
        { kind: "purchase", from: buyer, listingId: id },
        {
          kind: "confirmDelivery",
          from: stranger,
          purchaseId: (await s.readState()).purchases.length,
          deliveredHash: HASH_A,
        },
        { kind: "delist", from: provider, listingId: id },
        { kind: "delist", from: provider, listingId: id },
        { kind: "approve", from: stranger, amount: PRICE },
        { kind: "purchase", from: stranger, listingId: id },
      ]),
    ).toEqual([
      "ZeroPrice",
      "ZeroHash",
      "NoSuchListing",
      "NoSuchPurchase",
      "OwnListing",
      "ERC20InsufficientAllowance",
      "NotProvider",
      "success",
      "success",
      "ERC20InsufficientBalance",
      "success",
      "success",
      "NotBuyer",
      "success",
      "ListingInactive",
      "success",
      "ListingInactive",
    ]);
    // A purchase made before the delisting still settles.
    const purchaseId = (await s.readState()).purchases.length - 1;
    expect(
      await errors(s, [{ kind: "confirmDelivery", from: buyer, purchaseId, deliveredHash: HASH_A }]),
    ).toEqual(["success"]);
  });
});
