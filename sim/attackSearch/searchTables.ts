import { parquetWriteBuffer } from "hyparquet-writer";
import { toCsv } from "../run/toCsv.ts";
import type { AttackerHoldings } from "./attackerBudget.ts";
import type { Candidate } from "./searchLoop.ts";
import type { Rung } from "./successiveHalving.ts";

export type SearchRow = Record<string, string | number | null>;

/** One row per candidate: its generation, parameters, holdings and score at each rung it reached. */
export function candidateRows(
  candidates: readonly Candidate[],
  parameters: readonly string[],
  rungs: readonly Rung[],
  holdings: (c: Candidate) => AttackerHoldings,
): SearchRow[] {
  return candidates.map((c) => {
    const h = holdings(c);
    const row: SearchRow = { candidate: c.id, generation: c.generation, rungs: c.scores.length };
    for (const p of parameters) row[p] = c.point[p] ?? null;
    row.tokens = h.tokens;
    row.uids = h.uids;
    row.stakeShare = h.stakeShare;
    for (const r of rungs) {
      const s = c.scores[r.index];
      row[rungColumn(r)] = s === undefined || Number.isNaN(s) ? null : s;
    }
    const last = c.scores[rungs.length - 1];
    row.objective = last === undefined || Number.isNaN(last) ? null : last;
    return row;
  });
}

/** The column of a rung's score: `rung0_e3_s1` (rung 0: 3 epochs, 1 seed). */
export function rungColumn(r: Rung): string {
  return `rung${r.index}_e${r.epochs}_s${r.seeds.length}`;
}

export function candidateColumns(parameters: readonly string[], rungs: readonly Rung[]): string[] {
  return [
    "candidate",
    "generation",
    "rungs",
    ...parameters,
    "tokens",
    "uids",
    "stakeShare",
    ...rungs.map(rungColumn),
    "objective",
  ];
}

export function rowsToCsv(rows: readonly SearchRow[], columns: readonly string[]): string {
  return toCsv(rows, columns as (keyof SearchRow & string)[]);
}

/** Rows as Parquet: whole-number columns named in `whole` as INT64, other numbers DOUBLE, the rest STRING. */
export function rowsToParquet(
  rows: readonly SearchRow[],
  columns: readonly string[],
  whole: readonly string[],
): ArrayBuffer {
  const columnData = columns.map((name) => {
    const data = rows.map((r) => r[name] ?? null);
    const present = data.filter((v) => v !== null);
    if (whole.includes(name))
      return {
        name,
        data: data.map((v) => (v === null ? null : BigInt(v as number))),
        type: "INT64" as const,
      };
    if (present.every((v) => typeof v === "number")) return { name, data, type: "DOUBLE" as const };
    return { name, data: data.map((v) => (v === null ? null : String(v))), type: "STRING" as const };
  });
  return parquetWriteBuffer({ columnData });
}
