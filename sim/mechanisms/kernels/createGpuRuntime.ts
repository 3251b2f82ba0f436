import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import type { GPU as GpuClass, IGPUKernelSettings, KernelFunction } from "gpu.js";
import { CrucibleError } from "../../errors/CrucibleError.ts";

/**
 * Where gpu.js runs a kernel. `webasm`: WebAssembly with f32x4 SIMD, synchronous and single-threaded
 * (what `new GPU()` picks in Node without headless-GL). `cpu`: gpu.js's JavaScript backend.
 * `webgpu`: opt-in in gpu.js, needs a GPU adapter and is asynchronous; refused (see `checkGpuMode`).
 */
export type GpuMode = "webasm" | "cpu" | "webgpu";

/** A compiled gpu.js kernel called synchronously: flat arrays and numbers in, a Float32Array out. */
export type GpuKernel = (...args: (ArrayLike<number> | number)[]) => Float32Array;

/** One gpu.js instance and its compiled kernels, cached per name and shape. */
export interface GpuRuntime {
  readonly mode: GpuMode;
  /**
   * The kernel `name` for this shape (`key`, e.g. "256x4096"), built from `source` on first use;
   * a kernel is compiled at its first call. Up to 4 shapes per name are kept.
   */
  kernel(name: string, key: string, source: KernelFunction, settings: IGPUKernelSettings): GpuKernel;
  /** Kernels built so far; milliseconds spent compiling them, and inside kernel calls (upload, run, readback). */
  readonly compiled: number;
  readonly compileMs: number;
  readonly kernelMs: number;
  destroy(): void;
}

const SHAPES_KEPT = 4;

/**
 * Throws `CRUCIBLE_MECHANISM_INVALID` for a mode that cannot run the Yuma kernels here: `webasm`
 * without WebAssembly; `webgpu` always, since gpu.js WebGPU kernels return Promises (readback is
 * asynchronous) while a Yuma epoch is a synchronous function, and the machines Crucible runs on
 * have no GPU adapter (Node has no `navigator.gpu` without the optional Dawn bindings).
 */
export function checkGpuMode(mode: GpuMode): void {
  if (mode === "webgpu") {
    throw new CrucibleError("CRUCIBLE_MECHANISM_INVALID", "gpu.js mode webgpu cannot run the Yuma kernels", {
      details:
        "gpu.js WebGPU kernels return Promises and runYumaEpoch is synchronous; it also needs a GPU adapter. Use webasm or cpu.",
    });
  }
  if (mode === "webasm" && typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== "object") {
    throw new CrucibleError("CRUCIBLE_MECHANISM_INVALID", "gpu.js mode webasm needs WebAssembly");
  }
}

/** gpu.js is loaded on first use (its import takes ~0.5 s), so small subnets never pay for it. */
function loadGpu(): typeof GpuClass {
  return (createRequire(import.meta.url)("gpu.js") as { GPU: typeof GpuClass }).GPU;
}

/**
 * A gpu.js runtime in `mode` (see `checkGpuMode` for the modes refused). Kernels are cached on it;
 * use it from one thread.
 */
export function createGpuRuntime(mode: GpuMode): GpuRuntime {
  checkGpuMode(mode);
  const GPU = loadGpu();
  const gpu = new GPU({ mode });
  const kernels = new Map<string, Map<string, GpuKernel & { destroy(): unknown }>>();
  let compiled = 0;
  let kernelMs = 0;
  let compileMs = 0;
  return {
    mode,
    get compiled() {
      return compiled;
    },
    get kernelMs() {
      return kernelMs;
    },
    get compileMs() {
      return compileMs;
    },
    kernel(name, key, source, settings) {
      const shapes = kernels.get(name) ?? new Map<string, GpuKernel & { destroy(): unknown }>();
      kernels.set(name, shapes);
      const cached = shapes.get(key);
      if (cached) return cached;
      if (shapes.size >= SHAPES_KEPT) {
        const [oldest, kernel] = shapes.entries().next().value as [string, { destroy(): unknown }];
        kernel.destroy();
        shapes.delete(oldest);
      }
      const built = gpu.createKernel(source, settings) as unknown as GpuKernel & {
        destroy(): unknown;
        kernel: { built: boolean; build(...args: unknown[]): void };
      };
      const kernel = Object.assign(
        (...args: (ArrayLike<number> | number)[]) => {
          if (!built.kernel.built) {
            const c0 = performance.now();
            built.kernel.build(...args); // what the first call would do: transpile and compile
            compileMs += performance.now() - c0;
          }
          const t0 = performance.now();
          const out = built(...args);
          kernelMs += performance.now() - t0;
          return out;
        },
        { destroy: () => built.destroy() },
      );
      shapes.set(key, kernel);
      compiled++;
      return kernel;
    },
    destroy() {
      kernels.clear();
      gpu.destroy().catch(() => undefined); // nothing is left to release if it fails
    },
  };
}
