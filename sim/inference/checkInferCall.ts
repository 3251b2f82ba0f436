import * as tf from "@tensorflow/tfjs";
import { CrucibleError } from "../errors/CrucibleError.ts";

/**
 * What an in-process adapter checks before each `infer`: it is not disposed, tfjs still runs the
 * backend it was built on, and the batch holds `nQueries` × `inputSize` floats (nQueries ≥ 1).
 */
export function checkInferCall(
  adapter: { disposed: boolean; backend: string; inputSize: number },
  queries: Float32Array,
  nQueries: number,
): void {
  const { backend, inputSize } = adapter;
  if (adapter.disposed)
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "inference adapter used after dispose()");
  if (tf.getBackend() !== backend) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "tfjs backend changed under the inference adapter", {
      details: `built on ${backend}, now ${tf.getBackend()}`,
    });
  }
  if (!Number.isInteger(nQueries) || nQueries < 1 || queries.length !== nQueries * inputSize) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "query batch has the wrong size", {
      details: `expected ${nQueries} × ${inputSize} = ${nQueries * inputSize} floats, got ${queries.length}`,
    });
  }
}
