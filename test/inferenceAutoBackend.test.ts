import * as tf from "@tensorflow/tfjs";
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";

/**
 * Finding 14 (issue 17), the backend half: `auto` used to take tfjs-node (`tensorflow`) whenever it
 * loaded, so one scenario gave different results on machines with and without libtensorflow and
 * the manifest did not say why. The plant: this file makes tfjs-node "load" (a module mock; the
 * package is not installed here) and registers a working `tensorflow` backend (tfjs's cpu kernels
 * under that name), i.e. the machine where the old `auto` would have switched. `auto` must still be
 * wasm, and say so; `tensorflow` only when asked for by name.
 */
vi.mock("@tensorflow/tfjs-node", () => ({ version: { "tfjs-node": "0.0.0-planted" } }));

beforeAll(() => {
  tf.registerBackend("tensorflow", () => new MathBackendCPU());
  for (const kernel of tf.getKernelsForBackend("cpu"))
    tf.registerKernel({ ...kernel, backendName: "tensorflow" });
});

describe("inference backend auto", () => {
  it("is wasm where tfjs-node loads, with no request at all too (a fresh process)", async () => {
    const info = await initInferenceBackend();
    expect(info).toMatchObject({ requested: "auto", backend: "wasm" });
    expect(info.reason).toMatch(/^auto is wasm on every machine/);
    expect(tf.getBackend()).toBe("wasm");
  });

  it("takes tfjs-node only when asked for by name, and says so", async () => {
    const info = await initInferenceBackend("tensorflow");
    expect(info).toMatchObject({
      requested: "tensorflow",
      backend: "tensorflow",
      version: "0.0.0-planted",
      reason: "asked for tensorflow by name",
    });
    expect(tf.getBackend()).toBe("tensorflow");
  });

  it("is wasm again after tensorflow ran earlier in the process", async () => {
    await initInferenceBackend("tensorflow");
    const info = await initInferenceBackend("auto");
    expect(info).toMatchObject({ requested: "auto", backend: "wasm" });
    expect(tf.getBackend()).toBe("wasm");
  });

  it("refuses a name it does not know, listing auto among the choices", async () => {
    await expect(initInferenceBackend("gpu" as "wasm")).rejects.toMatchObject({
      code: "CRUCIBLE_INFERENCE_FAILED",
      message: 'unknown inference backend "gpu"',
      details: "expected auto or one of tensorflow, wasm, cpu, webgpu",
    });
  });
});
