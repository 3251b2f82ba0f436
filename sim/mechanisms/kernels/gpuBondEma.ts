import type { IKernelFunctionThis, KernelFunction } from "gpu.js";
import type { ClassicBondEma } from "../yuma/applyClassicBondEma.ts";
import { usesLiquidAlpha, type Yuma3BondEma } from "../yuma/applyYuma3BondEma.ts";
import type { GpuRuntime } from "./createGpuRuntime.ts";

/** a·x + (1 − a)·y per entry: classic bonds, and Yuma 3 bonds with a fixed α. */
function blendKernel(this: IKernelFunctionThis, x: Float32Array, y: Float32Array, a: number): number {
  const k = this.thread.x;
  return a * x[k] + (1 - a) * y[k];
}

/** One Yuma 3 bond with liquid alpha (`computeLiquidAlpha`, §1.2-11b), entry k of (rows × n). */
function liquidKernel(
  this: IKernelFunctionThis<{ n: number }>,
  w: Float32Array,
  present: Float32Array,
  previous: Float32Array,
  consensus: Float32Array,
  alphaLow: number,
  alphaHigh: number,
  steepness: number,
  sparse: number,
): number {
  const k = this.thread.x;
  const weight = w[k];
  const bond = previous[k];
  if (sparse > 0 && present[k] === 0) return 0;
  if (bond === 0 && weight === 0) return 0;
  const c = consensus[k % this.constants.n];
  let d = Math.min(1, Math.max(0, bond - weight));
  if (weight >= bond) d = Math.min(1, Math.max(0, weight - c));
  const exponent = Math.min(20, Math.max(-20, -steepness * (d - 0.5)));
  const sigmoid = 1 / (1 + Math.exp(exponent));
  const alpha = Math.max(alphaLow, Math.min(alphaHigh, alphaLow + sigmoid * (alphaHigh - alphaLow)));
  return Math.min(1, (1 - alpha) * bond + Math.max(0, alpha * weight));
}

function blend(runtime: GpuRuntime, x: Float64Array, y: Float64Array, a: number, out: Float64Array): void {
  if (out.length === 0) return;
  const kernel = runtime.kernel("blend", `${out.length}`, blendKernel as KernelFunction, {
    output: [out.length],
    argumentTypes: { x: "Array", y: "Array", a: "Float" },
    tactic: "precision",
  });
  out.set(kernel(x, y, a));
}

/** The classic bond EMA B = α ΔB + (1 − α) B⁰ as a gpu.js kernel (float32 arithmetic). */
export function createGpuClassicBondEma(runtime: GpuRuntime): ClassicBondEma {
  return (delta, previousBonds, alpha, bonds) => blend(runtime, delta, previousBonds, alpha, bonds);
}

/**
 * The Yuma 3 per-bond EMA as a gpu.js kernel (float32 arithmetic; `Math.exp` is computed in float64
 * on the float32 exponent and rounded). Which bonds are deleted (sparse update) is decided exactly.
 */
export function createGpuYuma3BondEma(runtime: GpuRuntime): Yuma3BondEma {
  return (n, weightsForBonds, previousBonds, consensus, options, bonds) => {
    if (!usesLiquidAlpha(n, consensus, options)) {
      blend(runtime, weightsForBonds.values, previousBonds, options.alpha, bonds);
      return;
    }
    if (bonds.length === 0) return;
    const kernel = runtime.kernel("liquid", `${bonds.length / n}x${n}`, liquidKernel as KernelFunction, {
      output: [bonds.length],
      constants: { n },
      argumentTypes: {
        w: "Array",
        present: "Array",
        previous: "Array",
        consensus: "Array",
        alphaLow: "Float",
        alphaHigh: "Float",
        steepness: "Float",
        sparse: "Float",
      },
      tactic: "precision",
    });
    bonds.set(
      kernel(
        weightsForBonds.values,
        weightsForBonds.present,
        previousBonds,
        consensus,
        options.alphaLow,
        options.alphaHigh,
        options.steepness,
        options.bondsUpdate === "sparse" ? 1 : 0,
      ),
    );
  };
}
