import { normalizeInPlace } from "./normalizeStake.ts";
import type { ValidatorRows } from "./validatorRows.ts";

/** §1.2-9: ranks R_j = Σ_i S^a_i · W̄_ij, incentive I = R / Σ R (all zero if nothing is ranked). */
export function computeIncentive(
  n: number,
  rows: ValidatorRows,
  activeStake: Float64Array,
  clipped: Float64Array,
): Float64Array {
  const ranks = new Float64Array(n);
  for (let r = 0; r < rows.uids.length; r++) {
    const s = activeStake[rows.uids[r]];
    if (s === 0) continue;
    const base = r * n;
    for (let j = 0; j < n; j++) ranks[j] += s * clipped[base + j];
  }
  return normalizeInPlace(ranks);
}
