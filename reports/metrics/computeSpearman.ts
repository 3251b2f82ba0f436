import { sampleRankCorrelation } from "simple-statistics";
import { CrucibleError } from "../../sim/errors/CrucibleError.ts";

/**
 * Spearman rank correlation (midranks for ties) of paired samples. NaN when it is undefined: fewer
 * than two pairs, or one side constant. Pairs where either value is not finite are dropped.
 */
export function computeSpearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length)
    throw new CrucibleError(
      "CRUCIBLE_INVALID_ARGUMENT",
      `computeSpearman: length mismatch ${x.length} vs ${y.length}`,
    );
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  if (xs.length < 2) return Number.NaN;
  const rho = sampleRankCorrelation(xs, ys);
  // Clamp float noise (a perfectly reversed set can give -1.0000000000000002).
  return Number.isFinite(rho) ? Math.min(Math.max(rho, -1), 1) : Number.NaN;
}
