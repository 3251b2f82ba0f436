import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildSearchHtml } from "./buildSearchHtml.ts";
import type { PoolScorer } from "./scoreOnPool.ts";
import type { ConvergencePoint } from "./searchChartSpecs.ts";
import type { Candidate } from "./searchLoop.ts";
import { parameterName, type SearchParameter } from "./searchSchema.ts";
import type { SearchSummary } from "./searchSummary.ts";
import {
  candidateColumns,
  candidateRows,
  rowsToCsv,
  rowsToParquet,
  rungColumn,
  type SearchRow,
} from "./searchTables.ts";
import type { Rung } from "./successiveHalving.ts";

const EVALUATION_COLUMNS = [
  "candidate",
  "generation",
  "rung",
  "seed",
  "epochs",
  "value",
  "status",
  "error",
  "spent",
  "run",
  "twin",
] as const;

/** Each candidate-at-a-rung in the order it finished, with the best full-length score so far. Pure. */
export function convergencePoints(
  candidates: readonly Candidate[],
  scorer: Pick<PoolScorer, "scored">,
  rungs: readonly Rung[],
): ConvergencePoint[] {
  const finished = new Map<string, number>();
  for (const s of scorer.scored) {
    const key = `${s.candidate}/${s.rung}`;
    finished.set(key, Math.max(finished.get(key) ?? 0, s.spent));
  }
  const points = [...finished.entries()]
    .map(([key, spent]) => {
      const [id, rung] = key.split("/").map(Number);
      return { spent, candidate: id, rungIndex: rung, score: candidates[id].scores[rung] };
    })
    .filter((p) => Number.isFinite(p.score))
    .sort((a, b) => a.spent - b.spent || a.candidate - b.candidate);
  let best: number | null = null;
  return points.map((p) => {
    if (p.rungIndex === rungs.length - 1) best = best === null ? p.score : Math.max(best, p.score);
    return {
      spent: p.spent,
      candidate: p.candidate,
      rung: rungColumn(rungs[p.rungIndex]),
      score: p.score,
      best,
    };
  });
}

/** candidates.csv and .parquet, evaluations.csv, search.json and search.html in the search folder. */
export async function writeSearchOutputs(
  dir: string,
  summary: SearchSummary,
  candidates: readonly Candidate[],
  scorer: PoolScorer,
  parameters: readonly SearchParameter[],
  rungs: readonly Rung[],
): Promise<{ htmlPath: string }> {
  const names = parameters.map(parameterName);
  const rows: SearchRow[] = candidateRows(candidates, names, rungs, (c) => {
    try {
      return scorer.resolve(c.point).holdings;
    } catch {
      return { tokens: Number.NaN, uids: Number.NaN, stakeShare: Number.NaN };
    }
  });
  const columns = candidateColumns(names, rungs);
  await writeFile(join(dir, "candidates.csv"), rowsToCsv(rows, columns));
  const whole = ["candidate", "generation", "rungs", "uids"];
  await writeFile(join(dir, "candidates.parquet"), new Uint8Array(rowsToParquet(rows, columns, whole)));
  await writeFile(
    join(dir, "evaluations.csv"),
    rowsToCsv(scorer.scored as unknown as SearchRow[], EVALUATION_COLUMNS),
  );
  await writeFile(join(dir, "search.json"), `${JSON.stringify(summary, null, 2)}\n`);
  const htmlPath = join(dir, "search.html");
  await writeFile(
    htmlPath,
    buildSearchHtml(summary, rows, convergencePoints(candidates, scorer, rungs), columns),
  );
  return { htmlPath };
}
