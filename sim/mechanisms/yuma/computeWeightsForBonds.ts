import type { RowMatrix } from "./prepareWeights.ts";
import { type Buffers, FRESH } from "./yumaWorkspace.ts";

/**
 * §1.2-10: bonds penalty β: W̃ = W + β (W̄ − W) (β = 0: raw weights, β = 1: clipped weights).
 * Entry existence follows the chain's `interpolate_sparse`: the raw matrix's at β = 0, the clipped
 * matrix's at β = 1, and in between an entry exists iff its interpolated value is positive.
 */
export function computeWeightsForBonds(
  weights: RowMatrix,
  clipped: RowMatrix,
  beta: number,
  buffers: Buffers = FRESH,
): RowMatrix {
  if (beta === 0) return weights;
  if (beta === 1) return clipped;
  const raw = weights.values;
  const low = clipped.values;
  const values = buffers.float64("weightsForBonds", raw.length);
  const present = buffers.uint8("weightsForBondsPresent", values.length);
  for (let k = 0; k < values.length; k++) {
    const w = raw[k];
    const v = w + beta * (low[k] - w);
    if (v > 0) {
      values[k] = v;
      present[k] = 1;
    }
  }
  return { values, present };
}
