import type { ValidatorRows } from "./validatorRows.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/** A (rows × n) row-major matrix over the validator rows, with which entries exist (sparse view). */
export interface RowMatrix {
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

/**
 * §1.2-5: read the stored u16 weights of permitted validators, drop self-weights (except the
 * owner's), drop weights set before the target's current registration (`lastUpdate_i ≤
 * registeredAt_j`), and normalise each row to sum to 1 (an all-zero row stays zero).
 */
export function prepareWeights(
  n: number,
  rows: ValidatorRows,
  weights: ReadonlyArray<Float64Array | undefined>,
  weightPresent: ReadonlyArray<Uint8Array | undefined> | undefined,
  permit: Uint8Array,
  lastUpdate: Float64Array,
  registeredAt: Float64Array,
  ownerUid?: number,
  buffers: Buffers = FRESH,
): RowMatrix {
  const count = rows.uids.length;
  const values = buffers.float64("weights", count * n);
  const present = buffers.uint8("weightsPresent", count * n);
  for (let r = 0; r < count; r++) {
    const i = rows.uids[r];
    const row = weights[i];
    if (!permit[i] || row === undefined) continue;
    const rowPresent = weightPresent?.[i];
    const updated = lastUpdate[i];
    const base = r * n;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const w = row[j];
      const exists = rowPresent === undefined ? w > 0 : rowPresent[j] === 1;
      if (!exists) continue;
      if (j === i && i !== ownerUid) continue;
      if (updated <= registeredAt[j]) continue;
      values[base + j] = w;
      present[base + j] = 1;
      sum += w;
    }
    if (sum > 0) for (let j = 0; j < n; j++) values[base + j] /= sum;
  }
  return { values, present };
}
