/**
 * `npm run bench:sweep` (tsx bench/sweep.ts [--runs 16] [--epochs 3] [--memory-runs 4]): the
 * quickstart scenario at reduced epochs as a sweep of `--runs` replicates (one `crucible sweep`
 * process, each run its own `crucible run` process with its own Anvil), on 1 and then on 2 pool
 * workers. Prints each wall time, the ratio, the load average before and after, and the peak RSS of
 * the whole sweep (the sweep process and every run under it, summed, sampled from /proc every
 * 200 ms). Then `--memory-runs` replicates on the in-memory protocol, 1 worker, and the mean time
 * per run next to Anvil's. Linux only (reads /proc).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { execa } from "execa";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(flag("runs", "16"));
const epochs = Number(flag("epochs", "3"));
const memoryRuns = Number(flag("memory-runs", "4"));
const root = resolve(import.meta.dirname, "..");
const cli = join(root, "bin", "crucible.mjs");
const dir = await mkdtemp(join(tmpdir(), "crucible-bench-sweep-"));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

function sweepFile(name: string, replicates: number, backend?: "memory"): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      `scenario: ${join(root, "scenarios", "quickstart.yaml")}`,
      "seed: 1",
      `epochs: ${epochs}`,
      ...(backend === undefined ? [] : [`overrides: { chain: { backend: ${backend} } }`]),
      "parameters: [{ path: chain.emissionPerEpoch, values: [1000] }]",
      `replicates: ${replicates}`,
      "",
    ].join("\n"),
  );
  return file;
}

/** Resident memory of a process and all its descendants, in bytes (0 once it has exited). */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited while we read
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

interface Measured {
  seconds: number;
  peakRss: number;
  perRun: number;
  loadBefore: string;
  loadAfter: string;
}

async function sweep(file: string, workers: number): Promise<Measured> {
  const loadBefore = load();
  const t0 = performance.now();
  const child = execa(process.execPath, [
    cli,
    "sweep",
    file,
    "--out",
    join(dir, "out"),
    "--workers",
    String(workers),
  ]);
  let peakRss = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, treeRss(child.pid as number));
  }, 200);
  const { stdout } = await child.finally(() => clearInterval(timer));
  const seconds = (performance.now() - t0) / 1000;
  const sweepDir = join(stdout.trim(), "..");
  const times = readdirSync(join(sweepDir, "results")).map(
    (n) => (JSON.parse(readFileSync(join(sweepDir, "results", n), "utf8")) as { seconds: number }).seconds,
  );
  return {
    seconds,
    peakRss,
    perRun: times.reduce((s, t) => s + t, 0) / times.length,
    loadBefore,
    loadAfter: load(),
  };
}

console.log(
  `bench:sweep: quickstart, ${epochs} epochs, ${runs} runs; ${availableParallelism()} cores, ${gib(totalmem())} memory`,
);
const line = (label: string, m: Measured) =>
  console.log(
    `${label}: ${m.seconds.toFixed(1)} s wall, ${m.perRun.toFixed(1)} s per run (mean), peak RSS ${gib(m.peakRss)}, ` +
      `load ${m.loadBefore} -> ${m.loadAfter}`,
  );
const anvil = sweepFile("bench-anvil", runs);
const one = await sweep(anvil, 1);
line("1 worker ", one);
const two = await sweep(anvil, 2);
line("2 workers", two);
console.log(`speed-up 1 -> 2 workers: ${(one.seconds / two.seconds).toFixed(2)}x`);
const memory = await sweep(sweepFile("bench-memory", memoryRuns, "memory"), 1);
line(`memory protocol, ${memoryRuns} runs, 1 worker`, memory);
console.log(
  `per run: Anvil ${one.perRun.toFixed(1)} s, memory ${memory.perRun.toFixed(1)} s (${(one.perRun / memory.perRun).toFixed(2)}x)`,
);
