import { checkAmounts } from "./checkAmounts.ts";

/**
 * Theil T index of non-negative amounts:
 *   T = (1/n) Σᵢ (xᵢ/μ) ln(xᵢ/μ),   with 0·ln 0 = 0.
 * 0 when everyone gets the same, ln n when one gets everything ([0, 0, 0, 1] → ln 4). Unlike Gini it
 * is decomposable into between- and within-group parts, and it weighs the top of the distribution
 * more. Empty input or an all-zero total gives 0. Negative or non-finite values throw.
 */
export function computeTheil(values: readonly number[]): number {
  checkAmounts("computeTheil", values);
  const n = values.length;
  const max = values.reduce((m, v) => Math.max(m, v), 0);
  if (n === 0 || max === 0) return 0;
  // Scale by the largest amount first: T is unit-free, and subnormal amounts (e.g. 3.5e-323) would
  // otherwise lose most of their precision in the mean.
  const scaled = values.map((v) => v / max);
  const mean = scaled.reduce((s, v) => s + v, 0) / n;
  let t = 0;
  for (const v of scaled) {
    const r = v / mean;
    if (r > 0) t += r * Math.log(r);
  }
  // Clamp float noise at both ends.
  return Math.min(Math.max(t / n, 0), Math.log(n));
}
