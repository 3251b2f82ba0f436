import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths, version_wasm } from "@tensorflow/tfjs-backend-wasm";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { startWebgpuBackend, type WebgpuAdapterInfo } from "./webgpu/startWebgpuBackend.ts";

export type InferenceBackendName = "tensorflow" | "wasm" | "cpu" | "webgpu";

/** Every backend a run may ask for. */
export const INFERENCE_BACKENDS: readonly InferenceBackendName[] = ["tensorflow", "wasm", "cpu", "webgpu"];
/** What "auto" tries, in order. WebGPU only on request: its results are read asynchronously, and on
 * a machine without a GPU its adapter is a software renderer, slower than wasm. */
const AUTO_ORDER: readonly InferenceBackendName[] = ["tensorflow", "wasm", "cpu"];

/** What the run manifest records about inference. */
export interface InferenceBackendInfo {
  backend: InferenceBackendName;
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

function remember(backend: InferenceBackendName, version: string): InferenceBackendInfo {
  current = { backend, version, tfjsVersion: tf.version_core };
  if (backend === "webgpu" && webgpuAdapter !== undefined) current.adapter = webgpuAdapter;
  return current;
}

/**
 * Chooses the process's tfjs backend and returns what the run manifest records. With no preference it
 * keeps a backend chosen earlier, else takes `tensorflow` (tfjs-node) if it loads and works, else
 * `wasm`, else `cpu`; `webgpu` only when asked for. Asking for a backend that cannot start is an
 * error, not a silent fallback.
 */
export async function initInferenceBackend(preferred?: InferenceBackendName): Promise<InferenceBackendInfo> {
  // Production mode only silences tfjs's console advice (e.g. "install tfjs-node") in a CLI run.
  if (!tf.env().getBool("PROD")) tf.enableProdMode();
  if (preferred === undefined) {
    if (current !== undefined && tf.getBackend() === current.backend) return current;
    for (const name of AUTO_ORDER) {
      const version = await activate(name);
      if (version !== undefined) return remember(name, version);
    }
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", "no tfjs backend could start", {
      details: `tried ${AUTO_ORDER.join(", ")}`,
    });
  }
  if (!INFERENCE_BACKENDS.includes(preferred)) {
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `unknown inference backend "${preferred}"`, {
      details: `expected one of ${INFERENCE_BACKENDS.join(", ")}`,
    });
  }
  let version: string | undefined;
  try {
    version = await activate(preferred);
  } catch (error) {
    if (error instanceof CrucibleError) throw error;
    throw new CrucibleError("CRUCIBLE_INFERENCE_FAILED", `inference backend "${preferred}" failed to start`, {
      details: (error as Error).message,
      cause: error,
    });
  }
  if (version === undefined) {
    throw new CrucibleError(
      "CRUCIBLE_INFERENCE_FAILED",
      `inference backend "${preferred}" is not available`,
      {
        details:
          preferred === "tensorflow"
            ? "@tensorflow/tfjs-node is not installed or could not load libtensorflow; use wasm or cpu"
            : `tf.setBackend("${preferred}") failed`,
      },
    );
  }
  return remember(preferred, version);
}
