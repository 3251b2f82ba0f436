import { checkAmounts } from "./checkAmounts.ts";

/**
 * Gini coefficient of non-negative amounts, population formula:
 *   G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ)
 * computed in O(n log n) from the sorted values as G = 2 Σᵢ i·x₍ᵢ₎ / (n Σx) − (n + 1) / n (i from 1).
 * 0 when everyone gets the same, (n − 1) / n when one gets everything ([0, 0, 0, 1] → 0.75).
 * Empty input or an all-zero total gives 0 (nobody is favoured). Negative or non-finite values throw.
 */
export function computeGini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  checkAmounts("computeGini", values);
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i];
    weighted += (i + 1) * sorted[i];
  }
  if (total === 0) return 0;
  const gini = (2 * weighted) / (n * total) - (n + 1) / n;
  // Clamp float noise (e.g. -1e-17 for equal values).
  return Math.min(Math.max(gini, 0), 1);
}
