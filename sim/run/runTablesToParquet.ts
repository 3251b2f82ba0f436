import { parquetWriteBuffer } from "hyparquet-writer";
import type { IdentityRow } from "./columnDocs.ts";
import { DATA_MARKET_TABLE_FILES, DATA_MARKET_TABLE_KEYS } from "./dataMarketTables.ts";
import { type ColumnType, RUN_TABLE_FILES, type RunTables } from "./runTables.ts";
import { type OutcomeRow, type TRANSACTION_COLUMNS, transactionRows } from "./runTablesToCsv.ts";

type ParquetColumn = Parameters<typeof parquetWriteBuffer>[0]["columnData"][number];

const TRANSACTION_TYPES: Record<(typeof TRANSACTION_COLUMNS)[number], ColumnType> = {
  epoch: "int",
  phase: "text",
  agent: "text",
  functionName: "text",
  status: "text",
  error: "text",
  gasUsed: "optionalNumber",
};

/** One column: whole numbers as INT64, other numbers as DOUBLE (NaN and empty as null), text as STRING. */
function column(name: string, type: ColumnType, values: unknown[]): ParquetColumn {
  if (type === "int") return { name, data: values.map((v) => BigInt(v as number)), type: "INT64" };
  if (type === "number" || type === "optionalNumber") {
    const data = values.map((v) => (typeof v === "number" && !Number.isNaN(v) ? v : null));
    return { name, data, type: "DOUBLE" };
  }
  return {
    name,
    data: values.map((v) => (v === null || v === undefined ? null : String(v))),
    type: "STRING",
  };
}

function table<Row extends object>(
  rows: readonly Row[],
  columns: Readonly<Record<string, ColumnType>>,
  identity: IdentityRow,
): ArrayBuffer {
  const n = rows.length;
  const columnData: ParquetColumn[] = [
    column("run_id", "text", Array(n).fill(identity.run_id)),
    column("scenario", "text", Array(n).fill(identity.scenario)),
    column("seed", "int", Array(n).fill(identity.seed)),
    ...Object.entries(columns).map(([name, type]) =>
      column(
        name,
        type,
        rows.map((r) => (r as Record<string, unknown>)[name]),
      ),
    ),
  ];
  return parquetWriteBuffer({ columnData });
}

/**
 * Every run table as Parquet beside its CSV (`epochs.parquet`, ...), with the same identity columns
 * and column order, typed (INT64, DOUBLE, STRING), so pandas, DuckDB or Arrow read a folder of runs
 * as one table.
 */
export function runTablesToParquet(
  tables: RunTables,
  outcomes: readonly OutcomeRow[],
  identity: IdentityRow,
): [string, Uint8Array][] {
  const f = RUN_TABLE_FILES;
  const file = (csv: string) => csv.replace(/\.csv$/, ".parquet");
  const out: [string, ArrayBuffer][] = [
    [file(f.epochs.file), table(tables.epochs, f.epochs.columns, identity)],
    [file(f.agentEpochs.file), table(tables.agentEpochs, f.agentEpochs.columns, identity)],
    [file(f.agents.file), table(tables.agents, f.agents.columns, identity)],
    ["transactions.parquet", table(transactionRows(outcomes), TRANSACTION_TYPES, identity)],
    [file(f.timings.file), table(tables.timings, f.timings.columns, identity)],
  ];
  // Only in runs that declare operators / have adaptive agents, as their CSVs.
  if (tables.operators !== undefined && tables.operators.length > 0) {
    out.push([file(f.operators.file), table(tables.operators, f.operators.columns, identity)]);
  }
  if (tables.choices !== undefined && tables.choices.length > 0) {
    out.push([file(f.choices.file), table(tables.choices, f.choices.columns, identity)]);
  }
  for (const key of DATA_MARKET_TABLE_KEYS) {
    const rows = tables[key];
    const t = DATA_MARKET_TABLE_FILES[key];
    if (rows !== undefined) out.push([file(t.file), table(rows as never[], t.columns as never, identity)]);
  }
  if (tables.governance !== undefined && tables.governance.length > 0) {
    out.push([file(f.governance.file), table(tables.governance, f.governance.columns, identity)]);
  }
  if (tables.stakeMoves !== undefined) {
    out.push([file(f.stakeMoves.file), table(tables.stakeMoves, f.stakeMoves.columns, identity)]);
  }
  if (tables.delegators !== undefined) {
    out.push([file(f.delegators.file), table(tables.delegators, f.delegators.columns, identity)]);
  }
  if (tables.participation !== undefined) {
    out.push([file(f.participation.file), table(tables.participation, f.participation.columns, identity)]);
  }
  return out.map(([name, buffer]) => [name, new Uint8Array(buffer)]);
}
