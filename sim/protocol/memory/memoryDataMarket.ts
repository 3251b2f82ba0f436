import type {
  DataMarketBlock,
  DataMarketCall,
  DataMarketDeployment,
  DataMarketOutcome,
  DataMarketSession,
  DataMarketState,
  MarketListing,
  MarketPurchase,
} from "../dataMarketPort.ts";
import type { BlockClock } from "./blockClock.ts";
import type { MemoryLedger } from "./memoryLedger.ts";

/** The market contract's key in the ledger (its token balance is the escrow). */
export const DATA_MARKET_HOLDER = "data-market";
const DATA_MARKET = DATA_MARKET_HOLDER;
const MAX_UINT256 = 2n ** 256n - 1n;
const ZERO_HASH = `0x${"0".repeat(64)}`;
export const MAX_DATA_MARKET_FEE_BPS = 5_000;

export interface MemoryDataMarketOptions extends DataMarketDeployment {
  /** The token's balances (shared with the rest of the memory protocol, or a ledger of its own). */
  ledger: MemoryLedger;
  /** The block the market was deployed in; each submit mines the next. */
  deployBlock: bigint;
  /** The protocol's clock when the market lives beside the memory protocol (each submit mines one of its blocks). */
  clock?: BlockClock;
}

/**
 * DataMarket.sol in memory: the same listings, escrow, licences, fees, block deadlines and revert
 * names (OpenZeppelin's ERC20 errors included), with no gas. Checked against the contract by
 * test/dataMarketDifferential.test.ts.
 */
export function createMemoryDataMarket(options: MemoryDataMarketOptions): DataMarketSession {
  const { ledger, treasury, feeBps, deliveryWindow } = options;
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > MAX_DATA_MARKET_FEE_BPS) {
    throw new RangeError(`FeeTooHigh: feeBps ${feeBps}`);
  }
  let block = options.deployBlock;
  let totalEscrow = 0n;
  let totalFees = 0n;
  const listings: MarketListing[] = [];
  const purchases: MarketPurchase[] = [];
  const allowance = new Map<string, bigint>();
  const licensed = new Set<string>();
  const holds = new Set<string>();
  const revenue = new Map<string, bigint>();
  const k = (a: string) => a.toLowerCase();
  const pair = (listingId: number, buyer: string) => `${listingId}:${k(buyer)}`;

  /** ERC20 transferFrom by the market (OpenZeppelin 5: allowance first, then balance; max is infinite). */
  function transferFrom(from: string, amount: bigint): string | undefined {
    const allowed = allowance.get(k(from)) ?? 0n;
    if (allowed < amount) return "ERC20InsufficientAllowance";
    const short = ledger.checkSpend(from, amount);
    if (short !== undefined) return short;
    if (allowed !== MAX_UINT256) allowance.set(k(from), allowed - amount);
    ledger.transfer(from, DATA_MARKET, amount);
    return undefined;
  }

  /** Applies one call; returns the revert name, or undefined on success. Checks precede effects. */
  function apply(call: DataMarketCall): string | undefined {
    switch (call.kind) {
      case "approve":
        allowance.set(k(call.from), call.amount);
        return undefined;
      case "transfer": {
        const short = ledger.checkSpend(call.from, call.amount);
        if (short !== undefined) return short;
        ledger.transfer(call.from, call.to, call.amount);
        return undefined;
      }
      case "list":
        if (call.price === 0n) return "ZeroPrice";
        if (call.contentHash.toLowerCase() === ZERO_HASH) return "ZeroHash";
        listings.push({
          provider: call.from,
          contentHash: call.contentHash.toLowerCase() as `0x${string}`,
          price: call.price,
          active: true,
        });
        return undefined;
      case "delist": {
        const l = listings[call.listingId];
        if (l === undefined) return "NoSuchListing";
        if (k(call.from) !== k(l.provider)) return "NotProvider";
        if (!l.active) return "ListingInactive";
        l.active = false;
        return undefined;
      }
      case "purchase": {
        const l = listings[call.listingId];
        if (l === undefined) return "NoSuchListing";
        if (!l.active) return "ListingInactive";
        if (k(call.from) === k(l.provider)) return "OwnListing";
        if (holds.has(pair(call.listingId, call.from))) return "AlreadyHolds";
        const failed = transferFrom(call.from, l.price);
        if (failed !== undefined) return failed;
        holds.add(pair(call.listingId, call.from));
        purchases.push({
          listingId: call.listingId,
          buyer: call.from,
          amount: l.price,
          deadline: block + BigInt(deliveryWindow),
          status: "pending",
        });
        totalEscrow += l.price;
        return undefined;
      }
      case "confirmDelivery": {
        const p = purchases[call.purchaseId];
        if (p === undefined) return "NoSuchPurchase";
        if (k(call.from) !== k(p.buyer)) return "NotBuyer";
        if (p.status !== "pending") return "NotPending";
        const l = listings[p.listingId];
        if (call.deliveredHash.toLowerCase() !== l.contentHash.toLowerCase()) return "HashMismatch";
        p.status = "settled";
        licensed.add(pair(p.listingId, p.buyer));
        totalEscrow -= p.amount;
        const fee = (p.amount * BigInt(feeBps)) / 10_000n;
        const toProvider = p.amount - fee;
        revenue.set(k(l.provider), (revenue.get(k(l.provider)) ?? 0n) + toProvider);
        totalFees += fee;
        ledger.transfer(DATA_MARKET, l.provider, toProvider);
        ledger.transfer(DATA_MARKET, treasury, fee);
        return undefined;
      }
      case "refund": {
        const p = purchases[call.purchaseId];
        if (p === undefined) return "NoSuchPurchase";
        if (k(call.from) !== k(p.buyer)) return "NotBuyer";
        if (p.status !== "pending") return "NotPending";
        if (block <= p.deadline) return "WindowOpen";
        p.status = "refunded";
        holds.delete(pair(p.listingId, p.buyer));
        totalEscrow -= p.amount;
        ledger.transfer(DATA_MARKET, p.buyer, p.amount);
        return undefined;
      }
    }
  }

  return {
    backend: "memory",
    async submit(calls): Promise<DataMarketBlock> {
      block = options.clock !== undefined ? options.clock.advance(1) : block + 1n;
      const outcomes = calls.map((call): DataMarketOutcome => {
        const error = apply(call);
        return error === undefined
          ? { kind: call.kind, from: call.from, status: "success" }
          : { kind: call.kind, from: call.from, status: "reverted", error };
      });
      return { block, outcomes };
    },
    async readBalances(accounts) {
      return accounts.map((a) => ledger.balanceOf(a));
    },
    async readRevenue(providers) {
      return providers.map((p) => revenue.get(k(p)) ?? 0n);
    },
    async isLicensed(listingId, buyer) {
      return licensed.has(pair(listingId, buyer));
    },
    async readState(): Promise<DataMarketState> {
      return {
        totalEscrow,
        totalFees,
        marketBalance: ledger.balanceOf(DATA_MARKET),
        listings: listings.map((l) => ({ ...l })),
        purchases: purchases.map((p) => ({ ...p })),
      };
    },
    async stop() {},
  };
}
