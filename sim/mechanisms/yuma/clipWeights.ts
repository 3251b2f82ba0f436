import type { RowMatrix } from "./prepareWeights.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/**
 * §1.2-7: W̄_ij = min(W_ij, C_j). As in the chain's sparse path, an entry clipped to a consensus of 0
 * (W_ij > C_j ≤ 0) no longer exists.
 */
export function clipWeights(
  n: number,
  weights: RowMatrix,
  consensus: Float64Array,
  buffers: Buffers = FRESH,
): RowMatrix {
  const source = weights.values;
  const exists = weights.present;
  const values = buffers.float64("clipped", source.length);
  const present = buffers.uint8("clippedPresent", exists.length);
  for (let base = 0; base < values.length; base += n) {
    for (let j = 0; j < n; j++) {
      const k = base + j;
      const w = source[k];
      if (w === 0 && exists[k] === 0) continue;
      const c = consensus[j];
      if (c < w) {
        if (c > 0) {
          values[k] = c;
          present[k] = exists[k];
        }
      } else {
        values[k] = w;
        present[k] = exists[k];
      }
    }
  }
  return { values, present };
}
