import { add, type Fixed, mul, safeDiv, sub, ZERO } from "./i32f32.ts";

/**
 * The chain's sparse matrix: one row per UID, each a list of (column, I32F32) entries in column
 * order; an absent entry is not the same as a stored zero in a few places (reference §1.10-4).
 * These are the math.rs operations the epoch uses, with the chain's rounding.
 */
export type SparseRow = [number, Fixed][];
export type SparseRows = SparseRow[];

export const rowSums = (m: SparseRows): Fixed[] => m.map((row) => row.reduce((s, [, v]) => s + v, ZERO));

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it. */
export function normalizeRows(m: SparseRows): SparseRows {
  return m.map((row) => {
    const total = row.reduce((s, [, v]) => s + v, ZERO);
    return total > 0n ? row.map(([j, v]): [number, Fixed] => [j, safeDiv(v, total)]) : row;
  });
}

/** `inplace_col_normalize_sparse`. */
export function normalizeColumnsSparse(m: SparseRows, columns: number): SparseRows {
  const sums = new Array<Fixed>(columns).fill(ZERO);
  for (const row of m) for (const [j, v] of row) if (j < columns) sums[j] = add(sums[j], v);
  return m.map((row) => row.map(([j, v]): [number, Fixed] => [j, sums[j] !== 0n ? safeDiv(v, sums[j]) : v]));
}

/** `inplace_col_max_upscale_sparse`. */
export function maxUpscaleColumnsSparse(m: SparseRows, columns: number): SparseRows {
  const top = new Array<Fixed>(columns).fill(ZERO);
  for (const row of m) for (const [j, v] of row) if (j < columns && top[j] < v) top[j] = v;
  return m.map((row) => row.map(([j, v]): [number, Fixed] => [j, top[j] !== 0n ? safeDiv(v, top[j]) : v]));
}

/** `col_clip_sparse`: min(v, threshold_j); entries whose threshold is ≤ 0 and below v are dropped. */
export function clipColumnsSparse(m: SparseRows, threshold: readonly Fixed[]): SparseRows {
  return m.map((row) => {
    const out: SparseRow = [];
    for (const [j, v] of row) {
      const th = threshold[j] ?? ZERO;
      if (th < v) {
        if (th > 0n) out.push([j, th]);
      } else out.push([j, v]);
    }
    return out;
  });
}

/** `matmul_sparse`: r_j = Σ_i vector_i · m_ij. */
export function columnWeightedSums(m: SparseRows, vector: readonly Fixed[], columns: number): Fixed[] {
  const out = new Array<Fixed>(columns).fill(ZERO);
  m.forEach((row, i) => {
    const scale = vector[i] ?? ZERO;
    for (const [j, v] of row) if (j < columns) out[j] = add(out[j], mul(scale, v));
  });
  return out;
}

/** `matmul_transpose_sparse`: d_i = Σ_j vector_j · m_ij. */
export function rowWeightedSums(m: SparseRows, vector: readonly Fixed[]): Fixed[] {
  return m.map((row) => row.reduce((acc, [j, v]) => add(acc, mul(vector[j] ?? ZERO, v)), ZERO));
}

/** `interpolate_sparse`: a + ratio · (b − a), densified per row; only positive results kept. */
export function interpolateSparse(a: SparseRows, b: SparseRows, columns: number, ratio: Fixed): SparseRows {
  if (ratio === 0n) return a;
  if (ratio === 1n << 32n) return b;
  return a.map((rowA, i) => {
    const dense1 = new Array<Fixed>(columns).fill(ZERO);
    const dense2 = new Array<Fixed>(columns).fill(ZERO);
    for (const [j, v] of rowA) dense1[j] = v;
    for (const [j, v] of b[i] ?? []) dense2[j] = v;
    const out: SparseRow = [];
    for (let j = 0; j < columns; j++) {
      const x = add(dense1[j], mul(ratio, sub(dense2[j], dense1[j])));
      if (x > 0n) out.push([j, x]);
    }
    return out;
  });
}

/** `mat_ema_sparse`: α · new + (1 − α) · old, densified per row; positive entries kept. */
export function emaSparse(next: SparseRows, old: SparseRows, alpha: Fixed, columns: number): SparseRows {
  const oneMinus = sub(1n << 32n, alpha);
  return next.map((rowNew, i) => {
    const acc = new Array<Fixed>(columns).fill(ZERO);
    for (const [j, v] of rowNew) acc[j] = add(acc[j], mul(alpha, v));
    for (const [j, v] of old[i] ?? []) acc[j] = add(acc[j], mul(oneMinus, v));
    const out: SparseRow = [];
    acc.forEach((v, j) => {
      if (v > 0n) out.push([j, v]);
    });
    return out;
  });
}

/** Entries removed where `drop(column)` holds (`scalar_vec_mask_sparse_matrix` and friends). */
export function dropColumns(m: SparseRows, drop: (column: number) => boolean): SparseRows {
  return m.map((row) => row.filter(([j]) => !drop(j)));
}
