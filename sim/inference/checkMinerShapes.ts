import { CrucibleError } from "../errors/CrucibleError.ts";
import type { MlpWeights } from "../models/mlpWeights.ts";

/** Every model has the first one's input and output sizes and arrays of matching lengths; at least one model. */
export function checkMinerShapes(models: readonly MlpWeights[]): { inputSize: number; outputs: number } {
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
 * The array an `infer` writes into: `out` when given (checked: `length` floats, on a
 * SharedArrayBuffer when `shared`), else a fresh one.
 */
export function checkOutput(out: Float32Array | undefined, length: number, shared: boolean): Float32Array {
  if (out === undefined) {
    return shared ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
  }
  if (out.length !== length || (shared && !(out.buffer instanceof SharedArrayBuffer))) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "output buffer does not fit", {
      details: `expected ${length} floats${shared ? " on a SharedArrayBuffer" : ""}, got ${out.length}${
        shared && !(out.buffer instanceof SharedArrayBuffer) ? " on an ArrayBuffer" : ""
      }`,
    });
  }
  return out;
}
