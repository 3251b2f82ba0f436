import { createInferenceAdapter } from "./createInferenceAdapter.ts";
import type { MlpWeights } from "./mlpWeights.ts";

/** Rows per pass, so the hidden activations of many miners stay small. */
const ROWS_PER_PASS = 250;

/**
 * Each model's accuracy (share of argmax predictions equal to the label) on a labelled set, with real
 * tfjs through the batched inference adapter.
 */
export async function measureAccuracy(
  models: readonly MlpWeights[],
  x: Float32Array,
  y: Uint8Array,
): Promise<number[]> {
  if (models.length === 0) return [];
  const n = y.length;
  const inputSize = models[0].inputSize;
  const correct = new Array<number>(models.length).fill(0);
  const adapter = await createInferenceAdapter(models);
  try {
    for (let start = 0; start < n; start += ROWS_PER_PASS) {
      const rows = Math.min(ROWS_PER_PASS, n - start);
      const probs = adapter.infer(x.subarray(start * inputSize, (start + rows) * inputSize), rows);
      const classes = adapter.outputs;
      for (let m = 0; m < models.length; m++) {
        for (let r = 0; r < rows; r++) {
          const base = (m * rows + r) * classes;
          let best = 0;
          for (let c = 1; c < classes; c++) if (probs[base + c] > probs[base + best]) best = c;
          if (best === y[start + r]) correct[m]++;
        }
      }
    }
  } finally {
    adapter.dispose();
  }
  return correct.map((c) => c / n);
}
