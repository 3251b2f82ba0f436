import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { makeDirs } from "../run/makeDirs.ts";

interface CheckArgs {
  path: string;
  seeds?: number;
  epochs?: number;
  chain?: "anvil" | "memory";
  out: string;
  junit?: string;
  json?: string;
  "state-dir": string;
  scale?: number;
  shrink: boolean;
  "shrink-budget": number;
  baseline?: string;
  "write-baseline"?: string;
  tolerance: number;
  workers: number;
  queue?: string;
  "queue-name"?: string;
  attempts: number;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: "check <path>",
  describe:
    "run a scenario (or check file, or folder of them) over several seeds and assert its invariants; exits 1 when one fails",
  builder: (y) =>
    y
      .positional("path", {
        type: "string",
        demandOption: true,
        describe: "a check file (scenarios/ci/*.yaml), a scenario with invariants:, or a folder of them",
      })
      .option("seeds", { type: "number", describe: "seeds per scenario (default: the check file's, else 3)" })
      .option("epochs", { type: "number", describe: "epochs per run (reduced size; overrides the files')" })
      .option("workers", {
        type: "number",
        default: 1,
        describe:
          "seeds run at once, each in its own process (the sweep's pool); 1 runs them one after another in this process",
      })
      .option("queue", {
        type: "string",
        describe:
          "run the seeds on a job queue (BullMQ) at this Redis URL: redis://[user]:password@host:6379; --out must be the workers' shared --results folder",
      })
      .option("queue-name", { type: "string", describe: "the queue's name (default crucible)" })
      .option("attempts", {
        type: "number",
        default: 3,
        describe: "with --queue: tries per seed before it is recorded as that seed's error",
      })
      .option("scale", {
        type: "number",
        describe: "every agent group's count times this, e.g. 0.5 (reduced size; at least 1 per group)",
      })
      .option("shrink", {
        type: "boolean",
        default: true,
        describe: "shrink each failure to a smaller replayable case (--no-shrink to skip)",
      })
      .option("write-baseline", {
        type: "string",
        describe: "store every scenario's metrics over its seeds here, for a later --baseline",
      })
      .option("baseline", {
        type: "string",
        describe:
          "fail on a significant regression against this baseline (95% bootstrap interval beyond the tolerance; paired by seed)",
      })
      .option("tolerance", {
        type: "number",
        default: 0.05,
        describe: "a regression must exceed this share of the baseline mean (with --baseline)",
      })
      .option("shrink-budget", {
        type: "number",
        default: 60,
        describe: "seconds each shrink may spend",
      })
      .option("chain", {
        choices: ["anvil", "memory"] as const,
        describe: "protocol implementation for every scenario (overrides chain.backend)",
      })
      .option("out", { type: "string", default: "runs/check", describe: "folder that receives the runs" })
      .option("junit", { type: "string", describe: "write JUnit XML here" })
      .option("json", { type: "string", describe: "write the check as JSON here" })
      .option("state-dir", {
        type: "string",
        default: ".crucible",
        describe: "where failures persist, to run their seeds first next time",
      }),
  handler: async (args) => {
    if (args.scale !== undefined && !(args.scale > 0 && Number.isFinite(args.scale))) {
      throw new CrucibleError("CRUCIBLE_USAGE", `--scale ${args.scale}: expected a number above 0`);
    }
    if (!(args.tolerance >= 0)) {
      throw new CrucibleError("CRUCIBLE_USAGE", `--tolerance ${args.tolerance}: expected 0 or more`);
    }
    const { baselineOf, readBaseline } = await import("../check/baseline.ts");
    const baseline =
      args.baseline === undefined
        ? undefined
        : { file: args.baseline, data: await readBaseline(args.baseline), tolerance: args.tolerance };
    if (!(Number.isInteger(args.workers) && args.workers >= 1)) {
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        `--workers ${args.workers}: expected a whole number, 1 or more`,
      );
    }
    if (!(Number.isInteger(args.attempts) && args.attempts >= 1))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        `--attempts ${args.attempts}: expected a whole number, 1 or more`,
      );
    if (args.queue !== undefined) {
      const { parseRedisUrl } = await import("../queue/redisConnection.ts");
      parseRedisUrl(args.queue);
    }
    const { runSeedsInProcesses } = await import("../check/runSeedsInProcesses.ts");
    const runSeeds =
      args.queue !== undefined
        ? (await import("../queue/queueSeeds.ts")).queueSeeds({
            url: args.queue,
            name: args["queue-name"],
            results: args.out,
            attempts: args.attempts,
            log: (line) => console.error(line),
          })
        : args.workers > 1
          ? runSeedsInProcesses(args.workers)
          : undefined;
    const { runCheck } = await import("../check/runCheck.ts");
    const { formatCheckSummary } = await import("../check/formatCheckSummary.ts");
    const report = await runCheck(args.path, {
      seeds: args.seeds,
      epochs: args.epochs,
      overrides: args.chain === undefined ? undefined : { chain: { backend: args.chain } },
      outDir: args.out,
      stateDir: args["state-dir"],
      scale: args.scale,
      shrink: args.shrink,
      shrinkBudgetMs: args["shrink-budget"] * 1000,
      baseline,
      ...(runSeeds === undefined ? {} : { runSeeds }),
      log: (line) => console.error(line),
    });
    console.log(formatCheckSummary(report));
    if (args.junit !== undefined) {
      const { checkJunit } = await import("../check/checkJunit.ts");
      await writeOut(args.junit, checkJunit(report));
    }
    if (args.json !== undefined) {
      const { checkJson } = await import("../check/checkJson.ts");
      await writeOut(args.json, checkJson(report));
    }
    if (args["write-baseline"] !== undefined) {
      await writeOut(args["write-baseline"], `${JSON.stringify(baselineOf(report), null, 2)}\n`);
    }
    if (process.env.GITHUB_ACTIONS === "true") {
      const { githubAnnotations } = await import("../check/githubAnnotations.ts");
      for (const line of githubAnnotations(report)) console.log(line);
    }
    if (!report.passed) {
      const failed = report.targets.filter((t) => !t.passed).map((t) => t.name);
      throw new CrucibleError("CRUCIBLE_CHECK_FAILED", `check failed: ${failed.join(", ")}`);
    }
  },
};

async function writeOut(file: string, text: string): Promise<void> {
  await makeDirs(dirname(file));
  await writeFile(file, text);
}
