import type { TopLevelSpec } from "vega-lite";
import {
  CHART_CONFIG,
  CHART_HEIGHT,
  CHART_WIDTH,
  VEGA_LITE_SCHEMA,
} from "../../reports/charts/chartStyle.ts";
import type { Importance } from "./parameterImportance.ts";

/** One scored evaluation: a candidate at a rung, after `spent` full-length runs of the budget. */
export interface ConvergencePoint {
  spent: number;
  candidate: number;
  rung: string;
  score: number;
  /** The best full-fidelity score so far (null before the first). */
  best: number | null;
}

/** Every evaluation's score against the runs spent, and the best full-fidelity score so far. */
export function convergenceSpec(points: readonly ConvergencePoint[], objective: string): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: points as unknown as Record<string, unknown>[] },
    layer: [
      {
        mark: { type: "point", filled: true, opacity: 0.6 },
        encoding: {
          x: { field: "spent", type: "quantitative", title: "runs spent (full-length equivalents)" },
          y: { field: "score", type: "quantitative", title: objective, scale: { zero: false } },
          color: { field: "rung", type: "nominal", title: "rung (epochs × seeds)" },
          tooltip: [{ field: "candidate" }, { field: "rung" }, { field: "score", format: ".4~g" }],
        },
      },
      {
        mark: { type: "line", interpolate: "step-after", color: "#222" },
        transform: [{ filter: "datum.best !== null" }],
        encoding: {
          x: { field: "spent", type: "quantitative" },
          y: { field: "best", type: "quantitative" },
        },
      },
    ],
  };
}

/** Each parameter's importance for the objective (|PRCC| for numeric parameters, η² for categorical). */
export function importanceSpec(importance: readonly Importance[]): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    width: Math.round(CHART_WIDTH * 0.75),
    height: { step: 24 },
    data: { values: importance.filter((i) => i.value !== null) as unknown as Record<string, unknown>[] },
    mark: "bar",
    encoding: {
      y: { field: "parameter", type: "nominal", sort: "-x", title: null },
      x: { field: "value", type: "quantitative", title: "importance", scale: { domain: [0, 1] } },
      color: { field: "measure", type: "nominal", title: "measure" },
      tooltip: [
        { field: "parameter" },
        { field: "measure" },
        { field: "value", format: ".3f" },
        { field: "n" },
      ],
    },
  };
}

/** Each search's best full-length score so far against the runs spent (one step line per method). */
export function bestSoFarSpec(
  rows: readonly { method: string; spent: number; best: number }[],
  objective: string,
): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows as unknown as Record<string, unknown>[] },
    mark: { type: "line", interpolate: "step-after", point: true },
    encoding: {
      x: { field: "spent", type: "quantitative", title: "runs spent (full-length equivalents)" },
      y: { field: "best", type: "quantitative", title: `best ${objective} so far`, scale: { zero: false } },
      color: { field: "method", type: "nominal", title: "optimizer" },
      tooltip: [{ field: "method" }, { field: "spent" }, { field: "best", format: ".4~g" }],
    },
  };
}
