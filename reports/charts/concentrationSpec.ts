import type { TopLevelSpec } from "vega-lite";
import type { RunTables } from "../../sim/run/runTables.ts";
import { computeConcentrationByEpoch } from "../metrics/computeConcentrationByEpoch.ts";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./chartStyle.ts";
import { showPoints } from "./epochAxis.ts";

const PANEL_WIDTH = Math.round((CHART_WIDTH - 60) / 2);
const SERIES = ["Rewards", "Stake"];

/**
 * Reward and stake concentration over the epochs: Gini per epoch (rewards over miners, stake over
 * all agents) next to the Nakamoto coefficient (fewest agents holding more than half, all agents).
 */
export function concentrationSpec(tables: RunTables): TopLevelSpec {
  const rows = computeConcentrationByEpoch(tables);
  const values = rows.flatMap((r) => [
    { epoch: r.epoch, series: "Rewards", gini: r.giniMinerRewards, nakamoto: r.nakamotoRewards },
    { epoch: r.epoch, series: "Stake", gini: r.giniStake, nakamoto: r.nakamotoStake },
  ]);
  const last = rows.at(-1);
  const subtitle = last
    ? `Last epoch: Gini of miner rewards ${last.giniMinerRewards?.toFixed(3) ?? "n/a"}, ` +
      `Nakamoto coefficient of rewards ${last.nakamotoRewards ?? "n/a"} and of stake ${last.nakamotoStake ?? "n/a"}`
    : "No epochs recorded";
  const mark = { type: "line", point: showPoints(rows.length), strokeWidth: 2 } as const;
  const x = {
    field: "epoch",
    type: "quantitative",
    title: "Epoch",
    axis: { tickMinStep: 1, format: "d" },
  } as const;
  const color = { field: "series", type: "nominal", title: "Of", sort: SERIES } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Stake and reward concentration per epoch", subtitle },
    config: CHART_CONFIG,
    data: { values },
    hconcat: [
      {
        title: { text: "Gini (rewards: miners; stake: its holders)", fontSize: 13 },
        width: PANEL_WIDTH,
        height: CHART_HEIGHT,
        mark,
        encoding: {
          x,
          y: {
            field: "gini",
            type: "quantitative",
            title: "Gini (0 = equal, 1 = one takes all)",
            scale: { domain: [0, 1] },
          },
          color,
          tooltip: [
            { field: "epoch", type: "quantitative", title: "Epoch" },
            { field: "series", type: "nominal", title: "Of" },
            { field: "gini", type: "quantitative", title: "Gini", format: ".3f" },
          ],
        },
      },
      {
        title: { text: "Nakamoto coefficient (all agents)", fontSize: 13 },
        width: PANEL_WIDTH,
        height: CHART_HEIGHT,
        mark,
        encoding: {
          x,
          y: {
            field: "nakamoto",
            type: "quantitative",
            title: "Fewest agents holding > 50 %",
            axis: { tickMinStep: 1, format: "d" },
            scale: { zero: true },
          },
          color,
          tooltip: [
            { field: "epoch", type: "quantitative", title: "Epoch" },
            { field: "series", type: "nominal", title: "Of" },
            { field: "nakamoto", type: "quantitative", title: "Nakamoto coefficient" },
          ],
        },
      },
    ],
  };
}
