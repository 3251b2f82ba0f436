import { fixedLiquidAlpha } from "./fixedLiquidAlpha.ts";
import { add, checkedMulOrZero, type Fixed, max, min, mul, normalize, ONE, sub, ZERO } from "./i32f32.ts";
import {
  emaSparse,
  normalizeColumnsSparse,
  rowSums,
  rowWeightedSums,
  type SparseRow,
  type SparseRows,
} from "./sparseRows.ts";

/** §1.2-11a classic Yuma, as `epoch_mechanism` computes it in I32F32. */
export function fixedClassicBonds(
  n: number,
  weightsForBonds: SparseRows,
  previous: SparseRows,
  activeStake: readonly Fixed[],
  incentive: readonly Fixed[],
  alpha: Fixed,
): { ema: SparseRows; dividends: Fixed[] } {
  const old = normalizeColumnsSparse(previous, n);
  const delta = normalizeColumnsSparse(
    weightsForBonds.map((row, i) =>
      row.map(([j, v]): [number, Fixed] => [j, mul(v, activeStake[i] ?? ZERO)]),
    ),
    n,
  );
  const ema = normalizeColumnsSparse(emaSparse(delta, old, alpha, n), n);
  return { ema, dividends: normalize(rowWeightedSums(ema, incentive)) };
}

export interface FixedYuma3Options {
  readonly liquidAlpha: boolean;
  readonly alpha: Fixed;
  readonly alphaLow: Fixed;
  readonly alphaHigh: Fixed;
  readonly steepnessI16: number;
  readonly bondsUpdate: "sparse" | "dense";
}

/** §1.2-11b Yuma 3 (`compute_bonds_sparse` and the dividend step) in I32F32. */
export function fixedYuma3Bonds(
  n: number,
  weightsForBonds: SparseRows,
  previous: SparseRows,
  consensus: readonly Fixed[],
  activeStake: readonly Fixed[],
  incentive: readonly Fixed[],
  options: FixedYuma3Options,
): { ema: SparseRows; dividends: Fixed[] } {
  const liquid = options.liquidAlpha && consensus.some((c) => c !== 0n);
  const ema = liquid
    ? liquidEma(n, weightsForBonds, previous, consensus, options)
    : emaSparse(weightsForBonds, previous, options.alpha, n);
  const normalized = normalizeColumnsSparse(ema, n);
  const perValidator = rowSums(
    normalized.map((row) =>
      row.map(([j, v]): [number, Fixed] => [j, mul(v, incentive[j] ?? ZERO)]).filter(([, v]) => v !== 0n),
    ),
  );
  const dividends = normalize(perValidator.map((b, i) => checkedMulOrZero(b, activeStake[i] ?? ZERO)));
  return { ema, dividends };
}

/**
 * `mat_ema_alpha_sparse` (sparse: only columns present in the new weights row survive) or
 * `mat_ema_alpha` (dense: every column decays) with per-bond liquid alphas.
 */
function liquidEma(
  n: number,
  weights: SparseRows,
  previous: SparseRows,
  consensus: readonly Fixed[],
  o: FixedYuma3Options,
): SparseRows {
  return weights.map((row, i) => {
    const w = new Array<Fixed>(n).fill(ZERO);
    const b = new Array<Fixed>(n).fill(ZERO);
    for (const [j, v] of row) w[j] = v;
    for (const [j, v] of previous[i] ?? []) b[j] = v;
    const columns = o.bondsUpdate === "sparse" ? row.map(([j]) => j) : w.map((_, j) => j);
    const out: SparseRow = [];
    for (const j of columns) {
      const a = fixedLiquidAlpha(consensus[j], w[j], b[j], o.alphaLow, o.alphaHigh, o.steepnessI16);
      const value = min(add(mul(sub(ONE, a), b[j]), max(mul(a, w[j]), ZERO)), ONE);
      if (value > 0n) out.push([j, value]);
    }
    return out;
  });
}
