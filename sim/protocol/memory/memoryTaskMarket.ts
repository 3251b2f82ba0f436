import type { MarketSettlement } from "../protocolTypes.ts";
import { MARKET, type MemoryLedger } from "./memoryLedger.ts";

/** TaskMarket.MAX_BATCHES_PER_EPOCH: an epoch's refund loop stays within a block. */
export const MAX_BATCHES_PER_EPOCH = 256;
/** TaskMarket.MAX_EPOCHS_AHEAD: how far past the settlement frontier a batch may be posted. */
export const MAX_EPOCHS_AHEAD = 16;

interface Batch {
  user: string;
  fee: bigint;
}

/** A FeesReleased / FeesRefunded event or a token Transfer out of the market, with its block. */
type MarketLog =
  | { block: bigint; kind: "released" | "refunded"; epoch: number; total: bigint }
  | { block: bigint; kind: "transfer"; to: string; value: bigint };

/**
 * TaskMarket in memory for one subnet: escrow per epoch, released or refunded exactly once (only
 * through Emission, which closes every epoch it settles), at most MAX_BATCHES_PER_EPOCH batches an
 * epoch, none more than MAX_EPOCHS_AHEAD past Emission's settlement `frontier`, and the log of what
 * it paid out (what `readMarketSettlement` reads back).
 */
export function createMemoryTaskMarket(ledger: MemoryLedger, frontier: () => number) {
  const escrow = new Map<number, bigint>();
  const closed = new Set<number>();
  const batches = new Map<number, Batch[]>();
  const logs: MarketLog[] = [];
  let totalEscrow = 0n;
  const pay = (to: string, value: bigint, block: bigint) => {
    ledger.transfer(MARKET, to, value);
    logs.push({ block, kind: "transfer", to: to.toLowerCase(), value });
  };
  const close = (epoch: number) => {
    const amount = escrow.get(epoch) ?? 0n;
    closed.add(epoch);
    escrow.set(epoch, 0n);
    totalEscrow -= amount;
    return amount;
  };
  return {
    totalEscrow: () => totalEscrow,
    escrowOf: (epoch: number) => escrow.get(epoch) ?? 0n,
    /** TaskMarket.postTasks from `user`: the error name on a revert. */
    postTasks(user: string, epoch: number, fee: bigint): string | undefined {
      if (fee === 0n) return "ZeroFee";
      if (closed.has(epoch)) return "EpochClosed";
      if (epoch > frontier() + MAX_EPOCHS_AHEAD) return "EpochTooFarAhead";
      if ((batches.get(epoch)?.length ?? 0) >= MAX_BATCHES_PER_EPOCH) return "EpochFull";
      const short = ledger.checkSpend(user, fee);
      if (short) return short;
      const list = batches.get(epoch) ?? [];
      list.push({ user, fee });
      batches.set(epoch, list);
      escrow.set(epoch, (escrow.get(epoch) ?? 0n) + fee);
      totalEscrow += fee;
      ledger.transfer(user, MARKET, fee);
      return undefined;
    },
    /** TaskMarket.release: the escrow paid out, `amounts` summing to it (Emission computed them). */
    release(epoch: number, to: readonly string[], amounts: readonly bigint[], block: bigint): void {
      const total = close(epoch);
      logs.push({ block, kind: "released", epoch, total });
      to.forEach((r, i) => {
        if (amounts[i] > 0n) pay(r, amounts[i], block);
      });
    },
    /** TaskMarket.refund: every batch of the epoch back to its user. */
    refund(epoch: number, block: bigint): void {
      const total = close(epoch);
      logs.push({ block, kind: "refunded", epoch, total });
      for (const b of batches.get(epoch) ?? []) pay(b.user, b.fee, block);
    },
    /** What the market paid out in blocks `fromBlock`.. for `epoch` (transfers: of any epoch). */
    settlement(epoch: number, fromBlock: bigint): MarketSettlement {
      let released = 0n;
      let refunded = 0n;
      const paidTo = new Map<string, bigint>();
      for (const log of logs) {
        if (log.block < fromBlock) continue;
        if (log.kind === "transfer") paidTo.set(log.to, (paidTo.get(log.to) ?? 0n) + log.value);
        else if (log.epoch === epoch && log.kind === "released") released += log.total;
        else if (log.epoch === epoch) refunded += log.total;
      }
      return { released, refunded, paidTo };
    },
    /** Everything it holds, as plain values (a checkpoint), and the same put back. */
    saveState: () => ({
      escrow: [...escrow],
      closed: [...closed],
      batches: [...batches].map(([epoch, list]) => [epoch, list.map((b) => ({ ...b }))] as [number, Batch[]]),
      logs: logs.map((log) => ({ ...log })),
      totalEscrow,
    }),
    loadState(state: {
      escrow: [number, bigint][];
      closed: number[];
      batches: [number, Batch[]][];
      logs: MarketLog[];
      totalEscrow: bigint;
    }): void {
      escrow.clear();
      for (const [k, v] of state.escrow) escrow.set(k, v);
      closed.clear();
      for (const k of state.closed) closed.add(k);
      batches.clear();
      for (const [k, list] of state.batches)
        batches.set(
          k,
          list.map((b) => ({ ...b })),
        );
      logs.splice(0, logs.length, ...state.logs.map((log) => ({ ...log })));
      totalEscrow = state.totalEscrow;
    },
  };
}

export type MemoryTaskMarket = ReturnType<typeof createMemoryTaskMarket>;
