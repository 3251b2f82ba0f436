import { applyClassicBondEma, type ClassicBondEma } from "./applyClassicBondEma.ts";
import { normalizeColumns } from "./normalizeColumns.ts";
import { normalizeInPlace } from "./normalizeStake.ts";
import type { ValidatorRows } from "./validatorRows.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/**
 * §1.2-11a, classic Yuma: ΔB_ij = W̃_ij · S^a_i (column-normalised); B = α ΔB + (1 − α) B⁰ with B⁰
 * the column-normalised stored bonds; B column-normalised again; dividends D_i = Σ_j B_ij I_j,
 * normalised. Returns B (column-normalised, before the storage upscale) and D per UID. `ema` is the
 * EMA step (typed arrays by default; see `YumaKernels`).
 */
export function computeClassicBonds(
  n: number,
  rows: ValidatorRows,
  weightsForBonds: Float64Array,
  previousBonds: Float64Array,
  activeStake: Float64Array,
  incentive: Float64Array,
  alpha: number,
  buffers: Buffers = FRESH,
  ema: ClassicBondEma = applyClassicBondEma,
): { bonds: Float64Array; dividends: Float64Array } {
  const count = rows.uids.length;
  normalizeColumns(n, previousBonds);
  const delta = buffers.float64("bondsDelta", count * n);
  for (let r = 0; r < count; r++) {
    const s = activeStake[rows.uids[r]];
    if (s === 0) continue;
    for (let k = r * n, end = k + n; k < end; k++) delta[k] = weightsForBonds[k] * s;
  }
  normalizeColumns(n, delta);
  const bonds = buffers.float64("bonds", count * n);
  ema(delta, previousBonds, alpha, bonds);
  normalizeColumns(n, bonds);
  const dividends = new Float64Array(rows.rowOf.length);
  for (let r = 0; r < count; r++) {
    let d = 0;
    const base = r * n;
    for (let j = 0; j < n; j++) d += bonds[base + j] * incentive[j];
    dividends[rows.uids[r]] = d;
  }
  return { bonds, dividends: normalizeInPlace(dividends) };
}
