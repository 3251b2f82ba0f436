import type { ValidatorRows } from "./validatorRows.ts";

/** §1.2-8: validator trust Tv_i = Σ_j W̄_ij, the part of its weight that survived clipping. */
export function computeValidatorTrust(n: number, rows: ValidatorRows, clipped: Float64Array): Float64Array {
  const trust = new Float64Array(rows.rowOf.length);
  for (let r = 0; r < rows.uids.length; r++) {
    let sum = 0;
    for (let j = r * n, end = j + n; j < end; j++) sum += clipped[j];
    trust[rows.uids[r]] = sum;
  }
  return trust;
}
