import type { CommandModule } from "yargs";
import { runAttackSearch } from "../attackSearch/runAttackSearch.ts";
import { objectiveLabel } from "../attackSearch/searchSummary.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";

interface AttackSearchArgs {
  file?: string;
  resume?: string;
  out: string;
  workers?: number;
  optimizer?: "cross-entropy" | "random";
  quiet: boolean;
  "keep-reports": boolean;
}

const fmt = (v: number | null | undefined) =>
  typeof v === "number" ? String(Number(v.toPrecision(6))) : "n/a";

export const attackSearchCommand: CommandModule<object, AttackSearchArgs> = {
  command: "attack-search [file]",
  describe:
    "search the attacker's parameters for the most profitable attack (or largest honest loss, or an invariant's violation) under a budget",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "attack-search YAML file" })
      .option("resume", {
        type: "string",
        describe: "resume an unfinished search folder (its finished runs are read, not rerun)",
      })
      .option("out", { type: "string", default: "runs", describe: "folder that receives the search folder" })
      .option("workers", {
        type: "number",
        describe: "runs at once (default: from the cores and free memory)",
      })
      .option("optimizer", {
        choices: ["cross-entropy", "random"] as const,
        describe: "override the file's optimizer.method (random: the baseline with the same run budget)",
      })
      .option("keep-reports", { type: "boolean", default: false, describe: "keep every run's report.html" })
      .option("quiet", { type: "boolean", default: false, describe: "print only the path of search.html" }),
  handler: async (args) => {
    if ((args.file === undefined) === (args.resume === undefined))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        "name an attack-search file, or --resume <search folder> (not both)",
      );
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      const { summary: s, htmlPath } = await runAttackSearch(args.file ?? "", {
        resume: args.resume,
        outDir: args.out,
        workers: args.workers,
        method: args.optimizer,
        keepReports: args["keep-reports"],
        signal: abort.signal,
        log: args.quiet ? undefined : (line) => console.error(line),
      });
      if (!args.quiet) {
        const label = objectiveLabel(s.objective, s.attacker);
        console.error(
          `${s.method}: ${fmt(s.spentRuns)} of ${s.budgetRuns} runs spent (${s.runs} processes), ${s.seconds} s`,
        );
        if (s.best === null) console.error("no candidate completed a full-length evaluation");
        else {
          console.error(`best: ${JSON.stringify(s.best.point)}`);
          console.error(`  ${label}: ${fmt(s.best.objective)} on the evaluation seeds`);
          if (s.fresh !== null)
            console.error(
              `  on ${s.fresh.values.length} fresh seeds: ${fmt(s.fresh.mean)} [${fmt(s.fresh.low)}, ${fmt(s.fresh.high)}]`,
            );
          if (s.proof !== null)
            console.error(
              `  proof: ${s.proof.command}: ${s.proof.reproduced ? "reproduced" : "NOT reproduced"}`,
            );
        }
      }
      console.log(htmlPath);
      if (s.proof !== null && !s.proof.reproduced)
        throw new CrucibleError(
          "CRUCIBLE_REPLAY_DIVERGED",
          "the best attack's scenario file did not reproduce the search's value (see search.json: proof)",
        );
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
