import type { RowMatrix } from "./prepareWeights.ts";

/**
 * §1.2-10: bonds penalty β: W̃ = W + β (W̄ − W) (β = 0: raw weights, β = 1: clipped weights).
 * Entry existence follows the chain's `interpolate_sparse`: the raw matrix's at β = 0, the clipped
 * matrix's at β = 1, and in between an entry exists iff its interpolated value is positive.
 */
export function computeWeightsForBonds(weights: RowMatrix, clipped: RowMatrix, beta: number): RowMatrix {
  if (beta === 0) return weights;
  if (beta === 1) return clipped;
  const values = new Float64Array(weights.values.length);
  const present = new Uint8Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const w = weights.values[k];
    const v = w + beta * (clipped.values[k] - w);
    if (v > 0) {
      values[k] = v;
      present[k] = 1;
    }
  }
  return { values, present };
}
