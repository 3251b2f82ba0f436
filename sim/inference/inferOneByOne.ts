import * as tf from "@tensorflow/tfjs";
import type { MlpWeights } from "../models/mlpWeights.ts";

/** A tfjs-layers model of one MLP, built from its weights (zero initialisers: no unseeded draws). */
function buildSequential(weights: MlpWeights): tf.Sequential {
  const { inputSize, hidden, outputs } = weights;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [inputSize],
        units: hidden,
        activation: "relu",
        kernelInitializer: "zeros",
      }),
      tf.layers.dense({ units: outputs, activation: "softmax", kernelInitializer: "zeros" }),
    ],
  });
  const tensors = [
    tf.tensor2d(weights.w1, [inputSize, hidden]),
    tf.tensor1d(weights.b1),
    tf.tensor2d(weights.w2, [hidden, outputs]),
    tf.tensor1d(weights.b2),
  ];
  model.setWeights(tensors);
  tf.dispose(tensors);
  return model;
}

/**
 * The reference for the batched adapter: each miner's own `tf.sequential` model and `model.predict`,
 * one after another, on the current backend. Same layout out: [miners × nQueries × outputs].
 */
export function inferOneByOne(
  models: readonly MlpWeights[],
  queries: Float32Array,
  nQueries: number,
): Float32Array {
  const outputs = models[0]?.outputs ?? 0;
  const out = new Float32Array(models.length * nQueries * outputs);
  models.forEach((weights, i) => {
    const model = buildSequential(weights);
    try {
      const values = tf.tidy(() => {
        const x = tf.tensor2d(queries, [nQueries, weights.inputSize]);
        return (model.predict(x) as tf.Tensor).dataSync();
      });
      out.set(values, i * nQueries * outputs);
    } finally {
      model.dispose();
    }
  });
  return out;
}

/** `inferOneByOne` for backends that read results back asynchronously only (webgpu). */
export async function inferOneByOneAsync(
  models: readonly MlpWeights[],
  queries: Float32Array,
  nQueries: number,
): Promise<Float32Array> {
  const outputs = models[0]?.outputs ?? 0;
  const out = new Float32Array(models.length * nQueries * outputs);
  for (const [i, weights] of models.entries()) {
    const model = buildSequential(weights);
    const x = tf.tensor2d(queries, [nQueries, weights.inputSize]);
    const y = model.predict(x) as tf.Tensor;
    try {
      out.set((await y.data()) as Float32Array, i * nQueries * outputs);
    } finally {
      tf.dispose([x, y]);
      model.dispose();
    }
  }
  return out;
}
