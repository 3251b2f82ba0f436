import { bootstrapMeanCi } from "../../../reports/metrics/bootstrapMeanCi.ts";
import { createRng } from "../../rng/createRng.ts";
import type { SweepPlanFile } from "../planSweep.ts";
import type { SweepRow } from "../sweepTable.ts";
import { partialRankCorrelation } from "./partialRankCorrelation.ts";

/** A metric's mean over the runs that share a parameter value (and, when given, a series value). */
export interface BandPoint {
  x: number | string;
  series: string;
  mean: number;
  low: number;
  high: number;
  runs: number;
}

export interface Sensitivity {
  metric: string;
  parameter: string;
  /** Partial rank correlation coefficient over the complete runs (null where undefined). */
  prcc: number | null;
  /** 1 = moves this metric most (by |prcc|); null when prcc is. */
  rank: number | null;
}

type Value = SweepRow[string];

/** A parameter value on a chart axis: numbers stay numbers, the rest become text. */
function axisValue(v: Value): number | string {
  return typeof v === "number" ? v : String(v);
}

/** A parameter as numbers for ranking: numbers as they are, booleans 0/1, text by first appearance. */
function numericColumn(rows: readonly SweepRow[], path: string): number[] {
  const order = new Map<string, number>();
  return rows.map((r) => {
    const v = r[path];
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    const key = String(v);
    if (!order.has(key)) order.set(key, order.size);
    return order.get(key) as number;
  });
}

/** Complete runs with a finite value of the metric. */
export function usableRows(rows: readonly SweepRow[], metric: string): SweepRow[] {
  return rows.filter(
    (r) => r.status === "complete" && typeof r[metric] === "number" && Number.isFinite(r[metric]),
  );
}

/**
 * The metric against one parameter: the mean at each value with a 95% percentile-bootstrap band over
 * the runs there (the replicates, and the other parameters' values unless `seriesBy` splits them
 * into one line each). Seeded from the sweep's root seed, so the page is reproducible.
 */
export function bandPoints(
  plan: SweepPlanFile,
  rows: readonly SweepRow[],
  metric: string,
  parameter: string,
  seriesBy?: string,
): BandPoint[] {
  const rng = createRng(plan.rootSeed).fork(`sweep-report/${metric}/${parameter}/${seriesBy ?? ""}`);
  const groups = new Map<string, { x: number | string; series: string; values: number[] }>();
  for (const r of usableRows(rows, metric)) {
    const x = axisValue(r[parameter]);
    const series = seriesBy === undefined ? "all runs" : String(r[seriesBy]);
    const key = JSON.stringify([x, series]);
    const g = groups.get(key) ?? { x, series, values: [] };
    g.values.push(r[metric] as number);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const ci = bootstrapMeanCi(g.values, rng, { resamples: 1000 });
    return { x: g.x, series: g.series, mean: ci.estimate, low: ci.low, high: ci.high, runs: g.values.length };
  });
}

/** Which swept parameter moves each metric most: PRCC over the complete runs, ranked by |PRCC|. */
export function sensitivities(plan: SweepPlanFile, rows: readonly SweepRow[]): Sensitivity[] {
  return plan.metrics.flatMap((metric) => {
    const usable = usableRows(rows, metric);
    const prcc =
      usable.length < 3
        ? plan.parameters.map(() => null)
        : partialRankCorrelation(
            plan.parameters.map((p) => numericColumn(usable, p)),
            usable.map((r) => r[metric] as number),
          );
    const order = plan.parameters
      .map((_, i) => i)
      .filter((i) => prcc[i] !== null)
      .sort((i, j) => Math.abs(prcc[j] as number) - Math.abs(prcc[i] as number));
    return plan.parameters.map((parameter, i) => {
      const at = order.indexOf(i);
      return { metric, parameter, prcc: prcc[i], rank: at === -1 ? null : at + 1 };
    });
  });
}
