/**
 * `npm run bench:checkpoints` (tsx bench/checkpoints.ts [--scenario scenarios/quickstart.yaml]
 * [--epochs 20] [--chain memory] [--every 1]):
 * what checkpoints cost. The same scenario and seed run twice in this process, without checkpoints
 * (`--checkpoint-every 0`) and with one every `--every` epochs; printed side by side: the epochs'
 * wall time, the checkpoints' own time (taking the engine and protocol state, serialising,
 * compressing, writing) as a share of it, the checkpoint size, and the load average (the machine is
 * shared: compare ratios within one run of this script, not across machines).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runScenario } from "../sim/runScenario.ts";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const scenarioPath = flag("scenario", "scenarios/quickstart.yaml");
const epochs = Number(flag("epochs", "20"));
const chain = flag("chain", "memory");
const every = Number(flag("every", "1"));

async function once(checkpointEvery: number) {
  const out = await mkdtemp(join(tmpdir(), "crucible-bench-ckpt-"));
  const lines: string[] = [];
  const result = await runScenario({
    scenarioPath,
    epochs,
    overrides: { chain: { backend: chain } },
    outDir: out,
    charts: false,
    checkpointEvery,
    log: (line) => lines.push(line),
  });
  const manifest = JSON.parse(await readFile(join(result.runDir, "manifest.json"), "utf8"));
  await rm(out, { recursive: true, force: true });
  return {
    hash: result.resultsHash,
    epochsMs: manifest.wallTimeMs.epochs as number,
    checkpointMs: manifest.wallTimeMs.checkpoints as number,
    line: lines.find((l) => l.startsWith("checkpoints:")) ?? "checkpoints: none",
  };
}

const before = loadavg()[0];
const none = await once(0);
const withCheckpoints = await once(every);
console.log(`${scenarioPath}, ${epochs} epochs on ${chain}; checkpoint every ${every} epoch(s)`);
console.log(
  `load average ${before.toFixed(2)} → ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`,
);
console.log(`  no checkpoints:   epochs ${none.epochsMs} ms`);
console.log(`  with checkpoints: epochs ${withCheckpoints.epochsMs} ms (${withCheckpoints.line})`);
console.log(
  `  checkpoints' own time: ${withCheckpoints.checkpointMs} ms = ${((100 * withCheckpoints.checkpointMs) / withCheckpoints.epochsMs).toFixed(1)} % of the epochs; ` +
    `epochs with / without: ${(withCheckpoints.epochsMs / none.epochsMs).toFixed(2)}×`,
);
console.log(`  same resultsHash: ${none.hash === withCheckpoints.hash}`);
