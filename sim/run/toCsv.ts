/**
 * Serialises rows to CSV (RFC 4180 quoting). Numbers are written with JavaScript's shortest
 * round-trip form, so the same values always give the same bytes.
 */
export function toCsv<Row extends object>(
  rows: readonly Row[],
  columns: readonly (keyof Row & string)[],
  /** Columns with one value for every row, written first (the run's identity columns). */
  lead: Readonly<Record<string, unknown>> = {},
): string {
  const leadNames = Object.keys(lead);
  const prefix = leadNames.map((c) => `${formatCell(lead[c])},`).join("");
  const lines = [[...leadNames, ...columns].join(",")];
  for (const row of rows) lines.push(prefix + columns.map((c) => formatCell(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isNaN(value) ? "" : String(value);
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Parses CSV written by `toCsv` back to rows of strings (quoted cells, embedded newlines). */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  const [header, ...body] = records;
  return body.map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ""])));
}
