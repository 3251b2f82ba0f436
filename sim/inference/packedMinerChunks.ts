import * as tf from "@tensorflow/tfjs";
import type { MlpWeights } from "../models/mlpWeights.ts";

/** What the output layer applies: class probabilities (`softmax`) or raw values (`linear`, regression). */
export type OutputActivation = "softmax" | "linear";

/**
 * Miners of one hidden size, packed once, first layers stacked TRANSPOSED: w1t is [hidden·count ×
 * inputSize], miner m's rows are its w1ᵀ. The weights are the GEMM's left operand, so the wasm
 * backend's XNNPACK packs only the small query matrix per call; with the weights as the right
 * operand it keeps a packed copy of every weight matrix (2× the wasm heap, and a cold first pass).
 */
export interface PackedChunk {
  count: number;
  hidden: number;
  w1t: tf.Tensor2D;
  /** [hidden·count × 1]. */
  b1: tf.Tensor2D;
  w2: tf.Tensor3D;
  b2: tf.Tensor3D;
  /** Position of each chunk-local miner in the adapter's miner order. */
  order: readonly number[];
}

/**
 * Miner indices grouped by hidden size (first-seen order), each group cut into `parts` contiguous
 * near-equal slices (one per worker) and each slice into chunks of at most `perPass` miners.
 * Returns, per part, its chunks' index lists.
 */
export function planChunks(hiddenSizes: readonly number[], perPass: number, parts = 1): number[][][] {
  const byHidden = new Map<number, number[]>();
  hiddenSizes.forEach((hidden, i) => {
    let group = byHidden.get(hidden);
    if (group === undefined) {
      group = [];
      byHidden.set(hidden, group);
    }
    group.push(i);
  });
  const plan: number[][][] = Array.from({ length: parts }, () => []);
  for (const group of byHidden.values()) {
    for (let p = 0; p < parts; p++) {
      const slice = group.slice(
        Math.floor((group.length * p) / parts),
        Math.floor((group.length * (p + 1)) / parts),
      );
      for (let start = 0; start < slice.length; start += perPass) {
        plan[p].push(slice.slice(start, start + perPass));
      }
    }
  }
  return plan;
}

/**
 * Packs the miners at `order` (all of one hidden size) into four resident tensors. `weightsOf(k)`
 * gives the k-th miner of the chunk, called in order k = 0, 1, …; each result is fully read before
 * the next call, so `weightsOf` may reuse one buffer. `scratch` (reused across chunks when given)
 * holds the packed first layers before they are copied into the backend: fresh memory is slow to
 * touch on some VMs (~20 ms/MB measured), so a build of thousands of miners should reuse it. A
 * backend that keeps the array instead of copying it (cpu) gets the buffer, and the scratch is emptied.
 */
export function packChunk(
  weightsOf: (k: number) => MlpWeights,
  order: readonly number[],
  scratch?: { buffer?: Float32Array },
): PackedChunk {
  const firstModel = weightsOf(0);
  const { inputSize, hidden, outputs } = firstModel;
  const count = order.length;
  const size = count * hidden * inputSize;
  let w1t: Float32Array;
  if (scratch === undefined) {
    w1t = new Float32Array(size);
  } else {
    if (scratch.buffer === undefined || scratch.buffer.length < size) scratch.buffer = new Float32Array(size);
    w1t = scratch.buffer.subarray(0, size);
  }
  const b1 = new Float32Array(count * hidden);
  const w2 = new Float32Array(count * hidden * outputs);
  const b2 = new Float32Array(count * outputs);
  for (let m = 0; m < count; m++) {
    const model = m === 0 ? firstModel : weightsOf(m);
    const src = model.w1;
    const block = m * hidden * inputSize;
    for (let j = 0; j < hidden; j++) {
      const row = block + j * inputSize;
      for (let i = 0; i < inputSize; i++) w1t[row + i] = src[i * hidden + j];
    }
    b1.set(model.b1, m * hidden);
    w2.set(model.w2, m * hidden * outputs);
    b2.set(model.b2, m * outputs);
  }
  const w1tTensor = tf.tensor2d(w1t, [count * hidden, inputSize]);
  // wasm copies into its heap, so the scratch can be reused; cpu keeps the array itself.
  if (scratch !== undefined && tf.getBackend() !== "wasm") scratch.buffer = undefined;
  return {
    count,
    hidden,
    w1t: w1tTensor,
    b1: tf.tensor2d(b1, [count * hidden, 1]),
    w2: tf.tensor3d(w2, [count, hidden, outputs]),
    b2: tf.tensor3d(b2, [count, 1, outputs]),
    order,
  };
}

/**
 * Every miner of the chunk answers the query batch; `xt` is the batch transposed, [inputSize ×
 * nQueries]. ONE GEMM of the stacked first layers against it ([H·m × in] × [in × q]), then one
 * batched matMul for the second layers (queries are never tiled per miner: 17× slower). Returns
 * [miners × nQueries × outputs] with `activation` applied (softmax probabilities, or linear values);
 * the caller disposes it.
 */
export function chunkAnswers(
  chunk: PackedChunk,
  xt: tf.Tensor2D,
  activation: OutputActivation = "softmax",
): tf.Tensor3D {
  const nQueries = xt.shape[1];
  return tf.tidy(() => {
    const ht = tf.relu(tf.add(tf.matMul(chunk.w1t, xt), chunk.b1));
    const perMiner = tf.reshape(ht, [chunk.count, chunk.hidden, nQueries]);
    const logits = tf.add(tf.matMul(perMiner, chunk.w2, true, false), chunk.b2);
    return activation === "softmax" ? tf.softmax(logits) : logits;
  }) as tf.Tensor3D;
}

/** Writes a chunk's answers (`chunkAnswers`' values) into `out` at each miner's position in the
 * adapter's miner order. */
export function scatterAnswers(chunk: PackedChunk, values: Float32Array, out: Float32Array): void {
  const perMiner = values.length / chunk.count;
  chunk.order.forEach((index, m) => {
    out.set(values.subarray(m * perMiner, (m + 1) * perMiner), index * perMiner);
  });
}

/** `chunkAnswers` read synchronously into `out`; leaves no tensor behind. */
export function runChunkInto(
  chunk: PackedChunk,
  xt: tf.Tensor2D,
  out: Float32Array,
  activation: OutputActivation = "softmax",
): void {
  const probs = chunkAnswers(chunk, xt, activation);
  try {
    scatterAnswers(chunk, probs.dataSync() as Float32Array, out);
  } finally {
    probs.dispose();
  }
}

/** The query batch [nQueries × inputSize] as the transposed tensor `runChunkInto` takes. */
export function queryTensor(queries: Float32Array, nQueries: number, inputSize: number): tf.Tensor2D {
  return tf.tidy(() => tf.transpose(tf.tensor2d(queries, [nQueries, inputSize])));
}

export function disposeChunk(chunk: PackedChunk): void {
  tf.dispose([chunk.w1t, chunk.b1, chunk.w2, chunk.b2]);
}
