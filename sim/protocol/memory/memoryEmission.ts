import type { Address } from "../protocolTypes.ts";
import { type MemoryLedger, STAKING } from "./memoryLedger.ts";
import type { MemoryRegistry } from "./memoryRegistry.ts";
import type { MemoryStaking } from "./memoryStaking.ts";
import type { MemoryTaskMarket } from "./memoryTaskMarket.ts";
import { splitByShares } from "./splitByShares.ts";

/** Halvings so far (Emission.halvings): the k with totalMinted in [cap - cap/2^k, cap - cap/2^(k+1)). */
export function halvings(cap: bigint, minted: bigint): bigint {
  let k = 0n;
  while (k < 255n && minted >= cap - (cap >> (k + 1n))) k++;
  return k;
}

/**
 * Emission in memory for one subnet: each epoch settled once, paid (owner / miners / validators,
 * validator take liquid and the rest compounded into its pool, the epoch's fees released alike) or
 * failed (fees refunded).
 */
export function createMemoryEmission(
  owner: Address,
  baseEpochEmission: bigint,
  parts: { ledger: MemoryLedger; registry: MemoryRegistry; staking: MemoryStaking; market: MemoryTaskMarket },
) {
  const { ledger, registry, staking, market } = parts;
  const p = registry.params;
  const status = new Map<number, "paid" | "failed">();
  let totalEmitted = 0n;
  let frontier = 0;
  /** GovernedEmission.governedEpochEmission (the deployed rate until governance changes it). */
  let rate = baseEpochEmission;
  const advance = (epoch: number) => {
    if (epoch >= frontier) frontier = epoch + 1;
  };

  const epochEmission = () => {
    const room = ledger.cap - ledger.totalMinted;
    const e = rate >> halvings(ledger.cap, ledger.totalMinted);
    // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
    return e < room ? e : room;
  };

  const settleFees = (
    epoch: number,
    fees: bigint,
    incentive: bigint[],
    dividends: bigint[],
    block: bigint,
  ) => {
    const f = splitByShares(fees, p.ownerBps, p.minerBps, incentive, dividends);
    if (f.assigned === f.owner) {
      market.refund(epoch, block); // nobody earned anything this epoch
      return;
    }
    const to: string[] = [owner];
    const amounts: bigint[] = [f.owner + (fees - f.assigned)];
    registry.hotkeys.forEach((hotkey, i) => {
      const a = f.miner[i] + f.validator[i];
      if (a > 0n) {
        to.push(hotkey);
        amounts.push(a);
      }
    });
    market.release(epoch, to, amounts, block);
  };

  return {
    totalEmitted: () => totalEmitted,
    isSettled: (epoch: number) => status.has(epoch),
    /** Emission.frontier: 1 + the highest epoch settled (0 while none). */
    frontier: () => frontier,
    epochEmission,
    /** The emission per epoch before halvings now (GovernedEmission.governedEpochEmission). */
    rate: () => rate,
    /** GovernedEmission.setEpochEmission's check and effect (the caller checks the admin). */
    setRate(amount: bigint): string | undefined {
      if (amount === 0n || amount > 2n * baseEpochEmission) return "EmissionOutOfBounds";
      rate = amount;
      return undefined;
    },
    /** Emission.distribute from unpacked shares (one incentive and one dividend per UID). */
    distribute(epoch: number, incentive: bigint[], dividends: bigint[], block: bigint): string | undefined {
      if (status.has(epoch)) return "EpochSettled";
      const keys = registry.hotkeys;
      if (incentive.length !== keys.length) return "SharesNotPacked";
      const emission = epochEmission();
      const e = splitByShares(emission, p.ownerBps, p.minerBps, incentive, dividends);
      const combined = keys.map((_, i) => e.miner[i] + e.validator[i]);
      const liquid = [...combined];
      const staked = keys.map(() => 0n);
      let stakedTotal = 0n;
      keys.forEach((hotkey, i) => {
        const v = e.validator[i];
        if (v === 0n || !staking.hasStakers(hotkey)) return;
        const toPool = v - (v * BigInt(staking.takeOf(hotkey, block))) / 10_000n;
        if (toPool === 0n) return;
        staked[i] = toPool;
        liquid[i] -= toPool;
        stakedTotal += toPool;
      });
      const fees = market.escrowOf(epoch);
      status.set(epoch, "paid");
      advance(epoch);
      totalEmitted += e.assigned;
      registry.recordEmission(combined);
      if (e.owner > 0n) ledger.mint(owner, e.owner);
      if (stakedTotal > 0n) ledger.mint(STAKING, stakedTotal);
      keys.forEach((hotkey, i) => {
        if (liquid[i] > 0n) ledger.mint(hotkey, liquid[i]);
      });
      keys.forEach((hotkey, i) => {
        if (staked[i] > 0n) staking.addReward(hotkey, staked[i]);
      });
      // Without fees the market still closes the epoch (nothing can be posted to it afterwards).
      if (fees > 0n) settleFees(epoch, fees, incentive, dividends, block);
      else market.refund(epoch, block);
      return undefined;
    },
    /** Emission.failEpoch: nothing minted, the epoch's escrow refunded. */
    failEpoch(epoch: number, block: bigint): string | undefined {
      if (status.has(epoch)) return "EpochSettled";
      status.set(epoch, "failed");
      advance(epoch);
      market.refund(epoch, block); // with or without fees: closes the epoch in the market
      return undefined;
    },
    /** Everything it holds, as plain values (a checkpoint), and the same put back. */
    saveState: () => ({
      status: [...status],
      totalEmitted,
      frontier,
      ...(rate === baseEpochEmission ? {} : { rate }),
    }),
    loadState(state: {
      status: [number, "paid" | "failed"][];
      totalEmitted: bigint;
      frontier: number;
      /** Present only once governance has changed it. */
      rate?: bigint;
    }): void {
      status.clear();
      for (const [k, v] of state.status) status.set(k, v);
      totalEmitted = state.totalEmitted;
      frontier = state.frontier;
      rate = state.rate ?? baseEpochEmission;
    },
  };
}

export type MemoryEmission = ReturnType<typeof createMemoryEmission>;
