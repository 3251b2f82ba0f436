import * as tf from "@tensorflow/tfjs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { Rng } from "../rng/createRng.ts";
import { type MlpWeights, mlpParts } from "./mlpWeights.ts";

/** Plain minibatch SGD: passes over the data, rows per step, step size. */
export interface FineTuneBudget {
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export interface FineTuneResult {
  weights: MlpWeights;
  /** Optimizer steps taken (what a scenario's compute cost is charged on). */
  steps: number;
}

/**
 * Fine-tunes a 784-H-10 MLP on labelled rows with minibatch SGD on softmax cross-entropy: each pass
 * visits the rows in an order drawn from `rng` (last batch partial). Deterministic for (weights, data,
 * budget, rng seed) on a backend: same inputs, same output bytes. Runs on the current tfjs backend in
 * this thread; the input weights are not modified.
 */
export function fineTuneMlp(
  initial: MlpWeights,
  x: Float32Array,
  y: Uint8Array,
  budget: FineTuneBudget,
  rng: Rng,
): FineTuneResult {
  const { inputSize, hidden, outputs } = initial;
  const n = y.length;
  if (x.length !== n * inputSize) {
    throw new CrucibleError(
      "CRUCIBLE_INFERENCE_FAILED",
      `fine-tuning data has ${x.length} values for ${n} labels`,
      {
        details: `expected ${n} × ${inputSize}`,
      },
    );
  }
  if (n === 0 || budget.epochs === 0) return { weights: copyMlp(initial), steps: 0 };
  const shapes = [[inputSize, hidden], [hidden], [hidden, outputs], [outputs]];
  const vars = mlpParts(initial).map((part, i) => {
    const value = tf.tensor(part, shapes[i]);
    const variable = tf.variable(value);
    value.dispose();
    return variable;
  });
  const [w1, b1, w2, b2] = vars;
  const optimizer = tf.train.sgd(budget.learningRate);
  let steps = 0;
  try {
    const batchX = new Float32Array(budget.batchSize * inputSize);
    const batchY = new Int32Array(budget.batchSize);
    for (let epoch = 0; epoch < budget.epochs; epoch++) {
      const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      for (let start = 0; start < n; start += budget.batchSize) {
        const rows = Math.min(budget.batchSize, n - start);
        for (let r = 0; r < rows; r++) {
          const i = order[start + r];
          batchX.set(x.subarray(i * inputSize, (i + 1) * inputSize), r * inputSize);
          batchY[r] = y[i];
        }
        tf.tidy(() => {
          const xt = tf.tensor2d(batchX.subarray(0, rows * inputSize), [rows, inputSize]);
          const yt = tf.oneHot(tf.tensor1d(batchY.subarray(0, rows), "int32"), outputs);
          optimizer.minimize(() => {
            const h = tf.relu(tf.add(tf.matMul(xt, w1), b1));
            return tf.losses.softmaxCrossEntropy(yt, tf.add(tf.matMul(h, w2), b2));
          });
        });
        steps++;
      }
    }
    const [tw1, tb1, tw2, tb2] = vars.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    return { weights: { inputSize, hidden, outputs, w1: tw1, b1: tb1, w2: tw2, b2: tb2 }, steps };
  } finally {
    optimizer.dispose();
    for (const v of vars) v.dispose();
  }
}

function copyMlp(w: MlpWeights): MlpWeights {
  return {
    ...w,
    w1: Float32Array.from(w.w1),
    b1: Float32Array.from(w.b1),
    w2: Float32Array.from(w.w2),
    b2: Float32Array.from(w.b2),
  };
}
