/**
 * One configuration of the inference benchmark, run in its own process by `bench/inference.ts` so
 * that its peak RSS is its own. Prints one JSON line (`CaseResult`).
 */
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { createInferenceAdapter, type InferenceAdapter } from "../sim/inference/createInferenceAdapter.ts";
import { createWorkerInferenceAdapter } from "../sim/inference/createWorkerInferenceAdapter.ts";
import { type InferenceBackendName, initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { countCorrectRows, measureAdapterAccuracy } from "../sim/inference/measureAccuracy.ts";
import {
  type AsyncInferenceAdapter,
  createWebgpuInferenceAdapter,
} from "../sim/inference/webgpu/createWebgpuInferenceAdapter.ts";
import { DIGIT_FEATURES, loadDigits } from "../sim/models/loadDigits.ts";
import { perturbWeights } from "../sim/models/perturbWeights.ts";
import { type BaseModel, trainBaseModel } from "../sim/models/trainBaseModel.ts";
import { createRng } from "../sim/rng/createRng.ts";

export interface BenchCase {
  backend: InferenceBackendName;
  miners: number;
  /** 0: the in-process adapter on the main thread; n ≥ 1: n worker threads. */
  workers: number;
  queries: number;
  /** Held-out rows for the accuracy check (a subset at large sizes). */
  heldoutRows: number;
  /** Miners timed one by one with their own tf.sequential `predict` (0: skip). */
  perAgentSample: number;
}

export interface CaseResult extends BenchCase {
  backendVersion: string;
  /** The WebGPU adapter's description, "(software)" when it is a CPU renderer. */
  adapter?: string;
  ceilingGflops: number;
  ceilingSize: number;
  buildMs: number;
  buildPhasesMs?: { start: number; load: number; warmup: number };
  inferMs: number;
  inferMsMin: number;
  /** Median ms when each call overwrites the previous result (no fresh output buffer). */
  inferReuseMs: number;
  reps: number;
  gflopPerInfer: number;
  accuracyMs: number;
  meanAccuracy: Record<string, number>;
  perAgentUsPerMiner?: number;
  peakRssMiB: number;
}

const TIERS = ["expert", "average"]; // both 784-64-10

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** GFLOP/s of one n×n×n matMul on the current backend: the median of `reps` after a warm-up. */
async function measureCeiling(n: number, reps: number): Promise<number> {
  const a = tf.randomUniform([n, n], 0, 1, "float32", 1);
  const b = tf.randomUniform([n, n], 0, 1, "float32", 2);
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const started = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
    if (i > 0) times.push(performance.now() - started);
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / (median(times) * 1e6);
}

/** Median µs per miner of each miner's own `tf.sequential` predicting the batch (models prebuilt). */
async function perAgentLoop(
  weights: ReturnType<typeof perturbWeights>[],
  queries: Float32Array,
  nQueries: number,
): Promise<number> {
  const models = weights.map((w) => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [w.inputSize], units: w.hidden, activation: "relu" }),
        tf.layers.dense({ units: w.outputs, activation: "softmax" }),
      ],
    });
    const tensors = [
      tf.tensor2d(w.w1, [w.inputSize, w.hidden]),
      tf.tensor1d(w.b1),
      tf.tensor2d(w.w2, [w.hidden, w.outputs]),
      tf.tensor1d(w.b2),
    ];
    model.setWeights(tensors);
    tf.dispose(tensors);
    return model;
  });
  const x = tf.tensor2d(queries, [nQueries, DIGIT_FEATURES]);
  const pass = async () => {
    const started = performance.now();
    for (const model of models) {
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    }
    return performance.now() - started;
  };
  await pass();
  const ms = median([await pass(), await pass(), await pass()]);
  x.dispose();
  for (const model of models) model.dispose();
  return (ms * 1000) / models.length;
}

/** Held-out accuracy through an adapter whose `infer` is asynchronous (webgpu). */
async function asyncAccuracy(
  adapter: AsyncInferenceAdapter,
  x: Float32Array,
  y: Uint8Array,
  rows: number,
): Promise<number[]> {
  if (rows === 0) return Array.from({ length: adapter.miners }, () => Number.NaN);
  const probs = await adapter.infer(x, rows);
  const per = rows * adapter.outputs;
  return Array.from(
    { length: adapter.miners },
    (_, m) => countCorrectRows(probs.subarray(m * per, (m + 1) * per), rows, adapter.outputs, y, 0) / rows,
  );
}

export async function runBenchCase(c: BenchCase): Promise<CaseResult> {
  const info = await initInferenceBackend(c.backend);
  const ceilingSize = c.backend === "cpu" ? 512 : 1024;
  const ceilingGflops = await measureCeiling(ceilingSize, c.backend === "cpu" ? 3 : 7);
  const seed = 1;
  const rng = createRng(seed);
  const data = await loadDigits(rng.fork("digits"));
  const cacheDir = path.join(os.tmpdir(), "crucible-bench-cache");
  const bases: BaseModel[] = [];
  for (const tier of TIERS) {
    // Base models train on wasm when inference runs on webgpu (as in a run): tfjs-layers training
    // reads tensors synchronously, which tfjs-backend-webgpu cannot do in Node.
    const backend = c.backend === "webgpu" ? "wasm" : c.backend;
    bases.push(
      await trainBaseModel({ tier }, data, rng.fork(`base-model:${tier}`).seed, { cacheDir, backend }),
    );
  }
  const specs = Array.from({ length: c.miners }, (_, i) => ({
    base: i % TIERS.length,
    noiseSeed: rng.fork(`miner-noise:m${i}`).seed,
    noise: 0.1,
  }));
  const queries = data.queryX.slice(0, c.queries * DIGIT_FEATURES);

  let started = performance.now();
  let adapter: InferenceAdapter | AsyncInferenceAdapter;
  let buildPhasesMs: CaseResult["buildPhasesMs"];
  if (c.backend === "webgpu" || c.workers === 0) {
    // webgpu: one device, in-process only, results read back asynchronously.
    const weights = specs.map((s) => perturbWeights(bases[s.base].weights, s.noiseSeed, s.noise));
    adapter =
      c.backend === "webgpu"
        ? await createWebgpuInferenceAdapter(weights)
        : await createInferenceAdapter(weights, { backend: c.backend });
    await adapter.infer(queries, c.queries); // the same warm-up the workers get
    await adapter.infer(queries, c.queries);
  } else {
    adapter = await createWorkerInferenceAdapter(
      { bases: bases.map((b) => b.weights), miners: specs },
      { workers: c.workers, backend: c.backend, warmupQueries: c.queries },
    );
    buildPhasesMs = (adapter as Awaited<ReturnType<typeof createWorkerInferenceAdapter>>).buildMs;
  }
  const buildMs = performance.now() - started;

  const reps = c.backend === "cpu" ? 3 : c.miners >= 10_000 ? 7 : 15;
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    started = performance.now();
    await adapter.infer(queries, c.queries);
    times.push(performance.now() - started);
  }

  let out = await adapter.infer(queries, c.queries);
  const reuseTimes: number[] = [];
  for (let i = 0; i < reps; i++) {
    started = performance.now();
    out = await adapter.infer(queries, c.queries, out);
    reuseTimes.push(performance.now() - started);
  }

  started = performance.now();
  const rows = c.heldoutRows;
  const heldoutX = data.heldoutX.subarray(0, rows * DIGIT_FEATURES);
  const accuracy =
    c.backend === "webgpu"
      ? await asyncAccuracy(adapter as AsyncInferenceAdapter, heldoutX, data.heldoutY, rows)
      : measureAdapterAccuracy(adapter as InferenceAdapter, heldoutX, data.heldoutY.subarray(0, rows), 100);
  const accuracyMs = performance.now() - started;
  const meanAccuracy: Record<string, number> = {};
  TIERS.forEach((tier, t) => {
    const own = accuracy.filter((_, i) => specs[i].base === t);
    meanAccuracy[tier] = own.reduce((a, b) => a + b, 0) / own.length;
  });
  adapter.dispose();

  let perAgentUsPerMiner: number | undefined;
  if (c.perAgentSample > 0) {
    const sample = specs
      .slice(0, c.perAgentSample)
      .map((s) => perturbWeights(bases[s.base].weights, s.noiseSeed, s.noise));
    perAgentUsPerMiner = await perAgentLoop(sample, queries, c.queries);
  }
  const perMinerFlop = 2 * c.queries * (DIGIT_FEATURES * 64 + 64 * 10);
  return {
    ...c,
    backendVersion: info.version,
    adapter: info.adapter && `${info.adapter.description}${info.adapter.software ? " (software)" : ""}`,
    ceilingGflops,
    ceilingSize,
    buildMs,
    buildPhasesMs,
    inferMs: median(times),
    inferMsMin: Math.min(...times),
    inferReuseMs: median(reuseTimes),
    reps,
    gflopPerInfer: (perMinerFlop * c.miners) / 1e9,
    accuracyMs,
    meanAccuracy,
    perAgentUsPerMiner,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

const caseArg = process.argv.indexOf("--case");
if (caseArg >= 0) {
  const result = await runBenchCase(JSON.parse(process.argv[caseArg + 1]) as BenchCase);
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}
