/** Worker entry of `bench:training`: fine-tunes the jobs it is sent (wasm, one by one) and returns the weights. */
import { parentPort } from "node:worker_threads";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { fineTuneMlp } from "../sim/models/fineTuneMlp.ts";
import type { MlpWeights } from "../sim/models/mlpWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";

interface Job {
  weights: MlpWeights;
  x: Float32Array;
  y: Uint8Array;
  seed: number;
}

parentPort?.on(
  "message",
  async (msg: { jobs: Job[]; budget: { epochs: number; batchSize: number; learningRate: number } }) => {
    await initInferenceBackend("wasm");
    let steps = 0;
    const out = msg.jobs.map((j) => {
      const r = fineTuneMlp(j.weights, j.x, j.y, msg.budget, createRng(j.seed));
      steps += r.steps;
      return r.weights;
    });
    parentPort?.postMessage({ weights: out, steps });
  },
);
