import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths, version_wasm } from "@tensorflow/tfjs-backend-wasm";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { startWebgpuBackend, type WebgpuAdapterInfo } from "./webgpu/startWebgpuBackend.ts";

export type InferenceBackendName = "tensorflow" | "wasm" | "cpu" | "webgpu";

/** Every backend a run may ask for by name. */
export const INFERENCE_BACKENDS: readonly InferenceBackendName[] = ["tensorflow", "wasm", "cpu", "webgpu"];
/** What a caller may ask for: a backend by name, or `auto`. */
export type InferenceBackendRequest = InferenceBackendName | "auto";
/**
 * What `auto` means, on every machine: wasm, which ships with Crucible (an npm dependency, no native
 * library), so a scenario's results never depend on whether the optional tfjs-node happens to load.
 * tensorflow (tfjs-node) and webgpu only when asked for by name; cpu too (it is slow).
 */
export const AUTO_BACKEND: InferenceBackendName = "wasm";
const AUTO_REASON =
  "auto is wasm on every machine (bundled; results never depend on whether the optional tfjs-node loads); tensorflow, webgpu and cpu only when asked for by name";

/** What the run manifest records about inference. */
export interface InferenceBackendInfo {
  /** What the run asked for (`inference.backend` or `--backend`): a name, or auto. */
  requested: InferenceBackendRequest;
  /** The backend chosen. */
  backend: InferenceBackendName;
  /** Why this backend was chosen for that request. */
  reason: string;
  /** Version of the package that provides the backend (tfjs-node, tfjs-backend-wasm or tfjs-backend-cpu). */
  version: string;
  tfjsVersion: string;
  /** The WebGPU adapter (webgpu only): its description and whether it is a software renderer. */
  adapter?: WebgpuAdapterInfo;
}

let wasmPathsSet = false;
let nodeBindingVersion: string | undefined;
let current: InferenceBackendInfo | undefined;
let webgpuAdapter: WebgpuAdapterInfo | undefined;

async function tryTensorflow(): Promise<string | undefined> {
  if (nodeBindingVersion !== undefined) return nodeBindingVersion;
  // A variable specifier: tfjs-node is optional and usually absent (it needs libtensorflow).
  const specifier = "@tensorflow/tfjs-node";
  try {
    const binding = (await import(specifier)) as { version?: Record<string, string> };
    nodeBindingVersion = binding.version?.["tfjs-node"] ?? tf.version_core;
    return nodeBindingVersion;
  } catch {
    return undefined;
  }
}

async function activate(name: InferenceBackendName): Promise<string | undefined> {
  let version: string | undefined;
  if (name === "tensorflow") {
    version = await tryTensorflow();
    if (version === undefined) return undefined;
  } else if (name === "wasm") {
    if (!wasmPathsSet) {
      const require = createRequire(import.meta.url);
      const wasmFile = require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm");
      setWasmPaths(path.dirname(wasmFile) + path.sep);
      wasmPathsSet = true;
    }
    version = version_wasm;
  } else if (name === "webgpu") {
    webgpuAdapter = await startWebgpuBackend();
    const require = createRequire(import.meta.url);
    version = (require("@tensorflow/tfjs-backend-webgpu/package.json") as { version: string }).version;
  } else {
    version = tf.version["tfjs-backend-cpu"] ?? tf.version_core;
  }
  if (tf.getBackend() !== name) {
    try {
      if (!(await tf.setBackend(name))) return undefined;
      await tf.ready();
    } catch {
      return undefined;
    }
  }
  // The backend must actually compute, not just register (webgpu reads back asynchronously only).
  const product = tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])));
  const probe = (await product.data())[0];
  product.dispose();
  return probe === 2 ? version : undefined;
}

function remember(
  requested: InferenceBackendRequest,
  backend: InferenceBackendName,
  version: string,
): InferenceBackendInfo {
  const reason = requested === "auto" ? AUTO_REASON : `asked for ${backend} by name`;
  current = { requested, backend, reason, version, tfjsVersion: tf.version_core };
  if (backend === "webgpu" && webgpuAdapter !== undefined) current.adapter = webgpuAdapter;
  return current;
}

/**
 * Chooses the process's tfjs backend and returns what the run manifest records (what was asked for,
 * what was chosen and why). `auto` is always AUTO_BACKEND (wasm), whatever loads on the machine and
 * whatever ran earlier in the process; with no request at all it keeps a backend chosen earlier,
 * else does as `auto`. `tensorflow` (tfjs-node) and `webgpu` only when asked for by name. A backend
 * that cannot start is an error, not a silent fallback.
 */
export function initInferenceBackend(preferred?: InferenceBackendRequest): Promise<InferenceBackendInfo> {
  // One at a time: runs in the same process (a network's subnets run side by side with stake
  // feedback) would otherwise race tfjs's global backend switch.
  const next = starting.then(() => initOnce(preferred));
  starting = next.catch(() => {});
  return next;
}

let starting: Promise<unknown> = Promise.resolve();

async function initOnce(preferred?: InferenceBackendRequest): Promise<InferenceBackendInfo> {
  // Production mode only silences tfjs's console advice (e.g. "install tfjs-node") in a CLI run.
  if (!tf.env().getBool("PROD")) tf.enableProdMode();
  if (preferred === undefined) {
    if (current !== undefined && tf.getBackend() === current.backend) return current;
    return start("auto");
  }
  return start(preferred);
}

async function start(preferred: InferenceBackendRequest): Promise<InferenceBackendInfo> {
  const name = preferred === "auto" ? AUTO_BACKEND : preferred;
  if (!INFERENCE_BACKENDS.includes(name)) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `unknown inference backend "${preferred}"`, {
      details: `expected auto or one of ${INFERENCE_BACKENDS.join(", ")}`,
    });
  }
  const what = preferred === "auto" ? `auto (${name})` : `"${name}"`;
  let version: string | undefined;
  try {
    version = await activate(name);
  } catch (error) {
    if (error instanceof CrucibleError) throw error;
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `inference backend ${what} failed to start`, {
      details: (error as Error).message,
      cause: error,
    });
  }
  if (version === undefined) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `inference backend ${what} is not available`, {
      details:
        name === "tensorflow"
          ? "@tensorflow/tfjs-node is not installed or could not load libtensorflow; use wasm or cpu"
          : `tf.setBackend("${name}") failed${preferred === "auto" ? "; ask for cpu by name (inference.backend: cpu)" : ""}`,
    });
  }
  return remember(preferred, name, version);
}
