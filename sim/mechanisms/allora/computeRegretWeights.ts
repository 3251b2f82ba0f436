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
  const cap = c + 6.75 / p;
  const floor = c - 8.25 / p;
  const zero = c - 17.25 / p;
  for (let j = 0; j < regrets.length; j++) {
    if (!members[j]) continue;
    let x = Math.min(regrets[j] / scale, cap);
    if (best < floor) x = x - best + floor;
    weights[j] = x < zero ? 0 : p / (Math.exp(p * (c - x)) + 1);
  }
  return weights;
}
