import { type MemoryLedger, STAKING } from "./memoryLedger.ts";
import type { MemoryRegistry } from "./memoryRegistry.ts";

interface Pool {
  stake: bigint;
  shares: bigint;
}

/**
 * Staking in memory for one subnet: a pool per hotkey (stake and shares; stakers hold shares),
 * validator take (the deployment's default: the port sets none), rewards compounded into pools and
 * slashes that burn a share of a pool. Unstaking is not part of the port, so nothing unbonds (the
 * contract's slash also burns a pool's unbonding part: here always 0). An owner's slash is pinned to
 * a hotkey and hits a hotkey at most once per open epoch.
 */
export interface MemoryStaking {
  readonly defaultTakeBps: number;
  totalStaked: bigint;
  readonly totalUnbonding: bigint;
  /** Staking.stake from `staker` onto UID `uid`, which `hotkey` must hold: the error name on a revert. */
  stake(staker: string, uid: number, hotkey: string, amount: bigint): string | undefined;
  /** Pool stake of `hotkey` (0 without a pool). */
  stakeOf(hotkey: string): bigint;
  /** Whether `hotkey`'s pool has stakers (what Emission asks before compounding). */
  hasStakers(hotkey: string): boolean;
  /** Staking.addRewards: `amount` (minted to Staking first) compounds into `hotkey`'s pool. */
  addReward(hotkey: string, amount: bigint): void;
  /** Burns `bps` of `hotkey`'s pool; returns what it burned. */
  slash(hotkey: string, bps: number): bigint;
  /** Staking.slashByOwner of UID `uid` pinned to `hotkey`, in open epoch `epoch` (undefined while
   * none is open): the error name on a revert. */
  slashByOwner(uid: number, hotkey: string, epoch: number | undefined): string | undefined;
  /** Everything it holds, as plain values (a checkpoint), and the same put back. */
  saveState(): MemoryStakingState;
  loadState(state: MemoryStakingState): void;
}

export interface MemoryStakingState {
  pools: [string, Pool][];
  shares: [string, bigint][];
  ownerSlashedIn: [string, number][];
  totalStaked: bigint;
}

export function createMemoryStaking(
  registry: MemoryRegistry,
  ledger: MemoryLedger,
  defaultTakeBps: number,
): MemoryStaking {
  const pools = new Map<string, Pool>();
  const shares = new Map<string, bigint>();
  const ownerSlashedIn = new Map<string, number>();
  const poolOf = (hotkey: string) => {
    const k = hotkey.toLowerCase();
    let pool = pools.get(k);
    if (pool === undefined) {
      pool = { stake: 0n, shares: 0n };
      pools.set(k, pool);
    }
    return pool;
  };
  const staking: MemoryStaking = {
    defaultTakeBps,
    totalStaked: 0n,
    totalUnbonding: 0n,
    stake(staker, uid, expected, amount) {
      if (amount === 0n) return "ZeroAmount";
      if (uid >= registry.count()) return "UidOutOfRange";
      const hotkey = registry.hotkeys[uid];
      if (hotkey.toLowerCase() !== expected.toLowerCase()) return "HotkeyMismatch";
      const pool = poolOf(hotkey);
      const minted = pool.shares === 0n ? amount : (amount * pool.shares) / pool.stake;
      if (minted === 0n) return "ZeroAmount";
      const short = ledger.checkSpend(staker, amount);
      if (short) return short;
      pool.shares += minted;
      pool.stake += amount;
      const holding = `${hotkey.toLowerCase()}:${staker.toLowerCase()}`;
      shares.set(holding, (shares.get(holding) ?? 0n) + minted);
      staking.totalStaked += amount;
      ledger.transfer(staker, STAKING, amount);
      return undefined;
    },
    stakeOf: (hotkey) => pools.get(hotkey.toLowerCase())?.stake ?? 0n,
    hasStakers: (hotkey) => (pools.get(hotkey.toLowerCase())?.shares ?? 0n) > 0n,
    addReward(hotkey, amount) {
      poolOf(hotkey).stake += amount;
      staking.totalStaked += amount;
    },
    slash(hotkey, bps) {
      const pool = poolOf(hotkey);
      const amount = (pool.stake * BigInt(bps)) / 10_000n;
      if (amount === 0n) return 0n;
      pool.stake -= amount;
      staking.totalStaked -= amount;
      ledger.burn(STAKING, amount);
      return amount;
    },
    slashByOwner(uid, expected, epoch) {
      if (uid >= registry.count()) return "UidOutOfRange";
      const hotkey = registry.hotkeys[uid].toLowerCase();
      if (hotkey !== expected.toLowerCase()) return "HotkeyMismatch";
      if (epoch === undefined) return "NoOpenEpoch";
      if (ownerSlashedIn.get(hotkey) === epoch) return "AlreadySlashedThisEpoch";
      ownerSlashedIn.set(hotkey, epoch);
      staking.slash(hotkey, registry.params.slashBps);
      return undefined;
    },
    saveState: () => ({
      pools: [...pools].map(([k, pool]) => [k, { ...pool }]),
      shares: [...shares],
      ownerSlashedIn: [...ownerSlashedIn],
      totalStaked: staking.totalStaked,
    }),
    loadState(state) {
      pools.clear();
      for (const [k, pool] of state.pools) pools.set(k, { ...pool });
      shares.clear();
      for (const [k, v] of state.shares) shares.set(k, v);
      ownerSlashedIn.clear();
      for (const [k, v] of state.ownerSlashedIn) ownerSlashedIn.set(k, v);
      staking.totalStaked = state.totalStaked;
    },
  };
  return staking;
}
