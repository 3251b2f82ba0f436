import { ISSUANCE_CAP, RAO_PER_TAO, U16_MAX, WAD } from "./dtaoUnits.ts";

/**
 * The block-emission rules of dynamic TAO (../shared/reference/dtao.md §2) in integers: emission
 * for an issuance, the subnets' shares by EMA price, the root proportion, the injection terms, the
 * split of a block's alpha and the EMA price update. Pure; the same integer steps as
 * contracts/src/DtaoNetwork.sol.
 */

/** `E(I) = 1e9 / 2^floor(log2(1/(1 − I/21e15)))` rao a block; 0 once I ≥ 21e15. TAO and alpha alike. */
export function blockEmission(issuance: bigint): bigint {
  if (issuance >= ISSUANCE_CAP) return 0n;
  const left = ISSUANCE_CAP - issuance;
  let k = 0n;
  while (left << (k + 1n) <= ISSUANCE_CAP) k++;
  return RAO_PER_TAO >> k;
}

export interface ShareInput {
  /** EMA price (wad). */
  readonly ema: bigint;
  /** Share of last epoch's incentive withheld from the owner's hotkeys (wad). */
  readonly minerBurned: bigint;
  /** SubnetEmissionEnabled: false gives the subnet no TAO. */
  readonly emissionEnabled: boolean;
}

/**
 * Each subnet's share of the block's TAO (wad): `w_i = ema_i·(1 − MinerBurned_i)`, `s_i = w_i/Σw`
 * over enabled subnets (the common 1/Σema cancels); `Σw = 0` falls back to `ema_i/Σema`.
 */
export function emissionShares(subnets: readonly ShareInput[]): bigint[] {
  const w = subnets.map((s) => (s.emissionEnabled ? (s.ema * (WAD - s.minerBurned)) / WAD : 0n));
  let sumW = w.reduce((a, b) => a + b, 0n);
  let basis = w;
  if (sumW === 0n) {
    basis = subnets.map((s) => (s.emissionEnabled ? s.ema : 0n));
    sumW = basis.reduce((a, b) => a + b, 0n);
  }
  return basis.map((x) => (sumW === 0n ? 0n : (x * WAD) / sumW));
}

/** `rp = tw·root / (tw·root + issuance)` in wad (tw in wad, root TAO and alpha issuance in rao). */
export function rootProportion(taoWeight: bigint, rootTao: bigint, issuance: bigint): bigint {
  const num = taoWeight * rootTao;
  const den = num + issuance * WAD;
  return den === 0n ? 0n : (num * WAD) / den;
}

export interface InjectionTerms {
  /** TAO injected as liquidity. */
  readonly taoIn: bigint;
  /** Alpha injected as liquidity (at the spot ratio, so the price stays). */
  readonly alphaIn: bigint;
  /** Excess TAO, spent on a chain buy. */
  readonly excessTao: bigint;
}

/**
 * `get_subnet_terms`: `ain = T/p`, capped at `rp·A` (then `tin = ain·p`); the rest of T is excess
 * TAO for a chain buy. An empty pool (p = 0) injects only alpha and buys with all of T.
 */
export function injectionTerms(
  taoShare: bigint,
  price: bigint,
  rp: bigint,
  alphaEmission: bigint,
): InjectionTerms {
  const cap = (rp * alphaEmission) / WAD;
  if (price === 0n) return { taoIn: 0n, alphaIn: cap, excessTao: taoShare };
  const uncapped = (taoShare * WAD) / price;
  if (uncapped <= cap) return { taoIn: taoShare, alphaIn: uncapped, excessTao: 0n };
  const taoIn = (cap * price) / WAD;
  return { taoIn, alphaIn: cap, excessTao: taoShare - taoIn };
}

export interface AlphaSplit {
  readonly owner: bigint;
  readonly server: bigint;
  readonly validator: bigint;
  readonly root: bigint;
}

/**
 * `emit_to_subnets`: the owner cut `A·ownerCut/65535` (0 when the owner turned it off), then half of
 * the rest to miners (floored) and the other half to validators less the root slice
 * `rp'·rest/2`.
 */
export function splitAlpha(alpha: bigint, ownerCut: bigint, rpAfter: bigint): AlphaSplit {
  const owner = (alpha * ownerCut) / U16_MAX;
  const rest = alpha - owner;
  const root = (rpAfter * rest) / (2n * WAD);
  const server = rest / 2n;
  return { owner, server, validator: rest - server - root, root };
}

/**
 * `update_moving_price`: `a = movingAlpha·b/(b + halving)` with `b = block − (firstEmission − 1)`,
 * `ema ← (1 − a)·ema + a·min(p, 1)`.
 */
export function updateEma(
  ema: bigint,
  price: bigint,
  block: bigint,
  firstEmissionBlock: bigint,
  movingAlpha: bigint,
  halvingBlocks: bigint,
): bigint {
  const b = block - (firstEmissionBlock - 1n);
  if (b <= 0n) return ema;
  const a = (movingAlpha * b) / (b + halvingBlocks);
  const p = price < WAD ? price : WAD;
  return ((WAD - a) * ema + a * p) / WAD;
}

/**
 * `get_network_lock_cost`: `max(MinLock, 2L − (L/I_eff)·(now − lastRegistration))` with
 * `I_eff = interval·E/1e9` (the interval halves with the TAO emission).
 */
export function networkLockCost(
  lastLock: bigint,
  minLock: bigint,
  reductionInterval: bigint,
  taoEmission: bigint,
  blocksSinceLast: bigint,
): bigint {
  const effective = (reductionInterval * taoEmission) / RAO_PER_TAO;
  const decay = effective === 0n ? 0n : (lastLock * blocksSinceLast) / effective;
  const cost = 2n * lastLock > decay ? 2n * lastLock - decay : 0n;
  return cost > minLock ? cost : minLock;
}
