import { type Fixed, normalize, sub, sum, ZERO } from "./i32f32.ts";
import type { SparseRows } from "./sparseRows.ts";

/**
 * The chain's `weighted_median` (math.rs): a deterministic mid-pivot partition search over the
 * stake integral, returning the pivot score when lo_stake ≤ minority < lo_stake + stake_at_pivot.
 */
export function fixedWeightedMedian(
  stake: readonly Fixed[],
  score: readonly Fixed[],
  partition: readonly number[],
  minority: Fixed,
  partitionLo: Fixed,
  partitionHi: Fixed,
): Fixed {
  let current = partition;
  let lo = partitionLo;
  let hi = partitionHi;
  for (let iteration = 0; iteration <= partition.length; iteration++) {
    const n = current.length;
    if (n === 0) return ZERO;
    if (n === 1) return score[current[0]];
    const pivot = score[current[Math.floor(n / 2)]];
    let loStake = ZERO;
    let hiStake = ZERO;
    const lower: number[] = [];
    const upper: number[] = [];
    for (const idx of current) {
      if (score[idx] === pivot) continue;
      if (score[idx] < pivot) {
        loStake += stake[idx];
        lower.push(idx);
      } else {
        hiStake += stake[idx];
        upper.push(idx);
      }
    }
    if (minority < lo + loStake && lower.length > 0) {
      current = lower;
      hi = lo + loStake;
    } else if (hi - hiStake <= minority && upper.length > 0) {
      current = upper;
      lo = hi - hiStake;
    } else return pivot;
  }
  return ZERO;
}

/** `weighted_median_col_sparse`: consensus per column over rows with positive (renormalised) stake. */
export function fixedWeightedMedianColumns(
  stake: readonly Fixed[],
  score: SparseRows,
  columns: number,
  majority: Fixed,
): Fixed[] {
  const useStake = normalize(stake.filter((s) => s > 0n));
  const stakeSum = sum(useStake);
  const minority = sub(stakeSum, majority);
  const indices = useStake.map((_, k) => k);
  const useScore: Fixed[][] = Array.from({ length: columns }, () => new Array(useStake.length).fill(ZERO));
  let k = 0;
  for (let i = 0; i < stake.length && i < score.length; i++) {
    if (stake[i] <= 0n) continue;
    for (const [c, v] of score[i]) if (c < columns) useScore[c][k] = v;
    k++;
  }
  return useScore.map((column) => fixedWeightedMedian(useStake, column, indices, minority, ZERO, stakeSum));
}
