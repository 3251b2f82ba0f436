import * as tf from "@tensorflow/tfjs";
import type { MlpWeights } from "../../models/mlpWeights.ts";
import { checkInferCall } from "../checkInferCall.ts";
import { checkMinerShapes, checkOutput } from "../checkMinerShapes.ts";
import type { InferenceAdapterOptions } from "../createInferenceAdapter.ts";
import { initInferenceBackend } from "../initInferenceBackend.ts";
import {
  chunkAnswers,
  disposeChunk,
  packChunk,
  planChunks,
  queryTensor,
  scatterAnswers,
} from "../packedMinerChunks.ts";

/** The inference adapter's shape with an asynchronous `infer`: a GPU's results are read back
 * asynchronously (tfjs-backend-webgpu's synchronous read needs a browser canvas). */
export interface AsyncInferenceAdapter {
  readonly backend: string;
  readonly miners: number;
  readonly inputSize: number;
  readonly outputs: number;
  /** As `InferenceAdapter.infer`: [miners × nQueries × outputs], miners in construction order. */
  infer(queries: Float32Array, nQueries: number, out?: Float32Array): Promise<Float32Array>;
  dispose(): void;
}

/**
 * Miners whose stacked first layers fit one storage-buffer binding of the device (128 MiB on many
 * adapters): a larger tensor does not fail on Dawn, its kernel silently reads nothing.
 */
function minersPerBinding(models: readonly MlpWeights[]): number {
  const { limits } = (tf.backend() as unknown as { device: { limits: Record<string, number> } }).device;
  const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const widest = Math.max(...models.map((m) => m.hidden * Math.max(m.inputSize, m.outputs)));
  return Math.max(1, Math.floor(limit / (widest * Float32Array.BYTES_PER_ELEMENT)));
}

/**
 * The same packed computation as `createInferenceAdapter` (one GEMM per chunk of miners, weights
 * resident on the device), on tfjs's `webgpu` backend. Every chunk is queued before the first result
 * is read, so the device works through them while earlier ones are copied back.
 */
export async function createWebgpuInferenceAdapter(
  models: readonly MlpWeights[],
  options: Omit<InferenceAdapterOptions, "backend"> = {},
): Promise<AsyncInferenceAdapter> {
  const { inputSize, outputs } = checkMinerShapes(models);
  await initInferenceBackend("webgpu");
  const perPass = Math.min(options.maxMinersPerPass ?? 1024, minersPerBinding(models));
  const output = options.output ?? "softmax";
  const [plan] = planChunks(
    models.map((m) => m.hidden),
    perPass,
  );
  const chunks = plan.map((order) => packChunk((k) => models[order[k]], order));
  let disposed = false;

  async function infer(queries: Float32Array, nQueries: number, into?: Float32Array): Promise<Float32Array> {
    checkInferCall({ disposed, backend: "webgpu", inputSize }, queries, nQueries);
    const out = checkOutput(into, models.length * nQueries * outputs, false);
    const x = queryTensor(queries, nQueries, inputSize);
    const answers = chunks.map((chunk) => chunkAnswers(chunk, x, output));
    try {
      for (const [k, chunk] of chunks.entries()) {
        scatterAnswers(chunk, (await answers[k].data()) as Float32Array, out);
      }
    } finally {
      tf.dispose([x, ...answers]);
    }
    return out;
  }

  return {
    backend: "webgpu",
    miners: models.length,
    inputSize,
    outputs,
    infer,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const chunk of chunks) disposeChunk(chunk);
    },
  };
}
