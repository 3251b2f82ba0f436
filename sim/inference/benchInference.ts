/**
 * Measures the batched inference adapter: µs per miner for one `infer` of 32 queries, for 16 and
 * 1,000 miners of mixed tiers, against the one-model-at-a-time reference. Not a test; run with
 * `npx tsx sim/inference/benchInference.ts [backend]`. Uses the model cache (CRUCIBLE_CACHE_DIR).
 */

import { buildMinerModels } from "../models/buildMinerModels.ts";
import { loadDigits } from "../models/loadDigits.ts";
import { createRng } from "../rng/createRng.ts";
import { createInferenceAdapter } from "./createInferenceAdapter.ts";
import { inferOneByOne } from "./inferOneByOne.ts";
import { type InferenceBackendName, initInferenceBackend } from "./initInferenceBackend.ts";

const QUERIES = 32;
const TIERS = ["expert", "average", "poor", "random"];

/** Median ms of `reps` calls (the machine is shared; the median resists other processes' bursts). */
function timeIt(reps: number, run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

async function main(): Promise<void> {
  const info = await initInferenceBackend(process.argv[2] as InferenceBackendName | undefined);
  console.log(`backend ${info.backend} ${info.version}`);
  const seed = 1;
  let started = performance.now();
  const data = await loadDigits(createRng(seed).fork("digits"));
  console.log(`loadDigits ${(performance.now() - started).toFixed(0)} ms`);
  const queries = data.queryX.subarray(0, QUERIES * 784);
  for (const miners of [16, 1000]) {
    const specs = Array.from({ length: miners }, (_, i) => ({
      id: `m${i}`,
      tier: TIERS[i % 4],
      weightNoise: 0.1,
    }));
    started = performance.now();
    const models = await buildMinerModels(specs, data, seed);
    const buildMs = performance.now() - started;
    const bases = [...new Set(models.map((m) => m.base))];
    const baseInfo = bases.map(
      (b) =>
        `${b.tier} ${b.heldoutAccuracy.toFixed(3)} (${b.trainMs.toFixed(0)} ms${b.cacheHit ? ", cached" : ""})`,
    );
    console.log(`${miners} miners: buildMinerModels ${buildMs.toFixed(0)} ms; base ${baseInfo.join(", ")}`);
    const weights = models.map((m) => m.weights);
    started = performance.now();
    const adapter = await createInferenceAdapter(weights);
    console.log(`  createInferenceAdapter ${(performance.now() - started).toFixed(0)} ms`);
    timeIt(3, () => adapter.infer(queries, QUERIES));
    const batched = timeIt(miners > 100 ? 15 : 100, () => adapter.infer(queries, QUERIES));
    console.log(`  infer ${batched.toFixed(2)} ms = ${((batched * 1000) / miners).toFixed(1)} µs per miner`);
    adapter.dispose();
    const sample = weights.slice(0, 16);
    inferOneByOne(sample, queries, QUERIES);
    const reference = timeIt(3, () => inferOneByOne(sample, queries, QUERIES));
    console.log(
      `  inferOneByOne (16 miners) ${((reference * 1000) / sample.length).toFixed(1)} µs per miner`,
    );
  }
}

await main();
