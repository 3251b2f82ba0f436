import type { CommandModule } from "yargs";
import { compareSearches } from "../attackSearch/compareSearches.ts";
import { runAttackSearch } from "../attackSearch/runAttackSearch.ts";
import { objectiveLabel, type SearchSummary } from "../attackSearch/searchSummary.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";

interface AttackSearchArgs {
  file?: string;
  resume?: string;
  out: string;
  workers?: number;
  optimizer?: "cross-entropy" | "random";
  baseline?: "random";
  runs?: number;
  compare?: string[];
  quiet: boolean;
  "keep-reports": boolean;
}

const fmt = (v: number | null | undefined) =>
  typeof v === "number" ? String(Number(v.toPrecision(6))) : "n/a";

function printSummary(s: SearchSummary): void {
  const label = objectiveLabel(s.objective, s.attacker);
  console.error(
    `${s.method}: ${fmt(s.spentRuns)} of ${s.budgetRuns} runs spent (${s.runs} processes), ${s.seconds} s`,
  );
  if (s.best === null) {
    console.error("  no candidate completed a full-length evaluation");
    return;
  }
  console.error(`  best: ${JSON.stringify(s.best.point)}`);
  console.error(`  ${label}: ${fmt(s.best.objective)} on the evaluation seeds`);
  if (s.fresh !== null)
    console.error(
      `  on ${s.fresh.values.length} fresh seeds: ${fmt(s.fresh.mean)} [${fmt(s.fresh.low)}, ${fmt(s.fresh.high)}]`,
    );
  if (s.proof !== null)
    console.error(`  proof: ${s.proof.command}: ${s.proof.reproduced ? "reproduced" : "NOT reproduced"}`);
}

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
      .option("runs", {
        type: "number",
        describe: "override the file's run budget (full-length runs)",
      })
      .option("baseline", {
        choices: ["random"] as const,
        describe:
          "then run the same search as random search (same seeds, same run budget) and write compare.html with both best-so-far curves",
      })
      .option("compare", {
        type: "string",
        array: true,
        describe:
          "compare finished search folders of one problem (writes compare.csv and compare.html into the first)",
      })
      .option("keep-reports", { type: "boolean", default: false, describe: "keep every run's report.html" })
      .option("quiet", { type: "boolean", default: false, describe: "print only the path of search.html" }),
  handler: async (args) => {
    if (args.compare !== undefined) {
      if (args.file !== undefined || args.resume !== undefined)
        throw new CrucibleError(
          "CRUCIBLE_USAGE",
          "--compare takes search folders, not a search file or --resume",
        );
      const c = await compareSearches(args.compare);
      if (!args.quiet) for (const { summary } of c.searches) printSummary(summary);
      console.log(c.htmlPath);
      return;
    }
    if ((args.file === undefined) === (args.resume === undefined))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        "name an attack-search file, or --resume <search folder> (not both), or --compare <folder> <folder>",
      );
    if (args.baseline !== undefined && (args.resume !== undefined || args.optimizer === "random"))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        "--baseline random: runs a search file with its optimizer, then as random search (not with --resume or --optimizer random)",
      );
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const run = (method: AttackSearchArgs["optimizer"]) =>
      runAttackSearch(args.file ?? "", {
        resume: args.resume,
        outDir: args.out,
        workers: args.workers,
        method,
        runs: args.runs,
        keepReports: args["keep-reports"],
        signal: abort.signal,
        log: args.quiet ? undefined : (line) => console.error(line),
      });
    try {
      const main = await run(args.optimizer);
      const searches = [main];
      if (args.baseline !== undefined) searches.push(await run(args.baseline));
      if (!args.quiet) for (const { summary } of searches) printSummary(summary);
      if (searches.length > 1) {
        const c = await compareSearches(searches.map((s) => s.dir));
        console.log(c.htmlPath);
      } else console.log(main.htmlPath);
      const diverged = searches.find((s) => s.summary.proof !== null && !s.summary.proof.reproduced);
      if (diverged !== undefined)
        throw new CrucibleError(
          "CRUCIBLE_REPLAY_DIVERGED",
          `${diverged.dir}: the best attack's scenario file did not reproduce the search's value (see search.json: proof)`,
        );
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
