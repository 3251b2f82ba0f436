import { keccak256, parseEther, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataMarketCall, DataMarketSession, DataMarketState } from "../sim/protocol/dataMarketPort.ts";
import { createRng, type Rng } from "../sim/rng/createRng.ts";
import { type DataMarketFixture, startDataMarketFixture } from "./fixtures/chain/dataMarketFixture.ts";

/**
 * The in-memory DataMarket against the contract: the same seeded random blocks of calls (listings,
 * approvals, purchases, confirmations with right and wrong hashes, refunds inside and after the
 * window, delistings, transfers, calls by strangers) on both, and after every block the same outcomes
 * and revert names, escrow, fees, listings, purchases, balances, revenue and licences.
 */
const BLOCKS = Number(process.env.CRUCIBLE_DATA_MARKET_BLOCKS ?? 30);
let f: DataMarketFixture;
beforeAll(async () => {
  f = await startDataMarketFixture(5);
});
afterAll(async () => f?.stop());

const HASHES = [
  keccak256(toHex("a")),
  keccak256(toHex("b")),
  keccak256(toHex("c")),
  `0x${"0".repeat(64)}` as const,
];
const PRICES = [0n, parseEther("1"), parseEther("5"), parseEther("400")];

function randomCall(rng: Rng, who: string[], state: DataMarketState): DataMarketCall {
  const listings = state.listings.length;
  const purchases = state.purchases.length;
  const from = who[rng.int(0, who.length - 1)];
  const hash = HASHES[rng.int(0, HASHES.length - 1)];
  const listingId = rng.int(0, listings);
  const purchaseId = rng.int(0, purchases);
  switch (rng.int(0, 7)) {
    case 0:
      return { kind: "list", from, contentHash: hash, price: PRICES[rng.int(0, PRICES.length - 1)] };
    case 1:
      return { kind: "approve", from, amount: PRICES[rng.int(0, PRICES.length - 1)] * BigInt(rng.int(0, 3)) };
    case 2:
    case 3:
      return { kind: "purchase", from, listingId };
    case 4: {
      // Half the time the buyer confirms with the listing's true hash.
      const p = state.purchases[purchaseId];
      if (p !== undefined && rng.float() < 0.5) {
        return {
          kind: "confirmDelivery",
          from: p.buyer,
          purchaseId,
          deliveredHash: state.listings[p.listingId].contentHash,
        };
      }
      return { kind: "confirmDelivery", from, purchaseId, deliveredHash: hash };
    }
    case 5:
      return { kind: "refund", from, purchaseId };
    case 6:
      return { kind: "delist", from, listingId };
    default:
      return {
        kind: "transfer",
        from,
        to: who[rng.int(0, who.length - 1)],
        amount: parseEther(String(rng.int(0, 300))),
      };
  }
}

async function snapshot(s: DataMarketSession, who: string[]) {
  const state = await s.readState();
  const licences: boolean[] = [];
  for (let l = 0; l < state.listings.length; l++) {
    for (const w of who) licences.push(await s.isLicensed(l, w));
  }
  return {
    ...state,
    listings: state.listings.map((l) => ({ ...l, provider: l.provider.toLowerCase() })),
    purchases: state.purchases.map((p) => ({ ...p, buyer: p.buyer.toLowerCase() })),
    balances: await s.readBalances(who),
    revenue: await s.readRevenue(who),
    licences,
  };
}

describe("DataMarket: memory against the contract", () => {
  it(`agrees on ${BLOCKS} seeded random blocks, call by call`, async () => {
    const rng = createRng(2026);
    const who = [...f.agents.map((a) => a.address), f.treasury.address];
    let reverted = 0;
    const kinds = new Set<string>();
    for (let b = 0; b < BLOCKS; b++) {
      const state = await f.memory.readState();
      const calls = Array.from({ length: rng.int(1, 6) }, () => randomCall(rng, who, state));
      const [onChain, inMemory] = [await f.anvil.submit(calls), await f.memory.submit(calls)];
      expect(inMemory.block, `block ${b}`).toBe(onChain.block);
      expect(
        inMemory.outcomes,
        `block ${b}: ${JSON.stringify(calls, (_, v) => (typeof v === "bigint" ? `${v}` : v))}`,
      ).toEqual(onChain.outcomes);
      expect(await snapshot(f.memory, who), `state after block ${b}`).toEqual(await snapshot(f.anvil, who));
      for (const o of onChain.outcomes) {
        if (o.status === "reverted") {
          reverted++;
          kinds.add(o.error ?? "");
        } else kinds.add(o.kind);
      }
    }
    // The sequence exercised both paths: successes of every kind and several distinct reverts.
    expect(reverted).toBeGreaterThan(0);
    expect([...kinds]).toEqual(
      expect.arrayContaining(["list", "purchase", "confirmDelivery", "NotBuyer", "NoSuchPurchase"]),
    );
  });
});
