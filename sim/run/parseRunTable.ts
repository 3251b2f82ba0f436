import { CrucibleError } from "../errors/CrucibleError.ts";
import type { ColumnType, TableColumns } from "./runTables.ts";
import { parseCsv } from "./toCsv.ts";

export type { ColumnType, TableColumns };

function fail(file: string, message: string): never {
  throw new CrucibleError("CRUCIBLE_REPORT_FAILED", `${file}: ${message}`);
}

function parseCell(file: string, row: number, column: string, raw: string, type: ColumnType): unknown {
  const where = `row ${row}, column "${column}"`;
  if (type === "text") return raw;
  if (Array.isArray(type)) {
    if (!type.includes(raw)) fail(file, `${where}: expected one of ${type.join("|")}, got "${raw}"`);
    return raw;
  }
  if (raw === "" && type === "optionalNumber") return Number.NaN;
  const value = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value))
    fail(file, `${where}: expected a number, got ${raw === "" ? "nothing" : `"${raw}"`}`);
  if (type === "int" && !Number.isInteger(value)) fail(file, `${where}: expected an integer, got "${raw}"`);
  return value;
}

/**
 * Parses a run table's CSV text back to typed rows: numbers as numbers, enumerations checked. Extra
 * columns are ignored (newer writers may add some); a missing column or a bad cell throws a
 * CrucibleError (CRUCIBLE_REPORT_FAILED) naming the file, the row (1 = first data row) and column.
 */
export function parseRunTable<Row>(file: string, text: string, columns: TableColumns<Row>): Row[] {
  const header = text.split("\n", 1)[0].replace(/\r$/, "");
  if (header.trim() === "") fail(file, "empty, expected a CSV header line");
  const present = new Set(header.split(","));
  const names = Object.keys(columns) as (keyof Row & string)[];
  const missing = names.filter((c) => !present.has(c));
  if (missing.length > 0)
    fail(
      file,
      `missing column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `"${c}"`).join(", ")} (header: ${header})`,
    );
  return parseCsv(text).map((record, i) => {
    const row = {} as Record<string, unknown>;
    for (const c of names) row[c] = parseCell(file, i + 1, c, record[c], columns[c]);
    return row as Row;
  });
}
