import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { inferOneByOneAsync } from "../sim/inference/inferOneByOne.ts";
import { type InferenceBackendInfo, initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { createWebgpuInferenceAdapter } from "../sim/inference/webgpu/createWebgpuInferenceAdapter.ts";
import { buildMinerModels, type MinerModel } from "../sim/models/buildMinerModels.ts";
import { DIGIT_FEATURES, loadDigits } from "../sim/models/loadDigits.ts";
import { perturbWeights } from "../sim/models/perturbWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";
import { maxAbsDiff, mixedTierSpecs } from "./fixtures/mixedTierMiners.ts";

/**
 * The webgpu backend through Dawn. Without a GPU, Dawn's OpenGL backend on Mesa's llvmpipe (CPU)
 * serves as the adapter, so this runs the real WGSL kernels on any machine with Mesa's EGL; CI
 * installs it and sets CRUCIBLE_REQUIRE_WEBGPU=1, so there a missing adapter fails instead of skipping.
 */
const QUERIES = 16;
const options = { cacheDir: path.join(os.tmpdir(), "crucible-test-cache") };
let miners: MinerModel[] = [];
let queries: Float32Array = new Float32Array();
let wasmAnswers: Float32Array = new Float32Array();
let webgpu: InferenceBackendInfo | undefined;
let unavailable = "";

beforeAll(async () => {
  await initInferenceBackend("wasm");
  const data = await loadDigits(createRng(3));
  miners = await buildMinerModels(mixedTierSpecs(10), data, 5, options);
  queries = data.queryX.slice(0, QUERIES * DIGIT_FEATURES);
  const wasm = await createInferenceAdapter(
    miners.map((m) => m.weights),
    { backend: "wasm" },
  );
  wasmAnswers = wasm.infer(queries, QUERIES);
  wasm.dispose();
  try {
    webgpu = await initInferenceBackend("webgpu");
  } catch (error) {
    unavailable = (error as Error & { details?: string }).details ?? (error as Error).message;
    if (process.env.CRUCIBLE_REQUIRE_WEBGPU === "1") throw error;
  }
}, 240_000);

afterAll(async () => {
  await initInferenceBackend("wasm");
});

describe("webgpu inference backend", () => {
  it("starts, or says why not", (ctx) => {
    if (webgpu === undefined) {
      expect(unavailable).toMatch(/webgpu|adapter|OpenGL/i);
      ctx.skip();
    }
    expect(webgpu?.backend).toBe("webgpu");
    expect(webgpu?.adapter?.description).toBeTruthy();
  });

  it("gives the same answers batched and one by one (1e-5), and the wasm backend's within 1e-4", async (ctx) => {
    if (webgpu === undefined) return ctx.skip();
    const adapter = await createWebgpuInferenceAdapter(
      miners.map((m) => m.weights),
      { maxMinersPerPass: 4 },
    );
    try {
      const batched = await adapter.infer(queries, QUERIES);
      const oneByOne = await inferOneByOneAsync(
        miners.map((m) => m.weights),
        queries,
        QUERIES,
      );
      expect(maxAbsDiff(batched, oneByOne)).toBeLessThan(1e-5);
      expect(maxAbsDiff(batched, wasmAnswers)).toBeLessThan(1e-4);
    } finally {
      adapter.dispose();
    }
  }, 120_000);

  it("splits miners so each packed layer fits one storage binding (a larger one reads as zeros)", async (ctx) => {
    if (webgpu === undefined) return ctx.skip();
    // 700 miners' stacked 784×64 first layers are 140 MB, above the 128 MiB binding many adapters have.
    const many = Array.from({ length: 700 }, (_, i) => perturbWeights(miners[i % 2].weights, i + 1, 0.1));
    const nQueries = 4;
    const x = queries.subarray(0, nQueries * DIGIT_FEATURES);
    await initInferenceBackend("wasm");
    const wasm = await createInferenceAdapter(many, { backend: "wasm" });
    const expected = wasm.infer(x, nQueries);
    wasm.dispose();
    const adapter = await createWebgpuInferenceAdapter(many);
    try {
      expect(maxAbsDiff(await adapter.infer(x, nQueries), expected)).toBeLessThan(1e-4);
    } finally {
      adapter.dispose();
    }
  }, 240_000);

  it("leaves no tensor behind across calls, and frees its weights on dispose", async (ctx) => {
    if (webgpu === undefined) return ctx.skip();
    const before = tf.memory().numTensors;
    const adapter = await createWebgpuInferenceAdapter(miners.map((m) => m.weights));
    const out = new Float32Array(miners.length * QUERIES * 10);
    await adapter.infer(queries, QUERIES, out);
    const resident = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) await adapter.infer(queries, QUERIES, out);
    expect(tf.memory().numTensors).toBe(resident);
    adapter.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(adapter.infer(queries, QUERIES)).rejects.toThrow(/after dispose/);
  }, 120_000);
});
