import type { CommandModule } from "yargs";
import { prepareRun } from "../prepareRun.ts";
import { INFERENCE_BACKEND_CHOICES } from "../scenario/scenarioSchema.ts";
import { parseSetFlags } from "../scenario/setOverrides.ts";
import { exitWithParent } from "./exitWithParent.ts";
import { createRunProgress } from "./runProgress.ts";

interface RunArgs {
  scenario: string;
  seed?: number;
  epochs?: number;
  out: string;
  backend?: (typeof INFERENCE_BACKEND_CHOICES)[number];
  chain?: "anvil" | "memory";
  quiet: boolean;
  json: boolean;
  charts: boolean;
  set: string[];
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: "run <scenario>",
  describe: "run a scenario end to end and write a run folder with report.html",
  builder: (y) =>
    y
      .positional("scenario", { type: "string", demandOption: true, describe: "scenario YAML file" })
      .option("seed", { type: "number", describe: "root seed (overrides the scenario's)" })
      .option("epochs", { type: "number", describe: "number of epochs (overrides the scenario's)" })
      .option("out", { type: "string", default: "runs", describe: "folder that receives the run folder" })
      .option("backend", {
        choices: INFERENCE_BACKEND_CHOICES,
        describe: "tfjs backend (overrides the scenario's)",
      })
      .option("chain", {
        choices: ["anvil", "memory"] as const,
        describe:
          "protocol implementation: the contracts on Anvil, or the in-memory protocol (overrides chain.backend)",
      })
      .option("set", {
        type: "string",
        array: true,
        default: [],
        describe:
          "set a scenario field by path, value read as YAML (repeatable): --set emissionSplit.miners=0.6",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print only the report path" })
      .option("charts", {
        type: "boolean",
        default: true,
        describe: "render each chart to SVG and PNG (--no-charts: specs and report.html only, faster)",
      })
      .option("json", {
        type: "boolean",
        default: false,
        describe: "print one JSON object (run folder, report, resultsHash) instead of the report path",
      })
      .example("$0 run scenarios/quickstart.yaml", "20 epochs on Anvil; prints the path of report.html")
      .example("$0 run scenarios/quickstart.yaml --seed 7 --epochs 5 --chain memory", "a quick variant")
      .example(
        "$0 run scenarios/quickstart.yaml --set emissionSplit.miners=0.6 --set emissionSplit.validators=0.4",
        "override fields by path",
      )
      .example("$0 run scenarios/quickstart.yaml --json --quiet", "for scripts: one JSON line on stdout"),
  handler: async (args) => {
    // Validate first, then load the heavy engine (tfjs, viem, vega) only for a good scenario.
    const prepared = await prepareRun({
      scenarioPath: args.scenario,
      seed: args.seed,
      epochs: args.epochs,
      overrides: args.chain === undefined ? undefined : { chain: { backend: args.chain } },
      set: parseSetFlags(args.set),
    });
    if (prepared.scenario.subnets) {
      const { runNetworkScenario } = await import("../runNetworkScenario.ts");
      const network = await runNetworkScenario({
        scenarioPath: args.scenario,
        seed: args.seed,
        epochs: args.epochs,
        overrides: args.chain === undefined ? undefined : { chain: { backend: args.chain } },
        set: parseSetFlags(args.set),
        outDir: args.out,
        backend: args.backend,
        charts: args.charts,
        log: args.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
      });
      console.log(
        args.json
          ? JSON.stringify({ runDir: network.runDir, resultsHash: network.resultsHash })
          : network.runDir,
      );
      return;
    }
    const { executeRun } = await import("../runScenario.ts");
    const shown = args.quiet ? { log: () => {}, progress: undefined, stop: () => {} } : createRunProgress();
    const stopWatching = exitWithParent();
    const result = await executeRun(prepared, {
      outDir: args.out,
      backend: args.backend,
      charts: args.charts,
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
