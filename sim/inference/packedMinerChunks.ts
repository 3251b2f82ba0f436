import * as tf from "@tensorflow/tfjs";
import type { MlpWeights } from "./mlpWeights.ts";

/** Miners of one hidden size, packed once: first layers side by side along the hidden axis. */
export interface PackedChunk {
  count: number;
  hidden: number;
  w1: tf.Tensor2D;
  b1: tf.Tensor1D;
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
 * gives the k-th miner of the chunk; its arrays are only read, so they can be dropped afterwards.
 */
export function packChunk(weightsOf: (k: number) => MlpWeights, order: readonly number[]): PackedChunk {
  const firstModel = weightsOf(0);
  const { inputSize, hidden, outputs } = firstModel;
  const count = order.length;
  const width = hidden * count;
  const w1 = new Float32Array(inputSize * width);
  const b1 = new Float32Array(width);
  const w2 = new Float32Array(count * hidden * outputs);
  const b2 = new Float32Array(count * outputs);
  for (let m = 0; m < count; m++) {
    const model = m === 0 ? firstModel : weightsOf(m);
    for (let row = 0; row < inputSize; row++) {
      w1.set(model.w1.subarray(row * hidden, (row + 1) * hidden), row * width + m * hidden);
    }
    b1.set(model.b1, m * hidden);
    w2.set(model.w2, m * hidden * outputs);
    b2.set(model.b2, m * outputs);
  }
  return {
    count,
    hidden,
    w1: tf.tensor2d(w1, [inputSize, width]),
    b1: tf.tensor1d(b1),
    w2: tf.tensor3d(w2, [count, hidden, outputs]),
    b2: tf.tensor3d(b2, [count, 1, outputs]),
    order,
  };
}

/**
 * Every miner of the chunk answers the query batch `x` ([nQueries × inputSize]): ONE GEMM against
 * the concatenated first layers, then one batched matMul for the second layers (queries are never
 * tiled per miner: 17× slower). Writes each miner's [nQueries × outputs] probabilities into `out` at
 * its position in the adapter's miner order. Leaves no tensor behind.
 */
export function runChunkInto(chunk: PackedChunk, x: tf.Tensor2D, out: Float32Array): void {
  const nQueries = x.shape[0];
  const probs = tf.tidy(() => {
    const h = tf.relu(tf.add(tf.matMul(x, chunk.w1), chunk.b1));
    const perMinerHidden = tf.transpose(tf.reshape(h, [nQueries, chunk.count, chunk.hidden]), [1, 0, 2]);
    return tf.softmax(tf.add(tf.matMul(perMinerHidden, chunk.w2), chunk.b2));
  });
  const values = probs.dataSync() as Float32Array;
  probs.dispose();
  const perMiner = values.length / chunk.count;
  chunk.order.forEach((index, m) => {
    out.set(values.subarray(m * perMiner, (m + 1) * perMiner), index * perMiner);
  });
}

export function disposeChunk(chunk: PackedChunk): void {
  tf.dispose([chunk.w1, chunk.b1, chunk.w2, chunk.b2]);
}
