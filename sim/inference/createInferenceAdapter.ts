import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MlpWeights } from "../models/mlpWeights.ts";
import { checkInferCall } from "./checkInferCall.ts";
import { checkMinerShapes, checkOutput } from "./checkMinerShapes.ts";
import { type InferenceBackendName, initInferenceBackend } from "./initInferenceBackend.ts";
import {
  disposeChunk,
  type OutputActivation,
  packChunk,
  planChunks,
  queryTensor,
  runChunkInto,
} from "./packedMinerChunks.ts";

/** The one inference call per epoch for all miners: typed arrays in, typed arrays out. */
export interface InferenceAdapter {
  readonly backend: string;
  readonly miners: number;
  readonly inputSize: number;
  readonly outputs: number;
  /**
   * Every miner answers every query. `queries` is [nQueries × inputSize]; the result is
   * [miners × nQueries × outputs] class probabilities (or values, with a linear output), miners in
   * the order given at construction. The result is a fresh array unless `out` is given: then it is
   * written there and returned (reuse an earlier result to skip allocating ~13 MB per call at
   * 10,000 miners; the worker adapter needs `out` on a SharedArrayBuffer, as its results are).
   */
  infer(queries: Float32Array, nQueries: number, out?: Float32Array): Float32Array;
  /**
   * The same answer without blocking this thread while other threads compute (the worker adapter):
   * signals, timers and I/O go on meanwhile. Absent where inference runs on this thread.
   */
  inferAsync?(queries: Float32Array, nQueries: number, out?: Float32Array): Promise<Float32Array>;
  /** Frees the resident weight tensors; the adapter cannot be used afterwards. */
  dispose(): void;
}

export interface InferenceAdapterOptions {
  backend?: InferenceBackendName;
  /** Miners per GEMM; bounds the size of each packed weight tensor. Default 256. */
  maxMinersPerPass?: number;
  /** Output layer: `softmax` class probabilities (default) or `linear` values (regression tasks). */
  output?: OutputActivation;
}

/**
 * Packs every miner's weights into resident tensors, once. Each `infer` is one pass per chunk of
 * miners sharing a hidden size: all their first layers against the shared query batch in ONE GEMM
 * ([H·m × in] × [in × q], weights on the left so the wasm backend keeps no packed copy of them), then
 * one batched matMul for the second layers. Queries are never tiled per
 * miner (17× slower). No tensor leaves the adapter and none is left behind by a call.
 */
export async function createInferenceAdapter(
  models: readonly MlpWeights[],
  options: InferenceAdapterOptions = {},
): Promise<InferenceAdapter> {
  const { inputSize, outputs } = checkMinerShapes(models);
  const { backend } = await initInferenceBackend(options.backend);
  const perPass = options.maxMinersPerPass ?? 256;
  const output = options.output ?? "softmax";
  if (!Number.isInteger(perPass) || perPass < 1) {
    throw new CrucibleError(
      "CRUCIBLE_INFERENCE_FAILED",
      `maxMinersPerPass must be a positive integer, got ${perPass}`,
    );
  }
  const [plan] = planChunks(
    models.map((m) => m.hidden),
    perPass,
  );
  const chunks = plan.map((order) => packChunk((k) => models[order[k]], order));
  let disposed = false;

  function infer(queries: Float32Array, nQueries: number, into?: Float32Array): Float32Array {
    checkInferCall({ disposed, backend, inputSize }, queries, nQueries);
    const out = checkOutput(into, models.length * nQueries * outputs, false);
    const x = queryTensor(queries, nQueries, inputSize);
    try {
      for (const chunk of chunks) runChunkInto(chunk, x, out, output);
    } finally {
      x.dispose();
    }
    return out;
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    for (const chunk of chunks) disposeChunk(chunk);
  }

  return { backend, miners: models.length, inputSize, outputs, infer, dispose };
}
