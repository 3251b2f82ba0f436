import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "../../reports/charts/chartStyle.ts";
import type { DefenceRow } from "./defenceRows.ts";

/** The attacker's gain over its honest twin under each defence: the mean and its 95 % interval, with zero marked. */
export function defenceGainSpec(rows: readonly DefenceRow[], objective: string): TopLevelSpec {
  const values = rows.filter((r) => r.gain !== null) as unknown as Record<string, unknown>[];
  const y = { field: "defence", type: "nominal" as const, sort: null, title: null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: { step: 26 },
    data: { values },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          x: { field: "gainLow", type: "quantitative", title: objective },
          x2: { field: "gainHigh" },
        },
      },
      {
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          y,
          x: { field: "gain", type: "quantitative" },
          color: { field: "gainBelowZero", type: "nominal", title: "below zero" },
          tooltip: [
            { field: "defence" },
            { field: "setting" },
            { field: "gain", format: ".4~g" },
            { field: "gainLow", format: ".4~g" },
            { field: "gainHigh", format: ".4~g" },
          ],
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", strokeDash: [4, 4] },
        encoding: { x: { field: "zero" } },
      },
    ],
  };
}
