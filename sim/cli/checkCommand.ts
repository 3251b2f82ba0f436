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
    const { runCheck } = await import("../check/runCheck.ts");
    const { formatCheckSummary } = await import("../check/formatCheckSummary.ts");
    const report = await runCheck(args.path, {
      seeds: args.seeds,
      epochs: args.epochs,
      overrides: args.chain === undefined ? undefined : { chain: { backend: args.chain } },
      outDir: args.out,
      stateDir: args["state-dir"],
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
