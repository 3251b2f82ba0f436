import * as tf from "@tensorflow/tfjs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import type { FineTuneBudget } from "./fineTuneMlp.ts";
import type { MlpWeights } from "./mlpWeights.ts";

/** One miner's part of a batched fine-tuning: its model, its rows, its own order stream. */
export interface BatchTuneJob {
  weights: MlpWeights;
  x: Float32Array;
  y: Uint8Array;
  rng: Rng;
}

/**
 * Fine-tunes M same-shaped MLPs at once, each on its own rows (all jobs the same number of rows):
 * the M models are stacked into batched tensors ([M × in × H] …), every step is ONE batched forward
 * and backward pass over the M minibatches, and the loss is the sum of the M mean cross-entropies,
 * so each model's gradient is its own (the models never mix) and plain SGD updates each as
 * `fineTuneMlp` would. Deterministic for the same inputs on a backend (not bit-identical to the
 * one-by-one loop: the kernels sum in another order). Returns the models in job order and the steps
 * each took.
 */
export function fineTuneMlpBatch(
  jobs: readonly BatchTuneJob[],
  budget: FineTuneBudget,
): { weights: MlpWeights[]; steps: number } {
  if (jobs.length === 0) return { weights: [], steps: 0 };
  const { inputSize, hidden, outputs } = jobs[0].weights;
  const n = jobs[0].y.length;
  for (const j of jobs) {
    if (
      j.weights.hidden !== hidden ||
      j.weights.inputSize !== inputSize ||
      j.weights.outputs !== outputs ||
      j.y.length !== n
    ) {
      throw new CrucibleError(
        "CRUCIBLE_INFERENCE_FAILED",
        "batched fine-tuning needs models of one shape and jobs of one size",
      );
    }
  }
  const m = jobs.length;
  const stack = (pick: (w: MlpWeights) => Float32Array, shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const flat = new Float32Array(m * size);
    jobs.forEach((j, k) => {
      flat.set(pick(j.weights), k * size);
    });
    const value = tf.tensor(flat, [m, ...shape]);
    const v = tf.variable(value);
    value.dispose();
    return v;
  };
  const w1 = stack((w) => w.w1, [inputSize, hidden]);
  const b1 = stack((w) => w.b1, [1, hidden]);
  const w2 = stack((w) => w.w2, [hidden, outputs]);
  const b2 = stack((w) => w.b2, [1, outputs]);
  const optimizer = tf.train.sgd(budget.learningRate);
  let steps = 0;
  try {
    const orders = jobs.map(() => [] as number[]);
    const batchX = new Float32Array(m * budget.batchSize * inputSize);
    const batchY = new Int32Array(m * budget.batchSize);
    for (let epoch = 0; epoch < budget.epochs; epoch++) {
      jobs.forEach((j, k) => {
        orders[k] = j.rng.shuffle(Array.from({ length: n }, (_, i) => i));
      });
      for (let start = 0; start < n; start += budget.batchSize) {
        const rows = Math.min(budget.batchSize, n - start);
        jobs.forEach((j, k) => {
          for (let r = 0; r < rows; r++) {
            const i = orders[k][start + r];
            batchX.set(j.x.subarray(i * inputSize, (i + 1) * inputSize), (k * rows + r) * inputSize);
            batchY[k * rows + r] = j.y[i];
          }
        });
        tf.tidy(() => {
          const xt = tf.tensor3d(batchX.subarray(0, m * rows * inputSize), [m, rows, inputSize]);
          const yt = tf
            .oneHot(tf.tensor1d(batchY.subarray(0, m * rows), "int32"), outputs)
            .reshape([m, rows, outputs]);
          optimizer.minimize(() => {
            const h = tf.relu(tf.add(tf.matMul(xt, w1), b1));
            const logits = tf.add(tf.matMul(h, w2), b2);
            // Sum over models of each model's mean cross-entropy: independent gradients.
            const ce = tf.neg(tf.sum(tf.mul(yt, tf.logSoftmax(logits)), -1));
            return tf.sum(tf.mean(ce, 1));
          });
        });
        steps++;
      }
    }
    const [a1, c1, a2, c2] = [w1, b1, w2, b2].map((v) => v.dataSync() as Float32Array);
    const weights = jobs.map((_, k) => ({
      inputSize,
      hidden,
      outputs,
      w1: a1.slice(k * inputSize * hidden, (k + 1) * inputSize * hidden),
      b1: c1.slice(k * hidden, (k + 1) * hidden),
      w2: a2.slice(k * hidden * outputs, (k + 1) * hidden * outputs),
      b2: c2.slice(k * outputs, (k + 1) * outputs),
    }));
    return { weights, steps };
  } finally {
    optimizer.dispose();
    for (const v of [w1, b1, w2, b2]) v.dispose();
  }
}
