import * as tf from "@tensorflow/tfjs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { type InferenceBackendName, initInferenceBackend } from "./initInferenceBackend.ts";
import type { MlpWeights } from "./mlpWeights.ts";

/** The one inference call per epoch for all miners: typed arrays in, typed arrays out. */
export interface InferenceAdapter {
  readonly backend: string;
  readonly miners: number;
  readonly inputSize: number;
  readonly outputs: number;
  /**
   * Every miner answers every query. `queries` is [nQueries × inputSize]; the result is
   * [miners × nQueries × outputs] class probabilities, miners in the order given at construction.
   */
  infer(queries: Float32Array, nQueries: number): Float32Array;
  /** Frees the resident weight tensors; the adapter cannot be used afterwards. */
  dispose(): void;
}

export interface InferenceAdapterOptions {
  backend?: InferenceBackendName;
  /** Miners per GEMM; bounds the size of each packed weight tensor. Default 256. */
  maxMinersPerPass?: number;
}

/** Miners of one hidden size, packed once: first layers side by side along the hidden axis. */
interface PackedChunk {
  first: number;
  count: number;
  hidden: number;
  w1: tf.Tensor2D;
  b1: tf.Tensor1D;
  w2: tf.Tensor3D;
  b2: tf.Tensor3D;
  /** Position of each chunk-local miner in the adapter's miner order. */
  order: number[];
}

function packChunk(models: readonly MlpWeights[], order: number[]): PackedChunk {
  const { inputSize, hidden, outputs } = models[order[0]];
  const count = order.length;
  const width = hidden * count;
  const w1 = new Float32Array(inputSize * width);
  const b1 = new Float32Array(width);
  const w2 = new Float32Array(count * hidden * outputs);
  const b2 = new Float32Array(count * outputs);
  order.forEach((index, m) => {
    const model = models[index];
    for (let row = 0; row < inputSize; row++) {
      w1.set(model.w1.subarray(row * hidden, (row + 1) * hidden), row * width + m * hidden);
    }
    b1.set(model.b1, m * hidden);
    w2.set(model.w2, m * hidden * outputs);
    b2.set(model.b2, m * outputs);
  });
  return {
    first: order[0],
    count,
    hidden,
    w1: tf.tensor2d(w1, [inputSize, width]),
    b1: tf.tensor1d(b1),
    w2: tf.tensor3d(w2, [count, hidden, outputs]),
    b2: tf.tensor3d(b2, [count, 1, outputs]),
    order,
  };
}

function checkShapes(models: readonly MlpWeights[]): { inputSize: number; outputs: number } {
  if (models.length === 0) throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "no miner models given");
  const { inputSize, outputs } = models[0];
  models.forEach((m, i) => {
    const ok =
      m.inputSize === inputSize &&
      m.outputs === outputs &&
      m.w1.length === m.inputSize * m.hidden &&
      m.b1.length === m.hidden &&
      m.w2.length === m.hidden * m.outputs &&
      m.b2.length === m.outputs;
    if (!ok) {
      throw new CrucibleError(
        "CRUCIBLE_INFERENCE_FAILED",
        `miner model ${i} has inconsistent weight shapes`,
        {
          details: `expected input ${inputSize} and ${outputs} outputs with matching array lengths`,
        },
      );
    }
  });
  return { inputSize, outputs };
}

/**
 * Packs every miner's weights into resident tensors, once. Each `infer` is one pass per group of
 * miners sharing a hidden size: the shared query batch against all first layers in ONE GEMM
 * ([q × in] × [in × H·m]), then one batched matMul for the second layers. Queries are never tiled per
 * miner (17× slower). No tensor leaves the adapter and none is left behind by a call.
 */
export async function createInferenceAdapter(
  models: readonly MlpWeights[],
  options: InferenceAdapterOptions = {},
): Promise<InferenceAdapter> {
  const { inputSize, outputs } = checkShapes(models);
  const { backend } = await initInferenceBackend(options.backend);
  const perPass = options.maxMinersPerPass ?? 256;
  if (!Number.isInteger(perPass) || perPass < 1) {
    throw new CrucibleError(
      "CRUCIBLE_INFERENCE_FAILED",
      `maxMinersPerPass must be a positive integer, got ${perPass}`,
    );
  }
  const byHidden = new Map<number, number[]>();
  models.forEach((m, i) => {
    byHidden.set(m.hidden, [...(byHidden.get(m.hidden) ?? []), i]);
  });
  const chunks: PackedChunk[] = [];
  for (const indices of byHidden.values()) {
    for (let start = 0; start < indices.length; start += perPass) {
      chunks.push(packChunk(models, indices.slice(start, start + perPass)));
    }
  }
  let disposed = false;

  function infer(queries: Float32Array, nQueries: number): Float32Array {
    if (disposed)
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "inference adapter used after dispose()");
    if (tf.getBackend() !== backend) {
      throw new CrucibleError(
        "CRUCIBLE_INFERENCE_FAILED",
        "tfjs backend changed under the inference adapter",
        {
          details: `built on ${backend}, now ${tf.getBackend()}`,
        },
      );
    }
    if (!Number.isInteger(nQueries) || nQueries < 1 || queries.length !== nQueries * inputSize) {
      throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "query batch has the wrong size", {
        details: `expected ${nQueries} × ${inputSize} = ${nQueries * inputSize} floats, got ${queries.length}`,
      });
    }
    const perMiner = nQueries * outputs;
    const out = new Float32Array(models.length * perMiner);
    const x = tf.tensor2d(queries, [nQueries, inputSize]);
    try {
      for (const chunk of chunks) {
        const probs = tf.tidy(() => {
          const h = tf.relu(tf.add(tf.matMul(x, chunk.w1), chunk.b1));
          const perMinerHidden = tf.transpose(
            tf.reshape(h, [nQueries, chunk.count, chunk.hidden]),
            [1, 0, 2],
          );
          return tf.softmax(tf.add(tf.matMul(perMinerHidden, chunk.w2), chunk.b2));
        });
        const values = probs.dataSync() as Float32Array;
        probs.dispose();
        chunk.order.forEach((index, m) => {
          out.set(values.subarray(m * perMiner, (m + 1) * perMiner), index * perMiner);
        });
      }
    } finally {
      x.dispose();
    }
    return out;
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    for (const c of chunks) tf.dispose([c.w1, c.b1, c.w2, c.b2]);
  }

  return { backend, miners: models.length, inputSize, outputs, infer, dispose };
}
