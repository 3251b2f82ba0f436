/**
 * `npm run bench:mechanism` (tsx bench/mechanism.ts [--sizes 64x1024,256x4096,1024x16384]):
 * times Yuma's heavy array kernels (κ-median per column, clipping, Yuma 3 bond EMA with liquid
 * alpha; scratch buffers reused as the engine reuses them) and a whole epoch on typed arrays, with
 * fresh buffers and with a reused `YumaWorkspace`, for V validators × N UIDs. gpu.js is not a dependency
 * (see sim/mechanisms/README.md); when it is installed this reports it and still times only the
 * typed-array kernels. Prints milliseconds per call (median of repeats); timings vary by machine.
 */
import { performance } from "node:perf_hooks";
import { clipWeights } from "../sim/mechanisms/yuma/clipWeights.ts";
import { computeConsensus } from "../sim/mechanisms/yuma/computeConsensus.ts";
import { computeYuma3Bonds } from "../sim/mechanisms/yuma/computeYuma3Bonds.ts";
import { runYumaEpoch } from "../sim/mechanisms/yuma/runYumaEpoch.ts";
import { selectValidatorRows } from "../sim/mechanisms/yuma/validatorRows.ts";
import { resolveYumaHyperparameters } from "../sim/mechanisms/yuma/yumaHyperparameters.ts";
import { YumaWorkspace } from "../sim/mechanisms/yuma/yumaWorkspace.ts";
import { createRng } from "../sim/rng/createRng.ts";

const arg = process.argv.indexOf("--sizes");
const sizes = (arg > 0 ? process.argv[arg + 1] : "64x1024,256x4096,1024x16384")
  .split(",")
  .map((s) => s.split("x").map(Number) as [number, number]);

function time(label: string, repeats: number, f: () => unknown): number {
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[Math.floor(samples.length / 2)];
  console.log(`  ${label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms`);
  return ms;
}

async function gpuJsAvailable(): Promise<boolean> {
  try {
    await import("gpu.js" as string);
    return true;
  } catch {
    return false;
  }
}

console.log(
  `node ${process.version}; gpu.js ${(await gpuJsAvailable()) ? "installed (not benchmarked)" : "not installed"}`,
);
for (const [v, n] of sizes) {
  const rng = createRng(v * 100_003 + n).fork("bench");
  // Validators 0..v-1 each weight ~10% of the UIDs (u16), with stake; miners hold none.
  const stake = new Float64Array(n);
  for (let i = 0; i < v; i++) stake[i] = 1 + rng.float() * 1000;
  const weights: (Float64Array | undefined)[] = new Array(n).fill(undefined);
  const bonds: (Uint16Array | undefined)[] = new Array(n).fill(undefined);
  for (let i = 0; i < v; i++) {
    const row = new Float64Array(n);
    const bond = new Uint16Array(n);
    for (let j = v; j < n; j++) {
      if (rng.float() < 0.1) row[j] = 1 + Math.floor(rng.float() * 65535);
      if (rng.float() < 0.1) bond[j] = Math.floor(rng.float() * 65536);
    }
    weights[i] = row;
    bonds[i] = bond;
  }
  const permits = new Uint8Array(n);
  permits.fill(1, 0, v);
  const params = resolveYumaHyperparameters({ yuma3: true, liquidAlpha: true, maxAllowedValidators: v });
  const rows = selectValidatorRows(permits, bonds);
  const values = new Float64Array(v * n);
  const present = new Uint8Array(v * n);
  for (let i = 0; i < v; i++) {
    const row = weights[i] as Float64Array;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += row[j];
    for (let j = 0; j < n; j++) {
      values[i * n + j] = row[j] / sum;
      present[i * n + j] = row[j] > 0 ? 1 : 0;
    }
  }
  const rowStake = stake.slice(0, v);
  const activeStake = new Float64Array(n);
  for (let i = 0; i < v; i++) activeStake[i] = stake[i];
  const repeats = v * n > 4_000_000 ? 3 : 7;
  console.log(`${v} validators × ${n} UIDs (typed arrays, float64):`);
  const consensus = computeConsensus(n, rowStake, values, 0.5);
  time("κ-median consensus", repeats, () => computeConsensus(n, rowStake, values, 0.5));
  const workspace = new YumaWorkspace();
  const clipped = clipWeights(n, { values, present }, consensus);
  time("clipping", repeats, () => clipWeights(n, { values, present }, consensus, workspace));
  const previous = new Float64Array(v * n);
  for (let i = 0; i < v; i++)
    for (let j = 0; j < n; j++) previous[i * n + j] = (bonds[i] as Uint16Array)[j] / 65535;
  const incentive = new Float64Array(n).fill(1 / n);
  const options = {
    liquidAlpha: true,
    alpha: 0.1,
    alphaLow: 0.7,
    alphaHigh: 0.9,
    steepness: 10,
    bondsUpdate: "sparse" as const,
  };
  time("Yuma 3 bond EMA (liquid alpha)", repeats, () =>
    computeYuma3Bonds(n, rows, clipped, previous, consensus, activeStake, incentive, options, workspace),
  );
  const input = {
    n,
    block: 10,
    stake,
    weights,
    lastUpdate: new Float64Array(n).fill(10),
    registeredAt: new Float64Array(n),
    previousPermits: permits,
    bonds,
    lastEpochBlock: 9,
  };
  time("whole epoch, fresh buffers", repeats, () => runYumaEpoch(input, params));
  time("whole epoch, reused workspace", repeats, () =>
    runYumaEpoch(input, params, undefined, params.emissionPerEpoch, workspace),
  );
}
