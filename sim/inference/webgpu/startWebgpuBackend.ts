import { tmpdir } from "node:os";
import * as tf from "@tensorflow/tfjs";
import { CrucibleError } from "../../errors/CrucibleError.ts";

/**
 * The tfjs `webgpu` backend in Node, through Dawn's Node binding (the optional `webgpu` package) and
 * `@tensorflow/tfjs-backend-webgpu`. A hardware adapter (Vulkan, Metal, D3D12) is taken first; when
 * there is none and `allowSoftware` holds, Dawn's OpenGL backend in compatibility mode on Mesa's
 * llvmpipe (a CPU rasteriser: Debian's libegl-mesa0 and libgl1-mesa-dri) — slow, but the same
 * WGSL kernels, so the code path is exercised on machines without a GPU. What was chosen is recorded
 * (`WebgpuAdapterInfo`) and goes to the run manifest.
 */
export interface WebgpuAdapterInfo {
  /** The adapter's own description, e.g. "NVIDIA H100" or "OpenGL version 4.5 (Core Profile) Mesa 22.3.6". */
  description: string;
  vendor: string;
  /** True for a software (CPU) adapter: timings are not GPU timings. */
  software: boolean;
  /** "core", or "compatibility" for Dawn's OpenGL backend. */
  featureLevel: "core" | "compatibility";
}

interface DawnAdapter {
  readonly info?: { vendor?: string; description?: string; architecture?: string; device?: string };
  readonly limits: Record<string, number>;
  readonly features: ReadonlySet<string>;
  requestDevice(descriptor?: unknown): Promise<unknown>;
}
interface DawnGpu {
  requestAdapter(options?: Record<string, unknown>): Promise<DawnAdapter | null>;
}
interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: Record<string, unknown>;
}

let started: Promise<WebgpuAdapterInfo> | undefined;

/** Limits tfjs-backend-webgpu asks for: the adapter's own maxima (it does the same in a browser). */
const REQUESTED_LIMITS = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeWorkgroupsPerDimension",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxComputeWorkgroupSizeX",
  "maxComputeInvocationsPerWorkgroup",
] as const;

async function loadDawn(): Promise<DawnModule> {
  // A variable specifier: `webgpu` is an optional dependency (prebuilt dawn.node per platform).
  const specifier = "webgpu";
  try {
    return (await import(specifier)) as DawnModule;
  } catch (error) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", 'inference backend "webgpu" is not available', {
      details: `the optional package "webgpu" (Dawn for Node) did not load: ${(error as Error).message}`,
    });
  }
}

async function findAdapter(
  dawn: DawnModule,
  allowSoftware: boolean,
): Promise<{ gpu: DawnGpu; adapter: DawnAdapter; info: WebgpuAdapterInfo }> {
  // Mesa's drivers (Vulkan loader, EGL) want a runtime dir; without one they only complain.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  const hardware = dawn.create([]);
  const found = await hardware.requestAdapter({ powerPreference: "high-performance" });
  const describe = (adapter: DawnAdapter, software: boolean, featureLevel: "core" | "compatibility") => ({
    description: adapter.info?.description || adapter.info?.device || "unknown adapter",
    vendor: adapter.info?.vendor ?? "",
    software,
    featureLevel,
  });
  if (found) return { gpu: hardware, adapter: found, info: describe(found, false, "core") };
  if (allowSoftware) {
    // Mesa's EGL needs a platform without a display to start headless.
    process.env.EGL_PLATFORM ??= "surfaceless";
    const gl = dawn.create(["backend=opengl"]);
    const soft = await gl.requestAdapter({ featureLevel: "compatibility" });
    if (soft) return { gpu: gl, adapter: soft, info: describe(soft, true, "compatibility") };
  }
  throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", 'inference backend "webgpu" is not available', {
    details: allowSoftware
      ? "no WebGPU adapter: no GPU driver (Vulkan) and no software OpenGL (apt-get install libegl-mesa0 libgl1-mesa-dri)"
      : "no hardware WebGPU adapter (set CRUCIBLE_WEBGPU_SOFTWARE=1 to allow Mesa's software renderer)",
  });
}

/**
 * Registers and selects tfjs's `webgpu` backend (once per process). Software adapters are allowed
 * unless `CRUCIBLE_WEBGPU_SOFTWARE=0`.
 */
export function startWebgpuBackend(): Promise<WebgpuAdapterInfo> {
  started ??= (async () => {
    const dawn = await loadDawn();
    const allowSoftware = process.env.CRUCIBLE_WEBGPU_SOFTWARE !== "0";
    const { gpu, adapter, info } = await findAdapter(dawn, allowSoftware);
    const { WebGPUBackend } = await import("@tensorflow/tfjs-backend-webgpu");
    // WebGPUBackend checks `navigator.gpu`; Node 20 has no navigator. Dawn's globals hold the
    // GPU* constants (GPUBufferUsage, ...) the backend uses.
    for (const [name, value] of Object.entries(dawn.globals)) {
      if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true });
    }
    const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
    if (nav === undefined)
      Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true });
    else if (nav.gpu === undefined) Object.defineProperty(nav, "gpu", { value: gpu, configurable: true });
    const requiredLimits = Object.fromEntries(REQUESTED_LIMITS.map((k) => [k, adapter.limits[k]]));
    const requiredFeatures = adapter.features.has("timestamp-query") ? ["timestamp-query"] : [];
    // tfjs-backend-webgpu registers its own factory on import when navigator.gpu already exists
    // (core adapters only): ours replaces it.
    if (tf.findBackendFactory("webgpu") !== null) tf.removeBackend("webgpu");
    tf.registerBackend(
      "webgpu",
      async () => {
        const device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
        return new WebGPUBackend(device as never, adapter.info as never);
      },
      0,
    );
    return info;
  })();
  started.catch(() => {
    started = undefined;
  });
  return started;
}
