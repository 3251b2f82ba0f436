import { computeLiquidAlpha } from "./computeLiquidAlpha.ts";
import { normalizeInPlace } from "./normalizeStake.ts";
import type { RowMatrix } from "./prepareWeights.ts";
import type { ValidatorRows } from "./validatorRows.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

export interface Yuma3BondOptions {
  /** Liquid alpha switched on (it is used only when some consensus is non-zero). */
  readonly liquidAlpha: boolean;
  /** Fixed EMA coefficient α = 1 − bondsMovingAverage, used without liquid alpha. */
  readonly alpha: number;
  readonly alphaLow: number;
  readonly alphaHigh: number;
  readonly steepness: number;
  /** `sparse`: a bond whose W̃ entry is absent is deleted (chain production); `dense`: decayed. */
  readonly bondsUpdate: "sparse" | "dense";
}

/**
 * §1.2-11b, Yuma 3: every bond is its own EMA in [0, 1] of the validator's weight,
 * B_ij = min(1, (1 − A_ij) B⁰_ij + max(0, A_ij W̃_ij)), with A_ij from liquid alpha or the fixed α.
 * Dividends D_i = S^a_i · Σ_j B̂_ij I_j with B̂ the column-normalised copy of B, then normalised.
 * Stake enters only here, so a small validator's bond grows as fast as a big one's.
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
): { bonds: Float64Array; dividends: Float64Array } {
  const count = rows.uids.length;
  const bonds = buffers.float64("bonds", count * n);
  const w = weightsForBonds.values;
  const present = weightsForBonds.present;
  let liquid = false;
  if (options.liquidAlpha) for (let j = 0; j < n && !liquid; j++) liquid = consensus[j] !== 0;
  if (liquid) {
    const sparse = options.bondsUpdate === "sparse";
    for (let base = 0; base < bonds.length; base += n) {
      for (let j = 0; j < n; j++) {
        const k = base + j;
        if (sparse && present[k] === 0) continue;
        const old = previousBonds[k];
        if (old === 0 && w[k] === 0) continue; // A · 0 + (1 − A) · 0
        const a = computeLiquidAlpha(
          consensus[j],
          w[k],
          old,
          options.alphaLow,
          options.alphaHigh,
          options.steepness,
        );
        bonds[k] = Math.min(1, (1 - a) * old + Math.max(0, a * w[k]));
      }
    }
  } else {
    const a = options.alpha;
    for (let k = 0; k < bonds.length; k++) bonds[k] = a * w[k] + (1 - a) * previousBonds[k];
  }
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
