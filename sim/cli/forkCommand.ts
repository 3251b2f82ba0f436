import type { CommandModule } from "yargs";
import { parseSetFlags } from "../scenario/setOverrides.ts";
import { exitWithParent } from "./exitWithParent.ts";
import { parseCheckpointEvery } from "./runCommand.ts";
import { createRunProgress } from "./runProgress.ts";

interface ForkArgs {
  "run-folder": string;
  "at-epoch": number;
  set: string[];
  "scenario-patch"?: string;
  out?: string;
  "checkpoint-every"?: string;
  quiet: boolean;
  json: boolean;
  charts: boolean;
}

export const forkCommand: CommandModule<object, ForkArgs> = {
  command: "fork <run-folder>",
  describe: "a what-if: a new run that is its parent up to an epoch and runs with a change from it on",
  builder: (y) =>
    y
      .positional("run-folder", { type: "string", demandOption: true, describe: "the parent run folder" })
      .option("at-epoch", {
        type: "number",
        demandOption: true,
        describe: "the first epoch that runs with the change",
      })
      .option("set", {
        type: "string",
        array: true,
        default: [],
        describe: "the change: a scenario field by path, value read as YAML (repeatable)",
      })
      .option("scenario-patch", {
        type: "string",
        describe:
          "the change as a YAML file: scenario fields to change, and miner groups (population.miners) and operators to add, joining at the fork epoch",
      })
      .option("out", { type: "string", describe: "folder that receives the fork (default: the parent's)" })
      .option("checkpoint-every", { type: "string", describe: "as crucible run's" })
      .option("quiet", { type: "boolean", default: false, describe: "print only the report path" })
      .option("charts", { type: "boolean", default: true, describe: "render each chart to SVG and PNG" })
      .option("json", {
        type: "boolean",
        default: false,
        describe: "print one JSON object (run folder, report, resultsHash)",
      })
      .example(
        "$0 fork runs/quickstart-42-20260101T000000Z --at-epoch 10 --set chain.emissionPerEpoch=2000",
        "what if the emission doubled at epoch 10?",
      )
      .example(
        "$0 fork runs/quickstart-42-20260101T000000Z --at-epoch 10 --scenario-patch copycat-joins.yaml",
        "what if a copycat operator joined at epoch 10?",
      ),
  handler: async (args) => {
    const set = parseSetFlags(args.set);
    const checkpointEvery = parseCheckpointEvery(args["checkpoint-every"]);
    const { forkRun } = await import("../forkRun.ts");
    const shown = args.quiet ? { log: () => {}, progress: undefined, stop: () => {} } : createRunProgress();
    const stopWatching = exitWithParent();
    const result = await forkRun(args["run-folder"], {
      atEpoch: args["at-epoch"],
      set,
      setText: args.set,
      scenarioPatch: args["scenario-patch"],
      outDir: args.out,
      charts: args.charts,
      checkpointEvery,
      log: shown.log,
      progress: shown.progress,
    }).finally(() => {
      stopWatching();
      shown.stop();
    });
    console.log(
      args.json
        ? JSON.stringify({
            runDir: result.runDir,
            reportPath: result.reportPath,
            resultsHash: result.resultsHash,
          })
        : result.reportPath,
    );
  },
};
