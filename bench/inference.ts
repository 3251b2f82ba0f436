/**
 * `npm run bench:inference` (`tsx bench/inference.ts [--backends wasm,cpu] [--miners 1000,10000]`):
 * every miner with its own 784-64-10 weights (expert/average base + seeded 10% noise) answers 32
 * queries, for each backend present. Each configuration runs in its own process (clean peak RSS):
 * the in-process adapter (1,000 miners only: it needs every miner's weights in JS too), one worker
 * thread and two workers, next to the backend's ceiling (one large square matMul, same process) and
 * the per-agent loop (each miner's own `model.predict`). Not a test; prints a table.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { INFERENCE_BACKENDS, type InferenceBackendName } from "../sim/inference/initInferenceBackend.ts";
import type { BenchCase, CaseResult } from "./inferenceCase.ts";

const QUERIES = 32;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function runCase(c: BenchCase): CaseResult | string {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const file = fileURLToPath(new URL("./inferenceCase.ts", import.meta.url));
  const child = spawnSync(process.execPath, ["--import", tsx, file, "--case", JSON.stringify(c)], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (child.status !== 0 || line === undefined) {
    const lines = `${child.stderr}${child.stdout}`.split("\n");
    const why =
      lines
        .filter((l) => /Error|error:|details/.test(l))
        .slice(0, 2)
        .join(" | ") || lines.slice(-3).join(" | ");
    return `exit ${child.status ?? child.signal}: ${why.trim()}`;
  }
  return JSON.parse(line.slice("RESULT ".length)) as CaseResult;
}

const pad = (text: string | number, width: number) => String(text).padStart(width);
const fixed = (value: number, digits: number) => value.toFixed(digits);

function formName(workers: number): string {
  return workers === 0 ? "in-process" : workers === 1 ? "1 worker" : `${workers} workers`;
}

function printRow(r: CaseResult): void {
  const seconds = r.inferMs / 1000;
  const gflops = r.gflopPerInfer / seconds;
  const threads = Math.max(1, r.workers);
  const cells = [
    pad(r.miners, 6),
    pad(formName(r.workers), 11),
    pad(fixed(r.buildMs / 1000, 1), 7),
    pad(fixed(r.inferMs, 1), 9),
    pad(fixed(r.inferReuseMs, 1), 9),
    pad(fixed((r.inferMs * 1000) / r.miners, 1), 8),
    pad(Math.round((r.miners * r.queries) / seconds).toLocaleString("en-US"), 12),
    pad(fixed(gflops, 1), 7),
    pad(fixed(r.ceilingGflops, 1), 8),
    pad(fixed(gflops / (r.ceilingGflops * threads), 2), 8),
    pad(fixed(r.peakRssMiB / 1024, 2), 8),
  ];
  const accuracy = Object.entries(r.meanAccuracy)
    .map(([tier, a]) => `${tier} ${fixed(a, 3)}`)
    .join(", ");
  console.log(`${cells.join(" ")}   ${accuracy} (${r.heldoutRows} rows, ${fixed(r.accuracyMs / 1000, 1)} s)`);
}

async function main(): Promise<void> {
  const backends = option("backends", INFERENCE_BACKENDS.join(",")).split(",") as InferenceBackendName[];
  const sizes = option("miners", "1000,10000").split(",").map(Number);
  console.log(
    `inference benchmark: ${QUERIES} queries of a 784-64-10 MLP, every miner its own weights; ` +
      `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  console.log(
    "ceiling: median GFLOP/s of one n×n×n matMul on one thread of the backend (n = 1024; 512 on cpu), " +
      "measured in each configuration's process; infer: median of 7-15 calls after warm-up, each into a fresh " +
      "output array; reuse: the same, overwriting the previous result; µs/miner, inferences/s and GFLOP/s from infer",
  );
  for (const backend of backends) {
    const probe = runCase({ backend, miners: 2, workers: 0, queries: 2, heldoutRows: 0, perAgentSample: 0 });
    if (typeof probe === "string") {
      console.log(`\n${backend}: not available (${probe.slice(0, 160)})`);
      continue;
    }
    console.log(`\n${backend} ${probe.backendVersion}${probe.adapter ? ` on ${probe.adapter}` : ""}`);
    console.log(
      `${pad("miners", 6)} ${pad("form", 11)} ${pad("build s", 7)} ${pad("infer ms", 9)} ${pad("reuse ms", 9)} ${pad("µs/miner", 8)} ` +
        `${pad("inferences/s", 12)} ${pad("GFLOP/s", 7)} ${pad("ceiling", 8)} ${pad("×ceil/th", 8)} ${pad("RSS GiB", 8)}   held-out accuracy`,
    );
    for (const miners of sizes) {
      const software = probe.adapter?.endsWith("(software)") ?? false;
      if ((backend === "cpu" || software) && miners > 1000) {
        console.log(
          `${pad(miners, 6)} skipped on ${software ? "a software WebGPU adapter" : "cpu"} (too slow)`,
        );
        continue;
      }
      const byWorkers = new Map<number, CaseResult>();
      // webgpu: one device, in-process (its adapter holds every miner's weights in JS too).
      const forms = backend === "webgpu" ? [0] : miners <= 1000 ? [0, 1, 2] : [1, 2];
      for (const workers of forms) {
        const result = runCase({
          backend,
          miners,
          workers,
          queries: QUERIES,
          heldoutRows: miners > 1000 || backend === "cpu" ? 100 : 500,
          perAgentSample: workers === 0 ? 64 : 0,
        });
        if (typeof result === "string") {
          console.log(`${pad(miners, 6)} ${pad(formName(workers), 11)} failed: ${result}`);
          continue;
        }
        byWorkers.set(workers, result);
        printRow(result);
        if (result.perAgentUsPerMiner !== undefined) {
          console.log(
            `${pad("", 6)} per-agent loop (each miner's own model.predict, 64 miners): ` +
              `${fixed(result.perAgentUsPerMiner, 1)} µs/miner = ` +
              `${fixed(result.perAgentUsPerMiner / ((result.inferMs * 1000) / miners), 2)}× the in-process batched form`,
          );
        }
      }
      const one = byWorkers.get(1);
      const two = byWorkers.get(2);
      if (one !== undefined && two !== undefined) {
        console.log(
          `${pad("", 6)} two workers vs one: ${fixed(one.inferMs / two.inferMs, 2)}× faster (best call: ` +
            `${fixed(one.inferMsMin / two.inferMsMin, 2)}×); build ${JSON.stringify(two.buildPhasesMs, (_k, v) => (typeof v === "number" ? Math.round(v) : v))} ms`,
        );
      }
    }
  }
}

await main();
