import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { resumeSweep, runSweep } from "../sweep/runSweep.ts";
import { createSweepProgress } from "./sweepProgress.ts";

interface SweepArgs {
  file?: string;
  resume?: string;
  out: string;
  workers?: number;
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
      }),
  handler: async (args) => {
    if ((args.file === undefined) === (args.resume === undefined))
      throw new CrucibleError(
        "CRUCIBLE_SCENARIO_INVALID",
        "name a sweep file, or --resume <sweep folder> (not both)",
      );
    const progress = createSweepProgress();
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const options = { workers: args.workers, onProgress: progress.onProgress, signal: abort.signal };
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
