import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import type { ResultsStore } from "../queue/resultsStore.ts";
import { resumeSweep, runSweep } from "../sweep/runSweep.ts";
import { createSweepProgress } from "./sweepProgress.ts";

interface SweepArgs {
  file?: string;
  resume?: string;
  out: string;
  workers?: number;
  queue?: string;
  "queue-name"?: string;
  attempts: number;
  results?: string;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: "sweep [file]",
  describe: "run a sweep file (sweeps/*.yaml) on a pool of runs; write the sweep table and sweep.html",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "sweep YAML file" })
      .option("resume", {
        type: "string",
        describe: "resume an interrupted sweep folder (runs without a result)",
      })
      .option("out", { type: "string", default: "runs", describe: "folder that receives the sweep folder" })
      .option("workers", {
        type: "number",
        describe: "runs at once (default: from the cores and free memory)",
      })
      .option("queue", {
        type: "string",
        describe:
          "run on a job queue (BullMQ) at this Redis URL instead of the local pool: redis://[user]:password@host:6379; start workers with crucible worker",
      })
      .option("queue-name", { type: "string", describe: "the queue's name (default crucible)" })
      .option("attempts", {
        type: "number",
        default: 3,
        describe: "with --queue: tries per run before it is recorded failed",
      })
      .option("results", {
        type: "string",
        describe:
          "with --queue: s3://bucket/prefix, a bucket the workers (started with the same --results) upload run folders to; keys from the AWS_* variables. Default: --out, a folder the workers share",
      }),
  handler: async (args) => {
    if ((args.file === undefined) === (args.resume === undefined))
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        "name a sweep file, or --resume <sweep folder> (not both)",
      );
    if (args.queue !== undefined && args.workers !== undefined)
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        "--workers sizes the local pool; with --queue, start `crucible worker` processes (--concurrency)",
      );
    if (!(Number.isInteger(args.attempts) && args.attempts >= 1))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        `--attempts ${args.attempts}: expected a whole number, 1 or more`,
      );
    if (args.results !== undefined && args.queue === undefined)
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        "--results names the workers' results store; it goes with --queue (a local sweep writes to --out)",
      );
    const store = args.results === undefined ? undefined : await bucketStore(args.results);
    const backend = args.queue === undefined ? undefined : await queueBackend(args, store);
    const progress = createSweepProgress();
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const options = { workers: args.workers, backend, onProgress: progress.onProgress, signal: abort.signal };
    try {
      const result =
        args.resume === undefined
          ? await runSweep(args.file as string, { ...options, outDir: args.out })
          : await resumeSweep(args.resume, options);
      if (store !== undefined) await uploadSweepOutputs(store, result.dir);
      progress.stop();
      console.error(
        `sweep: ${result.results.length - result.failed} complete, ${result.failed} failed; table ${result.tablePath}`,
      );
      console.log(result.htmlPath);
      if (result.failed > 0)
        throw new CrucibleError(
          "CRUCIBLE_RUN_FAILED",
          `${result.failed} of ${result.results.length} runs failed (their errors are in the table's error column)`,
        );
    } finally {
      progress.stop();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};

/** `--results s3://…`: checked (parsed, then written to) before the sweep folder is created. */
async function bucketStore(results: string) {
  if (!/^s3:\/\//i.test(results))
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--results ${results}: expected s3://bucket/prefix (a shared folder is --out itself)`,
    );
  const { openResultsStore } = await import("../queue/resultsStore.ts");
  const store = await openResultsStore(results);
  await store.check();
  return store;
}

/** The finished sweep's table, report and results beside its run folders in the bucket. */
async function uploadSweepOutputs(store: ResultsStore, dir: string) {
  const { readdir } = await import("node:fs/promises");
  const { basename } = await import("node:path");
  const top = ["sweep.yaml", "plan.json", "table.csv", "table.parquet", "sweep.html"];
  const results = (await readdir(`${dir}/results`)).map((name) => `results/${name}`);
  const names = new Set(await readdir(dir));
  await store.upload(dir, basename(dir), [...top.filter((n) => names.has(n)), ...results]);
  console.error(`sweep: outputs uploaded to ${store.address(basename(dir), "")}`);
}

async function queueBackend(args: SweepArgs, store: ResultsStore | undefined) {
  const { parseRedisUrl } = await import("../queue/redisConnection.ts");
  parseRedisUrl(args.queue as string); // refused before the sweep folder is written
  const { queueSweepBackend } = await import("../queue/queueSweepBackend.ts");
  return queueSweepBackend({
    url: args.queue as string,
    name: args["queue-name"],
    attempts: args.attempts,
    store,
    log: (line) => console.error(line),
  });
}
