/**
 * Loss of the network without worker j, for every member j, as allora-chain computes its one-out
 * inference (`calcOneOutInfererInference`): the regret weights are recomputed over the remaining
 * members only (their standard deviation and best regret, without j) from the one-out regrets
 * R^{−j}_l = R_l + D_j, where D_j is the EMA of ln L^{−j} − ln L (the chain's one-out regret EMA of
 * ln L^{−j} − ln L_l splits into these two EMAs). The one-out loss is then the weighted mean of the
 * remaining members' losses, the same proxy as the network loss. A worker whose presence inflates the
 * spread of regrets (and so lets weak workers keep weight) therefore has a one-out network that is
 * better than the full one, even when its own weight is 0.
 *
 * Members need a prior regret. A member that is the only one gets `fallback` (one-out undefined).
 * O(members²) time, O(n) memory.
 */
export function computeOneOutLosses(
  regrets: Float64Array,
  shifts: Float64Array,
  members: Uint8Array,
  losses: Float64Array,
  p: number,
  c: number,
  epsilon: number,
  fallback: number,
): Float64Array {
  const n = regrets.length;
  const index: number[] = [];
  for (let j = 0; j < n; j++) if (members[j]) index.push(j);
  const out = new Float64Array(n).fill(Number.NaN);
  const count = index.length;
  if (count === 0) return out;
  // Mean and sum of squared deviations of all members' regrets; removing one is O(1).
  let mean = 0;
  for (const j of index) mean += regrets[j];
  mean /= count;
  let m2 = 0;
  for (const j of index) m2 += (regrets[j] - mean) ** 2;
  // The two largest regrets, for the best one without j.
  let first = -1;
  let second = -1;
  for (const j of index) {
    if (first < 0 || regrets[j] > regrets[first]) {
      second = first;
      first = j;
    } else if (second < 0 || regrets[j] > regrets[second]) {
      second = j;
    }
  }
  // Dense copies of the members' regrets and losses; the inner loop is the cost (one exp per pair).
  const memberRegrets = Float64Array.from(index, (j) => regrets[j]);
  const memberLosses = Float64Array.from(index, (j) => losses[j]);
  const cap = c + 6.75 / p;
  const floor = c - 8.25 / p;
  const zero = c - 17.25 / p;
  for (let k = 0; k < count; k++) {
    const j = index[k];
    if (count === 1) {
      out[j] = fallback;
      continue;
    }
    const rest = count - 1;
    const meanRest = (mean * count - regrets[j]) / rest;
    const m2Rest = Math.max(0, m2 - (regrets[j] - mean) * (regrets[j] - meanRest));
    const scale = Math.sqrt(m2Rest / rest) + epsilon;
    const shift = shifts[j];
    const best = (regrets[j === first ? second : first] + shift) / scale;
    // weightFromNormalizedRegret, inlined.
    const lift = best < floor ? floor - best : 0;
    let weightSum = 0;
    let weightedLoss = 0;
    for (let m = 0; m < count; m++) {
      if (m === k) continue;
      const x = Math.min((memberRegrets[m] + shift) / scale, cap) + lift;
      if (x < zero) continue;
      const w = p / (Math.exp(p * (c - x)) + 1);
      weightSum += w;
      weightedLoss += w * memberLosses[m];
    }
    out[j] = weightSum > 0 ? weightedLoss / weightSum : fallback;
  }
  return out;
}
