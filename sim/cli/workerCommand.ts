import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { redactRedisUrl } from "../queue/redisConnection.ts";

interface WorkerArgs {
  queue: string;
  "queue-name"?: string;
  results: string;
  concurrency: number;
  "lock-seconds": number;
  "max-stalled": number;
  "allow-user-modules": boolean;
}

export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: "worker",
  describe:
    "take sweep runs and check seeds from a job queue (BullMQ on Redis) and run each in its own process, until stopped",
  builder: (y) =>
    y
      .option("queue", {
        type: "string",
        demandOption: true,
        describe: "Redis URL: redis://[user]:password@host:6379[/db] (rediss:// for TLS)",
      })
      .option("queue-name", { type: "string", describe: "the queue's name (default crucible)" })
      .option("results", {
        type: "string",
        default: "runs",
        describe: "the shared results folder as this machine sees it (the coordinator's --out)",
      })
      .option("concurrency", { type: "number", default: 1, describe: "jobs at once, each its own process" })
      .option("lock-seconds", {
        type: "number",
        default: 30,
        describe: "a job's lock without renewal; a dead worker's job is queued again after about twice this",
      })
      .option("max-stalled", {
        type: "number",
        default: 1,
        describe: "times a job may stall (its worker died) before it is recorded failed",
      })
      .option("allow-user-modules", {
        type: "boolean",
        default: false,
        describe: "run jobs whose scenario names a user mechanism module (it runs as code on this machine)",
      }),
  handler: async (args) => {
    for (const name of ["concurrency", "lock-seconds"] as const)
      if (!(Number.isInteger(args[name]) && args[name] >= 1))
        throw new CrucibleError(
          "CRUCIBLE_USAGE",
          `--${name} ${args[name]}: expected a whole number, 1 or more`,
        );
    if (!(Number.isInteger(args["max-stalled"]) && args["max-stalled"] >= 0))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        `--max-stalled ${args["max-stalled"]}: expected a whole number ≥ 0`,
      );
    const { parseRedisUrl } = await import("../queue/redisConnection.ts");
    parseRedisUrl(args.queue); // bad URL or a password-less public Redis: refused before connecting
    const { runQueueWorker } = await import("../queue/runQueueWorker.ts");
    const stop = new AbortController();
    // The first signal lets the running jobs end; a second (or Redis gone while closing) ends now:
    // the jobs it held stall and run again on another worker.
    const onSignal = () => {
      if (stop.signal.aborted) {
        console.error("worker: stopping now; the jobs it held will be run again elsewhere");
        process.exit(130);
      }
      stop.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    console.error(`worker: Redis ${redactRedisUrl(args.queue)}`);
    try {
      await runQueueWorker({
        url: args.queue,
        name: args["queue-name"],
        results: args.results,
        concurrency: args.concurrency,
        lockSeconds: args["lock-seconds"],
        maxStalled: args["max-stalled"],
        allowUserModules: args["allow-user-modules"],
        log: (line) => console.error(line),
        signal: stop.signal,
      });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
