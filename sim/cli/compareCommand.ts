import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";

interface CompareArgs {
  "run-a": string;
  "run-b": string;
  more: string[];
  out?: string;
  seed: number;
  "fail-on"?: string;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: "compare <run-a> <run-b> [more..]",
  describe:
    "compare runs side by side (B, C, … each against A as the baseline); each may be a run folder or a " +
    "folder of run folders over seeds, for bootstrap confidence intervals; network runs (subnets:) subnet by subnet",
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
      .positional("more", {
        type: "string",
        array: true,
        default: [],
        describe: "further run folders (C, D, …), each compared with A",
      })
      .option("out", {
        type: "string",
        describe:
          "folder for compare.html and compare.json (default: beside run B; with more sides, beside A)",
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
    const { writeCompareMany } = await import("../../reports/compare/writeCompare.ts");
    const { isNetworkRun, writeNetworkCompare } = await import(
      "../../reports/compare/writeNetworkCompare.ts"
    );
    const dirs = [args["run-a"], args["run-b"], ...args.more];
    // Network runs (issue 21) are compared subnet by subnet; a single-subnet side against a network
    // side is refused (sim/run/readRunSet.ts names the network.json).
    const results = isNetworkRun(dirs[0])
      ? (await writeNetworkCompare(dirs, { outDir: args.out, seed: args.seed })).subnets.map((s) => ({
          prefix: `${s.name}: `,
          result: s.result,
        }))
      : [{ prefix: "", result: await writeCompareMany(dirs, { outDir: args.out, seed: args.seed }) }];
    const failed: string[] = [];
    const { forkDivergenceLine } = await import("../../reports/compare/forkDivergence.ts");
    for (const { prefix, result } of results) {
      for (const c of result.comparisons) {
        const side = c.b.name;
        if (c.fork !== undefined) console.error(`${prefix}${forkDivergenceLine(c.fork)}`);
        for (const line of compareVerdictLines(c))
          console.error(`${prefix}${line.replace("B − A", `${side} − A`)}`);
        const worse = c.metrics.filter((m) => m.verdict === "worse").map((m) => m.label);
        if (worse.length > 0) console.error(`${prefix}${side} is worse than A on: ${worse.join(", ")}`);
      }
      console.log(result.html);
      for (const c of result.comparisons) {
        const keys = failedOn(c, failOn).map((m) => m.key);
        if (keys.length > 0)
          failed.push(`${prefix}${c.b.name} is significantly worse than A on ${keys.join(", ")}`);
      }
    }
    if (failed.length > 0)
      throw new CrucibleError("CRUCIBLE_COMPARE_WORSE", `${failed.join("; ")} (--fail-on)`);
  },
};
