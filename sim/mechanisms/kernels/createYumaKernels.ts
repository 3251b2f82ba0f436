import { TYPED_ARRAY_KERNELS, type YumaKernels } from "../yuma/yumaKernels.ts";
import { checkGpuMode, createGpuRuntime, type GpuMode, type GpuRuntime } from "./createGpuRuntime.ts";
import { createGpuClassicBondEma, createGpuYuma3BondEma } from "./gpuBondEma.ts";
import { createGpuClip } from "./gpuClip.ts";
import { createGpuConsensus } from "./gpuConsensus.ts";
import { sampleSearchedColumns } from "./sampleSearchedColumns.ts";

/** Who runs a step: the typed-array float64 code, or gpu.js in one of its modes. */
export type KernelImplementation = "typed" | GpuMode;

export type YumaKernelChoice = { readonly [step in keyof YumaKernels]: KernelImplementation };

/**
 * The default per step: the faster one in `npm run bench:mechanism` (sim/mechanisms/README.md,
 * "Performance and gpu.js"). Only the κ-median gains from gpu.js (webasm, 1.4–2.8× from
 * 64 × 1,024 to 1,024 × 16,384 when most medians are non-zero); its result is certified in
 * float64, so it equals the typed one bit for bit. Clipping and both bond EMAs are slower in gpu.js
 * at every size measured.
 */
export const DEFAULT_YUMA_KERNEL_CHOICE: YumaKernelChoice = {
  consensus: "webasm",
  clip: "typed",
  yuma3BondEma: "typed",
  classicBondEma: "typed",
};

/** gpu.js steps run on matrices of at least this many cells (rows × n); smaller ones on typed arrays. */
export const DEFAULT_GPU_MIN_CELLS = 64 * 1024;

/**
 * The gpu.js κ-median runs when at least this fraction of (sampled) columns have a non-zero median
 * and need a search; below it most columns are settled by the typed path's zero check, and typed
 * arrays win (measured at 256 × 4,096 and 1,024 × 4,096: gpu.js 1.1–1.3× slower with 0–47% of
 * columns searched, 1.5–3× faster with 75–94%).
 */
export const DEFAULT_GPU_MIN_SEARCHED = 0.5;

export interface YumaKernelOptions {
  /** Cells (rows × n) from which a gpu.js step is used; below it the typed step runs. */
  readonly minCells?: number;
  /** For a gpu.js κ-median: the fraction of searched columns from which it is used (0: always). */
  readonly minSearched?: number;
}

export interface YumaKernelSet {
  /** Pass as the last argument of `runYumaEpoch`. */
  readonly kernels: YumaKernels;
  /** The gpu.js runtimes started so far, by mode (for compile and kernel-time reporting). */
  readonly runtimes: ReadonlyMap<GpuMode, GpuRuntime>;
  /** Releases the gpu.js instances (a later large call starts a new one). */
  destroy(): void;
}

/**
 * The heavy Yuma steps: `DEFAULT_YUMA_KERNEL_CHOICE` overridden per step by `choice`. A gpu.js step
 * runs when the matrix has at least `minCells` cells (default `DEFAULT_GPU_MIN_CELLS`), and for the
 * κ-median when at least `minSearched` of sampled columns need a search, else the typed one.
 * gpu.js is loaded, and one runtime per mode started, at the first such call; kernels
 * compile at their first call per shape. Throws `CRUCIBLE_MECHANISM_INVALID` for a refused mode.
 */
export function createYumaKernels(
  choice: Partial<YumaKernelChoice> = {},
  options: YumaKernelOptions = {},
): YumaKernelSet {
  const chosen: YumaKernelChoice = { ...DEFAULT_YUMA_KERNEL_CHOICE, ...choice };
  const minCells = options.minCells ?? DEFAULT_GPU_MIN_CELLS;
  const minSearched = options.minSearched ?? DEFAULT_GPU_MIN_SEARCHED;
  const runtimes = new Map<GpuMode, GpuRuntime>();
  const built = new Map<string, unknown>();
  /** The gpu.js step for `mode`, built (with its runtime) on first use. */
  const gpuStep = <T>(name: string, mode: GpuMode, create: (r: GpuRuntime) => T): T => {
    const cached = built.get(name) as T | undefined;
    if (cached !== undefined) return cached;
    const runtime = runtimes.get(mode) ?? createGpuRuntime(mode);
    runtimes.set(mode, runtime);
    const step = create(runtime);
    built.set(name, step);
    return step;
  };
  for (const implementation of Object.values(chosen))
    if (implementation !== "typed") checkGpuMode(implementation);
  const { consensus, clip, yuma3BondEma, classicBondEma } = chosen;
  const kernels: YumaKernels = {
    consensus:
      consensus === "typed"
        ? TYPED_ARRAY_KERNELS.consensus
        : (n, rowStake, weights, kappa) =>
            weights.length < minCells ||
            (minSearched > 0 && sampleSearchedColumns(n, rowStake, weights, kappa) < minSearched)
              ? TYPED_ARRAY_KERNELS.consensus(n, rowStake, weights, kappa)
              : gpuStep("consensus", consensus, createGpuConsensus)(n, rowStake, weights, kappa),
    clip:
      clip === "typed"
        ? TYPED_ARRAY_KERNELS.clip
        : (n, weights, c, buffers) =>
            weights.values.length < minCells
              ? TYPED_ARRAY_KERNELS.clip(n, weights, c, buffers)
              : gpuStep("clip", clip, createGpuClip)(n, weights, c, buffers),
    yuma3BondEma:
      yuma3BondEma === "typed"
        ? TYPED_ARRAY_KERNELS.yuma3BondEma
        : (n, w, previous, c, o, bonds) =>
            bonds.length < minCells
              ? TYPED_ARRAY_KERNELS.yuma3BondEma(n, w, previous, c, o, bonds)
              : gpuStep("yuma3BondEma", yuma3BondEma, createGpuYuma3BondEma)(n, w, previous, c, o, bonds),
    classicBondEma:
      classicBondEma === "typed"
        ? TYPED_ARRAY_KERNELS.classicBondEma
        : (delta, previous, alpha, bonds) =>
            bonds.length < minCells
              ? TYPED_ARRAY_KERNELS.classicBondEma(delta, previous, alpha, bonds)
              : gpuStep("classicBondEma", classicBondEma, createGpuClassicBondEma)(
                  delta,
                  previous,
                  alpha,
                  bonds,
                ),
  };
  return {
    kernels,
    runtimes,
    destroy() {
      for (const r of runtimes.values()) r.destroy();
      runtimes.clear();
      built.clear();
    },
  };
}
