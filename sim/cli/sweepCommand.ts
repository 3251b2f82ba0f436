import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
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
    const backend = args.queue === undefined ? undefined : await queueBackend(args);
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

async function queueBackend(args: SweepArgs) {
  const { parseRedisUrl } = await import("../queue/redisConnection.ts");
  parseRedisUrl(args.queue as string); // refused before the sweep folder is written
  const { queueSweepBackend } = await import("../queue/queueSweepBackend.ts");
  return queueSweepBackend({
    url: args.queue as string,
    name: args["queue-name"],
    attempts: args.attempts,
    log: (line) => console.error(line),
  });
}
