/** Columns sampled by `sampleSearchedColumns`. */
const SAMPLES = 64;

/**
 * The fraction of columns whose κ-median needs a search, estimated on up to 64 evenly spaced
 * columns: a column needs one unless the stake giving it 0 already exceeds the minority Σs − κ
 * (then `computeConsensus` returns 0 after one pass). The gpu.js κ-median pays an upload and a
 * certification pass on every column and wins only when most columns are searched. Costs
 * 64 × rows reads.
 */
export function sampleSearchedColumns(
  n: number,
  rowStake: Float64Array,
  weights: Float64Array,
  kappa: number,
): number {
  let total = 0;
  for (let r = 0; r < rowStake.length; r++) if (rowStake[r] > 0) total += rowStake[r];
  if (n === 0 || total === 0) return 0;
  const samples = Math.min(n, SAMPLES);
  const minority = 1 - kappa;
  let searched = 0;
  for (let s = 0; s < samples; s++) {
    const j = Math.floor((s * n) / samples);
    let zero = 0;
    for (let r = 0; r < rowStake.length; r++) {
      if (rowStake[r] > 0 && weights[r * n + j] === 0) zero += rowStake[r] / total;
    }
    if (!(zero > minority)) searched++;
  }
  return searched / samples;
}
