/**
 * Allora's regret-informed weights (`CalcWeightFromNormalizedRegret`, reference §4): regrets are
 * divided by their population standard deviation + ε; capped at c + 6.75/p; if even the best is
 * below c − 8.25/p all are shifted so the best sits there; below c − 17.25/p the weight is 0, else
 * w = φ'_{p,c}(R̂) = p / (e^{p (c − R̂)} + 1). Only entries of `members` are computed (others 0).
 */
export function computeRegretWeights(
  regrets: Float64Array,
  members: Uint8Array,
  p: number,
  c: number,
  epsilon: number,
): Float64Array {
  const weights = new Float64Array(regrets.length);
  const values: number[] = [];
  for (let j = 0; j < regrets.length; j++) if (members[j]) values.push(regrets[j]);
  if (values.length === 0) return weights;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  const scale = Math.abs(sd) + epsilon;
  let best = Number.NEGATIVE_INFINITY;
  for (const r of values) best = Math.max(best, r / scale);
  for (let j = 0; j < regrets.length; j++) {
    if (members[j]) weights[j] = weightFromNormalizedRegret(regrets[j] / scale, best, p, c);
  }
  return weights;
}

/**
 * The weight of one normalised regret `x` when the best normalised regret is `best` (uncapped):
 * the cap, the shift when the best is below c − 8.25/p, the zero below c − 17.25/p, then φ'_{p,c}.
 */
export function weightFromNormalizedRegret(x: number, best: number, p: number, c: number): number {
  let r = Math.min(x, c + 6.75 / p);
  const floor = c - 8.25 / p;
  if (best < floor) r = r - best + floor;
  return r < c - 17.25 / p ? 0 : p / (Math.exp(p * (c - r)) + 1);
}
