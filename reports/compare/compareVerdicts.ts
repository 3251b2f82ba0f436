import { CrucibleError } from "../../sim/errors/CrucibleError.ts";
import { HEADLINE_DEFINITIONS } from "../headline/headlineDefinitions.ts";
import type { Comparison, MetricComparison } from "./compareRuns.ts";

const fmt = (v: number) => Number(v.toPrecision(4)).toString();

/** One line per metric with a verdict, or the reason it has none: what `crucible compare` prints. */
export function compareVerdictLines(comparison: Comparison): string[] {
  return comparison.metrics
    .filter((m) => m.verdict !== "n/a" && m.verdict !== "same")
    .map((m) => {
      const d = m.difference as NonNullable<MetricComparison["difference"]>;
      const interval = d.n > 1 ? ` [${fmt(d.low)}, ${fmt(d.high)}]` : "";
      const how = m.paired ? `, paired over ${d.n} seeds` : d.n > 1 ? `, ${d.n}+ runs per side` : "";
      const verdict = m.verdict === "none" ? (m.reason ?? "no verdict") : m.verdict;
      return `${m.key}: B − A = ${fmt(d.estimate)}${interval}${how}: ${verdict}`;
    });
}

/** Parses `--fail-on metric[,metric]` into headline metric keys; an unknown name is bad input. */
export function parseFailOn(flag: string | undefined): string[] {
  if (flag === undefined) return [];
  const keys = flag
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  const known = new Set<string>(HEADLINE_DEFINITIONS.map((d) => d.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new CrucibleError(
      "CRUCIBLE_USAGE",
      `--fail-on: unknown metric ${unknown.join(", ")}; one of ${[...known].join(", ")}`,
    );
  }
  return keys;
}

/** The `--fail-on` metrics on which B is significantly worse than A (verdict "worse"). */
export function failedOn(comparison: Comparison, keys: readonly string[]): MetricComparison[] {
  return comparison.metrics.filter((m) => keys.includes(m.key) && m.verdict === "worse");
}
