import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { prepareRun } from "../prepareRun.ts";
import { INFERENCE_BACKEND_CHOICES } from "../scenario/scenarioSchema.ts";
import { parseSetFlags } from "../scenario/setOverrides.ts";
import { exitWithParent } from "./exitWithParent.ts";
import { createRunProgress } from "./runProgress.ts";

interface RunArgs {
  scenario?: string;
  resume?: string;
  "checkpoint-every"?: string;
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
  command: "run [scenario]",
  describe: "run a scenario end to end and write a run folder with report.html",
  builder: (y) =>
    y
      .positional("scenario", { type: "string", describe: "scenario YAML file" })
      .option("resume", {
        type: "string",
        describe: "continue a stopped run folder (<name>.failed) from its latest checkpoint, in place",
      })
      .option("checkpoint-every", {
        type: "string",
        describe: "a checkpoint every K epochs; auto (default): cost kept under 5 % of run time; 0: none",
      })
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
      .example("$0 run scenarios/quickstart.yaml --json --quiet", "for scripts: one JSON line on stdout")
      .example("$0 run --resume runs/quickstart-42-20260101T000000Z.failed", "continue a stopped run"),
  handler: async (args) => {
    const checkpointEvery = parseCheckpointEvery(args["checkpoint-every"]);
    if (args.resume !== undefined) {
      if (
        args.scenario !== undefined ||
        args.set.length > 0 ||
        args.seed !== undefined ||
        args.epochs !== undefined ||
        args.chain !== undefined
      )
        throw new CrucibleError(
          "CRUCIBLE_USAGE",
          "--resume continues a run as it was started: give no scenario, --seed, --epochs, --chain or --set",
        );
      const { resumeRun } = await import("../resumeRun.ts");
      const shown = args.quiet ? { log: () => {}, progress: undefined, stop: () => {} } : createRunProgress();
      const stopWatching = exitWithParent();
      const result = await resumeRun(args.resume, {
        backend: args.backend,
        charts: args.charts,
        log: shown.log,
        progress: shown.progress,
        checkpointEvery,
      }).finally(() => {
        stopWatching();
        shown.stop();
      });
      printResult(result, args.json);
      return;
    }
    if (args.scenario === undefined)
      throw new CrucibleError("CRUCIBLE_USAGE", "crucible run: give a scenario file, or --resume <runDir>");
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
      checkpointEvery,
    }).finally(() => {
      stopWatching();
      shown.stop();
    });
    printResult(result, args.json);
  },
};

function printResult(result: { runDir: string; reportPath: string; resultsHash: string }, json: boolean) {
  console.log(
    json
      ? JSON.stringify({
          runDir: result.runDir,
          reportPath: result.reportPath,
          resultsHash: result.resultsHash,
        })
      : result.reportPath,
  );
}

/** `--checkpoint-every`: "auto", or a whole number of epochs (0: none). */
export function parseCheckpointEvery(value: string | undefined): number | "auto" {
  if (value === undefined || value === "auto") return "auto";
  const k = Number(value);
  if (!Number.isInteger(k) || k < 0)
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--checkpoint-every ${value}: expected auto or a whole number of epochs`,
    );
  return k;
}
