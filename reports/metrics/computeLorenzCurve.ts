import { checkAmounts } from "./checkAmounts.ts";

export interface LorenzPoint {
  /** Share of holders, poorest first (0..1). */
  population: number;
  /** Their share of the total (0..1). */
  share: number;
}

export interface LorenzOptions {
  /** At most this many points (≥ 2), spread evenly over the ranking; both ends always kept. */
  maxPoints?: number;
}

/**
 * Lorenz curve of non-negative amounts: point k is (k/n, sum of the k smallest / total), from (0, 0)
 * to (1, 1); the equality line is population = share, and the area between them is Gini / 2. When
 * nothing was paid the curve is the equality line (nobody is favoured). Empty input gives [].
 */
export function computeLorenzCurve(values: readonly number[], options: LorenzOptions = {}): LorenzPoint[] {
  checkAmounts("computeLorenzCurve", values);
  const n = values.length;
  if (n === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  const cumulative = [0];
  for (const v of sorted) cumulative.push(cumulative[cumulative.length - 1] + v);
  const maxPoints = Math.max(2, options.maxPoints ?? Number.POSITIVE_INFINITY);
  const indices =
    n + 1 <= maxPoints
      ? cumulative.map((_, k) => k)
      : [...new Set(Array.from({ length: maxPoints }, (_, j) => Math.round((j * n) / (maxPoints - 1))))];
  return indices.map((k) => ({
    population: k / n,
    share: total === 0 ? k / n : k === n ? 1 : cumulative[k] / total,
  }));
}
