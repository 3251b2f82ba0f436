/**
 * `npm run bench:scale` (tsx bench/scale.ts [--scenario scenarios/scale/scale-10k.yaml] [--epochs 3]
 * [--backends anvil,memory] [--checkpoints]):
 * the same scenario and seed run end to end on both protocol backends, Anvil then memory, one after
 * the other in one process. Prints, per backend, the setup stages from the manifest (models, chain:
 * start + deployment + registrations, quality), the epochs' wall time and its mean per epoch, the
 * per-phase split summed over epochs (timings.csv), and the ratio Anvil ÷ memory per epoch, with the
 * load average; then whether both gave the same result tables (gas and block columns aside).
 * `--checkpoints`: a checkpoint after every epoch, and per backend the checkpoint's size (gzipped on
 * disk, and the state before compression), the mean time to write one (engine and protocol state,
 * serialising, compressing, writing) and the time to load the last one back (read, hash check,
 * gunzip, deserialise, the weight rows made a matrix again).
 */
import { readFileSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { serialize } from "node:v8";
import { type EngineSnapshot, unpackSnapshot } from "../sim/engine/engineSnapshot.ts";
import { listCheckpoints, readCheckpoint } from "../sim/run/checkpointFile.ts";
import { runScenario } from "../sim/runScenario.ts";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const scenarioPath = flag("scenario", "scenarios/scale/scale-10k.yaml");
const epochs = Number(flag("epochs", "3"));
const backends = flag("backends", "anvil,memory").split(",") as ("anvil" | "memory")[];
const withCheckpoints = process.argv.includes("--checkpoints");
const out = await mkdtemp(join(tmpdir(), "crucible-bench-scale-"));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Measured {
  backend: string;
  setup: Record<string, number>;
  epochsMs: number;
  phases: Map<string, number>;
  runDir: string;
  checkpoints?: { count: number; bytes: number; rawBytes: number; writeMs: number; loadMs: number };
}

async function measure(backend: "anvil" | "memory"): Promise<Measured> {
  const run = await runScenario({
    scenarioPath,
    epochs,
    outDir: out,
    overrides: { chain: { backend } },
    checkpointEvery: withCheckpoints ? 1 : 0,
  });
  const manifest = JSON.parse(readFileSync(join(run.runDir, "manifest.json"), "utf8")) as {
    wallTimeMs: Record<string, number>;
  };
  const phases = new Map<string, number>();
  for (const t of run.tables.timings) phases.set(t.phase, (phases.get(t.phase) ?? 0) + t.ms);
  return {
    backend,
    setup: manifest.wallTimeMs,
    epochsMs: manifest.wallTimeMs.epochs,
    phases,
    runDir: run.runDir,
    ...(withCheckpoints
      ? { checkpoints: measureCheckpoints(run.runDir, manifest.wallTimeMs.checkpoints) }
      : {}),
  };
}

/** The last checkpoint's size on disk and before compression, the mean write time, the load time. */
function measureCheckpoints(runDir: string, writeMsTotal: number) {
  const files = listCheckpoints(runDir);
  const last = files.at(-1);
  if (last === undefined) throw new Error(`${runDir}: no checkpoint written`);
  const t = performance.now();
  const { state } = readCheckpoint(last.path);
  unpackSnapshot(state as EngineSnapshot);
  const loadMs = performance.now() - t;
  return {
    count: files.length,
    bytes: statSync(last.path).size,
    rawBytes: serialize(state).length,
    writeMs: writeMsTotal / files.length,
    loadMs,
  };
}

/** The result tables with the columns only the chain has (gas, blocks) dropped. */
function comparable(runDir: string): string {
  return ["epochs.csv", "agent_epochs.csv", "agents.csv", "transactions.csv"]
    .map((file) => {
      const [header, ...rows] = readFileSync(join(runDir, file), "utf8").trimEnd().split("\n");
      const names = header.split(",");
      const keep = names.map((n) => !/gas|block/i.test(n));
      const pick = (line: string) =>
        line
          .split(",")
          .filter((_, i) => keep[i])
          .join(",");
      return [pick(header), ...rows.map(pick)].join("\n");
    })
    .join("\n---\n");
}

const results: Measured[] = [];
for (const backend of backends) results.push(await measure(backend));
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
console.log(
  `# bench:scale — ${new Date().toISOString()}, ${availableParallelism()} cores (load average ${load} at the end), ` +
    `${scenarioPath}, ${epochs} epochs, node ${process.version}`,
);
console.log("backend  models    chain     quality   epochs    per epoch");
for (const r of results) {
  console.log(
    `${r.backend.padEnd(8)} ${s(r.setup.models).padEnd(9)} ${s(r.setup.chain).padEnd(9)} ${s(r.setup.quality).padEnd(9)} ` +
      `${s(r.epochsMs).padEnd(9)} ${s(r.epochsMs / epochs)}`,
  );
}
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
for (const r of results) {
  const c = r.checkpoints;
  if (c === undefined) continue;
  console.log(
    `checkpoint (${r.backend}): ${c.count} written; the last ${mib(c.bytes)} gzipped (${mib(c.rawBytes)} before, ` +
      `${(c.rawBytes / c.bytes).toFixed(1)}×); write ${c.writeMs.toFixed(0)} ms each (mean), load ${c.loadMs.toFixed(0)} ms ` +
      `(${((100 * c.count * c.writeMs) / r.epochsMs).toFixed(1)} % of the epochs' time)`,
  );
}
const [anvil, memory] = results;
if (anvil?.backend === "anvil" && memory?.backend === "memory") {
  console.log("phase (summed over epochs)  anvil      memory     anvil ÷ memory");
  for (const phase of anvil.phases.keys()) {
    const a = anvil.phases.get(phase) ?? 0;
    const m = memory.phases.get(phase) ?? 0;
    console.log(
      `${phase.padEnd(27)} ${s(a).padEnd(10)} ${s(m).padEnd(10)} ${m > 0 ? (a / m).toFixed(1) : "-"}`,
    );
  }
  console.log(`epoch time anvil ÷ memory: ${(anvil.epochsMs / memory.epochsMs).toFixed(1)}`);
  console.log(
    `result tables (gas and block columns aside): ${comparable(anvil.runDir) === comparable(memory.runDir) ? "identical" : "DIFFERENT"}`,
  );
} else {
  console.log(`phase (summed over epochs)  ${results.map((r) => r.backend.padEnd(10)).join(" ")}`);
  for (const phase of results[0]?.phases.keys() ?? [])
    console.log(
      `${phase.padEnd(27)} ${results.map((r) => s(r.phases.get(phase) ?? 0).padEnd(10)).join(" ")}`,
    );
}
