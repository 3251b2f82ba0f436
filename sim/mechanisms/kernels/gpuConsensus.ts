import type { IKernelFunctionThis, KernelFunction } from "gpu.js";
import { type computeConsensus, weightedMedian } from "../yuma/computeConsensus.ts";
import type { GpuRuntime } from "./createGpuRuntime.ts";

/** Value-space halvings before the exact walk; each is one pass over the column. */
const BISECTIONS = 20;

interface ConsensusConstants {
  rows: number;
  n: number;
  bisections: number;
}

/**
 * The κ-median of column `this.thread.x`, in float32, without a sort: it returns the ROW whose value
 * is the median (−1 for 0), so the caller reads the exact float64 value back. Same rule as
 * `computeConsensus`: the smallest value v of the column (over rows with positive stake `s`) whose
 * stake at or below v exceeds `minority`, 0 when the rows at 0 already do, the largest value when
 * none does. One pass finds the stake at 0 and the largest value; value bisection narrows (lo, hi]
 * around the median, keeping stake(≤ lo) ≤ minority < stake(≤ hi); then a walk over the distinct
 * values above lo (usually one step) picks the exact value.
 */
function consensusKernel(
  this: IKernelFunctionThis<ConsensusConstants>,
  w: Float32Array,
  s: Float32Array,
  minority: number,
): number {
  const j = this.thread.x;
  const n = this.constants.n;
  let zero = 0;
  let zeroRows = 0;
  let top = 0;
  let topRow = -1;
  for (let r = 0; r < this.constants.rows; r++) {
    if (s[r] > 0) {
      const v = w[r * n + j];
      if (v === 0) {
        zero += s[r];
        zeroRows += 1;
      } else if (v > top) {
        top = v;
        topRow = r;
      }
    }
  }
  if (zeroRows > 0 && zero > minority) return -1;
  if (topRow < 0) return -1;
  let lo = 0;
  let hi = top;
  for (let it = 0; it < this.constants.bisections; it++) {
    const mid = (lo + hi) * 0.5;
    let below = 0;
    for (let r = 0; r < this.constants.rows; r++) {
      if (w[r * n + j] <= mid) below += s[r];
    }
    if (below > minority) hi = mid;
    else lo = mid;
  }
  let best = topRow;
  for (let step = 0; step < this.constants.rows; step++) {
    let next = top + 1;
    let nextRow = -1;
    for (let r = 0; r < this.constants.rows; r++) {
      const v = w[r * n + j];
      if (s[r] > 0 && v > lo && v < next) {
        next = v;
        nextRow = r;
      }
    }
    if (nextRow < 0) break;
    let below = 0;
    for (let r = 0; r < this.constants.rows; r++) {
      if (w[r * n + j] <= next) below += s[r];
    }
    if (below > minority) {
      best = nextRow;
      break;
    }
    lo = next;
  }
  return best;
}

/**
 * How far a stake sum must clear the minority for a candidate to be accepted: well above the
 * float64 rounding of a sum of shares ≤ 1 in another order (≤ rows · 2^-53).
 */
const MARGIN = 2 ** -36;

/** `computeConsensus` from gpu.js, plus how many columns the last call recomputed on typed arrays. */
export type GpuConsensus = typeof computeConsensus & { readonly recomputedColumns: number };

/**
 * `computeConsensus` with the search done by a gpu.js kernel (one thread per column, float32) and
 * the answer certified in float64, so the result is the typed-array result bit for bit. Stakes are
 * renormalised and the minority Σs − κ formed exactly as `computeConsensus` forms them. The kernel
 * names a candidate row per column; one row-major float64 pass sums the stake strictly below and at
 * each candidate, and a candidate is kept when stake below ≤ minority − margin and stake at or below
 * > minority + margin (then no rounding or summation order can change the typed answer). Any other
 * column (float32 merged two weights, or the answer sits on the threshold) is recomputed with
 * `weightedMedian`, the typed code itself.
 */
export function createGpuConsensus(runtime: GpuRuntime): GpuConsensus {
  let recomputedColumns = 0;
  const run = (n: number, rowStake: Float64Array, weights: Float64Array, kappa: number) => {
    recomputedColumns = 0;
    const rows = rowStake.length;
    const consensus = new Float64Array(n);
    if (rows === 0 || n === 0) return consensus;
    let total = 0;
    for (let r = 0; r < rows; r++) if (rowStake[r] > 0) total += rowStake[r];
    if (total === 0) return consensus;
    const share = new Float64Array(rows);
    let stakeSum = 0;
    for (let r = 0; r < rows; r++) {
      if (!(rowStake[r] > 0)) continue;
      share[r] = rowStake[r] / total;
      stakeSum += share[r];
    }
    const minority = stakeSum - kappa;
    const kernel = runtime.kernel("consensus", `${rows}x${n}`, consensusKernel as KernelFunction, {
      output: [n],
      constants: { rows, n, bisections: BISECTIONS },
      argumentTypes: { w: "Array", s: "Array", minority: "Float" },
      tactic: "precision",
    });
    const row = kernel(weights, share, minority);
    for (let j = 0; j < n; j++) {
      const r = row[j];
      if (r >= 0) consensus[j] = weights[r * n + j];
    }
    const below = new Float64Array(n);
    const at = new Float64Array(n);
    for (let r = 0; r < rows; r++) {
      const s = share[r];
      if (s === 0) continue;
      for (let j = 0, k = r * n; j < n; j++, k++) {
        const v = weights[k];
        const c = consensus[j];
        if (v < c) below[j] += s;
        else if (v === c) at[j] += s;
      }
    }
    const column = new Float64Array(rows);
    for (let j = 0; j < n; j++) {
      if (below[j] <= minority - MARGIN && below[j] + at[j] > minority + MARGIN) continue;
      for (let r = 0; r < rows; r++) column[r] = weights[r * n + j];
      consensus[j] = weightedMedian(column, rowStake, kappa);
      recomputedColumns++;
    }
    return consensus;
  };
  return Object.defineProperty(run, "recomputedColumns", { get: () => recomputedColumns }) as GpuConsensus;
}
