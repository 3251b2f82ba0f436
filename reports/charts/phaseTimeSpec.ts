import type { TopLevelSpec } from "vega-lite";
import { PHASES, type RunTables } from "../../sim/run/runTables.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";

/** Up to this many epochs the chart draws one stacked bar per epoch; above it, a stacked area. */
const MAX_BAR_EPOCHS = 60;

/**
 * Wall time of each epoch-pipeline phase per epoch (ms), stacked in pipeline order; the subtitle
 * names the phase where most of the time went.
 */
export function phaseTimeSpec(tables: RunTables): TopLevelSpec {
  const phaseOrder: string[] = [...PHASES];
  for (const t of tables.timings) if (!phaseOrder.includes(t.phase)) phaseOrder.push(t.phase);
  const totals = new Map<string, number>();
  let totalMs = 0;
  for (const t of tables.timings) {
    totals.set(t.phase, (totals.get(t.phase) ?? 0) + t.ms);
    totalMs += t.ms;
  }
  const epochs = new Set(tables.timings.map((t) => t.epoch)).size;
  const slowest = [...totals.entries()].sort((a, b) => b[1] - a[1])[0];
  const subtitle =
    slowest && totalMs > 0
      ? `${(totalMs / 1000).toFixed(2)} s over ${epochs} epochs; most time in ${slowest[0]} ` +
        `(${((100 * slowest[1]) / totalMs).toFixed(0)}%)`
      : "No phase timings recorded";
  const asBars = epochs <= MAX_BAR_EPOCHS;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Wall time per phase per epoch", subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: {
      values: tables.timings.map((t) => ({
        epoch: t.epoch,
        phase: t.phase,
        phaseOrder: phaseOrder.indexOf(t.phase),
        ms: t.ms,
      })),
    },
    mark: asBars ? { type: "bar" } : { type: "area" },
    encoding: {
      x: asBars
        ? { field: "epoch", type: "ordinal", title: "Epoch", axis: { labelAngle: 0 } }
        : { field: "epoch", type: "quantitative", title: "Epoch", axis: { tickMinStep: 1, format: "d" } },
      y: { field: "ms", type: "quantitative", title: "Wall time (ms)", stack: "zero" },
      color: { field: "phase", type: "nominal", title: "Phase", sort: phaseOrder },
      order: { field: "phaseOrder", type: "quantitative" },
      tooltip: [
        { field: "epoch", type: "quantitative", title: "Epoch" },
        { field: "phase", type: "nominal", title: "Phase" },
        { field: "ms", type: "quantitative", title: "Wall time (ms)", format: ",.1f" },
      ],
    },
  };
}
