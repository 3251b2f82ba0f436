/**
 * `npm run bench:mechanism` (tsx bench/mechanism.ts [--sizes 64x1024,256x4096,1024x16384]
 * [--density 0.9] [--repeats 5] [--modes webasm,cpu,webgpu] [--cpu-up-to 65536]): times Yuma's heavy steps (κ-median per
 * column, clipping, Yuma 3 bond EMA (liquid alpha), classic bond EMA) and a whole Yuma 3 epoch
 * (reused workspace) on typed arrays (float64) and as gpu.js kernels (float32), side by side in the
 * same process, for V validators × N UIDs with `density` of the weights and bonds non-zero.
 *
 * Every step is called once first (gpu.js compiles its kernels there; "compile" is that first call
 * minus the median), then `repeats` times with the implementations interleaved; the median is
 * printed. "÷typed" is the time over the typed-array time (above 1: slower than typed arrays); "in
 * kernel" is the part spent inside gpu.js kernel calls (upload, run, readback), the rest being the
 * float64 work around them; "compile" is gpu.js building the kernel, "1st call+" the rest of the first
 * call's extra time (wasm memory, first touch of pages). "agreement" compares with the typed result
 * (max |Δ|, or columns that differ). "default" is `createYumaKernels()`, what `runYumaEpoch` uses.
 * gpu.js cpu mode runs only at sizes up to `--cpu-up-to` cells (default 65,536: 64 × 1,024).
 */
import { performance } from "node:perf_hooks";
import { GPU } from "gpu.js";
import type { GpuMode } from "../sim/mechanisms/kernels/createGpuRuntime.ts";
import { createYumaKernels, type YumaKernelSet } from "../sim/mechanisms/kernels/createYumaKernels.ts";
import type { RowMatrix } from "../sim/mechanisms/yuma/prepareWeights.ts";
import { runYumaEpoch } from "../sim/mechanisms/yuma/runYumaEpoch.ts";
import { resolveYumaHyperparameters } from "../sim/mechanisms/yuma/yumaHyperparameters.ts";
import { TYPED_ARRAY_KERNELS, type YumaKernels } from "../sim/mechanisms/yuma/yumaKernels.ts";
import { YumaWorkspace } from "../sim/mechanisms/yuma/yumaWorkspace.ts";
import { createRng } from "../sim/rng/createRng.ts";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = flag("sizes", "64x1024,256x4096,1024x16384")
  .split(",")
  .map((s) => s.split("x").map(Number) as [number, number]);
const density = Number(flag("density", "0.9"));
const repeats = Number(flag("repeats", "5"));
const cpuModeMaxCells = Number(flag("cpu-up-to", "65536"));

interface Contender {
  readonly name: string;
  readonly set: YumaKernelSet | undefined;
  readonly kernels: YumaKernels;
  readonly workspace: YumaWorkspace;
}

/**
 * The contenders: typed arrays; every step in gpu.js per mode (a mode that cannot run here is
 * reported and left out); and the default set (`createYumaKernels()`, what `runYumaEpoch` uses).
 */
function contenders(modes: GpuMode[]): Contender[] {
  const list: Contender[] = [
    { name: "typed", set: undefined, kernels: TYPED_ARRAY_KERNELS, workspace: new YumaWorkspace() },
  ];
  for (const mode of modes) {
    try {
      const every = { consensus: mode, clip: mode, yuma3BondEma: mode, classicBondEma: mode };
      const set = createYumaKernels(every, { minCells: 0, minSearched: 0 });
      list.push({ name: mode, set, kernels: set.kernels, workspace: new YumaWorkspace() });
    } catch (error) {
      const e = error as Error & { details?: string };
      console.log(`gpu.js ${mode}: not measured: ${e.message}${e.details ? ` (${e.details})` : ""}`);
    }
  }
  const set = createYumaKernels();
  list.push({ name: "default", set, kernels: set.kernels, workspace: new YumaWorkspace() });
  return list;
}

interface Timing {
  median: number;
  /** The first call's time beyond the median, less compiling: wasm memory, first touch of pages. */
  firstExtra: number;
  compile: number;
  inKernel: number;
  result: unknown;
}

/**
 * First call (its result, copied by `keep`, is what the agreement column compares), then `repeats`
 * interleaved rounds; medians per contender.
 */
function race<T>(
  list: Contender[],
  step: (c: Contender) => T,
  keep: (result: T) => unknown = (r) => r,
): Timing[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const total = (c: Contender, key: "kernelMs" | "compileMs") =>
    [...(c.set?.runtimes.values() ?? [])].reduce((s, r) => s + r[key], 0);
  const kernelMs = (c: Contender) => total(c, "kernelMs");
  const samples = list.map(() => [] as number[]);
  const inKernel = list.map(() => [] as number[]);
  const results: unknown[] = [];
  const compile: number[] = [];
  const first = list.map((c, i) => {
    const c0 = total(c, "compileMs");
    const t0 = performance.now();
    const result = step(c);
    const ms = performance.now() - t0;
    compile[i] = total(c, "compileMs") - c0;
    results[i] = keep(result);
    return ms;
  });
  for (let r = 0; r < repeats; r++) {
    list.forEach((c, i) => {
      const k0 = kernelMs(c);
      const t0 = performance.now();
      step(c);
      samples[i].push(performance.now() - t0);
      inKernel[i].push(kernelMs(c) - k0);
    });
  }
  return list.map((_, i) => ({
    median: median(samples[i]),
    firstExtra: Math.max(0, first[i] - compile[i] - median(samples[i])),
    compile: compile[i],
    inKernel: median(inKernel[i]),
    result: results[i],
  }));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

function printRow(
  label: string,
  list: Contender[],
  t: Timing[],
  agreement: (gpu: unknown, typed: unknown) => string,
) {
  const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1)).padStart(8);
  let line = `  ${label.padEnd(24)}${ms(t[0].median)}`;
  for (let i = 1; i < list.length; i++) {
    const ratio = `${(t[i].median / t[0].median).toFixed(2)}×`.padStart(8);
    line += ` │ ${ms(t[i].median)}${ratio}${ms(t[i].inKernel)}${ms(t[i].compile)}${ms(t[i].firstExtra)}  ${agreement(t[i].result, t[0].result)}`;
  }
  console.log(line);
}

const requested = flag("modes", "webasm,cpu").split(",") as GpuMode[];
console.log(
  `node ${process.version}, gpu.js ${(await import("gpu.js/package.json", { with: { type: "json" } })).default.version}` +
    ` (webasm: synchronous, SIMD, one thread; WebGPU in this runtime: ${GPU.isWebGPUSupported ? "yes" : "no"});` +
    ` weights and bonds ${density * 100}% non-zero; median of ${repeats} runs after a first call`,
);
const all = contenders(requested);
for (const [v, n] of sizes) {
  const list = all.filter((c) => c.name !== "cpu" || v * n <= cpuModeMaxCells);
  const rng = createRng(v * 100_003 + n).fork("bench");
  // Validators 0..v-1 (stake 1..1001) score each miner j ≥ v with probability `density`, as u16 of
  // its quality q_j ∈ [0, 1) times noise in [0.8, 1.2); they hold u16 bonds on the same fraction.
  const stake = new Float64Array(n);
  for (let i = 0; i < v; i++) stake[i] = 1 + rng.float() * 1000;
  const quality = Float64Array.from({ length: n }, () => rng.float());
  const weights: Float64Array[] = [];
  const bonds: Uint16Array[] = [];
  for (let i = 0; i < v; i++) {
    const row = new Float64Array(n);
    const bond = new Uint16Array(n);
    for (let j = v; j < n; j++) {
      if (rng.float() < density)
        row[j] = Math.min(65535, 1 + Math.floor(quality[j] * (0.8 + 0.4 * rng.float()) * 65535));
      if (rng.float() < density) bond[j] = Math.floor(rng.float() * 65536);
    }
    weights.push(row);
    bonds.push(bond);
  }
  const values = new Float64Array(v * n);
  const present = new Uint8Array(v * n);
  const previous = new Float64Array(v * n);
  for (let i = 0; i < v; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += weights[i][j];
    for (let j = 0; j < n; j++) {
      values[i * n + j] = weights[i][j] / sum;
      present[i * n + j] = weights[i][j] > 0 ? 1 : 0;
      previous[i * n + j] = bonds[i][j] / 65535;
    }
  }
  const weightMatrix: RowMatrix = { values, present };
  const rowStake = stake.slice(0, v);
  const consensus = TYPED_ARRAY_KERNELS.consensus(n, rowStake, values, 0.5);
  const clipped = TYPED_ARRAY_KERNELS.clip(n, weightMatrix, consensus);
  const options = {
    liquidAlpha: true,
    alpha: 0.1,
    alphaLow: 0.7,
    alphaHigh: 0.9,
    steepness: 10,
    bondsUpdate: "sparse" as const,
  };
  const permits = new Uint8Array(n).fill(1, 0, v);
  const params = resolveYumaHyperparameters({ yuma3: true, liquidAlpha: true, maxAllowedValidators: v });
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
  let nonZero = 0;
  for (let j = 0; j < n; j++) if (consensus[j] > 0) nonZero++;
  let clippedCount = 0;
  for (let k = 0; k < values.length; k++) if (clipped.values[k] < values[k]) clippedCount++;
  console.log(
    `\n${v} validators × ${n.toLocaleString("en")} UIDs: consensus non-zero on ${((100 * nonZero) / n).toFixed(0)}% of` +
      ` UIDs (Yuma 3 EMA ${nonZero > 0 ? "with liquid α" : "with fixed α: no consensus"}),` +
      ` ${((100 * clippedCount) / values.length).toFixed(0)}% of entries clipped`,
  );
  const names = list.slice(1).map((c) => `${c.name} ms  ÷typed in kernel compile 1st call+  agreement`);
  console.log(`  ${"step".padEnd(24)}${"typed ms".padStart(8)}${names.map((h) => ` │ ${h}`).join("")}`);
  const diff = (g: unknown, t: unknown) => maxDiff(g as Float64Array, t as Float64Array).toExponential(1);
  const copy = (r: Float64Array) => r.slice();
  // Output buffers per contender, allocated once: a step's timing excludes allocation and copies.
  const out = new Map(list.map((c) => [c, new Float64Array(v * n)]));
  printRow(
    "κ-median",
    list,
    race(list, (c) => c.kernels.consensus(n, rowStake, values, 0.5)),
    (g, t) => {
      let differ = 0;
      for (let j = 0; j < n; j++) if ((g as Float64Array)[j] !== (t as Float64Array)[j]) differ++;
      return `${differ} of ${n} differ`;
    },
  );
  printRow(
    "clipping",
    list,
    race(
      list,
      (c) => c.kernels.clip(n, weightMatrix, consensus, c.workspace),
      (r) => r.values.slice(),
    ),
    diff,
  );
  printRow(
    "Yuma 3 bond EMA",
    list,
    race(
      list,
      (c) => {
        const bondsOut = out.get(c) as Float64Array;
        c.kernels.yuma3BondEma(n, clipped, previous, consensus, options, bondsOut);
        return bondsOut;
      },
      copy,
    ),
    diff,
  );
  printRow(
    "classic bond EMA",
    list,
    race(
      list,
      (c) => {
        const bondsOut = out.get(c) as Float64Array;
        c.kernels.classicBondEma(clipped.values, previous, 0.1, bondsOut);
        return bondsOut;
      },
      copy,
    ),
    diff,
  );
  printRow(
    "whole Yuma 3 epoch",
    list,
    race(list, (c) =>
      runYumaEpoch(input, params, undefined, params.emissionPerEpoch, c.workspace, c.kernels),
    ),
    (g, t) => {
      const a = g as ReturnType<typeof runYumaEpoch>;
      const b = t as ReturnType<typeof runYumaEpoch>;
      let bond = 0;
      for (let i = 0; i < v; i++) bond = Math.max(bond, maxDiff(a.bonds[i] ?? [], b.bonds[i] ?? []));
      return `dividends ${maxDiff(a.dividends, b.dividends).toExponential(1)}, u16 bonds ${bond}`;
    },
  );
}
for (const c of all) c.set?.destroy();
