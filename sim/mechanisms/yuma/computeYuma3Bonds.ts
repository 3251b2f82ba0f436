import { applyYuma3BondEma, type Yuma3BondEma, type Yuma3EmaOptions } from "./applyYuma3BondEma.ts";
import { normalizeInPlace } from "./normalizeStake.ts";
import type { RowMatrix } from "./prepareWeights.ts";
import type { ValidatorRows } from "./validatorRows.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/** Kept under its original name for callers of `computeYuma3Bonds`. */
export type Yuma3BondOptions = Yuma3EmaOptions;

/**
 * §1.2-11b, Yuma 3: every bond is its own EMA in [0, 1] of the validator's weight,
 * B_ij = min(1, (1 − A_ij) B⁰_ij + max(0, A_ij W̃_ij)), with A_ij from liquid alpha or the fixed α.
 * Dividends D_i = S^a_i · Σ_j B̂_ij I_j with B̂ the column-normalised copy of B, then normalised.
 * Stake enters only here, so a small validator's bond grows as fast as a big one's. `ema` is the
 * per-bond EMA step (typed arrays by default; see `YumaKernels`).
 */
export function computeYuma3Bonds(
  n: number,
  rows: ValidatorRows,
  weightsForBonds: RowMatrix,
  previousBonds: Float64Array,
  consensus: Float64Array,
  activeStake: Float64Array,
  incentive: Float64Array,
  options: Yuma3BondOptions,
  buffers: Buffers = FRESH,
  ema: Yuma3BondEma = applyYuma3BondEma,
): { bonds: Float64Array; dividends: Float64Array } {
  const count = rows.uids.length;
  const bonds = buffers.float64("bonds", count * n);
  ema(n, weightsForBonds, previousBonds, consensus, options, bonds);
  const columnSum = new Float64Array(n);
  for (let base = 0; base < bonds.length; base += n)
    for (let j = 0; j < n; j++) columnSum[j] += bonds[base + j];
  const scaledIncentive = new Float64Array(n);
  for (let j = 0; j < n; j++) scaledIncentive[j] = columnSum[j] !== 0 ? incentive[j] / columnSum[j] : 0;
  const dividends = new Float64Array(rows.rowOf.length);
  for (let r = 0; r < count; r++) {
    const i = rows.uids[r];
    if (activeStake[i] === 0) continue;
    let total = 0;
    const base = r * n;
    for (let j = 0; j < n; j++) total += bonds[base + j] * scaledIncentive[j];
    dividends[i] = total * activeStake[i];
  }
  return { bonds, dividends: normalizeInPlace(dividends) };
}
