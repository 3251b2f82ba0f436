import type { MlpWeights } from "../models/mlpWeights.ts";
import { createInferenceAdapter, type InferenceAdapter } from "./createInferenceAdapter.ts";

/** Rows per pass, so the hidden activations of many miners stay small. */
export const ROWS_PER_PASS = 250;

/**
 * Rows of one miner's [rows × classes] answers whose argmax (first maximum) equals the label at
 * `labels[labelStart + row]`.
 */
export function countCorrectRows(
  answers: Float32Array,
  rows: number,
  classes: number,
  labels: ArrayLike<number>,
  labelStart: number,
): number {
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (answers[base + c] > answers[base + best]) best = c;
    if (best === labels[labelStart + r]) correct++;
  }
  return correct;
}

/**
 * Each miner's accuracy (share of argmax predictions equal to the label) on a labelled set, through an
 * existing adapter (in-process or workers), in passes of `rowsPerPass` rows.
 */
export function measureAdapterAccuracy(
  adapter: InferenceAdapter,
  x: Float32Array,
  y: Uint8Array,
  rowsPerPass = ROWS_PER_PASS,
): number[] {
  const n = y.length;
  const { inputSize, outputs: classes, miners } = adapter;
  const correct = new Array<number>(miners).fill(0);
  for (let start = 0; start < n; start += rowsPerPass) {
    const rows = Math.min(rowsPerPass, n - start);
    const probs = adapter.infer(x.subarray(start * inputSize, (start + rows) * inputSize), rows);
    const per = rows * classes;
    for (let m = 0; m < miners; m++) {
      correct[m] += countCorrectRows(probs.subarray(m * per, (m + 1) * per), rows, classes, y, start);
    }
  }
  return correct.map((c) => (n === 0 ? Number.NaN : c / n));
}

/**
 * Each model's accuracy on a labelled set, with real tfjs through the batched inference adapter.
 */
export async function measureAccuracy(
  models: readonly MlpWeights[],
  x: Float32Array,
  y: Uint8Array,
): Promise<number[]> {
  if (models.length === 0) return [];
  const adapter = await createInferenceAdapter(models);
  try {
    return measureAdapterAccuracy(adapter, x, y);
  } finally {
    adapter.dispose();
  }
}
