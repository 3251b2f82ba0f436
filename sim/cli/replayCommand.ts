import type { CommandModule } from "yargs";
import { CrucibleError } from "../errors/CrucibleError.ts";

interface ReplayArgs {
  case: string;
  out: string;
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: "replay <case>",
  describe:
    "rerun a failure that crucible check shrank (<state-dir>/cases/*.case.json) and check it fails the same way, bit for bit; exits 1 while it fails",
  builder: (y) =>
    y
      .positional("case", { type: "string", demandOption: true, describe: "the case file" })
      .option("out", { type: "string", default: "runs/replay", describe: "folder that receives the run" }),
  handler: async (args) => {
    const { replayCase } = await import("../check/replayCase.ts");
    const r = await replayCase(args.case, { outDir: args.out });
    const c = r.failingCase;
    const what = `${c.invariant} on ${c.scenario} (seed ${c.seed})`;
    if (r.status === "passes") {
      console.log(`passes: ${what} holds now (recorded: ${c.expected.message})`);
      return;
    }
    if (r.status === "diverged") {
      throw new CrucibleError("CRUCIBLE_REPLAY_DIVERGED", `diverged: ${what} fails, but not as recorded`, {
        details: r.differences.join("\n"),
      });
    }
    const hash =
      r.observed?.resultsHash === undefined ? "" : `, results ${r.observed.resultsHash.slice(0, 12)}`;
    console.log(`reproduced bit for bit: ${what}: ${r.observed?.message}${hash}`);
    throw new CrucibleError("CRUCIBLE_CHECK_FAILED", `the case still fails: ${c.invariant}`);
  },
};
