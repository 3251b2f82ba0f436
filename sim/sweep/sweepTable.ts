import { parquetWriteBuffer } from "hyparquet-writer";
import { HEADLINE_DEFINITIONS } from "../../reports/headline/headlineDefinitions.ts";
import { toCsv } from "../run/toCsv.ts";
import type { SweepPlanFile } from "./planSweep.ts";
import type { RunResult } from "./sweepFolder.ts";

export type SweepRow = Record<string, string | number | boolean | null>;

/** The table's columns: the run, its parameters (swept then derived), its status, every headline metric. */
export function sweepColumns(plan: SweepPlanFile): string[] {
  return [
    "run",
    "index",
    "point",
    "replicate",
    "seed",
    ...plan.parameters,
    ...plan.derived,
    "status",
    "error",
    "seconds",
    "runDir",
    ...HEADLINE_DEFINITIONS.map((d) => d.key),
  ];
}

/** One row per planned run, in plan order (a run with no result yet is `pending`). Pure. */
export function sweepRows(plan: SweepPlanFile, results: readonly (RunResult | undefined)[]): SweepRow[] {
  return plan.runs.map((run, i) => {
    const result = results[i];
    const row: SweepRow = {
      run: run.id,
      index: run.index,
      point: run.point,
      replicate: run.replicate,
      seed: run.seed,
      ...run.values,
      status: result?.status ?? "pending",
      error: result?.error ?? null,
      seconds: result?.seconds ?? null,
      runDir: result?.runDir ?? null,
    };
    for (const d of HEADLINE_DEFINITIONS) row[d.key] = result?.metrics?.[d.key] ?? null;
    return row;
  });
}

export function sweepTableCsv(plan: SweepPlanFile, rows: readonly SweepRow[]): string {
  return toCsv(rows, sweepColumns(plan));
}

/** The table as Parquet: numbers as DOUBLE (whole-number run columns as INT64), text as STRING, nulls kept. */
export function sweepTableParquet(plan: SweepPlanFile, rows: readonly SweepRow[]): ArrayBuffer {
  const whole = new Set(["index", "point", "replicate", "seed"]);
  const columnData = sweepColumns(plan).map((name) => {
    const data = rows.map((r) => r[name] ?? null);
    const present = data.filter((v) => v !== null);
    if (whole.has(name)) return { name, data: data.map((v) => BigInt(v as number)), type: "INT64" as const };
    if (present.length > 0 && present.every((v) => typeof v === "number"))
      return { name, data, type: "DOUBLE" as const };
    if (present.length > 0 && present.every((v) => typeof v === "boolean"))
      return { name, data, type: "BOOLEAN" as const };
    if (present.length === 0 && HEADLINE_DEFINITIONS.some((d) => d.key === name))
      return { name, data, type: "DOUBLE" as const };
    return { name, data: data.map((v) => (v === null ? null : String(v))), type: "STRING" as const };
  });
  return parquetWriteBuffer({ columnData });
}
