import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import { checkAmounts } from "./checkAmounts.ts";

/**
 * Nakamoto coefficient: the smallest number of holders whose combined amount is strictly more than
 * `threshold` (default ½) of the total, taking the largest holders first. 1 means a single holder
 * controls a majority; higher is more decentralised. [4, 1, 1, 1] → 1; [1, 1, 1, 1] → 3 (two hold
 * exactly half, not more). null when the total is 0 (nobody holds anything).
 */
export function computeNakamoto(values: readonly number[], threshold = 0.5): number | null {
  checkAmounts("computeNakamoto", values);
  if (!(threshold >= 0 && threshold < 1))
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `computeNakamoto: threshold must be in [0, 1), got ${threshold}`,
    );
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((s, v) => s + v, 0);
  if (total === 0) return null;
  let held = 0;
  for (let k = 0; k < sorted.length; k++) {
    held += sorted[k];
    if (held > threshold * total) return k + 1;
  }
  return sorted.length; // float rounding only: the full set holds the total
}
