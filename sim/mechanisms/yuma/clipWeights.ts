import type { RowMatrix } from "./prepareWeights.ts";

/**
 * §1.2-7: W̄_ij = min(W_ij, C_j). As in the chain's sparse path, an entry clipped to a consensus of 0
 * (W_ij > C_j ≤ 0) no longer exists.
 */
export function clipWeights(n: number, weights: RowMatrix, consensus: Float64Array): RowMatrix {
  const values = new Float64Array(weights.values.length);
  const present = new Uint8Array(weights.present.length);
  for (let base = 0; base < values.length; base += n) {
    for (let j = 0; j < n; j++) {
      const k = base + j;
      const w = weights.values[k];
      const c = consensus[j];
      if (c < w) {
        if (c > 0) {
          values[k] = c;
          present[k] = weights.present[k];
        }
      } else {
        values[k] = w;
        present[k] = weights.present[k];
      }
    }
  }
  return { values, present };
}
