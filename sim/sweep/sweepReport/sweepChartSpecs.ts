import type { TopLevelSpec } from "vega-lite";
import {
  CHART_CONFIG,
  CHART_HEIGHT,
  CHART_WIDTH,
  VEGA_LITE_SCHEMA,
} from "../../../reports/charts/chartStyle.ts";
import type { BandPoint, Sensitivity } from "./summarizeSweep.ts";

const BAND_WIDTH = Math.round(CHART_WIDTH * 0.75);
const BAND_HEIGHT = Math.round(CHART_HEIGHT * 0.75);

/**
 * A metric against one parameter: the mean at each value, a 95% bootstrap band over the runs there
 * (an area for numeric values, error bars for others), one colour per series.
 */
export function bandSpec(
  points: readonly BandPoint[],
  labels: { metric: string; parameter: string; series?: string },
): TopLevelSpec {
  const numeric = points.every((p) => typeof p.x === "number");
  const runs = points.map((p) => p.runs);
  const x = numeric
    ? { field: "x", type: "quantitative" as const, title: labels.parameter, scale: { zero: false } }
    : { field: "x", type: "ordinal" as const, title: labels.parameter };
  const y = { field: "mean", type: "quantitative" as const, title: labels.metric, scale: { zero: false } };
  // Series named by numbers sort as numbers (500 before 1000), the rest in order of appearance.
  const series = [...new Set(points.map((p) => p.series))];
  if (series.every((v) => Number.isFinite(Number(v)))) series.sort((a, b) => Number(a) - Number(b));
  const color =
    labels.series === undefined
      ? { value: "#4c78a8" }
      : { field: "series", type: "nominal" as const, title: labels.series, sort: series };
  const tooltip = [
    { field: "x", title: labels.parameter },
    ...(labels.series === undefined ? [] : [{ field: "series", title: labels.series }]),
    { field: "mean", title: "mean", format: ".4~g" },
    { field: "low", title: "95% CI low", format: ".4~g" },
    { field: "high", title: "95% CI high", format: ".4~g" },
    { field: "runs", title: "runs" },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${labels.metric} vs. ${labels.parameter}`,
      subtitle: `mean; band: 95% bootstrap CI over ${Math.min(...runs)}–${Math.max(...runs)} runs per value`,
    },
    config: CHART_CONFIG,
    width: BAND_WIDTH,
    height: BAND_HEIGHT,
    data: { values: points.map((p) => ({ ...p })) },
    encoding: { x, color },
    layer: [
      numeric
        ? {
            mark: { type: "area", opacity: 0.2 },
            encoding: { y: { ...y, field: "low" }, y2: { field: "high" } },
          }
        : {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: { y: { ...y, field: "low" }, y2: { field: "high" } },
          },
      { mark: { type: "line", point: true }, encoding: { y, tooltip } },
    ],
  } as TopLevelSpec;
}

/**
 * The metric's mean over the runs in each cell of two parameters: exact values for a grid or zip,
 * bins for random and latin-hypercube draws.
 */
export function heatmapSpec(
  rows: readonly { x: number | string; y: number | string; value: number }[],
  labels: { metric: string; x: string; y: string },
  binned: boolean,
): TopLevelSpec {
  const axis = (field: "x" | "y", title: string) =>
    binned
      ? { field, type: "quantitative" as const, bin: { maxbins: 8 }, title }
      : { field, type: "ordinal" as const, title, sort: field === "y" ? ("descending" as const) : undefined };
  const mean = {
    aggregate: "mean" as const,
    field: "value",
    type: "quantitative" as const,
    title: labels.metric,
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${labels.metric} over ${labels.x} × ${labels.y}`,
      subtitle: "mean over the runs in each cell",
    },
    config: CHART_CONFIG,
    width: BAND_WIDTH,
    height: BAND_HEIGHT,
    data: { values: rows.map((r) => ({ ...r })) },
    encoding: { x: axis("x", labels.x), y: axis("y", labels.y) },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: { ...mean, scale: { scheme: "viridis" } },
          tooltip: [mean, { aggregate: "count", type: "quantitative", title: "runs" }],
        },
      },
      {
        mark: { type: "text", fontSize: 11, color: "white" },
        encoding: { text: { ...mean, format: ".3~g" } },
      },
    ],
  } as TopLevelSpec;
}

/** Partial rank correlation of each parameter with each metric: −1 (red) … +1 (blue). */
export function sensitivitySpec(
  values: readonly Sensitivity[],
  labelOf: (metric: string) => string,
): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Which parameter moves each metric most",
      subtitle: "partial rank correlation coefficient (PRCC) over the complete runs; blank: undefined",
    },
    config: CHART_CONFIG,
    data: {
      values: values.map((s) => ({
        metric: labelOf(s.metric),
        parameter: s.parameter,
        prcc: s.prcc,
        rank: s.rank,
      })),
    },
    width: { step: 170 },
    height: { step: 40 },
    encoding: {
      x: {
        field: "parameter",
        type: "nominal",
        title: "parameter",
        sort: null,
        axis: { labelAngle: 0, labelLimit: 165 },
      },
      y: { field: "metric", type: "nominal", title: null, sort: null },
    },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "prcc",
            type: "quantitative",
            title: "PRCC",
            scale: { scheme: "redblue", domain: [-1, 1] },
          },
          tooltip: [
            { field: "metric" },
            { field: "parameter" },
            { field: "prcc", title: "PRCC", format: ".3f" },
            { field: "rank", title: "rank for this metric" },
          ],
        },
      },
      { mark: { type: "text", fontSize: 12 }, encoding: { text: { field: "prcc", format: ".2f" } } },
    ],
  } as TopLevelSpec;
}
