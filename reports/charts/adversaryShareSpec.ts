import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { formatMetric } from "../headline/formatMetric.ts";
import { computeAdversaryShare } from "../metrics/computeAdversaryShare.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";
import { showPoints } from "./epochAxis.ts";

const SERIES = [
  { key: "rewardShare", label: "Share of all rewards", kind: "took" },
  { key: "minerRewardShare", label: "Share of miner rewards", kind: "took" },
  { key: "workShare", label: "Share of the work", kind: "put in" },
  { key: "stakeShare", label: "Share of stake", kind: "put in" },
] as const;

/**
 * What adversaries (strategy ≠ "honest") took against what they put in, per epoch: their share of
 * rewards (solid) against their share of the work and of stake (dashed). A resilient mechanism keeps
 * the solid lines at or below the dashed ones. Only meaningful when the run has adversaries.
 */
export function adversaryShareSpec(tables: RunTables): TopLevelSpec {
  const a = computeAdversaryShare(tables);
  const values = a.perEpoch.flatMap((e) =>
    SERIES.map((s) => ({ epoch: e.epoch, series: s.label, kind: s.kind, share: e[s.key] })),
  );
  const subtitle =
    a.adversaries === 0
      ? "No adversaries in this run"
      : `${a.adversaries} adversarial agent${a.adversaries === 1 ? "" : "s"} (${a.strategies.join(", ")}) took ${formatMetric(a.rewardShare, "percent")} ` +
        `of all rewards with ${formatMetric(a.workShare, "percent")} of the work and ` +
        `${formatMetric(a.stakeShare, "percent")} of the stake`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Adversaries' reward share vs. their share of work and stake",
      subtitle: [
        subtitle,
        "Solid: what they took; dashed: what they put in. Resilient: solid at or below dashed",
      ],
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values },
    mark: { type: "line", point: showPoints(a.perEpoch.length), strokeWidth: 2 },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "Epoch", axis: { tickMinStep: 1, format: "d" } },
      y: { field: "share", type: "quantitative", title: "Adversaries' share", axis: { format: ".0%" } },
      color: { field: "series", type: "nominal", title: "Adversaries'", sort: SERIES.map((s) => s.label) },
      // The dash is explained in the subtitle: a legend of dashes drawn as dots would not show it.
      strokeDash: { field: "kind", type: "nominal", sort: ["took", "put in"], legend: null },
      tooltip: [
        { field: "epoch", type: "quantitative", title: "Epoch" },
        { field: "series", type: "nominal", title: "Series" },
        { field: "share", type: "quantitative", title: "Share", format: ".1%" },
      ],
    },
  };
}
