import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { CrucibleError } from "../errors/CrucibleError.ts";
import { parseCsv } from "../run/toCsv.ts";
import { type BestSoFarPoint, bestSoFarCurve } from "./bestSoFar.ts";
import { buildCompareHtml } from "./buildCompareHtml.ts";
import type { SearchSummary } from "./searchSummary.ts";
import { rowsToCsv } from "./searchTables.ts";

/** One search of a comparison: its summary, folder and best-so-far curve. */
export interface ComparedSearch {
  dir: string;
  summary: SearchSummary;
  curve: BestSoFarPoint[];
}

export interface SearchComparison {
  searches: ComparedSearch[];
  csvPath: string;
  htmlPath: string;
}

/** The fields two searches must share for their curves to compare at equal run budgets. */
const SAME = ["objective", "attacker", "budget", "epochs", "evaluationSeeds", "rungs"] as const;

async function readSearch(dir: string): Promise<ComparedSearch> {
  let summary: SearchSummary;
  let evaluations: Record<string, string>[];
  try {
    summary = JSON.parse(await readFile(join(dir, "search.json"), "utf8")) as SearchSummary;
    evaluations = parseCsv(await readFile(join(dir, "evaluations.csv"), "utf8"));
  } catch (cause) {
    throw new CrucibleError(
      "CRUCIBLE_SCENARIO_NOT_FOUND",
      `${dir}: not a finished search folder (needs search.json and evaluations.csv)`,
      { cause },
    );
  }
  const records = evaluations.map((e) => ({
    candidate: Number(e.candidate),
    rung: Number(e.rung),
    spent: Number(e.spent),
    value: e.value === "" ? null : Number(e.value),
  }));
  return { dir, summary, curve: bestSoFarCurve(records, summary.rungs.length - 1) };
}

/**
 * Compares finished searches of the same problem (typically the cross-entropy method and its random
 * baseline: `--baseline random`, or `--compare <dir> <dir>`): checks that they share the objective,
 * attacker budget, epochs, evaluation seeds (common random numbers) and rungs, and writes
 * compare.csv (every search's best so far against the runs spent) and compare.html into `outDir`
 * (default: the first folder). Run budgets may differ: compare.html reads every curve at fractions
 * of the smallest budget spent, so the comparison is at equal runs.
 */
export async function compareSearches(dirs: readonly string[], outDir?: string): Promise<SearchComparison> {
  if (dirs.length < 2)
    throw new CrucibleError("CRUCIBLE_USAGE", "--compare: name at least two finished search folders");
  const searches = await Promise.all(dirs.map(readSearch));
  const first = searches[0];
  for (const s of searches.slice(1))
    for (const field of SAME)
      if (JSON.stringify(s.summary[field]) !== JSON.stringify(first.summary[field]))
        throw new CrucibleError(
          "CRUCIBLE_USAGE",
          `${join(s.dir, "search.json")}: ${field} ${JSON.stringify(s.summary[field])} differs from ${join(first.dir, "search.json")}'s ${JSON.stringify(first.summary[field])}; only searches of the same problem at the same budget compare`,
        );
  const out = outDir ?? first.dir;
  const rows = searches.flatMap((s) =>
    s.curve.map((p) => ({
      method: s.summary.method,
      search: basename(s.dir),
      spent: p.spent,
      candidate: p.candidate,
      score: p.score,
      best: p.best,
    })),
  );
  const csvPath = join(out, "compare.csv");
  await writeFile(csvPath, rowsToCsv(rows, ["method", "search", "spent", "candidate", "score", "best"]));
  const htmlPath = join(out, "compare.html");
  await writeFile(htmlPath, buildCompareHtml(searches, rows));
  return { searches, csvPath, htmlPath };
}
