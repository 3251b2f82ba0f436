import { type MemoryLedger, STAKING } from "./memoryLedger.ts";
import type { MemoryRegistry } from "./memoryRegistry.ts";

interface Pool {
  stake: bigint;
  shares: bigint;
  /** Tokens unstaked from this pool, still cooling down (slashable), and their shares. */
  unbonding: bigint;
  unbondingShares: bigint;
}

interface Take {
  bps: number;
  /** A raise waiting for its block (pendingFrom 0: none). */
  pendingBps: number;
  pendingFrom: bigint;
}

interface Unbonding {
  shares: bigint;
  releaseBlock: bigint;
}

/** Staking.TAKE_STEP_BPS and TAKE_DELAY_BLOCKS: the largest raise of a take, and how long it waits. */
export const TAKE_STEP_BPS = 500;
export const TAKE_DELAY_BLOCKS = 50n;

/**
 * Staking in memory for one subnet (contracts/src/Staking.sol): a pool per hotkey (stake and shares;
 * stakers hold shares), unstaking into the pool's unbonding part until the cooldown has passed
 * (slashes reach it too), withdrawal, validator take (a cut at once, a raise of at most
 * TAKE_STEP_BPS after TAKE_DELAY_BLOCKS), rewards compounded into pools and slashes that burn a share
 * of a pool. An owner's slash is pinned to a hotkey and hits a hotkey at most once per open epoch.
 * Writes return the custom error name on a revert, having changed nothing.
 */
export interface MemoryStaking {
  readonly defaultTakeBps: number;
  readonly maxTakeBps: number;
  /** GovernedStaking.takeCeilingBps (maxTakeBps until governance lowers it): setTake above it
   * reverts TakeTooHigh, and the take in force is clamped to it. */
  takeCeilingBps: number;
  readonly cooldownBlocks: bigint;
  totalStaked: bigint;
  totalUnbonding: bigint;
  /** Staking.stake from `staker` onto UID `uid`, which `hotkey` must hold. */
  stake(staker: string, uid: number, hotkey: string, amount: bigint): string | undefined;
  /** Staking.unstake of `amount` tokens of `staker`'s stake on `hotkey`, in block `block`. */
  unstake(staker: string, hotkey: string, amount: bigint, block: bigint): string | undefined;
  /** Staking.withdraw of `staker`'s unbonded tokens from `hotkey`'s pool, in block `block`. */
  withdraw(staker: string, hotkey: string, block: bigint): string | undefined;
  /** Staking.setTake by `hotkey`, in block `block`. */
  setTake(hotkey: string, bps: number, block: bigint): string | undefined;
  /** Staking.takeOf at block `block`. */
  takeOf(hotkey: string, block: bigint): number;
  /** Staking.stakeBy, sharesOf and unbondingOf of `staker` on `hotkey`. */
  positionOf(
    staker: string,
    hotkey: string,
  ): { stake: bigint; shares: bigint; unbonding: bigint; releaseBlock: bigint };
  /** Pool stake of `hotkey` (0 without a pool). */
  stakeOf(hotkey: string): bigint;
  /** Whether `hotkey`'s pool has stakers (what Emission asks before compounding). */
  hasStakers(hotkey: string): boolean;
  /** Staking.addRewards: `amount` (minted to Staking first) compounds into `hotkey`'s pool. */
  addReward(hotkey: string, amount: bigint): void;
  /** Burns `bps` of `hotkey`'s pool and of its unbonding part; returns what it burned. */
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
  /** Absent in checkpoints written before unstaking was on the port (nothing unbonded then). */
  totalUnbonding?: bigint;
  takes?: [string, Take][];
  unbonding?: [string, Unbonding][];
  /** Present only once governance has changed it. */
  takeCeilingBps?: number;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export function createMemoryStaking(
  registry: MemoryRegistry,
  ledger: MemoryLedger,
  defaultTakeBps: number,
  cooldownBlocks = 0n,
  maxTakeBps = 10_000,
): MemoryStaking {
  const pools = new Map<string, Pool>();
  const shares = new Map<string, bigint>();
  const takes = new Map<string, Take>();
  const unbonding = new Map<string, Unbonding>();
  const ownerSlashedIn = new Map<string, number>();
  const poolOf = (hotkey: string) => {
    const k = hotkey.toLowerCase();
    let pool = pools.get(k);
    if (pool === undefined) {
      pool = { stake: 0n, shares: 0n, unbonding: 0n, unbondingShares: 0n };
      pools.set(k, pool);
    }
    return pool;
  };
  const holdingOf = (hotkey: string, staker: string) => `${hotkey.toLowerCase()}:${staker.toLowerCase()}`;
  const poolValue = (pool: Pool | undefined, mine: bigint) =>
    pool === undefined || pool.shares === 0n ? 0n : (mine * pool.stake) / pool.shares;
  const staking: MemoryStaking = {
    defaultTakeBps,
    maxTakeBps,
    takeCeilingBps: maxTakeBps,
    cooldownBlocks,
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
      const holding = holdingOf(hotkey, staker);
      shares.set(holding, (shares.get(holding) ?? 0n) + minted);
      staking.totalStaked += amount;
      ledger.transfer(staker, STAKING, amount);
      return undefined;
    },
    unstake(staker, hotkey, amount, block) {
      if (amount === 0n) return "ZeroAmount";
      const pool = pools.get(hotkey.toLowerCase());
      const holding = holdingOf(hotkey, staker);
      const mine = shares.get(holding) ?? 0n;
      if (amount > poolValue(pool, mine) || pool === undefined) return "InsufficientStake";
      // mulDiv by a zero unbonding part (every unbonding token slashed away) panics in the contract.
      if (cooldownBlocks > 0n && pool.unbondingShares > 0n && pool.unbonding === 0n) return "Panic";
      const burned = ceilDiv(amount * pool.shares, pool.stake);
      shares.set(holding, mine - burned);
      pool.shares -= burned;
      pool.stake -= amount;
      staking.totalStaked -= amount;
      if (cooldownBlocks === 0n) {
        ledger.transfer(STAKING, staker, amount);
        return undefined;
      }
      const minted = pool.unbondingShares === 0n ? amount : (amount * pool.unbondingShares) / pool.unbonding;
      const u = unbonding.get(holding) ?? { shares: 0n, releaseBlock: 0n };
      unbonding.set(holding, { shares: u.shares + minted, releaseBlock: block + cooldownBlocks });
      pool.unbondingShares += minted;
      pool.unbonding += amount;
      staking.totalUnbonding += amount;
      return undefined;
    },
    withdraw(staker, hotkey, block) {
      const holding = holdingOf(hotkey, staker);
      const u = unbonding.get(holding);
      if (u === undefined || u.shares === 0n) return "NothingToWithdraw";
      if (block < u.releaseBlock) return "StillCoolingDown";
      const pool = poolOf(hotkey);
      const amount = (u.shares * pool.unbonding) / pool.unbondingShares;
      unbonding.delete(holding);
      pool.unbondingShares -= u.shares;
      pool.unbonding -= amount;
      staking.totalUnbonding -= amount;
      if (amount > 0n) ledger.transfer(STAKING, staker, amount);
      return undefined;
    },
    setTake(hotkey, bps, block) {
      if (bps > staking.takeCeilingBps) return "TakeTooHigh";
      const current = staking.takeOf(hotkey, block);
      if (bps > current) {
        if (bps - current > TAKE_STEP_BPS) return "TakeStepTooLarge";
        takes.set(hotkey.toLowerCase(), {
          bps: current,
          pendingBps: bps,
          pendingFrom: block + TAKE_DELAY_BLOCKS,
        });
      } else {
        takes.set(hotkey.toLowerCase(), { bps, pendingBps: 0, pendingFrom: 0n });
      }
      return undefined;
    },
    takeOf(hotkey, block) {
      const t = takes.get(hotkey.toLowerCase());
      const inForce =
        t === undefined
          ? defaultTakeBps
          : t.pendingFrom !== 0n && block >= t.pendingFrom
            ? t.pendingBps
            : t.bps;
      return Math.min(inForce, staking.takeCeilingBps);
    },
    positionOf(staker, hotkey) {
      const pool = pools.get(hotkey.toLowerCase());
      const holding = holdingOf(hotkey, staker);
      const mine = shares.get(holding) ?? 0n;
      const u = unbonding.get(holding);
      const owed =
        pool === undefined || u === undefined || u.shares === 0n
          ? 0n
          : (u.shares * pool.unbonding) / pool.unbondingShares;
      return {
        stake: poolValue(pool, mine),
        shares: mine,
        unbonding: owed,
        releaseBlock: u?.releaseBlock ?? 0n,
      };
    },
    stakeOf: (hotkey) => pools.get(hotkey.toLowerCase())?.stake ?? 0n,
    hasStakers: (hotkey) => (pools.get(hotkey.toLowerCase())?.shares ?? 0n) > 0n,
    addReward(hotkey, amount) {
      poolOf(hotkey).stake += amount;
      staking.totalStaked += amount;
    },
    slash(hotkey, bps) {
      const pool = poolOf(hotkey);
      const fromStake = (pool.stake * BigInt(bps)) / 10_000n;
      const fromUnbonding = (pool.unbonding * BigInt(bps)) / 10_000n;
      const amount = fromStake + fromUnbonding;
      if (amount === 0n) return 0n;
      pool.stake -= fromStake;
      pool.unbonding -= fromUnbonding;
      staking.totalStaked -= fromStake;
      staking.totalUnbonding -= fromUnbonding;
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
      totalUnbonding: staking.totalUnbonding,
      takes: [...takes].map(([k, t]) => [k, { ...t }]),
      unbonding: [...unbonding].map(([k, u]) => [k, { ...u }]),
      ...(staking.takeCeilingBps === maxTakeBps ? {} : { takeCeilingBps: staking.takeCeilingBps }),
    }),
    loadState(state) {
      pools.clear();
      // Pools of older checkpoints have no unbonding part.
      for (const [k, pool] of state.pools)
        pools.set(k, {
          ...pool,
          unbonding: pool.unbonding ?? 0n,
          unbondingShares: pool.unbondingShares ?? 0n,
        });
      shares.clear();
      for (const [k, v] of state.shares) shares.set(k, v);
      ownerSlashedIn.clear();
      for (const [k, v] of state.ownerSlashedIn) ownerSlashedIn.set(k, v);
      takes.clear();
      for (const [k, t] of state.takes ?? []) takes.set(k, { ...t });
      unbonding.clear();
      for (const [k, u] of state.unbonding ?? []) unbonding.set(k, { ...u });
      staking.totalStaked = state.totalStaked;
      staking.totalUnbonding = state.totalUnbonding ?? 0n;
      staking.takeCeilingBps = state.takeCeilingBps ?? maxTakeBps;
    },
  };
  return staking;
}
