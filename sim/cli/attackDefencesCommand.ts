import type { CommandModule } from "yargs";
import { DEFENCES } from "../attackSearch/defenceCatalogue.ts";
import { runDefenceReport } from "../attackSearch/runDefenceReport.ts";
import { CrucibleError } from "../errors/CrucibleError.ts";

interface AttackDefencesArgs {
  search: string;
  seeds?: string;
  only?: string;
  workers?: number;
  quiet: boolean;
}

const fmt = (v: number | null) => (v === null ? "n/a" : String(Number(v.toPrecision(4))));

function parseSeeds(text: string): number[] {
  const seeds = text.split(",").map((s) => Number(s.trim()));
  const bad = seeds.find((s) => !Number.isInteger(s) || s < 0);
  if (bad !== undefined)
    throw new CrucibleError("CRUCIBLE_USAGE", `--seeds ${text}: expected whole numbers ≥ 0, comma-separated`);
  return seeds;
}

export const attackDefencesCommand: CommandModule<object, AttackDefencesArgs> = {
  command: "attack-defences <search>",
  describe:
    "rerun a finished attack search's best attack under each mitigation (reveal delay, kappa, bonds penalty, slashing, registration burn) on fresh seeds",
  builder: (y) =>
    y
      .positional("search", { type: "string", demandOption: true, describe: "a finished search folder" })
      .option("seeds", {
        type: "string",
        describe: "seeds, comma-separated (default: the search's fresh seeds)",
      })
      .option("only", {
        type: "string",
        describe: `defences to run, comma-separated (${DEFENCES.map((d) => d.name).join(", ")})`,
      })
      .option("workers", {
        type: "number",
        describe: "runs at once (default: from the cores and free memory)",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print only the path of defences.html" }),
  handler: async (args) => {
    if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1))
      throw new CrucibleError(
        "CRUCIBLE_USAGE",
        `--workers: expected a whole number ≥ 1, got ${args.workers}`,
      );
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      const { report, htmlPath } = await runDefenceReport(args.search, {
        seeds: args.seeds === undefined ? undefined : parseSeeds(args.seeds),
        only: args.only?.split(",").map((s) => s.trim()),
        workers: args.workers,
        signal: abort.signal,
        log: args.quiet ? undefined : (line) => console.error(line),
      });
      if (!args.quiet)
        for (const r of report.rows)
          console.error(
            r.gain === null
              ? `${r.defence}: ${r.note || "every run failed"}`
              : `${r.defence}: gain ${fmt(r.gain)} [${fmt(r.gainLow)}, ${fmt(r.gainHigh)}] (below zero: ${r.gainBelowZero}), profit ${fmt(r.profit)} [${fmt(r.profitLow)}, ${fmt(r.profitHigh)}], honest miners ${fmt(r.honestUnderAttackChange)} % under attack, ${fmt(r.honestWithoutAttackChange)} % without`,
          );
      console.log(htmlPath);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
