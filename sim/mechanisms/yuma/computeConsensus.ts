/**
 * §1.2-6: consensus C_j = the stake-weighted κ-median of column j over validators with active stake:
 * the largest weight w such that validators giving j at least w hold at least κ of the stake.
 * Equivalently (and as the chain's `weighted_median` returns it) the smallest w whose cumulative
 * stake from below, ties included, exceeds the minority `Σs − κ`. Rows without an entry count as 0.
 *
 * Cost: one sort per column of its non-zero entries, O(V log V); zero entries are only summed.
 */
export function computeConsensus(
  n: number,
  rowStake: Float64Array,
  weights: Float64Array,
  kappa: number,
): Float64Array {
  const used: number[] = [];
  let total = 0;
  for (let r = 0; r < rowStake.length; r++) {
    if (rowStake[r] > 0) {
      used.push(r);
      total += rowStake[r];
    }
  }
  const m = used.length;
  const stake = new Float64Array(m);
  let stakeSum = 0;
  for (let u = 0; u < m; u++) {
    stake[u] = rowStake[used[u]] / total; // the chain renormalises the positive stakes here
    stakeSum += stake[u];
  }
  const minority = stakeSum - kappa;
  const consensus = new Float64Array(n);
  if (m === 0) return consensus;
  const values = new Float64Array(m);
  const valueStake = new Float64Array(m);
  const order = new Uint32Array(m);
  const offsets = Int32Array.from(used, (r) => r * n);
  for (let j = 0; j < n; j++) {
    let count = 0;
    let zeroStake = 0;
    for (let u = 0; u < m; u++) {
      const v = weights[offsets[u] + j];
      if (v === 0) zeroStake += stake[u];
      else {
        values[count] = v;
        valueStake[count] = stake[u];
        count++;
      }
    }
    consensus[j] = medianOfCollected(values, valueStake, order, count, m - count, zeroStake, minority);
  }
  return consensus;
}

/**
 * Weighted median of one column given as (value, stake) pairs: rows with positive stake are kept and
 * their stakes renormalised, as the chain does. Exposed for tests and the examples of §1.2-6.
 */
export function weightedMedian(values: ArrayLike<number>, stakes: ArrayLike<number>, kappa: number): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (stakes[i] > 0) total += stakes[i];
  const v: number[] = [];
  const s: number[] = [];
  let zeroStake = 0;
  let zeroCount = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(stakes[i] > 0)) continue;
    const share = stakes[i] / total;
    sum += share;
    if (values[i] === 0) {
      zeroStake += share;
      zeroCount++;
    } else {
      v.push(values[i]);
      s.push(share);
    }
  }
  return medianOfCollected(
    Float64Array.from(v),
    Float64Array.from(s),
    new Uint32Array(v.length),
    v.length,
    zeroCount,
    zeroStake,
    sum - kappa,
  );
}

function medianOfCollected(
  values: Float64Array,
  stakes: Float64Array,
  order: Uint32Array,
  count: number,
  zeroCount: number,
  zeroStake: number,
  minority: number,
): number {
  if (zeroCount > 0 && zeroStake > minority) return 0;
  if (count === 0) return 0;
  const idx = order.subarray(0, count);
  for (let k = 0; k < count; k++) idx[k] = k;
  idx.sort((a, b) => values[a] - values[b]);
  let cumulative = zeroStake;
  let k = 0;
  while (k < count) {
    const v = values[idx[k]];
    while (k < count && values[idx[k]] === v) cumulative += stakes[idx[k++]];
    if (cumulative > minority) return v;
  }
  return values[idx[count - 1]];
}
