/**
 * `npm run bench:queue` (tsx bench/queue.ts [--runs 16] [--epochs 2] [--scenario scenarios/quickstart.yaml]):
 * the same sweep (`--runs` replicates of the scenario on the in-memory protocol) on the local pool
 * with 2 workers, then through the queue (a real redis-server on loopback, BullMQ) with 1 and with 2
 * `crucible worker` processes (started before the clock starts: workers are long-lived). Prints each
 * wall time, the ratios the issue asks for, the queue's overhead per job (the worker's time around
 * each `crucible run` process, and the time a job waited to be taken, from BullMQ's timestamps), and
 * the load average before and after each sweep.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { Queue } from "bullmq";
import { execa } from "execa";
import { parseRedisUrl } from "../sim/queue/redisConnection.ts";
import { startRedis } from "../test/fixtures/queue/startRedis.ts";
import { startWorker } from "../test/fixtures/queue/startWorker.ts";

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(flag("runs", "16"));
const epochs = Number(flag("epochs", "2"));
const scenario = resolve(flag("scenario", "scenarios/quickstart.yaml"));
const root = resolve(import.meta.dirname, "..");
const cli = join(root, "bin", "crucible.mjs");
const dir = await mkdtemp(join(tmpdir(), "crucible-bench-queue-"));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const file = join(dir, "bench-queue.yaml");
writeFileSync(
  file,
  [
    "name: bench-queue",
    `scenario: ${scenario}`,
    "seed: 1",
    `epochs: ${epochs}`,
    "overrides: { chain: { backend: memory } }",
    "parameters: [{ path: chain.emissionPerEpoch, values: [1000] }]",
    `replicates: ${runs}`,
    "",
  ].join("\n"),
);

interface Measured {
  seconds: number;
  runSeconds: number[];
  loadBefore: string;
  loadAfter: string;
}

async function sweep(out: string, extra: string[]): Promise<Measured> {
  const loadBefore = load();
  const t0 = performance.now();
  const { stdout } = await execa(process.execPath, [cli, "sweep", file, "--out", out, ...extra]);
  const seconds = (performance.now() - t0) / 1000;
  const sweepDir = join(stdout.trim(), "..");
  const runSeconds = readdirSync(join(sweepDir, "results")).map(
    (n) => (JSON.parse(readFileSync(join(sweepDir, "results", n), "utf8")) as { seconds: number }).seconds,
  );
  return { seconds, runSeconds, loadBefore, loadAfter: load() };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const line = (label: string, m: Measured) =>
  console.log(
    `${label}: ${m.seconds.toFixed(1)} s wall, ${(runs / m.seconds).toFixed(3)} runs/s, ` +
      `${mean(m.runSeconds).toFixed(2)} s per run process (mean); load ${m.loadBefore} -> ${m.loadAfter}`,
  );

console.log(
  `bench:queue: ${scenario.replace(`${root}/`, "")} on the memory protocol, ${epochs} epochs, ${runs} runs; ${availableParallelism()} cores`,
);
const local = await sweep(join(dir, "local"), ["--workers", "2"]);
line("local pool, 2 workers ", local);

const redis = await startRedis();
const queued = async (workers: number, name: string) => {
  const out = join(dir, name);
  const started = await Promise.all(
    Array.from({ length: workers }, () => startWorker(redis.url, out, ["--queue-name", name])),
  );
  const m = await sweep(out, ["--queue", redis.url, "--queue-name", name]);
  for (const w of started) w.process.kill("SIGTERM");
  await Promise.all(started.map((w) => w.process));
  const queue = new Queue(name, { connection: parseRedisUrl(redis.url) });
  const jobs = await queue.getJobs(["completed"]);
  await queue.close();
  // Around the run: the worker's time on a job beyond its `crucible run` process.
  const around = jobs.map(
    (j) =>
      ((j.finishedOn as number) - (j.processedOn as number)) / 1000 -
      (j.returnvalue as { seconds: number }).seconds,
  );
  const waited = jobs.map((j) => ((j.processedOn as number) - j.timestamp) / 1000);
  return { m, around: mean(around), waited: mean(waited) };
};
try {
  const one = await queued(1, "bench1");
  line("queue, 1 worker        ", one.m);
  const two = await queued(2, "bench2");
  line("queue, 2 workers       ", two.m);
  console.log(
    `queue overhead per job (worker time beyond the run process): 1 worker ${(one.around * 1000).toFixed(0)} ms, ` +
      `2 workers ${(two.around * 1000).toFixed(0)} ms; mean wait in the queue: ${one.waited.toFixed(1)} s / ${two.waited.toFixed(1)} s`,
  );
  console.log(
    `queue (2 workers) / local pool (2 workers) throughput: ${(local.seconds / two.m.seconds).toFixed(2)}x`,
  );
  console.log(`speed-up 1 -> 2 queue workers: ${(one.m.seconds / two.m.seconds).toFixed(2)}x`);
} finally {
  await redis.stop();
}
