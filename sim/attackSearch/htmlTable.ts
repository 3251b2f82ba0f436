import { escapeHtml } from "../../reports/html/escapeHtml.ts";

/** A number for a table cell: whole numbers as they are, others to 5 significant digits. */
export const formatCell = (v: unknown): string =>
  typeof v === "number"
    ? Number.isInteger(v)
      ? String(v)
      : String(Number(v.toPrecision(5)))
    : v === null || v === undefined
      ? ""
      : String(v);

/** An HTML table of escaped cells (the search pages' tables). */
export function htmlTable(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return (
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>\n` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(formatCell(c))}</td>`).join("")}</tr>`).join("\n") +
    "\n</tbody></table>"
  );
}
