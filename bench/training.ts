/**
 * `npm run bench:training` (`tsx bench/training.ts [--miners 100,1000] [--rows 64] [--chunk 250]`):
 * training miners' fine-tuning throughput on the main thread (wasm): every miner fine-tunes its own
 * 784-32-10 model on its own shard of real digits (one SGD pass, batches of 32), one by one
 * (`fineTuneMlp`) and batched across miners (`fineTuneMlpBatch`, chunks of --chunk miners). Prints
 * miner-steps per second for both and their ratio; then the one-by-one loop in --workers worker
 * threads (each with its own wasm backend; weights and shards copied there and back) against the
 * main thread, checking the weights come back byte for byte the same. Prints the load average. Not
 * a test.
 */
import os from "node:os";
import type { Worker } from "node:worker_threads";
import { initInferenceBackend } from "../sim/inference/initInferenceBackend.ts";
import { startTsWorker } from "../sim/inference/startTsWorker.ts";
import { splitDigitShards } from "../sim/models/digitShards.ts";
import { fineTuneMlp } from "../sim/models/fineTuneMlp.ts";
import { fineTuneMlpBatch } from "../sim/models/fineTuneMlpBatch.ts";
import { initMlpWeights } from "../sim/models/initMlpWeights.ts";
import { DIGIT_CLASSES, DIGIT_FEATURES, loadDigits } from "../sim/models/loadDigits.ts";
import { type MlpWeights, packMlp } from "../sim/models/mlpWeights.ts";
import { createRng } from "../sim/rng/createRng.ts";

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = option("miners", "100,1000").split(",").map(Number);
const rows = Number(option("rows", "64"));
const chunk = Number(option("chunk", "250"));
const workerCount = Number(option("workers", "2"));
const budget = { epochs: 1, batchSize: 32, learningRate: 0.1 };

const { backend } = await initInferenceBackend("wasm");
const rng = createRng(1);
const data = await loadDigits(rng.fork("data"));
const base = initMlpWeights(rng.fork("init"), DIGIT_FEATURES, 32, DIGIT_CLASSES);
const shards = splitDigitShards(
  rng.fork("shards"),
  data.trainX,
  data.trainY,
  Math.floor(data.trainY.length / rows),
  rows,
);
console.log(
  `# bench:training — ${new Date().toISOString()}, ${backend}, node ${process.version}, ${os.cpus().length} CPUs, ` +
    `784-32-10, ${rows} rows a miner, batches of ${budget.batchSize}`,
);
console.log("miners | one by one: steps/s | batched: steps/s | batched ÷ one by one");
for (const m of sizes) {
  const jobs = Array.from({ length: m }, (_, k) => ({
    weights: base,
    ...shards[k % shards.length],
    rng: createRng(k),
  }));
  let t = performance.now();
  let loopSteps = 0;
  for (const j of jobs) loopSteps += fineTuneMlp(j.weights, j.x, j.y, budget, j.rng).steps;
  const loopS = (performance.now() - t) / 1000;
  t = performance.now();
  let batchSteps = 0;
  for (let s = 0; s < m; s += chunk) {
    const part = jobs.slice(s, s + chunk).map((j, k) => ({ ...j, rng: createRng(s + k) }));
    batchSteps += fineTuneMlpBatch(part, budget).steps * part.length;
  }
  const batchS = (performance.now() - t) / 1000;
  const a = loopSteps / loopS;
  const b = batchSteps / batchS;
  console.log(
    `${String(m).padStart(6)} | ${a.toFixed(0).padStart(19)} | ${b.toFixed(0).padStart(16)} | ${(b / a).toFixed(2)}×`,
  );
}
// Main thread against worker threads: the same one-by-one fine-tuning, split across workers.
console.log(
  `miners | main thread: s | ${workerCount} workers: s (with start-up) | main ÷ workers | same bytes`,
);
const train = (w: Worker, jobs: unknown[]) =>
  new Promise<{ weights: MlpWeights[]; steps: number }>((resolve, reject) => {
    w.once("message", resolve);
    w.once("error", reject);
    w.postMessage({ jobs, budget });
  });
for (const m of sizes) {
  const jobs = Array.from({ length: m }, (_, k) => ({
    weights: base,
    ...shards[k % shards.length],
    seed: k,
  }));
  let t = performance.now();
  const main = jobs.map((j) => fineTuneMlp(j.weights, j.x, j.y, budget, createRng(j.seed)).weights);
  const mainS = (performance.now() - t) / 1000;
  t = performance.now();
  const workers = Array.from({ length: workerCount }, () =>
    startTsWorker(new URL("./trainingWorker.ts", import.meta.url)),
  );
  const per = Math.ceil(m / workerCount);
  const parts = await Promise.all(workers.map((w, i) => train(w, jobs.slice(i * per, (i + 1) * per))));
  const workerS = (performance.now() - t) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  const back = parts.flatMap((p) => p.weights);
  const same = back.every((w, k) =>
    Buffer.from(packMlp(w).buffer).equals(Buffer.from(packMlp(main[k]).buffer)),
  );
  console.log(
    `${String(m).padStart(6)} | ${mainS.toFixed(2).padStart(13)} | ${workerS.toFixed(2).padStart(31)} | ${(mainS / workerS).toFixed(2).padStart(13)}× | ${same}`,
  );
}
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at the end`,
);
