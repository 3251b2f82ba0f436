import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";

interface CompareArgs {
  "run-a": string;
  "run-b": string;
  out?: string;
  seed: number;
  "fail-on"?: string;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: "compare <run-a> <run-b>",
  describe:
    "compare two runs side by side (B against A as the baseline); each may be a run folder or a folder of " +
    "run folders over seeds, for bootstrap confidence intervals",
  builder: (y) =>
    y
      .positional("run-a", {
        type: "string",
        demandOption: true,
        describe: "the baseline run folder (or folder of runs)",
      })
      .positional("run-b", {
        type: "string",
        demandOption: true,
        describe: "the run folder (or folder of runs) to compare",
      })
      .option("out", {
        type: "string",
        describe: "folder for compare.html and compare.json (default: beside run B)",
      })
      .option("seed", { type: "number", default: 0, describe: "seed of the bootstrap resampling" })
      .option("fail-on", {
        type: "string",
        describe:
          "metric[,metric]: exit 1 when B is significantly worse than A on one of them (95% interval of the difference excludes 0, several runs per side)",
      }),
  handler: async (args) => {
    const { compareVerdictLines, failedOn, parseFailOn } = await import(
      "../../reports/compare/compareVerdicts.ts"
    );
    const failOn = parseFailOn(args["fail-on"]);
    const { writeCompare } = await import("../../reports/compare/writeCompare.ts");
    const result = await writeCompare(args["run-a"], args["run-b"], { outDir: args.out, seed: args.seed });
    for (const line of compareVerdictLines(result.comparison)) console.error(line);
    const worse = result.comparison.metrics.filter((m) => m.verdict === "worse").map((m) => m.label);
    if (worse.length > 0) console.error(`B is worse than A on: ${worse.join(", ")}`);
    console.log(result.html);
    const failed = failedOn(result.comparison, failOn);
    if (failed.length > 0) {
      throw new CrucibleError(
        "CRUCIBLE_COMPARE_WORSE",
        `B is significantly worse than A on ${failed.map((m) => m.key).join(", ")} (--fail-on)`,
      );
    }
  },
};
