import type { IKernelFunctionThis, KernelFunction } from "gpu.js";
import type { clipWeights } from "../yuma/clipWeights.ts";
import { FRESH } from "../yuma/yumaWorkspace.ts";
import type { GpuRuntime } from "./createGpuRuntime.ts";

/** min(W_k, C_j) for entry k of a (rows × n) matrix, 0 where the consensus is 0 and W_k > 0. */
function clipKernel(
  this: IKernelFunctionThis<{ n: number }>,
  w: Float32Array,
  consensus: Float32Array,
): number {
  const k = this.thread.x;
  const v = w[k];
  const c = consensus[k % this.constants.n];
  if (c < v) {
    if (c > 0) return c;
    return 0;
  }
  return v;
}

/**
 * `clipWeights` as a gpu.js kernel over every entry. The clipped values are the float64 result
 * rounded to float32 (min commutes with rounding); which entries exist is decided exactly: an entry
 * exists iff it existed and was not clipped to a zero consensus.
 */
export function createGpuClip(runtime: GpuRuntime): typeof clipWeights {
  return (n, weights, consensus, buffers = FRESH) => {
    const source = weights.values;
    const exists = weights.present;
    const values = buffers.float64("clipped", source.length);
    const present = buffers.uint8("clippedPresent", exists.length);
    if (source.length === 0) return { values, present };
    const kernel = runtime.kernel("clip", `${source.length / n}x${n}`, clipKernel as KernelFunction, {
      output: [source.length],
      constants: { n },
      argumentTypes: { w: "Array", consensus: "Array" },
      tactic: "precision",
    });
    const out = kernel(source, consensus);
    for (let k = 0; k < out.length; k++) {
      const v = out[k];
      values[k] = v;
      present[k] = exists[k] !== 0 && (v !== 0 || source[k] === 0) ? 1 : 0;
    }
    return { values, present };
  };
}
